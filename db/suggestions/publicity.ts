/**
 * What of a suggestion the public may see. Pure: the rule and the redaction of free text; the SQL twin of
 * `isPublicSuggestion` is `publicSuggestionSql` in public-read.ts.
 *
 * A suggestion is public once staff made it public (公开, so citizens may read and endorse it) or once its
 * answer was published; never when it was declined, withdrawn or turned into a petition (the reason may be
 * unlawful content, a personal matter, or the submitter's own wish).
 */
import { maskIdentityNumber, maskMobile, maskName } from '../petitioners/identity';
import type { SuggestionStatus } from './vocabulary';

export const neverPublicStatuses = ['DECLINED', 'WITHDRAWN', 'TRANSFERRED_TO_CASE'] as const satisfies readonly SuggestionStatus[];

export function isPublicSuggestion(row: { status: SuggestionStatus; publicOn: string | null; answerPublishedOn: string | null }): boolean {
  if ((neverPublicStatuses as readonly SuggestionStatus[]).includes(row.status)) return false;
  return row.publicOn !== null || row.answerPublishedOn !== null;
}

// An 18-character resident id (17 digits and a check character), a mainland mobile, a landline with area code.
const IDENTITY = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g;

/**
 * Free text shown to the public with the personal data a citizen tends to write into it masked: identity
 * numbers, phone numbers, and the names this suggestion's submitter is known by (its contact, its account).
 * Text written by staff (answers) passes through the same filter: an answer may quote the submitter.
 */
export function redactPublicText(text: string, knownNames: readonly (string | null | undefined)[] = []): string {
  let out = text.replace(IDENTITY, (v) => maskIdentityNumber(v)).replace(MOBILE, (v) => maskMobile(v.replace(/[- ]/g, ''))).replace(LANDLINE, (v) => v.replace(/\d{4}$/, '****'));
  // Longest first, so 欧阳娜娜 is masked before 欧阳.
  const names = [...new Set(knownNames.map((n) => n?.trim()).filter((n): n is string => !!n && [...n].length >= 2))].sort((a, b) => b.length - a.length);
  for (const name of names) out = out.split(name).join(maskName(name));
  return out;
}
