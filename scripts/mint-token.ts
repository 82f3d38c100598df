// Prints a development token for an account: `npm run token -- <username> [expiry, e.g. 8h; at most 24h]`.
// While the local server runs on the embedded database, the server mints it (PGlite allows one process
// per data directory); otherwise the command reads the account itself.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../functions/config';
import { DEV_CONTROL_KEY_HEADER, DEV_TOKEN_PATH, devTokenFor, type DevToken } from '../functions/dev-tokens';
import { DataDirLockedError, readDataDirLock, type DataDirLockInfo } from '../db/data-dir-lock';
import { openConfiguredDatabase } from '../db/open';

const NOT_CREATED =
  '数据库尚未创建或尚未迁移：请先运行 npm start（建库并写入演示数据）。\n' +
  'The database does not exist yet: run `npm start` first (it creates the database and seeds the demo accounts).';

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const [username, expiresIn = '12h'] = process.argv.slice(2);
if (!username) fail('用法 (usage): npm run token -- <username> [expiry, e.g. 8h; at most 24h]', 2);
const config = readConfig();
if (!config.auth.jwtSecret) fail('JWT_SECRET 未设置；生产令牌由 OIDC 提供方签发 (JWT_SECRET is not set; tokens from an OIDC provider are minted there)');

/** Asks the server holding the data directory; waits while it is still starting (it writes its URL once it listens). */
async function askServer(holder: DataDirLockInfo): Promise<DevToken> {
  let current: DataDirLockInfo | undefined = holder;
  for (let waited = 0; !current?.url && waited < 60_000; waited += 250) {
    if (waited === 0) console.error(`数据目录正被进程 ${holder.pid}（${holder.purpose}）使用，等待其就绪… (waiting for pid ${holder.pid})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    current = readDataDirLock(config.dataDir);
    if (!current) return mintDirectly();
  }
  if (!current?.url || !current.controlKey) throw new DataDirLockedError(config.dataDir, current ?? holder);
  const response = await fetch(`${current.url}${DEV_TOKEN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [DEV_CONTROL_KEY_HEADER]: current.controlKey },
    body: JSON.stringify({ username, expiresIn }),
  });
  const body = (await response.json()) as DevToken | { error: { message: string } };
  if ('error' in body) fail(body.error.message);
  return body;
}

async function mintDirectly(): Promise<DevToken> {
  // Opening a directory that was never created would run initdb just to find no accounts.
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION'))) fail(NOT_CREATED);
  const database = await openConfiguredDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, wsProxy: config.wsProxy, purpose: 'token' });
  let outcome: DevToken | string;
  try {
    outcome = (await devTokenFor(database.db, config.auth.jwtSecret!, username, expiresIn)) ?? `没有名为 ${username} 的账号 (no account named ${username})`;
  } catch (error) {
    // drizzle wraps the driver's error: the cause says what is missing.
    if (!/relation "accounts" does not exist/.test(`${error} ${(error as Error).cause}`)) throw error;
    outcome = NOT_CREATED;
  } finally {
    // Closed before any exit: the embedded database is never left half-closed.
    await database.close();
  }
  return typeof outcome === 'string' ? fail(outcome) : outcome;
}

try {
  const holder = config.databaseUrl ? undefined : readDataDirLock(config.dataDir);
  const minted = holder ? await askServer(holder) : await mintDirectly();
  console.error(`${minted.username} (${minted.displayName}) ${minted.roles.join(',')}`);
  console.log(minted.token);
} catch (error) {
  if (error instanceof DataDirLockedError || error instanceof RangeError) fail(error.message);
  throw error;
}
