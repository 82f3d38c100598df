import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { entityColumns, streamColumns } from './columns';
import { units } from './units.sql';
import { petitioners } from './petitioners.sql';
import { accountStatuses, roleNames } from '../accounts/vocabulary';

export { roleNames };

export const role = pgEnum('role', roleNames);
export const accountStatus = pgEnum('account_status', accountStatuses);

/**
 * Staff, petitioner and integrator accounts. Staff belong to one unit and act within its subtree. A stream
 * (db/accounts/stream.ts): every change an administrator makes is an event in its history.
 */
export const accounts = pgTable(
  'accounts',
  {
    ...entityColumns,
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    /** Set for PETITIONER accounts: the petitioner record whose cases the account may read. */
    petitionerId: uuid('petitioner_id').references(() => petitioners.id),
    roles: role('roles').array().notNull(),
    status: accountStatus('status').notNull().default('ACTIVE'),
    ...streamColumns,
    // Accounts existed before they had a history: theirs starts at the migration.
    lastEventAt: timestamp('last_event_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('accounts_unit_idx').on(t.unitId)],
);
