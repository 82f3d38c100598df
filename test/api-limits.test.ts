import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { renderLocalGraphiQL } from '../functions/graphiql';
import { gql, testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';

let db: Database;
let fx: Fixture;
beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
});

describe('operation limits', () => {
  it('refuses too many aliases', async () => {
    const app = testApp(db);
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: viewer { roles }`).join(' ');
    const result = await gql(app, `{ ${aliases} }`, {}, fx.tokens.officeStaff);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0].message).toMatch(/alias/i);
  });

  it('refuses queries nested too deep', async () => {
    const app = testApp(db);
    const deep = `{ units { children { children { children { children { children { children { children { children { children { children { name } } } } } } } } } } } }`;
    const result = await gql(app, deep, {}, fx.tokens.officeStaff);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'request/limit-exceeded' } });
    expect(result.errors?.[0].message).toMatch(/depth/i);
  });

  it('refuses a page over 100 on every connection alike, nested or not, literal or variable, before anything runs', async () => {
    const app = testApp(db);
    const top = await gql(app, `{ cases(first: 500) { totalCount nodes { id } } }`, {}, fx.tokens.officeStaff);
    expect(top.data).toBeUndefined();
    expect(top.errors).toEqual([expect.objectContaining({ message: '每页最多 100 条：cases(first: 500)', extensions: { code: 'input/invalid' } })]);
    const nested = await gql(app, `query($n: Int) { cases(first: 5) { nodes { events(last: $n) { nodes { type } } } } }`, { n: 10000 }, fx.tokens.officeStaff);
    expect(nested.data).toBeUndefined();
    expect(nested.errors).toEqual([expect.objectContaining({ message: '每页最多 100 条：events(last: 10000)', extensions: { code: 'input/invalid' } })]);
    // 100 is accepted on a top-level and on a nested connection (100 × 100 nested would exceed the cost limit instead)
    const ok = await gql(app, `{ cases(first: 100) { totalCount nodes { id } } nested: cases(first: 5) { nodes { events(first: 100) { totalCount } } } }`, {}, fx.tokens.officeStaff);
    expect(ok.errors).toBeUndefined();
  });

  it('states the page rule on every connection', async () => {
    const { schema } = await import('../schema/index');
    const { PAGE_RULE } = await import('../schema/page-limits');
    const { getNamedType, isObjectType } = await import('graphql');
    const connections = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).filter((field) => getNamedType(field.type).name.endsWith('Connection')));
    expect(connections.map((field) => field.name).sort()).toEqual(expect.arrayContaining(['cases', 'events']));
    for (const field of connections) expect(field.description, field.name).toContain(PAGE_RULE);
  });

  it('turns off introspection and field suggestions in production, and masks unexpected errors', async () => {
    const production = testApp(db, { production: true, renderGraphiQL: renderLocalGraphiQL });
    const introspection = await gql(production, `{ __schema { types { name } } }`);
    expect(introspection.errors?.[0].extensions?.code).toBe('request/introspection-disabled');
    const typo = await gql(production, `{ viewr { roles } }`);
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
    const development = testApp(db, { renderGraphiQL: renderLocalGraphiQL });
    const typoDev = await gql(development, `{ viewr { roles } }`);
    expect(typoDev.errors?.[0].message).toMatch(/Did you mean/);
    const graphiql = await production.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).not.toMatch(/<html/i);
    const graphiqlDev = await development.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(await graphiqlDev.text()).toMatch(/GraphiQL/i);
  });
});

describe('administrators keep the unit tree and accounts of their subtree', () => {
  const unitGid = (id: string) => Buffer.from(`Unit:${id}`).toString('base64');
  const CREATE_UNIT = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { __typename ... on MutationCreateUnitSuccess { data { name divisionCode parent { name } } } ... on Error { code message } } }`;
  const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { __typename ... on MutationCreateAccountSuccess { data { username roles unit { name } } } ... on Error { code message } } }`;

  it('adds a village and a staff account under their county, and nothing outside it', async () => {
    const app = testApp(db);
    const village = await gql(app, CREATE_UNIT, {
      input: { parentId: unitGid(fx.units.townB.id), level: 'VILLAGE', kind: 'COMMUNITY', divisionCode: `${fx.code}002001`, name: '乙镇一村' },
    }, fx.tokens.admin);
    expect(village.data.createUnit.data).toEqual({ name: '乙镇一村', divisionCode: `${fx.code}002001`, parent: { name: '乙镇' } });
    const duplicate = await gql(app, CREATE_UNIT, {
      input: { parentId: unitGid(fx.units.townB.id), level: 'VILLAGE', kind: 'COMMUNITY', divisionCode: `${fx.code}002001`, name: '重复' },
    }, fx.tokens.admin);
    expect(duplicate.data.createUnit).toMatchObject({ code: 'input/invalid' });
    const outside = await gql(app, CREATE_UNIT, {
      input: { parentId: unitGid(fx.units.city.id), level: 'COUNTY', kind: 'GOVERNMENT', divisionCode: `${fx.code.slice(0, 4)}99`, name: '他县' },
    }, fx.tokens.admin);
    expect(outside.data.createUnit).toMatchObject({ code: 'auth/forbidden' });
    const notAdmin = await gql(app, CREATE_UNIT, {
      input: { parentId: unitGid(fx.units.townB.id), level: 'VILLAGE', kind: 'COMMUNITY', divisionCode: `${fx.code}002002`, name: '乙镇二村' },
    }, fx.tokens.officeStaff);
    expect(notAdmin.data.createUnit).toMatchObject({ code: 'auth/forbidden' });

    const account = await gql(app, CREATE_ACCOUNT, { input: { username: `clerk-${fx.code}`, displayName: '新文员', unitId: unitGid(fx.units.townB.id), roles: ['STAFF'] } }, fx.tokens.admin);
    expect(account.data.createAccount.data).toEqual({ username: `clerk-${fx.code}`, roles: ['STAFF'], unit: { name: '乙镇' } });
    const badName = await gql(app, CREATE_ACCOUNT, { input: { username: 'X!', displayName: '坏', unitId: unitGid(fx.units.townB.id), roles: ['STAFF'] } }, fx.tokens.admin);
    expect(badName.data.createAccount).toMatchObject({ code: 'input/invalid' });
  });

  it('walks the unit tree from the caller’s unit', async () => {
    const app = testApp(db);
    const tree = await gql(app, `{ units { name children { name children { name } } } }`, {}, fx.tokens.admin);
    expect(tree.data.units[0].name).toBe(`测试县${fx.code}`);
    expect(tree.data.units[0].children.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining(['甲镇', '乙镇', '测试县信访局']));
  });
});

describe('scopes that require several conditions', () => {
  it('refuses createUnit and createAccount to staff, even in their own subtree', async () => {
    const app = testApp(db);
    const unitGid = Buffer.from(`Unit:${fx.units.townA.id}`).toString('base64');
    const unit = await gql(app, `mutation($input: CreateUnitInput!) { createUnit(input: $input) { __typename ... on Error { code } } }`, {
      input: { parentId: unitGid, level: 'VILLAGE', kind: 'COMMUNITY', divisionCode: `${fx.code}001009`, name: '越权村' },
    }, fx.tokens.townAStaff);
    expect(unit.data.createUnit).toMatchObject({ code: 'auth/forbidden' });
    const account = await gql(app, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { __typename ... on Error { code } } }`, {
      input: { username: `escalate-${fx.code}`, displayName: '越权', unitId: unitGid, roles: ['ADMIN'] },
    }, fx.tokens.townAStaff);
    expect(account.data.createAccount).toMatchObject({ code: 'auth/forbidden' });
  });

  it('keeps a bad scalar value an input error, not an internal one', async () => {
    const app = testApp(db);
    const result = await gql(app, `query($d: Date!) { calendarDays(year: 2026) { date } isWorkingDay(date: $d) }`, { d: '2026-02-30' }, fx.tokens.officeStaff);
    expect(result.errors?.[0].extensions?.code).toBe('input/invalid');
  });
});
