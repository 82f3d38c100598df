/**
 * The Lambda bundle as `npm run build` makes it (scripts/build.ts): what graphql.mjs loads at start, what it
 * leaves to lazy chunks, and the lazy paths still working through the bundled handler itself.
 *
 * The request part needs PostgreSQL on 127.0.0.1:5432 (the handler reaches it through the Neon driver and the
 * loopback WebSocket proxy, as in bench/cold/); without one it is skipped, except under CI or TEST_DATABASE=postgres.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import type { Pool } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNeonPool } from '../db/neon';
import { openNeonDatabase } from '../db/neon-database';
import { startWsProxy, type WsProxy } from '../db/ws-proxy';
import { serverAvailability } from './support/postgres-server';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const outdir = mkdtempSync(path.join(tmpdir(), 'xf-bundle-'));
const metafile = path.join(outdir, '..', `${path.basename(outdir)}.meta.json`);
let report = '';
let meta: Metafile;

beforeAll(async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--outdir', outdir, '--metafile', metafile, '--report'], { cwd: repo });
  report = stdout;
  meta = JSON.parse(readFileSync(metafile, 'utf8')) as Metafile;
}, 120_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(metafile, { force: true });
});

/** The output files a handler loads at start (entry and static imports) and the inputs bundled into them. */
function atStart(entry: string): { files: Set<string>; inputs: string[] } {
  const outputs = meta.outputs;
  const file = Object.keys(outputs).find((f) => outputs[f].entryPoint === entry)!;
  const files = new Set<string>();
  const visit = (f: string) => {
    if (files.has(f)) return;
    files.add(f);
    for (const imp of outputs[f].imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(file);
  return { files, inputs: [...files].flatMap((f) => Object.keys(outputs[f].inputs)) };
}

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];

describe('npm run build', () => {
  it('reports what graphql.mjs loads at start, as the metafile counts it, and by package', () => {
    const { files } = atStart('functions/graphql.ts');
    const bytes = [...files].reduce((n, f) => n + meta.outputs[f].bytes, 0);
    const line = report.split('\n').find((l) => l.startsWith('graphql.mjs'))!;
    expect(line).toMatch(/loaded at start\s+[\d.]+ KiB\s+lazy chunks\s+[\d.]+ KiB/);
    expect(Number(/loaded at start\s+([\d.]+) KiB/.exec(line)![1])).toBeCloseTo(bytes / 1024, 1);
    expect(report).toContain('graphql.mjs loaded at start, by package / directory');
    expect(report).toMatch(/^\s+[\d.]+ KiB {2}graphql$/m);
    expect(report).toMatch(/^\s+[\d.]+ KiB {2}schema\/$/m);
  });

  it('leaves the rarely used heavy modules to lazy chunks of the GraphQL handler, and PGlite out of it', () => {
    const start = new Set(atStart('functions/graphql.ts').inputs.map(packageOf).filter(Boolean));
    for (const lazy of ['@electric-sql/pglite', 'exceljs', 'fast-xml-parser', 'fast-xml-builder', 'csv-parse', 'csv-stringify', 'standardwebhooks', 'tyme4ts']) {
      expect(start.has(lazy), `${lazy} loaded at start`).toBe(false);
    }
    // ... but still bundled, for the paths that reach them (a chunk the handler can import).
    const bundled = new Set(Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs).map(packageOf)));
    for (const reached of ['exceljs', 'fast-xml-builder', 'standardwebhooks']) expect(bundled.has(reached), reached).toBe(true);
    // One graphql, its ESM build: a second (CommonJS) copy would fail instanceof checks across the two.
    const graphqlInputs = Object.keys(meta.inputs).filter((i) => i.includes('node_modules/graphql/'));
    expect(graphqlInputs.length).toBeGreaterThan(0);
    expect(graphqlInputs.filter((i) => !i.endsWith('.mjs'))).toEqual([]);
  });
});

const adminUrl = new URL(process.env.NEON_PROXY_TEST_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const dbName = `xinfang_bundle_${process.pid}_${randomBytes(4).toString('hex')}`;
const { skip, reason } = await serverAvailability(adminUrl, 'bundle.test');
let proxy: WsProxy | undefined;
let admin: Pool | undefined;
let databaseUrl = '';

describe.skipIf(skip)(`the bundled GraphQL handler ${reason}`, () => {
  beforeAll(async () => {
    proxy = await startWsProxy({ port: 0 });
    admin = createNeonPool(adminUrl.href, { wsProxy: proxy.url });
    await admin.query(`create database "${dbName}"`);
    const url = new URL(adminUrl.href);
    url.pathname = `/${dbName}`;
    databaseUrl = url.href;
    const handle = openNeonDatabase(databaseUrl, { wsProxy: proxy.url });
    await handle.migrate();
    await handle.close();
  }, 120_000);

  afterAll(async () => {
    if (admin) {
      await admin.query(`drop database if exists "${dbName}" with (force)`);
      await admin.end();
    }
    await proxy?.close();
  });

  it('answers GraphQL, and Open311 through its lazily loaded chunk, in a fresh process', async () => {
    // A fresh Node process, as a Lambda cold start: the bundle, two API Gateway v2 events through its handler.
    const script = `
      const { handler } = await import(${JSON.stringify(pathToFileURL(path.join(outdir, 'graphql.mjs')).href)});
      const event = (method, rawPath, body) => ({ rawPath, rawQueryString: '', body, isBase64Encoded: false,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        requestContext: { domainName: 'bundle.test', http: { method, sourceIp: '127.0.0.1' } } });
      const graphql = await handler(event('POST', '/graphql', JSON.stringify({ query: '{ __typename }' })));
      const open311 = await handler(event('GET', '/open311/v2/services.json'));
      console.log(JSON.stringify({ graphql, open311 }));
      process.exit(0);`;
    const env = { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, JWT_SECRET: 'bundle-test-secret-0123456789abcdef0123456789', DATABASE_WS_PROXY: proxy!.url };
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env, timeout: 60_000 });
    const { graphql, open311 } = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(graphql.statusCode).toBe(200);
    expect(JSON.parse(graphql.body).data).toEqual({ __typename: 'Query' });
    expect(open311.statusCode).toBe(200);
    const services = JSON.parse(open311.body) as { service_code: string }[];
    expect(services.map((s) => s.service_code)).toEqual(['LABOUR', 'LAND', 'URBAN', 'ENVIRONMENT', 'SUGGESTION']);
  }, 90_000);
});
