import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { countingLogger, migrationsFolder, type Database, type DatabaseHandle } from './client';
import { acquireDataDirLock } from './data-dir-lock';
import { relations } from './relations';

/**
 * The embedded default: Postgres in WASM, persisted under `dataDir` (or `memory://`). A directory is
 * locked for this process (db/data-dir-lock.ts) before PGlite touches it, and created with its parents
 * (PGlite makes only the last folder, and `.data/` is not in a fresh clone).
 */
export async function openPgliteDatabase(dataDir: string, purpose = 'database'): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  const lock = inMemory ? undefined : acquireDataDirLock(dataDir, purpose);
  let client: PGlite;
  try {
    if (!inMemory) mkdirSync(dataDir, { recursive: true });
    // btree_gist: the bookings' exclusion constraint (no double booking) needs it; the migration creates it.
    client = await PGlite.create(dataDir, { extensions: { btree_gist } });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzle({ client, relations, logger: countingLogger });
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    lock,
    migrate: async () => {
      await migrate(db, { migrationsFolder });
    },
    listen: (channel, onNotify) => client.listen(channel, () => onNotify()),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
