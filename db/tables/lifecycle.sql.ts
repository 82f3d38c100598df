import { boolean, date, index, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { entityColumns } from './columns';
import { units } from './units.sql';
import { accounts } from './accounts.sql';
import { cases, satisfaction } from './cases.sql';
import { followUpMethods, hearingStatuses, supervisionStatuses } from '../cases/vocabulary';

const day = (name: string) => date(name, { mode: 'string' });

export const calendarDayKinds = ['HOLIDAY', 'ADJUSTED_WORKDAY'] as const;
export const calendarDayKind = pgEnum('calendar_day_kind', calendarDayKinds);

/** Statutory holidays and adjusted working days (调休); weekends are implied. Kept by administrators. */
export const calendarDays = pgTable('calendar_days', {
  date: day('date').primaryKey(),
  kind: calendarDayKind('kind').notNull(),
  name: text('name').notNull(),
});

/**
 * Years whose State Council schedule (国务院办公厅关于部分节假日安排的通知) is in calendar_days. For any
 * other year calendar_days holds the statutory days by rule only, and deadlines on it are provisional.
 */
export const officialCalendarYears = pgTable('official_calendar_years', {
  year: smallint('year').primaryKey(),
  /** The notice the schedule comes from, e.g. 国办发明电〔2025〕7号. */
  notice: text('notice').notNull(),
  enteredAt: timestamp('entered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** Null for the schedules bundled with the code. */
  enteredById: uuid('entered_by_id').references(() => accounts.id),
});

export const policyMilestones = ['ROUTE', 'ACCEPT', 'HANDLE'] as const;
export const policyMilestone = pgEnum('policy_milestone', policyMilestones);

/** A unit's stricter local time limit (兴国 3/7/21, 舞钢 一日工作法); it applies to the unit's subtree. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    ...entityColumns,
    unitId: uuid('unit_id').notNull().references(() => units.id),
    name: text('name').notNull(),
    milestone: policyMilestone('milestone').notNull(),
    days: smallint('days').notNull(),
    warnDays: smallint('warn_days').notNull().default(3),
    /** Only first petitions (not repeats) — 兴国's rule is for 初信初访. */
    firstPetitionOnly: boolean('first_petition_only').notNull().default(false),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('sla_policies_unit_idx').on(t.unitId)],
);

export const supervisionStatus = pgEnum('supervision_status', supervisionStatuses);

/** 督办: an urging order from a higher unit, with its own due date, answered by the handling unit. */
export const supervisions = pgTable(
  'supervisions',
  {
    ...entityColumns,
    caseId: uuid('case_id').notNull().references(() => cases.id),
    fromUnitId: uuid('from_unit_id').notNull().references(() => units.id),
    issuedById: uuid('issued_by_id').notNull().references(() => accounts.id),
    instructions: text('instructions').notNull(),
    dueOn: day('due_on').notNull(),
    status: supervisionStatus('status').notNull().default('OPEN'),
    answer: text('answer'),
    answeredOn: day('answered_on'),
    escalatedOn: day('escalated_on'),
  },
  (t) => [
    index('supervisions_case_idx').on(t.caseId),
    index('supervisions_open_due_idx').on(t.dueOn).where(sql`${t.status} = 'OPEN'`),
  ],
);

export const followUpMethod = pgEnum('follow_up_method', followUpMethods);

/** 回访 after the decision: how, when, what was said, and the satisfaction the petitioner gave. */
export const followUps = pgTable(
  'follow_ups',
  {
    ...entityColumns,
    caseId: uuid('case_id').notNull().references(() => cases.id),
    method: followUpMethod('method').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    notes: text('notes').notNull(),
    satisfaction: satisfaction('satisfaction'),
    recordedById: uuid('recorded_by_id').notNull().references(() => accounts.id),
  },
  (t) => [index('follow_ups_case_idx').on(t.caseId)],
);

export const hearingStatus = pgEnum('hearing_status', hearingStatuses);

/** 听证. From scheduling to the day it is held, the running clock is paused. */
export const hearings = pgTable(
  'hearings',
  {
    ...entityColumns,
    caseId: uuid('case_id').notNull().references(() => cases.id),
    scheduledOn: day('scheduled_on').notNull(),
    heldOn: day('held_on'),
    location: text('location').notNull(),
    status: hearingStatus('status').notNull().default('SCHEDULED'),
    summary: text('summary'),
  },
  (t) => [index('hearings_case_idx').on(t.caseId)],
);

export const noticeLevels = ['WARNING', 'BREACHED'] as const;
export const noticeLevel = pgEnum('deadline_notice_level', noticeLevels);

/** One row per (case, clock, due date, level) the sweep has announced: running it twice emits nothing new. */
export const deadlineNotices = pgTable(
  'deadline_notices',
  {
    caseId: uuid('case_id').notNull().references(() => cases.id),
    clock: text('clock').notNull(),
    dueOn: day('due_on').notNull(),
    level: noticeLevel('level').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.clock, t.dueOn, t.level] })],
);
