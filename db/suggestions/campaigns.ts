/**
 * Pure rules of campaigns: when a suggestion may be submitted into one, and what a campaign may promise.
 */
import type { IsoDate } from '../calendar/work-calendar';
import { MAX_FEEDBACK_DAYS } from './feedback-clock';
import type { CampaignStatus } from './vocabulary';

export interface CampaignWindow {
  status: CampaignStatus;
  opensOn: IsoDate;
  closesOn: IsoDate;
  categories: readonly string[];
}

export type SubmissionRefusal = { code: 'suggestion/campaign-not-open' | 'suggestion/campaign-closed' | 'suggestion/category-not-in-campaign'; message: string };

/** A submission is accepted only while the campaign is OPEN and today lies within its dates (both inclusive). */
export function checkSubmission(campaign: CampaignWindow, receivedOn: IsoDate, category: string): SubmissionRefusal | null {
  if (campaign.status === 'DRAFT' || receivedOn < campaign.opensOn) {
    return { code: 'suggestion/campaign-not-open', message: `该征集活动尚未开始（${campaign.opensOn} 起征集）` };
  }
  if (campaign.status !== 'OPEN' || receivedOn > campaign.closesOn) {
    return { code: 'suggestion/campaign-closed', message: `该征集活动已于 ${campaign.closesOn} 截止，欢迎通过日常征集渠道提出建议` };
  }
  if (campaign.categories.length && !campaign.categories.includes(category)) {
    return { code: 'suggestion/category-not-in-campaign', message: `本次征集的类别为：${campaign.categories.join('、')}` };
  }
  return null;
}

export interface CampaignDates {
  opensOn: IsoDate;
  closesOn: IsoDate;
  feedbackDays: number;
}

/** Field → Chinese message for what is wrong with a campaign's dates and period; empty when fine. */
export function campaignDateIssues(c: CampaignDates): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  if (c.closesOn < c.opensOn) issues.push({ field: 'closesOn', message: '截止日期不能早于开始日期' });
  if (!Number.isInteger(c.feedbackDays) || c.feedbackDays < 1 || c.feedbackDays > MAX_FEEDBACK_DAYS) {
    issues.push({ field: 'feedbackDays', message: `答复期限应为 1–${MAX_FEEDBACK_DAYS} 天` });
  }
  return issues;
}

/** Draws `count` assessors from a pool without repeats; `random` returns [0, 1) (crypto in production). */
export function drawAssessors<T>(pool: readonly T[], count: number, random: () => number): T[] {
  const left = [...pool];
  const drawn: T[] = [];
  while (drawn.length < count && left.length) {
    const index = Math.floor(random() * left.length);
    drawn.push(left.splice(index, 1)[0]);
  }
  return drawn;
}

/** Scores are whole numbers from 1 (little) to 5 (high). */
export const SCORE_RANGE = { min: 1, max: 5 } as const;
export const DEFAULT_ASSESSORS = 2;
