import { defineRelationsPart } from 'drizzle-orm';
import * as schema from '../schema';

/** The mediation tables' relations, merged into the one relations object in db/relations.ts. */
export const mediationRelations = defineRelationsPart(schema, (r) => ({
  mediationRooms: {
    unit: r.one.units({ from: r.mediationRooms.unitId, to: r.units.id, optional: false }),
    affiliations: r.many.mediatorAffiliations({ from: r.mediationRooms.id, to: r.mediatorAffiliations.roomId }),
    events: r.many.events({ from: r.mediationRooms.id, to: r.events.streamId, where: { streamType: 'MEDIATION_ROOM' } }),
  },
  mediators: {
    unit: r.one.units({ from: r.mediators.unitId, to: r.units.id, optional: false, alias: 'mediator_unit' }),
    homeUnit: r.one.units({ from: r.mediators.homeUnitId, to: r.units.id, optional: false, alias: 'mediator_home_unit' }),
    appointments: r.many.mediatorAppointments({ from: r.mediators.id, to: r.mediatorAppointments.mediatorId }),
    affiliations: r.many.mediatorAffiliations({ from: r.mediators.id, to: r.mediatorAffiliations.mediatorId }),
    trainings: r.many.mediatorTrainings({ from: r.mediators.id, to: r.mediatorTrainings.mediatorId }),
    availability: r.many.mediatorAvailability({ from: r.mediators.id, to: r.mediatorAvailability.mediatorId }),
    unavailability: r.many.mediatorUnavailability({ from: r.mediators.id, to: r.mediatorUnavailability.mediatorId }),
    relationships: r.many.mediatorRelationships({ from: r.mediators.id, to: r.mediatorRelationships.mediatorId }),
    panels: r.many.mediationPanelMembers({ from: r.mediators.id, to: r.mediationPanelMembers.mediatorId }),
    events: r.many.events({ from: r.mediators.id, to: r.events.streamId, where: { streamType: 'MEDIATOR' } }),
  },
  mediatorAppointments: {
    unit: r.one.units({ from: r.mediatorAppointments.unitId, to: r.units.id, optional: false }),
  },
  mediatorAffiliations: {
    room: r.one.mediationRooms({ from: r.mediatorAffiliations.roomId, to: r.mediationRooms.id, optional: false }),
    mediator: r.one.mediators({ from: r.mediatorAffiliations.mediatorId, to: r.mediators.id, optional: false }),
  },
  mediationSessions: {
    unit: r.one.units({ from: r.mediationSessions.unitId, to: r.units.id, optional: false }),
    petitionCase: r.one.cases({ from: r.mediationSessions.caseId, to: r.cases.id, alias: 'session_case' }),
    resultingCase: r.one.cases({ from: r.mediationSessions.resultingCaseId, to: r.cases.id, alias: 'session_resulting_case' }),
    room: r.one.mediationRooms({ from: r.mediationSessions.roomId, to: r.mediationRooms.id }),
    leadMediator: r.one.mediators({ from: r.mediationSessions.leadMediatorId, to: r.mediators.id, alias: 'session_lead' }),
    presidingMediator: r.one.mediators({ from: r.mediationSessions.presidingMediatorId, to: r.mediators.id, alias: 'session_presiding' }),
    panel: r.many.mediationPanelMembers({ from: r.mediationSessions.id, to: r.mediationPanelMembers.sessionId }),
    parties: r.many.mediationParties({ from: r.mediationSessions.id, to: r.mediationParties.sessionId }),
    agreement: r.one.mediationAgreements({ from: r.mediationSessions.id, to: r.mediationAgreements.sessionId }),
    waivers: r.many.conflictWaivers({ from: r.mediationSessions.id, to: r.conflictWaivers.sessionId }),
    events: r.many.events({ from: r.mediationSessions.id, to: r.events.streamId, where: { streamType: 'MEDIATION_SESSION' } }),
  },
  mediationPanelMembers: {
    mediator: r.one.mediators({ from: r.mediationPanelMembers.mediatorId, to: r.mediators.id, optional: false }),
    session: r.one.mediationSessions({ from: r.mediationPanelMembers.sessionId, to: r.mediationSessions.id, optional: false }),
  },
  mediationAgreements: {
    session: r.one.mediationSessions({ from: r.mediationAgreements.sessionId, to: r.mediationSessions.id, optional: false }),
    signatures: r.many.agreementSignatures({ from: r.mediationAgreements.id, to: r.agreementSignatures.agreementId }),
    followUps: r.many.performanceFollowUps({ from: r.mediationAgreements.id, to: r.performanceFollowUps.agreementId }),
  },
  conflictWaivers: {
    mediator: r.one.mediators({ from: r.conflictWaivers.mediatorId, to: r.mediators.id, optional: false }),
    party: r.one.mediationParties({ from: r.conflictWaivers.partyId, to: r.mediationParties.id, optional: false }),
  },
}));
