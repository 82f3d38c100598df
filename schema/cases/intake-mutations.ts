import { builder } from '../builder';
import { caseMutationErrors } from './action-mutations';
import { maxItems, maxLength } from '../input-limits';
import { caseInputLimits } from '../../db/cases/text-limits';
import { ForbiddenError, IdempotencyConflictError } from '../../db/errors';
import { commonMutationErrors } from '../common/errors';
import { parseInput } from '../../db/common/validate';
import { Case } from './case';
import { CaseKind, Channel } from './enums';
import { PetitionerKind } from '../petitioners/types';
import { assertMayRegister, caseReceipt, intakeCase, intakeSchema, receivingUnitForPlace, type CaseReceipt } from '../../db/cases/intake';
import { canReadCase, type CaseVisibilityFacts } from '../../db/cases/visibility';
import { viewerOf } from '../../db/cases/service';

const PersonInput = builder.inputType('PersonInput', {
  description: '个人或组织的身份信息。A person or organisation.',
  fields: (t) => ({
    kind: t.field({ type: PetitionerKind, defaultValue: 'PERSON', description: '类别。Kind.' }),
    name: t.string({ required: true, description: '姓名或名称。Name.' }),
    identityNumber: t.string({ description: '身份证号（个人）或统一社会信用代码（组织），校验位会被检查。ID number, check digit verified.' }),
    mobile: t.string({ description: '手机号（11 位，1[3-9] 开头）。Mobile number.' }),
    address: t.string({ description: '地址。Address.' }),
  }),
});

const PetitionerRoleInput = builder.enumType('PetitionerRoleInput', {
  description: '信访人身份（代理人另用 agent 字段）。Role of a petitioner.',
  values: {
    PRIMARY: { description: '主信访人' },
    CO_PETITIONER: { description: '共同信访人' },
    REPRESENTATIVE: { description: '集体访代表（至多 5 人）' },
  },
});

const PetitionerInput = builder.inputType('PetitionerInput', {
  description: '一名信访人。One petitioner.',
  fields: (t) => ({
    kind: t.field({ type: PetitionerKind, defaultValue: 'PERSON', description: '类别。Kind.' }),
    name: t.string({ required: true, description: '姓名或名称。Name.' }),
    identityNumber: t.string({ description: '证件号。ID number.' }),
    mobile: t.string({ description: '手机号。Mobile.' }),
    address: t.string({ description: '地址。Address.' }),
    role: t.field({
      type: PetitionerRoleInput,
      description:
        '身份。登记时须恰有一名 PRIMARY，唯一一名且未填身份的信访人即为主信访人；网上信访时本人即主信访人，此处不能再填 PRIMARY；其余未填者为共同信访人。所填身份从不被改动。' +
        ' Role. registerCase needs exactly one PRIMARY, except that a lone petitioner with no role is the primary; in submitPetition the filer is the primary and the list may not name one; others without a role are co-petitioners. A stated role is never changed.',
    }),
  }),
});

export const intakeFields = (t: PothosSchemaTypes.InputFieldBuilder<any, 'InputObject'>) => ({
  idempotencyKey: t.string({
    required: true,
    description: '幂等键（8–100 字符）：同键同内容重试返回首次结果，同键不同内容报错。Idempotency key.',
  }),
  kind: t.field({ type: CaseKind, required: true, description: '类别。Kind.' }),
  category: t.string({ required: true, description: '问题分类。Category.' }),
  title: t.string({ required: true, description: '标题。Title.' }),
  content: t.string({ required: true, description: '诉求内容。Content.', ...maxLength(caseInputLimits.content) }),
  placeCode: t.string({ required: true, description: '事发地行政区划代码。Division code of the place.' }),
  receivedOn: t.field({ type: 'Date', required: true, description: '收件日期，不得晚于今天。Date received; never in the future.' }),
  petitioners: t.field({ type: [PetitionerInput], required: true, defaultValue: [], description: '信访人；网上信访时本人自动作为主信访人，此处填共同信访人。Petitioners.', ...maxItems(caseInputLimits.petitioners) }),
  agent: t.field({ type: PersonInput, description: '代理人/代办人（“两代”）。Agent filing on their behalf.' }),
  accusedUnitId: t.globalID({ description: '被检举控告的单位（仅检举控告类）。Accused unit.' }),
  accusedPerson: t.string({ description: '被检举控告人（仅检举控告类）。Accused person.' }),
});

const RegisterCaseInput = builder.inputType('RegisterCaseInput', {
  description: '工作人员登记任一渠道收到的信访事项。A case received on any channel.',
  fields: (t) => ({
    ...intakeFields(t),
    channel: t.field({ type: Channel, required: true, description: '渠道。Channel.' }),
    registeredAt: t.field({
      type: 'DateTime',
      description: '实际登记时间（补录时填写；默认当前），不得早于收件日期、不得晚于当前；登记记录与各期限自此起算。When registration really happened (late entry): not before receivedOn, not in the future.',
    }),
  }),
});

const SubmitPetitionInput = builder.inputType('SubmitPetitionInput', {
  description: '信访人网上提交信访事项（本人为主信访人）。A petitioner files online.',
  fields: (t) => intakeFields(t),
});

const CaseReceiptRef = builder.objectRef<CaseReceipt>('CaseReceipt').implement({
  description:
    '登记回执：交给信访人的编号与查询码，以及现在由谁办理；即使登记人此后无权查看该事项（在被检举单位登记的检举控告）也会给出。' +
    ' The receipt for the petitioner: number, query code and who handles it now; given even when the registering clerk may not read the case afterwards.',
  fields: (t) => ({
    number: t.exposeString('number', { description: '信访件编号。Case number.' }),
    queryCode: t.exposeString('queryCode', { description: '查询码：信访人凭编号与查询码免登录查询进度（caseStatus）。Query code for the public lookup.' }),
    receivedOn: t.expose('receivedOn', { type: 'Date', description: '收件日期。Date received.' }),
    unitName: t.exposeString('unitName', { description: '现在办理的单位名称。Name of the unit handling it now.' }),
    routedToCompetentOrgan: t.exposeBoolean('routedToCompetentOrgan', {
      description:
        '是否因在被检举单位（或其下级）登记而即时转送有管辖权的纪检监察机关（unitName 即该机关）。' +
        ' Routed at registration to the competent discipline inspection organ (unitName), because it was registered at the unit it accuses.',
    }),
    notice: t.exposeString('notice', { description: '回执文字，可向信访人宣读或打印。The receipt in words, to read out or print.' }),
  }),
});

const CaseIntakePayload = builder.objectRef<{ caseId: string; replayed: boolean }>('CaseIntakePayload').implement({
  description: '登记结果。The registered case.',
  fields: (t) => ({
    replayed: t.exposeBoolean('replayed', {
      description: '是否为同一幂等键的重放（未新建事项）。True when an earlier request was replayed.',
    }),
    receipt: t.field({
      type: CaseReceiptRef,
      description: '登记回执（编号、查询码、办理单位）。The receipt: number, query code, handling unit.',
      resolve: (payload, _args, ctx) => caseReceipt(ctx.db, payload.caseId),
    }),
  }),
});

builder.objectField(CaseIntakePayload, 'case', (t) =>
  t.drizzleField({
    type: Case,
    nullable: true,
    description:
      '登记的事项；你无权查看时为 null（在被检举单位登记的检举控告已转走，见 receipt）。' +
      ' The case; null when you may not read it (an accusation against your own unit was routed away, see receipt).',
    resolve: async (query, payload, _args, ctx) => {
      const row = await ctx.db.query.cases.findFirst(query({ where: { id: payload.caseId } }));
      // The query selects the visibility columns (Case's select); Pothos types the row as its query marker.
      return row && canReadCase(viewerOf(ctx), row as unknown as CaseVisibilityFacts) ? row : null;
    },
  }),
);


builder.mutationFields((t) => ({
  registerCase: t.field({
    type: CaseIntakePayload,
    description: '登记信访事项（来信、来访、网上、电话、短信、12345、转来），登记单位为本账号所属单位。Register a case at your unit.',
    // Signed in is enough to reach the resolver, so a petitioner is told where to file instead of a bare refusal.
    authScopes: { authenticated: true },
    errors: { types: caseMutationErrors },
    args: { input: t.arg({ type: RegisterCaseInput, required: true, description: '事项内容。The case.' }) },
    resolve: async (_root, { input }, ctx) => {
      assertMayRegister(ctx.actor!);
      const parsed = parseInput(intakeSchema, { ...input, registeredAt: input.registeredAt ?? undefined, accusedUnitId: input.accusedUnitId?.id });
      return intakeCase(ctx.db, ctx.actor!, parsed, {
        receivingUnitId: ctx.actor!.unitId!,
        operation: 'registerCase',
        now: ctx.now(),
      });
    },
  }),
  submitPetition: t.field({
    type: CaseIntakePayload,
    description: '信访人网上提交信访事项，由事发地的信访部门接收。A petitioner files online; the place’s petition office receives it.',
    authScopes: { role: 'PETITIONER' },
    errors: { types: caseMutationErrors },
    args: { input: t.arg({ type: SubmitPetitionInput, required: true, description: '事项内容。The petition.' }) },
    resolve: async (_root, { input }, ctx) => {
      if (!ctx.actor!.petitionerId) throw new ForbiddenError('该账号未完成实名认证，不能网上信访');
      const parsed = parseInput(intakeSchema, { ...input, channel: 'ONLINE', accusedUnitId: input.accusedUnitId?.id });
      return intakeCase(ctx.db, ctx.actor!, parsed, {
        receivingUnitId: await receivingUnitForPlace(ctx.db, parsed.placeCode),
        operation: 'submitPetition',
        now: ctx.now(),
        primaryPetitionerId: ctx.actor!.petitionerId,
      });
    },
  }),
}));

