import type { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '../client';
import { RateLimitedError } from './errors';

/** The public lookup by number and query code: this many attempts per client address per window. */
export const PUBLIC_LOOKUP_ATTEMPTS = 10;
export const PUBLIC_LOOKUP_WINDOW_SECONDS = 60;

type PgLikeClient = { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * rate-limiter-flexible on our own database (its table is ours, made by a migration), so every instance
 * shares the count. Its Postgres store speaks node-postgres' `query({ text, values })`; PGlite and Neon's Pool
 * both answer `query(text, values)`, which this adapter bridges.
 */
export function createPublicLookupLimit(db: Database, options = { points: PUBLIC_LOOKUP_ATTEMPTS, duration: PUBLIC_LOOKUP_WINDOW_SECONDS }) {
  const client = (db as unknown as { $client: PgLikeClient }).$client;
  // Loaded on the first lookup (dynamic import): the library (~70 KiB) stays out of every other request's cold start.
  let loaded: Promise<{ limiter: RateLimiterPostgres; isRejection: (value: unknown) => value is RateLimiterRes }> | undefined;
  const load = async () => {
    const library = await import('rate-limiter-flexible');
    const limiter = new library.RateLimiterPostgres({
      storeClient: {
        query: async (q: { text: string; values?: unknown[] }) => {
          const result = await client.query(q.text, q.values);
          return { rows: result.rows, rowCount: result.rows.length };
        },
      },
      storeType: 'client',
      tableName: 'public_lookup_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: 'case-status',
      points: options.points,
      duration: options.duration,
    });
    return { limiter, isRejection: (value: unknown): value is RateLimiterRes => value instanceof library.RateLimiterRes };
  };

  /** Counts one attempt from `address`; refuses with `rate/limited` once the window's attempts are spent. */
  return async function limitPublicLookup(address: string | null): Promise<void> {
    const { limiter, isRejection } = await (loaded ??= load());
    try {
      await limiter.consume(address ?? 'unknown');
    } catch (rejection) {
      if (isRejection(rejection)) throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw rejection;
    }
  };
}
