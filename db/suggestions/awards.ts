/**
 * Commendation and rewards (表扬奖励): a unit sets award tiers for a year or for one campaign; staff nominate a
 * suggestion that was taken up, the panel (a leader of the tier's unit or above) decides, and the nomination
 * becomes the award record. Nomination and decision are actions on the suggestion's own stream (one event
 * each, through the runner); tiers are configuration, like the work calendar.
 */
import { and, count, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import * as z from 'zod/mini';
import { suggestionAwardTiers, suggestionCampaigns, suggestionNominations } from '../tables/suggestions.sql';
import { ForbiddenError, InputError, NotFoundError } from '../errors';
import type { Session } from '../session';
import { text } from '../common/validate';
import { getUnit } from '../units/service';
import { runStreamAction, type StreamActionInput } from '../streams/runner';
import { SuggestionRuleError } from './errors';
import { suggestionStream } from './stream';

export const tierSchema = z.object({
  name: text('奖励等级名称', 2, 40),
  rank: z.number().check(z.int(), z.minimum(1, '等次应为 1–9'), z.maximum(9, '等次应为 1–9')),
  year: z.optional(z.number().check(z.int(), z.minimum(2000, '年度不正确'), z.maximum(2100, '年度不正确'))),
  campaignId: z.optional(z.string()),
  quota: z.number().check(z.int(), z.minimum(1, '名额至少 1 个'), z.maximum(1000, '名额过多')),
  prize: z.optional(text('奖励内容', 1, 200)),
});
export type TierInput = z.output<typeof tierSchema>;

/** A tier belongs to a year (年度评选) or to one campaign (专项征集), never both. */
export function tierScopeIssue(input: { year?: number | null; campaignId?: string | null }): string | null {
  if ((input.year == null) === (input.campaignId == null)) return '奖励等级须指定年度或征集活动之一';
  return null;
}

/** May a suggestion of this campaign, decided in this year, handled by a unit at `unitPath`, win in this tier? */
export function tierApplies(
  tier: { year: number | null; campaignId: string | null; unitPath: string },
  suggestion: { campaignId: string | null; decidedOn: string | null; unitPath: string },
): boolean {
  if (!suggestion.unitPath.startsWith(tier.unitPath)) return false;
  if (tier.campaignId) return tier.campaignId === suggestion.campaignId;
  return !!suggestion.decidedOn && Number(suggestion.decidedOn.slice(0, 4)) === tier.year;
}

function staffUnit(session: Session) {
  const actor = session.actor;
  if (!actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  if (!actor.unitId || !session.unitPath || !actor.roles.some((r) => r === 'STAFF' || r === 'LEADER' || r === 'ADMIN')) throw new ForbiddenError('只有单位工作人员可以设置奖励等级');
  return actor;
}

/** A tier of the caller's unit (or of the campaign's unit, which must lie in the caller's subtree). */
export async function createAwardTier(session: Session, input: TierInput): Promise<string> {
  const actor = staffUnit(session);
  const issue = tierScopeIssue(input);
  if (issue) throw InputError.forField('year', issue);
  let unitId = actor.unitId!;
  if (input.campaignId) {
    const [campaign] = await session.db.select().from(suggestionCampaigns).where(eq(suggestionCampaigns.id, input.campaignId));
    if (!campaign || !campaign.unitPath.startsWith(session.unitPath!)) throw new NotFoundError('suggestion-campaign', '征集活动不存在或无权查看');
    unitId = campaign.unitId;
  }
  const [row] = await session.db
    .insert(suggestionAwardTiers)
    .values({ unitId, name: input.name, rank: input.rank, year: input.year ?? null, campaignId: input.campaignId ?? null, quota: input.quota, prize: input.prize ?? null })
    .returning({ id: suggestionAwardTiers.id });
  return row.id;
}

async function tierWithPath(tx: Executor, tierId: string, lock: boolean) {
  const query = tx.select().from(suggestionAwardTiers).where(eq(suggestionAwardTiers.id, tierId));
  const [tier] = lock ? await query.for('update') : await query;
  if (!tier) return null;
  const unit = await getUnit(tx, tier.unitId);
  return { ...tier, unitPath: unit.path };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Input<T> = StreamActionInput & { suggestionId: string } & T;

/** 推荐参评: staff of the responsible subtree nominate a suggestion that was taken up, for a tier that applies to it. */
export function nominate(session: Session, input: Input<{ tierId: string; reason: string }>) {
  return runStreamAction(session, suggestionStream, 'nominate', input.suggestionId, input, async (scope) => {
    if (!scope.actorPath || !scope.row.unitPath.startsWith(scope.actorPath)) throw new SuggestionRuleError('suggestion/not-our-unit');
    const reason = input.reason?.trim();
    if (!reason) throw InputError.forField('reason', '请填写推荐理由');
    const tier = await tierWithPath(scope.tx, input.tierId, false);
    if (!tier) throw new SuggestionRuleError('suggestion/tier-not-found');
    if (!tierApplies(tier, scope.row)) throw new SuggestionRuleError('suggestion/tier-not-applicable');
    const inserted = await scope.tx
      .insert(suggestionNominations)
      .values({ suggestionId: scope.row.id, tierId: tier.id, nominatedById: scope.actor.accountId, reason })
      .onConflictDoNothing()
      .returning({ id: suggestionNominations.id });
    if (!inserted.length) throw new SuggestionRuleError('suggestion/already-nominated');
    return { payload: { nominationId: inserted[0].id, tierId: tier.id } };
  });
}

/**
 * 评审决定: a leader of the tier's unit (or above) awards or rejects a pending nomination. The tier's row is
 * locked, so two awards racing for its last place cannot both win.
 */
export function decideAward(session: Session, input: Input<{ nominationId: string; award: boolean; panelNote?: string | null }>) {
  return runStreamAction(session, suggestionStream, 'decideAward', input.suggestionId, input, async (scope) => {
    if (!UUID.test(input.nominationId)) throw new SuggestionRuleError('suggestion/nomination-not-found');
    const [nomination] = await scope.tx
      .select()
      .from(suggestionNominations)
      .where(and(eq(suggestionNominations.id, input.nominationId), eq(suggestionNominations.suggestionId, scope.row.id), eq(suggestionNominations.status, 'NOMINATED')));
    if (!nomination) throw new SuggestionRuleError('suggestion/nomination-not-found');
    const tier = (await tierWithPath(scope.tx, nomination.tierId, true))!;
    if (!scope.actorPath || !tier.unitPath.startsWith(scope.actorPath)) throw new SuggestionRuleError('suggestion/not-our-unit', '只有设奖单位或其上级单位的领导可以作出奖励决定');
    if (input.award) {
      const [{ awarded }] = await scope.tx
        .select({ awarded: count() })
        .from(suggestionNominations)
        .where(and(eq(suggestionNominations.tierId, tier.id), eq(suggestionNominations.status, 'AWARDED')));
      if (awarded >= tier.quota) throw new SuggestionRuleError('suggestion/tier-full', `“${tier.name}”名额已满（${tier.quota} 个）`);
    }
    await scope.tx
      .update(suggestionNominations)
      .set({ status: input.award ? 'AWARDED' : 'REJECTED', decidedById: scope.actor.accountId, decidedOn: scope.on, panelNote: input.panelNote?.trim() || null })
      .where(eq(suggestionNominations.id, nomination.id));
    return { payload: { nominationId: nomination.id, tierId: tier.id, awarded: input.award } };
  });
}
