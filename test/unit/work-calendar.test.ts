import { describe, expect, it } from 'vitest';
import {
  addDays,
  assertIsoDate,
  daysBetween,
  dayOfWeek,
  deadlineStatus,
  isIsoDate,
  isWithinWindow,
  statutoryDueDate,
  toChinaDate,
  WorkCalendar,
  workingDaysDueDate,
} from '../../db/calendar/work-calendar';
import { officialWorkCalendar } from '../../db/calendar/statutory-holidays';
import { officialCalendarRows, officialFestivals, officialSchedules, officialScheduleYears } from '../../db/calendar/official-schedules';

const cal = officialWorkCalendar();

describe('date helpers', () => {
  it('toChinaDate gives the date in UTC+8, switching at 16:00 UTC', () => {
    expect(toChinaDate(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(toChinaDate(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01');
    expect(toChinaDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(toChinaDate(new Date('2026-01-01T00:30:00+08:00'))).toBe('2026-01-01');
    expect(() => toChinaDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it('addDays crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-02', 0)).toBe('2026-03-02');
    expect(() => addDays('2026-03-02', 1.5)).toThrow(RangeError);
  });

  it('daysBetween counts whole days, signed', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });

  it('dayOfWeek is ISO: 1 = Monday … 7 = Sunday', () => {
    expect(dayOfWeek('2026-01-05')).toBe(1);
    expect(dayOfWeek('2026-10-01')).toBe(4);
    expect(dayOfWeek('2026-10-10')).toBe(6);
    expect(dayOfWeek('2026-09-20')).toBe(7);
    expect(dayOfWeek('2024-02-29')).toBe(4);
  });

  it('date arithmetic agrees with Date day by day (a whole 400-year cycle, 1900–2100, the last 400 years) and stops at the ends of the range', () => {
    // the arithmetic is integer (no Date per call): checked against Date's own proleptic Gregorian calendar
    const fromDate = (t: Date) => `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
    const wrong: string[] = [];
    let count = 0;
    for (const [from, to] of [['0001-01-01', '0401-01-01'], ['1899-12-01', '2101-01-01'], ['9599-01-01', '9999-12-31']]) {
      const t = new Date(0);
      t.setUTCFullYear(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
      for (let day = from; wrong.length < 5; day = addDays(day, 1), t.setUTCDate(t.getUTCDate() + 1), count++) {
        if (day !== fromDate(t) || dayOfWeek(day) !== (t.getUTCDay() || 7) || !isIsoDate(day)) wrong.push(`${day} vs ${fromDate(t)}`);
        if (count % 1009 === 0 && (addDays(addDays(day, 1), -1) !== day || daysBetween('1970-01-01', day) !== Math.round(t.getTime() / 86_400_000))) wrong.push(day);
        if (day === to) break;
      }
    }
    expect(wrong).toEqual([]);
    expect(count).toBe(146_097 + 73_445 + 146_461); // the days between each pair (Python datetime), each pair visited
    expect(() => addDays('9999-12-31', 1)).toThrow('日期超出可表示的范围');
    expect(() => addDays('0001-01-01', -1)).toThrow('日期超出可表示的范围');
    for (const leap of ['0004-02-29', '0400-02-29', '2000-02-29', '2400-02-29']) expect(isIsoDate(leap)).toBe(true);
    for (const common of ['0100-02-29', '1900-02-29', '2100-02-29', '2026-04-31', '2026-00-01', '2026-01-00', '2026-01-32']) expect(isIsoDate(common)).toBe(false);
  });

  it('rejects malformed and impossible dates instead of producing NaN deadlines', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-5')).toBe(false);
    expect(isIsoDate('2026-01-05T00:00:00Z')).toBe(false);
    expect(isIsoDate(20260105)).toBe(false);
    expect(() => assertIsoDate('2025-02-29')).toThrow(/YYYY-MM-DD/);
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
  });
});

describe('official schedules', () => {
  it('covers 2025 and 2026 with the State Council day counts', () => {
    expect(officialScheduleYears).toEqual([2025, 2026]);
    expect(officialSchedules[2025].holidays).toHaveLength(1 + 8 + 3 + 5 + 3 + 8);
    expect(officialSchedules[2025].adjustedWorkdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(officialSchedules[2026].holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(officialSchedules[2026].adjustedWorkdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('names every festival in Chinese', () => {
    expect(officialFestivals[2026].map((f) => f.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect(officialFestivals[2025].map((f) => f.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '国庆节、中秋节']);
    expect(officialFestivals[2026][1].holidays).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
  });

  it('only ever swaps a Saturday or Sunday into a working day', () => {
    for (const year of officialScheduleYears) {
      for (const d of officialSchedules[year].adjustedWorkdays) expect(dayOfWeek(d)).toBeGreaterThanOrEqual(6);
    }
  });

  it('provides sorted seed rows with kind and name', () => {
    expect(officialCalendarRows).toHaveLength(28 + 5 + 33 + 6);
    expect(officialCalendarRows[0]).toEqual({ date: '2025-01-01', kind: 'HOLIDAY', name: '元旦', year: 2025 });
    expect(officialCalendarRows.find((r) => r.date === '2026-02-28')).toEqual({ date: '2026-02-28', kind: 'ADJUSTED_WORKDAY', name: '春节', year: 2026 });
    expect(officialCalendarRows.find((r) => r.date === '2025-10-06')).toEqual({ date: '2025-10-06', kind: 'HOLIDAY', name: '国庆节、中秋节', year: 2025 });
    const dates = officialCalendarRows.map((r) => r.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
  });
});

describe('WorkCalendar', () => {
  it('treats statutory holidays on weekdays as rest days', () => {
    expect(cal.isRestDay('2026-10-05')).toBe(true); // Monday, 国庆
    expect(cal.isRestDay('2025-10-08')).toBe(true); // Wednesday, 2025 国庆中秋 runs to 10-08
    expect(cal.isRestDay('2026-10-08')).toBe(false); // Thursday, 2026 国庆 ends 10-07
    expect(cal.isRestDay('2026-06-19')).toBe(true); // Friday, 端午
    expect(cal.isRestDay('2025-01-01')).toBe(true);
  });

  it('treats an adjusted Saturday or Sunday (调休) as a working day', () => {
    expect(cal.isRestDay('2026-02-28')).toBe(false); // Saturday
    expect(cal.isRestDay('2026-01-04')).toBe(false); // Sunday
    expect(cal.isRestDay('2026-10-10')).toBe(false); // Saturday
    expect(cal.isRestDay('2026-10-11')).toBe(true); // the Sunday after it is not
    expect(cal.isWorkingDay('2025-04-27')).toBe(true);
  });

  it('treats ordinary weekends as rest days and ordinary weekdays as working days', () => {
    expect(cal.isRestDay('2026-03-07')).toBe(true);
    expect(cal.isRestDay('2026-03-08')).toBe(true);
    expect(cal.isRestDay('2026-03-09')).toBe(false);
  });

  it('nextWorkingDay returns the day itself when working, else skips the whole block', () => {
    expect(cal.nextWorkingDay('2026-03-09')).toBe('2026-03-09');
    expect(cal.nextWorkingDay('2026-03-07')).toBe('2026-03-09');
    expect(cal.nextWorkingDay('2026-10-01')).toBe('2026-10-08');
    expect(cal.nextWorkingDay('2026-02-15')).toBe('2026-02-24');
    expect(cal.nextWorkingDay('2026-10-10')).toBe('2026-10-10');
    expect(cal.nextWorkingDay('2025-12-31')).toBe('2025-12-31');
    expect(cal.nextWorkingDay('2026-01-01')).toBe('2026-01-04');
  });

  it('falls back to the statutory days by rule outside the published years (no joins, no 调休)', () => {
    expect(cal.isOfficialYear(2026)).toBe(true);
    expect(cal.isOfficialYear(2027)).toBe(false);
    expect(cal.isRestDay('2027-01-01')).toBe(true); // 元旦, a Friday
    expect(cal.isRestDay('2027-10-04')).toBe(false); // a Monday: the 2027 joins are not published
    expect(cal.nextWorkingDay('2027-10-01')).toBe('2027-10-04');
    expect(WorkCalendar.weekendsOnly().isRestDay('2026-10-05')).toBe(false);
  });

  it('refuses bad data', () => {
    expect(() => new WorkCalendar({ holidays: ['2026-10-01'], adjustedWorkdays: ['2026-10-01'] })).toThrow(/不能同时/);
    expect(() => new WorkCalendar({ holidays: ['2026-10-32'], adjustedWorkdays: [] })).toThrow(RangeError);
    const allRest = new WorkCalendar({ holidays: Array.from({ length: 400 }, (_, i) => addDays('2030-01-01', i)), adjustedWorkdays: [] });
    expect(() => allRest.nextWorkingDay('2030-01-01')).toThrow(/没有工作日/);
  });
});

describe('statutoryDueDate (calendar days from the day after start)', () => {
  it('counts days from the day after start', () => {
    expect(statutoryDueDate({ start: '2026-03-02', days: 15, calendar: cal })).toBe('2026-03-17');
    expect(statutoryDueDate({ start: '2026-03-02', days: 60, calendar: cal })).toBe('2026-05-06'); // 05-01 in 劳动节 → 05-06
  });

  it('moves a due date in 国庆 to the next working day: 15 days after 2026-09-20 → 2026-10-08', () => {
    expect(addDays('2026-09-20', 15)).toBe('2026-10-05');
    expect(statutoryDueDate({ start: '2026-09-20', days: 15, calendar: cal })).toBe('2026-10-08');
  });

  it('keeps a due date on an adjusted Saturday: 2026-02-28', () => {
    expect(statutoryDueDate({ start: '2026-02-13', days: 15, calendar: cal })).toBe('2026-02-28');
    expect(statutoryDueDate({ start: '2026-01-29', days: 30, calendar: cal })).toBe('2026-02-28');
  });

  it('moves a due date on an ordinary weekend to Monday', () => {
    expect(statutoryDueDate({ start: '2026-01-06', days: 60, calendar: cal })).toBe('2026-03-09'); // 03-07 Saturday
    expect(statutoryDueDate({ start: '2025-01-10', days: 30, calendar: cal })).toBe('2025-02-10'); // 02-09 Sunday after 春节
  });

  it('adds paused days (hearings) before the rest-day move', () => {
    expect(statutoryDueDate({ start: '2026-06-01', days: 15, calendar: cal })).toBe('2026-06-16');
    expect(statutoryDueDate({ start: '2026-06-01', days: 15, pausedDays: 2, calendar: cal })).toBe('2026-06-18');
    // 3 paused days land on 06-19 in 端午 (06-19..06-21) → Monday 06-22.
    expect(statutoryDueDate({ start: '2026-06-01', days: 15, pausedDays: 3, calendar: cal })).toBe('2026-06-22');
    expect(statutoryDueDate({ start: '2026-03-02', days: 60, pausedDays: 10, calendar: cal })).toBe('2026-05-11');
  });

  it('crosses the year boundary: due on 元旦 moves to the adjusted Sunday 2026-01-04', () => {
    expect(statutoryDueDate({ start: '2025-12-17', days: 15, calendar: cal })).toBe('2026-01-04');
    expect(statutoryDueDate({ start: '2025-12-19', days: 15, calendar: cal })).toBe('2026-01-04'); // 01-03 Saturday, 元旦
    expect(statutoryDueDate({ start: '2025-12-20', days: 15, calendar: cal })).toBe('2026-01-04'); // lands on the 调休 Sunday itself
    expect(statutoryDueDate({ start: '2025-12-21', days: 15, calendar: cal })).toBe('2026-01-05');
  });

  it('counts 29 February in leap years', () => {
    expect(statutoryDueDate({ start: '2024-02-14', days: 15, calendar: cal })).toBe('2024-02-29'); // Thursday
    expect(statutoryDueDate({ start: '2025-02-14', days: 15, calendar: cal })).toBe('2025-03-03'); // 03-01 Saturday → Monday
    expect(statutoryDueDate({ start: '2028-01-30', days: 30, calendar: cal })).toBe('2028-02-29'); // Tuesday
  });

  it('refuses negative or fractional periods', () => {
    expect(() => statutoryDueDate({ start: '2026-03-02', days: -1, calendar: cal })).toThrow(RangeError);
    expect(() => statutoryDueDate({ start: '2026-03-02', days: 15, pausedDays: 0.5, calendar: cal })).toThrow(RangeError);
  });
});

describe('workingDaysDueDate (local SLA in working days)', () => {
  it('counts only working days after start', () => {
    expect(workingDaysDueDate({ start: '2026-03-06', days: 3, calendar: cal })).toBe('2026-03-11'); // Fri → Mon, Tue, Wed
    expect(workingDaysDueDate({ start: '2026-03-02', days: 5, calendar: cal })).toBe('2026-03-09');
  });

  it('skips holidays and counts adjusted working days', () => {
    // 10-01..10-07 off; Thu 10-08, Fri 10-09, Sat 10-10 (调休) are the 3 working days.
    expect(workingDaysDueDate({ start: '2026-09-30', days: 3, calendar: cal })).toBe('2026-10-10');
    expect(workingDaysDueDate({ start: '2026-02-13', days: 1, calendar: cal })).toBe('2026-02-14'); // adjusted Saturday
    expect(workingDaysDueDate({ start: '2026-02-14', days: 1, calendar: cal })).toBe('2026-02-24');
  });

  it('0 working days means the same day, or the next working day', () => {
    expect(workingDaysDueDate({ start: '2026-03-06', days: 0, calendar: cal })).toBe('2026-03-06');
    expect(workingDaysDueDate({ start: '2026-03-07', days: 0, calendar: cal })).toBe('2026-03-09');
  });

  it('starts counting after the paused days', () => {
    expect(workingDaysDueDate({ start: '2026-03-06', days: 3, pausedDays: 4, calendar: cal })).toBe('2026-03-13');
  });
});

describe('isWithinWindow (petitioner windows)', () => {
  it('allows day 30 and refuses day 31', () => {
    expect(isWithinWindow({ start: '2026-03-02', days: 30, calendar: cal, on: '2026-04-01' })).toBe(true);
    expect(isWithinWindow({ start: '2026-03-02', days: 30, calendar: cal, on: '2026-04-02' })).toBe(false);
  });

  it('extends a window whose last day is a rest day to the next working day', () => {
    // Day 30 is 2026-04-04 (清明, Saturday); 04-04..04-06 are off, so 04-07 is the last day.
    expect(isWithinWindow({ start: '2026-03-05', days: 30, calendar: cal, on: '2026-04-05' })).toBe(true);
    expect(isWithinWindow({ start: '2026-03-05', days: 30, calendar: cal, on: '2026-04-07' })).toBe(true);
    expect(isWithinWindow({ start: '2026-03-05', days: 30, calendar: cal, on: '2026-04-08' })).toBe(false);
  });

  it('counts the start day itself as in time, and earlier days as not', () => {
    expect(isWithinWindow({ start: '2026-03-02', days: 30, calendar: cal, on: '2026-03-02' })).toBe(true);
    expect(isWithinWindow({ start: '2026-03-02', days: 30, calendar: cal, on: '2026-03-01' })).toBe(false);
  });
});

describe('deadlineStatus', () => {
  const due = '2026-10-08';
  it('is OK, WARNING, DUE_TODAY, BREACHED to the day', () => {
    expect(deadlineStatus({ due, on: '2026-10-04', warnDays: 3 })).toBe('OK');
    expect(deadlineStatus({ due, on: '2026-10-05', warnDays: 3 })).toBe('WARNING');
    expect(deadlineStatus({ due, on: '2026-10-07', warnDays: 3 })).toBe('WARNING');
    expect(deadlineStatus({ due, on: '2026-10-08', warnDays: 3 })).toBe('DUE_TODAY');
    expect(deadlineStatus({ due, on: '2026-10-09', warnDays: 3 })).toBe('BREACHED');
  });

  it('warns only on the due day with warnDays 0, and defaults to 3', () => {
    expect(deadlineStatus({ due, on: '2026-10-07', warnDays: 0 })).toBe('OK');
    expect(deadlineStatus({ due, on: '2026-10-05' })).toBe('WARNING');
    expect(deadlineStatus({ due, on: '2026-10-04' })).toBe('OK');
  });
});
