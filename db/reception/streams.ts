/** The four reception streams on the generic runner (db/streams/runner.ts). */
import { appointments, receptions, receptionSchedules, visits } from '../schema';
import { defineStream } from '../streams/runner';
import { appointmentLifecycle, receptionLifecycle, scheduleLifecycle, visitLifecycle } from './lifecycle';
import { canSeeAppointment, receptionViewerOf, unitReads } from './visibility';

export const scheduleStream = defineStream({
  type: 'RECEPTION_SCHEDULE',
  table: receptionSchedules,
  lifecycle: scheduleLifecycle,
  canRead: (session, row) => unitReads(receptionViewerOf(session), row),
  loadFacts: async () => undefined,
});

export const appointmentStream = defineStream({
  type: 'APPOINTMENT',
  table: appointments,
  lifecycle: appointmentLifecycle,
  canRead: (session, row) => canSeeAppointment(receptionViewerOf(session), row),
  loadFacts: async () => undefined,
});

export const receptionStream = defineStream({
  type: 'RECEPTION',
  table: receptions,
  lifecycle: receptionLifecycle,
  canRead: (session, row) => unitReads(receptionViewerOf(session), row),
  loadFacts: async () => undefined,
});

export const visitStream = defineStream({
  type: 'VISIT',
  table: visits,
  lifecycle: visitLifecycle,
  canRead: (session, row) => unitReads(receptionViewerOf(session), row),
  loadFacts: async () => undefined,
});
