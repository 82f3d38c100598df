import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { entityColumns, updatedAt, xid8 } from './columns';
import { units } from './units.sql';
import { accounts } from './accounts.sql';
import { eventStream, events } from './cases.sql';

const moment = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Who owns an endpoint: an integrator's (or an administrator's) account now; an API key (issue 15) later. */
export const webhookOwnerKinds = ['ACCOUNT', 'API_KEY'] as const;
export const webhookOwnerKind = pgEnum('webhook_owner_kind', webhookOwnerKinds);

export const webhookEndpointStatuses = ['ACTIVE', 'DISABLED'] as const;
export const webhookEndpointStatus = pgEnum('webhook_endpoint_status', webhookEndpointStatuses);

export const webhookMessageStatuses = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export const webhookMessageStatus = pgEnum('webhook_message_status', webhookMessageStatuses);

/**
 * A receiver of Standard Webhooks. It sees what a member of `unit_id`'s subtree may read (the same visibility
 * rule as queries), narrowed by stream and event types. `cursor_*` is how far the fan-out has read the log.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    ...entityColumns,
    updatedAt,
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** Event types delivered (empty: all). */
    eventTypes: text('event_types').array().notNull().default(sql`'{}'::text[]`),
    /** Stream types delivered (empty: all). */
    streamTypes: eventStream('stream_types').array().notNull().default(sql`'{}'::event_stream[]`),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    unitPath: text('unit_path').notNull(),
    ownerKind: webhookOwnerKind('owner_kind').notNull(),
    /** The owning account (ACCOUNT) or API key (API_KEY); no foreign key, as it names one of two tables. */
    ownerId: uuid('owner_id').notNull(),
    createdById: uuid('created_by_id').references(() => accounts.id),
    /** whsec_… (Standard Webhooks); shown to the owner once, when made. */
    secret: text('secret').notNull(),
    /** The secret before the last rotation, still signed with until `previous_secret_expires_at`. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: moment('previous_secret_expires_at'),
    status: webhookEndpointStatus('status').notNull().default('ACTIVE'),
    disabledReason: text('disabled_reason'),
    disabledAt: moment('disabled_at'),
    /** Start of the current run of failed attempts; cleared by a success. Five days of it disable the endpoint. */
    failingSince: moment('failing_since'),
    cursorXid: xid8('cursor_xid').notNull(),
    cursorId: bigint('cursor_id', { mode: 'number' }).notNull(),
  },
  (t) => [index('webhook_endpoints_unit_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`), index('webhook_endpoints_owner_idx').on(t.ownerKind, t.ownerId)],
);

/** One event for one endpoint: its id is the `webhook-id`, stable across retries, redelivery and replay. */
export const webhookMessages = pgTable(
  'webhook_messages',
  {
    ...entityColumns,
    endpointId: uuid('endpoint_id').notNull().references(() => webhookEndpoints.id),
    eventId: bigint('event_id', { mode: 'number' }).notNull().references(() => events.id),
    eventType: text('event_type').notNull(),
    /** The JSON body, fixed when the message is made, so every attempt sends (and signs) the same bytes. */
    body: text('body').notNull(),
    status: webhookMessageStatus('status').notNull().default('PENDING'),
    /** Attempts made in the current schedule (redelivery and replay start a new one). */
    attempts: smallint('attempts').notNull().default(0),
    nextAttemptAt: moment('next_attempt_at'),
    /** A dispatcher that claimed the next attempt holds it until then (a crashed one's claim lapses). */
    leaseUntil: moment('lease_until'),
    /** The current schedule was started by hand (redelivery or replay): its attempts are logged as manual. */
    manual: boolean('manual').notNull().default(false),
    lastStatusCode: smallint('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: moment('delivered_at'),
  },
  (t) => [
    uniqueIndex('webhook_messages_endpoint_event_uq').on(t.endpointId, t.eventId),
    index('webhook_messages_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'PENDING'`),
    index('webhook_messages_endpoint_idx').on(t.endpointId, t.createdAt.desc()),
  ],
);

/** The delivery log: every attempt, with its outcome. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    ...entityColumns,
    messageId: uuid('message_id').notNull().references(() => webhookMessages.id),
    endpointId: uuid('endpoint_id').notNull().references(() => webhookEndpoints.id),
    attemptNumber: smallint('attempt_number').notNull(),
    manual: boolean('manual').notNull().default(false),
    startedAt: moment('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    statusCode: smallint('status_code'),
    error: text('error'),
    responseExcerpt: text('response_excerpt'),
  },
  (t) => [index('webhook_attempts_message_idx').on(t.messageId, t.startedAt)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookMessageRow = typeof webhookMessages.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
