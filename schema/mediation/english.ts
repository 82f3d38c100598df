/**
 * English halves of the mediation vocabulary's descriptions (the Chinese labels live in
 * db/mediation/vocabulary.ts and are user messages too). Each record is exhaustive over its list.
 */
import type * as v from '../../db/mediation/vocabulary';

type English<L> = Readonly<Record<keyof L & string, string>>;

export const roomKindEnglish: English<typeof v.roomKindLabels> = {
  PETITION_REVIEW_ROOM: 'Petition review room (信访评理室).',
  MEDIATION_ROOM: 'Mediation room.',
  DISPUTE_CENTER: 'Dispute resolution centre (矛调中心).',
  COMMUNITY_HALL: 'Community hall where respected locals mediate (乡贤评理堂).',
  RECEPTION_HALL: 'Reception hall where leaders receive the public (群众来访接待大厅).',
};
export const roomStatusEnglish: English<typeof v.roomStatusLabels> = { OPEN: 'Open.', CLOSED: 'Closed for a period.' };
export const mediatorStatusEnglish: English<typeof v.mediatorStatusLabels> = {
  CANDIDATE: 'Candidate, not yet appointed.',
  ACTIVE: 'Appointed and serving.',
  SUSPENDED: 'Suspended from mediating.',
  REMOVED: 'Removed from the roster.',
};
export const gradeEnglish: English<typeof v.mediatorGradeLabels> = { CHIEF: 'Chief mediator.', FIRST: 'First grade.', SECOND: 'Second grade.', THIRD: 'Third grade.' };
export const genderEnglish: English<typeof v.genderLabels> = { MALE: 'Male.', FEMALE: 'Female.' };
export const backgroundEnglish: English<typeof v.backgroundLabels> = {
  RETIRED_CADRE: 'Retired cadre.',
  TEACHER: 'Teacher.',
  VILLAGE_DOCTOR: 'Village doctor.',
  LAWYER: 'Lawyer or legal worker.',
  PARTY_ELDER: 'Senior party member.',
  ENTREPRENEUR: 'Entrepreneur or capable local.',
  FIVE_ELDERS: 'The “five elders” (cadres, veterans, experts, teachers, model workers).',
  VILLAGE_CADRE: 'Village or community cadre.',
  VETERAN: 'Veteran.',
  OTHER: 'Other.',
};
export const specialtyEnglish: English<typeof v.specialtyLabels> = {
  MARRIAGE_FAMILY: 'Marriage and family.',
  NEIGHBOURHOOD: 'Neighbours.',
  LAND_HOMESTEAD: 'Land and homestead plots.',
  LABOUR_WAGES: 'Labour and wages.',
  PROPERTY_MANAGEMENT: 'Property management.',
  LAND_ACQUISITION: 'Land acquisition and demolition.',
  CONSUMER: 'Consumer disputes.',
  MEDICAL: 'Medical disputes.',
  TRAFFIC: 'Traffic accidents.',
  CONTRACT_DEBT: 'Contracts and debts.',
  OTHER: 'Other.',
};
export const removalCauseEnglish: English<typeof v.removalCauseLabels> = {
  PARTIALITY: 'Favoured one party.',
  INSULTING_PARTY: 'Insulted a party.',
  BRIBERY: 'Asked for or took money or other improper benefits.',
  PRIVACY_BREACH: 'Disclosed a party’s privacy or trade secrets.',
  UNFIT: 'Unable to serve (health or similar).',
  TERM_ENDED: 'Term ended without renewal.',
  RESIGNED: 'Resigned.',
};
export const relationshipKindEnglish: English<typeof v.relationshipKindLabels> = {
  RELATIVE: 'Close relative.',
  EMPLOYER: 'Employer or employee.',
  ORGANISATION: 'Same organisation (employer, co-operative, company).',
  HOUSEHOLD: 'Same household.',
  INTEREST: 'Other interest in the dispute.',
};
export const sessionKindEnglish: English<typeof v.sessionKindLabels> = { MEDIATION: 'Mediation.', REVIEW_TALK: 'Review talk (评理) before a panel.', HEARING: 'Hearing (听证).' };
export const sessionStatusEnglish: English<typeof v.sessionStatusLabels> = {
  PENDING_MEDIATOR: 'Waiting for the parties to choose a mediator or the unit to assign one.',
  PENDING_ACCEPTANCE: 'Waiting for the mediator to accept.',
  ACCEPTED: 'Accepted; room and time not yet set.',
  SCHEDULED: 'Room, time and panel booked.',
  POSTPONED: 'Postponed; bookings released.',
  IN_PROGRESS: 'Mediation under way.',
  AGREEMENT: 'Ended in a mediation agreement.',
  NO_AGREEMENT: 'Ended without agreement.',
  CANCELLED: 'Cancelled.',
};
export const partyRoleEnglish: English<typeof v.partyRoleLabels> = { APPLICANT: 'Applicant.', RESPONDENT: 'Respondent.', THIRD_PARTY: 'Third party.', AGENT: 'Agent.' };
export const panelRoleEnglish: English<typeof v.panelRoleLabels> = { LEAD: 'Lead mediator.', PRESIDING: 'Presiding mediator.', MEMBER: 'Panel member.' };
export const terminationReasonEnglish: English<typeof v.terminationReasonLabels> = {
  NO_AGREEMENT_REACHED: 'No agreement could be reached.',
  PARTY_REFUSED: 'A party refused to continue.',
  PARTY_ABSENT: 'A party did not attend without good reason.',
  PERIOD_EXPIRED: 'The mediation period ran out and the parties did not agree to extend it.',
  SETTLED_BY_PARTIES: 'The parties settled between themselves.',
  OTHER_PROCEDURE: 'The parties turned to litigation, arbitration or another procedure.',
  UNLAWFUL_CONTENT: 'The terms would break the law or harm others’ lawful rights.',
};
export const performanceStateEnglish: English<typeof v.performanceStateLabels> = { FULFILLED: 'Performed.', PARTLY_FULFILLED: 'Partly performed.', NOT_FULFILLED: 'Not performed.' };
