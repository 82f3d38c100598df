import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { calendarDays, slaPolicies, units } from '../../db/schema';
import { officialCalendarRows } from './official-schedules';
import { WorkCalendar } from './work-calendar';
import type { ClockPolicy } from '../cases/clocks';

// The calendar changes a few times a year; each instance re-reads it at most once a minute,
// and at once after a change made through this instance.
const CALENDAR_TTL_MS = 60_000;
let cached: { calendar: WorkCalendar; loadedAt: number } | undefined;

export async function loadWorkCalendar(db: Executor): Promise<WorkCalendar> {
  if (cached && Date.now() - cached.loadedAt < CALENDAR_TTL_MS) return cached.calendar;
  const rows = await db.select().from(calendarDays);
  const calendar = new WorkCalendar({
    holidays: rows.filter((row) => row.kind === 'HOLIDAY').map((row) => row.date),
    adjustedWorkdays: rows.filter((row) => row.kind === 'ADJUSTED_WORKDAY').map((row) => row.date),
  });
  cached = { calendar, loadedAt: Date.now() };
  return calendar;
}

export function invalidateWorkCalendar() {
  cached = undefined;
}

/** Seeds the State Council's 2025 and 2026 schedules (idempotent). */
export async function seedOfficialCalendar(db: Executor) {
  await db
    .insert(calendarDays)
    .values(officialCalendarRows.map((row) => ({ date: row.date, kind: row.kind, name: row.name })))
    .onConflictDoNothing();
  invalidateWorkCalendar();
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
  const policy: ClockPolicy = {};
  const depthOf: Record<string, number> = {};
  for (const row of rows) {
    const key = row.milestone === 'ROUTE' ? 'routeDays' : row.milestone === 'ACCEPT' ? 'acceptDays' : 'handleDays';
    if (depthOf[key] === undefined || row.depth > depthOf[key]) {
      depthOf[key] = row.depth;
      policy[key] = row.days;
      policy.warnDays = Math.min(policy.warnDays ?? row.warnDays, row.warnDays);
    }
  }
  return policy;
}
