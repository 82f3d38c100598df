import type { RuntimeConfig } from './config';
import { openNeonDatabase } from '../db/neon-database';

/** The Lambda functions' database: Neon at the configured URL (in SST the linked DatabaseUrl); no embedded fallback. */
export function openLambdaDatabase(config: RuntimeConfig): ReturnType<typeof openNeonDatabase> {
  if (!config.databaseUrl) throw new Error('DATABASE_URL (in SST: the linked DatabaseUrl) is required in Lambda');
  return openNeonDatabase(config.databaseUrl, { wsProxy: config.wsProxy, timeouts: config.databaseTimeouts });
}
