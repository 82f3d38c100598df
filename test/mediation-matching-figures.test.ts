import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { mediationAgreements, mediationSessions, performanceFollowUps } from '../db/schema';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { createUnit } from '../db/units/service';
import { gql, testApp, withSqlLog } from './support/app';
import { dbId } from './support/cases';
import { gid, mediatorInput, mutate, roomInput } from './support/mediation';
import type { App } from '../schema/yoga';

let db: Database;
let app: App;
let fx: Fixture;
const now = new Date('2026-06-01T02:00:00Z');
let villageB: { id: string; divisionCode: string };

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => now });
  fx = await buildFixture(db);
  const v = await createUnit(db, { parentId: fx.units.townB.id, level: 'VILLAGE', kind: 'COMMUNITY', divisionCode: `${fx.code}002001`, name: '乙镇一村' });
  villageB = { id: v.id, divisionCode: v.divisionCode };
});

async function mediator(overrides: Record<string, unknown>) {
  const r = await mutate(app, 'registerMediator', mediatorInput(fx, { termStartsOn: '2026-01-01', ...overrides }), fx.tokens.admin, 'mediator { id version name }');
  return r.mediator as { id: string; version: number; name: string };
}

describe('recommendMediators on a hand-built roster', () => {
  it('ranks with reasons in a known order and lists the excluded with why', async () => {
    // All three are newcomers (no concluded sessions): each gets half marks for rate and satisfaction (10 + 5).
    const near = await mediator({ rosterKey: 'R-NEAR', name: '同村专长', specialties: ['LAND_HOMESTEAD'] }); // 40 + 30 + 15 = 85
    const far = await mediator({ rosterKey: 'R-FAR', name: '邻镇专长', specialties: ['LAND_HOMESTEAD'], homeDivisionCode: villageB.divisionCode }); // 40 + 10 + 15 = 65
    await mediator({ rosterKey: 'R-OTHER', name: '同村非专长', specialties: ['MARRIAGE_FAMILY'] }); // 0 + 30 + 15 = 45
    const suspended = await mediator({ rosterKey: 'R-SUSP', name: '暂停者', specialties: ['LAND_HOMESTEAD'] });
    await mutate(app, 'suspendMediator', { mediatorId: suspended.id, expectedVersion: suspended.version, reason: '投诉待查' }, fx.tokens.admin, 'mediator { id }');
    const kin = await mediator({ rosterKey: 'R-KIN', name: '当事人亲属', specialties: ['LAND_HOMESTEAD'] });
    await mutate(app, 'declareMediatorRelationship', { mediatorId: kin.id, expectedVersion: kin.version, kind: 'RELATIVE', name: '钱七' }, fx.tokens.admin, 'mediator { id }');
    const busy = await mediator({ rosterKey: 'R-AWAY', name: '外出者', specialties: ['LAND_HOMESTEAD'] });
    await mutate(app, 'addMediatorUnavailability', { mediatorId: busy.id, expectedVersion: busy.version, startsAt: '2026-06-08T00:00:00Z', endsAt: '2026-06-12T00:00:00Z', reason: '外出学习' }, fx.tokens.admin, 'mediator { id }');
    for (const m of [near, far]) {
      const windows = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '17:30' }));
      await mutate(app, 'setMediatorAvailability', { mediatorId: m.id, expectedVersion: m.version, windows }, fx.tokens.admin, 'mediator { id }');
    }
    const opened = await mutate(
      app,
      'openMediationSession',
      { unitId: gid('Unit', fx.units.county.id), kind: 'MEDIATION', title: '宅基地纠纷', summary: '两户因宅基地边界发生争执。', placeCode: fx.units.villageA.divisionCode, specialty: 'LAND_HOMESTEAD', parties: [{ role: 'APPLICANT', name: '钱七' }, { role: 'RESPONDENT', name: '孙八' }] },
      fx.tokens.countyLeader,
      'session { id }',
    );
    expect(opened.__typename).toBe('MutationOpenMediationSessionSuccess');
    const r = await gql(
      app,
      `query($s: ID!, $a: DateTime, $b: DateTime) { recommendMediators(sessionId: $s, startsAt: $a, endsAt: $b) {
        ranked { rank score mediator { rosterKey } reasons { kind points message } }
        excluded { kind message mediator { rosterKey } } } }`,
      { s: opened.session.id, a: '2026-06-09T01:00:00Z', b: '2026-06-09T02:00:00Z' },
      fx.tokens.countyLeader,
    );
    expect(r.errors).toBeUndefined();
    const mine = (keys: { mediator: { rosterKey: string } }[]) => keys.filter((k) => k.mediator.rosterKey.startsWith('R-'));
    // R-OTHER has no weekly availability set: not available at that time.
    expect(mine(r.data.recommendMediators.ranked).map((x: any) => [x.mediator.rosterKey, x.score])).toEqual([
      ['R-NEAR', 85],
      ['R-FAR', 65],
    ]);
    expect(r.data.recommendMediators.ranked[0].reasons.map((x: any) => x.message)).toEqual(['擅长土地宅基地', '同村（社区）', '在办 0 件，未来 14 天已约 0 场', '尚无办结的调解', '尚无满意度评价', '该时段可约']);
    expect(mine(r.data.recommendMediators.excluded).map((x: any) => [x.mediator.rosterKey, x.kind])).toEqual([
      ['R-AWAY', 'UNAVAILABLE'],
      ['R-KIN', 'RECUSAL'],
      ['R-OTHER', 'UNAVAILABLE'],
      ['R-SUSP', 'NOT_ACTIVE'],
    ]);
    // Without a time, availability is not asked: R-OTHER ranks (45) and R-AWAY too.
    const untimed = await gql(app, `query($s: ID!) { recommendMediators(sessionId: $s) { ranked { score mediator { rosterKey } } } }`, { s: opened.session.id }, fx.tokens.countyLeader);
    expect(mine(untimed.data.recommendMediators.ranked).map((x: any) => [x.mediator.rosterKey, x.score])).toEqual([
      ['R-AWAY', 85],
      ['R-NEAR', 85],
      ['R-FAR', 65],
      ['R-OTHER', 45],
    ]);
  });
});

describe('mediation figures on known data', () => {
  it('counts held, agreement rate, days to agreement, performance and satisfaction per unit, room and mediator', async () => {
    const a = await mediator({ rosterKey: 'F-A', name: '统计甲' });
    const b = await mediator({ rosterKey: 'F-B', name: '统计乙' });
    const room = (await mutate(app, 'createMediationRoom', roomInput(fx, { name: '统计评理堂' }), fx.tokens.admin, 'room { id }')).room;
    const base = { unitId: fx.units.townA.id, unitPath: fx.units.townA.path, kind: 'MEDIATION' as const, title: '统计', summary: '统计用例', placeCode: fx.units.villageA.divisionCode, specialty: 'NEIGHBOURHOOD' as const, choiceDueOn: '2026-04-03', assignDueOn: '2026-04-08', settleDueOn: '2026-05-01', lastEventAt: now, roomId: dbId(room.id) };
    // 1: agreement in the period, opened 04-01, agreed 04-11 (10 days), followed up FULFILLED, satisfied; panel a+b.
    const [s1] = await db.insert(mediationSessions).values({ ...base, status: 'AGREEMENT', openedOn: '2026-04-01', startsAt: new Date('2026-04-11T01:00:00Z'), concludedOn: '2026-04-11', satisfaction: 'SATISFIED', panelMediatorIds: [dbId(a.id), dbId(b.id)] }).returning();
    const [ag1] = await db.insert(mediationAgreements).values({ sessionId: s1.id, dispute: 'x', terms: 'y', performanceMethod: 'z', performanceDueOn: '2026-05-01', agreedOn: '2026-04-11' }).returning();
    await db.insert(performanceFollowUps).values([
      { agreementId: ag1.id, method: 'PHONE', occurredOn: '2026-04-20', state: 'PARTLY_FULFILLED', notes: '部分' },
      { agreementId: ag1.id, method: 'VISIT', occurredOn: '2026-05-02', state: 'FULFILLED', notes: '全部履行' },
    ]);
    // 2: agreement in the period, opened 04-05, agreed 04-25 (20 days), followed up NOT_FULFILLED, dissatisfied; panel a.
    const [s2] = await db.insert(mediationSessions).values({ ...base, status: 'AGREEMENT', openedOn: '2026-04-05', startsAt: new Date('2026-04-25T01:00:00Z'), concludedOn: '2026-04-25', satisfaction: 'DISSATISFIED', panelMediatorIds: [dbId(a.id)] }).returning();
    const [ag2] = await db.insert(mediationAgreements).values({ sessionId: s2.id, dispute: 'x', terms: 'y', performanceMethod: 'z', performanceDueOn: '2026-05-10', agreedOn: '2026-04-25' }).returning();
    await db.insert(performanceFollowUps).values({ agreementId: ag2.id, method: 'PHONE', occurredOn: '2026-05-11', state: 'NOT_FULFILLED', notes: '未履行' });
    // 3: no agreement in the period; panel b.
    await db.insert(mediationSessions).values({ ...base, status: 'NO_AGREEMENT', openedOn: '2026-04-10', startsAt: new Date('2026-04-20T01:00:00Z'), concludedOn: '2026-04-20', terminationReason: 'PARTY_REFUSED', panelMediatorIds: [dbId(b.id)] });
    // 4: concluded after the period (not counted), 5: scheduled, not held; 6: in progress, held in the period.
    await db.insert(mediationSessions).values({ ...base, status: 'AGREEMENT', openedOn: '2026-04-20', startsAt: new Date('2026-05-05T01:00:00Z'), concludedOn: '2026-05-05', panelMediatorIds: [dbId(a.id)] });
    await db.insert(mediationSessions).values({ ...base, status: 'SCHEDULED', openedOn: '2026-04-20', startsAt: new Date('2026-04-28T01:00:00Z'), panelMediatorIds: [dbId(a.id)] });
    await db.insert(mediationSessions).values({ ...base, status: 'IN_PROGRESS', openedOn: '2026-04-21', startsAt: new Date('2026-04-29T01:00:00Z'), panelMediatorIds: [dbId(b.id)] });

    const FIG = 'held concluded agreements agreementRate averageDaysToAgreement followedUp performanceRate satisfactionRate';
    const { result, statements } = await withSqlLog(() =>
      gql(app, `query($u: ID!) { mediationStats(unitId: $u, from: "2026-04-01", to: "2026-04-30") { total { ${FIG} } byRoom { room { name } figures { held } } byMediator { mediator { rosterKey } figures { ${FIG} } } } }`, { u: gid('Unit', fx.units.townA.id) }, fx.tokens.townAStaff),
    );
    expect(result.errors).toBeUndefined();
    const stats = result.data.mediationStats;
    // held: s1, s2, s3, s6 (s4 started in May, s5 never started); concluded s1–s3; agreements s1, s2.
    expect(stats.total).toEqual({ held: 4, concluded: 3, agreements: 2, agreementRate: 2 / 3, averageDaysToAgreement: 15, followedUp: 2, performanceRate: 0.5, satisfactionRate: 0.5 });
    expect(stats.byRoom).toEqual([{ room: { name: '统计评理堂' }, figures: { held: 4 } }]);
    const byKey = Object.fromEntries(stats.byMediator.map((m: any) => [m.mediator.rosterKey, m.figures]));
    expect(byKey['F-A']).toEqual({ held: 2, concluded: 2, agreements: 2, agreementRate: 1, averageDaysToAgreement: 15, followedUp: 2, performanceRate: 0.5, satisfactionRate: 0.5 });
    expect(byKey['F-B']).toEqual({ held: 3, concluded: 2, agreements: 1, agreementRate: 0.5, averageDaysToAgreement: 10, followedUp: 1, performanceRate: 1, satisfactionRate: 1 });
    expect(statements.filter((s) => /mediation_sessions/.test(s))).toHaveLength(3);

    // The roster page: mediators with affiliations and their figures in one statement.
    const page = await withSqlLog(() =>
      gql(app, `{ mediators(first: 20, filter: { text: "F-" }) { totalCount nodes { name affiliations { room { name } } figures { held agreements agreementRate } currentTerm { endsOn } } } }`, {}, fx.tokens.admin),
    );
    expect(page.result.errors).toBeUndefined();
    expect(page.result.data.mediators.nodes.map((n: any) => [n.name, n.figures.held, n.figures.agreements])).toEqual([
      // all time: 甲 sat on s1, s2, s4 (agreements, all under way at some point) and s5 (not started)
      ['统计甲', 3, 3],
      ['统计乙', 3, 1],
    ]);
    // totalCount; the page with affiliations, rooms and figures (lateral joins and a subquery); the terms behind currentTerm.
    expect(page.statements).toHaveLength(3);
  });
});
