/**
 * Rows an app instance read to authenticate requests (accounts, API keys), trusted for `ttlMs` on the instance's
 * clock, so a burst of requests reads its row once; 0 reads the row on every request. Only saves round trips:
 * dropping entries (the size bound, `forget`) costs one read, never correctness.
 */
const MAX_ENTRIES = 10_000;

export class RowCache<T> {
  private entries = new Map<string, { value: T; until: number }>();
  constructor(
    readonly ttlMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The row as read at most `ttlMs` ago; undefined when there is none that fresh. */
  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > this.now().getTime()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: T): void {
    if (this.ttlMs <= 0) return;
    // A crude bound: starting over costs one read per credential.
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, until: this.now().getTime() + this.ttlMs });
  }

  /** Drops the entries `matches` picks: a change this instance made (a revoked key) applies to its next request. */
  forget(matches: (value: T, key: string) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value, key)) this.entries.delete(key);
  }
}
