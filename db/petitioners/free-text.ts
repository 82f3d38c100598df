/**
 * Personal data typed into free text (a case's content, a decision, a note): identity numbers and mainland
 * mobile numbers are found and masked as the structured fields are (identity.ts), so no response shows them
 * whole; `reveal` (the handling unit, with a reason, in the history) is the one way to the whole text.
 *
 * Found only what carries its own proof, so case numbers, dates, amounts and division codes stay readable:
 * - 18-character 居民身份证号: a real birth date and a valid ISO 7064 check character;
 * - 15-digit first-generation number: a real birth date (19YYMMDD) after a region code starting 1–9;
 * - mobile: 1[3-9] and 9 more digits, optionally +86/0086/86 and spaces or hyphens as 3-4-4.
 * None of them may sit inside a longer run of digits (a bank account, an order number is not taken apart).
 * A mistyped identity number (wrong check character) is not recognised, as identity.ts would refuse it.
 */
import { maskIdentityNumber, maskMobile, validateResidentIdNumber } from './identity';
import { toChinaDate, type IsoDate } from '../calendar/work-calendar';

export type PersonalDataKind = 'IDENTITY_NUMBER' | 'MOBILE';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** Position in the text (UTF-16 units) of the whole match. */
  start: number;
  end: number;
  /** Normalised value: an identity number in upper case, a mobile as its 11 digits. */
  value: string;
  /** What responses show instead. */
  masked: string;
}

const ID18 = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;
const ID15 = /(?<!\d)[1-9]\d{14}(?!\d)/g;
const MOBILE = /(?<![\d+])(?:(?:\+86|0086|86)[\s-]?)?1[3-9]\d(?:\d{8}|-\d{4}-\d{4}| \d{4} \d{4})(?!\d)/g;

function validBirth(year: number, month: number, day: number, today: IsoDate): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return date.toISOString().slice(0, 10) <= today;
}

/** Every pattern above needs at least 11 digits; most texts (titles, notes) have fewer and skip the regexes. */
function hasElevenDigits(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++digits === 11) return true;
  }
  return false;
}

/** Every identity number and mobile in the text, in order of position, none overlapping. */
export function findPersonalData(text: string, options: { today?: IsoDate } = {}): PersonalDataMatch[] {
  if (!hasElevenDigits(text)) return [];
  const today = options.today ?? toChinaDate(new Date());
  const found: PersonalDataMatch[] = [];
  const taken = (start: number, end: number) => found.some((m) => start < m.end && m.start < end);
  for (const match of text.matchAll(ID18)) {
    const check = validateResidentIdNumber(match[0], { today });
    if (check.ok) found.push({ kind: 'IDENTITY_NUMBER', start: match.index, end: match.index + 18, value: check.normalized, masked: maskIdentityNumber(check.normalized) });
  }
  for (const match of text.matchAll(ID15)) {
    const v = match[0];
    if (!validBirth(1900 + Number(v.slice(6, 8)), Number(v.slice(8, 10)), Number(v.slice(10, 12)), today)) continue;
    if (!taken(match.index, match.index + 15)) found.push({ kind: 'IDENTITY_NUMBER', start: match.index, end: match.index + 15, value: v, masked: maskIdentityNumber(v) });
  }
  for (const match of text.matchAll(MOBILE)) {
    const end = match.index + match[0].length;
    if (taken(match.index, end)) continue;
    const digits = match[0].replace(/\D/g, '').slice(-11);
    found.push({ kind: 'MOBILE', start: match.index, end, value: digits, masked: maskMobile(digits) });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text with every identity number and mobile masked (110***********002X, 138****8000). */
export function maskPersonalData(text: string, options: { today?: IsoDate } = {}): string {
  const found = findPersonalData(text, options);
  if (!found.length) return text;
  let out = '';
  let at = 0;
  for (const match of found) {
    out += text.slice(at, match.start) + match.masked;
    at = match.end;
  }
  return out + text.slice(at);
}

/** `maskPersonalData` on a nullable field. */
export function maskText<T extends string | null | undefined>(text: T): T {
  return (typeof text === 'string' ? maskPersonalData(text) : text) as T;
}

/** Every string inside a JSON value masked (an event's payload: reasons, notes, summaries). */
export function maskPersonalDataDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPersonalData(value) as T;
  if (Array.isArray(value)) return value.map((item) => maskPersonalDataDeep(item)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskPersonalDataDeep(item)])) as T;
  }
  return value;
}
