/**
 * The reception domain's refusals, one catalogue (code → meaning). Codes are stable; messages are Chinese.
 * A double booking of a slot is mediation's `booking/conflict` (BookingConflictError), from the shared
 * bookings mechanism.
 */
import { AppError } from '../errors';

export const receptionRuleCodes = {
  'reception/not-a-leader': 'The account named as the receiving leader has no LEADER role.',
  'reception/not-your-unit': 'The unit, leader or room is outside the caller’s unit subtree or line.',
  'reception/room-unusable': 'The room is closed or not on the unit’s line.',
  'reception/no-such-slot': 'The date or time is not a slot of the schedule (not a reception day, rest day, cancelled, closed room, or off the slot grid).',
  'reception/slot-past': 'The slot has already begun.',
  'reception/schedule-ended': 'The schedule has ended; no more bookings or queue entries.',
  'reception/case-not-linkable': 'The case is not one the caller (or the petitioner) may link.',
  'reception/not-yet-due': 'A no-show can only be recorded once the slot has begun.',
  'reception/outcome-incomplete': 'The outcome lacks what it needs (the answer, the case to attach, the registration details).',
  'reception/not-reception-day': 'The queue is only open on a reception day of the schedule, on that day.',
  'visit/case-results': 'Carrying out a visit needs exactly one result for every case it took along.',
} as const;
export type ReceptionRuleCode = keyof typeof receptionRuleCodes;

export class ReceptionRuleError extends AppError {
  constructor(code: ReceptionRuleCode, message: string) {
    super(code, message);
    this.name = 'ReceptionRuleError';
  }
}
