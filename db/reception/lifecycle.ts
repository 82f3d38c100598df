/** PURE: the four reception streams' state machines as data (db/streams/lifecycle.ts). */
import { defineLifecycle } from '../streams/lifecycle';
import {
  appointmentStatusLabels,
  chineseOf,
  receptionStatusLabels,
  scheduleStatusLabels,
  valuesOf,
  visitStatusLabels,
} from './vocabulary';

const labels = <L extends Record<string, string>>(l: L) => Object.fromEntries(Object.entries(l).map(([k, v]) => [k, chineseOf(v)])) as { [K in keyof L]: string };

export const scheduleLifecycle = defineLifecycle({
  entity: 'reception-schedule',
  noun: '接访日安排',
  statuses: valuesOf(scheduleStatusLabels),
  statusLabels: labels(scheduleStatusLabels),
  actions: ['cancelReceptionDate', 'endReceptionSchedule'],
  actionLabels: { cancelReceptionDate: '取消某一接访日', endReceptionSchedule: '停止接访日安排' },
  transitions: {
    cancelReceptionDate: { from: ['ACTIVE'], to: null, roles: ['STAFF', 'ADMIN', 'LEADER'] },
    endReceptionSchedule: { from: ['ACTIVE'], to: 'ENDED', roles: ['STAFF', 'ADMIN', 'LEADER'] },
  },
  eventTypes: { cancelReceptionDate: 'reception-schedule.date-cancelled', endReceptionSchedule: 'reception-schedule.ended' },
});

export const appointmentLifecycle = defineLifecycle({
  entity: 'appointment',
  noun: '约访',
  statuses: valuesOf(appointmentStatusLabels),
  statusLabels: labels(appointmentStatusLabels),
  actions: ['checkInAppointment', 'cancelAppointment', 'markAppointmentNoShow'],
  actionLabels: { checkInAppointment: '登记到场', cancelAppointment: '取消约访', markAppointmentNoShow: '登记未到场' },
  transitions: {
    checkInAppointment: { from: ['BOOKED'], to: 'ARRIVED', roles: ['STAFF', 'LEADER'] },
    cancelAppointment: { from: ['BOOKED'], to: 'CANCELLED', roles: ['PETITIONER', 'STAFF', 'LEADER', 'ADMIN'] },
    markAppointmentNoShow: { from: ['BOOKED'], to: 'NO_SHOW', roles: ['STAFF', 'LEADER'] },
  },
  eventTypes: { checkInAppointment: 'appointment.arrived', cancelAppointment: 'appointment.cancelled', markAppointmentNoShow: 'appointment.no-show' },
});

export const receptionLifecycle = defineLifecycle({
  entity: 'reception',
  noun: '接访',
  statuses: valuesOf(receptionStatusLabels),
  statusLabels: labels(receptionStatusLabels),
  actions: ['recordReception', 'recordReceptionLeft'],
  actionLabels: { recordReception: '记录接访及处理结果', recordReceptionLeft: '登记未接谈离开' },
  transitions: {
    recordReception: { from: ['WAITING'], to: 'HELD', roles: ['STAFF', 'LEADER'] },
    recordReceptionLeft: { from: ['WAITING'], to: 'LEFT', roles: ['STAFF', 'LEADER'] },
  },
  eventTypes: { recordReception: 'reception.held', recordReceptionLeft: 'reception.left' },
});

export const visitLifecycle = defineLifecycle({
  entity: 'visit',
  noun: '走访',
  statuses: valuesOf(visitStatusLabels),
  statusLabels: labels(visitStatusLabels),
  actions: ['carryOutVisit', 'cancelVisit'],
  actionLabels: { carryOutVisit: '记录走访结果', cancelVisit: '取消走访' },
  transitions: {
    carryOutVisit: { from: ['PLANNED'], to: 'DONE', roles: ['STAFF', 'LEADER'] },
    cancelVisit: { from: ['PLANNED'], to: 'CANCELLED', roles: ['STAFF', 'LEADER'] },
  },
  eventTypes: { carryOutVisit: 'visit.carried-out', cancelVisit: 'visit.cancelled' },
});

export const SCHEDULE_PUBLISHED = 'reception-schedule.published';
export const APPOINTMENT_BOOKED = 'appointment.booked';
export const APPOINTMENT_REMINDER = 'appointment.reminder-due';
export const RECEPTION_QUEUED = 'reception.queued';
export const VISIT_PLANNED = 'visit.planned';
/** Written on a case's own history. */
export const CASE_RECEPTION_ATTACHED = 'case.reception-attached';
export const CASE_VISIT_RESULT = 'case.visit-result';
