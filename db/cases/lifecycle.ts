/**
 * The case state machine of 《信访工作条例》 as data: which action may be taken in
 * which status, by which role, and where it leads. Pure: the stream runner
 * (db/streams/runner.ts) checks it before it writes, and `allowedActions` is shown to the user.
 *
 * Unit scope (a staff member acts only on cases of their unit's subtree; 督办 comes
 * from a *higher* unit; review is decided by the parent unit) is NOT checked here:
 * that needs the unit tree and belongs to the service. This module answers only
 * "is this action possible now, and may someone with these roles do it".
 */
import * as lifecycle from '../streams/lifecycle';
import { defineLifecycle, type TransitionRule } from '../streams/lifecycle';
import { roleNames, type Role } from '../accounts/vocabulary';
import { caseStatuses, caseStatusLabels, type CaseEventType, type CaseStatus } from './vocabulary';

export { caseStatuses, caseStatusLabels, type CaseStatus };

export { roleNames as roles, type Role };

export const caseActions = [
  'transfer',
  'assign',
  'return',
  'escalate',
  'accept',
  'decline',
  'extend',
  'decide',
  'requestReview',
  'decideReview',
  'requestReReview',
  'decideReReview',
  'close',
  'withdraw',
  'merge',
  'setCaseLeader',
  'flagBacklog',
  'clearBacklog',
  'supervise',
  'answerSupervision',
  'recordFollowUp',
  'evaluate',
  'scheduleHearing',
  'recordHearing',
  'continueAsSuggestion',
] as const;
export type CaseAction = (typeof caseActions)[number];

export const caseActionLabels: Readonly<Record<CaseAction, string>> = {
  transfer: '转送',
  assign: '交办',
  return: '退回重办',
  escalate: '提级会审',
  accept: '受理',
  decline: '不予受理',
  extend: '延期',
  decide: '出具处理意见',
  requestReview: '申请复查',
  decideReview: '出具复查意见',
  requestReReview: '申请复核',
  decideReReview: '出具复核意见',
  close: '办结归档',
  withdraw: '撤回',
  merge: '合并',
  setCaseLeader: '指定包案领导',
  flagBacklog: '列为信访积案',
  clearBacklog: '积案销号',
  supervise: '督办',
  answerSupervision: '回复督办',
  recordFollowUp: '回访',
  evaluate: '满意度评价',
  scheduleHearing: '安排听证',
  recordHearing: '记录听证',
  continueAsSuggestion: '转为人民建议办理',
};

/**
 * Statuses in which handling has ended. DECLINED is terminal for handling but can
 * still be archived (close) and followed up; CONCLUDED and CLOSED can still receive
 * follow-ups and evaluations. No action ever leads *out* of a terminal status
 * except DECLINED → CLOSED.
 */
export const terminalStatuses: readonly CaseStatus[] = ['DECLINED', 'CONCLUDED', 'CLOSED', 'WITHDRAWN', 'MERGED'];

export function isTerminal(status: CaseStatus): boolean {
  return terminalStatuses.includes(status);
}

/** REGISTERED … REREVIEW_REQUESTED: the case is still moving. */
export const openStatuses: readonly CaseStatus[] = caseStatuses.filter((s) => !terminalStatuses.includes(s));

/** After a written decision exists: follow-up visits are possible. */
const decidedOrLater: readonly CaseStatus[] = ['DECIDED', 'REVIEWED', 'CONCLUDED', 'CLOSED'];


// Role groups. ADMIN may do everything STAFF may (brief), so it joins every group
// that contains STAFF, and no other: admins cannot extend, supervise or pick a
// case leader, which are leadership decisions.
const STAFF_LEADER: readonly Role[] = ['STAFF', 'LEADER', 'ADMIN'];
const PETITIONER_OR_STAFF: readonly Role[] = ['PETITIONER', 'STAFF', 'ADMIN'];
const LEADER_SUPERVISOR: readonly Role[] = ['LEADER', 'SUPERVISOR'];

/*
 * Decisions where the brief is silent (each is also visible in the table):
 * - INTEGRATOR (12345 hotline, provincial system, SMS gateway) pushes cases in and
 *   reads updates; registration is not an action of this machine, so INTEGRATOR has
 *   no action here. A hotline withdrawal is recorded by STAFF.
 * - MEDIATOR runs mediation sessions (a separate aggregate), not case hearings, so
 *   has no case action either.
 * - accept/decline: STAFF/LEADER (the regulation requires a written notice, not a
 *   leader's approval). decline is not open to review (不予受理 is not a 处理意见).
 * - requestReReview mirrors requestReview: the petitioner, or staff recording a
 *   request received by letter or in person.
 * - decideReReview leads to CONCLUDED (终结), never to CLOSED.
 * - close is allowed from DECIDED and REVIEWED (the petitioner's window lapsed or
 *   was waived) and DECLINED (archive the refusal). Whether the window has lapsed
 *   is a clock question (clocks.ts), checked by the caller; the nightly sweep runs
 *   with ADMIN rights since there is no SYSTEM role.
 * - evaluate is the petitioner's own act; satisfaction collected by phone is part
 *   of recordFollowUp, done by staff.
 * - flagBacklog: every status except WITHDRAWN and MERGED. 积案 are often formally
 *   CONCLUDED/CLOSED cases whose grievance lives on (案结事未了), so those count.
 * - clearBacklog and answerSupervision: every status, so that an open flag or an
 *   open 督办 notice can always be cleared or answered whatever became of the case.
 * - supervise, setCaseLeader: open statuses only (the brief's "non-terminal").
 */
export const transitions: Readonly<Record<CaseAction, TransitionRule<CaseStatus>>> = {
  // Routing to the unit with jurisdiction; from PENDING_ACCEPTANCE it re-routes a wrongly sent case.
  transfer: { from: ['REGISTERED', 'PENDING_ACCEPTANCE'], to: 'PENDING_ACCEPTANCE', roles: STAFF_LEADER },
  assign: { from: ['REGISTERED', 'PENDING_ACCEPTANCE'], to: 'PENDING_ACCEPTANCE', roles: STAFF_LEADER },
  // 倒流: sent back down to be accepted and handled again.
  return: { from: ['PENDING_ACCEPTANCE', 'ACCEPTED'], to: 'PENDING_ACCEPTANCE', roles: ['STAFF', 'LEADER', 'SUPERVISOR', 'ADMIN'] },
  // 提级会审: the level changes, the status does not.
  escalate: { from: ['PENDING_ACCEPTANCE', 'ACCEPTED'], to: null, roles: LEADER_SUPERVISOR },
  // From REGISTERED when the receiving unit itself has jurisdiction.
  accept: { from: ['REGISTERED', 'PENDING_ACCEPTANCE'], to: 'ACCEPTED', roles: STAFF_LEADER },
  decline: { from: ['REGISTERED', 'PENDING_ACCEPTANCE'], to: 'DECLINED', roles: STAFF_LEADER },
  // Approved by a unit leader (条例: 经本机关、单位负责人批准).
  extend: { from: ['ACCEPTED'], to: null, roles: ['LEADER'] },
  decide: { from: ['ACCEPTED'], to: 'DECIDED', roles: STAFF_LEADER },
  requestReview: { from: ['DECIDED'], to: 'REVIEW_REQUESTED', roles: PETITIONER_OR_STAFF },
  decideReview: { from: ['REVIEW_REQUESTED'], to: 'REVIEWED', roles: STAFF_LEADER },
  requestReReview: { from: ['REVIEWED'], to: 'REREVIEW_REQUESTED', roles: PETITIONER_OR_STAFF },
  decideReReview: { from: ['REREVIEW_REQUESTED'], to: 'CONCLUDED', roles: STAFF_LEADER },
  close: { from: ['DECIDED', 'REVIEWED', 'DECLINED'], to: 'CLOSED', roles: STAFF_LEADER },
  withdraw: { from: openStatuses, to: 'WITHDRAWN', roles: PETITIONER_OR_STAFF },
  // Only before a decision: a decided case has its own record and clocks.
  merge: { from: ['REGISTERED', 'PENDING_ACCEPTANCE', 'ACCEPTED'], to: 'MERGED', roles: STAFF_LEADER },
  setCaseLeader: { from: openStatuses, to: null, roles: LEADER_SUPERVISOR },
  flagBacklog: { from: caseStatuses.filter((s) => s !== 'WITHDRAWN' && s !== 'MERGED'), to: null, roles: LEADER_SUPERVISOR },
  clearBacklog: { from: caseStatuses, to: null, roles: LEADER_SUPERVISOR },
  // From a higher unit (checked by the caller).
  supervise: { from: openStatuses, to: null, roles: ['SUPERVISOR', 'LEADER'] },
  answerSupervision: { from: caseStatuses, to: null, roles: STAFF_LEADER },
  recordFollowUp: { from: [...decidedOrLater, 'DECLINED'], to: null, roles: STAFF_LEADER },
  evaluate: { from: decidedOrLater, to: null, roles: ['PETITIONER'] },
  // Hearings pause the handling, review and re-review clocks.
  scheduleHearing: { from: ['ACCEPTED', 'REVIEW_REQUESTED', 'REREVIEW_REQUESTED'], to: null, roles: STAFF_LEADER },
  recordHearing: { from: ['ACCEPTED', 'REVIEW_REQUESTED', 'REREVIEW_REQUESTED'], to: null, roles: STAFF_LEADER },
  // 建议意见类 handled as a 人民建议 (db/suggestions/from-case.ts): before a decision; the case is closed, its
  // matter continues on the suggestion's own stream (only SUGGESTION-kind cases: the service checks the kind).
  continueAsSuggestion: { from: ['REGISTERED', 'PENDING_ACCEPTANCE', 'ACCEPTED'], to: 'CLOSED', roles: STAFF_LEADER },
};

/** The history's event type for each action. */
export const caseActionEvents: Readonly<Record<CaseAction, CaseEventType>> = {
  transfer: 'case.transferred',
  assign: 'case.assigned',
  return: 'case.returned',
  escalate: 'case.escalated',
  accept: 'case.accepted',
  decline: 'case.declined',
  extend: 'case.extended',
  decide: 'case.decided',
  requestReview: 'case.review_requested',
  decideReview: 'case.reviewed',
  requestReReview: 'case.re_review_requested',
  decideReReview: 'case.re_reviewed',
  close: 'case.closed',
  withdraw: 'case.withdrawn',
  merge: 'case.merged',
  setCaseLeader: 'case.case_leader_set',
  flagBacklog: 'case.backlog_flagged',
  clearBacklog: 'case.backlog_cleared',
  supervise: 'case.supervised',
  answerSupervision: 'case.supervision_answered',
  recordFollowUp: 'case.followed_up',
  evaluate: 'case.evaluated',
  scheduleHearing: 'case.hearing_scheduled',
  recordHearing: 'case.hearing_recorded',
  continueAsSuggestion: 'case.continued_as_suggestion',
};

export const caseLifecycle = defineLifecycle({
  entity: 'case',
  noun: '信访事项',
  statuses: caseStatuses,
  statusLabels: caseStatusLabels,
  actions: caseActions,
  actionLabels: caseActionLabels,
  transitions,
  eventTypes: caseActionEvents,
});

/** Every action possible in this status, whoever the actor is. */
export const actionsFromStatus = (status: CaseStatus): CaseAction[] => lifecycle.actionsFromStatus(caseLifecycle, status);

/** Actions someone holding any of `actorRoles` may take now, in `caseActions` order. */
export const allowedActions = (status: CaseStatus, actorRoles: readonly Role[]): CaseAction[] =>
  lifecycle.allowedActions(caseLifecycle, status, actorRoles);

export type TransitionCheck = lifecycle.TransitionCheck<CaseStatus, CaseAction>;

/** See `checkTransition` in db/streams/lifecycle.ts: the status check comes before the role check. */
export const checkTransition = (status: CaseStatus, action: CaseAction, actorRoles: readonly Role[]): TransitionCheck =>
  lifecycle.checkTransition(caseLifecycle, status, action, actorRoles);
