import * as z from 'zod/mini';
import { apiKeyScopeLabels, apiKeyScopes, externalSystemLabels, externalSystems, type ExternalSystem } from '../../db/integrations/vocabulary';
import { createApiKey, listApiKeys, normaliseCidr, revokeApiKey, type ApiKeyRow } from '../../db/integrations/api-keys';
import { caseIdByExternalReference } from '../../db/integrations/external-references';
import { IntegrationError } from '../../db/integrations/errors';
import { channels } from '../../db/cases/vocabulary';
import { builder } from '../builder';
import { commonMutationErrors } from '../common/errors';
import { parseInput, text } from '../../db/common/validate';
import { IdempotencyConflictError, InputError } from '../../db/errors';
import { Case } from '../cases/case';
import { CaseStatusEnum, Channel } from '../cases/enums';
import { CaseEvent } from '../cases/event';
import { intakeFields } from '../cases/intake-mutations';
import { intakeCase, intakeSchema } from '../../db/cases/intake';
import { unitPathOf } from '../../db/units/service';
import type { Context } from '../context';
import './errors';

export const ApiKeyScopeEnum = builder.enumType('ApiKeyScope', {
  description: 'API 密钥的权限范围。What an API key may do.',
  values: Object.fromEntries(apiKeyScopes.map((scope) => [scope, { description: apiKeyScopeLabels[scope] }])) as Record<
    (typeof apiKeyScopes)[number],
    { description: string }
  >,
});

export const ExternalSystemEnum = builder.enumType('ExternalSystem', {
  description: '对接系统的类别（外部编号在同一对接账号、同一系统内唯一）。The integrator’s system.',
  values: Object.fromEntries(externalSystems.map((system) => [system, { description: externalSystemLabels[system] }])) as Record<
    ExternalSystem,
    { description: string }
  >,
});

const RateLimit = builder.objectRef<{ maximum: number; restorePerSecond: number }>('RateLimit').implement({
  description: '成本令牌桶：容量与每秒恢复点数。A cost bucket: its maximum and its restore rate per second.',
  fields: (t) => ({
    maximum: t.exposeFloat('maximum', { description: '桶容量（点）。Maximum points.' }),
    restorePerSecond: t.exposeFloat('restorePerSecond', { description: '每秒恢复点数。Points restored per second.' }),
  }),
});

function adminOf(ctx: Context) {
  return { accountId: ctx.actor!.accountId, unitPath: ctx.unitPath! };
}

export const ApiKey = builder.drizzleNode('apiKeys', {
  name: 'ApiKey',
  description: '对接系统的 API 密钥（密钥本身只在签发时显示一次）。An integrator’s API key; the secret is shown only when issued.',
  id: { column: (key) => key.id },
  // Administrators of the key's unit or above.
  authScopes: async (key, ctx) =>
    Boolean(ctx.unitPath && ctx.actor?.roles.includes('ADMIN') && (await unitPathOf(ctx.db, key.unitId)).startsWith(ctx.unitPath)),
  fields: (t) => ({
    name: t.exposeString('name', { description: '用途说明，例如“12345 热线 2026 年轮换”。What the key is for.' }),
    prefix: t.exposeString('prefix', { description: '密钥开头几位，用于辨认（不是密钥本身）。The first characters, to recognise it.' }),
    scopes: t.expose('scopes', { type: [ApiKeyScopeEnum], description: '权限范围。Scopes.' }),
    account: t.relation('account', { description: '密钥代表的对接账号。The integrator account it acts as.' }),
    unit: t.relation('unit', { description: '可见与提交的单位范围（含下级）。Unit subtree it works in.' }),
    allowedIps: t.exposeStringList('allowedIps', { description: '允许的来源地址（CIDR）；为空表示不限。Allowed client addresses; empty means any.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true, description: '到期时间。Expiry.' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: '最近使用时间（精确到分钟）。Last used (to the minute).' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true, description: '吊销时间。When it was revoked.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '签发时间。When it was issued.' }),
    rateLimit: t.field({
      type: RateLimit,
      nullable: true,
      description: '本密钥自己的令牌桶；为空时用对接系统角色的默认值。Its own bucket, or null for the role default.',
      resolve: (key) => (key.rateMaximum != null && key.rateRestorePerSecond != null ? { maximum: key.rateMaximum, restorePerSecond: key.rateRestorePerSecond } : null),
    }),
  }),
});

const RateLimitInput = builder.inputType('RateLimitInput', {
  description: '令牌桶设置。Bucket settings.',
  fields: (t) => ({
    maximum: t.int({ required: true, description: '容量（1–100000 点）。Maximum points.' }),
    restorePerSecond: t.float({ required: true, description: '每秒恢复（0.1–10000）。Restore rate per second.' }),
  }),
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: '签发 API 密钥。Issue an API key.',
  fields: (t) => ({
    accountId: t.globalID({ required: true, description: '对接账号（角色 INTEGRATOR）。The integrator account.' }),
    name: t.string({ required: true, description: '用途说明。What it is for.' }),
    scopes: t.field({ type: [ApiKeyScopeEnum], required: true, description: '权限范围，至少一项。Scopes, at least one.' }),
    unitId: t.globalID({ description: '单位范围，默认为对接账号的单位；须在其下。Unit subtree; defaults to the account’s unit.' }),
    allowedIps: t.stringList({ defaultValue: [], description: '允许的来源地址或网段，例如 203.0.113.0/24。Allowed addresses or CIDR blocks.' }),
    expiresAt: t.field({ type: 'DateTime', description: '到期时间（不填则长期有效）。Expiry; none means it does not expire.' }),
    rateLimit: t.field({ type: RateLimitInput, description: '本密钥自己的令牌桶。Its own cost bucket.' }),
  }),
});

const createKeySchema = z.object({
  name: text('用途说明', 1, 100),
  scopes: z.array(z.enum(apiKeyScopes)).check(z.minLength(1, '至少选择一项权限')),
  allowedIps: z.array(z.string()).check(z.maxLength(50, '来源地址最多 50 条')),
  rateLimit: z.nullish(
    z.object({
      maximum: z.number().check(z.minimum(1, '容量至少为 1'), z.maximum(100_000, '容量最多 100000')),
      restorePerSecond: z.number().check(z.minimum(0.1, '恢复速率至少 0.1'), z.maximum(10_000, '恢复速率最多 10000')),
    }),
  ),
});

const CreateApiKeyPayload = builder.objectRef<{ row: ApiKeyRow; secret: string }>('CreateApiKeyPayload').implement({
  description: '签发结果。The issued key.',
  fields: (t) => ({
    secret: t.exposeString('secret', { description: '密钥本身：只显示这一次，请立即保存。The secret, shown this once only.' }),
  }),
});
const ApiKeyPayload = builder.objectRef<{ row: ApiKeyRow }>('ApiKeyPayload').implement({
  description: '操作后的密钥。The key after the change.',
  fields: () => ({}),
});
// Both payloads name the key they are about.
for (const payload of [CreateApiKeyPayload, ApiKeyPayload] as const) {
  builder.objectField(payload as typeof ApiKeyPayload, 'apiKey', (t) =>
    t.drizzleField({
      type: ApiKey,
      description: '密钥信息。The key.',
      resolve: async (query, parent, _args, ctx) => (await ctx.db.query.apiKeys.findFirst(query({ where: { id: parent.row.id } })))!,
    }),
  );
}

const adminScopes = { $all: { role: 'ADMIN', unitMember: true } } as const;
const keyErrors = [...commonMutationErrors, IntegrationError];

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreateApiKeyPayload,
    description: '为本单位及下级的对接账号签发 API 密钥（可同时持有多把，便于轮换）。Issue an API key to an integrator account.',
    authScopes: adminScopes,
    errors: { types: keyErrors },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true, description: '密钥设置。Settings.' }) },
    resolve: async (_root, { input }, ctx) => {
      const parsed = parseInput(createKeySchema, input);
      const allowedIps = parsed.allowedIps.map((value: string, index: number) => {
        const cidr = normaliseCidr(value);
        if (!cidr) throw InputError.forField(`allowedIps.${index}`, `“${value}”不是合法的地址或网段`);
        return cidr;
      });
      if (input.expiresAt && input.expiresAt <= ctx.now()) throw InputError.forField('expiresAt', '到期时间必须晚于现在');
      return createApiKey(
        ctx.db,
        adminOf(ctx),
        { accountId: input.accountId.id, name: parsed.name, scopes: parsed.scopes, unitId: input.unitId?.id, allowedIps, expiresAt: input.expiresAt, rateLimit: parsed.rateLimit },
        ctx.now(),
      );
    },
  }),
  revokeApiKey: t.field({
    type: ApiKeyPayload,
    description: '立即吊销 API 密钥（已吊销的保持首次吊销时间）。Revoke an API key at once.',
    authScopes: adminScopes,
    errors: { types: keyErrors },
    args: { id: t.arg.globalID({ required: true, description: '密钥。The key.' }) },
    resolve: async (_root, { id }, ctx) => ({ row: await revokeApiKey(ctx.db, adminOf(ctx), id.id, ctx.now()) }),
  }),
}));


builder.queryFields((t) => ({
  apiKeys: t.drizzleField({
    type: [ApiKey],
    description: '本单位及下级对接账号的 API 密钥，新的在前。API keys within your subtree, newest first.',
    authScopes: adminScopes,
    args: { accountId: t.arg.globalID({ description: '只看这个对接账号的。Only this account’s keys.' }) },
    resolve: async (query, _root, args, ctx) => {
      const ids = (await listApiKeys(ctx.db, adminOf(ctx), args.accountId?.id)).map((row) => row.id);
      if (ids.length === 0) return [];
      return ctx.db.query.apiKeys.findMany(query({ where: { id: { in: ids } }, orderBy: { createdAt: 'desc', id: 'desc' } }));
    },
  }),
}));

// ---- Filing by external reference -------------------------------------------------------------------------

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

const ApiKeyUse = builder.objectRef<{ name: string; prefix: string }>('ApiKeyUse').implement({
  description: '历史记录中使用的 API 密钥（只显示开头几位）。The API key an entry was made with.',
  fields: (t) => ({
    name: t.exposeString('name', { description: '用途说明。What the key is for.' }),
    prefix: t.exposeString('prefix', { description: '密钥开头几位。The first characters.' }),
  }),
});

builder.drizzleObjectField(CaseEvent, 'apiKey', (t) =>
  t.field({
    type: ApiKeyUse,
    nullable: true,
    description: '对接系统用 API 密钥操作时为该密钥；人员操作为 null。The API key used, when an integrator acted through one.',
    authScopes: { unitMember: true },
    unauthorizedResolver: () => null,
    select: { with: { apiKey: { columns: { name: true, prefix: true } } } },
    resolve: (event) => (event as { apiKey?: { name: string; prefix: string } | null }).apiKey ?? null,
  }),
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
