import { boolean, date, index, jsonb, numeric, pgEnum, pgTable, primaryKey, smallint, text, time, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { entityColumns, streamColumns } from './columns';
import { units } from './units.sql';
import { accounts } from './accounts.sql';
import { cases, satisfaction } from './cases.sql';
import { followUpMethod, hearings } from './lifecycle.sql';
import { petitioners } from './petitioners.sql';
import {
  backgroundLabels,
  genderLabels,
  mediatorGradeLabels,
  mediatorStatusLabels,
  panelRoleLabels,
  partyRoleLabels,
  performanceStateLabels,
  relationshipKindLabels,
  removalCauseLabels,
  roomKindLabels,
  roomStatusLabels,
  sessionKindLabels,
  sessionStatusLabels,
  specialtyLabels,
  terminationReasonLabels,
  valuesOf,
} from '../mediation/vocabulary';

export const roomKind = pgEnum('mediation_room_kind', valuesOf(roomKindLabels));
export const roomStatus = pgEnum('mediation_room_status', valuesOf(roomStatusLabels));
export const mediatorStatus = pgEnum('mediator_status', valuesOf(mediatorStatusLabels));
export const mediatorGrade = pgEnum('mediator_grade', valuesOf(mediatorGradeLabels));
export const gender = pgEnum('gender', valuesOf(genderLabels));
export const mediatorBackground = pgEnum('mediator_background', valuesOf(backgroundLabels));
export const specialty = pgEnum('mediation_specialty', valuesOf(specialtyLabels));
export const removalCause = pgEnum('mediator_removal_cause', valuesOf(removalCauseLabels));
export const relationshipKind = pgEnum('mediator_relationship_kind', valuesOf(relationshipKindLabels));
export const sessionKind = pgEnum('mediation_session_kind', valuesOf(sessionKindLabels));
export const sessionStatus = pgEnum('mediation_session_status', valuesOf(sessionStatusLabels));
export const partyRole = pgEnum('mediation_party_role', valuesOf(partyRoleLabels));
export const panelRole = pgEnum('mediation_panel_role', valuesOf(panelRoleLabels));
export const terminationReason = pgEnum('mediation_termination_reason', valuesOf(terminationReasonLabels));
export const performanceState = pgEnum('mediation_performance_state', valuesOf(performanceStateLabels));

const day = (name: string) => date(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Weekly opening hours: ISO weekday (1 = Monday) and local times "HH:MM". */
export type WeeklyHours = { weekday: number; opens: string; closes: string }[];

/** 信访评理室 / 调解室 / 矛调中心 / 乡贤评理堂. Owned by a unit; its path is copied for subtree filters. */
export const mediationRooms = pgTable(
  'mediation_rooms',
  {
    ...entityColumns,
    ...streamColumns,
    unitId: uuid('unit_id').notNull().references(() => units.id),
    unitPath: text('unit_path').notNull(),
    kind: roomKind('kind').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    divisionCode: text('division_code').notNull(),
    capacity: smallint('capacity').notNull(),
    openingHours: jsonb('opening_hours').$type<WeeklyHours>().notNull().default([]),
    status: roomStatus('status').notNull().default('OPEN'),
    closedFrom: day('closed_from'),
    closedUntil: day('closed_until'),
    closedReason: text('closed_reason'),
  },
  (t) => [index('mediation_rooms_unit_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`)],
);

/**
 * A community mediator (乡贤 / 评理员 / 人民调解员) on the roster of `unitId` (the appointing unit, whose
 * subtree's administrators manage the record). `version` counts the events of the MEDIATOR stream.
 * `rosterKey` is the roster number the unit gives; with the unit it identifies a row on re-import.
 */
export const mediators = pgTable(
  'mediators',
  {
    ...entityColumns,
    ...streamColumns,
    unitId: uuid('unit_id').notNull().references(() => units.id),
    unitPath: text('unit_path').notNull(),
    rosterKey: text('roster_key').notNull(),
    name: text('name').notNull(),
    gender: gender('gender').notNull(),
    birthYear: smallint('birth_year').notNull(),
    background: mediatorBackground('background').notNull(),
    specialties: specialty('specialties').array().notNull(),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    /** Home village (a unit): distance in the unit tree and household recusal use it. */
    homeUnitId: uuid('home_unit_id').notNull().references(() => units.id),
    homeUnitPath: text('home_unit_path').notNull(),
    /** 户号 of the mediator's own household: a party from the same household forces recusal. */
    householdCode: text('household_code'),
    mobile: text('mobile'),
    identityNumber: text('identity_number'),
    grade: mediatorGrade('grade').notNull(),
    status: mediatorStatus('status').notNull().default('CANDIDATE'),
    statusReason: text('status_reason'),
    removalCause: removalCause('removal_cause'),
    /** The MEDIATOR account that signs in as this mediator, if any. */
    accountId: uuid('account_id').references(() => accounts.id),
  },
  (t) => [
    uniqueIndex('mediators_roster_key_uq').on(t.unitId, t.rosterKey),
    uniqueIndex('mediators_account_uq').on(t.accountId).where(sql`${t.accountId} is not null`),
    index('mediators_unit_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.name, t.id),
    index('mediators_home_unit_path_idx').using('btree', sql`${t.homeUnitPath} text_pattern_ops`),
  ],
);

/** 聘任: a term on the roster (default 3 years, renewable: a renewal is a new row). */
export const mediatorAppointments = pgTable(
  'mediator_appointments',
  {
    ...entityColumns,
    mediatorId: uuid('mediator_id').notNull().references(() => mediators.id),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    startsOn: day('starts_on').notNull(),
    endsOn: day('ends_on').notNull(),
    /** Set when the term was cut short (removal, resignation). */
    endedOn: day('ended_on'),
  },
  (t) => [index('mediator_appointments_mediator_idx').on(t.mediatorId, t.startsOn)],
);

/** Which rooms a mediator sits in. */
export const mediatorAffiliations = pgTable(
  'mediator_affiliations',
  {
    mediatorId: uuid('mediator_id').notNull().references(() => mediators.id),
    roomId: uuid('room_id').notNull().references(() => mediationRooms.id),
    since: day('since').notNull(),
  },
  (t) => [primaryKey({ columns: [t.mediatorId, t.roomId] }), index('mediator_affiliations_room_idx').on(t.roomId)],
);

export const mediatorTrainings = pgTable(
  'mediator_trainings',
  {
    ...entityColumns,
    mediatorId: uuid('mediator_id').notNull().references(() => mediators.id),
    topic: text('topic').notNull(),
    hours: numeric('hours', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    trainedOn: day('trained_on').notNull(),
  },
  (t) => [index('mediator_trainings_mediator_idx').on(t.mediatorId, t.trainedOn)],
);

/** Weekly availability: on ISO `weekday` from `startsAt` to `endsAt` (China local time). */
export const mediatorAvailability = pgTable(
  'mediator_availability',
  {
    mediatorId: uuid('mediator_id').notNull().references(() => mediators.id),
    weekday: smallint('weekday').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.mediatorId, t.weekday, t.startsAt] })],
);

/** An exception to the weekly availability: away (sick, travelling) for a period. */
export const mediatorUnavailability = pgTable(
  'mediator_unavailability',
  {
    ...entityColumns,
    mediatorId: uuid('mediator_id').notNull().references(() => mediators.id),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('mediator_unavailability_mediator_idx').on(t.mediatorId, t.startsAt)],
);

/** A declared tie (relative, employer, organisation, household) that forces recusal when it touches a party. */
export const mediatorRelationships = pgTable(
  'mediator_relationships',
  {
    ...entityColumns,
    mediatorId: uuid('mediator_id').notNull().references(() => mediators.id),
    kind: relationshipKind('kind').notNull(),
    /** The related person or organisation as named. */
    name: text('name').notNull(),
    /** 居民身份证号 or 统一社会信用代码, when known: the strongest match. */
    identityNumber: text('identity_number'),
    householdCode: text('household_code'),
    note: text('note'),
  },
  (t) => [index('mediator_relationships_mediator_idx').on(t.mediatorId)],
);

/**
 * 调解 / 评理 / 听证 for a case or for a dispute that is not a petition (矛盾纠纷 found by grid workers).
 * `version` counts the events of the MEDIATION_SESSION stream. The clocks are dates on the work calendar.
 */
export const mediationSessions = pgTable(
  'mediation_sessions',
  {
    ...entityColumns,
    ...streamColumns,
    unitId: uuid('unit_id').notNull().references(() => units.id),
    unitPath: text('unit_path').notNull(),
    kind: sessionKind('kind').notNull(),
    status: sessionStatus('status').notNull().default('PENDING_MEDIATOR'),
    caseId: uuid('case_id').references(() => cases.id),
    /** The case this failed mediation became (调解不成转信访事项). */
    resultingCaseId: uuid('resulting_case_id').references(() => cases.id),
    /** The case hearing row whose pause this HEARING session drives. */
    hearingId: uuid('hearing_id').references(() => hearings.id),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    place: text('place'),
    /** Division code of the place of the dispute (属地), for matching by distance. */
    placeCode: text('place_code').notNull(),
    specialty: specialty('specialty').notNull(),
    isPublic: boolean('is_public').notNull().default(false),
    openedOn: day('opened_on').notNull(),
    choiceDueOn: day('choice_due_on').notNull(),
    assignDueOn: day('assign_due_on').notNull(),
    acceptDueOn: day('accept_due_on'),
    settleDueOn: day('settle_due_on').notNull(),
    /** Set when the parties chose jointly; false when the unit assigned. */
    chosenByParties: boolean('chosen_by_parties'),
    leadMediatorId: uuid('lead_mediator_id').references(() => mediators.id),
    presidingMediatorId: uuid('presiding_mediator_id').references(() => mediators.id),
    /** The lead and every panel member: "a mediator sees the sessions they sit on" is one indexed predicate. */
    panelMediatorIds: uuid('panel_mediator_ids').array().notNull().default(sql`'{}'::uuid[]`),
    acceptedOn: day('accepted_on'),
    roomId: uuid('room_id').references(() => mediationRooms.id),
    startsAt: instant('starts_at'),
    endsAt: instant('ends_at'),
    concludedOn: day('concluded_on'),
    terminationReason: terminationReason('termination_reason'),
    outcomeNote: text('outcome_note'),
    satisfaction: satisfaction('satisfaction'),
  },
  (t) => [
    index('mediation_sessions_unit_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.openedOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('mediation_sessions_case_idx').on(t.caseId).where(sql`${t.caseId} is not null`),
    index('mediation_sessions_panel_idx').using('gin', t.panelMediatorIds),
    index('mediation_sessions_room_idx').on(t.roomId),
  ],
);

/** The panel: the lead mediator, a presiding mediator and members (each also holds a booking). */
export const mediationPanelMembers = pgTable(
  'mediation_panel_members',
  {
    sessionId: uuid('session_id').notNull().references(() => mediationSessions.id),
    mediatorId: uuid('mediator_id').notNull().references(() => mediators.id),
    role: panelRole('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.mediatorId] }), index('mediation_panel_members_mediator_idx').on(t.mediatorId)],
);

/** A party to the dispute; contact data is stored whole and masked on output. */
export const mediationParties = pgTable(
  'mediation_parties',
  {
    ...entityColumns,
    sessionId: uuid('session_id').notNull().references(() => mediationSessions.id),
    role: partyRole('role').notNull(),
    position: smallint('position').notNull(),
    name: text('name').notNull(),
    identityNumber: text('identity_number'),
    mobile: text('mobile'),
    address: text('address'),
    householdCode: text('household_code'),
    organisation: text('organisation'),
    petitionerId: uuid('petitioner_id').references(() => petitioners.id),
  },
  (t) => [index('mediation_parties_session_idx').on(t.sessionId, t.position)],
);

/** A party's informed waiver of a disclosed conflict (回避的放弃), recorded with its statement. */
export const conflictWaivers = pgTable(
  'mediation_conflict_waivers',
  {
    ...entityColumns,
    sessionId: uuid('session_id').notNull().references(() => mediationSessions.id),
    mediatorId: uuid('mediator_id').notNull().references(() => mediators.id),
    partyId: uuid('party_id').notNull().references(() => mediationParties.id),
    relationshipId: uuid('relationship_id').references(() => mediatorRelationships.id),
    statement: text('statement').notNull(),
    recordedById: uuid('recorded_by_id').references(() => accounts.id),
  },
  (t) => [uniqueIndex('mediation_conflict_waivers_uq').on(t.sessionId, t.mediatorId, t.partyId)],
);

/** 调解协议 (《人民调解法》第二十九条): parties, dispute, terms, how and when performed; effective when all have signed. */
export const mediationAgreements = pgTable('mediation_agreements', {
  ...entityColumns,
  sessionId: uuid('session_id').notNull().unique().references(() => mediationSessions.id),
  dispute: text('dispute').notNull(),
  terms: text('terms').notNull(),
  performanceMethod: text('performance_method').notNull(),
  performanceDueOn: day('performance_due_on').notNull(),
  agreedOn: day('agreed_on').notNull(),
  effectiveOn: day('effective_on'),
  /** Last day to ask a court jointly for judicial confirmation (30 days from effect). */
  confirmationDueOn: day('confirmation_due_on'),
});

export const agreementSignatures = pgTable(
  'mediation_agreement_signatures',
  {
    agreementId: uuid('agreement_id').notNull().references(() => mediationAgreements.id),
    partyId: uuid('party_id').notNull().references(() => mediationParties.id),
    signedOn: day('signed_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.partyId] })],
);

/** 履行回访: the committee checks the agreement is being performed. */
export const performanceFollowUps = pgTable(
  'mediation_performance_follow_ups',
  {
    ...entityColumns,
    agreementId: uuid('agreement_id').notNull().references(() => mediationAgreements.id),
    method: followUpMethod('method').notNull(),
    occurredOn: day('occurred_on').notNull(),
    state: performanceState('state').notNull(),
    notes: text('notes').notNull(),
    satisfaction: satisfaction('satisfaction'),
    recordedById: uuid('recorded_by_id').references(() => accounts.id),
  },
  (t) => [index('mediation_performance_follow_ups_agreement_idx').on(t.agreementId, t.occurredOn)],
);
