import { and, asc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { cases, deadlineNotices, supervisions } from '../schema';
import type { Actor } from '../accounts/actor';
import type { Session } from '../session';
import { AppError } from '../errors';
import { SYSTEM_ACCOUNT_ID } from '../events/service';
import { recordSystemEvent } from '../streams/runner';
import { caseStream } from './stream';
import { loadWorkCalendar } from '../calendar/service';
import { toChinaDate } from '../calendar/work-calendar';
import { caseActions } from './actions';
import { clocksOfCase, dueStateOf, type CaseRow } from './clock-state';
import { writeDueReminders } from '../reception/appointments';
import { sweepSuggestionFeedback, type SuggestionSweepReport } from '../suggestions/sweep';

/** The sweep acts as the system: events it writes have no account. */
export const SYSTEM_ACTOR: Actor = { accountId: SYSTEM_ACCOUNT_ID, displayName: '系统', roles: ['ADMIN'], unitId: null, petitionerId: null };

export interface SweepReport {
  today: string;
  casesExamined: number;
  warnings: number;
  breaches: number;
  closed: number;
  supervisionsEscalated: number;
  /** Appointment reminders written (the reception domain's clock rides on the same cron). */
  appointmentReminders: number;
  /** Feedback clocks of suggestions (人民建议征集), swept in the same run. */
  suggestions: SuggestionSweepReport;
}

const BATCH = 500;

/**
 * The deadline sweep: announces warnings and breaches once each, keeps `overdue` current, closes
 * cases whose review window passed unused, escalates overdue supervision orders, and writes the reminders of
 * appointments due within 24 hours. It reads only
 * due rows through partial indexes, and is idempotent and safe to run on two instances at once:
 * a notice is a primary key, and every write locks the case row (db/streams/runner.ts). Notices take the
 * next sequence in the history but leave the version alone, so they never make a person's action conflict.
 */
export async function runDeadlineSweep(db: Database, now: Date): Promise<SweepReport> {
  const today = toChinaDate(now);
  const calendar = await loadWorkCalendar(db);
  const report: SweepReport = { today, casesExamined: 0, warnings: 0, breaches: 0, closed: 0, supervisionsEscalated: 0, appointmentReminders: 0, suggestions: { examined: 0, warnings: 0, breaches: 0 } };

  // 1. Clocks in their warning lead or past due.
  let after: { warnOn: string; id: string } | null = null;
  for (;;) {
    const batch: CaseRow[] = await db
      .select()
      .from(cases)
      .where(
        and(
          lte(cases.warnOn, today),
          after ? or(gt(cases.warnOn, after.warnOn), and(eq(cases.warnOn, after.warnOn), gt(cases.id, after.id))) : undefined,
        ),
      )
      .orderBy(asc(cases.warnOn), asc(cases.id))
      .limit(BATCH);
    if (!batch.length) break;
    after = { warnOn: batch[batch.length - 1].warnOn!, id: batch[batch.length - 1].id };
    for (const row of batch) {
      report.casesExamined += 1;
      const clocks = clocksOfCase(row, today, calendar).clocks.filter(
        (clock) => clock.owner === 'UNIT' && (clock.state === 'WARNING' || clock.state === 'BREACHED'),
      );
      for (const clock of clocks) {
        const level = clock.state === 'BREACHED' ? 'BREACHED' : 'WARNING';
        const emitted = await db.transaction(async (tx) => {
          const claimed = await tx
            .insert(deadlineNotices)
            .values({ caseId: row.id, clock: clock.kind, dueOn: clock.dueOn, level })
            .onConflictDoNothing()
            .returning({ caseId: deadlineNotices.caseId });
          if (!claimed.length) return false;
          return recordSystemEvent(tx, caseStream, row.id, now, (latest) => ({
            type: level === 'BREACHED' ? 'case.deadline_breached' : 'case.deadline_warning',
            payload: { clock: clock.kind, dueOn: clock.dueOn },
            changes: dueStateOf(latest, today, calendar),
          }));
        });
        if (emitted) report[level === 'BREACHED' ? 'breaches' : 'warnings'] += 1;
      }
    }
    if (batch.length < BATCH) break;
  }

  // 2. Review windows that passed unused: 办结归档.
  const closable = await db
    .select({ id: cases.id, version: cases.version })
    .from(cases)
    .where(and(lte(cases.closesOn, today), inArray(cases.status, ['DECIDED', 'REVIEWED'])));
  const systemContext: Session = { db, actor: SYSTEM_ACTOR, unitPath: '/', now: () => now };
  for (const target of closable) {
    try {
      await caseActions.close(systemContext, { caseId: target.id, expectedVersion: target.version, occurredAt: now }, { bySweep: true });
      report.closed += 1;
    } catch (error) {
      // Another instance or a user got there first; the next run sees the new state.
      if (!(error instanceof AppError)) throw error;
    }
  }

  // 3. Supervision orders past their due date escalate.
  const overdueOrders = await db
    .select({ id: supervisions.id, caseId: supervisions.caseId, dueOn: supervisions.dueOn })
    .from(supervisions)
    .where(and(eq(supervisions.status, 'OPEN'), sql`${supervisions.dueOn} < ${today}`));
  for (const order of overdueOrders) {
    const escalated = await db.transaction(async (tx) => {
      const [taken] = await tx
        .update(supervisions)
        .set({ status: 'ESCALATED', escalatedOn: today })
        .where(and(eq(supervisions.id, order.id), eq(supervisions.status, 'OPEN')))
        .returning({ id: supervisions.id });
      if (!taken) return false;
      return recordSystemEvent(tx, caseStream, order.caseId, now, () => ({
        type: 'case.supervision_escalated',
        payload: { supervisionId: order.id, dueOn: order.dueOn },
      }));
    });
    if (escalated) report.supervisionsEscalated += 1;
  }

  // 4. Reminders of appointments starting within 24 hours: one event each, which an SMS gateway delivers.
  report.appointmentReminders = await writeDueReminders(db, now);

  // 5. Feedback owed to the submitters of suggestions.
  report.suggestions = await sweepSuggestionFeedback(db, now, today, calendar);
  return report;
}
