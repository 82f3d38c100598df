import { AsyncLocalStorage } from 'node:async_hooks';
import { fileURLToPath } from 'node:url';
import type { PgAsyncDatabase, PgAsyncTransaction, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import type { DataDirLock } from './data-dir-lock';
import { relations } from './relations';
import type { DatabaseTimeouts } from './neon';

export type Database = PgAsyncDatabase<PgQueryResultHKT, typeof relations>;
export type Transaction = PgAsyncTransaction<PgQueryResultHKT, typeof relations>;
/** Either the database or an open transaction: services accept both. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'neon';
  /** PGlite on a directory: this process's lock on it (the local server adds its URL). */
  lock?: DataDirLock;
  /** Applies the committed drizzle-kit migrations. */
  migrate(): Promise<void>;
  /**
   * LISTEN on `channel`: `onNotify` runs for each notification committed by any connection (PGlite: its own
   * connection; a server: every instance). Returns the unlisten function. Notifications can be lost (reconnects),
   * so listeners also catch up on a timer.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** Postgres URL; absent means embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for a throwaway database. */
  dataDir?: string;
  /** host:port of a WebSocket→TCP proxy for the Neon driver (see db/ws-proxy.ts). */
  wsProxy?: string;
  /** Who opens it, recorded in a PGlite data directory's lock (`server`, `token`, …). */
  purpose?: string;
  /** The Neon driver's timeouts (db/neon.ts); PGlite runs in this process and has none to set. */
  timeouts?: Partial<DatabaseTimeouts>;
  /** The Neon pool lost an idle connection (db/neon.ts NeonPoolOptions.onIdleError): the entry point logs it. */
  onIdleError?: (error: Error) => void;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * SQL statements issued while a request runs, for tests and the benchmark to count.
 * Reading the store is a no-op unless a caller opened one with `sqlLog.run([], fn)`.
 */
export const sqlLog = new AsyncLocalStorage<string[]>();
/**
 * PGlite's limit: after one statement with 32,768 or more bind parameters it answered every later query
 * with no rows until restarted (PostgreSQL's protocol allows 65,535). Inputs are capped long before this
 * (schema/input-limits.ts); this is the last line, for both drivers.
 */
export const MAX_BIND_PARAMETERS = 32_767;

/** drizzle calls `logQuery` right before it sends a statement: the place to count and to refuse. */
export const countingLogger: Logger = {
  logQuery(query, params) {
    if (params.length > MAX_BIND_PARAMETERS) {
      throw new Error(`statement refused: ${params.length} bind parameters, at most ${MAX_BIND_PARAMETERS} (${query.slice(0, 80)}…)`);
    }
    sqlLog.getStore()?.push(query);
  },
};

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const { openNeonDatabase } = await import('./neon-database');
    return openNeonDatabase(config.databaseUrl, { wsProxy: config.wsProxy, timeouts: config.timeouts, onIdleError: config.onIdleError });
  }
  const { openPgliteDatabase } = await import('./pglite-database');
  return openPgliteDatabase(config.dataDir ?? '.data/pglite', config.purpose);
}
