import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { charge, type BucketLimits } from './leaky-bucket';

/** What one instance asks of a shared bucket when its lease (./rate-lease.ts) is spent, expired or new. */
export interface SyncTerms {
  /** This request's cost: it must fit, or nothing is taken and the request is refused. */
  need: number;
  /** The unused rest of the instance's old slice plus the refunds it owes: back into the bucket first. */
  giveBack: number;
  /** The slice to take: max(need, fraction × the bucket's maximum), or what is left when that is less. */
  fraction: number;
  now: Date;
}

export interface ChargeRequest extends SyncTerms {
  /** e.g. `key:<id>`, `account:<id>`, `ip:<address>` */
  bucket: string;
  limits: BucketLimits;
}

/** What the bucket answered one sync. */
export interface Grant {
  allowed: boolean;
  /** Points left in the shared bucket after this sync (or, when refused, what it holds). */
  available: number;
  /** Points taken out for the instance's slice (0 when refused). */
  taken: number;
  limits: BucketLimits;
  retryAfterSeconds: number | null;
}

/** What a request was told: admitted or not, and the bucket as this instance sees it (shared figure + its slice). */
export interface ChargeOutcome {
  allowed: boolean;
  available: number;
  limits: BucketLimits;
  retryAfterSeconds: number | null;
}

type Source = { from: SQL; bucket: SQL; maximum: SQL; restore: SQL };

/**
 * One atomic upsert applies the leaky bucket under the row's lock — refill since the last sync, take back what the
 * instance returns, then, if the request's cost fits, take a slice of min(what is there, max(cost, fraction ×
 * maximum)) — so every instance sharing the database shares the bucket. `source` lets the API-key look-up and the
 * account sign-in fold the sync into their own statement (no second round trip); see leaseSql's callers.
 */
export function leaseSql(source: Source, terms: Pick<SyncTerms, 'need' | 'giveBack' | 'fraction' | 'now'>): SQL {
  const now = sql`${terms.now.toISOString()}::timestamptz`;
  const need = sql`${terms.need}::float8`;
  const slice = (maximum: SQL) => sql`greatest(${need}, ${maximum} * ${terms.fraction}::float8)`;
  const refilled = sql`least(excluded.maximum, rate_buckets.available + ${terms.giveBack}::float8
    + excluded.restore_per_second * greatest(0, extract(epoch from (excluded.updated_at - rate_buckets.updated_at))::float8))`;
  const taken = sql`case when ${refilled} >= ${need} then least(${refilled}, ${slice(sql`excluded.maximum`)}) else 0 end`;
  const firstTake = sql`case when ${need} <= ${source.maximum} then least(${source.maximum}, ${slice(source.maximum)}) else 0 end`;
  return sql`insert into rate_buckets (key, available, updated_at, maximum, restore_per_second, last_allowed, last_taken)
    select ${source.bucket}, ${source.maximum} - ${firstTake}, ${now}, ${source.maximum}, ${source.restore}, ${need} <= ${source.maximum}, ${firstTake}
    ${source.from}
    on conflict (key) do update set
      available = ${refilled} - ${taken},
      updated_at = greatest(rate_buckets.updated_at, excluded.updated_at),
      maximum = excluded.maximum,
      restore_per_second = excluded.restore_per_second,
      last_allowed = ${refilled} >= ${need},
      last_taken = ${taken}
    returning available, last_allowed, last_taken, maximum, restore_per_second`;
}

export interface BucketRow {
  available: number;
  last_allowed: boolean;
  last_taken: number;
  maximum: number;
  restore_per_second: number;
}

/** The grant a statement's RETURNING row says; null when the statement charged nothing (its credential refused). */
export function grantOf(row: Partial<BucketRow> | undefined, need: number): Grant | null {
  if (!row || row.available === null || row.available === undefined) return null;
  const limits = { maximum: Number(row.maximum), restorePerSecond: Number(row.restore_per_second) };
  const available = Number(row.available);
  if (row.last_allowed) return { allowed: true, available, taken: Number(row.last_taken), limits, retryAfterSeconds: null };
  const refused = charge(limits, available, need);
  return { allowed: false, available, taken: 0, limits, retryAfterSeconds: refused.allowed ? 1 : refused.retryAfterSeconds };
}

/** Syncs a bucket of its own (anonymous callers, and people and keys whose row the instance holds): one statement. */
export async function syncBucket(db: Executor, request: ChargeRequest): Promise<Grant> {
  const statement = leaseSql(
    {
      from: sql``,
      bucket: sql`${request.bucket}::text`,
      maximum: sql`${request.limits.maximum}::float8`,
      restore: sql`${request.limits.restorePerSecond}::float8`,
    },
    request,
  );
  const { rows } = (await db.execute(statement)) as unknown as { rows: BucketRow[] };
  return grantOf(rows[0], request.need)!;
}
