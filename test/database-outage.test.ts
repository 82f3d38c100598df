/**
 * A database outage, played with a TCP proxy between our Neon driver and the local PostgreSQL server
 * (test/support/fault-proxy.ts): "cut" resets every connection, "blackhole" swallows every byte. The API must keep
 * running, answer every request during the outage promptly with `service/unavailable` (HTTP 503, Retry-After),
 * recover by itself when the database returns, and lose no write it acknowledged.
 *
 * The driver's timeouts are set short here (DatabaseTimeouts in db/neon.ts), so each outage lasts about a second.
 * Needs PostgreSQL on 127.0.0.1:5432 (see test/support/postgres-server.ts for when it skips).
 * PGlite, the embedded default, runs inside this process: it has no connection to lose, so it has no such test.
 */
import { randomBytes } from 'node:crypto';
import type { Pool } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { openNeonDatabase } from '../db/neon-database';
import { startWsProxy, type WsProxy } from '../db/ws-proxy';
import { prepareDatabase } from '../db/prepare';
import { createHandler, type HttpEventV2 } from '../functions/graphql';
import { SERVER_URL } from './support/global-setup';
import { serverAvailability } from './support/postgres-server';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import { startServer, type RunningServer } from './support/server';
import { testApp } from './support/app';
import { buildFixture, type Fixture } from './support/fixtures';
import { caseInput } from './support/cases';
import type { App } from '../schema/yoga';

const serverUrl = new URL(SERVER_URL);
const { skip, reason } = await serverAvailability(serverUrl, 'database-outage.test');
const timeouts = { connectMs: 500, statementMs: 1000, queryMs: 1500, idleInTransactionMs: 3000 };
/** What "promptly" means here: the longest of the configured waits, with room for a loaded machine. */
const PROMPT_MS = timeouts.queryMs + timeouts.connectMs + 2000;

const dbName = `xf_outage_${process.pid}_${randomBytes(4).toString('hex')}`;
let wsProxy: WsProxy;
let faults: FaultProxy;
let database: DatabaseHandle;
let app: App;
let http: RunningServer;
let fx: Fixture;
const idleErrors: Error[] = [];

async function onServer(sql: string) {
  const admin = await openDatabase({ databaseUrl: SERVER_URL, wsProxy: wsProxy.url });
  try {
    await admin.db.execute(sql);
  } finally {
    await admin.close();
  }
}

beforeAll(async () => {
  if (skip) return;
  wsProxy = await startWsProxy();
  await onServer(`create database "${dbName}"`);
  const direct = new URL(SERVER_URL);
  direct.pathname = `/${dbName}`;
  const setup = await openDatabase({ databaseUrl: direct.href, wsProxy: wsProxy.url });
  await prepareDatabase(setup);
  await setup.close();

  // The API's own connections go through the fault proxy.
  faults = await startFaultProxy({ host: serverUrl.hostname, port: Number(serverUrl.port || 5432) });
  const throughFaults = new URL(direct.href);
  throughFaults.host = `${faults.host}:${faults.port}`;
  database = openNeonDatabase(throughFaults.href, { wsProxy: wsProxy.url, timeouts, onIdleError: (error) => idleErrors.push(error) });
  app = testApp(database.db);
  http = await startServer(app);
  fx = await buildFixture(database.db);
});

afterAll(async () => {
  if (skip) return;
  await http?.close();
  await database?.close();
  await faults?.close();
  await onServer(`drop database if exists "${dbName}" with (force)`);
  await wsProxy?.close();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  ms: number;
}

async function post(query: string, variables: Record<string, unknown> = {}, token = fx.tokens.officeStaff): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(http.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body, ms: performance.now() - started };
}

const LIST = `{ cases(first: 5) { totalCount nodes { number } } }`;
const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) {
  __typename ... on MutationRegisterCaseSuccess { data { replayed case { id number } } } ... on Error { code message } } }`;

function expectUnavailable(answer: Answer) {
  expect(answer.status).toBe(503);
  expect(answer.retryAfter).toBe('5');
  expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(['service/unavailable']);
  expect(answer.body.errors?.[0].message).toMatch(/服务暂时不可用/);
  expect(answer.ms).toBeLessThan(PROMPT_MS);
}

/** Asks until an answer succeeds; returns how long the API took to recover and how many requests it refused. */
async function untilServed(limitMs = 10_000): Promise<{ recoveredMs: number; refused: number }> {
  const started = performance.now();
  let refused = 0;
  for (;;) {
    const answer = await post(LIST);
    if (answer.status === 200 && !answer.body.errors) return { recoveredMs: performance.now() - started, refused };
    expectUnavailable(answer);
    refused += 1;
    if (performance.now() - started > limitMs) throw new Error(`not recovered after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skip)(`a database outage ${reason}`, () => {
  it('cut: idle connections lost are discarded, requests are refused at once with 503, the API recovers by itself', async () => {
    // Several connections in the pool, idle.
    const warm = await Promise.all([post(LIST), post(LIST), post(LIST)]);
    for (const answer of warm) expect(answer.status).toBe(200);
    const before = idleErrors.length;

    faults.cut();
    // The pool notices its idle connections died; before the fix this error ended the process.
    for (let i = 0; i < 40 && idleErrors.length === before; i++) await pause(50);
    expect(idleErrors.length).toBeGreaterThan(before);

    expectUnavailable(await post(LIST));
    expectUnavailable(await post(REGISTER, { input: caseInput(fx) }));
    // The Lambda entry is the same app: the same answer, its status and header in the function URL's result.
    const lambda = await createHandler(() => app)(lambdaEvent(`{ viewer { roles } }`, fx.tokens.officeStaff));
    expect(lambda.statusCode).toBe(503);
    expect(lambda.headers['retry-after']).toBe('5');
    expect(JSON.parse(lambda.body).errors[0].extensions.code).toBe('service/unavailable');

    faults.restore();
    const { refused } = await untilServed();
    // A cut leaves no broken connection behind: the first request after the return is served.
    expect(refused).toBe(0);
  });

  it('blackhole: requests on silent connections and new connections are answered with 503 within the timeouts, then served again', async () => {
    await Promise.all([post(LIST), post(LIST)]);
    faults.blackhole();
    // The pooled connections are open but silent (the query timeout), then new ones cannot start (the connect timeout).
    const during = await Promise.all([post(LIST), post(REGISTER, { input: caseInput(fx) }), post(LIST)]);
    for (const answer of during) expectUnavailable(answer);
    expectUnavailable(await post(LIST));

    faults.restore();
    await untilServed();
    expect((await post(LIST)).status).toBe(200);
  });

  it('loses no acknowledged write: every case confirmed during cuts and blackholes is there, and a retry with the same key files no second one', async () => {
    const title = `停电测试${randomBytes(3).toString('hex')}`;
    const attempts: { input: ReturnType<typeof caseInput>; acknowledged?: string }[] = [];
    let writing = true;
    const writer = async () => {
      while (writing) {
        const input = caseInput(fx, { title });
        const answer = await post(REGISTER, { input });
        const payload = answer.body.data?.registerCase;
        if (answer.status === 200 && payload?.__typename === 'MutationRegisterCaseSuccess') attempts.push({ input, acknowledged: payload.data.case.id });
        else {
          expectUnavailable(answer);
          attempts.push({ input });
        }
      }
    };
    const writers = [writer(), writer(), writer()];
    await pause(300);
    faults.cut();
    await pause(700);
    faults.restore();
    await pause(300);
    faults.blackhole();
    await pause(700);
    faults.restore();
    await pause(500);
    writing = false;
    await Promise.all(writers);

    const acknowledged = attempts.filter((attempt) => attempt.acknowledged);
    const refused = attempts.filter((attempt) => !attempt.acknowledged);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);

    // A refused request may or may not have committed (the answer was lost): its retry with the same
    // idempotency key either files it now or replays the one that did commit — never a second case.
    for (const attempt of refused) {
      const retry = await post(REGISTER, { input: attempt.input });
      expect(retry.body.data.registerCase.__typename).toBe('MutationRegisterCaseSuccess');
      attempt.acknowledged = retry.body.data.registerCase.data.case.id;
    }
    const ids = new Set<string>();
    for (let after: string | null = null; ; ) {
      const page: Answer = await post(`query($text: String!, $after: String) { cases(first: 100, after: $after, filter: { text: $text }) {
        pageInfo { hasNextPage endCursor } nodes { id } } }`, { text: title, after });
      expect(page.body.errors).toBeUndefined();
      for (const node of page.body.data.cases.nodes) ids.add(node.id);
      if (!page.body.data.cases.pageInfo.hasNextPage) break;
      after = page.body.data.cases.pageInfo.endCursor;
    }
    expect(ids.size).toBe(attempts.length);
    for (const attempt of attempts) expect(ids.has(attempt.acknowledged!)).toBe(true);
    // Nothing is left checked out of the pool: a connection that failed under a transaction went back to be
    // discarded (drizzle sends BEGIN outside its try/finally; each leak would have cost the pool one connection).
    const pool = (database.db as unknown as { $client: Pool }).$client;
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });
});

function lambdaEvent(query: string, token: string): HttpEventV2 {
  return {
    rawPath: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    isBase64Encoded: false,
    requestContext: { domainName: 'api.example', http: { method: 'POST', sourceIp: '203.0.113.9' } },
  };
}
