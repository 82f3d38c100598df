/**
 * Calendar dates in China and the deadline arithmetic of 《信访工作条例》.
 *
 * Deadlines are about calendar days in Asia/Shanghai, not instants, so a date is a
 * plain 'YYYY-MM-DD' string: it compares correctly as a string, survives JSON and
 * SQL `date` columns unchanged, and cannot drift with the server's time zone.
 * All arithmetic runs on UTC midnights internally, where every day has 24 hours.
 */

/** A calendar date 'YYYY-MM-DD' (in China). */
export type IsoDate = string;

/** China has had no daylight-saving time since 1991: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a well-formed, real calendar date such as '2024-02-29' (not '2025-02-29'). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  // Arithmetic, not a Date per check: every case's clocks check dozens of dates (the sweep: ~1 s at 10,000 cases).
  const y = Number(value.slice(0, 4));
  const mo = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[mo - 1]);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Proleptic Gregorian, as JavaScript's Date and PostgreSQL's date (year 0 is a leap year). */
const isLeapYear = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** Throws on malformed dates: a silent NaN here would become a wrong deadline. */
export function assertIsoDate(value: unknown, what = '日期'): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`${what}格式不正确，应为 YYYY-MM-DD 的有效日期：${String(value)}`);
}

/**
 * Days since 1970-01-01 of a civil date and back (H. Hinnant's days_from_civil / civil_from_days): integer
 * arithmetic valid for every year, where Date.UTC would read years 0–99 as 1900–1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - Math.floor((153 * mp + 2) / 5) + 1];
}

function toEpochDay(date: IsoDate): number {
  assertIsoDate(date);
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** Dates with four-digit years, which PostgreSQL's `date` and ISO 8601 share: 0001-01-01 … 9999-12-31. */
export const FIRST_DATE: IsoDate = '0001-01-01';
export const LAST_DATE: IsoDate = '9999-12-31';
const FIRST_DAY = daysFromCivil(1, 1, 1);
const LAST_DAY = daysFromCivil(9999, 12, 31);

/** Date arithmetic left the representable range (e.g. 9999-12-31 plus a period). */
export class DateRangeError extends RangeError {
  constructor() {
    super(`日期超出可表示的范围（${FIRST_DATE} 至 ${LAST_DATE}）`);
    this.name = 'DateRangeError';
  }
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

function fromEpochDay(day: number): IsoDate {
  if (!(day >= FIRST_DAY && day <= LAST_DAY)) throw new DateRangeError();
  const [y, m, d] = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** The date in China (UTC+8) at the given instant. */
export function toChinaDate(instant: Date): IsoDate {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('无效的时间');
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in China. */
export function chinaToday(now: Date = new Date()): IsoDate {
  return toChinaDate(now);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`天数必须为整数：${n}`);
  return fromEpochDay(toEpochDay(date) + n);
}

/** Whole days from a to b (positive when b is later): daysBetween('2026-01-01', '2026-01-31') = 30. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** ISO weekday: 1 = Monday … 7 = Sunday (the Chinese week starts on 周一). */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4)
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: IsoDate): boolean {
  return dayOfWeek(date) >= 6;
}

export interface WorkCalendarInput {
  holidays: Iterable<IsoDate>;
  adjustedWorkdays: Iterable<IsoDate>;
  /**
   * Years whose State Council schedule is in the data. Other years hold at most the statutory days
   * by rule (statutory-holidays.ts, officialWorkCalendar), without weekend joins or 调休: deadlines there are provisional.
   * Defaults to every year the data mentions.
   */
  officialYears?: Iterable<number>;
}

/** First and last year the calendar carries statutory days for (the calendar API's range too). */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

/**
 * Which days are working days. Outside the years its data covers, only weekends
 * are rest days; `isProvisional` tells whether a span touches a year without an
 * official schedule, so callers can mark what they computed from it.
 */
export class WorkCalendar {
  private readonly holidays: ReadonlySet<IsoDate>;
  private readonly adjustedWorkdays: ReadonlySet<IsoDate>;
  private readonly officialYears: ReadonlySet<number>;

  constructor(input: WorkCalendarInput) {
    const holidays = new Set<IsoDate>();
    const adjusted = new Set<IsoDate>();
    for (const d of input.holidays) {
      assertIsoDate(d, '节假日');
      holidays.add(d);
    }
    for (const d of input.adjustedWorkdays) {
      assertIsoDate(d, '调休工作日');
      // A day cannot be both off and on: that is a data-entry error, refuse it early.
      if (holidays.has(d)) throw new RangeError(`${d} 不能同时是节假日和调休工作日`);
      adjusted.add(d);
    }
    this.holidays = holidays;
    this.adjustedWorkdays = adjusted;
    this.officialYears = new Set(input.officialYears ?? [...holidays, ...adjusted].map((d) => Number(d.slice(0, 4))));
  }

  /** Weekends only, no holidays: for tests and for places without a schedule. */
  static weekendsOnly(): WorkCalendar {
    return new WorkCalendar({ holidays: [], adjustedWorkdays: [] });
  }

  /** Weekend or statutory holiday, unless declared an adjusted working day (调休). */
  isRestDay(date: IsoDate): boolean {
    assertIsoDate(date);
    if (this.adjustedWorkdays.has(date)) return false;
    return this.holidays.has(date) || isWeekend(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    return !this.isRestDay(date);
  }

  /** The date itself if it is a working day, otherwise the first working day after it. */
  nextWorkingDay(date: IsoDate): IsoDate {
    let d = date;
    // The longest real run of rest days is 9 (春节 2026); the cap only guards bad data.
    for (let i = 0; i < 366; i++) {
      if (!this.isRestDay(d)) return d;
      d = addDays(d, 1);
    }
    throw new RangeError(`${date} 之后一年内没有工作日，请检查节假日数据`);
  }

  /** Whether the State Council's schedule for this year is in the calendar. */
  isOfficialYear(year: number): boolean {
    return this.officialYears.has(year);
  }

  /** Whether any day from `from` to `to` (inclusive) lies in a year without an official schedule. */
  isProvisional(from: IsoDate, to: IsoDate): boolean {
    const last = Number(to.slice(0, 4));
    for (let year = Number(from.slice(0, 4)); year <= last; year++) if (!this.isOfficialYear(year)) return true;
    return false;
  }
}

function assertDays(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what}必须为非负整数：${n}`);
}

export interface StatutoryDueInput {
  /** The starting event (registration, acceptance, receipt of the decision …). */
  start: IsoDate;
  /** The period in calendar days (日). */
  days: number;
  /** Days the clock stood still (hearings): the due date moves by as many days. */
  pausedDays?: number;
  calendar: WorkCalendar;
}

/**
 * Due date of a period in calendar days: counting starts the day after `start`, so
 * the last day is start + days (+ paused days); if that is a rest day the period
 * ends on the next working day. Rest days inside the period still count.
 */
export function statutoryDueDate({ start, days, pausedDays = 0, calendar }: StatutoryDueInput): IsoDate {
  assertDays(days, '期限天数');
  assertDays(pausedDays, '中止天数');
  return calendar.nextWorkingDay(addDays(start, days + pausedDays));
}

/**
 * Due date for local SLA policies expressed in working days (e.g. "3个工作日内见面"):
 * the `days`-th working day after `start`. Paused calendar days push the count's
 * start later. `days = 0` means "the same day" (舞钢市 一日工作法), moved to the
 * next working day when `start` is a rest day.
 */
export function workingDaysDueDate({ start, days, pausedDays = 0, calendar }: StatutoryDueInput): IsoDate {
  assertDays(days, '期限天数');
  assertDays(pausedDays, '中止天数');
  let d = addDays(start, pausedDays);
  if (days === 0) return calendar.nextWorkingDay(d);
  for (let counted = 0; counted < days; ) {
    d = addDays(d, 1);
    if (calendar.isWorkingDay(d)) counted++;
  }
  return d;
}

export interface WindowInput {
  /** When the petitioner received the decision / answer. */
  start: IsoDate;
  days: number;
  calendar: WorkCalendar;
  /** The day the petitioner acts (e.g. files the review request). */
  on: IsoDate;
}

/**
 * Whether a petitioner acting on `on` is still within a window of `days` days
 * from `start` (e.g. 30 days to request review): day 30 is in, day 31 is out,
 * and a window whose last day is a rest day stays open to the next working day.
 * Acting on the start day itself counts as in time.
 */
export function isWithinWindow({ start, days, calendar, on }: WindowInput): boolean {
  assertIsoDate(on);
  if (on < start) return false;
  return on <= statutoryDueDate({ start, days, calendar });
}

export type DeadlineStatus = 'OK' | 'WARNING' | 'DUE_TODAY' | 'BREACHED';

/** Default warning horizon in calendar days before a due date. */
export const DEFAULT_WARN_DAYS = 3;

/**
 * Traffic light for a running deadline on day `on`: BREACHED after the due day,
 * DUE_TODAY on it, WARNING within `warnDays` calendar days before it, OK before that.
 */
export function deadlineStatus({ due, on, warnDays = DEFAULT_WARN_DAYS }: { due: IsoDate; on: IsoDate; warnDays?: number }): DeadlineStatus {
  assertDays(warnDays, '预警天数');
  const left = daysBetween(on, due);
  if (left < 0) return 'BREACHED';
  if (left === 0) return 'DUE_TODAY';
  if (left <= warnDays) return 'WARNING';
  return 'OK';
}
