/**
 * Clusters (并案办理、分别答复) in one transaction each: the cluster's row is locked first, then its members in id
 * order, and every member's step goes through the one stream runner (a savepoint inside this transaction), so
 * each member's stream gets its own event and either all of them are written or none. The cluster's own
 * `version` is the expectedVersion of everything done to it; membership changes bump it too.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../client';
import { suggestionClusters, suggestions } from '../tables/suggestions.sql';
import { ForbiddenError, InputError, NotFoundError } from '../errors';
import { VersionConflictError } from '../streams/errors';
import type { Session } from '../session';
import * as actions from './actions';
import { checkJoin, checkNewCluster, clusterStatus, handledMembers, MIN_CLUSTER_MEMBERS, type ClusterAction } from './clusters';
import { SuggestionRuleError } from './errors';
import { canReadSuggestion } from './stream';
import { decisionActions, type DecisionAction } from './vocabulary';
import type { DecisionInput } from './actions';

export interface MemberVersion {
  suggestionId: string;
  expectedVersion: number;
}

type ClusterRow = typeof suggestionClusters.$inferSelect;
type SuggestionRow = typeof suggestions.$inferSelect;

function staffOf(session: Session) {
  const actor = session.actor;
  if (!actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  if (!session.unitPath || !actor.roles.some((r) => r === 'STAFF' || r === 'LEADER' || r === 'ADMIN')) throw new ForbiddenError('只有单位工作人员可以并案办理');
  return actor;
}

/** Staff over the cluster's unit; a drawn assessor of a handled member (to score the cluster once). */
function canReadCluster(session: Session, cluster: ClusterRow, members: readonly SuggestionRow[]): boolean {
  if (session.unitPath && cluster.unitPath.startsWith(session.unitPath) && session.actor?.roles.some((r) => r === 'STAFF' || r === 'LEADER' || r === 'ADMIN')) return true;
  return !!session.actor && members.some((m) => m.assessorIds.includes(session.actor!.accountId));
}

const inner = (session: Session, tx: Transaction): Session => ({ ...session, db: tx as unknown as Database });

async function lockMembers(tx: Transaction, clusterId: string): Promise<SuggestionRow[]> {
  return tx.select().from(suggestions).where(eq(suggestions.clusterId, clusterId)).orderBy(asc(suggestions.id)).for('update');
}

/** Locks the cluster and its members, checks who may act and the cluster's version, runs `work`, bumps the version. */
async function withCluster<T>(
  session: Session,
  clusterId: string,
  expectedVersion: number,
  work: (tx: Transaction, cluster: ClusterRow, members: SuggestionRow[]) => Promise<T>,
): Promise<{ clusterId: string; result: T }> {
  if (!session.actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  return session.db.transaction(async (tx) => {
    const [cluster] = await tx.select().from(suggestionClusters).where(eq(suggestionClusters.id, clusterId)).for('update');
    const members = cluster ? await lockMembers(tx, cluster.id) : [];
    if (!cluster || !canReadCluster(session, cluster, members)) throw new NotFoundError('suggestion-cluster', '并案组不存在或无权查看');
    if (cluster.version !== expectedVersion) throw new VersionConflictError('suggestion-cluster', '并案组', cluster.version);
    const result = await work(tx, cluster, members);
    await tx.update(suggestionClusters).set({ version: sql`${suggestionClusters.version} + 1`, updatedAt: session.now() }).where(eq(suggestionClusters.id, cluster.id));
    return { clusterId: cluster.id, result };
  });
}

/** 并案: a new cluster of at least two suggestions of one campaign and category, each joining on its own stream. */
export async function createCluster(session: Session, input: { title: string; members: MemberVersion[] }): Promise<{ clusterId: string }> {
  const actor = staffOf(session);
  const title = input.title.trim();
  if (title.length < 2 || title.length > 100) throw InputError.forField('title', '并案组名称应为 2–100 个字');
  if (new Set(input.members.map((m) => m.suggestionId)).size < MIN_CLUSTER_MEMBERS) throw new SuggestionRuleError('suggestion/cluster-too-small');
  return session.db.transaction(async (tx) => {
    const ids = [...new Set(input.members.map((m) => m.suggestionId))].sort();
    const rows = await tx.select().from(suggestions).where(inArray(suggestions.id, ids)).orderBy(asc(suggestions.id)).for('update');
    const visible = rows.filter((r) => canReadSuggestion(session, r));
    if (visible.length !== ids.length) throw new NotFoundError('suggestion', '建议不存在或无权查看');
    const refusal = checkNewCluster(visible);
    if (refusal) throw new SuggestionRuleError(refusal.code, refusal.message);
    const [cluster] = await tx
      .insert(suggestionClusters)
      .values({ title, campaignId: visible[0].campaignId, category: visible[0].category, unitPath: session.unitPath!, createdById: actor.accountId })
      .returning({ id: suggestionClusters.id });
    for (const id of ids) {
      const expectedVersion = input.members.find((m) => m.suggestionId === id)!.expectedVersion;
      await actions.joinCluster(inner(session, tx), { suggestionId: id, expectedVersion, clusterId: cluster.id });
    }
    return { clusterId: cluster.id };
  });
}

/** Adds a suggestion at the same step as the cluster's members. */
export function addToCluster(session: Session, input: { clusterId: string; expectedVersion: number; member: MemberVersion }) {
  staffOf(session);
  return withCluster(session, input.clusterId, input.expectedVersion, async (tx, cluster, members) => {
    const [row] = await tx.select().from(suggestions).where(eq(suggestions.id, input.member.suggestionId)).for('update');
    if (!row || !canReadSuggestion(session, row)) throw new NotFoundError('suggestion', '建议不存在或无权查看');
    const refusal = checkJoin(cluster, members, row);
    if (refusal) throw new SuggestionRuleError(refusal.code, refusal.message);
    await actions.joinCluster(inner(session, tx), { ...input.member, clusterId: cluster.id });
  });
}

/** Takes a suggestion out (to decline it, transfer it or handle it alone); its endorsements and history stay with it. */
export function removeFromCluster(session: Session, input: { clusterId: string; expectedVersion: number; member: MemberVersion; note?: string | null }) {
  staffOf(session);
  return withCluster(session, input.clusterId, input.expectedVersion, async (tx, cluster, members) => {
    if (!members.some((m) => m.id === input.member.suggestionId)) throw new SuggestionRuleError('suggestion/not-clustered');
    await actions.leaveCluster(inner(session, tx), { ...input.member, clusterId: cluster.id, note: input.note });
  });
}

export interface ClusterActionInput {
  clusterId: string;
  expectedVersion: number;
  occurredAt?: Date | null;
}

/** Every handled member must stand at the same step: a cluster moves as one. */
function uniformMembers(members: SuggestionRow[]): SuggestionRow[] {
  const handled = handledMembers(members);
  if (!handled.length) throw new SuggestionRuleError('suggestion/cluster-too-small');
  if (!clusterStatus(handled)) throw new SuggestionRuleError('suggestion/cluster-not-uniform');
  return handled;
}

/** Runs one pipeline action on every handled member, each with the version it has now (the cluster's version vouches). */
async function onEveryMember(session: Session, tx: Transaction, clusterId: string, members: SuggestionRow[], occurredAt: Date | null | undefined, run: (s: Session, base: { suggestionId: string; expectedVersion: number; viaCluster: string; occurredAt?: Date | null }, member: SuggestionRow) => Promise<unknown>) {
  for (const member of uniformMembers(members)) {
    await run(inner(session, tx), { suggestionId: member.id, expectedVersion: member.version, viaCluster: clusterId, occurredAt }, member);
  }
}

/** 并案评估: the assessors are drawn once, from the pools of the cluster's unit and its ancestors, for every member. */
export function startClusterAssessment(session: Session, input: ClusterActionInput & { assessors?: number | null }, random?: () => number) {
  return withCluster(session, input.clusterId, input.expectedVersion, async (tx, cluster, members) => {
    uniformMembers(members);
    const drawn = await actions.drawFromPool(tx, cluster.unitPath, input.assessors, random);
    await onEveryMember(session, tx, cluster.id, members, input.occurredAt, (s, base) => actions.startAssessment(s, { ...base, drawn }));
  });
}

/** A drawn assessor scores the cluster once; the scores are recorded on every member. */
export function recordClusterAssessment(session: Session, input: ClusterActionInput & { valueScore: number; feasibilityScore: number; notes?: string | null }) {
  return withCluster(session, input.clusterId, input.expectedVersion, (tx, cluster, members) =>
    onEveryMember(session, tx, cluster.id, members, input.occurredAt, (s, base) => actions.recordAssessment(s, { ...base, valueScore: input.valueScore, feasibilityScore: input.feasibilityScore, notes: input.notes })),
  );
}

export function completeClusterAssessment(session: Session, input: ClusterActionInput) {
  return withCluster(session, input.clusterId, input.expectedVersion, (tx, cluster, members) =>
    onEveryMember(session, tx, cluster.id, members, input.occurredAt, (s, base) => actions.completeAssessment(s, base)),
  );
}

export interface ClusterDecisionInput extends ClusterActionInput, DecisionInput {
  result: (typeof decisionActions)[DecisionAction];
  /** 分别答复: a member's own answer to its submitter; members without one get the cluster's answer. */
  replies?: { suggestionId: string; answer: string }[] | null;
}

/** 并案决定: one decision for every member, each told on its own stream (with its own answer where given). */
export function decideCluster(session: Session, input: ClusterDecisionInput) {
  const action = (Object.keys(decisionActions) as DecisionAction[]).find((a) => decisionActions[a] === input.result)!;
  const answer = input.answer?.trim();
  if (!answer) throw InputError.forField('answer', '请填写答复意见');
  return withCluster(session, input.clusterId, input.expectedVersion, async (tx, cluster, members) => {
    const replies = new Map((input.replies ?? []).map((r) => [r.suggestionId, r.answer.trim()]));
    for (const id of replies.keys()) if (!members.some((m) => m.id === id && m.status !== 'WITHDRAWN')) throw new SuggestionRuleError('suggestion/reply-not-member');
    await onEveryMember(session, tx, cluster.id, members, input.occurredAt, (s, base, member) =>
      actions.decideSuggestion(s, action, { ...base, answer: replies.get(member.id) || answer, publish: input.publish }),
    );
    await tx.update(suggestionClusters).set({ answer }).where(eq(suggestionClusters.id, cluster.id));
  });
}

export type { ClusterAction };
