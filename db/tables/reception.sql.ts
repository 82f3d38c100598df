import { boolean, date, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns, streamColumns } from './columns';
import { units } from './units.sql';
import { accounts } from './accounts.sql';
import { cases } from './cases.sql';
import { petitioners } from './petitioners.sql';
import { mediationRooms, mediationSessions } from './mediation.sql';
import {
  appointmentKindLabels,
  appointmentStatusLabels,
  receptionOutcomeLabels,
  receptionStatusLabels,
  recurrenceLabels,
  scheduleStatusLabels,
  valuesOf,
  visitKindLabels,
  visitStatusLabels,
} from '../reception/vocabulary';

export const receptionRecurrence = pgEnum('reception_recurrence', valuesOf(recurrenceLabels));
export const receptionScheduleStatus = pgEnum('reception_schedule_status', valuesOf(scheduleStatusLabels));
export const appointmentKind = pgEnum('appointment_kind', valuesOf(appointmentKindLabels));
export const appointmentStatus = pgEnum('appointment_status', valuesOf(appointmentStatusLabels));
export const receptionStatus = pgEnum('reception_status', valuesOf(receptionStatusLabels));
export const receptionOutcome = pgEnum('reception_outcome', valuesOf(receptionOutcomeLabels));
export const visitKind = pgEnum('visit_kind', valuesOf(visitKindLabels));
export const visitStatus = pgEnum('visit_status', valuesOf(visitStatusLabels));

const day = (name: string) => date(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 接访日: a leader (LEADER account) receives the public at a room on a recurring or one-off schedule,
 * on the topics listed. Times are China time "HH:MM"; slots of `slotMinutes` are generated on the
 * work calendar (db/reception/slots.ts), never stored: an appointment books its slot through the
 * generic bookings table, whose exclusion constraint refuses a second booking of the leader's time.
 */
export const receptionSchedules = pgTable(
  'reception_schedules',
  {
    ...entityColumns,
    ...streamColumns,
    status: receptionScheduleStatus('status').notNull().default('ACTIVE'),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    unitPath: text('unit_path').notNull(),
    leaderId: uuid('leader_id').notNull().references(() => accounts.id),
    /** Public: how the leader is announced (区长、区信访办主任). */
    leaderTitle: text('leader_title').notNull(),
    roomId: uuid('room_id').notNull().references(() => mediationRooms.id),
    recurrence: receptionRecurrence('recurrence').notNull(),
    /** ISO weekday for WEEKLY. */
    weekday: smallint('weekday'),
    /** Day of month for MONTHLY. */
    monthDay: smallint('month_day'),
    /** First day (the date itself for ONE_OFF). */
    startsOn: day('starts_on').notNull(),
    /** Last day, inclusive; null = until ended. */
    endsOn: day('ends_on'),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    slotMinutes: smallint('slot_minutes').notNull(),
    topics: text('topics').array().notNull(),
    /** Receive on rest days (statutory holidays, weekends) too; otherwise such days have no slot. */
    onRestDays: boolean('on_rest_days').notNull().default(false),
    /** Single dates called off (the leader is away); their slots disappear. */
    cancelledDates: day('cancelled_dates').array().notNull().default([]),
    createdById: uuid('created_by_id').notNull().references(() => accounts.id),
  },
  (t) => [index('reception_schedules_unit_idx').on(t.unitPath), index('reception_schedules_leader_idx').on(t.leaderId)],
);

/** 约访: one citizen holds one slot of a schedule; its booking lives in `bookings` (purpose APPOINTMENT). */
export const appointments = pgTable(
  'appointments',
  {
    ...entityColumns,
    ...streamColumns,
    status: appointmentStatus('status').notNull().default('BOOKED'),
    kind: appointmentKind('kind').notNull(),
    scheduleId: uuid('schedule_id').notNull().references(() => receptionSchedules.id),
    unitPath: text('unit_path').notNull(),
    leaderId: uuid('leader_id').notNull().references(() => accounts.id),
    date: day('date').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    petitionerId: uuid('petitioner_id').notNull().references(() => petitioners.id),
    caseId: uuid('case_id').references(() => cases.id),
    /** A new matter in the citizen's words, when no case exists yet. */
    matter: text('matter'),
    bookedById: uuid('booked_by_id').notNull().references(() => accounts.id),
    /** When the reminder event was written for the SMS gateway. */
    remindedAt: instant('reminded_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    index('appointments_petitioner_idx').on(t.petitionerId, t.startsAt),
    index('appointments_schedule_idx').on(t.scheduleId, t.date),
    index('appointments_reminder_idx').on(t.status, t.startsAt),
  ],
);

/**
 * One person received (or waiting to be) on a reception day. Walk-ins and arrived appointments join
 * the day's queue in arrival order (`queueNumber`, unique per schedule and date). The reception itself
 * — who received whom, the desk staff (三亮), the five questions (五必问) and the outcome — is one step.
 */
export const receptions = pgTable(
  'receptions',
  {
    ...entityColumns,
    ...streamColumns,
    status: receptionStatus('status').notNull().default('WAITING'),
    scheduleId: uuid('schedule_id').notNull().references(() => receptionSchedules.id),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    unitPath: text('unit_path').notNull(),
    date: day('date').notNull(),
    queueNumber: integer('queue_number').notNull(),
    petitionerId: uuid('petitioner_id').notNull().references(() => petitioners.id),
    appointmentId: uuid('appointment_id').references(() => appointments.id),
    /** The leader who received the person (the schedule's leader unless another stood in). */
    leaderId: uuid('leader_id').notNull().references(() => accounts.id),
    // 三亮: the desk staff's account and what they showed (工号、姓名、职务).
    deskStaffId: uuid('desk_staff_id').references(() => accounts.id),
    deskBadgeNumber: text('desk_badge_number'),
    deskStaffName: text('desk_staff_name'),
    deskStaffTitle: text('desk_staff_title'),
    // 五必问
    facts: text('facts'),
    claim: text('claim'),
    difficulties: text('difficulties'),
    petitionHistory: text('petition_history'),
    priorHandling: text('prior_handling'),
    outcome: receptionOutcome('outcome'),
    /** The answer given (resolved on the spot) or the note on the referral. */
    outcomeNote: text('outcome_note'),
    /** The case registered from this reception, or the one it was attached to. */
    caseId: uuid('case_id').references(() => cases.id),
    /** The mediation session opened when the reception was referred to mediation. */
    mediationSessionId: uuid('mediation_session_id').references(() => mediationSessions.id),
    heldAt: instant('held_at'),
  },
  (t) => [
    uniqueIndex('receptions_queue_idx').on(t.scheduleId, t.date, t.queueNumber),
    uniqueIndex('receptions_appointment_idx').on(t.appointmentId),
    index('receptions_unit_idx').on(t.unitPath, t.date),
    index('receptions_case_idx').on(t.caseId),
  ],
);

/** 登门走访 / 带案下访: a leader goes to a person or a place, with the cases to handle there. */
export const visits = pgTable(
  'visits',
  {
    ...entityColumns,
    ...streamColumns,
    status: visitStatus('status').notNull().default('PLANNED'),
    kind: visitKind('kind').notNull(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    unitPath: text('unit_path').notNull(),
    leaderId: uuid('leader_id').notNull().references(() => accounts.id),
    plannedOn: day('planned_on').notNull(),
    placeCode: text('place_code').notNull(),
    place: text('place').notNull(),
    purpose: text('purpose').notNull(),
    petitionerId: uuid('petitioner_id').references(() => petitioners.id),
    carriedOutOn: day('carried_out_on'),
    summary: text('summary'),
  },
  (t) => [index('visits_unit_idx').on(t.unitPath, t.plannedOn)],
);

/** The cases a visit takes along; each gets its result, which is also written on the case's own history. */
export const visitCases = pgTable(
  'visit_cases',
  {
    visitId: uuid('visit_id').notNull().references(() => visits.id),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    position: smallint('position').notNull(),
    result: text('result'),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.caseId] }), index('visit_cases_case_idx').on(t.caseId)],
);
