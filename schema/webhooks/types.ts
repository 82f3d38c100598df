import { webhookEndpointStatuses, webhookMessageStatuses, webhookOwnerKinds, type WebhookEndpointRow, type WebhookAttemptRow } from '../../db/schema';
import { webhookId } from '../../db/webhooks/dispatcher';
import { MAX_ATTEMPTS } from '../../db/webhooks/schedule';
import { deliveries, listEndpoints, type DeliveryEntry } from '../../db/webhooks/service';
import { builder } from '../builder';
import { StreamTypeEnum } from '../events/types';

export const WebhookEndpointStatusEnum = builder.enumType('WebhookEndpointStatus', {
  description: 'webhook 端点状态。Endpoint status.',
  values: {
    ACTIVE: { description: '投递中。Receiving deliveries.' },
    DISABLED: { description: '已停用（原因见 disabledReason）；消息保留，重新启用后继续投递。Disabled (see disabledReason); messages wait.' },
  } satisfies Record<(typeof webhookEndpointStatuses)[number], { description: string }>,
});

export const WebhookMessageStatusEnum = builder.enumType('WebhookMessageStatus', {
  description: 'webhook 消息状态。Message status.',
  values: {
    PENDING: { description: '待投递或待重试。Waiting for its next attempt.' },
    DELIVERED: { description: '接收方已以 2xx 确认。Acknowledged with a 2xx.' },
    FAILED: { description: '重试用尽（可手动重投或重放）。Every scheduled attempt failed (redeliver or replay it).' },
  } satisfies Record<(typeof webhookMessageStatuses)[number], { description: string }>,
});

export const WebhookOwnerKindEnum = builder.enumType('WebhookOwnerKind', {
  description: '端点归属。What owns an endpoint.',
  values: {
    ACCOUNT: { description: '账号（对接账号或管理员）。An account (integrator or administrator).' },
    API_KEY: { description: 'API 密钥（预留）。An API key (reserved).' },
  } satisfies Record<(typeof webhookOwnerKinds)[number], { description: string }>,
});

export const WebhookAttempt = builder.objectRef<WebhookAttemptRow>('WebhookAttempt').implement({
  description: '一次投递尝试（投递日志）。One delivery attempt.',
  fields: (t) => ({
    attemptNumber: t.exposeInt('attemptNumber', { description: '本轮第几次尝试。Attempt number within its schedule.' }),
    manual: t.exposeBoolean('manual', { description: '是否由手动重投或重放发起。Started by a redelivery or replay.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', description: '开始时间。When it started.' }),
    durationMs: t.exposeInt('durationMs', { description: '耗时（毫秒）。Latency in milliseconds.' }),
    statusCode: t.exposeInt('statusCode', { nullable: true, description: 'HTTP 状态码；未得到响应为 null。HTTP status; null when no response came.' }),
    error: t.exposeString('error', { nullable: true, description: '连接错误、超时或地址被拒的说明。Connection error, timeout or refused address.' }),
    responseExcerpt: t.exposeString('responseExcerpt', { nullable: true, description: '响应正文前 500 字。First 500 characters of the response body.' }),
  }),
});

export const WebhookMessage = builder.objectRef<DeliveryEntry>('WebhookMessage').implement({
  description: '发给一个端点的一条事件消息。One event for one endpoint.',
  fields: (t) => ({
    id: t.globalID({ description: '消息 ID（用于手动重投）。Message id (for redelivery).', resolve: (m) => ({ type: 'WebhookMessage', id: m.id }) }),
    webhookId: t.string({ description: 'webhook-id 请求头：重试、重投、重放都不变，接收方据此去重。The webhook-id header, stable across retries.', resolve: (m) => webhookId(m.id) }),
    eventType: t.exposeString('eventType', { description: '事件类型。Event type.' }),
    status: t.field({ type: WebhookMessageStatusEnum, description: '状态。Status.', resolve: (m) => m.status }),
    attempts: t.exposeInt('attempts', { description: '本轮已尝试次数。Attempts in the current schedule.' }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true, description: '下次尝试时间。Next attempt.' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true, description: '确认送达时间。When it was acknowledged.' }),
    lastStatusCode: t.exposeInt('lastStatusCode', { nullable: true, description: '最近一次的 HTTP 状态码。Last HTTP status.' }),
    lastError: t.exposeString('lastError', { nullable: true, description: '最近一次的错误。Last error.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '生成时间。When it was queued.' }),
    // a schedule has at most MAX_ATTEMPTS attempts (redeliveries add a few)
    attemptLog: t.field({ type: [WebhookAttempt], complexity: { field: 1, multiplier: MAX_ATTEMPTS }, description: '全部尝试，先早后晚。Every attempt, oldest first.', resolve: (m) => m.attemptsLog }),
  }),
});

export const WebhookEndpoint = builder.objectRef<WebhookEndpointRow>('WebhookEndpoint').implement({
  description: 'Standard Webhooks 接收端点：按与查询相同的权限接收其单位子树内的事件。A Standard Webhooks receiver of its unit subtree’s events.',
  fields: (t) => ({
    id: t.globalID({ description: '端点 ID。Endpoint id.', resolve: (e) => ({ type: 'WebhookEndpoint', id: e.id }) }),
    url: t.exposeString('url', { description: '接收地址（不跟随重定向）。Receiver URL (redirects are not followed).' }),
    description: t.exposeString('description', { description: '说明。Description.' }),
    eventTypes: t.exposeStringList('eventTypes', { description: '只投递这些事件类型；空为全部。Event types delivered; empty means all.' }),
    streamTypes: t.field({ type: [StreamTypeEnum], description: '只投递这些事件流；空为全部。Stream types delivered; empty means all.', resolve: (e) => e.streamTypes }),
    unitId: t.globalID({ description: '范围：此单位及其下级。Scope: this unit and its subtree.', resolve: (e) => ({ type: 'Unit', id: e.unitId }) }),
    ownerKind: t.field({ type: WebhookOwnerKindEnum, description: '归属类型。Owner kind.', resolve: (e) => e.ownerKind }),
    status: t.field({ type: WebhookEndpointStatusEnum, description: '状态。Status.', resolve: (e) => e.status }),
    disabledReason: t.exposeString('disabledReason', { nullable: true, description: '停用原因（410、连续失败 5 天或人工停用）。Why it was disabled.' }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true, description: '停用时间。When it was disabled.' }),
    failingSince: t.expose('failingSince', { type: 'DateTime', nullable: true, description: '本轮连续失败的起始时间；满 5 天停用。Start of the current run of failures; 5 days disable it.' }),
    previousSecretValidUntil: t.expose('previousSecretExpiresAt', { type: 'DateTime', nullable: true, description: '轮换前的旧密钥签名至此时刻。The old secret signs until then.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间。Created.' }),
    deliveries: t.field({
      type: [WebhookMessage],
      description: '投递日志，最新在前。Delivery log, newest first.',
      complexity: (args) => ({ field: 1, multiplier: Math.min(Math.max(args.first ?? 20, 1), 100) }),
      args: {
        first: t.arg.int({ defaultValue: 20, description: '条数（至多 100）。How many (at most 100).' }),
        status: t.arg({ type: WebhookMessageStatusEnum, description: '只看此状态。Only this status.' }),
      },
      resolve: (e, args, ctx) => deliveries(ctx, e.id, { first: Math.min(Math.max(args.first ?? 20, 1), 100), status: args.status }),
    }),
  }),
});

builder.queryField('webhookEndpoints', (t) =>
  t.field({
    type: [WebhookEndpoint],
    description: '我可管理的 webhook 端点（管理员：本单位子树；对接账号：自己的）。Endpoints I manage.',
    authScopes: { role: ['ADMIN', 'INTEGRATOR'] },
    resolve: (_root, _args, ctx) => listEndpoints(ctx),
  }),
);
