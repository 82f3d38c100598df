/** What every mediation type file shares: the GraphQL enums derived from the vocabulary, the error types, the viewer. */
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder';
import { ForbiddenError, InputError, NotFoundError } from '../../db/errors';
import { InvalidTransitionError, VersionConflictError } from '../../db/streams/errors';
import type { Context } from '../context';
import { BookingConflictError, MediationRuleError, RecusalError } from '../../db/mediation/errors';
import { mediationViewerOf } from '../../db/mediation/roster';
import type { MediationViewer } from '../../db/mediation/visibility';
import * as vocabulary from '../../db/mediation/vocabulary';
import * as english from './english';
import { relationshipKindLabels } from '../../db/mediation/vocabulary';

/** A GraphQL enum whose values and Chinese descriptions come from one vocabulary record. */
function enumOf<L extends Record<string, string>>(name: string, description: string, labels: L, english: Readonly<Record<keyof L & string, string>>) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(Object.entries(labels).map(([value, label]) => [value, { description: `${label}。${english[value as keyof L & string]}` }])) as {
      [K in keyof L & string]: { description: string };
    },
  });
}

export const RoomKindEnum = enumOf('MediationRoomKind', '调解场所类别。Kind of mediation room.', vocabulary.roomKindLabels, english.roomKindEnglish);
export const RoomStatusEnum = enumOf('MediationRoomStatus', '场所状态。Room status.', vocabulary.roomStatusLabels, english.roomStatusEnglish);
export const MediatorStatusEnum = enumOf('MediatorStatus', '调解员状态。Roster status.', vocabulary.mediatorStatusLabels, english.mediatorStatusEnglish);
export const MediatorGradeEnum = enumOf('MediatorGrade', '调解员等级。Grade.', vocabulary.mediatorGradeLabels, english.gradeEnglish);
export const GenderEnum = enumOf('Gender', '性别。Gender.', vocabulary.genderLabels, english.genderEnglish);
export const BackgroundEnum = enumOf('MediatorBackground', '调解员背景。Background.', vocabulary.backgroundLabels, english.backgroundEnglish);
export const SpecialtyEnum = enumOf('MediationSpecialty', '纠纷类别与调解专长。Kind of dispute / specialty.', vocabulary.specialtyLabels, english.specialtyEnglish);
export const RemovalCauseEnum = enumOf('MediatorRemovalCause', '解聘原因（《人民调解法》第十五条及聘期结束）。Why a mediator left the roster.', vocabulary.removalCauseLabels, english.removalCauseEnglish);
export const RelationshipKindEnum = enumOf('MediatorRelationshipKind', '申报的关系类别（须回避）。Kind of declared tie.', relationshipKindLabels, english.relationshipKindEnglish);
export const SessionKindEnum = enumOf('MediationSessionKind', '调解活动类别。Kind of session.', vocabulary.sessionKindLabels, english.sessionKindEnglish);
export const SessionStatusEnum = enumOf('MediationSessionStatus', '调解状态。Session status.', vocabulary.sessionStatusLabels, english.sessionStatusEnglish);
export const PartyRoleEnum = enumOf('MediationPartyRole', '当事人身份。Role of a party.', vocabulary.partyRoleLabels, english.partyRoleEnglish);
export const PanelRoleEnum = enumOf('MediationPanelRole', '调解组成人员角色。Role on the panel.', vocabulary.panelRoleLabels, english.panelRoleEnglish);
export const TerminationReasonEnum = enumOf('MediationTerminationReason', '调解终止（未达成协议）的原因。Why mediation ended without agreement.', vocabulary.terminationReasonLabels, english.terminationReasonEnglish);
export const PerformanceStateEnum = enumOf('AgreementPerformanceState', '协议履行情况。Performance of an agreement.', vocabulary.performanceStateLabels, english.performanceStateEnglish);

export const mediationErrors = [ForbiddenError, NotFoundError, InputError, InvalidTransitionError, VersionConflictError, MediationRuleError, BookingConflictError, RecusalError];

const viewers = new WeakMap<Context, Promise<MediationViewer>>();
/** The mediation viewer of this request, resolved once (a MEDIATOR account's roster record needs one query). */
export function viewerFor(ctx: Context): Promise<MediationViewer> {
  let viewer = viewers.get(ctx);
  if (!viewer) {
    viewer = mediationViewerOf(ctx);
    viewers.set(ctx, viewer);
  }
  return viewer;
}

/** The service session for this request, with its viewer resolved. */
export async function sessionFor(ctx: Context) {
  return { ...ctx, mediationViewer: await viewerFor(ctx) };
}

/** Global IDs arrive as { typename, id }; services take database ids. */
export function plainInput<T extends Record<string, unknown>>(input: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    out[key] = value && typeof value === 'object' && !Array.isArray(value) && 'typename' in value && 'id' in value ? (value as { id: string }).id : value;
  }
  return out as T;
}

export type MediationSession = Awaited<ReturnType<typeof sessionFor>>;
export type InputFields = (t: PothosSchemaTypes.InputFieldBuilder<any, 'InputObject'>) => Record<string, any>;

/**
 * Declares one mediation mutation: `<Name>Input` from `fields`, the service call, and a payload or a
 * typed refusal (the mediation error catalogue plus the common ones).
 */
export function mediationMutation<P extends object>(
  name: string,
  description: string,
  fields: InputFields,
  payload: ObjectRef<any, P>,
  run: (session: MediationSession, input: any) => Promise<P>,
  /** The refusals it may answer with (the reception domain passes its own catalogue). */
  errors: readonly (new (...args: any[]) => Error)[] = mediationErrors,
) {
  const Input = builder.inputType(`${name[0].toUpperCase()}${name.slice(1)}Input`, { description: `${description}的输入。Input.`, fields });
  builder.mutationField(name, (t) =>
    t.field({
      type: payload as ObjectRef<any, object>,
      description,
      authScopes: { authenticated: true },
      errors: { types: [...errors] },
      args: { input: t.arg({ type: Input, required: true, description: '内容。Input.' }) },
      resolve: async (_root, args, ctx) => run(await sessionFor(ctx), plainInput((args as unknown as { input: Record<string, unknown> }).input)),
    }),
  );
}
