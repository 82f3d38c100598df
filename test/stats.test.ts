import { beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../db/schema';
import type { Database } from '../db/client';
import { sql } from 'drizzle-orm';
import { loadWorkCalendar, seedOfficialCalendar } from '../db/calendar/service';
import { onOrBeforeDue } from '../db/stats/service';
import { addDays, statutoryDueDate } from '../db/calendar/work-calendar';
import { clocksOfCase } from '../db/cases/clock-state';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { gql, testApp, withSqlLog } from './support/app';
import type { App } from '../schema/yoga';

/**
 * The leaders' figures on a hand-built data set with known answers. Every case row is inserted
 * directly, with exactly the columns the figures read; the expected numbers are worked out by hand
 * in the comments next to each case.
 */

let db: Database;
let app: App;
let fx: Fixture;
// Today: 2026-06-30 in China. Period: 2026-03-01 … 2026-05-31.
const now = new Date('2026-06-30T02:00:00Z');
const FROM = '2026-03-01';
const TO = '2026-05-31';

type CaseInsert = typeof cases.$inferInsert;
type UnitKey = keyof Fixture['units'];

let counter = 0;
const inserted: (typeof cases.$inferSelect)[] = [];
async function insertCase(unit: UnitKey, columns: Partial<CaseInsert>, receivingUnit: UnitKey = unit) {
  counter += 1;
  const handling = fx.units[unit];
  const receiving = fx.units[receivingUnit];
  const [row] = await db
    .insert(cases)
    .values({
      number: `${fx.code}-STATS-${String(counter).padStart(4, '0')}`,
      queryCode: 'ABCDEFGH',
      kind: 'APPEAL_REQUEST',
      category: '劳动社保',
      title: `统计用例 ${counter}`,
      content: '统计测试数据',
      channel: 'VISIT',
      status: 'REGISTERED',
      placeCode: fx.code,
      receivedOn: '2026-03-02',
      receivingUnitId: receiving.id,
      receivingUnitPath: receiving.path,
      unitId: handling.id,
      unitPath: handling.path,
      petitionerIds: [],
      lastEventAt: now,
      ...columns,
    })
    .returning();
  inserted.push(row);
  return row;
}

const STATS = /* GraphQL */ `
  fragment Figures on CaseFigureSet {
    received
    receivedByChannel { channel count }
    receivedByKind { kind count }
    onTimeAcceptance { numerator denominator rate }
    onTimeCompletion { numerator denominator rate }
    resolution { numerator denominator rate }
    satisfaction { numerator denominator rate }
    firstTimeResolution { numerator denominator rate }
    repeat { numerator denominator rate }
    onlineShare { numerator denominator rate }
    averageDaysToDecision
    overdueNow
    backlogOpen
    backlogCleared
  }
  query Stats($unitId: ID!, $from: Date!, $to: Date!) {
    caseStats(unitId: $unitId, from: $from, to: $to) {
      unit { name }
      from
      to
      asOf
      ...Figures
      ownUnit { unit { name } ...Figures }
    }
  }
`;

// The API caps a query at 100 fields (breadth), so the split is asked for separately.
const BY_UNIT = /* GraphQL */ `
  ${STATS.slice(0, STATS.indexOf('  query Stats'))}
  query ByUnit($unitId: ID!, $from: Date!, $to: Date!) {
    caseStats(unitId: $unitId, from: $from, to: $to) {
      received overdueNow backlogOpen backlogCleared onTimeAcceptance { numerator }
      byUnit { unit { id name } ...Figures }
    }
  }
`;

const unitGid = (id: string) => Buffer.from(`Unit:${id}`).toString('base64');

async function stats(unit: UnitKey, token: string, from = FROM, to = TO, query = STATS) {
  return gql(app, query, { unitId: unitGid(fx.units[unit].id), from, to }, token);
}

/** Both halves of the figures, merged into one object. */
async function allStats(unit: UnitKey, token: string, from = FROM, to = TO) {
  const [main, split] = await Promise.all([stats(unit, token, from, to), stats(unit, token, from, to, BY_UNIT)]);
  expect(main.errors).toBeUndefined();
  expect(split.errors).toBeUndefined();
  return { ...main.data!.caseStats, byUnit: split.data!.caseStats.byUnit };
}

const r = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

function channels(counts: Partial<Record<string, number>>) {
  return ['LETTER', 'VISIT', 'ONLINE', 'PHONE', 'SMS', 'HOTLINE_12345', 'TRANSFER'].map((channel) => ({ channel, count: counts[channel] ?? 0 }));
}
function kinds(counts: Partial<Record<string, number>>) {
  return ['SUGGESTION', 'ACCUSATION', 'APPEAL_REQUEST'].map((kind) => ({ kind, count: counts[kind] ?? 0 }));
}

const zero = {
  received: 0,
  receivedByChannel: channels({}),
  receivedByKind: kinds({}),
  onTimeAcceptance: r(0, 0),
  onTimeCompletion: r(0, 0),
  resolution: r(0, 0),
  satisfaction: r(0, 0),
  firstTimeResolution: r(0, 0),
  repeat: r(0, 0),
  onlineShare: r(0, 0),
  averageDaysToDecision: null,
  overdueNow: 0,
  backlogOpen: 0,
  backlogCleared: 0,
};

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => now });
  await seedOfficialCalendar(db);
  fx = await buildFixture(db);

  // C1 townA: visit, accepted by the township itself 8 days after receipt (ROUTE clock, due 03-17: on time);
  // decided 41 days after acceptance (due 05-09, an adjusted working day: on time); closed, resolved, satisfied.
  const c1 = await insertCase('townA', {
    channel: 'VISIT', receivedOn: '2026-03-02', acceptedOn: '2026-03-10', decidedOn: '2026-04-20', outcome: 'SUPPORTED',
    status: 'CLOSED', resolved: true, satisfaction: 'SATISFIED', closedOn: '2026-05-25',
  });
  // C2 villageA (townA's subtree): online suggestion, routed 03-06, accepted 03-25: due 03-21 is a Saturday, moved to
  // Monday 03-23 — late. Handling due 03-25 + 60 = 05-24 (Sunday) → 05-25; decided 05-26: late (62 days).
  // Resolved, but the petitioner asked for review: not a first-time resolution. Basically satisfied.
  await insertCase('villageA', {
    channel: 'ONLINE', kind: 'SUGGESTION', receivedOn: '2026-03-05', routedOn: '2026-03-06', acceptedOn: '2026-03-25',
    decidedOn: '2026-05-26', reviewRequestedOn: '2026-06-01', reviewDecidedOn: '2026-06-15', status: 'CLOSED', resolved: true,
    satisfaction: 'BASICALLY_SATISFIED',
  }, 'office');
  // C3 townB: letter routed 04-16; the ACCEPT due date 05-01 is 劳动节, moved to 05-06 (the first working day);
  // accepted 05-06: on time (a calendar-day count would say 20 > 15). Decided 06-22 (47 days, on time); decided,
  // not resolved, dissatisfied.
  await insertCase('townB', {
    channel: 'LETTER', receivedOn: '2026-04-15', routedOn: '2026-04-16', acceptedOn: '2026-05-06', decidedOn: '2026-06-22',
    status: 'DECIDED', resolved: false, satisfaction: 'DISSATISFIED',
  }, 'office');
  // C4 townB: online repeat of C1, routed Friday 04-24; due 05-09 is a Saturday declared a working day (调休):
  // accepted Monday 05-11 — late (a weekends-only count would say on time). Still being handled, due 07-10.
  await insertCase('townB', {
    channel: 'ONLINE', receivedOn: '2026-04-23', routedOn: '2026-04-24', acceptedOn: '2026-05-11', status: 'ACCEPTED',
    repeatOfId: c1.id, nextDueOn: '2026-07-10',
  }, 'office');
  // C5 office: phone, declined by the office 10 days after receipt (on time), archived: closed without a decision,
  // so it is not in the resolution figures.
  await insertCase('office', {
    channel: 'PHONE', receivedOn: '2026-03-10', declinedOn: '2026-03-20', declineReason: 'LEGAL_PROCEDURE', status: 'CLOSED',
  });
  // C6 townA: 12345 hotline, registered 05-20, never routed: overdue since the ROUTE due date 06-04.
  await insertCase('townA', { channel: 'HOTLINE_12345', receivedOn: '2026-05-20', status: 'REGISTERED', nextDueOn: '2026-06-04', overdue: true });
  // C7 county itself (本级): online, accepted the next day; 30 days' extension and 5 hearing days:
  // due 03-04 + 95 = 06-07 (Sunday) → 06-08; decided 06-08 (96 days): on time. Concluded after re-review, not resolved.
  await insertCase('county', {
    channel: 'ONLINE', receivedOn: '2026-03-03', acceptedOn: '2026-03-04', extensionDays: 30, hearingPausedDays: 5,
    decidedOn: '2026-06-08', reviewRequestedOn: '2026-06-10', reReviewRequestedOn: '2026-06-12', status: 'CONCLUDED', resolved: false,
  });
  // C8 townA: an accusation against township A itself, registered there and not yet routed (overdue since 04-16).
  // The county sees it; township A's own staff must not, in any figure.
  await insertCase('townA', {
    kind: 'ACCUSATION', channel: 'VISIT', receivedOn: '2026-04-01', status: 'REGISTERED', nextDueOn: '2026-04-16', overdue: true,
    accusedUnitId: fx.units.townA.id, accusedUnitPath: fx.units.townA.path, accusedPerson: '某镇干部',
  });
  // C9 townA: a duplicate merged into C1: not counted as received.
  await insertCase('townA', { channel: 'LETTER', receivedOn: '2026-03-15', status: 'MERGED', mergedIntoId: c1.id, endedOn: '2026-03-16' });
  // C10 townB: received before the period; a backlog case still open and overdue.
  await insertCase('townB', {
    channel: 'VISIT', receivedOn: '2026-01-10', acceptedOn: '2026-01-12', status: 'ACCEPTED', nextDueOn: '2026-03-13', overdue: true,
    backlog: true, backlogSince: '2026-03-20',
  });
  // C11 office: received in 2025, a backlog case cleared in the period.
  await insertCase('office', {
    channel: 'VISIT', receivedOn: '2025-11-01', acceptedOn: '2025-11-03', decidedOn: '2025-12-20', status: 'CLOSED', resolved: true,
    backlog: true, backlogSince: '2026-01-05', backlogClearedOn: '2026-04-15',
  });
  // C12 city: above the county, never in the county's figures.
  await insertCase('city', { channel: 'ONLINE', receivedOn: '2026-04-01', status: 'REGISTERED', nextDueOn: '2026-04-16' });
  // C13 discipline: an accusation against township B, routed to the discipline inspection unit 05-03 and accepted
  // 05-08; the unit's stricter policy snapshot (3 days to accept) makes that late (due 05-06).
  await insertCase('discipline', {
    kind: 'ACCUSATION', channel: 'ONLINE', receivedOn: '2026-05-02', routedOn: '2026-05-03', acceptedOn: '2026-05-08',
    status: 'ACCEPTED', nextDueOn: '2026-07-07', accusedUnitId: fx.units.townB.id, accusedUnitPath: fx.units.townB.path,
    slaPolicy: { acceptDays: 3 },
  }, 'office');
});

describe('caseStats', () => {
  it('gives every figure of the county subtree exactly', async () => {
    const s = await allStats('county', fx.tokens.countyLeader);
    expect(s).toMatchObject({ unit: { name: `测试县${fx.code}` }, from: FROM, to: TO, asOf: '2026-06-30' });
    expect(s).toMatchObject({
      // C1–C8 and C13; C9 merged, C10/C11 outside the period, C12 outside the subtree
      received: 9,
      receivedByChannel: channels({ VISIT: 2, ONLINE: 4, LETTER: 1, PHONE: 1, HOTLINE_12345: 1 }),
      receivedByKind: kinds({ SUGGESTION: 1, ACCUSATION: 2, APPEAL_REQUEST: 6 }),
      // accepted or declined: C1 C2 C3 C4 C5 C7 C13; late: C2 (weekend shift), C4 (调休), C13 (local policy)
      onTimeAcceptance: r(4, 7),
      // accepted and decided: C1 C2 C3 C7; late: C2
      onTimeCompletion: r(3, 4),
      // closed or concluded after a decision: C1 C2 C7 (C5 was declined); resolved: C1 C2
      resolution: r(2, 3),
      // evaluated: C1 C2 C3; satisfied or basically: C1 C2
      satisfaction: r(2, 3),
      // closed after a decision: C1 C2; C2 asked for review
      firstTimeResolution: r(1, 2),
      repeat: r(1, 9),
      onlineShare: r(4, 9),
      // (41 + 62 + 47 + 96) / 4
      averageDaysToDecision: 61.5,
      // C6, C8, C10 (stock: C10 was received before the period)
      overdueNow: 3,
      backlogOpen: 1,
      backlogCleared: 1,
    });
  });

  it('splits the subtree by direct child unit, with the unit’s own cases apart', async () => {
    const s = await allStats('county', fx.tokens.countyLeader);
    expect(s.byUnit.map((row: { unit: { name: string } }) => row.unit.name)).toEqual(['测试县纪委监委', '测试县信访局', '甲镇', '乙镇']);
    const [discipline, office, townA, townB] = s.byUnit;
    expect(discipline).toMatchObject({
      ...zero,
      received: 1,
      receivedByChannel: channels({ ONLINE: 1 }),
      receivedByKind: kinds({ ACCUSATION: 1 }),
      onTimeAcceptance: r(0, 1),
      repeat: r(0, 1),
      onlineShare: r(1, 1),
    });
    expect(office).toMatchObject({
      ...zero,
      received: 1,
      receivedByChannel: channels({ PHONE: 1 }),
      receivedByKind: kinds({ APPEAL_REQUEST: 1 }),
      onTimeAcceptance: r(1, 1),
      repeat: r(0, 1),
      onlineShare: r(0, 1),
      backlogCleared: 1,
    });
    expect(townA).toMatchObject({
      received: 4,
      receivedByChannel: channels({ VISIT: 2, ONLINE: 1, HOTLINE_12345: 1 }),
      receivedByKind: kinds({ SUGGESTION: 1, ACCUSATION: 1, APPEAL_REQUEST: 2 }),
      onTimeAcceptance: r(1, 2),
      onTimeCompletion: r(1, 2),
      resolution: r(2, 2),
      satisfaction: r(2, 2),
      firstTimeResolution: r(1, 2),
      repeat: r(0, 4),
      onlineShare: r(1, 4),
      averageDaysToDecision: 51.5,
      overdueNow: 2,
      backlogOpen: 0,
      backlogCleared: 0,
    });
    expect(townB).toMatchObject({
      received: 2,
      receivedByChannel: channels({ LETTER: 1, ONLINE: 1 }),
      receivedByKind: kinds({ APPEAL_REQUEST: 2 }),
      onTimeAcceptance: r(1, 2),
      onTimeCompletion: r(1, 1),
      // nothing closed yet: the rate is null, not 0
      resolution: r(0, 0),
      satisfaction: r(0, 1),
      firstTimeResolution: r(0, 0),
      repeat: r(1, 2),
      onlineShare: r(1, 2),
      averageDaysToDecision: 47,
      overdueNow: 1,
      backlogOpen: 1,
      backlogCleared: 0,
    });
    expect(s.ownUnit).toMatchObject({
      unit: { name: `测试县${fx.code}` },
      received: 1,
      onTimeAcceptance: r(1, 1),
      onTimeCompletion: r(1, 1),
      resolution: r(0, 1),
      firstTimeResolution: r(0, 0),
      averageDaysToDecision: 96,
    });
    // total = own + every child
    const parts = [s.ownUnit, ...s.byUnit];
    for (const key of ['received', 'overdueNow', 'backlogOpen', 'backlogCleared'] as const) {
      expect(parts.reduce((sum: number, part: Record<string, number>) => sum + part[key], 0)).toBe(s[key]);
    }
    expect(parts.reduce((sum: number, part: { onTimeAcceptance: { numerator: number } }) => sum + part.onTimeAcceptance.numerator, 0)).toBe(
      s.onTimeAcceptance.numerator,
    );
  });

  it('counts only the cases received in the period, and a unit above sees the same figures', async () => {
    const april = (await stats('county', fx.tokens.cityStaff, '2026-04-01', '2026-04-30')).data!.caseStats;
    // C3, C4, C8
    expect(april).toMatchObject({ received: 3, onTimeAcceptance: r(1, 2), onTimeCompletion: r(1, 1), overdueNow: 3, backlogCleared: 1 });
    const empty = await allStats('county', fx.tokens.countyLeader, '2027-01-01', '2027-01-31');
    expect(empty).toMatchObject({ ...zero, overdueNow: 3, backlogOpen: 1 });
    expect(empty.byUnit).toHaveLength(4);
    expect(empty.byUnit[0]).toMatchObject({ ...zero });
  });

  it('leaves out accusations against the caller’s own unit entirely', async () => {
    const s = await allStats('townA', fx.tokens.townAStaff);
    // C1, C2 (village), C6 — not C8, the accusation against township A
    expect(s).toMatchObject({
      received: 3,
      receivedByKind: kinds({ SUGGESTION: 1, APPEAL_REQUEST: 2 }),
      receivedByChannel: channels({ VISIT: 1, ONLINE: 1, HOTLINE_12345: 1 }),
      repeat: r(0, 3),
      onlineShare: r(1, 3),
      overdueNow: 1,
    });
    expect(s.byUnit).toEqual([expect.objectContaining({ unit: expect.objectContaining({ name: '甲镇一村' }), received: 1 })]);
    expect(s.ownUnit).toMatchObject({ received: 2, overdueNow: 1 });
    // The county, asking about the same township, does count it.
    const county = (await stats('townA', fx.tokens.countyLeader)).data!.caseStats;
    expect(county).toMatchObject({ received: 4, overdueNow: 2, receivedByKind: kinds({ SUGGESTION: 1, ACCUSATION: 1, APPEAL_REQUEST: 2 }) });
  });

  it('refuses units outside the caller’s subtree and callers without a staff role', async () => {
    for (const [unit, token] of [
      ['county', fx.tokens.townAStaff],
      ['townA', fx.tokens.villageStaff],
      ['townA', fx.tokens.townBStaff],
      ['county', fx.tokens.disciplineStaff],
      ['county', fx.tokens.mediator],
      ['county', fx.tokens.integrator],
    ] as const) {
      const result = await stats(unit, token);
      expect(result.data?.caseStats ?? null).toBeNull();
      expect(result.errors?.[0].extensions?.code).toBe('auth/forbidden');
    }
    const petitioner = await fx.newPetitionerAccount();
    expect((await stats('townA', petitioner.token)).errors?.[0].extensions?.code).toBe('auth/forbidden');
    expect((await gql(app, STATS, { unitId: unitGid(fx.units.townA.id), from: FROM, to: TO })).errors?.[0].extensions?.code).toBe(
      'auth/unauthenticated',
    );
    // a supervisor and an administrator above the unit may ask
    expect((await stats('townA', fx.tokens.citySupervisor)).data!.caseStats.received).toBe(4);
    expect((await stats('townA', fx.tokens.admin)).data!.caseStats.received).toBe(4);
  });

  it('refuses a period that ends before it starts', async () => {
    const result = await stats('county', fx.tokens.countyLeader, '2026-05-01', '2026-04-01');
    expect(result.errors?.[0].extensions?.code).toBe('input/invalid');
  });

  it('computes the whole figure set, split included, in one SQL statement (the split’s units come with it)', async () => {
    await stats('county', fx.tokens.countyLeader); // warms the unit-path cache
    const query = (unitFields: string) => /* GraphQL */ `query($unitId: ID!) { caseStats(unitId: $unitId, from: "${FROM}", to: "${TO}") {
      received onTimeAcceptance { rate } averageDaysToDecision overdueNow
      byUnit { ${unitFields} received onTimeCompletion { rate } } ownUnit { received } } }`;
    const figuresOnly = await withSqlLog(() => gql(app, query(''), { unitId: unitGid(fx.units.county.id) }, fx.tokens.countyLeader));
    expect(figuresOnly.result.data.caseStats.received).toBe(9);
    expect(figuresOnly.result.data.caseStats.byUnit.map((row: { received: number }) => row.received)).toEqual([1, 1, 4, 2]);
    expect(figuresOnly.statements).toHaveLength(1);
    expect(figuresOnly.statements[0]).toMatch(/filter \(where/);

    const withUnits = await withSqlLog(() => gql(app, query('unit { name }'), { unitId: unitGid(fx.units.county.id) }, fx.tokens.countyLeader));
    expect(withUnits.result.data.caseStats.byUnit[2].unit.name).toBe('甲镇');
    // the statement returns each child unit's row: asking for the units costs no statement of its own
    expect(withUnits.statements).toHaveLength(1);
    expect(withUnits.result.data.caseStats.byUnit.map((row: { unit: { name: string } }) => row.unit.name)).toHaveLength(4);
  });

  it('gives a village’s staff the village alone', async () => {
    const s = await allStats('villageA', fx.tokens.villageStaff);
    expect(s).toMatchObject({ received: 1, byUnit: [], onTimeAcceptance: r(0, 1), onTimeCompletion: r(0, 1), averageDaysToDecision: 62 });
  });

  it('decides "within the limit" in SQL exactly as the work calendar does (2025–2026, up to 12 days late)', async () => {
    const result = (await db.execute(sql`
      select to_char(raw, 'YYYY-MM-DD') as raw, late, ${onOrBeforeDue(sql`(raw + late)`, sql`raw`)} as on_time
      from (select d::date as raw from generate_series('2025-01-01'::date, '2026-12-31'::date, interval '1 day') as s(d)) as days,
           generate_series(0, 12) as l(late)
    `)) as unknown as { rows: { raw: string; late: number; on_time: boolean }[] };
    const calendar = await loadWorkCalendar(db);
    const mismatches = result.rows.filter(
      (row) => row.on_time !== addDays(row.raw, row.late) <= statutoryDueDate({ start: row.raw, days: 0, calendar }),
    );
    expect(result.rows).toHaveLength(730 * 13);
    expect(mismatches).toEqual([]);
  });

  it('agrees with the clocks of each case (Case.deadlines) on what was on time', async () => {
    const calendar = await loadWorkCalendar(db);
    const cohort = inserted.filter(
      (row) => row.unitPath.startsWith(fx.units.county.path) && row.receivedOn >= FROM && row.receivedOn <= TO && row.status !== 'MERGED',
    );
    let acceptance = 0;
    let completion = 0;
    for (const row of cohort) {
      const { clocks } = clocksOfCase(row, '2026-06-30', calendar);
      const accept = clocks.find((clock) => clock.kind === (row.routedOn ? 'ACCEPT' : 'ROUTE'));
      if ((row.acceptedOn || row.declinedOn) && accept?.met) acceptance += 1;
      if (clocks.find((clock) => clock.kind === 'HANDLE')?.met) completion += 1;
    }
    const s = (await stats('county', fx.tokens.countyLeader)).data!.caseStats;
    expect(s.onTimeAcceptance.numerator).toBe(acceptance);
    expect(s.onTimeCompletion.numerator).toBe(completion);
  });
});
