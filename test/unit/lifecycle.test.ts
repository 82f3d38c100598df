import { describe, expect, it } from 'vitest';
import {
  actionsFromStatus,
  allowedActions,
  caseActionLabels,
  caseActions,
  caseStatuses,
  caseStatusLabels,
  checkTransition,
  isTerminal,
  roles,
  type CaseAction,
  type CaseStatus,
  type Role,
} from '../../db/cases/lifecycle';
import * as limits from '../../db/cases/statutory-limits';

/**
 * The expected machine, written out by hand: for each status, every action possible
 * there and the status it leads to (the same status for actions that only record
 * something). Every pair not listed must be refused as an invalid transition.
 */
const expectedTargets: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  REGISTERED: {
    transfer: 'PENDING_ACCEPTANCE',
    assign: 'PENDING_ACCEPTANCE',
    accept: 'ACCEPTED',
    decline: 'DECLINED',
    withdraw: 'WITHDRAWN',
    merge: 'MERGED',
    setCaseLeader: 'REGISTERED',
    flagBacklog: 'REGISTERED',
    clearBacklog: 'REGISTERED',
    supervise: 'REGISTERED',
    answerSupervision: 'REGISTERED',
    continueAsSuggestion: 'CLOSED',
  },
  PENDING_ACCEPTANCE: {
    transfer: 'PENDING_ACCEPTANCE',
    assign: 'PENDING_ACCEPTANCE',
    return: 'PENDING_ACCEPTANCE',
    escalate: 'PENDING_ACCEPTANCE',
    accept: 'ACCEPTED',
    decline: 'DECLINED',
    withdraw: 'WITHDRAWN',
    merge: 'MERGED',
    setCaseLeader: 'PENDING_ACCEPTANCE',
    flagBacklog: 'PENDING_ACCEPTANCE',
    clearBacklog: 'PENDING_ACCEPTANCE',
    supervise: 'PENDING_ACCEPTANCE',
    answerSupervision: 'PENDING_ACCEPTANCE',
    continueAsSuggestion: 'CLOSED',
  },
  ACCEPTED: {
    return: 'PENDING_ACCEPTANCE',
    escalate: 'ACCEPTED',
    extend: 'ACCEPTED',
    decide: 'DECIDED',
    withdraw: 'WITHDRAWN',
    merge: 'MERGED',
    setCaseLeader: 'ACCEPTED',
    flagBacklog: 'ACCEPTED',
    clearBacklog: 'ACCEPTED',
    supervise: 'ACCEPTED',
    answerSupervision: 'ACCEPTED',
    scheduleHearing: 'ACCEPTED',
    recordHearing: 'ACCEPTED',
    continueAsSuggestion: 'CLOSED',
  },
  DECLINED: {
    close: 'CLOSED',
    flagBacklog: 'DECLINED',
    clearBacklog: 'DECLINED',
    answerSupervision: 'DECLINED',
    recordFollowUp: 'DECLINED',
  },
  DECIDED: {
    requestReview: 'REVIEW_REQUESTED',
    close: 'CLOSED',
    withdraw: 'WITHDRAWN',
    setCaseLeader: 'DECIDED',
    flagBacklog: 'DECIDED',
    clearBacklog: 'DECIDED',
    supervise: 'DECIDED',
    answerSupervision: 'DECIDED',
    recordFollowUp: 'DECIDED',
    evaluate: 'DECIDED',
  },
  REVIEW_REQUESTED: {
    decideReview: 'REVIEWED',
    withdraw: 'WITHDRAWN',
    setCaseLeader: 'REVIEW_REQUESTED',
    flagBacklog: 'REVIEW_REQUESTED',
    clearBacklog: 'REVIEW_REQUESTED',
    supervise: 'REVIEW_REQUESTED',
    answerSupervision: 'REVIEW_REQUESTED',
    scheduleHearing: 'REVIEW_REQUESTED',
    recordHearing: 'REVIEW_REQUESTED',
  },
  REVIEWED: {
    requestReReview: 'REREVIEW_REQUESTED',
    close: 'CLOSED',
    withdraw: 'WITHDRAWN',
    setCaseLeader: 'REVIEWED',
    flagBacklog: 'REVIEWED',
    clearBacklog: 'REVIEWED',
    supervise: 'REVIEWED',
    answerSupervision: 'REVIEWED',
    recordFollowUp: 'REVIEWED',
    evaluate: 'REVIEWED',
  },
  REREVIEW_REQUESTED: {
    decideReReview: 'CONCLUDED',
    withdraw: 'WITHDRAWN',
    setCaseLeader: 'REREVIEW_REQUESTED',
    flagBacklog: 'REREVIEW_REQUESTED',
    clearBacklog: 'REREVIEW_REQUESTED',
    supervise: 'REREVIEW_REQUESTED',
    answerSupervision: 'REREVIEW_REQUESTED',
    scheduleHearing: 'REREVIEW_REQUESTED',
    recordHearing: 'REREVIEW_REQUESTED',
  },
  CONCLUDED: {
    flagBacklog: 'CONCLUDED',
    clearBacklog: 'CONCLUDED',
    answerSupervision: 'CONCLUDED',
    recordFollowUp: 'CONCLUDED',
    evaluate: 'CONCLUDED',
  },
  CLOSED: {
    flagBacklog: 'CLOSED',
    clearBacklog: 'CLOSED',
    answerSupervision: 'CLOSED',
    recordFollowUp: 'CLOSED',
    evaluate: 'CLOSED',
  },
  WITHDRAWN: { clearBacklog: 'WITHDRAWN', answerSupervision: 'WITHDRAWN' },
  MERGED: { clearBacklog: 'MERGED', answerSupervision: 'MERGED' },
};

const STAFF_LEADER_ADMIN: Role[] = ['STAFF', 'LEADER', 'ADMIN'];
const PETITIONER_STAFF_ADMIN: Role[] = ['PETITIONER', 'STAFF', 'ADMIN'];
const LEADER_SUPERVISOR: Role[] = ['LEADER', 'SUPERVISOR'];

/** Who may take each action (where the status allows it). */
const expectedRoles: Record<CaseAction, Role[]> = {
  transfer: STAFF_LEADER_ADMIN,
  assign: STAFF_LEADER_ADMIN,
  return: ['STAFF', 'LEADER', 'SUPERVISOR', 'ADMIN'],
  escalate: LEADER_SUPERVISOR,
  accept: STAFF_LEADER_ADMIN,
  decline: STAFF_LEADER_ADMIN,
  extend: ['LEADER'],
  decide: STAFF_LEADER_ADMIN,
  requestReview: PETITIONER_STAFF_ADMIN,
  decideReview: STAFF_LEADER_ADMIN,
  requestReReview: PETITIONER_STAFF_ADMIN,
  decideReReview: STAFF_LEADER_ADMIN,
  close: STAFF_LEADER_ADMIN,
  withdraw: PETITIONER_STAFF_ADMIN,
  merge: STAFF_LEADER_ADMIN,
  setCaseLeader: LEADER_SUPERVISOR,
  flagBacklog: LEADER_SUPERVISOR,
  clearBacklog: LEADER_SUPERVISOR,
  supervise: ['SUPERVISOR', 'LEADER'],
  answerSupervision: STAFF_LEADER_ADMIN,
  recordFollowUp: STAFF_LEADER_ADMIN,
  evaluate: ['PETITIONER'],
  scheduleHearing: STAFF_LEADER_ADMIN,
  recordHearing: STAFF_LEADER_ADMIN,
  continueAsSuggestion: STAFF_LEADER_ADMIN,
};

function expectedAllowed(status: CaseStatus, actor: readonly Role[]): CaseAction[] {
  return caseActions.filter((a) => expectedTargets[status][a] !== undefined && expectedRoles[a].some((r) => actor.includes(r)));
}

const pairs = caseStatuses.flatMap((s) => caseActions.map((a) => [s, a] as const));

describe('the transition table, every status × action × role', () => {
  it('has 12 statuses, 25 actions and 7 roles', () => {
    expect(caseStatuses).toHaveLength(12);
    expect(caseActions).toHaveLength(25);
    expect(roles).toHaveLength(7);
    expect(pairs).toHaveLength(300);
  });

  it.each(pairs)('%s × %s', (status, action) => {
    const target = expectedTargets[status][action];
    for (const role of roles) {
      const result = checkTransition(status, action, [role]);
      if (target === undefined) {
        expect(result).toMatchObject({ ok: false, code: 'case/invalid-transition', allowed: expectedAllowed(status, [role]) });
      } else if (expectedRoles[action].includes(role)) {
        expect(result).toEqual({ ok: true, to: target });
      } else {
        expect(result).toMatchObject({ ok: false, code: 'auth/forbidden', allowed: expectedAllowed(status, [role]) });
      }
    }
  });

  it.each(caseStatuses)('actionsFromStatus(%s) lists exactly the expected actions', (status) => {
    expect(actionsFromStatus(status)).toEqual(caseActions.filter((a) => expectedTargets[status][a] !== undefined));
  });

  it.each(caseStatuses)('allowedActions(%s) per role matches the expected table', (status) => {
    for (const role of roles) expect(allowedActions(status, [role])).toEqual(expectedAllowed(status, [role]));
    expect(allowedActions(status, [...roles])).toEqual(actionsFromStatus(status));
  });
});

describe('role checks people will notice', () => {
  it('only a leader may extend the handling period', () => {
    expect(checkTransition('ACCEPTED', 'extend', ['LEADER'])).toEqual({ ok: true, to: 'ACCEPTED' });
    expect(checkTransition('ACCEPTED', 'extend', ['STAFF'])).toMatchObject({ ok: false, code: 'auth/forbidden' });
    expect(checkTransition('ACCEPTED', 'extend', ['ADMIN'])).toMatchObject({ ok: false, code: 'auth/forbidden' });
    expect(checkTransition('ACCEPTED', 'extend', ['SUPERVISOR'])).toMatchObject({ ok: false, code: 'auth/forbidden' });
  });

  it('a petitioner cannot decide, accept or close, but can request review, withdraw and evaluate', () => {
    expect(checkTransition('ACCEPTED', 'decide', ['PETITIONER'])).toMatchObject({ ok: false, code: 'auth/forbidden' });
    expect(checkTransition('PENDING_ACCEPTANCE', 'accept', ['PETITIONER'])).toMatchObject({ ok: false, code: 'auth/forbidden' });
    expect(checkTransition('DECIDED', 'close', ['PETITIONER'])).toMatchObject({ ok: false, code: 'auth/forbidden' });
    expect(checkTransition('DECIDED', 'requestReview', ['PETITIONER'])).toEqual({ ok: true, to: 'REVIEW_REQUESTED' });
    expect(checkTransition('REVIEWED', 'requestReReview', ['PETITIONER'])).toEqual({ ok: true, to: 'REREVIEW_REQUESTED' });
    expect(checkTransition('ACCEPTED', 'withdraw', ['PETITIONER'])).toEqual({ ok: true, to: 'WITHDRAWN' });
    expect(checkTransition('CLOSED', 'evaluate', ['PETITIONER'])).toEqual({ ok: true, to: 'CLOSED' });
    expect(allowedActions('DECIDED', ['PETITIONER'])).toEqual(['requestReview', 'withdraw', 'evaluate']);
  });

  it('staff record a review request for the petitioner but cannot evaluate for them', () => {
    expect(checkTransition('DECIDED', 'requestReview', ['STAFF'])).toEqual({ ok: true, to: 'REVIEW_REQUESTED' });
    expect(checkTransition('DECIDED', 'evaluate', ['STAFF'])).toMatchObject({ ok: false, code: 'auth/forbidden' });
  });

  it('admin may do everything staff may', () => {
    for (const status of caseStatuses) {
      const admin = allowedActions(status, ['ADMIN']);
      for (const a of allowedActions(status, ['STAFF'])) expect(admin).toContain(a);
    }
  });

  it('integrators and mediators take no case action', () => {
    for (const status of caseStatuses) {
      expect(allowedActions(status, ['INTEGRATOR'])).toEqual([]);
      expect(allowedActions(status, ['MEDIATOR'])).toEqual([]);
    }
  });

  it('any one of several roles suffices', () => {
    expect(checkTransition('ACCEPTED', 'extend', ['STAFF', 'LEADER'])).toEqual({ ok: true, to: 'ACCEPTED' });
    expect(allowedActions('ACCEPTED', ['STAFF', 'SUPERVISOR'])).toEqual([
      'return',
      'escalate',
      'decide',
      'withdraw',
      'merge',
      'setCaseLeader',
      'flagBacklog',
      'clearBacklog',
      'supervise',
      'answerSupervision',
      'scheduleHearing',
      'recordHearing',
      'continueAsSuggestion',
    ]);
  });

  it('no roles at all: everything possible is forbidden', () => {
    expect(checkTransition('ACCEPTED', 'decide', [])).toMatchObject({ ok: false, code: 'auth/forbidden', allowed: [] });
    expect(allowedActions('ACCEPTED', [])).toEqual([]);
  });
});

describe('checkTransition results', () => {
  it('reports the state check before the role check', () => {
    // A petitioner extending a registered case: wrong state first, whatever the role.
    expect(checkTransition('REGISTERED', 'extend', ['PETITIONER'])).toMatchObject({ code: 'case/invalid-transition' });
  });

  it('gives Chinese messages naming the status, the action and who may do it', () => {
    expect(checkTransition('REGISTERED', 'extend', ['LEADER'])).toEqual({
      ok: false,
      code: 'case/invalid-transition',
      message: '信访事项当前状态为“已登记”，不能执行“延期”',
      allowed: ['transfer', 'assign', 'accept', 'decline', 'merge', 'setCaseLeader', 'flagBacklog', 'clearBacklog', 'supervise', 'answerSupervision', 'continueAsSuggestion'],
    });
    expect(checkTransition('ACCEPTED', 'extend', ['STAFF'])).toEqual({
      ok: false,
      code: 'auth/forbidden',
      message: '您无权执行“延期”，仅限单位领导',
      allowed: ['return', 'decide', 'withdraw', 'merge', 'answerSupervision', 'scheduleHearing', 'recordHearing', 'continueAsSuggestion'],
    });
    expect(checkTransition('ACCEPTED', 'decide', ['PETITIONER'])).toMatchObject({
      message: '您无权执行“出具处理意见”，仅限信访工作人员、单位领导、系统管理员',
    });
  });

  it('refuses to reopen a concluded case or to review a declined one', () => {
    expect(checkTransition('CONCLUDED', 'requestReview', ['PETITIONER'])).toMatchObject({ code: 'case/invalid-transition' });
    expect(checkTransition('CONCLUDED', 'requestReReview', ['PETITIONER'])).toMatchObject({ code: 'case/invalid-transition' });
    expect(checkTransition('DECLINED', 'requestReview', ['PETITIONER'])).toMatchObject({ code: 'case/invalid-transition' });
    expect(checkTransition('CLOSED', 'withdraw', ['PETITIONER'])).toMatchObject({ code: 'case/invalid-transition' });
    expect(checkTransition('DECIDED', 'decide', ['STAFF'])).toMatchObject({ code: 'case/invalid-transition' });
  });
});

describe('shape of the machine', () => {
  it('marks DECLINED, CONCLUDED, CLOSED, WITHDRAWN and MERGED terminal', () => {
    expect(caseStatuses.filter(isTerminal)).toEqual(['DECLINED', 'CONCLUDED', 'CLOSED', 'WITHDRAWN', 'MERGED']);
  });

  it('never leaves a terminal status, except archiving a decline', () => {
    for (const status of caseStatuses.filter(isTerminal)) {
      for (const a of actionsFromStatus(status)) {
        const r = checkTransition(status, a, [...roles]);
        expect(r.ok).toBe(true);
        if (r.ok && r.to !== status) expect([status, a, r.to]).toEqual(['DECLINED', 'close', 'CLOSED']);
      }
    }
  });

  it('reaches every status from REGISTERED', () => {
    const seen = new Set<CaseStatus>(['REGISTERED']);
    const queue: CaseStatus[] = ['REGISTERED'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const a of actionsFromStatus(s)) {
        const r = checkTransition(s, a, [...roles]);
        if (r.ok && !seen.has(r.to)) {
          seen.add(r.to);
          queue.push(r.to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...caseStatuses].sort());
  });

  it('walks the full appeal path: register → … → concluded', () => {
    const path: Array<[CaseAction, Role, CaseStatus]> = [
      ['transfer', 'STAFF', 'PENDING_ACCEPTANCE'],
      ['accept', 'STAFF', 'ACCEPTED'],
      ['extend', 'LEADER', 'ACCEPTED'],
      ['decide', 'STAFF', 'DECIDED'],
      ['requestReview', 'PETITIONER', 'REVIEW_REQUESTED'],
      ['decideReview', 'LEADER', 'REVIEWED'],
      ['requestReReview', 'PETITIONER', 'REREVIEW_REQUESTED'],
      ['scheduleHearing', 'STAFF', 'REREVIEW_REQUESTED'],
      ['decideReReview', 'STAFF', 'CONCLUDED'],
    ];
    let status: CaseStatus = 'REGISTERED';
    for (const [action, role, to] of path) {
      const r = checkTransition(status, action, [role]);
      expect(r).toEqual({ ok: true, to });
      status = to;
    }
    expect(isTerminal(status)).toBe(true);
  });

  it('labels every status and action in Chinese', () => {
    for (const s of caseStatuses) expect(caseStatusLabels[s]).toMatch(/\p{Script=Han}/u);
    for (const a of caseActions) expect(caseActionLabels[a]).toMatch(/\p{Script=Han}/u);
    expect(caseStatusLabels.DECLINED).toBe('不予受理');
    expect(caseActionLabels.escalate).toBe('提级会审');
  });
});

describe('statutory limits', () => {
  it('are the regulation figures in calendar days', () => {
    expect({ ...limits }).toEqual({
      ROUTE_DAYS: 15,
      ACCEPT_DAYS: 15,
      HANDLE_DAYS: 60,
      MAX_EXTENSION_DAYS: 30,
      REVIEW_REQUEST_DAYS: 30,
      REVIEW_ANSWER_DAYS: 30,
      REREVIEW_REQUEST_DAYS: 30,
      REREVIEW_ANSWER_DAYS: 30,
    });
  });
});
