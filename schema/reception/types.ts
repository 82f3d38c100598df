import { and, eq, gte, lte, sql, type Column } from 'drizzle-orm';
import { builder } from '../builder';
import { Unit } from '../units/types';
import { Case } from '../cases/case';
import { MediationSessionRef } from '../mediation/sessions';
import { Petitioner, VIA_VISIBLE_CASE } from '../petitioners/types';
import { receptions, receptionSchedules } from '../../db/schema';
import { allowedActions } from '../../db/streams/lifecycle';
import { appointmentLifecycle, receptionLifecycle, scheduleLifecycle, visitLifecycle } from '../../db/reception/lifecycle';
import { canSeeAppointment, receptionViewerOf, staffSees, unitReads } from '../../db/reception/visibility';
import { checkRange, publicSchedule, receptionDaysOf, type ReceptionDay } from '../../db/reception/schedules';
import { receptionFigures, type LeaderFigures, type ReceptionFigures, type UnitFigures } from '../../db/reception/stats';
import { unitPathOf } from '../../db/units/service';
import { likePrefix } from '../../db/cases/service';
import { ForbiddenError } from '../../db/errors';
import { toChinaDate } from '../../db/calendar/work-calendar';
import type { Context } from '../context';
import type { Role } from '../../db/accounts/actor';
import {
  AppointmentKindEnum,
  AppointmentStatusEnum,
  ReceptionEvent,
  ReceptionOutcomeEnum,
  ReceptionStatusEnum,
  RecurrenceEnum,
  ScheduleStatusEnum,
  VisitKindEnum,
  VisitStatusEnum,
} from './common';

const viewer = (ctx: Context) => receptionViewerOf(ctx);
/** The roles that count on a row the caller may act on (staff only on rows of their subtree). */
const rolesOn = (ctx: Context, row: { unitPath: string }): readonly Role[] => (staffSees(viewer(ctx), row) ? (ctx.actor?.roles ?? []) : []);
const historyField = (description: string) => ({ type: ReceptionEvent, description, query: { orderBy: { sequence: 'asc' as const } }, totalCount: true });

const PublicSlot = builder.objectRef<ReceptionDay['slots'][number]>('ReceptionSlot').implement({
  description: '接访日的一个预约时段（北京时间）。One bookable slot of a reception day, China time.',
  fields: (t) => ({
    start: t.exposeString('start', { description: '开始 HH:MM。Starts.' }),
    end: t.exposeString('end', { description: '结束 HH:MM。Ends.' }),
    startsAt: t.expose('startsAt', { type: 'DateTime', description: '开始时刻。Start instant.' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', description: '结束时刻。End instant.' }),
    available: t.exposeBoolean('available', { description: '是否仍可预约（未被约、未开始）；不透露谁约了。Still bookable; never says who holds it.' }),
  }),
});

/** The public face of a reception day: who receives, when, where, on what — no personal data. */
const PublicReceptionDay = builder.objectRef<ReceptionDay>('PublicReceptionDay').implement({
  description: '公开的领导接访日：谁接访、何时、何地、接访什么事项；不含任何信访人信息。A published reception day; no personal data.',
  fields: (t) => ({
    scheduleId: t.id({ description: '接访日安排的全局 ID（预约时传入）。Global id of the schedule, for booking.', resolve: (d) => Buffer.from(`ReceptionSchedule:${d.schedule.id}`).toString('base64') }),
    date: t.field({ type: 'Date', description: '日期。Date.', resolve: (d) => d.date }),
    leaderName: t.exposeString('leaderName', { description: '接访领导姓名。Receiving leader.' }),
    leaderTitle: t.string({ description: '接访领导职务。Leader’s title.', resolve: (d) => d.schedule.leaderTitle }),
    unitName: t.exposeString('unitName', { description: '单位。Unit.' }),
    roomName: t.string({ description: '接访场所。Room.', resolve: (d) => d.room.name }),
    address: t.string({ description: '场所地址。Address.', resolve: (d) => d.room.address }),
    topics: t.stringList({ description: '接访事项范围。Topics covered.', resolve: (d) => d.schedule.topics }),
    startTime: t.string({ description: '开始 HH:MM。Starts.', resolve: (d) => d.schedule.startTime }),
    endTime: t.string({ description: '结束 HH:MM。Ends.', resolve: (d) => d.schedule.endTime }),
    slots: t.field({ type: [PublicSlot], description: '预约时段。Slots.', resolve: (d) => d.slots }),
  }),
});

export const ReceptionSchedule = builder.drizzleNode('receptionSchedules', {
  name: 'ReceptionSchedule',
  description: '领导接访日安排（固定周期或单次）。A leader’s reception schedule.',
  id: { column: (row) => row.id },
  select: { columns: { id: true, unitPath: true, status: true } },
  authScopes: (row, ctx) => unitReads(viewer(ctx), row),
  fields: (t) => ({
    status: t.expose('status', { type: ScheduleStatusEnum, description: '状态。Status.' }),
    leader: t.relation('leader', { description: '接访领导账号。The receiving leader’s account.' }),
    leaderTitle: t.exposeString('leaderTitle', { description: '公布的职务。Announced title.' }),
    unit: t.relation('unit', { type: Unit, description: '单位。Unit.' }),
    room: t.relation('room', { description: '接访场所。Room.' }),
    recurrence: t.expose('recurrence', { type: RecurrenceEnum, description: '重复方式。Recurrence.' }),
    weekday: t.exposeInt('weekday', { nullable: true, description: '每周接访的星期（1 为周一）。ISO weekday.' }),
    monthDay: t.exposeInt('monthDay', { nullable: true, description: '每月接访的日期。Day of month.' }),
    startsOn: t.expose('startsOn', { type: 'Date', description: '起始日。First day.' }),
    endsOn: t.expose('endsOn', { type: 'Date', nullable: true, description: '截止日（含）。Last day.' }),
    startTime: t.exposeString('startTime', { description: '开始 HH:MM。Starts.' }),
    endTime: t.exposeString('endTime', { description: '结束 HH:MM。Ends.' }),
    slotMinutes: t.exposeInt('slotMinutes', { description: '每个预约时段的分钟数。Slot length.' }),
    topics: t.exposeStringList('topics', { description: '接访事项范围。Topics.' }),
    onRestDays: t.exposeBoolean('onRestDays', { description: '休息日（节假日、周末）是否也接访。Receives on rest days too.' }),
    cancelledDates: t.field({ type: ['Date'], description: '已取消的接访日。Dates called off.', select: { columns: { cancelledDates: true } }, resolve: (row) => row.cancelledDates }),
    version: t.exposeInt('version', { description: '版本号，操作时作为 expectedVersion 传入。Version.' }),
    allowedActions: t.stringList({
      description: '你现在可执行的操作。Actions you may take now.',
      select: { columns: { unitPath: true, status: true } },
      resolve: (row, _a, ctx) => allowedActions(scheduleLifecycle, row.status, rolesOn(ctx, row)),
    }),
    days: t.field({
      type: [PublicReceptionDay],
      description: '某段时间内的接访日与时段（最多 92 天）。Reception days and slots in a range.',
      args: { from: t.arg({ type: 'Date', required: true, description: '起。From.' }), to: t.arg({ type: 'Date', required: true, description: '止（含）。Until, inclusive.' }) },
      select: { columns: {} },
      resolve: async (row, args, ctx) => {
        checkRange(args.from, args.to);
        const [full] = await ctx.db.select().from(receptionSchedules).where(eq(receptionSchedules.id, row.id));
        return receptionDaysOf(ctx.db, [full], args.from, args.to, ctx.now());
      },
    }),
    history: t.relatedConnection('events', historyField('安排变更历史。History.')),
  }),
});

const DeskStaff = builder.objectRef<{ badgeNumber: string; name: string; title: string }>('ReceptionDeskStaff').implement({
  description: '接待窗口工作人员亮明的身份（三亮：亮工号、亮姓名、亮职务）。Who sat at the desk, as shown to the visitor.',
  fields: (t) => ({
    badgeNumber: t.exposeString('badgeNumber', { description: '工号。Badge number.' }),
    name: t.exposeString('name', { description: '姓名。Name.' }),
    title: t.exposeString('title', { description: '职务。Title.' }),
  }),
});

const FiveQuestions = builder.objectRef<{ facts: string; claim: string; difficulties: string | null; petitionHistory: string | null; priorHandling: string | null }>('FiveQuestions').implement({
  description: '五必问：事实、诉求及依据、实际困难、信访经过、以往处理情况。The five questions every reception asks.',
  fields: (t) => ({
    facts: t.exposeString('facts', { description: '事实经过。The facts.' }),
    claim: t.exposeString('claim', { description: '诉求及依据。The claim and its grounds.' }),
    difficulties: t.exposeString('difficulties', { nullable: true, description: '实际困难。Real difficulties.' }),
    petitionHistory: t.exposeString('petitionHistory', { nullable: true, description: '信访经过。Petition history.' }),
    priorHandling: t.exposeString('priorHandling', { nullable: true, description: '以往处理情况。How it was handled before.' }),
  }),
});

export const Appointment = builder.drizzleNode('appointments', {
  name: 'Appointment',
  description: '约访：信访人在某接访日的一个时段。An appointment in one reception slot.',
  id: { column: (row) => row.id },
  select: { columns: { id: true, unitPath: true, petitionerId: true, status: true } },
  authScopes: (row, ctx) => canSeeAppointment(viewer(ctx), row),
  // Whoever may see this record may see its petitioner (masked); Petitioner checks the grant once per object.
  grantScopes: () => [VIA_VISIBLE_CASE],
  fields: (t) => ({
    kind: t.expose('kind', { type: AppointmentKindEnum, description: '约访方式。Kind.' }),
    status: t.expose('status', { type: AppointmentStatusEnum, description: '状态。Status.' }),
    date: t.expose('date', { type: 'Date', description: '日期。Date.' }),
    startsAt: t.expose('startsAt', { type: 'DateTime', description: '开始。Starts.' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', description: '结束。Ends.' }),
    leaderTitle: t.string({
      description: '接访领导职务。Receiving leader’s title.',
      select: { with: { schedule: { columns: { leaderTitle: true } } } },
      resolve: (row) => row.schedule.leaderTitle,
    }),
    roomName: t.string({
      description: '接访场所。Room.',
      select: { with: { schedule: { columns: { id: true }, with: { room: { columns: { name: true } } } } } },
      resolve: (row) => row.schedule.room.name,
    }),
    address: t.string({
      description: '场所地址。Address.',
      select: { with: { schedule: { columns: { id: true }, with: { room: { columns: { address: true } } } } } },
      resolve: (row) => row.schedule.room.address,
    }),
    petitioner: t.relation('petitioner', { type: Petitioner, description: '信访人（脱敏）。The petitioner, masked.' }),
    petitionCase: t.relation('petitionCase', { type: Case, nullable: true, description: '关联的信访事项。Linked case.' }),
    matter: t.exposeString('matter', { nullable: true, description: '新事项简述。A new matter, in brief.' }),
    cancelReason: t.exposeString('cancelReason', { nullable: true, description: '取消原因。Why cancelled.' }),
    remindedAt: t.expose('remindedAt', { type: 'DateTime', nullable: true, description: '提醒事件写出时间。When the reminder event was written.' }),
    version: t.exposeInt('version', { description: '版本号。Version.' }),
    allowedActions: t.stringList({
      description: '你现在可执行的操作。Actions you may take now.',
      resolve: (row, _a, ctx) =>
        allowedActions(appointmentLifecycle, row.status, staffSees(viewer(ctx), row) ? (ctx.actor?.roles ?? []) : ctx.actor?.petitionerId === row.petitionerId ? ['PETITIONER'] : []),
    }),
    history: t.relatedConnection('events', historyField('约访历史（含提醒事件）。History, reminders included.')),
  }),
});

export const Reception = builder.drizzleNode('receptions', {
  name: 'Reception',
  description: '一次接访：谁接待了谁、窗口人员（三亮）、五必问与处理结果。One person received (or waiting).',
  id: { column: (row) => row.id },
  select: { columns: { id: true, unitPath: true, status: true } },
  authScopes: (row, ctx) => unitReads(viewer(ctx), row),
  // Whoever may see this record may see its petitioner (masked); Petitioner checks the grant once per object.
  grantScopes: () => [VIA_VISIBLE_CASE],
  fields: (t) => ({
    status: t.expose('status', { type: ReceptionStatusEnum, description: '状态。Status.' }),
    date: t.expose('date', { type: 'Date', description: '接访日。Date.' }),
    queueNumber: t.exposeInt('queueNumber', { description: '当日排队号（按到达顺序）。Queue number, in arrival order.' }),
    walkIn: t.boolean({ description: '是否现场来访（未预约）。A walk-in.', select: { columns: { appointmentId: true } }, resolve: (row) => row.appointmentId === null }),
    appointment: t.relation('appointment', { type: Appointment, nullable: true, description: '对应的约访。The appointment.' }),
    petitioner: t.relation('petitioner', { type: Petitioner, description: '来访人（脱敏）。The visitor, masked.' }),
    leader: t.relation('leader', { description: '接访领导。Who received.' }),
    deskStaff: t.field({
      type: DeskStaff,
      nullable: true,
      description: '窗口工作人员（三亮）。Desk staff as shown.',
      select: { columns: { deskBadgeNumber: true, deskStaffName: true, deskStaffTitle: true } },
      resolve: (row) => (row.deskBadgeNumber ? { badgeNumber: row.deskBadgeNumber, name: row.deskStaffName!, title: row.deskStaffTitle! } : null),
    }),
    deskAccount: t.relation('deskStaff', { nullable: true, description: '窗口工作人员账号。Desk staff account.' }),
    questions: t.field({
      type: FiveQuestions,
      nullable: true,
      description: '五必问。The five questions.',
      select: { columns: { facts: true, claim: true, difficulties: true, petitionHistory: true, priorHandling: true } },
      resolve: (row) => (row.facts ? { facts: row.facts, claim: row.claim!, difficulties: row.difficulties, petitionHistory: row.petitionHistory, priorHandling: row.priorHandling } : null),
    }),
    outcome: t.expose('outcome', { type: ReceptionOutcomeEnum, nullable: true, description: '处理结果。Outcome.' }),
    outcomeNote: t.exposeString('outcomeNote', { nullable: true, description: '答复或转调解说明。Answer or referral note.' }),
    petitionCase: t.relation('petitionCase', { type: Case, nullable: true, description: '登记或并入的信访事项。Case registered or attached.' }),
    mediationSession: t.relation('mediationSession', { type: MediationSessionRef, nullable: true, description: '转调解时受理的调解场次。The mediation session opened on referral.' }),
    heldAt: t.expose('heldAt', { type: 'DateTime', nullable: true, description: '接谈时间。When received.' }),
    version: t.exposeInt('version', { description: '版本号。Version.' }),
    allowedActions: t.stringList({ description: '你现在可执行的操作。Actions you may take now.', resolve: (row, _a, ctx) => allowedActions(receptionLifecycle, row.status, rolesOn(ctx, row)) }),
    history: t.relatedConnection('events', historyField('接访历史。History.')),
  }),
});

const VisitCase = builder.drizzleObject('visitCases', {
  name: 'VisitCase',
  description: '走访带去的一件信访事项及其结果。One case a visit took along, and its result.',
  fields: (t) => ({
    petitionCase: t.relation('petitionCase', { type: Case, description: '信访事项。The case.' }),
    result: t.exposeString('result', { nullable: true, description: '本次走访对该事项的结果。Result for this case.' }),
  }),
});

export const Visit = builder.drizzleNode('visits', {
  name: 'Visit',
  description: '登门走访或带案下访。A home visit or a leader’s visit with cases.',
  id: { column: (row) => row.id },
  select: { columns: { id: true, unitPath: true, status: true } },
  authScopes: (row, ctx) => unitReads(viewer(ctx), row),
  // Whoever may see this record may see its petitioner (masked); Petitioner checks the grant once per object.
  grantScopes: () => [VIA_VISIBLE_CASE],
  fields: (t) => ({
    kind: t.expose('kind', { type: VisitKindEnum, description: '类别。Kind.' }),
    status: t.expose('status', { type: VisitStatusEnum, description: '状态。Status.' }),
    unit: t.relation('unit', { type: Unit, description: '单位。Unit.' }),
    leader: t.relation('leader', { description: '带队领导。Leading official.' }),
    plannedOn: t.expose('plannedOn', { type: 'Date', description: '计划日期。Planned for.' }),
    placeCode: t.exposeString('placeCode', { description: '地点区划代码。Division code.' }),
    place: t.exposeString('place', { description: '地点。Place.' }),
    purpose: t.exposeString('purpose', { description: '目的。Purpose.' }),
    petitioner: t.relation('petitioner', { type: Petitioner, nullable: true, description: '走访对象（脱敏）。Person visited, masked.' }),
    cases: t.relation('cases', { type: VisitCase, description: '带去的信访事项。Cases taken along.', query: { orderBy: { position: 'asc' } } }),
    carriedOutOn: t.expose('carriedOutOn', { type: 'Date', nullable: true, description: '实际走访日期。Carried out on.' }),
    summary: t.exposeString('summary', { nullable: true, description: '走访情况。Summary.' }),
    version: t.exposeInt('version', { description: '版本号。Version.' }),
    allowedActions: t.stringList({ description: '你现在可执行的操作。Actions you may take now.', resolve: (row, _a, ctx) => allowedActions(visitLifecycle, row.status, rolesOn(ctx, row)) }),
    history: t.relatedConnection('events', historyField('走访历史。History.')),
  }),
});

builder.objectField(Case, 'originReception', (t) =>
  t.field({
    type: Reception,
    nullable: true,
    description: '该事项由哪次接访登记（走访渠道），仅工作人员可见。The reception this case was registered from (staff only).',
    select: { columns: { id: true } },
    resolve: async (row: { id: string }, _a: unknown, ctx: Context) => {
      const [reception] = await ctx.db
        .select()
        .from(receptions)
        .where(and(eq(receptions.caseId, row.id), eq(receptions.outcome, 'CASE_REGISTERED')));
      return reception && unitReads(viewer(ctx), reception) ? reception : null;
    },
  } as never),
);

builder.queryField('publicReceptionSchedule', (t) =>
  t.field({
    type: [PublicReceptionDay],
    description: '公开的领导接访日（任何人可查，最多 92 天，不含个人信息）。The public reception schedule; anyone may ask.',
    args: {
      from: t.arg({ type: 'Date', required: true, description: '起。From.' }),
      to: t.arg({ type: 'Date', required: true, description: '止（含）。Until, inclusive.' }),
      unitId: t.arg.globalID({ description: '只看该单位及下级。Only this unit’s subtree.' }),
    },
    resolve: async (_r, args, ctx) =>
      publicSchedule(ctx.db, { unitPath: args.unitId ? await unitPathOf(ctx.db, args.unitId.id) : null, from: args.from, to: args.to, now: ctx.now() }),
  }),
);

builder.queryField('myAppointments', (t) =>
  t.drizzleField({
    type: [Appointment],
    description: '我的约访（信访人本人），按时间排序。The caller’s own appointments.',
    authScopes: { authenticated: true },
    resolve: (query, _r, _a, ctx) =>
      ctx.actor?.petitionerId
        ? ctx.db.query.appointments.findMany(query({ where: { petitionerId: ctx.actor.petitionerId }, orderBy: { startsAt: 'asc' } }))
        : Promise.resolve([]),
  }),
);

const staffOnly = (ctx: Context) => {
  const v = viewer(ctx);
  if (!v.unitPath || !v.roles.some((r) => ['STAFF', 'LEADER', 'SUPERVISOR', 'ADMIN'].includes(r))) throw new ForbiddenError('仅限单位工作人员');
  return v.unitPath;
};

builder.queryField('receptionSchedules', (t) =>
  t.drizzleField({
    type: [ReceptionSchedule],
    description: '本单位及下级的接访日安排。Schedules of your subtree.',
    authScopes: { unitMember: true },
    resolve: (query, _r, _a, ctx) => {
      const path = staffOnly(ctx);
      return ctx.db.query.receptionSchedules.findMany(query({ where: { RAW: (s) => sql`${s.unitPath} like ${likePrefix(path)}` }, orderBy: { startsOn: 'asc', id: 'asc' } }));
    },
  }),
);


/** A reception day's list (staff of the schedule's subtree): the schedule, the date (today by default), the subtree. */
const dayArgs = builder.args((t) => ({
  scheduleId: t.globalID({ required: true, description: '接访日安排。Schedule.' }),
  date: t.field({ type: 'Date', description: '日期，默认今天。Date; defaults to today.' }),
}));
function dayWhere(ctx: Context, args: { scheduleId: { id: string }; date?: string | null }) {
  const path = staffOnly(ctx);
  return { scheduleId: args.scheduleId.id, date: args.date ?? toChinaDate(ctx.now()), RAW: (row: { unitPath: Column }) => sql`${row.unitPath} like ${likePrefix(path)}` };
}

builder.queryField('appointmentsOfDay', (t) =>
  t.drizzleField({
    type: [Appointment],
    description: '某接访日的约访（工作人员）。A reception day’s appointments (staff).',
    authScopes: { unitMember: true },
    args: dayArgs,
    resolve: (query, _r, args, ctx) => ctx.db.query.appointments.findMany(query({ where: dayWhere(ctx, args), orderBy: { startsAt: 'asc' } })),
  }),
);

builder.queryField('receptionQueue', (t) =>
  t.drizzleField({
    type: [Reception],
    description: '某接访日的排队与接访记录，按到达顺序。A reception day’s queue, in arrival order.',
    authScopes: { unitMember: true },
    args: dayArgs,
    resolve: (query, _r, args, ctx) => ctx.db.query.receptions.findMany(query({ where: dayWhere(ctx, args), orderBy: { queueNumber: 'asc' } })),
  }),
);

builder.queryField('visits', (t) =>
  t.drizzleField({
    type: [Visit],
    description: '本单位及下级的走访（按计划日期，最多 100 条）。Visits of your subtree.',
    authScopes: { unitMember: true },
    args: { from: t.arg({ type: 'Date', description: '计划日期起。From.' }), to: t.arg({ type: 'Date', description: '计划日期止。Planned until, inclusive.' }) },
    resolve: (query, _r, args, ctx) => {
      const path = staffOnly(ctx);
      return ctx.db.query.visits.findMany(
        query({
          where: { RAW: (v) => and(sql`${v.unitPath} like ${likePrefix(path)}`, args.from ? gte(v.plannedOn, args.from) : undefined, args.to ? lte(v.plannedOn, args.to) : undefined)! },
          orderBy: { plannedOn: 'asc', id: 'asc' },
          limit: 100,
        }),
      );
    },
  }),
);

const figureFields = (t: PothosSchemaTypes.ObjectFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<any>, ReceptionFigures>) => ({
  receptionsHeld: t.exposeInt('receptionsHeld', { description: '接访人次（已接谈）。Receptions held.' }),
  peopleReceived: t.exposeInt('peopleReceived', { description: '接待人数（同一人只计一次）。Distinct people received.' }),
  resolvedOnSpot: t.exposeInt('resolvedOnSpot', { description: '当场解决。Resolved on the spot.' }),
  casesRegistered: t.exposeInt('casesRegistered', { description: '登记为信访事项。Cases registered.' }),
  attachedToCases: t.exposeInt('attachedToCases', { description: '并入已有事项。Attached to existing cases.' }),
  referredToMediation: t.exposeInt('referredToMediation', { description: '转调解。Referred to mediation.' }),
  appointmentsBooked: t.exposeInt('appointmentsBooked', { description: '约访总数。Appointments in the period.' }),
  appointmentsKept: t.exposeInt('appointmentsKept', { description: '按约到场。Appointments kept.' }),
  noShows: t.exposeInt('noShows', { description: '未到场。No-shows.' }),
  visitsMade: t.exposeInt('visitsMade', { description: '完成走访。Visits carried out.' }),
});

const ReceptionFiguresRef = builder.objectRef<ReceptionFigures>('ReceptionFigures').implement({
  description: '接访工作量与成效。Reception figures.',
  fields: (t) => figureFields(t as never),
});
const LeaderFiguresRef = builder.objectRef<LeaderFigures>('LeaderReceptionFigures').implement({
  description: '某位领导的接访数字。One leader’s figures.',
  fields: (t) => ({
    leaderId: t.exposeString('leaderId', { description: '领导账号（数据库 ID）。Leader account id.' }),
    leaderName: t.exposeString('leaderName', { description: '领导姓名。Leader’s name.' }),
    ...figureFields(t as never),
  }),
});
const UnitFiguresRef = builder.objectRef<UnitFigures>('UnitReceptionFigures').implement({
  description: '某个单位自身的接访数字（接访日或走访所属单位，不向上级汇总）。One unit’s own figures (not rolled up).',
  fields: (t) => ({
    unitId: t.exposeString('unitId', { description: '单位（数据库 ID）。Unit id.' }),
    unitName: t.exposeString('unitName', { description: '单位名称。Unit name.' }),
    ...figureFields(t as never),
  }),
});
const FiguresResult = builder.objectRef<{ total: ReceptionFigures; byLeader: LeaderFigures[]; byUnit: UnitFigures[] }>('ReceptionStats').implement({
  description: '单位（含下级）在某期间的接访数字。A unit subtree’s reception figures for a period.',
  fields: (t) => ({
    total: t.field({ type: ReceptionFiguresRef, description: '合计。Total.', resolve: (r) => r.total }),
    byLeader: t.field({ type: [LeaderFiguresRef], description: '按领导。Per leader.', resolve: (r) => r.byLeader }),
    byUnit: t.field({ type: [UnitFiguresRef], description: '按单位（各单位自身）。Per unit, each unit’s own.', resolve: (r) => r.byUnit }),
  }),
});

builder.queryField('receptionStats', (t) =>
  t.field({
    type: FiguresResult,
    description: '接访数字：按领导与单位的接访人次、接待人数、当场解决、登记事项、约访到场与未到、走访。Reception figures (one SQL statement).',
    authScopes: { unitMember: true },
    args: {
      unitId: t.arg.globalID({ required: true, description: '单位（含下级）。Unit subtree.' }),
      from: t.arg({ type: 'Date', required: true, description: '起。From.' }),
      to: t.arg({ type: 'Date', required: true, description: '止（含）。Until, inclusive.' }),
    },
    resolve: async (_r, args, ctx) => {
      const path = staffOnly(ctx);
      const unitPath = await unitPathOf(ctx.db, args.unitId.id);
      if (!unitPath.startsWith(path)) throw new ForbiddenError('只能查看本单位及下级单位的数字');
      return receptionFigures(ctx.db, unitPath, args.from, args.to);
    },
  }),
);

