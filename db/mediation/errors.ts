/**
 * The mediation domain's refusals, one catalogue. Codes are stable; messages are Chinese.
 *
 * MediationRuleError codes:
 *  mediation/mediator-not-active, mediation/mediator-out-of-term, mediation/choice-window-closed,
 *  mediation/acceptance-window-open, mediation/not-on-panel, mediation/panel-invalid, mediation/room-closed,
 *  mediation/room-outside-hours, mediation/room-too-small, mediation/not-your-unit, mediation/case-not-linkable,
 *  mediation/mediator-unavailable, mediation/agreement-incomplete, mediation/already-referred, mediation/no-conflict,
 *  mediator/not-your-unit, mediator/removal-cause, mediator/already-affiliated, mediator/term-overlap,
 *  room/not-your-unit.
 */
import { AppError } from '../errors';
import type { Conflict } from './recusal';
import type { BookingResource } from './vocabulary';

export type MediationRuleCode = `mediation/${string}` | `mediator/${string}` | `room/${string}`;

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
