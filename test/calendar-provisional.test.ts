import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gte, lte } from 'drizzle-orm';
import { accounts, calendarDays, officialCalendarYears } from '../db/schema';
import type { Database } from '../db/client';
import type { Actor } from '../db/accounts/actor';
import { invalidateWorkCalendar, seedOfficialCalendar } from '../db/calendar/service';
import { statutoryHolidays } from '../db/calendar/statutory-holidays';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { gql, testApp, tokenFor } from './support/app';
import { act, deadline, registerCase } from './support/cases';

let db: Database;
let fx: Fixture;
let rootAdmin: string;
let clock = new Date('2026-12-21T02:00:00Z');
const app = () => testApp(db, { now: () => clock });

// The calendar is shared by the test files of a worker: this file enters an official schedule only for 2033, and undoes it.
const YEAR = 2033;

beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  const [row] = await db
    .insert(accounts)
    .values({ username: `calendar-keeper-${fx.code}`, displayName: '日历管理员', unitId: fx.units.city.id, roles: ['ADMIN'] })
    .returning();
  const actor: Actor = { accountId: row.id, displayName: row.displayName, roles: ['ADMIN'], unitId: fx.units.city.id, petitionerId: null };
  rootAdmin = await tokenFor(actor);
});

afterAll(async () => {
  await db.delete(calendarDays).where(and(gte(calendarDays.date, `${YEAR}-01-01`), lte(calendarDays.date, `${YEAR}-12-31`)));
  await db.delete(officialCalendarYears).where(eq(officialCalendarYears.year, YEAR));
  await seedOfficialCalendar(db);
  invalidateWorkCalendar(db);
});

describe('a year without an official schedule', () => {
  it('rests on the statutory days by rule: 2027-01-01 is no working day and calendarDays(2027) lists all 13', async () => {
    const result = await gql(
      app(),
      `{ newYear: isWorkingDay(date: "2027-01-01") eve: isWorkingDay(date: "2027-02-05") monday: isWorkingDay(date: "2027-10-04")
         days: calendarDays(year: 2027) { date kind name provisional } known: calendarDays(year: 2026) { provisional } }`,
      {},
      fx.tokens.officeStaff,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ newYear: false, eve: false, monday: true });
    expect(result.data!.days).toEqual(statutoryHolidays(2027).map((day) => ({ ...day, kind: 'HOLIDAY', provisional: true })));
    expect(new Set(result.data!.known.map((day: { provisional: boolean }) => day.provisional))).toEqual(new Set([false]));
  });

  it('shows which years lack an official schedule', async () => {
    const result = await gql(app(), `{ calendarYears(from: 2025, to: 2028) { year official notice } }`, {}, fx.tokens.admin);
    expect(result.data!.calendarYears).toEqual([
      { year: 2025, official: true, notice: '国务院办公厅关于2025年部分节假日安排的通知' },
      { year: 2026, official: true, notice: '国务院办公厅关于2026年部分节假日安排的通知' },
      { year: 2027, official: false, notice: null },
      { year: 2028, official: false, notice: null },
    ]);
    const defaults = await gql(app(), `{ calendarYears { year } }`, {}, fx.tokens.admin);
    expect(defaults.data!.calendarYears.map((y: { year: number }) => y.year)).toEqual([2025, 2026, 2027]);
  });

  it('marks a deadline that ends in it provisional, in Case.deadlines and in the figures', async () => {
    // Received 2026-12-20: the 15 days end on 2027-01-04.
    const late = await registerCase(app(), fx, { receivedOn: '2026-12-20' });
    const early = await registerCase(app(), fx, { receivedOn: '2026-12-10' });
    // Accepted on 2026-12-21, before its 15 days (to 12-25) ran out: judged without looking at the calendar.
    const acceptedEarly = await act(app(), 'acceptCase', { caseId: early.id, expectedVersion: 1 }, fx.tokens.officeStaff);
    expect(acceptedEarly.__typename).toBe('MutationAcceptCaseSuccess');
    clock = new Date('2027-01-05T02:00:00Z');
    try {
      const accepted = await act(app(), 'acceptCase', { caseId: late.id, expectedVersion: 1 }, fx.tokens.officeStaff);
      expect(accepted.__typename).toBe('MutationAcceptCaseSuccess');
      const route = deadline(accepted.case, 'ROUTE');
      expect(route).toMatchObject({ dueOn: '2027-01-04', met: false });
      const DEADLINES = `query($id: ID!) { node(id: $id) { ... on Case { deadlines { kind provisional } } } }`;
      const lateDeadlines = await gql(app(), DEADLINES, { id: late.id }, fx.tokens.officeStaff);
      expect(lateDeadlines.data!.node.deadlines).toEqual([{ kind: 'ROUTE', provisional: true }, { kind: 'HANDLE', provisional: true }]);
      const earlyDeadlines = await gql(app(), DEADLINES, { id: early.id }, fx.tokens.officeStaff);
      // ROUTE ended on 2026-12-25 (an official year); HANDLE runs to 2027-02-19.
      expect(earlyDeadlines.data!.node.deadlines).toEqual([{ kind: 'ROUTE', provisional: false }, { kind: 'HANDLE', provisional: true }]);

      const stats = await gql(
        app(),
        `query($unitId: ID!) { caseStats(unitId: $unitId, from: "2026-12-01", to: "2026-12-31") {
           onTimeAcceptance { numerator denominator } provisionalJudgements provisional } }`,
        { unitId: Buffer.from(`Unit:${fx.units.county.id}`).toString('base64') },
        fx.tokens.countyLeader,
      );
      expect(stats.errors).toBeUndefined();
      // The late acceptance (2027-01-05, due 01-04) was judged against 2027, a provisional year.
      expect(stats.data!.caseStats).toEqual({ onTimeAcceptance: { numerator: 1, denominator: 2 }, provisionalJudgements: 1, provisional: true });
    } finally {
      clock = new Date('2026-12-21T02:00:00Z');
    }
  });
});

describe('entering the State Council schedule', () => {
  const SET = /* GraphQL */ `mutation($input: OfficialScheduleInput!) { setOfficialSchedule(input: $input) {
    __typename ... on MutationSetOfficialScheduleSuccess { data { year official notice days { date kind provisional } } }
    ... on Error { code message } } }`;
  // A plausible 2033 schedule: the statutory days, joined weekends and one 调休 Saturday.
  const days = [
    ...statutoryHolidays(YEAR).map((day) => ({ date: day.date, kind: 'HOLIDAY', name: day.name })),
    { date: '2033-10-04', kind: 'HOLIDAY', name: '国庆节' },
    { date: '2033-10-08', kind: 'ADJUSTED_WORKDAY', name: '国庆节' },
  ];
  const input = { year: YEAR, notice: `国务院办公厅关于${YEAR}年部分节假日安排的通知`, days };

  it('is refused when a statutory day is missing, naming it', async () => {
    const result = await gql(app(), SET, { input: { ...input, days: days.filter((day) => day.date !== '2033-01-01') } }, rootAdmin);
    expect(result.data!.setOfficialSchedule).toMatchObject({ __typename: 'InputError', code: 'input/invalid' });
    expect(result.data!.setOfficialSchedule.message).toContain('2033-01-01（元旦）');
  });

  it('is kept by an administrator of the top unit only', async () => {
    const result = await gql(app(), SET, { input }, fx.tokens.admin);
    expect(result.data!.setOfficialSchedule).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
  });

  it('replaces the derived days, and the year stops being provisional', async () => {
    const before = await gql(app(), `{ tuesday: isWorkingDay(date: "2033-10-04") saturday: isWorkingDay(date: "2033-10-08") }`, {}, fx.tokens.officeStaff);
    expect(before.data).toEqual({ tuesday: true, saturday: false });
    const result = await gql(app(), SET, { input }, rootAdmin);
    expect(result.data!.setOfficialSchedule.__typename).toBe('MutationSetOfficialScheduleSuccess');
    const year = result.data!.setOfficialSchedule.data;
    expect(year).toMatchObject({ year: YEAR, official: true, notice: input.notice });
    expect(year.days).toHaveLength(days.length);
    expect(new Set(year.days.map((day: { provisional: boolean }) => day.provisional))).toEqual(new Set([false]));
    const after = await gql(app(), `{ tuesday: isWorkingDay(date: "2033-10-04") saturday: isWorkingDay(date: "2033-10-08") }`, {}, fx.tokens.officeStaff);
    expect(after.data).toEqual({ tuesday: false, saturday: true });
  });
});
