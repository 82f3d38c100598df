/** Rooms: created by an administrator of the owning unit's line, changed through the MEDIATION_ROOM stream. */
import { eq } from 'drizzle-orm';
import * as z from 'zod/mini';
import { mediationRooms } from '../schema';
import { ForbiddenError, InputError } from '../errors';
import { parseInput, text } from '../common/validate';
import { toChinaDate, type IsoDate } from '../calendar/work-calendar';
import { defineStream, recordCreation, runStreamAction } from '../streams/runner';
import type { Session } from '../session';
import { ROOM_CREATED, roomLifecycle, type RoomAction } from './room-rules';
import { isClockTime, minuteOf } from './availability';
import { canSeeRoom, mayManageRoster } from './visibility';
import { mediationViewerOf, unitRow, viewerIn, type ViewingSession } from './roster';
import { roomKindLabels, valuesOf, type RoomKind } from './vocabulary';

export type RoomRow = typeof mediationRooms.$inferSelect;

export const roomStream = defineStream({
  type: 'MEDIATION_ROOM',
  table: mediationRooms,
  lifecycle: roomLifecycle,
  canRead: (session, row) => canSeeRoom(viewerIn(session), row),
  loadFacts: async () => undefined,
});

const hoursSchema = z.array(
  z.object({
    weekday: z.number().check(z.int(), z.gte(1, '星期应为 1–7'), z.lte(7, '星期应为 1–7')),
    opens: z.string().check(z.refine(isClockTime, '时间格式应为 HH:MM')),
    closes: z.string().check(z.refine(isClockTime, '时间格式应为 HH:MM')),
  }),
);

const roomFields = {
  name: text('场所名称', 2, 60),
  address: text('地址', 2, 200),
  divisionCode: z.string().check(z.regex(/^\d{6}(\d{3}(\d{3})?)?$/, '行政区划代码应为 6/9/12 位')),
  capacity: z.number().check(z.int('容纳人数应为整数'), z.gte(2, '容纳人数至少 2 人'), z.lte(500, '容纳人数最多 500 人')),
  openingHours: hoursSchema,
};
const createSchema = z.object({ unitId: z.string(), kind: z.enum(valuesOf(roomKindLabels), '场所类别不在可选范围内'), ...roomFields });

function checkHours(hours: { weekday: number; opens: string; closes: string }[]) {
  hours.forEach((h, i) => {
    if (minuteOf(h.closes) <= minuteOf(h.opens)) throw InputError.forField(`openingHours.${i}.closes`, '关门时间应晚于开门时间');
  });
  return hours.map((h) => ({ weekday: h.weekday, opens: h.opens.slice(0, 5), closes: h.closes.slice(0, 5) }));
}

export async function createRoom(
  session: Session,
  input: { unitId: string; kind: RoomKind; name: string; address: string; divisionCode: string; capacity: number; openingHours: { weekday: number; opens: string; closes: string }[] },
): Promise<RoomRow> {
  const actor = session.actor;
  if (!actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  const value = parseInput(createSchema, input);
  const unit = await unitRow(session.db, value.unitId, 'unitId');
  if (!mayManageRoster(await mediationViewerOf(session), unit.path)) throw new ForbiddenError('只能为本单位及下级单位设置调解场所');
  const openingHours = checkHours(value.openingHours);
  const now = session.now();
  return session.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(mediationRooms)
      .values({ ...value, openingHours, unitId: unit.id, unitPath: unit.path, lastEventAt: now, createdAt: now, updatedAt: now })
      .returning();
    await recordCreation(tx, roomStream, { id: row.id, type: ROOM_CREATED, actor, toStatus: 'OPEN', occurredAt: now, payload: { kind: row.kind, name: row.name, unitId: unit.id } });
    return row;
  });
}

type Base = { roomId: string; expectedVersion: number; occurredAt?: Date | null };

async function roomAction(session: Session, action: RoomAction, input: Base, rule: (row: RoomRow, on: IsoDate) => { changes?: Partial<RoomRow>; payload?: Record<string, unknown> }) {
  const viewer = await mediationViewerOf(session);
  return runStreamAction({ ...session, mediationViewer: viewer } as ViewingSession, roomStream, action, input.roomId, input, async (scope) => {
    if (!mayManageRoster(viewer, scope.row.unitPath)) throw new ForbiddenError('只能管理本单位及下级单位的调解场所');
    return rule(scope.row, scope.on);
  });
}

const dateField = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));

export const roomActions = {
  updateRoom: (session: Session, input: Base & Partial<{ name: string; address: string; capacity: number; openingHours: { weekday: number; opens: string; closes: string }[] }>) =>
    roomAction(session, 'updateRoom', input, (row) => {
      const value = parseInput(z.partial(z.object(roomFields)), { name: input.name, address: input.address, capacity: input.capacity, openingHours: input.openingHours });
      const changes: Partial<RoomRow> = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
      if (changes.openingHours) changes.openingHours = checkHours(changes.openingHours);
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof RoomRow]]));
      return { changes, payload: { before, after: changes } };
    }),

  /** Closed from `from` (default today) until `until` (open-ended when absent), with the reason. */
  closeRoom: (session: Session, input: Base & { from?: IsoDate | null; until?: IsoDate | null; reason: string }) =>
    roomAction(session, 'closeRoom', input, (_row, on) => {
      const reason = parseInput(text('暂停原因', 2, 200), input.reason);
      const from = input.from ? parseInput(dateField, input.from) : on;
      const until = input.until ? parseInput(dateField, input.until) : null;
      if (until && until < from) throw InputError.forField('until', '恢复日期不能早于暂停日期');
      return { changes: { closedFrom: from, closedUntil: until, closedReason: reason }, payload: { from, until, reason } };
    }),

  reopenRoom: (session: Session, input: Base) =>
    roomAction(session, 'reopenRoom', input, (row) => ({
      changes: { closedFrom: null, closedUntil: null, closedReason: null },
      payload: { closedFrom: row.closedFrom, closedUntil: row.closedUntil },
    })),
};

export function todayOf(session: Session): IsoDate {
  return toChinaDate(session.now());
}

export async function getRoom(session: Session, id: string): Promise<RoomRow | null> {
  const [row] = await session.db.select().from(mediationRooms).where(eq(mediationRooms.id, id));
  return row && canSeeRoom(await mediationViewerOf(session), row) ? row : null;
}
