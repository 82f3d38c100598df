import { bigint, boolean, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { apiKeyScopes, externalSystems } from '../integrations/vocabulary';
import { entityColumns } from './columns';
import { accounts } from './accounts.sql';
import { units } from './units.sql';
import { cases } from './cases.sql';

export const apiKeyScope = pgEnum('api_key_scope', apiKeyScopes);
export const externalSystem = pgEnum('external_system', externalSystems);

/**
 * An integrator's API key. Only the SHA-256 of the secret is kept (the secret is shown once);
 * `prefix` is its first characters, so a key can be named in lists and logs without revealing it.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    ...entityColumns,
    /** The integrator account the key acts as (role INTEGRATOR); several live keys per account rotate. */
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    scopes: apiKeyScope('scopes').array().notNull(),
    /** The key sees and files within this unit's subtree (inside the account's own unit). */
    unitId: uuid('unit_id').notNull().references(() => units.id),
    /** CIDR blocks the key may be used from; empty means anywhere. */
    allowedIps: text('allowed_ips').array().notNull().default(sql`'{}'::text[]`),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdById: uuid('created_by_id').notNull().references(() => accounts.id),
    revokedById: uuid('revoked_by_id').references(() => accounts.id),
    /** Per-key override of the role's cost bucket (both or neither). */
    rateMaximum: integer('rate_maximum'),
    rateRestorePerSecond: doublePrecision('rate_restore_per_second'),
  },
  (t) => [index('api_keys_account_idx').on(t.accountId)],
);

/**
 * An integrator's own reference for a case (e.g. the 12345 ticket number), unique per integrator and system.
 * Their own deadline is kept beside ours: it is their clock, not one of the regulation's.
 */
export const externalReferences = pgTable(
  'external_references',
  {
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    system: externalSystem('system').notNull(),
    reference: text('reference').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    requestHash: text('request_hash').notNull(),
    externalDueAt: timestamp('external_due_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.system, t.reference] }), index('external_references_case_idx').on(t.caseId)],
);

/** Leaky buckets of the cost-based rate limit, one row per key, account or client address; shared by every instance. */
export const rateBuckets = pgTable('rate_buckets', {
  key: text('key').primaryKey(),
  /** Points left at `updatedAt` (restored continuously at the bucket's rate, up to its maximum). */
  available: doublePrecision('available').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** The limits the last charge applied (a key's override or its role's default). */
  maximum: doublePrecision('maximum').notNull(),
  restorePerSecond: doublePrecision('restore_per_second').notNull(),
  /** Whether the last charge was allowed: the upsert's RETURNING can say so only through a column. */
  lastAllowed: boolean('last_allowed').notNull(),
  /** Points the last sync took out for the instance's lease (db/integrations/rate-lease.ts); RETURNING again. */
  lastTaken: doublePrecision('last_taken').notNull().default(0),
});

/** rate-limiter-flexible's own table (RateLimiterPostgres layout) for the public lookup's per-address limit. */
export const publicLookupLimits = pgTable('public_lookup_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});
