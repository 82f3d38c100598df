import { index, pgEnum, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { entityColumns } from './columns';
import { bookingPurposeLabels, bookingResourceLabels, valuesOf } from '../mediation/vocabulary';

export const bookingResource = pgEnum('booking_resource', valuesOf(bookingResourceLabels));
export const bookingPurpose = pgEnum('booking_purpose', valuesOf(bookingPurposeLabels));

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One resource (a room, a mediator, an account) held for a time range [startsAt, endsAt) by a purpose
 * (a mediation session now; a reception slot later). Overlap is refused by the database itself: the
 * exclusion constraint `bookings_no_overlap` (custom migration, btree_gist) covers every row not yet
 * released. A booking is released, never deleted, so the history of who held what stays.
 */
export const bookings = pgTable(
  'bookings',
  {
    ...entityColumns,
    resourceKind: bookingResource('resource_kind').notNull(),
    resourceId: uuid('resource_id').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    purposeKind: bookingPurpose('purpose_kind').notNull(),
    purposeId: uuid('purpose_id').notNull(),
    releasedAt: instant('released_at'),
  },
  (t) => [index('bookings_purpose_idx').on(t.purposeKind, t.purposeId), index('bookings_resource_idx').on(t.resourceKind, t.resourceId, t.startsAt)],
);
