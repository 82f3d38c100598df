import {
  boolean,
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { entityColumns, streamColumns, xid8 } from './columns';
import { units } from './units.sql';
import { accounts, role } from './accounts.sql';
import { petitioners } from './petitioners.sql';
import { caseKinds, caseStatuses, channels, outcomes, participantRoles, satisfactions } from '../cases/vocabulary';
import type { DeclineReason } from '../cases/vocabulary';

export const caseKind = pgEnum('case_kind', caseKinds);

export const channel = pgEnum('channel', channels);

export const caseStatus = pgEnum('case_status', caseStatuses);

export const outcome = pgEnum('outcome', outcomes);

export const satisfaction = pgEnum('satisfaction', satisfactions);

export const participantRole = pgEnum('participant_role', participantRoles);

const day = (name: string) => date(name, { mode: 'string' });

/** 信访事项: a stream (db/streams); `version` counts the actions taken on it, the history's sequence counts every event. */
export const cases = pgTable(
  'cases',
  {
    ...entityColumns,
    ...streamColumns,
    /** 信访件编号: receiving unit's division code, year, per-unit-year sequence. */
    number: text('number').notNull().unique(),
    queryCode: text('query_code').notNull(),
    kind: caseKind('kind').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    channel: channel('channel').notNull(),
    status: caseStatus('status').notNull().default('REGISTERED'),
    /** Division code of the place the matter concerns (属地). */
    placeCode: text('place_code').notNull(),
    receivedOn: day('received_on').notNull(),
    receivingUnitId: uuid('receiving_unit_id').notNull().references(() => units.id),
    receivingUnitPath: text('receiving_unit_path').notNull(),
    /** The unit currently responsible; its path is copied here so visibility is one indexed predicate. */
    unitId: uuid('unit_id').notNull().references(() => units.id),
    unitPath: text('unit_path').notNull(),
    registeredById: uuid('registered_by_id').references(() => accounts.id),
    /** Petitioner ids (not agents), so "a petitioner sees only their own cases" needs no join. */
    petitionerIds: uuid('petitioner_ids').array().notNull(),
    repeatOfId: uuid('repeat_of_id').references((): AnyPgColumn => cases.id),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => cases.id),
    skipLevel: boolean('skip_level').notNull().default(false),
    // Accusations (检举控告): the accused unit's subtree may never see the case.
    accusedUnitId: uuid('accused_unit_id').references(() => units.id),
    accusedUnitPath: text('accused_unit_path'),
    accusedPerson: text('accused_person'),
    caseLeaderId: uuid('case_leader_id').references(() => accounts.id),
    backlog: boolean('backlog').notNull().default(false),
    backlogSince: day('backlog_since'),
    backlogClearedOn: day('backlog_cleared_on'),
    // Milestones of the statutory clocks (calendar dates in China).
    routedOn: day('routed_on'),
    reportDueOn: day('report_due_on'),
    acceptedOn: day('accepted_on'),
    declinedOn: day('declined_on'),
    declineReason: text('decline_reason').$type<DeclineReason>(),
    extensionDays: smallint('extension_days').notNull().default(0),
    extensionReason: text('extension_reason'),
    hearingPausedDays: smallint('hearing_paused_days').notNull().default(0),
    /** Set while a hearing is pending: the clock is paused from this day. */
    hearingPauseStartedOn: day('hearing_pause_started_on'),
    reviewHearingPausedDays: smallint('review_hearing_paused_days').notNull().default(0),
    reReviewHearingPausedDays: smallint('re_review_hearing_paused_days').notNull().default(0),
    decidedOn: day('decided_on'),
    outcome: outcome('outcome'),
    decisionSummary: text('decision_summary'),
    resolved: boolean('resolved'),
    reviewUnitId: uuid('review_unit_id').references(() => units.id),
    reviewRequestedOn: day('review_requested_on'),
    reviewDecidedOn: day('review_decided_on'),
    reviewOutcome: outcome('review_outcome'),
    reReviewUnitId: uuid('re_review_unit_id').references(() => units.id),
    reReviewRequestedOn: day('re_review_requested_on'),
    reReviewDecidedOn: day('re_review_decided_on'),
    reReviewOutcome: outcome('re_review_outcome'),
    decisionDeliveredOn: day('decision_delivered_on'),
    reviewDeliveredOn: day('review_delivered_on'),
    closedOn: day('closed_on'),
    /** The day the case ended without a decision (withdrawn, merged). */
    endedOn: day('ended_on'),
    escalatedToUnitId: uuid('escalated_to_unit_id').references(() => units.id),
    /** A new petition on a matter already concluded after 复核 (same petitioner, same category). */
    concludedMatter: boolean('concluded_matter').notNull().default(false),
    satisfaction: satisfaction('satisfaction'),
    /** The local SLA policy in force for this case's unit (snapshot taken when the unit changes). */
    slaPolicy: jsonb('sla_policy').$type<{ routeDays?: number | null; acceptDays?: number | null; handleDays?: number | null; warnDays?: number | null }>(),
    /** Earliest due date of a running staff clock; null when none runs. Maintained by every action. */
    nextDueOn: day('next_due_on'),
    overdue: boolean('overdue').notNull().default(false),
    /** The day the deadline sweep must look at this case (warning lead before nextDueOn). */
    warnOn: day('warn_on'),
    /** The day the sweep closes the case (办结归档) if the petitioner's review window passes unused. */
    closesOn: day('closes_on'),
  },
  (t) => [
    // ORDER BY received_on DESC, id DESC means NULLS FIRST: the index must say so to serve the list in order.
    index('cases_unit_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.receivedOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('cases_receiving_unit_path_idx').using('btree', sql`${t.receivingUnitPath} text_pattern_ops`),
    index('cases_received_idx').on(t.receivedOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('cases_petitioner_ids_idx').using('gin', t.petitionerIds),
    index('cases_next_due_idx').on(t.nextDueOn).where(sql`${t.nextDueOn} is not null`),
    // "everything overdue in my subtree": the overdue rows of a subtree, by path prefix
    index('cases_overdue_idx').using('btree', sql`${t.unitPath} text_pattern_ops`).where(sql`${t.overdue}`),
    index('cases_warn_on_idx').on(t.warnOn).where(sql`${t.warnOn} is not null`),
    index('cases_closes_on_idx').on(t.closesOn).where(sql`${t.closesOn} is not null`),
    index('cases_status_idx').on(t.status),
    // updatedSince + UPDATED_ASC: an integrator's incremental sync walks this index.
    index('cases_updated_idx').on(t.updatedAt, t.id),
  ],
);

export const casePetitioners = pgTable(
  'case_petitioners',
  {
    caseId: uuid('case_id').notNull().references(() => cases.id),
    petitionerId: uuid('petitioner_id').notNull().references(() => petitioners.id),
    role: participantRole('role').notNull(),
    position: smallint('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.petitionerId] }), index('case_petitioners_petitioner_idx').on(t.petitionerId)],
);

/** Per receiving unit and year, the last case number handed out; bumped inside the intake transaction, so gap-free. */
export const caseNumberCounters = pgTable(
  'case_number_counters',
  {
    unitId: uuid('unit_id').notNull().references(() => units.id),
    year: smallint('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);

export const eventStreams = ['CASE', 'MEDIATION_SESSION', 'SUGGESTION', 'MEDIATOR', 'MEDIATION_ROOM', 'RECEPTION_SCHEDULE', 'APPOINTMENT', 'RECEPTION', 'VISIT', 'SUGGESTION_CAMPAIGN', 'ACCOUNT'] as const;
export const eventStream = pgEnum('event_stream', eventStreams);


/**
 * The append-only history of every stream (cases now; mediation sessions and suggestions later).
 * `id` is the global cursor integrators resume from; `sequence` is gap-free per stream.
 */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streamType: eventStream('stream_type').notNull(),
    streamId: uuid('stream_id').notNull(),
    sequence: integer('sequence').notNull(),
    type: text('type').notNull(),
    actorId: uuid('actor_id').references(() => accounts.id),
    actorRoles: role('actor_roles').array().notNull(),
    actorUnitId: uuid('actor_unit_id').references(() => units.id),
    /** The API key the actor used (integrators); null for people. No foreign key: keys are never deleted, and
     * api_keys references cases' tables, so one here would be a cycle. */
    apiKeyId: uuid('api_key_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** The writing transaction. */
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
    /**
     * Delivery order key: the greatest tx_id of this event and its stream's earlier events (set by the
     * `events_order_xid` trigger, so every domain's writes get it). Integrators read in (order_xid, id) order and only
     * below the visibility horizon; see db/events/feed.ts for why this is gap-free and in stream order.
     */
    orderXid: xid8('order_xid').notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [
    uniqueIndex('events_stream_sequence_uq').on(t.streamType, t.streamId, t.sequence),
    index('events_delivery_order_idx').on(t.orderXid, t.id),
  ],
);

/** A client's idempotency key: the same key and input return the first result. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    key: text('key').notNull(),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    resultId: uuid('result_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })],
);
