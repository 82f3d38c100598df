import { caseStatusLabels, type CaseStatus } from './lifecycle';

/** Events the public may know happened (besides status changes), with their public wording. */
export const publicEventLabels: Readonly<Record<string, string>> = {
  'case.extended': '办理期限已延长',
  'case.hearing_scheduled': '已安排听证',
  'case.supervised': '上级已督办',
  'case.followed_up': '已回访',
};

/** One step of a case's public progress, in words that carry no personal data. */
export function publicStepLabel(event: { toStatus: string | null; type: string }): string {
  return event.toStatus ? caseStatusLabels[event.toStatus as CaseStatus] : (publicEventLabels[event.type] ?? '办理中');
}
