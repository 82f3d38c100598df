import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import { webhookAttempts, webhookEndpoints, webhookMessages, type WebhookEndpointRow } from '../schema';
import { currentPosition, readEvents, type FeedEvent } from '../events/feed';
import type { EventWaker } from '../events/waker';
import { isAfter } from '../events/cursor';
import { endpointViewer } from './rules';
import { DISABLE_AFTER_FAILING_MS, judgeAttempt } from './schedule';
import { liveSecrets, signedHeaders } from './sign';
import { postWebhook, type SendOptions } from './send';
import { failureSummary } from '../faults';

export interface DispatcherOptions {
  db: Database;
  send: SendOptions;
  /** The clock for schedules, leases and the 5-day rule (tests pass their own; signatures use the real one). */
  now?: () => Date;
  random?: () => number;
  /** How long a claimed attempt is ours; longer than the send timeout, so only a crashed dispatcher's lapses. */
  leaseMs?: number;
  /** Attempts claimed (and sent in parallel) per round. */
  batchSize?: number;
  /**
   * A round of the loop failed (it goes on after a pause). The entry points log it (functions/config.ts); the
   * error's message may hold SQL parameters (event payloads), so the default prints only failureSummary.
   */
  onRoundError?: (error: unknown) => void;
}

/** The body every attempt of a message sends: the event with its cursor and stream sequence. */
export function messageBody(event: FeedEvent): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.recordedAt.toISOString(),
    data: {
      cursor: event.cursor,
      eventId: String(event.id),
      streamType: event.streamType,
      streamId: event.streamId,
      sequence: event.sequence,
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      occurredAt: event.occurredAt.toISOString(),
      recordedAt: event.recordedAt.toISOString(),
      payload: event.payload,
    },
  });
}

/** The `webhook-id` of a message. */
export const webhookId = (messageId: string) => `msg_${messageId.replace(/-/g, '')}`;

const FAN_OUT_BATCH = 500;

/**
 * Reads each endpoint's share of the event log into messages (its own cursor, the same ordered, gap-free read
 * as subscriptions), one endpoint row locked per transaction with SKIP LOCKED so dispatchers split the work.
 */
export async function fanOut(db: Database, now: Date): Promise<number> {
  let queued = 0;
  // Everything up to this position is final; reading up to it and then moving an endpoint's cursor there skips
  // nothing, even over the events the endpoint does not want. Endpoints already there are not visited.
  const upTo = await currentPosition(db);
  const ids = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.status, 'ACTIVE'), sql`(${webhookEndpoints.cursorXid}, ${webhookEndpoints.cursorId}) < (${upTo.orderXid}::xid8, ${upTo.id}::bigint)`));
  for (const { id } of ids) {
    queued += await db.transaction(async (tx) => {
      const [endpoint] = await tx
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.status, 'ACTIVE')))
        .for('update', { skipLocked: true });
      if (!endpoint) return 0;
      const after = { orderXid: endpoint.cursorXid, id: endpoint.cursorId };
      const batch = await readEvents(tx, { viewer: endpointViewer(endpoint), filter: endpointFilter(endpoint), after, upTo, limit: FAN_OUT_BATCH });
      const reached = batch.length === FAN_OUT_BATCH ? batch[batch.length - 1].position : upTo;
      await queueMessages(tx, endpoint.id, batch, now, false);
      // (another dispatcher may have moved the cursor past our `upTo` meanwhile: never move it back)
      if (isAfter(reached, after)) {
        await tx.update(webhookEndpoints).set({ cursorXid: reached.orderXid, cursorId: reached.id }).where(eq(webhookEndpoints.id, endpoint.id));
      }
      return batch.length;
    });
  }
  return queued;
}

export function endpointFilter(endpoint: Pick<WebhookEndpointRow, 'streamTypes' | 'eventTypes'>) {
  return { streamTypes: endpoint.streamTypes, types: endpoint.eventTypes };
}

/** New messages for these events; an event already queued for the endpoint starts a new schedule only on `again`. */
export async function queueMessages(tx: Executor, endpointId: string, batch: FeedEvent[], now: Date, again: boolean): Promise<void> {
  if (!batch.length) return;
  const insert = tx.insert(webhookMessages).values(
    batch.map((event) => ({ endpointId, eventId: event.id, eventType: event.type, body: messageBody(event), nextAttemptAt: now, manual: again })),
  );
  if (!again) await insert.onConflictDoNothing();
  else {
    await insert.onConflictDoUpdate({
      target: [webhookMessages.endpointId, webhookMessages.eventId],
      set: { status: 'PENDING', attempts: 0, nextAttemptAt: now, leaseUntil: null, manual: true },
    });
  }
}

interface Claimed {
  messageId: string;
  attemptNumber: number;
  manual: boolean;
  body: string;
  leaseUntil: Date;
  endpoint: Pick<WebhookEndpointRow, 'id' | 'url' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt' | 'failingSince'>;
}

/**
 * Claims due attempts: FOR UPDATE SKIP LOCKED, so a second dispatcher passes over rows the first is claiming,
 * and a lease (written in the same transaction), so it passes over them afterwards too while the first sends.
 */
export async function claimDue(db: Database, now: Date, limit: number, leaseMs: number): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: webhookMessages.id, attempts: webhookMessages.attempts, manual: webhookMessages.manual, body: webhookMessages.body, endpointId: webhookMessages.endpointId })
      .from(webhookMessages)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookMessages.endpointId))
      .where(
        and(
          eq(webhookMessages.status, 'PENDING'),
          lte(webhookMessages.nextAttemptAt, now),
          or(isNull(webhookMessages.leaseUntil), lt(webhookMessages.leaseUntil, now)),
          eq(webhookEndpoints.status, 'ACTIVE'),
        ),
      )
      .orderBy(asc(webhookMessages.nextAttemptAt), asc(webhookMessages.eventId))
      .limit(limit)
      .for('update', { of: webhookMessages, skipLocked: true });
    if (!rows.length) return [];
    const leaseUntil = new Date(now.getTime() + leaseMs);
    await tx
      .update(webhookMessages)
      .set({ leaseUntil, attempts: sql`${webhookMessages.attempts} + 1` })
      .where(inArray(webhookMessages.id, rows.map((row) => row.id)));
    const endpoints = await tx
      .select({
        id: webhookEndpoints.id,
        url: webhookEndpoints.url,
        secret: webhookEndpoints.secret,
        previousSecret: webhookEndpoints.previousSecret,
        previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
        failingSince: webhookEndpoints.failingSince,
      })
      .from(webhookEndpoints)
      .where(inArray(webhookEndpoints.id, [...new Set(rows.map((row) => row.endpointId))]));
    const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
    return rows.map((row) => ({ messageId: row.id, attemptNumber: row.attempts + 1, manual: row.manual, body: row.body, leaseUntil, endpoint: byId.get(row.endpointId)! }));
  });
}

export class WebhookDispatcher {
  private readonly now: () => Date;
  private readonly random: () => number;
  private stopped = false;
  private abort = new AbortController();
  private running?: Promise<void>;

  constructor(private readonly options: DispatcherOptions) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  /** One round: fan new events out into messages, then send every attempt that is due. */
  async runOnce(): Promise<{ queued: number; attempted: number }> {
    const queued = await fanOut(this.options.db, this.now());
    let attempted = 0;
    for (;;) {
      const claimed = await claimDue(this.options.db, this.now(), this.options.batchSize ?? 20, this.options.leaseMs ?? 60_000);
      if (!claimed.length) break;
      await Promise.all(claimed.map((attempt) => this.attempt(attempt)));
      attempted += claimed.length;
    }
    return { queued, attempted };
  }

  private async attempt(claimed: Claimed): Promise<void> {
    const startedAt = this.now();
    const id = webhookId(claimed.messageId);
    // The signature's timestamp is the real time: receivers compare it with their own clock.
    const headers = await signedHeaders(id, new Date(), claimed.body, liveSecrets(claimed.endpoint, startedAt));
    const outcome = await postWebhook(claimed.endpoint.url, headers, claimed.body, this.options.send);
    const now = this.now();
    const verdict = judgeAttempt(outcome, claimed.attemptNumber, now, this.random);
    await this.options.db.transaction(async (tx) => {
      await tx.insert(webhookAttempts).values({
        messageId: claimed.messageId,
        endpointId: claimed.endpoint.id,
        attemptNumber: claimed.attemptNumber,
        manual: claimed.manual,
        startedAt,
        durationMs: outcome.durationMs,
        statusCode: outcome.statusCode,
        error: outcome.error,
        responseExcerpt: outcome.excerpt,
      });
      const ours = and(eq(webhookMessages.id, claimed.messageId), eq(webhookMessages.leaseUntil, claimed.leaseUntil));
      const last = { lastStatusCode: outcome.statusCode, lastError: outcome.error, leaseUntil: null };
      if (verdict.kind === 'delivered') {
        await tx.update(webhookMessages).set({ ...last, status: 'DELIVERED', deliveredAt: now, nextAttemptAt: null }).where(ours);
        // only when it was failing: a healthy endpoint's row is not written (nor locked) on every delivery
        await tx.update(webhookEndpoints).set({ failingSince: null }).where(and(eq(webhookEndpoints.id, claimed.endpoint.id), isNotNull(webhookEndpoints.failingSince)));
        return;
      }
      if (verdict.kind === 'disable') {
        // the message waits (PENDING) in case an administrator enables the endpoint again
        await tx.update(webhookMessages).set({ ...last, nextAttemptAt: now, attempts: 0 }).where(ours);
        await disableEndpoint(tx, claimed.endpoint.id, verdict.reason, now);
        return;
      }
      if (verdict.kind === 'retry') await tx.update(webhookMessages).set({ ...last, nextAttemptAt: verdict.at }).where(ours);
      else await tx.update(webhookMessages).set({ ...last, status: 'FAILED', nextAttemptAt: null }).where(ours);
      const [endpoint] = await tx
        .update(webhookEndpoints)
        .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${startedAt})` })
        .where(eq(webhookEndpoints.id, claimed.endpoint.id))
        .returning({ failingSince: webhookEndpoints.failingSince });
      if (endpoint?.failingSince && now.getTime() - endpoint.failingSince.getTime() >= DISABLE_AFTER_FAILING_MS) {
        const last = outcome.statusCode ? `HTTP ${outcome.statusCode}` : outcome.error;
        await disableEndpoint(tx, claimed.endpoint.id, `自 ${endpoint.failingSince.toISOString()} 起连续投递失败满 5 天（最近一次：${last}）。Failing for 5 days.`, now);
      }
    });
  }

  /** The loop of the local server: a round whenever events commit (NOTIFY) or an attempt falls due. */
  start(waker: EventWaker, idleMs = 5000): void {
    this.running ??= (async () => {
      while (!this.stopped) {
        const generation = waker.generation;
        try {
          const { queued, attempted } = await this.runOnce();
          if (queued || attempted) continue;
          const next = await nextDueAt(this.options.db);
          const wait = next ? Math.min(Math.max(next.getTime() - this.now().getTime(), 0), idleMs) : idleMs;
          await waker.wait(generation, wait, this.abort.signal);
        } catch (error) {
          if (this.stopped) break;
          if (this.options.onRoundError) this.options.onRoundError(error);
          else console.error(`webhook dispatcher round failed: ${failureSummary(error)}`);
          await waker.wait(generation, 1000, this.abort.signal);
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.running;
  }
}

async function disableEndpoint(tx: Executor, endpointId: string, reason: string, now: Date): Promise<void> {
  await tx.update(webhookEndpoints).set({ status: 'DISABLED', disabledReason: reason, disabledAt: now, updatedAt: now }).where(eq(webhookEndpoints.id, endpointId));
}

async function nextDueAt(db: Executor): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | null>`min(${webhookMessages.nextAttemptAt})`.mapWith((value) => (value ? new Date(value) : null)) })
    .from(webhookMessages)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookMessages.endpointId))
    .where(and(eq(webhookMessages.status, 'PENDING'), eq(webhookEndpoints.status, 'ACTIVE')));
  return row?.at ?? null;
}
