import { readConfig } from './config';
import { openNeonDatabase } from '../db/neon-database';
import { runDeadlineSweep } from '../db/cases/sweep';

// Scheduled by infra/cron.ts every 15 minutes; idempotent, so overlapping runs are harmless.
let database: ReturnType<typeof openNeonDatabase> | undefined;

export async function handler() {
  const config = readConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required in Lambda');
  database ??= openNeonDatabase(config.databaseUrl, { wsProxy: config.wsProxy, timeouts: config.databaseTimeouts });
  const report = await runDeadlineSweep(database.db, new Date());
  console.log(JSON.stringify({ sweep: report }));
  return report;
}
