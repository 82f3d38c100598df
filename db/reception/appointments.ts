/**
 * Appointments (约访) on the APPOINTMENT stream. Booking holds the leader's time for the slot through
 * the one booking mechanism (db/bookings/service.ts): its exclusion constraint lets exactly one of any
 * number of concurrent bookings of a slot commit; the others get `booking/conflict`.
 */
import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '../client';
import { accounts, appointments, cases, mediationRooms, receptionSchedules } from '../schema';
import { ForbiddenError, InputError } from '../errors';
import { parseInput, text } from '../common/validate';
import { loadWorkCalendar } from '../calendar/service';
import { isIsoDate, type IsoDate } from '../calendar/work-calendar';
import { isClosedOn } from '../mediation/room-rules';
import { book, release } from '../bookings/service';
import { recordCreation, recordSystemEvent, runStreamAction, type StreamActionInput } from '../streams/runner';
import type { Session } from '../session';
import { ReceptionRuleError } from './errors';
import { APPOINTMENT_BOOKED, APPOINTMENT_REMINDER } from './lifecycle';
import { refusalMessage, ruleOf, scheduleRow, type ScheduleRow } from './schedules';
import { slotsOf, whyNoReception } from './slots';
import { appointmentStream } from './streams';
import { isReceptionStaff, receptionViewerOf, staffSees } from './visibility';
import { enqueue } from './queue';
import type { AppointmentKind } from './vocabulary';

export type AppointmentRow = typeof appointments.$inferSelect;

/** How long before the slot the reminder is due. */
export const REMINDER_HOURS = 24;

export interface BookingInput {
  scheduleId: string;
  date: IsoDate;
  /** "HH:MM", the slot's start. */
  start: string;
  kind?: AppointmentKind | null;
  /** Staff: who the appointment is for. A petitioner books for themselves. */
  petitionerId?: string | null;
  caseId?: string | null;
  matter?: string | null;
}

/** The petitioner may link only a case they are on; staff only a case of their subtree. */
export async function linkableCase(db: Executor, caseId: string, petitionerId: string, session: Session) {
  const [row] = await db.select({ id: cases.id, petitionerIds: cases.petitionerIds, unitPath: cases.unitPath, receivingUnitPath: cases.receivingUnitPath }).from(cases).where(eq(cases.id, caseId));
  const ok =
    row &&
    row.petitionerIds.includes(petitionerId) &&
    (session.actor!.roles.includes('PETITIONER') || [row.unitPath, row.receivingUnitPath].some((p) => p.startsWith(session.unitPath ?? '\u0000')));
  if (!ok) throw new ReceptionRuleError('reception/case-not-linkable', '只能关联该信访人本人的、您有权查看的信访事项');
  return row.id;
}

export async function bookAppointment(session: Session, input: BookingInput): Promise<AppointmentRow> {
  const actor = session.actor;
  if (!actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  const viewer = receptionViewerOf(session);
  const staff = isReceptionStaff(viewer);
  if (!staff && !actor.petitionerId) throw new ForbiddenError('只有信访人本人或工作人员可以预约');
  if (!isIsoDate(input.date)) throw InputError.forField('date', '日期格式应为 YYYY-MM-DD');
  const kind: AppointmentKind = staff ? (input.kind ?? 'BY_STAFF') : 'ONLINE';
  if (!staff && input.kind && input.kind !== 'ONLINE') throw InputError.forField('kind', '信访人只能网上预约');
  if (staff && kind === 'ONLINE') throw InputError.forField('kind', '工作人员代约请选择“代为预约”或“约请”');
  const petitionerId = staff ? input.petitionerId : actor.petitionerId!;
  if (!petitionerId) throw InputError.forField('petitionerId', '请指定信访人');
  if (!staff && input.petitionerId && input.petitionerId !== actor.petitionerId) throw new ForbiddenError('只能为本人预约');
  const matter = input.matter ? parseInput(text('事项简述', 5, 500), input.matter) : null;
  if (!input.caseId && !matter) throw InputError.forField('matter', '请关联已有信访事项或简述新的事项');
  if (kind === 'INVITATION' && !input.caseId) throw InputError.forField('caseId', '约请信访人须关联疑难信访事项');

  const schedule = await scheduleRow(session.db, input.scheduleId);
  if (!schedule) throw InputError.forField('scheduleId', '接访日安排不存在');
  if (schedule.status !== 'ACTIVE') throw new ReceptionRuleError('reception/schedule-ended', '该接访日安排已停止');
  if (staff && !staffSees(viewer, schedule)) throw new ReceptionRuleError('reception/not-your-unit', '只能预约本单位及下级单位的接访日');
  const caseId = input.caseId ? await linkableCase(session.db, input.caseId, petitionerId, session) : null;
  const [room] = await session.db.select().from(mediationRooms).where(eq(mediationRooms.id, schedule.roomId));
  const why = whyNoReception(ruleOf(schedule), input.date, await loadWorkCalendar(session.db), (d) => isClosedOn(room, d));
  if (why) throw new ReceptionRuleError('reception/no-such-slot', refusalMessage(input.date, why));
  const slot = slotsOf(schedule, input.date).find((s) => s.start === input.start);
  if (!slot) throw new ReceptionRuleError('reception/no-such-slot', `${input.date} ${input.start} 不是该接访日的预约时段`);
  const now = session.now();
  if (slot.startsAt.getTime() <= now.getTime()) throw new ReceptionRuleError('reception/slot-past', '该时段已经开始，不能再预约');
  const [leader] = await session.db.select({ name: accounts.displayName }).from(accounts).where(eq(accounts.id, schedule.leaderId));

  return session.db.transaction(async (tx) => {
    // Share lock: a date being called off (which locks the schedule for update) either sees this appointment or is seen by it.
    const [locked] = await tx.select({ cancelledDates: receptionSchedules.cancelledDates, status: receptionSchedules.status }).from(receptionSchedules).where(eq(receptionSchedules.id, schedule.id)).for('share');
    if (locked.status !== 'ACTIVE' || locked.cancelledDates.includes(slot.date)) throw new ReceptionRuleError('reception/no-such-slot', refusalMessage(slot.date, 'cancelled'));
    const [row] = await tx
      .insert(appointments)
      .values({
        kind,
        scheduleId: schedule.id,
        unitPath: schedule.unitPath,
        leaderId: schedule.leaderId,
        date: slot.date,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        petitionerId,
        caseId,
        matter,
        bookedById: actor.accountId,
        lastEventAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    // The leader's time for this slot: a second live booking of it violates the exclusion constraint.
    await book(tx, { kind: 'APPOINTMENT', id: row.id }, slot, [{ kind: 'ACCOUNT', id: schedule.leaderId, label: `${leader.name} ${slot.date} ${slot.start} 的接访时段` }]);
    await recordCreation(tx, appointmentStream, {
      id: row.id,
      type: APPOINTMENT_BOOKED,
      actor,
      toStatus: 'BOOKED',
      occurredAt: now,
      payload: { kind, scheduleId: schedule.id, date: slot.date, start: slot.start, end: slot.end, caseId },
    });
    return row;
  });
}

type Base = StreamActionInput & { appointmentId: string };

/**
 * Cancels a booked appointment and releases the leader's time. When the reception date itself was called off
 * (db/reception/schedules.ts, same transaction) the event says so and names the next reception day; the
 * petitionerId, date and time let an SMS gateway tell the person without reading anything else.
 */
export function cancelBookedAppointment(session: Session, input: Base & { reason: string; receptionDateCancelled?: { nextReceptionDate: IsoDate | null } }) {
  return runStreamAction(session, appointmentStream, 'cancelAppointment', input.appointmentId, input, async ({ tx, row, occurredAt }) => {
    const reason = parseInput(text('取消原因', 2, 200), input.reason);
    if (row.startsAt.getTime() <= occurredAt.getTime()) throw new ReceptionRuleError('reception/slot-past', '约访时段已开始，不能取消；未到场请登记未到场');
    await release(tx, { kind: 'APPOINTMENT', id: row.id }, occurredAt);
    return {
      changes: { cancelReason: reason },
      payload: {
        reason,
        byPetitioner: session.actor!.petitionerId === row.petitionerId,
        petitionerId: row.petitionerId,
        date: row.date,
        startsAt: row.startsAt.toISOString(),
        ...(input.receptionDateCancelled ? { receptionDateCancelled: true, nextReceptionDate: input.receptionDateCancelled.nextReceptionDate } : {}),
      },
    };
  });
}

async function schedule(tx: Transaction, id: string): Promise<ScheduleRow> {
  const [row] = await tx.select().from(receptionSchedules).where(eq(receptionSchedules.id, id));
  return row;
}

export const appointmentActions = {
  /** The person came: they join the day's queue (a WAITING reception) in arrival order; the appointment is kept. */
  checkInAppointment: (session: Session, input: Base) =>
    runStreamAction(session, appointmentStream, 'checkInAppointment', input.appointmentId, input, async ({ tx, row, on, occurredAt, actor }) => {
      if (row.date !== on) throw new ReceptionRuleError('reception/not-reception-day', `约访日期为 ${row.date}，只能在当天登记到场`);
      const reception = await enqueue(tx, actor, await schedule(tx, row.scheduleId), {
        date: row.date,
        petitionerId: row.petitionerId,
        appointmentId: row.id,
        caseId: row.caseId,
        occurredAt,
      });
      return { payload: { receptionId: reception.id, queueNumber: reception.queueNumber } };
    }),
  cancelAppointment: (session: Session, input: Base & { reason: string }) => cancelBookedAppointment(session, input),
  markAppointmentNoShow: (session: Session, input: Base) =>
    runStreamAction(session, appointmentStream, 'markAppointmentNoShow', input.appointmentId, input, async ({ tx, row, occurredAt }) => {
      if (row.startsAt.getTime() > occurredAt.getTime()) throw new ReceptionRuleError('reception/not-yet-due', '约访时段尚未开始，不能登记未到场');
      await release(tx, { kind: 'APPOINTMENT', id: row.id }, occurredAt);
      return { payload: { date: row.date, startsAt: row.startsAt.toISOString() } };
    }),
};

/**
 * Writes one `appointment.reminder-due` system event per booked appointment starting within the next
 * REMINDER_HOURS and not reminded yet; an SMS gateway reads them from the event feed. Idempotent.
 */
export async function writeDueReminders(db: Database, now: Date): Promise<number> {
  const due = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.status, 'BOOKED'), isNull(appointments.remindedAt), gt(appointments.startsAt, now), lte(appointments.startsAt, new Date(now.getTime() + REMINDER_HOURS * 3_600_000))))
    .orderBy(asc(appointments.startsAt));
  let written = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      // Re-read under the lock: a concurrent run or a cancellation may have got there first.
      const [row] = await tx
        .select({ room: mediationRooms.name, address: mediationRooms.address, leaderTitle: receptionSchedules.leaderTitle })
        .from(appointments)
        .innerJoin(receptionSchedules, eq(receptionSchedules.id, appointments.scheduleId))
        .innerJoin(mediationRooms, eq(mediationRooms.id, receptionSchedules.roomId))
        .where(and(eq(appointments.id, id), eq(appointments.status, 'BOOKED'), isNull(appointments.remindedAt)))
        .for('update', { of: appointments });
      if (!row) return;
      await recordSystemEvent(tx, appointmentStream, id, now, (appointment) => ({
        type: APPOINTMENT_REMINDER,
        // No phone number or name: the gateway resolves the recipient from petitionerId under its own grant.
        payload: { petitionerId: appointment.petitionerId, startsAt: appointment.startsAt.toISOString(), date: appointment.date, room: row.room, address: row.address, leaderTitle: row.leaderTitle },
        changes: { remindedAt: now },
      }));
      written += 1;
    });
  }
  return written;
}

export async function appointmentsOfPetitioner(db: Executor, petitionerId: string): Promise<AppointmentRow[]> {
  return db.select().from(appointments).where(eq(appointments.petitionerId, petitionerId)).orderBy(asc(appointments.startsAt));
}

export async function appointmentsOfDay(db: Executor, scheduleId: string, date: IsoDate): Promise<AppointmentRow[]> {
  return db.select().from(appointments).where(and(eq(appointments.scheduleId, scheduleId), eq(appointments.date, date))).orderBy(asc(appointments.startsAt));
}

