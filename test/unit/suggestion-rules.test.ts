import { describe, expect, it } from 'vitest';
import { allowedActions, checkTransition } from '../../db/streams/lifecycle';
import { campaignLifecycle, suggestionAllowedActions, suggestionLifecycle } from '../../db/suggestions/lifecycle';
import { isPublicSuggestion, redactPublicText } from '../../db/suggestions/publicity';
import { suggestionActions, suggestionStatuses, type SuggestionAction, type SuggestionStatus } from '../../db/suggestions/vocabulary';
import { feedbackClock, feedbackDueState } from '../../db/suggestions/feedback-clock';
import { checkEndorse, checkWithdrawEndorsement, priorityFlag } from '../../db/suggestions/endorsements';
import { campaignDateIssues, checkSubmission, drawAssessors } from '../../db/suggestions/campaigns';
import { officialWorkCalendar } from '../../db/calendar/statutory-holidays';

const check = (status: SuggestionStatus, action: SuggestionAction, roles: string[]) => checkTransition(suggestionLifecycle, status, action, roles as never);
const undecided: SuggestionAction[] = ['decline', 'transfer', 'markUrgent', 'makePublic', 'transferToCase', 'joinCluster', 'leaveCluster'];
const decisions: SuggestionAction[] = ['adopt', 'adoptPartly', 'keepForReference', 'notAdopt'];

describe('suggestion pipeline', () => {
  // The whole table, status by status: what a staff member, a leader and a citizen may do.
  const expected: Record<SuggestionStatus, { staff: SuggestionAction[]; leader: SuggestionAction[]; citizen: SuggestionAction[] }> = {
    SUBMITTED: { staff: ['startAssessment', ...undecided], leader: ['startAssessment', ...undecided], citizen: ['withdraw'] },
    UNDER_ASSESSMENT: {
      staff: ['recordAssessment', 'completeAssessment', ...undecided],
      leader: ['recordAssessment', 'completeAssessment', ...undecided],
      citizen: ['withdraw'],
    },
    ASSESSED: { staff: undecided, leader: ['decline', ...decisions, ...undecided.slice(1)], citizen: ['withdraw'] },
    DECLINED: { staff: [], leader: [], citizen: [] },
    ADOPTED: { staff: ['publishAnswer', 'convert', 'nominate'], leader: ['publishAnswer', 'convert', 'nominate', 'decideAward'], citizen: [] },
    PARTLY_ADOPTED: { staff: ['publishAnswer', 'convert', 'nominate'], leader: ['publishAnswer', 'convert', 'nominate', 'decideAward'], citizen: [] },
    FOR_REFERENCE: { staff: ['publishAnswer'], leader: ['publishAnswer'], citizen: [] },
    NOT_ADOPTED: { staff: ['publishAnswer'], leader: ['publishAnswer'], citizen: [] },
    CONVERTED: {
      staff: ['publishAnswer', 'convert', 'updateConversion', 'nominate'],
      leader: ['publishAnswer', 'convert', 'updateConversion', 'nominate', 'decideAward'],
      citizen: [],
    },
    WITHDRAWN: { staff: [], leader: [], citizen: [] },
    TRANSFERRED_TO_CASE: { staff: [], leader: [], citizen: [] },
  };

  it.each(suggestionStatuses)('%s: the allowed actions of staff, a leader and a citizen', (status) => {
    expect(allowedActions(suggestionLifecycle, status, ['STAFF'])).toEqual(expected[status].staff);
    expect(allowedActions(suggestionLifecycle, status, ['LEADER'])).toEqual(expected[status].leader);
    expect(allowedActions(suggestionLifecycle, status, ['PETITIONER'])).toEqual(expected[status].citizen);
    expect(allowedActions(suggestionLifecycle, status, ['INTEGRATOR', 'MEDIATOR', 'SUPERVISOR'])).toEqual([]);
  });

  it('refuses every action outside its statuses as an invalid transition, and a wrong role as forbidden', () => {
    for (const status of suggestionStatuses) {
      for (const action of suggestionActions) {
        const rule = suggestionLifecycle.transitions[action];
        const result = check(status, action, [...rule.roles]);
        expect(result.ok).toBe(rule.from.includes(status));
        if (!result.ok) expect(result.code).toBe('suggestion/invalid-transition');
      }
    }
    expect(check('ASSESSED', 'adopt', ['PETITIONER'])).toMatchObject({ ok: false, code: 'auth/forbidden', allowed: ['withdraw'] });
    expect(check('ASSESSED', 'adopt', ['STAFF'])).toMatchObject({ ok: false, code: 'auth/forbidden' });
  });

  it('leads where the rule says', () => {
    expect(check('SUBMITTED', 'startAssessment', ['STAFF'])).toEqual({ ok: true, to: 'UNDER_ASSESSMENT' });
    expect(check('UNDER_ASSESSMENT', 'recordAssessment', ['STAFF'])).toEqual({ ok: true, to: 'UNDER_ASSESSMENT' });
    expect(check('UNDER_ASSESSMENT', 'completeAssessment', ['STAFF'])).toEqual({ ok: true, to: 'ASSESSED' });
    expect(check('ASSESSED', 'adoptPartly', ['LEADER'])).toEqual({ ok: true, to: 'PARTLY_ADOPTED' });
    expect(check('ADOPTED', 'convert', ['STAFF'])).toEqual({ ok: true, to: 'CONVERTED' });
    expect(check('ADOPTED', 'publishAnswer', ['STAFF'])).toEqual({ ok: true, to: 'ADOPTED' });
  });

  it('says why in Chinese', () => {
    expect(check('DECLINED', 'adopt', ['LEADER'])).toMatchObject({ message: '建议当前状态为“不予采纳办理（已说明理由）”，不能执行“采纳”' });
  });
});

describe('campaign lifecycle', () => {
  it('goes DRAFT → OPEN → CLOSED → ARCHIVED and nowhere else', () => {
    const c = (status: 'DRAFT' | 'OPEN' | 'CLOSED' | 'ARCHIVED', action: 'open' | 'close' | 'archive') => checkTransition(campaignLifecycle, status, action, ['STAFF']);
    expect(c('DRAFT', 'open')).toEqual({ ok: true, to: 'OPEN' });
    expect(c('OPEN', 'close')).toEqual({ ok: true, to: 'CLOSED' });
    expect(c('CLOSED', 'archive')).toEqual({ ok: true, to: 'ARCHIVED' });
    expect(c('DRAFT', 'close')).toMatchObject({ ok: false, code: 'suggestion-campaign/invalid-transition', allowed: ['open'] });
    expect(c('ARCHIVED', 'open')).toMatchObject({ ok: false, allowed: [] });
    expect(c('CLOSED', 'open')).toMatchObject({ ok: false, allowed: ['archive'] });
  });

  it('accepts submissions only while open, within its dates, in its categories', () => {
    const campaign = { status: 'OPEN' as const, opensOn: '2026-03-01', closesOn: '2026-03-31', categories: ['交通出行'] };
    expect(checkSubmission(campaign, '2026-03-01', '交通出行')).toBeNull();
    expect(checkSubmission(campaign, '2026-03-31', '交通出行')).toBeNull();
    expect(checkSubmission(campaign, '2026-02-28', '交通出行')?.code).toBe('suggestion/campaign-not-open');
    expect(checkSubmission(campaign, '2026-04-01', '交通出行')?.code).toBe('suggestion/campaign-closed');
    expect(checkSubmission({ ...campaign, status: 'CLOSED' }, '2026-03-15', '交通出行')?.code).toBe('suggestion/campaign-closed');
    expect(checkSubmission({ ...campaign, status: 'DRAFT' }, '2026-03-15', '交通出行')?.code).toBe('suggestion/campaign-not-open');
    expect(checkSubmission(campaign, '2026-03-15', '教育')).toEqual({ code: 'suggestion/category-not-in-campaign', message: '本次征集的类别为：交通出行' });
  });

  it('refuses reversed dates and impossible periods', () => {
    expect(campaignDateIssues({ opensOn: '2026-03-01', closesOn: '2026-03-01', feedbackDays: 30 })).toEqual([]);
    expect(campaignDateIssues({ opensOn: '2026-03-02', closesOn: '2026-03-01', feedbackDays: 0 }).map((i) => i.field)).toEqual(['closesOn', 'feedbackDays']);
    expect(campaignDateIssues({ opensOn: '2026-03-01', closesOn: '2026-03-09', feedbackDays: 181 }).map((i) => i.field)).toEqual(['feedbackDays']);
  });

  it('draws distinct assessors, as many as the pool has', () => {
    const sequence = [0.99, 0, 0.5];
    let i = 0;
    expect(drawAssessors(['a', 'b', 'c', 'd'], 3, () => sequence[i++])).toEqual(['d', 'a', 'c']);
    expect(drawAssessors(['a'], 2, () => 0)).toEqual(['a']);
  });
});

describe('feedback clock', () => {
  const calendar = officialWorkCalendar();
  const base = { receivedOn: '2026-03-02', feedbackDays: 30, urgent: false, feedbackOn: null, withdrawnOn: null };

  it('is due 30 days after receipt, counted from the next day', () => {
    // 2026-03-02 + 30 = 2026-04-01 (a Wednesday, a working day)
    expect(feedbackClock(base, '2026-03-10', calendar)).toMatchObject({ dueOn: '2026-04-01', days: 30, state: 'RUNNING' });
  });

  it('moves a due date on a rest day to the next working day (国庆 2026)', () => {
    // 2026-09-01 + 30 = 2026-10-01, 国庆 holiday 10-01..10-07 → due 2026-10-08 (a Thursday)
    expect(feedbackClock({ ...base, receivedOn: '2026-09-01' }, '2026-09-02', calendar).dueOn).toBe('2026-10-08');
  });

  it('warns from three days before, breaches the day after the due day', () => {
    expect(feedbackClock(base, '2026-03-28', calendar).state).toBe('RUNNING');
    expect(feedbackClock(base, '2026-03-29', calendar).state).toBe('WARNING');
    expect(feedbackClock(base, '2026-04-01', calendar).state).toBe('WARNING');
    expect(feedbackClock(base, '2026-04-02', calendar).state).toBe('BREACHED');
  });

  it('is met when feedback was given by the due day, missed after', () => {
    expect(feedbackClock({ ...base, feedbackOn: '2026-04-01' }, '2026-05-01', calendar)).toMatchObject({ state: 'MET', met: true, completedOn: '2026-04-01' });
    expect(feedbackClock({ ...base, feedbackOn: '2026-04-02' }, '2026-05-01', calendar)).toMatchObject({ state: 'MISSED', met: false });
  });

  it('runs for 7 days in the fast lane whatever the campaign promises, and its own period when shorter', () => {
    expect(feedbackClock({ ...base, urgent: true }, '2026-03-03', calendar)).toMatchObject({ days: 7, dueOn: '2026-03-09' });
    expect(feedbackClock({ ...base, urgent: true, feedbackDays: 5 }, '2026-03-03', calendar)).toMatchObject({ days: 5, dueOn: '2026-03-09' });
  });

  it('lapses when withdrawn; the sweep then has nothing to look at', () => {
    expect(feedbackClock({ ...base, withdrawnOn: '2026-03-05' }, '2026-05-01', calendar).state).toBe('LAPSED');
    expect(feedbackDueState({ ...base, withdrawnOn: '2026-03-05' }, '2026-05-01', calendar)).toEqual({ feedbackDueOn: '2026-04-01', warnOn: null, overdue: false });
  });

  it('gives the sweep the day to look and whether it is overdue', () => {
    expect(feedbackDueState(base, '2026-03-10', calendar)).toEqual({ feedbackDueOn: '2026-04-01', warnOn: '2026-03-29', overdue: false });
    expect(feedbackDueState(base, '2026-04-02', calendar)).toEqual({ feedbackDueOn: '2026-04-01', warnOn: '2026-03-29', overdue: true });
    expect(feedbackDueState({ ...base, feedbackOn: '2026-03-20' }, '2026-04-02', calendar)).toEqual({ feedbackDueOn: '2026-04-01', warnOn: null, overdue: false });
  });
});

describe('endorsements', () => {
  const facts = { roles: ['PETITIONER'] as const, accountId: 'me', submitterAccountId: 'other', status: 'SUBMITTED' as const, active: false };
  it('one per citizen account, not one’s own, only before the answer', () => {
    expect(checkEndorse(facts)).toBeNull();
    expect(checkEndorse({ ...facts, active: true })).toBe('suggestion/already-endorsed');
    expect(checkEndorse({ ...facts, submitterAccountId: 'me' })).toBe('suggestion/endorse-own');
    expect(checkEndorse({ ...facts, roles: ['STAFF'] })).toBe('suggestion/endorse-citizens-only');
    expect(checkEndorse({ ...facts, status: 'ADOPTED' })).toBe('suggestion/endorse-closed');
    expect(checkEndorse({ ...facts, status: 'ASSESSED' })).toBeNull();
  });
  it('withdrawable only when active', () => {
    expect(checkWithdrawEndorsement({ ...facts, active: true })).toBeNull();
    expect(checkWithdrawEndorsement(facts)).toBe('suggestion/not-endorsed');
    expect(checkWithdrawEndorsement({ ...facts, active: true, status: 'NOT_ADOPTED' })).toBe('suggestion/endorse-closed');
  });
  it('raises the priority flag at the threshold and keeps it', () => {
    expect(priorityFlag(false, 2, 3)).toBe(false);
    expect(priorityFlag(false, 3, 3)).toBe(true);
    expect(priorityFlag(true, 1, 3)).toBe(true);
  });
});

describe('what the public sees', () => {
  const row = { status: 'SUBMITTED' as const, publicOn: null, answerPublishedOn: null };
  it('is public once made public or answered in public, never once declined, withdrawn or a petition', () => {
    expect(isPublicSuggestion(row)).toBe(false);
    expect(isPublicSuggestion({ ...row, publicOn: '2026-03-02' })).toBe(true);
    expect(isPublicSuggestion({ ...row, status: 'ADOPTED', answerPublishedOn: '2026-03-02' })).toBe(true);
    expect(isPublicSuggestion({ ...row, status: 'ADOPTED' })).toBe(false);
    for (const status of ['DECLINED', 'WITHDRAWN', 'TRANSFERRED_TO_CASE'] as const) expect(isPublicSuggestion({ status, publicOn: '2026-03-02', answerPublishedOn: '2026-03-03' })).toBe(false);
  });

  it('masks identity numbers, phone numbers and the submitter’s names written into the text', () => {
    const text = '我是王小明，身份证500118196001011003，电话13912345678或 +86 139-1234-5678，座机023-49861234。欧阳娜娜也同意。';
    const out = redactPublicText(text, ['王小明', '欧阳娜娜', null, '王']);
    expect(out).toBe('我是王**，身份证500***********1003，电话139****5678或 139****5678，座机023-4986****。欧阳**也同意。');
    expect(redactPublicText('建议在2026年3月增设100个车位，预算12000000元。')).toBe('建议在2026年3月增设100个车位，预算12000000元。');
  });

  it('leaves out what the row rules out: already public, already urgent, cluster-bound while clustered', () => {
    const facts = { status: 'SUBMITTED' as const, publicOn: null, clusterId: null, urgent: false, answerPublishedOn: null };
    expect(suggestionAllowedActions(facts, ['STAFF'])).toEqual(['startAssessment', 'decline', 'transfer', 'markUrgent', 'makePublic', 'transferToCase', 'joinCluster']);
    expect(suggestionAllowedActions({ ...facts, publicOn: '2026-03-02', urgent: true, clusterId: 'c' }, ['STAFF'])).toEqual(['leaveCluster']);
    expect(suggestionAllowedActions({ ...facts, status: 'ADOPTED', answerPublishedOn: '2026-03-02' }, ['LEADER'])).toEqual(['convert', 'nominate', 'decideAward']);
  });
});
