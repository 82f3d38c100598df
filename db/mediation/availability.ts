/**
 * Weekly hours (a mediator's availability, a room's opening hours) against a time range in China.
 * Pure: a range fits when it lies within one weekly window of its China day and touches no exception.
 */
import { toChinaDate, type IsoDate } from '../calendar/work-calendar';

export interface WeeklyWindow {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Local time "HH:MM" or "HH:MM:SS". */
  opens: string;
  closes: string;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** China-local weekday (1–7) and minute of the day of an instant. */
export function chinaClock(instant: Date): { day: IsoDate; weekday: number; minute: number } {
  const local = new Date(instant.getTime() + CHINA_OFFSET_MS);
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  return { day: toChinaDate(instant), weekday, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

export function minuteOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** "HH:MM" with 00 ≤ HH ≤ 24 and a real minute; 24:00 is the end of the day. */
export function isClockTime(value: string): boolean {
  const match = /^(\d{2}):(\d{2})(?::00)?$/.exec(value);
  if (!match) return false;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return (h < 24 && m < 60) || (h === 24 && m === 0);
}

export function fitsWeekly(windows: readonly WeeklyWindow[], startsAt: Date, endsAt: Date): boolean {
  const start = chinaClock(startsAt);
  const end = chinaClock(new Date(endsAt.getTime() - 1));
  if (start.day !== end.day) return false;
  const endMinute = end.minute + 1;
  return windows.some((w) => w.weekday === start.weekday && minuteOf(w.opens) <= start.minute && endMinute <= minuteOf(w.closes));
}

export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

export function isAvailable(
  windows: readonly WeeklyWindow[],
  exceptions: readonly { startsAt: Date; endsAt: Date }[],
  range: { startsAt: Date; endsAt: Date },
): boolean {
  return unavailability(windows, exceptions, range) === null;
}

/**
 * Why a mediator is not available for `range`, or null when they are: the one rule behind both
 * recommendMediators' UNAVAILABLE exclusion and the refusal when a session is scheduled. No weekly hours
 * declared means not available (a mediator is booked only at times they said they keep free).
 */
export function unavailability(
  windows: readonly WeeklyWindow[],
  exceptions: readonly { startsAt: Date; endsAt: Date; reason?: string | null }[],
  range: { startsAt: Date; endsAt: Date },
): string | null {
  if (!windows.length) return '未登记每周可约时间';
  if (!fitsWeekly(windows, range.startsAt, range.endsAt)) return '该时段不在其每周可约时间内';
  const away = exceptions.find((e) => overlaps(e, range));
  if (away) return away.reason ? `该时段已登记不可约（${away.reason}）` : '该时段已登记不可约';
  return null;
}
