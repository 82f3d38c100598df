import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, RefusedAddressError, refusedLiteral } from './address';
import { ATTEMPT_TIMEOUT_MS } from './schedule';

export interface SendOptions {
  /** Address ranges allowed besides public unicast (see address.ts); production: none. */
  allowedRanges: readonly string[];
  timeoutMs?: number;
}

export interface SendOutcome {
  statusCode: number | null;
  retryAfter: string | null;
  /** The first 500 characters of the response body, for the delivery log. */
  excerpt: string | null;
  error: string | null;
  durationMs: number;
}

const EXCERPT_CHARS = 500;

/**
 * One POST, no redirects followed (a 3xx is a failed attempt), a hard timeout for the whole exchange, and the
 * SSRF guard on the address connected to.
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (outcome: Omit<SendOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const fail = (error: string) => finish({ statusCode: null, retryAfter: null, excerpt: null, error });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return fail('URL 无法解析');
    }
    const literal = refusedLiteral(target.hostname, options.allowedRanges);
    if (literal) return fail(new RefusedAddressError(literal).message);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'xinfang-webhooks/1', ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options.allowedRanges),
    });
    timer = setTimeout(() => {
      req.destroy();
      fail(`超时（${Math.round((options.timeoutMs ?? ATTEMPT_TIMEOUT_MS) / 1000)} 秒）`);
    }, options.timeoutMs ?? ATTEMPT_TIMEOUT_MS);
    req.on('error', (error) => fail(error instanceof RefusedAddressError ? error.message : `连接失败：${(error as NodeJS.ErrnoException).code ?? error.message}`));
    req.on('response', (res) => {
      let excerpt = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (excerpt.length < EXCERPT_CHARS) excerpt += chunk;
      });
      res.on('end', () =>
        finish({ statusCode: res.statusCode ?? null, retryAfter: header(res.headers['retry-after']), excerpt: excerpt.slice(0, EXCERPT_CHARS), error: null }),
      );
      res.on('error', () => finish({ statusCode: res.statusCode ?? null, retryAfter: header(res.headers['retry-after']), excerpt: excerpt.slice(0, EXCERPT_CHARS), error: '响应中断' }));
    });
    req.end(body);
  });
}

function header(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}
