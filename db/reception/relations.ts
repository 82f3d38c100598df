import { defineRelationsPart } from 'drizzle-orm';
import * as schema from '../schema';

/** The reception tables' relations, merged into the one relations object in db/relations.ts. */
export const receptionRelations = defineRelationsPart(schema, (r) => ({
  receptionSchedules: {
    unit: r.one.units({ from: r.receptionSchedules.unitId, to: r.units.id, optional: false, alias: 'reception_schedule_unit' }),
    leader: r.one.accounts({ from: r.receptionSchedules.leaderId, to: r.accounts.id, optional: false, alias: 'reception_schedule_leader' }),
    room: r.one.mediationRooms({ from: r.receptionSchedules.roomId, to: r.mediationRooms.id, optional: false }),
    events: r.many.events({ from: r.receptionSchedules.id, to: r.events.streamId, where: { streamType: 'RECEPTION_SCHEDULE' } }),
  },
  appointments: {
    schedule: r.one.receptionSchedules({ from: r.appointments.scheduleId, to: r.receptionSchedules.id, optional: false }),
    petitioner: r.one.petitioners({ from: r.appointments.petitionerId, to: r.petitioners.id, optional: false, alias: 'appointment_petitioner' }),
    petitionCase: r.one.cases({ from: r.appointments.caseId, to: r.cases.id, alias: 'appointment_case' }),
    events: r.many.events({ from: r.appointments.id, to: r.events.streamId, where: { streamType: 'APPOINTMENT' } }),
  },
  receptions: {
    schedule: r.one.receptionSchedules({ from: r.receptions.scheduleId, to: r.receptionSchedules.id, optional: false }),
    petitioner: r.one.petitioners({ from: r.receptions.petitionerId, to: r.petitioners.id, optional: false, alias: 'reception_petitioner' }),
    leader: r.one.accounts({ from: r.receptions.leaderId, to: r.accounts.id, optional: false, alias: 'reception_leader' }),
    deskStaff: r.one.accounts({ from: r.receptions.deskStaffId, to: r.accounts.id, alias: 'reception_desk_staff' }),
    appointment: r.one.appointments({ from: r.receptions.appointmentId, to: r.appointments.id }),
    petitionCase: r.one.cases({ from: r.receptions.caseId, to: r.cases.id, alias: 'reception_case' }),
    mediationSession: r.one.mediationSessions({ from: r.receptions.mediationSessionId, to: r.mediationSessions.id, alias: 'reception_mediation_session' }),
    events: r.many.events({ from: r.receptions.id, to: r.events.streamId, where: { streamType: 'RECEPTION' } }),
  },
  visits: {
    unit: r.one.units({ from: r.visits.unitId, to: r.units.id, optional: false, alias: 'visit_unit' }),
    leader: r.one.accounts({ from: r.visits.leaderId, to: r.accounts.id, optional: false, alias: 'visit_leader' }),
    petitioner: r.one.petitioners({ from: r.visits.petitionerId, to: r.petitioners.id, alias: 'visit_petitioner' }),
    cases: r.many.visitCases({ from: r.visits.id, to: r.visitCases.visitId }),
    events: r.many.events({ from: r.visits.id, to: r.events.streamId, where: { streamType: 'VISIT' } }),
  },
  visitCases: {
    petitionCase: r.one.cases({ from: r.visitCases.caseId, to: r.cases.id, optional: false, alias: 'visit_case' }),
  },
}));
