import { describe, expect, it } from 'vitest';
import { officialWorkCalendar } from '../../db/calendar/statutory-holidays';
import { receptionDays, scheduleProblem, slotsOf, whyNoReception, type ScheduleRule } from '../../db/reception/slots';

const calendar = officialWorkCalendar();
const weekly: ScheduleRule = {
  recurrence: 'WEEKLY',
  weekday: 4,
  monthDay: null,
  startsOn: '2026-09-01',
  endsOn: null,
  startTime: '09:00',
  endTime: '11:45',
  slotMinutes: 30,
  onRestDays: false,
  cancelledDates: ['2026-10-22'],
};

describe('reception slots on the work calendar', () => {
  it('weekly: Thursdays, skipping the National Day holiday and a cancelled date', () => {
    expect(receptionDays(weekly, '2026-09-28', '2026-10-31', calendar)).toEqual(['2026-10-08', '2026-10-15', '2026-10-29']);
    expect(whyNoReception(weekly, '2026-10-01', calendar)).toBe('rest-day');
    expect(whyNoReception(weekly, '2026-10-22', calendar)).toBe('cancelled');
    expect(whyNoReception(weekly, '2026-10-07', calendar)).toBe('not-scheduled');
  });

  it('a schedule that receives on rest days keeps the holiday', () => {
    expect(receptionDays({ ...weekly, onRestDays: true }, '2026-09-28', '2026-10-08', calendar)).toEqual(['2026-10-01', '2026-10-08']);
  });

  it('monthly on the 10th: 10 October 2026 is an adjusted working Saturday, so it stays; a closed room removes a day', () => {
    const monthly: ScheduleRule = { ...weekly, recurrence: 'MONTHLY', weekday: null, monthDay: 10, cancelledDates: [] };
    expect(receptionDays(monthly, '2026-10-01', '2026-12-31', calendar)).toEqual(['2026-10-10', '2026-11-10', '2026-12-10']);
    expect(receptionDays(monthly, '2026-10-01', '2026-12-31', calendar, (d) => d === '2026-11-10')).toEqual(['2026-10-10', '2026-12-10']);
  });

  it('slots run back to back; one that would overrun the end is dropped; times are China time', () => {
    const slots = slotsOf(weekly, '2026-10-08');
    expect(slots.map((s) => `${s.start}-${s.end}`)).toEqual(['09:00-09:30', '09:30-10:00', '10:00-10:30', '10:30-11:00', '11:00-11:30']);
    expect(slots[0].startsAt.toISOString()).toBe('2026-10-08T01:00:00.000Z');
  });

  it('shape problems are named by field', () => {
    expect(scheduleProblem({ ...weekly, weekday: 8 })).toEqual(['weekday', '每周接访须指定星期（1–7）']);
    expect(scheduleProblem({ ...weekly, startTime: '9:00' })?.[0]).toBe('startTime');
    expect(scheduleProblem({ ...weekly, endTime: '09:20' })?.[0]).toBe('endTime');
    expect(scheduleProblem({ ...weekly, recurrence: 'MONTHLY', weekday: null, monthDay: 31 })?.[0]).toBe('monthDay');
    expect(scheduleProblem(weekly)).toBeNull();
  });
});
