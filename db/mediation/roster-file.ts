/**
 * Roster files (.xlsx with exceljs, .csv with csv-parse / csv-stringify): one sheet, one header row in
 * Chinese, one mediator a row, the vocabulary's Chinese labels as values. Export writes exactly what
 * import reads, so a roster round-trips. The three libraries load on first use (dynamic import): exceljs and its
 * zip/stream tree are ~750 KiB of the API bundle that only a roster import or export ever runs.
 */
import type ExcelJS from 'exceljs';
import { backgroundLabels, genderLabels, mediatorGradeLabels, specialtyLabels } from './vocabulary';

export type RosterFormat = 'XLSX' | 'CSV';

export const rosterColumns = [
  ['rosterKey', '编号'],
  ['name', '姓名'],
  ['gender', '性别'],
  ['birthYear', '出生年份'],
  ['background', '背景'],
  ['specialties', '专长'],
  ['languages', '语言方言'],
  ['homeDivisionCode', '所在村（社区）代码'],
  ['householdCode', '户号'],
  ['mobile', '手机号'],
  ['identityNumber', '身份证号'],
  ['grade', '等级'],
  ['termStartsOn', '聘期开始'],
] as const;

export type RosterCells = Record<(typeof rosterColumns)[number][0], string>;

/** A file that cannot be read as a roster at all (not a spreadsheet, no header, unknown columns). */
export class RosterFileError extends Error {}

const reverse = (labels: Record<string, string>) => new Map(Object.entries(labels).map(([code, label]) => [label, code]));
const fromLabel = { gender: reverse(genderLabels), background: reverse(backgroundLabels), grade: reverse(mediatorGradeLabels), specialty: reverse(specialtyLabels) };
// 、 , ， ; ；  escaped: a non-ASCII regex literal makes V8 hold the whole server bundle's source as two-byte text
const LIST_SEPARATORS = /[\u3001,\uff0c;\uff1b]/;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
  }
  return String(value);
}

function rowsFromMatrix(matrix: string[][]): { line: number; cells: RosterCells }[] {
  const [header, ...rest] = matrix;
  if (!header) throw new RosterFileError('文件为空：没有表头');
  const names = header.map((h) => h.trim());
  const index = new Map(names.map((n, i) => [n, i]));
  const missing = rosterColumns.filter(([key, label]) => key !== 'termStartsOn' && !index.has(label)).map(([, label]) => label);
  if (missing.length) throw new RosterFileError(`缺少列：${missing.join('、')}（第一行应为表头）`);
  return rest
    .map((row, i) => ({ line: i + 2, row }))
    .filter(({ row }) => row.some((c) => c.trim() !== ''))
    .map(({ line, row }) => ({
      line,
      cells: Object.fromEntries(rosterColumns.map(([key, label]) => [key, (row[index.get(label) ?? -1] ?? '').trim()])) as RosterCells,
    }));
}

export async function readRosterFile(format: RosterFormat, content: Buffer): Promise<{ line: number; cells: RosterCells }[]> {
  if (format === 'CSV') {
    const { parse } = await import('csv-parse/sync');
    let matrix: string[][];
    try {
      matrix = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    } catch (error) {
      throw new RosterFileError(`CSV 文件无法解析：${(error as Error).message}`);
    }
    return rowsFromMatrix(matrix);
  }
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new RosterFileError('不是有效的 .xlsx 文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RosterFileError('工作簿中没有工作表');
  const matrix: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = row.values as ExcelJS.CellValue[];
    matrix[number - 1] = Array.from({ length: Math.max(values.length - 1, 0) }, (_v, i) => cellText(values[i + 1]));
  });
  for (let i = 0; i < matrix.length; i++) matrix[i] ??= [];
  return rowsFromMatrix(matrix);
}

/** Cells → the record the roster validator takes; unknown labels stay as typed so the validator names them. */
export function recordFromCells(cells: RosterCells): Record<string, unknown> {
  const year = Number(cells.birthYear);
  return {
    rosterKey: cells.rosterKey,
    name: cells.name,
    gender: fromLabel.gender.get(cells.gender) ?? cells.gender,
    birthYear: cells.birthYear && Number.isFinite(year) ? year : cells.birthYear,
    background: fromLabel.background.get(cells.background) ?? cells.background,
    specialties: cells.specialties ? cells.specialties.split(LIST_SEPARATORS).map((s) => s.trim()).filter(Boolean).map((s) => fromLabel.specialty.get(s) ?? s) : [],
    languages: cells.languages ? cells.languages.split(LIST_SEPARATORS).map((s) => s.trim()).filter(Boolean) : [],
    homeDivisionCode: cells.homeDivisionCode,
    householdCode: cells.householdCode || null,
    mobile: cells.mobile || null,
    identityNumber: cells.identityNumber || null,
    grade: fromLabel.grade.get(cells.grade) ?? cells.grade,
    termStartsOn: cells.termStartsOn || null,
  };
}

export interface ExportRow {
  rosterKey: string;
  name: string;
  gender: keyof typeof genderLabels;
  birthYear: number;
  background: keyof typeof backgroundLabels;
  specialties: (keyof typeof specialtyLabels)[];
  languages: string[];
  homeDivisionCode: string;
  householdCode: string | null;
  mobile: string | null;
  identityNumber: string | null;
  grade: keyof typeof mediatorGradeLabels;
  termStartsOn: string | null;
}

function cellsOf(row: ExportRow): string[] {
  return [
    row.rosterKey,
    row.name,
    genderLabels[row.gender],
    String(row.birthYear),
    backgroundLabels[row.background],
    row.specialties.map((s) => specialtyLabels[s]).join('、'),
    row.languages.join('、'),
    row.homeDivisionCode,
    row.householdCode ?? '',
    row.mobile ?? '',
    row.identityNumber ?? '',
    mediatorGradeLabels[row.grade],
    row.termStartsOn ?? '',
  ];
}

export async function writeRosterFile(format: RosterFormat, rows: readonly ExportRow[]): Promise<Buffer> {
  const header = rosterColumns.map(([, label]) => label);
  if (format === 'CSV') {
    const { stringify } = await import('csv-stringify/sync');
    return Buffer.from(`\uFEFF${stringify([header, ...rows.map(cellsOf)])}`, 'utf8');
  }
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('调解员名册');
  sheet.addRow(header);
  // Text cells throughout: codes and numbers with leading zeros must not become numbers.
  for (const row of rows) sheet.addRow(cellsOf(row));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
