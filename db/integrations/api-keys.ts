import { isIP } from 'node:net';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { accounts, apiKeys, units } from '../schema';
import { IntegrationError, type IntegrationErrorCode } from './errors';
import { checkKeyShape, generateApiKey, hashApiKey, shownPrefix } from './key-format';
import type { BucketLimits } from './leaky-bucket';
import { grantOf, leaseSql, type BucketRow, type Grant, type SyncTerms } from './rate-limit';
import type { ApiKeyScope } from './vocabulary';

/** The administrator issuing or revoking keys: acts within their unit's subtree. */
export interface KeyAdministrator {
  accountId: string;
  unitPath: string;
}

export interface NewApiKey {
  accountId: string;
  name: string;
  scopes: ApiKeyScope[];
  /** Defaults to the integrator account's unit. */
  unitId?: string | null;
  allowedIps: string[];
  expiresAt?: Date | null;
  rateLimit?: BucketLimits | null;
}

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** "203.0.113.7" or "2001:db8::/32" → a normalised CIDR; null when it is neither. */
export function normaliseCidr(value: string): string | null {
  const [address, bits, ...rest] = value.trim().split('/');
  const family = isIP(address);
  if (!family || rest.length) return null;
  const max = family === 4 ? 32 : 128;
  if (bits === undefined) return `${address}/${max}`;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return null;
  return `${address}/${Number(bits)}`;
}

/** The address as Postgres' inet reads it (IPv4 seen through an IPv6 socket loses its ::ffff: prefix), or null. */
export function normaliseAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(plain) ? plain : null;
}

/** Issues a key; the secret is returned here once and never stored. */
export async function createApiKey(db: Executor, admin: KeyAdministrator, input: NewApiKey, now: Date): Promise<{ row: ApiKeyRow; secret: string }> {
  const [account] = await db
    .select({ id: accounts.id, roles: accounts.roles, status: accounts.status, unitId: accounts.unitId, unitPath: units.path })
    .from(accounts)
    .leftJoin(units, eq(units.id, accounts.unitId))
    .where(eq(accounts.id, input.accountId));
  if (!account || !account.unitPath || !account.unitPath.startsWith(admin.unitPath)) throw new IntegrationError('integration/key-not-found', '对接账号不存在或不在你的管辖范围内');
  if (!account.roles.includes('INTEGRATOR') || account.status !== 'ACTIVE') throw new IntegrationError('integration/not-integrator');
  const unitId = input.unitId ?? account.unitId!;
  const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!unit || !unit.path.startsWith(account.unitPath)) throw new IntegrationError('integration/unit-outside');

  const secret = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      accountId: account.id,
      name: input.name,
      prefix: shownPrefix(secret),
      secretHash: hashApiKey(secret),
      scopes: [...new Set(input.scopes)],
      unitId,
      allowedIps: input.allowedIps,
      expiresAt: input.expiresAt ?? null,
      createdById: admin.accountId,
      createdAt: now,
      rateMaximum: input.rateLimit?.maximum ?? null,
      rateRestorePerSecond: input.rateLimit?.restorePerSecond ?? null,
    })
    .returning();
  return { row, secret };
}

/** Keys of the integrator accounts within the administrator's subtree, newest first. */
export async function listApiKeys(db: Executor, admin: KeyAdministrator, accountId?: string | null): Promise<ApiKeyRow[]> {
  const rows = await db
    .select({ key: apiKeys })
    .from(apiKeys)
    .innerJoin(units, eq(units.id, apiKeys.unitId))
    .where(and(sql`${units.path} like ${admin.unitPath} || '%'`, accountId ? eq(apiKeys.accountId, accountId) : undefined))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map((row) => row.key);
}

/** Revokes at once; revoking twice keeps the first revocation. */
export async function revokeApiKey(db: Executor, admin: KeyAdministrator, keyId: string, now: Date): Promise<ApiKeyRow> {
  const [found] = await db
    .select({ key: apiKeys })
    .from(apiKeys)
    .innerJoin(units, eq(units.id, apiKeys.unitId))
    .where(and(eq(apiKeys.id, keyId), sql`${units.path} like ${admin.unitPath} || '%'`));
  if (!found) throw new IntegrationError('integration/key-not-found');
  if (found.key.revokedAt) return found.key;
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: now, revokedById: admin.accountId })
    .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
    .returning();
  return row ?? found.key;
}

/** What a verified key lets the request act as; an instance keeps it for a few seconds (schema/integrations/request-auth.ts). */
export interface AuthenticatedKey {
  keyId: string;
  keyName: string;
  accountId: string;
  displayName: string;
  roles: string[];
  scopes: ApiKeyScope[];
  unitId: string;
  unitPath: string;
  /** Checked again on every request admitted from the instance's copy. */
  expiresAt: Date | null;
  /** The key's bucket limits (its own or the integrator role's), as the look-up applied them. */
  limits: BucketLimits;
}

export interface KeyRequest {
  key: string;
  clientAddress: string | null;
  now: Date;
  /** The integrator role's bucket, unless the key sets its own. */
  defaultLimits: BucketLimits;
}

type KeyLookupRow = {
  id: string;
  name: string;
  account_id: string;
  display_name: string;
  roles: string[] | string;
  active: boolean;
  scopes: string[] | string;
  unit_id: string;
  unit_path: string;
  revoked_at: string | Date | null;
  expires_at: string | Date | null;
  ip_allowed: boolean;
} & Partial<BucketRow>;

/** Postgres arrays of enums arrive as '{A,B}' from some drivers. */
export function pgArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

/**
 * Verifies a key and syncs its bucket in ONE statement: look-up by hash (with account and unit path), the
 * usability checks (not revoked, not expired, address allowed, account active), last-used time, and the
 * leaky-bucket sync of the instance's lease (db/integrations/rate-lease.ts). The key is checked for shape first, so
 * a mistyped key never reaches the database. A refused key charges nothing.
 */
export async function authenticateApiKey(
  db: Executor,
  request: KeyRequest,
  terms: SyncTerms,
): Promise<{ key: AuthenticatedKey; grant: Grant } | { refusal: IntegrationErrorCode }> {
  const malformed = shapeRefusal(request.key);
  if (malformed) return { refusal: malformed };
  const address = normaliseAddress(request.clientAddress);
  const now = sql`${request.now.toISOString()}::timestamptz`;
  const sync = leaseSql(
    {
      from: sql`from usable`,
      bucket: sql`'key:' || usable.id`,
      maximum: sql`coalesce(usable.rate_maximum, ${request.defaultLimits.maximum}::float8)`,
      restore: sql`coalesce(usable.rate_restore_per_second, ${request.defaultLimits.restorePerSecond}::float8)`,
    },
    terms,
  );
  const statement = sql`with k as (
      select k.id, k.name, k.account_id, a.display_name, a.roles, a.status = 'ACTIVE' as active, k.scopes, k.unit_id, u.path as unit_path,
        k.revoked_at, k.expires_at, k.rate_maximum, k.rate_restore_per_second,
        coalesce(cardinality(k.allowed_ips) = 0 or ${address}::inet <<= any(k.allowed_ips::inet[]), false) as ip_allowed
      from api_keys k join accounts a on a.id = k.account_id join units u on u.id = k.unit_id
      where k.secret_hash = ${hashApiKey(request.key)}
    ),
    usable as (
      select * from k where revoked_at is null and (expires_at is null or expires_at > ${now}) and ip_allowed and active
    ),
    touched as (update api_keys set last_used_at = ${now} where id in (select id from usable)),
    synced as (${sync})
    select k.*, synced.available, synced.last_allowed, synced.last_taken, synced.maximum, synced.restore_per_second
    from k left join synced on true`;
  const { rows } = (await db.execute(statement)) as unknown as { rows: KeyLookupRow[] };
  const row = rows[0];
  const refusal = refusalOf(row, request.now);
  const grant = grantOf(row, terms.need);
  if (refusal || !grant) return { refusal: refusal ?? 'auth/api-key-invalid' };
  return {
    key: {
      keyId: row.id,
      keyName: row.name,
      accountId: row.account_id,
      displayName: row.display_name,
      roles: pgArray(row.roles),
      scopes: pgArray(row.scopes) as ApiKeyScope[],
      unitId: row.unit_id,
      unitPath: row.unit_path,
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      limits: grant.limits,
    },
    grant,
  };
}

/** A key that is not one of ours (wrong prefix) or mistyped (checksum): told without asking the database. */
export function shapeRefusal(key: string): IntegrationErrorCode | null {
  const shape = checkKeyShape(key);
  if (shape.ok) return null;
  return shape.reason === 'prefix' ? 'auth/api-key-malformed' : 'auth/api-key-checksum';
}

function refusalOf(row: KeyLookupRow | undefined, now: Date): IntegrationErrorCode | null {
  if (!row) return 'auth/api-key-invalid';
  if (row.revoked_at) return 'auth/api-key-revoked';
  if (row.expires_at && new Date(row.expires_at) <= now) return 'auth/api-key-expired';
  if (!row.active) return 'auth/account-inactive';
  if (!row.ip_allowed) return 'auth/api-key-ip-denied';
  return null;
}
