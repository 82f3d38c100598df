/**
 * The cost bucket (as Shopify's GraphQL API has): holds at most `maximum` points, refills at `restorePerSecond`,
 * and a request may run only if the bucket holds its requested cost. Plain arithmetic, shared by the SQL
 * statement that applies it atomically (./rate-limit.ts) and by what we report to the client.
 */
export interface BucketLimits {
  maximum: number;
  restorePerSecond: number;
}

export interface BucketState {
  available: number;
  at: Date;
}

/** Points in the bucket at `now`, refilled since `state.at`, never above the maximum. */
export function availableAt(limits: BucketLimits, state: BucketState | null, now: Date): number {
  if (!state) return limits.maximum;
  const elapsed = Math.max(0, (now.getTime() - state.at.getTime()) / 1000);
  return Math.min(limits.maximum, state.available + elapsed * limits.restorePerSecond);
}

export type Charge =
  | { allowed: true; available: number }
  | { allowed: false; available: number; retryAfterSeconds: number };

/**
 * Takes `cost` from a bucket holding `available`, or says how long until it holds enough.
 * A request costing more than the maximum can never run; it is refused with the time to a full bucket.
 */
export function charge(limits: BucketLimits, available: number, cost: number): Charge {
  if (cost <= available) return { allowed: true, available: available - cost };
  const missing = Math.min(cost, limits.maximum) - available;
  return { allowed: false, available, retryAfterSeconds: Math.max(1, Math.ceil(missing / limits.restorePerSecond)) };
}

/** Per role, the default bucket; per key, an override. Integrators get less than people working a desk. */
export const defaultBucketLimits = {
  // Staff buckets hold the largest query the complexity limit admits (10,000), so any allowed query runs on a full
  // bucket; a workbench list (~5,700) then refills in about 10 s.
  ANONYMOUS: { maximum: 1000, restorePerSecond: 50 },
  PETITIONER: { maximum: 2000, restorePerSecond: 100 },
  STAFF: { maximum: 10_000, restorePerSecond: 500 },
  LEADER: { maximum: 10_000, restorePerSecond: 500 },
  SUPERVISOR: { maximum: 10_000, restorePerSecond: 500 },
  MEDIATOR: { maximum: 5000, restorePerSecond: 250 },
  ADMIN: { maximum: 10_000, restorePerSecond: 500 },
  INTEGRATOR: { maximum: 10_000, restorePerSecond: 500 },
} satisfies Record<string, BucketLimits>;

export type BucketRole = keyof typeof defaultBucketLimits;
export type BucketConfig = Record<BucketRole, BucketLimits>;

/** An account with several roles gets the most generous of their buckets. */
export function limitsForRoles(config: BucketConfig, roles: readonly string[]): BucketLimits {
  const candidates = roles.filter((role): role is BucketRole => role in config).map((role) => config[role]);
  if (candidates.length === 0) return config.ANONYMOUS;
  return candidates.reduce((best, next) => (next.maximum > best.maximum ? next : best));
}
