import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { charge, type BucketLimits } from './leaky-bucket';

export interface ChargeRequest {
  /** e.g. `key:<id>`, `account:<id>`, `ip:<address>` */
  bucket: string;
  limits: BucketLimits;
  cost: number;
  /** Points this instance owes the bucket from earlier requests that cost less than they reserved. */
  refund: number;
  now: Date;
}

export interface ChargeOutcome {
  allowed: boolean;
  /** Points left after this charge (or, when refused, what the bucket holds). */
  available: number;
  limits: BucketLimits;
  retryAfterSeconds: number | null;
}

type Source = { from: SQL; bucket: SQL; maximum: SQL; restore: SQL };

/**
 * One atomic upsert applies the leaky bucket (refill since the last charge, add pending refunds, take the cost
 * if it fits) under the row's lock, so every instance sharing the database shares the bucket. `source` lets the
 * API-key look-up fold the charge into its own statement (no second round trip); see chargeSql's callers.
 */
export function chargeSql(source: Source, request: Pick<ChargeRequest, 'cost' | 'refund' | 'now'>): SQL {
  const now = sql`${request.now.toISOString()}::timestamptz`;
  const cost = sql`${request.cost}::float8`;
  const refilled = sql`least(excluded.maximum, rate_buckets.available + ${request.refund}::float8
    + excluded.restore_per_second * greatest(0, extract(epoch from (excluded.updated_at - rate_buckets.updated_at))::float8))`;
  return sql`insert into rate_buckets (key, available, updated_at, maximum, restore_per_second, last_allowed)
    select ${source.bucket}, case when ${cost} <= ${source.maximum} then ${source.maximum} - ${cost} else ${source.maximum} end,
      ${now}, ${source.maximum}, ${source.restore}, ${cost} <= ${source.maximum}
    ${source.from}
    on conflict (key) do update set
      available = case when ${refilled} >= ${cost} then ${refilled} - ${cost} else ${refilled} end,
      updated_at = greatest(rate_buckets.updated_at, excluded.updated_at),
      maximum = excluded.maximum,
      restore_per_second = excluded.restore_per_second,
      last_allowed = ${refilled} >= ${cost}
    returning available, last_allowed, maximum, restore_per_second`;
}

export interface BucketRow {
  available: number;
  last_allowed: boolean;
  maximum: number;
  restore_per_second: number;
}

export function outcomeOf(row: BucketRow, cost: number): ChargeOutcome {
  const limits = { maximum: Number(row.maximum), restorePerSecond: Number(row.restore_per_second) };
  const available = Number(row.available);
  if (row.last_allowed) return { allowed: true, available, limits, retryAfterSeconds: null };
  const refused = charge(limits, available, cost);
  return { allowed: false, available, limits, retryAfterSeconds: refused.allowed ? 1 : refused.retryAfterSeconds };
}

/** Charges a bucket of its own (people and anonymous callers): one statement. */
export async function chargeBucket(db: Executor, request: ChargeRequest): Promise<ChargeOutcome> {
  const statement = chargeSql(
    {
      from: sql``,
      bucket: sql`${request.bucket}::text`,
      maximum: sql`${request.limits.maximum}::float8`,
      restore: sql`${request.limits.restorePerSecond}::float8`,
    },
    request,
  );
  const { rows } = (await db.execute(statement)) as unknown as { rows: BucketRow[] };
  return outcomeOf(rows[0], request.cost);
}

/**
 * Refunds owed to buckets, kept in this instance and paid with the bucket's next charge (same statement), so
 * the refund after execution costs no round trip. An instance that dies owes nothing back: the error is in the
 * caller's disfavour only by the unrefunded difference.
 */
export class RefundLedger {
  private owed = new Map<string, number>();
  add(bucket: string, points: number) {
    if (points > 0) this.owed.set(bucket, (this.owed.get(bucket) ?? 0) + points);
  }
  take(bucket: string): number {
    const points = this.owed.get(bucket) ?? 0;
    this.owed.delete(bucket);
    return points;
  }
  peek(bucket: string): number {
    return this.owed.get(bucket) ?? 0;
  }
}
