/**
 * 附议: a citizen account supports a suggestion, once; it may withdraw and endorse again. Enough
 * endorsements flag the suggestion for priority review; the flag stays once raised (the review was
 * owed the day the threshold was reached). Pure: the service keeps one row per (suggestion, account)
 * and counts only that suggestion's rows, so a count can never move to another suggestion.
 */
import type { Role } from '../accounts/actor';

import { undecidedStatuses } from './lifecycle';
import type { SuggestionStatus } from './vocabulary';

export const DEFAULT_ENDORSEMENT_THRESHOLD = 50;

export type EndorsementRefusal =
  | 'suggestion/endorse-citizens-only'
  | 'suggestion/endorse-own'
  | 'suggestion/endorse-closed'
  | 'suggestion/already-endorsed'
  | 'suggestion/not-endorsed';

export interface EndorsementFacts {
  roles: readonly Role[];
  accountId: string;
  submitterAccountId: string | null;
  status: SuggestionStatus;
  /** This account's endorsement of this suggestion is active now. */
  active: boolean;
}

export const endorsementMessages: Readonly<Record<EndorsementRefusal, string>> = {
  'suggestion/endorse-citizens-only': '只有群众账号可以附议',
  'suggestion/endorse-own': '不能附议自己提出的建议',
  'suggestion/endorse-closed': '该建议已作出答复或已结束，不再接受附议',
  'suggestion/already-endorsed': '你已附议过该建议',
  'suggestion/not-endorsed': '你尚未附议该建议',
};

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
