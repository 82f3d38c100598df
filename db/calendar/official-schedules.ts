/**
 * The State Council's official public-holiday schedules (国务院办公厅关于部分节假日安排的通知),
 * as data. Deadlines that end on a rest day move to the next working day, and
 * 调休 weekends count as working days, so both lists matter.
 *
 * Kept as one record per festival (with its Chinese name) so it can be seeded into
 * a table as-is; `officialSchedules` flattens it for `WorkCalendar`.
 * Add a year here when the State Council publishes it (usually in November).
 */
import type { IsoDate } from './work-calendar';

export interface FestivalSchedule {
  /** Chinese name shown to users, e.g. '春节'. */
  name: string;
  /** Every day off in the block, including the weekend days swapped into it. */
  holidays: IsoDate[];
  /** Saturdays/Sundays declared working days (调休上班) for this festival. */
  adjustedWorkdays: IsoDate[];
}

export interface YearSchedule {
  holidays: IsoDate[];
  adjustedWorkdays: IsoDate[];
}

/** Inclusive range of dates 'YYYY-MM-DD'..'YYYY-MM-DD' (both in the same month or not). */
function range(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export const officialFestivals: Readonly<Record<number, readonly FestivalSchedule[]>> = {
  // 国务院办公厅关于2025年部分节假日安排的通知 (published November 2024).
  2025: [
    { name: '元旦', holidays: ['2025-01-01'], adjustedWorkdays: [] },
    { name: '春节', holidays: range('2025-01-28', '2025-02-04'), adjustedWorkdays: ['2025-01-26', '2025-02-08'] },
    { name: '清明节', holidays: range('2025-04-04', '2025-04-06'), adjustedWorkdays: [] },
    { name: '劳动节', holidays: range('2025-05-01', '2025-05-05'), adjustedWorkdays: ['2025-04-27'] },
    { name: '端午节', holidays: range('2025-05-31', '2025-06-02'), adjustedWorkdays: [] },
    { name: '国庆节、中秋节', holidays: range('2025-10-01', '2025-10-08'), adjustedWorkdays: ['2025-09-28', '2025-10-11'] },
  ],
  // 国务院办公厅关于2026年部分节假日安排的通知 (published November 2025).
  2026: [
    { name: '元旦', holidays: range('2026-01-01', '2026-01-03'), adjustedWorkdays: ['2026-01-04'] },
    { name: '春节', holidays: range('2026-02-15', '2026-02-23'), adjustedWorkdays: ['2026-02-14', '2026-02-28'] },
    { name: '清明节', holidays: range('2026-04-04', '2026-04-06'), adjustedWorkdays: [] },
    { name: '劳动节', holidays: range('2026-05-01', '2026-05-05'), adjustedWorkdays: ['2026-05-09'] },
    { name: '端午节', holidays: range('2026-06-19', '2026-06-21'), adjustedWorkdays: [] },
    { name: '中秋节', holidays: range('2026-09-25', '2026-09-27'), adjustedWorkdays: [] },
    { name: '国庆节', holidays: range('2026-10-01', '2026-10-07'), adjustedWorkdays: ['2026-09-20', '2026-10-10'] },
  ],
};

/** Years for which an official schedule is known; outside them only weekends are rest days. */
export const officialScheduleYears: readonly number[] = Object.keys(officialFestivals).map(Number);

/** Per-year flat lists, the shape `WorkCalendar` takes. */
export const officialSchedules: Readonly<Record<number, YearSchedule>> = Object.fromEntries(
  Object.entries(officialFestivals).map(([year, festivals]) => [
    Number(year),
    {
      holidays: festivals.flatMap((f) => f.holidays),
      adjustedWorkdays: festivals.flatMap((f) => f.adjustedWorkdays),
    },
  ]),
);

export type CalendarDayKind = 'HOLIDAY' | 'ADJUSTED_WORKDAY';

export interface CalendarDayRow {
  date: IsoDate;
  kind: CalendarDayKind;
  /** Festival name; adjusted workdays carry the festival they were swapped for. */
  name: string;
  year: number;
}

/** One row per special day, sorted by date: ready to seed a calendar table. */
export const officialCalendarRows: readonly CalendarDayRow[] = Object.entries(officialFestivals)
  .flatMap(([year, festivals]) =>
    festivals.flatMap((f) => [
      ...f.holidays.map((date) => ({ date, kind: 'HOLIDAY' as const, name: f.name, year: Number(year) })),
      ...f.adjustedWorkdays.map((date) => ({ date, kind: 'ADJUSTED_WORKDAY' as const, name: f.name, year: Number(year) })),
    ]),
  )
  .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
