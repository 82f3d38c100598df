/**
 * The suggestion pipeline and the campaign lifecycle as data: which action may be taken in which status,
 * by which role, and where it leads. Pure; unit scope (staff act on suggestions of their unit's subtree;
 * an assessor only on suggestions they were drawn for; the submitter only on their own) is the service's.
 */
import type { roleNames } from '../tables/accounts.sql';

type Role = (typeof roleNames)[number];
import {
  adoptionResults,
  campaignActions,
  suggestionActions,
  suggestionStatuses,
  type CampaignAction,
  type CampaignStatus,
  type SuggestionAction,
  type SuggestionStatus,
} from './vocabulary';

export interface Rule<S extends string> {
  from: readonly S[];
  /** The status after; null = unchanged; a list = one of these, chosen by the input (e.g. the adoption result). */
  to: S | null | readonly S[];
  roles: readonly Role[];
}

const STAFF: readonly Role[] = ['STAFF', 'LEADER', 'ADMIN'];

/** Before a decision: the suggestion is still being looked at. */
export const undecidedStatuses = ['SUBMITTED', 'UNDER_ASSESSMENT', 'ASSESSED'] as const satisfies readonly SuggestionStatus[];
/** Statuses with an official answer (which may still be held back from the submitter and the public). */
export const answeredStatuses = [...adoptionResults, 'CONVERTED'] as const satisfies readonly SuggestionStatus[];

/*
 * Decisions where the issue is silent (each visible in the table):
 * - decide is the unit leader's (采纳 commits the unit); everything else in handling is staff work.
 * - recordAssessment is open to STAFF and LEADER accounts; the service admits only the drawn assessors.
 *   It leaves the status at UNDER_ASSESSMENT until the last drawn assessor has scored, then ASSESSED.
 * - decline is possible until the decision (an assessor may find it is a duplicate or unlawful).
 * - transferToCase (a personal grievance becomes a petition) before the decision only.
 * - withdraw is the submitter's own act, before the decision.
 * - joinCluster/leaveCluster before the decision: a cluster is decided once (并案办理).
 * - convert from ADOPTED or PARTLY_ADOPTED; more conversion records (and progress updates) once CONVERTED.
 * - nominate (staff) and decideAward (the panel, a leader) only for adopted, partly adopted or converted ones.
 */
export const suggestionRules: Readonly<Record<SuggestionAction, Rule<SuggestionStatus>>> = {
  startAssessment: { from: ['SUBMITTED'], to: 'UNDER_ASSESSMENT', roles: STAFF },
  decline: { from: undecidedStatuses, to: 'DECLINED', roles: STAFF },
  recordAssessment: { from: ['UNDER_ASSESSMENT'], to: ['UNDER_ASSESSMENT', 'ASSESSED'], roles: ['STAFF', 'LEADER'] },
  decide: { from: ['ASSESSED'], to: adoptionResults, roles: ['LEADER'] },
  publishAnswer: { from: answeredStatuses, to: null, roles: STAFF },
  transfer: { from: undecidedStatuses, to: null, roles: STAFF },
  markUrgent: { from: undecidedStatuses, to: null, roles: STAFF },
  convert: { from: ['ADOPTED', 'PARTLY_ADOPTED', 'CONVERTED'], to: 'CONVERTED', roles: STAFF },
  updateConversion: { from: ['CONVERTED'], to: null, roles: STAFF },
  withdraw: { from: undecidedStatuses, to: 'WITHDRAWN', roles: ['PETITIONER'] },
  transferToCase: { from: undecidedStatuses, to: 'TRANSFERRED_TO_CASE', roles: STAFF },
  joinCluster: { from: undecidedStatuses, to: null, roles: STAFF },
  leaveCluster: { from: undecidedStatuses, to: null, roles: STAFF },
  // Rewards (表彰奖励) are for suggestions that were taken up.
  nominate: { from: ['ADOPTED', 'PARTLY_ADOPTED', 'CONVERTED'], to: null, roles: STAFF },
  decideAward: { from: ['ADOPTED', 'PARTLY_ADOPTED', 'CONVERTED'], to: null, roles: ['LEADER'] },
};

export const campaignRules: Readonly<Record<CampaignAction, Rule<CampaignStatus>>> = {
  open: { from: ['DRAFT'], to: 'OPEN', roles: STAFF },
  close: { from: ['OPEN'], to: 'CLOSED', roles: STAFF },
  archive: { from: ['CLOSED'], to: 'ARCHIVED', roles: STAFF },
};

export type Check<S extends string> =
  | { ok: true; to: S }
  | { ok: false; code: 'invalid-transition' | 'forbidden'; message: string; allowed: string[] };

/** The actions someone with these roles may take now (what a client shows as buttons). */
export function allowedActionsOf<A extends string, S extends string>(rules: Readonly<Record<A, Rule<S>>>, status: S, roles: readonly Role[]): A[] {
  return (Object.keys(rules) as A[]).filter((action) => rules[action].from.includes(status) && rules[action].roles.some((r) => roles.includes(r)));
}

/**
 * Whether `action` may be taken in `status` by these roles, and the status after. `chosen` picks the
 * target when the rule allows several (the adoption result); it must be one of them.
 */
export function checkRule<A extends string, S extends string>(
  rules: Readonly<Record<A, Rule<S>>>,
  labels: Readonly<Record<A, string>>,
  statusLabels: Readonly<Record<S, string>>,
  status: S,
  action: A,
  roles: readonly Role[],
  chosen?: S,
): Check<S> {
  const rule = rules[action];
  const allowed = allowedActionsOf(rules, status, roles);
  if (!rule.from.includes(status)) {
    return { ok: false, code: 'invalid-transition', message: `「${statusLabels[status]}」状态下不能${labels[action]}`, allowed };
  }
  if (!rule.roles.some((r) => roles.includes(r))) {
    return { ok: false, code: 'forbidden', message: `你的角色不能${labels[action]}`, allowed };
  }
  if (rule.to === null) return { ok: true, to: status };
  if (typeof rule.to === 'string') return { ok: true, to: rule.to as S };
  const targets = rule.to as readonly S[];
  const to = chosen ?? targets[0];
  if (!targets.includes(to)) throw new RangeError(`${action} cannot lead to ${to}`);
  return { ok: true, to };
}

export { suggestionActions, suggestionStatuses, campaignActions };
