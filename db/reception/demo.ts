/**
 * Demo data for the reception domain (called by db/seed.ts inside its transaction): the district
 * petition office's weekly reception hall with its director receiving on Thursdays, a monthly day of the
 * deputy district head, past receptions (one registered as a case, one answered on the spot), a no-show,
 * a coming appointment and a visit with the case. Everything goes through the services, so each step
 * is one event on its stream exactly as through the API.
 */
import type { Session } from '../session';
import type { Database } from '../client';
import { loadWorkCalendar } from '../calendar/service';
import { addDays, type IsoDate } from '../calendar/work-calendar';
import { createRoom } from '../mediation/rooms';
import { publishSchedule, ruleOf } from './schedules';
import { appointmentActions, bookAppointment } from './appointments';
import { joinQueue } from './queue';
import { receptionActions } from './receptions';
import { planVisit, visitActions } from './visits';
import { receptionDays } from './slots';
import { receptions } from '../schema';
import { eq } from 'drizzle-orm';

type ContextFor = (username: string, day: IsoDate) => Promise<Session>;

export async function seedReceptionDemo(db: Database, contextFor: ContextFor, units: Map<string, string>, today: IsoDate, identityOf: (n: number) => string) {
  const calendar = await loadWorkCalendar(db);
  const start = addDays(today, -28);
  const admin = await contextFor('admin', start);
  const hall = await createRoom(admin, {
    unitId: units.get('yongchuan')!,
    kind: 'RECEPTION_HALL',
    name: '永川区群众来访接待中心',
    address: '永川区人民大道 1 号一楼',
    divisionCode: '500118',
    capacity: 40,
    openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '17:30' })),
  });
  const director = (await contextFor('leader', start)).actor!;
  const weekly = await publishSchedule(await contextFor('staff', start), {
    unitId: units.get('ycOffice')!,
    leaderId: director.accountId,
    leaderTitle: '区信访办主任',
    roomId: hall.id,
    recurrence: 'WEEKLY',
    weekday: 4,
    startsOn: start,
    startTime: '09:00',
    endTime: '11:30',
    slotMinutes: 30,
    topics: ['劳动社保', '城乡建设', '国土资源'],
  });
  const deputy = (await contextFor('county-leader', start)).actor!;
  await publishSchedule(admin, {
    unitId: units.get('yongchuan')!,
    leaderId: deputy.accountId,
    leaderTitle: '副区长',
    roomId: hall.id,
    recurrence: 'MONTHLY',
    monthDay: 15,
    startsOn: start,
    startTime: '14:30',
    endTime: '17:00',
    slotMinutes: 30,
    topics: ['征地拆迁', '重大疑难信访事项'],
  });

  const past = receptionDays(ruleOf(weekly), addDays(start, 1), addDays(today, -1), calendar);
  const coming = receptionDays(ruleOf(weekly), addDays(today, 1), addDays(today, 42), calendar);
  if (past.length < 2 || !coming.length) return;
  const [d0, d1] = past;

  // d0: an online appointment kept and registered as a case; a walk-in answered on the spot.
  const booked = await bookAppointment(await contextFor('petitioner', addDays(d0, -2)), { scheduleId: weekly.id, date: d0, start: '09:00', matter: '工地拖欠农民工工资三万余元，多次讨要未果' });
  const desk = { badgeNumber: 'YC-XF-012', name: '王登记', title: '区信访办接待科科员' };
  const clerk = await contextFor('staff', d0);
  await appointmentActions.checkInAppointment(clerk, { appointmentId: booked.id, expectedVersion: 1 });
  const [queued] = await db.select().from(receptions).where(eq(receptions.appointmentId, booked.id));
  const held = await receptionActions.recordReception(clerk, {
    receptionId: queued.id,
    expectedVersion: 1,
    desk,
    questions: {
      facts: '在城西某工地务工八个月，工程结束后包工头拖欠工资三万余元。',
      claim: '追回拖欠工资，依据劳动合同和考勤记录。',
      difficulties: '子女学费无着落',
      petitionHistory: '曾向劳动监察大队反映一次',
      priorHandling: '劳动监察大队约谈包工头，未兑现',
    },
    outcome: 'CASE_REGISTERED',
    registration: { kind: 'APPEAL_REQUEST', category: '劳动社保', title: '工地拖欠农民工工资（接访登记）', placeCode: '500118002001' },
  });
  const walkIn = await joinQueue(clerk, { scheduleId: weekly.id, person: { name: '陈志强', identityNumber: identityOf(2) } });
  await receptionActions.recordReception(clerk, {
    receptionId: walkIn.id,
    expectedVersion: 1,
    desk,
    questions: { facts: '咨询城乡居民养老保险补缴政策。', claim: '了解能否补缴' },
    outcome: 'RESOLVED_ON_SPOT',
    note: '当场说明补缴条件与办理窗口，信访人表示满意',
  });

  // d1: an appointment the person did not keep.
  const missed = await bookAppointment(await contextFor('petitioner2', addDays(d1, -3)), { scheduleId: weekly.id, date: d1, start: '09:30', matter: '小区电梯长期故障，物业拖延维修' });
  await appointmentActions.markAppointmentNoShow(await contextFor('staff', d1), { appointmentId: missed.id, expectedVersion: 1 });

  // The coming weeks: one booked appointment.
  await bookAppointment(await contextFor('petitioner2', today), { scheduleId: weekly.id, date: coming[0], start: '10:00', matter: '小区电梯长期故障，物业拖延维修' });

  // 带案下访 with the registered case, carried out the next days.
  const leaderDay = await contextFor('leader', addDays(d0, 1));
  const visit = await planVisit(leaderDay, {
    kind: 'CASE_VISIT',
    unitId: units.get('ycOffice')!,
    leaderId: director.accountId,
    plannedOn: addDays(d0, 2),
    placeCode: '500118002001',
    place: '胜利路街道兴龙湖社区居委会',
    purpose: '带案下访：核实拖欠工资情况，约谈施工单位',
    caseIds: [held.caseId!],
  });
  await visitActions.carryOutVisit(await contextFor('leader', addDays(d0, 2)), {
    visitId: visit.id,
    expectedVersion: 1,
    summary: '约谈施工单位负责人，确认欠薪数额',
    results: [{ caseId: held.caseId!, result: '施工单位承诺 15 日内足额支付，街道跟踪落实' }],
  });
}
