import { customType, integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every entity table spreads in: a random UUID key and its creation time. */
export const entityColumns = {
  id: uuid('id').primaryKey().defaultRandom(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const updatedAt = timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/**
 * Columns every stream table spreads in (db/streams/runner.ts): `version` is the optimistic-concurrency
 * token people send back as `expectedVersion` (bumped by actions only); `lastEventAt` is when the last
 * action happened (a later action may not be dated before it).
 */
export const streamColumns = {
  updatedAt,
  version: integer('version').notNull().default(1),
  lastEventAt: timestamp('last_event_at', { withTimezone: true, mode: 'date' }).notNull(),
};

/** Postgres xid8 (a transaction id), as a decimal string: it is 64-bit. */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });
