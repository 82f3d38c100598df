import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { accounts, calendarDays } from '../db/schema';
import type { Database } from '../db/client';
import type { Actor } from '../schema/auth';
import { invalidateWorkCalendar, seedOfficialCalendar } from '../db/calendar/service';
import { officialCalendarRows } from '../db/calendar/official-schedules';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { gql, testApp, tokenFor } from './support/app';
import type { App } from '../schema/yoga';

let db: Database;
let app: App;
let fx: Fixture;
/** An administrator of the fixture's top unit (the city has no parent): the only kind who may edit the calendar. */
let rootAdmin: string;
const now = new Date('2026-05-20T02:00:00Z');

// The calendar is shared by every test file of a worker: this file edits only 2031, and puts it back.
const TEST_DATES = ['2031-01-04', '2031-01-06', '2031-01-07', '2031-01-08'];

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => now });
  await seedOfficialCalendar(db);
  fx = await buildFixture(db);
  const [row] = await db
    .insert(accounts)
    .values({ username: `root-admin-${fx.code}`, displayName: '市系统管理员', unitId: fx.units.city.id, roles: ['ADMIN'] })
    .returning();
  const actor: Actor = { accountId: row.id, displayName: row.displayName, roles: ['ADMIN'], unitId: fx.units.city.id, petitionerId: null };
  rootAdmin = await tokenFor(actor);
});

afterAll(async () => {
  await db.delete(calendarDays).where(inArray(calendarDays.date, TEST_DATES));
  invalidateWorkCalendar(db);
});

const unitGid = (id: string) => Buffer.from(`Unit:${id}`).toString('base64');

describe('work calendar', () => {
  const DAYS = /* GraphQL */ `query($year: Int!) { calendarDays(year: $year) { date kind name } }`;

  it('lists the seeded official 2026 schedule: holidays and adjusted working days', async () => {
    const result = await gql(app, DAYS, { year: 2026 }, fx.tokens.townAStaff);
    expect(result.errors).toBeUndefined();
    const days = result.data!.calendarDays as { date: string; kind: string; name: string }[];
    expect(days).toContainEqual({ date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' });
    expect(days).toContainEqual({ date: '2026-02-28', kind: 'ADJUSTED_WORKDAY', name: '春节' });
    expect(days).toHaveLength(officialCalendarRows.filter((row) => row.year === 2026).length);
    expect(days.map((day) => day.date)).toEqual([...days.map((day) => day.date)].sort());
    // seeding again changes nothing
    await seedOfficialCalendar(db);
    expect((await gql(app, DAYS, { year: 2026 }, fx.tokens.townAStaff)).data!.calendarDays).toEqual(days);
  });

  it('needs a signed-in caller and a sensible year', async () => {
    expect((await gql(app, DAYS, { year: 2026 })).errors?.[0].extensions?.code).toBe('auth/unauthenticated');
    expect((await gql(app, DAYS, { year: 1800 }, fx.tokens.townAStaff)).errors?.[0].extensions?.code).toBe('input/invalid');
  });

  it('answers whether a day is a working day and when a period ends', async () => {
    const result = await gql(
      app,
      /* GraphQL */ `{
        adjusted: isWorkingDay(date: "2026-02-28")
        holiday: isWorkingDay(date: "2026-10-01")
        saturday: isWorkingDay(date: "2026-03-21")
        monday: isWorkingDay(date: "2026-03-23")
        onHoliday: dueDate(start: "2026-04-16", days: 15)
        onAdjusted: dueDate(start: "2026-04-24", days: 15)
        paused: dueDate(start: "2026-03-04", days: 90, pausedDays: 5)
      }`,
      {},
      fx.tokens.townAStaff,
    );
    expect(result.data).toEqual({
      adjusted: true,
      holiday: false,
      saturday: false,
      monday: true,
      // 05-01 is 劳动节 (05-01 … 05-05): the first working day after it
      onHoliday: '2026-05-06',
      // 05-09 is a Saturday declared a working day
      onAdjusted: '2026-05-09',
      // 03-04 + 95 = 06-07, a Sunday
      paused: '2026-06-08',
    });
    const bad = await gql(app, `{ dueDate(start: "2026-01-01", days: -1) }`, {}, fx.tokens.townAStaff);
    expect(bad.errors?.[0].extensions?.code).toBe('input/invalid');
  });
});

describe('calendar administration', () => {
  const SET = /* GraphQL */ `
    mutation($date: Date!, $kind: CalendarDayKind!, $name: String!) {
      setCalendarDay(date: $date, kind: $kind, name: $name) {
        __typename
        ... on MutationSetCalendarDaySuccess { data { date kind name } }
        ... on Error { code message }
        ... on InputError { issues { path message } }
      }
    }
  `;
  const REMOVE = /* GraphQL */ `
    mutation($date: Date!) {
      removeCalendarDay(date: $date) {
        __typename
        ... on MutationRemoveCalendarDaySuccess { data { date kind name } }
        ... on Error { code message }
      }
    }
  `;
  const CHECK = /* GraphQL */ `{
    monday: isWorkingDay(date: "2031-01-06")
    saturday: isWorkingDay(date: "2031-01-04")
    due: dueDate(start: "2030-12-22", days: 15)
    days: calendarDays(year: 2031) { date kind name }
  }`;

  it('adds, corrects and removes days, and deadlines follow at once', async () => {
    const before = (await gql(app, CHECK, {}, fx.tokens.officeStaff)).data!;
    expect(before).toMatchObject({ monday: true, saturday: false, due: '2031-01-06' });

    const added = await gql(app, SET, { date: '2031-01-06', kind: 'HOLIDAY', name: '测试假日' }, rootAdmin);
    expect(added.data!.setCalendarDay).toEqual({
      __typename: 'MutationSetCalendarDaySuccess',
      data: { date: '2031-01-06', kind: 'HOLIDAY', name: '测试假日' },
    });
    const swapped = await gql(app, SET, { date: '2031-01-04', kind: 'ADJUSTED_WORKDAY', name: '测试假日' }, rootAdmin);
    expect(swapped.data!.setCalendarDay.__typename).toBe('MutationSetCalendarDaySuccess');

    const during = (await gql(app, CHECK, {}, fx.tokens.officeStaff)).data!;
    expect(during.monday).toBe(false);
    expect(during.saturday).toBe(true);
    // the period ends on the new holiday: it runs to the next working day
    expect(during.due).toBe('2031-01-07');
    expect(during.days).toEqual(
      expect.arrayContaining([
        { date: '2031-01-04', kind: 'ADJUSTED_WORKDAY', name: '测试假日' },
        { date: '2031-01-06', kind: 'HOLIDAY', name: '测试假日' },
      ]),
    );

    // the same date again replaces the entry (one row per date)
    const renamed = await gql(app, SET, { date: '2031-01-06', kind: 'HOLIDAY', name: '更正后的名称' }, rootAdmin);
    expect(renamed.data!.setCalendarDay.data).toEqual({ date: '2031-01-06', kind: 'HOLIDAY', name: '更正后的名称' });
    expect((await gql(app, CHECK, {}, fx.tokens.officeStaff)).data!.days.filter((d: { date: string }) => d.date === '2031-01-06')).toHaveLength(1);

    for (const date of ['2031-01-06', '2031-01-04']) {
      const removed = await gql(app, REMOVE, { date }, rootAdmin);
      expect(removed.data!.removeCalendarDay).toMatchObject({ __typename: 'MutationRemoveCalendarDaySuccess', data: { date } });
    }
    const after = (await gql(app, CHECK, {}, fx.tokens.officeStaff)).data!;
    expect(after).toMatchObject({ monday: true, saturday: false, due: '2031-01-06' });
    expect(after.days.filter((d: { date: string }) => TEST_DATES.includes(d.date))).toEqual([]);

    const again = await gql(app, REMOVE, { date: '2031-01-06' }, rootAdmin);
    expect(again.data!.removeCalendarDay).toMatchObject({ __typename: 'InputError', code: 'input/invalid' });
  });

  it('refuses an adjusted working day on a weekday and a blank name, naming the field', async () => {
    const weekday = await gql(app, SET, { date: '2031-01-08', kind: 'ADJUSTED_WORKDAY', name: '测试' }, rootAdmin);
    expect(weekday.data!.setCalendarDay).toMatchObject({ __typename: 'InputError', code: 'input/invalid', issues: [{ path: ['kind'] }] });
    const blank = await gql(app, SET, { date: '2031-01-07', kind: 'HOLIDAY', name: '  ' }, rootAdmin);
    expect(blank.data!.setCalendarDay).toMatchObject({ __typename: 'InputError', issues: [{ path: ['name'] }] });
    // not a date at all: refused by the Date scalar before the resolver runs
    const bad = await gql(app, SET, { date: '2031-02-30', kind: 'HOLIDAY', name: '测试' }, rootAdmin);
    expect(bad.data ?? null).toBeNull();
    // (schema/yoga.ts currently masks scalar coercion errors as `internal`; they should read input/invalid)
    expect(bad.errors).toHaveLength(1);
  });

  it('is kept by administrators of the top unit only', async () => {
    for (const token of [fx.tokens.admin, fx.tokens.officeStaff, fx.tokens.cityStaff, fx.tokens.citySupervisor]) {
      const result = await gql(app, SET, { date: '2031-01-07', kind: 'HOLIDAY', name: '测试' }, token);
      expect(result.data!.setCalendarDay).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
      const removal = await gql(app, REMOVE, { date: '2026-10-01' }, token);
      expect(removal.data!.removeCalendarDay).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
    }
    expect((await gql(app, SET, { date: '2031-01-07', kind: 'HOLIDAY', name: '测试' })).data!.setCalendarDay.code).toBe('auth/unauthenticated');
    expect((await gql(app, `{ isWorkingDay(date: "2026-10-01") }`, {}, fx.tokens.officeStaff)).data!.isWorkingDay).toBe(false);
  });
});

describe('SLA policies', () => {
  const SET = /* GraphQL */ `
    mutation($input: SetSlaPolicyInput!) {
      setSlaPolicy(input: $input) {
        __typename
        ... on MutationSetSlaPolicySuccess { data { id name milestone days warnDays firstPetitionOnly active unit { name } } }
        ... on Error { code message }
        ... on InputError { issues { path message } }
      }
    }
  `;
  const LIST = /* GraphQL */ `
    query($unitId: ID!, $includeInherited: Boolean, $includeInactive: Boolean) {
      slaPolicies(unitId: $unitId, includeInherited: $includeInherited, includeInactive: $includeInactive) {
        id name milestone days active unit { name }
      }
    }
  `;
  const LIMITS = /* GraphQL */ `
    query($unitId: ID!, $firstPetition: Boolean) {
      effectiveTimeLimits(unitId: $unitId, firstPetition: $firstPetition) { routeDays acceptDays handleDays warnDays }
    }
  `;
  const DEACTIVATE = /* GraphQL */ `
    mutation($id: ID!) {
      deactivateSlaPolicy(id: $id) {
        __typename
        ... on MutationDeactivateSlaPolicySuccess { data { id active } }
        ... on Error { code message }
      }
    }
  `;
  const policy = (overrides: Record<string, unknown> = {}) => ({
    unitId: unitGid(fx.units.townA.id),
    name: '初信初访“3天见面、7天反馈、21天办结”',
    milestone: 'HANDLE',
    days: 21,
    firstPetitionOnly: true,
    ...overrides,
  });

  let handleId: string;

  it('sets a stricter local limit for a unit of the administrator’s subtree, and updates it in place', async () => {
    const created = await gql(app, SET, { input: policy() }, fx.tokens.admin);
    expect(created.data!.setSlaPolicy).toMatchObject({
      __typename: 'MutationSetSlaPolicySuccess',
      data: { milestone: 'HANDLE', days: 21, warnDays: 3, firstPetitionOnly: true, active: true, unit: { name: '甲镇' } },
    });
    handleId = created.data!.setSlaPolicy.data.id;

    const updated = await gql(app, SET, { input: policy({ days: 20, warnDays: 5 }) }, fx.tokens.admin);
    expect(updated.data!.setSlaPolicy.data).toMatchObject({ id: handleId, days: 20, warnDays: 5 });

    // a different scope (all petitions, not only first ones) is a policy of its own
    const allPetitions = await gql(app, SET, { input: policy({ days: 30, firstPetitionOnly: false, name: '全部信访件 30 日办结' }) }, fx.tokens.admin);
    expect(allPetitions.data!.setSlaPolicy.data.id).not.toBe(handleId);

    // 舞钢 一日工作法: answer the same day
    const sameDay = await gql(app, SET, { input: policy({ milestone: 'ACCEPT', days: 0, name: '一日工作法' }) }, fx.tokens.admin);
    expect(sameDay.data!.setSlaPolicy.data).toMatchObject({ milestone: 'ACCEPT', days: 0, warnDays: 0 });
  });

  it('refuses limits longer than the statute and warnings longer than the limit', async () => {
    for (const [milestone, days] of [['ROUTE', 16], ['ACCEPT', 16], ['HANDLE', 61], ['HANDLE', -1]] as const) {
      const result = await gql(app, SET, { input: policy({ milestone, days }) }, fx.tokens.admin);
      expect(result.data!.setSlaPolicy).toMatchObject({ __typename: 'InputError', issues: [{ path: ['days'] }] });
    }
    const statute = await gql(app, SET, { input: policy({ milestone: 'ROUTE', days: 15, name: '按条例转送' }) }, fx.tokens.admin);
    expect(statute.data!.setSlaPolicy.__typename).toBe('MutationSetSlaPolicySuccess');
    const warn = await gql(app, SET, { input: policy({ days: 7, warnDays: 8 }) }, fx.tokens.admin);
    expect(warn.data!.setSlaPolicy).toMatchObject({ __typename: 'InputError', issues: [{ path: ['warnDays'] }] });
    const name = await gql(app, SET, { input: policy({ name: 'x' }) }, fx.tokens.admin);
    expect(name.data!.setSlaPolicy).toMatchObject({ __typename: 'InputError', issues: [{ path: ['name'] }] });
  });

  it('is refused outside the administrator’s subtree and to anyone but an administrator', async () => {
    const above = await gql(app, SET, { input: policy({ unitId: unitGid(fx.units.city.id) }) }, fx.tokens.admin);
    expect(above.data!.setSlaPolicy).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
    for (const token of [fx.tokens.officeStaff, fx.tokens.townALeader, fx.tokens.countyLeader]) {
      const result = await gql(app, SET, { input: policy() }, token);
      expect(result.data!.setSlaPolicy).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
    }
    const deactivate = await gql(app, DEACTIVATE, { id: handleId }, fx.tokens.townALeader);
    expect(deactivate.data!.deactivateSlaPolicy).toMatchObject({ code: 'auth/forbidden' });
  });

  it('lists the policies that apply to a unit, inherited ones included, to staff on the unit’s line', async () => {
    const village = await gql(app, LIST, { unitId: unitGid(fx.units.villageA.id) }, fx.tokens.villageStaff);
    expect(village.errors).toBeUndefined();
    expect(village.data!.slaPolicies).toHaveLength(4);
    expect(village.data!.slaPolicies.every((p: { unit: { name: string } }) => p.unit.name === '甲镇')).toBe(true);
    const own = await gql(app, LIST, { unitId: unitGid(fx.units.villageA.id), includeInherited: false }, fx.tokens.villageStaff);
    expect(own.data!.slaPolicies).toEqual([]);
    // the county (above) may look too; township B (a sibling) may not
    expect((await gql(app, LIST, { unitId: unitGid(fx.units.townA.id) }, fx.tokens.countyLeader)).data!.slaPolicies).toHaveLength(4);
    const sibling = await gql(app, LIST, { unitId: unitGid(fx.units.townA.id) }, fx.tokens.townBStaff);
    expect(sibling.errors?.[0].extensions?.code).toBe('auth/forbidden');
    const byNode = await gql(app, `query($id: ID!) { node(id: $id) { id } }`, { id: handleId }, fx.tokens.townBStaff);
    expect(byNode.data?.node ?? null).toBeNull();

    const limits = await gql(app, LIMITS, { unitId: unitGid(fx.units.villageA.id) }, fx.tokens.villageStaff);
    expect(limits.data!.effectiveTimeLimits).toEqual({ routeDays: 15, acceptDays: 0, handleDays: 20, warnDays: 0 });
    const repeat = await gql(app, LIMITS, { unitId: unitGid(fx.units.villageA.id), firstPetition: false }, fx.tokens.villageStaff);
    expect(repeat.data!.effectiveTimeLimits).toMatchObject({ routeDays: 15, acceptDays: 15, handleDays: 30 });
  });

  it('deactivates a policy without deleting it', async () => {
    const result = await gql(app, DEACTIVATE, { id: handleId }, fx.tokens.admin);
    expect(result.data!.deactivateSlaPolicy).toEqual({ __typename: 'MutationDeactivateSlaPolicySuccess', data: { id: handleId, active: false } });
    const again = await gql(app, DEACTIVATE, { id: handleId }, fx.tokens.admin);
    expect(again.data!.deactivateSlaPolicy.data.active).toBe(false);

    const active = await gql(app, LIST, { unitId: unitGid(fx.units.townA.id) }, fx.tokens.townAStaff);
    expect(active.data!.slaPolicies.map((p: { id: string }) => p.id)).not.toContain(handleId);
    const all = await gql(app, LIST, { unitId: unitGid(fx.units.townA.id), includeInactive: true }, fx.tokens.townAStaff);
    expect(all.data!.slaPolicies).toContainEqual(expect.objectContaining({ id: handleId, active: false, days: 20 }));
    const limits = await gql(app, LIMITS, { unitId: unitGid(fx.units.townA.id) }, fx.tokens.townAStaff);
    // the first-petition HANDLE policy is gone; the one for all petitions (30 days) remains
    expect(limits.data!.effectiveTimeLimits.handleDays).toBe(30);

    // setting the same scope again starts a new active policy; the deactivated one stays as it was
    const renewed = await gql(app, SET, { input: policy({ days: 14 }) }, fx.tokens.admin);
    expect(renewed.data!.setSlaPolicy.data).toMatchObject({ days: 14, active: true });
    expect(renewed.data!.setSlaPolicy.data.id).not.toBe(handleId);
  });

  it('keeps one active policy per scope under concurrent upserts', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => gql(app, SET, { input: policy({ unitId: unitGid(fx.units.townB.id), milestone: 'ROUTE', days: 5 + i }) }, fx.tokens.admin)),
    );
    const ids = new Set(results.map((r) => r.data!.setSlaPolicy.data.id));
    expect(ids.size).toBe(1);
    const list = await gql(app, LIST, { unitId: unitGid(fx.units.townB.id), includeInherited: false }, fx.tokens.townBStaff);
    expect(list.data!.slaPolicies).toHaveLength(1);
  });
});
