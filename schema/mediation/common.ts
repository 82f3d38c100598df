/** What every mediation type file shares: the GraphQL enums derived from the vocabulary, the error types, the viewer. */
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder';
import { ErrorInterface } from '../common/errors';
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

builder.objectType(MediationRuleError, {
  name: 'MediationRuleError',
  description:
    '违反调解规则（mediation/…、mediator/…、room/…），如 mediation/mediator-out-of-term、mediation/choice-window-closed、mediator/removal-cause；完整列表见 db/mediation/errors.ts。A mediation rule refused the action.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof MediationRuleError,
});

builder.objectType(BookingConflictError, {
  name: 'BookingConflictError',
  description: '场所或调解员在该时段已有安排（booking/conflict），由数据库排他约束保证。The room or a mediator is already booked then.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof BookingConflictError,
  fields: (t) => ({
    resourceKind: t.exposeString('resourceKind', { description: '被占用的资源类别：ROOM / MEDIATOR / ACCOUNT。Which kind of resource.' }),
    resourceId: t.exposeString('resourceId', { description: '被占用资源的 ID（数据库 ID）。Its database id.' }),
  }),
});

const RecusalConflict = builder.objectRef<RecusalError['conflicts'][number]>('RecusalConflict').implement({
  description: '一项回避情形。One conflict forcing recusal.',
  fields: (t) => ({
    mediatorId: t.exposeString('mediatorId', { description: '调解员（数据库 ID）。Mediator id.' }),
    partyId: t.exposeString('partyId', { description: '相关当事人（数据库 ID）。Party id.' }),
    kind: t.exposeString('kind', { description: '关系类别，SELF 为调解员本人是当事人。Kind of tie.' }),
    message: t.exposeString('message', { description: '中文说明。Why.' }),
    waivable: t.exposeBoolean('waivable', { description: '全体当事人知情同意后可否继续。Whether all parties may waive it.' }),
  }),
});

builder.objectType(RecusalError, {
  name: 'RecusalError',
  description: '调解员应当回避（mediation/recusal）。A mediator must step aside.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RecusalError,
  fields: (t) => ({ conflicts: t.field({ type: [RecusalConflict], description: '回避情形。The conflicts.', resolve: (e) => e.conflicts }) }),
});

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
