import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import { calendarDays, officialCalendarYears, slaPolicies, units } from '../schema';
import { officialCalendarRows, officialScheduleYears } from './official-schedules';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, WorkCalendar } from './work-calendar';
import type { ClockPolicy } from '../cases/clocks';
import { ACCEPT_DAYS, HANDLE_DAYS, ROUTE_DAYS } from '../cases/statutory-limits';
import { perDatabase } from '../caches';

// The calendar changes a few times a year; each instance re-reads it at most once a minute,
// and at once after a change made through this instance. Held per database (db/caches.ts).
const CALENDAR_TTL_MS = 60_000;
const calendarCache = perDatabase((): { current?: { calendar: WorkCalendar; loadedAt: number } } => ({}));

export async function loadWorkCalendar(db: Executor): Promise<WorkCalendar> {
  const cache = calendarCache(db);
  const cached = cache.current;
  if (cached && Date.now() - cached.loadedAt < CALENDAR_TTL_MS) return cached.calendar;
  const [rows, years] = await Promise.all([db.select().from(calendarDays), db.select({ year: officialCalendarYears.year }).from(officialCalendarYears)]);
  const calendar = new WorkCalendar({
    holidays: rows.filter((row) => row.kind === 'HOLIDAY').map((row) => row.date),
    adjustedWorkdays: rows.filter((row) => row.kind === 'ADJUSTED_WORKDAY').map((row) => row.date),
    officialYears: years.map((row) => row.year),
  });
  cache.current = { calendar, loadedAt: Date.now() };
  return calendar;
}

/** Drops this database's cached calendar: the next read loads it again. */
export function invalidateWorkCalendar(db: Executor) {
  calendarCache(db).current = undefined;
}

/**
 * Reference data every deployment needs (idempotent): the bundled State Council schedules, marked
 * official, and for every other year of the calendar's range that has no entry yet the statutory
 * days by rule, so deadlines never ignore 元旦 or 春节 in a year whose schedule is not out yet (and
 * the SQL figures read the same days as the clocks).
 */
export async function seedOfficialCalendar(db: Executor) {
  await db
    .insert(calendarDays)
    .values(officialCalendarRows.map((row) => ({ date: row.date, kind: row.kind, name: row.name })))
    .onConflictDoNothing();
  await db
    .insert(officialCalendarYears)
    .values(officialScheduleYears.map((year) => ({ year, notice: `国务院办公厅关于${year}年部分节假日安排的通知` })))
    .onConflictDoNothing();
  const present = await db
    .selectDistinct({ year: sql<number>`extract(year from ${calendarDays.date})::int` })
    .from(calendarDays);
  const covered = new Set(present.map((row) => Number(row.year)));
  const { statutoryHolidays } = await import('./statutory-holidays');
  const ruled = [];
  for (let year = CALENDAR_MIN_YEAR; year <= CALENDAR_MAX_YEAR; year++) {
    if (!covered.has(year)) ruled.push(...statutoryHolidays(year).map((day) => ({ date: day.date, kind: 'HOLIDAY' as const, name: day.name })));
  }
  if (ruled.length) await db.insert(calendarDays).values(ruled).onConflictDoNothing();
  invalidateWorkCalendar(db);
}

/**
 * The local SLA policy for a unit: for each milestone the policy of the nearest unit on the path
 * from the root (deepest wins). Returned as the clocks module's ClockPolicy.
 */
export async function policyForUnitPath(db: Executor, unitPath: string, firstPetition: boolean): Promise<ClockPolicy | null> {
  const rows = await db
    .select({ milestone: slaPolicies.milestone, days: slaPolicies.days, warnDays: slaPolicies.warnDays, depth: sql<number>`length(${units.path})` })
    .from(slaPolicies)
    .innerJoin(units, eq(units.id, slaPolicies.unitId))
    .where(
      and(
        eq(slaPolicies.active, true),
        sql`${unitPath} like ${units.path} || '%'`,
        firstPetition ? sql`true` : eq(slaPolicies.firstPetitionOnly, false),
      ),
    );
  if (!rows.length) return null;
  // Per milestone the strictest policy on the unit's line applies: a township may tighten the
  // county's limit, never loosen it (the stricter of statute and policy applies).
  const chosen: Partial<Record<'routeDays' | 'acceptDays' | 'handleDays', (typeof rows)[number]>> = {};
  for (const row of rows) {
    const key = row.milestone === 'ROUTE' ? 'routeDays' : row.milestone === 'ACCEPT' ? 'acceptDays' : 'handleDays';
    const current = chosen[key];
    if (!current || row.days < current.days) chosen[key] = row;
  }
  const policy: ClockPolicy = {};
  for (const [key, row] of Object.entries(chosen) as [keyof typeof chosen, (typeof rows)[number]][]) {
    policy[key] = row.days;
    policy.warnDays = Math.min(policy.warnDays ?? row.warnDays, row.warnDays);
  }
  return policy;
}

// ---------------------------------------------------------------------------------------------
// Calendar administration (holidays and adjusted working days are reference data, not history:
// an administrator may correct or remove a day).

export type CalendarDayRecord = typeof calendarDays.$inferSelect;

/** Holidays and adjusted working days of one year, by date. */
export async function listCalendarDays(db: Executor, year: number): Promise<CalendarDayRecord[]> {
  return db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`)))
    .orderBy(asc(calendarDays.date));
}

/** Inserts or replaces the entry for a date; this database's cached calendar is dropped. */
export async function upsertCalendarDay(db: Executor, day: CalendarDayRecord): Promise<CalendarDayRecord> {
  const [row] = await db
    .insert(calendarDays)
    .values(day)
    .onConflictDoUpdate({ target: calendarDays.date, set: { kind: day.kind, name: day.name } })
    .returning();
  invalidateWorkCalendar(db);
  return row;
}

export type OfficialYearRecord = typeof officialCalendarYears.$inferSelect;

/** The years from `from` to `to` with their official schedule, or null where none is entered. */
export async function listCalendarYears(db: Executor, from: number, to: number): Promise<{ year: number; official: OfficialYearRecord | null }[]> {
  const rows = await db
    .select()
    .from(officialCalendarYears)
    .where(and(gte(officialCalendarYears.year, from), lte(officialCalendarYears.year, to)));
  const years = [];
  for (let year = from; year <= to; year++) years.push({ year, official: rows.find((row) => row.year === year) ?? null });
  return years;
}

/**
 * Enters the State Council's schedule for a year: in one transaction the year's days (the statutory
 * ones by rule, or an earlier schedule) are replaced by these, and the year is marked official.
 */
export async function enterOfficialSchedule(
  db: Database,
  input: { year: number; notice: string; days: { date: string; kind: CalendarDayRecord['kind']; name: string }[]; enteredById: string },
): Promise<OfficialYearRecord> {
  const row = await db.transaction(async (tx) => {
    await tx.delete(calendarDays).where(and(gte(calendarDays.date, `${input.year}-01-01`), lte(calendarDays.date, `${input.year}-12-31`)));
    await tx.insert(calendarDays).values(input.days);
    const values = { year: input.year, notice: input.notice, enteredById: input.enteredById, enteredAt: new Date() };
    const [year] = await tx
      .insert(officialCalendarYears)
      .values(values)
      .onConflictDoUpdate({ target: officialCalendarYears.year, set: { notice: values.notice, enteredById: values.enteredById, enteredAt: values.enteredAt } })
      .returning();
    return year;
  });
  invalidateWorkCalendar(db);
  return row;
}

/** Removes the entry for a date; returns it, or undefined when there was none. */
export async function deleteCalendarDay(db: Executor, date: string): Promise<CalendarDayRecord | undefined> {
  const [row] = await db.delete(calendarDays).where(eq(calendarDays.date, date)).returning();
  invalidateWorkCalendar(db);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Local SLA policies.

export type SlaPolicyRecord = typeof slaPolicies.$inferSelect;
export type PolicyMilestone = SlaPolicyRecord['milestone'];

/** The statute's limit for each milestone a local policy may shorten (it may never lengthen it). */
export const statutoryMilestoneDays: Readonly<Record<PolicyMilestone, number>> = {
  ROUTE: ROUTE_DAYS,
  ACCEPT: ACCEPT_DAYS,
  HANDLE: HANDLE_DAYS,
};

/** Unit ids on a materialised path, root first: '/a/b/c/' → [a, b, c]. */
export function unitIdsOnPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export interface SlaPolicyInput {
  unitId: string;
  name: string;
  milestone: PolicyMilestone;
  days: number;
  warnDays: number;
  firstPetitionOnly: boolean;
}

/**
 * Sets the active policy of a unit for (milestone, firstPetitionOnly): updates it in place when one is
 * active, otherwise inserts one (deactivated policies stay as they were: policies are never deleted).
 * A transaction-scoped advisory lock on the key keeps two concurrent calls from inserting twice.
 */
export async function upsertSlaPolicy(db: Database, input: SlaPolicyInput): Promise<SlaPolicyRecord> {
  return db.transaction(async (tx) => {
    const key = `sla:${input.unitId}:${input.milestone}:${input.firstPetitionOnly}`;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    const [current] = await tx
      .select({ id: slaPolicies.id })
      .from(slaPolicies)
      .where(
        and(
          eq(slaPolicies.unitId, input.unitId),
          eq(slaPolicies.milestone, input.milestone),
          eq(slaPolicies.firstPetitionOnly, input.firstPetitionOnly),
          eq(slaPolicies.active, true),
        ),
      )
      .orderBy(desc(slaPolicies.createdAt))
      .limit(1)
      .for('update');
    const values = { name: input.name, days: input.days, warnDays: input.warnDays };
    const [row] = current
      ? await tx.update(slaPolicies).set(values).where(eq(slaPolicies.id, current.id)).returning()
      : await tx.insert(slaPolicies).values({ ...input, active: true }).returning();
    return row;
  });
}

export async function getSlaPolicy(db: Executor, id: string): Promise<SlaPolicyRecord | undefined> {
  const [row] = await db.select().from(slaPolicies).where(eq(slaPolicies.id, id));
  return row;
}

export async function deactivateSlaPolicyRow(db: Executor, id: string): Promise<SlaPolicyRecord> {
  const [row] = await db.update(slaPolicies).set({ active: false }).where(eq(slaPolicies.id, id)).returning();
  return row;
}
