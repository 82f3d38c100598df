import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { prepareDatabase } from '../db/prepare';
import { DEMO_ROOT_CODE, demoAccounts, seedDemoData } from '../db/seed';
import { testDatabase } from './support/database';
import { accounts, cases } from '../db/schema';
import { caseMutationNames } from '../schema/cases/action-names';
import { actionsFromStatus, caseStatuses, roles, type CaseAction, type CaseStatus } from '../db/cases/lifecycle';
import { gql, testApp, tokenFor } from './support/app';
import { act } from './support/cases';
import type { App } from '../schema/yoga';
import { sessionStatusLabels, valuesOf } from '../db/mediation/vocabulary';
import { suggestionStatuses } from '../db/suggestions/vocabulary';

// Its own embedded database: the demo tree uses fixed division codes. Seeded just after 国庆.
const now = new Date('2026-10-12T04:00:00Z');
let handle: DatabaseHandle;
let app: App;

beforeAll(async () => {
  handle = await openDatabase({ dataDir: 'memory://' });
  await prepareDatabase(handle);
  expect(await seedDemoData(handle.db, now)).toEqual({ seeded: true });
  app = testApp(handle.db, { now: () => now });
});
afterAll(async () => {
  await handle.close();
});

describe('the demo data', () => {
  it('shows every status, an overdue case, a paused clock and an escalated supervision, and seeds only once', async () => {
    expect(await seedDemoData(handle.db, now)).toEqual({ seeded: false });
    const { rows } = (await handle.db.execute(sql`
      select status, count(*)::int as n, count(*) filter (where overdue)::int as overdue,
             count(*) filter (where hearing_pause_started_on is not null)::int as paused
      from cases group by status`)) as unknown as { rows: { status: string; n: number; overdue: number; paused: number }[] };
    expect(rows.map((row) => row.status).sort()).toEqual([...caseStatuses].sort());
    expect(rows.reduce((sum, row) => sum + row.n, 0)).toBe(53); // 50 registered directly, one from a leader's reception, one from a failed mediation, one from a suggestion that was a personal grievance
    const reception = (await handle.db.execute(sql`
      select (select count(*)::int from reception_schedules) as schedules,
             (select string_agg(status::text, ',' order by status) from appointments) as appointments,
             (select string_agg(outcome::text, ',' order by outcome) from receptions where status = 'HELD') as outcomes,
             (select count(*)::int from visits where status = 'DONE') as visits,
             (select count(*)::int from cases where channel = 'VISIT' and id in (select case_id from receptions)) as from_reception`)) as unknown as { rows: unknown[] };
    expect(reception.rows).toEqual([{ schedules: 2, appointments: 'BOOKED,ARRIVED,NO_SHOW', outcomes: 'RESOLVED_ON_SPOT,CASE_REGISTERED', visits: 1, from_reception: 1 }]);
    expect(rows.some((row) => row.overdue > 0)).toBe(true);
    expect(rows.some((row) => row.paused > 0)).toBe(true);
    const escalated = (await handle.db.execute(sql`select count(*)::int as n from supervisions where status = 'ESCALATED'`)) as unknown as { rows: { n: number }[] };
    expect(escalated.rows[0].n).toBeGreaterThan(0);
  });
});

describe('the demo mediation data', () => {
  it('has halls, a dozen mediators and a session in every state; the demo mediator sees their own calendar', async () => {
    const count = async (query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0].n;
    // The four mediation halls; the reception demo adds the district reception hall (kind RECEPTION_HALL).
    expect(await count(sql`select count(*)::int as n from mediation_rooms where kind <> 'RECEPTION_HALL'`)).toBe(4);
    expect(await count(sql`select count(*)::int as n from mediation_rooms where kind = 'RECEPTION_HALL'`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from mediators`)).toBe(12);
    const { rows } = (await handle.db.execute(sql`select distinct status from mediation_sessions`)) as unknown as { rows: { status: string }[] };
    expect(rows.map((r) => r.status).sort()).toEqual([...valuesOf(sessionStatusLabels)].sort());
    // The failed mediation became a case, linked both ways.
    expect(await count(sql`select count(*)::int as n from mediation_sessions s join cases c on c.id = s.resulting_case_id where s.status = 'NO_AGREEMENT' and c.channel = 'TRANSFER'`)).toBe(1);
    const [row] = await handle.db.select().from(accounts).where(eq(accounts.username, 'mediator'));
    const token = await tokenFor({ accountId: row.id, displayName: row.displayName, roles: row.roles, unitId: row.unitId, petitionerId: null });
    const mine = await gql(app, `{ mediators { totalCount } mediationSessions { nodes { status } } }`, {}, token);
    expect(mine.data.mediators.totalCount).toBe(1);
    expect(mine.data.mediationSessions.nodes.map((n: { status: string }) => n.status).sort()).toEqual(['AGREEMENT', 'SCHEDULED']);
  });
});

describe('the demo suggestion collection', () => {
  const tokenOf = async (username: string) => {
    const row = (await handle.db.query.accounts.findFirst({ where: { username } }))!;
    return tokenFor({ accountId: row.id, displayName: row.displayName, roles: row.roles, unitId: row.unitId, petitionerId: row.petitionerId });
  };

  it('has every suggestion status, an open campaign with clusters and awards, and shows them to the demo accounts', async () => {
    // the district administrator sees the whole district: the office's campaigns and the township's open collection
    const staff = await gql(app, '{ suggestions(first: 100) { totalCount nodes { status priority cluster { title status } } } suggestionCampaigns { title status } }', {}, await tokenOf('admin'));
    expect(staff.errors).toBeUndefined();
    const nodes = staff.data.suggestions.nodes as { status: string; priority: boolean; cluster: { title: string; status: string | null } | null }[];
    expect([...new Set(nodes.map((n) => n.status))].sort()).toEqual([...suggestionStatuses].sort());
    expect(nodes.some((n) => n.priority)).toBe(true);
    // the crossing cluster was decided together; one member has since been converted, so its members now differ
    expect([...new Set(nodes.filter((n) => n.cluster).map((n) => `${n.cluster!.title}:${n.cluster!.status}`))].sort()).toEqual(['兴龙大道停车:UNDER_ASSESSMENT', '实验小学门口交通安全:null']);
    expect(staff.data.suggestionCampaigns.map((c: { status: string }) => c.status).sort()).toEqual(['CLOSED', 'DRAFT', 'OPEN']);
    // the township sees what was addressed to it; the citizen their own; a leader the awards' tiers
    const zhongshan = await gql(app, '{ suggestions(first: 10) { nodes { status } } }', {}, await tokenOf('zhongshan-staff'));
    expect(zhongshan.data.suggestions.nodes.map((n: { status: string }) => n.status).sort()).toEqual(['FOR_REFERENCE', 'NOT_ADOPTED']);
    const own = await gql(app, '{ suggestions(first: 50) { totalCount } }', {}, await tokenOf('petitioner'));
    expect(own.data.suggestions.totalCount).toBeGreaterThan(3);
    const tiers = await gql(app, '{ suggestionAwardTiers { name awarded } }', {}, await tokenOf('leader'));
    expect(tiers.data.suggestionAwardTiers.map((t: { awarded: number }) => t.awarded)).toEqual([1, 1]);
    // and without a token
    const open = await gql(app, '{ openSuggestionCampaigns { title } awardedSuggestions(year: 2026) { number submitterName awards { tierName } } publicSuggestions(first: 50) { totalCount } }');
    expect(open.data.openSuggestionCampaigns.map((c: { title: string }) => c.title)).toEqual(['2026 年城区交通出行“金点子”征集']);
    expect(open.data.awardedSuggestions).toHaveLength(2);
    expect(open.data.awardedSuggestions.map((a: { submitterName: string | null }) => a.submitterName)).toEqual(['周秀英', null]); // by rank: the year's first prize, then the campaign's
    expect(open.data.publicSuggestions.totalCount).toBeGreaterThanOrEqual(8);
  });
});

describe('the README example query', () => {
  it('shows cases to every demo account it is offered to', async () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const query = /Try, with the token[\s\S]*?```graphql\n([\s\S]*?)```/.exec(readme)![1];
    const offer = readme.slice(readme.indexOf('Try, with the token'), readme.indexOf('```graphql'));
    const excluded = [...offer.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]);
    expect(excluded).toEqual(['mediator', 'city-staff']);
    const rows: Record<string, number> = {};
    for (const account of demoAccounts.filter((a) => !excluded.includes(a.username))) {
      const [row] = await handle.db.select().from(accounts).where(eq(accounts.username, account.username));
      const token = await tokenFor({ accountId: row.id, displayName: row.displayName, roles: row.roles, unitId: row.unitId, petitionerId: row.petitionerId });
      const result = await gql(app, query, {}, token);
      expect(result.errors, account.username).toBeUndefined();
      rows[account.username] = result.data.cases.nodes.length;
    }
    expect(Object.entries(rows).filter(([, n]) => n === 0)).toEqual([]);
    expect(Object.keys(rows)).toContain('petitioner');
  });
});

describe('the demo calendar keeper', () => {
  it('may enter a year’s official schedule; the county administrator may not', async () => {
    const tokens: Record<string, string> = {};
    for (const username of ['calendar-admin', 'admin']) {
      const [row] = await handle.db.select().from(accounts).where(eq(accounts.username, username));
      tokens[username] = await tokenFor({ accountId: row.id, displayName: row.displayName, roles: row.roles, unitId: row.unitId, petitionerId: null });
    }
    const SET = `mutation { setCalendarDay(date: "2027-10-04", kind: HOLIDAY, name: "国庆节") { __typename ... on Error { code } } }`;
    expect((await gql(app, SET, {}, tokens.admin)).data.setCalendarDay).toEqual({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
    expect((await gql(app, SET, {}, tokens['calendar-admin'])).data.setCalendarDay).toEqual({ __typename: 'MutationSetCalendarDaySuccess' });
    const years = await gql(app, `{ calendarYears(from: 2026, to: 2027) { year official } }`, {}, tokens['calendar-admin']);
    expect(years.data.calendarYears).toEqual([{ year: 2026, official: true }, { year: 2027, official: false }]);
    // The keeper may take it out again.
    const removed = await gql(app, `mutation { removeCalendarDay(date: "2027-10-04") { __typename } }`, {}, tokens['calendar-admin']);
    expect(removed.data.removeCalendarDay).toEqual({ __typename: 'MutationRemoveCalendarDaySuccess' });
  });
});

/** The smallest input each mutation's GraphQL type accepts (content does not matter: the state check comes first). */
// Well-formed ids of nothing: an id whose payload is not a UUID is refused as input/invalid before any state check.
const nothing = (type: string) => Buffer.from(`${type}:00000000-0000-4000-8000-000000000000`).toString('base64');
const mutationInputs: Record<CaseAction, [string, Record<string, unknown>]> = {
  transfer: ['transferCase', { targetUnitId: nothing('Unit') }],
  assign: ['assignCase', { targetUnitId: nothing('Unit'), reportDueOn: '2026-12-01' }],
  return: ['returnCase', { targetUnitId: nothing('Unit'), reason: '退回重办' }],
  escalate: ['escalateCase', { targetUnitId: nothing('Unit'), reason: '提级' }],
  accept: ['acceptCase', {}],
  decline: ['declineCase', { reason: 'OTHER', explanation: '说明' }],
  extend: ['extendCase', { days: 10, reason: '延期' }],
  decide: ['decideCase', { outcome: 'SUPPORTED', summary: '意见', resolved: true }],
  requestReview: ['requestReview', { reason: '不服' }],
  decideReview: ['decideReview', { outcome: 'SUPPORTED', summary: '意见', resolved: true }],
  requestReReview: ['requestReReview', { reason: '不服' }],
  decideReReview: ['decideReReview', { outcome: 'SUPPORTED', summary: '意见', resolved: true }],
  close: ['closeCase', {}],
  withdraw: ['withdrawCase', { reason: '撤回' }],
  merge: ['mergeCase', { intoCaseId: nothing('Case') }],
  setCaseLeader: ['setCaseLeader', { leaderAccountId: nothing('Account') }],
  flagBacklog: ['flagBacklog', { reason: '积案' }],
  clearBacklog: ['clearBacklog', { note: '化解' }],
  supervise: ['superviseCase', { instructions: '督办', dueOn: '2026-12-01' }],
  answerSupervision: ['answerSupervision', { supervisionId: nothing('Supervision'), answer: '回复' }],
  recordFollowUp: ['recordFollowUp', { method: 'PHONE', notes: '回访' }],
  evaluate: ['evaluateCase', { satisfaction: 'SATISFIED' }],
  scheduleHearing: ['scheduleHearing', { scheduledOn: '2026-12-01', location: '评理室' }],
  recordHearing: ['recordHearing', { hearingId: nothing('Hearing'), heldOn: '2026-10-12', summary: '听证' }],
  continueAsSuggestion: ['convertCaseToSuggestion', {}],
};

describe('every refused transition from every status, through the API', () => {
  it('answers case/invalid-transition with the allowed actions, for all roles at once', async () => {
    const [admin] = await handle.db.select().from(accounts).where(eq(accounts.username, 'admin'));
    // every role at the county: only the status can refuse (roles come from the account row, not the token)
    const [everyRole] = await handle.db.insert(accounts).values({ username: 'every-role', displayName: 'all roles', unitId: admin.unitId, roles: [...roles] }).returning();
    const allRoles = await tokenFor({ accountId: everyRole.id, displayName: 'all roles', roles: [...roles], unitId: admin.unitId, petitionerId: null });
    let refusals = 0;
    for (const status of caseStatuses) {
      const [row] = await handle.db.select({ id: cases.id, version: cases.version }).from(cases).where(eq(cases.status, status)).limit(1);
      const id = Buffer.from(`Case:${row.id}`).toString('base64');
      const shown = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { status allowedActions } } }`, { id }, allRoles);
      const expected = actionsFromStatus(status as CaseStatus).map((action) => caseMutationNames[action]);
      expect(shown.data.node).toEqual({ status, allowedActions: expected });
      for (const action of Object.keys(mutationInputs) as CaseAction[]) {
        if (actionsFromStatus(status as CaseStatus).includes(action)) continue;
        const [name, extra] = mutationInputs[action];
        const result = await act(app, name, { caseId: id, expectedVersion: row.version, ...extra }, allRoles);
        expect(result, `${status} ${action}`).toMatchObject({ __typename: 'InvalidTransitionError', code: 'case/invalid-transition', allowedActions: expected });
        refusals += 1;
      }
    }
    expect(refusals).toBe(caseStatuses.length * Object.keys(mutationInputs).length - caseStatuses.reduce((n, s) => n + actionsFromStatus(s).length, 0));
  });
});

describe('seeding is all or nothing', () => {
  it('leaves no demo unit, account or petitioner behind when it fails part-way, so the next start seeds it all', async () => {
    // The worker's shared database has no demo tree; a clock that cannot be read fails the seed after
    // the units, petitioners and accounts are written (each is rolled back with the rest).
    const shared = (await testDatabase()).db;
    await expect(seedDemoData(shared, new Date(Number.NaN))).rejects.toThrow();
    const left = (await shared.execute(sql`
      select (select count(*)::int from units where division_code = ${DEMO_ROOT_CODE}) as units,
             (select count(*)::int from accounts where username = 'county-leader') as accounts`)) as unknown as { rows: { units: number; accounts: number }[] };
    expect(left.rows).toEqual([{ units: 0, accounts: 0 }]);
  });
});
