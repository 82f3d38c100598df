/**
 * 附议: a citizen account supports a suggestion, once; it may withdraw and endorse again. Enough
 * endorsements flag the suggestion for priority review; the flag stays once raised (the review was
 * owed the day the threshold was reached). Pure: the service keeps one row per (suggestion, account)
 * and counts only that suggestion's rows, so a count can never move to another suggestion.
 */
import type { Role } from '../accounts/actor';

import { undecidedStatuses } from './lifecycle';
import type { SuggestionStatus } from './vocabulary';
import type { SuggestionRuleCode } from './errors';

export const DEFAULT_ENDORSEMENT_THRESHOLD = 50;

export type EndorsementRefusal = Extract<SuggestionRuleCode, `suggestion/${'endorse' | 'already-endorsed' | 'not-endorsed'}${string}`>;

export interface EndorsementFacts {
  roles: readonly Role[];
  accountId: string;
  submitterAccountId: string | null;
  status: SuggestionStatus;
  /** This account's endorsement of this suggestion is active now. */
  active: boolean;
}


export function checkEndorse(f: EndorsementFacts): EndorsementRefusal | null {
  if (!f.roles.includes('PETITIONER')) return 'suggestion/endorse-citizens-only';
  if (f.submitterAccountId === f.accountId) return 'suggestion/endorse-own';
  if (!(undecidedStatuses as readonly SuggestionStatus[]).includes(f.status)) return 'suggestion/endorse-closed';
  if (f.active) return 'suggestion/already-endorsed';
  return null;
}

export function checkWithdrawEndorsement(f: EndorsementFacts): EndorsementRefusal | null {
  if (!f.roles.includes('PETITIONER')) return 'suggestion/endorse-citizens-only';
  if (!f.active) return 'suggestion/not-endorsed';
  if (!(undecidedStatuses as readonly SuggestionStatus[]).includes(f.status)) return 'suggestion/endorse-closed';
  return null;
}

/** Raised when the count reaches the threshold; never lowered. */
export function priorityFlag(alreadyFlagged: boolean, count: number, threshold: number): boolean {
  return alreadyFlagged || count >= threshold;
}
