import { randomInt } from 'node:crypto';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { createApiKey } from '../db/integrations/api-keys';
import { failureSummary } from '../db/faults';
import { petitioners } from '../db/schema';
import { createHandler, type HttpEventV2 } from '../functions/graphql';
import { databaseReports, failed } from '../functions/log';
import { createLogger, type LogLevel } from '../schema/logger';
import type { App } from '../schema/yoga';
import { testApp } from './support/app';
import { caseInput } from './support/cases';
import { testDatabase } from './support/database';
import { buildFixture, newIdentityNumber, type Fixture } from './support/fixtures';
import { startServer, type RunningServer } from './support/server';

// Issue 8, item 5: the server's log never holds personal data (SQL parameters carried identity numbers and mobiles
// whole), a client's mistake is one line without a stack, production writes JSON lines, every line and every
// response carries the request id. Everything the server writes is read: the injected sinks and the console.

let db: Database;
let fx: Fixture;
let dev: RunningServer;
let prod: RunningServer;
let prodApp: App;
let fileKey: string;
const written: { app: 'dev' | 'prod'; level: LogLevel; line: string }[] = [];
const consoleOut: string[] = [];

const mobile = () => `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
const NAME = '欧阳日志';
const ID = newIdentityNumber();
const MOBILE = mobile();
/** Inserting a petitioner with this mobile violates a check constraint: our fault, SQLSTATE 23514. */
const FAULT_MOBILE = mobile();
/** A trigger refuses this one as a data exception quoting the values (SQLSTATE 22023): the client's input. */
const DATA_MOBILE = mobile();
const PERSONAL = [NAME, ID, MOBILE, FAULT_MOBILE, DATA_MOBILE];

const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) {
  __typename ... on MutationRegisterCaseSuccess { data { case { id } } } ... on Error { code } } }`;
const person = (mobileNumber: string) => ({ petitioners: [{ name: NAME, identityNumber: ID, mobile: mobileNumber }] });

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleOut.push(format(...args)));
  }
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  await db.execute(sql.raw(`
    create or replace function logs_test_refuse() returns trigger language plpgsql as $$
    begin
      if new.mobile = '${DATA_MOBILE}' then
        raise exception '无法保存 % % %', new.name, new.identity_number, new.mobile using errcode = '22023';
      end if;
      return new;
    end $$`));
  await db.execute(sql.raw(`create trigger logs_test_refuse before insert on petitioners for each row execute function logs_test_refuse()`));
  await db.execute(sql.raw(`alter table petitioners add constraint logs_test_fault check (mobile is distinct from '${FAULT_MOBILE}')`));
  const sink = (app: 'dev' | 'prod') => (line: string, level: LogLevel) => void written.push({ app, level, line });
  dev = await startServer(testApp(db, { logging: createLogger({ format: 'text', sink: sink('dev') }) }));
  prodApp = testApp(db, { production: true, logging: createLogger({ format: 'json', sink: sink('prod') }) });
  prod = await startServer(prodApp);
  const admin = { accountId: fx.actors.admin.accountId, unitPath: fx.units.county.path };
  fileKey = (await createApiKey(db, admin, { accountId: fx.actors.integrator.accountId, name: 'logs test', scopes: ['CASES_FILE'], allowedIps: [] }, new Date())).secret;
});

afterAll(async () => {
  await dev?.close();
  await prod?.close();
  await db.execute(sql.raw(`alter table petitioners drop constraint if exists logs_test_fault`));
  await db.execute(sql.raw(`drop trigger if exists logs_test_refuse on petitioners`));
  await db.execute(sql.raw(`drop function if exists logs_test_refuse()`));
  vi.restoreAllMocks();
});

interface Answer {
  status: number;
  requestId: string | null;
  body: any;
}

async function post(server: RunningServer, query: string, variables: Record<string, unknown>, options: { token?: string; requestId?: string } = {}): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token === undefined ? { authorization: `Bearer ${fx.tokens.officeStaff}` } : options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, requestId: response.headers.get('x-request-id'), body: await response.json() };
}

/** What the server wrote for one request: the lines carrying its id. */
const linesOf = (requestId: string) => written.filter((entry) => entry.line.includes(requestId));
const everything = () => [...written.map((entry) => entry.line), ...consoleOut].join('\n');
const codes = (answer: Answer) => answer.body.errors?.map((error: { extensions?: { code?: string } }) => error.extensions?.code);
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Requests a client gets wrong, each with personal data in what it sent. */
const mistakes: { name: string; code: string; send: (server: RunningServer, requestId: string) => Promise<Answer> }[] = [
  {
    name: 'a variable of the wrong type (graphql-js quotes the value)',
    code: 'request/invalid-variables',
    send: (server, requestId) => post(server, REGISTER, { input: caseInput(fx, { petitioners: [{ name: NAME, identityNumber: ID, mobile: Number(MOBILE) }] }) }, { requestId }),
  },
  {
    name: 'a value the database refuses, quoting it',
    code: 'input/invalid',
    send: (server, requestId) => post(server, REGISTER, { input: caseInput(fx, person(DATA_MOBILE)) }, { requestId }),
  },
  {
    name: 'a NUL in a filter',
    code: 'input/invalid',
    send: (server, requestId) => post(server, 'query($text: String) { cases(filter: { text: $text }) { totalCount } }', { text: `${NAME}\u0000${MOBILE}` }, { requestId }),
  },
  {
    name: 'a global id that names nothing',
    code: 'node/not-found',
    send: (server, requestId) => post(server, 'query($id: ID!) { node(id: $id) { id } }', { id: gid('Case', ID) }, { requestId }),
  },
  {
    name: 'a forged token',
    code: 'auth/unauthenticated',
    send: (server, requestId) => post(server, '{ viewer { roles } }', {}, { requestId, token: `${ID}.${MOBILE}.x` }),
  },
  {
    name: 'a field that does not exist',
    code: 'GRAPHQL_VALIDATION_FAILED',
    send: (server, requestId) => post(server, `{ caseStatus(number: "${ID}", queryCode: "${MOBILE}") { nope } }`, {}, { requestId }),
  },
];

describe('personal data never reaches the log', () => {
  it('not from a registration, a database fault on its values, a refused value or any client mistake, in either format', async () => {
    for (const server of [dev, prod]) {
      const registered = await post(server, REGISTER, { input: caseInput(fx, { petitioners: [{ name: NAME, identityNumber: newIdentityNumber(), mobile: MOBILE }] }) });
      expect(registered.body.data.registerCase.__typename).toBe('MutationRegisterCaseSuccess');
      const fault = await post(server, REGISTER, { input: caseInput(fx, person(FAULT_MOBILE)) });
      expect(codes(fault)).toEqual(['internal']);
      for (const mistake of mistakes) expect(codes(await mistake.send(server, `mistake-${randomInt(1e9)}`))?.[0]).toBe(mistake.code);
    }
    // Open311 beside /graphql: a failed filing answers the specification's 500, not the stack the server adapter would.
    const open311 = await fetch(dev.url.replace('/graphql', '/open311/v2/requests.json'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: fileKey, service_code: 'URBAN', address_string: '永川区中山路 88 号', first_name: '日志', last_name: '欧阳', phone: FAULT_MOBILE,
        description: '小区门口路面塌陷，雨天积水。', 'attribute[place_code]': `${fx.code}001001`, 'attribute[identity_number]': ID,
      }).toString(),
    });
    const open311Body = await open311.text();

    const log = everything();
    for (const value of PERSONAL) expect(log).not.toContain(value);
    expect(log).not.toMatch(/params:/);
    expect(written.length).toBeGreaterThan(0);
    expect(open311.status).toBe(500);
    for (const value of PERSONAL) expect(open311Body).not.toContain(value);
    expect(JSON.parse(open311Body)).toEqual([{ code: 500, description: '服务器内部错误' }]);
    // The faults were logged, each with what an operator needs and nothing else.
    const faults = written.filter((entry) => entry.level === 'error');
    expect(faults.map((entry) => entry.app)).toEqual(['dev', 'prod', 'dev']);
    for (const entry of faults) {
      expect(entry.line).toMatch(/DrizzleQueryError/);
      expect(entry.line).toMatch(/23514/);
      expect(entry.line).toMatch(/logs_test_fault/);
      expect(entry.line).toMatch(/\bat /);
    }
  });
});

describe('a client mistake is one line', () => {
  it.each(mistakes.map((mistake) => [mistake.name, mistake] as const))('%s: one info line with its code, no message and no stack', async (_name, mistake) => {
    for (const server of [dev, prod]) {
      const requestId = `mistake-${randomInt(1e9)}`;
      const answer = await mistake.send(server, requestId);
      expect(answer.requestId).toBe(requestId);
      const lines = linesOf(requestId);
      expect(lines).toHaveLength(1);
      const [{ level, line }] = lines;
      expect(level).toBe('info');
      expect(line).not.toContain('\n');
      expect(line).not.toMatch(/\bat |stack/);
      expect(line).toContain(mistake.code);
      // The message the client received is not in the log (it may quote what was sent).
      expect(line).not.toContain(answer.body.errors[0].message);
      if (server === prod) {
        const record = JSON.parse(line);
        expect(record).toMatchObject({ level: 'info', requestId, code: mistake.code });
        expect(Object.keys(record).every((key) => ['level', 'time', 'requestId', 'code', 'path', 'field'].includes(key))).toBe(true);
      } else {
        expect(line).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} info  ${mistake.code.replace('/', '\\/')}\\b.* req=${requestId}$`));
      }
    }
  });
});

describe('production logs are JSON lines with the request id the response echoes', () => {
  it('a fault: one JSON line at error level with its class, SQLSTATE, statement and stack frames, and the id of the X-Request-Id header', async () => {
    const before = written.length;
    const fault = await post(prod, REGISTER, { input: caseInput(fx, person(FAULT_MOBILE)) });
    expect(codes(fault)).toEqual(['internal']);
    expect(fault.requestId).toMatch(UUID);
    const lines = written.slice(before).filter((entry) => entry.app === 'prod');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0].line);
    expect(record).toMatchObject({
      level: 'error',
      requestId: fault.requestId,
      code: 'internal',
      path: 'registerCase',
      error: 'DrizzleQueryError',
      sqlState: '23514',
      constraint: 'logs_test_fault',
      table: 'petitioners',
    });
    expect(new Date(record.time).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(record.query).toMatch(/^insert into "petitioners" .*\$1/);
    expect(record.stack).toMatch(/^\s+at /);
    expect(Object.keys(record)).not.toContain('msg');
    // Every line the production app wrote parses.
    for (const entry of written.filter((e) => e.app === 'prod')) expect(() => JSON.parse(entry.line)).not.toThrow();
  });

  it('every response carries one, also a successful one, the Open311 route and the Lambda entry', async () => {
    const ok = await post(prod, '{ viewer { roles } }', {});
    expect(ok.status).toBe(200);
    expect(ok.requestId).toMatch(UUID);
    const services = await fetch(prod.url.replace('/graphql', '/open311/v2/services.json'), { headers: { 'x-request-id': 'open311-trace-1' } });
    expect(services.status).toBe(200);
    expect(services.headers.get('x-request-id')).toBe('open311-trace-1');

    const lambda = createHandler(() => prodApp);
    const event = (headers: Record<string, string>, requestId?: string): HttpEventV2 => ({
      rawPath: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fx.tokens.officeStaff}`, ...headers },
      body: JSON.stringify({ query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id: gid('Case', ID) } }),
      isBase64Encoded: false,
      requestContext: { domainName: 'lambda.test', requestId, http: { method: 'POST', sourceIp: '203.0.113.7' } },
    });
    const echoed = await lambda(event({ 'x-request-id': 'lambda-trace-1' }, 'apigw-1'));
    expect(echoed.statusCode).toBe(200);
    expect(echoed.headers['x-request-id']).toBe('lambda-trace-1');
    expect(linesOf('lambda-trace-1').map((entry) => JSON.parse(entry.line).code)).toEqual(['node/not-found']);
    // Without one from the caller: API Gateway's request id, so the line matches AWS's own logs.
    expect((await lambda(event({}, 'apigw-2'))).headers['x-request-id']).toBe('apigw-2');
    expect(linesOf('apigw-2')).toHaveLength(1);
    // A value no header may hold (a newline) is dropped, not a failed invocation.
    const newline = await lambda(event({ 'x-request-id': 'evil\n{"level":"error"}' }));
    expect(newline.statusCode).toBe(200);
    expect(newline.headers['x-request-id']).toMatch(UUID);
    expect(linesOf(newline.headers['x-request-id'])).toHaveLength(1);
  });
});

describe('the caller’s X-Request-Id', () => {
  it('is echoed and used when it is a plain token, replaced when it is not', async () => {
    const sane = await post(prod, 'query($id: ID!) { node(id: $id) { id } }', { id: gid('Case', ID) }, { requestId: 'Root=1-5f84c7a5-0123456789abcdef01234567' });
    expect(sane.requestId).toBe('Root=1-5f84c7a5-0123456789abcdef01234567');
    expect(JSON.parse(linesOf('Root=1-5f84c7a5-0123456789abcdef01234567')[0].line).requestId).toBe(sane.requestId);

    for (const absurd of ['x'.repeat(1024), 'two words', 'quote"and=equals', `${NAME}`.normalize()]) {
      const before = written.length;
      const headerSafe = /^[\x20-\x7e]*$/.test(absurd) ? absurd : encodeURIComponent(absurd);
      const answer = await post(prod, 'query($id: ID!) { node(id: $id) { id } }', { id: gid('Case', ID) }, { requestId: headerSafe });
      expect(answer.requestId).toMatch(UUID);
      const lines = written.slice(before);
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0].line).requestId).toBe(answer.requestId);
      expect(lines[0].line).not.toContain(absurd.slice(0, 129));
    }
  });
});

describe('reports outside a request (webhook dispatcher, sweep, idle connections)', () => {
  it('log the failure of a statement on personal data without its values, and what Lambda is given to throw holds none', async () => {
    const failure = await db
      .insert(petitioners)
      .values({ kind: 'PERSON', name: NAME, identityNumber: ID, mobile: FAULT_MOBILE })
      .then(() => undefined, (error: unknown) => error);
    expect(format(failure)).toContain(FAULT_MOBILE); // what was logged before: the driver's error whole
    const lines: string[] = [];
    const logger = createLogger({ format: 'json', sink: (line) => void lines.push(line) });
    databaseReports(logger).onRoundError(failure);
    databaseReports(logger).onIdleError(failure);
    const thrown = failed(logger, 'sweep failed', failure);
    const out = [...lines, thrown.message, thrown.stack ?? '', failureSummary(failure)].join('\n');
    for (const value of PERSONAL) expect(out).not.toContain(value);
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: 'error', msg: 'webhook dispatcher round failed', sqlState: '23514', constraint: 'logs_test_fault' },
      { level: 'warn', msg: 'database: an idle connection failed and was discarded', sqlState: '23514' },
      { level: 'error', msg: 'sweep failed', sqlState: '23514' },
    ]);
    expect(thrown.message).toBe('sweep failed: DrizzleQueryError (SQLSTATE 23514)');
  });
});
