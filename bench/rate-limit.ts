/**
 * What the cost-based rate limit adds to a request (a figure, not a test): `tsx bench/rate-limit.ts`.
 * On the local PostgreSQL server through the production Neon driver (and on PGlite), sequentially:
 * a person's bucket charge (its own statement), an API key's look-up alone vs look-up plus charge (one
 * statement), and the CPU of computing requested and actual cost for the nested list query.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { prepareDatabase } from '../db/prepare';
import { accounts } from '../db/schema';
import { createUnit } from '../db/units/service';
import { authenticateApiKey, createApiKey } from '../db/integrations/api-keys';
import { hashApiKey } from '../db/integrations/key-format';
import { chargeBucket } from '../db/integrations/rate-limit';
import { defaultBucketLimits } from '../db/integrations/leaky-bucket';
import { actualCost, requestedCost } from '../schema/integrations/cost';
import { schema } from '../schema/index';
import { parse } from 'graphql';
import { benchProxy, closeBenchProxy, SERVER_URL, databaseUrl } from './pg';

const RUNS = Number(process.env.RUNS ?? 400);

async function time(label: string, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 30; i++) await run(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { label, median: samples[Math.floor(RUNS / 2)], p99: samples[Math.floor(RUNS * 0.99)] };
}

async function measure(handle: DatabaseHandle, where: string) {
  const db = handle.db;
  const code = String(100000 + (process.pid % 800000)).slice(0, 6);
  const unit = await createUnit(db, { parentId: null, level: 'COUNTY', kind: 'PETITION_OFFICE', divisionCode: `${code}-RL${Date.now()}`, name: '基准单位' });
  const [integrator] = await db.insert(accounts).values({ username: `rl-${Date.now()}`, displayName: '基准对接', unitId: unit.id, roles: ['INTEGRATOR'] }).returning();
  const { secret } = await createApiKey(db, { accountId: integrator.id, unitPath: unit.path }, { accountId: integrator.id, name: 'bench', scopes: ['CASES_READ'], allowedIps: [] }, new Date());
  const limits = { maximum: 1e12, restorePerSecond: 1 };
  const now = () => new Date();
  const rows = [
    await time('person: bucket charge (its own statement)', () => chargeBucket(db, { bucket: `account:${integrator.id}`, limits, cost: 101, refund: 0, now: now() })),
    await time('API key: look-up alone (no limiter)', () =>
      db.execute(sql`select k.id, a.roles, u.path from api_keys k join accounts a on a.id = k.account_id join units u on u.id = k.unit_id where k.secret_hash = ${hashApiKey(secret)}`),
    ),
    await time('API key: look-up + charge (one statement)', () =>
      authenticateApiKey(db, { key: secret, clientAddress: '127.0.0.1', now: now(), cost: 101, refund: 3, defaultLimits: defaultBucketLimits.INTEGRATOR }),
    ),
  ];
  return rows.map((row) => ({ where, ...row }));
}

const query = `{ cases(first: 50) { nodes { number unit { name } participants { role petitioner { name mobile } } events(first: 5) { nodes { sequence type } } } } }`;
function costCpu() {
  const document = parse(query);
  const data = { cases: { nodes: Array.from({ length: 50 }, (_, i) => ({ number: `N${i}`, unit: { name: 'x' }, participants: [{ role: 'PRIMARY', petitioner: { name: 'a', mobile: 'b' } }], events: { nodes: Array.from({ length: 5 }, (_, s) => ({ sequence: s, type: 't' })) } })) } };
  const runs = 2000;
  for (let i = 0; i < 200; i++) actualCost(schema, document, {}, data) + requestedCost(schema, { query });
  const start = performance.now();
  for (let i = 0; i < runs; i++) actualCost(schema, document, {}, data) + requestedCost(schema, { query });
  return { requested: requestedCost(schema, { query }), actual: actualCost(schema, document, {}, data), microseconds: ((performance.now() - start) / runs) * 1000 };
}

const name = `xf_bench_rl_${process.pid}`;
const { url } = await benchProxy();
const admin = await openDatabase({ databaseUrl: SERVER_URL, wsProxy: url });
await admin.db.execute(`create database "${name}"`);
const results = [];
try {
  const server = await openDatabase({ databaseUrl: databaseUrl(name), wsProxy: url });
  await prepareDatabase(server);
  results.push(...(await measure(server, 'PostgreSQL 15 via Neon driver')));
  await server.close();
} finally {
  await admin.db.execute(`drop database if exists "${name}" with (force)`);
  await admin.close();
  await closeBenchProxy();
}
const embedded = await openDatabase({ dataDir: 'memory://' });
await prepareDatabase(embedded);
results.push(...(await measure(embedded, 'PGlite (embedded)')));
await embedded.close();

console.log(`| where | what | median ms | p99 ms |\n|---|---|---|---|`);
for (const r of results) console.log(`| ${r.where} | ${r.label} | ${r.median.toFixed(3)} | ${r.p99.toFixed(3)} |`);
const cpu = costCpu();
console.log(`\nrequested + actual cost of the nested list (requested ${cpu.requested}, actual ${cpu.actual} for 50 rows): ${cpu.microseconds.toFixed(1)} µs CPU per request`);
