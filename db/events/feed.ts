import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { maskPersonalDataDeep } from '../petitioners/free-text';
import type { Executor } from '../client';
import { events } from '../schema';
import type { Viewer } from '../cases/visibility';
import { readableEventsSql, type StreamType } from './access';
import { encodeCursor, type Position } from './cursor';

/**
 * Reading the event log in delivery order, gap-free.
 *
 * The trap: `id` is taken when a row is inserted, transactions commit out of order, so a reader that moved past
 * id 105 misses id 104 committed a moment later. Ordering by tx_id alone is not enough either: a writer may get its
 * xid (first write) before it waits for a stream's lock, so a stream's later event can carry the smaller tx_id.
 *
 * The design: each event carries `order_xid` = greatest(its tx_id, the order_xid of its stream's previous event)
 * (a trigger sets it), and readers take events in (order_xid, id) order, only those with
 * order_xid < pg_snapshot_xmin(pg_current_snapshot()) — the horizon below which every transaction has ended.
 *  - Gap-free: a transaction running now or starting later has xid ≥ horizon, and every event it writes gets
 *    order_xid ≥ its xid ≥ horizon. So the set {order_xid < horizon} never gains a row after we read it, and a cursor
 *    that moves through it in order never skips one.
 *  - Stream order: along a stream, order_xid never decreases (the max with the previous one), and ids increase
 *    (the next event is inserted after the previous one committed), so (order_xid, id) follows the sequence.
 * The cost: nothing newer than the oldest running transaction is delivered until it ends (a long transaction
 * holds delivery back; none of ours run long).
 */
export interface EventFilter {
  /** Only streams in this unit's subtree (materialised path). */
  unitPath?: string | null;
  streamTypes?: readonly StreamType[];
  /** Event types, e.g. case.registered; all when empty. */
  types?: readonly string[];
  /** One stream (e.g. one case). */
  streamId?: string | null;
  /** Only events recorded at or after this time (replay "since a time"). */
  recordedSince?: Date | null;
}

export type EventRow = typeof events.$inferSelect;

/** The delivery-order comparison of an event with a position. */
const position = (op: '>' | '<=', p: Position) => sql`(${events.orderXid}, ${events.id}) ${sql.raw(op)} (${p.orderXid}::xid8, ${p.id}::bigint)`;
/** Below the visibility horizon: every transaction that could still write such an order_xid has ended. */
const belowHorizon = sql`${events.orderXid} < pg_snapshot_xmin(pg_current_snapshot())`;
export interface FeedEvent extends EventRow {
  cursor: string;
  position: Position;
}

export async function readEvents(
  db: Executor,
  query: { viewer: Viewer; filter?: EventFilter; after: Position; limit: number; upTo?: Position },
): Promise<FeedEvent[]> {
  const filter = query.filter ?? {};
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        position('>', query.after),
        belowHorizon,
        filter.types?.length ? inArray(events.type, [...filter.types]) : undefined,
        filter.streamId ? eq(events.streamId, filter.streamId) : undefined,
        filter.recordedSince ? gte(events.recordedAt, filter.recordedSince) : undefined,
        query.upTo ? position('<=', query.upTo) : undefined,
        readableEventsSql(query.viewer, filter.streamTypes ?? [], filter.unitPath ?? null),
      ),
    )
    .orderBy(events.orderXid, events.id)
    .limit(query.limit);
  return rows.map((row) => {
    const at = { orderXid: row.orderXid, id: row.id };
    // Delivered outside the API's own responses (SSE, webhooks): free text as masked as queries show it.
    return { ...row, payload: maskPersonalDataDeep(row.payload), position: at, cursor: encodeCursor(at) };
  });
}

/** The position of the newest event below the horizon: "from now on" for a subscriber without a cursor. */
export async function currentPosition(db: Executor): Promise<Position> {
  const [row] = await db
    .select({ orderXid: events.orderXid, id: events.id })
    .from(events)
    .where(belowHorizon)
    .orderBy(sql`${events.orderXid} desc`, sql`${events.id} desc`)
    .limit(1);
  return row ? { orderXid: row.orderXid, id: row.id } : { orderXid: '0', id: 0 };
}

/**
 * Whether committed events past `after` wait above the horizon (an older transaction is still running). Followers
 * then look again soon instead of waiting for the next notification: the transaction that holds the horizon may
 * write no event and so notify no one.
 */
export async function heldBack(db: Executor, after: Position): Promise<boolean> {
  const rows = await db
    .select({ id: events.id })
    .from(events)
    .where(
      and(
        position('>', after),
        sql`not ${belowHorizon}`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}
