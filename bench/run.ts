/**
 * `npm run bench`: our API side by side with PostGraphile V5 and a hand-written SQL baseline, on the
 * local PostgreSQL server, plus cold start and growth. Writes BENCHMARKS.md. See bench/README.md.
 *
 *   tsx bench/run.ts [--smoke] [--duration S] [--levels 1,8,32] [--no-1m] [--no-peer] [--no-sweep]
 *                    [--regenerate] [--profile] [--seed N] [--no-delivery] [--only-delivery] [--only-cold]
 *
 * --smoke: tiny data (200 cases), 1 s per load level at 1 and 8 connections, three cold starts;
 *          writes bench/.out/BENCHMARKS.smoke.md and exits non-zero on any wrong answer or failed
 *          request, so CI notices a harness that rotted.
 * --only-cold: just the cold start part (build, bare yoga hello world, alternating probes) on the 10k dataset
 *          (the smoke dataset with --smoke); prints the figures and writes bench/.out/COLD.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { sqlLog, type Database } from '../db/client';
import { relations } from '../db/relations';
import { mintToken } from '../schema/auth';
import { createApp } from '../schema/yoga';
import { startWsProxy } from '../db/ws-proxy';
import { schema } from '../schema/index';
import { ANCHOR_DATE, DEFAULT_SEED, checkInvariants, ensureDataset, type DatasetInfo } from './generate';
import { adminQuery, closeBenchProxy, openPool, withClient } from './pg';
import { nestedListSql } from './sql';
import { deliveryBench, deliveryLines } from './delivery';
import {
  apiCaseQuery,
  apiListQuery,
  graphqlRequest,
  parseApiPage,
  parsePeerPage,
  parseRawPage,
  peerCaseQuery,
  peerListQuery,
  rawRequest,
  type HttpRequestSpec,
  type Page,
  type ServerName,
  type WorkName,
} from './work';

// The cost limiter stays on (its charge is part of every request's CPU), but the load's buckets never run dry: one
// staff token drives hundreds of requests a second, and PostGraphile and the raw handler have no limiter at all.
const unthrottled = { STAFF: { maximum: 1e12, restorePerSecond: 1e9 }, LEADER: { maximum: 1e12, restorePerSecond: 1e9 }, ADMIN: { maximum: 1e12, restorePerSecond: 1e9 } };
const UNTHROTTLED = JSON.stringify(unthrottled);

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, 'bench', '.out');
const peerDir = path.join(repo, 'bench', 'peer');
const peerNode = path.join(peerDir, 'node_modules', '.bin', 'node');
const JWT_SECRET = 'bench-secret-not-for-production-0123456789';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    duration: { type: 'string' },
    levels: { type: 'string' },
    'no-1m': { type: 'boolean', default: false },
    'no-peer': { type: 'boolean', default: false },
    'no-sweep': { type: 'boolean', default: false },
    regenerate: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'no-what-if': { type: 'boolean', default: false },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    'no-delivery': { type: 'boolean', default: false },
    'only-delivery': { type: 'boolean', default: false },
    'only-cold': { type: 'boolean', default: false },
  },
});
const smoke = args.smoke!;
const duration = Number(args.duration ?? (smoke ? 1 : 6));
const levels = (args.levels ?? (smoke ? '1,8' : '1,8,32')).split(',').map(Number);
const seed = Number(args.seed);
const coldRuns = smoke ? 3 : 9;
const deepPageNumber = smoke ? 2 : 20;
const servers: ServerName[] = ['api', 'postgraphile', 'raw'];
const works: WorkName[] = ['nested', 'byId', 'deepPage'];
const serverLabel: Record<ServerName, string> = { api: 'our API', postgraphile: 'PostGraphile V5', raw: 'raw SQL' };
const workLabel: Record<WorkName, string> = { nested: 'nested list (50)', byId: 'case by id', deepPage: `cursor page ${deepPageNumber}` };

const problems: string[] = [];
const notes: string[] = [];
const log = (line: string) => console.log(line);

// ---------------------------------------------------------------------------
// Processes

interface Running {
  name: string;
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  logFile: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function startProcess(name: string, command: string, argv: string[], env: Record<string, string>, cwd = repo): Promise<Running> {
  const port = Number(env.PORT);
  const logFile = path.join(out, 'logs', `${name}.log`);
  await mkdir(path.dirname(logFile), { recursive: true });
  const stream = createWriteStream(logFile);
  const child = spawn(command, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(stream);
  child.stderr!.pipe(stream);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, port, exited, logFile };
}

async function waitReady(server: Running, probe: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) break;
    try {
      if (await probe()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = existsSync(server.logFile) ? readFileSync(server.logFile, 'utf8').slice(-2000) : '';
  throw new Error(`${server.name} did not become ready (${exitCode !== undefined ? `exited ${exitCode}` : 'timeout'})\n${tail}`);
}

async function stopProcess(server: Running): Promise<void> {
  if (server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 5000);
  await server.exited;
  clearTimeout(timer);
}

function procStatus(pid: number): { rssMb: number; hwmMb: number } {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, hwmMb: NaN };
  }
}

/**
 * Resets the process's VmHWM to its current RSS (Linux ≥ 4.0: `echo 5 > /proc/<pid>/clear_refs`), so that VmHWM
 * read after a run is the peak of that run. False where the kernel refuses it (the peak is then unknown).
 */
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** VmHWM over a process's whole life, across the per-run resets: the highest peak seen before each reset and after. */
const lifetimePeakMb = new Map<number, number>();
function notePeak(pid: number, hwmMb: number): void {
  if (Number.isFinite(hwmMb)) lifetimePeakMb.set(pid, Math.max(lifetimePeakMb.get(pid) ?? 0, hwmMb));
}
function lifetimePeak(pid: number): number {
  notePeak(pid, procStatus(pid).hwmMb);
  return lifetimePeakMb.get(pid) ?? NaN;
}

const clockTicks = 100; // USER_HZ on Linux
function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return NaN;
  }
}

function runNode(command: string, argv: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, argv, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

// ---------------------------------------------------------------------------
// HTTP

async function httpJson(port: number, req: HttpRequestSpec, pathOverride?: string): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${pathOverride ?? req.path}`, { method: req.method, headers: { ...req.headers }, body: req.body });
  const text = await response.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // leave null
  }
  return { status: response.status, json, text };
}

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  badBodies: number;
  badSample: string | null;
  bytesPerRequest: number;
  rssMb: number;
  /** VmHWM over the run alone (reset before it); NaN where the kernel cannot reset it. */
  peakRssMb: number;
  cpuMsPerRequest: number;
}

/**
 * Waits until no query of an earlier run is still executing on the database: when the client gives up
 * at the end of a run, the server may still be working through queued queries, which would otherwise
 * eat into the next run.
 */
async function drain(name: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await withClient(name, async (c) => {
    while (Date.now() < deadline) {
      const { rows } = await c.query(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
      );
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  });
}

async function load(server: Running, req: HttpRequestSpec, connections: number, seconds: number, expect: string): Promise<LoadResult> {
  const spec = {
    url: `http://127.0.0.1:${server.port}${req.path}`,
    method: req.method,
    headers: Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.toLowerCase() !== 'content-length')),
    body: req.body,
    connections,
    duration: seconds,
    expect,
  };
  if (process.env.BENCH_DEBUG) await writeFile(path.join(out, `spec-${server.name}.json`), JSON.stringify(spec));
  const pid = server.child.pid!;
  notePeak(pid, procStatus(pid).hwmMb);
  const peakReset = resetPeakRss(pid);
  const cpuBefore = procCpuMs(pid);
  const run = await runNode(process.execPath, [path.join(repo, 'bench', 'load.mjs'), JSON.stringify(spec)], {}, (seconds + 60) * 1000);
  const cpuAfter = procCpuMs(pid);
  const { rssMb, hwmMb } = procStatus(pid);
  notePeak(pid, hwmMb);
  if (run.code !== 0) throw new Error(`load run failed: ${run.stderr.slice(-1000)}`);
  const r = JSON.parse(run.stdout.trim().split('\n').pop()!);
  if (!r.requests) log(`    (no request completed: ${run.stdout.slice(-500)} ${run.stderr.slice(-500)})`);
  return {
    ...r,
    rps: r.requests / (r.durationSeconds || seconds),
    rssMb,
    peakRssMb: peakReset ? hwmMb : NaN,
    cpuMsPerRequest: r.requests ? (cpuAfter - cpuBefore) / r.requests : NaN,
  };
}

// ---------------------------------------------------------------------------
// Setup of the peer and the bundles

async function ensurePeer(): Promise<string | null> {
  if (args['no-peer']) return 'skipped (--no-peer)';
  const installed = () => existsSync(peerNode) && existsSync(path.join(peerDir, 'node_modules', 'postgraphile', 'package.json'));
  if (!installed()) {
    log('installing the peer (PostGraphile V5 + Node 22) into bench/peer/node_modules: npm ci --prefix bench/peer');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = await runNode(npm, ['ci', '--prefix', peerDir, '--no-audit', '--no-fund'], {}, 300_000);
    if (r.code !== 0) return `skipped: npm ci --prefix bench/peer failed (${r.stderr.trim().split('\n').slice(-2).join(' ')})`;
  }
  if (!installed()) return 'skipped: bench/peer/node_modules has no Node 22 or postgraphile';
  const v = await runNode(peerNode, ['-v']);
  if (v.code !== 0 || !/^v2[2-9]\./.test(v.stdout.trim())) return `skipped: bench/peer's node is ${v.stdout.trim() || 'not runnable'}, PostGraphile V5 needs Node 22`;
  return null;
}

// As scripts/build.ts bundles the Lambda handlers, so the hello world is built the same way.
const esbuildCommon = {
  bundle: true,
  format: 'esm' as const,
  platform: 'node' as const,
  mainFields: ['module', 'main'],
  charset: 'utf8' as const,
  minify: true,
  treeShaking: true,
  legalComments: 'none' as const,
  banner: { js: "import { createRequire as __xfCreateRequire } from 'node:module';\nconst require = __xfCreateRequire(import.meta.url);" },
  external: ['@aws-sdk/*'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error' as const,
};

/** Our API's server and the raw baseline, bundled like the Lambda (minified ESM, NODE_ENV=production). */
async function buildServers(): Promise<{ api: string; raw: string }> {
  const outdir = path.join(out, 'servers');
  await rm(outdir, { recursive: true, force: true });
  await build({
    ...esbuildCommon,
    absWorkingDir: repo,
    entryPoints: { api: path.join(repo, 'functions', 'server.ts'), raw: path.join(repo, 'bench', 'servers', 'raw.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    target: 'node20',
  });
  // functions/server.ts applies the migrations at start (a no-op on a migrated database); db/client.ts
  // finds them beside itself, which in the bundle is a chunk.
  for (const dir of [outdir, path.join(outdir, 'chunks')]) await cp(path.join(repo, 'db', 'migrations'), path.join(dir, 'migrations'), { recursive: true });
  return { api: path.join(outdir, 'api.mjs'), raw: path.join(outdir, 'raw.mjs') };
}

// ---------------------------------------------------------------------------
// One dataset: servers up, correctness, statements, load, explain

interface DatasetRun {
  info: DatasetInfo;
  label: string;
  results: Map<string, LoadResult>; // `${work}|${server}|${connections}`
  /** `charges`: of the warm statements, the cost bucket's charge (issue 15's rate limit), not the request's query. */
  statements: Record<WorkName, { cold: number; warm: number; charges: number; coldCharges?: number }>;
  peerStatements?: Record<WorkName, number>;
  peerSql?: string;
  ourSql?: string;
  whatIf?: { results: Map<string, LoadResult>; explain: string; levels: number[]; seconds: number };
  explain: { nested: string; rawNested: string };
  peakRssMb: Partial<Record<ServerName, number>>;
  startupMs: Partial<Record<ServerName, number>>;
  sweep?: SweepResult;
  profile?: string;
}

interface SweepResult {
  ran: boolean;
  seconds?: number;
  report?: Record<string, unknown>;
  dueRows: number;
  totalRows: number;
  plans: { label: string; plan: string }[];
  note?: string;
}

const key = (work: WorkName, server: ServerName, c: number) => `${work}|${server}|${c}`;

async function preparePeerObjects(name: string) {
  await withClient(name, async (c) => {
    await c.query('create schema if not exists bench_peer');
    await c.query(`create or replace view bench_peer.case_events as
      select id, stream_type, stream_id, sequence, type, actor_id, actor_roles, actor_unit_id, from_status, to_status, occurred_at, recorded_at, payload
      from public.events where stream_type = 'CASE'`);
    await c.query(`comment on view bench_peer.case_events is E'@foreignKey (stream_id) references public.cases (id)\\n@primaryKey id\\n@name case_events'`);
  });
}


async function runDataset(
  info: DatasetInfo,
  label: string,
  bundles: { api: string; raw: string },
  peerSkip: string | null,
  plan: { works: WorkName[]; levels: number[]; seconds: number; sweep: boolean; profile: boolean; whatIf: boolean },
): Promise<DatasetRun> {
  const run: DatasetRun = {
    info,
    label,
    results: new Map(),
    statements: {} as DatasetRun['statements'],
    explain: { nested: '', rawNested: '' },
    peakRssMb: {},
    startupMs: {},
  };
  const hasSupervisions = 'supervisions' in info.counts;
  const apiHasSupervisions = Boolean((schema.getType('Case') as any)?.getFields?.().supervisions);
  if (hasSupervisions && !apiHasSupervisions) notes.push('Our API has no Case.supervisions field yet: its nested query omits supervisions.');
  const viewer = info.viewer;
  const token = await mintToken(JWT_SECRET, { accountId: viewer.accountId, displayName: viewer.displayName, roles: ['STAFF'], unitId: viewer.unitId, petitionerId: null }, '2h');
  const unitGlobalId = encodeGlobalID('Unit', viewer.unitId);
  await preparePeerObjects(info.name);

  // In-process app on the same database, to count statements and capture our SQL for EXPLAIN.
  const pool = await openPool(info.name);
  const captured: { query: string; params: unknown[] }[] = [];
  const db = drizzle({
    client: pool,
    relations,
    logger: {
      logQuery(query, params) {
        sqlLog.getStore()?.push(query);
        captured.push({ query, params });
      },
    },
  }) as unknown as Database;
  const app = createApp({ db, auth: { jwtSecret: JWT_SECRET }, production: true, rateLimits: unthrottled });
  const inProcess = async (req: HttpRequestSpec) => {
    const statements: string[] = [];
    captured.length = 0;
    // A copy of the headers: yoga's fetch adds content-length to the object it is given.
    const response = await sqlLog.run(statements, () => app.fetch(`http://bench${req.path}`, { method: req.method, headers: { ...req.headers }, body: req.body }));
    const json = await response.json();
    return { statements, json, captured: [...captured] };
  };
  // The cost-based rate limit syncs the caller's bucket before execution when the instance's lease on it is spent
  // or expired (db/integrations/rate-lease.ts), with the account row read in the same statement when it is stale.
  const isBucketCharge = (query: string) => /^\s*(insert into rate_buckets\b|with signed_in as\b)/i.test(query);
  const querySql = (run: { captured: { query: string; params: unknown[] }[] }) => run.captured.find((c) => !isBucketCharge(c.query));

  const started: Partial<Record<ServerName, Running>> = {};
  // The WebSocket→TCP proxy the Neon driver talks to runs here, in the runner, for our API and the raw baseline
  // alike: in production it is Neon's, so neither server's CPU per request includes it.
  const wsProxy = await startWsProxy({ port: 0 });
  try {
    // Start the servers one after the other (startup time measured alone).
    const t0 = performance.now();
    const apiPort = await freePort();
    started.api = await startProcess(`api-${label}`, process.execPath, [bundles.api], {
        DATABASE_WS_PROXY: wsProxy.url,
      NODE_ENV: 'production',
      DATABASE_URL: info.url,
      JWT_SECRET,
      PORT: String(apiPort),
      RATE_LIMITS: UNTHROTTLED,
    });
    await waitReady(started.api, async () => (await httpJson(apiPort, graphqlRequest('{ __typename }', {}))).status === 200);
    run.startupMs.api = performance.now() - t0;

    const t1 = performance.now();
    const rawPort = await freePort();
    started.raw = await startProcess(`raw-${label}`, process.execPath, [bundles.raw], {
        DATABASE_WS_PROXY: wsProxy.url,
      NODE_ENV: 'production',
      DATABASE_URL: info.url,
      JWT_SECRET,
      PORT: String(rawPort),
      BENCH_SUPERVISIONS: hasSupervisions ? '1' : '0',
    });
    await waitReady(started.raw, async () => (await fetch(`http://127.0.0.1:${rawPort}/`)).status > 0);
    run.startupMs.raw = performance.now() - t1;

    if (!peerSkip) {
      const t2 = performance.now();
      const peerPort = await freePort();
      started.postgraphile = await startProcess(
        `postgraphile-${label}`,
        peerNode,
        [path.join(peerDir, 'server.mjs')],
        { NODE_ENV: 'production', DATABASE_URL: info.url, PORT: String(peerPort), BENCH_SCHEMAS: 'public,bench_peer' },
        peerDir,
      );
      await waitReady(started.postgraphile, async () => (await httpJson(peerPort, graphqlRequest('{ __typename }', {}))).status === 200);
      run.startupMs.postgraphile = performance.now() - t2;
    }
    const active = servers.filter((s) => started[s]);

    // The requests of each server for each work; the deep page's cursor is found by walking pages.
    const apiList = apiListQuery(hasSupervisions && apiHasSupervisions);
    const peerList = peerListQuery(hasSupervisions);
    const listReq = {
      api: (after: string | null) => graphqlRequest(apiList, { unit: unitGlobalId, after }, token),
      postgraphile: (after: string | null) => graphqlRequest(peerList, { visible: viewer.unitPath, subtree: viewer.unitPath, after }),
      raw: (after: string | null) => rawRequest(`/cases?unit=${viewer.unitId}${after ? `&after=${encodeURIComponent(after)}` : ''}`, token),
    } satisfies Record<ServerName, (after: string | null) => HttpRequestSpec>;
    const parse: Record<ServerName, (json: any) => Page> = { api: parseApiPage, postgraphile: parsePeerPage, raw: parseRawPage };
    const pages: Partial<Record<ServerName, { first: Page; deep: Page; deepAfter: string | null }>> = {};
    for (const s of active) {
      const port = started[s]!.port;
      let after: string | null = null;
      let first: Page | null = null;
      let page: Page | null = null;
      let deepAfter: string | null = null;
      for (let n = 1; n <= deepPageNumber; n++) {
        const res = await httpJson(port, listReq[s](after));
        if (res.status !== 200 || !res.json) throw new Error(`${s} list page ${n}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
        page = parse[s](res.json);
        if (n === 1) first = page;
        if (n === deepPageNumber) deepAfter = after;
        after = page.next;
        if (!page.hasNextPage && n < deepPageNumber) throw new Error(`${s}: the list has fewer than ${deepPageNumber} pages of 50 on ${info.name}`);
      }
      pages[s] = { first: first!, deep: page!, deepAfter };
    }
    // Same answers everywhere.
    const reference = pages.raw!;
    for (const s of active) {
      for (const which of ['first', 'deep'] as const) {
        const a = pages[s]![which].numbers.join(',');
        const b = reference[which].numbers.join(',');
        if (a !== b) problems.push(`${info.name}: ${serverLabel[s]}'s ${which} page differs from the raw baseline's`);
      }
      if (pages[s]!.first.numbers.length !== 50 && !smoke) problems.push(`${info.name}: ${serverLabel[s]} returned ${pages[s]!.first.numbers.length} cases, not 50`);
    }
    const sampleNumber = reference.first.numbers[7 % reference.first.numbers.length];
    const sample = await withClient(info.name, async (c) => (await c.query('select id from cases where number = $1', [sampleNumber])).rows[0].id as string);
    const requests: Record<WorkName, Partial<Record<ServerName, HttpRequestSpec>>> = {
      nested: { api: listReq.api(null), postgraphile: listReq.postgraphile(null), raw: listReq.raw(null) },
      deepPage: {
        api: listReq.api(pages.api?.deepAfter ?? null),
        postgraphile: listReq.postgraphile(pages.postgraphile?.deepAfter ?? null),
        raw: listReq.raw(pages.raw?.deepAfter ?? null),
      },
      byId: {
        api: graphqlRequest(apiCaseQuery(hasSupervisions && apiHasSupervisions), { id: encodeGlobalID('Case', sample) }, token),
        postgraphile: graphqlRequest(peerCaseQuery(hasSupervisions), { id: sample }),
        raw: rawRequest(`/cases/${sample}`, token),
      },
    };
    for (const s of active) {
      const res = await httpJson(started[s]!.port, requests.byId[s]!);
      if (!res.text.includes(`"${sampleNumber}"`)) problems.push(`${info.name}: ${serverLabel[s]} did not return case ${sampleNumber} by id: ${res.text.slice(0, 200)}`);
    }

    // Statements per request of our API, in process (db/client.ts sqlLog): first and warm.
    for (const w of works) {
      const cold = await inProcess(requests[w].api!);
      const warm = await inProcess(requests[w].api!);
      if (warm.json.errors) problems.push(`${info.name}: in-process ${w}: ${JSON.stringify(warm.json.errors).slice(0, 300)}`);
      run.statements[w] = {
        cold: cold.statements.length,
        warm: warm.statements.length,
        charges: warm.statements.filter(isBucketCharge).length,
        coldCharges: cold.statements.filter(isBucketCharge).length,
      };
      const ours = querySql(warm);
      if (w === 'nested' && ours) {
        const { query, params } = ours;
        run.ourSql = query;
        run.explain.nested = await withClient(info.name, async (c) =>
          (await c.query(`explain (analyze, buffers, costs off, timing on) ${query}`, params as unknown[])).rows.map((r: any) => r['QUERY PLAN']).join('\n'),
        );
      }
    }
    const likePrefix = `${viewer.unitPath}%`;
    run.explain.rawNested = await withClient(info.name, async (c) =>
      (await c.query(`explain (analyze, buffers, costs off, timing on) ${nestedListSql(hasSupervisions)}`, [likePrefix, viewer.unitPath, likePrefix, null, null, 50])).rows
        .map((r: any) => r['QUERY PLAN'])
        .join('\n'),
    );

    // PostGraphile's statements per request: a second instance with DEBUG=@dataplan/pg:PgExecutor,
    // which logs every SQL statement it sends ("# SQL QUERY:"); its SQL is kept for the report.
    if (!peerSkip) {
      const port = await freePort();
      const dbg = await startProcess(
        `postgraphile-debug-${label}`,
        peerNode,
        [path.join(peerDir, 'server.mjs')],
        { NODE_ENV: 'production', DATABASE_URL: info.url, PORT: String(port), BENCH_SCHEMAS: 'public,bench_peer', DEBUG: '@dataplan/pg:PgExecutor' },
        peerDir,
      );
      try {
        await waitReady(dbg, async () => (await httpJson(port, graphqlRequest('{ __typename }', {}))).status === 200);
        run.peerStatements = {} as Record<WorkName, number>;
        for (const w of works) {
          await httpJson(port, requests[w].postgraphile!);
          await new Promise((r) => setTimeout(r, 300));
          const before = readFileSync(dbg.logFile, 'utf8').length;
          await httpJson(port, requests[w].postgraphile!);
          await new Promise((r) => setTimeout(r, 300));
          const text = readFileSync(dbg.logFile, 'utf8').slice(before);
          run.peerStatements[w] = text.split('# SQL QUERY:').length - 1;
          if (w === 'nested') run.peerSql = text.slice(text.indexOf('# SQL QUERY:'), text.indexOf('# PLACEHOLDERS:')).replace('# SQL QUERY:', '').trim();
        }
      } finally {
        await stopProcess(dbg);
      }
    }

    // Warm up, then the load matrix: for each work and level the servers run back to back. 5 s of each work for
    // each server: with 1.5 s (about 100 nested lists for our API) the first measured run was still JIT-cold, its
    // CPU per request 17-19 ms where the same request measured 10-13 ms later in the same process.
    const expect = (w: WorkName) => (w === 'byId' ? `"${sampleNumber}"` : `"${reference[w === 'nested' ? 'first' : 'deep'].numbers.at(-1)}"`);
    for (const s of active) {
      for (const w of plan.works) await load(started[s]!, requests[w][s]!, 4, smoke ? 0.5 : 5, expect(w));
    }
    await drain(info.name);
    for (const w of plan.works) {
      for (const c of plan.levels) {
        for (const s of active) {
          const r = await load(started[s]!, requests[w][s]!, c, plan.seconds, expect(w));
          await drain(info.name);
          run.results.set(key(w, s, c), r);
          log(
            `  ${label.padEnd(5)} ${workLabel[w].padEnd(18)} c=${String(c).padEnd(3)} ${serverLabel[s].padEnd(16)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ` +
              `errors ${r.errors + r.timeouts + r.non2xx + r.badBodies}  RSS ${r.rssMb.toFixed(0)} MB (peak ${r.peakRssMb.toFixed(0)})  CPU ${r.cpuMsPerRequest.toFixed(2)} ms/req`,
          );
          const bad = r.errors + r.timeouts + r.non2xx + r.badBodies;
          if (bad > 0) problems.push(`${info.name}: ${serverLabel[s]} ${w} c=${c}: ${bad} failed requests (${r.badSample ?? 'connection errors'})`);
        }
      }
    }

    if (plan.whatIf) {
      // What the list would cost with indexes in the order the queries ask for: drizzle-kit writes
      // `.desc()` as DESC NULLS LAST, while ORDER BY … DESC means NULLS FIRST, so neither list index
      // can serve the ORDER BY. Twins with the default null order are added, measured, dropped.
      const twins = [
        `create index if not exists bench_whatif_received_idx on cases (received_on desc, id desc)`,
        `create index if not exists bench_whatif_unit_path_idx on cases (unit_path text_pattern_ops, received_on desc, id desc)`,
      ];
      log(`  what-if on ${info.name}: list indexes with DESC (NULLS FIRST)`);
      const whatIf = { results: new Map<string, LoadResult>(), explain: '', levels: plan.levels.filter((c) => c <= 8), seconds: plan.seconds };
      try {
        await withClient(info.name, async (c) => {
          await c.query(`set maintenance_work_mem = '512MB'`);
          for (const ddl of twins) await c.query(ddl);
        });
        const again = await inProcess(requests.nested.api!);
        const { query, params } = querySql(again)!;
        whatIf.explain = await withClient(info.name, async (c) =>
          (await c.query(`explain (analyze, buffers, costs off, timing on) ${query}`, params as unknown[])).rows.map((r: any) => r['QUERY PLAN']).join('\n'),
        );
        for (const w of ['nested', 'deepPage'] as WorkName[]) {
          for (const c of whatIf.levels) {
            for (const s of active) {
              const r = await load(started[s]!, requests[w][s]!, c, plan.seconds, expect(w));
              await drain(info.name);
              whatIf.results.set(key(w, s, c), r);
              log(`  what-if ${workLabel[w].padEnd(18)} c=${String(c).padEnd(3)} ${serverLabel[s].padEnd(16)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  CPU ${r.cpuMsPerRequest.toFixed(2)} ms/req`);
            }
          }
        }
      } finally {
        await withClient(info.name, async (c) => {
          await c.query('drop index if exists bench_whatif_received_idx');
          await c.query('drop index if exists bench_whatif_unit_path_idx');
        });
      }
      run.whatIf = whatIf;
    }

    if (plan.profile) {
      // A CPU profile of our API under the nested query at 8 connections: a second instance with --cpu-prof.
      const profDir = path.join(out, 'profile');
      await rm(profDir, { recursive: true, force: true });
      await mkdir(profDir, { recursive: true });
      const port = await freePort();
      const prof = await startProcess(`api-profile-${label}`, process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, bundles.api], {
        DATABASE_WS_PROXY: wsProxy.url,
        NODE_ENV: 'production',
        DATABASE_URL: info.url,
        JWT_SECRET,
        PORT: String(port),
        RATE_LIMITS: UNTHROTTLED,
      });
      await waitReady(prof, async () => (await httpJson(port, graphqlRequest('{ __typename }', {}))).status === 200);
      await load(prof, requests.nested.api!, 8, Math.max(plan.seconds, 5), expect('nested'));
      await stopProcess(prof);
      run.profile = profDir;
    }

    for (const s of active) run.peakRssMb[s] = lifetimePeak(started[s]!.child.pid!);

    if (plan.sweep) run.sweep = await sweep(info, db, pool);
  } finally {
    for (const s of servers) if (started[s]) await stopProcess(started[s]!);
    await pool.end();
    await wsProxy.close();
  }
  return run;
}

// ---------------------------------------------------------------------------
// The deadline sweep, in a transaction rolled back afterwards (the kept dataset stays as generated)

class Rollback extends Error {}

async function sweep(info: DatasetInfo, db: Database, pool: Awaited<ReturnType<typeof openPool>>): Promise<SweepResult> {
  const today = ANCHOR_DATE;
  const counts = await withClient(info.name, async (c) => {
    const { rows } = await c.query(
      `select count(*) filter (where warn_on <= $1) as due, count(*) as total from cases`,
      [today],
    ).catch(async () => c.query(`select count(*) filter (where next_due_on <= $1) as due, count(*) as total from cases`, [today]));
    return { due: Number(rows[0].due), total: Number(rows[0].total) };
  });
  const explains: [string, string, unknown[]][] = [
    ['cases whose warning lead or due date has come (first batch)', `select * from cases where warn_on <= $1 order by warn_on, id limit 500`, [today]],
    ['cases whose review window passed unused', `select id, version from cases where closes_on <= $1 and status in ('DECIDED', 'REVIEWED')`, [today]],
    ['open supervision orders past due', `select id, case_id, due_on from supervisions where status = 'OPEN' and due_on < $1`, [today]],
    ['(older schema) next_due_on', `select * from cases where next_due_on <= $1`, [today]],
  ];
  const plans: SweepResult['plans'] = [];
  await withClient(info.name, async (c) => {
    for (const [label, text, params] of explains) {
      try {
        const { rows } = await c.query(`explain (analyze, buffers, costs off) ${text}`, params);
        plans.push({ label, plan: rows.map((r: any) => r['QUERY PLAN']).join('\n') });
      } catch {
        // that column or table does not exist in this schema
      }
    }
  });
  const specifier = '../db/cases/sweep';
  const mod = (await import(specifier).catch(() => null)) as { runDeadlineSweep?: (db: Database, now: Date) => Promise<Record<string, unknown>> } | null;
  if (!mod?.runDeadlineSweep) {
    return { ran: false, dueRows: counts.due, totalRows: counts.total, plans, note: 'TODO: db/cases/sweep.ts has no runDeadlineSweep yet; only the plans are shown.' };
  }
  log(`  sweep on ${info.name}: ${counts.due} of ${counts.total} cases due (rolled back afterwards)`);
  let report: Record<string, unknown> | undefined;
  const started = performance.now();
  let seconds = 0;
  try {
    await db.transaction(async (tx) => {
      report = await mod.runDeadlineSweep!(tx as unknown as Database, new Date(`${today}T10:00:00+08:00`));
      seconds = (performance.now() - started) / 1000;
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) {
      return { ran: false, dueRows: counts.due, totalRows: counts.total, plans, note: `runDeadlineSweep failed: ${(error as Error).message.slice(0, 300)}` };
    }
  }
  void pool;
  return { ran: true, seconds, report, dueRows: counts.due, totalRows: counts.total, plans };
}

// ---------------------------------------------------------------------------
// Cold start

interface ColdStart {
  bundleBytes: number;
  bundleNote: string;
  helloBytes: number;
  ours: number[];
  hello: number[];
  oursWall: number[];
  helloWall: number[];
}

async function coldStart(databaseUrlForLambda: string): Promise<ColdStart> {
  const dist = path.join(out, 'dist');
  let bundleNote = '';
  let bundleBytes = 0;
  // The project's own build (scripts/build.ts); its "loaded at start" is what a cold start reads.
  const r = await runNode(process.execPath, ['--import', 'tsx', path.join(repo, 'scripts', 'build.ts'), '--outdir', dist], {}, 180_000);
  const line = r.stdout.split('\n').find((l) => l.startsWith('graphql.mjs'));
  const m = line && /loaded at start\s+([\d.]+) KiB/.exec(line);
  if (r.code === 0 && m) {
    bundleBytes = Number(m[1]) * 1024;
    bundleNote = 'npm run build (scripts/build.ts): graphql.mjs and the chunks it imports statically';
  } else {
    // Same options, the handler alone (scripts/build.ts failed, e.g. an entry it names is missing).
    await rm(dist, { recursive: true, force: true });
    const res = await build({
      ...esbuildCommon,
      absWorkingDir: repo,
      entryPoints: { graphql: path.join(repo, 'functions', 'graphql.ts') },
      outdir: dist,
      outExtension: { '.js': '.mjs' },
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      target: 'node22',
      metafile: true,
    });
    const outputs = res.metafile!.outputs;
    const entry = Object.keys(outputs).find((f) => f.endsWith('graphql.mjs'))!;
    const seen = new Set<string>();
    const visit = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const imp of outputs[f]?.imports ?? []) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
    };
    visit(entry);
    bundleBytes = [...seen].reduce((n, f) => n + outputs[f].bytes, 0);
    bundleNote = `esbuild with scripts/build.ts's options, handler only (npm run build failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0]?.slice(0, 120)})`;
    notes.push(`Bundle: ${bundleNote}`);
  }
  const helloDir = path.join(out, 'hello');
  await rm(helloDir, { recursive: true, force: true });
  await build({ ...esbuildCommon, absWorkingDir: repo, entryPoints: { hello: path.join(repo, 'bench', 'cold', 'hello.ts') }, outdir: helloDir, outExtension: { '.js': '.mjs' }, target: 'node22' });
  const helloBytes = (await stat(path.join(helloDir, 'hello.mjs'))).size;

  const probe = path.join(repo, 'bench', 'cold', 'probe.mjs');
  // Every request now reaches the database once before it runs (the caller's cost bucket), so the cold start
  // includes the Neon driver's first connection, through the same WebSocket proxy the local runs use.
  const proxy = await startWsProxy({ port: 0 });
  const env = { NODE_ENV: 'production', DATABASE_URL: databaseUrlForLambda, JWT_SECRET, DATABASE_WS_PROXY: proxy.url };
  const result: ColdStart = { bundleBytes, bundleNote, helloBytes, ours: [], hello: [], oursWall: [], helloWall: [] };
  try {
    for (let k = 0; k < coldRuns; k++) {
      for (const [which, bundle] of [
        ['ours', path.join(dist, 'graphql.mjs')],
        ['hello', path.join(helloDir, 'hello.mjs')],
      ] as const) {
        const p = await runNode(process.execPath, [probe, bundle], env, 60_000);
        const j = p.code === 0 ? JSON.parse(p.stdout.trim().split('\n').pop()!) : null;
        if (!j || j.statusCode !== 200 || !String(j.body).includes('Query')) {
          problems.push(`cold start (${which}): ${p.code} ${p.stderr.slice(-300)} ${p.stdout.slice(-300)}`);
          continue;
        }
        result[which].push(j.firstAnswerMs);
        result[which === 'ours' ? 'oursWall' : 'helloWall'].push(p.ms);
      }
    }
  } finally {
    await proxy.close();
  }
  return result;
}

// ---------------------------------------------------------------------------
// Report

const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const mark = (ok: boolean | null) => (ok === null ? '–' : ok ? '✅' : '❌');

/** The cold start section of the report (also all that `--only-cold` prints). */
function coldLines(cold: ColdStart): string[] {
  const coldRatio = median(cold.ours) / median(cold.hello);
  return [
    '## Cold start (Lambda handler)',
    '',
    `Fresh \`node\` process → import the bundle → one \`{ __typename }\` request through \`handler\` (API Gateway v2 event) → answer; ` +
      `time from the process's start (performance.timeOrigin) to the answer, median of ${coldRuns} alternating runs. No database round trip in either.`,
    '',
    '| | bundle (loaded at start) | first answer, median | min–max | process wall time, median |',
    '|---|---:|---:|---:|---:|',
    `| our handler (functions/graphql.ts) | ${f0(cold.bundleBytes / 1024)} KiB | ${f0(median(cold.ours))} ms | ${f0(Math.min(...cold.ours))}–${f0(Math.max(...cold.ours))} ms | ${f0(median(cold.oursWall))} ms |`,
    `| bare yoga hello world (bench/cold/hello.ts) | ${f0(cold.helloBytes / 1024)} KiB | ${f0(median(cold.hello))} ms | ${f0(Math.min(...cold.hello))}–${f0(Math.max(...cold.hello))} ms | ${f0(median(cold.helloWall))} ms |`,
    `| ratio | ${ratio(cold.bundleBytes, cold.helloBytes)} | ${f2(coldRatio)}× | | ${ratio(median(cold.oursWall), median(cold.helloWall))} |`,
    '',
    `Bundle: ${cold.bundleNote}.`,
    '',
  ];
}

async function machine(): Promise<string[]> {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const pg = await withClient('postgres', async (c) => (await c.query('select version()')).rows[0].version as string);
  const peerVersion = existsSync(path.join(peerDir, 'node_modules', 'postgraphile', 'package.json'))
    ? JSON.parse(await readFile(path.join(peerDir, 'node_modules', 'postgraphile', 'package.json'), 'utf8')).version
    : 'not installed';
  const peerNodeVersion = existsSync(peerNode) ? (await runNode(peerNode, ['-v'])).stdout.trim() : 'not installed';
  return [
    `- CPU: ${cpu}, ${os.cpus().length} cores; ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory; ${os.type()} ${os.release()}`,
    `- Node ${process.version} (our API, raw baseline, load generator); Node ${peerNodeVersion} (PostGraphile ${peerVersion})`,
    `- ${pg.split(' on ')[0]} on 127.0.0.1:5432 (shared_buffers etc. as installed)`,
    `- Everything on this one machine: the load generator (autocannon, its own process), the server under test, the ` +
      `other two (idle) and PostgreSQL share ${os.cpus().length} cores, so absolute numbers are low; the ratios are what counts.`,
  ];
}

function loadTable(results: Map<string, LoadResult>, levelsShown: number[], worksShown: WorkName[]): string[] {
  const lines = [
    '| work | conns | server | req/s | p50 ms | p99 ms | failed | RSS MB | peak RSS MB | server CPU ms/req | req/s ÷ PostGraphile | req/s ÷ raw | p99 ÷ raw p99 |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const w of worksShown) {
    for (const c of levelsShown) {
      for (const s of servers) {
        const r = results.get(key(w, s, c));
        if (!r) continue;
        const peer = results.get(key(w, 'postgraphile', c));
        const raw = results.get(key(w, 'raw', c));
        if (!r.requests) {
          lines.push(`| ${workLabel[w]} | ${c} | ${serverLabel[s]} | 0 (none done in ${duration} s) | – | – | 0 | ${f0(r.rssMb)} | ${f0(r.peakRssMb)} | – | | | |`);
          continue;
        }
        lines.push(
          `| ${workLabel[w]} | ${c} | ${serverLabel[s]} | ${f0(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors + r.timeouts + r.non2xx + r.badBodies} | ${f0(r.rssMb)} | ${f0(r.peakRssMb)} | ${f2(r.cpuMsPerRequest)} | ` +
            `${s === 'postgraphile' ? '' : ratio(r.rps, peer?.rps ?? NaN)} | ${s === 'raw' ? '' : ratio(r.rps, raw?.rps ?? NaN)} | ${s === 'raw' ? '' : ratio(r.p99, raw?.p99 ?? NaN)} |`,
        );
      }
    }
  }
  return lines;
}

async function report(main: DatasetRun, growth: DatasetRun | null, cold: ColdStart, peerSkip: string | null, totalSeconds: number) {
  const lines: string[] = [];
  const title = smoke ? 'Benchmarks (smoke run: tiny data, not for reading)' : 'Benchmarks';
  lines.push(`# ${title}`, '');
  lines.push(
    `Generated by \`npm run ${smoke ? 'bench:smoke' : 'bench'}\` (bench/run.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${f0(totalSeconds)} s. ` +
      'Every figure below comes from this one run on this one machine; compare ratios, not absolute times.',
    '',
  );
  lines.push('## Machine', '', ...(await machine()), '');
  lines.push('## Setup', '');
  lines.push(
    `- Data (bench/generate.ts, seed ${seed}): ${[main, growth].filter(Boolean).map((r) => `**${r!.info.name}**: ${r!.info.counts.cases} cases, ${r!.info.counts.events} events, ${r!.info.counts.petitioners} petitioners, ${r!.info.counts.case_petitioners} case–petitioner links, ${r!.info.counts.units} units, ${r!.info.counts.accounts} accounts${r!.info.counts.supervisions !== undefined ? `, ${r!.info.counts.supervisions} supervisions` : ''}`).join('; ')}.`,
    `- The list: the cases visible to a STAFF account of the capital city (江州市) under that city's subtree, newest first (received_on desc, id desc), 50 per page, each with its unit, its petitioners, its last 5 events${'supervisions' in main.info.counts ? ' and its open supervisions' : ''}; ` +
      `"cursor page ${deepPageNumber}" is page ${deepPageNumber} of it (after ${(deepPageNumber - 1) * 50} rows) through each server's own cursor; "case by id" is one case with the same fields.`,
    '- **our API**: functions/server.ts bundled with esbuild like the Lambda (minified, NODE_ENV=production), JWT (HS256) auth, ' +
      'the production driver @neondatabase/serverless through a WebSocket→TCP proxy (db/ws-proxy.ts) in the bench runner\'s process, shared with the raw baseline: in production the proxy is Neon\'s, so the servers\' CPU excludes it.',
    `- **PostGraphile V5** (${peerSkip ? peerSkip : 'bench/peer/server.mjs, Amber preset, grafserv on node:http, production mode, `pg` over TCP'}): ` +
      'the same predicates as two table conditions, participants ordered by position and open supervisions by smart tags, events through a view ' +
      '(stream_type = \'CASE\') with a smart-comment foreign key. No auth (it gets the viewer\'s path as an argument), no masking: it does less work per request than we do.',
    '- **raw SQL**: bench/servers/raw.ts, node:http + the same Neon driver and proxy as our API, the same JWT check and visibility predicate, ' +
      'one hand-written statement building the JSON in Postgres (json_build_object/json_agg), sent as the text Postgres returns.',
    `- Load: autocannon in its own process, ${duration} s per run after a warm-up, the three servers back to back for each work and level. ` +
      '"failed" counts connection errors, timeouts, non-2xx answers and bodies without the expected last case number (or with GraphQL errors). ' +
      'RSS is the server process\'s VmRSS after the run, peak RSS its VmHWM during the run (reset before each run through /proc/<pid>/clear_refs); ' +
      'server CPU is its user+system time over the run divided by the requests served.',
    '',
  );

  for (const r of [growth, main]) if (r) lines.push(`## Throughput and latency (${r.info.name})`, '', ...loadTable(r.results, levels, works), '');

  // Targets
  const t: string[] = ['| target | measured | met |', '|---|---|---|'];
  const st = main.statements.nested;
  const firstOfProcess = Math.max(st.cold - (st.coldCharges ?? st.charges), (growth?.statements.nested.cold ?? 0) - (growth?.statements.nested.coldCharges ?? 0));
  const queries = (w: WorkName) => main.statements[w].warm - main.statements[w].charges;
  t.push(`| 1 SQL statement for the nested query | ${queries('nested')} (the first request of a process: ${firstOfProcess}, it also reads the filter unit's path); deep page ${queries('deepPage')}, by id ${queries('byId')} | ${mark(queries('nested') === 1)} |`);
  t.push(`| … plus the rate limit's bucket sync (a round trip before execution; the lease admits a warm request with none) | ${st.charges} | ${mark(st.charges === 0)} |`);
  for (const r of [growth, main]) {
    if (!r) continue;
    const size = r.info.name.replace('xf_bench_', '');
    for (const c of levels.filter((c) => c >= 8)) {
      for (const w of works) {
        const a = r.results.get(key(w, 'api', c));
        const p = r.results.get(key(w, 'postgraphile', c));
        const b = r.results.get(key(w, 'raw', c));
        if (!a) continue;
        if (p) t.push(`| throughput ≥ 1.0× PostGraphile (${size}, ${workLabel[w]}, ${c} conns) | ${ratio(a.rps, p.rps)} | ${mark(a.rps >= p.rps)} |`);
        if (b) t.push(`| throughput ≥ 0.5× raw (${size}, ${workLabel[w]}, ${c} conns) | ${ratio(a.rps, b.rps)} | ${mark(a.rps >= 0.5 * b.rps)} |`);
        if (b) t.push(`| p99 ≤ 2× raw (${size}, ${workLabel[w]}, ${c} conns) | ${a.p99} ms vs ${b.p99} ms = ${ratio(a.p99, b.p99)} | ${mark(a.p99 <= 2 * b.p99)} |`);
        if (p && c === 8) {
          const known = Number.isFinite(a.peakRssMb) && Number.isFinite(p.peakRssMb);
          t.push(`| peak RSS ≤ PostGraphile's (${size}, ${workLabel[w]}, ${c} conns) | ${known ? `${f0(a.peakRssMb)} MB vs ${f0(p.peakRssMb)} MB = ${ratio(a.peakRssMb, p.peakRssMb)}` : 'unknown (no /proc/<pid>/clear_refs)'} | ${mark(known ? a.peakRssMb <= p.peakRssMb : null)} |`);
        }
      }
    }
  }
  const coldRatio = median(cold.ours) / median(cold.hello);
  t.push(`| cold start ≤ 1.5× bare yoga | ${f0(median(cold.ours))} ms vs ${f0(median(cold.hello))} ms = ${f2(coldRatio)}× | ${mark(coldRatio <= 1.5)} |`);
  t.push(`| bundle ≤ 1 MB minified | ${f0(cold.bundleBytes / 1024)} KiB (${(cold.bundleBytes / 1e6).toFixed(2)} MB) | ${mark(cold.bundleBytes <= 1e6)} |`);
  if (growth) {
    const big = main.results.get(key('nested', 'api', 1));
    const small = growth.results.get(key('nested', 'api', 1));
    if (big && small) t.push(`| nested query at 1M ≤ 1.3× at 10k (our API, 1 conn, mean) | ${f2(big.mean)} ms vs ${f2(small.mean)} ms = ${ratio(big.mean, small.mean)} | ${mark(big.mean <= 1.3 * small.mean)} |`);
    const bigFix = main.whatIf?.results.get(key('nested', 'api', 1));
    const smallFix = growth.whatIf?.results.get(key('nested', 'api', 1));
    if (bigFix && smallFix) t.push(`| … with the index fix (what-if) | ${f2(bigFix.mean)} ms vs ${f2(smallFix.mean)} ms = ${ratio(bigFix.mean, smallFix.mean)} | ${mark(bigFix.mean <= 1.3 * smallFix.mean)} |`);
  }
  if (main.sweep) {
    const s = main.sweep;
    t.push(`| the sweep reads only due rows (plan below) | ${s.dueRows} of ${s.totalRows} cases due${s.ran ? `; swept in ${f1(s.seconds!)} s` : `; ${s.note}`} | ${mark(s.plans.length ? s.plans.every((p) => !/Seq Scan on cases/.test(p.plan)) : null)} |`);
  }
  lines.push('## Targets (issue 4)', '', ...t, '');

  lines.push('## SQL statements per request', '');
  lines.push('| work | our API (db/client.ts sqlLog, in process) | PostGraphile V5 (DEBUG=@dataplan/pg:PgExecutor) | raw SQL |', '|---|---:|---:|---:|');
  for (const w of works) {
    const charges = main.statements[w].charges;
    lines.push(`| ${workLabel[w]} | ${main.statements[w].warm}${charges ? ` (${charges} the bucket sync)` : ''} | ${main.peerStatements?.[w] ?? '–'} | 1 |`);
  }
  lines.push(
    '',
    'After the first request of a process, which also reads the viewer\'s unit path (and, in our API, the filter unit\'s; both cached per process).',
    '',
  );
  lines.push(...coldLines(cold));

  if (growth) {
    lines.push('## Growth: 10k → 1M cases', '');
    lines.push('| work (1 connection) | server | mean ms at ' + growth.info.name + ' | mean ms at ' + main.info.name + ' | ratio |', '|---|---|---:|---:|---:|');
    for (const w of works) {
      for (const s of servers) {
        const a = growth.results.get(key(w, s, 1));
        const b = main.results.get(key(w, s, 1));
        if (a && b) lines.push(`| ${workLabel[w]} | ${serverLabel[s]} | ${f2(a.mean)} | ${f2(b.mean)} | ${ratio(b.mean, a.mean)} |`);
      }
    }
    if (growth.whatIf && main.whatIf) {
      for (const w of ['nested', 'deepPage'] as WorkName[]) {
        for (const s of servers) {
          const a = growth.whatIf.results.get(key(w, s, 1));
          const b = main.whatIf.results.get(key(w, s, 1));
          if (a && b) lines.push(`| ${workLabel[w]}, with the index fix (what-if) | ${serverLabel[s]} | ${f2(a.mean)} | ${f2(b.mean)} | ${ratio(b.mean, a.mean)} |`);
        }
      }
    }
    lines.push('');
    const execTime = (plan: string) => Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
    lines.push(
      `Database time of our nested statement (EXPLAIN ANALYZE execution time): ${f2(execTime(growth.explain.nested))} ms at ${growth.info.name}, ` +
        `${f2(execTime(main.explain.nested))} ms at ${main.info.name} (${ratio(execTime(main.explain.nested), execTime(growth.explain.nested))}); ` +
        `the raw baseline's: ${f2(execTime(growth.explain.rawNested))} ms → ${f2(execTime(main.explain.rawNested))} ms.`,
      '',
    );
  }
  if (main.sweep) {
    const s = main.sweep;
    lines.push(`## Deadline sweep at ${main.info.name}`, '');
    lines.push(
      s.ran
        ? `runDeadlineSweep (db/cases/sweep.ts) with today = ${ANCHOR_DATE}, inside a transaction rolled back afterwards: ${f1(s.seconds!)} s for ${s.dueRows} due cases of ${s.totalRows} (${f2((s.dueRows / s.totalRows) * 100)}%): \`${JSON.stringify(s.report)}\`.`
        : `${s.note} ${s.dueRows} of ${s.totalRows} cases are due.`,
      '',
    );
    for (const p of s.plans) lines.push(`${p.label}:`, '', '```', p.plan, '```', '');
  }
  for (const run of [growth, main]) {
    if (!run?.whatIf) continue;
    const wi = run.whatIf;
    lines.push(`## What-if at ${run.info.name}: the list indexes in the order the queries ask for`, '');
    lines.push(
      'db/tables/cases.sql.ts declares `cases_received_idx` and `cases_unit_path_idx` with `.desc()`, which drizzle-kit writes as ' +
        '`DESC NULLS LAST`; every server orders by `received_on DESC, id DESC`, which in PostgreSQL means NULLS FIRST, so no index ' +
        'can deliver the order and each list request sorts the whole subtree (a parallel seq scan at 1M). With twins in the default ' +
        'null order (added for this run, dropped after):',
      '',
      ...loadTable(wi.results, wi.levels, ['nested', 'deepPage']),
      '',
      'Plan of our nested statement with them:',
      '',
      '```',
      wi.explain,
      '```',
      '',
    );
  }
  lines.push(`## Plan of our nested statement at ${main.info.name}`, '', '```', main.explain.nested || '(not captured)', '```', '');
  if (main.ourSql) lines.push('<details><summary>Our nested statement (drizzle relational query built by @pothos/plugin-drizzle)</summary>', '', '```sql', main.ourSql, '```', '</details>', '');
  if (main.peerSql) lines.push('<details><summary>PostGraphile\'s nested statement</summary>', '', '```sql', main.peerSql, '```', '</details>', '');
  if (main.profile) lines.push(`A CPU profile of our API under the nested query at 8 connections is in ${path.relative(repo, main.profile)}/ (open in Chrome DevTools).`, '');
  lines.push(...delivery);
  if (notes.length || problems.length) {
    lines.push('## Notes', '', ...notes.map((n) => `- ${n}`), ...problems.map((p) => `- PROBLEM: ${p}`), '');
  }
  lines.push(`Startup to first answer: ${servers.map((s) => `${serverLabel[s]} ${f0(main.startupMs[s] ?? NaN)} ms`).join(', ')}. Peak RSS over the process's life (VmHWM, the highest of the per-run peaks and the time between runs): ${servers.map((s) => `${serverLabel[s]} ${f0(main.peakRssMb[s] ?? NaN)} MB`).join(', ')}.`, '');
  const text = lines.join('\n');
  const file = smoke ? path.join(out, 'BENCHMARKS.smoke.md') : path.join(repo, 'BENCHMARKS.md');
  await writeFile(file, text);
  console.log(`\n${loadTable(main.results, levels, works).join('\n')}\n\n${t.join('\n')}\n\nwritten to ${path.relative(repo, file)}`);
}

// ---------------------------------------------------------------------------

/** The event-delivery section (bench/delivery.ts), filled by main before the report. */
let delivery: string[] = [];

async function main() {
  const startedAt = performance.now();
  await mkdir(out, { recursive: true });
  if (args['only-delivery']) {
    delivery = deliveryLines(await deliveryBench({ events: smoke ? 100 : 1000, log }));
    await writeFile(path.join(out, 'DELIVERY.md'), delivery.join('\n'));
    console.log(delivery.join('\n'));
    return;
  }
  if (args['only-cold']) {
    const info = await ensureDataset({ ...(smoke ? { name: 'xf_bench_smoke', cases: 200, force: true } : { name: 'xf_bench_10k', cases: 10_000, force: args.regenerate }), seed, log });
    const lines = coldLines(await coldStart(info.url));
    if (smoke) await adminQuery('drop database if exists xf_bench_smoke with (force)');
    await writeFile(path.join(out, 'COLD.md'), lines.join('\n'));
    console.log(lines.join('\n'));
    if (problems.length) {
      console.error(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    }
    return;
  }
  const peerSkip = await ensurePeer();
  if (peerSkip) {
    notes.push(`PostGraphile: ${peerSkip}`);
    log(`PostGraphile: ${peerSkip}`);
  }
  log('bundling our API server and the raw baseline');
  const bundles = await buildServers();

  const specs = smoke
    ? [{ name: 'xf_bench_smoke', cases: 200, force: true }]
    : [{ name: 'xf_bench_10k', cases: 10_000, force: args.regenerate }, ...(args['no-1m'] ? [] : [{ name: 'xf_bench_1m', cases: 1_000_000, force: args.regenerate }])];
  const datasets: DatasetInfo[] = [];
  for (const spec of specs) {
    const info = await ensureDataset({ ...spec, seed, log });
    if (!info.reused) {
      const bad = await checkInvariants(info.name);
      if (bad.length) problems.push(`${info.name} invariants: ${bad.join('; ')}`);
    }
    datasets.push(info);
  }
  const sweepOn = !args['no-sweep'];
  let main: DatasetRun;
  let growth: DatasetRun | null = null;
  if (datasets.length === 1) {
    log(`load on ${datasets[0].name}`);
    main = await runDataset(datasets[0], 'main', bundles, peerSkip, { works, levels, seconds: duration, sweep: sweepOn, profile: args.profile!, whatIf: !smoke && !args['no-what-if'] });
  } else {
    log(`growth runs on ${datasets[0].name}`);
    growth = await runDataset(datasets[0], '10k', bundles, peerSkip, { works, levels, seconds: duration, sweep: false, profile: false, whatIf: !args['no-what-if'] });
    log(`load on ${datasets[1].name}`);
    main = await runDataset(datasets[1], '1m', bundles, peerSkip, { works, levels, seconds: duration, sweep: sweepOn, profile: args.profile!, whatIf: !args['no-what-if'] });
  }
  log('cold start');
  const cold = await coldStart(datasets[0].url);
  if (!args['no-delivery']) {
    log('event delivery');
    delivery = deliveryLines(await deliveryBench({ events: smoke ? 100 : 1000, log }));
  }
  await report(main, growth, cold, peerSkip, (performance.now() - startedAt) / 1000);
  if (smoke) await adminQuery('drop database if exists xf_bench_smoke with (force)');
  if (problems.length) {
    console.error(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await closeBenchProxy();
}
