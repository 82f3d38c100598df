/**
 * When to try a webhook message again (pure; the clock and the randomness are passed in).
 * Attempt 1 goes at once; after a failure the next waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (± 10 % jitter,
 * so receivers coming back from an outage are not hit by every sender in the same second). After the 8th the
 * message is given up (FAILED); it can still be redelivered by hand or replayed.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const JITTER = 0.1;
/** An endpoint whose attempts have failed for this long without one success is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * HOUR;
/** Longest Retry-After we honour (a receiver asking for more is retried then, and asks again). */
export const MAX_RETRY_AFTER_MS = 10 * HOUR;
export const ATTEMPT_TIMEOUT_MS = 15 * SECOND;

/** The delay before the next attempt after `attemptsMade` failed ones, or null when the schedule is spent. */
export function retryDelayMs(attemptsMade: number, random: () => number): number | null {
  const base = RETRY_DELAYS_MS[attemptsMade - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * SECOND : Date.parse(trimmed) - now.getTime();
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

export type AttemptVerdict =
  | { kind: 'delivered' }
  | { kind: 'disable'; reason: string }
  | { kind: 'retry'; at: Date }
  | { kind: 'give-up' };

/**
 * What an attempt's outcome means: only 2xx is success; 410 Gone disables the endpoint; 429 and 503 wait for
 * Retry-After when the receiver sent one; anything else (other statuses, redirects, timeouts, refused
 * connections) follows the schedule.
 */
export function judgeAttempt(
  outcome: { statusCode: number | null; retryAfter: string | null },
  attemptsMade: number,
  now: Date,
  random: () => number,
): AttemptVerdict {
  const status = outcome.statusCode;
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'disable', reason: '接收方返回 410 Gone：端点已停用。The receiver answered 410 Gone.' };
  const asked = status === 429 || status === 503 ? retryAfterMs(outcome.retryAfter, now) : null;
  if (attemptsMade >= MAX_ATTEMPTS) return { kind: 'give-up' };
  const delay = asked ?? retryDelayMs(attemptsMade, random);
  if (delay === null) return { kind: 'give-up' };
  return { kind: 'retry', at: new Date(now.getTime() + delay) };
}
