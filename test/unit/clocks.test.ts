import { describe, expect, it } from 'vitest';
import { computeCaseClocks, type CaseClock, type CaseMilestones, type ClockKind } from '../../db/cases/clocks';
import { officialWorkCalendar } from '../../db/calendar/statutory-holidays';

const calendar = officialWorkCalendar();

function run(input: CaseMilestones, today: string) {
  return computeCaseClocks(input, { today, calendar });
}

function clock(input: CaseMilestones, today: string, kind: ClockKind): CaseClock {
  const c = run(input, today).clocks.find((x) => x.kind === kind);
  if (!c) throw new Error(`no ${kind} clock`);
  return c;
}

describe('ROUTE (15 days from registration to transfer/assignment)', () => {
  const registered: CaseMilestones = { status: 'REGISTERED', registeredOn: '2026-09-20' };

  it('is due 2026-10-08 when day 15 (10-05) falls in 国庆', () => {
    const r = run(registered, '2026-09-28');
    expect(r.clocks).toEqual([
      {
        kind: 'ROUTE',
        owner: 'UNIT',
        startedOn: '2026-09-20',
        days: 15,
        dueOn: '2026-10-08',
        pausedDays: 0,
        completedOn: null,
        met: null,
        state: 'RUNNING',
        provisional: false,
      },
    ]);
    expect(r.nextDueOn).toBe('2026-10-08');
    expect(r.overdue).toBe(false);
  });

  it('warns 3 days ahead and on the due day, and is breached the day after', () => {
    expect(clock(registered, '2026-10-04', 'ROUTE').state).toBe('RUNNING');
    expect(clock(registered, '2026-10-05', 'ROUTE').state).toBe('WARNING');
    expect(clock(registered, '2026-10-08', 'ROUTE').state).toBe('WARNING');
    const late = run(registered, '2026-10-09');
    expect(late.clocks[0].state).toBe('BREACHED');
    expect(late.overdue).toBe(true);
    expect(late.nextDueOn).toBe('2026-10-08');
  });

  it('takes a stricter local policy and ignores a laxer one', () => {
    // 7 days: 09-27 is a Sunday → Monday 09-28.
    expect(clock({ ...registered, policy: { routeDays: 7 } }, '2026-09-21', 'ROUTE')).toMatchObject({ days: 7, dueOn: '2026-09-28' });
    expect(clock({ ...registered, policy: { routeDays: 30 } }, '2026-09-21', 'ROUTE')).toMatchObject({ days: 15, dueOn: '2026-10-08' });
  });

  it('honours the policy warning horizon', () => {
    expect(clock({ ...registered, policy: { warnDays: 10 } }, '2026-09-28', 'ROUTE').state).toBe('WARNING');
    expect(clock({ ...registered, policy: { warnDays: 0 } }, '2026-10-07', 'ROUTE').state).toBe('RUNNING');
  });

  it('is met by routing on or before the due day, missed after', () => {
    expect(clock({ ...registered, status: 'PENDING_ACCEPTANCE', routedOn: '2026-10-08' }, '2026-10-20', 'ROUTE')).toMatchObject({
      completedOn: '2026-10-08',
      met: true,
      state: 'MET',
    });
    expect(clock({ ...registered, status: 'PENDING_ACCEPTANCE', routedOn: '2026-10-09' }, '2026-10-20', 'ROUTE')).toMatchObject({
      completedOn: '2026-10-09',
      met: false,
      state: 'MISSED',
    });
  });

  it('is completed by a direct acceptance when the receiving unit has jurisdiction (no ACCEPT clock)', () => {
    const r = run({ status: 'ACCEPTED', registeredOn: '2026-03-02', acceptedOn: '2026-03-20' }, '2026-03-25');
    expect(r.clocks.map((c) => c.kind)).toEqual(['ROUTE', 'HANDLE']);
    // Due 03-17 (Tuesday); accepted on 03-20 → missed.
    expect(r.clocks[0]).toMatchObject({ dueOn: '2026-03-17', completedOn: '2026-03-20', met: false, state: 'MISSED' });
  });
});

describe('ACCEPT (15 days from receipt by the unit with jurisdiction)', () => {
  const routed: CaseMilestones = { status: 'PENDING_ACCEPTANCE', registeredOn: '2026-03-02', routedOn: '2026-03-10' };

  it('runs from routing: due 2026-03-25', () => {
    expect(clock(routed, '2026-03-11', 'ACCEPT')).toMatchObject({ startedOn: '2026-03-10', dueOn: '2026-03-25', state: 'RUNNING' });
    expect(clock(routed, '2026-03-26', 'ACCEPT').state).toBe('BREACHED');
    expect(run(routed, '2026-03-11').nextDueOn).toBe('2026-03-25');
  });

  it('is met by acceptance or by a decline', () => {
    expect(clock({ ...routed, status: 'ACCEPTED', acceptedOn: '2026-03-20' }, '2026-04-01', 'ACCEPT')).toMatchObject({ met: true, state: 'MET' });
    const declined = run({ ...routed, status: 'DECLINED', declinedOn: '2026-03-26' }, '2026-04-01');
    expect(declined.clocks.map((c) => c.kind)).toEqual(['ROUTE', 'ACCEPT']);
    expect(declined.clocks[1]).toMatchObject({ completedOn: '2026-03-26', met: false, state: 'MISSED' });
    expect(declined.overdue).toBe(false);
  });

  it('takes a stricter policy: 7 days → 2026-03-17', () => {
    expect(clock({ ...routed, policy: { acceptDays: 7 } }, '2026-03-11', 'ACCEPT')).toMatchObject({ days: 7, dueOn: '2026-03-17' });
  });
});

describe('HANDLE (60 days from acceptance, + extension ≤ 30, + hearing time)', () => {
  const accepted: CaseMilestones = {
    status: 'ACCEPTED',
    registeredOn: '2026-03-02',
    routedOn: '2026-03-10',
    acceptedOn: '2026-03-20',
  };

  it('is due 2026-05-19 and is the next due date', () => {
    const r = run(accepted, '2026-04-01');
    expect(r.clocks.map((c) => [c.kind, c.dueOn, c.state])).toEqual([
      ['ROUTE', '2026-03-17', 'MET'],
      ['ACCEPT', '2026-03-25', 'MET'],
      ['HANDLE', '2026-05-19', 'RUNNING'],
    ]);
    expect(r.nextDueOn).toBe('2026-05-19');
    expect(r.overdue).toBe(false);
  });

  it('adds an approved extension: 90 days → 2026-06-18', () => {
    expect(clock({ ...accepted, extensionDays: 30 }, '2026-05-20', 'HANDLE')).toMatchObject({ days: 90, dueOn: '2026-06-18', state: 'RUNNING' });
    // Without the extension the same day is a breach.
    expect(clock(accepted, '2026-05-20', 'HANDLE').state).toBe('BREACHED');
  });

  it('adds hearing days: 1 more day lands on 端午 (06-19) → 2026-06-22', () => {
    expect(clock({ ...accepted, extensionDays: 30, hearingPausedDays: 1 }, '2026-05-20', 'HANDLE')).toMatchObject({
      days: 90,
      pausedDays: 1,
      dueOn: '2026-06-22',
    });
  });

  it('refuses an extension over 30 days or a negative one', () => {
    expect(() => run({ ...accepted, extensionDays: 31 }, '2026-04-01')).toThrow(/不得超过30日/);
    expect(() => run({ ...accepted, extensionDays: -1 }, '2026-04-01')).toThrow(RangeError);
  });

  it('takes the 兴国县 21-day policy: due 2026-04-10, warning 04-08, breached 04-11', () => {
    const strict = { ...accepted, policy: { handleDays: 21 } };
    expect(clock(strict, '2026-04-06', 'HANDLE')).toMatchObject({ days: 21, dueOn: '2026-04-10', state: 'RUNNING' });
    expect(clock(strict, '2026-04-08', 'HANDLE').state).toBe('WARNING');
    expect(clock(strict, '2026-04-11', 'HANDLE').state).toBe('BREACHED');
    expect(clock({ ...accepted, policy: { handleDays: 90 } }, '2026-04-01', 'HANDLE').days).toBe(60);
  });

  it('is met or missed by the decision date', () => {
    expect(clock({ ...accepted, status: 'DECIDED', decidedOn: '2026-05-19' }, '2026-05-20', 'HANDLE')).toMatchObject({ met: true, state: 'MET' });
    expect(clock({ ...accepted, status: 'DECIDED', decidedOn: '2026-05-20' }, '2026-05-20', 'HANDLE')).toMatchObject({ met: false, state: 'MISSED' });
  });

  it('counts 29 February across a leap year: accepted 2027-12-31 → due 2028-02-29', () => {
    expect(clock({ status: 'ACCEPTED', registeredOn: '2027-12-20', acceptedOn: '2027-12-31' }, '2028-01-05', 'HANDLE').dueOn).toBe('2028-02-29');
  });

  it('refuses malformed dates and policies', () => {
    expect(() => run({ ...accepted, acceptedOn: '2026-02-30' }, '2026-04-01')).toThrow(/acceptedOn/);
    expect(() => run(accepted, '2026/04/01')).toThrow(RangeError);
    expect(() => run({ ...accepted, policy: { handleDays: -1 } }, '2026-04-01')).toThrow(RangeError);
  });

  it('applies a same-day policy (舞钢 一日工作法: 0 days) as due on the start day itself', () => {
    const clocks = run({ ...accepted, policy: { handleDays: 0 } }, accepted.acceptedOn!);
    const handle = clocks.clocks.find((c) => c.kind === 'HANDLE')!;
    expect(handle.days).toBe(0);
    expect(handle.dueOn).toBe(accepted.acceptedOn);
  });
});

describe('REVIEW_REQUEST_WINDOW (30 days from receiving the decision)', () => {
  const decided: CaseMilestones = {
    status: 'DECIDED',
    registeredOn: '2026-03-02',
    acceptedOn: '2026-03-02',
    decidedOn: '2026-05-25',
    decisionDeliveredOn: '2026-05-28',
  };

  it('runs from delivery: day 30 is Saturday 06-27 → open through Monday 2026-06-29', () => {
    const r = run(decided, '2026-06-10');
    expect(clock(decided, '2026-06-10', 'REVIEW_REQUEST_WINDOW')).toMatchObject({
      owner: 'PETITIONER',
      startedOn: '2026-05-28',
      dueOn: '2026-06-29',
      state: 'RUNNING',
    });
    // A petitioner window is not a unit deadline.
    expect(r.nextDueOn).toBeNull();
    expect(r.overdue).toBe(false);
    expect(clock(decided, '2026-06-29', 'REVIEW_REQUEST_WINDOW').state).toBe('RUNNING');
  });

  it('lapses (not breached) the day after it closes', () => {
    const r = run(decided, '2026-06-30');
    expect(r.clocks.find((c) => c.kind === 'REVIEW_REQUEST_WINDOW')).toMatchObject({ completedOn: null, met: null, state: 'LAPSED' });
    expect(r.overdue).toBe(false);
  });

  it('runs from the decision date when delivery is unknown: 2026-06-24', () => {
    expect(clock({ ...decided, decisionDeliveredOn: null }, '2026-06-10', 'REVIEW_REQUEST_WINDOW').dueOn).toBe('2026-06-24');
  });

  it('day 30 is in, day 31 is out', () => {
    const d: CaseMilestones = { status: 'DECIDED', registeredOn: '2026-01-05', acceptedOn: '2026-01-05', decidedOn: '2026-03-02' };
    expect(clock(d, '2026-04-01', 'REVIEW_REQUEST_WINDOW')).toMatchObject({ dueOn: '2026-04-01', state: 'RUNNING' });
    expect(clock(d, '2026-04-02', 'REVIEW_REQUEST_WINDOW').state).toBe('LAPSED');
  });

  it('is met by a request on the last day, missed by a late one', () => {
    expect(clock({ ...decided, status: 'REVIEW_REQUESTED', reviewRequestedOn: '2026-06-29' }, '2026-07-01', 'REVIEW_REQUEST_WINDOW')).toMatchObject({
      completedOn: '2026-06-29',
      met: true,
      state: 'MET',
    });
    expect(clock({ ...decided, status: 'REVIEW_REQUESTED', reviewRequestedOn: '2026-06-30' }, '2026-07-01', 'REVIEW_REQUEST_WINDOW')).toMatchObject({
      met: false,
      state: 'MISSED',
    });
  });

  it('lapses at once when the case is closed, even inside the window', () => {
    expect(clock({ ...decided, status: 'CLOSED' }, '2026-06-10', 'REVIEW_REQUEST_WINDOW').state).toBe('LAPSED');
  });
});

describe('REVIEW_ANSWER (30 days from the review request)', () => {
  const review: CaseMilestones = {
    status: 'REVIEW_REQUESTED',
    registeredOn: '2026-03-02',
    acceptedOn: '2026-03-02',
    decidedOn: '2026-05-28',
    reviewRequestedOn: '2026-06-29',
  };

  it('is due 2026-07-29, warning two days before', () => {
    expect(clock(review, '2026-07-20', 'REVIEW_ANSWER')).toMatchObject({ startedOn: '2026-06-29', dueOn: '2026-07-29', state: 'RUNNING' });
    const r = run(review, '2026-07-27');
    expect(r.clocks.find((c) => c.kind === 'REVIEW_ANSWER')?.state).toBe('WARNING');
    expect(r.nextDueOn).toBe('2026-07-29');
  });

  it('adds hearing days: 4 → 08-02 (Sunday) → 2026-08-03', () => {
    expect(clock({ ...review, reviewHearingPausedDays: 4 }, '2026-07-20', 'REVIEW_ANSWER')).toMatchObject({ pausedDays: 4, dueOn: '2026-08-03' });
  });

  it('is met by the review answer', () => {
    expect(clock({ ...review, status: 'REVIEWED', reviewDecidedOn: '2026-07-28' }, '2026-08-01', 'REVIEW_ANSWER')).toMatchObject({
      completedOn: '2026-07-28',
      met: true,
      state: 'MET',
    });
  });
});

describe('REREVIEW_REQUEST_WINDOW and REREVIEW_ANSWER', () => {
  const reviewed: CaseMilestones = {
    status: 'REVIEWED',
    registeredOn: '2026-03-02',
    acceptedOn: '2026-03-02',
    decidedOn: '2026-05-28',
    reviewRequestedOn: '2026-06-29',
    reviewDecidedOn: '2026-07-28',
    reviewDeliveredOn: '2026-08-03',
  };

  it('the window runs 30 days from receipt of the review answer: 2026-09-02', () => {
    expect(clock(reviewed, '2026-08-20', 'REREVIEW_REQUEST_WINDOW')).toMatchObject({ startedOn: '2026-08-03', dueOn: '2026-09-02', state: 'RUNNING' });
    expect(clock(reviewed, '2026-09-03', 'REREVIEW_REQUEST_WINDOW').state).toBe('LAPSED');
    expect(clock({ ...reviewed, reviewDeliveredOn: undefined }, '2026-08-20', 'REREVIEW_REQUEST_WINDOW').dueOn).toBe('2026-08-27');
  });

  const reReview: CaseMilestones = { ...reviewed, status: 'REREVIEW_REQUESTED', reReviewRequestedOn: '2026-09-01' };

  it('the answer is due 30 days later; 10-01 is 国庆 → 2026-10-08, breached on 10-09', () => {
    expect(clock(reReview, '2026-09-10', 'REREVIEW_REQUEST_WINDOW')).toMatchObject({ met: true, state: 'MET' });
    expect(clock(reReview, '2026-09-10', 'REREVIEW_ANSWER')).toMatchObject({ startedOn: '2026-09-01', dueOn: '2026-10-08', state: 'RUNNING' });
    const r = run(reReview, '2026-10-09');
    expect(r.clocks.find((c) => c.kind === 'REREVIEW_ANSWER')?.state).toBe('BREACHED');
    expect(r.overdue).toBe(true);
    expect(r.nextDueOn).toBe('2026-10-08');
  });

  it('hearing time does not count: 10 days → 10-11 (Sunday) → 2026-10-12', () => {
    const heard = { ...reReview, reReviewHearingPausedDays: 10 };
    expect(clock(heard, '2026-10-09', 'REREVIEW_ANSWER')).toMatchObject({ pausedDays: 10, dueOn: '2026-10-12', state: 'WARNING' });
    expect(run(heard, '2026-10-09').overdue).toBe(false);
  });

  it('a concluded case has every clock completed', () => {
    const r = run({ ...reReview, status: 'CONCLUDED', reReviewDecidedOn: '2026-10-08' }, '2026-11-01');
    expect(r.clocks.map((c) => [c.kind, c.state])).toEqual([
      ['ROUTE', 'MET'], // accepted where registered, the same day
      ['HANDLE', 'MISSED'], // due 05-06 (05-01 is 劳动节), decided 05-28
      ['REVIEW_REQUEST_WINDOW', 'MET'],
      ['REVIEW_ANSWER', 'MET'],
      ['REREVIEW_REQUEST_WINDOW', 'MET'],
      ['REREVIEW_ANSWER', 'MET'],
    ]);
    expect(r.nextDueOn).toBeNull();
    expect(r.overdue).toBe(false);
  });
});

describe('cases that ended early', () => {
  const routed: CaseMilestones = { status: 'WITHDRAWN', registeredOn: '2026-03-02', routedOn: '2026-03-05' };

  it('a withdrawn case stops its open clock: LAPSED, not breached, nothing due', () => {
    const r = run(routed, '2026-04-30');
    expect(r.clocks[1]).toMatchObject({ kind: 'ACCEPT', dueOn: '2026-03-20', completedOn: null, met: null, state: 'LAPSED' });
    expect(r.overdue).toBe(false);
    expect(r.nextDueOn).toBeNull();
  });

  it('but a clock already overdue when the case ended counts as missed', () => {
    expect(clock({ ...routed, endedOn: '2026-03-25' }, '2026-04-30', 'ACCEPT')).toMatchObject({ met: false, state: 'MISSED' });
    expect(clock({ ...routed, endedOn: '2026-03-20' }, '2026-04-30', 'ACCEPT')).toMatchObject({ met: null, state: 'LAPSED' });
  });

  it('a merged case behaves the same', () => {
    expect(clock({ ...routed, status: 'MERGED' }, '2026-04-30', 'ACCEPT').state).toBe('LAPSED');
  });
});

describe('a clock running into a year without an official schedule', () => {
  it('moves off the statutory holiday of 2027 and says it is provisional', () => {
    // Accepted 2026-11-02: 60 days end on 2027-01-01 (元旦, by rule) → Monday 2027-01-04.
    const r = run({ status: 'ACCEPTED', registeredOn: '2026-10-20', acceptedOn: '2026-11-02' }, '2026-11-10');
    const handle = r.clocks.find((c) => c.kind === 'HANDLE')!;
    expect(handle.dueOn).toBe('2027-01-04');
    expect(handle.provisional).toBe(true);
    expect(r.clocks.find((c) => c.kind === 'ROUTE')!.provisional).toBe(false);
  });
});
