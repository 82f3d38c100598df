/**
 * The suggestion pipeline and the campaign lifecycle as data (db/streams/lifecycle.ts): which action may be
 * taken in which status, by which role, and where it leads. Pure. Unit scope (staff act on suggestions of
 * their unit's subtree; an assessor only where drawn; the submitter only on their own) is the service's.
 */
import type { Role } from '../accounts/actor';
import { allowedActions, defineLifecycle } from '../streams/lifecycle';
import {
  campaignActionLabels,
  campaignActions,
  campaignStatuses,
  campaignStatusLabels,
  suggestionActionLabels,
  suggestionActions,
  suggestionStatuses,
  suggestionStatusLabels,
  type SuggestionAction,
  type SuggestionStatus,
} from './vocabulary';

const STAFF: readonly Role[] = ['STAFF', 'LEADER', 'ADMIN'];

/** Before a decision: the suggestion is still being looked at (and may be endorsed). */
export const undecidedStatuses = ['SUBMITTED', 'UNDER_ASSESSMENT', 'ASSESSED'] as const satisfies readonly SuggestionStatus[];
/** With an official answer (which may still be held back from the submitter and the public). */
export const answeredStatuses = ['ADOPTED', 'PARTLY_ADOPTED', 'FOR_REFERENCE', 'NOT_ADOPTED', 'CONVERTED'] as const satisfies readonly SuggestionStatus[];
const takenUp = ['ADOPTED', 'PARTLY_ADOPTED', 'CONVERTED'] as const satisfies readonly SuggestionStatus[];

/*
 * Decisions where the issue is silent (each visible in the table):
 * - the decision (adopt … notAdopt) is the unit leader's: 采纳 commits the unit. Everything else is staff work.
 * - recordAssessment is open to STAFF and LEADER accounts; the service admits only the drawn assessors.
 *   completeAssessment (→ ASSESSED) needs every drawn assessor's scores.
 * - decline is possible until the decision (an assessor may find it a duplicate or unlawful).
 * - transferToCase (a personal grievance becomes a petition) and withdraw (the submitter's own act) before the decision.
 * - joinCluster/leaveCluster before the decision: a cluster is decided once (并案办理).
 * - convert from ADOPTED or PARTLY_ADOPTED, and again once CONVERTED (one suggestion may become several things).
 * - nominate (staff) and decideAward (the panel: a leader) only for suggestions that were taken up.
 */
export const suggestionLifecycle = defineLifecycle({
  entity: 'suggestion',
  noun: '建议',
  statuses: suggestionStatuses,
  statusLabels: suggestionStatusLabels,
  actions: suggestionActions,
  actionLabels: suggestionActionLabels,
  transitions: {
    startAssessment: { from: ['SUBMITTED'], to: 'UNDER_ASSESSMENT', roles: STAFF },
    recordAssessment: { from: ['UNDER_ASSESSMENT'], to: null, roles: ['STAFF', 'LEADER'] },
    completeAssessment: { from: ['UNDER_ASSESSMENT'], to: 'ASSESSED', roles: STAFF },
    decline: { from: undecidedStatuses, to: 'DECLINED', roles: STAFF },
    adopt: { from: ['ASSESSED'], to: 'ADOPTED', roles: ['LEADER'] },
    adoptPartly: { from: ['ASSESSED'], to: 'PARTLY_ADOPTED', roles: ['LEADER'] },
    keepForReference: { from: ['ASSESSED'], to: 'FOR_REFERENCE', roles: ['LEADER'] },
    notAdopt: { from: ['ASSESSED'], to: 'NOT_ADOPTED', roles: ['LEADER'] },
    publishAnswer: { from: answeredStatuses, to: null, roles: STAFF },
    transfer: { from: undecidedStatuses, to: null, roles: STAFF },
    markUrgent: { from: undecidedStatuses, to: null, roles: STAFF },
    makePublic: { from: undecidedStatuses, to: null, roles: STAFF },
    convert: { from: takenUp, to: 'CONVERTED', roles: STAFF },
    updateConversion: { from: ['CONVERTED'], to: null, roles: STAFF },
    withdraw: { from: undecidedStatuses, to: 'WITHDRAWN', roles: ['PETITIONER'] },
    transferToCase: { from: undecidedStatuses, to: 'TRANSFERRED_TO_CASE', roles: STAFF },
    joinCluster: { from: undecidedStatuses, to: null, roles: STAFF },
    leaveCluster: { from: undecidedStatuses, to: null, roles: STAFF },
    nominate: { from: takenUp, to: null, roles: STAFF },
    decideAward: { from: takenUp, to: null, roles: ['LEADER'] },
  },
  eventTypes: {
    startAssessment: 'suggestion.assessment_started',
    recordAssessment: 'suggestion.assessor_scored',
    completeAssessment: 'suggestion.assessed',
    decline: 'suggestion.declined',
    adopt: 'suggestion.adopted',
    adoptPartly: 'suggestion.partly_adopted',
    keepForReference: 'suggestion.kept_for_reference',
    notAdopt: 'suggestion.not_adopted',
    publishAnswer: 'suggestion.answer_published',
    transfer: 'suggestion.transferred',
    markUrgent: 'suggestion.marked_urgent',
    makePublic: 'suggestion.made_public',
    convert: 'suggestion.converted',
    updateConversion: 'suggestion.conversion_updated',
    withdraw: 'suggestion.withdrawn',
    transferToCase: 'suggestion.transferred_to_case',
    joinCluster: 'suggestion.clustered',
    leaveCluster: 'suggestion.unclustered',
    nominate: 'suggestion.nominated',
    decideAward: 'suggestion.award_decided',
  } satisfies Record<SuggestionAction, `suggestion.${string}`>,
});

/**
 * While a suggestion is in a cluster, these are taken on the cluster, once for every member (并案办理);
 * to decline, transfer or turn one member into a petition, take it out of the cluster first.
 */
export const clusterBoundActions = [
  'startAssessment',
  'recordAssessment',
  'completeAssessment',
  'decline',
  'adopt',
  'adoptPartly',
  'keepForReference',
  'notAdopt',
  'transfer',
  'transferToCase',
] as const satisfies readonly SuggestionAction[];

export interface SuggestionActionFacts {
  status: SuggestionStatus;
  publicOn: string | null;
  clusterId: string | null;
  urgent: boolean;
  answerPublishedOn: string | null;
}

/** `allowedActions` of the lifecycle, less what the row's own facts rule out (already public, already urgent, in a cluster …). */
export function suggestionAllowedActions(row: SuggestionActionFacts, roles: readonly Role[]): SuggestionAction[] {
  return allowedActions(suggestionLifecycle, row.status, roles).filter((action) => {
    if (row.clusterId && (clusterBoundActions as readonly SuggestionAction[]).includes(action)) return false;
    switch (action) {
      case 'makePublic':
        return !row.publicOn;
      case 'joinCluster':
        return !row.clusterId;
      case 'leaveCluster':
        return !!row.clusterId;
      case 'markUrgent':
        return !row.urgent;
      case 'publishAnswer':
        return !row.answerPublishedOn;
      default:
        return true;
    }
  });
}

/** Events that are not actions of a person on the pipeline (no version bump; see db/streams/runner.ts). */
export const suggestionNoticeTypes = {
  submitted: 'suggestion.submitted',
  endorsed: 'suggestion.endorsed',
  endorsementWithdrawn: 'suggestion.endorsement_withdrawn',
  priorityFlagged: 'suggestion.priority_flagged',
  feedbackWarning: 'suggestion.feedback_warning',
  feedbackBreached: 'suggestion.feedback_breached',
} as const;

export const campaignLifecycle = defineLifecycle({
  entity: 'suggestion-campaign',
  noun: '征集活动',
  statuses: campaignStatuses,
  statusLabels: campaignStatusLabels,
  actions: campaignActions,
  actionLabels: campaignActionLabels,
  transitions: {
    open: { from: ['DRAFT'], to: 'OPEN', roles: STAFF },
    close: { from: ['OPEN'], to: 'CLOSED', roles: STAFF },
    archive: { from: ['CLOSED'], to: 'ARCHIVED', roles: STAFF },
  },
  eventTypes: { open: 'campaign.opened', close: 'campaign.closed', archive: 'campaign.archived' },
});
