/**
 * What the cost-based rate limit adds to a request (a figure, not a test): `tsx bench/rate-limit.ts`.
 * On the local PostgreSQL server through the production Neon driver (and on PGlite), sequentially:
 *
 * 1. Whole requests through the app in process (`{ viewer { roles } }`: the limiter's sync is the only statement it
 *    can make), a person and an API key, each BEFORE (no lease: every request syncs its bucket, as until issue 15's
 *    lease; a key's look-up on every request) and AFTER (the lease, db/integrations/rate-lease.ts, default settings:
 *    a slice of a tenth of the bucket for 1 s, rows held 5 s): milliseconds per request and the limiter's statements
 *    per request, counted with db/client.ts sqlLog.
 * 2. The statements alone: a bucket sync, an API key's look-up alone vs look-up plus sync (one statement).
 * 3. The CPU of computing requested and actual cost for the nested list query.
 *
 * RUNS (default 400) requests per figure; MODE=quick runs PGlite only.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase, sqlLog, type DatabaseHandle } from '../db/client';
import { prepareDatabase } from '../db/prepare';
import { accounts } from '../db/schema';
import { createUnit } from '../db/units/service';
import { authenticateApiKey, createApiKey } from '../db/integrations/api-keys';
import { hashApiKey } from '../db/integrations/key-format';
import { syncBucket } from '../db/integrations/rate-limit';
import { defaultBucketLimits } from '../db/integrations/leaky-bucket';
import { DEFAULT_LEASE } from '../db/integrations/rate-lease';
import { actualCost, requestedCost } from '../schema/integrations/cost';
import { schema } from '../schema/index';
import { createApp, type AppConfig } from '../schema/yoga';
import { mintToken } from '../schema/auth';
import { parse } from 'graphql';
import { benchProxy, closeBenchProxy, SERVER_URL, databaseUrl } from './pg';

const RUNS = Number(process.env.RUNS ?? 400);
const SECRET = 'bench-rate-limit-secret-at-least-32-bytes';

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)],
    p99: sorted[Math.floor(sorted.length * 0.99)],
    mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
  };
}

async function time(label: string, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 30; i++) await run(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  return { label, ...summary(samples) };
}

const isLimiterStatement = (query: string) => /^\s*(insert into rate_buckets|with signed_in as|with k as)/i.test(query);

/** RUNS sequential requests through one app instance: ms per request and limiter statements per request. */
async function requests(label: string, config: Pick<AppConfig, 'rateLease' | 'accountCacheMs'>, db: DatabaseHandle['db'], headers: Record<string, string>) {
  const app = createApp({ db, auth: { jwtSecret: SECRET }, production: true, logging: false, ...config });
  const body = JSON.stringify({ query: '{ viewer { roles } }' });
  const send = async () => {
    const response = await app.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < 30; i++) await send();
  const statements: string[] = [];
  const samples: number[] = [];
  const began = performance.now();
  await sqlLog.run(statements, async () => {
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await send();
      samples.push(performance.now() - start);
    }
  });
  return { label, ...summary(samples), limiterStatements: statements.filter(isLimiterStatement).length, seconds: (performance.now() - began) / 1000 };
}

async function measure(handle: DatabaseHandle, where: string) {
  const db = handle.db;
  const code = String(100000 + (process.pid % 800000)).slice(0, 6);
  const unit = await createUnit(db, { parentId: null, level: 'COUNTY', kind: 'PETITION_OFFICE', divisionCode: `${code}-RL${Date.now()}`, name: '基准单位' });
  const [integrator] = await db.insert(accounts).values({ username: `rl-${Date.now()}`, displayName: '基准对接', unitId: unit.id, roles: ['INTEGRATOR'] }).returning();
  const [staff] = await db.insert(accounts).values({ username: `rl-staff-${Date.now()}`, displayName: '基准工作人员', unitId: unit.id, roles: ['STAFF'] }).returning();
  const { secret } = await createApiKey(db, { accountId: integrator.id, unitPath: unit.path }, { accountId: integrator.id, name: 'bench', scopes: ['CASES_READ'], allowedIps: [] }, new Date());
  const token = await mintToken(SECRET, { accountId: staff.id, roles: ['STAFF'], unitId: unit.id, petitionerId: null });
  const person = { authorization: `Bearer ${token}` };
  const key = { 'x-api-key': secret };
  const noLease = { ...DEFAULT_LEASE, leaseMs: 0 };
  const whole = [
    // before: the account row held 5 s (as it was), the bucket charged by a statement of its own on every request
    await requests('person, before (no lease: a sync per request)', { rateLease: noLease }, db, person),
    await requests('person, after (lease)', {}, db, person),
    // before: the key looked up and charged in one statement on every request
    await requests('API key, before (look-up + charge per request)', { rateLease: noLease, accountCacheMs: 0 }, db, key),
    await requests('API key, after (lease, key row held)', {}, db, key),
  ];

  const limits = { maximum: 1e12, restorePerSecond: 1 };
  const now = () => new Date();
  const statements = [
    await time('bucket sync (its own statement)', () => syncBucket(db, { bucket: `account:${integrator.id}`, limits, need: 101, giveBack: 3, fraction: DEFAULT_LEASE.fraction, now: now() })),
    await time('API key: look-up alone (no limiter)', () =>
      db.execute(sql`select k.id, a.roles, u.path from api_keys k join accounts a on a.id = k.account_id join units u on u.id = k.unit_id where k.secret_hash = ${hashApiKey(secret)}`),
    ),
    await time('API key: look-up + sync (one statement)', () =>
      authenticateApiKey(db, { key: secret, clientAddress: '127.0.0.1', now: now(), defaultLimits: defaultBucketLimits.INTEGRATOR }, { need: 101, giveBack: 3, fraction: DEFAULT_LEASE.fraction, now: now() }),
    ),
  ];
  return { whole: whole.map((row) => ({ where, ...row })), statements: statements.map((row) => ({ where, ...row })) };
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

const results: Awaited<ReturnType<typeof measure>>[] = [];
if (process.env.MODE !== 'quick') {
  const name = `xf_bench_rl_${process.pid}`;
  const { url } = await benchProxy();
  const admin = await openDatabase({ databaseUrl: SERVER_URL, wsProxy: url });
  await admin.db.execute(`create database "${name}"`);
  try {
    const server = await openDatabase({ databaseUrl: databaseUrl(name), wsProxy: url });
    await prepareDatabase(server);
    results.push(await measure(server, 'PostgreSQL 15 via Neon driver'));
    await server.close();
  } finally {
    await admin.db.execute(`drop database if exists "${name}" with (force)`);
    await admin.close();
    await closeBenchProxy();
  }
}
const embedded = await openDatabase({ dataDir: 'memory://' });
await prepareDatabase(embedded);
results.push(await measure(embedded, 'PGlite (embedded)'));
await embedded.close();

const f = (x: number) => x.toFixed(3);
console.log(`Whole requests, ${RUNS} sequential, \`{ viewer { roles } }\` (no statement of its own):\n`);
console.log(`| where | what | median ms | mean ms | p99 ms | limiter statements (in ${RUNS} requests, over s) |\n|---|---|---:|---:|---:|---:|`);
for (const r of results.flatMap((x) => x.whole)) console.log(`| ${r.where} | ${r.label} | ${f(r.median)} | ${f(r.mean)} | ${f(r.p99)} | ${r.limiterStatements} (${r.seconds.toFixed(1)} s) |`);
console.log(`\nThe statements alone:\n`);
console.log(`| where | what | median ms | p99 ms |\n|---|---|---:|---:|`);
for (const r of results.flatMap((x) => x.statements)) console.log(`| ${r.where} | ${r.label} | ${f(r.median)} | ${f(r.p99)} |`);
const cpu = costCpu();
console.log(`\nrequested + actual cost of the nested list (requested ${cpu.requested}, actual ${cpu.actual} for 50 rows): ${cpu.microseconds.toFixed(1)} µs CPU per request`);
