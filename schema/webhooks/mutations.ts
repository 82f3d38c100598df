import { createEndpoint, redeliver, replay, rotateSecret, updateEndpoint, type WebhookConfig } from '../../db/webhooks/service';
import { WebhookRuleError } from '../../db/webhooks/errors';
import type { WebhookEndpointRow } from '../../db/schema';
import { builder } from '../builder';
import { commonMutationErrors } from '../errors';
import type { Context } from '../context';
import { StreamTypeEnum, positionOf } from '../events/types';
import { WebhookEndpoint, WebhookMessage } from './types';

const errors = { types: [...commonMutationErrors, WebhookRuleError] };
const managers = { role: ['ADMIN', 'INTEGRATOR'] as ('ADMIN' | 'INTEGRATOR')[] };
const configOf = (ctx: Context): WebhookConfig => ctx.webhooks ?? { allowedRanges: [] };

const EndpointWithSecret = builder.objectRef<{ endpoint: WebhookEndpointRow; secret: string }>('WebhookEndpointSecret').implement({
  description: '端点及其签名密钥（只在创建和轮换时返回一次，请妥善保存）。The endpoint and its signing secret, shown only now.',
  fields: (t) => ({
    endpoint: t.field({ type: WebhookEndpoint, description: '端点。Endpoint.', resolve: (r) => r.endpoint }),
    secret: t.exposeString('secret', { description: 'whsec_ 开头的签名密钥。The whsec_ signing secret.' }),
  }),
});

const CreateInput = builder.inputType('CreateWebhookEndpointInput', {
  description: '新建 webhook 端点。A new endpoint.',
  fields: (t) => ({
    url: t.string({ required: true, description: '接收地址（http/https；内网、回环、链路本地地址被拒）。Receiver URL.' }),
    unitId: t.globalID({ description: '范围单位，默认本单位；须在本单位子树内。Scope unit (default: yours).' }),
    eventTypes: t.stringList({ description: '事件类型，空为全部。Event types; empty means all.' }),
    streamTypes: t.field({ type: [StreamTypeEnum], description: '事件流类型，空为全部。Stream types; empty means all.' }),
    description: t.string({ description: '说明（至多 200 字）。Description.' }),
  }),
});

const UpdateInput = builder.inputType('UpdateWebhookEndpointInput', {
  description: '修改 webhook 端点（只改给出的字段）。Changes to an endpoint; only the given fields change.',
  fields: (t) => ({
    id: t.globalID({ required: true, description: '端点。Endpoint.' }),
    url: t.string({ description: '接收地址。Receiver URL.' }),
    eventTypes: t.stringList({ description: '事件类型。Event types.' }),
    streamTypes: t.field({ type: [StreamTypeEnum], description: '事件流类型。Stream types.' }),
    description: t.string({ description: '说明。Description.' }),
    enabled: t.boolean({ description: 'true 重新启用（失败记录清零），false 停用。true enables again, false disables.' }),
  }),
});

const ReplayInput = builder.inputType('ReplayWebhookEndpointInput', {
  description: '重放：把某游标之后或某时刻以来的事件重新排队（二选一）。Queue again everything after a cursor or since a time (one of them).',
  fields: (t) => ({
    id: t.globalID({ required: true, description: '端点。Endpoint.' }),
    after: t.string({ description: '事件游标。Event cursor.' }),
    since: t.field({ type: 'DateTime', description: '起始时刻。Since this time.' }),
  }),
});

const ReplayResult = builder.objectRef<{ queued: number; complete: boolean }>('WebhookReplay').implement({
  description: '重放结果。What a replay queued.',
  fields: (t) => ({
    queued: t.exposeInt('queued', { description: '重新排队的消息数。Messages queued.' }),
    complete: t.exposeBoolean('complete', { description: '是否已到当前位置；否则从最后一条之后再调用。Whether it reached the present (else call again).' }),
  }),
});

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.field({
    type: EndpointWithSecret,
    description: '管理员为本单位子树、对接账号为自己新建 webhook 端点；从此刻起的事件开始投递。ADMINs for their subtree, INTEGRATORs for themselves; events from now on.',
    authScopes: managers,
    errors,
    args: { input: t.arg({ type: CreateInput, required: true, description: '端点。Endpoint.' }) },
    resolve: (_root, { input }, ctx) =>
      createEndpoint(ctx, { url: input.url, unitId: input.unitId?.id, eventTypes: input.eventTypes, streamTypes: input.streamTypes, description: input.description }, configOf(ctx)),
  }),
  updateWebhookEndpoint: t.field({
    type: WebhookEndpoint,
    description: '修改、停用或重新启用端点。Change, disable or re-enable an endpoint.',
    authScopes: managers,
    errors,
    args: { input: t.arg({ type: UpdateInput, required: true, description: '修改。Changes.' }) },
    resolve: (_root, { input }, ctx) =>
      updateEndpoint(ctx, input.id.id, { url: input.url ?? undefined, eventTypes: input.eventTypes, streamTypes: input.streamTypes, description: input.description, enabled: input.enabled }, configOf(ctx)),
  }),
  rotateWebhookSecret: t.field({
    type: EndpointWithSecret,
    description: '轮换签名密钥：24 小时内新旧密钥同时签名。Rotate the secret; both sign for 24 hours.',
    authScopes: managers,
    errors,
    args: { id: t.arg.globalID({ required: true, description: '端点。Endpoint.' }) },
    resolve: (_root, args, ctx) => rotateSecret(ctx, args.id.id),
  }),
  redeliverWebhookMessage: t.field({
    type: WebhookMessage,
    description: '立即重投一条消息（webhook-id 不变）。Send one message again now, with the same webhook-id.',
    authScopes: managers,
    errors,
    args: { id: t.arg.globalID({ required: true, description: '消息。Message.' }) },
    resolve: async (_root, args, ctx) => ({ ...(await redeliver(ctx, args.id.id)), attemptsLog: [] }),
  }),
  replayWebhookEndpoint: t.field({
    type: ReplayResult,
    description: '重放某游标之后或某时刻以来的全部事件。Replay everything after a cursor or since a time.',
    authScopes: managers,
    errors,
    args: { input: t.arg({ type: ReplayInput, required: true, description: '范围。From where.' }) },
    resolve: (_root, { input }, ctx) => replay(ctx, input.id.id, { after: input.after ? positionOf(input.after, 'after') : null, since: input.since }),
  }),
}));
