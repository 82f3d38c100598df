import { drizzle } from 'drizzle-orm/neon-serverless';
import { migrate } from 'drizzle-orm/neon-serverless/migrator';
import { countingLogger, migrationsFolder, type Database, type DatabaseHandle } from './client';
import { createNeonPool, listenThrough, type NeonPoolOptions } from './neon';
import { relations } from './relations';

/** The production path: Neon's WebSocket Pool (also used against a local server through db/ws-proxy.ts). */
export function openNeonDatabase(databaseUrl: string, options: NeonPoolOptions = {}): DatabaseHandle {
  const pool = createNeonPool(databaseUrl, options);
  const db = drizzle({ client: pool, relations, logger: countingLogger });
  return {
    db: db as unknown as Database,
    driver: 'neon',
    migrate: async () => {
      await migrate(db, { migrationsFolder });
    },
    listen: (channel, onNotify) => listenThrough(pool, channel, onNotify),
    close: () => pool.end(),
  };
}
