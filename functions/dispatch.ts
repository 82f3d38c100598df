import { readConfig } from './config';
import { databaseReports, failed, runtimeLogger } from './log';
import { openNeonDatabase } from '../db/neon-database';
import { WebhookDispatcher } from '../db/webhooks/dispatcher';

// The webhook dispatcher in Lambda (infra/delivery.ts): woken by the WebhookWake queue after commits and run every
// minute by a schedule. Rounds until nothing is due or the time budget is spent; several may run at once (SKIP
// LOCKED claims and leases keep them from sending one attempt twice).
let database: ReturnType<typeof openNeonDatabase> | undefined;
const BUDGET_MS = 4 * 60_000;

export async function handler() {
  const config = readConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required in Lambda');
  const logger = runtimeLogger(config);
  database ??= openNeonDatabase(config.databaseUrl, { wsProxy: config.wsProxy, timeouts: config.databaseTimeouts, onIdleError: databaseReports(logger).onIdleError });
  const dispatcher = new WebhookDispatcher({ db: database.db, send: { allowedRanges: config.delivery.webhookAllowedRanges } });
  const started = Date.now();
  const total = { queued: 0, attempted: 0 };
  try {
    while (Date.now() - started < BUDGET_MS) {
      const round = await dispatcher.runOnce();
      total.queued += round.queued;
      total.attempted += round.attempted;
      if (!round.queued && !round.attempted) break;
    }
  } catch (error) {
    throw failed(logger, 'webhook dispatch failed', error);
  }
  logger.log('info', 'webhooks', total);
  return total;
}
