/**
 * The public face of suggestion collection: anyone, without a token. Every type here is built from the views of
 * db/suggestions/public-read.ts (explicit columns, redacted text) and none links to an account, a unit object or a
 * Suggestion node; test/suggestion-public.test.ts walks every field of every type reachable from these queries.
 */
import { encodeGlobalID, resolveOffsetConnection } from '@pothos/plugin-relay';
import { builder } from '../builder';
import { maxLength } from '../input-limits';
import { MAX_PAGE_SIZE } from '../page-limits';
import { toChinaDate } from '../../db/calendar/work-calendar';
import { InputError } from '../../db/errors';
import { activeEndorsements } from '../../db/suggestions/endorsement-service';
import {
  awardedSuggestions,
  countPublicSuggestions,
  listPublicSuggestions,
  lookupSuggestion,
  openCampaigns,
  publicSuggestionByNumber,
  type PublicAwardView,
  type PublicCampaignView,
  type PublicConversionView,
  type PublicStepView,
  type PublicSuggestionView,
  type SuggestionLookupView,
} from '../../db/suggestions/public-read';
import { suggestionStatusLabels } from '../../db/suggestions/vocabulary';
import { CampaignStatusEnum, ConversionKindEnum, ConversionProgressEnum, DeclineReasonEnum, SuggestionStatusEnum } from './types';

const PublicCampaign = builder.objectRef<PublicCampaignView>('PublicSuggestionCampaign').implement({
  description: '公开的征集活动（不含个人信息）。A published campaign.',
  fields: (t) => ({
    id: t.id({ description: '征集活动的全局 ID（提交建议时作为 campaignId）。Global id, for submitSuggestion.', resolve: (c) => encodeGlobalID('SuggestionCampaign', c.id) }),
    title: t.exposeString('title', { description: '标题。Title.' }),
    description: t.exposeString('description', { description: '征集说明。What is asked.' }),
    categories: t.exposeStringList('categories', { description: '征集类别。Categories.' }),
    opensOn: t.expose('opensOn', { type: 'Date', description: '开始日期。Opens on.' }),
    closesOn: t.expose('closesOn', { type: 'Date', description: '截止日期。Closes on.' }),
    status: t.expose('status', { type: CampaignStatusEnum, description: '状态。Status.' }),
    feedbackDays: t.exposeInt('feedbackDays', { description: '承诺答复天数。Feedback promised within days.' }),
    endorsementThreshold: t.exposeInt('endorsementThreshold', { description: '附议达到此数即优先评估。Endorsements for priority review.' }),
    unitName: t.exposeString('unitName', { description: '发布单位。Owning unit.' }),
  }),
});

const PublicConversion = builder.objectRef<PublicConversionView>('PublicSuggestionConversion').implement({
  description: '转化成果及进展（公开）。What the suggestion became, and how far it has got.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ConversionKindEnum, description: '形式。Kind.' }),
    title: t.exposeString('title', { description: '成果名称。Title.' }),
    unitName: t.exposeString('unitName', { description: '转化单位。Unit.' }),
    convertedOn: t.expose('convertedOn', { type: 'Date', description: '转化日期。When.' }),
    link: t.exposeString('link', { nullable: true, description: '链接。Link.' }),
    progress: t.expose('progress', { type: ConversionProgressEnum, description: '进展。Progress.' }),
    progressNote: t.exposeString('progressNote', { nullable: true, description: '进展说明。Note.' }),
    progressOn: t.expose('progressOn', { type: 'Date', description: '进展更新日期。Progress as of.' }),
  }),
});

const PublicAward = builder.objectRef<PublicAwardView>('PublicSuggestionAward').implement({
  description: '所获奖励（公开）。An award the suggestion won.',
  fields: (t) => ({
    tierName: t.exposeString('tierName', { description: '奖励等级。Tier.' }),
    rank: t.exposeInt('rank', { description: '等次。Rank.' }),
    year: t.exposeInt('year', { nullable: true, description: '年度。Year.' }),
    campaignTitle: t.exposeString('campaignTitle', { nullable: true, description: '专项征集。Campaign.' }),
    prize: t.exposeString('prize', { nullable: true, description: '奖励内容。Prize.' }),
    awardedOn: t.expose('awardedOn', { type: 'Date', description: '授奖日期。Awarded on.' }),
  }),
});

export const PublicSuggestion = builder.objectRef<PublicSuggestionView>('PublicSuggestion').implement({
  description: '公开的建议：内容中的身份证号、电话与建议人姓名已脱敏，不含联系人、账号或评估意见。A public suggestion, without personal data.',
  fields: (t) => ({
    number: t.exposeString('number', { description: '建议编号（附议时使用）。Number, for endorsing.' }),
    title: t.exposeString('title', { description: '标题。Title.' }),
    content: t.exposeString('content', { description: '内容。Content.' }),
    category: t.exposeString('category', { description: '类别。Category.' }),
    campaignTitle: t.string({ nullable: true, description: '征集活动；日常征集为空。Campaign.', resolve: (s) => s.campaign?.title ?? null }),
    campaignId: t.id({ nullable: true, description: '征集活动的全局 ID。Campaign global id.', resolve: (s) => (s.campaign ? encodeGlobalID('SuggestionCampaign', s.campaign.id) : null) }),
    status: t.expose('status', { type: SuggestionStatusEnum, description: '公开状态（答复发布前显示为已评估）。Public status.' }),
    statusLabel: t.string({ description: '状态中文名。Status in Chinese.', resolve: (s) => suggestionStatusLabels[s.status] }),
    receivedOn: t.expose('receivedOn', { type: 'Date', description: '收到日期。Received on.' }),
    unitName: t.exposeString('unitName', { description: '责任单位。Responsible unit.' }),
    publicOn: t.expose('publicOn', { type: 'Date', nullable: true, description: '公开日期。Made public on.' }),
    decidedOn: t.expose('decidedOn', { type: 'Date', nullable: true, description: '决定日期（答复发布后）。Decided on.' }),
    answer: t.exposeString('answer', { nullable: true, description: '已发布的答复。The published answer.' }),
    answerPublishedOn: t.expose('answerPublishedOn', { type: 'Date', nullable: true, description: '答复发布日期。Published on.' }),
    endorsementCount: t.exposeInt('endorsementCount', { description: '附议数。Endorsements.' }),
    priority: t.exposeBoolean('priority', { description: '附议达到门槛，优先评估。Flagged for priority review.' }),
    clustered: t.exposeBoolean('clustered', { description: '与相似建议并案办理。Handled together with similar ones.' }),
    conversions: t.field({ type: [PublicConversion], description: '转化成果与进展。Conversions and their progress.', resolve: (s) => s.conversions }),
    awards: t.field({ type: [PublicAward], description: '所获奖励。Awards.', resolve: (s) => s.awards }),
    submitterName: t.exposeString('submitterName', { nullable: true, description: '建议人姓名：仅获奖且本人同意公开时显示。The submitter’s name, only if awarded and agreed.' }),
    endorsedByMe: t.boolean({
      nullable: true,
      description: '你是否已附议（未登录为空）。Whether you endorse it; null without a token.',
      resolve: async (s, _args, ctx) => (ctx.actor ? (await activeEndorsements(ctx.db, ctx.actor.accountId, [s.id])).has(s.id) : null),
    }),
  }),
});

const PublicStep = builder.objectRef<PublicStepView>('PublicSuggestionStep').implement({
  description: '办理进度中的一步（不含任何个人信息）。One public step.',
  fields: (t) => ({
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '时间。When.' }),
    status: t.expose('status', { type: SuggestionStatusEnum, description: '此后状态。Status after it.' }),
    label: t.exposeString('label', { description: '进度说明。What happened.' }),
  }),
});

const Lookup = builder.objectRef<SuggestionLookupView>('SuggestionLookup').implement({
  description: '凭编号与查询码免登录查询：办理进度、答复与不予采纳的理由（答复发布前不显示决定）。The submitter’s lookup.',
  fields: (t) => ({
    suggestion: t.field({ type: PublicSuggestion, description: '建议。The suggestion.', resolve: (s) => s }),
    feedbackDueOn: t.expose('feedbackDueOn', { type: 'Date', description: '答复期限。Feedback due on.' }),
    declineReason: t.expose('declineReason', { type: DeclineReasonEnum, nullable: true, description: '不予采纳办理的理由。Decline reason.' }),
    declineExplanation: t.exposeString('declineExplanation', { nullable: true, description: '理由说明。Explanation.' }),
    timeline: t.field({ type: [PublicStep], description: '进度，早的在前。Steps, oldest first.', resolve: (s) => s.timeline }),
  }),
});

const number = (description: string) => ({ required: true as const, description, ...maxLength(40) });

builder.queryFields((t) => ({
  openSuggestionCampaigns: t.field({
    type: [PublicCampaign],
    description: '正在征集的活动（任何人可查）。Campaigns open for suggestions; anyone may ask.',
    resolve: (_root, _args, ctx) => openCampaigns(ctx.db, toChinaDate(ctx.now())),
  }),
  publicSuggestions: t.connection({
    type: PublicSuggestion,
    description: '公开的建议及其答复、转化进展（任何人可查），最近公开或答复的在前。Public suggestions with their answers and conversions.',
    args: {
      campaignId: t.arg.globalID({ description: '征集活动。Campaign.' }),
      category: t.arg.string({ description: '类别。Category.', ...maxLength(40) }),
      answered: t.arg.boolean({ description: '只看已答复（true）或待答复（false）。Answered or not.' }),
    },
    resolve: async (_root, args, ctx) => {
      if ((args.first ?? 0) > MAX_PAGE_SIZE || (args.last ?? 0) > MAX_PAGE_SIZE) throw InputError.forField('first', `每页最多 ${MAX_PAGE_SIZE} 条`);
      const filter = { campaignId: args.campaignId?.id, category: args.category, answered: args.answered };
      const total = await countPublicSuggestions(ctx.db, filter);
      const connection = await resolveOffsetConnection({ args, defaultSize: 20, maxSize: MAX_PAGE_SIZE }, ({ limit, offset }) => listPublicSuggestions(ctx.db, filter, { limit, offset }));
      return { ...connection, totalCount: total };
    },
  }, {
    description: '公开建议的分页。A page of public suggestions.',
    fields: (c) => ({ totalCount: c.int({ description: '总数。Total.', resolve: (conn) => (conn as unknown as { totalCount: number }).totalCount }) }),
  }, {
    description: '一条公开建议。One public suggestion.',
  }),
  publicSuggestion: t.field({
    type: PublicSuggestion,
    description: '按编号查看一条公开的建议（任何人可查）。One public suggestion by number.',
    args: { number: t.arg.string(number('建议编号。Number.')) },
    resolve: (_root, args, ctx) => publicSuggestionByNumber(ctx.db, args.number),
  }),
  awardedSuggestions: t.field({
    type: [PublicSuggestion],
    description: '获奖建议（任何人可查）：按年度或征集活动；建议人同意时才显示姓名。Awarded suggestions of a year or campaign.',
    args: {
      year: t.arg.int({ description: '年度。Year.' }),
      campaignId: t.arg.globalID({ description: '征集活动。Campaign.' }),
    },
    resolve: (_root, args, ctx) => awardedSuggestions(ctx.db, { year: args.year, campaignId: args.campaignId?.id }),
  }),
  suggestionStatus: t.field({
    type: Lookup,
    description: '凭建议编号与查询码免登录查询办理进度与答复。The submitter’s lookup by number and query code.',
    args: { number: t.arg.string(number('建议编号。Number.')), queryCode: t.arg.string({ required: true, description: '查询码。Query code.', ...maxLength(40) }) },
    resolve: async (_root, args, ctx) => {
      // per client address, so a query code cannot be found by trying them all
      await ctx.integration?.limitPublicLookup();
      return lookupSuggestion(ctx.db, args.number, args.queryCode);
    },
  }),
}));
