/**
 * The deadline sweep alone on a kept dataset, inside a transaction rolled back afterwards (the dataset stays
 * as generated): `tsx bench/sweep.ts [--name xf_bench_10k] [--today 2027-06-01] [--module ../db/cases/sweep]`.
 * A later `--today` makes every case with an open clock due (on the 10k dataset: 3,295 cases, all breached),
 * which measures per-case cost without the 3-minute 1M dataset; `npm run bench` runs it at 1M with 1% due.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { openConfiguredDatabase } from '../db/open';
import { databaseUrl } from './pg';

const { values: args } = parseArgs({
  options: { name: { type: 'string', default: 'xf_bench_10k' }, today: { type: 'string', default: '2027-06-01' }, module: { type: 'string', default: '../db/cases/sweep' } },
});
const { runDeadlineSweep } = (await import(args.module!)) as { runDeadlineSweep: (db: Database, now: Date) => Promise<Record<string, number>> };
const handle = await openConfiguredDatabase({ databaseUrl: databaseUrl(args.name!) });
class Rollback extends Error {}
const due = (await handle.db.execute(sql`select count(*)::int as n from cases where warn_on <= ${args.today}`)) as any;
let report: Record<string, number> = {};
const started = performance.now();
let seconds = 0;
await handle.db
  .transaction(async (tx) => {
    report = await runDeadlineSweep(tx as unknown as Database, new Date(`${args.today}T10:00:00+08:00`));
    seconds = (performance.now() - started) / 1000;
    throw new Rollback();
  })
  .catch((error) => {
    if (!(error instanceof Rollback)) throw error;
  });
const notices = report.warnings + report.breaches;
console.log(`${args.module} on ${args.name}, today ${args.today}: ${(due.rows ?? due)[0].n} cases due, ${seconds.toFixed(2)} s, ${((seconds * 1000) / Math.max(1, notices)).toFixed(2)} ms per notice; ${JSON.stringify(report)}`);
await handle.close();
process.exit(0);
