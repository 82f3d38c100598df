import { boolean, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { entityColumns } from './columns';
import { units } from './units.sql';
import { petitioners } from './petitioners.sql';
import { roleNames } from '../accounts/vocabulary';

export { roleNames };

export const role = pgEnum('role', roleNames);

/** Staff, petitioner and integrator accounts. Staff belong to one unit and act within its subtree. */
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
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('accounts_unit_idx').on(t.unitId)],
);
