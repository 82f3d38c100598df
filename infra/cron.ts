/**
 * Periodic sweep (overdue cases, expired mediation-room bookings, …) every 15 minutes.
 */
import { database } from './database';

export const sweep = new sst.aws.Cron('Sweep', {
  schedule: 'rate(15 minutes)',
  function: {
    handler: 'functions/sweep.handler',
    runtime: 'nodejs22.x',
    memory: '512 MB',
    timeout: '5 minutes',
    link: [database],
    // As in infra/api.ts: the database URL is the link, read by functions/linked.ts.
    environment: { NODE_ENV: 'production' },
  },
});
