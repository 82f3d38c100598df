import { builder } from '../builder';
import { Channel, ClockStateEnum } from '../cases/enums';
import { Unit } from '../units/types';
import { allowedActions } from '../../db/streams/lifecycle';
import { campaignLifecycle, suggestionAllowedActions } from '../../db/suggestions/lifecycle';
import { canReadSuggestion } from '../../db/suggestions/stream';
import { feedbackClock, type FeedbackClock } from '../../db/suggestions/feedback-clock';
import { findSimilarSuggestions } from '../../db/suggestions/similar';
import { loadWorkCalendar } from '../../db/calendar/service';
import { toChinaDate } from '../../db/calendar/work-calendar';
import { maskMobile, maskName } from '../../db/petitioners/identity';
import { isUnitMember } from '../../db/cases/visibility';
import { suggestions } from '../../db/schema';
import type { Context } from '../context';
import { sql } from 'drizzle-orm';
import { visibleSuggestionsSql } from '../../db/suggestions/read-sql';
import { likePrefix } from '../../db/cases/service';
import { MAX_PAGE_SIZE } from '../page-limits';
import * as en from './english';
import {
  campaignActionLabels,
  campaignActions,
  campaignStatusLabels,
  campaignStatuses,
  conversionKindLabels,
  conversionProgressLabels,
  declineReasonLabels,
  nominationStatusLabels,
  suggestionActionLabels,
  suggestionActions,
  suggestionStatusLabels,
  suggestionStatuses,
} from '../../db/suggestions/vocabulary';

/** A GraphQL enum from one of the vocabulary's lists and its Chinese labels. */
function vocabularyEnum<const V extends string>(
  name: string,
  description: string,
  values: readonly V[],
  labels: Readonly<Record<V, string>>,
  english: Readonly<Record<V, string>>,
) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((v) => [v, { description: `${labels[v]}。${english[v]}` }])) as Record<V, { description: string }>,
  });
}

export const SuggestionStatusEnum = vocabularyEnum('SuggestionStatus', '建议办理状态。Where a suggestion stands.', suggestionStatuses, suggestionStatusLabels, en.suggestionStatusEnglish);
export const CampaignStatusEnum = vocabularyEnum('SuggestionCampaignStatus', '征集活动状态。Campaign status.', campaignStatuses, campaignStatusLabels, en.campaignStatusEnglish);
export const SuggestionActionEnum = vocabularyEnum('SuggestionAction', '建议办理操作。A pipeline action.', suggestionActions, suggestionActionLabels, en.suggestionActionEnglish);
export const CampaignActionEnum = vocabularyEnum('SuggestionCampaignAction', '征集活动操作。A campaign action.', campaignActions, campaignActionLabels, en.campaignActionEnglish);
export const DeclineReasonEnum = vocabularyEnum('SuggestionDeclineReason', '不予采纳办理的理由。Why a suggestion is not taken up.', ['DUPLICATE', 'OUT_OF_SCOPE', 'PERSONAL_GRIEVANCE', 'UNLAWFUL_CONTENT'] as const, declineReasonLabels, en.declineReasonEnglish);
export const ConversionKindEnum = vocabularyEnum('SuggestionConversionKind', '转化形式。What a suggestion became.', Object.keys(conversionKindLabels) as (keyof typeof conversionKindLabels)[], conversionKindLabels, en.conversionKindEnglish);
export const ConversionProgressEnum = vocabularyEnum('SuggestionConversionProgress', '转化进展。How far a conversion has got.', Object.keys(conversionProgressLabels) as (keyof typeof conversionProgressLabels)[], conversionProgressLabels, en.conversionProgressEnglish);
export const NominationStatusEnum = vocabularyEnum('SuggestionNominationStatus', '奖励推荐状态。Nomination status.', Object.keys(nominationStatusLabels) as (keyof typeof nominationStatusLabels)[], nominationStatusLabels, en.nominationStatusEnglish);

export const FeedbackDeadline = builder.objectRef<FeedbackClock>('SuggestionFeedbackDeadline').implement({
  description: '答复时限：自收到次日起按自然日计算，末日遇节假日顺延。The feedback clock, on the work calendar.',
  fields: (t) => ({
    startedOn: t.expose('startedOn', { type: 'Date', description: '收到日期。Received on.' }),
    days: t.exposeInt('days', { description: '期限天数（快速通道不超过 7 日）。Days allowed.' }),
    dueOn: t.expose('dueOn', { type: 'Date', description: '答复期限。Due on.' }),
    completedOn: t.expose('completedOn', { type: 'Date', nullable: true, description: '答复建议人之日。Feedback given on.' }),
    met: t.exposeBoolean('met', { nullable: true, description: '是否按期答复。Met in time.' }),
    state: t.expose('state', { type: ClockStateEnum, description: '状态。State.' }),
  }),
});

async function clockOf(row: typeof suggestions.$inferSelect, ctx: Context) {
  return feedbackClock(row, toChinaDate(ctx.now()), await loadWorkCalendar(ctx.db));
}

const staffOver = (ctx: Context, unitPath: string) =>
  isUnitMember({ roles: ctx.actor?.roles ?? [], unitPath: ctx.unitPath, petitionerId: null }) && unitPath.startsWith(ctx.unitPath!);

export const SuggestionCampaign = builder.drizzleNode('suggestionCampaigns', {
  name: 'SuggestionCampaign',
  description: '征集活动（专项征集）。A published call for suggestions on a topic.',
  id: { column: (c) => c.id },
  fields: (t) => ({
    title: t.exposeString('title', { description: '标题。Title.' }),
    description: t.exposeString('description', { description: '征集说明。What is asked.' }),
    categories: t.exposeStringList('categories', { description: '征集类别。Categories.' }),
    opensOn: t.expose('opensOn', { type: 'Date', description: '开始日期（含）。Opens on.' }),
    closesOn: t.expose('closesOn', { type: 'Date', description: '截止日期（含）。Closes on.' }),
    status: t.expose('status', { type: CampaignStatusEnum, description: '状态。Status.' }),
    feedbackDays: t.exposeInt('feedbackDays', { description: '答复期限天数。Feedback period in days.' }),
    endorsementThreshold: t.exposeInt('endorsementThreshold', { description: '列为优先评估的附议数。Endorsements for priority review.' }),
    version: t.exposeInt('version', { description: '版本号，操作时作为 expectedVersion 传入。Version.' }),
    unit: t.relation('unit', { type: Unit, description: '发布单位。Owning unit.' }),
    allowedActions: t.field({
      type: [CampaignActionEnum],
      description: '你此刻可执行的操作。Actions you may take now.',
      resolve: (row, _args, ctx) => (staffOver(ctx, row.unitPath) ? allowedActions(campaignLifecycle, row.status, ctx.actor!.roles) : []),
    }),
  }),
});

export const Assessment = builder.drizzleObject('suggestionAssessments', {
  name: 'SuggestionAssessment',
  description: '一位评估人的评分与内部意见（仅工作人员可见）。One assessor’s scores and internal notes (staff only).',
  fields: (t) => ({
    assessor: t.relation('assessor', { description: '评估人。Assessor.' }),
    valueScore: t.exposeInt('valueScore', { nullable: true, description: '价值评分 1–5。Value score.' }),
    feasibilityScore: t.exposeInt('feasibilityScore', { nullable: true, description: '可行性评分 1–5。Feasibility score.' }),
    notes: t.exposeString('notes', { nullable: true, description: '内部意见，从不公开。Internal notes.' }),
    assessedAt: t.expose('assessedAt', { type: 'DateTime', nullable: true, description: '评估时间。When scored.' }),
  }),
});

export const Conversion = builder.drizzleObject('suggestionConversions', {
  name: 'SuggestionConversion',
  description: '转化记录。What an adopted suggestion became.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'ID（更新进展时使用）。Conversion id, for progress updates.' }),
    kind: t.expose('kind', { type: ConversionKindEnum, description: '形式。Kind.' }),
    title: t.exposeString('title', { description: '成果名称。Title.' }),
    unit: t.relation('unit', { type: Unit, description: '转化单位。Unit.' }),
    convertedOn: t.expose('convertedOn', { type: 'Date', description: '转化日期。When.' }),
    link: t.exposeString('link', { nullable: true, description: '链接。Link.' }),
    progress: t.expose('progress', { type: ConversionProgressEnum, description: '进展。Progress.' }),
    progressNote: t.exposeString('progressNote', { nullable: true, description: '进展说明。Progress note.' }),
    progressOn: t.expose('progressOn', { type: 'Date', description: '进展更新日期。Progress as of.' }),
  }),
});

const SimilarSuggestion = builder.objectRef<{ score: number; row: typeof suggestions.$inferSelect }>('SimilarSuggestion').implement({
  description: '同一征集活动、同一类别中的相似建议（按字符二元组的稀有度加权相似度）。A similar suggestion in the same campaign and category.',
  fields: (t) => ({
    score: t.float({ description: '相似度 0–1（≥0.2 才会提出）。Similarity, 0–1.', resolve: (m) => Math.round(m.score * 1000) / 1000 }),
    suggestionId: t.id({ description: '相似建议的全局 ID。Its global ID.', resolve: (m) => Buffer.from(`Suggestion:${m.row.id}`).toString('base64') }),
    number: t.string({ description: '编号。Number.', resolve: (m) => m.row.number }),
    title: t.string({ description: '标题。Title.', resolve: (m) => m.row.title }),
    status: t.field({ type: SuggestionStatusEnum, description: '状态。Status.', resolve: (m) => m.row.status }),
    clustered: t.boolean({ description: '是否已并案。Already in a cluster.', resolve: (m) => m.row.clusterId !== null }),
  }),
});

export const Suggestion = builder.drizzleNode('suggestions', {
  name: 'Suggestion',
  description: '人民建议（“金点子”）。A citizen’s suggestion.',
  id: { column: (c) => c.id },
  authScopes: (row, ctx) => canReadSuggestion(ctx, row),
  select: { columns: { id: true, unitPath: true, submitterAccountId: true, assessorIds: true } },
  fields: (t) => ({
    number: t.exposeString('number', { description: '建议编号。Number.' }),
    queryCode: t.exposeString('queryCode', { description: '查询码：凭编号与查询码免登录查询。Query code.' }),
    title: t.exposeString('title', { description: '标题。Title.' }),
    content: t.exposeString('content', { description: '内容。Content.' }),
    category: t.exposeString('category', { description: '类别。Category.' }),
    placeCode: t.exposeString('placeCode', { nullable: true, description: '涉及地点的行政区划代码。Place.' }),
    channel: t.expose('channel', { type: Channel, description: '渠道。Channel.' }),
    attachments: t.field({
      type: ['String'],
      description: '附件（名称与引用）。Attachments as "name|reference".',
      select: { columns: { attachments: true } },
      resolve: (row) => row.attachments.map((a) => `${a.name}|${a.reference}`),
    }),
    urgent: t.exposeBoolean('urgent', { description: '快速通道。Fast lane.' }),
    status: t.expose('status', { type: SuggestionStatusEnum, description: '状态。Status.' }),
    statusLabel: t.string({ description: '状态中文名。Status in Chinese.', select: { columns: { status: true } }, resolve: (row) => suggestionStatusLabels[row.status] }),
    version: t.exposeInt('version', { description: '版本号，操作时作为 expectedVersion 传入。Version.' }),
    receivedOn: t.expose('receivedOn', { type: 'Date', description: '收到日期。Received on.' }),
    campaign: t.relation('campaign', { type: SuggestionCampaign, nullable: true, description: '所属征集活动；日常征集为空。Campaign.' }),
    unit: t.relation('unit', { type: Unit, description: '责任单位。Responsible unit.' }),
    allowedActions: t.field({
      type: [SuggestionActionEnum],
      description: '你此刻可执行的操作。Actions you may take now.',
      select: { columns: { status: true, publicOn: true, clusterId: true, urgent: true, answerPublishedOn: true } },
      resolve: (row, _args, ctx) => (ctx.actor ? suggestionAllowedActions(row, ctx.actor.roles) : []),
    }),
    feedbackDeadline: t.field({
      type: FeedbackDeadline,
      description: '答复时限。The feedback clock.',
      select: { columns: { receivedOn: true, feedbackDays: true, urgent: true, feedbackOn: true, withdrawnOn: true } },
      resolve: (row, _args, ctx) => clockOf(row as typeof suggestions.$inferSelect, ctx),
    }),
    overdue: t.exposeBoolean('overdue', { description: '答复已超期（巡检维护）。Feedback overdue.' }),
    contactName: t.string({
      nullable: true,
      description: '联系人（脱敏）。Contact name, masked.',
      select: { columns: { contactName: true } },
      resolve: (row) => (row.contactName ? maskName(row.contactName) : null),
    }),
    contactMobile: t.string({
      nullable: true,
      description: '联系电话（脱敏）。Contact mobile, masked.',
      select: { columns: { contactMobile: true } },
      resolve: (row) => (row.contactMobile ? maskMobile(row.contactMobile) : null),
    }),
    declineReason: t.expose('declineReason', { type: DeclineReasonEnum, nullable: true, description: '不予采纳办理的理由。Decline reason.' }),
    declineExplanation: t.exposeString('declineExplanation', { nullable: true, description: '理由说明。Explanation.' }),
    decidedOn: t.expose('decidedOn', { type: 'Date', nullable: true, description: '决定日期。Decided on.' }),
    answer: t.string({
      nullable: true,
      description: '答复意见；未发布前仅工作人员可见。The official answer (staff only until published).',
      select: { columns: { answer: true, answerPublishedOn: true, unitPath: true } },
      resolve: (row, _args, ctx) => (row.answerPublishedOn || staffOver(ctx, row.unitPath) ? row.answer : null),
    }),
    answerPublishedOn: t.expose('answerPublishedOn', { type: 'Date', nullable: true, description: '答复发布日期。Published on.' }),
    publicOn: t.expose('publicOn', { type: 'Date', nullable: true, description: '公开（接受附议）日期。Made public on.' }),
    endorsementCount: t.exposeInt('endorsementCount', { description: '有效附议数（只计本建议，并案也不合并）。Active endorsements of this suggestion alone.' }),
    priority: t.exposeBoolean('priority', { description: '附议达到门槛，列为优先评估。Flagged for priority review.' }),
    priorityFlaggedOn: t.expose('priorityFlaggedOn', { type: 'Date', nullable: true, description: '列为优先评估的日期。Flagged on.' }),
    assessments: t.relation('assessments', {
      description: '评估记录（仅工作人员可见）。Assessments (staff only).',
      authScopes: { unitMember: true },
      unauthorizedResolver: () => [],
    }),
    conversions: t.relation('conversions', { description: '转化记录。Conversion records.', query: { orderBy: { convertedOn: 'asc' } } }),
    cluster: t.relation('cluster', { nullable: true, description: '所在并案组。The cluster it is handled in.' }),
    sourceCaseId: t.exposeID('sourceCaseId', { nullable: true, description: '由哪件信访事项转来。The petition it came from.' }),
    caseId: t.exposeID('caseId', { nullable: true, description: '转为的信访事项。The petition it became.' }),
    similarSuggestions: t.field({
      type: [SimilarSuggestion],
      description: '同一征集活动、同一类别中的相似建议（供评估人并案参考，仅工作人员）。Similar suggestions (staff only).',
      authScopes: { unitMember: true },
      unauthorizedResolver: () => [],
      select: { columns: { title: true, content: true, similarityBucket: true } },
      resolve: async (row, _args, ctx) => {
        const matches = await findSimilarSuggestions(ctx.db, { bucket: row.similarityBucket, title: row.title, content: row.content, excludeId: row.id });
        if (!matches.length) return [];
        const rows = await ctx.db.query.suggestions.findMany({ where: { id: { in: matches.map((m) => m.id) } } });
        const byId = new Map(rows.filter((r) => canReadSuggestion(ctx, r)).map((r) => [r.id, r]));
        return matches.filter((m) => byId.has(m.id)).map((m) => ({ score: m.score, row: byId.get(m.id)! }));
      },
    }),
  }),
});


const SuggestionFilterInput = builder.inputType('SuggestionFilter', {
  description: '建议筛选。Suggestion filters.',
  fields: (t) => ({
    campaignId: t.globalID({ description: '征集活动。Campaign.' }),
    statuses: t.field({ type: [SuggestionStatusEnum], description: '状态之一。Any of these statuses.' }),
    priority: t.boolean({ description: '只看（或排除）附议达到门槛的。Flagged for priority review.' }),
    overdue: t.boolean({ description: '答复已超期。Feedback overdue.' }),
    clustered: t.boolean({ description: '已并案 / 未并案。In a cluster or not.' }),
  }),
});

function suggestionFilterSql(t: typeof suggestions, ctx: Context, filter: typeof SuggestionFilterInput.$inferInput | null | undefined) {
  const parts = [visibleSuggestionsSql(t, ctx)];
  if (filter?.campaignId) parts.push(sql`${t.campaignId} = ${filter.campaignId.id}`);
  if (filter?.statuses?.length) parts.push(sql`${t.status} in (${sql.join(filter.statuses.map((s) => sql`${s}`), sql`, `)})`);
  if (filter?.priority !== null && filter?.priority !== undefined) parts.push(sql`${t.priority} = ${filter.priority}`);
  if (filter?.overdue !== null && filter?.overdue !== undefined) parts.push(sql`${t.overdue} = ${filter.overdue}`);
  if (filter?.clustered !== null && filter?.clustered !== undefined) parts.push(filter.clustered ? sql`${t.clusterId} is not null` : sql`${t.clusterId} is null`);
  return sql.join(parts, sql` and `);
}

builder.queryFields((t) => ({
  suggestions: t.drizzleConnection({
    type: Suggestion,
    description: '按权限可见的建议：工作人员看本单位及下级，评估人看抽中的，群众看本人提交的；新收到的在前。Suggestions you may read, newest first.',
    authScopes: { authenticated: true },
    maxSize: MAX_PAGE_SIZE,
    args: { filter: t.arg({ type: SuggestionFilterInput, description: '筛选。Filters.' }) },
    totalCount: (_parent, args, ctx) => ctx.db.$count(suggestions, suggestionFilterSql(suggestions, ctx, args.filter)),
    resolve: (query, _parent, args, ctx) =>
      ctx.db.query.suggestions.findMany(
        query({ where: { RAW: (table) => suggestionFilterSql(table as typeof suggestions, ctx, args.filter) }, orderBy: { receivedOn: 'desc', id: 'desc' } }),
      ) as unknown as Promise<(typeof suggestions.$inferSelect)[]>,
  }),
  suggestionCampaigns: t.drizzleField({
    type: [SuggestionCampaign],
    description: '本单位及下级发布的征集活动（含草稿），新的在前。Campaigns of your unit’s subtree, drafts included.',
    authScopes: { unitMember: true },
    resolve: (query, _parent, _args, ctx) =>
      ctx.db.query.suggestionCampaigns.findMany(
        query({ where: { RAW: (table) => sql`${table.unitPath} like ${likePrefix(ctx.unitPath!)}` }, orderBy: { opensOn: 'desc', id: 'desc' } }),
      ),
  }),
}));
