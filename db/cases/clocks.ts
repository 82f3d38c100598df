/**
 * A case's deadlines ("clocks") computed from its dated milestones. Pure: the
 * caller passes today's date and the work calendar, so the same input always
 * gives the same answer (and tests can stand on any day).
 *
 * Staff clocks (ROUTE, ACCEPT, HANDLE, REVIEW_ANSWER, REREVIEW_ANSWER) are duties
 * of a unit: they run, warn, and are breached. Petitioner windows
 * (REVIEW_REQUEST_WINDOW, REREVIEW_REQUEST_WINDOW) are rights: unused, they
 * lapse; they are never "breached" and never make a case overdue.
 */
import {
  ACCEPT_DAYS,
  HANDLE_DAYS,
  MAX_EXTENSION_DAYS,
  REREVIEW_ANSWER_DAYS,
  REREVIEW_REQUEST_DAYS,
  REVIEW_ANSWER_DAYS,
  REVIEW_REQUEST_DAYS,
  ROUTE_DAYS,
} from './statutory-limits';
import { isTerminal, type CaseStatus } from './lifecycle';
import {
  addDays,
  assertIsoDate,
  deadlineStatus,
  DEFAULT_WARN_DAYS,
  isWithinWindow,
  statutoryDueDate,
  type IsoDate,
  type WorkCalendar,
} from '../calendar/work-calendar';

export type ClockKind =
  | 'ROUTE'
  | 'ACCEPT'
  | 'HANDLE'
  | 'REVIEW_REQUEST_WINDOW'
  | 'REVIEW_ANSWER'
  | 'REREVIEW_REQUEST_WINDOW'
  | 'REREVIEW_ANSWER';

export type ClockState = 'RUNNING' | 'WARNING' | 'BREACHED' | 'MET' | 'MISSED' | 'LAPSED';

/** Who must act before the due date. */
export type ClockOwner = 'UNIT' | 'PETITIONER';

export const clockOwners: Readonly<Record<ClockKind, ClockOwner>> = {
  ROUTE: 'UNIT',
  ACCEPT: 'UNIT',
  HANDLE: 'UNIT',
  REVIEW_REQUEST_WINDOW: 'PETITIONER',
  REVIEW_ANSWER: 'UNIT',
  REREVIEW_REQUEST_WINDOW: 'PETITIONER',
  REREVIEW_ANSWER: 'UNIT',
};

export const clockKindLabels: Readonly<Record<ClockKind, string>> = {
  ROUTE: '转送交办期限',
  ACCEPT: '受理告知期限',
  HANDLE: '办理期限',
  REVIEW_REQUEST_WINDOW: '申请复查期限',
  REVIEW_ANSWER: '复查答复期限',
  REREVIEW_REQUEST_WINDOW: '申请复核期限',
  REREVIEW_ANSWER: '复核答复期限',
};

export const clockStateLabels: Readonly<Record<ClockState, string>> = {
  RUNNING: '计时中',
  WARNING: '临期预警',
  BREACHED: '已超期',
  MET: '按期完成',
  MISSED: '逾期完成',
  LAPSED: '已失效',
};

/** Stricter local limits (兴国县 "7天反馈、21天办结" …); they only ever shorten the statute. */
export interface ClockPolicy {
  routeDays?: number | null;
  acceptDays?: number | null;
  handleDays?: number | null;
  /** Calendar days before the due date at which a running clock turns WARNING (default 3). */
  warnDays?: number | null;
}

type MaybeDate = IsoDate | null | undefined;

export interface CaseMilestones {
  status: CaseStatus;
  registeredOn: IsoDate;
  /** Transferred/assigned to the unit with jurisdiction (latest routing if re-routed). */
  routedOn?: MaybeDate;
  acceptedOn?: MaybeDate;
  /** 不予受理: completes the accept (or route) clock like an acceptance does. */
  declinedOn?: MaybeDate;
  /** Approved extension of the handling period, 0..30 days. */
  extensionDays?: number | null;
  /** Hearing days during handling (not counted against HANDLE). */
  hearingPausedDays?: number | null;
  /** Hearing days during review (not counted against REVIEW_ANSWER). */
  reviewHearingPausedDays?: number | null;
  /** Hearing days during re-review (not counted against REREVIEW_ANSWER; 条例 on 复核听证). */
  reReviewHearingPausedDays?: number | null;
  decidedOn?: MaybeDate;
  /** When the petitioner received the decision; the review window runs from here (defaults to decidedOn). */
  decisionDeliveredOn?: MaybeDate;
  reviewRequestedOn?: MaybeDate;
  reviewDecidedOn?: MaybeDate;
  /** When the petitioner received the review answer (defaults to reviewDecidedOn). */
  reviewDeliveredOn?: MaybeDate;
  reReviewRequestedOn?: MaybeDate;
  reReviewDecidedOn?: MaybeDate;
  /** When the case was withdrawn/merged/closed: tells a clock that was already overdue at that point. */
  endedOn?: MaybeDate;
  policy?: ClockPolicy | null;
}

export interface CaseClock {
  kind: ClockKind;
  owner: ClockOwner;
  startedOn: IsoDate;
  /** Effective period in calendar days (policy and extension applied, pauses excluded). */
  days: number;
  dueOn: IsoDate;
  pausedDays: number;
  completedOn: IsoDate | null;
  /** Once completed: whether on or before dueOn. false also for a clock MISSED by a case that ended; null while open or lapsed. */
  met: boolean | null;
  state: ClockState;
  /** The due date rests on a year whose official holiday schedule is not entered (statutory days by rule only). */
  provisional: boolean;
}

export interface CaseClocks {
  clocks: CaseClock[];
  /** Earliest due date among the unit's open clocks (running, warning or breached). */
  nextDueOn: IsoDate | null;
  /** Some unit clock is open and past its due date. Petitioner windows never count. */
  overdue: boolean;
}

function count(n: number | null | undefined, what: string, max = Infinity): number {
  const v = n ?? 0;
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`${what}必须为非负整数：${v}`);
  if (v > max) throw new RangeError(`${what}不得超过${max}日：${v}`);
  return v;
}

/** The stricter (shorter) of the statute and a local policy. */
function stricter(statute: number, policy: number | null | undefined, what: string): number {
  if (policy == null) return statute;
  // 0 is a same-day rule (舞钢 一日工作法).
  if (!Number.isInteger(policy) || policy < 0) throw new RangeError(`${what}必须为非负整数：${policy}`);
  return Math.min(statute, policy);
}

/**
 * All clocks that have started, in lifecycle order. A clock starts with its
 * starting milestone and completes with the next one:
 *
 * - ROUTE: registeredOn → routedOn; when the receiving unit itself accepts or
 *   declines (no routing), that acceptance/decline completes it instead.
 * - ACCEPT: routedOn → acceptedOn or declinedOn. Only for routed cases: a case
 *   accepted where it was registered is covered by ROUTE (same 15 days).
 * - HANDLE: acceptedOn → decidedOn, 60 days (or policy) + extension, + hearing pause.
 * - REVIEW_REQUEST_WINDOW: decision received → reviewRequestedOn, 30 days.
 * - REVIEW_ANSWER: reviewRequestedOn → reviewDecidedOn, 30 days + hearing pause.
 * - REREVIEW_REQUEST_WINDOW: review answer received → reReviewRequestedOn, 30 days.
 * - REREVIEW_ANSWER: reReviewRequestedOn → reReviewDecidedOn, 30 days + hearing pause.
 *
 * An open unit clock on a case that has ended (withdrawn, merged, closed …) is
 * LAPSED, or MISSED when `endedOn` shows it was already past due by then. The
 * extension is added to the raw period (60 + 30 = 90 days from acceptance), and
 * the rest-day shift applies once, to the final day.
 */
export function computeCaseClocks(
  input: CaseMilestones,
  { today, calendar }: { today: IsoDate; calendar: WorkCalendar },
): CaseClocks {
  assertIsoDate(today, '今天');
  const dates: Array<[string, MaybeDate]> = [
    ['registeredOn', input.registeredOn],
    ['routedOn', input.routedOn],
    ['acceptedOn', input.acceptedOn],
    ['declinedOn', input.declinedOn],
    ['decidedOn', input.decidedOn],
    ['decisionDeliveredOn', input.decisionDeliveredOn],
    ['reviewRequestedOn', input.reviewRequestedOn],
    ['reviewDecidedOn', input.reviewDecidedOn],
    ['reviewDeliveredOn', input.reviewDeliveredOn],
    ['reReviewRequestedOn', input.reReviewRequestedOn],
    ['reReviewDecidedOn', input.reReviewDecidedOn],
    ['endedOn', input.endedOn],
  ];
  for (const [name, d] of dates) if (d != null) assertIsoDate(d, name);

  const policy = input.policy ?? {};
  const warnDays = policy.warnDays == null ? DEFAULT_WARN_DAYS : count(policy.warnDays, '预警天数');
  const ended = isTerminal(input.status);

  const clocks: CaseClock[] = [];
  const add = (kind: ClockKind, startedOn: IsoDate, days: number, pausedDays: number, completedOn: MaybeDate): void => {
    const owner = clockOwners[kind];
    const dueOn = statutoryDueDate({ start: startedOn, days, pausedDays, calendar });
    // The calendar decides only the days from the raw last day to the (moved) due date.
    const provisional = calendar.isProvisional(addDays(startedOn, days + pausedDays), dueOn);
    const done = completedOn ?? null;
    let met: boolean | null = null;
    let state: ClockState;
    if (done !== null) {
      met = done <= dueOn;
      state = met ? 'MET' : 'MISSED';
    } else if (owner === 'PETITIONER') {
      // A right, not a duty: open while the window lasts, then it simply lapses.
      const open = !ended && isWithinWindow({ start: startedOn, days, calendar, on: today });
      state = open ? 'RUNNING' : 'LAPSED';
    } else if (ended) {
      // The case ended without this step (withdrawn, merged …): nothing is running any more.
      if (input.endedOn != null && input.endedOn > dueOn) {
        met = false;
        state = 'MISSED';
      } else {
        state = 'LAPSED';
      }
    } else {
      const s = deadlineStatus({ due: dueOn, on: today, warnDays });
      state = s === 'OK' ? 'RUNNING' : s === 'BREACHED' ? 'BREACHED' : 'WARNING';
    }
    clocks.push({ kind, owner, startedOn, days, dueOn, pausedDays, completedOn: done, met, state, provisional });
  };

  add(
    'ROUTE',
    input.registeredOn,
    stricter(ROUTE_DAYS, policy.routeDays, '转送交办期限'),
    0,
    input.routedOn ?? input.acceptedOn ?? input.declinedOn,
  );
  if (input.routedOn != null) {
    add('ACCEPT', input.routedOn, stricter(ACCEPT_DAYS, policy.acceptDays, '受理期限'), 0, input.acceptedOn ?? input.declinedOn);
  }
  if (input.acceptedOn != null) {
    const handleDays = stricter(HANDLE_DAYS, policy.handleDays, '办理期限');
    const extension = count(input.extensionDays, '延期天数', MAX_EXTENSION_DAYS);
    add('HANDLE', input.acceptedOn, handleDays + extension, count(input.hearingPausedDays, '听证天数'), input.decidedOn);
  }
  const decisionReceived = input.decisionDeliveredOn ?? input.decidedOn;
  if (decisionReceived != null) {
    add('REVIEW_REQUEST_WINDOW', decisionReceived, REVIEW_REQUEST_DAYS, 0, input.reviewRequestedOn);
  }
  if (input.reviewRequestedOn != null) {
    add('REVIEW_ANSWER', input.reviewRequestedOn, REVIEW_ANSWER_DAYS, count(input.reviewHearingPausedDays, '听证天数'), input.reviewDecidedOn);
  }
  const reviewReceived = input.reviewDeliveredOn ?? input.reviewDecidedOn;
  if (reviewReceived != null) {
    add('REREVIEW_REQUEST_WINDOW', reviewReceived, REREVIEW_REQUEST_DAYS, 0, input.reReviewRequestedOn);
  }
  if (input.reReviewRequestedOn != null) {
    add(
      'REREVIEW_ANSWER',
      input.reReviewRequestedOn,
      REREVIEW_ANSWER_DAYS,
      count(input.reReviewHearingPausedDays, '听证天数'),
      input.reReviewDecidedOn,
    );
  }

  const open = clocks.filter((c) => c.owner === 'UNIT' && (c.state === 'RUNNING' || c.state === 'WARNING' || c.state === 'BREACHED'));
  const nextDueOn = open.reduce<IsoDate | null>((min, c) => (min === null || c.dueOn < min ? c.dueOn : min), null);
  return { clocks, nextDueOn, overdue: open.some((c) => c.state === 'BREACHED') };
}
