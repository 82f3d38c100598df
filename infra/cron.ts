/**
 * The sweep every 15 minutes (functions/sweep.ts → db/cases/sweep.ts): case deadline warnings and breaches,
 * closing cases whose review window passed unused, escalating overdue supervision orders, appointment reminders
 * and the feedback clocks of suggestions.
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
