import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { events } from '../db/schema';
import type { App } from '../schema/yoga';
import { runDeadlineSweep } from '../db/cases/sweep';
import { gql, testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { act, dbId, registerCase } from './support/cases';

let db: Database;
let app: App;
let fx: Fixture;
let clock = new Date('2026-07-01T02:00:00Z');
const at = (day: string) => {
  clock = new Date(`${day}T02:00:00Z`);
};

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => clock });
  fx = await buildFixture(db);
});

async function historyTypes(globalId: string) {
  const rows = await db
    .select({ type: events.type, sequence: events.sequence })
    .from(events)
    .where(and(eq(events.streamType, 'CASE'), eq(events.streamId, dbId(globalId))))
    .orderBy(asc(events.sequence));
  expect(rows.map((r) => r.sequence)).toEqual(rows.map((_, i) => i + 1));
  return rows.map((r) => r.type);
}

describe('the deadline sweep', () => {
  it('warns once inside the lead time, breaches once after the due date, even when two sweeps run at once', async () => {
    at('2026-07-01');
    // received 07-01: ROUTE due 07-16 (Thursday); warning from 07-13.
    const c = await registerCase(app, fx, { receivedOn: '2026-07-01', title: '时限巡检' });
    await runDeadlineSweep(db, new Date('2026-07-12T02:00:00Z'));
    expect(await historyTypes(c.id)).toEqual(['case.registered']);

    const [first, second] = await Promise.all([
      runDeadlineSweep(db, new Date('2026-07-13T02:00:00Z')),
      runDeadlineSweep(db, new Date('2026-07-13T02:00:00Z')),
    ]);
    expect(first.warnings + second.warnings).toBe(1);
    expect(await historyTypes(c.id)).toEqual(['case.registered', 'case.deadline_warning']);
    await runDeadlineSweep(db, new Date('2026-07-14T02:00:00Z'));
    expect(await historyTypes(c.id)).toEqual(['case.registered', 'case.deadline_warning']);

    // 07-16 is the last day: still only a warning; 07-17 is a breach.
    await runDeadlineSweep(db, new Date('2026-07-16T02:00:00Z'));
    expect(await historyTypes(c.id)).toHaveLength(2);
    at('2026-07-17');
    await Promise.all([runDeadlineSweep(db, clock), runDeadlineSweep(db, clock)]);
    await runDeadlineSweep(db, clock);
    expect(await historyTypes(c.id)).toEqual(['case.registered', 'case.deadline_warning', 'case.deadline_breached']);

    const overdue = await gql(app, `{ cases(first: 100, filter: { overdue: true, text: "时限巡检" }) { nodes { id overdue nextDueOn version } } }`, {}, fx.tokens.officeStaff);
    // notices take history positions but not the version: nobody's expectedVersion goes stale
    expect(overdue.data.cases.nodes).toEqual([{ id: c.id, overdue: true, nextDueOn: '2026-07-16', version: 1 }]);
    const dueThisWeek = await gql(app, `{ cases(first: 100, filter: { dueOnOrBefore: "2026-07-19", text: "时限巡检" }) { totalCount } }`, {}, fx.tokens.officeStaff);
    expect(dueThisWeek.data.cases.totalCount).toBe(1);
  });

  it('notices a batch of cases in one pass, each exactly once, with two sweeps at once', async () => {
    at('2026-08-03');
    // received 08-03: ROUTE due 08-18, warning from 08-13; 08-19 is a breach for all three
    const batch: Awaited<ReturnType<typeof registerCase>>[] = [];
    for (const title of ['批量巡检甲', '批量巡检乙', '批量巡检丙']) batch.push(await registerCase(app, fx, { receivedOn: '2026-08-03', title }));
    const [first, second] = await Promise.all([runDeadlineSweep(db, new Date('2026-08-19T02:00:00Z')), runDeadlineSweep(db, new Date('2026-08-19T02:00:00Z'))]);
    const mine = async () => Promise.all(batch.map((c) => historyTypes(c.id)));
    expect(await mine()).toEqual(batch.map(() => ['case.registered', 'case.deadline_breached']));
    await runDeadlineSweep(db, new Date('2026-08-19T02:00:00Z'));
    expect(await mine()).toEqual(batch.map(() => ['case.registered', 'case.deadline_breached']));
    const listed = await gql(app, `{ cases(first: 10, filter: { overdue: true, text: "批量巡检" }) { nodes { title overdue nextDueOn version } } }`, {}, fx.tokens.officeStaff);
    expect(listed.data.cases.nodes.map((n: any) => [n.title, n.overdue, n.nextDueOn, n.version]).sort()).toEqual([
      ['批量巡检丙', true, '2026-08-18', 1],
      ['批量巡检乙', true, '2026-08-18', 1],
      ['批量巡检甲', true, '2026-08-18', 1],
    ]);
    // the derived columns' update stamps the sweep's instant: an incremental sync from then sees the three, a
    // millisecond later none
    const since = async (instant: string) =>
      (await gql(app, `query($since: DateTime!) { cases(first: 10, filter: { updatedSince: $since, text: "批量巡检" }) { totalCount } }`, { since: instant }, fx.tokens.officeStaff)).data
        .cases.totalCount;
    expect(await since('2026-08-19T02:00:00.000Z')).toBe(3);
    expect(await since('2026-08-19T02:00:00.001Z')).toBe(0);
  });

  it('a warning posted between a person reading a case and acting on it does not make the action fail', async () => {
    at('2026-07-01');
    const c = await registerCase(app, fx, { receivedOn: '2026-07-01', title: '预警不抢版本' });
    at('2026-07-13');
    const read = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { version } } }`, { id: c.id }, fx.tokens.officeStaff);
    const seen = read.data.node.version;
    expect(seen).toBe(1);
    expect((await runDeadlineSweep(db, clock)).warnings).toBe(1);

    const accepted = await act(app, 'acceptCase', { caseId: c.id, expectedVersion: seen }, fx.tokens.officeStaff);
    expect(accepted.__typename).toBe('MutationAcceptCaseSuccess');
    expect(accepted.case).toMatchObject({ status: 'ACCEPTED', version: 2 });
    expect(await historyTypes(c.id)).toEqual(['case.registered', 'case.deadline_warning', 'case.accepted']);
  });

  it('a notice and an action racing on one case both land, in one gap-free history', async () => {
    at('2026-07-01');
    const c = await registerCase(app, fx, { receivedOn: '2026-07-01', title: '预警与受理同时' });
    at('2026-07-13');
    const [sweep, accepted] = await Promise.all([
      runDeadlineSweep(db, clock),
      act(app, 'acceptCase', { caseId: c.id, expectedVersion: 1 }, fx.tokens.officeStaff),
    ]);
    expect(accepted.__typename).toBe('MutationAcceptCaseSuccess');
    const types = await historyTypes(c.id);
    expect(types).toHaveLength(2 + sweep.warnings);
    expect(types.filter((type) => type === 'case.accepted')).toHaveLength(1);
  });

  it('closes a decided case once its review window has passed unused, and only then', async () => {
    at('2026-08-03');
    const c = await registerCase(app, fx, { receivedOn: '2026-08-03', title: '自动归档' });
    await act(app, 'acceptCase', { caseId: c.id, expectedVersion: 1 }, fx.tokens.officeStaff);
    await act(app, 'decideCase', { caseId: c.id, expectedVersion: 2, outcome: 'SUPPORTED', summary: '支持', resolved: true }, fx.tokens.officeStaff);
    // window: 30 days from 08-03 → 09-02 (Wednesday). Closing by hand before then is refused.
    const early = await act(app, 'closeCase', { caseId: c.id, expectedVersion: 3 }, fx.tokens.officeStaff);
    expect(early).toMatchObject({ code: 'case/review-window-open' });

    expect((await runDeadlineSweep(db, new Date('2026-09-02T02:00:00Z'))).closed).toBe(0);
    at('2026-09-03');
    const [a, b] = await Promise.all([runDeadlineSweep(db, clock), runDeadlineSweep(db, clock)]);
    expect(a.closed + b.closed).toBe(1);
    const read = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { status statusLabel } } }`, { id: c.id }, fx.tokens.officeStaff);
    expect(read.data.node).toEqual({ status: 'CLOSED', statusLabel: '已办结' });
    expect((await historyTypes(c.id)).at(-1)).toBe('case.closed');
  });

  it('escalates an overdue supervision order once', async () => {
    at('2026-08-10');
    const c = await registerCase(app, fx, { receivedOn: '2026-08-10', title: '督办升级' });
    const townLevel = await act(app, 'superviseCase', { caseId: c.id, expectedVersion: 1, instructions: '请加快办理', dueOn: '2026-08-15' }, fx.tokens.officeLeader);
    expect(townLevel).toMatchObject({ code: 'case/not-higher-unit' });
    const ok = await act(app, 'superviseCase', { caseId: c.id, expectedVersion: 1, instructions: '请加快办理', dueOn: '2026-08-15' }, fx.tokens.citySupervisor);
    expect(ok.__typename).toBe('MutationSuperviseCaseSuccess');
    await runDeadlineSweep(db, new Date('2026-08-15T02:00:00Z'));
    at('2026-08-16');
    await Promise.all([runDeadlineSweep(db, clock), runDeadlineSweep(db, clock)]);
    const types = await historyTypes(c.id);
    expect(types.filter((t) => t === 'case.supervision_escalated')).toHaveLength(1);
    const read = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { supervisions { status dueOn } } } }`, { id: c.id }, fx.tokens.officeStaff);
    expect(read.data.node.supervisions).toEqual([{ status: 'ESCALATED', dueOn: '2026-08-15' }]);
  });

  it('is also an admin mutation with an explicit now', async () => {
    const result = await gql(app, `mutation { runDeadlineSweep(now: "2026-08-16T10:00:00+08:00") { __typename ... on MutationRunDeadlineSweepSuccess { data { today } } } }`, {}, fx.tokens.admin);
    expect(result.data.runDeadlineSweep.data.today).toBe('2026-08-16');
    const refused = await gql(app, `mutation { runDeadlineSweep { __typename ... on Error { code } } }`, {}, fx.tokens.officeStaff);
    expect(refused.data.runDeadlineSweep).toMatchObject({ code: 'auth/forbidden' });
  });
});
