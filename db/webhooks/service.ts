import { lookup } from 'node:dns/promises';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { Session } from '../session';
import { units, webhookAttempts, webhookEndpoints, webhookMessages, type WebhookEndpointRow, type WebhookMessageRow } from '../schema';
import { ForbiddenError, InputError, NotFoundError } from '../errors';
import { likePrefix } from '../cases/service';
import { currentPosition, readEvents } from '../events/feed';
import type { Position } from '../events/cursor';
import type { StreamType } from '../events/access';
import { isAllowedAddress, refusedLiteral } from './address';
import { endpointFilter, queueMessages } from './dispatcher';
import { WebhookRuleError } from './errors';
import { endpointViewer, mayCreateEndpoint, mayManageEndpoint, type EndpointManager } from './rules';
import { newWebhookSecret } from './sign';

/** How long the secret before a rotation still signs (and so verifies at the receiver). */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;
/** Most messages one replay call queues; the answer says where it stopped, to call again from there. */
export const REPLAY_LIMIT = 10_000;

export interface WebhookConfig {
  /** Address ranges an endpoint may resolve to besides public unicast (tests: ['loopback']; production: none). */
  allowedRanges: readonly string[];
}

function managerOf(session: Session): EndpointManager {
  if (!session.actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  return { accountId: session.actor.accountId, roles: session.actor.roles, unitPath: session.unitPath };
}

/** http(s), no credentials in the URL, and every address it resolves to passes the SSRF guard. */
export async function checkEndpointUrl(url: string, config: WebhookConfig): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw InputError.forField('url', '地址格式不正确');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw InputError.forField('url', '只支持 http 或 https 地址');
  if (parsed.username || parsed.password) throw InputError.forField('url', '地址中不得包含用户名或密码');
  const literal = refusedLiteral(parsed.hostname, config.allowedRanges);
  if (literal) throw new WebhookRuleError('webhook/address-refused', `地址 ${literal} 属于内网、回环或链路本地地址，不允许作为 webhook 端点`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true });
  } catch {
    throw InputError.forField('url', `域名 ${host} 无法解析`);
  }
  const refused = addresses.find((entry) => !isAllowedAddress(entry.address, config.allowedRanges));
  if (refused) throw new WebhookRuleError('webhook/address-refused', `${host} 解析到 ${refused.address}，属于内网、回环或链路本地地址，不允许作为 webhook 端点`);
  return parsed.toString();
}

export interface EndpointInput {
  url: string;
  unitId?: string | null;
  eventTypes?: readonly string[] | null;
  streamTypes?: readonly StreamType[] | null;
  description?: string | null;
}

function checkTypes(input: Pick<EndpointInput, 'eventTypes' | 'description'>) {
  for (const type of input.eventTypes ?? []) {
    if (!/^[a-z_]+(\.[a-z_]+)+$/.test(type)) throw InputError.forField('eventTypes', `事件类型 ${type} 格式不正确（例如 case.registered）`);
  }
  if ((input.description ?? '').length > 200) throw InputError.forField('description', '说明不得超过 200 字');
}

/** A new endpoint: it receives events committed from now on (earlier ones through replay). Returns the secret once. */
export async function createEndpoint(session: Session, input: EndpointInput, config: WebhookConfig): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  const manager = managerOf(session);
  const [unit] = await session.db
    .select({ id: units.id, path: units.path })
    .from(units)
    .where(eq(units.id, input.unitId ?? session.actor!.unitId ?? '00000000-0000-0000-0000-000000000000'));
  if (!unit) throw new NotFoundError('unit', '单位不存在');
  if (!mayCreateEndpoint(manager, unit.path)) throw new ForbiddenError('只有本单位（或上级单位）的管理员或对接账号可以为该单位设置 webhook');
  checkTypes(input);
  const url = await checkEndpointUrl(input.url, config);
  const start = await currentPosition(session.db);
  const secret = newWebhookSecret();
  const [endpoint] = await session.db
    .insert(webhookEndpoints)
    .values({
      url,
      description: input.description ?? '',
      eventTypes: [...(input.eventTypes ?? [])],
      streamTypes: [...(input.streamTypes ?? [])],
      unitId: unit.id,
      unitPath: unit.path,
      ownerKind: 'ACCOUNT',
      ownerId: manager.accountId,
      createdById: manager.accountId,
      secret,
      cursorXid: start.orderXid,
      cursorId: start.id,
    })
    .returning();
  return { endpoint, secret };
}

/** The endpoint, if this caller manages it; `webhook-endpoint/not-found` otherwise (existence is not leaked). */
export async function managedEndpoint(session: Session, id: string, db: Executor = session.db): Promise<WebhookEndpointRow> {
  const manager = managerOf(session);
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (!endpoint || !mayManageEndpoint(manager, endpoint)) throw new NotFoundError('webhook-endpoint', 'webhook 端点不存在或无权管理');
  return endpoint;
}

export async function listEndpoints(session: Session): Promise<WebhookEndpointRow[]> {
  const manager = managerOf(session);
  if (!manager.unitPath) return [];
  const rows = await session.db
    .select()
    .from(webhookEndpoints)
    .where(sql`${webhookEndpoints.unitPath} like ${likePrefix(manager.unitPath)}`)
    .orderBy(webhookEndpoints.createdAt);
  return rows.filter((row) => mayManageEndpoint(manager, row));
}

export interface EndpointPatch extends Partial<EndpointInput> {
  /** true enables a disabled endpoint again (its failure record starts afresh); false disables it. */
  enabled?: boolean | null;
}

export async function updateEndpoint(session: Session, id: string, patch: EndpointPatch, config: WebhookConfig): Promise<WebhookEndpointRow> {
  const endpoint = await managedEndpoint(session, id);
  checkTypes(patch);
  const now = session.now();
  const changes: Partial<typeof webhookEndpoints.$inferInsert> = { updatedAt: now };
  if (patch.url != null) changes.url = await checkEndpointUrl(patch.url, config);
  if (patch.eventTypes != null) changes.eventTypes = [...patch.eventTypes];
  if (patch.streamTypes != null) changes.streamTypes = [...patch.streamTypes];
  if (patch.description != null) changes.description = patch.description;
  if (patch.enabled === true && endpoint.status === 'DISABLED') Object.assign(changes, { status: 'ACTIVE', disabledReason: null, disabledAt: null, failingSince: null });
  if (patch.enabled === false && endpoint.status === 'ACTIVE') Object.assign(changes, { status: 'DISABLED', disabledReason: '由管理员停用。Disabled by its manager.', disabledAt: now });
  const [row] = await session.db.update(webhookEndpoints).set(changes).where(eq(webhookEndpoints.id, id)).returning();
  return row;
}

/** A new secret; the old one keeps signing (beside the new) for 24 hours. Returns the new secret once. */
export async function rotateSecret(session: Session, id: string): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  const endpoint = await managedEndpoint(session, id);
  const now = session.now();
  const secret = newWebhookSecret();
  const [row] = await session.db
    .update(webhookEndpoints)
    .set({ secret, previousSecret: endpoint.secret, previousSecretExpiresAt: new Date(now.getTime() + ROTATION_GRACE_MS), updatedAt: now })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return { endpoint: row, secret };
}

export interface DeliveryEntry extends WebhookMessageRow {
  attemptsLog: (typeof webhookAttempts.$inferSelect)[];
}

/** The delivery log of an endpoint, newest message first, each with its attempts. */
export async function deliveries(session: Session, endpointId: string, options: { first: number; status?: WebhookMessageRow['status'] | null }): Promise<DeliveryEntry[]> {
  await managedEndpoint(session, endpointId);
  const messages = await session.db
    .select()
    .from(webhookMessages)
    .where(and(eq(webhookMessages.endpointId, endpointId), options.status ? eq(webhookMessages.status, options.status) : undefined))
    .orderBy(desc(webhookMessages.createdAt), desc(webhookMessages.eventId))
    .limit(options.first);
  if (!messages.length) return [];
  const attempts = await session.db
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.messageId, messages.map((message) => message.id)))
    .orderBy(webhookAttempts.startedAt, webhookAttempts.attemptNumber);
  return messages.map((message) => ({ ...message, attemptsLog: attempts.filter((attempt) => attempt.messageId === message.id) }));
}

/** Sends one message again, now, with the same webhook-id (a new schedule of attempts, logged as manual). */
export async function redeliver(session: Session, messageId: string): Promise<WebhookMessageRow> {
  const [message] = await session.db.select().from(webhookMessages).where(eq(webhookMessages.id, messageId));
  if (!message) throw new NotFoundError('webhook-message', 'webhook 消息不存在或无权查看');
  try {
    await managedEndpoint(session, message.endpointId);
  } catch {
    throw new NotFoundError('webhook-message', 'webhook 消息不存在或无权查看');
  }
  const [row] = await session.db
    .update(webhookMessages)
    .set({ status: 'PENDING', attempts: 0, nextAttemptAt: session.now(), leaseUntil: null, manual: true })
    .where(eq(webhookMessages.id, messageId))
    .returning();
  return row;
}

/**
 * Queues again everything the endpoint may receive after a cursor, or recorded since a time (up to the fan-out's
 * own position; later events come anyway). Events sent before keep their webhook-id, so receivers that already
 * have them can drop them.
 */
export async function replay(session: Session, endpointId: string, from: { after?: Position | null; since?: Date | null }): Promise<{ queued: number; complete: boolean }> {
  const endpoint = await managedEndpoint(session, endpointId);
  if (!from.after === !from.since) throw InputError.forField('after', '请给出 after（游标）或 since（时间）之一');
  const upTo = { orderXid: endpoint.cursorXid, id: endpoint.cursorId };
  let after = from.after ?? { orderXid: '0', id: 0 };
  let queued = 0;
  const now = session.now();
  while (queued < REPLAY_LIMIT) {
    const batch = await readEvents(session.db, {
      viewer: endpointViewer(endpoint),
      filter: { ...endpointFilter(endpoint), recordedSince: from.since ?? null },
      after,
      upTo,
      limit: Math.min(500, REPLAY_LIMIT - queued),
    });
    if (!batch.length) return { queued, complete: true };
    await queueMessages(session.db, endpoint.id, batch, now, true);
    queued += batch.length;
    after = batch[batch.length - 1].position;
  }
  return { queued, complete: false };
}
