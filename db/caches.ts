import type { Executor } from './client';

/**
 * Data a service read from a database and keeps in this process (the work calendar, unit paths) belongs to that
 * database: a process that opens two (tests, an operator tool beside the server, two districts in one process)
 * must never answer one database's question with the other's rows.
 *
 * So a cache is declared by the service that owns it, `const pathsOf = perDatabase(() => new Map())`, and reached
 * as `pathsOf(db)` with the `db` every service already takes: no new parameter through the call chains, no
 * shared object that knows every domain's cache shapes, and an entry lives exactly as long as its database (a
 * WeakMap: closing and dropping a database frees its caches).
 *
 * A service is handed the database or a transaction (or savepoint) opened from it, and both must reach the same
 * cache: the one object drizzle gives a database and every transaction opened from it is its dialect (the pglite
 * and neon-serverless sessions build each transaction with `this.dialect`, drizzle-orm 1.0 rc), and each
 * `drizzle()` makes a new one. Should a drizzle upgrade change that, the failure is loud or merely slower, never a
 * leak: no dialect throws; a dialect per transaction only misses the cache (test/two-databases.test.ts checks
 * that a transaction shares its database's cache).
 */
export function perDatabase<T>(create: () => T): (db: Executor) => T {
  const caches = new WeakMap<object, T>();
  return (db) => {
    const key = identityOf(db);
    let cache = caches.get(key);
    if (cache === undefined) {
      cache = create();
      caches.set(key, cache);
    }
    return cache;
  };
}

function identityOf(db: Executor): object {
  const dialect = (db as unknown as { dialect?: object }).dialect;
  if (!dialect || typeof dialect !== 'object') throw new Error('perDatabase: not a drizzle database or transaction (no dialect to key its caches by)');
  return dialect;
}
