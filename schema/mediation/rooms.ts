import { findManyPlanned } from '../../db/relational-plans';
import { builder } from '../builder';
import type { Context } from '../context';
import { Unit } from '../units/types';
import { unitPathOf } from '../../db/units/service';
import { mediationRooms } from '../../db/schema';
import { createRoom, roomActions } from '../../db/mediation/rooms';
import { isClosedOn } from '../../db/mediation/room-rules';
import { canSeeRoom } from '../../db/mediation/visibility';
import { allOf, listFilterSql, visibleRoomsSql } from '../../db/mediation/queries';
import { toChinaDate } from '../../db/calendar/work-calendar';
import { mediationMutation, RoomKindEnum, RoomStatusEnum, viewerFor, type InputFields, type MediationSession } from './common';

export const WeeklyHours = builder.objectRef<{ weekday: number; opens: string; closes: string }>('WeeklyHours').implement({
  description: '每周固定时段（北京时间）。A weekly time window, China time.',
  fields: (t) => ({
    weekday: t.exposeInt('weekday', { description: '星期，1 为周一，7 为周日。ISO weekday.' }),
    opens: t.exposeString('opens', { description: '开始时间 HH:MM。Opens.' }),
    closes: t.exposeString('closes', { description: '结束时间 HH:MM。Closes.' }),
  }),
});

export const WeeklyHoursInput = builder.inputType('WeeklyHoursInput', {
  description: '每周固定时段（北京时间）。A weekly time window, China time.',
  fields: (t) => ({
    weekday: t.int({ required: true, description: '星期，1 为周一，7 为周日。ISO weekday.' }),
    opens: t.string({ required: true, description: '开始时间 HH:MM。Opens.' }),
    closes: t.string({ required: true, description: '结束时间 HH:MM。Closes.' }),
  }),
});

export const MediationRoom = builder.drizzleNode('mediationRooms', {
  name: 'MediationRoom',
  description: '调解场所：信访评理室、调解室、矛盾纠纷调处化解中心、乡贤评理堂。A mediation room or hall.',
  id: { column: (room) => room.id },
  select: { columns: { id: true, unitPath: true } },
  authScopes: async (row, ctx) => canSeeRoom(await viewerFor(ctx), row),
  fields: (t) => ({
    kind: t.expose('kind', { type: RoomKindEnum, description: '类别。Kind.' }),
    name: t.exposeString('name', { description: '名称。Name.' }),
    address: t.exposeString('address', { description: '地址。Address.' }),
    divisionCode: t.exposeString('divisionCode', { description: '所在地行政区划代码。Division code.' }),
    capacity: t.exposeInt('capacity', { description: '可容纳人数。Capacity.' }),
    openingHours: t.field({ type: [WeeklyHours], description: '开放时间。Opening hours.', select: { columns: { openingHours: true } }, resolve: (room) => room.openingHours }),
    status: t.expose('status', { type: RoomStatusEnum, description: '状态。Status.' }),
    closedFrom: t.expose('closedFrom', { type: 'Date', nullable: true, description: '暂停使用起始日。Closed from.' }),
    closedUntil: t.expose('closedUntil', { type: 'Date', nullable: true, description: '暂停使用截止日（空为未定）。Closed until.' }),
    closedReason: t.exposeString('closedReason', { nullable: true, description: '暂停原因。Why closed.' }),
    closedToday: t.boolean({
      description: '今天是否暂停使用。Closed today.',
      select: { columns: { status: true, closedFrom: true, closedUntil: true } },
      resolve: (room, _args, ctx) => isClosedOn(room, toChinaDate(ctx.now())),
    }),
    version: t.exposeInt('version', { description: '版本号，操作时作为 expectedVersion 传入。Version.' }),
    unit: t.relation('unit', { type: Unit, description: '所属单位（层级随之确定）。Owning unit.' }),
  }),
});

const RoomFilter = builder.inputType('MediationRoomFilter', {
  description: '场所筛选（均可选）。Room filters.',
  fields: (t) => ({
    unitId: t.globalID({ description: '所属单位及其下级。Unit subtree.' }),
    kind: t.field({ type: [RoomKindEnum], description: '类别之一。Any of these kinds.' }),
    status: t.field({ type: [RoomStatusEnum], description: '状态之一。Any of these statuses.' }),
  }),
});

builder.queryField('mediationRooms', (t) =>
  t.drizzleConnection({
    type: MediationRoom,
    description: '你所在单位一线（本级、下级与上级）的调解场所，按区划代码排序。Rooms on your line of the unit tree.',
    authScopes: { authenticated: true },
    maxSize: 100,
    args: { filter: t.arg({ type: RoomFilter, description: '筛选。Filters.' }) },
    totalCount: async (_root, args, ctx) => ctx.db.$count(mediationRooms, (await roomListSql(ctx, args.filter))(mediationRooms)),
    resolve: async (query, _root, args, ctx) => {
      const where = await roomListSql(ctx, args.filter);
      return findManyPlanned(ctx.db, 'mediationRooms', query({ where: { RAW: (table) => where(table) }, orderBy: { divisionCode: 'asc', id: 'asc' } })) as unknown as Promise<
        (typeof mediationRooms.$inferSelect)[]
      >;
    },
  }),
);

async function roomListSql(ctx: Context, f: typeof RoomFilter.$inferInput | null | undefined) {
  const viewer = await viewerFor(ctx);
  const unitPath = f?.unitId ? await unitPathOf(ctx.db, f.unitId.id) : null;
  return (t: typeof mediationRooms) => allOf([visibleRoomsSql(t, viewer), ...listFilterSql(t, { unitPath, kinds: f?.kind, statuses: f?.status })]);
}

const RoomPayload = builder.objectRef<{ roomId: string }>('MediationRoomPayload').implement({
  description: '操作后的场所。The room after the change.',
  fields: (t) => ({
    room: t.drizzleField({
      type: MediationRoom,
      description: '场所。The room.',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.mediationRooms.findFirst(query({ where: { id: payload.roomId } })))!,
    }),
  }),
});

function roomMutation(name: string, description: string, fields: InputFields, run: (session: MediationSession, input: any) => Promise<{ id: string }>) {
  mediationMutation(name, description, fields, RoomPayload, async (session, input) => ({ roomId: (await run(session, input)).id }));
}

const versioned = (t: PothosSchemaTypes.InputFieldBuilder<any, 'InputObject'>) => ({
  roomId: t.globalID({ required: true, description: '场所。Room.' }),
  expectedVersion: t.int({ required: true, description: '读取时的 version。Version you read.' }),
});

roomMutation(
  'createMediationRoom',
  '设立调解场所（管理员，限本单位及下级） Set up a mediation room (admins, own subtree).',
  (t) => ({
    unitId: t.globalID({ required: true, description: '所属单位。Owning unit.' }),
    kind: t.field({ type: RoomKindEnum, required: true, description: '类别。Kind.' }),
    name: t.string({ required: true, description: '名称。Name.' }),
    address: t.string({ required: true, description: '地址。Address.' }),
    divisionCode: t.string({ required: true, description: '所在地行政区划代码。Division code.' }),
    capacity: t.int({ required: true, description: '可容纳人数。Capacity.' }),
    openingHours: t.field({ type: [WeeklyHoursInput], required: true, description: '开放时间。Opening hours.' }),
  }),
  (session, input) => createRoom(session, input),
);

roomMutation(
  'updateMediationRoom',
  '修改场所信息 Change a room’s details.',
  (t) => ({
    ...versioned(t),
    name: t.string({ description: '名称。Name.' }),
    address: t.string({ description: '地址。Address.' }),
    capacity: t.int({ description: '可容纳人数。Capacity.' }),
    openingHours: t.field({ type: [WeeklyHoursInput], description: '开放时间。Opening hours.' }),
  }),
  (session, input) => roomActions.updateRoom(session, input),
);

roomMutation(
  'closeMediationRoom',
  '暂停使用场所一段时间（写明原因） Close a room for a period, with the reason.',
  (t) => ({
    ...versioned(t),
    from: t.field({ type: 'Date', description: '起始日，默认今天。From.' }),
    until: t.field({ type: 'Date', description: '截止日，空为未定。Until.' }),
    reason: t.string({ required: true, description: '原因。Reason.' }),
  }),
  (session, input) => roomActions.closeRoom(session, input),
);

roomMutation('reopenMediationRoom', '恢复开放场所 Reopen a closed room.', (t) => versioned(t), (session, input) => roomActions.reopenRoom(session, input));
