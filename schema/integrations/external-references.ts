/** Filing by external reference: an integrator submits a case under its own reference and finds it again by it. */
import { type ExternalSystem } from '../../db/integrations/vocabulary';
import { caseIdByExternalReference } from '../../db/integrations/external-references';
import { IntegrationError } from '../../db/integrations/errors';
import { channels } from '../../db/cases/vocabulary';
import { builder } from '../builder';
import { commonMutationErrors } from '../errors';
import { parseInput, text } from '../../db/common/validate';
import { IdempotencyConflictError } from '../../db/errors';
import { Case } from '../cases/case';
import { CaseStatusEnum, Channel } from '../cases/enums';
import { intakeFields } from '../cases/intake-mutations';
import { intakeCase, intakeSchema } from '../../db/cases/intake';
import { ExternalSystemEnum } from './enums';

const ExternalReferenceRef = builder.drizzleObject('externalReferences', {
  name: 'ExternalReference',
  description: '对接系统自己的编号与时限（例如 12345 工单号及其办结时限），与本系统的法定时限并列保存。An integrator’s own reference and deadline.',
  fields: (t) => ({
    system: t.expose('system', { type: ExternalSystemEnum, description: '对接系统。The system.' }),
    reference: t.exposeString('reference', { description: '外部编号。Their reference.' }),
    dueAt: t.expose('externalDueAt', { type: 'DateTime', nullable: true, description: '对方系统的时限（不影响本系统法定时限）。Their deadline; ours are unaffected.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '提交时间。When it was filed.' }),
  }),
});

builder.drizzleObjectField(Case, 'externalReferences', (t) =>
  t.relation('externalReferences', { type: ExternalReferenceRef, description: '对接系统的编号与时限。Integrators’ references and deadlines.', query: { orderBy: { createdAt: 'asc' } } }),
);

/** Which channel a system's cases arrive on, unless the integrator says otherwise. */
const channelOfSystem: Record<ExternalSystem, (typeof channels)[number]> = {
  HOTLINE_12345: 'HOTLINE_12345',
  JIEFENMA: 'TRANSFER',
  SMS_GATEWAY: 'SMS',
  PROVINCIAL: 'TRANSFER',
  OPEN311: 'ONLINE',
  OTHER: 'TRANSFER',
};

const SubmitCaseFromIntegrationInput = builder.inputType('SubmitCaseFromIntegrationInput', {
  description: '对接系统按自己的编号提交事项（同一编号只建一件）。An integrator files a case under its own reference.',
  fields: (t) => ({
    ...intakeFields(t),
    externalSystem: t.field({ type: ExternalSystemEnum, required: true, description: '对接系统。Your system.' }),
    externalReference: t.string({ required: true, description: '你方编号（1–100 字符），例如 12345 工单号。Your reference.' }),
    externalDueAt: t.field({ type: 'DateTime', description: '你方时限，例如 12345 工单的办结时限。Your own deadline.' }),
    channel: t.field({ type: Channel, description: '渠道，默认按对接系统推定。Channel; derived from the system if omitted.' }),
  }),
});

const SubmitCaseFromIntegrationPayload = builder
  .objectRef<{ caseId: string; replayed: boolean; number: string; status: string }>('SubmitCaseFromIntegrationPayload')
  .implement({
    description: '提交结果（无读取权限的密钥也能得到编号）。The filed case; its number even for keys that may not read cases.',
    fields: (t) => ({
      replayed: t.exposeBoolean('replayed', { description: '是否为重复提交（同一幂等键或同一外部编号），未新建事项。True when an earlier submission was found.' }),
      caseId: t.id({ description: '事项的全局 ID。Global ID of the case.', resolve: (p) => Buffer.from(`Case:${p.caseId}`).toString('base64') }),
      number: t.exposeString('number', { description: '信访件编号。Case number.' }),
      status: t.field({ type: CaseStatusEnum, description: '当前状态。Status now.', resolve: (p) => p.status as never }),
    }),
  });
builder.objectField(SubmitCaseFromIntegrationPayload, 'case', (t) =>
  t.drizzleField({
    type: Case,
    nullable: true,
    description: '事项详情（需要 CASES_READ）。The case, if you may read it.',
    resolve: (query, payload, _args, ctx) => ctx.db.query.cases.findFirst(query({ where: { id: payload.caseId } })).then((row) => row ?? null),
  }),
);

const externalReferenceSchema = text('外部编号', 1, 100);

builder.mutationFields((t) => ({
  submitCaseFromIntegration: t.field({
    type: SubmitCaseFromIntegrationPayload,
    description:
      '对接系统（12345、解纷码、短信网关等）按自己的编号提交事项，登记单位为密钥的单位；同一编号重复提交返回首次的事项。File a case under your own reference.',
    skipTypeScopes: true,
    authScopes: { $all: { role: 'INTEGRATOR', unitMember: true, apiKeyScope: 'CASES_FILE' } },
    errors: { types: [...commonMutationErrors, IdempotencyConflictError, IntegrationError] },
    args: { input: t.arg({ type: SubmitCaseFromIntegrationInput, required: true, description: '事项与外部编号。The case and your reference.' }) },
    resolve: async (_root, { input }, ctx) => {
      const reference = parseInput(externalReferenceSchema, input.externalReference);
      const channel = input.channel ?? channelOfSystem[input.externalSystem];
      const parsed = parseInput(intakeSchema, { ...input, channel, accusedUnitId: input.accusedUnitId?.id });
      const result = await intakeCase(ctx.db, ctx.actor!, parsed, {
        receivingUnitId: ctx.actor!.unitId!,
        operation: 'submitCaseFromIntegration',
        now: ctx.now(),
        externalReference: { system: input.externalSystem, reference, dueAt: input.externalDueAt ?? null },
      });
      const row = await ctx.db.query.cases.findFirst({ where: { id: result.caseId }, columns: { number: true, status: true } });
      return { ...result, number: row!.number, status: row!.status };
    },
  }),
}));

builder.queryFields((t) => ({
  caseByExternalRef: t.drizzleField({
    type: Case,
    nullable: true,
    description: '按你方系统与编号查找你提交的事项（编号在对接账号内唯一）。Your case by your system and reference.',
    skipTypeScopes: true,
    authScopes: { $all: { role: 'INTEGRATOR', apiKeyScope: 'CASES_READ' } },
    args: {
      system: t.arg({ type: ExternalSystemEnum, required: true, description: '对接系统。Your system.' }),
      ref: t.arg.string({ required: true, description: '你方编号。Your reference.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const caseId = await caseIdByExternalReference(ctx.db, ctx.actor!.accountId, args.system, args.ref);
      if (!caseId) return null;
      return (await ctx.db.query.cases.findFirst(query({ where: { id: caseId } }))) ?? null;
    },
  }),
}));
