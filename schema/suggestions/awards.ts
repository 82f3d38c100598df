import { and, count, eq, sql } from 'drizzle-orm';
import { builder } from '../builder';
import { ForbiddenError, InputError, NotFoundError } from '../../db/errors';
import { parseInput } from '../../db/common/validate';
import { suggestionNominations } from '../../db/schema';
import { createAwardTier, decideAward, nominate, tierSchema } from '../../db/suggestions/awards';
import { likePrefix } from '../../db/cases/service';
import { NominationStatusEnum, SuggestionCampaign } from './types';
import { SuggestionRuleError } from '../../db/suggestions/errors';
import { Unit } from '../units/types';
import { suggestionMutation } from './mutations';

export const SuggestionAwardTier = builder.drizzleNode('suggestionAwardTiers', {
  name: 'SuggestionAwardTier',
  description: '奖励等级（年度评选或某次专项征集）。An award tier of a year or of one campaign.',
  id: { column: (c) => c.id },
  authScopes: { unitMember: true },
  fields: (t) => ({
    name: t.exposeString('name', { description: '名称（如一等奖）。Name.' }),
    rank: t.exposeInt('rank', { description: '等次，1 为最高。Rank, 1 highest.' }),
    year: t.exposeInt('year', { nullable: true, description: '年度（年度评选）。Year.' }),
    campaign: t.relation('campaign', { type: SuggestionCampaign, nullable: true, description: '征集活动（专项评选）。Campaign.' }),
    quota: t.exposeInt('quota', { description: '名额。Places.' }),
    prize: t.exposeString('prize', { nullable: true, description: '奖励内容。Prize.' }),
    unit: t.relation('unit', { type: Unit, description: '设奖单位。Awarding unit.' }),
    awarded: t.int({
      description: '已授予数。Awarded so far.',
      resolve: async (tier, _args, ctx) =>
        (await ctx.db.select({ n: count() }).from(suggestionNominations).where(and(eq(suggestionNominations.tierId, tier.id), eq(suggestionNominations.status, 'AWARDED'))))[0].n,
    }),
  }),
});

export const SuggestionNomination = builder.drizzleObject('suggestionNominations', {
  name: 'SuggestionNomination',
  description: '奖励推荐及评审结果（获奖即为奖励记录）。A nomination and the panel’s decision; an awarded one is the award record.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'ID（评审时使用）。Nomination id, for the decision.' }),
    tier: t.relation('tier', { description: '奖励等级。Tier.' }),
    reason: t.exposeString('reason', { description: '推荐理由。Reason.' }),
    status: t.expose('status', { type: NominationStatusEnum, description: '状态。Status.' }),
    decidedOn: t.expose('decidedOn', { type: 'Date', nullable: true, description: '评审日期（获奖日期）。Decided on.' }),
    panelNote: t.exposeString('panelNote', { nullable: true, description: '评审意见（内部）。Panel note.' }),
  }),
});

builder.drizzleObjectField('suggestions', 'nominations', (t) =>
  t.relation('nominations', {
    description: '奖励推荐与评审（仅工作人员可见）。Nominations and awards (staff only).',
    authScopes: { unitMember: true },
    unauthorizedResolver: () => [],
    query: { orderBy: { createdAt: 'asc' } },
  }),
);

const TierPayload = builder.objectRef<{ tierId: string }>('SuggestionAwardTierPayload').implement({
  description: '新建的奖励等级。The new tier.',
  fields: (t) => ({
    tier: t.drizzleField({
      type: SuggestionAwardTier,
      description: '奖励等级。The tier.',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.suggestionAwardTiers.findFirst(query({ where: { id: payload.tierId } })))!,
    }),
  }),
});

builder.mutationField('createSuggestionAwardTier', (t) =>
  t.field({
    type: TierPayload,
    description: '设置奖励等级：年度评选（year）或某次专项征集（campaignId），二选一。Create an award tier for a year or a campaign.',
    authScopes: { authenticated: true },
    errors: { types: [ForbiddenError, NotFoundError, InputError, SuggestionRuleError] },
    args: {
      input: t.arg({
        type: builder.inputType('CreateSuggestionAwardTierInput', {
          description: '奖励等级。An award tier.',
          fields: (f) => ({
            name: f.string({ required: true, description: '名称。Name.' }),
            rank: f.int({ required: true, description: '等次 1–9，1 为最高。Rank.' }),
            year: f.int({ description: '年度。Year.' }),
            campaignId: f.globalID({ description: '征集活动。Campaign.' }),
            quota: f.int({ required: true, description: '名额。Places.' }),
            prize: f.string({ description: '奖励内容。Prize.' }),
          }),
        }),
        required: true,
        description: '奖励等级。The tier.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const plain = Object.fromEntries(Object.entries({ ...input, campaignId: input.campaignId?.id }).filter(([, v]) => v !== null && v !== undefined));
      return { tierId: await createAwardTier(ctx, parseInput(tierSchema, plain)) };
    },
  }),
);

builder.queryField('suggestionAwardTiers', (t) =>
  t.drizzleField({
    type: [SuggestionAwardTier],
    description: '可用的奖励等级：本单位及上级、下级单位所设，新的年度在前。Award tiers of your line of the unit tree.',
    authScopes: { unitMember: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.db.query.suggestionAwardTiers.findMany(
        query({
          where: {
            RAW: (tier) =>
              sql`exists (select 1 from units u where u.id = ${tier.unitId} and (u.path like ${likePrefix(ctx.unitPath!)} or ${ctx.unitPath} like u.path || '%'))`,
          },
          orderBy: { year: 'desc', rank: 'asc', id: 'asc' },
        }),
      ),
  }),
);

suggestionMutation('nominateSuggestion', '推荐参评奖励（已采纳或已转化的建议）。Nominate a suggestion that was taken up for an award tier.', (t) => ({
  tierId: t.globalID({ required: true, description: '奖励等级。Tier.' }),
  reason: t.string({ required: true, description: '推荐理由。Reason.' }),
}), nominate);

suggestionMutation('decideSuggestionAward', '评审委员会决定是否授奖（设奖单位或上级单位领导），受名额限制。The panel awards or rejects a nomination, within the tier’s places.', (t) => ({
  nominationId: t.id({ required: true, description: '推荐 ID。Nomination id.' }),
  award: t.boolean({ required: true, description: '是否授奖。Award it.' }),
  panelNote: t.string({ description: '评审意见。Panel note.' }),
}), (ctx, input) => decideAward(ctx, { ...input, nominationId: String(input.nominationId) }));
