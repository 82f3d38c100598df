import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';

/**
 * English halves of descriptions whose Chinese comes from a domain vocabulary (status, action and
 * clock labels are user-facing Chinese text used in messages too), keyed by schema coordinate.
 * `withEnglishDescriptions` appends them; test/schema-descriptions.test.ts fails when a description
 * anywhere in the schema lacks either language, so a new value without its English is caught.
 */
export const englishDescriptions: Readonly<Record<string, string>> = {
  'CaseKind.SUGGESTION': 'Suggestion or opinion.',
  'CaseKind.ACCUSATION': 'Accusation or complaint against a person or unit; the accuser’s identity and material are confidential.',
  'CaseKind.APPEAL_REQUEST': 'Appeal or request for a decision on one’s own interests.',
  'CaseOrder.RECEIVED_DESC': 'Date received, newest first (default).',
  'CaseOrder.RECEIVED_ASC': 'Date received, oldest first.',
  'CaseOrder.NEXT_DUE_ASC': 'Next due date, earliest first; cases with no running deadline last.',
  'CaseStatus.REGISTERED': 'Registered, not yet routed or accepted.',
  'CaseStatus.PENDING_ACCEPTANCE': 'Routed to the unit with jurisdiction, awaiting its acceptance.',
  'CaseStatus.ACCEPTED': 'Accepted and being handled.',
  'CaseStatus.DECLINED': 'Declined (not accepted), with the reason given in writing.',
  'CaseStatus.DECIDED': 'Decision issued; the review window runs.',
  'CaseStatus.REVIEW_REQUESTED': 'Under review by the next unit up.',
  'CaseStatus.REVIEWED': 'Review answered; the re-review window runs.',
  'CaseStatus.REREVIEW_REQUESTED': 'Under re-review.',
  'CaseStatus.CONCLUDED': 'Concluded after re-review: the same facts and reasons are not accepted again.',
  'CaseStatus.CLOSED': 'Closed and archived.',
  'CaseStatus.WITHDRAWN': 'Withdrawn by the petitioner.',
  'CaseStatus.MERGED': 'Merged into an earlier case as a duplicate.',
  'Channel.LETTER': 'Letter.',
  'Channel.VISIT': 'Visit in person.',
  'Channel.ONLINE': 'Online petition.',
  'Channel.PHONE': 'Telephone.',
  'Channel.SMS': 'Text message.',
  'Channel.HOTLINE_12345': 'Passed on by the 12345 hotline.',
  'Channel.TRANSFER': 'Transferred from a higher unit or another system.',
  'ClockKind.ROUTE': 'Route (transfer or assign) within 15 days of receipt.',
  'ClockKind.ACCEPT': 'Accept or decline, with written notice, within 15 days of receiving it.',
  'ClockKind.HANDLE': 'Decide within 60 days of acceptance (plus an approved extension and hearing time).',
  'ClockKind.REVIEW_REQUEST_WINDOW': 'The petitioner’s 30 days to request review after receiving the decision.',
  'ClockKind.REVIEW_ANSWER': 'Answer the review within 30 days.',
  'ClockKind.REREVIEW_REQUEST_WINDOW': 'The petitioner’s 30 days to request re-review after receiving the review answer.',
  'ClockKind.REREVIEW_ANSWER': 'Answer the re-review within 30 days.',
  'ClockState.RUNNING': 'Running.',
  'ClockState.WARNING': 'Due soon (within the warning lead) or due today.',
  'ClockState.BREACHED': 'Past due and still open.',
  'ClockState.MET': 'Completed on or before the due date.',
  'ClockState.MISSED': 'Completed after the due date, or past due when the case ended.',
  'ClockState.LAPSED': 'No longer running: a petitioner’s window passed unused, or the case ended first.',
  'ClockState.PENDING': 'Not started yet: the decision is to be delivered on a later date.',
  'DeclineReason.CONCLUDED_ALREADY': 'Already concluded after re-review on the same facts and reasons.',
  'DeclineReason.DUPLICATE_IN_PROGRESS': 'The same matter is already being handled.',
  'DeclineReason.OTHER': 'Other (explained in the explanation).',
  'FollowUpMethod.PHONE': 'Telephone.',
  'FollowUpMethod.VISIT': 'Home visit.',
  'FollowUpMethod.SMS': 'Text message.',
  'FollowUpMethod.ONLINE': 'Online.',
  'FollowUpMethod.LETTER': 'Letter.',
  'Outcome.SUPPORTED': 'Supported.',
  'Outcome.PARTLY_SUPPORTED': 'Partly supported.',
  'Outcome.NOT_SUPPORTED': 'Not supported.',
  'Outcome.EXPLAINED': 'Explained (a matter of explanation, not of support).',
  'ParticipantRole.PRIMARY': 'Primary petitioner.',
  'ParticipantRole.CO_PETITIONER': 'Co-petitioner (group petition).',
  'ParticipantRole.REPRESENTATIVE': 'Representative elected by a group (at most 5).',
  'ParticipantRole.AGENT': 'Agent filing on the petitioners’ behalf (grid worker, lawyer).',
  'PetitionerKind.PERSON': 'Natural person.',
  'PetitionerKind.ORGANIZATION': 'Legal person or other organisation.',
  'PetitionerRoleInput.PRIMARY': 'Primary petitioner.',
  'PetitionerRoleInput.CO_PETITIONER': 'Co-petitioner.',
  'PetitionerRoleInput.REPRESENTATIVE': 'Representative of a group petition (at most 5).',
  'Role.PETITIONER': 'Petitioner: files online, follows and evaluates their own cases.',
  'Role.STAFF': 'Petition staff: register, route and handle cases.',
  'Role.LEADER': 'Unit leader: approves extensions, answers for hard cases.',
  'Role.SUPERVISOR': 'Supervision staff: issue and follow supervision orders.',
  'Role.MEDIATOR': 'Mediator or community mediator.',
  'Role.ADMIN': 'Administrator: units, accounts, the calendar, time-limit policies.',
  'Role.INTEGRATOR': 'Integrated system (12345 hotline, a province’s petition system).',
  'Satisfaction.SATISFIED': 'Satisfied.',
  'Satisfaction.BASICALLY_SATISFIED': 'Basically satisfied.',
  'Satisfaction.DISSATISFIED': 'Dissatisfied.',
  'UnitKind.COMMUNITY': 'Village or residents’ committee.',
  'UnitKind.DEPARTMENT': 'Government department.',
  'UnitKind.DISCIPLINE_INSPECTION': 'Discipline inspection and supervision commission (competent organ for accusations).',
  'UnitKind.GOVERNMENT': 'People’s government or street office.',
  'UnitKind.PETITION_OFFICE': 'Petition bureau or office.',
  'UnitLevel.NATIONAL': 'National.',
  'UnitLevel.PROVINCE': 'Province.',
  'UnitLevel.CITY': 'City.',
  'UnitLevel.COUNTY': 'County or district.',
  'UnitLevel.TOWNSHIP': 'Township or street.',
  'UnitLevel.VILLAGE': 'Village or community.',
  // The lifecycle mutations take their Chinese description from the action labels.
  'Mutation.transferCase': 'Transfer the case to the unit with jurisdiction (by place and sector).',
  'Mutation.assignCase': 'Assign the case to a unit, which must report its result by a date.',
  'Mutation.returnCase': 'A higher unit sends the case back down to redo it.',
  'Mutation.escalateCase': 'Lift the case to a higher unit for joint review.',
  'Mutation.acceptCase': 'The responsible unit accepts the case (within 15 days); the 60-day handling period starts.',
  'Mutation.declineCase': 'Decline the case with a written reason; a matter for another body names that body.',
  'Mutation.extendCase': 'Extend the handling period once, by at most 30 days, approved by a unit leader; the reason is told to the petitioner.',
  'Mutation.decideCase': 'Issue the written decision.',
  'Mutation.requestReview': 'Request review from the next unit up, within 30 days of receiving the decision.',
  'Mutation.decideReview': 'Answer the review (the reviewing unit, within 30 days).',
  'Mutation.requestReReview': 'Request re-review from the unit above the reviewer, within 30 days of receiving the review answer.',
  'Mutation.decideReReview': 'Answer the re-review; the case is then concluded and the same facts and reasons are not accepted again.',
  'Mutation.closeCase': 'Close and archive: a declined case, or a decided or reviewed one whose request window passed unused.',
  'Mutation.withdrawCase': 'Withdraw: by the petitioner, or recorded by staff for them.',
  'Mutation.mergeCase': 'Merge a duplicate into the earlier case; it keeps its history and points to the survivor.',
  'Mutation.setCaseLeader': 'Name the leader who answers for the case.',
  'Mutation.flagBacklog': 'Flag the case as a long-unresolved backlog case.',
  'Mutation.clearBacklog': 'Clear a backlog case.',
  'Mutation.superviseCase': 'A higher unit issues a supervision order with a due date; escalated automatically when overdue.',
  'Mutation.answerSupervision': 'Answer a supervision order.',
  'Mutation.recordFollowUp': 'Record a follow-up (method, time, notes, and a satisfaction told on the way).',
  'Mutation.evaluateCase': 'The petitioner evaluates the result (satisfied, basically satisfied, dissatisfied).',
  'Mutation.scheduleHearing': 'Schedule a hearing; from scheduling until it is held the running clock is paused.',
  'Mutation.recordHearing': 'Record a hearing’s result; the paused days are added to the case.',
};

/** Inputs of the lifecycle mutations are described as "<the mutation's Chinese>的输入": the English follows the mutation's. */
function inputEnglish(typeName: string): string | undefined {
  const match = /^(.*)Input$/.exec(typeName);
  if (!match) return undefined;
  const mutation = `${match[1][0].toLowerCase()}${match[1].slice(1)}`;
  const english = englishDescriptions[`Mutation.${mutation}`];
  return english ? `Input of ${mutation}: ${english[0].toLowerCase()}${english.slice(1)}` : undefined;
}

const hasEnglish = (text: string) => /[a-z]{3,}/i.test(text.replace(/[A-Z][A-Z_]+|[a-z]+\/[a-z-]+/g, ''));

/** Appends the English half where a description has only the Chinese one. */
export function withEnglishDescriptions(schema: GraphQLSchema): GraphQLSchema {
  const add = (coordinate: string, target: { description?: string | null }, fallback?: string) => {
    const english = englishDescriptions[coordinate] ?? fallback;
    if (!english || !target.description || hasEnglish(target.description)) return;
    const chinese = target.description.trim();
    // \u3002 is 。: esbuild keeps regex literals as written, and one non-ASCII character in a bundle makes V8 hold
    // the whole bundle's source as a two-byte string (twice the memory)
    target.description = `${chinese}${/[\u3002.]$/.test(chinese) ? '' : '。'}${english}`;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    add(type.name, type, isInputObjectType(type) ? inputEnglish(type.name) : undefined);
    if (isObjectType(type) || isInterfaceType(type)) for (const field of Object.values(type.getFields())) add(`${type.name}.${field.name}`, field);
    if (isEnumType(type)) for (const value of type.getValues()) add(`${type.name}.${value.name}`, value);
  }
  return schema;
}
