/**
 * The mediation session state machine as data: which action may be taken in which status, by which
 * role, and where it leads. Unit scope (staff of the session's unit subtree; the mediator only on a
 * session they sit on) is the service's business, as for cases.
 *
 *   PENDING_MEDIATOR ─choose/assign→ PENDING_ACCEPTANCE ─accept→ ACCEPTED ─schedule→ SCHEDULED ─start→ IN_PROGRESS
 *         ↑                 │decline (or window passed: reassign)                 │postpone        ├─recordAgreement→ AGREEMENT
 *         └─────────────────┘                               POSTPONED ←───────────┘ ─schedule→     └─recordNoAgreement→ NO_AGREEMENT
 *   cancel from every open status → CANCELLED
 */
import type { Role } from '../accounts/actor';
import { sessionKindLabels, sessionStatusLabels, valuesOf, type SessionKind, type SessionStatus } from './vocabulary';
import { defineLifecycle, type TransitionRule } from '../streams/lifecycle';

export const sessionActions = [
  'chooseMediator',
  'assignMediator',
  'acceptAssignment',
  'declineAssignment',
  'schedule',
  'postpone',
  'start',
  'recordAgreement',
  'recordNoAgreement',
  'cancel',
  'waiveConflict',
  'signAgreement',
  'recordPerformance',
  'referToCase',
] as const;
export type SessionAction = (typeof sessionActions)[number];

export const sessionActionLabels: Readonly<Record<SessionAction, string>> = {
  chooseMediator: '当事人共同选定调解员',
  assignMediator: '指定调解员',
  acceptAssignment: '接受调解',
  declineAssignment: '拒绝调解',
  schedule: '安排场所与时间',
  postpone: '延期',
  start: '开始调解',
  recordAgreement: '达成调解协议',
  recordNoAgreement: '调解终止（未达成协议）',
  cancel: '取消',
  waiveConflict: '当事人同意回避情形下继续调解',
  signAgreement: '当事人签署协议',
  recordPerformance: '履行回访',
  referToCase: '调解不成转为信访事项',
};

export const openSessionStatuses: readonly SessionStatus[] = ['PENDING_MEDIATOR', 'PENDING_ACCEPTANCE', 'ACCEPTED', 'SCHEDULED', 'POSTPONED', 'IN_PROGRESS'];
export const terminalSessionStatuses: readonly SessionStatus[] = ['AGREEMENT', 'NO_AGREEMENT', 'CANCELLED'];
/** Statuses in which the session holds its room and panel. */
export const bookedStatuses: readonly SessionStatus[] = ['SCHEDULED', 'IN_PROGRESS'];

const STAFF: readonly Role[] = ['STAFF', 'LEADER', 'ADMIN'];
const STAFF_OR_MEDIATOR: readonly Role[] = [...STAFF, 'MEDIATOR'];

/*
 * Decisions where the issue is silent:
 * - The joint choice is recorded by staff (the parties sign it at the desk); a mediator may not choose
 *   themselves. The unit may assign at once when the parties say they will not choose.
 * - A mediator accepts or declines only their own assignment; staff may record either for them.
 * - assignMediator from PENDING_ACCEPTANCE is the "else reassigned": allowed only once the
 *   acceptance window has passed (checked by the service with the clock).
 * - start and the outcome are for staff or a mediator on the panel; the outcome needs IN_PROGRESS.
 * - waiveConflict is possible while the panel can still change (before IN_PROGRESS).
 * - referToCase: a NO_AGREEMENT session becomes a case once (staff only).
 */
const eventNames: Record<SessionAction, string> = {
  chooseMediator: 'mediator_chosen',
  assignMediator: 'mediator_assigned',
  acceptAssignment: 'accepted',
  declineAssignment: 'declined',
  schedule: 'scheduled',
  postpone: 'postponed',
  start: 'started',
  recordAgreement: 'agreement_reached',
  recordNoAgreement: 'terminated',
  cancel: 'cancelled',
  waiveConflict: 'conflict_waived',
  signAgreement: 'agreement_signed',
  recordPerformance: 'performance_followed_up',
  referToCase: 'referred_to_case',
};

export const sessionTransitions: Readonly<Record<SessionAction, TransitionRule<SessionStatus>>> = {
  chooseMediator: { from: ['PENDING_MEDIATOR'], to: 'PENDING_ACCEPTANCE', roles: STAFF },
  assignMediator: { from: ['PENDING_MEDIATOR', 'PENDING_ACCEPTANCE'], to: 'PENDING_ACCEPTANCE', roles: STAFF },
  acceptAssignment: { from: ['PENDING_ACCEPTANCE'], to: 'ACCEPTED', roles: STAFF_OR_MEDIATOR },
  declineAssignment: { from: ['PENDING_ACCEPTANCE'], to: 'PENDING_MEDIATOR', roles: STAFF_OR_MEDIATOR },
  schedule: { from: ['ACCEPTED', 'POSTPONED'], to: 'SCHEDULED', roles: STAFF },
  postpone: { from: ['SCHEDULED'], to: 'POSTPONED', roles: STAFF },
  start: { from: ['SCHEDULED'], to: 'IN_PROGRESS', roles: STAFF_OR_MEDIATOR },
  recordAgreement: { from: ['IN_PROGRESS'], to: 'AGREEMENT', roles: STAFF_OR_MEDIATOR },
  recordNoAgreement: { from: ['IN_PROGRESS'], to: 'NO_AGREEMENT', roles: STAFF_OR_MEDIATOR },
  cancel: { from: openSessionStatuses, to: 'CANCELLED', roles: STAFF },
  waiveConflict: { from: ['PENDING_MEDIATOR', 'PENDING_ACCEPTANCE', 'ACCEPTED', 'SCHEDULED', 'POSTPONED'], to: null, roles: STAFF },
  signAgreement: { from: ['AGREEMENT'], to: null, roles: STAFF_OR_MEDIATOR },
  recordPerformance: { from: ['AGREEMENT'], to: null, roles: STAFF_OR_MEDIATOR },
  referToCase: { from: ['NO_AGREEMENT'], to: null, roles: STAFF },
};

export const sessionLifecycle = defineLifecycle({
  entity: 'mediation',
  noun: '调解',
  statuses: valuesOf(sessionStatusLabels),
  statusLabels: sessionStatusLabels,
  actions: sessionActions,
  actionLabels: sessionActionLabels,
  transitions: sessionTransitions,
  eventTypes: Object.fromEntries(sessionActions.map((a) => [a, `mediation.${eventNames[a]}`])) as Record<SessionAction, string>,
});

/** The first event of every session. */
export const SESSION_OPENED = 'mediation.opened';

/** 听证 and 评理 are held by a panel of at least two with a presiding mediator; 调解 may be one mediator. */
export const panelRules: Readonly<Record<SessionKind, { minPanel: number; presiding: boolean }>> = {
  MEDIATION: { minPanel: 1, presiding: false },
  REVIEW_TALK: { minPanel: 2, presiding: true },
  HEARING: { minPanel: 2, presiding: true },
};

export function panelProblem(kind: SessionKind, panelSize: number, presidingId: string | null, panelIds: readonly string[]): string | null {
  const rule = panelRules[kind];
  if (panelSize < rule.minPanel) return `${sessionKindLabels[kind]}须由至少 ${rule.minPanel} 名调解员组成合议（含主调解员）`;
  if (rule.presiding && !presidingId) return `${sessionKindLabels[kind]}须指定一名主持人`;
  if (presidingId && !panelIds.includes(presidingId)) return '主持人须为本次调解的组成人员';
  return null;
}
