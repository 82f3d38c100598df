import { AppError } from '../errors';

/**
 * The cases domain's refusals, one catalogue (code → meaning). Codes are stable; messages are Chinese and
 * say the particulars. The generic ones (`case/not-found`, `case/version-conflict`, `case/invalid-transition`)
 * come from db/errors.ts and db/streams/; the GraphQL description of CaseRuleError lists these codes.
 */
export const caseRuleCodes = {
  'case/not-our-unit': 'Only the responsible unit (or a unit above it, or the escalation target’s line) may do this.',
  'case/not-higher-unit': 'A supervision order must come from a unit above the responsible unit.',
  'case/accused-unit': 'An accusation may not be routed to the accused unit or its subtree.',
  'case/no-competent-organ': 'No discipline-inspection organ in the system may receive an accusation against this unit; it is not registered.',
  'case/hearing-pending': 'A hearing is scheduled and not yet held; record it first.',
  'case/no-pending-hearing': 'There is no scheduled hearing to record.',
  'case/extension-used': 'The handling period may be extended once only.',
  'case/extension-too-late': 'The handling period has already run out; it can no longer be extended.',
  'case/review-window-open': 'The petitioner’s window to ask for a review is still open; the case cannot be closed yet.',
  'case/review-window-closed': 'The window to ask for a review (or re-review) has passed.',
  'case/no-review-unit': 'The deciding unit has no parent to review (or re-review) its decision.',
  'case/merge-into-later': 'A duplicate may only be merged into an earlier case.',
  'case/already-backlog': 'The case is already an uncleared backlog case.',
  'case/not-backlog': 'The case is not an uncleared backlog case.',
} as const;
export type CaseRuleCode = keyof typeof caseRuleCodes;

/** A rule of the regulation (or of this system) refused the action; the code is one of `caseRuleCodes`. */
export class CaseRuleError extends AppError {
  constructor(code: CaseRuleCode, message: string) {
    super(code, message);
    this.name = 'CaseRuleError';
  }
}
