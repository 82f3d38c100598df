import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { events } from '../db/schema';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { gql, testApp } from './support/app';
import { dbId } from './support/cases';
import { gid, MEDIATOR_FIELDS, mediatorInput, mutate, roomInput } from './support/mediation';
import type { App } from '../schema/yoga';

let db: Database;
let app: App;
let fx: Fixture;
const now = new Date('2026-06-01T02:00:00Z');

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => now });
  fx = await buildFixture(db);
});

const register = (overrides: Record<string, unknown> = {}, token = fx.tokens.admin) =>
  mutate(app, 'registerMediator', mediatorInput(fx, overrides), token, `mediator { ${MEDIATOR_FIELDS} }`);
const act = (name: string, input: Record<string, unknown>, token = fx.tokens.admin) => mutate(app, name, input, token, `mediator { ${MEDIATOR_FIELDS} }`);

describe('rooms', () => {
  it('an admin sets up a hall in their subtree; staff elsewhere on the line see it; closing writes the history', async () => {
    const created = await mutate(app, 'createMediationRoom', roomInput(fx), fx.tokens.admin, 'room { id kind name status version unit { name } }');
    expect(created.__typename).toBe('MutationCreateMediationRoomSuccess');
    expect(created.room).toMatchObject({ kind: 'COMMUNITY_HALL', status: 'OPEN', version: 1, unit: { name: '甲镇一村' } });
    const closed = await mutate(
      app,
      'closeMediationRoom',
      { roomId: created.room.id, expectedVersion: 1, from: '2026-06-01', until: '2026-06-10', reason: '屋顶漏水维修' },
      fx.tokens.admin,
      'room { status closedFrom closedUntil closedReason closedToday version }',
    );
    expect(closed.room).toEqual({ status: 'CLOSED', closedFrom: '2026-06-01', closedUntil: '2026-06-10', closedReason: '屋顶漏水维修', closedToday: true, version: 2 });
    const history = await db.select({ sequence: events.sequence, type: events.type }).from(events).where(and(eq(events.streamType, 'MEDIATION_ROOM'), eq(events.streamId, dbId(created.room.id))));
    expect(history).toEqual([
      { sequence: 1, type: 'room.created' },
      { sequence: 2, type: 'room.closed' },
    ]);
    const list = await gql(app, `{ mediationRooms(filter: { kind: [COMMUNITY_HALL] }) { nodes { name } } }`, {}, fx.tokens.townAStaff);
    expect(list.errors).toBeUndefined();
    expect(list.data.mediationRooms.nodes).toEqual([{ name: '甲镇一村乡贤评理堂' }]);
    const other = await gql(app, `{ mediationRooms { nodes { name } } }`, {}, fx.tokens.townBStaff);
    expect(other.data.mediationRooms.nodes).toEqual([]);
  });

  it('staff cannot create rooms and nobody outside the line can', async () => {
    const refused = await mutate(app, 'createMediationRoom', roomInput(fx), fx.tokens.officeStaff, 'room { id }');
    expect(refused).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
    const bad = await mutate(app, 'createMediationRoom', roomInput(fx, { capacity: 1, openingHours: [{ weekday: 8, opens: '09:00', closes: '08:00' }] }), fx.tokens.admin, 'room { id }');
    expect(bad.__typename).toBe('InputError');
    expect(bad.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual(['capacity', 'openingHours.0.weekday']);
  });
});

describe('the roster lifecycle', () => {
  it('registers with a 3-year term, suspends, reinstates and removes, one event each with before and after', async () => {
    const created = await register({ termStartsOn: '2026-03-01' });
    expect(created.__typename).toBe('MutationRegisterMediatorSuccess');
    const m = created.mediator;
    expect(m).toMatchObject({ status: 'ACTIVE', version: 2, currentTerm: { startsOn: '2026-03-01', endsOn: '2029-02-28' }, homeUnit: { name: '甲镇一村' } });
    // The roster's own admin sees the whole mobile; the identity number is always masked.
    expect(m.mobile).toBe('13812345678');

    const suspended = await act('suspendMediator', { mediatorId: m.id, expectedVersion: 2, reason: '群众投诉待查' });
    expect(suspended.mediator).toMatchObject({ status: 'SUSPENDED', version: 3 });
    const stale = await act('reinstateMediator', { mediatorId: m.id, expectedVersion: 2 });
    expect(stale).toMatchObject({ __typename: 'VersionConflictError', code: 'mediator/version-conflict', currentVersion: 3 });
    const reinstated = await act('reinstateMediator', { mediatorId: m.id, expectedVersion: 3, note: '查无实据' });
    expect(reinstated.mediator).toMatchObject({ status: 'ACTIVE', version: 4 });
    const early = await act('removeMediator', { mediatorId: m.id, expectedVersion: 4, cause: 'TERM_ENDED' });
    expect(early).toMatchObject({ __typename: 'MediationRuleError', code: 'mediator/removal-cause' });
    const removed = await act('removeMediator', { mediatorId: m.id, expectedVersion: 4, cause: 'BRIBERY', note: '收受当事人财物' });
    expect(removed.mediator).toMatchObject({ status: 'REMOVED', version: 5, currentTerm: null, allowedActions: ['leaveRoom', 'declareRelationship'] });
    const again = await act('suspendMediator', { mediatorId: m.id, expectedVersion: 5, reason: '再次' });
    expect(again).toMatchObject({ __typename: 'InvalidTransitionError', code: 'mediator/invalid-transition', allowedActions: ['leaveRoom', 'declareRelationship'] });

    const history = await gql(app, `query($id: ID!) { node(id: $id) { ... on Mediator { events { totalCount nodes { sequence type fromStatus toStatus payload actor { username } } } } } }`, { id: m.id }, fx.tokens.admin);
    const nodes = history.data.node.events.nodes;
    expect(nodes.map((e: any) => [e.sequence, e.type, e.fromStatus, e.toStatus])).toEqual([
      [5, 'mediator.removed', 'ACTIVE', 'REMOVED'],
      [4, 'mediator.reinstated', 'SUSPENDED', 'ACTIVE'],
      [3, 'mediator.suspended', 'ACTIVE', 'SUSPENDED'],
      [2, 'mediator.appointed', 'CANDIDATE', 'ACTIVE'],
      [1, 'mediator.registered', null, 'CANDIDATE'],
    ]);
    expect(nodes[0].payload).toEqual({ cause: 'BRIBERY', causeLabel: '索取、收受财物或者牟取其他不正当利益', note: '收受当事人财物' });
    expect(nodes[0].actor.username).toBe(`admin-${fx.code}`);
  });

  it('a profile change records before and after; personal data is marked changed, never copied', async () => {
    const { mediator } = await register();
    const changed = await act('updateMediatorProfile', { mediatorId: mediator.id, expectedVersion: 1, grade: 'CHIEF', mobile: '13900001111' });
    expect(changed.mediator).toMatchObject({ grade: 'CHIEF', mobile: '13900001111', version: 2 });
    const [event] = await db.select({ payload: events.payload }).from(events).where(and(eq(events.streamType, 'MEDIATOR'), eq(events.streamId, dbId(mediator.id)), eq(events.sequence, 2)));
    expect(event.payload).toEqual({ before: { grade: 'FIRST', mobile: '（已修改）' }, after: { grade: 'CHIEF', mobile: '（已修改）' } });
  });

  it('refuses bad records field by field, in Chinese', async () => {
    const bad = await register({ birthYear: 2015, specialties: [], mobile: '1234', identityNumber: '500118195801011234', homeDivisionCode: '123' });
    expect(bad.__typename).toBe('InputError');
    expect(bad.issues).toEqual([
      { path: ['birthYear'], message: '调解员须年满 18 周岁' },
      { path: ['specialties'], message: '至少填写一项专长' },
      { path: ['homeDivisionCode'], message: '所在村（社区）应为 12 位行政区划代码' },
      { path: ['mobile'], message: expect.stringContaining('手机号') },
      { path: ['identityNumber'], message: '身份证号校验位不正确' },
    ]);
    const first = await register({ rosterKey: 'DUP-1' });
    expect(first.__typename).toBe('MutationRegisterMediatorSuccess');
    const dup = await register({ rosterKey: 'DUP-1' });
    expect(dup).toMatchObject({ __typename: 'InputError', message: '编号 DUP-1 已在本单位名册中' });
  });

  it('admins manage only their subtree: a township admin cannot touch the county roster', async () => {
    const { mediator } = await register({ termStartsOn: '2026-01-01' });
    const [row] = await db.insert((await import('../db/schema')).accounts).values({ username: `town-admin-${fx.code}`, displayName: '镇管理员', unitId: fx.units.townA.id, roles: ['ADMIN'] }).returning();
    const { tokenFor } = await import('./support/app');
    const townAdmin = await tokenFor({ accountId: row.id, displayName: row.displayName, roles: ['ADMIN'], unitId: fx.units.townA.id, petitionerId: null });
    const refused = await act('suspendMediator', { mediatorId: mediator.id, expectedVersion: 2, reason: '越权尝试' }, townAdmin);
    expect(refused).toMatchObject({ __typename: 'ForbiddenError', message: '只能管理本单位及下级单位的调解员名册' });
    // but may register one on the township's own roster (home village inside the township)
    const own = await register({ unitId: gid('Unit', fx.units.townA.id) }, townAdmin);
    expect(own.mediator.unit.name).toBe('甲镇');
    const staff = await act('suspendMediator', { mediatorId: mediator.id, expectedVersion: 2, reason: '工作人员尝试' }, fx.tokens.officeLeader);
    expect(staff).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
    // the county's mobile is masked for a township admin who does not manage the record
    const seen = await gql(app, `query($id: ID!) { node(id: $id) { ... on Mediator { mobile relationships { name } } } }`, { id: mediator.id }, townAdmin);
    expect(seen.data.node).toEqual({ mobile: '138****5678', relationships: [] });
  });
});

describe('what a MEDIATOR account sees', () => {
  it('its own record with its whole mobile and ties; nobody else on the roster', async () => {
    const { mediator } = await register({ name: '周德华', termStartsOn: '2026-01-01' });
    await register({ name: '吴其他' });
    const linked = await act('linkMediatorAccount', { mediatorId: mediator.id, expectedVersion: 2, accountId: gid('Account', fx.actors.mediator.accountId) });
    expect(linked.__typename).toBe('MutationLinkMediatorAccountSuccess');
    const own = await act('declareMediatorRelationship', { mediatorId: mediator.id, expectedVersion: 3, kind: 'RELATIVE', name: '周小华' }, fx.tokens.mediator);
    expect(own.__typename).toBe('MutationDeclareMediatorRelationshipSuccess');
    const list = await gql(app, `{ mediators { totalCount nodes { name mobile relationships { kind name } } } }`, {}, fx.tokens.mediator);
    expect(list.data.mediators).toEqual({ totalCount: 1, nodes: [{ name: '周德华', mobile: '13812345678', relationships: [{ kind: 'RELATIVE', name: '周小华' }] }] });
    const suspend = await act('suspendMediator', { mediatorId: mediator.id, expectedVersion: 4, reason: '自己暂停自己' }, fx.tokens.mediator);
    expect(suspend).toMatchObject({ __typename: 'ForbiddenError' });
  });
});
