import { readConfig } from './config';
import { openLambdaDatabase } from './lambda-database';
import { WebhookDispatcher } from '../db/webhooks/dispatcher';

// The webhook dispatcher in Lambda (infra/delivery.ts): woken by the WebhookWake queue after commits and run every
// minute by a schedule. Rounds until nothing is due or the time budget is spent; several may run at once (SKIP
// LOCKED claims and leases keep them from sending one attempt twice).
let database: ReturnType<typeof openLambdaDatabase> | undefined;
const BUDGET_MS = 4 * 60_000;

export async function handler() {
  const config = readConfig();
  database ??= openLambdaDatabase(config);
  const dispatcher = new WebhookDispatcher({ db: database.db, send: { allowedRanges: config.delivery.webhookAllowedRanges } });
  const started = Date.now();
  const total = { queued: 0, attempted: 0 };
  while (Date.now() - started < BUDGET_MS) {
    const round = await dispatcher.runOnce();
    total.queued += round.queued;
    total.attempted += round.attempted;
    if (!round.queued && !round.attempted) break;
  }
  console.log(JSON.stringify({ webhooks: total }));
  return total;
}
