/**
 * The statutory holidays (法定节假日) that 《全国年节及纪念日放假办法》 fixes by rule, for any year.
 *
 * The State Council's yearly schedule (official-schedules.ts, or what an administrator enters) joins
 * these days with weekends and declares 调休 working days; neither can be derived. Until a year's
 * schedule is entered, the days below are the rest days beyond weekends, and every deadline computed
 * on that year is provisional.
 *
 * The lunar dates (春节, 端午, 中秋) and the solar term 清明 come from tyme4ts: a maintained
 * calendar library (by the author of lunar-javascript), not hand-written astronomy. At ~210 KiB it is the
 * largest library after graphql: the API loads this module only where it computes a year by rule (seeding,
 * checking an entered schedule), with a dynamic import, so it stays out of the request path and the cold start.
 */
import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts';
import { officialSchedules } from './official-schedules';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, WorkCalendar, type IsoDate } from './work-calendar';

export interface StatutoryHoliday {
  date: IsoDate;
  /** Festival name as the State Council's notices write it, e.g. '春节'. */
  name: string;
}

/**
 * Which days each revision of the 办法 gives, by the year it came into force. Before 2008 there was
 * no 清明/端午/中秋 holiday and 劳动节 and 国庆 had three days each (1999 revision).
 */
interface Rule {
  from: number;
  /** Days of 春节 relative to the first day of the lunar year (-1 = 除夕). */
  springFestival: number[];
  labourDays: number;
  nationalDays: number;
  traditional: boolean;
}

const rules: Rule[] = [
  // 国务院令第795号 (2024-11-10), in force 2025-01-01: 13 days.
  { from: 2025, springFestival: [-1, 0, 1, 2], labourDays: 2, nationalDays: 3, traditional: true },
  // 国务院令第644号 (2013-12-11), in force 2014-01-01: 11 days, 春节 初一至初三.
  { from: 2014, springFestival: [0, 1, 2], labourDays: 1, nationalDays: 3, traditional: true },
  // 国务院令第513号 (2007-12-14), in force 2008-01-01: 11 days, 春节 除夕至初二.
  { from: 2008, springFestival: [-1, 0, 1], labourDays: 1, nationalDays: 3, traditional: true },
  // 1999 revision: 10 days.
  { from: 1950, springFestival: [0, 1, 2], labourDays: 3, nationalDays: 3, traditional: false },
];

function iso(day: SolarDay): IsoDate {
  return `${String(day.getYear()).padStart(4, '0')}-${String(day.getMonth()).padStart(2, '0')}-${String(day.getDay()).padStart(2, '0')}`;
}

function lunar(year: number, month: number, day: number): SolarDay {
  return LunarDay.fromYmd(year, month, day).getSolarDay();
}

/**
 * The statutory holidays of `year` by rule, sorted by date. Two festivals on one date (中秋 on 国庆,
 * as in 2020) give one day carrying both names, the way the State Council's notice names it.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < 1950 || year > 9999) throw new RangeError(`年份不在可计算范围内：${year}`);
  const rule = rules.find((r) => year >= r.from)!;
  const days: StatutoryHoliday[] = [{ date: `${year}-01-01`, name: '元旦' }];
  const newYear = lunar(year, 1, 1);
  for (const offset of rule.springFestival) days.push({ date: iso(newYear.next(offset)), name: '春节' });
  if (rule.traditional) days.push({ date: iso(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay()), name: '清明节' });
  for (let d = 1; d <= rule.labourDays; d++) days.push({ date: `${year}-05-0${d}`, name: '劳动节' });
  if (rule.traditional) days.push({ date: iso(lunar(year, 5, 5)), name: '端午节' });
  for (let d = 1; d <= rule.nationalDays; d++) days.push({ date: `${year}-10-0${d}`, name: '国庆节' });
  if (rule.traditional) days.push({ date: iso(lunar(year, 8, 15)), name: '中秋节' });

  const byDate = new Map<IsoDate, string>();
  for (const day of days) byDate.set(day.date, byDate.has(day.date) ? `${byDate.get(day.date)}、${day.name}` : day.name);
  return [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * The State Council schedules bundled in official-schedules.ts, and for every other year from
 * CALENDAR_MIN_YEAR to CALENDAR_MAX_YEAR the statutory days by rule (provisional).
 */
export function officialWorkCalendar(): WorkCalendar {
  const official = Object.entries(officialSchedules);
  const ruled: IsoDate[] = [];
  for (let year = CALENDAR_MIN_YEAR; year <= CALENDAR_MAX_YEAR; year++) {
    if (!officialSchedules[year]) ruled.push(...statutoryHolidays(year).map((day) => day.date));
  }
  return new WorkCalendar({
    holidays: [...official.flatMap(([, y]) => y.holidays), ...ruled],
    adjustedWorkdays: official.flatMap(([, y]) => y.adjustedWorkdays),
    officialYears: official.map(([year]) => Number(year)),
  });
}
