import { suggestionCampaigns, suggestions, type SuggestionRow } from '../tables/suggestions.sql';
import { defineStream } from '../streams/runner';
import { loadWorkCalendar } from '../calendar/service';
import type { Session } from '../session';
import { isUnitMember } from '../cases/visibility';
import { campaignLifecycle, suggestionLifecycle } from './lifecycle';
import { feedbackDueState } from './feedback-clock';

function unitMemberOver(session: Session, unitPath: string): boolean {
  const viewer = { roles: session.actor?.roles ?? [], unitPath: session.unitPath, petitionerId: null };
  return isUnitMember(viewer) && unitPath.startsWith(session.unitPath!);
}

/** Staff of the responsible unit's subtree (and above it), its drawn assessors, and the citizen who submitted it. */
export function canReadSuggestion(session: Session, row: Pick<SuggestionRow, 'unitPath' | 'submitterAccountId' | 'assessorIds'>): boolean {
  if (session.actor && (row.submitterAccountId === session.actor.accountId || row.assessorIds.includes(session.actor.accountId))) return true;
  return unitMemberOver(session, row.unitPath);
}

/** The feedback clock's indexed columns, from the row as it will be. */
export function suggestionDueState(row: SuggestionRow, today: string, calendar: Awaited<ReturnType<typeof loadWorkCalendar>>) {
  return feedbackDueState(
    { receivedOn: row.receivedOn, feedbackDays: row.feedbackDays, urgent: row.urgent, feedbackOn: row.feedbackOn, withdrawnOn: row.withdrawnOn },
    today,
    calendar,
  );
}

/** Suggestions as a stream: the pipeline, who may see one, the work calendar, the feedback clock after every change. */
export const suggestionStream = defineStream({
  type: 'SUGGESTION',
  table: suggestions,
  lifecycle: suggestionLifecycle,
  canRead: canReadSuggestion,
  loadFacts: async (session) => ({ calendar: await loadWorkCalendar(session.db) }),
  derive: (row, { today, facts }) => suggestionDueState(row as SuggestionRow, today, facts.calendar),
});

/** Campaigns as a stream: DRAFT → OPEN → CLOSED → ARCHIVED, kept by staff of the owning unit's subtree. */
export const campaignStream = defineStream({
  type: 'SUGGESTION_CAMPAIGN',
  table: suggestionCampaigns,
  lifecycle: campaignLifecycle,
  canRead: (session, row) => unitMemberOver(session, row.unitPath),
  loadFacts: async () => ({}),
});
