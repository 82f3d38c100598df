/// <reference path="./.sst/platform/config.d.ts" />

/**
 * SST v3 app for the 信访 GraphQL API.
 *
 * One file per concern under infra/; run() imports each in dependency order.
 * Type-check offline with `bash scripts/sst-typecheck.sh` (tsconfig.sst.json).
 * `sst deploy --stage <stage>` needs AWS credentials and network access.
 */
export default $config({
  app(input) {
    return {
      name: 'xinfang-api',
      home: 'aws',
      // Production keeps its resources (and their data) when the app is removed.
      removal: input?.stage === 'production' ? 'retain' : 'remove',
      protect: input?.stage === 'production',
      providers: {
        // Pinned so `sst install` resolves the same provider on every machine.
        // The region comes from AWS_REGION / the AWS profile at deploy time.
        aws: { version: '6.66.2' },
      },
    };
  },
  async run() {
    await import('./infra/secrets');
    await import('./infra/database');
    const { stream } = await import('./infra/delivery');
    const { api } = await import('./infra/api');
    await import('./infra/cron');

    return {
      api: api.url,
      // subscriptions (SSE): the same /graphql path on the streaming function's URL
      stream: stream.url,
    };
  },
});
