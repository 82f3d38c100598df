/** API keys: what an administrator issues to an integrator account, lists and revokes, and where a key shows in a history. */
import { findManyPlanned } from '../../db/relational-plans';
import * as z from 'zod/mini';
import { apiKeyScopes } from '../../db/integrations/vocabulary';
import { createApiKey, listApiKeys, normaliseCidr, revokeApiKey, type ApiKeyRow } from '../../db/integrations/api-keys';
import { IntegrationError } from '../../db/integrations/errors';
import { builder } from '../builder';
import { commonMutationErrors } from '../errors';
import { parseInput, text } from '../../db/common/validate';
import { InputError } from '../../db/errors';
import { CaseEvent } from '../cases/event';
import { unitPathOf } from '../../db/units/service';
import type { Context } from '../context';
import { ApiKeyScopeEnum } from './enums';

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
    resolve: async (_root, { id }, ctx) => {
      const row = await revokeApiKey(ctx.db, adminOf(ctx), id.id, ctx.now());
      // this instance's copy of the key goes now; other instances refuse it once theirs is older than the cache time
      ctx.integration?.forgetApiKey(row.id);
      return { row };
    },
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
      return findManyPlanned(ctx.db, 'apiKeys', query({ where: { id: { in: ids } }, orderBy: { createdAt: 'desc', id: 'desc' } }));
    },
  }),
}));

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

