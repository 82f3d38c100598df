/**
 * The GraphQL API: one Lambda function (graphql-yoga) behind a function URL.
 */
import { apiSecrets } from './secrets';

export const api = new sst.aws.Function('Api', {
  handler: 'functions/graphql.handler',
  runtime: 'nodejs22.x',
  memory: '512 MB',
  timeout: '30 seconds',
  url: true,
  link: apiSecrets,
  environment: {
    NODE_ENV: 'production',
  },
});
