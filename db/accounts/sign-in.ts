/**
 * A person's request is authenticated against the account row, not only the token: a deactivated account is
 * refused on its next request and changed roles or a new unit apply from the next request, although the token
 * lasts hours. The row is read in the statement that charges the account's rate bucket (no extra round trip),
 * and kept for a few seconds by the app instance (AccountCache), so a burst of requests reads it once.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { chargeBucket, chargeSql, outcomeOf, type BucketRow, type ChargeOutcome, type ChargeRequest } from '../integrations/rate-limit';
import { limitsForRoles, type BucketConfig } from '../integrations/leaky-bucket';
import { pgArray } from '../integrations/api-keys';
import type { AccountStatus, Role } from './vocabulary';

export interface SignedInAccount {
  id: string;
  displayName: string;
  roles: Role[];
  unitId: string | null;
  petitionerId: string | null;
  status: AccountStatus;
}

/** How long an account row read for a request is trusted by the instance that read it. */
export const DEFAULT_ACCOUNT_CACHE_MS = 5000;
const MAX_CACHED_ACCOUNTS = 10_000;

/** Account rows by id, for `ttlMs` on the instance's clock; 0 reads the row on every request. */
export class AccountCache {
  private entries = new Map<string, { account: SignedInAccount | null; until: number }>();
  constructor(
    readonly ttlMs: number = DEFAULT_ACCOUNT_CACHE_MS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(id: string): SignedInAccount | null | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.until > this.now().getTime()) return entry.account;
    this.entries.delete(id);
    return undefined;
  }

  set(id: string, account: SignedInAccount | null): void {
    if (this.ttlMs <= 0) return;
    // A crude bound: the cache only saves round trips, so starting over costs little.
    if (this.entries.size >= MAX_CACHED_ACCOUNTS) this.entries.clear();
    this.entries.set(id, { account, until: this.now().getTime() + this.ttlMs });
  }
}

interface SignInRow extends Partial<BucketRow> {
  id: string;
  display_name: string;
  roles: string | string[];
  unit_id: string | null;
  petitioner_id: string | null;
  status: AccountStatus;
}

/**
 * The account (null: no such account) and, when it is active, the charge of its bucket `account:<id>`. The limits
 * are those of its roles as the row has them: the SQL twin of limitsForRoles (the largest bucket among the roles
 * held, ANONYMOUS's when none has one).
 */
export async function signInAndCharge(
  db: Executor,
  cache: AccountCache,
  accountId: string,
  buckets: BucketConfig,
  request: Omit<ChargeRequest, 'bucket' | 'limits'>,
): Promise<{ account: SignedInAccount | null; outcome: ChargeOutcome | null }> {
  const bucket = `account:${accountId}`;
  const cached = cache.get(accountId);
  if (cached !== undefined) {
    if (cached?.status !== 'ACTIVE') return { account: cached, outcome: null };
    return { account: cached, outcome: await chargeBucket(db, { ...request, bucket, limits: limitsForRoles(buckets, cached.roles) }) };
  }
  const limits = sql.join(
    Object.entries(buckets).map(([role, { maximum, restorePerSecond }]) => sql`(${role}::text, ${maximum}::float8, ${restorePerSecond}::float8)`),
    sql`, `,
  );
  const charge = chargeSql({ from: sql`from lim`, bucket: sql`${bucket}::text`, maximum: sql`lim.maximum`, restore: sql`lim.restore` }, request);
  const statement = sql`with signed_in as (
      select id, display_name, roles, unit_id, petitioner_id, status from accounts where id = ${accountId}::uuid
    ),
    lim as (
      select l.maximum, l.restore from signed_in a, (values ${limits}) as l(role, maximum, restore)
      where a.status = 'ACTIVE' and (l.role = any(a.roles::text[]) or l.role = 'ANONYMOUS')
      order by l.role = 'ANONYMOUS', l.maximum desc, l.restore desc
      limit 1
    ),
    charged as (${charge})
    select a.*, charged.available, charged.last_allowed, charged.maximum, charged.restore_per_second from signed_in a left join charged on true`;
  const { rows } = (await db.execute(statement)) as unknown as { rows: SignInRow[] };
  const row = rows[0];
  const account: SignedInAccount | null = row
    ? { id: row.id, displayName: row.display_name, roles: pgArray(row.roles) as Role[], unitId: row.unit_id, petitionerId: row.petitioner_id, status: row.status }
    : null;
  cache.set(accountId, account);
  const outcome = row && row.available !== null && row.available !== undefined ? outcomeOf(row as BucketRow, request.cost) : null;
  return { account, outcome };
}
