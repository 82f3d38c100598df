/**
 * The benchmark's own database access: the production driver (`@neondatabase/serverless`)
 * through the loopback WebSocket proxy of db/ws-proxy.ts, as the app itself reaches the
 * local PostgreSQL server. One proxy per harness process, started on first use.
 */
import { Pool, type PoolClient } from '@neondatabase/serverless';
import { createNeonPool, type DatabaseTimeouts } from '../db/neon';
import { startWsProxy, type WsProxy } from '../db/ws-proxy';

export const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let proxy: Promise<WsProxy> | undefined;
export function benchProxy(): Promise<WsProxy> {
  proxy ??= startWsProxy({ port: 0 });
  return proxy;
}

export async function closeBenchProxy(): Promise<void> {
  if (proxy) await (await proxy).close();
  proxy = undefined;
}

/** The URL of database `name` on the benchmark's server. */
export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A pool with the production driver's timeouts unless `timeouts` says otherwise. */
export async function openPool(name: string, timeouts?: Partial<DatabaseTimeouts>): Promise<Pool> {
  const { url } = await benchProxy();
  return createNeonPool(databaseUrl(name), { wsProxy: url, timeouts });
}

/**
 * The harness's own statements (generating 1M cases, CREATE INDEX, EXPLAIN ANALYZE) run for minutes: the
 * production driver's 10 s statement timeout would cancel them (it did: the 1M dataset's case inserts).
 */
const adminTimeouts: Partial<DatabaseTimeouts> = { statementMs: 0, queryMs: 0, idleInTransactionMs: 0 };

/** Runs `fn` with one connection of a fresh pool on `name` (no statement timeouts), then closes the pool. */
export async function withClient<T>(name: string, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const pool = await openPool(name, adminTimeouts);
  try {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  const adminDb = new URL(SERVER_URL).pathname.slice(1) || 'postgres';
  return withClient(adminDb, async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
}

export async function adminQuery(sqlText: string): Promise<void> {
  const adminDb = new URL(SERVER_URL).pathname.slice(1) || 'postgres';
  await withClient(adminDb, async (c) => {
    await c.query(sqlText);
  });
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected identifier ${name}`);
  return `"${name}"`;
}
