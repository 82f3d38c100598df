// suggestionStats: the figures of suggestion collection over a period (db/suggestions/stats.ts, one SQL statement).
import { inArray } from 'drizzle-orm';
import { builder } from '../builder';
import { ForbiddenError } from '../../db/errors';
import { suggestionCampaigns, units } from '../../db/schema';
import { isUnitMember } from '../../db/cases/visibility';
import { unitPathOf } from '../../db/units/service';
import { toChinaDate } from '../../db/calendar/work-calendar';
import { ratio, suggestionFigures, type SuggestionFigures } from '../../db/suggestions/stats';
import { Unit } from '../units/types';
import { SuggestionCampaign } from './types';

const Figures = builder.objectRef<SuggestionFigures>('SuggestionFigures').implement({
  description: '人民建议征集数据（期内收到的建议，按现状统计）。Figures of the suggestions received in the period, as they stand now.',
  fields: (t) => ({
    received: t.exposeInt('received', { description: '期内收到。Received in the period.' }),
    assessed: t.exposeInt('assessed', { description: '已完成评估（含已作出决定、已转化）。Assessment completed.' }),
    adopted: t.exposeInt('adopted', { description: '采纳或部分采纳（含已转化）。Adopted or partly adopted.' }),
    converted: t.exposeInt('converted', { description: '已转化为政策、措施、项目或议案提案。Converted.' }),
    adoptionRate: t.float({ nullable: true, description: '采纳率：（采纳＋部分采纳）÷ 已评估。Adoption rate.', resolve: (f) => ratio(f.adopted, f.assessed) }),
    conversionRate: t.float({ nullable: true, description: '转化率：已转化 ÷（采纳＋部分采纳）。Conversion rate.', resolve: (f) => ratio(f.converted, f.adopted) }),
    feedbackGiven: t.exposeInt('feedbackGiven', { description: '已答复。Feedback given.' }),
    averageDaysToFeedback: t.float({ nullable: true, description: '从收到到答复的平均自然日数。Average calendar days from receipt to feedback.', resolve: (f) => ratio(f.feedbackDays, f.feedbackGiven) }),
    feedbackJudged: t.exposeInt('feedbackJudged', { description: '应计按期的件数：已答复，或已过答复期限仍未答复。Judged for timeliness.' }),
    onTimeFeedbackRate: t.float({ nullable: true, description: '按期答复率：期限内答复 ÷ 应计件数。On-time feedback rate.', resolve: (f) => ratio(f.feedbackOnTime, f.feedbackJudged) }),
  }),
});

type CampaignRow = typeof suggestionCampaigns.$inferSelect;
type UnitRow = typeof units.$inferSelect;

const ByCampaign = builder.objectRef<{ campaign: CampaignRow | null; figures: SuggestionFigures }>('CampaignSuggestionFigures').implement({
  description: '一个征集活动的数据（活动为空即日常征集）。Figures of one campaign (null: open collection).',
  fields: (t) => ({
    campaign: t.field({ type: SuggestionCampaign, nullable: true, description: '征集活动；为空即日常征集。Campaign, null for open collection.', resolve: (r) => r.campaign }),
    figures: t.field({ type: Figures, description: '数据。Figures.', resolve: (r) => r.figures }),
  }),
});
const ByUnit = builder.objectRef<{ unit: UnitRow; figures: SuggestionFigures }>('UnitSuggestionFigures').implement({
  description: '一个责任单位的数据。Figures of one responsible unit.',
  fields: (t) => ({
    unit: t.field({ type: Unit, description: '责任单位。Responsible unit.', resolve: (r) => r.unit }),
    figures: t.field({ type: Figures, description: '数据。Figures.', resolve: (r) => r.figures }),
  }),
});
const ByCategory = builder.objectRef<{ category: string; figures: SuggestionFigures }>('CategorySuggestionFigures').implement({
  description: '一个类别的数据。Figures of one category.',
  fields: (t) => ({
    category: t.exposeString('category', { description: '类别。Category.' }),
    figures: t.field({ type: Figures, description: '数据。Figures.', resolve: (r) => r.figures }),
  }),
});

const Stats = builder
  .objectRef<{ total: SuggestionFigures; byCampaign: (typeof ByCampaign.$inferType)[]; byUnit: (typeof ByUnit.$inferType)[]; byCategory: (typeof ByCategory.$inferType)[] }>('SuggestionStats')
  .implement({
    description: '单位及下级的人民建议征集数据（SQL 汇总）。Suggestion figures of a unit subtree, computed in SQL.',
    fields: (t) => ({
      total: t.field({ type: Figures, description: '合计。Total.', resolve: (s) => s.total }),
      byCampaign: t.field({ type: [ByCampaign], description: '按征集活动。Per campaign.', resolve: (s) => s.byCampaign }),
      byUnit: t.field({ type: [ByUnit], description: '按责任单位。Per responsible unit.', resolve: (s) => s.byUnit }),
      byCategory: t.field({ type: [ByCategory], description: '按类别。Per category.', resolve: (s) => s.byCategory }),
    }),
  });

builder.queryField('suggestionStats', (t) =>
  t.field({
    type: Stats,
    description: '人民建议征集数据：收到、评估、采纳率、转化率、平均答复天数、按期答复率；按活动、单位、类别细分。Suggestion figures over a period.',
    authScopes: { role: ['STAFF', 'LEADER', 'ADMIN', 'SUPERVISOR'] },
    args: {
      unitId: t.arg.globalID({ required: true, description: '单位（含下级）。Unit subtree.' }),
      from: t.arg({ type: 'Date', required: true, description: '收到日期起（含）。Received from, inclusive.' }),
      to: t.arg({ type: 'Date', required: true, description: '收到日期止（含）。Received to, inclusive.' }),
      campaignId: t.arg.globalID({ description: '只看一个征集活动。One campaign only.' }),
    },
    resolve: async (_root, args, ctx) => {
      const path = await unitPathOf(ctx.db, args.unitId.id);
      const viewer = { roles: ctx.actor?.roles ?? [], unitPath: ctx.unitPath, petitionerId: null };
      if (!isUnitMember(viewer) || !path.startsWith(ctx.unitPath!)) throw new ForbiddenError('只能查看本单位及下级单位的人民建议数据');
      const figures = await suggestionFigures(ctx.db, { unitPath: path, from: args.from, to: args.to, today: toChinaDate(ctx.now()), campaignId: args.campaignId?.id ?? null });
      const campaignIds = figures.byCampaign.map((r) => r.key).filter((k): k is string => k !== null);
      const unitIds = figures.byUnit.map((r) => r.key!);
      const [campaigns, unitRows] = await Promise.all([
        campaignIds.length ? ctx.db.select().from(suggestionCampaigns).where(inArray(suggestionCampaigns.id, campaignIds)) : [],
        unitIds.length ? ctx.db.select().from(units).where(inArray(units.id, unitIds)) : [],
      ]);
      return {
        total: figures.total,
        byCampaign: figures.byCampaign.map((r) => ({ campaign: campaigns.find((c) => c.id === r.key) ?? null, figures: r })),
        byUnit: figures.byUnit.map((r) => ({ unit: unitRows.find((u) => u.id === r.key)!, figures: r })),
        byCategory: figures.byCategory.map((r) => ({ category: r.key!, figures: r })),
      };
    },
  }),
);
