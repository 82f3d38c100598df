import type { cases } from '../schema';
import { computeCaseClocks, type CaseClocks } from './clocks';
import { addDays, daysBetween, DEFAULT_WARN_DAYS, type IsoDate, type WorkCalendar } from '../calendar/work-calendar';
import type { CaseStatus } from './lifecycle';

export type CaseRow = typeof cases.$inferSelect;

/**
 * The clocks of a case row on `today`. A pending hearing pauses the running clock: the days since
 * it was scheduled are added to the pause of the stage the case is in.
 */
export function clocksOfCase(row: CaseRow, today: IsoDate, calendar: WorkCalendar): CaseClocks {
  const running = row.hearingPauseStartedOn ? Math.max(0, daysBetween(row.hearingPauseStartedOn, today)) : 0;
  const stage = row.status;
  return computeCaseClocks(
    {
      status: row.status as CaseStatus,
      registeredOn: row.receivedOn,
      routedOn: row.routedOn,
      acceptedOn: row.acceptedOn,
      declinedOn: row.declinedOn,
      extensionDays: row.extensionDays,
      hearingPausedDays: row.hearingPausedDays + (stage === 'ACCEPTED' ? running : 0),
      reviewHearingPausedDays: row.reviewHearingPausedDays + (stage === 'REVIEW_REQUESTED' ? running : 0),
      reReviewHearingPausedDays: row.reReviewHearingPausedDays + (stage === 'REREVIEW_REQUESTED' ? running : 0),
      decidedOn: row.decidedOn,
      decisionDeliveredOn: row.decisionDeliveredOn,
      reviewRequestedOn: row.reviewRequestedOn,
      reviewDecidedOn: row.reviewDecidedOn,
      reviewDeliveredOn: row.reviewDeliveredOn,
      reReviewRequestedOn: row.reReviewRequestedOn,
      reReviewDecidedOn: row.reReviewDecidedOn,
      endedOn: row.endedOn ?? row.closedOn,
      policy: row.slaPolicy,
    },
    { today, calendar },
  );
}

export interface DueState {
  nextDueOn: IsoDate | null;
  overdue: boolean;
  /** When the sweep should first look (nextDueOn minus the warning lead). */
  warnOn: IsoDate | null;
  /** When the sweep closes the case if the petitioner's review window passes unused. */
  closesOn: IsoDate | null;
}

/**
 * The indexed due state stored on the row. While a hearing is pending the unit's clock is paused:
 * nothing is due. A case whose review window is running closes the day after the window ends.
 * `computed`: the row's clocks on `today` when the caller has them already (the sweep).
 */
export function dueStateOf(row: CaseRow, today: IsoDate, calendar: WorkCalendar, computed: CaseClocks = clocksOfCase(row, today, calendar)): DueState {
  const { clocks, nextDueOn, overdue } = computed;
  const window = clocks.find(
    (clock) => (clock.kind === 'REVIEW_REQUEST_WINDOW' || clock.kind === 'REREVIEW_REQUEST_WINDOW') && clock.completedOn === null,
  );
  const closesOn = (row.status === 'DECIDED' || row.status === 'REVIEWED') && window ? addDays(window.dueOn, 1) : null;
  if (row.hearingPauseStartedOn) return { nextDueOn: null, overdue: false, warnOn: null, closesOn };
  const warnDays = row.slaPolicy?.warnDays ?? DEFAULT_WARN_DAYS;
  return { nextDueOn, overdue, warnOn: nextDueOn ? addDays(nextDueOn, -warnDays) : null, closesOn };
}
