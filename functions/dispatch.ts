import { readConfig } from './config';
import { databaseReports, failed, runtimeLogger } from './log';
import { openLambdaDatabase } from './lambda-database';
import { WebhookDispatcher } from '../db/webhooks/dispatcher';

// The webhook dispatcher in Lambda (infra/delivery.ts): woken by the WebhookWake queue after commits and run every
// minute by a schedule. Rounds until nothing is due or the time budget is spent; several may run at once (SKIP
// LOCKED claims and leases keep them from sending one attempt twice).
let database: ReturnType<typeof openLambdaDatabase> | undefined;
const BUDGET_MS = 4 * 60_000;

export async function handler() {
  const config = readConfig();
  const logger = runtimeLogger(config);
  database ??= openLambdaDatabase(config, databaseReports(logger).onIdleError);
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
