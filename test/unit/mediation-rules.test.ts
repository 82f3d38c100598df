import { describe, expect, it } from 'vitest';
import { officialWorkCalendar } from '../../db/calendar/statutory-holidays';
import { acceptanceDueOn, addMonths, confirmationDueOn, openingClocks, reassignDueOn } from '../../db/mediation/clocks';
import { mediatorLifecycle, removalProblem, renewalStart, schedulableProblem, termEndsOn, termOn } from '../../db/mediation/roster-rules';
import { blockingConflicts, conflictsOf, type RecusalMediator } from '../../db/mediation/recusal';
import { panelProblem, sessionLifecycle } from '../../db/mediation/session-lifecycle';
import { isClosedOn } from '../../db/mediation/room-rules';
import { allowedActions, checkTransition } from '../../db/streams/lifecycle';

const checkMediatorTransition = (status: any, action: any) => checkTransition(mediatorLifecycle, status, action, ['ADMIN']);
const checkSessionTransition = (status: any, action: any, roles: any[]) => checkTransition(sessionLifecycle, status, action, roles);
const allowedSessionActions = (status: any, roles: any[]) => allowedActions(sessionLifecycle, status, roles);
import { fitsWeekly, isAvailable } from '../../db/mediation/availability';

const calendar = officialWorkCalendar();

describe('mediation clocks on the work calendar', () => {
  it('joint choice in 2 working days, assignment 3 more, across 国庆 2026 and its 调休 Saturday', () => {
    // Opened Tue 09-29: 09-30 is working day 1, 10-01…10-07 are holidays, Thu 10-08 is day 2.
    const clocks = openingClocks('2026-09-29', calendar);
    expect(clocks.choiceDueOn).toBe('2026-10-08');
    // 10-09 Fri (1), 10-10 Sat but an adjusted working day (2), 10-12 Mon (3).
    expect(clocks.assignDueOn).toBe('2026-10-12');
    expect(clocks.settleDueOn).toBe('2026-10-29');
  });

  it('acceptance within 3 working days of the proposal', () => {
    expect(acceptanceDueOn('2026-09-30', calendar)).toBe('2026-10-10');
    expect(acceptanceDueOn('2026-06-05', calendar)).toBe('2026-06-10'); // Fri → Mon, Tue, Wed
    expect(reassignDueOn('2026-06-18', calendar)).toBe('2026-06-24'); // Thu; 06-19…21 端午, 06-22 Mon
  });

  it('one month: the same day next month, the month’s last day when it has none, moved off rest days', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    // 2026-02-28 is a Saturday but an adjusted working day (春节 调休): it stays.
    expect(openingClocks('2026-01-31', calendar).settleDueOn).toBe('2026-02-28');
    // 2026-04-04 … 04-06 清明: a month from 03-04 lands on Sat 04-04 and runs to Tue 04-07.
    expect(openingClocks('2026-03-04', calendar).settleDueOn).toBe('2026-04-07');
  });

  it('judicial confirmation within 30 days of the agreement taking effect', () => {
    expect(confirmationDueOn('2026-03-02', calendar)).toBe('2026-04-01');
    expect(confirmationDueOn('2026-03-05', calendar)).toBe('2026-04-07'); // 04-04 Sat, 清明 to 04-06
  });
});

describe('terms of appointment', () => {
  it('three years ending the day before the anniversary', () => {
    expect(termEndsOn('2026-03-01')).toBe('2029-02-28');
    expect(termEndsOn('2028-02-29')).toBe('2031-02-28');
    expect(termEndsOn('2026-01-01', 1)).toBe('2026-12-31');
  });

  it('a term covers its days only, and a term cut short ends the day before', () => {
    const terms = [{ startsOn: '2026-01-01', endsOn: '2028-12-31', endedOn: '2027-06-01' }];
    expect(termOn(terms, '2025-12-31')).toBeNull();
    expect(termOn(terms, '2026-01-01')).toBe(terms[0]);
    expect(termOn(terms, '2027-05-31')).toBe(terms[0]);
    expect(termOn(terms, '2027-06-01')).toBeNull();
  });

  it('a renewal continues the latest term, or starts today when it has lapsed', () => {
    const terms = [{ startsOn: '2023-01-01', endsOn: '2025-12-31', endedOn: null }];
    expect(renewalStart(terms, '2025-11-01')).toBe('2026-01-01');
    expect(renewalStart(terms, '2026-03-10')).toBe('2026-03-10');
  });

  it('only an ACTIVE mediator in term can be scheduled, with the reason', () => {
    const terms = [{ startsOn: '2026-01-01', endsOn: '2028-12-31', endedOn: null }];
    expect(schedulableProblem({ name: '陈', status: 'ACTIVE' }, terms, '2026-05-01')).toBeNull();
    expect(schedulableProblem({ name: '陈', status: 'SUSPENDED' }, terms, '2026-05-01')?.code).toBe('mediation/mediator-not-active');
    expect(schedulableProblem({ name: '陈', status: 'ACTIVE' }, terms, '2029-01-01')).toEqual({
      code: 'mediation/mediator-out-of-term',
      message: '调解员陈在 2029-01-01 不在聘期内，不能安排调解',
    });
  });

  it('roster state machine: suspend only an active mediator, removal of a removed one is refused', () => {
    expect(checkMediatorTransition('CANDIDATE', 'appoint')).toEqual({ ok: true, to: 'ACTIVE' });
    expect(checkMediatorTransition('ACTIVE', 'suspend')).toEqual({ ok: true, to: 'SUSPENDED' });
    expect(checkMediatorTransition('SUSPENDED', 'reinstate')).toEqual({ ok: true, to: 'ACTIVE' });
    const refused = checkMediatorTransition('REMOVED', 'remove');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.message).toBe('调解员当前状态为“已解聘”，不能执行“解聘”');
      expect(refused.allowed).toEqual(['leaveRoom', 'declareRelationship']);
      expect(refused.code).toBe('mediator/invalid-transition');
    }
    expect(checkMediatorTransition('CANDIDATE', 'suspend').ok).toBe(false);
  });

  it('a mediator keeps their own calendar and ties but not the roster', () => {
    expect(checkTransition(mediatorLifecycle, 'ACTIVE', 'setAvailability', ['MEDIATOR'])).toEqual({ ok: true, to: 'ACTIVE' });
    expect(checkTransition(mediatorLifecycle, 'ACTIVE', 'suspend', ['MEDIATOR'])).toMatchObject({ ok: false, code: 'auth/forbidden' });
    expect(checkTransition(mediatorLifecycle, 'ACTIVE', 'suspend', ['STAFF', 'LEADER'])).toMatchObject({ ok: false, code: 'auth/forbidden' });
  });

  it('a room closed for a period is closed on those days only', () => {
    const room = { status: 'CLOSED' as const, closedFrom: '2026-07-01', closedUntil: '2026-07-10' };
    expect([isClosedOn(room, '2026-06-30'), isClosedOn(room, '2026-07-01'), isClosedOn(room, '2026-07-10'), isClosedOn(room, '2026-07-11')]).toEqual([false, true, true, false]);
    expect(isClosedOn({ ...room, status: 'OPEN' }, '2026-07-05')).toBe(false);
  });

  it('TERM_ENDED is not a cause while the term runs', () => {
    const terms = [{ startsOn: '2026-01-01', endsOn: '2028-12-31', endedOn: null }];
    expect(removalProblem('TERM_ENDED', terms, '2027-01-01')).toBe('聘期尚未届满，不能以“任期届满”为由解聘');
    expect(removalProblem('TERM_ENDED', terms, '2029-01-01')).toBeNull();
    expect(removalProblem('PARTIALITY', terms, '2027-01-01')).toBeNull();
  });
});

describe('recusal', () => {
  const mediator: RecusalMediator = {
    id: 'm1',
    name: '陈老师',
    householdCode: 'HH-100',
    identityNumber: '500118196001011001',
    relationships: [
      { id: 'r1', kind: 'RELATIVE', name: '陈小明', identityNumber: '500118199001011234', householdCode: null },
      { id: 'r2', kind: 'EMPLOYER', name: '永川红叶建材厂', identityNumber: null, householdCode: null },
      { id: 'r3', kind: 'RELATIVE', name: '李四', identityNumber: null, householdCode: null },
    ],
  };
  const party = (id: string, over: Partial<{ name: string; identityNumber: string | null; householdCode: string | null; organisation: string | null }>) => ({
    id,
    name: '某人',
    identityNumber: null,
    householdCode: null,
    organisation: null,
    ...over,
  });

  it('finds a relative by identity number, an employer by organisation, and the same household', () => {
    const parties = [
      party('p1', { name: '陈小明', identityNumber: '500118199001011234' }),
      party('p2', { name: '王五', organisation: '永川红叶建材厂' }),
      party('p3', { name: '赵六', householdCode: 'HH-100' }),
      party('p4', { name: '钱七' }),
    ];
    expect(conflictsOf(mediator, parties).map((c) => [c.partyId, c.kind])).toEqual([
      ['p1', 'RELATIVE'],
      ['p2', 'EMPLOYER'],
      ['p3', 'HOUSEHOLD'],
    ]);
  });

  it('an identity number on both sides decides: a namesake with another number is no conflict', () => {
    expect(conflictsOf(mediator, [party('p1', { name: '陈小明', identityNumber: '500118199901011238' })])).toEqual([]);
    // Without a number the declared name is enough (err on the side of recusal).
    expect(conflictsOf(mediator, [party('p1', { name: '李四' })]).map((c) => c.relationshipId)).toEqual(['r3']);
  });

  it('the mediator being a party cannot be waived; other conflicts clear only when every party waived', () => {
    const parties = [party('p1', { name: '陈小明', identityNumber: '500118199001011234' }), party('p2', { name: '钱七' })];
    const conflicts = conflictsOf(mediator, parties);
    expect(blockingConflicts(conflicts, ['p1', 'p2'], [{ mediatorId: 'm1', partyId: 'p2' }])).toHaveLength(1);
    expect(blockingConflicts(conflicts, ['p1', 'p2'], [{ mediatorId: 'm1', partyId: 'p2' }, { mediatorId: 'm1', partyId: 'p1' }])).toEqual([]);
    const self = conflictsOf(mediator, [party('p9', { identityNumber: '500118196001011001' })]);
    expect(self[0].kind).toBe('SELF');
    expect(blockingConflicts(self, ['p9'], [{ mediatorId: 'm1', partyId: 'p9' }])).toHaveLength(1);
  });
});

describe('session state machine', () => {
  it('walks the happy path and refuses an outcome before the session started', () => {
    expect(checkSessionTransition('PENDING_MEDIATOR', 'chooseMediator', ['STAFF'])).toEqual({ ok: true, to: 'PENDING_ACCEPTANCE' });
    expect(checkSessionTransition('PENDING_ACCEPTANCE', 'acceptAssignment', ['MEDIATOR'])).toEqual({ ok: true, to: 'ACCEPTED' });
    expect(checkSessionTransition('ACCEPTED', 'schedule', ['STAFF'])).toEqual({ ok: true, to: 'SCHEDULED' });
    expect(checkSessionTransition('SCHEDULED', 'start', ['MEDIATOR'])).toEqual({ ok: true, to: 'IN_PROGRESS' });
    const early = checkSessionTransition('SCHEDULED', 'recordAgreement', ['STAFF']);
    expect(early).toMatchObject({ ok: false, code: 'mediation/invalid-transition', allowed: ['postpone', 'start', 'cancel', 'waiveConflict'] });
  });

  it('a mediator may not schedule or cancel', () => {
    expect(checkSessionTransition('ACCEPTED', 'schedule', ['MEDIATOR'])).toMatchObject({ ok: false, code: 'auth/forbidden' });
    expect(allowedSessionActions('ACCEPTED', ['MEDIATOR'])).toEqual([]);
    expect(allowedSessionActions('AGREEMENT', ['MEDIATOR'])).toEqual(['signAgreement', 'recordPerformance']);
  });

  it('hearings and review talks need a panel of two with a presiding mediator', () => {
    expect(panelProblem('MEDIATION', 1, null, ['a'])).toBeNull();
    expect(panelProblem('HEARING', 1, 'a', ['a'])).toBe('听证须由至少 2 名调解员组成合议（含主调解员）');
    expect(panelProblem('REVIEW_TALK', 2, null, ['a', 'b'])).toBe('评理须指定一名主持人');
    expect(panelProblem('HEARING', 2, 'c', ['a', 'b'])).toBe('主持人须为本次调解的组成人员');
    expect(panelProblem('HEARING', 2, 'b', ['a', 'b'])).toBeNull();
  });
});

describe('weekly availability in China time', () => {
  const week = [{ weekday: 2, opens: '09:00', closes: '12:00' }];
  // 2026-06-09 is a Tuesday; 09:00 in China is 01:00Z.
  it('fits a range inside a window of its China weekday only', () => {
    expect(fitsWeekly(week, new Date('2026-06-09T01:00:00Z'), new Date('2026-06-09T04:00:00Z'))).toBe(true);
    expect(fitsWeekly(week, new Date('2026-06-09T00:59:00Z'), new Date('2026-06-09T02:00:00Z'))).toBe(false);
    expect(fitsWeekly(week, new Date('2026-06-09T03:00:00Z'), new Date('2026-06-09T04:01:00Z'))).toBe(false);
    expect(fitsWeekly(week, new Date('2026-06-10T01:00:00Z'), new Date('2026-06-10T02:00:00Z'))).toBe(false);
  });

  it('an exception overlapping the range makes the mediator unavailable', () => {
    const range = { startsAt: new Date('2026-06-09T01:00:00Z'), endsAt: new Date('2026-06-09T02:00:00Z') };
    expect(isAvailable(week, [], range)).toBe(true);
    expect(isAvailable(week, [{ startsAt: new Date('2026-06-08T00:00:00Z'), endsAt: new Date('2026-06-09T01:30:00Z') }], range)).toBe(false);
    expect(isAvailable(week, [{ startsAt: new Date('2026-06-09T02:00:00Z'), endsAt: new Date('2026-06-09T05:00:00Z') }], range)).toBe(true);
  });
});
