import { doublePrecision, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.sql';

/** What an Open311 client sent beside the case itself: the service, the location and a photo link. */
export const open311Requests = pgTable('open311_requests', {
  caseId: uuid('case_id').primaryKey().references(() => cases.id),
  serviceCode: text('service_code').notNull(),
  lat: doublePrecision('lat'),
  long: doublePrecision('long'),
  addressString: text('address_string'),
  mediaUrl: text('media_url'),
});
