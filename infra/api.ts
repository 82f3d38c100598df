/**
 * The GraphQL API: one Lambda function (graphql-yoga) behind a function URL.
 */
import { databaseUrl, jwksUrl, jwtSecret } from './secrets';
import { webhookWake } from './delivery';

export const api = new sst.aws.Function('Api', {
  handler: 'functions/graphql.handler',
  runtime: 'nodejs22.x',
  memory: '512 MB',
  timeout: '30 seconds',
  url: true,
  link: [databaseUrl, jwtSecret, jwksUrl, webhookWake],
  environment: {
    NODE_ENV: 'production',
    // functions/config.ts reads the environment; the links above also expose the
    // same values as `Resource.<Name>.value` (package `sst`). Reading them from
    // Resource instead would let these secret-bearing variables go.
    DATABASE_URL: databaseUrl.value,
    JWT_SECRET: jwtSecret.value,
    JWT_JWKS_URL: jwksUrl.value,
    // functions/wake.ts: a message after each mutation starts a webhook dispatcher round
    WEBHOOK_WAKE_QUEUE_URL: webhookWake.url,
  },
});
