/**
 * Suggestion figures in SQL (like caseStats): one statement with GROUPING SETS gives the total and the splits
 * by campaign, responsible unit and category; no suggestion row is loaded into memory.
 *
 * Period semantics (as caseStats): the cohort is the suggestions RECEIVED in [from, to] (received_on, both ends
 * included) in the unit's subtree, as they stand now.
 * - assessed: the assessment was completed (ASSESSED, a decision, or CONVERTED; declined, withdrawn and
 *   transferred ones were never assessed);
 * - adopted: ADOPTED, PARTLY_ADOPTED or CONVERTED (conversion is only open to those taken up);
 *   adoption rate = adopted ÷ assessed; conversion rate = CONVERTED ÷ adopted;
 * - average days to feedback: calendar days from receipt to feedback, over those with feedback;
 * - on-time feedback rate: feedback on or before its due date ÷ those judged (feedback given, or due before
 *   `today` and still owed; a withdrawn suggestion owes nothing).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { likePrefix } from '../cases/service';
import type { IsoDate } from '../calendar/work-calendar';

export interface SuggestionFigures {
  received: number;
  assessed: number;
  adopted: number;
  converted: number;
  feedbackGiven: number;
  feedbackDays: number;
  feedbackJudged: number;
  feedbackOnTime: number;
}

export type SuggestionGroupKind = 'TOTAL' | 'CAMPAIGN' | 'UNIT' | 'CATEGORY';
export type SuggestionFigureRow = SuggestionFigures & { grouping: SuggestionGroupKind; key: string | null };

export const ratio = (numerator: number, denominator: number): number | null => (denominator ? numerator / denominator : null);

export async function suggestionFigures(db: Executor, input: { unitPath: string; from: IsoDate; to: IsoDate; today: IsoDate; campaignId?: string | null }) {
  const { unitPath, from, to, today } = input;
  const result = await db.execute(sql`
    select
      case when grouping(s.campaign_id, s.unit_id, s.category) = 7 then 'TOTAL'
           when grouping(s.campaign_id) = 0 then 'CAMPAIGN'
           when grouping(s.unit_id) = 0 then 'UNIT'
           else 'CATEGORY' end as "grouping",
      coalesce(s.campaign_id::text, s.unit_id::text, s.category) as "key",
      count(*)::int as "received",
      count(*) filter (where s.status in ('ASSESSED','ADOPTED','PARTLY_ADOPTED','FOR_REFERENCE','NOT_ADOPTED','CONVERTED'))::int as "assessed",
      count(*) filter (where s.status in ('ADOPTED','PARTLY_ADOPTED','CONVERTED'))::int as "adopted",
      count(*) filter (where s.status = 'CONVERTED')::int as "converted",
      count(s.feedback_on)::int as "feedbackGiven",
      coalesce(sum(s.feedback_on - s.received_on), 0)::int as "feedbackDays",
      count(*) filter (where s.feedback_on is not null or (s.feedback_due_on < ${today}::date and s.withdrawn_on is null))::int as "feedbackJudged",
      count(*) filter (where s.feedback_on <= s.feedback_due_on)::int as "feedbackOnTime"
    from suggestions s
    where s.unit_path like ${likePrefix(unitPath)} and s.received_on between ${from}::date and ${to}::date
      ${input.campaignId ? sql`and s.campaign_id = ${input.campaignId}` : sql``}
    group by grouping sets ((), (s.campaign_id), (s.unit_id), (s.category))
    order by 1, 2 nulls first`);
  const rows = ((result as { rows?: SuggestionFigureRow[] }).rows ?? (result as unknown as SuggestionFigureRow[])) as SuggestionFigureRow[];
  const zero: SuggestionFigures = { received: 0, assessed: 0, adopted: 0, converted: 0, feedbackGiven: 0, feedbackDays: 0, feedbackJudged: 0, feedbackOnTime: 0 };
  const of = (kind: SuggestionGroupKind) => rows.filter((r) => r.grouping === kind);
  return {
    // With no suggestion at all, grouping sets still give the () row (count 0).
    total: of('TOTAL')[0] ?? { ...zero, grouping: 'TOTAL', key: null },
    byCampaign: of('CAMPAIGN'),
    byUnit: of('UNIT'),
    byCategory: of('CATEGORY'),
  };
}
