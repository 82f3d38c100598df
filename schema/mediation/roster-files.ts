import { builder } from '../builder';
import { ForbiddenError, InputError, NotFoundError } from '../../db/errors';
import { exportRoster, importRoster, type ImportReport } from '../../db/mediation/roster-import';
import { sessionFor } from './common';
import { maxLength } from '../input-limits';

const RosterFormatEnum = builder.enumType('RosterFileFormat', {
  description: '名册文件格式。Roster file format.',
  values: { XLSX: { description: 'Excel 工作簿（.xlsx）。Excel workbook.' }, CSV: { description: 'UTF-8 CSV（带 BOM，Excel 可直接打开）。UTF-8 CSV with BOM.' } },
});

const RowOutcomeEnum = builder.enumType('RosterRowOutcome', {
  description: '导入时每行的结果。What happened to one row.',
  values: {
    CREATED: { description: '新增入库。Added to the roster.' },
    UPDATED: { description: '已更新资料（记录变更前后）。Profile updated.' },
    UNCHANGED: { description: '与名册一致，未变更。Same as stored; nothing changed.' },
    INVALID: { description: '有错误，未导入。Has errors; not imported.' },
  },
});

const RowIssue = builder.objectRef<{ field: string; message: string }>('RosterRowIssue').implement({
  description: '一行中的一个问题。One problem in a row.',
  fields: (t) => ({
    field: t.exposeString('field', { description: '列名（中文表头）。Column, by its Chinese header.' }),
    message: t.exposeString('message', { description: '中文说明。What is wrong, in Chinese.' }),
  }),
});

const RowReport = builder.objectRef<ImportReport['rows'][number]>('RosterRowReport').implement({
  description: '一行的导入结果。The outcome of one row.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: '文件中的行号（表头为第 1 行）。Line in the file; the header is line 1.' }),
    rosterKey: t.exposeString('rosterKey', { description: '编号。Roster number.' }),
    outcome: t.expose('outcome', { type: RowOutcomeEnum, description: '结果。Outcome.' }),
    issues: t.field({ type: [RowIssue], description: '问题（无则为空）。Problems.', resolve: (r) => r.issues }),
  }),
});

const ImportReportRef = builder.objectRef<ImportReport>('RosterImportReport').implement({
  description: '名册导入报告：有错误行且未选择只导入有效行时，什么都不写入。The import report; nothing is written when a row is invalid unless validRowsOnly.',
  fields: (t) => ({
    imported: t.exposeBoolean('imported', { description: '是否已写入。Whether anything was written.' }),
    created: t.exposeInt('created', { description: '新增人数。Added.' }),
    updated: t.exposeInt('updated', { description: '更新人数。Updated.' }),
    unchanged: t.exposeInt('unchanged', { description: '未变更人数。Unchanged.' }),
    invalid: t.exposeInt('invalid', { description: '错误行数。Invalid rows.' }),
    rows: t.field({ type: [RowReport], description: '逐行结果。Per row.', resolve: (r) => r.rows }),
  }),
});

const ImportInput = builder.inputType('ImportMediatorRosterInput', {
  description: '导入名册。Import a roster file.',
  fields: (t) => ({
    unitId: t.globalID({ required: true, description: '名册所属单位（管理员须管理该单位）。The roster’s unit.' }),
    format: t.field({ type: RosterFormatEnum, required: true, description: '格式。Format.' }),
    contentBase64: t.string({ required: true, description: '文件内容（Base64，最大约 5 MB）。File content, base64.', ...maxLength(7_000_000) }),
    validRowsOnly: t.boolean({ description: '有错误行时仍导入其余有效行（默认否：全部或全不）。Import the valid rows even if some are invalid.' }),
  }),
});

builder.mutationField('importMediatorRoster', (t) =>
  t.field({
    type: ImportReportRef,
    description: '从 .xlsx 或 .csv 导入调解员名册：逐行校验并报告；同一文件再次导入不产生变更。Import a roster from .xlsx or .csv; re-importing the same file changes nothing.',
    authScopes: { authenticated: true },
    errors: { types: [ForbiddenError, NotFoundError, InputError] },
    args: { input: t.arg({ type: ImportInput, required: true, description: '内容。Input.' }) },
    resolve: async (_root, { input }, ctx) =>
      importRoster(await sessionFor(ctx), { unitId: input.unitId.id, format: input.format, content: Buffer.from(input.contentBase64, 'base64'), validRowsOnly: input.validRowsOnly }),
  }),
);

const RosterExport = builder.objectRef<{ filename: string; content: Buffer; rows: number }>('RosterExport').implement({
  description: '导出的名册文件（格式与导入相同）。An exported roster file, in the import format.',
  fields: (t) => ({
    filename: t.exposeString('filename', { description: '建议文件名。Suggested file name.' }),
    rows: t.exposeInt('rows', { description: '调解员人数。Mediators in it.' }),
    contentBase64: t.string({ description: '文件内容（Base64）。File content, base64.', resolve: (e) => e.content.toString('base64') }),
  }),
});

builder.queryField('exportMediatorRoster', (t) =>
  t.field({
    type: RosterExport,
    description: '导出本单位的调解员名册（不含已解聘），可原样再导入。Export a unit’s roster (without removed mediators); it re-imports unchanged.',
    authScopes: { authenticated: true },
    args: {
      unitId: t.arg.globalID({ required: true, description: '名册所属单位。The roster’s unit.' }),
      format: t.arg({ type: RosterFormatEnum, required: true, description: '格式。Format.' }),
    },
    resolve: async (_root, args, ctx) => exportRoster(await sessionFor(ctx), { unitId: args.unitId.id, format: args.format }),
  }),
);
