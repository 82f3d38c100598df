/**
 * The pipeline's actions, one rule each, all through the one stream runner (db/streams/runner.ts):
 * lock, visibility, expectedVersion, the lifecycle, this rule, the row change, exactly one event.
 */
import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import { accounts } from '../tables/accounts.sql';
import { suggestionAssessments, suggestionAssessorPool, suggestionConversions } from '../tables/suggestions.sql';
import { units } from '../tables/units.sql';
import { InputError } from '../errors';
import type { Session } from '../session';
import { runStreamAction, type ActionScope, type StreamActionInput } from '../streams/runner';
import { getUnit } from '../units/service';
import { intakeCase } from '../cases/intake';
import { DEFAULT_ASSESSORS, drawAssessors, SCORE_RANGE } from './campaigns';
import { SuggestionRuleError } from './errors';
import { suggestionStream } from './stream';
import { clusterBoundActions } from './lifecycle';
import { decisionActions, type SuggestionAction, type ConversionKind, type ConversionProgress, type DecisionAction, type DeclineReason } from './vocabulary';

type Scope = ActionScope<typeof suggestionStream.table, { calendar: unknown }>;
/** `viaCluster`: set by the cluster service (db/suggestions/cluster-service.ts) only, never from the API. */
type Input<T> = StreamActionInput & { suggestionId: string; viaCluster?: string } & T;

/**
 * One action through the stream runner. A clustered suggestion is assessed and decided with its cluster:
 * those actions taken on it alone are refused, and taken through the cluster their event names the cluster.
 */
const run = <T>(session: Session, action: SuggestionAction, input: Input<T>, rule: (scope: Scope) => Promise<{ changes?: Record<string, unknown>; payload?: Record<string, unknown> }>) =>
  runStreamAction(session, suggestionStream, action, input.suggestionId, input, (async (scope: Scope) => {
    if (scope.row.clusterId && !input.viaCluster && (clusterBoundActions as readonly SuggestionAction[]).includes(action)) throw new SuggestionRuleError('suggestion/clustered');
    const outcome = await rule(scope);
    return input.viaCluster ? { ...outcome, payload: { ...outcome.payload, clusterId: input.viaCluster } } : outcome;
  }) as never);

/** Staff act only on suggestions of their unit's subtree (谁主管、谁负责). */
function assertResponsible(scope: Scope) {
  if (!scope.actorPath || !scope.row.unitPath.startsWith(scope.actorPath)) throw new SuggestionRuleError('suggestion/not-our-unit');
}

function required(value: string | undefined | null, field: string, what: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw InputError.forField(field, `请填写${what}`);
  return trimmed;
}

const cryptoRandom = () => randomInt(1 << 30) / (1 << 30);

/** Draws `count` active assessors from the pools of the unit at `unitPath` and its ancestors. */
export async function drawFromPool(tx: Executor, unitPath: string, count: number | null | undefined, random: () => number = cryptoRandom): Promise<string[]> {
  const wanted = count ?? DEFAULT_ASSESSORS;
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > 7) throw InputError.forField('assessors', '评估人数应为 1–7 人');
  const pool = await tx
    .selectDistinct({ accountId: suggestionAssessorPool.accountId })
    .from(suggestionAssessorPool)
    .innerJoin(units, eq(units.id, suggestionAssessorPool.unitId))
    .innerJoin(accounts, eq(accounts.id, suggestionAssessorPool.accountId))
    .where(and(eq(suggestionAssessorPool.active, true), eq(accounts.status, 'ACTIVE'), sql`${unitPath} like ${units.path} || '%'`))
    .orderBy(suggestionAssessorPool.accountId);
  if (!pool.length) throw new SuggestionRuleError('suggestion/no-assessors');
  return drawAssessors(pool.map((p) => p.accountId), wanted, random);
}

/** 启动评估: draws assessors from the pools of the responsible unit and its ancestors (a cluster hands its own draw). */
export function startAssessment(session: Session, input: Input<{ assessors?: number | null; drawn?: string[] }>, random: () => number = cryptoRandom) {
  return run(session, 'startAssessment', input, async (scope) => {
    assertResponsible(scope);
    const drawn = input.viaCluster && input.drawn ? input.drawn : await drawFromPool(scope.tx, scope.row.unitPath, input.assessors, random);
    await scope.tx.insert(suggestionAssessments).values(drawn.map((assessorId) => ({ suggestionId: scope.row.id, assessorId })));
    return { changes: { assessorIds: drawn }, payload: { assessorIds: drawn } };
  });
}

/** A drawn assessor's scores (1–5) and internal notes; notes stay in the table, out of the history's payload. */
export function recordAssessment(session: Session, input: Input<{ valueScore: number; feasibilityScore: number; notes?: string | null }>) {
  return run(session, 'recordAssessment', input, async (scope) => {
    for (const field of ['valueScore', 'feasibilityScore'] as const) {
      const v = input[field];
      if (!Number.isInteger(v) || v < SCORE_RANGE.min || v > SCORE_RANGE.max) throw InputError.forField(field, `评分应为 ${SCORE_RANGE.min}–${SCORE_RANGE.max} 的整数`);
    }
    const [mine] = await scope.tx
      .select()
      .from(suggestionAssessments)
      .where(and(eq(suggestionAssessments.suggestionId, scope.row.id), eq(suggestionAssessments.assessorId, scope.actor.accountId)));
    if (!mine) throw new SuggestionRuleError('suggestion/not-an-assessor');
    if (mine.assessedAt) throw new SuggestionRuleError('suggestion/already-scored');
    await scope.tx
      .update(suggestionAssessments)
      .set({ valueScore: input.valueScore, feasibilityScore: input.feasibilityScore, notes: input.notes?.trim() || null, assessedAt: scope.occurredAt })
      .where(eq(suggestionAssessments.id, mine.id));
    return { payload: { valueScore: input.valueScore, feasibilityScore: input.feasibilityScore } };
  });
}

export function completeAssessment(session: Session, input: Input<object>) {
  return run(session, 'completeAssessment', input, async (scope) => {
    assertResponsible(scope);
    const rows = await scope.tx.select().from(suggestionAssessments).where(eq(suggestionAssessments.suggestionId, scope.row.id));
    if (rows.some((r) => !r.assessedAt)) throw new SuggestionRuleError('suggestion/assessment-incomplete');
    const mean = (pick: (r: (typeof rows)[number]) => number | null) => rows.reduce((sum, r) => sum + (pick(r) ?? 0), 0) / rows.length;
    return { payload: { assessors: rows.length, valueScore: mean((r) => r.valueScore), feasibilityScore: mean((r) => r.feasibilityScore) } };
  });
}

/** 不予采纳办理 with a reason: the submitter is told why (that is the feedback). */
export function declineSuggestion(session: Session, input: Input<{ reason: DeclineReason; explanation: string }>) {
  return run(session, 'decline', input, async (scope) => {
    assertResponsible(scope);
    const explanation = required(input.explanation, 'explanation', '告知建议人的理由说明');
    return {
      changes: { declineReason: input.reason, declineExplanation: explanation, feedbackOn: scope.on },
      payload: { reason: input.reason, explanation },
    };
  });
}

export interface DecisionInput {
  answer: string;
  /** Tell the submitter and publish now; false holds the answer internally until publishAnswer. */
  publish: boolean;
}

/** 采纳 / 部分采纳 / 留作参考 / 不予采纳 with the official answer (the unit leader's decision). */
export function decideSuggestion(session: Session, action: DecisionAction, input: Input<DecisionInput>) {
  return run(session, action, input, async (scope) => {
    assertResponsible(scope);
    const answer = required(input.answer, 'answer', '答复意见');
    const released = input.publish ? { answerPublishedOn: scope.on, feedbackOn: scope.on } : {};
    return { changes: { decidedOn: scope.on, answer, ...released }, payload: { result: decisionActions[action], published: input.publish } };
  });
}

/** Releases a held answer: the submitter is told (feedback) and the public may read it. */
export function publishAnswer(session: Session, input: Input<object>) {
  return run(session, 'publishAnswer', input, async (scope) => {
    assertResponsible(scope);
    if (scope.row.answerPublishedOn) throw new SuggestionRuleError('suggestion/answer-already-published');
    return { changes: { answerPublishedOn: scope.on, feedbackOn: scope.row.feedbackOn ?? scope.on }, payload: {} };
  });
}

/** 转交 to the unit responsible for the matter; the feedback clock keeps running from receipt. */
export function transferSuggestion(session: Session, input: Input<{ targetUnitId: string; note?: string | null }>) {
  return run(session, 'transfer', input, async (scope) => {
    assertResponsible(scope);
    const target = await getUnit(scope.tx, input.targetUnitId).catch(() => {
      throw InputError.forField('targetUnitId', '接收单位不存在');
    });
    if (target.id === scope.row.unitId) throw InputError.forField('targetUnitId', '接收单位与当前责任单位相同');
    return { changes: { unitId: target.id, unitPath: target.path }, payload: { fromUnitId: scope.row.unitId, toUnitId: target.id, note: input.note ?? null } };
  });
}

/** 快速通道: urgent matters are owed feedback within URGENT_FEEDBACK_DAYS. */
export function markUrgent(session: Session, input: Input<{ reason: string }>) {
  return run(session, 'markUrgent', input, async (scope) => {
    assertResponsible(scope);
    if (scope.row.urgent) throw new SuggestionRuleError('suggestion/already-urgent');
    return { changes: { urgent: true }, payload: { reason: required(input.reason, 'reason', '列入快速通道的理由') } };
  });
}

/** 公开: citizens may read it (without personal data) and endorse it; it stays public until it is declined or withdrawn. */
export function makePublic(session: Session, input: Input<object>) {
  return run(session, 'makePublic', input, async (scope) => {
    assertResponsible(scope);
    if (scope.row.publicOn) throw new SuggestionRuleError('suggestion/already-public');
    return { changes: { publicOn: scope.on }, payload: {} };
  });
}

export interface ConversionInput {
  kind: ConversionKind;
  unitId: string;
  title: string;
  convertedOn: string;
  link?: string | null;
  progress: ConversionProgress;
  progressNote?: string | null;
}

/** 转化: records what the adopted suggestion became (one suggestion may become several). */
export function convertSuggestion(session: Session, input: Input<ConversionInput>) {
  return run(session, 'convert', input, async (scope) => {
    assertResponsible(scope);
    await getUnit(scope.tx, input.unitId).catch(() => {
      throw InputError.forField('unitId', '转化单位不存在');
    });
    if (input.convertedOn > scope.on) throw InputError.forField('convertedOn', '转化日期不能晚于今天');
    if (input.link && !/^https?:\/\//.test(input.link)) throw InputError.forField('link', '链接应以 http:// 或 https:// 开头');
    const [record] = await scope.tx
      .insert(suggestionConversions)
      .values({
        suggestionId: scope.row.id,
        kind: input.kind,
        unitId: input.unitId,
        title: required(input.title, 'title', '转化成果名称'),
        convertedOn: input.convertedOn,
        link: input.link ?? null,
        progress: input.progress,
        progressNote: input.progressNote ?? null,
        progressOn: scope.on,
      })
      .returning({ id: suggestionConversions.id });
    return { payload: { conversionId: record.id, kind: input.kind, unitId: input.unitId, progress: input.progress } };
  });
}

export function updateConversion(session: Session, input: Input<{ conversionId: string; progress: ConversionProgress; progressNote?: string | null }>) {
  return run(session, 'updateConversion', input, async (scope) => {
    assertResponsible(scope);
    const [updated] = await scope.tx
      .update(suggestionConversions)
      .set({ progress: input.progress, progressNote: input.progressNote ?? null, progressOn: scope.on })
      .where(and(eq(suggestionConversions.id, input.conversionId), eq(suggestionConversions.suggestionId, scope.row.id)))
      .returning({ id: suggestionConversions.id });
    if (!updated) throw new SuggestionRuleError('suggestion/conversion-not-found');
    return { payload: { conversionId: input.conversionId, progress: input.progress } };
  });
}

/** The submitter takes it back; nothing is owed any more (the feedback clock lapses). */
export function withdrawSuggestion(session: Session, input: Input<{ reason?: string | null }>) {
  return run(session, 'withdraw', input, async (scope) => {
    if (scope.row.submitterAccountId !== scope.actor.accountId) throw new SuggestionRuleError('suggestion/not-submitter');
    return { changes: { withdrawnOn: scope.on }, payload: { reason: input.reason ?? null } };
  });
}

/**
 * A personal grievance becomes a petition (申诉求决类) through the case intake service, in this
 * transaction; the suggestion links to the case and the submitter is told (feedback).
 */
export function transferToCase(session: Session, input: Input<{ note?: string | null }>) {
  return run(session, 'transferToCase', input, async (scope) => {
    assertResponsible(scope);
    const row = scope.row;
    let primaryPetitionerId: string | undefined;
    if (row.submitterAccountId) {
      const [account] = await scope.tx.select({ petitionerId: accounts.petitionerId }).from(accounts).where(eq(accounts.id, row.submitterAccountId));
      primaryPetitionerId = account?.petitionerId ?? undefined;
    }
    if (!primaryPetitionerId && !row.contactName) throw new SuggestionRuleError('suggestion/no-contact');
    const unit = await getUnit(scope.tx, scope.actor.unitId ?? row.unitId);
    const placeCode = row.placeCode ?? unit.divisionCode.slice(0, 6);
    const result = await intakeCase(
      scope.tx as unknown as Database,
      scope.actor,
      {
        idempotencyKey: `suggestion-to-case-${row.id}`,
        kind: 'APPEAL_REQUEST',
        channel: row.channel,
        category: row.category,
        title: row.title,
        content: row.content,
        placeCode,
        receivedOn: scope.on,
        petitioners: primaryPetitionerId ? [] : [{ kind: 'PERSON', name: row.contactName!, mobile: row.contactMobile ?? undefined, role: 'PRIMARY' }],
      },
      { receivingUnitId: unit.id, operation: 'registerCase', now: scope.occurredAt, primaryPetitionerId, origin: { type: 'SUGGESTION', id: row.id } },
    );
    return { changes: { caseId: result.caseId, feedbackOn: scope.on }, payload: { caseId: result.caseId, note: input.note ?? null } };
  });
}


/** Membership steps on the member's own stream; only the cluster service calls them, holding the cluster's lock. */
export function joinCluster(session: Session, input: Input<{ clusterId: string }>) {
  return run(session, 'joinCluster', input, async (scope) => {
    assertResponsible(scope);
    if (scope.row.clusterId) throw new SuggestionRuleError('suggestion/already-clustered');
    return { changes: { clusterId: input.clusterId }, payload: { clusterId: input.clusterId } };
  });
}

export function leaveCluster(session: Session, input: Input<{ clusterId: string; note?: string | null }>) {
  return run(session, 'leaveCluster', input, async (scope) => {
    assertResponsible(scope);
    if (scope.row.clusterId !== input.clusterId) throw new SuggestionRuleError('suggestion/not-clustered');
    return { changes: { clusterId: null }, payload: { clusterId: input.clusterId, note: input.note ?? null } };
  });
}
