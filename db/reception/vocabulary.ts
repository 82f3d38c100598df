/**
 * The leaders' reception domain's value lists (开门接访、进门约访、登门走访、带案下访), each defined once
 * with its Chinese and English meaning. The Postgres enums (db/tables/reception.sql.ts), the TypeScript
 * unions and the GraphQL enums (schema/reception) are derived from these records.
 */
import { valuesOf } from '../mediation/vocabulary';

export { valuesOf };

/** How a schedule repeats: a one-off date, a weekday every week, or a day of every month. */
export const recurrenceLabels = {
  ONE_OFF: '单次接访日。A one-off reception date.',
  WEEKLY: '每周固定一天。The same weekday every week.',
  MONTHLY: '每月固定一日。The same day of every month.',
} as const;
export type Recurrence = keyof typeof recurrenceLabels;

export const scheduleStatusLabels = {
  ACTIVE: '公布中。Published.',
  ENDED: '已停止。Ended; no more slots.',
} as const;
export type ScheduleStatus = keyof typeof scheduleStatusLabels;

/** How an appointment came about (约访). */
export const appointmentKindLabels = {
  ONLINE: '群众网上预约。Booked online by the citizen.',
  BY_STAFF: '工作人员代为预约。Booked by staff for the citizen.',
  INVITATION: '疑难案件约请信访人。Staff invited the petitioner for a hard case.',
} as const;
export type AppointmentKind = keyof typeof appointmentKindLabels;

export const appointmentStatusLabels = {
  BOOKED: '已预约。Booked.',
  ARRIVED: '已到场（已排入当日接访队列）。Arrived; in the day’s queue.',
  CANCELLED: '已取消。Cancelled.',
  NO_SHOW: '未到场。Did not come.',
} as const;
export type AppointmentStatus = keyof typeof appointmentStatusLabels;

export const receptionStatusLabels = {
  WAITING: '排队等候。Waiting in the queue.',
  HELD: '已接谈。Received.',
  LEFT: '未接谈即离开。Left before being received.',
} as const;
export type ReceptionStatus = keyof typeof receptionStatusLabels;

/** What came of a reception, recorded in the same step as the reception itself. */
export const receptionOutcomeLabels = {
  RESOLVED_ON_SPOT: '当场解决答复。Resolved or answered on the spot.',
  CASE_REGISTERED: '登记为信访事项（走访渠道）。Registered as a case on the VISIT channel.',
  ATTACHED_TO_CASE: '并入已有信访事项。Attached to an existing case.',
  REFERRED_TO_MEDIATION: '转人民调解。Referred to mediation.',
} as const;
export type ReceptionOutcome = keyof typeof receptionOutcomeLabels;

export const visitKindLabels = {
  HOME_VISIT: '登门走访（到信访人家中）。A home visit to a person.',
  CASE_VISIT: '带案下访（领导带案件到基层）。A leader takes cases down to where they come from.',
} as const;
export type VisitKind = keyof typeof visitKindLabels;

export const visitStatusLabels = {
  PLANNED: '已计划。Planned.',
  DONE: '已完成。Carried out.',
  CANCELLED: '已取消。Cancelled.',
} as const;
export type VisitStatus = keyof typeof visitStatusLabels;

/** The Chinese half of a label (before the first 。), for messages. */
export function chineseOf(label: string): string {
  return label.split('。')[0];
}
