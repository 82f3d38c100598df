/** Reception days: the public schedule (no personal data) and the schedules staff keep. */
import { findManyPlanned } from '../../db/relational-plans';
import { builder } from '../builder';
import { Unit } from '../units/types';
import { allowedActions } from '../../db/streams/lifecycle';
import { scheduleLifecycle } from '../../db/reception/lifecycle';
import { unitReads } from '../../db/reception/visibility';
import { checkRange, publicSchedule, receptionDaysOf, scheduleRow, type ReceptionDay } from '../../db/reception/schedules';
import { inSubtree, staffSubtreeOf } from '../../db/reception/queries';
import { unitPathOf } from '../../db/units/service';
import { receptionHistory, RecurrenceEnum, rolesOn, ScheduleStatusEnum, viewer } from './common';

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
        const full = (await scheduleRow(ctx.db, row.id))!;
        return receptionDaysOf(ctx.db, [full], args.from, args.to, ctx.now());
      },
    }),
    history: t.field(receptionHistory('receptionSchedules', 'ReceptionScheduleHistoryConnection', '安排变更历史。History.')),
  }),
});

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


builder.queryField('receptionSchedules', (t) =>
  t.drizzleField({
    type: [ReceptionSchedule],
    description: '本单位及下级的接访日安排。Schedules of your subtree.',
    authScopes: { unitMember: true },
    resolve: (query, _r, _a, ctx) => {
      const path = staffSubtreeOf(ctx);
      return findManyPlanned(ctx.db, 'receptionSchedules', query({ where: { RAW: inSubtree(path) }, orderBy: { startsOn: 'asc', id: 'asc' } }));
    },
  }),
);

