import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { appointments, bookings, events } from '../db/schema';
import type { Viewer } from '../db/cases/visibility';
import { runDeadlineSweep } from '../db/cases/sweep';
import { readEvents } from '../db/events/feed';
import { START } from '../db/events/cursor';
import { canSeeAppointment } from '../db/reception/visibility';
import { untilSettled } from './support/events';
import { testDatabase } from './support/database';
import { buildFixture, newIdentityNumber, type Fixture } from './support/fixtures';
import { gql, testApp } from './support/app';
import { dbId } from './support/cases';
import { gid, mutate as mediationMutate, mutationRunner, roomInput } from './support/mediation';
import type { App } from '../schema/yoga';

// Monday 28 September 2026, 09:00 China. Thursdays: 1 Oct (National Day holiday), 8 Oct, 15 Oct.
let clock = new Date('2026-09-28T01:00:00Z');
let db: Database;
let app: App;
let fx: Fixture;
let roomId: string;
let scheduleId: string;

const SCHEDULE = 'schedule { id status version recurrence topics allowedActions }';
const APPOINTMENT = 'appointment { id status kind date startsAt version leaderTitle roomName allowedActions petitioner { name identityNumber } }';
const RECEPTION = `reception { id status queueNumber walkIn version outcome outcomeNote deskStaff { badgeNumber name title }
  questions { facts claim difficulties petitionHistory priorHandling }
  petitionCase { id number channel receivedOn nextDueOn status } leader { displayName } }`;

/** Runs a reception mutation; returns the payload's object or the typed error. */
const mutate = mutationRunner(`... on VersionConflictError { currentVersion }
      ... on BookingConflictError { resourceKind resourceId }
      ... on InputError { issues { path message } }`);

const at = (iso: string) => {
  clock = new Date(iso);
};

const publicDays = (from: string, to: string, token?: string) =>
  gql(app, `query($from: Date!, $to: Date!, $unit: ID) { publicReceptionSchedule(from: $from, to: $to, unitId: $unit) {
    scheduleId date leaderName leaderTitle unitName roomName address topics startTime endTime slots { start end available } } }`, { from, to, unit: gid('Unit', fx.units.office.id) }, token);

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => clock });
  fx = await buildFixture(db);
  const room = await mediationMutate(app, 'createMediationRoom', roomInput(fx, { unitId: gid('Unit', fx.units.county.id), kind: 'RECEPTION_HALL', name: '区群众来访接待中心', address: '人民大道 1 号', divisionCode: fx.code }), fx.tokens.admin, 'room { id }');
  roomId = room.room.id;
  const published = await mutate(
    app,
    'publishReceptionSchedule',
    {
      unitId: gid('Unit', fx.units.office.id),
      leaderId: gid('Account', fx.actors.officeLeader.accountId),
      leaderTitle: '信访局局长',
      roomId,
      recurrence: 'WEEKLY',
      weekday: 4,
      startsOn: '2026-09-28',
      startTime: '09:00',
      endTime: '11:00',
      topics: ['征地拆迁', '劳动工资'],
    },
    fx.tokens.officeStaff,
    SCHEDULE,
  );
  expect(published.__typename).toBe('MutationPublishReceptionScheduleSuccess');
  scheduleId = published.schedule.id;
});

describe('schedules and the public schedule', () => {
  it('generates slots on the work calendar: no slot on the National Day holiday; anonymous callers see who, when, where, what', async () => {
    const result = await publicDays('2026-09-28', '2026-10-16');
    expect(result.errors).toBeUndefined();
    const days = result.data.publicReceptionSchedule;
    expect(days.map((d: { date: string }) => d.date)).toEqual(['2026-10-08', '2026-10-15']);
    expect(days[0]).toMatchObject({
      scheduleId,
      leaderName: fx.actors.officeLeader.displayName,
      leaderTitle: '信访局局长',
      roomName: '区群众来访接待中心',
      address: '人民大道 1 号',
      topics: ['征地拆迁', '劳动工资'],
      startTime: '09:00',
      endTime: '11:00',
    });
    expect(days[0].slots).toEqual([
      { start: '09:00', end: '09:30', available: true },
      { start: '09:30', end: '10:00', available: true },
      { start: '10:00', end: '10:30', available: true },
      { start: '10:30', end: '11:00', available: true },
    ]);
  });

  it('a one-off date on a holiday is refused unless the schedule says it receives on rest days', async () => {
    const input = {
      unitId: gid('Unit', fx.units.office.id),
      leaderId: gid('Account', fx.actors.officeLeader.accountId),
      leaderTitle: '信访局局长',
      roomId,
      recurrence: 'ONE_OFF',
      startsOn: '2026-10-02',
      startTime: '14:00',
      endTime: '15:00',
      slotMinutes: 60,
      topics: ['节日值班接访'],
    };
    const refused = await mutate(app, 'publishReceptionSchedule', input, fx.tokens.officeStaff, SCHEDULE);
    expect(refused).toMatchObject({ __typename: 'ReceptionRuleError', code: 'reception/no-such-slot' });
    expect(refused.message).toContain('2026-10-02');
    const allowed = await mutate(app, 'publishReceptionSchedule', { ...input, onRestDays: true }, fx.tokens.officeStaff, SCHEDULE);
    expect(allowed.schedule).toMatchObject({ status: 'ACTIVE', recurrence: 'ONE_OFF', version: 1 });
    const days = (await publicDays('2026-10-02', '2026-10-02')).data.publicReceptionSchedule;
    expect(days.map((d: { date: string; slots: unknown[] }) => [d.date, d.slots.length])).toEqual([['2026-10-02', 1]]);
  });

  it('only LEADER accounts receive, and only staff publish', async () => {
    const base = { unitId: gid('Unit', fx.units.office.id), leaderTitle: '科员', roomId, recurrence: 'WEEKLY', weekday: 2, startsOn: '2026-10-01', startTime: '09:00', endTime: '10:00', topics: ['其他'] };
    const notLeader = await mutate(app, 'publishReceptionSchedule', { ...base, leaderId: gid('Account', fx.actors.officeStaff.accountId) }, fx.tokens.officeStaff, SCHEDULE);
    expect(notLeader).toMatchObject({ __typename: 'ReceptionRuleError', code: 'reception/not-a-leader' });
    const petitioner = await fx.newPetitionerAccount();
    const byPetitioner = await mutate(app, 'publishReceptionSchedule', { ...base, leaderId: gid('Account', fx.actors.officeLeader.accountId) }, petitioner.token, SCHEDULE);
    expect(byPetitioner).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
  });
});

describe('appointments', () => {
  let first: { id: string; token: string; name: string; identityNumber: string; mobile: string; petitionerId: string };
  let winner: string;

  it('a citizen books online; the public slot turns unavailable without naming anyone; they see only their own', async () => {
    const p = await fx.newPetitionerAccount('张秀英');
    const booked = await mutate(app, 'bookAppointment', { scheduleId, date: '2026-10-08', start: '09:00', matter: '承包地被占用未获补偿' }, p.token, APPOINTMENT);
    expect(booked.__typename).toBe('MutationBookAppointmentSuccess');
    expect(booked.appointment).toMatchObject({ status: 'BOOKED', kind: 'ONLINE', date: '2026-10-08', startsAt: '2026-10-08T01:00:00.000Z', leaderTitle: '信访局局长', roomName: '区群众来访接待中心', allowedActions: ['cancelAppointment'] });
    expect(booked.appointment.petitioner.identityNumber).not.toBe(p.identityNumber);
    first = { id: booked.appointment.id, token: p.token, name: '张秀英', identityNumber: p.identityNumber, mobile: p.mobile, petitionerId: p.petitionerId };

    const publicText = JSON.stringify((await publicDays('2026-10-08', '2026-10-08')).data);
    expect(JSON.parse(publicText).publicReceptionSchedule[0].slots.map((s: { available: boolean }) => s.available)).toEqual([false, true, true, true]);
    expect(publicText).not.toContain('张秀英');
    expect(publicText).not.toContain(p.identityNumber.slice(-4));

    const other = await fx.newPetitionerAccount('李四');
    const theirs = await gql(app, '{ myAppointments { id } }', {}, other.token);
    expect(theirs.data.myAppointments).toEqual([]);
    const mine = await gql(app, '{ myAppointments { id status } }', {}, p.token);
    expect(mine.data.myAppointments).toEqual([{ id: first.id, status: 'BOOKED' }]);
    const peek = await gql(app, 'query($id: ID!) { node(id: $id) { id } }', { id: first.id }, other.token);
    expect(peek.data?.node ?? null).toBeNull();
    const anonymous = await gql(app, '{ myAppointments { id } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('auth/unauthenticated');
  });

  it('20 concurrent bookings of one slot: exactly one wins, the others get booking/conflict', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => fx.newPetitionerAccount(`抢约${i}`)));
    const results = await Promise.all(people.map((p) => mutate(app, 'bookAppointment', { scheduleId, date: '2026-10-08', start: '09:30', matter: '拖欠工资问题反映' }, p.token, APPOINTMENT)));
    const types = results.map((r) => r.__typename);
    expect(types.filter((t) => t === 'MutationBookAppointmentSuccess')).toHaveLength(1);
    expect(types.filter((t) => t === 'BookingConflictError')).toHaveLength(19);
    winner = results.find((r) => r.__typename === 'MutationBookAppointmentSuccess')!.appointment.id;
    expect(results.find((r) => r.__typename === 'BookingConflictError')).toMatchObject({ code: 'booking/conflict', resourceKind: 'ACCOUNT', resourceId: fx.actors.officeLeader.accountId });
    const live = await db
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.resourceId, fx.actors.officeLeader.accountId), eq(bookings.startsAt, new Date('2026-10-08T01:30:00Z')), isNull(bookings.releasedAt)));
    expect(live).toHaveLength(1);
  });

  it('refuses slots off the grid, on the holiday, or without a matter', async () => {
    const p = await fx.newPetitionerAccount();
    const offGrid = await mutate(app, 'bookAppointment', { scheduleId, date: '2026-10-08', start: '09:15', matter: '咨询政策问题' }, p.token, APPOINTMENT);
    expect(offGrid).toMatchObject({ __typename: 'ReceptionRuleError', code: 'reception/no-such-slot' });
    const holiday = await mutate(app, 'bookAppointment', { scheduleId, date: '2026-10-01', start: '09:00', matter: '咨询政策问题' }, p.token, APPOINTMENT);
    expect(holiday).toMatchObject({ __typename: 'ReceptionRuleError', code: 'reception/no-such-slot' });
    expect(holiday.message).toContain('休息日');
    const noMatter = await mutate(app, 'bookAppointment', { scheduleId, date: '2026-10-08', start: '10:30' }, p.token, APPOINTMENT);
    expect(noMatter).toMatchObject({ __typename: 'InputError', code: 'input/invalid' });
  });

  it('a cancelled appointment frees its slot; the cancellation is one event on its stream', async () => {
    const p = await fx.newPetitionerAccount();
    const booked = await mutate(app, 'bookAppointment', { scheduleId, date: '2026-10-15', start: '10:00', matter: '房屋漏水物业不管' }, p.token, APPOINTMENT);
    const cancelled = await mutate(app, 'cancelAppointment', { appointmentId: booked.appointment.id, expectedVersion: 1, reason: '问题已自行协商解决' }, p.token, APPOINTMENT);
    expect(cancelled.appointment).toMatchObject({ status: 'CANCELLED', version: 2, allowedActions: [] });
    const slots = (await publicDays('2026-10-15', '2026-10-15')).data.publicReceptionSchedule[0].slots;
    expect(slots.find((s: { start: string }) => s.start === '10:00').available).toBe(true);
    const history = await db.select({ sequence: events.sequence, type: events.type }).from(events).where(and(eq(events.streamType, 'APPOINTMENT'), eq(events.streamId, dbId(booked.appointment.id))));
    expect(history.sort((a, b) => a.sequence - b.sequence)).toEqual([
      { sequence: 1, type: 'appointment.booked' },
      { sequence: 2, type: 'appointment.cancelled' },
    ]);
  });

  it('reminders come from the cron sweep: one event per appointment due within 24 hours, never twice, no phone number; the SMS gateway reads them from the feed', async () => {
    at('2026-10-07T02:00:00Z'); // 10:00 the day before
    const sweep = (token: string) => gql(app, 'mutation { runDeadlineSweep { __typename ... on MutationRunDeadlineSweepSuccess { data { appointmentReminders } } ... on Error { code } } }', {}, token);
    const written = await sweep(fx.tokens.admin);
    expect(written.data.runDeadlineSweep.data.appointmentReminders).toBe(2); // 09:00 and the 09:30 winner on 8 October
    expect((await sweep(fx.tokens.admin)).data.runDeadlineSweep.data.appointmentReminders).toBe(0);
    expect(await runDeadlineSweep(db, clock)).toMatchObject({ appointmentReminders: 0 }); // what functions/sweep.ts runs
    const [reminder] = await db.select().from(events).where(and(eq(events.streamType, 'APPOINTMENT'), eq(events.streamId, dbId(first.id)), eq(events.type, 'appointment.reminder-due')));
    expect(reminder.payload).toMatchObject({ startsAt: '2026-10-08T01:00:00.000Z', room: '区群众来访接待中心', address: '人民大道 1 号' });
    expect(JSON.stringify(reminder.payload)).not.toContain(first.mobile);
    expect(JSON.stringify(reminder.payload)).not.toContain(first.name);

    // Delivery (SSE and webhooks read the same feed): the office's integrator gets both reminders, a town's staff
    // none, the petitioner only their own.
    await untilSettled(db);
    const reminders = async (viewer: Viewer) =>
      (await readEvents(db, { viewer, after: START, filter: { streamTypes: ['APPOINTMENT'], types: ['appointment.reminder-due'] }, limit: 100 })).map((e) => e.streamId);
    const integrator: Viewer = { roles: ['INTEGRATOR'], unitPath: fx.units.office.path, petitionerId: null };
    expect((await reminders(integrator)).sort()).toEqual([dbId(first.id), dbId(winner)].sort());
    expect(await reminders({ roles: ['STAFF'], unitPath: fx.units.townA.path, petitionerId: null })).toEqual([]);
    expect(await reminders({ roles: ['PETITIONER'], unitPath: null, petitionerId: first.petitionerId })).toEqual([dbId(first.id)]);
    // The pure rule says the same of the row.
    const [row] = await db.select().from(appointments).where(eq(appointments.id, dbId(first.id)));
    expect([canSeeAppointment(integrator, row), canSeeAppointment({ roles: ['STAFF'], unitPath: fx.units.townA.path, petitionerId: null }, row)]).toEqual([true, false]);
  });

  describe('on the day', () => {
    let appointmentReception: string;
    let walkIn: string;
    let registeredCase: string;

    it('arrivals and walk-ins join the queue in arrival order', async () => {
      at('2026-10-08T00:50:00Z'); // 08:50
      const arrived = await mutate(app, 'checkInAppointment', { appointmentId: first.id, expectedVersion: 1 }, fx.tokens.officeStaff, 'appointment { status version }');
      expect(arrived.appointment).toMatchObject({ status: 'ARRIVED', version: 2 });
      const w1 = await mutate(app, 'joinReceptionQueue', { scheduleId, person: { name: '王建国', identityNumber: newIdentityNumber(), mobile: '13700001111' } }, fx.tokens.officeStaff, RECEPTION);
      const w2 = await mutate(app, 'joinReceptionQueue', { scheduleId, person: { name: '赵敏' } }, fx.tokens.officeStaff, RECEPTION);
      expect([w1.reception.queueNumber, w2.reception.queueNumber]).toEqual([2, 3]);
      walkIn = w1.reception.id;
      const queue = await gql(app, 'query($s: ID!) { receptionQueue(scheduleId: $s) { id queueNumber walkIn status petitioner { name } } }', { s: scheduleId }, fx.tokens.officeStaff);
      expect(queue.data.receptionQueue.map((r: { queueNumber: number; walkIn: boolean; petitioner: { name: string } }) => [r.queueNumber, r.walkIn, r.petitioner.name])).toEqual([
        [1, false, '张秀英'],
        [2, true, '王建国'],
        [3, true, '赵敏'],
      ]);
      appointmentReception = queue.data.receptionQueue[0].id;
      const bad = await mutate(app, 'joinReceptionQueue', { scheduleId, person: { name: '钱某', identityNumber: '11010519500101123' } }, fx.tokens.officeStaff, RECEPTION);
      expect(bad).toMatchObject({ __typename: 'InputError', code: 'input/invalid' });
    });

    it('a reception becomes a case in one step: VISIT channel, received that day, clocks from that day, the reception as its origin', async () => {
      at('2026-10-08T01:20:00Z');
      const input = {
        receptionId: appointmentReception,
        expectedVersion: 1,
        desk: { badgeNumber: 'XF0231', name: '刘晓燕', title: '接待科科员' },
        questions: {
          facts: '2024 年村里修路占用承包地 1.2 亩，至今未获补偿。',
          claim: '按征地补偿标准补偿，依据土地承包合同。',
          difficulties: '家中无其他收入来源',
          petitionHistory: '2025 年向镇政府反映一次',
          priorHandling: '镇政府口头答复研究',
        },
        outcome: 'CASE_REGISTERED',
        registration: { kind: 'APPEAL_REQUEST', category: '征地补偿', title: '修路占用承包地未补偿', placeCode: fx.units.villageA.divisionCode },
      };
      const incomplete = await mutate(app, 'recordReception', { ...input, registration: null }, fx.tokens.officeStaff, RECEPTION);
      expect(incomplete).toMatchObject({ __typename: 'ReceptionRuleError', code: 'reception/outcome-incomplete' });
      const held = await mutate(app, 'recordReception', input, fx.tokens.officeStaff, RECEPTION);
      expect(held.__typename).toBe('MutationRecordReceptionSuccess');
      expect(held.reception).toMatchObject({
        status: 'HELD',
        outcome: 'CASE_REGISTERED',
        version: 2,
        deskStaff: { badgeNumber: 'XF0231', name: '刘晓燕', title: '接待科科员' },
        questions: { claim: '按征地补偿标准补偿，依据土地承包合同。', petitionHistory: '2025 年向镇政府反映一次' },
        leader: { displayName: fx.actors.officeLeader.displayName },
      });
      expect(held.reception.petitionCase).toMatchObject({ channel: 'VISIT', receivedOn: '2026-10-08', status: 'REGISTERED' });
      // Routing within 15 days of receipt (《信访工作条例》): from 8 October, not from any other day.
      expect(held.reception.petitionCase.nextDueOn).toBe('2026-10-23');
      registeredCase = held.reception.petitionCase.id;
      const c = await gql(app, 'query($id: ID!) { node(id: $id) { ... on Case { content originReception { id queueNumber } } } }', { id: registeredCase }, fx.tokens.officeStaff);
      expect(c.data.node.originReception).toEqual({ id: appointmentReception, queueNumber: 1 });
      expect(c.data.node.content).toContain('【诉求及依据】按征地补偿标准补偿');
      const [created] = await db.select().from(events).where(and(eq(events.streamType, 'CASE'), eq(events.streamId, dbId(registeredCase))));
      expect(created.payload).toMatchObject({ channel: 'VISIT', origin: { type: 'RECEPTION', id: dbId(appointmentReception) } });
      const stale = await mutate(app, 'recordReception', input, fx.tokens.officeStaff, RECEPTION);
      expect(stale).toMatchObject({ __typename: 'VersionConflictError', currentVersion: 2 });
      const receptionHistory = await db.select({ type: events.type }).from(events).where(and(eq(events.streamType, 'RECEPTION'), eq(events.streamId, dbId(appointmentReception))));
      expect(receptionHistory.map((e) => e.type).sort()).toEqual(['reception.held', 'reception.queued']);
    });

    it('resolved on the spot needs the answer; the walk-in who left is recorded; the no-show too', async () => {
      const answer = { receptionId: walkIn, expectedVersion: 1, desk: { badgeNumber: 'XF0231', name: '刘晓燕', title: '接待科科员' }, questions: { facts: '咨询城乡居民医保缴费标准。', claim: '了解缴费标准' }, outcome: 'RESOLVED_ON_SPOT' };
      expect(await mutate(app, 'recordReception', answer, fx.tokens.officeStaff, RECEPTION)).toMatchObject({ code: 'reception/outcome-incomplete' });
      const resolved = await mutate(app, 'recordReception', { ...answer, note: '当场告知 2026 年缴费标准及缴费渠道' }, fx.tokens.officeStaff, RECEPTION);
      expect(resolved.reception).toMatchObject({ status: 'HELD', outcome: 'RESOLVED_ON_SPOT', outcomeNote: '当场告知 2026 年缴费标准及缴费渠道', petitionCase: null });
      const queue = await gql(app, 'query($s: ID!) { receptionQueue(scheduleId: $s) { id version status } }', { s: scheduleId }, fx.tokens.officeStaff);
      const third = queue.data.receptionQueue[2];
      const left = await mutate(app, 'recordReceptionLeft', { receptionId: third.id, expectedVersion: third.version }, fx.tokens.officeStaff, 'reception { status }');
      expect(left.reception.status).toBe('LEFT');
      const appts = await gql(app, 'query($s: ID!) { appointmentsOfDay(scheduleId: $s) { id status version } }', { s: scheduleId }, fx.tokens.officeStaff);
      const waiting = appts.data.appointmentsOfDay.find((a: { status: string }) => a.status === 'BOOKED');
      at('2026-10-08T01:10:00Z'); // 09:10 — the 09:30 slot has not begun
      expect(await mutate(app, 'markAppointmentNoShow', { appointmentId: waiting.id, expectedVersion: waiting.version }, fx.tokens.officeStaff, 'appointment { status }')).toMatchObject({ code: 'reception/not-yet-due' });
      at('2026-10-08T01:45:00Z');
      const noShow = await mutate(app, 'markAppointmentNoShow', { appointmentId: waiting.id, expectedVersion: waiting.version }, fx.tokens.officeStaff, 'appointment { status }');
      expect(noShow.appointment.status).toBe('NO_SHOW');
    });

    it('a visit with the case: carried out, the result on the visit and on the case’s own history', async () => {
      at('2026-10-09T02:00:00Z');
      const planned = await mutate(
        app,
        'planVisit',
        { kind: 'CASE_VISIT', unitId: gid('Unit', fx.units.office.id), leaderId: gid('Account', fx.actors.officeLeader.accountId), plannedOn: '2026-10-12', placeCode: fx.units.villageA.divisionCode, place: '甲镇一村村委会', purpose: '现场核实占地情况', caseIds: [registeredCase] },
        fx.tokens.officeStaff,
        'visit { id status version cases { petitionCase { id } result } }',
      );
      expect(planned.visit).toMatchObject({ status: 'PLANNED', version: 1, cases: [{ petitionCase: { id: registeredCase }, result: null }] });
      at('2026-10-12T08:00:00Z');
      const missing = await mutate(app, 'carryOutVisit', { visitId: planned.visit.id, expectedVersion: 1, summary: '现场查看', results: [] }, fx.tokens.officeLeader, 'visit { status }');
      expect(missing).toMatchObject({ __typename: 'ReceptionRuleError', code: 'visit/case-results' });
      const done = await mutate(
        app,
        'carryOutVisit',
        { visitId: planned.visit.id, expectedVersion: 1, summary: '现场丈量确认占地 1.2 亩', results: [{ caseId: registeredCase, result: '确认占地属实，责成镇政府 30 日内兑现补偿' }] },
        fx.tokens.officeLeader,
        'visit { status carriedOutOn version cases { result } }',
      );
      expect(done.visit).toEqual({ status: 'DONE', carriedOutOn: '2026-10-12', version: 2, cases: [{ result: '确认占地属实，责成镇政府 30 日内兑现补偿' }] });
      const caseHistory = await db.select({ type: events.type, payload: events.payload, actorId: events.actorId }).from(events).where(and(eq(events.streamType, 'CASE'), eq(events.streamId, dbId(registeredCase))));
      const result = caseHistory.find((e) => e.type === 'case.visit-result');
      expect(result).toMatchObject({ actorId: fx.actors.officeLeader.accountId, payload: { result: '确认占地属实，责成镇政府 30 日内兑现补偿', carriedOutOn: '2026-10-12' } });
    });

    it('figures on known data, per leader and for the unit', async () => {
      const stats = await gql(
        app,
        `query($u: ID!) { receptionStats(unitId: $u, from: "2026-10-01", to: "2026-10-31") {
          total { receptionsHeld peopleReceived resolvedOnSpot casesRegistered attachedToCases referredToMediation appointmentsBooked appointmentsKept noShows visitsMade }
          byLeader { leaderId receptionsHeld appointmentsKept noShows visitsMade }
          byUnit { unitId unitName receptionsHeld peopleReceived appointmentsBooked visitsMade } } }`,
        { u: gid('Unit', fx.units.office.id) },
        fx.tokens.officeStaff,
      );
      expect(stats.errors).toBeUndefined();
      // Booked in October: 09:00 (kept), 09:30 (no-show), 15 Oct 10:00 (cancelled).
      expect(stats.data.receptionStats.total).toEqual({
        receptionsHeld: 2,
        peopleReceived: 2,
        resolvedOnSpot: 1,
        casesRegistered: 1,
        attachedToCases: 0,
        referredToMediation: 0,
        appointmentsBooked: 3,
        appointmentsKept: 1,
        noShows: 1,
        visitsMade: 1,
      });
      expect(stats.data.receptionStats.byLeader).toEqual([{ leaderId: fx.actors.officeLeader.accountId, receptionsHeld: 2, appointmentsKept: 1, noShows: 1, visitsMade: 1 }]);
      expect(stats.data.receptionStats.byUnit).toEqual([{ unitId: fx.units.office.id, unitName: expect.any(String), receptionsHeld: 2, peopleReceived: 2, appointmentsBooked: 3, visitsMade: 1 }]);
      // Asked for the county (the office's parent), the office keeps its own row: figures are not rolled up into the asking unit.
      const county = await gql(app, 'query($u: ID!) { receptionStats(unitId: $u, from: "2026-10-01", to: "2026-10-31") { total { receptionsHeld } byUnit { unitId receptionsHeld } } }', { u: gid('Unit', fx.units.county.id) }, fx.tokens.admin);
      expect(county.data.receptionStats).toEqual({ total: { receptionsHeld: 2 }, byUnit: [{ unitId: fx.units.office.id, receptionsHeld: 2 }] });
      const petitioner = await fx.newPetitionerAccount();
      const refused = await gql(app, 'query($u: ID!) { receptionStats(unitId: $u, from: "2026-10-01", to: "2026-10-31") { total { receptionsHeld } } }', { u: gid('Unit', fx.units.office.id) }, petitioner.token);
      expect(refused.errors?.[0].extensions?.code).toBe('auth/forbidden');
    });
  });

  it('calling off a reception date cancels the appointments booked on it, each with an event naming the next reception day; the date takes no more bookings', async () => {
    at('2026-10-13T02:00:00Z');
    const p = await fx.newPetitionerAccount('孙桂兰');
    const booked = await mutate(app, 'bookAppointment', { scheduleId, date: '2026-10-22', start: '09:00', matter: '低保资格被取消' }, p.token, APPOINTMENT);
    expect(booked.appointment.status).toBe('BOOKED');
    const schedule = await gql(app, 'query($id: ID!) { node(id: $id) { ... on ReceptionSchedule { version } } }', { id: scheduleId }, fx.tokens.officeStaff);
    const cancelled = await mutate(app, 'cancelReceptionDate', { scheduleId, expectedVersion: schedule.data.node.version, date: '2026-10-22', reason: '领导参加市里会议' }, fx.tokens.officeStaff, SCHEDULE);
    expect(cancelled.__typename).toBe('MutationCancelReceptionDateSuccess');
    const mine = await gql(app, '{ myAppointments { id status version } }', {}, p.token);
    expect(mine.data.myAppointments).toEqual([{ id: booked.appointment.id, status: 'CANCELLED', version: 2 }]);
    const history = await db.select({ type: events.type, payload: events.payload, toStatus: events.toStatus }).from(events).where(and(eq(events.streamType, 'APPOINTMENT'), eq(events.streamId, dbId(booked.appointment.id))));
    const notice = history.find((e) => e.type === 'appointment.cancelled');
    expect(notice).toMatchObject({ toStatus: 'CANCELLED', payload: { receptionDateCancelled: true, nextReceptionDate: '2026-10-29', petitionerId: p.petitionerId, date: '2026-10-22', startsAt: '2026-10-22T01:00:00.000Z' } });
    expect(history).toHaveLength(2);
    // Through the API the person's own history names objects by global id, as the rest of the API does.
    const own = await gql(app, 'query($id: ID!) { node(id: $id) { ... on Appointment { history { edges { node { type payload } } } } } }', { id: booked.appointment.id }, p.token);
    expect(own.data.node.history.edges.map((e: { node: { type: string; payload: Record<string, unknown> } }) => [e.node.type, e.node.payload.petitionerId ?? e.node.payload.scheduleId])).toEqual([
      ['appointment.booked', scheduleId],
      ['appointment.cancelled', gid('Petitioner', p.petitionerId)],
    ]);
    const [scheduleEvent] = await db.select({ payload: events.payload }).from(events).where(and(eq(events.streamType, 'RECEPTION_SCHEDULE'), eq(events.streamId, dbId(scheduleId)), eq(events.type, 'reception-schedule.date-cancelled')));
    expect(scheduleEvent.payload).toMatchObject({ date: '2026-10-22', appointmentsCancelled: 1, nextReceptionDate: '2026-10-29' });
    const live = await db.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.purposeId, dbId(booked.appointment.id)), isNull(bookings.releasedAt)));
    expect(live).toEqual([]);
    const again = await mutate(app, 'bookAppointment', { scheduleId, date: '2026-10-22', start: '09:30', matter: '低保资格被取消' }, p.token, APPOINTMENT);
    expect(again).toMatchObject({ __typename: 'ReceptionRuleError', code: 'reception/no-such-slot' });
    expect((await publicDays('2026-10-20', '2026-10-30')).data.publicReceptionSchedule.map((d: { date: string }) => d.date)).toEqual(['2026-10-29']);
  });

  it('a reception referred to mediation opens the mediation session in the same step: the person received is the applicant, the five questions its summary', async () => {
    at('2026-10-15T01:00:00Z'); // Thursday 15 October, 09:00
    const identityNumber = newIdentityNumber();
    const queued = await mutate(app, 'joinReceptionQueue', { scheduleId, person: { name: '周大海', identityNumber, mobile: '13600002222' } }, fx.tokens.officeStaff, RECEPTION);
    const input = {
      receptionId: queued.reception.id,
      expectedVersion: 1,
      desk: { badgeNumber: 'XF0231', name: '刘晓燕', title: '接待科科员' },
      questions: { facts: '邻居扩建围墙占用共用通道约一米。', claim: '恢复通道原状' },
      outcome: 'REFERRED_TO_MEDIATION',
    };
    expect(await mutate(app, 'recordReception', input, fx.tokens.officeStaff, RECEPTION)).toMatchObject({ __typename: 'ReceptionRuleError', code: 'reception/outcome-incomplete' });
    const referral = { specialty: 'NEIGHBOURHOOD', title: '围墙占用共用通道', placeCode: fx.units.villageA.divisionCode, otherParties: [{ role: 'RESPONDENT', name: '吴某' }] };
    const held = await mutate(app, 'recordReception', { ...input, referral }, fx.tokens.officeStaff, `${RECEPTION.slice(0, -1)} mediationSession { id } }`);
    expect(held.__typename).toBe('MutationRecordReceptionSuccess');
    expect(held.reception).toMatchObject({ status: 'HELD', outcome: 'REFERRED_TO_MEDIATION', petitionCase: null });
    const sessionId = held.reception.mediationSession.id;
    const opened = await gql(app, 'query($id: ID!) { node(id: $id) { ... on MediationSession { kind status specialty summary openedOn parties { role name identityNumber } } } }', { id: sessionId }, fx.tokens.officeStaff);
    expect(opened.data.node).toMatchObject({ kind: 'MEDIATION', status: 'PENDING_MEDIATOR', specialty: 'NEIGHBOURHOOD', openedOn: '2026-10-15' });
    expect(opened.data.node.summary).toContain('【诉求及依据】恢复通道原状');
    expect(opened.data.node.parties.map((p: { role: string; name: string }) => [p.role, p.name])).toEqual([
      ['APPLICANT', '周大海'],
      ['RESPONDENT', '吴某'],
    ]);
    expect(opened.data.node.parties[0].identityNumber).not.toBe(identityNumber); // masked like every identity number
    const sessionEvents = await db.select({ type: events.type }).from(events).where(and(eq(events.streamType, 'MEDIATION_SESSION'), eq(events.streamId, dbId(sessionId))));
    expect(sessionEvents).toHaveLength(1);
    // A party mediation's intake refuses (a malformed mobile) refuses the whole step: nothing half-written.
    const second = await mutate(app, 'joinReceptionQueue', { scheduleId, person: { name: '郑某' } }, fx.tokens.officeStaff, RECEPTION);
    const refused = await mutate(app, 'recordReception', { ...input, receptionId: second.reception.id, referral: { ...referral, otherParties: [{ role: 'RESPONDENT', name: '吴某', mobile: '123' }] } }, fx.tokens.officeStaff, RECEPTION);
    expect(refused).toMatchObject({ __typename: 'InputError', code: 'input/invalid' });
    const still = await gql(app, 'query($id: ID!) { node(id: $id) { ... on Reception { status version mediationSession { id } } } }', { id: second.reception.id }, fx.tokens.officeStaff);
    expect(still.data.node).toEqual({ status: 'WAITING', version: 1, mediationSession: null });
  });
});
