import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { cases } from '../../db/schema';
import { appendEvent } from '../../db/events/service';
import { heldBack } from '../../db/events/feed';
import { START } from '../../db/events/cursor';

/**
 * Appends one event to a case's stream the way every writer does: the row change (version + 1) takes the stream's
 * lock, and the event gets the next sequence, in the caller's transaction. Used to write many events quickly.
 */
export async function appendCaseEvent(tx: Executor, caseId: string, type = 'case.test_note'): Promise<number> {
  const [row] = await tx
    .update(cases)
    .set({ version: sql`${cases.version} + 1` })
    .where(eq(cases.id, caseId))
    .returning({ version: cases.version });
  await appendEvent(tx, { streamType: 'CASE', streamId: caseId, sequence: row.version, type, actor: null, occurredAt: new Date(), payload: { note: `#${row.version}` } });
  return row.version;
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
