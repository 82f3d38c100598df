/**
 * The day's queue: walk-ins and arrived appointments become WAITING receptions numbered in arrival
 * order. The schedule row is locked while the number is taken, so two arrivals never share a number
 * (and a unique index on (schedule, date, number) says so too).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../client';
import { mediationRooms, receptions, receptionSchedules } from '../schema';
import { ForbiddenError, InputError } from '../errors';
import { linkableCase } from './appointments';
import { loadWorkCalendar } from '../calendar/service';
import { toChinaDate, type IsoDate } from '../calendar/work-calendar';
import { isClosedOn } from '../mediation/room-rules';
import { recordPerson } from '../cases/intake';
import { recordCreation } from '../streams/runner';
import type { Actor } from '../accounts/actor';
import type { Session } from '../session';
import { ReceptionRuleError } from './errors';
import { RECEPTION_QUEUED } from './lifecycle';
import { refusalMessage, ruleOf, type ScheduleRow } from './schedules';
import { whyNoReception } from './slots';
import { receptionStream } from './streams';
import { isReceptionStaff, receptionViewerOf, staffSees } from './visibility';

export type ReceptionRow = typeof receptions.$inferSelect;

export async function enqueue(
  tx: Transaction,
  actor: Actor,
  schedule: ScheduleRow,
  entry: { date: IsoDate; petitionerId: string; appointmentId: string | null; caseId: string | null; occurredAt: Date },
): Promise<ReceptionRow> {
  await tx.select({ id: receptionSchedules.id }).from(receptionSchedules).where(eq(receptionSchedules.id, schedule.id)).for('update');
  const [last] = await tx
    .select({ n: sql<number>`coalesce(max(${receptions.queueNumber}), 0)`.mapWith(Number) })
    .from(receptions)
    .where(and(eq(receptions.scheduleId, schedule.id), eq(receptions.date, entry.date)));
  const [row] = await tx
    .insert(receptions)
    .values({
      scheduleId: schedule.id,
      unitId: schedule.unitId,
      unitPath: schedule.unitPath,
      date: entry.date,
      queueNumber: last.n + 1,
      petitionerId: entry.petitionerId,
      appointmentId: entry.appointmentId,
      caseId: entry.caseId,
      leaderId: schedule.leaderId,
      lastEventAt: entry.occurredAt,
      createdAt: entry.occurredAt,
      updatedAt: entry.occurredAt,
    })
    .returning();
  await recordCreation(tx, receptionStream, {
    id: row.id,
    type: RECEPTION_QUEUED,
    actor,
    toStatus: 'WAITING',
    occurredAt: entry.occurredAt,
    payload: { scheduleId: schedule.id, date: entry.date, queueNumber: row.queueNumber, walkIn: entry.appointmentId === null, appointmentId: entry.appointmentId },
  });
  return row;
}

/** A walk-in (no appointment) joins today's queue: an existing petitioner, or a person recorded now. */
export async function joinQueue(session: Session, input: { scheduleId: string; petitionerId?: string | null; person?: unknown; caseId?: string | null }): Promise<ReceptionRow> {
  const actor = session.actor;
  if (!actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  const viewer = receptionViewerOf(session);
  if (!isReceptionStaff(viewer)) throw new ForbiddenError('只有接待窗口工作人员可以登记来访');
  const now = session.now();
  const today = toChinaDate(now);
  const calendar = await loadWorkCalendar(session.db);
  return session.db.transaction(async (tx) => {
    const [schedule] = await tx.select().from(receptionSchedules).where(eq(receptionSchedules.id, input.scheduleId));
    if (!schedule || !staffSees(viewer, schedule)) throw new ReceptionRuleError('reception/not-your-unit', '接访日安排不存在或不属于本单位及下级单位');
    if (schedule.status !== 'ACTIVE') throw new ReceptionRuleError('reception/schedule-ended', '该接访日安排已停止');
    const [room] = await tx.select().from(mediationRooms).where(eq(mediationRooms.id, schedule.roomId));
    const why = whyNoReception(ruleOf(schedule), today, calendar, (d) => isClosedOn(room, d));
    if (why) throw new ReceptionRuleError('reception/not-reception-day', `今天（${refusalMessage(today, why)}），不能排队`);
    const petitionerId = input.petitionerId ?? (input.person ? await recordPerson(tx, input.person) : null);
    if (!petitionerId) throw InputError.forField('person', '请指定来访人（已登记的信访人，或新来访人的姓名、证件号）');
    const caseId = input.caseId ? await linkableCase(tx, input.caseId, petitionerId, session) : null;
    return enqueue(tx, actor, schedule, { date: today, petitionerId, appointmentId: null, caseId, occurredAt: now });
  });
}
