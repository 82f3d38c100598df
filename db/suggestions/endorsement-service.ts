/**
 * 附议 by citizen accounts, on public suggestions, found by their number. One transaction each: the
 * suggestion's row is locked first (so twenty concurrent endorsements by one account queue behind each other
 * and the first one wins), the account's one row is written, the count is recounted from that suggestion's
 * rows only (it can never move to another suggestion, clustered or not) and one event goes on the
 * suggestion's stream; reaching the threshold writes a second, `suggestion.priority_flagged`.
 *
 * Endorsements are not actions on the pipeline: they do not bump the version, so staff acting on what they
 * read are never refused because a citizen endorsed in between (db/streams/runner.ts, recordSystemEvent).
 */
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { suggestionCampaigns, suggestionEndorsements, suggestions } from '../tables/suggestions.sql';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Session } from '../session';
import { toChinaDate } from '../calendar/work-calendar';
import { recordSystemEvent } from '../streams/runner';
import { checkEndorse, checkWithdrawEndorsement, DEFAULT_ENDORSEMENT_THRESHOLD, priorityFlag } from './endorsements';
import { SuggestionRuleError } from './errors';
import { suggestionNoticeTypes } from './lifecycle';
import { isPublicSuggestion } from './publicity';
import { suggestionStream } from './stream';

export interface EndorsementResult {
  suggestionId: string;
  number: string;
  endorsementCount: number;
  endorsementThreshold: number;
  /** The caller's endorsement is active after this call. */
  endorsed: boolean;
  priority: boolean;
}

export function endorseSuggestion(session: Session, input: { number: string }): Promise<EndorsementResult> {
  return changeEndorsement(session, input.number, true);
}

export function withdrawEndorsement(session: Session, input: { number: string }): Promise<EndorsementResult> {
  return changeEndorsement(session, input.number, false);
}

async function changeEndorsement(session: Session, number: string, endorse: boolean): Promise<EndorsementResult> {
  const actor = session.actor;
  if (!actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  const now = session.now();
  return session.db.transaction(async (tx) => {
    const [row] = await tx.select().from(suggestions).where(eq(suggestions.number, number.trim())).for('update');
    const [mine] = row
      ? await tx
          .select()
          .from(suggestionEndorsements)
          .where(and(eq(suggestionEndorsements.suggestionId, row.id), eq(suggestionEndorsements.accountId, actor.accountId)))
      : [];
    // Only public suggestions can be endorsed; one the caller endorsed stays findable for withdrawing.
    if (!row || !(isPublicSuggestion(row) || mine)) throw new NotFoundError('suggestion', '建议不存在或未公开');
    const facts = { roles: actor.roles, accountId: actor.accountId, submitterAccountId: row.submitterAccountId, status: row.status, active: !!mine && !mine.withdrawnAt };
    const refusal = endorse ? checkEndorse(facts) : checkWithdrawEndorsement(facts);
    if (refusal) throw new SuggestionRuleError(refusal);

    await tx
      .insert(suggestionEndorsements)
      .values({ suggestionId: row.id, accountId: actor.accountId, endorsedAt: now, withdrawnAt: endorse ? null : now })
      .onConflictDoUpdate({
        target: [suggestionEndorsements.suggestionId, suggestionEndorsements.accountId],
        set: endorse ? { endorsedAt: now, withdrawnAt: null } : { withdrawnAt: now },
      });
    const [{ active }] = await tx
      .select({ active: count() })
      .from(suggestionEndorsements)
      .where(and(eq(suggestionEndorsements.suggestionId, row.id), isNull(suggestionEndorsements.withdrawnAt)));
    const [campaign] = row.campaignId
      ? await tx.select({ threshold: suggestionCampaigns.endorsementThreshold }).from(suggestionCampaigns).where(eq(suggestionCampaigns.id, row.campaignId))
      : [];
    const threshold = campaign?.threshold ?? DEFAULT_ENDORSEMENT_THRESHOLD;

    await recordSystemEvent(
      tx,
      suggestionStream,
      row.id,
      now,
      () => ({ type: endorse ? suggestionNoticeTypes.endorsed : suggestionNoticeTypes.endorsementWithdrawn, payload: { count: active }, changes: { endorsementCount: active } }),
      actor,
    );
    const flagged = priorityFlag(row.priority, active, threshold);
    if (flagged && !row.priority) {
      await recordSystemEvent(tx, suggestionStream, row.id, now, () => ({
        type: suggestionNoticeTypes.priorityFlagged,
        payload: { count: active, threshold },
        changes: { priority: true, priorityFlaggedOn: toChinaDate(now) },
      }));
    }
    return { suggestionId: row.id, number: row.number, endorsementCount: active, endorsementThreshold: threshold, endorsed: endorse, priority: flagged };
  });
}

/** Whether `accountId` endorses each of these suggestions now (for `endorsedByMe`). */
export async function activeEndorsements(db: Session['db'], accountId: string, suggestionIds: readonly string[]): Promise<Set<string>> {
  if (!suggestionIds.length) return new Set();
  const rows = await db
    .select({ id: suggestionEndorsements.suggestionId })
    .from(suggestionEndorsements)
    .where(and(eq(suggestionEndorsements.accountId, accountId), isNull(suggestionEndorsements.withdrawnAt), inArray(suggestionEndorsements.suggestionId, [...suggestionIds])));
  return new Set(rows.map((r) => r.id));
}
