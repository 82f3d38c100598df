import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { accounts } from '../db/schema';
import { MAX_TOKEN_LIFETIME_SECONDS, mintToken } from '../schema/auth';

/** What `npm run token` prints and what the local server's /dev/token answers. */
export interface DevToken {
  username: string;
  displayName: string;
  roles: string[];
  token: string;
}

export const DEV_TOKEN_PATH = '/dev/token';
export const DEV_CONTROL_KEY_HEADER = 'x-dev-control-key';
/** jose's span syntax, narrowed to what a development token needs (`12h`, `90m`). */
const EXPIRY = /^(\d{1,4})(s|m|h|d|w)$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 } as const;

/** Mints a development token for an account found by its username; undefined if there is none. */
export async function devTokenFor(db: Database, secret: string, username: string, expiresIn = '12h'): Promise<DevToken | undefined> {
  const span = EXPIRY.exec(expiresIn);
  if (!span) throw new RangeError(`有效期格式应为数字加单位，例如 12h、90m (expiry like 12h or 90m): ${expiresIn}`);
  // The API refuses tokens that live longer (schema/auth.ts): minting one would only hand out a useless token.
  if (Number(span[1]) * UNIT_SECONDS[span[2] as keyof typeof UNIT_SECONDS] > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(`有效期最长 ${MAX_TOKEN_LIFETIME_SECONDS / 3600}h (tokens live at most ${MAX_TOKEN_LIFETIME_SECONDS / 3600}h): ${expiresIn}`);
  }
  const [account] = await db.select().from(accounts).where(eq(accounts.username, username));
  if (!account) return undefined;
  const token = await mintToken(secret, {
    accountId: account.id,
    displayName: account.displayName,
    roles: account.roles,
    unitId: account.unitId,
    petitionerId: account.petitionerId,
  }, expiresIn);
  return { username: account.username, displayName: account.displayName, roles: account.roles, token };
}

/**
 * The local server mints tokens for `npm run token` while it runs (PGlite allows one process per data
 * directory, so the command must not open it itself). Only callers presenting the per-run key from the
 * data directory's lock file (mode 0600) are served: whoever may read it could open the database anyway.
 */
export function devTokenHandler(db: Database, secret: string, controlKey: string) {
  const expected = Buffer.from(controlKey);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    };
    const presented = Buffer.from(String(request.headers[DEV_CONTROL_KEY_HEADER] ?? ''));
    if (request.method !== 'POST' || presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      return send(403, { error: { code: 'auth/forbidden', message: '需要数据目录锁文件中的控制密钥 (control key from the lock file required)' } });
    }
    let body: { username?: unknown; expiresIn?: unknown };
    try {
      body = JSON.parse(await readBody(request, 4096));
    } catch {
      return send(400, { error: { code: 'input/invalid', message: '请求体应为 JSON (JSON body expected)' } });
    }
    const { username, expiresIn = '12h' } = body;
    if (typeof username !== 'string' || username.length > 40 || typeof expiresIn !== 'string') {
      return send(400, { error: { code: 'input/invalid', message: '需要 username（最多 40 个字符）和 expiresIn (username and expiresIn expected)' } });
    }
    try {
      const minted = await devTokenFor(db, secret, username, expiresIn);
      if (!minted) return send(404, { error: { code: 'account/not-found', message: `没有名为 ${username} 的账号 (no account named ${username})` } });
      return send(200, minted);
    } catch (error) {
      if (error instanceof RangeError) return send(400, { error: { code: 'input/invalid', message: error.message } });
      throw error;
    }
  };
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
