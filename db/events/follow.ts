import type { Executor } from '../client';
import type { Viewer } from '../cases/visibility';
import { heldBack, readEvents, type EventFilter, type FeedEvent } from './feed';
import type { Position } from './cursor';
import type { EventWaker } from './waker';

/** How soon to look again while committed events wait for an older transaction to end. */
const HELD_BACK_POLL_MS = 50;

export interface FollowOptions {
  viewer: Viewer;
  filter?: EventFilter;
  after: Position;
  waker: EventWaker;
  /** Catch-up timer when no notification comes (a lost NOTIFY costs at most this much latency). */
  catchUpMs?: number;
  batchSize?: number;
  signal?: AbortSignal;
}

/**
 * Replay after the cursor, then live, as one loop over the same ordered read: the "seam" between history and live
 * events is just the next read from the last delivered position, so nothing is skipped or repeated there.
 */
export async function* followEvents(db: Executor, options: FollowOptions): AsyncGenerator<FeedEvent> {
  let after = options.after;
  const batchSize = options.batchSize ?? 200;
  while (!options.signal?.aborted) {
    const generation = options.waker.generation;
    let batch: FeedEvent[];
    try {
      batch = await readEvents(db, { viewer: options.viewer, filter: options.filter, after, limit: batchSize });
    } catch (error) {
      if (options.signal?.aborted) return; // the subscriber left while the server was closing the database
      throw error;
    }
    for (const event of batch) {
      after = event.position;
      yield event;
    }
    if (batch.length < batchSize) {
      const catchUpMs = options.catchUpMs ?? 2000;
      const wait = (await heldBack(db, after).catch(() => false)) ? Math.min(HELD_BACK_POLL_MS, catchUpMs) : catchUpMs;
      await options.waker.wait(generation, wait, options.signal);
    }
  }
}
