import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { cases, events } from '../db/schema';
import { API_KEY_PREFIX } from '../db/integrations/key-format';
import type { App } from '../schema/yoga';
import { testDatabase } from './support/database';
import { buildFixture, idempotencyKey, type Fixture } from './support/fixtures';
import { gql, testApp, withSqlLog } from './support/app';
import { caseInput } from './support/cases';

let db: Database;
let app: App;
let fx: Fixture;
let clock = new Date('2026-06-10T02:00:00Z');
const now = () => clock;

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now });
  fx = await buildFixture(db);
});

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

/** A real HTTP exchange through yoga.fetch, with the client address the entry point would pass. */
async function call(target: App, query: string, variables: Record<string, unknown>, headers: Record<string, string>, clientAddress = '198.51.100.20') {
  const response = await target.fetch(
    'http://test/graphql',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) },
    { clientAddress },
  );
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const CREATE_KEY = /* GraphQL */ `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
  __typename ... on MutationCreateApiKeySuccess { data { secret apiKey { id prefix scopes lastUsedAt revokedAt } } } ... on Error { code message } } }`;

async function issueKey(overrides: Record<string, unknown> = {}, token = fx.tokens.admin) {
  const result = await gql(app, CREATE_KEY, {
    input: { accountId: gid('Account', fx.actors.integrator.accountId), name: '12345 热线', scopes: ['CASES_READ', 'CASES_FILE'], ...overrides },
  }, token);
  const payload = result.data?.createApiKey;
  if (payload?.__typename !== 'MutationCreateApiKeySuccess') throw new Error(JSON.stringify(result));
  return payload.data as { secret: string; apiKey: { id: string; prefix: string; scopes: string[] } };
}

const VIEWER = '{ viewer { roles account { displayName } } }';

describe('API keys', () => {
  it('are issued once with a recognisable prefix, stored hashed, and work as Bearer or X-API-Key', async () => {
    const { secret, apiKey } = await issueKey();
    expect(secret).toMatch(/^xfk_[0-9A-Za-z]{36}$/);
    expect(apiKey.prefix).toBe(secret.slice(0, 12));
    const stored = await db.execute(sql`select secret_hash from api_keys where prefix = ${apiKey.prefix}`);
    expect(JSON.stringify((stored as any).rows)).not.toContain(secret.slice(4));

    const bearer = await call(app, VIEWER, {}, { authorization: `Bearer ${secret}` });
    expect(bearer.status).toBe(200);
    expect(bearer.body.data.viewer).toEqual({ roles: ['INTEGRATOR'], account: { displayName: fx.actors.integrator.displayName } });
    const header = await call(app, VIEWER, {}, { 'x-api-key': secret });
    expect(header.body.data.viewer.roles).toEqual(['INTEGRATOR']);

    const listed = await gql(app, `{ apiKeys { id prefix lastUsedAt } }`, {}, fx.tokens.admin);
    const mine = listed.data.apiKeys.find((k: { id: string }) => k.id === apiKey.id);
    expect(mine.lastUsedAt).toBe(clock.toISOString());
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it('tells a foreign token, a mistyped key and an unknown key apart', async () => {
    const { secret } = await issueKey();
    const foreign = await call(app, VIEWER, {}, { 'x-api-key': 'ghp_' + secret.slice(4) });
    expect(foreign.status).toBe(401);
    expect(foreign.body.errors[0].extensions.code).toBe('auth/api-key-malformed');
    const last = secret.at(-1) === 'A' ? 'B' : 'A';
    const mistyped = await call(app, VIEWER, {}, { authorization: `Bearer ${secret.slice(0, -1)}${last}` });
    expect(mistyped.status).toBe(401);
    expect(mistyped.body.errors[0].extensions.code).toBe('auth/api-key-checksum');
    const truncated = await call(app, VIEWER, {}, { 'x-api-key': secret.slice(0, 30) });
    expect(truncated.body.errors[0].extensions.code).toBe('auth/api-key-checksum');
    // well-formed (its checksum holds) but never issued
    const { generateApiKey } = await import('../db/integrations/key-format');
    const unknown = await call(app, VIEWER, {}, { 'x-api-key': generateApiKey() });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors[0].extensions.code).toBe('auth/api-key-invalid');
  });

  it('rotate without downtime: two live keys, the old one revoked, the new one still works', async () => {
    const old = await issueKey({ name: '旧密钥' });
    const next = await issueKey({ name: '新密钥' });
    expect((await call(app, VIEWER, {}, { 'x-api-key': old.secret })).status).toBe(200);
    expect((await call(app, VIEWER, {}, { 'x-api-key': next.secret })).status).toBe(200);

    const revoked = await gql(app, `mutation($id: ID!) { revokeApiKey(id: $id) { __typename ... on MutationRevokeApiKeySuccess { data { apiKey { revokedAt } } } } }`, { id: old.apiKey.id }, fx.tokens.admin);
    expect(revoked.data.revokeApiKey.data.apiKey.revokedAt).toBe(clock.toISOString());
    const refused = await call(app, VIEWER, {}, { 'x-api-key': old.secret });
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('auth/api-key-revoked');
    expect((await call(app, VIEWER, {}, { 'x-api-key': next.secret })).body.data.viewer.roles).toEqual(['INTEGRATOR']);
  });

  it('expire at their expiry time', async () => {
    const expiresAt = new Date(clock.getTime() + 3_600_000);
    const { secret } = await issueKey({ expiresAt: expiresAt.toISOString() });
    expect((await call(app, VIEWER, {}, { 'x-api-key': secret })).status).toBe(200);
    const saved = clock;
    clock = expiresAt;
    try {
      const expired = await call(app, VIEWER, {}, { 'x-api-key': secret });
      expect(expired.status).toBe(401);
      expect(expired.body.errors[0].extensions.code).toBe('auth/api-key-expired');
    } finally {
      clock = saved;
    }
  });

  it('honour the IP allow-list (IPv4 through an IPv6 socket included)', async () => {
    const { secret } = await issueKey({ allowedIps: ['203.0.113.0/24', '2001:db8::1'] });
    expect((await call(app, VIEWER, {}, { 'x-api-key': secret }, '203.0.113.77')).status).toBe(200);
    expect((await call(app, VIEWER, {}, { 'x-api-key': secret }, '::ffff:203.0.113.8')).status).toBe(200);
    expect((await call(app, VIEWER, {}, { 'x-api-key': secret }, '2001:db8::1')).status).toBe(200);
    const denied = await call(app, VIEWER, {}, { 'x-api-key': secret }, '198.51.100.1');
    expect(denied.status).toBe(403);
    expect(denied.body.errors[0].extensions.code).toBe('auth/api-key-ip-denied');
  });

  it('are issued only by administrators, to integrator accounts, within both their subtrees', async () => {
    const bad = await gql(app, CREATE_KEY, { input: { accountId: gid('Account', fx.actors.officeStaff.accountId), name: 'x', scopes: ['CASES_READ'] } }, fx.tokens.admin);
    expect(bad.data.createApiKey.code).toBe('integration/not-integrator');
    const staff = await gql(app, CREATE_KEY, { input: { accountId: gid('Account', fx.actors.integrator.accountId), name: 'x', scopes: ['CASES_READ'] } }, fx.tokens.officeStaff);
    expect(staff.data.createApiKey.code).toBe('auth/forbidden');
    const outside = await gql(app, CREATE_KEY, { input: { accountId: gid('Account', fx.actors.integrator.accountId), name: 'x', scopes: ['CASES_READ'], unitId: gid('Unit', fx.units.townA.id) } }, fx.tokens.admin);
    expect(outside.data.createApiKey.code).toBe('integration/unit-outside');
    const badIp = await gql(app, CREATE_KEY, { input: { accountId: gid('Account', fx.actors.integrator.accountId), name: 'x', scopes: ['CASES_READ'], allowedIps: ['10.0.0.0/33'] } }, fx.tokens.admin);
    expect(badIp.data.createApiKey.code).toBe('input/invalid');
    // a key cannot issue keys, even its own integrator's
    const { secret } = await issueKey({ scopes: ['CASES_READ', 'CASES_FILE', 'EVENTS_SUBSCRIBE', 'WEBHOOKS_MANAGE'] });
    const byKey = await call(app, CREATE_KEY, { input: { accountId: gid('Account', fx.actors.integrator.accountId), name: 'x', scopes: ['CASES_READ'] } }, { 'x-api-key': secret });
    expect(byKey.body.data.createApiKey.code).toBe('auth/forbidden');
  });

  it('reach only what their scopes and unit subtree allow', async () => {
    const staffCase = caseInput(fx, { receivedOn: '2026-06-09' });
    const registered = await gql(app, `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { ... on MutationRegisterCaseSuccess { data { case { id } } } } }`, { input: staffCase }, fx.tokens.officeStaff);
    const caseId = registered.data.registerCase.data.case.id;

    const fileOnly = await issueKey({ scopes: ['CASES_FILE'] });
    const list = await call(app, '{ cases(first: 5) { totalCount } }', {}, { 'x-api-key': fileOnly.secret });
    expect(list.body.errors[0].extensions.code).toBe('auth/forbidden');
    const node = await call(app, 'query($id: ID!) { node(id: $id) { id } }', { id: caseId }, { 'x-api-key': fileOnly.secret });
    expect(node.body.errors[0].extensions.code).toBe('auth/forbidden');

    const reader = await issueKey({ scopes: ['CASES_READ'] });
    const read = await call(app, 'query($id: ID!) { node(id: $id) { id } }', { id: caseId }, { 'x-api-key': reader.secret });
    expect(read.body.data.node.id).toBe(caseId);
    // people's mutations are not for keys, whatever the role allows
    const register = await call(app, `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename ... on Error { code } } }`, { input: caseInput(fx, { receivedOn: '2026-06-09' }) }, { 'x-api-key': reader.secret });
    expect(register.body.data.registerCase.code).toBe('auth/forbidden');
    const file = await call(app, SUBMIT, { input: integrationInput() }, { 'x-api-key': reader.secret });
    expect(file.body.data.submitCaseFromIntegration.code).toBe('auth/forbidden');
  });
});

const SUBMIT = /* GraphQL */ `mutation($input: SubmitCaseFromIntegrationInput!) { submitCaseFromIntegration(input: $input) {
  __typename ... on MutationSubmitCaseFromIntegrationSuccess { data { replayed caseId number status } } ... on Error { code message } } }`;

function integrationInput(overrides: Record<string, unknown> = {}) {
  const { channel: _channel, ...input } = caseInput(fx, { receivedOn: '2026-06-09' });
  return { ...input, externalSystem: 'HOTLINE_12345', externalReference: `GD${Math.random().toString().slice(2, 12)}`, ...overrides };
}

describe('filing by external reference', () => {
  it('files under the ticket number, keeps the 12345 deadline beside ours, and finds it by reference', async () => {
    const { secret, apiKey } = await issueKey();
    const input = integrationInput({ externalReference: 'GD2026061000123', externalDueAt: '2026-06-13T10:00:00+08:00' });
    const filed = await call(app, SUBMIT, { input }, { 'x-api-key': secret });
    const data = filed.body.data.submitCaseFromIntegration.data;
    expect(data).toMatchObject({ replayed: false, status: 'REGISTERED' });

    const found = await call(app, `query { caseByExternalRef(system: HOTLINE_12345, ref: "GD2026061000123") {
      id number channel nextDueOn externalReferences { system reference dueAt }
      events(first: 1) { nodes { type actor { displayName } apiKey { prefix } } } } }`, {}, { 'x-api-key': secret });
    const petitionCase = found.body.data.caseByExternalRef;
    expect(petitionCase.id).toBe(data.caseId);
    expect(petitionCase.number).toBe(data.number);
    expect(petitionCase.channel).toBe('HOTLINE_12345');
    expect(petitionCase.externalReferences).toEqual([{ system: 'HOTLINE_12345', reference: 'GD2026061000123', dueAt: '2026-06-13T02:00:00.000Z' }]);
    // our own clock is the regulation's (15 days to accept), not the ticket's 3 days
    expect(petitionCase.nextDueOn).not.toBe('2026-06-13');
    // the history names the integrator and the key
    expect(petitionCase.events.nodes[0]).toEqual({ type: 'REGISTERED', actor: { displayName: fx.actors.integrator.displayName }, apiKey: { prefix: apiKey.prefix } });
    const [event] = await db.select({ apiKeyId: events.apiKeyId, actorId: events.actorId }).from(events).where(eq(events.streamId, Buffer.from(data.caseId, 'base64').toString().split(':')[1]));
    expect(event).toEqual({ apiKeyId: Buffer.from(apiKey.id, 'base64').toString().split(':')[1], actorId: fx.actors.integrator.accountId });

    expect((await call(app, `{ caseByExternalRef(system: HOTLINE_12345, ref: "GD-none") { id } }`, {}, { 'x-api-key': secret })).body.data.caseByExternalRef).toBeNull();
  });

  it('makes exactly one case from 50 concurrent submissions of one reference (each with its own idempotency key)', async () => {
    const { secret } = await issueKey();
    const input = integrationInput();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => call(app, SUBMIT, { input: { ...input, idempotencyKey: idempotencyKey() } }, { 'x-api-key': secret })),
    );
    const payloads = answers.map((a) => a.body.data.submitCaseFromIntegration);
    expect(new Set(payloads.map((p) => p.__typename))).toEqual(new Set(['MutationSubmitCaseFromIntegrationSuccess']));
    expect(new Set(payloads.map((p) => p.data.number)).size).toBe(1);
    expect(payloads.filter((p) => !p.data.replayed)).toHaveLength(1);
    const rows = await db.select({ id: cases.id }).from(cases).where(eq(cases.number, payloads[0].data.number));
    expect(rows).toHaveLength(1);
    const history = await db.select({ type: events.type }).from(events).where(eq(events.streamId, rows[0].id));
    expect(history).toEqual([{ type: 'case.registered' }]);
  });

  it('refuses the same reference with different content, and keeps references apart per integrator', async () => {
    const { secret } = await issueKey();
    const input = integrationInput();
    await call(app, SUBMIT, { input }, { 'x-api-key': secret });
    const changed = await call(app, SUBMIT, { input: { ...input, idempotencyKey: idempotencyKey(), title: '另一件事' } }, { 'x-api-key': secret });
    expect(changed.body.data.submitCaseFromIntegration.code).toBe('integration/external-ref-conflict');

    const other = await buildFixture(db);
    const otherKey = await issueKey({ accountId: gid('Account', other.actors.integrator.accountId) }, other.tokens.admin);
    const { channel: _c, ...otherCase } = caseInput(other, { receivedOn: '2026-06-09' });
    const theirs = await call(app, SUBMIT, { input: { ...otherCase, externalSystem: 'HOTLINE_12345', externalReference: input.externalReference } }, { 'x-api-key': otherKey.secret });
    expect(theirs.body.data.submitCaseFromIntegration.data.replayed).toBe(false);
  });
});

describe('cost-based rate limits', () => {
  const LIST = '{ cases(first: 50) { nodes { number } } }';

  it('reports the cost of every response: requested from first, actual from what came back', async () => {
    const { secret } = await issueKey({ unitId: gid('Unit', fx.units.office.id) });
    const answer = await call(app, LIST, {}, { 'x-api-key': secret });
    expect(answer.status).toBe(200);
    const returned = answer.body.data.cases.nodes.length;
    // cases (1) + 50 × (nodes 1 + number 1)
    expect(answer.body.extensions.cost.requestedQueryCost).toBe(101);
    expect(answer.body.extensions.cost.actualQueryCost).toBe(1 + 1 + returned);
    expect(answer.body.extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 1e12, restoreRate: 1 });
    const person = await call(app, VIEWER, {}, { authorization: `Bearer ${fx.tokens.officeStaff}` });
    expect(person.body.extensions.cost).toMatchObject({ requestedQueryCost: 4, actualQueryCost: 4 });
  });

  it('refuses a burst over the bucket with 429 and Retry-After before anything runs, and recovers after the restore time', async () => {
    let t = new Date('2026-06-10T02:00:00Z');
    const limited = testApp(db, { now: () => t, rateLimits: { STAFF: { maximum: 30, restorePerSecond: 2 } } });
    const token = fx.tokens.townBStaff;
    const register = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename } }`;
    // registerCase { __typename }: 2 points, requested and actual
    const first = await call(limited, register, { input: caseInput(fx, { receivedOn: '2026-06-09', placeCode: `${fx.code}002` }) }, { authorization: `Bearer ${token}` });
    const cost = first.body.extensions.cost.requestedQueryCost;
    expect(first.body.extensions.cost.actualQueryCost).toBe(cost);
    expect(first.body.extensions.cost.throttleStatus).toEqual({ maximumAvailable: 30, currentlyAvailable: 30 - cost, restoreRate: 2 });
    const before = await db.$count(cases, eq(cases.registeredById, fx.actors.townBStaff.accountId));
    let refused: Awaited<ReturnType<typeof call>> | undefined;
    let allowed = 1;
    while (!refused) {
      const answer = await call(limited, register, { input: caseInput(fx, { receivedOn: '2026-06-09' }) }, { authorization: `Bearer ${token}` });
      if (answer.status === 429) refused = answer;
      else allowed += 1;
    }
    expect(allowed).toBe(Math.floor(30 / cost));
    expect(refused.body.errors[0].extensions.code).toBe('rate/limited');
    expect(refused.body.data).toBeUndefined();
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBe(Math.ceil((cost - (30 - allowed * cost)) / 2));
    expect(refused.body.errors[0].extensions.retryAfterSeconds).toBe(retryAfter);
    // no resolver ran: the allowed requests registered a case each, the refused one none
    expect(await db.$count(cases, eq(cases.registeredById, fx.actors.townBStaff.accountId))).toBe(before + allowed - 1);

    t = new Date(t.getTime() + retryAfter * 1000);
    const recovered = await call(limited, register, { input: caseInput(fx, { receivedOn: '2026-06-09' }) }, { authorization: `Bearer ${token}` });
    expect(recovered.status).toBe(200);
    expect(recovered.body.data.registerCase.__typename).toBe('MutationRegisterCaseSuccess');
  });

  it('shares one bucket between two app instances, per key, with the key’s own limits', async () => {
    let t = new Date('2026-06-11T02:00:00Z');
    const instanceA = testApp(db, { now: () => t });
    const instanceB = testApp(db, { now: () => t });
    const { secret } = await issueKey({ rateLimit: { maximum: 10, restorePerSecond: 1 } });
    const headers = { 'x-api-key': secret };
    // viewer { roles account { displayName } } costs 4: the bucket of 10 holds two of them
    expect((await call(instanceA, VIEWER, {}, headers)).body.extensions.cost.throttleStatus).toEqual({ maximumAvailable: 10, currentlyAvailable: 6, restoreRate: 1 });
    expect((await call(instanceB, VIEWER, {}, headers)).body.extensions.cost.throttleStatus.currentlyAvailable).toBe(2);
    const refusedOnA = await call(instanceA, VIEWER, {}, headers);
    expect(refusedOnA.status).toBe(429);
    expect(refusedOnA.headers.get('retry-after')).toBe('2');
    t = new Date(t.getTime() + 2000);
    expect((await call(instanceB, VIEWER, {}, headers)).status).toBe(200);
  });

  it('refunds what a request did not use: a short page gives back the rest of its first', async () => {
    let t = new Date('2026-06-12T02:00:00Z');
    const instance = testApp(db, { now: () => t });
    const { secret } = await issueKey({ rateLimit: { maximum: 500, restorePerSecond: 0.1 }, unitId: gid('Unit', fx.units.office.id) });
    const first = await call(instance, LIST, {}, { 'x-api-key': secret });
    const { requestedQueryCost, actualQueryCost, throttleStatus } = first.body.extensions.cost;
    expect(actualQueryCost).toBeLessThan(requestedQueryCost);
    expect(throttleStatus.currentlyAvailable).toBe(500 - actualQueryCost);
    // the refund went back into the instance's slice, and to the bucket with the next sync, in the same statement
    const { result, statements, charges } = await withSqlLog(() => call(instance, VIEWER, {}, { 'x-api-key': secret }));
    expect(result.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(500 - actualQueryCost - 4);
    expect(charges).toHaveLength(0);
    // this instance holds no key rows (accountCacheMs 0): one statement verifies the key and syncs its bucket; one
    // more reads the account for viewer (test/rate-lease.test.ts: with the row held, that one is all)
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^with k as/);
  });
});

describe('the public lookup caseStatus', () => {
  it('is limited per client address, so query codes cannot be tried one after another', async () => {
    const limited = testApp(db, { now, publicLookupLimit: { points: 3, duration: 60 } });
    const lookup = `{ caseStatus(number: "X-2026-000001", queryCode: "WRONG123") { status } }`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await call(limited, lookup, {}, {}, '192.0.2.10');
      expect(answer.body.errors[0].extensions.code).toBe('case/not-found');
    }
    const refused = await call(limited, lookup, {}, {}, '192.0.2.10');
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('rate/limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(55);
    // another address is not affected
    expect((await call(limited, lookup, {}, {}, '192.0.2.11')).body.errors[0].extensions.code).toBe('case/not-found');
    // rate-limiter-flexible reads Date.now(): move it past the window
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      expect((await call(limited, lookup, {}, {}, '192.0.2.10')).body.errors[0].extensions.code).toBe('case/not-found');
    } finally {
      vi.useRealTimers();
    }
  });
});

expect(API_KEY_PREFIX).toBe('xfk_');
