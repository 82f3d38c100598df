/**
 * PURE: which days a reception schedule receives on, and the slots of a day. No SQL: the work
 * calendar and the room's closures are handed in. Times are China time (UTC+8, no daylight saving).
 */
import { addDays, dayOfWeek, type IsoDate, type WorkCalendar } from '../calendar/work-calendar';
import type { Recurrence } from './vocabulary';

export interface ScheduleRule {
  recurrence: Recurrence;
  weekday: number | null;
  monthDay: number | null;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  onRestDays: boolean;
  cancelledDates: readonly IsoDate[];
}

export interface Slot {
  date: IsoDate;
  /** "HH:MM", China time. */
  start: string;
  end: string;
  startsAt: Date;
  endsAt: Date;
}

/** Whether the room is closed on a date (mediation's `isClosedOn` on the room row). */
export type ClosedOn = (date: IsoDate) => boolean;
const neverClosed: ClosedOn = () => false;

/** The longest window one public query may ask for. */
export const MAX_RANGE_DAYS = 92;

export function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The instant of a China-time clock reading on a date. */
export function chinaInstant(date: IsoDate, hhmm: string): Date {
  return new Date(`${date}T${hhmm}:00+08:00`);
}

/** Whether the recurrence itself names this date (before the calendar and closures are asked). */
export function recurrenceFalls(rule: ScheduleRule, date: IsoDate): boolean {
  if (date < rule.startsOn || (rule.endsOn && date > rule.endsOn)) return false;
  switch (rule.recurrence) {
    case 'ONE_OFF':
      return date === rule.startsOn;
    case 'WEEKLY':
      return dayOfWeek(date) === rule.weekday;
    case 'MONTHLY':
      return Number(date.slice(8, 10)) === rule.monthDay;
  }
}

export type DayRefusal = 'not-scheduled' | 'rest-day' | 'cancelled' | 'room-closed';

/** Why a date has no reception (null: it has one). A rest day has none unless the schedule says so. */
export function whyNoReception(rule: ScheduleRule, date: IsoDate, calendar: WorkCalendar, closedOn: ClosedOn = neverClosed): DayRefusal | null {
  if (!recurrenceFalls(rule, date)) return 'not-scheduled';
  if (!rule.onRestDays && calendar.isRestDay(date)) return 'rest-day';
  if (rule.cancelledDates.includes(date)) return 'cancelled';
  if (closedOn(date)) return 'room-closed';
  return null;
}

/** The reception days from `from` to `to`, inclusive. */
export function receptionDays(rule: ScheduleRule, from: IsoDate, to: IsoDate, calendar: WorkCalendar, closedOn: ClosedOn = neverClosed): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = from < rule.startsOn ? rule.startsOn : from; d <= to && (!rule.endsOn || d <= rule.endsOn); d = addDays(d, 1)) {
    if (whyNoReception(rule, d, calendar, closedOn) === null) days.push(d);
  }
  return days;
}

/** The slots of one reception day: back to back from startTime; a last slot that would overrun endTime is dropped. */
export function slotsOf(rule: Pick<ScheduleRule, 'startTime' | 'endTime' | 'slotMinutes'>, date: IsoDate): Slot[] {
  const slots: Slot[] = [];
  const end = minuteOfDay(rule.endTime);
  for (let m = minuteOfDay(rule.startTime); m + rule.slotMinutes <= end; m += rule.slotMinutes) {
    const start = clock(m);
    const finish = clock(m + rule.slotMinutes);
    slots.push({ date, start, end: finish, startsAt: chinaInstant(date, start), endsAt: chinaInstant(date, finish) });
  }
  return slots;
}

/** Shape checks of a schedule a person submits; returns the first problem as [field, message]. */
export function scheduleProblem(rule: ScheduleRule): [string, string] | null {
  const clockOk = (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);
  if (!clockOk(rule.startTime)) return ['startTime', '开始时间格式应为 HH:MM'];
  if (!clockOk(rule.endTime)) return ['endTime', '结束时间格式应为 HH:MM'];
  if (!Number.isInteger(rule.slotMinutes) || rule.slotMinutes < 10 || rule.slotMinutes > 240) return ['slotMinutes', '每个时段应为 10–240 分钟'];
  if (minuteOfDay(rule.endTime) - minuteOfDay(rule.startTime) < rule.slotMinutes) return ['endTime', '结束时间应晚于开始时间至少一个时段'];
  if (rule.endsOn && rule.endsOn < rule.startsOn) return ['endsOn', '结束日期不能早于开始日期'];
  if (rule.recurrence === 'WEEKLY' && !(Number.isInteger(rule.weekday) && rule.weekday! >= 1 && rule.weekday! <= 7)) return ['weekday', '每周接访须指定星期（1–7）'];
  if (rule.recurrence === 'MONTHLY' && !(Number.isInteger(rule.monthDay) && rule.monthDay! >= 1 && rule.monthDay! <= 28)) {
    return ['monthDay', '每月接访须指定 1–28 日（每月都有的日子）'];
  }
  if (rule.recurrence !== 'WEEKLY' && rule.weekday != null) return ['weekday', '只有每周接访可以指定星期'];
  if (rule.recurrence !== 'MONTHLY' && rule.monthDay != null) return ['monthDay', '只有每月接访可以指定日期'];
  return null;
}
