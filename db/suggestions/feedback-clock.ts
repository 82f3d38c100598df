/**
 * The feedback clock (答复时限): feedback to the submitter is owed within the campaign's period (each unit
 * sets its own; 30 days by default), counted like every clock of this system in calendar days from the
 * day after receipt, the last day moved to the next working day. Urgent suggestions (快速通道) are owed
 * feedback within URGENT_FEEDBACK_DAYS whatever the campaign says. Pure: a function of the row and today.
 */
import { addDays, DEFAULT_WARN_DAYS, statutoryDueDate, type IsoDate, type WorkCalendar } from '../calendar/work-calendar';
import type { ClockState } from '../cases/clocks';

export const DEFAULT_FEEDBACK_DAYS = 30;
export const URGENT_FEEDBACK_DAYS = 7;
/** A campaign may not promise more than half a year, nor less than a day. */
export const MAX_FEEDBACK_DAYS = 180;

export interface FeedbackMilestones {
  receivedOn: IsoDate;
  feedbackDays: number;
  urgent: boolean;
  /** The day the submitter was told the outcome (an answer released, a refusal, a transfer to a case). */
  feedbackOn: IsoDate | null;
  /** Withdrawn by the submitter: nothing is owed any more. */
  withdrawnOn: IsoDate | null;
}

export interface FeedbackClock {
  startedOn: IsoDate;
  days: number;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
  met: boolean | null;
  state: ClockState;
}

export function feedbackDaysOf(m: Pick<FeedbackMilestones, 'feedbackDays' | 'urgent'>): number {
  return m.urgent ? Math.min(m.feedbackDays, URGENT_FEEDBACK_DAYS) : m.feedbackDays;
}

export function feedbackClock(m: FeedbackMilestones, today: IsoDate, calendar: WorkCalendar, warnDays = DEFAULT_WARN_DAYS): FeedbackClock {
  const days = feedbackDaysOf(m);
  const dueOn = statutoryDueDate({ start: m.receivedOn, days, calendar });
  const base = { startedOn: m.receivedOn, days, dueOn };
  if (m.feedbackOn) return { ...base, completedOn: m.feedbackOn, met: m.feedbackOn <= dueOn, state: m.feedbackOn <= dueOn ? 'MET' : 'MISSED' };
  if (m.withdrawnOn) return { ...base, completedOn: null, met: null, state: 'LAPSED' };
  const state: ClockState = today > dueOn ? 'BREACHED' : today >= addDays(dueOn, -warnDays) ? 'WARNING' : 'RUNNING';
  return { ...base, completedOn: null, met: null, state };
}

/** The indexed columns the deadline sweep reads: when to look first, and whether it is overdue today. */
export function feedbackDueState(m: FeedbackMilestones, today: IsoDate, calendar: WorkCalendar, warnDays = DEFAULT_WARN_DAYS) {
  const clock = feedbackClock(m, today, calendar, warnDays);
  const running = clock.completedOn === null && clock.state !== 'LAPSED';
  return {
    feedbackDueOn: clock.dueOn,
    warnOn: running ? addDays(clock.dueOn, -warnDays) : null,
    overdue: running && clock.state === 'BREACHED',
  };
}
