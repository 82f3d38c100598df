import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { countingLogger, migrationsFolder, type Database, type DatabaseHandle } from './client';
import { relations } from './relations';

/** The embedded default: Postgres in WASM, persisted under `dataDir` (or `memory://`). */
export async function openPgliteDatabase(dataDir: string): Promise<DatabaseHandle> {
  const client = await PGlite.create(dataDir);
  const db = drizzle({ client, relations, logger: countingLogger });
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    migrate: async () => {
      await migrate(db, { migrationsFolder });
    },
    close: () => client.close(),
  };
}
