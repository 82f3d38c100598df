import type { RuntimeConfig } from './config';
import { openNeonDatabase } from '../db/neon-database';

/**
 * The Lambda functions' database: Neon at the configured URL (in SST the linked DatabaseUrl); no embedded fallback.
 * `onIdleError`: the function's logger reports a lost idle connection (functions/log.ts databaseReports).
 */
export function openLambdaDatabase(config: RuntimeConfig, onIdleError?: (error: Error) => void): ReturnType<typeof openNeonDatabase> {
  if (!config.databaseUrl) throw new Error('DATABASE_URL (in SST: the linked DatabaseUrl) is required in Lambda');
  return openNeonDatabase(config.databaseUrl, { wsProxy: config.wsProxy, timeouts: config.databaseTimeouts, onIdleError });
}
