import { and, asc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../client';
import { cases, deadlineNotices, supervisions } from '../schema';
import type { Actor } from '../accounts/actor';
import type { Session } from '../session';
import { AppError } from '../errors';
import { SYSTEM_ACCOUNT_ID } from '../events/service';
import { recordSystemEvents, type SystemEvents } from '../streams/runner';
import { caseStream } from './stream';
import { loadWorkCalendar } from '../calendar/service';
import { toChinaDate } from '../calendar/work-calendar';
import { caseActions } from './actions';
import { clocksOfCase, dueStateOf, type CaseRow } from './clock-state';
import { writeDueReminders } from '../reception/appointments';
import { sweepSuggestionFeedback, type SuggestionSweepReport } from '../suggestions/sweep';

type Notice = { caseId: string; clock: string; dueOn: string; level: 'WARNING' | 'BREACHED' };
const noticeKey = (notice: Notice) => `${notice.caseId}|${notice.clock}|${notice.dueOn}|${notice.level}`;

/**
 * Inserts the notices a batch wants, in one statement with the batch as one JSON parameter (drizzle's VALUES of
 * bound parameters cost more to build than the insert takes); returns the keys of those this run inserted.
 */
async function claimNotices(tx: Transaction, wanted: Notice[]): Promise<Set<string>> {
  const n = deadlineNotices;
  const column = (c: { name: string }) => sql.identifier(c.name);
  const { rows } = (await tx.execute(sql`
    insert into ${n} (${column(n.caseId)}, ${column(n.clock)}, ${column(n.dueOn)}, ${column(n.level)})
    select v."caseId", v.clock, v."dueOn", v.level from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb)
      as v("caseId" uuid, clock text, "dueOn" date, level ${sql.raw(n.level.getSQLType())})
    on conflict do nothing
    returning ${column(n.caseId)}::text as "caseId", ${column(n.clock)} as clock, ${column(n.dueOn)}::text as "dueOn", ${column(n.level)}::text as level`)) as unknown as { rows: Notice[] };
  return new Set(rows.map(noticeKey));
}

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
 * appointments due within 24 hours. It reads only due rows through partial indexes, set-based per batch of 500
 * cases (db/streams/runner.ts recordSystemEvents), and is idempotent and safe to run on two instances at once:
 * a notice is a primary key, and every write locks the case rows first, in id order. Notices take the
 * next sequence in the history but leave the version alone, so they never make a person's action conflict.
 */
export async function runDeadlineSweep(db: Database, now: Date): Promise<SweepReport> {
  const today = toChinaDate(now);
  const calendar = await loadWorkCalendar(db);
  const report: SweepReport = { today, casesExamined: 0, warnings: 0, breaches: 0, closed: 0, supervisionsEscalated: 0, appointmentReminders: 0, suggestions: { examined: 0, warnings: 0, breaches: 0 } };

  // 1. Clocks in their warning lead or past due: per batch, one transaction of five statements
  // (lock, claim notices, sequences, events, derived columns), whatever the batch holds.
  let after: { warnOn: string; id: string } | null = null;
  for (;;) {
    const batch = await db
      .select({ id: cases.id, warnOn: cases.warnOn })
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
    report.casesExamined += batch.length;
    const counted = { warnings: 0, breaches: 0 };
    await db.transaction((tx) =>
      recordSystemEvents(tx, caseStream, batch.map((row) => row.id), now, async (locked) => {
        // decided on the locked rows: an action that landed since the scan is seen
        const clocksOf = new Map((locked as CaseRow[]).map((row) => [row.id, clocksOfCase(row, today, calendar)]));
        const wanted = (locked as CaseRow[]).flatMap((row) =>
          clocksOf
            .get(row.id)!
            .clocks.filter((clock) => clock.owner === 'UNIT' && (clock.state === 'WARNING' || clock.state === 'BREACHED'))
            .map((clock) => ({ caseId: row.id, clock: clock.kind, dueOn: clock.dueOn, level: clock.state === 'BREACHED' ? ('BREACHED' as const) : ('WARNING' as const) })),
        );
        const decided = new Map<string, SystemEvents<typeof cases>>();
        if (!wanted.length) return decided;
        // a notice is a primary key: the one that inserts it announces it, a second instance finds it taken
        const taken = await claimNotices(tx, wanted);
        const rowOf = new Map((locked as CaseRow[]).map((row) => [row.id, row]));
        counted.warnings = counted.breaches = 0;
        for (const notice of wanted) {
          if (!taken.has(noticeKey(notice))) continue;
          let entry = decided.get(notice.caseId);
          if (!entry) decided.set(notice.caseId, (entry = { events: [], changes: dueStateOf(rowOf.get(notice.caseId)!, today, calendar, clocksOf.get(notice.caseId)) }));
          entry.events.push({ type: notice.level === 'BREACHED' ? 'case.deadline_breached' : 'case.deadline_warning', payload: { clock: notice.clock, dueOn: notice.dueOn } });
          counted[notice.level === 'BREACHED' ? 'breaches' : 'warnings'] += 1;
        }
        return decided;
      }),
    );
    report.warnings += counted.warnings;
    report.breaches += counted.breaches;
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

  // 3. Supervision orders past their due date escalate: per batch of cases, one transaction.
  const overdueOrders = await db
    .selectDistinct({ caseId: supervisions.caseId })
    .from(supervisions)
    .where(and(eq(supervisions.status, 'OPEN'), sql`${supervisions.dueOn} < ${today}`))
    .orderBy(supervisions.caseId);
  for (let start = 0; start < overdueOrders.length; start += BATCH) {
    const caseIds = overdueOrders.slice(start, start + BATCH).map((order) => order.caseId);
    report.supervisionsEscalated += await db.transaction((tx) =>
      recordSystemEvents(tx, caseStream, caseIds, now, async (locked) => {
        // still OPEN under the case lock: a second instance or an answer that got there first leaves none
        const taken = await tx
          .update(supervisions)
          .set({ status: 'ESCALATED', escalatedOn: today })
          .where(and(inArray(supervisions.caseId, locked.map((row) => row.id)), eq(supervisions.status, 'OPEN'), sql`${supervisions.dueOn} < ${today}`))
          .returning({ id: supervisions.id, caseId: supervisions.caseId, dueOn: supervisions.dueOn });
        const decided = new Map<string, SystemEvents<typeof cases>>();
        for (const order of taken.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id))) {
          let entry = decided.get(order.caseId);
          if (!entry) decided.set(order.caseId, (entry = { events: [] }));
          entry.events.push({ type: 'case.supervision_escalated', payload: { supervisionId: order.id, dueOn: order.dueOn } });
        }
        return decided;
      }),
    );
  }

  // 4. Reminders of appointments starting within 24 hours: one event each, which an SMS gateway delivers.
  report.appointmentReminders = await writeDueReminders(db, now);

  // 5. Feedback owed to the submitters of suggestions.
  report.suggestions = await sweepSuggestionFeedback(db, now, today, calendar);
  return report;
}
