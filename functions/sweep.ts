import { readConfig } from './config';
import { databaseReports, failed, flatten, runtimeLogger } from './log';
import { openLambdaDatabase } from './lambda-database';
import { runDeadlineSweep } from '../db/cases/sweep';

// Scheduled by infra/cron.ts every 15 minutes; idempotent, so overlapping runs are harmless.
let database: ReturnType<typeof openLambdaDatabase> | undefined;

export async function handler() {
  const config = readConfig();
  const logger = runtimeLogger(config);
  database ??= openLambdaDatabase(config, databaseReports(logger).onIdleError);
  try {
    const report = await runDeadlineSweep(database.db, new Date());
    // Counts only: the report names no case and no person.
    logger.log('info', 'sweep', flatten(report));
    return report;
  } catch (error) {
    throw failed(logger, 'sweep failed', error);
  }
}
