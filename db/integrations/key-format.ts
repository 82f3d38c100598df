import { createHash, randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * API key format, after GitHub's tokens: a recognisable prefix (so secret scanners find leaked keys),
 * 30 random base62 characters, and a 6-character base62 CRC32 of the random part (so a mistyped key is
 * told apart from a wrong one without a database look-up).
 */
export const API_KEY_PREFIX = 'xfk_';
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
export const API_KEY_LENGTH = API_KEY_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;
/** How much of the key lists and history show: the prefix and 8 random characters. */
const SHOWN_LENGTH = API_KEY_PREFIX.length + 8;

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(value: number, width: number): string {
  let out = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = alphabet[rest % 62] + out;
  return out.padStart(width, '0');
}

function checksumOf(random: string): string {
  return base62(crc32(random), CHECKSUM_LENGTH);
}

export function generateApiKey(): string {
  const random = Array.from({ length: RANDOM_LENGTH }, () => alphabet[randomInt(62)]).join('');
  return `${API_KEY_PREFIX}${random}${checksumOf(random)}`;
}

export type KeyShape =
  | { ok: true }
  /** not ours at all (another vendor's token, a JWT, garbage) */
  | { ok: false; reason: 'prefix' }
  /** ours, but mistyped or truncated */
  | { ok: false; reason: 'checksum' };

export function checkKeyShape(key: string): KeyShape {
  if (!key.startsWith(API_KEY_PREFIX)) return { ok: false, reason: 'prefix' };
  const body = key.slice(API_KEY_PREFIX.length);
  if (body.length !== RANDOM_LENGTH + CHECKSUM_LENGTH || !/^[0-9A-Za-z]+$/.test(body)) return { ok: false, reason: 'checksum' };
  const random = body.slice(0, RANDOM_LENGTH);
  return body.slice(RANDOM_LENGTH) === checksumOf(random) ? { ok: true } : { ok: false, reason: 'checksum' };
}

/** Keys carry 178 random bits, so a fast hash is enough (no password stretching needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function shownPrefix(key: string): string {
  return key.slice(0, SHOWN_LENGTH);
}

/** True when the header value is meant as one of our keys rather than a JWT. */
export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX);
}
