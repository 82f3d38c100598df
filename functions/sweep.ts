import { readConfig } from './config';
import { databaseReports, failed, flatten, runtimeLogger } from './log';
import { openNeonDatabase } from '../db/neon-database';
import { runDeadlineSweep } from '../db/cases/sweep';

// Scheduled by infra/cron.ts every 15 minutes; idempotent, so overlapping runs are harmless.
let database: ReturnType<typeof openNeonDatabase> | undefined;

export async function handler() {
  const config = readConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required in Lambda');
  const logger = runtimeLogger(config);
  database ??= openNeonDatabase(config.databaseUrl, { wsProxy: config.wsProxy, timeouts: config.databaseTimeouts, onIdleError: databaseReports(logger).onIdleError });
  try {
    const report = await runDeadlineSweep(database.db, new Date());
    // Counts only: the report names no case and no person.
    logger.log('info', 'sweep', flatten(report));
    return report;
  } catch (error) {
    throw failed(logger, 'sweep failed', error);
  }
}
