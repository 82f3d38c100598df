/**
 * The GraphQL API: one Lambda function (graphql-yoga) behind a function URL. After a mutation it wakes the webhook
 * dispatcher through the linked WebhookWake queue (functions/wake.ts).
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
  // Secrets and the queue are links, never environment variables: in the deployed function they are in the
  // encrypted resource file SST bundles (read by functions/linked.ts, as `Resource.<Name>` reads them).
  environment: {
    NODE_ENV: 'production',
  },
});
