import { readConfig } from './config';
import { openLambdaDatabase } from './lambda-database';
import { runDeadlineSweep } from '../db/cases/sweep';

// Scheduled by infra/cron.ts every 15 minutes; idempotent, so overlapping runs are harmless.
let database: ReturnType<typeof openLambdaDatabase> | undefined;

export async function handler() {
  const config = readConfig();
  database ??= openLambdaDatabase(config);
  const report = await runDeadlineSweep(database.db, new Date());
  console.log(JSON.stringify({ sweep: report }));
  return report;
}
