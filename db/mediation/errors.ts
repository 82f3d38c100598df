/**
 * The mediation domain's refusals, one catalogue (code → meaning). Codes are stable; messages are Chinese and
 * say the particulars. The generic ones (`mediation/not-found`, `mediation/version-conflict`, …) come from
 * db/errors.ts and db/streams/.
 */
import { AppError } from '../errors';
import type { Conflict } from './recusal';
import type { BookingResource } from './vocabulary';

/** The codes of MediationRuleError. */
export const mediationRuleCodes = {
  'mediation/mediator-not-active': 'The mediator is not active on the roster (suspended or removed).',
  'mediation/mediator-out-of-term': 'The day is outside the mediator’s term of appointment.',
  'mediation/mediator-unavailable': 'The mediator is not available at that time.',
  'mediation/choice-window-closed': 'The parties’ window to choose a mediator together has passed; the unit appoints one.',
  'mediation/acceptance-window-open': 'The mediator may still answer; another can be appointed only once the window has passed.',
  'mediation/acceptance-window-closed': 'The window to accept mediation has passed.',
  'mediation/room-closed': 'The room is closed on that day.',
  'mediation/room-outside-hours': 'The room is not open at that time.',
  'mediation/room-too-small': 'The room cannot hold the parties and the mediators.',
  'mediation/panel-invalid': 'The panel does not fit the kind of session (too few mediators, or no presiding member among them).',
  'mediation/no-conflict': 'The mediator has no declared tie with the parties that a waiver could cover.',
  'mediation/case-not-linkable': 'A failed mediation cannot be registered as a case (it already concerns one, or has no applicant).',
  'mediator/removal-cause': 'The removal cause does not fit (e.g. a term end before the term has ended).',
  'mediator/already-affiliated': 'The mediator already serves at that room.',
} as const;
export type MediationRuleCode = keyof typeof mediationRuleCodes;

/** The codes of the mediation domain's refusals that carry more than a message. */
export const mediationConflictCodes = {
  'booking/conflict': 'The room, a mediator or an account already holds an overlapping booking (the exclusion constraint said so).',
  'mediation/recusal': 'A mediator must step aside; the conflicts say why and whether the parties may waive it.',
} as const;

export class MediationRuleError extends AppError {
  constructor(code: MediationRuleCode, message: string) {
    super(code, message);
    this.name = 'MediationRuleError';
  }
}

/** `booking/conflict`: the room or a mediator already holds an overlapping booking (the exclusion constraint said so). */
export class BookingConflictError extends AppError {
  constructor(
    readonly resourceKind: BookingResource,
    readonly resourceId: string,
    message: string,
  ) {
    super('booking/conflict', message);
    this.name = 'BookingConflictError';
  }
}

/** `mediation/recusal`: a mediator must step aside; `conflicts` say why and whether the parties may waive it. */
export class RecusalError extends AppError {
  constructor(readonly conflicts: (Conflict & { waivable: boolean })[]) {
    super('mediation/recusal', conflicts.map((c) => c.message).join('；'));
    this.name = 'RecusalError';
  }
}
