/**
 * 并案办理、分别答复: similar suggestions of one campaign (or open collection) and category are linked into a
 * cluster that is assessed and decided once; every member keeps its own stream, feedback clock, answer and
 * endorsements. Pure: which suggestions may be clustered together and which cluster actions fit now.
 */
import type { Role } from '../accounts/actor';
import { allowedActions } from '../streams/lifecycle';
import type { SuggestionRuleCode } from './errors';
import { suggestionLifecycle, undecidedStatuses } from './lifecycle';
import type { SuggestionAction, SuggestionStatus } from './vocabulary';

export const MIN_CLUSTER_MEMBERS = 2;

/** What a cluster action runs on every member (membership changes are joinCluster / leaveCluster). */
export const clusterActions = ['startAssessment', 'recordAssessment', 'completeAssessment', 'adopt', 'adoptPartly', 'keepForReference', 'notAdopt'] as const satisfies readonly SuggestionAction[];
export type ClusterAction = (typeof clusterActions)[number];

export interface ClusterMemberFacts {
  id: string;
  campaignId: string | null;
  category: string;
  status: SuggestionStatus;
  clusterId: string | null;
}

/** Withdrawn members stay in the cluster (its history) but are no longer handled with it. */
export function handledMembers<M extends Pick<ClusterMemberFacts, 'status'>>(members: readonly M[]): M[] {
  return members.filter((m) => m.status !== 'WITHDRAWN');
}

/** The status every handled member is in, or null when they differ (or none is left). */
export function clusterStatus(members: readonly Pick<ClusterMemberFacts, 'status'>[]): SuggestionStatus | null {
  const statuses = new Set(handledMembers(members).map((m) => m.status));
  return statuses.size === 1 ? [...statuses][0] : null;
}

export type ClusterRefusal = { code: SuggestionRuleCode; message?: string };

/**
 * May `joining` go into a cluster of `bucket` whose handled members are `members`? Same campaign and category,
 * not in a cluster yet, and at the same step as the others (a cluster moves as one).
 */
export function checkJoin(bucket: { campaignId: string | null; category: string }, members: readonly ClusterMemberFacts[], joining: ClusterMemberFacts): ClusterRefusal | null {
  if (joining.campaignId !== bucket.campaignId || joining.category !== bucket.category) return { code: 'suggestion/cluster-mismatch' };
  if (joining.clusterId) return { code: 'suggestion/already-clustered' };
  const status = clusterStatus(members);
  if (handledMembers(members).length && status !== joining.status) {
    return { code: 'suggestion/cluster-not-uniform', message: `并案组内的建议处于“${status ? suggestionLifecycle.statusLabels[status] : '不同环节'}”，该建议处于“${suggestionLifecycle.statusLabels[joining.status]}”，须处于同一环节才能并案` };
  }
  return null;
}

/** A new cluster: at least two suggestions, all of one bucket, none clustered, all at the same undecided step. */
export function checkNewCluster(members: readonly ClusterMemberFacts[]): ClusterRefusal | null {
  if (new Set(members.map((m) => m.id)).size < MIN_CLUSTER_MEMBERS) return { code: 'suggestion/cluster-too-small' };
  if (members.some((m) => m.clusterId)) return { code: 'suggestion/already-clustered' };
  const [first, ...rest] = members;
  let joined: ClusterMemberFacts[] = [first];
  for (const m of rest) {
    const refusal = checkJoin(first, joined, m);
    if (refusal) return refusal;
    joined = [...joined, m];
  }
  return null;
}

/** Cluster actions these roles may take now (with their status common to every handled member). */
export function clusterAllowedActions(members: readonly Pick<ClusterMemberFacts, 'status'>[], roles: readonly Role[]): SuggestionAction[] {
  const status = clusterStatus(members);
  if (!status) return [];
  const possible = allowedActions(suggestionLifecycle, status, roles);
  const membership: SuggestionAction[] = (undecidedStatuses as readonly SuggestionStatus[]).includes(status) ? ['joinCluster', 'leaveCluster'] : [];
  return possible.filter((a) => (clusterActions as readonly SuggestionAction[]).includes(a) || membership.includes(a));
}
