/**
 * A person's request is authenticated against the account row, not only the token: a deactivated account is
 * refused on its next request and changed roles or a new unit apply from the next request, although the token
 * lasts hours. The row is read in the statement that syncs the account's rate bucket (no extra round trip), and
 * kept for a few seconds by the app instance (AccountCache): while it is fresh and the instance's lease on the
 * bucket has points (db/integrations/rate-lease.ts), a request needs no statement at all.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { grantOf, leaseSql, type BucketRow, type Grant, type SyncTerms } from '../integrations/rate-limit';
import type { BucketConfig } from '../integrations/leaky-bucket';
import { pgArray } from '../integrations/api-keys';
import { RowCache } from '../common/row-cache';
import type { AccountStatus, Role } from './vocabulary';

export interface SignedInAccount {
  id: string;
  displayName: string;
  roles: Role[];
  unitId: string | null;
  petitionerId: string | null;
  status: AccountStatus;
}

/** How long an account row read for a request is trusted by the instance that read it (API key rows too). */
export const DEFAULT_ACCOUNT_CACHE_MS = 5000;

/** Account rows by id (null: no such account), for `ttlMs` on the instance's clock; 0 reads the row on every request. */
export class AccountCache extends RowCache<SignedInAccount | null> {
  constructor(ttlMs: number = DEFAULT_ACCOUNT_CACHE_MS, now?: () => Date) {
    super(ttlMs, now);
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
 * The account (null: no such account) and, when it is active, the sync of its bucket `account:<id>` (null grant:
 * nothing charged). The limits are those of its roles as the row has them: the SQL twin of limitsForRoles (the
 * largest bucket among the roles held, ANONYMOUS's when none has one).
 */
export async function signInAndSync(
  db: Executor,
  accountId: string,
  buckets: BucketConfig,
  terms: SyncTerms,
): Promise<{ account: SignedInAccount | null; grant: Grant | null }> {
  const bucket = `account:${accountId}`;
  const limits = sql.join(
    Object.entries(buckets).map(([role, { maximum, restorePerSecond }]) => sql`(${role}::text, ${maximum}::float8, ${restorePerSecond}::float8)`),
    sql`, `,
  );
  const sync = leaseSql({ from: sql`from lim`, bucket: sql`${bucket}::text`, maximum: sql`lim.maximum`, restore: sql`lim.restore` }, terms);
  const statement = sql`with signed_in as (
      select id, display_name, roles, unit_id, petitioner_id, status from accounts where id = ${accountId}::uuid
    ),
    lim as (
      select l.maximum, l.restore from signed_in a, (values ${limits}) as l(role, maximum, restore)
      where a.status = 'ACTIVE' and (l.role = any(a.roles::text[]) or l.role = 'ANONYMOUS')
      order by l.role = 'ANONYMOUS', l.maximum desc, l.restore desc
      limit 1
    ),
    synced as (${sync})
    select a.*, synced.available, synced.last_allowed, synced.last_taken, synced.maximum, synced.restore_per_second from signed_in a left join synced on true`;
  const { rows } = (await db.execute(statement)) as unknown as { rows: SignInRow[] };
  const row = rows[0];
  const account: SignedInAccount | null = row
    ? { id: row.id, displayName: row.display_name, roles: pgArray(row.roles) as Role[], unitId: row.unit_id, petitionerId: row.petitioner_id, status: row.status }
    : null;
  return { account, grant: grantOf(row, terms.need) };
}
