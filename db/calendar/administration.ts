/**
 * The rules of keeping the work calendar (the State Council's schedule of holidays and adjusted working days):
 * who may keep it, what a day and a year's schedule must satisfy, and the due-date question anyone may ask.
 */
import * as z from 'zod/mini';
import { calendarDayKinds } from '../schema';
import { ForbiddenError, InputError } from '../errors';
import type { Session } from '../session';
import type { StatutoryHoliday } from './statutory-holidays';
import { parseInput } from '../common/validate';
import { deleteCalendarDay, enterOfficialSchedule, unitIdsOnPath, upsertCalendarDay, type CalendarDayRecord, type OfficialYearRecord } from './service';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, DateRangeError, isIsoDate, isWeekend, LAST_DATE, statutoryDueDate, type IsoDate, type WorkCalendar } from './work-calendar';

const MIN_YEAR = CALENDAR_MIN_YEAR;
const MAX_YEAR = CALENDAR_MAX_YEAR;

export function checkYear(year: number, field = 'year') {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw InputError.forField(field, `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`);
  }
}

/** The years `calendarYears` lists: by default last, this and next year; at most 50. */
export function calendarYearRange(today: IsoDate, from: number | null | undefined, to: number | null | undefined): { from: number; to: number } {
  const thisYear = Number(today.slice(0, 4));
  const first = from ?? thisYear - 1;
  const last = to ?? thisYear + 1;
  checkYear(first, 'from');
  checkYear(last, 'to');
  if (last < first || last - first >= 50) throw InputError.forField('to', '截止年份应不早于起始年份，且最多 50 年');
  return { from: first, to: last };
}

/**
 * The calendar is one national schedule (国务院办公厅节假日安排) shared by every unit: only an
 * administrator of a top unit of the tree (a unit without a parent) may change it.
 */
function assertCalendarAdmin(session: Pick<Session, 'unitPath'>) {
  if (!session.unitPath || unitIdsOnPath(session.unitPath).length !== 1) {
    throw new ForbiddenError('节假日安排全国统一，只能由最上级单位的管理员维护');
  }
}

const setCalendarDaySchema = z
  .object({
    date: z.string().check(z.refine(isIsoDate, '日期格式应为 YYYY-MM-DD')),
    kind: z.enum(calendarDayKinds),
    name: z.string().check(z.trim(), z.minLength(1, '请填写节日名称'), z.maxLength(20, '节日名称最多 20 个字')),
  })
  .check(
    z.superRefine((day, issues) => {
      const year = Number(day.date.slice(0, 4));
      if (year < MIN_YEAR || year > MAX_YEAR) issues.addIssue({ code: 'custom', path: ['date'], message: `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间` });
      if (day.kind === 'ADJUSTED_WORKDAY' && isIsoDate(day.date) && !isWeekend(day.date)) {
        issues.addIssue({ code: 'custom', path: ['kind'], message: '调休上班日只能是周六或周日（工作日本来就上班）' });
      }
    }),
  );

/** Takes the statutory rule as an argument: the caller loads it (tyme4ts, ~210 KiB) on demand, not with the API. */
const officialScheduleSchema = (statutoryHolidays: (year: number) => StatutoryHoliday[]) => z
  .object({
    year: z.int(),
    notice: z.string().check(z.trim(), z.minLength(4, '请填写通知名称或文号'), z.maxLength(100, '通知名称最多 100 个字')),
    days: z.array(setCalendarDaySchema).check(z.minLength(1, '请填写该年的放假日')),
  })
  .check(
    z.superRefine((input, issues) => {
      if (!Number.isInteger(input.year) || input.year < MIN_YEAR || input.year > MAX_YEAR) {
        issues.addIssue({ code: 'custom', path: ['year'], message: `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间` });
        return;
      }
      const seen = new Set<string>();
      input.days.forEach((day, index) => {
        if (!day.date.startsWith(`${input.year}-`)) issues.addIssue({ code: 'custom', path: ['days', String(index), 'date'], message: `${day.date} 不在 ${input.year} 年` });
        if (seen.has(day.date)) issues.addIssue({ code: 'custom', path: ['days', String(index), 'date'], message: `${day.date} 重复出现` });
        seen.add(day.date);
      });
      // The law fixes these days; a schedule without one of them is a typing error, not a policy.
      const off = new Set(input.days.filter((day) => day.kind === 'HOLIDAY').map((day) => day.date));
      const missing = statutoryHolidays(input.year).filter((day) => !off.has(day.date));
      if (missing.length) {
        issues.addIssue({
          code: 'custom',
          path: ['days'],
          message: `安排中缺少法定节假日：${missing.map((day) => `${day.date}（${day.name}）`).join('、')}`,
        });
      }
    }),
  );

/** The `dueDate` question: the bounds of its arguments, and a due date past the last representable date as a field error. */
export function dueDateOf(calendar: WorkCalendar, input: { start: IsoDate; days: number; pausedDays?: number | null }): IsoDate {
  const pausedDays = input.pausedDays ?? 0;
  if (!Number.isInteger(input.days) || input.days < 0 || input.days > 366) throw InputError.forField('days', '期限天数应在 0–366 之间');
  if (pausedDays < 0 || pausedDays > 366) throw InputError.forField('pausedDays', '中止天数应在 0–366 之间');
  try {
    return statutoryDueDate({ start: input.start, days: input.days, pausedDays, calendar });
  } catch (error) {
    if (error instanceof DateRangeError) throw InputError.forField('start', `期限末日超出可表示的日期范围（最晚 ${LAST_DATE}），请检查起始日期`);
    throw error;
  }
}

/** Adds or replaces the entry for a date (one entry per date). */
export async function setCalendarDay(session: Pick<Session, 'db' | 'unitPath'>, raw: unknown): Promise<CalendarDayRecord> {
  assertCalendarAdmin(session);
  return upsertCalendarDay(session.db, parseInput(setCalendarDaySchema, raw));
}

/** Enters a year's State Council schedule: it replaces the derived days and the year stops being provisional. */
export async function setOfficialSchedule(session: Session, raw: unknown): Promise<{ year: number; official: OfficialYearRecord }> {
  assertCalendarAdmin(session);
  const { statutoryHolidays } = await import('./statutory-holidays');
  const input = parseInput(officialScheduleSchema(statutoryHolidays), raw);
  const official = await enterOfficialSchedule(session.db, { ...input, enteredById: session.actor!.accountId });
  return { year: input.year, official };
}

/** Removes the entry for a date (reference data, not history) and returns it. */
export async function removeCalendarDay(session: Pick<Session, 'db' | 'unitPath'>, date: IsoDate): Promise<CalendarDayRecord> {
  assertCalendarAdmin(session);
  const removed = await deleteCalendarDay(session.db, date);
  if (!removed) throw InputError.forField('date', `${date} 不在节假日安排中`);
  return removed;
}
