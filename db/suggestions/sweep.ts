/**
 * The suggestions' part of the one deadline sweep (db/cases/sweep.ts calls it): feedback clocks in their
 * warning lead or past due get one notice each (a primary key makes a second run emit nothing), written
 * as a system event on the suggestion's stream, which keeps `overdue` current without touching the version.
 */
import { and, asc, eq, gt, lte, or } from 'drizzle-orm';
import type { Database } from '../client';
import { suggestionDeadlineNotices, suggestions, type SuggestionRow } from '../tables/suggestions.sql';
import type { WorkCalendar } from '../calendar/work-calendar';
import { recordSystemEvent } from '../streams/runner';
import { feedbackClock } from './feedback-clock';
import { suggestionNoticeTypes } from './lifecycle';
import { suggestionDueState, suggestionStream } from './stream';

export interface SuggestionSweepReport {
  examined: number;
  warnings: number;
  breaches: number;
}

const BATCH = 500;

export async function sweepSuggestionFeedback(db: Database, now: Date, today: string, calendar: WorkCalendar): Promise<SuggestionSweepReport> {
  const report: SuggestionSweepReport = { examined: 0, warnings: 0, breaches: 0 };
  let after: { warnOn: string; id: string } | null = null;
  for (;;) {
    const batch: SuggestionRow[] = await db
      .select()
      .from(suggestions)
      .where(
        and(
          lte(suggestions.warnOn, today),
          after ? or(gt(suggestions.warnOn, after.warnOn), and(eq(suggestions.warnOn, after.warnOn), gt(suggestions.id, after.id))) : undefined,
        ),
      )
      .orderBy(asc(suggestions.warnOn), asc(suggestions.id))
      .limit(BATCH);
    if (!batch.length) break;
    after = { warnOn: batch[batch.length - 1].warnOn!, id: batch[batch.length - 1].id };
    for (const row of batch) {
      report.examined += 1;
      const clock = feedbackClock(row, today, calendar);
      if (clock.state !== 'WARNING' && clock.state !== 'BREACHED') continue;
      const level = clock.state;
      const emitted = await db.transaction(async (tx) => {
        const claimed = await tx
          .insert(suggestionDeadlineNotices)
          .values({ suggestionId: row.id, dueOn: clock.dueOn, level })
          .onConflictDoNothing()
          .returning({ id: suggestionDeadlineNotices.suggestionId });
        if (!claimed.length) return false;
        return recordSystemEvent(tx, suggestionStream, row.id, now, (latest) => ({
          type: level === 'BREACHED' ? suggestionNoticeTypes.feedbackBreached : suggestionNoticeTypes.feedbackWarning,
          payload: { dueOn: clock.dueOn },
          changes: suggestionDueState(latest, today, calendar),
        }));
      });
      if (emitted) report[level === 'BREACHED' ? 'breaches' : 'warnings'] += 1;
    }
    if (batch.length < BATCH) break;
  }
  return report;
}
