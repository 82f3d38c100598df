/**
 * Event delivery in the Lambda deployment (the outbox in Postgres stays the truth; see README "Integrators").
 *
 * - Stream: GraphQL subscriptions over SSE through a function URL with response streaming
 *   (functions/stream.handler). A stream ends at the function's timeout (at most 15 minutes; the handler ends it
 *   5 s before): clients resume with their last cursor.
 * - WebhookWake: the API function sends one message after a mutation (functions/wake.ts); its subscriber runs
 *   dispatcher rounds at once (functions/dispatch.handler).
 * - WebhookDispatch: the same handler every minute, the safety net for lost wake-ups and for retries falling due.
 */
import { database } from './database';
import { jwksUrl, jwtSecret } from './secrets';

const dispatcherFunction = {
  handler: 'functions/dispatch.handler',
  runtime: 'nodejs22.x' as const,
  memory: '512 MB' as const,
  // rounds stop after 4 minutes; an attempt times out after 15 s
  timeout: '5 minutes' as const,
  link: [database],
  // As in infra/api.ts: the database URL is the link, read by functions/linked.ts.
  environment: { NODE_ENV: 'production' },
};

export const webhookWake = new sst.aws.Queue('WebhookWake', {
  // longer than the dispatcher's timeout, so a message is not handed to a second function while the first runs
  visibilityTimeout: '6 minutes',
});
webhookWake.subscribe(dispatcherFunction, { batch: { size: 10, window: '1 second' } });

export const webhookDispatch = new sst.aws.Cron('WebhookDispatch', {
  schedule: 'rate(1 minute)',
  function: dispatcherFunction,
});

export const stream = new sst.aws.Function('Stream', {
  handler: 'functions/stream.handler',
  runtime: 'nodejs22.x',
  memory: '512 MB',
  timeout: '15 minutes',
  streaming: true,
  url: true,
  link: [database, jwtSecret, jwksUrl],
  environment: { NODE_ENV: 'production' },
});
