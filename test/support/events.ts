import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/client';
import { events } from '../../db/schema';
import { recordSystemEvent } from '../../db/streams/runner';
import { caseStream } from '../../db/cases/stream';
import { heldBack } from '../../db/events/feed';
import { START } from '../../db/events/cursor';

/**
 * Appends one system event to a case's stream through the stream mechanism (row lock, next sequence, same
 * transaction), as the deadline sweep does; returns its sequence. Used to write many events quickly.
 */
export async function appendCaseEvent(tx: Transaction, caseId: string, type = 'case.test_note'): Promise<number> {
  await recordSystemEvent(tx, caseStream, caseId, new Date(), () => ({ type, payload: { note: type } }));
  const [row] = await tx
    .select({ sequence: sql<number>`max(${events.sequence})`.mapWith(Number) })
    .from(events)
    .where(and(eq(events.streamType, 'CASE'), eq(events.streamId, caseId)));
  return row.sequence;
}

/** A promise with its resolve function, to hold a transaction open until a test says so. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Waits until no committed event waits above the visibility horizon (other tests' transactions end soon). */
export async function untilSettled(db: Executor): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (await heldBack(db, START)) {
    if (Date.now() > deadline) throw new Error('events stayed above the visibility horizon for 20 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
