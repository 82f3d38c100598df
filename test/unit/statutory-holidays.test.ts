import { describe, expect, it } from 'vitest';
import { statutoryHolidays, officialWorkCalendar } from '../../db/calendar/statutory-holidays';
import { officialSchedules } from '../../db/calendar/official-schedules';
import { statutoryDueDate, WorkCalendar } from '../../db/calendar/work-calendar';

const dates = (year: number) => statutoryHolidays(year).map((day) => day.date);

describe('statutory holidays by rule (《全国年节及纪念日放假办法》)', () => {
  it('2027: the 13 days of the 2024 revision, lunar festivals and 清明 from the lunar calendar', () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' }, // 除夕
      { date: '2027-02-06', name: '春节' }, // 正月初一
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明节' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午节' },
      { date: '2027-09-15', name: '中秋节' },
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-02', name: '国庆节' },
      { date: '2027-10-03', name: '国庆节' },
    ]);
  });

  it('every statutory day of 2025 and 2026 is a day off in the State Council schedule', () => {
    for (const year of [2025, 2026]) {
      expect(dates(year)).toHaveLength(13);
      for (const date of dates(year)) expect(officialSchedules[year].holidays).toContain(date);
    }
  });

  it('earlier revisions: 11 days from 2014 (春节 初一至初三), 2008–2013 (除夕至初二), 10 days before 2008', () => {
    expect(dates(2024)).toEqual([
      '2024-01-01', '2024-02-10', '2024-02-11', '2024-02-12', '2024-04-04', '2024-05-01', '2024-06-10', '2024-09-17',
      '2024-10-01', '2024-10-02', '2024-10-03',
    ]);
    expect(dates(2012).slice(1, 4)).toEqual(['2012-01-22', '2012-01-23', '2012-01-24']);
    expect(dates(2005)).toEqual([
      '2005-01-01', '2005-02-09', '2005-02-10', '2005-02-11', '2005-05-01', '2005-05-02', '2005-05-03', '2005-10-01',
      '2005-10-02', '2005-10-03',
    ]);
  });

  it('中秋 on 国庆 (2020-10-01) is one day named as the notice names it', () => {
    const year = statutoryHolidays(2020);
    expect(year.find((day) => day.date === '2020-10-01')).toEqual({ date: '2020-10-01', name: '国庆节、中秋节' });
    expect(year).toHaveLength(10);
  });

  it('a deadline into a year without a schedule moves off the statutory day and is provisional', () => {
    const cal = officialWorkCalendar();
    // 60 days from 2026-11-02 end on 2027-01-01 (元旦, Friday) → the next working day is Monday 01-04.
    const due = statutoryDueDate({ start: '2026-11-02', days: 60, calendar: cal });
    expect(due).toBe('2027-01-04');
    expect(cal.isProvisional('2027-01-01', due)).toBe(true);
    expect(cal.isProvisional('2026-10-01', '2026-12-31')).toBe(false);
    expect(cal.isProvisional('2026-12-31', '2027-01-01')).toBe(true);
  });
});
