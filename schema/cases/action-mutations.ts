import { builder } from '../builder';
import { maxLength } from '../input-limits';
import { caseInputLimits } from '../../db/cases/text-limits';
import { ForbiddenError, IdempotencyConflictError, InputError, NotFoundError } from '../../db/errors';
import { InvalidTransitionError, VersionConflictError } from '../../db/streams/errors';
import { CaseRuleError } from '../../db/cases/errors';
import { ErrorInterface } from '../common/errors';
import { Case } from './case';
import { OutcomeRef, SatisfactionRef } from './enums';
import { HearingRef } from './hearing';
import { SupervisionRef } from './supervision';
import { enumOf } from '../common/enums';
import { declineReason, followUpMethod } from '../../db/cases/vocabulary';
import { caseMutationNames } from './action-names';
import type { CaseAction } from '../../db/cases/lifecycle';
import type { Entity } from '../../db/errors';

/** The transport name of a stream's action (a new stream adds its names here). */
function mutationNameOf(entity: Entity, action: string): string {
  if (entity === 'case') return caseMutationNames[action as CaseAction];
  return action;
}
import { caseActions, type ActionInput } from '../../db/cases/actions';
import type { Context } from '../context';
import type { CaseRow } from '../../db/cases/clock-state';

builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransitionError',
  description: '当前状态不允许该操作（case/invalid-transition）；allowedActions 列出此刻可做的操作。The action is not possible now.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidTransitionError,
  fields: (t) => ({
    allowedActions: t.stringList({
      description: '当前状态下你可执行的操作（mutation 名称，同 Case.allowedActions）。Actions you may take now, named as their mutations.',
      resolve: (error) => error.allowedActions.map((action) => mutationNameOf(error.entity, action)),
    }),
  }),
});

builder.objectType(VersionConflictError, {
  name: 'VersionConflictError',
  description: '事项已被他人更新（case/version-conflict），请按 currentVersion 刷新后重试。Stale expectedVersion.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof VersionConflictError,
  fields: (t) => ({ currentVersion: t.exposeInt('currentVersion', { description: '当前版本。Current version.' }) }),
});

builder.objectType(CaseRuleError, {
  name: 'CaseRuleError',
  description:
    '违反《信访工作条例》或本系统规则，code 如 case/review-window-closed、case/extension-used、case/accused-unit、case/not-our-unit。A rule refused the action.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof CaseRuleError,
});

/**
 * Every case mutation, intake included, declares the same error types, so one set of error fragments
 * (`... on InvalidTransitionError { allowedActions }` and the rest) fits all of their results.
 */
export const caseMutationErrors = [ForbiddenError, NotFoundError, InputError, InvalidTransitionError, VersionConflictError, CaseRuleError, IdempotencyConflictError];

const CaseActionPayload = builder.objectRef<{ caseId: string }>('CaseActionPayload').implement({
  description: '操作后的事项。The case after the action.',
  fields: (t) => ({
    case: t.drizzleField({
      type: Case,
      description: '更新后的事项（version 已加一）。The updated case.',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.cases.findFirst(query({ where: { id: payload.caseId } })))!,
    }),
  }),
});

const Outcome = OutcomeRef;
const Satisfaction = SatisfactionRef;

const DeclineReason = enumOf(declineReason);
const FollowUpMethod = enumOf(followUpMethod);

type FieldBuilder = PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<any>, 'InputObject'>;

/**
 * Declares one lifecycle mutation: an input with the case, its expected version and when it happened,
 * plus the action's own fields; the result is the updated case or a typed refusal.
 */
function caseMutation(
  name: string,
  description: string,
  extraFields: (t: FieldBuilder) => Record<string, any>,
  // The GraphQL input type fixes the shape; the service function's parameter type checks the rest.
  run: (ctx: Context, input: ActionInput & any) => Promise<CaseRow>,
) {
  const inputName = `${name[0].toUpperCase()}${name.slice(1)}Input`;
  const Input = builder.inputType(inputName, {
    description: `${description}的输入。`,
    fields: (t) => ({
      caseId: t.globalID({ required: true, description: '事项。The case.' }),
      expectedVersion: t.int({ required: true, description: '读取时的 version；不一致则返回 VersionConflictError。Version you read.' }),
      occurredAt: t.field({ type: 'DateTime', description: '实际发生时间（补录线下办理），不得晚于现在、不得早于上一条记录。When it happened.' }),
      ...extraFields(t as unknown as FieldBuilder),
    }),
  });
  builder.mutationField(name, (t) =>
    t.field({
      type: CaseActionPayload,
      description,
      authScopes: { authenticated: true },
      errors: { types: caseMutationErrors },
      args: { input: t.arg({ type: Input, required: true, description: '操作内容。The action.' }) },
      resolve: async (_root, { input }, ctx) => {
        const plain: Record<string, unknown> = { ...(input as Record<string, unknown>) };
        for (const [key, value] of Object.entries(plain)) {
          // global IDs arrive as { typename, id }
          if (value && typeof value === 'object' && 'typename' in (value as object) && 'id' in (value as object)) plain[key] = (value as { id: string }).id;
        }
        const row = await run(ctx, plain as unknown as ActionInput);
        return { caseId: row.id };
      },
    }),
  );
}

const unitArg = (t: FieldBuilder, description: string) => t.globalID({ required: true, description });

caseMutation('transferCase', '转送：将事项转送有权处理的单位（属地管理、分级负责）', (t) => ({
  targetUnitId: unitArg(t, '接收单位。Unit with jurisdiction.'),
  note: t.string({ description: '转送说明。Note.' }),
}), (ctx, input) => caseActions.route(ctx, { ...input, kind: 'transfer' }));

caseMutation('assignCase', '交办：交有权处理的单位办理，并要求在 reportDueOn 前报送结果', (t) => ({
  targetUnitId: unitArg(t, '承办单位。Unit that must handle it.'),
  reportDueOn: t.field({ type: 'Date', required: true, description: '报送办理结果的期限。Result report due.' }),
  note: t.string({ description: '交办要求。Instructions.' }),
}), (ctx, input) => caseActions.route(ctx, { ...input, kind: 'assign' }));

caseMutation('returnCase', '倒流：上级将事项退回下级单位重新办理', (t) => ({
  targetUnitId: unitArg(t, '退回至（本单位下级）。Lower unit to redo it.'),
  reason: t.string({ required: true, description: '退回理由。Reason.' }),
}), (ctx, input) => caseActions.returnCase(ctx, input));

caseMutation('escalateCase', '提级会审：将事项提至上级单位会审', (t) => ({
  targetUnitId: unitArg(t, '上级单位。Higher unit.'),
  reason: t.string({ required: true, description: '提级理由。Reason.' }),
}), (ctx, input) => caseActions.escalate(ctx, input));

caseMutation('acceptCase', '受理：责任单位受理事项（15 日内），开始 60 日办理期限', (t) => ({
  note: t.string({ description: '受理告知内容。Notice text.' }),
}), (ctx, input) => caseActions.accept(ctx, input));

caseMutation('declineCase', '不予受理：书面告知信访人理由；不属本机关的须告知向何机关提出', (t) => ({
  reason: t.field({ type: DeclineReason, required: true, description: '理由。Reason.' }),
  explanation: t.string({ required: true, description: '告知信访人的说明。Explanation for the petitioner.' }),
  directedTo: t.string({ description: '应向其提出的机关或法定途径。Body or procedure to turn to.' }),
}), (ctx, input) => caseActions.decline(ctx, input));

caseMutation('extendCase', '延期：经单位负责人批准，办理期限延长一次、至多 30 日，理由告知信访人', (t) => ({
  days: t.int({ required: true, description: '延长天数（1–30）。Days, 1–30.' }),
  reason: t.string({ required: true, description: '延期理由（向信访人公开）。Reason, shown to the petitioner.' }),
}), (ctx, input) => caseActions.extend(ctx, input));

caseMutation('decideCase', '出具处理意见书', (t) => ({
  outcome: t.field({ type: Outcome, required: true, description: '结论。Outcome.' }),
  summary: t.string({ required: true, description: '处理意见。Written decision.', ...maxLength(caseInputLimits.decision) }),
  resolved: t.boolean({ required: true, description: '是否化解（事心双解）。Whether the matter is resolved.' }),
  deliveredOn: t.field({ type: 'Date', description: '送达信访人之日（默认当日；在作出意见之日起 15 日内，且不能晚于今天——送达后再登记）；复查期限自此起算。Served on (within 15 days of the decision, never in the future: record delivery once it happened).' }),
}), (ctx, input) => caseActions.decide(ctx, input));

caseMutation('requestReview', '请求复查：收到处理意见之日起 30 日内向处理单位的上一级请求', (t) => ({
  reason: t.string({ required: true, description: '复查理由。Reason.' }),
}), (ctx, input) => caseActions.requestReview(ctx, input));

caseMutation('decideReview', '出具复查意见（复查单位 30 日内）', (t) => ({
  outcome: t.field({ type: Outcome, required: true, description: '结论。Outcome.' }),
  summary: t.string({ required: true, description: '复查意见。Review answer.', ...maxLength(caseInputLimits.decision) }),
  resolved: t.boolean({ required: true, description: '是否化解。Resolved.' }),
  deliveredOn: t.field({ type: 'Date', description: '送达之日（不能晚于今天）；复核期限自此起算。Served on (never in the future).' }),
}), (ctx, input) => caseActions.decideReview(ctx, input));

caseMutation('requestReReview', '请求复核：收到复查意见之日起 30 日内向复查单位的上一级请求', (t) => ({
  reason: t.string({ required: true, description: '复核理由。Reason.' }),
}), (ctx, input) => caseActions.requestReReview(ctx, input));

caseMutation('decideReReview', '出具复核意见；此后事项终结，同一事实和理由不再受理', (t) => ({
  outcome: t.field({ type: Outcome, required: true, description: '结论。Outcome.' }),
  summary: t.string({ required: true, description: '复核意见。Re-review answer.', ...maxLength(caseInputLimits.decision) }),
  resolved: t.boolean({ required: true, description: '是否化解。Resolved.' }),
  heardPublicly: t.boolean({ description: '是否经听证。Decided after a hearing.' }),
}), (ctx, input) => caseActions.decideReReview(ctx, input));

caseMutation('closeCase', '办结归档：不予受理的事项，或复查/复核请求期限届满未请求的事项', (t) => ({
  note: t.string({ description: '归档说明。Note.' }),
}), (ctx, input) => caseActions.close(ctx, input));

caseMutation('withdrawCase', '撤回：信访人撤回，或工作人员代为登记撤回', (t) => ({
  reason: t.string({ required: true, description: '撤回理由。Reason.' }),
}), (ctx, input) => caseActions.withdraw(ctx, input));

caseMutation('mergeCase', '合并重复件：重复件并入更早的事项，保留自身历史并指向保留件', (t) => ({
  intoCaseId: t.globalID({ required: true, description: '保留的（更早的）事项。The earlier case.' }),
  note: t.string({ description: '说明。Note.' }),
}), (ctx, input) => caseActions.merge(ctx, input));

caseMutation('setCaseLeader', '确定包案领导（双包双挂）', (t) => ({
  leaderAccountId: t.globalID({ required: true, description: '领导账号。Leader account.' }),
}), (ctx, input) => caseActions.setCaseLeader(ctx, input));

caseMutation('flagBacklog', '列为信访积案（清零攻坚）', (t) => ({
  reason: t.string({ required: true, description: '理由。Reason.' }),
}), (ctx, input) => caseActions.flagBacklog(ctx, input));

caseMutation('clearBacklog', '积案化解销号', (t) => ({
  note: t.string({ required: true, description: '化解情况。How it was cleared.' }),
}), (ctx, input) => caseActions.clearBacklog(ctx, input));

caseMutation('superviseCase', '督办：上级单位发出督办单，限期回复；逾期自动升级', (t) => ({
  instructions: t.string({ required: true, description: '督办要求。Instructions.' }),
  dueOn: t.field({ type: 'Date', required: true, description: '回复期限。Answer due.' }),
}), (ctx, input) => caseActions.supervise(ctx, input));

caseMutation('answerSupervision', '回复督办单', (t) => ({
  supervisionId: t.globalID({ for: [SupervisionRef], required: true, description: '督办单（Supervision.id）。The supervision order (Supervision.id).' }),
  answer: t.string({ required: true, description: '回复内容。Answer.' }),
}), (ctx, input) => caseActions.answerSupervision(ctx, input));

caseMutation('recordFollowUp', '记录回访（方式、时间、内容，可记录信访人口头评价）', (t) => ({
  method: t.field({ type: FollowUpMethod, required: true, description: '方式。Method.' }),
  notes: t.string({ required: true, description: '回访记录。Notes.' }),
  satisfaction: t.field({ type: Satisfaction, description: '回访中信访人的评价。Satisfaction told.' }),
}), (ctx, input) => caseActions.recordFollowUp(ctx, input));

caseMutation('evaluateCase', '信访人评价办理结果（满意 / 基本满意 / 不满意）', (t) => ({
  satisfaction: t.field({ type: Satisfaction, required: true, description: '评价。Evaluation.' }),
  comment: t.string({ description: '意见。Comment.' }),
}), (ctx, input) => caseActions.evaluate(ctx, input));

caseMutation('scheduleHearing', '安排听证；自安排之日至举行之日，期限暂停计算', (t) => ({
  scheduledOn: t.field({ type: 'Date', required: true, description: '听证日期。Hearing date.' }),
  location: t.string({ required: true, description: '地点。Location.' }),
}), (ctx, input) => caseActions.scheduleHearing(ctx, input));

caseMutation('recordHearing', '记录听证结果；暂停的天数计入事项', (t) => ({
  hearingId: t.globalID({ for: [HearingRef], required: true, description: '听证（Hearing.id）。The hearing (Hearing.id).' }),
  heldOn: t.field({ type: 'Date', required: true, description: '实际举行日期。Held on.' }),
  summary: t.string({ required: true, description: '听证情况。Summary.', ...maxLength(caseInputLimits.decision) }),
}), (ctx, input) => caseActions.recordHearing(ctx, input));
