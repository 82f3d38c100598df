import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every entity table spreads in: a random UUID key and its creation time. */
export const entityColumns = {
  id: uuid('id').primaryKey().defaultRandom(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const updatedAt = timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
