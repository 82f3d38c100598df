import { findManyPlanned } from '../../db/relational-plans';
import { inArray, sql } from 'drizzle-orm';
import type { Context } from '../context';
import { builder } from '../builder';
import { historyConnectionType, historyField } from '../events/history-connection';
import { Unit } from '../units/types';
import { unitPathOf } from '../../db/units/service';
import { maskIdentityNumber, maskMobile } from '../../db/petitioners/identity';
import { toChinaDate } from '../../db/calendar/work-calendar';
import { mediators } from '../../db/schema';
import { registerMediator, rosterActions } from '../../db/mediation/roster';
import { mediatorLifecycle, termOn } from '../../db/mediation/roster-rules';
import { allowedActions } from '../../db/streams/lifecycle';
import { canSeeMediator, mayManageRoster, maySeeContact } from '../../db/mediation/visibility';
import { allOf, listFilterSql, visibleMediatorsSql } from '../../db/mediation/queries';
import {
  BackgroundEnum,
  GenderEnum,
  MediatorGradeEnum,
  MediatorStatusEnum,
  mediationMutation,
  RelationshipKindEnum,
  RemovalCauseEnum,
  SpecialtyEnum,
  viewerFor,
  type InputFields,
  type MediationSession,
} from './common';
import { MediationRoom, WeeklyHours, WeeklyHoursInput } from './rooms';

const Appointment = builder.drizzleObject('mediatorAppointments', {
  name: 'MediatorAppointment',
  description: '聘任（任期）。A term on the roster.',
  fields: (t) => ({
    startsOn: t.expose('startsOn', { type: 'Date', description: '聘期开始。Starts.' }),
    endsOn: t.expose('endsOn', { type: 'Date', description: '聘期届满。Ends.' }),
    endedOn: t.expose('endedOn', { type: 'Date', nullable: true, description: '提前结束日（解聘、辞任）。Cut short on.' }),
    unit: t.relation('unit', { type: Unit, description: '聘任单位。Appointing unit.' }),
  }),
});

const Affiliation = builder.drizzleObject('mediatorAffiliations', {
  name: 'MediatorAffiliation',
  description: '调解员所属场所。A room the mediator sits in.',
  fields: (t) => ({
    since: t.expose('since', { type: 'Date', description: '加入日期。Since.' }),
    room: t.relation('room', { type: MediationRoom, description: '场所。Room.' }),
  }),
});

const Training = builder.drizzleObject('mediatorTrainings', {
  name: 'MediatorTraining',
  description: '培训记录。A training record.',
  fields: (t) => ({
    topic: t.exposeString('topic', { description: '内容。Topic.' }),
    hours: t.exposeFloat('hours', { description: '学时。Hours.' }),
    trainedOn: t.expose('trainedOn', { type: 'Date', description: '日期。Date.' }),
  }),
});

const Unavailability = builder.drizzleObject('mediatorUnavailability', {
  name: 'MediatorUnavailability',
  description: '不可约时段（请假、外出）。A period the mediator is away.',
  fields: (t) => ({
    startsAt: t.expose('startsAt', { type: 'DateTime', description: '开始。From.' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', description: '结束。Until.' }),
    reason: t.exposeString('reason', { description: '原因。Reason.' }),
  }),
});

const Relationship = builder.drizzleObject('mediatorRelationships', {
  name: 'MediatorRelationship',
  description: '调解员申报的关系（与当事人相关时须回避）。A declared tie.',
  fields: (t) => ({
    kind: t.expose('kind', { type: RelationshipKindEnum, description: '类别。Kind.' }),
    name: t.exposeString('name', { description: '关系人或组织名称。Related person or organisation.' }),
    note: t.exposeString('note', { nullable: true, description: '说明。Note.' }),
  }),
});

export const MediatorEvent = builder.drizzleObject('events', {
  variant: 'MediatorEvent',
  description: '调解员名册的一条变更记录（谁、何时、变更前后）。One roster change.',
  select: { columns: { id: true } },
  fields: (t) => ({
    sequence: t.exposeInt('sequence', { description: '序号，从 1 起连续。Gap-free sequence.' }),
    type: t.exposeString('type', { description: '事件类型，例如 mediator.suspended。Event type.' }),
    fromStatus: t.exposeString('fromStatus', { nullable: true, description: '变更前状态。Status before.' }),
    toStatus: t.exposeString('toStatus', { nullable: true, description: '变更后状态。Status after.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '时间。When.' }),
    actor: t.relation('actor', { nullable: true, description: '操作账号。Who.' }),
    payload: t.expose('payload', { type: 'JSON', description: '内容（变更前后）。Details, before and after.' }),
  }),
});

const MediatorFigures = builder.objectRef<{ held: number; concluded: number; agreements: number; evaluated: number; satisfied: number }>('MediatorFigures').implement({
  description: '调解员的累计工作量与成效。The mediator’s record so far.',
  fields: (t) => ({
    held: t.exposeInt('held', { description: '已开始的调解场次。Sessions held.' }),
    concluded: t.exposeInt('concluded', { description: '已终结（达成或未达成协议）。Concluded.' }),
    agreements: t.exposeInt('agreements', { description: '达成协议。Ending in agreement.' }),
    agreementRate: t.float({ nullable: true, description: '调解成功率：达成协议 ÷ 已终结。Agreement rate.', resolve: (f) => (f.concluded ? f.agreements / f.concluded : null) }),
    satisfactionRate: t.float({ nullable: true, description: '满意率：（满意＋基本满意）÷ 已评价。Satisfaction rate.', resolve: (f) => (f.evaluated ? f.satisfied / f.evaluated : null) }),
  }),
});

export const Mediator = builder.drizzleNode('mediators', {
  name: 'Mediator',
  description: '调解员（乡贤、评理员、人民调解员）。A community mediator on a roster.',
  id: { column: (m) => m.id },
  select: { columns: { id: true, unitPath: true } },
  authScopes: async (row, ctx) => canSeeMediator(await viewerFor(ctx), row),
  fields: (t) => ({
    rosterKey: t.exposeString('rosterKey', { description: '名册编号（导入导出据此识别）。Roster number.' }),
    name: t.exposeString('name', { description: '姓名。Name.' }),
    gender: t.expose('gender', { type: GenderEnum, description: '性别。Gender.' }),
    birthYear: t.exposeInt('birthYear', { description: '出生年份。Birth year.' }),
    background: t.expose('background', { type: BackgroundEnum, description: '背景。Background.' }),
    specialties: t.expose('specialties', { type: [SpecialtyEnum], description: '专长。Specialties.' }),
    languages: t.exposeStringList('languages', { description: '语言与方言。Languages and dialects.' }),
    grade: t.expose('grade', { type: MediatorGradeEnum, description: '等级。Grade.' }),
    status: t.expose('status', { type: MediatorStatusEnum, description: '状态。Status.' }),
    statusReason: t.exposeString('statusReason', { nullable: true, description: '暂停或解聘说明。Why suspended or removed.' }),
    removalCause: t.expose('removalCause', { type: RemovalCauseEnum, nullable: true, description: '解聘原因。Removal cause.' }),
    mobile: t.string({
      nullable: true,
      description: '手机号：本名册管理员与本人可见全号，其他人脱敏。Mobile; whole only for the roster’s admins and the mediator.',
      select: { columns: { mobile: true } },
      resolve: async (row, _args, ctx) => (row.mobile ? (maySeeContact(await viewerFor(ctx), row) ? row.mobile : maskMobile(row.mobile)) : null),
    }),
    identityNumber: t.string({
      nullable: true,
      description: '身份证号（一律脱敏）。Identity number, always masked.',
      select: { columns: { identityNumber: true } },
      resolve: (row) => (row.identityNumber ? maskIdentityNumber(row.identityNumber) : null),
    }),
    unit: t.relation('unit', { type: Unit, description: '聘任单位（名册所属）。Appointing unit.' }),
    homeUnit: t.relation('homeUnit', { type: Unit, description: '所在村（社区）。Home village.' }),
    version: t.exposeInt('version', { description: '版本号（= 名册历史事件数），操作时作为 expectedVersion 传入。Version.' }),
    currentTerm: t.field({
      type: Appointment,
      nullable: true,
      description: '今天所在的聘期。The term covering today.',
      select: { with: { appointments: true } },
      resolve: (row, _args, ctx) => termOn(row.appointments, toChinaDate(ctx.now())),
    }),
    appointments: t.relation('appointments', { type: Appointment, description: '历次聘任。Every term.', query: { orderBy: { startsOn: 'asc' } } }),
    affiliations: t.relation('affiliations', { type: Affiliation, description: '所属场所。Rooms.', query: { orderBy: { since: 'asc' } } }),
    trainings: t.relation('trainings', { type: Training, description: '培训记录。Training.', query: { orderBy: { trainedOn: 'desc' } } }),
    availability: t.field({
      type: [WeeklyHours],
      description: '每周可约时间。Weekly availability.',
      select: { with: { availability: { orderBy: { weekday: 'asc', startsAt: 'asc' } } } },
      resolve: (row) => row.availability.map((w) => ({ weekday: w.weekday, opens: w.startsAt.slice(0, 5), closes: w.endsAt.slice(0, 5) })),
    }),
    unavailability: t.relation('unavailability', { type: Unavailability, description: '不可约时段。Away periods.', query: { orderBy: { startsAt: 'asc' } } }),
    relationships: t.relation('relationships', {
      type: Relationship,
      description: '申报的关系：仅名册管理员与本人可见，其他人得到空列表。Declared ties; only the roster’s admins and the mediator see them.',
      authScopes: async (row, _args, ctx) => maySeeContact(await viewerFor(ctx), row),
      unauthorizedResolver: () => [],
    }),
    figures: t.field({
      type: MediatorFigures,
      description: '累计工作量与成效（在同一条 SQL 中计算）。The mediator’s record, computed in the same statement.',
      select: {
        extras: {
          figures: (m) => sql<{ held: number; concluded: number; agreements: number; evaluated: number; satisfied: number }>`(select json_build_object(
            'held', count(*) filter (where s.status in ('IN_PROGRESS','AGREEMENT','NO_AGREEMENT')),
            'concluded', count(*) filter (where s.status in ('AGREEMENT','NO_AGREEMENT')),
            'agreements', count(*) filter (where s.status = 'AGREEMENT'),
            'evaluated', count(s.satisfaction),
            'satisfied', count(*) filter (where s.satisfaction in ('SATISFIED','BASICALLY_SATISFIED')))
            from mediation_sessions s where s.panel_mediator_ids @> array[${m.id}])`,
        },
      },
      resolve: (row) => row.figures,
    }),
    allowedActions: t.stringList({
      description: '按状态与你的角色此刻可执行的名册操作（管理员还须管理该名册所属单位）。Roster actions your roles allow now.',
      select: { columns: { status: true } },
      resolve: async (row, _args, ctx) => {
        const viewer = await viewerFor(ctx);
        const roles = mayManageRoster(viewer, row.unitPath) ? viewer.roles : viewer.mediatorId === row.id ? (['MEDIATOR'] as const) : [];
        return allowedActions(mediatorLifecycle, row.status, roles);
      },
    }),
    events: t.field(
      historyField('mediators', {
        order: 'desc',
        node: MediatorEvent,
        connection: historyConnectionType('MediatorEventsConnection', MediatorEvent),
        description: '名册变更历史，最新在前（个人信息只记“已修改”，不入历史）。Roster history, newest first; personal data never enters it.',
      }),
    ),
  }),
});

const MediatorFilter = builder.inputType('MediatorFilter', {
  description: '名册筛选（均可选）。Roster filters.',
  fields: (t) => ({
    unitId: t.globalID({ description: '聘任单位及其下级。Appointing unit subtree.' }),
    status: t.field({ type: [MediatorStatusEnum], description: '状态之一。Any of these statuses.' }),
    specialty: t.field({ type: SpecialtyEnum, description: '擅长此类纠纷。Has this specialty.' }),
    grade: t.field({ type: [MediatorGradeEnum], description: '等级之一。Any of these grades.' }),
    roomId: t.globalID({ description: '属于该场所。Sits in this room.' }),
    text: t.string({ description: '姓名或编号包含。Name or roster number contains.' }),
  }),
});

builder.queryField('mediators', (t) =>
  t.drizzleConnection({
    type: Mediator,
    description: '调解员名册：工作人员看本单位一线（本级、下级与上级）的名册，调解员账号只看到本人。The roster on your line of the unit tree; a mediator sees only themselves.',
    authScopes: { authenticated: true },
    maxSize: 100,
    args: { filter: t.arg({ type: MediatorFilter, description: '筛选。Filters.' }) },
    totalCount: async (_root, args, ctx) => ctx.db.$count(mediators, (await mediatorListSql(ctx, args.filter))(mediators)),
    resolve: async (query, _root, args, ctx) => {
      const where = await mediatorListSql(ctx, args.filter);
      return findManyPlanned(ctx.db, 'mediators', query({ where: { RAW: (table) => where(table) }, orderBy: { rosterKey: 'asc', id: 'asc' } })) as unknown as Promise<
        (typeof mediators.$inferSelect)[]
      >;
    },
  }),
);

type MediatorFilterValue = typeof MediatorFilter.$inferInput;
async function mediatorListSql(ctx: Context, f: MediatorFilterValue | null | undefined) {
  const viewer = await viewerFor(ctx);
  const unitPath = f?.unitId ? await unitPathOf(ctx.db, f.unitId.id) : null;
  // drizzle hands the relational query an aliased table: the predicate is built on whichever it gets.
  return (m: typeof mediators) => allOf([
    visibleMediatorsSql(m, viewer),
    ...listFilterSql(m, { unitPath, statuses: f?.status }),
    f?.specialty ? sql`${m.specialties} @> array[${f.specialty}]::mediation_specialty[]` : undefined,
    f?.grade?.length ? inArray(m.grade, f.grade) : undefined,
    f?.roomId ? sql`exists (select 1 from mediator_affiliations a where a.mediator_id = ${m.id} and a.room_id = ${f.roomId.id})` : undefined,
    f?.text ? sql`(${m.name} like ${`%${f.text}%`} or ${m.rosterKey} like ${`%${f.text}%`})` : undefined,
  ]);
}

const MediatorPayload = builder.objectRef<{ mediatorId: string }>('MediatorPayload').implement({
  description: '操作后的调解员记录。The roster record after the change.',
  fields: (t) => ({
    mediator: t.drizzleField({
      type: Mediator,
      description: '调解员。The mediator.',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.mediators.findFirst(query({ where: { id: payload.mediatorId } })))!,
    }),
  }),
});

function rosterMutation(name: string, description: string, fields: InputFields, run: (session: MediationSession, input: any) => Promise<{ id: string }>) {
  mediationMutation(name, description, fields, MediatorPayload, async (session, input) => ({ mediatorId: (await run(session, input)).id }));
}

type F = PothosSchemaTypes.InputFieldBuilder<any, 'InputObject'>;
const versioned = (t: F) => ({
  mediatorId: t.globalID({ required: true, description: '调解员。Mediator.' }),
  expectedVersion: t.int({ required: true, description: '读取时的 version。Version you read.' }),
});

const profileFields = (t: F, required: boolean) => ({
  rosterKey: t.string({ required, description: '名册编号（本单位内唯一）。Roster number.' }),
  name: t.string({ required, description: '姓名。Name.' }),
  gender: t.field({ type: GenderEnum, required, description: '性别。Gender.' }),
  birthYear: t.int({ required, description: '出生年份（须年满 18 周岁）。Birth year.' }),
  background: t.field({ type: BackgroundEnum, required, description: '背景。Background.' }),
  specialties: t.field({ type: [SpecialtyEnum], required, description: '专长（1–6 项）。Specialties.' }),
  languages: t.stringList({ description: '语言与方言。Languages and dialects.' }),
  homeDivisionCode: t.string({ required, description: '所在村（社区）12 位行政区划代码（须在聘任单位辖区内）。Home village code.' }),
  householdCode: t.string({ description: '户号（同户当事人须回避）。Household number.' }),
  mobile: t.string({ description: '手机号。Mobile.' }),
  identityNumber: t.string({ description: '身份证号（校验位会被检查）。Identity number.' }),
  grade: t.field({ type: MediatorGradeEnum, required, description: '等级。Grade.' }),
});

rosterMutation(
  'registerMediator',
  '登记调解员入库（管理员，限本单位及下级）；给出 termStartsOn 时同时聘任 3 年 Put a mediator on a roster (admins, own subtree); with termStartsOn, appoint for 3 years at once.',
  (t) => ({
    unitId: t.globalID({ required: true, description: '聘任单位（名册所属）。Appointing unit.' }),
    ...profileFields(t, true),
    termStartsOn: t.field({ type: 'Date', description: '聘期开始（给出则立即聘任，默认 3 年）。Term start.' }),
  }),
  (session, input) => registerMediator(session, input),
);
rosterMutation('updateMediatorProfile', '修改调解员资料（记录变更前后） Change a mediator’s profile (before and after are recorded).', (t) => ({ ...versioned(t), ...profileFields(t, false) }), (s, i) => rosterActions.updateProfile(s, i));
rosterMutation(
  'appointMediator',
  '聘任调解员（默认 3 年） Appoint a mediator for a term (default 3 years).',
  (t) => ({ ...versioned(t), startsOn: t.field({ type: 'Date', required: true, description: '聘期开始。Term start.' }), years: t.int({ description: '聘期年数，默认 3。Years.' }) }),
  (s, i) => rosterActions.appoint(s, i),
);
rosterMutation('renewMediatorTerm', '续聘：新聘期紧接上一聘期 Renew: a new term continuing the last one.', (t) => ({ ...versioned(t), years: t.int({ description: '聘期年数，默认 3。Years.' }) }), (s, i) => rosterActions.renewTerm(s, i));
rosterMutation('suspendMediator', '暂停调解员（写明理由） Suspend a mediator, with the reason.', (t) => ({ ...versioned(t), reason: t.string({ required: true, description: '理由。Reason.' }) }), (s, i) => rosterActions.suspend(s, i));
rosterMutation('reinstateMediator', '恢复调解员 Reinstate a suspended mediator.', (t) => ({ ...versioned(t), note: t.string({ description: '说明。Note.' }) }), (s, i) => rosterActions.reinstate(s, i));
rosterMutation(
  'removeMediator',
  '解聘调解员（列举的原因）；当前聘期当日结束 Remove a mediator for an enumerated cause; the running term ends that day.',
  (t) => ({ ...versioned(t), cause: t.field({ type: RemovalCauseEnum, required: true, description: '原因。Cause.' }), note: t.string({ description: '说明。Note.' }) }),
  (s, i) => rosterActions.remove(s, i),
);
rosterMutation('affiliateMediator', '调解员加入场所 Add a mediator to a room.', (t) => ({ ...versioned(t), roomId: t.globalID({ required: true, description: '场所。Room.' }) }), (s, i) => rosterActions.affiliate(s, i));
rosterMutation('removeMediatorFromRoom', '调解员退出场所 Take a mediator out of a room.', (t) => ({ ...versioned(t), roomId: t.globalID({ required: true, description: '场所。Room.' }) }), (s, i) => rosterActions.leaveRoom(s, i));
rosterMutation(
  'recordMediatorTraining',
  '记录调解员培训 Record a training.',
  (t) => ({
    ...versioned(t),
    topic: t.string({ required: true, description: '内容。Topic.' }),
    hours: t.float({ required: true, description: '学时。Hours.' }),
    trainedOn: t.field({ type: 'Date', required: true, description: '日期。Date.' }),
  }),
  (s, i) => rosterActions.recordTraining(s, i),
);
rosterMutation(
  'setMediatorAvailability',
  '设置每周可约时间（管理员或调解员本人；整体替换） Set the weekly availability (admins or the mediator; replaces it).',
  (t) => ({ ...versioned(t), windows: t.field({ type: [WeeklyHoursInput], required: true, description: '时段。Windows.' }) }),
  (s, i) => rosterActions.setAvailability(s, i),
);
rosterMutation(
  'addMediatorUnavailability',
  '登记不可约时段（管理员或调解员本人） Record a period the mediator is away (admins or the mediator).',
  (t) => ({
    ...versioned(t),
    startsAt: t.field({ type: 'DateTime', required: true, description: '开始。From.' }),
    endsAt: t.field({ type: 'DateTime', required: true, description: '结束。Until.' }),
    reason: t.string({ required: true, description: '原因。Reason.' }),
  }),
  (s, i) => rosterActions.addUnavailability(s, i),
);
rosterMutation(
  'declareMediatorRelationship',
  '申报调解员的亲属、雇佣、组织或同户关系（据此回避） Declare a tie (relative, employer, organisation, household) that forces recusal.',
  (t) => ({
    ...versioned(t),
    kind: t.field({ type: RelationshipKindEnum, required: true, description: '类别。Kind.' }),
    name: t.string({ required: true, description: '关系人或组织名称。Name.' }),
    identityNumber: t.string({ description: '关系人证件号（最可靠的匹配）。ID number.' }),
    householdCode: t.string({ description: '关系人户号。Household number.' }),
    note: t.string({ description: '说明。Note.' }),
  }),
  (s, i) => rosterActions.declareRelationship(s, i),
);
rosterMutation('linkMediatorAccount', '绑定调解员登录账号 Bind a MEDIATOR sign-in account to this record.', (t) => ({ ...versioned(t), accountId: t.globalID({ required: true, description: '调解员账号。MEDIATOR account.' }) }), (s, i) => rosterActions.linkAccount(s, i));
