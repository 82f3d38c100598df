import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-sse';
import { and, eq } from 'drizzle-orm';
import type { Database, DatabaseHandle } from '../db/client';
import type { Viewer } from '../db/cases/visibility';
import { accounts, cases, events } from '../db/schema';
import { EventWaker } from '../db/events/waker';
import { currentPosition, readEvents, type FeedEvent } from '../db/events/feed';
import type { Position } from '../db/events/cursor';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { gql, testApp, tokenFor } from './support/app';
import { dbId } from './support/cases';
import { untilSettled } from './support/events';
import { gid, mediatorInput, mutate, roomInput } from './support/mediation';
import { fake, masked } from './support/seed';
import { startServer, type RunningServer } from './support/server';
import type { App } from '../schema/yoga';

let handle: DatabaseHandle;
let db: Database;
let app: App;
let fx: Fixture;
let server: RunningServer;
let waker: EventWaker;
let clock = new Date('2026-06-01T02:00:00Z'); // Monday 10:00 in China
let roomId: string;
/** The applicant of every failed mediation this file refers (test/support/seed.ts). */
const applicant = fake().person();
/** A second MEDIATOR account (the fixture has one), each bound to a roster record. */
let other: { accountId: string; token: string };

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '17:30' }));
const SESSION = `session { id version status resultingCase { id number kind channel title content category unit { name } participants { role petitioner { name identityNumber } } originMediationSession { id } } }`;

beforeAll(async () => {
  handle = await testDatabase();
  db = handle.db;
  waker = await EventWaker.listen(handle);
  app = testApp(db, { now: () => clock, delivery: { waker, catchUpMs: 1000, keepAliveMs: 200 } });
  fx = await buildFixture(db);
  server = await startServer(app);
  roomId = (await mutate(app, 'createMediationRoom', roomInput(fx), fx.tokens.admin, 'room { id }')).room.id;
  const [row] = await db.insert(accounts).values({ username: `mediator2-${fx.code}`, displayName: `mediator2@${fx.code}`, unitId: fx.units.villageA.id, roles: ['MEDIATOR'] }).returning();
  other = { accountId: row.id, token: await tokenFor({ accountId: row.id, displayName: row.displayName, roles: ['MEDIATOR'], unitId: row.unitId, petitionerId: null }) };
});

afterAll(async () => {
  await server.close();
  await waker.close();
});

async function mediator(name: string, accountId?: string) {
  const r = await mutate(app, 'registerMediator', mediatorInput(fx, { name, termStartsOn: '2026-01-01' }), fx.tokens.admin, 'mediator { id version }');
  let m = (await mutate(app, 'setMediatorAvailability', { mediatorId: r.mediator.id, expectedVersion: r.mediator.version, windows: weekdays }, fx.tokens.admin, 'mediator { id version }')).mediator;
  if (accountId) m = (await mutate(app, 'linkMediatorAccount', { mediatorId: m.id, expectedVersion: m.version, accountId: gid('Account', accountId) }, fx.tokens.admin, 'mediator { id version }')).mediator;
  return m as { id: string; version: number };
}

const step = (name: string, input: Record<string, unknown>, token = fx.tokens.townAStaff) => mutate(app, name, input, token, SESSION);

/** A dispute (not a petition) mediated by `leadId` at townA and ended without agreement on Tue 06-09. */
async function failedMediation(leadId: string, title = '宅基地边界纠纷') {
  clock = new Date('2026-06-01T02:00:00Z');
  const opened = await step('openMediationSession', {
    unitId: gid('Unit', fx.units.townA.id),
    kind: 'MEDIATION',
    title,
    summary: '两户因宅基地边界的院墙位置发生争执，村委会调解未果。',
    placeCode: fx.units.villageA.divisionCode,
    specialty: 'LAND_HOMESTEAD',
    parties: [
      { role: 'APPLICANT', ...applicant },
      { role: 'RESPONDENT', name: '赵六', householdCode: 'HH-9' },
    ],
  });
  let s = opened.session;
  s = (await step('assignMediator', { sessionId: s.id, expectedVersion: s.version, mediatorId: leadId })).session;
  s = (await step('acceptMediation', { sessionId: s.id, expectedVersion: s.version })).session;
  s = (await step('scheduleMediation', { sessionId: s.id, expectedVersion: s.version, roomId, startsAt: slotAt(), endsAt: slotEnd() })).session;
  clock = new Date(new Date(lastSlot).getTime() + 5 * 60_000);
  s = (await step('startMediation', { sessionId: s.id, expectedVersion: s.version })).session;
  s = (await step('terminateMediation', { sessionId: s.id, expectedVersion: s.version, reason: 'PARTY_REFUSED', note: '被申请人拒绝拆除院墙' })).session;
  return s as { id: string; version: number; status: string };
}

// Each failed mediation takes the next half hour on Tue 06-09 from 09:00 China time.
let slots = 0;
let lastSlot = '';
function slotAt() {
  lastSlot = new Date(Date.UTC(2026, 5, 9, 1, 0) + slots * 30 * 60_000).toISOString();
  return lastSlot;
}
function slotEnd() {
  slots += 1;
  return new Date(Date.UTC(2026, 5, 9, 1, 0) + slots * 30 * 60_000 - 60_000).toISOString();
}

describe('a failed mediation becomes a case', () => {
  it('registers the case from a NO_AGREEMENT session, linked both ways, one event on each stream; a retry returns the same case', async () => {
    const lead = await mediator('转办调解员');
    const s = await failedMediation(lead.id);
    expect(s.status).toBe('NO_AGREEMENT');
    clock = new Date('2026-06-10T02:00:00Z');
    const referred = await mutate(app, 'referMediationToCase', { sessionId: s.id, expectedVersion: s.version, note: '请镇政府依法处理' }, fx.tokens.townAStaff, `replayed case { id number } ${SESSION}`);
    expect(referred.__typename).toBe('MutationReferMediationToCaseSuccess');
    expect(referred.replayed).toBe(false);
    const c = referred.session.resultingCase;
    expect(referred.case.id).toBe(c.id);
    expect(c).toMatchObject({
      kind: 'APPEAL_REQUEST',
      channel: 'TRANSFER',
      title: '宅基地边界纠纷',
      category: '土地宅基地',
      unit: { name: '甲镇' },
      participants: [{ role: 'PRIMARY', petitioner: { name: applicant.name, identityNumber: masked.identityNumber(applicant.identityNumber) } }],
      originMediationSession: { id: s.id },
    });
    expect(c.content).toContain('调解结果：当事人明确拒绝继续调解（被申请人拒绝拆除院墙）。');
    expect(c.content).toContain('转办说明：请镇政府依法处理');
    expect(referred.session.version).toBe(s.version + 1);

    // Each keeps its own history: the session's event names the case, the case's first event names the session.
    const sessionEvents = await db.select().from(events).where(and(eq(events.streamType, 'MEDIATION_SESSION'), eq(events.streamId, dbId(s.id)), eq(events.type, 'mediation.referred_to_case')));
    expect(sessionEvents.map((e) => e.payload)).toEqual([{ caseId: dbId(c.id), kind: 'APPEAL_REQUEST', note: '请镇政府依法处理' }]);
    const caseEvents = await db.select().from(events).where(and(eq(events.streamType, 'CASE'), eq(events.streamId, dbId(c.id))));
    expect(caseEvents.map((e) => [e.sequence, e.type])).toEqual([[1, 'case.registered']]);
    expect(caseEvents[0].payload).toMatchObject({ origin: { type: 'MEDIATION_SESSION', id: dbId(s.id) }, channel: 'TRANSFER', receivedOn: '2026-06-10' });
    // The case runs on its own clocks from the day it was registered, like any other.
    const read = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { status receivedOn } } }`, { id: c.id }, fx.tokens.townAStaff);
    expect(read.data.node).toEqual({ status: 'REGISTERED', receivedOn: '2026-06-10' });

    // A retry (the same request again, or with the version it now has) answers the same case and writes nothing.
    for (const expectedVersion of [s.version, s.version + 1]) {
      const again = await mutate(app, 'referMediationToCase', { sessionId: s.id, expectedVersion }, fx.tokens.townAStaff, `replayed case { id } session { version }`);
      expect(again).toMatchObject({ replayed: true, case: { id: c.id }, session: { version: s.version + 1 } });
    }
    const [{ count }] = await db.$count(cases, eq(cases.title, '宅基地边界纠纷')).then((n) => [{ count: n }]);
    expect(count).toBe(1);
    expect(await db.$count(events, and(eq(events.streamId, dbId(s.id)), eq(events.type, 'mediation.referred_to_case')))).toBe(1);
  });

  it('five concurrent referrals of one session make one case and one event; every answer names it', async () => {
    const lead = await mediator('并发转办调解员');
    const s = await failedMediation(lead.id, '并发转办纠纷');
    const answers = await Promise.all(Array.from({ length: 5 }, () => mutate(app, 'referMediationToCase', { sessionId: s.id, expectedVersion: s.version }, fx.tokens.townAStaff, 'replayed case { id }')));
    expect(answers.map((a) => a.__typename)).toEqual(Array(5).fill('MutationReferMediationToCaseSuccess'));
    expect(new Set(answers.map((a) => a.case.id)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(await db.$count(cases, eq(cases.title, '并发转办纠纷'))).toBe(1);
    expect(await db.$count(events, and(eq(events.streamId, dbId(s.id)), eq(events.type, 'mediation.referred_to_case')))).toBe(1);
  });

  it('refuses what is not a failed mediation, and who may not register cases', async () => {
    const lead = await mediator('未终结调解员', fx.actors.mediator.accountId);
    clock = new Date('2026-06-01T02:00:00Z');
    const open = await step('openMediationSession', {
      unitId: gid('Unit', fx.units.townA.id),
      kind: 'MEDIATION',
      title: '未终结纠纷',
      summary: '邻里之间因排水问题发生争执。',
      placeCode: fx.units.villageA.divisionCode,
      specialty: 'NEIGHBOURHOOD',
      parties: [{ role: 'APPLICANT', name: '钱七' }],
    });
    const early = await mutate(app, 'referMediationToCase', { sessionId: open.session.id, expectedVersion: open.session.version }, fx.tokens.townAStaff, 'replayed');
    expect(early).toMatchObject({ __typename: 'InvalidTransitionError', code: 'mediation/invalid-transition' });
    const s = await failedMediation(lead.id, '调解员不可转办');
    const byMediator = await mutate(app, 'referMediationToCase', { sessionId: s.id, expectedVersion: s.version }, fx.tokens.mediator, 'replayed');
    expect(byMediator.__typename).toBe('ForbiddenError');
    const neighbour = await mutate(app, 'referMediationToCase', { sessionId: s.id, expectedVersion: s.version }, fx.tokens.townBStaff, 'replayed');
    expect(neighbour.__typename).toBe('NotFoundError');
    expect(await db.$count(cases, eq(cases.title, '调解不可转办'))).toBe(0);
  });
});

describe('the MEDIATOR’s view', () => {
  it('its own profile with its whole contact, its sessions and their parties; nothing of another mediator’s', async () => {
    const [third] = await db.insert(accounts).values({ username: `mediator3-${fx.code}`, displayName: `mediator3@${fx.code}`, unitId: fx.units.villageA.id, roles: ['MEDIATOR'] }).returning();
    const token = await tokenFor({ accountId: third.id, displayName: third.displayName, roles: ['MEDIATOR'], unitId: third.unitId, petitionerId: null });
    const me = await mediator('视图调解员', third.id);
    const someoneElse = await mediator('别人的调解员');
    const mine = await failedMediation(me.id, '视图本人的调解');
    const theirs = await failedMediation(someoneElse.id, '视图他人的调解');
    const view = await gql(app, `{ mediators { totalCount nodes { id name mobile } } mediationSessions { totalCount nodes { id title parties { name mobile } } } }`, {}, token);
    expect(view.errors).toBeUndefined();
    expect(view.data.mediators).toEqual({ totalCount: 1, nodes: [{ id: me.id, name: '视图调解员', mobile: '13812345678' }] });
    expect(view.data.mediationSessions).toEqual({ totalCount: 1, nodes: [{ id: mine.id, title: '视图本人的调解', parties: [{ name: applicant.name, mobile: masked.mobile(applicant.mobile) }, { name: '赵六', mobile: null }] }] });
    // Another mediator's session, its record and its history answer as if they did not exist.
    const other = await gql(app, `query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`, { a: theirs.id, b: someoneElse.id }, token);
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['node/not-found', 'node/not-found']);
    const refused = await mutate(app, 'startMediation', { sessionId: theirs.id, expectedVersion: theirs.version }, token, 'session { id }');
    expect(refused.__typename).toBe('NotFoundError');
  });
});

describe('mediation events in the feed and subscriptions', () => {
  async function readAll(viewer: Viewer, after: Position, streamTypes = ['MEDIATION_SESSION', 'MEDIATOR', 'MEDIATION_ROOM']): Promise<FeedEvent[]> {
    await untilSettled(db);
    const out: FeedEvent[] = [];
    for (;;) {
      const batch = await readEvents(db, { viewer, after, filter: { streamTypes: streamTypes as never }, limit: 100 });
      out.push(...batch);
      if (batch.length < 100) return out;
      after = batch[batch.length - 1].position;
    }
  }
  const viewer = (key: string, unit: keyof Fixture['units'] | null): Viewer => ({ roles: fx.actors[key].roles, unitPath: unit ? fx.units[unit].path : null, petitionerId: null, accountId: fx.actors[key].accountId });

  it('reach the unit subtree’s staff and the mediators on the panel, never another mediator or a neighbouring unit', async () => {
    const start = await currentPosition(db);
    const theirs = await mediator('订阅调解员乙', other.accountId);
    // The fixture's MEDIATOR account signs in as the record bound in the test above; it changes its own hours now.
    const boundRecord = () => db.query.mediators.findFirst({ where: { accountId: fx.actors.mediator.accountId } });
    if (!(await boundRecord())) await mediator('订阅调解员甲', fx.actors.mediator.accountId);
    const bound = (await boundRecord())!;
    const myId = bound.id;
    const myGid = gid('Mediator', myId);
    const self = await mutate(app, 'setMediatorAvailability', { mediatorId: myGid, expectedVersion: bound.version, windows: weekdays }, fx.tokens.mediator, 'mediator { id }');
    expect(self.__typename).toBe('MutationSetMediatorAvailabilitySuccess');
    const a = await failedMediation(myGid, '甲的调解');
    const b = await failedMediation(theirs.id, '乙的调解');

    const streams = async (v: Viewer) => new Set((await readAll(v, start)).map((e) => `${e.streamType}:${e.streamId}`));
    const town = await streams(viewer('townAStaff', 'townA'));
    expect(town.has(`MEDIATION_SESSION:${dbId(a.id)}`) && town.has(`MEDIATION_SESSION:${dbId(b.id)}`)).toBe(true);
    const county = await streams(viewer('countyLeader', 'county'));
    expect(county.has(`MEDIATION_SESSION:${dbId(a.id)}`) && county.has(`MEDIATOR:${dbId(theirs.id)}`)).toBe(true);
    const townB = await streams(viewer('townBStaff', 'townB'));
    expect([...townB].filter((k) => k.startsWith('MEDIATION_SESSION:'))).toEqual([]);
    // The roster is the county's: a township sees the records of its line (the county above it), as in queries.
    expect(townB.has(`MEDIATOR:${dbId(theirs.id)}`)).toBe(true);

    const me: Viewer = { roles: ['MEDIATOR'], unitPath: fx.units.villageA.path, petitionerId: null, accountId: fx.actors.mediator.accountId };
    const seenByMe = await readAll(me, start);
    expect(new Set(seenByMe.filter((e) => e.streamType === 'MEDIATION_SESSION').map((e) => e.streamId))).toEqual(new Set([dbId(a.id)]));
    expect(new Set(seenByMe.filter((e) => e.streamType === 'MEDIATOR').map((e) => e.streamId))).toEqual(new Set([myId]));
    expect(seenByMe.filter((e) => e.streamType === 'MEDIATION_SESSION').map((e) => e.type)).toEqual([
      'mediation.opened',
      'mediation.mediator_assigned',
      'mediation.accepted',
      'mediation.scheduled',
      'mediation.started',
      'mediation.terminated',
    ]);
    const them: Viewer = { roles: ['MEDIATOR'], unitPath: fx.units.villageA.path, petitionerId: null, accountId: other.accountId };
    const seenByThem = await readAll(them, start);
    expect(new Set(seenByThem.filter((e) => e.streamType === 'MEDIATION_SESSION').map((e) => e.streamId))).toEqual(new Set([dbId(b.id)]));
    // An account without a roster record, and an integrator key's viewer (no mediation in queries either), see none.
    const unbound: Viewer = { roles: ['MEDIATOR'], unitPath: null, petitionerId: null, accountId: fx.actors.townAStaff.accountId };
    expect(await readAll(unbound, start)).toEqual([]);
    expect(await readAll({ roles: ['INTEGRATOR'], unitPath: fx.units.county.path, petitionerId: null }, start)).toEqual([]);
    // Narrowed to a unit subtree: the county leader's feed filtered to townB has none of townA's sessions.
    const narrowed = await readEvents(db, { viewer: viewer('countyLeader', 'county'), after: start, filter: { streamTypes: ['MEDIATION_SESSION'], unitPath: fx.units.townB.path }, limit: 100 });
    expect(narrowed).toEqual([]);

    // The same through a subscription over SSE: the other mediator receives their session's events and nothing of mine.
    const client = createClient({ url: server.url, singleConnection: false, retryAttempts: 0, headers: { authorization: `Bearer ${other.token}` } });
    const got: { streamId: string; type: string }[] = [];
    try {
      for await (const result of client.iterate<{ events: { streamId: string; type: string } }>({
        query: `subscription($after: String) { events(after: $after, filter: { streamTypes: [MEDIATION_SESSION] }) { streamId type } }`,
        variables: { after: seenByMe[0].cursor },
      })) {
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        got.push(result.data!.events);
        if (got.some((e) => e.type === 'mediation.terminated')) break;
      }
    } finally {
      client.dispose();
    }
    expect(new Set(got.map((e) => e.streamId))).toEqual(new Set([dbId(b.id)]));
  });
});
