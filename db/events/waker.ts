import type { DatabaseHandle } from '../client';

export const EVENTS_CHANNEL = 'xf_events';

/**
 * One LISTEN per process, shared by every subscriber and the webhook dispatcher: the `events_notify` trigger
 * notifies when a transaction that wrote events commits. A waiter that misses a notification (a reconnect, a
 * notification that raced its read) still wakes on its catch-up timer.
 */
export class EventWaker {
  /** Bumped on every notification: a reader notes it before reading, so a wake during the read is not lost. */
  generation = 0;
  private waiters = new Set<() => void>();
  private unlisten?: () => Promise<void>;

  static async listen(handle: Pick<DatabaseHandle, 'listen'>): Promise<EventWaker> {
    const waker = new EventWaker();
    waker.unlisten = await handle.listen(EVENTS_CHANNEL, () => waker.wake());
    return waker;
  }

  wake(): void {
    this.generation += 1;
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const resolve of waiting) resolve();
  }

  /**
   * Resolves on the next notification after `seenGeneration`, after `timeoutMs` (catch-up), or when `signal`
   * aborts, whichever is first.
   */
  wait(seenGeneration: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.generation !== seenGeneration || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  async close(): Promise<void> {
    this.wake();
    await this.unlisten?.();
  }
}
