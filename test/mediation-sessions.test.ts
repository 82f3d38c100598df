import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { bookings, events } from '../db/schema';
import { testDatabase } from './support/database';
import { buildFixture, newIdentityNumber, type Fixture } from './support/fixtures';
import { gql, testApp } from './support/app';
import { act as caseAct, dbId, registerCase } from './support/cases';
import { gid, mediatorInput, mutate, roomInput } from './support/mediation';
import { fake, masked } from './support/seed';
import type { App } from '../schema/yoga';

let db: Database;
let app: App;
let fx: Fixture;
/** The applicant of every session this file opens (test/support/seed.ts). */
const applicant = fake().person();
// Monday 2026-06-01, 10:00 in China; tests move the clock forward.
let clock = new Date('2026-06-01T02:00:00Z');
let roomId: string;

const SESSION = `session { id status version choiceDueOn assignDueOn acceptDueOn settleDueOn acceptedOn startsAt concludedOn allowedActions
  leadMediator { name } panel { role mediator { name } } parties { partyId name mobile identityNumber }
  agreement { effectiveOn judicialConfirmationDueOn signedPartyIds } }`;
const step = (name: string, input: Record<string, unknown>, token = fx.tokens.townAStaff) => mutate(app, name, input, token, SESSION);

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '17:30' }));

/** A mediator on the county roster, available Mon–Fri 08:30–17:30 unless `windows` says otherwise. */
async function newMediator(overrides: Record<string, unknown> = {}, windows: { weekday: number; opens: string; closes: string }[] = weekdays) {
  const r = await mutate(app, 'registerMediator', mediatorInput(fx, { termStartsOn: '2026-01-01', ...overrides }), fx.tokens.admin, 'mediator { id version name }');
  if (!r.mediator) throw new Error(JSON.stringify(r));
  if (!windows.length) return r.mediator as { id: string; version: number; name: string };
  const set = await mutate(app, 'setMediatorAvailability', { mediatorId: r.mediator.id, expectedVersion: r.mediator.version, windows }, fx.tokens.admin, 'mediator { id version name }');
  return set.mediator as { id: string; version: number; name: string };
}

function openInput(overrides: Record<string, unknown> = {}) {
  return {
    unitId: gid('Unit', fx.units.townA.id),
    kind: 'MEDIATION',
    title: '宅基地边界纠纷',
    summary: '两户因宅基地边界的院墙位置发生争执，村委会调解未果。',
    placeCode: fx.units.villageA.divisionCode,
    specialty: 'LAND_HOMESTEAD',
    parties: [
      { role: 'APPLICANT', ...applicant },
      { role: 'RESPONDENT', name: '赵六', householdCode: 'HH-9' },
    ],
    ...overrides,
  };
}

async function open(overrides: Record<string, unknown> = {}) {
  const r = await step('openMediationSession', openInput(overrides));
  if (!r.session) throw new Error(JSON.stringify(r));
  return r.session;
}

/** A session accepted by `lead`, ready to be scheduled. */
async function accepted(leadId: string) {
  const s = await open();
  const a = await step('assignMediator', { sessionId: s.id, expectedVersion: 1, mediatorId: leadId });
  const b = await step('acceptMediation', { sessionId: s.id, expectedVersion: a.session.version });
  return b.session;
}

const slot = { startsAt: '2026-06-09T01:00:00Z', endsAt: '2026-06-09T03:00:00Z' }; // Tue 09:00–11:00 in China

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => clock });
  fx = await buildFixture(db);
  const room = await mutate(app, 'createMediationRoom', roomInput(fx), fx.tokens.admin, 'room { id }');
  roomId = room.room.id;
});

describe('a mediation from opening to an effective agreement', () => {
  it('walks every step with one event each, clocks on the work calendar, bookings released at the end', async () => {
    clock = new Date('2026-06-01T02:00:00Z');
    const lead = await newMediator({ name: '陈德明' });
    const linked = await mutate(app, 'linkMediatorAccount', { mediatorId: lead.id, expectedVersion: lead.version, accountId: gid('Account', fx.actors.mediator.accountId) }, fx.tokens.admin, 'mediator { id }');
    expect(linked.__typename).toBe('MutationLinkMediatorAccountSuccess');
    const s = await open();
    // Opened Mon 06-01: choice by Wed 06-03, assignment 3 working days after (Mon 06-08), settle by Wed 07-01.
    expect(s).toMatchObject({ status: 'PENDING_MEDIATOR', choiceDueOn: '2026-06-03', assignDueOn: '2026-06-08', settleDueOn: '2026-07-01' });
    // Parties' data is masked even for the unit's staff.
    expect(s.parties).toEqual([
      { partyId: expect.any(String), name: applicant.name, mobile: masked.mobile(applicant.mobile), identityNumber: masked.identityNumber(applicant.identityNumber) },
      { partyId: expect.any(String), name: '赵六', mobile: null, identityNumber: null },
    ]);
    const chosen = await step('chooseMediator', { sessionId: s.id, expectedVersion: 1, mediatorId: lead.id });
    expect(chosen.session).toMatchObject({ status: 'PENDING_ACCEPTANCE', acceptDueOn: '2026-06-04', leadMediator: { name: '陈德明' } });
    const acceptedByMediator = await step('acceptMediation', { sessionId: s.id, expectedVersion: 2 }, fx.tokens.mediator);
    expect(acceptedByMediator.session).toMatchObject({ status: 'ACCEPTED', acceptedOn: '2026-06-01' });
    const refused = await step('scheduleMediation', { sessionId: s.id, expectedVersion: 3, roomId, ...slot }, fx.tokens.mediator);
    expect(refused).toMatchObject({ __typename: 'ForbiddenError' });
    const scheduled = await step('scheduleMediation', { sessionId: s.id, expectedVersion: 3, roomId, ...slot });
    expect(scheduled.session).toMatchObject({ status: 'SCHEDULED', startsAt: '2026-06-09T01:00:00.000Z', panel: [{ role: 'LEAD', mediator: { name: '陈德明' } }] });
    clock = new Date('2026-06-09T01:05:00Z');
    await step('startMediation', { sessionId: s.id, expectedVersion: 4 }, fx.tokens.mediator);
    const agreed = await step(
      'recordMediationAgreement',
      { sessionId: s.id, expectedVersion: 5, dispute: '院墙位置争议', terms: '院墙后移 0.3 米，费用各半', performanceMethod: '双方共同出资请施工队拆建', performanceDueOn: '2026-06-30' },
      fx.tokens.mediator,
    );
    expect(agreed.session).toMatchObject({ status: 'AGREEMENT', concludedOn: '2026-06-09', agreement: { effectiveOn: null, signedPartyIds: [] } });
    const [p1, p2] = agreed.session.parties.map((p: { partyId: string }) => p.partyId);
    const one = await step('signMediationAgreement', { sessionId: s.id, expectedVersion: 6, partyId: p1 });
    expect(one.session.agreement.effectiveOn).toBeNull();
    const both = await step('signMediationAgreement', { sessionId: s.id, expectedVersion: 7, partyId: p2 });
    expect(both.session.agreement).toEqual({ effectiveOn: '2026-06-09', judicialConfirmationDueOn: '2026-07-09', signedPartyIds: [p1, p2] });

    const history = await db.select({ sequence: events.sequence, type: events.type }).from(events).where(and(eq(events.streamType, 'MEDIATION_SESSION'), eq(events.streamId, dbId(s.id)))).orderBy(events.sequence);
    expect(history.map((e) => e.type)).toEqual([
      'mediation.opened',
      'mediation.mediator_chosen',
      'mediation.accepted',
      'mediation.scheduled',
      'mediation.started',
      'mediation.agreement_reached',
      'mediation.agreement_signed',
      'mediation.agreement_signed',
    ]);
    expect(history.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const live = await db.select().from(bookings).where(and(eq(bookings.purposeId, dbId(s.id)), isNull(bookings.releasedAt)));
    expect(live).toEqual([]);

    // The MEDIATOR account's calendar: its own sessions only.
    const mine = await gql(app, `{ mediationSessions { totalCount nodes { title } } }`, {}, fx.tokens.mediator);
    expect(mine.data.mediationSessions.totalCount).toBe(1);
  });
});

describe('the clocks to the day', () => {
  it('joint choice closes after 2 working days; a proposal is replaced only after its 3 working days', async () => {
    clock = new Date('2026-06-01T02:00:00Z');
    const a = await newMediator({ name: '甲调解员' });
    const b = await newMediator({ name: '乙调解员' });
    const s = await open();
    clock = new Date('2026-06-04T02:00:00Z'); // Thursday: the choice window (to Wed 06-03) has closed
    const late = await step('chooseMediator', { sessionId: s.id, expectedVersion: 1, mediatorId: a.id });
    expect(late).toMatchObject({ __typename: 'MediationRuleError', code: 'mediation/choice-window-closed', message: '当事人共同选定调解员的期限已于 2026-06-03 届满，请由单位指定' });
    const assigned = await step('assignMediator', { sessionId: s.id, expectedVersion: 1, mediatorId: a.id });
    expect(assigned.session.acceptDueOn).toBe('2026-06-09'); // Thu → Fri, Mon, Tue
    clock = new Date('2026-06-09T02:00:00Z');
    const early = await step('assignMediator', { sessionId: s.id, expectedVersion: 2, mediatorId: b.id });
    expect(early).toMatchObject({ code: 'mediation/acceptance-window-open' });
    clock = new Date('2026-06-10T02:00:00Z');
    const tooLate = await step('acceptMediation', { sessionId: s.id, expectedVersion: 2 });
    expect(tooLate).toMatchObject({ code: 'mediation/acceptance-window-closed' });
    const reassigned = await step('assignMediator', { sessionId: s.id, expectedVersion: 2, mediatorId: b.id });
    expect(reassigned.session).toMatchObject({ status: 'PENDING_ACCEPTANCE', leadMediator: { name: '乙调解员' }, acceptDueOn: '2026-06-15' });
  });
});

describe('the clocks to the day (decline, settlement)', () => {
  it('a decline gives the unit 3 working days to reassign; a month ending on a Saturday runs to Monday', async () => {
    clock = new Date('2026-06-04T02:00:00Z'); // Thursday
    const s = await open();
    // Choice: Fri 06-05, Mon 06-08; assignment: Tue–Thu; settlement: 07-04 is a Saturday → Mon 07-06.
    expect(s).toMatchObject({ choiceDueOn: '2026-06-08', assignDueOn: '2026-06-11', settleDueOn: '2026-07-06' });
    const a = await newMediator({ name: '拒绝调解员' });
    const assigned = await step('assignMediator', { sessionId: s.id, expectedVersion: 1, mediatorId: a.id });
    expect(assigned.session.acceptDueOn).toBe('2026-06-09');
    clock = new Date('2026-06-05T02:00:00Z'); // Friday
    const declined = await step('declineMediation', { sessionId: s.id, expectedVersion: assigned.session.version, reason: '与当事人系远亲，主动回避' });
    expect(declined.session).toMatchObject({ status: 'PENDING_MEDIATOR', assignDueOn: '2026-06-10', acceptDueOn: null, leadMediator: null });
  });
});

describe('no double booking', () => {
  it('20 concurrent bookings of one room and slot: exactly one wins, the others get booking/conflict', async () => {
    clock = new Date('2026-06-01T02:00:00Z');
    const sessions = [];
    for (let i = 0; i < 20; i++) sessions.push(await accepted((await newMediator({ name: `并发调解员${i}` })).id));
    const concurrentSlot = { startsAt: '2026-06-10T06:00:00Z', endsAt: '2026-06-10T07:30:00Z' }; // Wed 14:00–15:30
    const results = await Promise.all(sessions.map((s) => step('scheduleMediation', { sessionId: s.id, expectedVersion: s.version, roomId, ...concurrentSlot })));
    const won = results.filter((r) => r.__typename === 'MutationScheduleMediationSuccess');
    const lost = results.filter((r) => r.__typename === 'BookingConflictError');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    expect(lost[0]).toMatchObject({ code: 'booking/conflict', resourceKind: 'ROOM', resourceId: dbId(roomId), message: '甲镇一村乡贤评理堂在该时段已有其他安排，不能重复预约' });
    const live = await db.select().from(bookings).where(and(eq(bookings.resourceId, dbId(roomId)), isNull(bookings.releasedAt), eq(bookings.startsAt, new Date(concurrentSlot.startsAt))));
    expect(live).toHaveLength(1);
    // The losers wrote nothing: still ACCEPTED at their version, no scheduled event.
    const loser = sessions[results.indexOf(lost[0])];
    const again = await gql(app, `query($id: ID!) { node(id: $id) { ... on MediationSession { status version } } }`, { id: loser.id }, fx.tokens.townAStaff);
    expect(again.data.node).toEqual({ status: 'ACCEPTED', version: loser.version });
  });

  it('a mediator cannot sit on two overlapping sessions in different rooms; postponing frees the slot', async () => {
    clock = new Date('2026-06-01T02:00:00Z');
    const m = await newMediator({ name: '忙碌调解员' });
    const other = await mutate(app, 'createMediationRoom', roomInput(fx, { name: '甲镇一村调解室', kind: 'MEDIATION_ROOM' }), fx.tokens.admin, 'room { id }');
    const first = await accepted(m.id);
    const second = await accepted(m.id);
    const busySlot = { startsAt: '2026-06-11T01:00:00Z', endsAt: '2026-06-11T02:00:00Z' };
    const ok = await step('scheduleMediation', { sessionId: first.id, expectedVersion: first.version, roomId, ...busySlot });
    expect(ok.__typename).toBe('MutationScheduleMediationSuccess');
    const clash = await step('scheduleMediation', { sessionId: second.id, expectedVersion: second.version, roomId: other.room.id, ...busySlot });
    expect(clash).toMatchObject({ code: 'booking/conflict', resourceKind: 'MEDIATOR', resourceId: dbId(m.id), message: '调解员忙碌调解员在该时段已有其他安排，不能重复预约' });
    await step('postponeMediation', { sessionId: first.id, expectedVersion: ok.session.version, reason: '当事人外出务工' });
    const now = await step('scheduleMediation', { sessionId: second.id, expectedVersion: second.version, roomId: other.room.id, ...busySlot });
    expect(now.session.status).toBe('SCHEDULED');
  });
});

describe('recusal and waiver', () => {
  it('a declared relative of a party is refused with why; waived by every party, the mediator may sit', async () => {
    clock = new Date('2026-06-01T02:00:00Z');
    const m = await newMediator({ name: '王德' });
    await mutate(app, 'declareMediatorRelationship', { mediatorId: m.id, expectedVersion: m.version, kind: 'RELATIVE', name: applicant.name, identityNumber: applicant.identityNumber }, fx.tokens.admin, 'mediator { id }');
    const s = await open();
    const refused = await step('assignMediator', { sessionId: s.id, expectedVersion: 1, mediatorId: m.id });
    expect(refused).toMatchObject({
      __typename: 'RecusalError',
      code: 'mediation/recusal',
      conflicts: [{ kind: 'RELATIVE', waivable: true, message: '调解员王德已申报与一方当事人存在“近亲属”关系，应当回避' }],
    });
    const [p1, p2] = s.parties.map((p: { partyId: string }) => p.partyId);
    const w1 = await step('waiveMediatorConflict', { sessionId: s.id, expectedVersion: 1, mediatorId: m.id, partyId: p1, statement: '知悉王德系我亲属，同意其调解' });
    expect(w1.__typename).toBe('MutationWaiveMediatorConflictSuccess');
    const stillRefused = await step('assignMediator', { sessionId: s.id, expectedVersion: 2, mediatorId: m.id });
    expect(stillRefused.__typename).toBe('RecusalError');
    await step('waiveMediatorConflict', { sessionId: s.id, expectedVersion: 2, mediatorId: m.id, partyId: p2, statement: '知悉上述关系，同意王德调解' });
    const assigned = await step('assignMediator', { sessionId: s.id, expectedVersion: 3, mediatorId: m.id });
    expect(assigned.session).toMatchObject({ status: 'PENDING_ACCEPTANCE', leadMediator: { name: '王德' } });
  });

  it('a mediator from a party’s own household cannot be chosen; nor a suspended one', async () => {
    clock = new Date('2026-06-01T02:00:00Z');
    const neighbour = await newMediator({ name: '赵家人', householdCode: 'HH-9' });
    const s = await open();
    const refused = await step('chooseMediator', { sessionId: s.id, expectedVersion: 1, mediatorId: neighbour.id });
    expect(refused).toMatchObject({ code: 'mediation/recusal', conflicts: [{ kind: 'HOUSEHOLD', message: '调解员赵家人与一方当事人同属一户，应当回避' }] });
    const m = await newMediator({ name: '停用调解员' });
    await mutate(app, 'suspendMediator', { mediatorId: m.id, expectedVersion: m.version, reason: '投诉待查' }, fx.tokens.admin, 'mediator { id }');
    const suspended = await step('chooseMediator', { sessionId: s.id, expectedVersion: 1, mediatorId: m.id });
    expect(suspended).toMatchObject({ code: 'mediation/mediator-not-active', message: '调解员停用调解员当前暂停调解，不能安排调解' });
  });
});

describe('a HEARING session for a case', () => {
  it('pauses the case clock from scheduling until it ends, through the case’s own hearing pause', async () => {
    clock = new Date('2026-06-01T02:00:00Z');
    const c = await registerCase(app, fx, { receivedOn: '2026-06-01', petitioners: [{ name: '张三', identityNumber: newIdentityNumber() }] });
    const accepted = await caseAct(app, 'acceptCase', { caseId: c.id, expectedVersion: c.version }, fx.tokens.officeStaff);
    expect(accepted.__typename).toBe('MutationAcceptCaseSuccess');
    const a = await newMediator({ name: '听证员甲' });
    const b = await newMediator({ name: '听证员乙' });
    const office = (name: string, input: Record<string, unknown>) => step(name, input, fx.tokens.officeStaff);
    const opened = await office('openMediationSession', openInput({ kind: 'HEARING', caseId: c.id, unitId: gid('Unit', fx.units.office.id), parties: [{ role: 'APPLICANT', name: '张三' }] }));
    const s = opened.session;
    await office('assignMediator', { sessionId: s.id, expectedVersion: 1, mediatorId: a.id });
    await office('acceptMediation', { sessionId: s.id, expectedVersion: 2 });
    const noPanel = await office('scheduleMediation', { sessionId: s.id, expectedVersion: 3, roomId, ...slot });
    expect(noPanel).toMatchObject({ code: 'mediation/panel-invalid', message: '听证须由至少 2 名调解员组成合议（含主调解员）' });
    const scheduled = await office('scheduleMediation', { sessionId: s.id, expectedVersion: 3, roomId, ...slot, members: [b.id], presidingMediatorId: b.id });
    expect(scheduled.session.status).toBe('SCHEDULED');
    const readCase = async () =>
      (await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { nextDueOn deadlines { kind pausedDays dueOn } hearings { status } mediationSessions { kind status } } } }`, { id: c.id }, fx.tokens.officeStaff)).data.node;
    const paused = await readCase();
    expect(paused.nextDueOn).toBeNull();
    expect(paused.hearings).toEqual([{ status: 'SCHEDULED' }]);
    expect(paused.mediationSessions).toEqual([{ kind: 'HEARING', status: 'SCHEDULED' }]);
    clock = new Date('2026-06-09T01:05:00Z');
    await office('startMediation', { sessionId: s.id, expectedVersion: 4 });
    await office('terminateMediation', { sessionId: s.id, expectedVersion: 5, reason: 'NO_AGREEMENT_REACHED', note: '听证后双方仍有分歧' });
    const resumed = await readCase();
    // Paused from 06-01 to 06-09: eight days added to the 60-day handling clock (07-31 → 08-08, a Saturday → Mon 08-10).
    expect(resumed.deadlines.find((d: { kind: string }) => d.kind === 'HANDLE')).toEqual({ kind: 'HANDLE', pausedDays: 8, dueOn: '2026-08-10' });
    expect(resumed.hearings).toEqual([{ status: 'HELD' }]);
  });
});

describe('availability at scheduling', () => {
  it('a panel member outside their weekly hours, away, or with no hours declared is refused with why, as recommendMediators reports', async () => {
    clock = new Date('2026-06-01T02:00:00Z');
    const lead = await newMediator({ name: '可约主调' });
    const mornings = await newMediator({ name: '上午可约' }, [{ weekday: 2, opens: '08:30', closes: '12:00' }]);
    let away = await newMediator({ name: '外出调解员' });
    const noHours = await newMediator({ name: '未登记时间' }, []);
    const marked = await mutate(app, 'addMediatorUnavailability', { mediatorId: away.id, expectedVersion: away.version, startsAt: '2026-06-16T00:00:00Z', endsAt: '2026-06-17T00:00:00Z', reason: '外出学习' }, fx.tokens.admin, 'mediator { id version name }');
    away = marked.mediator;
    // A REVIEW_TALK needs a panel: the lead plus one member, who presides.
    const opened = await step('openMediationSession', openInput({ kind: 'REVIEW_TALK' }));
    const s0 = opened.session;
    const a = await step('assignMediator', { sessionId: s0.id, expectedVersion: 1, mediatorId: lead.id });
    const s = (await step('acceptMediation', { sessionId: s0.id, expectedVersion: a.session.version })).session;
    const tuesdayAfternoon = { startsAt: '2026-06-16T06:00:00Z', endsAt: '2026-06-16T08:00:00Z' }; // Tue 06-16 14:00–16:00
    const tuesdayMorning = { startsAt: '2026-06-16T01:00:00Z', endsAt: '2026-06-16T03:00:00Z' }; // Tue 06-16 09:00–11:00
    const withPanel = (member: string, range: { startsAt: string; endsAt: string }) =>
      step('scheduleMediation', { sessionId: s.id, expectedVersion: s.version, roomId, ...range, members: [member], presidingMediatorId: member });

    expect(await withPanel(mornings.id, tuesdayAfternoon)).toMatchObject({ __typename: 'MediationRuleError', code: 'mediation/mediator-unavailable', message: '调解员上午可约该时段不在其每周可约时间内，不能安排在该时段' });
    expect(await withPanel(away.id, tuesdayMorning)).toMatchObject({ code: 'mediation/mediator-unavailable', message: '调解员外出调解员该时段已登记不可约（外出学习），不能安排在该时段' });
    expect(await withPanel(noHours.id, tuesdayMorning)).toMatchObject({ code: 'mediation/mediator-unavailable', message: '调解员未登记时间未登记每周可约时间，不能安排在该时段' });

    // recommendMediators at that time excludes the same three for the same reasons.
    const r = await gql(
      app,
      `query($s: ID!, $a: DateTime, $b: DateTime) { recommendMediators(sessionId: $s, startsAt: $a, endsAt: $b) { ranked { mediator { name } } excluded { kind message mediator { name } } } }`,
      { s: s.id, ...{ a: tuesdayMorning.startsAt, b: tuesdayMorning.endsAt } },
      fx.tokens.townAStaff,
    );
    const excluded = Object.fromEntries(r.data.recommendMediators.excluded.map((x: { kind: string; message: string; mediator: { name: string } }) => [x.mediator.name, [x.kind, x.message]]));
    expect(excluded['外出调解员']).toEqual(['UNAVAILABLE', '该时段已登记不可约（外出学习）']);
    expect(excluded['未登记时间']).toEqual(['UNAVAILABLE', '未登记每周可约时间']);
    expect(r.data.recommendMediators.ranked.map((x: { mediator: { name: string } }) => x.mediator.name)).toContain('上午可约');

    // Nothing was written by the refusals; within everyone's hours the panel is booked.
    const ok = await withPanel(mornings.id, tuesdayMorning);
    expect(ok.session).toMatchObject({ status: 'SCHEDULED', version: s.version + 1 });
    expect(ok.session.panel.map((p: { role: string; mediator: { name: string } }) => [p.role, p.mediator.name]).sort()).toEqual([
      ['LEAD', '可约主调'],
      ['PRESIDING', '上午可约'],
    ]);
  });
});
