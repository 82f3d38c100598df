/**
 * Accounts through the API: the account row, not the token, decides on every request whether the caller may
 * act, with which roles and for which unit; every change an administrator makes is one event of the account's
 * history, written with the change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import type { App } from '../schema/yoga';
import { testApp, tokenFor } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { DEFAULT_ACCOUNT_CACHE_MS } from '../db/accounts/sign-in';

let db: Database;
let app: App;
let fx: Fixture;
beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db);
  fx = await buildFixture(db);
});

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

async function call(instance: App, query: string, variables: Record<string, unknown>, token: string) {
  const response = await instance.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) {
  __typename ... on MutationCreateAccountSuccess { data { id username roles status version } } ... on Error { code message } } }`;
const UPDATE = `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) {
  __typename ... on MutationUpdateAccountSuccess { data { roles status active version unit { name } } } ... on Error { code message }
  ... on VersionConflictError { currentVersion } } }`;
const HISTORY = `query($id: ID!) { node(id: $id) { ... on Account { version history(first: 20) { totalCount nodes {
  sequence type fromStatus toStatus payload actor { username } } } } } }`;
const WHO = `{ viewer { roles account { unit { name } } } units { name } }`;
const CREATE_UNIT = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { __typename ... on Error { code } } }`;

/** A new staff account made by the fixture's administrator, and a token for it that claims what it had at first. */
async function newClerk(name: string) {
  const created = await call(app, CREATE, { input: { username: `${name}-${fx.code}`, displayName: name, unitId: gid('Unit', fx.units.townA.id), roles: ['STAFF'] } }, fx.tokens.admin);
  const account = created.body.data.createAccount.data;
  const id = Buffer.from(account.id, 'base64').toString().split(':')[1];
  const token = await tokenFor({ accountId: id, displayName: name, roles: ['STAFF'], unitId: fx.units.townA.id, petitionerId: null });
  return { gid: account.id as string, id, token, created: account };
}

describe('the account row decides each request', () => {
  it('refuses a deactivated account on its very next request (HTTP 401 auth/account-inactive), and lets it back in when reactivated', async () => {
    const clerk = await newClerk('clerk-a');
    expect(clerk.created).toMatchObject({ roles: ['STAFF'], status: 'ACTIVE', version: 1 });
    expect((await call(app, WHO, {}, clerk.token)).status).toBe(200);

    const off = await call(app, UPDATE, { input: { id: clerk.gid, active: false } }, fx.tokens.admin);
    expect(off.body.data.updateAccount.data).toMatchObject({ status: 'INACTIVE', active: false, version: 2 });
    // The token still verifies and has hours to live; the account does not.
    const refused = await call(app, WHO, {}, clerk.token);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0].extensions?.code).toBe('auth/account-inactive');
    expect(refused.body.errors?.[0].message).toMatch(/账号已停用/);
    expect(refused.body.data).toBeUndefined();

    const on = await call(app, UPDATE, { input: { id: clerk.gid, active: true } }, fx.tokens.admin);
    expect(on.body.data.updateAccount.data).toMatchObject({ status: 'ACTIVE', version: 3 });
    expect((await call(app, WHO, {}, clerk.token)).status).toBe(200);
  });

  it('applies changed roles and a new unit on the next request, whatever the token claims', async () => {
    const clerk = await newClerk('clerk-b');
    const before = await call(app, WHO, {}, clerk.token);
    expect(before.body.data.viewer).toEqual({ roles: ['STAFF'], account: { unit: { name: '甲镇' } } });
    expect(before.body.data.units.map((unit: { name: string }) => unit.name)).toEqual(['甲镇']);
    const unit = { parentId: gid('Unit', fx.units.townB.id), level: 'VILLAGE', kind: 'COMMUNITY', divisionCode: `${fx.code}002009`, name: '乙镇九村' };
    expect((await call(app, CREATE_UNIT, { input: unit }, clerk.token)).body.data.createUnit.code).toBe('auth/forbidden');

    const changed = await call(app, UPDATE, { input: { id: clerk.gid, roles: ['STAFF', 'ADMIN'], unitId: gid('Unit', fx.units.townB.id) } }, fx.tokens.admin);
    expect(changed.body.data.updateAccount.data).toMatchObject({ roles: ['STAFF', 'ADMIN'], unit: { name: '乙镇' }, version: 2 });

    const after = await call(app, WHO, {}, clerk.token);
    expect(after.body.data.viewer).toEqual({ roles: ['STAFF', 'ADMIN'], account: { unit: { name: '乙镇' } } });
    // Its subtree is now 乙镇's: the unit tree starts there, and as an administrator it may add a village to it.
    expect(after.body.data.units.map((u: { name: string }) => u.name)).toEqual(['乙镇']);
    expect((await call(app, CREATE_UNIT, { input: unit }, clerk.token)).body.data.createUnit.__typename).toBe('MutationCreateUnitSuccess');

    // Taking a role away works the same way.
    await call(app, UPDATE, { input: { id: clerk.gid, roles: ['STAFF'] } }, fx.tokens.admin);
    const unitAgain = { ...unit, divisionCode: `${fx.code}002010`, name: '乙镇十村' };
    expect((await call(app, CREATE_UNIT, { input: unitAgain }, clerk.token)).body.data.createUnit.code).toBe('auth/forbidden');
  });

  it('refuses a valid token of an account that does not exist', async () => {
    const ghost = await tokenFor({ accountId: crypto.randomUUID(), displayName: 'ghost', roles: ['ADMIN'], unitId: fx.units.county.id, petitionerId: null });
    const answer = await call(app, WHO, {}, ghost);
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0].extensions?.code).toBe('auth/unauthenticated');
  });

  it(`trusts an account row for ${DEFAULT_ACCOUNT_CACHE_MS / 1000} s on one instance by default, then reads it again`, async () => {
    let clock = new Date('2026-06-01T02:00:00Z');
    const cached = testApp(db, { now: () => clock, accountCacheMs: DEFAULT_ACCOUNT_CACHE_MS });
    const clerk = await newClerk('clerk-c');
    expect((await call(cached, WHO, {}, clerk.token)).status).toBe(200);
    await call(app, UPDATE, { input: { id: clerk.gid, active: false } }, fx.tokens.admin);
    clock = new Date(clock.getTime() + DEFAULT_ACCOUNT_CACHE_MS - 1000);
    expect((await call(cached, WHO, {}, clerk.token)).status).toBe(200);
    clock = new Date(clock.getTime() + 2000);
    expect((await call(cached, WHO, {}, clerk.token)).status).toBe(401);
  });
});

describe('account history', () => {
  it('records creation, each change, deactivation and reactivation as one event each, by the administrator who made it', async () => {
    const clerk = await newClerk('clerk-d');
    await call(app, UPDATE, { input: { id: clerk.gid, roles: ['STAFF', 'LEADER'], displayName: '组长' } }, fx.tokens.admin);
    await call(app, UPDATE, { input: { id: clerk.gid, active: false } }, fx.tokens.admin);
    await call(app, UPDATE, { input: { id: clerk.gid, active: true, unitId: gid('Unit', fx.units.villageA.id) } }, fx.tokens.admin);
    // Changing nothing is no event.
    await call(app, UPDATE, { input: { id: clerk.gid, active: true } }, fx.tokens.admin);

    const { body } = await call(app, HISTORY, { id: clerk.gid }, fx.tokens.admin);
    const admin = { username: `admin-${fx.code}` };
    expect(body.data.node.version).toBe(4);
    expect(body.data.node.history.totalCount).toBe(4);
    expect(body.data.node.history.nodes).toEqual([
      { sequence: 1, type: 'account.created', fromStatus: null, toStatus: 'ACTIVE', actor: admin, payload: { username: `clerk-d-${fx.code}`, displayName: 'clerk-d', unitId: gid('Unit', fx.units.townA.id), roles: ['STAFF'] } },
      { sequence: 2, type: 'account.changed', fromStatus: 'ACTIVE', toStatus: 'ACTIVE', actor: admin, payload: { displayName: '组长', previousDisplayName: 'clerk-d', roles: ['STAFF', 'LEADER'], previousRoles: ['STAFF'] } },
      { sequence: 3, type: 'account.deactivated', fromStatus: 'ACTIVE', toStatus: 'INACTIVE', actor: admin, payload: {} },
      { sequence: 4, type: 'account.reactivated', fromStatus: 'INACTIVE', toStatus: 'ACTIVE', actor: admin, payload: { unitId: gid('Unit', fx.units.villageA.id), previousUnitId: gid('Unit', fx.units.townA.id) } },
    ]);
    // The account may read its own history; staff of its unit may see the account but not its history.
    expect((await call(app, HISTORY, { id: clerk.gid }, clerk.token)).body.data.node.history.totalCount).toBe(4);
    const other = await call(app, HISTORY, { id: clerk.gid }, fx.tokens.villageStaff);
    expect(other.body.data?.node?.history ?? null).toBeNull();
  });

  it('refuses a stale expectedVersion and writes nothing', async () => {
    const clerk = await newClerk('clerk-e');
    const stale = await call(app, UPDATE, { input: { id: clerk.gid, displayName: '改名', expectedVersion: 7 } }, fx.tokens.admin);
    expect(stale.body.data.updateAccount).toMatchObject({ __typename: 'VersionConflictError', code: 'account/version-conflict', currentVersion: 1 });
    const { body } = await call(app, HISTORY, { id: clerk.gid }, fx.tokens.admin);
    expect(body.data.node.history.totalCount).toBe(1);
  });

  it('keeps administrators to their subtree', async () => {
    const clerk = await newClerk('clerk-f');
    const townAdmin = await call(app, UPDATE, { input: { id: clerk.gid, unitId: gid('Unit', fx.units.city.id) } }, fx.tokens.admin);
    expect(townAdmin.body.data.updateAccount).toMatchObject({ code: 'auth/forbidden' });
    const staff = await call(app, UPDATE, { input: { id: clerk.gid, active: false } }, fx.tokens.townAStaff);
    expect(staff.body.data.updateAccount).toMatchObject({ code: 'auth/forbidden' });
    expect((await call(app, HISTORY, { id: clerk.gid }, fx.tokens.admin)).body.data.node.history.totalCount).toBe(1);
  });
});
