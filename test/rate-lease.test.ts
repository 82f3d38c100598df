/**
 * The per-instance lease on the shared cost buckets (db/integrations/rate-lease.ts): statements counted with the
 * test databases' counting logger (db/client.ts sqlLog), time moved with the injected clock, never slept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { cases } from '../db/schema';
import { DEFAULT_ACCOUNT_CACHE_MS } from '../db/accounts/sign-in';
import { DEFAULT_LEASE } from '../db/integrations/rate-lease';
import type { App } from '../schema/yoga';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { gql, testApp, withSqlLog } from './support/app';
import { caseInput } from './support/cases';

let db: Database;

beforeAll(async () => {
  db = (await testDatabase()).db;
});

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

async function call(target: App, query: string, headers: Record<string, string>, variables: Record<string, unknown> = {}, clientAddress = '198.51.100.30') {
  const response = await target.fetch(
    'http://test/graphql',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) },
    { clientAddress },
  );
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** viewer { roles } costs 2 and reads nothing but the actor: a request whose only possible statement is the limiter's. */
const ROLES = '{ viewer { roles } }';
const ROLES_COST = 2;
const LIST = '{ cases(first: 5) { nodes { number } } }';

async function bucketRow(key: string) {
  const { rows } = (await db.execute(sql`select available::float8 as available from rate_buckets where key = ${key}`)) as unknown as { rows: { available: number }[] };
  return rows[0] ? Number(rows[0].available) : null;
}

/** A clock the test moves; two app instances may share it. */
function clockAt(iso: string) {
  const clock = { t: new Date(iso), now: () => clock.t, advance: (ms: number) => (clock.t = new Date(clock.t.getTime() + ms)) };
  return clock;
}

describe('the lease: requests admitted from the instance’s slice', () => {
  it('N requests within one lease make exactly one bucket statement, and the hot path is the query alone', async () => {
    const fx = await buildFixture(db);
    const clock = clockAt('2026-07-01T02:00:00Z');
    // a bucket of 1000: a slice is a tenth (100), so 40 requests of 2 and the list (11) fit in one
    const app = testApp(db, { now: clock.now, accountCacheMs: DEFAULT_ACCOUNT_CACHE_MS, rateLimits: { STAFF: { maximum: 1000, restorePerSecond: 50 } } });
    const token = fx.tokens.officeStaff;
    const { charges } = await withSqlLog(async () => {
      for (let i = 0; i < 40; i++) expect((await call(app, ROLES, bearer(token))).status).toBe(200);
    });
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatch(/^with signed_in as/);

    // within the lease and the account's cache time, a request's only statement is the GraphQL query itself
    clock.advance(DEFAULT_LEASE.leaseMs - 1);
    const warm = await withSqlLog(() => call(app, LIST, bearer(token)));
    expect(warm.result.status).toBe(200);
    expect(warm.charges).toHaveLength(0);
    expect(warm.statements).toHaveLength(1);
    expect(warm.statements[0]).toMatch(/\bfrom "cases"|from cases/i);

    // the lease has expired: the next request syncs (its account row is still fresh, so the bucket alone)
    clock.advance(1);
    const renewed = await withSqlLog(() => call(app, ROLES, bearer(token)));
    expect(renewed.charges).toHaveLength(1);
    expect(renewed.charges[0]).toMatch(/^insert into rate_buckets/);
  });

  it('concurrent requests on one instance share one sync in flight', async () => {
    const fx = await buildFixture(db);
    const clock = clockAt('2026-07-01T03:00:00Z');
    const app = testApp(db, { now: clock.now, accountCacheMs: DEFAULT_ACCOUNT_CACHE_MS, rateLimits: { STAFF: { maximum: 1000, restorePerSecond: 50 } } });
    const { result, charges } = await withSqlLog(() => Promise.all(Array.from({ length: 20 }, () => call(app, ROLES, bearer(fx.tokens.townAStaff)))));
    expect(result.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(charges).toHaveLength(1);
    // anonymous callers too: one sync for the burst of one address
    const anonymous = await withSqlLog(() => Promise.all(Array.from({ length: 20 }, () => call(app, '{ __typename }', {}, {}, '203.0.113.40'))));
    expect(anonymous.result.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(anonymous.charges).toHaveLength(1);
  });

  it('refuses a burst over the bucket with 429 and Retry-After before any resolver runs, and recovers after the restore time', async () => {
    const fx = await buildFixture(db);
    const clock = clockAt('2026-07-01T04:00:00Z');
    const app = testApp(db, { now: clock.now, accountCacheMs: DEFAULT_ACCOUNT_CACHE_MS, rateLimits: { STAFF: { maximum: 100, restorePerSecond: 4 } } });
    const token = fx.tokens.townBStaff;
    const register = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename } }`;
    const registered = () => db.$count(cases, eq(cases.registeredById, fx.actors.townBStaff.accountId));
    // registerCase { __typename } costs 2 requested and actual: the bucket of 100 admits 50, in slices of 10
    let refused: Awaited<ReturnType<typeof call>> | undefined;
    let allowed = 0;
    const { charges } = await withSqlLog(async () => {
      while (!refused) {
        const answer = await call(app, register, bearer(token), { input: caseInput(fx, { receivedOn: '2026-06-30' }) });
        if (answer.status === 429) refused = answer;
        else allowed += 1;
      }
    });
    expect(allowed).toBe(50);
    // one sync per slice of 10 (5 requests), and the refused one
    expect(charges).toHaveLength(11);
    expect(await registered()).toBe(50);
    expect(refused!.body.errors[0].extensions.code).toBe('rate/limited');
    expect(refused!.body.data).toBeUndefined();
    expect(refused!.body.extensions.cost.throttleStatus).toEqual({ maximumAvailable: 100, currentlyAvailable: 0, restoreRate: 4 });
    const retryAfter = Number(refused!.headers.get('retry-after'));
    expect(retryAfter).toBe(1); // 2 points at 4 per second
    expect(refused!.body.errors[0].extensions.retryAfterSeconds).toBe(retryAfter);

    clock.advance(retryAfter * 1000);
    const recovered = await call(app, register, bearer(token), { input: caseInput(fx, { receivedOn: '2026-06-30' }) });
    expect(recovered.status).toBe(200);
    expect(recovered.body.data.registerCase.__typename).toBe('MutationRegisterCaseSuccess');
    expect(await registered()).toBe(51);
  });

  it('gives an instance’s unused slice back to the shared bucket on its next sync', async () => {
    const fx = await buildFixture(db);
    const clock = clockAt('2026-07-01T05:00:00Z');
    const limits = { rateLimits: { STAFF: { maximum: 1000, restorePerSecond: 1 } }, accountCacheMs: DEFAULT_ACCOUNT_CACHE_MS };
    const instanceA = testApp(db, { now: clock.now, ...limits });
    const instanceB = testApp(db, { now: clock.now, ...limits });
    const token = fx.tokens.officeStaff;
    const bucket = `account:${fx.actors.officeStaff.accountId}`;

    const first = await call(instanceA, ROLES, bearer(token));
    // A took a slice of 100: the shared row holds 900, A reports the bucket as if its rest were in it
    expect(await bucketRow(bucket)).toBe(900);
    expect(first.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(1000 - ROLES_COST);
    // B sees A's slice as taken: the disfavour an instance's slice costs the others, bounded by one slice
    const onB = await call(instanceB, ROLES, bearer(token));
    expect(onB.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(900 - ROLES_COST);
    expect(await bucketRow(bucket)).toBe(800);

    // A's lease expires; its next request gives back the 98 it did not use and takes a new slice, in one statement
    clock.advance(DEFAULT_LEASE.leaseMs);
    const { charges } = await withSqlLog(() => call(instanceA, ROLES, bearer(token)));
    expect(charges).toHaveLength(1);
    // 800 + 98 given back + 1 restored in the second, − a new slice of 100
    expect(await bucketRow(bucket)).toBe(799);
    clock.advance(DEFAULT_LEASE.leaseMs);
    const again = await call(instanceB, ROLES, bearer(token));
    // B gives back its 98, the bucket has had 1 more restored: only what was used (4 requests) is gone
    expect(await bucketRow(bucket)).toBe(799 + 98 + 1 - 100);
    expect(again.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(799 + 98 + 1 - ROLES_COST);
  });

  it('two instances on one database share one bucket: together they admit no more than it plus the slices they hold', async () => {
    const fx = await buildFixture(db);
    const clock = clockAt('2026-07-01T06:00:00Z');
    const maximum = 200;
    const restorePerSecond = 20;
    const options = { now: clock.now, accountCacheMs: DEFAULT_ACCOUNT_CACHE_MS, rateLimits: { STAFF: { maximum, restorePerSecond } } };
    const instances = [testApp(db, options), testApp(db, options)];
    const token = fx.tokens.townAStaff;
    let admitted = 0;
    let refused = 0;
    // 5 s in steps of 250 ms; in every step each instance sends until it is refused
    const seconds = 5;
    for (let step = 0; step < seconds * 4; step++) {
      for (const instance of instances) {
        for (;;) {
          const answer = await call(instance, ROLES, bearer(token));
          if (answer.status === 429) {
            refused += 1;
            expect(answer.body.errors[0].extensions.code).toBe('rate/limited');
            break;
          }
          admitted += ROLES_COST;
        }
      }
      clock.advance(250);
    }
    expect(refused).toBe(seconds * 4 * instances.length);
    // one shared bucket admits its maximum plus what it restores; the lease adds at most one slice per instance
    const oneBucket = maximum + restorePerSecond * seconds;
    const slice = maximum * DEFAULT_LEASE.fraction;
    expect(admitted).toBeLessThanOrEqual(oneBucket + instances.length * slice);
    // and nothing is lost but what is stuck in slices (and fragments smaller than one request)
    expect(admitted).toBeGreaterThanOrEqual(oneBucket - instances.length * (slice + ROLES_COST));
  });
});

describe('credentials the instance holds a copy of', () => {
  const UPDATE = `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { __typename ... on Error { code message } ... on InputError { issues { path message } } } }`;

  it('refuse a deactivated account on its first request after the cache time, whatever the lease holds', async () => {
    const fx = await buildFixture(db);
    const clock = clockAt('2027-07-02T02:00:00Z');
    const instance = testApp(db, { now: clock.now, accountCacheMs: DEFAULT_ACCOUNT_CACHE_MS, rateLease: { leaseMs: 60_000 } });
    const elsewhere = testApp(db, { now: clock.now });
    const token = fx.tokens.townAStaff;
    expect((await call(instance, ROLES, bearer(token))).status).toBe(200);
    const off = await gql(elsewhere, UPDATE, { input: { id: gid('Account', fx.actors.townAStaff.accountId), active: false } }, fx.tokens.admin);
    expect(off.data.updateAccount).toEqual({ __typename: 'MutationUpdateAccountSuccess' });
    // within the cache time this instance still admits it from its slice, with no statement
    clock.advance(DEFAULT_ACCOUNT_CACHE_MS - 1);
    const cached = await withSqlLog(() => call(instance, ROLES, bearer(token)));
    expect(cached.result.status).toBe(200);
    expect([...cached.charges, ...cached.statements]).toHaveLength(0);
    // the first request after it reads the row again, although the slice still has points
    clock.advance(1);
    const refused = await call(instance, ROLES, bearer(token));
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('auth/account-inactive');
  });

  it('apply a deactivation made through the same instance at once', async () => {
    const fx = await buildFixture(db);
    const clock = clockAt('2027-07-02T03:00:00Z');
    const instance = testApp(db, { now: clock.now, accountCacheMs: DEFAULT_ACCOUNT_CACHE_MS });
    const token = fx.tokens.townBStaff;
    expect((await call(instance, ROLES, bearer(token))).status).toBe(200);
    await gql(instance, UPDATE, { input: { id: gid('Account', fx.actors.townBStaff.accountId), active: false } }, fx.tokens.admin);
    const refused = await call(instance, ROLES, bearer(token));
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('auth/account-inactive');
  });

  const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on MutationCreateApiKeySuccess { data { secret apiKey { id } } } } }`;
  const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }`;
  async function issueKey(app: App, fx: Fixture) {
    const result = await gql(app, CREATE_KEY, { input: { accountId: gid('Account', fx.actors.integrator.accountId), name: '租约测试', scopes: ['CASES_READ'] } }, fx.tokens.admin);
    return result.data.createApiKey.data as { secret: string; apiKey: { id: string } };
  }

  it('refuse a key revoked elsewhere on the first request after the cache time, and one revoked here at once', async () => {
    const fx = await buildFixture(db);
    const clock = clockAt('2027-07-02T04:00:00Z');
    const instance = testApp(db, { now: clock.now, accountCacheMs: DEFAULT_ACCOUNT_CACHE_MS, rateLease: { leaseMs: 60_000 } });
    const elsewhere = testApp(db, { now: clock.now });
    const key = await issueKey(elsewhere, fx);
    const headers = { 'x-api-key': key.secret };
    const first = await withSqlLog(() => call(instance, ROLES, headers));
    expect(first.result.status).toBe(200);
    expect(first.statements.filter((s) => /^with k as/.test(s))).toHaveLength(1);
    // the key's row and its slice are held: no statement at all
    const held = await withSqlLog(() => call(instance, ROLES, headers));
    expect(held.result.status).toBe(200);
    expect([...held.charges, ...held.statements]).toHaveLength(0);

    expect((await gql(elsewhere, REVOKE, { id: key.apiKey.id }, fx.tokens.admin)).data.revokeApiKey.__typename).toBe('MutationRevokeApiKeySuccess');
    clock.advance(DEFAULT_ACCOUNT_CACHE_MS - 1);
    expect((await call(instance, ROLES, headers)).status).toBe(200);
    clock.advance(1);
    const refused = await call(instance, ROLES, headers);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('auth/api-key-revoked');

    const other = await issueKey(instance, fx);
    expect((await call(instance, ROLES, { 'x-api-key': other.secret })).status).toBe(200);
    await gql(instance, REVOKE, { id: other.apiKey.id }, fx.tokens.admin);
    const revokedHere = await call(instance, ROLES, { 'x-api-key': other.secret });
    expect(revokedHere.status).toBe(401);
    expect(revokedHere.body.errors[0].extensions.code).toBe('auth/api-key-revoked');
  });

  it('check a held key’s expiry and allow-list on every request', async () => {
    const fx = await buildFixture(db);
    const clock = clockAt('2027-07-02T05:00:00Z');
    const instance = testApp(db, { now: clock.now, accountCacheMs: DEFAULT_ACCOUNT_CACHE_MS, rateLease: { leaseMs: 60_000 } });
    const result = await gql(instance, CREATE_KEY, {
      input: { accountId: gid('Account', fx.actors.integrator.accountId), name: '短期', scopes: ['CASES_READ'], allowedIps: ['203.0.113.0/24'], expiresAt: new Date(clock.t.getTime() + 2000).toISOString() },
    }, fx.tokens.admin);
    const headers = { 'x-api-key': result.data.createApiKey.data.secret };
    expect((await call(instance, ROLES, headers, {}, '203.0.113.5')).status).toBe(200);
    const denied = await call(instance, ROLES, headers, {}, '198.51.100.5');
    expect(denied.status).toBe(403);
    expect(denied.body.errors[0].extensions.code).toBe('auth/api-key-ip-denied');
    clock.advance(2000);
    const expired = await call(instance, ROLES, headers, {}, '203.0.113.5');
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0].extensions.code).toBe('auth/api-key-expired');
  });
});
