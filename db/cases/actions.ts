import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../client';
import { accounts, cases, followUps, hearings, supervisions, units } from '../schema';
import type { Session } from '../session';
import { ForbiddenError, InputError, NotFoundError } from '../errors';
import { CaseRuleError } from './errors';
import { runStreamAction, type ActionOutcome, type ActionScope as StreamScope, type StreamActionInput, type StreamChanges } from '../streams/runner';
import { caseStream } from './stream';
import { policyForUnitPath } from '../calendar/service';
import { addDays, daysBetween, isWithinWindow, toChinaDate, type IsoDate, type WorkCalendar } from '../calendar/work-calendar';
import type { CaseAction } from './lifecycle';
import { clocksOfCase, type CaseRow } from './clock-state';
import { canReadCase } from './visibility';
import { viewerOf } from './service';
import { MAX_EXTENSION_DAYS, REREVIEW_REQUEST_DAYS, REVIEW_REQUEST_DAYS } from './statutory-limits';

type CaseChanges = StreamChanges<typeof cases>;

export interface ActionInput extends StreamActionInput {
  caseId: string;
}

/** What an action body sees: the locked case row, the work calendar and the facts of this request. */
export type ActionScope = Omit<StreamScope<typeof cases, CaseFacts>, 'row'> & { row: CaseRow; calendar: WorkCalendar };

type CaseFacts = Awaited<ReturnType<(typeof caseStream)['loadFacts']>>;

/** One lifecycle action on a case through the generic stream runner (db/streams/runner.ts). */
export function runCaseAction(
  ctx: Session,
  action: CaseAction,
  input: ActionInput,
  body: (scope: ActionScope) => Promise<ActionOutcome<typeof cases>>,
): Promise<CaseRow> {
  return runStreamAction(ctx, caseStream, action, input.caseId, input, (scope) => body({ ...scope, calendar: scope.facts.calendar }));
}

// ---- unit-scope rules (who, by place in the tree, may act) ----

/** The actor's unit is the responsible unit or above it (谁主管、谁负责; higher units may act for lower ones). */
function assertResponsible(scope: ActionScope, unitPath = scope.row.unitPath) {
  if (scope.actor.roles.includes('PETITIONER') && !scope.actorPath) return;
  if (!scope.actorPath || !unitPath.startsWith(scope.actorPath)) {
    throw new CaseRuleError('case/not-our-unit', '只有责任单位或其上级单位可以办理此项');
  }
}

/** The petitioner themselves, or staff responsible for the case or for the unit the request goes to. */
function assertPetitionerOwnsOrStaffResponsible(scope: ActionScope, targetUnitPath?: string) {
  if (scope.actor.petitionerId && scope.row.petitionerIds.includes(scope.actor.petitionerId)) return;
  if (scope.actor.roles.includes('PETITIONER') && !scope.actorPath) throw new ForbiddenError('只能处理本人的信访事项');
  if (targetUnitPath && scope.actorPath && targetUnitPath.startsWith(scope.actorPath)) return;
  assertResponsible(scope);
}

async function unitById(tx: Transaction, unitId: string, field: string) {
  const [unit] = await tx.select().from(units).where(eq(units.id, unitId));
  if (!unit) throw InputError.forField(field, '单位不存在');
  return unit;
}

/** Accusations never go to (or through) the accused unit or its subtree. */
function assertNotAccused(row: CaseRow, target: { path: string }) {
  if (row.accusedUnitPath && target.path.startsWith(row.accusedUnitPath)) {
    throw new CaseRuleError('case/accused-unit', '检举控告事项不得转交被检举单位或其下级');
  }
}

function requireText(value: string | null | undefined, field: string, what: string, max = 2000): string {
  const text = value?.trim() ?? '';
  if (text.length < 2) throw InputError.forField(field, `${what}至少 2 个字`);
  if (text.length > max) throw InputError.forField(field, `${what}最多 ${max} 个字`);
  return text;
}

function assertNoPendingHearing(row: CaseRow) {
  if (row.hearingPauseStartedOn) throw new CaseRuleError('case/hearing-pending', '听证尚未举行，请先记录听证结果');
}

async function routingChanges(scope: ActionScope, target: { id: string; path: string }): Promise<CaseChanges> {
  const firstPetition = scope.row.repeatOfId === null;
  return {
    unitId: target.id,
    unitPath: target.path,
    routedOn: scope.on,
    acceptedOn: null,
    slaPolicy: await policyForUnitPath(scope.tx, target.path, firstPetition),
  };
}

// ---- the actions ----

export type Outcome = 'SUPPORTED' | 'PARTLY_SUPPORTED' | 'NOT_SUPPORTED' | 'EXPLAINED';
export type Satisfaction = 'SATISFIED' | 'BASICALLY_SATISFIED' | 'DISSATISFIED';
export type DeclineReason = 'NOT_OUR_MATTER' | 'LEGAL_PROCEDURE' | 'CONCLUDED_ALREADY' | 'DUPLICATE_IN_PROGRESS' | 'OTHER';

export const caseActions = {
  /** 转送 / 交办 to the unit with jurisdiction; 交办 also sets the day a result report is due. */
  route: (ctx: Session, input: ActionInput & { kind: 'transfer' | 'assign'; targetUnitId: string; note?: string | null; reportDueOn?: IsoDate | null }) =>
    runCaseAction(ctx, input.kind, input, async (scope) => {
      assertResponsible(scope);
      const target = await unitById(scope.tx, input.targetUnitId, 'targetUnitId');
      if (target.id === scope.row.unitId) throw InputError.forField('targetUnitId', '不能转给当前责任单位本身');
      assertNotAccused(scope.row, target);
      if (input.kind === 'assign') {
        if (!input.reportDueOn) throw InputError.forField('reportDueOn', '交办须写明报送结果的期限');
        if (input.reportDueOn <= scope.on) throw InputError.forField('reportDueOn', '报送期限应晚于交办日');
      }
      return {
        changes: { ...(await routingChanges(scope, target)), reportDueOn: input.kind === 'assign' ? input.reportDueOn : null },
        payload: { toUnitId: target.id, toUnitName: target.name, fromUnitId: scope.row.unitId, note: input.note ?? null, reportDueOn: input.reportDueOn ?? null },
      };
    }),

  /** 倒流: a higher unit sends the case back down to a unit of its subtree to redo it. */
  returnCase: (ctx: Session, input: ActionInput & { targetUnitId: string; reason: string }) =>
    runCaseAction(ctx, 'return', input, async (scope) => {
      assertResponsible(scope);
      const reason = requireText(input.reason, 'reason', '退回理由');
      const target = await unitById(scope.tx, input.targetUnitId, 'targetUnitId');
      if (target.id === scope.row.unitId || !scope.actorPath || !target.path.startsWith(scope.actorPath)) {
        throw InputError.forField('targetUnitId', '只能退回本单位的下级单位');
      }
      assertNotAccused(scope.row, target);
      return { changes: await routingChanges(scope, target), payload: { toUnitId: target.id, toUnitName: target.name, reason } };
    }),

  /** 提级会审: lift the case to a higher unit for joint review. */
  escalate: (ctx: Session, input: ActionInput & { targetUnitId: string; reason: string }) =>
    runCaseAction(ctx, 'escalate', input, async (scope) => {
      const reason = requireText(input.reason, 'reason', '提级理由');
      const target = await unitById(scope.tx, input.targetUnitId, 'targetUnitId');
      if (target.id === scope.row.unitId || !scope.row.unitPath.startsWith(target.path)) {
        throw InputError.forField('targetUnitId', '只能提级到当前责任单位的上级');
      }
      if (!scope.actorPath || !target.path.startsWith(scope.actorPath)) {
        throw new CaseRuleError('case/not-our-unit', '只有提级目标单位或其上级可以提级会审');
      }
      assertNotAccused(scope.row, target);
      return {
        changes: { unitId: target.id, unitPath: target.path, escalatedToUnitId: target.id },
        payload: { toUnitId: target.id, toUnitName: target.name, reason },
      };
    }),

  accept: (ctx: Session, input: ActionInput & { note?: string | null }) =>
    runCaseAction(ctx, 'accept', input, async (scope) => {
      assertResponsible(scope);
      return { changes: { acceptedOn: scope.on }, payload: { note: input.note ?? null } };
    }),

  /** 不予受理 with the regulation's reason; "not our matter" names the body to turn to. */
  decline: (ctx: Session, input: ActionInput & { reason: DeclineReason; explanation: string; directedTo?: string | null }) =>
    runCaseAction(ctx, 'decline', input, async (scope) => {
      assertResponsible(scope);
      const explanation = requireText(input.explanation, 'explanation', '不予受理说明');
      if ((input.reason === 'NOT_OUR_MATTER' || input.reason === 'LEGAL_PROCEDURE') && !input.directedTo?.trim()) {
        throw InputError.forField('directedTo', '须告知信访人向哪个机关或通过何种法定途径提出');
      }
      return {
        changes: { declinedOn: scope.on, declineReason: input.reason },
        payload: { reason: input.reason, explanation, directedTo: input.directedTo ?? null },
      };
    }),

  /** 延期: once, at most 30 days, approved by a leader, before the handling period runs out. */
  extend: (ctx: Session, input: ActionInput & { days: number; reason: string }) =>
    runCaseAction(ctx, 'extend', input, async (scope) => {
      assertResponsible(scope);
      const reason = requireText(input.reason, 'reason', '延期理由');
      if (scope.row.extensionDays > 0) throw new CaseRuleError('case/extension-used', '办理期限只能延长一次');
      if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_EXTENSION_DAYS) {
        throw InputError.forField('days', `延长天数应为 1–${MAX_EXTENSION_DAYS} 日`);
      }
      const handle = clocksOfCase(scope.row, scope.on, scope.calendar).clocks.find((clock) => clock.kind === 'HANDLE');
      if (handle && scope.on > handle.dueOn) throw new CaseRuleError('case/extension-too-late', '办理期限已过，不能再批准延期');
      return { changes: { extensionDays: input.days, extensionReason: reason }, payload: { days: input.days, reason, approvedBy: scope.actor.displayName } };
    }),

  decide: (ctx: Session, input: ActionInput & { outcome: Outcome; summary: string; resolved: boolean; deliveredOn?: IsoDate | null }) =>
    runCaseAction(ctx, 'decide', input, async (scope) => {
      assertResponsible(scope);
      assertNoPendingHearing(scope.row);
      const summary = requireText(input.summary, 'summary', '处理意见', 10_000);
      const deliveredOn = checkDeliveredOn(input.deliveredOn, scope);
      return {
        changes: { decidedOn: scope.on, outcome: input.outcome, decisionSummary: summary, resolved: input.resolved, decisionDeliveredOn: deliveredOn },
        payload: { outcome: input.outcome, resolved: input.resolved, deliveredOn },
      };
    }),

  /** 复查: to the parent of the deciding unit, within 30 days of receiving the decision. */
  requestReview: (ctx: Session, input: ActionInput & { reason: string }) =>
    runCaseAction(ctx, 'requestReview', input, async (scope) => {
      const { unitId, reason } = await appealRequest(scope, input.reason, {
        fromUnitId: scope.row.unitId,
        windowStart: scope.row.decisionDeliveredOn ?? scope.row.decidedOn!,
        days: REVIEW_REQUEST_DAYS,
        name: '复查',
        answered: '处理意见',
        fromName: '处理单位',
      });
      return { changes: { reviewUnitId: unitId, reviewRequestedOn: scope.on }, payload: { reason, reviewUnitId: unitId } };
    }),

  decideReview: (ctx: Session, input: ActionInput & { outcome: Outcome; summary: string; resolved: boolean; deliveredOn?: IsoDate | null }) =>
    runCaseAction(ctx, 'decideReview', input, async (scope) => {
      const reviewUnit = await unitById(scope.tx, scope.row.reviewUnitId!, 'reviewUnitId');
      assertResponsible(scope, reviewUnit.path);
      assertNoPendingHearing(scope.row);
      const summary = requireText(input.summary, 'summary', '复查意见', 10_000);
      const deliveredOn = checkDeliveredOn(input.deliveredOn, scope);
      return {
        changes: { reviewDecidedOn: scope.on, reviewOutcome: input.outcome, resolved: input.resolved, reviewDeliveredOn: deliveredOn },
        payload: { outcome: input.outcome, resolved: input.resolved, summary, deliveredOn },
      };
    }),

  /** 复核: to the parent of the reviewing unit, within 30 days of receiving the review answer. */
  requestReReview: (ctx: Session, input: ActionInput & { reason: string }) =>
    runCaseAction(ctx, 'requestReReview', input, async (scope) => {
      const { unitId, reason } = await appealRequest(scope, input.reason, {
        fromUnitId: scope.row.reviewUnitId!,
        windowStart: scope.row.reviewDeliveredOn ?? scope.row.reviewDecidedOn!,
        days: REREVIEW_REQUEST_DAYS,
        name: '复核',
        answered: '复查意见',
        fromName: '复查单位',
      });
      return { changes: { reReviewUnitId: unitId, reReviewRequestedOn: scope.on }, payload: { reason, reReviewUnitId: unitId } };
    }),

  /** 复核意见: the case is concluded (终结). */
  decideReReview: (ctx: Session, input: ActionInput & { outcome: Outcome; summary: string; resolved: boolean; heardPublicly?: boolean | null }) =>
    runCaseAction(ctx, 'decideReReview', input, async (scope) => {
      const reReviewUnit = await unitById(scope.tx, scope.row.reReviewUnitId!, 'reReviewUnitId');
      assertResponsible(scope, reReviewUnit.path);
      assertNoPendingHearing(scope.row);
      const summary = requireText(input.summary, 'summary', '复核意见', 10_000);
      return {
        changes: { reReviewDecidedOn: scope.on, reReviewOutcome: input.outcome, resolved: input.resolved },
        payload: { outcome: input.outcome, resolved: input.resolved, summary, heardPublicly: input.heardPublicly ?? false },
      };
    }),

  /** 办结归档: a declined case, or a decided/reviewed one whose review window has passed unused. */
  close: (ctx: Session, input: ActionInput & { note?: string | null }, options: { bySweep?: boolean } = {}) =>
    runCaseAction(ctx, 'close', input, async (scope) => {
      if (!options.bySweep) assertResponsible(scope);
      const window = clocksOfCase(scope.row, scope.on, scope.calendar).clocks.find(
        (clock) => (clock.kind === 'REVIEW_REQUEST_WINDOW' || clock.kind === 'REREVIEW_REQUEST_WINDOW') && clock.completedOn === null,
      );
      if (window && scope.on <= window.dueOn) {
        throw new CaseRuleError('case/review-window-open', `信访人请求复查/复核的期限至 ${window.dueOn} 届满，届满后方可办结归档`);
      }
      return { changes: { closedOn: scope.on }, payload: { note: input.note ?? null, automatic: options.bySweep ?? false } };
    }),

  withdraw: (ctx: Session, input: ActionInput & { reason: string }) =>
    runCaseAction(ctx, 'withdraw', input, async (scope) => {
      assertPetitionerOwnsOrStaffResponsible(scope);
      const reason = requireText(input.reason, 'reason', '撤回理由');
      return { changes: { endedOn: scope.on, hearingPauseStartedOn: null }, payload: { reason } };
    }),

  /** A duplicate merged into the earlier case; it keeps its history and points to the survivor. */
  merge: (ctx: Session, input: ActionInput & { intoCaseId: string; note?: string | null }) =>
    runCaseAction(ctx, 'merge', input, async (scope) => {
      assertResponsible(scope);
      const [survivor] = await scope.tx.select().from(cases).where(eq(cases.id, input.intoCaseId));
      if (!survivor || !canReadCase(viewerOf(ctx), survivor)) throw new NotFoundError('case', '要并入的事项不存在或无权查看');
      if (survivor.id === scope.row.id) throw InputError.forField('intoCaseId', '不能并入自身');
      if (survivor.status === 'MERGED' || survivor.status === 'WITHDRAWN') throw InputError.forField('intoCaseId', '不能并入已合并或已撤回的事项');
      if (survivor.receivedOn > scope.row.receivedOn) throw new CaseRuleError('case/merge-into-later', '重复件只能并入更早受理的事项');
      return { changes: { mergedIntoId: survivor.id, endedOn: scope.on, hearingPauseStartedOn: null }, payload: { intoCaseId: survivor.id, intoNumber: survivor.number, note: input.note ?? null } };
    }),

  /** 包案领导: a leader of the responsible unit or above answers for the case. */
  setCaseLeader: (ctx: Session, input: ActionInput & { leaderAccountId: string }) =>
    runCaseAction(ctx, 'setCaseLeader', input, async (scope) => {
      assertResponsible(scope);
      const [leader] = await scope.tx
        .select({ id: accounts.id, roles: accounts.roles, name: accounts.displayName, path: units.path })
        .from(accounts)
        .innerJoin(units, eq(units.id, accounts.unitId))
        .where(eq(accounts.id, input.leaderAccountId));
      if (!leader || !leader.roles.includes('LEADER') || !scope.row.unitPath.startsWith(leader.path)) {
        throw InputError.forField('leaderAccountId', '包案领导须为责任单位或其上级单位的领导');
      }
      return { changes: { caseLeaderId: leader.id }, payload: { leaderAccountId: leader.id, leaderName: leader.name } };
    }),

  flagBacklog: (ctx: Session, input: ActionInput & { reason: string }) =>
    runCaseAction(ctx, 'flagBacklog', input, async (scope) => {
      assertResponsible(scope);
      if (scope.row.backlog && !scope.row.backlogClearedOn) throw new CaseRuleError('case/already-backlog', '该事项已列为信访积案');
      const reason = requireText(input.reason, 'reason', '列为积案的理由');
      return { changes: { backlog: true, backlogSince: scope.on, backlogClearedOn: null }, payload: { reason } };
    }),

  clearBacklog: (ctx: Session, input: ActionInput & { note: string }) =>
    runCaseAction(ctx, 'clearBacklog', input, async (scope) => {
      assertResponsible(scope);
      if (!scope.row.backlog || scope.row.backlogClearedOn) throw new CaseRuleError('case/not-backlog', '该事项不是未化解的积案');
      const note = requireText(input.note, 'note', '化解情况');
      return { changes: { backlogClearedOn: scope.on }, payload: { note, days: daysBetween(scope.row.backlogSince!, scope.on) } };
    }),

  /** 督办 from a higher unit, with its own due date. */
  supervise: (ctx: Session, input: ActionInput & { instructions: string; dueOn: IsoDate }) =>
    runCaseAction(ctx, 'supervise', input, async (scope) => {
      if (!scope.actorPath || !scope.row.unitPath.startsWith(scope.actorPath) || scope.row.unitPath === scope.actorPath) {
        throw new CaseRuleError('case/not-higher-unit', '督办须由责任单位的上级单位发出');
      }
      const instructions = requireText(input.instructions, 'instructions', '督办要求');
      if (input.dueOn <= scope.on) throw InputError.forField('dueOn', '督办期限应晚于督办日');
      const [order] = await scope.tx
        .insert(supervisions)
        .values({ caseId: scope.row.id, fromUnitId: scope.actor.unitId!, issuedById: scope.actor.accountId, instructions, dueOn: input.dueOn, createdAt: scope.occurredAt })
        .returning({ id: supervisions.id });
      return { payload: { supervisionId: order.id, dueOn: input.dueOn, fromUnitId: scope.actor.unitId } };
    }),

  answerSupervision: (ctx: Session, input: ActionInput & { supervisionId: string; answer: string }) =>
    runCaseAction(ctx, 'answerSupervision', input, async (scope) => {
      assertResponsible(scope);
      const answer = requireText(input.answer, 'answer', '督办回复');
      const [order] = await scope.tx
        .update(supervisions)
        .set({ status: 'ANSWERED', answer, answeredOn: scope.on })
        .where(and(eq(supervisions.id, input.supervisionId), eq(supervisions.caseId, scope.row.id), sql`${supervisions.status} <> 'ANSWERED'`))
        .returning({ id: supervisions.id, dueOn: supervisions.dueOn });
      if (!order) throw InputError.forField('supervisionId', '督办单不存在或已回复');
      return { payload: { supervisionId: order.id, onTime: scope.on <= order.dueOn } };
    }),

  recordFollowUp: (ctx: Session, input: ActionInput & { method: 'PHONE' | 'VISIT' | 'SMS' | 'ONLINE' | 'LETTER'; notes: string; satisfaction?: Satisfaction | null }) =>
    runCaseAction(ctx, 'recordFollowUp', input, async (scope) => {
      assertResponsible(scope);
      const notes = requireText(input.notes, 'notes', '回访记录');
      await scope.tx.insert(followUps).values({
        caseId: scope.row.id,
        method: input.method,
        occurredAt: scope.occurredAt,
        notes,
        satisfaction: input.satisfaction ?? null,
        recordedById: scope.actor.accountId,
      });
      // The petitioner's own evaluation wins; a satisfaction told on the phone fills the gap.
      const changes = input.satisfaction && !scope.row.satisfaction ? { satisfaction: input.satisfaction } : {};
      return { changes, payload: { method: input.method, satisfaction: input.satisfaction ?? null } };
    }),

  evaluate: (ctx: Session, input: ActionInput & { satisfaction: Satisfaction; comment?: string | null }) =>
    runCaseAction(ctx, 'evaluate', input, async (scope) => {
      if (!scope.actor.petitionerId || !scope.row.petitionerIds.includes(scope.actor.petitionerId)) {
        throw new ForbiddenError('只有本事项的信访人可以评价');
      }
      return { changes: { satisfaction: input.satisfaction }, payload: { satisfaction: input.satisfaction, comment: input.comment ?? null } };
    }),

  /** 听证: from scheduling until it is held, the running clock is paused. */
  scheduleHearing: (ctx: Session, input: ActionInput & { scheduledOn: IsoDate; location: string }) =>
    runCaseAction(ctx, 'scheduleHearing', input, async (scope) => {
      assertResponsible(scope, await stageUnitPath(scope));
      assertNoPendingHearing(scope.row);
      const location = requireText(input.location, 'location', '听证地点', 200);
      if (input.scheduledOn < scope.on) throw InputError.forField('scheduledOn', '听证日期不能早于安排日');
      const [hearing] = await scope.tx
        .insert(hearings)
        .values({ caseId: scope.row.id, scheduledOn: input.scheduledOn, location })
        .returning({ id: hearings.id });
      return { changes: { hearingPauseStartedOn: scope.on }, payload: { hearingId: hearing.id, scheduledOn: input.scheduledOn, location } };
    }),

  recordHearing: (ctx: Session, input: ActionInput & { hearingId: string; heldOn: IsoDate; summary: string }) =>
    runCaseAction(ctx, 'recordHearing', input, async (scope) => {
      assertResponsible(scope, await stageUnitPath(scope));
      const pauseStart = scope.row.hearingPauseStartedOn;
      if (!pauseStart) throw new CaseRuleError('case/no-pending-hearing', '没有待举行的听证');
      const summary = requireText(input.summary, 'summary', '听证情况', 10_000);
      if (input.heldOn < pauseStart || input.heldOn > scope.on) throw InputError.forField('heldOn', '听证日期应在安排日与今天之间');
      const [hearing] = await scope.tx
        .update(hearings)
        .set({ status: 'HELD', heldOn: input.heldOn, summary })
        .where(and(eq(hearings.id, input.hearingId), eq(hearings.caseId, scope.row.id), eq(hearings.status, 'SCHEDULED')))
        .returning({ id: hearings.id });
      if (!hearing) throw InputError.forField('hearingId', '听证不存在或已记录');
      const paused = daysBetween(pauseStart, input.heldOn);
      const stage = scope.row.status;
      const changes: CaseChanges = { hearingPauseStartedOn: null };
      if (stage === 'ACCEPTED') changes.hearingPausedDays = scope.row.hearingPausedDays + paused;
      if (stage === 'REVIEW_REQUESTED') changes.reviewHearingPausedDays = scope.row.reviewHearingPausedDays + paused;
      if (stage === 'REREVIEW_REQUESTED') changes.reReviewHearingPausedDays = scope.row.reReviewHearingPausedDays + paused;
      return { changes, payload: { hearingId: hearing.id, heldOn: input.heldOn, pausedDays: paused } };
    }),
};

/**
 * 复查 and 复核 requests alike: the request goes to the parent of `fromUnitId`, within `days` of the
 * answer reaching the petitioner; the petitioner or staff of the case or of that parent may file it.
 */
async function appealRequest(
  scope: ActionScope,
  reasonText: string,
  rule: { fromUnitId: string; windowStart: IsoDate; days: number; name: string; answered: string; fromName: string },
): Promise<{ unitId: string; reason: string }> {
  const from = await unitById(scope.tx, rule.fromUnitId, 'unitId');
  if (!from.parentId) throw new CaseRuleError('case/no-review-unit', `${rule.fromName}没有上级单位，无法${rule.name}`);
  const target = await unitById(scope.tx, from.parentId, 'unitId');
  assertPetitionerOwnsOrStaffResponsible(scope, target.path);
  const reason = requireText(reasonText, 'reason', `${rule.name}请求理由`);
  if (!isWithinWindow({ start: rule.windowStart, days: rule.days, calendar: scope.calendar, on: scope.on })) {
    throw new CaseRuleError('case/review-window-closed', `已超过收到${rule.answered}之日起 ${rule.days} 日的${rule.name}请求期限`);
  }
  return { unitId: target.id, reason };
}

/** The unit that owns the stage the case is in: the handler, the reviewer or the re-reviewer. */
async function stageUnitPath(scope: ActionScope): Promise<string> {
  const unitId =
    scope.row.status === 'REVIEW_REQUESTED' ? scope.row.reviewUnitId : scope.row.status === 'REREVIEW_REQUESTED' ? scope.row.reReviewUnitId : scope.row.unitId;
  return (await unitById(scope.tx, unitId!, 'unitId')).path;
}

function checkDeliveredOn(deliveredOn: IsoDate | null | undefined, scope: ActionScope): IsoDate {
  const on = scope.on;
  if (!deliveredOn) return on;
  // Served in person the same day, or by post within days; never before the decision.
  if (deliveredOn < on || deliveredOn > addDays(on, 15)) throw InputError.forField('deliveredOn', '送达日期应在作出意见之日起 15 日内');
  // Delivery is recorded once it happened: a future date would start a window that has not begun (issue 9 item 2).
  const today = toChinaDate(scope.session.now());
  if (deliveredOn > today) throw InputError.forField('deliveredOn', `送达日期不能晚于今天（${today}），请在送达后登记`);
  return deliveredOn;
}
