/**
 * English halves of the suggestion vocabulary's descriptions (the Chinese labels live in
 * db/suggestions/vocabulary.ts, used in messages too). Keyed by value, so a missing one is a compile error.
 */
import type {
  CampaignAction,
  CampaignStatus,
  ConversionKind,
  ConversionProgress,
  DeclineReason,
  NominationStatus,
  SuggestionAction,
  SuggestionStatus,
} from '../../db/suggestions/vocabulary';

export const suggestionStatusEnglish: Readonly<Record<SuggestionStatus, string>> = {
  SUBMITTED: 'Received, awaiting assessment.',
  UNDER_ASSESSMENT: 'Being assessed by the drawn assessors.',
  ASSESSED: 'Assessed, awaiting the decision.',
  DECLINED: 'Not taken up (duplicate, out of scope, a personal grievance or unlawful); the reason was told.',
  ADOPTED: 'Adopted.',
  PARTLY_ADOPTED: 'Partly adopted.',
  FOR_REFERENCE: 'Kept for reference.',
  NOT_ADOPTED: 'Not adopted.',
  CONVERTED: 'Converted into a policy, measure, project or proposal.',
  WITHDRAWN: 'Withdrawn by the submitter.',
  TRANSFERRED_TO_CASE: 'Handled as a petition (a personal grievance).',
};

export const campaignStatusEnglish: Readonly<Record<CampaignStatus, string>> = {
  DRAFT: 'Draft, not yet published.',
  OPEN: 'Open for suggestions.',
  CLOSED: 'Closed for submissions.',
  ARCHIVED: 'Archived.',
};

export const campaignActionEnglish: Readonly<Record<CampaignAction, string>> = {
  open: 'Publish and open the campaign.',
  close: 'Close the campaign for submissions.',
  archive: 'Archive the campaign.',
};

export const suggestionActionEnglish: Readonly<Record<SuggestionAction, string>> = {
  startAssessment: 'Start the assessment, drawing assessors from the pool.',
  recordAssessment: 'Record an assessor’s scores.',
  completeAssessment: 'Complete the assessment once every assessor scored.',
  decline: 'Decline with a stated reason.',
  adopt: 'Adopt.',
  adoptPartly: 'Adopt in part.',
  keepForReference: 'Keep for reference.',
  notAdopt: 'Do not adopt.',
  publishAnswer: 'Publish the answer: tell the submitter and the public.',
  transfer: 'Transfer to the responsible unit.',
  markUrgent: 'Put into the fast lane.',
  makePublic: 'Make it public so citizens may endorse it.',
  convert: 'Record a conversion into a policy, measure, project or proposal.',
  updateConversion: 'Update a conversion’s progress.',
  withdraw: 'Withdrawn by the submitter.',
  transferToCase: 'Handle as a petition.',
  joinCluster: 'Join a cluster of similar suggestions.',
  leaveCluster: 'Leave the cluster.',
  nominate: 'Nominate for an award.',
  decideAward: 'The panel decides the award.',
};

export const declineReasonEnglish: Readonly<Record<DeclineReason, string>> = {
  DUPLICATE: 'Duplicates a suggestion already submitted.',
  OUT_OF_SCOPE: 'Outside the campaign or the unit’s remit.',
  PERSONAL_GRIEVANCE: 'A personal grievance, for the petition process.',
  UNLAWFUL_CONTENT: 'Unlawful content.',
};

export const conversionKindEnglish: Readonly<Record<ConversionKind, string>> = {
  POLICY_DOCUMENT: 'Policy document.',
  MEASURE: 'Working measure.',
  PROJECT: 'Public project.',
  LEGISLATION: 'Local legislation.',
  NPC_PROPOSAL: 'Proposal by People’s Congress deputies.',
  CPPCC_PROPOSAL: 'CPPCC proposal.',
  WORK_STUDY: 'Work study.',
};

export const conversionProgressEnglish: Readonly<Record<ConversionProgress, string>> = {
  PLANNED: 'Planned.',
  IN_PROGRESS: 'In progress.',
  COMPLETED: 'Completed.',
};

export const nominationStatusEnglish: Readonly<Record<NominationStatus, string>> = {
  NOMINATED: 'Nominated, awaiting the panel.',
  AWARDED: 'Awarded.',
  REJECTED: 'Not awarded.',
};
