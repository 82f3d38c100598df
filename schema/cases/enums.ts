import {
  caseEventType,
  caseKind,
  caseStatus,
  channel,
  declineReason,
  followUpMethod,
  hearingStatus,
  outcome,
  participantRole,
  satisfaction,
  supervisionStatus,
} from '../../db/cases/vocabulary';
import { caseActionLabels, caseActions, type CaseAction } from '../../db/cases/lifecycle';
import { clockKindLabels, clockStateLabels, type ClockKind, type ClockState } from '../../db/cases/clocks';
import { builder } from '../builder';
import { enumOf } from '../common/enums';
import { caseMutationNames, type CaseMutationName } from './action-names';

export const CaseKind = enumOf(caseKind);
export const Channel = enumOf(channel);
export const CaseStatusEnum = enumOf(caseStatus);
export const ParticipantRole = enumOf(participantRole);
export const OutcomeRef = enumOf(outcome);
export const SatisfactionRef = enumOf(satisfaction);
export const SupervisionStatus = enumOf(supervisionStatus);
export const HearingStatus = enumOf(hearingStatus);
export const FollowUpMethod = enumOf(followUpMethod);
export const DeclineReason = enumOf(declineReason);
/** GraphQL cannot spell `case.registered`: the values are the part after `case.`, upper-cased (REGISTERED). */
export const CaseEventTypeEnum = enumOf(caseEventType, (type) => type.slice('case.'.length).toUpperCase());

/** The actions, named as their mutations are, so a client can call what `allowedActions` lists. */
export const CaseActionEnum = builder.enumType('CaseAction', {
  description: '事项操作，取值即对应 mutation 的名称。A case action, named as its mutation.',
  values: Object.fromEntries(
    caseActions.map((action) => [caseMutationNames[action], { value: action, description: `${caseActionLabels[action]}（${caseMutationNames[action]}）。The ${caseMutationNames[action]} mutation.` }]),
  ) as Record<CaseMutationName, { value: CaseAction; description: string }>,
});

export const ClockKindEnum = builder.enumType('ClockKind', {
  description: '法定时限。Statutory clock.',
  values: Object.fromEntries(Object.entries(clockKindLabels).map(([kind, label]) => [kind, { description: label }])) as Record<ClockKind, { description: string }>,
});
export const ClockStateEnum = builder.enumType('ClockState', {
  description: '时限状态。State of a clock.',
  values: Object.fromEntries(Object.entries(clockStateLabels).map(([state, label]) => [state, { description: label }])) as Record<ClockState, { description: string }>,
});
