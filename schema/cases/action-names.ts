import type { CaseAction } from '../../db/cases/lifecycle';

/** Each case action's mutation; `Case.allowedActions` and `InvalidTransitionError.allowedActions` use these names. */
export const caseMutationNames = {
  transfer: 'transferCase',
  assign: 'assignCase',
  return: 'returnCase',
  escalate: 'escalateCase',
  accept: 'acceptCase',
  decline: 'declineCase',
  extend: 'extendCase',
  decide: 'decideCase',
  requestReview: 'requestReview',
  decideReview: 'decideReview',
  requestReReview: 'requestReReview',
  decideReReview: 'decideReReview',
  close: 'closeCase',
  withdraw: 'withdrawCase',
  merge: 'mergeCase',
  setCaseLeader: 'setCaseLeader',
  flagBacklog: 'flagBacklog',
  clearBacklog: 'clearBacklog',
  supervise: 'superviseCase',
  answerSupervision: 'answerSupervision',
  recordFollowUp: 'recordFollowUp',
  evaluate: 'evaluateCase',
  scheduleHearing: 'scheduleHearing',
  recordHearing: 'recordHearing',
  // Declared with the suggestion domain (schema/suggestions/from-case.ts): it also creates the suggestion.
  continueAsSuggestion: 'convertCaseToSuggestion',
} as const satisfies Record<CaseAction, string>;

export type CaseMutationName = (typeof caseMutationNames)[CaseAction];
