/**
 * CPU per request, in process: our yoga app on a generated dataset (local PostgreSQL through the
 * production Neon driver and the in-process WebSocket proxy), the three bench requests run N times
 * one after the other, CPU = process.cpuUsage() over the runs ÷ N. One process, no load generator,
 * so the shared machine disturbs it far less than `npm run bench`. Also the driver's floor (`select 1`).
 *
 *   tsx bench/cpu.ts [--name xf_bench_10k] [--runs 300] [--repeats 3] [--profile]   (--profile: bench/.out/cpu.cpuprofile)
 */
import './production-env';
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { sql } from 'drizzle-orm';
import { mintToken } from '../schema/auth';
import { createApp } from '../schema/yoga';
import { openConfiguredDatabase } from '../db/open';
import { databaseUrl } from './pg';
import { apiCaseQuery, apiListQuery, graphqlRequest, parseApiPage } from './work';

const { values: args } = parseArgs({
  options: {
    name: { type: 'string', default: 'xf_bench_10k' },
    runs: { type: 'string', default: '300' },
    repeats: { type: 'string', default: '3' },
    profile: { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);
const JWT_SECRET = 'bench-cpu-secret';

const handle = await openConfiguredDatabase({ databaseUrl: databaseUrl(args.name!) });
const db = handle.db;
const meta = (await db.execute(sql`select value from bench.meta where key = 'dataset'`)) as any;
const viewer = (meta.rows ?? meta)[0].value.viewer;
const token = await mintToken(JWT_SECRET, { accountId: viewer.accountId, displayName: viewer.displayName, roles: ['STAFF'], unitId: viewer.unitId, petitionerId: null }, '2h');
const app = createApp({ db, auth: { jwtSecret: JWT_SECRET }, production: true, logging: false, rateLimits: { STAFF: { maximum: 1e12, restorePerSecond: 1e9 } } });
const unit = encodeGlobalID('Unit', viewer.unitId);

async function call(body: ReturnType<typeof graphqlRequest>) {
  const response = await app.fetch('http://bench/graphql', { method: 'POST', headers: { ...body.headers }, body: body.body });
  const json = (await response.json()) as any;
  if (json.errors) throw new Error(JSON.stringify(json.errors).slice(0, 400));
  return json;
}

// The query `npm run bench` sends (with supervisions: ~5,700 points, within the complexity limit of 10,000).
const list = apiListQuery(true);
const first = parseApiPage(await call(graphqlRequest(list, { unit }, token)));
let after: string | null = null;
for (let page = 1; page < 20; page++) after = parseApiPage(await call(graphqlRequest(list, { unit, after }, token))).next;
const firstPage = await call(graphqlRequest(list, { unit }, token));
const caseId = firstPage.data.cases.edges[0].node.id;
const onlyWork = process.env.CPU_WORK;
const works: Record<string, () => Promise<unknown>> = {
  'select 1 (driver floor)': () => db.execute(sql`select 1`),
  'nested list (50)': () => call(graphqlRequest(list, { unit }, token)),
  'case by id': () => call(graphqlRequest(apiCaseQuery(true), { id: caseId }, token)),
  'cursor page 20': () => call(graphqlRequest(list, { unit, after }, token)),
};
if (first.numbers.length !== 50) throw new Error('the list did not return 50 cases');

let session: Session | undefined;
if (args.profile) {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
const results: Record<string, number[]> = {};
for (let repeat = 0; repeat < Number(args.repeats); repeat++) {
  for (const [name, work] of Object.entries(works)) {
    if (onlyWork && !name.startsWith(onlyWork)) continue;
    for (let i = 0; i < 20; i++) await work(); // warm
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (let i = 0; i < runs; i++) await work();
    const used = process.cpuUsage(cpu);
    (results[name] ??= []).push((used.user + used.system) / 1000 / runs);
    if (repeat === 0) console.error(`${name}: wall ${((performance.now() - wall) / runs).toFixed(2)} ms/req`);
  }
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  mkdirSync('bench/.out', { recursive: true });
  writeFileSync('bench/.out/cpu.cpuprofile', JSON.stringify(profile));
}
console.log(`| work (${args.name}, ${runs} runs × ${args.repeats}) | CPU ms/req (each repeat) |`);
console.log('|---|---|');
for (const [name, figures] of Object.entries(results)) console.log(`| ${name} | ${figures.map((f) => f.toFixed(2)).join(' / ')} |`);
await handle.close();
process.exit(0);
