/**
 * Reception schedules (接访日): published by staff for a LEADER account at a room, on the
 * RECEPTION_SCHEDULE stream; the public schedule and the slot list are computed on the work calendar.
 */
import { and, eq, inArray, isNull, gt, lt, or, gte, lte, sql } from 'drizzle-orm';
import * as z from 'zod/mini';
import type { Database, Executor } from '../client';
import { cancelBookedAppointment } from './appointments';
import { accounts, appointments, bookings, mediationRooms, receptionSchedules, units } from '../schema';
import { ForbiddenError, InputError } from '../errors';
import { parseInput, text } from '../common/validate';
import { addDays, daysBetween, isIsoDate, toChinaDate, type IsoDate, type WorkCalendar } from '../calendar/work-calendar';
import { loadWorkCalendar } from '../calendar/service';
import { isClosedOn } from '../mediation/room-rules';
import { onLine } from '../mediation/visibility';
import { likePrefix } from '../cases/service';
import { recordCreation, runStreamAction, type StreamActionInput } from '../streams/runner';
import type { Session } from '../session';
import { ReceptionRuleError } from './errors';
import { SCHEDULE_PUBLISHED } from './lifecycle';
import { MAX_RANGE_DAYS, receptionDays, scheduleProblem, slotsOf, whyNoReception, type DayRefusal, type ScheduleRule, type Slot } from './slots';
import { scheduleStream } from './streams';
import { isReceptionStaff, receptionViewerOf } from './visibility';
import { recurrenceLabels, valuesOf, type Recurrence } from './vocabulary';

export type ScheduleRow = typeof receptionSchedules.$inferSelect;
type RoomRow = typeof mediationRooms.$inferSelect;

const dateField = z.string().check(z.refine(isIsoDate, '日期格式应为 YYYY-MM-DD'));

const scheduleSchema = z.object({
  unitId: z.uuid('单位不存在'),
  leaderId: z.uuid('领导账号不存在'),
  leaderTitle: text('领导职务', 2, 40),
  roomId: z.uuid('场所不存在'),
  recurrence: z.enum(valuesOf(recurrenceLabels), '重复方式不在可选范围内'),
  weekday: z.nullish(z.number()),
  monthDay: z.nullish(z.number()),
  startsOn: dateField,
  endsOn: z.nullish(dateField),
  startTime: z.string(),
  endTime: z.string(),
  slotMinutes: z._default(z.number(), 30),
  topics: z.array(text('接访主题', 2, 40)).check(z.minLength(1, '至少列出一项接访主题'), z.maxLength(10, '接访主题最多 10 项')),
  onRestDays: z._default(z.boolean(), false),
});

export type ScheduleInput = z.input<typeof scheduleSchema>;

export function ruleOf(row: ScheduleRow): ScheduleRule {
  return row;
}

/** Staff of the unit's subtree (STAFF or ADMIN) publish; the receiver must be a LEADER account of that subtree. */
export async function publishSchedule(session: Session, input: ScheduleInput): Promise<ScheduleRow> {
  const actor = session.actor;
  if (!actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  if (!actor.roles.some((r) => r === 'STAFF' || r === 'ADMIN') || !session.unitPath) throw new ForbiddenError('只有单位工作人员可以安排领导接访日');
  const value = parseInput(scheduleSchema, input);
  const rule: ScheduleRule = {
    recurrence: value.recurrence as Recurrence,
    weekday: value.weekday ?? null,
    monthDay: value.monthDay ?? null,
    startsOn: value.startsOn,
    endsOn: value.recurrence === 'ONE_OFF' ? value.startsOn : (value.endsOn ?? null),
    startTime: value.startTime,
    endTime: value.endTime,
    slotMinutes: value.slotMinutes,
    onRestDays: value.onRestDays,
    cancelledDates: [],
  };
  const problem = scheduleProblem(rule);
  if (problem) throw InputError.forField(problem[0], problem[1]);
  const today = toChinaDate(session.now());
  if (rule.startsOn < today) throw InputError.forField('startsOn', '接访日不能早于今天');

  const db = session.db;
  const [unit] = await db.select({ id: units.id, path: units.path }).from(units).where(eq(units.id, value.unitId));
  if (!unit) throw InputError.forField('unitId', '单位不存在');
  if (!unit.path.startsWith(session.unitPath)) throw new ReceptionRuleError('reception/not-your-unit', '只能为本单位及下级单位安排接访日');
  const [leader] = await db
    .select({ id: accounts.id, roles: accounts.roles, path: units.path })
    .from(accounts)
    .innerJoin(units, eq(units.id, accounts.unitId))
    .where(eq(accounts.id, value.leaderId));
  if (!leader) throw InputError.forField('leaderId', '领导账号不存在');
  if (!leader.roles.includes('LEADER')) throw new ReceptionRuleError('reception/not-a-leader', '接访人须为单位领导账号');
  if (!leader.path.startsWith(unit.path)) throw new ReceptionRuleError('reception/not-your-unit', '接访领导须属于该单位或其下级单位');
  const [room] = await db.select().from(mediationRooms).where(eq(mediationRooms.id, value.roomId));
  if (!room) throw InputError.forField('roomId', '场所不存在');
  if (!onLine(unit.path, room.unitPath)) throw new ReceptionRuleError('reception/room-unusable', '该场所不在本单位一线，不能用于接访');
  if (rule.recurrence === 'ONE_OFF') {
    const calendar = await loadWorkCalendar(db);
    const why = whyNoReception(rule, rule.startsOn, calendar, (d) => isClosedOn(room, d));
    if (why) throw new ReceptionRuleError('reception/no-such-slot', refusalMessage(rule.startsOn, why));
  }

  const now = session.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(receptionSchedules)
      .values({
        ...rule,
        cancelledDates: [],
        unitId: unit.id,
        unitPath: unit.path,
        leaderId: leader.id,
        leaderTitle: value.leaderTitle,
        roomId: room.id,
        topics: value.topics,
        createdById: actor.accountId,
        lastEventAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordCreation(tx, scheduleStream, {
      id: row.id,
      type: SCHEDULE_PUBLISHED,
      actor,
      toStatus: 'ACTIVE',
      occurredAt: now,
      payload: { leaderId: leader.id, roomId: room.id, recurrence: rule.recurrence, startsOn: rule.startsOn, endsOn: rule.endsOn, topics: value.topics },
    });
    return row;
  });
}

export function refusalMessage(date: IsoDate, why: DayRefusal): string {
  const reasons: Record<DayRefusal, string> = {
    'not-scheduled': '不是该安排的接访日',
    'rest-day': '是休息日（节假日或周末），该安排不在休息日接访',
    cancelled: '的接访已取消',
    'room-closed': '接访场所暂停使用',
  };
  return `${date} ${reasons[why]}`;
}

type Base = StreamActionInput & { scheduleId: string };

function staffOfSchedule(session: Session) {
  if (!isReceptionStaff(receptionViewerOf(session))) throw new ForbiddenError('只有单位工作人员可以调整接访日安排');
}

export const scheduleActions = {
  /**
   * One date called off (the leader is away): its slots disappear, and in the same transaction every appointment
   * still booked on it is cancelled on its own stream (booking released, one `appointment.cancelled` event each,
   * naming the next reception day), which is what the SMS gateway delivers to the person. Nothing is moved for
   * them: the next day's slots may be taken, so they book again (or staff book for them).
   */
  cancelReceptionDate: (session: Session, input: Base & { date: IsoDate; reason: string }) =>
    runStreamAction(session, scheduleStream, 'cancelReceptionDate', input.scheduleId, input, async ({ tx, row, occurredAt }) => {
      staffOfSchedule(session);
      const date = parseInput(dateField, input.date);
      const reason = parseInput(text('原因', 2, 200), input.reason);
      const calendar = await loadWorkCalendar(session.db);
      const why = whyNoReception(ruleOf(row), date, calendar);
      if (why) throw new ReceptionRuleError('reception/no-such-slot', refusalMessage(date, why));
      const rule = { ...ruleOf(row), cancelledDates: [...row.cancelledDates, date] };
      const [room] = await tx.select().from(mediationRooms).where(eq(mediationRooms.id, row.roomId));
      const nextReceptionDate = receptionDays(rule, addDays(date, 1), addDays(date, MAX_RANGE_DAYS), calendar, (d) => isClosedOn(room, d))[0] ?? null;
      // Booked after this lock is taken, an appointment sees the cancelled date (bookAppointment re-checks under a share lock).
      const booked = await tx
        .select({ id: appointments.id, version: appointments.version })
        .from(appointments)
        .where(and(eq(appointments.scheduleId, row.id), eq(appointments.date, date), eq(appointments.status, 'BOOKED'), gt(appointments.startsAt, occurredAt)));
      const inTransaction: Session = { ...session, db: tx as unknown as Database };
      for (const appointment of booked) {
        await cancelBookedAppointment(inTransaction, { appointmentId: appointment.id, expectedVersion: appointment.version, occurredAt, reason: `接访日取消：${reason}`, receptionDateCancelled: { nextReceptionDate } });
      }
      return { changes: { cancelledDates: rule.cancelledDates }, payload: { date, reason, appointmentsCancelled: booked.length, nextReceptionDate } };
    }),
  endReceptionSchedule: (session: Session, input: Base & { reason: string }) =>
    runStreamAction(session, scheduleStream, 'endReceptionSchedule', input.scheduleId, input, async ({ row, on }) => {
      staffOfSchedule(session);
      const reason = parseInput(text('原因', 2, 200), input.reason);
      const last = row.endsOn && row.endsOn < on ? row.endsOn : on;
      return { changes: { endsOn: last }, payload: { reason, endsOn: last } };
    }),
};

export interface ReceptionDay {
  schedule: ScheduleRow;
  room: RoomRow;
  leaderName: string;
  unitName: string;
  date: IsoDate;
  slots: (Slot & { available: boolean })[];
}

/** The reception days of these schedules in [from, to], with each slot's availability from the live bookings. */
export async function receptionDaysOf(db: Executor, schedules: ScheduleRow[], from: IsoDate, to: IsoDate, now: Date, calendar?: WorkCalendar): Promise<ReceptionDay[]> {
  if (!schedules.length) return [];
  const cal = calendar ?? (await loadWorkCalendar(db));
  const rooms = await db.select().from(mediationRooms).where(inArray(mediationRooms.id, [...new Set(schedules.map((s) => s.roomId))]));
  const people = await db
    .select({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .where(inArray(accounts.id, [...new Set(schedules.map((s) => s.leaderId))]));
  const unitRows = await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, [...new Set(schedules.map((s) => s.unitId))]));
  const held = await db
    .select({ resourceId: bookings.resourceId, startsAt: bookings.startsAt, endsAt: bookings.endsAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.resourceKind, 'ACCOUNT'),
        inArray(bookings.resourceId, [...new Set(schedules.map((s) => s.leaderId))]),
        isNull(bookings.releasedAt),
        lt(bookings.startsAt, new Date(`${addDays(to, 1)}T00:00:00+08:00`)),
        gt(bookings.endsAt, new Date(`${from}T00:00:00+08:00`)),
      ),
    );
  const days: ReceptionDay[] = [];
  for (const schedule of schedules) {
    const room = rooms.find((r) => r.id === schedule.roomId)!;
    for (const date of receptionDays(ruleOf(schedule), from, to, cal, (d) => isClosedOn(room, d))) {
      const slots = slotsOf(schedule, date).map((slot) => ({
        ...slot,
        available:
          slot.startsAt.getTime() > now.getTime() &&
          !held.some((b) => b.resourceId === schedule.leaderId && b.startsAt < slot.endsAt && b.endsAt > slot.startsAt),
      }));
      days.push({
        schedule,
        room,
        leaderName: people.find((p) => p.id === schedule.leaderId)!.name,
        unitName: unitRows.find((u) => u.id === schedule.unitId)!.name,
        date,
        slots,
      });
    }
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.slots[0]?.start.localeCompare(b.slots[0]?.start ?? '') ?? 0));
}

export function checkRange(from: IsoDate, to: IsoDate) {
  if (!isIsoDate(from)) throw InputError.forField('from', '日期格式应为 YYYY-MM-DD');
  if (!isIsoDate(to)) throw InputError.forField('to', '日期格式应为 YYYY-MM-DD');
  if (to < from) throw InputError.forField('to', '结束日期不能早于开始日期');
  if (daysBetween(from, to) > MAX_RANGE_DAYS) throw InputError.forField('to', `一次最多查询 ${MAX_RANGE_DAYS} 天`);
}

/** The public schedule: every active schedule of the unit's subtree (or all) overlapping [from, to]. Anyone may ask. */
export async function publicSchedule(db: Executor, input: { unitPath: string | null; from: IsoDate; to: IsoDate; now: Date }): Promise<ReceptionDay[]> {
  checkRange(input.from, input.to);
  const rows = await db
    .select()
    .from(receptionSchedules)
    .where(
      and(
        eq(receptionSchedules.status, 'ACTIVE'),
        lte(receptionSchedules.startsOn, input.to),
        or(isNull(receptionSchedules.endsOn), gte(receptionSchedules.endsOn, input.from)),
        input.unitPath ? sql`${receptionSchedules.unitPath} like ${likePrefix(input.unitPath)}` : undefined,
      ),
    );
  return receptionDaysOf(db, rows, input.from, input.to, input.now);
}

export async function scheduleRow(db: Executor, id: string): Promise<ScheduleRow | undefined> {
  const [row] = await db.select().from(receptionSchedules).where(eq(receptionSchedules.id, id));
  return row;
}
