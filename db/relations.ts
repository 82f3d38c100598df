import { defineRelations } from 'drizzle-orm';
import * as schema from './schema';
import { mediationRelations } from './mediation/relations';
import { receptionRelations } from './reception/relations';

const coreRelations = defineRelations(schema, (r) => ({
  units: {
    parent: r.one.units({ from: r.units.parentId, to: r.units.id, alias: 'unit_parent' }),
    children: r.many.units({ from: r.units.id, to: r.units.parentId, alias: 'unit_parent' }),
    staff: r.many.accounts({ from: r.units.id, to: r.accounts.unitId }),
  },
  accounts: {
    unit: r.one.units({ from: r.accounts.unitId, to: r.units.id }),
    petitioner: r.one.petitioners({ from: r.accounts.petitionerId, to: r.petitioners.id }),
    events: r.many.events({ from: r.accounts.id, to: r.events.streamId, where: { streamType: 'ACCOUNT' } }),
  },
  cases: {
    unit: r.one.units({ from: r.cases.unitId, to: r.units.id, optional: false, alias: 'case_unit' }),
    receivingUnit: r.one.units({ from: r.cases.receivingUnitId, to: r.units.id, optional: false, alias: 'case_receiving_unit' }),
    participants: r.many.casePetitioners({ from: r.cases.id, to: r.casePetitioners.caseId }),
    events: r.many.events({ from: r.cases.id, to: r.events.streamId, where: { streamType: 'CASE' } }),
    mergedInto: r.one.cases({ from: r.cases.mergedIntoId, to: r.cases.id, alias: 'case_merged_into' }),
    repeatOf: r.one.cases({ from: r.cases.repeatOfId, to: r.cases.id, alias: 'case_repeat_of' }),
    caseLeader: r.one.accounts({ from: r.cases.caseLeaderId, to: r.accounts.id }),
    reviewUnit: r.one.units({ from: r.cases.reviewUnitId, to: r.units.id, alias: 'case_review_unit' }),
    reReviewUnit: r.one.units({ from: r.cases.reReviewUnitId, to: r.units.id, alias: 'case_re_review_unit' }),
    supervisions: r.many.supervisions({ from: r.cases.id, to: r.supervisions.caseId }),
    followUps: r.many.followUps({ from: r.cases.id, to: r.followUps.caseId }),
    hearings: r.many.hearings({ from: r.cases.id, to: r.hearings.caseId }),
    externalReferences: r.many.externalReferences({ from: r.cases.id, to: r.externalReferences.caseId }),
    mediationSessions: r.many.mediationSessions({ from: r.cases.id, to: r.mediationSessions.caseId }),
    /** The failed mediation this case came from (the session's resultingCase, the other way). */
    originMediationSession: r.one.mediationSessions({ from: r.cases.id, to: r.mediationSessions.resultingCaseId, alias: 'session_resulting_case' }),
    /** The suggestion this case's matter continues as (convertCaseToSuggestion), and the one it came from (transferToCase). */
    continuedAsSuggestion: r.one.suggestions({ from: r.cases.id, to: r.suggestions.sourceCaseId, alias: 'suggestion_source_case' }),
    originSuggestion: r.one.suggestions({ from: r.cases.id, to: r.suggestions.caseId, alias: 'suggestion_resulting_case' }),
  },
  supervisions: {
    fromUnit: r.one.units({ from: r.supervisions.fromUnitId, to: r.units.id, optional: false }),
    issuedBy: r.one.accounts({ from: r.supervisions.issuedById, to: r.accounts.id, optional: false }),
  },
  followUps: {
    recordedBy: r.one.accounts({ from: r.followUps.recordedById, to: r.accounts.id, optional: false }),
  },
  casePetitioners: {
    petitionCase: r.one.cases({ from: r.casePetitioners.caseId, to: r.cases.id, optional: false }),
    petitioner: r.one.petitioners({ from: r.casePetitioners.petitionerId, to: r.petitioners.id, optional: false }),
  },
  events: {
    actor: r.one.accounts({ from: r.events.actorId, to: r.accounts.id }),
    apiKey: r.one.apiKeys({ from: r.events.apiKeyId, to: r.apiKeys.id }),
  },
  apiKeys: {
    account: r.one.accounts({ from: r.apiKeys.accountId, to: r.accounts.id, optional: false }),
    unit: r.one.units({ from: r.apiKeys.unitId, to: r.units.id, optional: false }),
  },
  externalReferences: {
    petitionCase: r.one.cases({ from: r.externalReferences.caseId, to: r.cases.id }),
  },
  suggestionCampaigns: {
    unit: r.one.units({ from: r.suggestionCampaigns.unitId, to: r.units.id, optional: false, alias: 'campaign_unit' }),
  },
  suggestions: {
    campaign: r.one.suggestionCampaigns({ from: r.suggestions.campaignId, to: r.suggestionCampaigns.id }),
    unit: r.one.units({ from: r.suggestions.unitId, to: r.units.id, optional: false, alias: 'suggestion_unit' }),
    assessments: r.many.suggestionAssessments({ from: r.suggestions.id, to: r.suggestionAssessments.suggestionId }),
    conversions: r.many.suggestionConversions({ from: r.suggestions.id, to: r.suggestionConversions.suggestionId }),
    events: r.many.events({ from: r.suggestions.id, to: r.events.streamId, where: { streamType: 'SUGGESTION' } }),
    sourceCase: r.one.cases({ from: r.suggestions.sourceCaseId, to: r.cases.id, alias: 'suggestion_source_case' }),
    resultingCase: r.one.cases({ from: r.suggestions.caseId, to: r.cases.id, alias: 'suggestion_resulting_case' }),
    cluster: r.one.suggestionClusters({ from: r.suggestions.clusterId, to: r.suggestionClusters.id }),
    nominations: r.many.suggestionNominations({ from: r.suggestions.id, to: r.suggestionNominations.suggestionId }),
  },
  suggestionClusters: {
    members: r.many.suggestions({ from: r.suggestionClusters.id, to: r.suggestions.clusterId }),
    campaign: r.one.suggestionCampaigns({ from: r.suggestionClusters.campaignId, to: r.suggestionCampaigns.id, alias: 'cluster_campaign' }),
  },
  suggestionAwardTiers: {
    unit: r.one.units({ from: r.suggestionAwardTiers.unitId, to: r.units.id, optional: false, alias: 'award_tier_unit' }),
    campaign: r.one.suggestionCampaigns({ from: r.suggestionAwardTiers.campaignId, to: r.suggestionCampaigns.id, alias: 'award_tier_campaign' }),
  },
  suggestionNominations: {
    tier: r.one.suggestionAwardTiers({ from: r.suggestionNominations.tierId, to: r.suggestionAwardTiers.id, optional: false }),
    suggestion: r.one.suggestions({ from: r.suggestionNominations.suggestionId, to: r.suggestions.id, optional: false }),
  },
  suggestionAssessments: {
    assessor: r.one.accounts({ from: r.suggestionAssessments.assessorId, to: r.accounts.id, optional: false }),
  },
  suggestionConversions: {
    unit: r.one.units({ from: r.suggestionConversions.unitId, to: r.units.id, optional: false, alias: 'conversion_unit' }),
  },
}));

/** Every table's relations: the core ones and each domain's part. */
export const relations = { ...coreRelations, ...mediationRelations, ...receptionRelations };
