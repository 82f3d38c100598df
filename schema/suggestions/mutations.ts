import { builder } from '../builder';
import { ForbiddenError, InputError, NotFoundError } from '../../db/errors';
import { InvalidTransitionError, VersionConflictError } from '../../db/streams/errors';
import { SuggestionRuleError } from '../../db/suggestions/errors';
import { ErrorInterface } from '../common/errors';
import { parseInput } from '../../db/common/validate';
import { Channel } from '../cases/enums';
import type { Context } from '../context';
import { submissionSchema, submitSuggestion } from '../../db/suggestions/intake';
import { campaignSchema, createCampaign, campaignAction } from '../../db/suggestions/campaign-service';
import * as actions from '../../db/suggestions/actions';
import { decisionActions, type DecisionAction } from '../../db/suggestions/vocabulary';
import { endorseSuggestion, withdrawEndorsement, type EndorsementResult } from '../../db/suggestions/endorsement-service';
import { maxLength } from '../input-limits';
import { ConversionKindEnum, ConversionProgressEnum, DeclineReasonEnum, Suggestion, SuggestionCampaign } from './types';

builder.objectType(SuggestionRuleError, {
  name: 'SuggestionRuleError',
  description: '人民建议征集规则拒绝了该操作，code 见 db/suggestions/errors.ts 的目录（如 suggestion/campaign-closed）。A suggestion rule refused the action.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof SuggestionRuleError,
});

export const actionErrors = [ForbiddenError, NotFoundError, InputError, InvalidTransitionError, VersionConflictError, SuggestionRuleError];

const SuggestionPayload = builder.objectRef<{ suggestionId: string }>('SuggestionPayload').implement({
  description: '操作后的建议。The suggestion after the action.',
  fields: (t) => ({
    suggestion: t.drizzleField({
      type: Suggestion,
      description: '建议。The suggestion.',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.suggestions.findFirst(query({ where: { id: payload.suggestionId } })))!,
    }),
  }),
});

const CampaignPayload = builder.objectRef<{ campaignId: string }>('SuggestionCampaignPayload').implement({
  description: '操作后的征集活动。The campaign after the action.',
  fields: (t) => ({
    campaign: t.drizzleField({
      type: SuggestionCampaign,
      description: '征集活动。The campaign.',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.suggestionCampaigns.findFirst(query({ where: { id: payload.campaignId } })))!,
    }),
  }),
});

type FieldBuilder = PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<any>, 'InputObject'>;
type Plain = Record<string, unknown>;

/** Global IDs arrive as { typename, id }; the services take database ids. */
export function plainIds(input: Plain): Plain {
  return Object.fromEntries(
    Object.entries(input).map(([k, v]) => [k, v && typeof v === 'object' && 'typename' in (v as object) && 'id' in (v as object) ? (v as { id: string }).id : v]),
  );
}

/** One pipeline mutation: the suggestion, its expected version and when, plus the action's own fields. */
export function suggestionMutation(name: string, description: string, extra: (t: FieldBuilder) => Record<string, any>, run: (ctx: Context, input: any) => Promise<{ id: string }>) {
  const Input = builder.inputType(`${name[0].toUpperCase()}${name.slice(1)}Input`, {
    description: `${description.split('。')[0]}的输入。Input of ${name}.`,
    fields: (t) => ({
      suggestionId: t.globalID({ required: true, description: '建议。The suggestion.' }),
      expectedVersion: t.int({ required: true, description: '读取时的 version。Version you read.' }),
      occurredAt: t.field({ type: 'DateTime', description: '实际发生时间（补录），不得晚于现在。When it happened.' }),
      ...extra(t as unknown as FieldBuilder),
    }),
  });
  builder.mutationField(name, (t) =>
    t.field({
      type: SuggestionPayload,
      description,
      authScopes: { authenticated: true },
      errors: { types: actionErrors },
      args: { input: t.arg({ type: Input, required: true, description: '操作内容。The action.' }) },
      resolve: async (_root, { input }, ctx) => ({ suggestionId: (await run(ctx, plainIds(input as Plain))).id }),
    }),
  );
}

suggestionMutation('startSuggestionAssessment', '启动评估：从本单位及上级单位的评估专家库抽取评估人。Start the assessment, drawing assessors from the pools of the unit and its ancestors.', (t) => ({
  assessors: t.int({ description: '抽取人数，默认 2。How many assessors.' }),
}), actions.startAssessment);
suggestionMutation('recordSuggestionAssessment', '评估人提交评分（价值、可行性 1–5）与内部意见。A drawn assessor records scores (value, feasibility 1–5) and internal notes.', (t) => ({
  valueScore: t.int({ required: true, description: '价值评分 1–5。Value.' }),
  feasibilityScore: t.int({ required: true, description: '可行性评分 1–5。Feasibility.' }),
  notes: t.string({ description: '内部意见（不公开）。Internal notes.' }),
}), actions.recordAssessment);
suggestionMutation('completeSuggestionAssessment', '完成评估（所有评估人已评分）。Complete the assessment once every drawn assessor scored.', () => ({}), actions.completeAssessment);
suggestionMutation('declineSuggestion', '不予采纳办理：重复、超出范围、个人诉求或内容违法，须写明理由告知建议人。Decline (duplicate, out of scope, personal grievance, unlawful) with a reason told to the submitter.', (t) => ({
  reason: t.field({ type: DeclineReasonEnum, required: true, description: '理由。Reason.' }),
  explanation: t.string({ required: true, description: '告知建议人的说明。Explanation.' }),
}), actions.declineSuggestion);

export const DecisionResult = builder.enumType('SuggestionDecision', {
  description: '采纳决定。The decision.',
  values: {
    ADOPTED: { description: '采纳。Adopted.' },
    PARTLY_ADOPTED: { description: '部分采纳。Partly adopted.' },
    FOR_REFERENCE: { description: '留作参考。Kept for reference.' },
    NOT_ADOPTED: { description: '不予采纳。Not adopted.' },
  },
});
const actionOfResult = Object.fromEntries(Object.entries(decisionActions).map(([action, result]) => [result, action])) as Record<string, DecisionAction>;

suggestionMutation('decideSuggestion', '作出采纳决定并答复（单位领导）；publish 为 false 时答复暂不告知、不公开。The unit leader decides and answers; publish false holds the answer internally.', (t) => ({
  result: t.field({ type: DecisionResult, required: true, description: '决定。Result.' }),
  answer: t.string({ required: true, description: '答复意见。Official answer.' }),
  publish: t.boolean({ required: true, description: '是否立即告知建议人并公开。Release now.' }),
}), (ctx, input) => actions.decideSuggestion(ctx, actionOfResult[input.result], input));
suggestionMutation('publishSuggestionAnswer', '发布暂存的答复：告知建议人并公开。Publish a held answer: tell the submitter and the public.', () => ({}), actions.publishAnswer);
suggestionMutation('transferSuggestion', '转交责任单位。Transfer to the responsible unit.', (t) => ({
  targetUnitId: t.globalID({ required: true, description: '接收单位。Target unit.' }),
  note: t.string({ description: '说明。Note.' }),
}), actions.transferSuggestion);
suggestionMutation('markSuggestionUrgent', '列入快速通道（7 日内答复）。Put into the fast lane (feedback within 7 days).', (t) => ({
  reason: t.string({ required: true, description: '理由。Reason.' }),
}), actions.markUrgent);
suggestionMutation('makeSuggestionPublic', '公开建议（不含个人信息），群众可查阅并附议。Make the suggestion public, without personal data, so citizens may endorse it.', () => ({}), actions.makePublic);
suggestionMutation('convertSuggestion', '记录转化成果：政策文件、工作措施、实事项目、立法或人大政协提案。Record a conversion: policy document, measure, project, legislation or NPC/CPPCC proposal.', (t) => ({
  kind: t.field({ type: ConversionKindEnum, required: true, description: '形式。Kind.' }),
  unitId: t.globalID({ required: true, description: '转化单位。Unit.' }),
  title: t.string({ required: true, description: '成果名称。Title.' }),
  convertedOn: t.field({ type: 'Date', required: true, description: '转化日期。When.' }),
  link: t.string({ description: '链接（http/https）。Link.' }),
  progress: t.field({ type: ConversionProgressEnum, required: true, description: '进展。Progress.' }),
  progressNote: t.string({ description: '进展说明。Note.' }),
}), actions.convertSuggestion);
suggestionMutation('updateSuggestionConversion', '更新转化进展。Update a conversion’s progress.', (t) => ({
  conversionId: t.id({ required: true, description: '转化记录 ID。Conversion id.' }),
  progress: t.field({ type: ConversionProgressEnum, required: true, description: '进展。Progress.' }),
  progressNote: t.string({ description: '进展说明。Note.' }),
}), (ctx, input) => actions.updateConversion(ctx, { ...input, conversionId: String(input.conversionId) }));
suggestionMutation('withdrawSuggestion', '建议人撤回建议。The submitter withdraws the suggestion.', (t) => ({
  reason: t.string({ description: '理由。Reason.' }),
}), actions.withdrawSuggestion);
suggestionMutation('transferSuggestionToCase', '属于个人诉求的建议转为信访事项（经信访登记）。A personal grievance becomes a petition through case intake.', (t) => ({
  note: t.string({ description: '说明。Note.' }),
}), actions.transferToCase);

const AttachmentInput = builder.inputType('SuggestionAttachmentInput', {
  description: '附件引用。An attachment reference.',
  fields: (t) => ({
    name: t.string({ required: true, description: '名称。Name.' }),
    reference: t.string({ required: true, description: '存储引用。Storage reference.' }),
  }),
});

const SubmitSuggestionInput = builder.inputType('SubmitSuggestionInput', {
  description: '提交或登记一条建议。A suggestion on any channel.',
  fields: (t) => ({
    campaignId: t.globalID({ description: '征集活动；不填为日常征集。Campaign; empty for open collection.' }),
    unitId: t.globalID({ description: '日常征集时提交给哪个单位。Addressed unit (open collection).' }),
    title: t.string({ required: true, description: '标题。Title.' }),
    content: t.string({ required: true, description: '内容。Content.' }),
    category: t.string({ required: true, description: '类别。Category.' }),
    placeCode: t.string({ description: '涉及地点的行政区划代码。Place.' }),
    channel: t.field({ type: Channel, description: '渠道，默认网上；来信、来电、来访由工作人员登记。Channel.' }),
    attachments: t.field({ type: [AttachmentInput], description: '附件。Attachments.' }),
    contactName: t.string({ description: '联系人（匿名提交可选）。Contact name.' }),
    contactMobile: t.string({ description: '联系电话。Contact mobile.' }),
    publicNameConsent: t.boolean({ description: '同意获奖时公开姓名。Consent to show the name if awarded.' }),
    receivedOn: t.field({ type: 'Date', description: '收件日期（工作人员登记时）。Date received.' }),
  }),
});

const SubmissionPayload = builder.objectRef<{ suggestionId: string; number: string; queryCode: string }>('SubmitSuggestionPayload').implement({
  description: '回执：编号与查询码（凭此免登录查询）。The receipt.',
  fields: (t) => ({
    number: t.exposeString('number', { description: '建议编号。Number.' }),
    queryCode: t.exposeString('queryCode', { description: '查询码。Query code.' }),
  }),
});

const CampaignInput = builder.inputType('CreateSuggestionCampaignInput', {
  description: '新建征集活动（草稿）。A new campaign.',
  fields: (t) => ({
    title: t.string({ required: true, description: '标题。Title.' }),
    description: t.string({ required: true, description: '征集说明。Description.' }),
    categories: t.stringList({ required: true, description: '类别；为空则不限。Categories.' }),
    opensOn: t.field({ type: 'Date', required: true, description: '开始日期。Opens on.' }),
    closesOn: t.field({ type: 'Date', required: true, description: '截止日期。Closes on.' }),
    feedbackDays: t.int({ description: '答复期限天数，默认 30。Feedback days.' }),
    endorsementThreshold: t.int({ description: '优先评估的附议门槛，默认 50。Endorsement threshold.' }),
  }),
});

const CampaignActionInput = builder.inputType('SuggestionCampaignActionInput', {
  description: '征集活动操作。A campaign action.',
  fields: (t) => ({
    campaignId: t.globalID({ required: true, description: '征集活动。Campaign.' }),
    expectedVersion: t.int({ required: true, description: '读取时的 version。Version.' }),
  }),
});

builder.mutationFields((t) => ({
  submitSuggestion: t.field({
    type: SubmissionPayload,
    description: '提交建议：群众网上提交（可匿名），工作人员登记来信来电来访，12345 对接系统推送。Submit a suggestion.',
    errors: { types: [ForbiddenError, NotFoundError, InputError, SuggestionRuleError] },
    args: { input: t.arg({ type: SubmitSuggestionInput, required: true, description: '建议内容。The suggestion.' }) },
    resolve: async (_root, { input }, ctx) => {
      const plain = plainIds(input as Plain);
      const parsed = parseInput(submissionSchema, Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== null && v !== undefined)));
      return submitSuggestion(ctx, parsed);
    },
  }),
  createSuggestionCampaign: t.field({
    type: CampaignPayload,
    description: '新建征集活动（草稿，发布后开始征集）。Create a campaign.',
    authScopes: { unitMember: true },
    errors: { types: [ForbiddenError, InputError] },
    args: { input: t.arg({ type: CampaignInput, required: true, description: '活动内容。The campaign.' }) },
    resolve: async (_root, { input }, ctx) => {
      const parsed = parseInput(campaignSchema, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)));
      return { campaignId: await createCampaign(ctx, parsed) };
    },
  }),
  ...Object.fromEntries(
    (['open', 'close', 'archive'] as const).map((action) => [
      `${action}SuggestionCampaign`,
      t.field({
        type: CampaignPayload,
        description: { open: '发布征集活动。Publish and open the campaign.', close: '截止征集。Close the campaign for submissions.', archive: '归档征集活动。Archive the campaign.' }[action],
        authScopes: { authenticated: true },
        errors: { types: actionErrors },
        args: { input: t.arg({ type: CampaignActionInput, required: true, description: '操作。The action.' }) },
        resolve: async (_root, { input }, ctx) => {
          const row = await campaignAction(ctx, action, { campaignId: input.campaignId.id, expectedVersion: input.expectedVersion });
          return { campaignId: row.id };
        },
      }),
    ]),
  ),
}));

const EndorsementPayload = builder.objectRef<EndorsementResult>('SuggestionEndorsementPayload').implement({
  description: '附议后的结果。The suggestion’s endorsements after the call.',
  fields: (t) => ({
    number: t.exposeString('number', { description: '建议编号。Number.' }),
    endorsementCount: t.exposeInt('endorsementCount', { description: '有效附议数。Active endorsements.' }),
    endorsementThreshold: t.exposeInt('endorsementThreshold', { description: '优先评估门槛。Threshold for priority review.' }),
    endorsed: t.exposeBoolean('endorsed', { description: '你当前是否附议。Whether you endorse it now.' }),
    priority: t.exposeBoolean('priority', { description: '已列为优先评估。Flagged for priority review.' }),
  }),
});

const EndorsementInput = builder.inputType('SuggestionEndorsementInput', {
  description: '附议或撤回附议：公开建议的编号。A public suggestion, by number.',
  fields: (t) => ({
    number: t.string({ required: true, description: '建议编号。Number.', ...maxLength(40) }),
  }),
});

builder.mutationFields((t) => ({
  endorseSuggestion: t.field({
    type: EndorsementPayload,
    description: '附议公开的建议（群众账号，每个账号一次，可撤回）；达到门槛即列为优先评估。Endorse a public suggestion (citizen accounts, once each).',
    authScopes: { authenticated: true },
    errors: { types: [ForbiddenError, NotFoundError, SuggestionRuleError] },
    args: { input: t.arg({ type: EndorsementInput, required: true, description: '建议。The suggestion.' }) },
    resolve: (_root, { input }, ctx) => endorseSuggestion(ctx, input),
  }),
  withdrawSuggestionEndorsement: t.field({
    type: EndorsementPayload,
    description: '撤回自己的附议（答复前）。Withdraw your endorsement before the answer.',
    authScopes: { authenticated: true },
    errors: { types: [ForbiddenError, NotFoundError, SuggestionRuleError] },
    args: { input: t.arg({ type: EndorsementInput, required: true, description: '建议。The suggestion.' }) },
    resolve: (_root, { input }, ctx) => withdrawEndorsement(ctx, input),
  }),
}));
