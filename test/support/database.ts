import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { startWsProxy } from '../../db/ws-proxy';
import { SERVER_URL } from './global-setup';
import { prepareDatabase } from '../../db/prepare';

let handle: Promise<DatabaseHandle> | undefined;

/**
 * One migrated database per test worker (vitest runs files of a worker in one module graph:
 * `isolate: false`). Tests isolate themselves by building their own unit tree (see fixtures.ts).
 * Default: in-memory PGlite. TEST_DATABASE=postgres: a fresh database on the local server,
 * reached through the Neon driver and the WebSocket proxy (the production path).
 */
export function testDatabase(): Promise<DatabaseHandle> {
  handle ??= open();
  return handle;
}

async function open(): Promise<DatabaseHandle> {
  if (process.env.TEST_DATABASE !== 'postgres') {
    const db = await openDatabase({ dataDir: 'memory://' });
    await prepareDatabase(db);
    return db;
  }
  const name = `${inject('testRunId')}_${process.env.VITEST_POOL_ID ?? process.pid}`;
  const proxy = await startWsProxy({ port: 0 });
  const admin = await openDatabase({ databaseUrl: SERVER_URL, wsProxy: proxy.url });
  try {
    await admin.db.execute(`create database "${name}"`);
  } catch (error) {
    throw new Error(`Cannot create a test database on ${SERVER_URL}: is PostgreSQL running? (${String(error)})`);
  } finally {
    await admin.close();
  }
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), wsProxy: proxy.url });
  await prepareDatabase(db);
  return db;
}
