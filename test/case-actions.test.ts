import { beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { events } from '../db/schema';
import type { App } from '../schema/yoga';
import { gql, testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { act, dbId, registerCase } from './support/cases';

/**
 * One succeeding call per lifecycle mutation that no other file drives to success: each asserts
 * the state a user would see afterwards and the one event the action wrote.
 */
let db: Database;
let app: App;
let fx: Fixture;
let clock = new Date('2026-05-06T02:00:00Z');
const at = (day: string) => {
  clock = new Date(`${day}T02:00:00Z`);
};

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => clock });
  fx = await buildFixture(db);
});

const unitId = (key: keyof Fixture['units']) => Buffer.from(`Unit:${fx.units[key].id}`).toString('base64');
const accountId = (key: string) => Buffer.from(`Account:${fx.actors[key].accountId}`).toString('base64');

/** The whole history of a case, oldest first: the test checks the last entry is the action's only event. */
async function history(caseGlobalId: string) {
  return db
    .select({ sequence: events.sequence, type: events.type, fromStatus: events.fromStatus, toStatus: events.toStatus, payload: events.payload })
    .from(events)
    .where(and(eq(events.streamType, 'CASE'), eq(events.streamId, dbId(caseGlobalId))))
    .orderBy(desc(events.sequence));
}

async function read(caseGlobalId: string, fields: string, token = fx.tokens.officeStaff) {
  const result = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { ${fields} } } }`, { id: caseGlobalId }, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.node;
}

async function succeeded(result: Awaited<ReturnType<typeof act>>, mutation: string) {
  expect(result, JSON.stringify(result)).toMatchObject({ __typename: `Mutation${mutation[0].toUpperCase()}${mutation.slice(1)}Success` });
  return result.case;
}

describe('every lifecycle mutation succeeds through the API with its state and its one event', () => {
  it('returnCase sends a case down to a unit of the returning unit’s subtree, to be accepted again', async () => {
    at('2026-05-06');
    const c = await registerCase(app, fx, { receivedOn: '2026-05-06' });
    await succeeded(await act(app, 'transferCase', { caseId: c.id, expectedVersion: 1, targetUnitId: unitId('townA') }, fx.tokens.officeStaff), 'transferCase');
    const returned = await succeeded(
      await act(app, 'returnCase', { caseId: c.id, expectedVersion: 2, targetUnitId: unitId('villageA'), reason: '属村级事务，退回重办' }, fx.tokens.countyLeader),
      'returnCase',
    );
    expect(returned).toMatchObject({ status: 'PENDING_ACCEPTANCE', version: 3, unit: { name: '甲镇一村' } });
    const [last, previous] = await history(c.id);
    expect(last).toEqual({
      sequence: 3,
      type: 'case.returned',
      fromStatus: 'PENDING_ACCEPTANCE',
      toStatus: 'PENDING_ACCEPTANCE',
      payload: { toUnitId: fx.units.villageA.id, toUnitName: '甲镇一村', reason: '属村级事务，退回重办' },
    });
    expect(previous.type).toBe('case.transferred');
  });

  it('escalateCase lifts a case to a higher unit without changing its status', async () => {
    at('2026-05-06');
    const c = await registerCase(app, fx, { receivedOn: '2026-05-06' });
    await act(app, 'transferCase', { caseId: c.id, expectedVersion: 1, targetUnitId: unitId('townA') }, fx.tokens.officeStaff);
    const escalated = await succeeded(
      await act(app, 'escalateCase', { caseId: c.id, expectedVersion: 2, targetUnitId: unitId('county'), reason: '涉及多个部门，提级会审' }, fx.tokens.countyLeader),
      'escalateCase',
    );
    expect(escalated).toMatchObject({ status: 'PENDING_ACCEPTANCE', version: 3, unit: { name: `测试县${fx.code}` } });
    const [last] = await history(c.id);
    expect(last).toMatchObject({ sequence: 3, type: 'case.escalated', fromStatus: 'PENDING_ACCEPTANCE', toStatus: 'PENDING_ACCEPTANCE' });
    expect(last.payload).toEqual({ toUnitId: fx.units.county.id, toUnitName: `测试县${fx.code}`, reason: '涉及多个部门，提级会审' });
  });

  it('mergeCase merges a later duplicate into the earlier case, which it then points to', async () => {
    at('2026-05-07');
    const earlier = await registerCase(app, fx, { receivedOn: '2026-05-04' });
    const duplicate = await registerCase(app, fx, { receivedOn: '2026-05-07' });
    const merged = await succeeded(
      await act(app, 'mergeCase', { caseId: duplicate.id, expectedVersion: 1, intoCaseId: earlier.id, note: '同一诉求重复来信' }, fx.tokens.officeStaff),
      'mergeCase',
    );
    expect(merged).toMatchObject({ status: 'MERGED', version: 2 });
    expect(await read(duplicate.id, 'mergedInto { id number }')).toEqual({ mergedInto: { id: earlier.id, number: earlier.number } });
    const [last] = await history(duplicate.id);
    expect(last).toEqual({
      sequence: 2,
      type: 'case.merged',
      fromStatus: 'REGISTERED',
      toStatus: 'MERGED',
      payload: { intoCaseId: dbId(earlier.id), intoNumber: earlier.number, note: '同一诉求重复来信' },
    });
    // the survivor is untouched
    expect(await history(earlier.id)).toHaveLength(1);
  });

  it('setCaseLeader names a leader of the responsible unit', async () => {
    at('2026-05-08');
    const c = await registerCase(app, fx, { receivedOn: '2026-05-08' });
    const led = await succeeded(
      await act(app, 'setCaseLeader', { caseId: c.id, expectedVersion: 1, leaderAccountId: accountId('officeLeader') }, fx.tokens.officeLeader),
      'setCaseLeader',
    );
    expect(led).toMatchObject({ status: 'REGISTERED', version: 2 });
    expect(await read(c.id, 'caseLeader { id displayName }')).toEqual({ caseLeader: { id: accountId('officeLeader'), displayName: fx.actors.officeLeader.displayName } });
    const [last] = await history(c.id);
    expect(last).toEqual({
      sequence: 2,
      type: 'case.case_leader_set',
      fromStatus: 'REGISTERED',
      toStatus: 'REGISTERED',
      payload: { leaderAccountId: fx.actors.officeLeader.accountId, leaderName: fx.actors.officeLeader.displayName },
    });
  });

  it('flagBacklog and clearBacklog list a case as 积案 and clear it, counting the days', async () => {
    at('2026-05-08');
    const c = await registerCase(app, fx, { receivedOn: '2026-05-08' });
    const flagged = await succeeded(await act(app, 'flagBacklog', { caseId: c.id, expectedVersion: 1, reason: '多次重复信访' }, fx.tokens.officeLeader), 'flagBacklog');
    expect(flagged).toMatchObject({ status: 'REGISTERED', version: 2 });
    expect(await read(c.id, 'backlog backlogClearedOn')).toEqual({ backlog: true, backlogClearedOn: null });
    expect((await history(c.id))[0]).toEqual({ sequence: 2, type: 'case.backlog_flagged', fromStatus: 'REGISTERED', toStatus: 'REGISTERED', payload: { reason: '多次重复信访' } });

    at('2026-05-18');
    const cleared = await succeeded(await act(app, 'clearBacklog', { caseId: c.id, expectedVersion: 2, note: '包案化解，信访人息诉罢访' }, fx.tokens.officeLeader), 'clearBacklog');
    expect(cleared).toMatchObject({ version: 3 });
    expect(await read(c.id, 'backlog backlogClearedOn')).toEqual({ backlog: true, backlogClearedOn: '2026-05-18' });
    expect((await history(c.id))[0]).toEqual({
      sequence: 3,
      type: 'case.backlog_cleared',
      fromStatus: 'REGISTERED',
      toStatus: 'REGISTERED',
      payload: { note: '包案化解，信访人息诉罢访', days: 10 },
    });
  });

  it('answerSupervision answers an open supervision order on time', async () => {
    at('2026-05-11');
    const c = await registerCase(app, fx, { receivedOn: '2026-05-11' });
    await succeeded(await act(app, 'superviseCase', { caseId: c.id, expectedVersion: 1, instructions: '请于五日内报告', dueOn: '2026-05-16' }, fx.tokens.citySupervisor), 'superviseCase');
    const [order] = (await read(c.id, 'supervisions { id status }')).supervisions;
    expect(order.status).toBe('OPEN');
    // a Node: refetched by its global id by whoever may read the case, the one not-found answer for anyone else
    expect(Buffer.from(order.id, 'base64').toString()).toMatch(/^Supervision:/);
    const refetch = `query($id: ID!) { node(id: $id) { id ... on Supervision { status dueOn fromUnit { name } } } }`;
    expect((await gql(app, refetch, { id: order.id }, fx.tokens.officeStaff)).data.node).toEqual({ id: order.id, status: 'OPEN', dueOn: '2026-05-16', fromUnit: { name: `测试市${fx.code}` } });
    expect((await gql(app, refetch, { id: order.id }, fx.tokens.townBStaff)).errors?.[0].extensions?.code).toBe('node/not-found');
    at('2026-05-14');
    const answered = await succeeded(
      await act(app, 'answerSupervision', { caseId: c.id, expectedVersion: 2, supervisionId: order.id, answer: '已约谈信访人，正在核实' }, fx.tokens.officeStaff),
      'answerSupervision',
    );
    expect(answered).toMatchObject({ status: 'REGISTERED', version: 3 });
    expect((await read(c.id, 'supervisions { status answer answeredOn }')).supervisions).toEqual([
      { status: 'ANSWERED', answer: '已约谈信访人，正在核实', answeredOn: '2026-05-14' },
    ]);
    expect((await history(c.id))[0]).toEqual({
      sequence: 3,
      type: 'case.supervision_answered',
      fromStatus: 'REGISTERED',
      toStatus: 'REGISTERED',
      payload: { supervisionId: dbId(order.id), onTime: true }, // the database id as stored (the API shows the global id)
    });
  });

  it('recordFollowUp records a phone follow-up whose satisfaction fills the case’s', async () => {
    at('2026-05-12');
    const c = await registerCase(app, fx, { receivedOn: '2026-05-12' });
    await act(app, 'acceptCase', { caseId: c.id, expectedVersion: 1 }, fx.tokens.officeStaff);
    await act(app, 'decideCase', { caseId: c.id, expectedVersion: 2, outcome: 'SUPPORTED', summary: '支持其诉求', resolved: true }, fx.tokens.officeStaff);
    at('2026-05-20');
    const followed = await succeeded(
      await act(app, 'recordFollowUp', { caseId: c.id, expectedVersion: 3, method: 'PHONE', notes: '电话回访，工资已到账', satisfaction: 'BASICALLY_SATISFIED' }, fx.tokens.officeStaff),
      'recordFollowUp',
    );
    expect(followed).toMatchObject({ status: 'DECIDED', version: 4 });
    expect(await read(c.id, 'satisfaction followUps { method notes satisfaction }')).toEqual({
      satisfaction: 'BASICALLY_SATISFIED',
      followUps: [{ method: 'PHONE', notes: '电话回访，工资已到账', satisfaction: 'BASICALLY_SATISFIED' }],
    });
    expect((await history(c.id))[0]).toEqual({
      sequence: 4,
      type: 'case.followed_up',
      fromStatus: 'DECIDED',
      toStatus: 'DECIDED',
      payload: { method: 'PHONE', satisfaction: 'BASICALLY_SATISFIED' },
    });
  });

  it('evaluateCase records the petitioner’s own evaluation', async () => {
    at('2026-05-13');
    const petitioner = await fx.newPetitionerAccount();
    const c = await registerCase(app, fx, {
      receivedOn: '2026-05-13',
      petitioners: [petitioner.person],
    });
    await act(app, 'acceptCase', { caseId: c.id, expectedVersion: 1 }, fx.tokens.officeStaff);
    await act(app, 'decideCase', { caseId: c.id, expectedVersion: 2, outcome: 'PARTLY_SUPPORTED', summary: '部分支持', resolved: false }, fx.tokens.officeStaff);
    const evaluated = await succeeded(
      await act(app, 'evaluateCase', { caseId: c.id, expectedVersion: 3, satisfaction: 'DISSATISFIED', comment: '只解决了一半' }, petitioner.token),
      'evaluateCase',
    );
    expect(evaluated).toMatchObject({ status: 'DECIDED', version: 4 });
    expect(await read(c.id, 'satisfaction', petitioner.token)).toEqual({ satisfaction: 'DISSATISFIED' });
    expect((await history(c.id))[0]).toEqual({
      sequence: 4,
      type: 'case.evaluated',
      fromStatus: 'DECIDED',
      toStatus: 'DECIDED',
      payload: { satisfaction: 'DISSATISFIED', comment: '只解决了一半' },
    });
  });

  it('withdrawCase lets the petitioner withdraw their own case, ending its clocks', async () => {
    at('2026-05-14');
    const petitioner = await fx.newPetitionerAccount();
    const c = await registerCase(app, fx, {
      receivedOn: '2026-05-14',
      petitioners: [petitioner.person],
    });
    const withdrawn = await succeeded(await act(app, 'withdrawCase', { caseId: c.id, expectedVersion: 1, reason: '已与对方协商解决' }, petitioner.token), 'withdrawCase');
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 2, nextDueOn: null, overdue: false });
    expect((await history(c.id))[0]).toEqual({
      sequence: 2,
      type: 'case.withdrawn',
      fromStatus: 'REGISTERED',
      toStatus: 'WITHDRAWN',
      payload: { reason: '已与对方协商解决' },
    });
  });
});
