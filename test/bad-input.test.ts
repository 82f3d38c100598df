import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import type { App } from '../schema/yoga';
import { gql, testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { caseInput, registerCase } from './support/cases';
import { fake } from './support/seed';

// A client's mistake is answered with a code that says what is wrong, never `internal` (issue 8, item 4).
let db: Database;
let app: App;
let fx: Fixture;
const now = new Date('2026-06-10T02:00:00Z');
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => now });
  fx = await buildFixture(db);
});

const first = (result: { errors?: { extensions?: Record<string, unknown>; message: string }[] }) => result.errors?.[0];

describe('variables that do not fit their declared types', () => {
  it('answers a wrong type, a missing required input field and an unknown enum value as request/invalid-variables', async () => {
    const wrongType = await gql(app, 'query($y: Int!) { calendarDays(year: $y) { date } }', { y: 'x' }, fx.tokens.officeStaff);
    expect(first(wrongType)?.extensions).toEqual({ code: 'request/invalid-variables', field: 'y' });
    expect(first(wrongType)?.message).toMatch(/^变量不合法/);

    const missing = await gql(app, 'query($y: Int!) { calendarDays(year: $y) { date } }', {}, fx.tokens.officeStaff);
    expect(first(missing)?.extensions?.code).toBe('request/invalid-variables');

    const { title: _title, ...withoutTitle } = caseInput(fx);
    const missingField = await gql(app, 'mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename } }', { input: withoutTitle }, fx.tokens.officeStaff);
    expect(first(missingField)?.extensions).toEqual({ code: 'request/invalid-variables', field: 'input' });

    const badEnum = await gql(app, 'mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename } }', { input: caseInput(fx, { channel: 'PIGEON' }) }, fx.tokens.officeStaff);
    expect(first(badEnum)?.extensions).toEqual({ code: 'request/invalid-variables', field: 'input.channel' });
  });
});

describe('node(id) tells nothing about what exists', () => {
  it('answers a missing, a malformed, a wrong-type and a hidden id exactly alike', async () => {
    const title = fake().title();
    const hidden = await registerCase(app, fx, { receivedOn: '2026-06-01', title }, fx.tokens.townBStaff);
    const query = 'query($id: ID!) { node(id: $id) { id ... on Case { title } } }';
    const answers = await Promise.all(
      [hidden.id, gid('Case', MISSING), gid('Unit', 'abc'), gid('Foo', MISSING), 'not-base64!', gid('Case', `${MISSING}\u0000`)].map((id) =>
        gql(app, query, { id }, fx.tokens.townAStaff),
      ),
    );
    const expected = { data: { node: null }, errors: [{ message: '对象不存在或无权查看', locations: [{ line: 1, column: 19 }], path: ['node'], extensions: { code: 'node/not-found' } }] };
    for (const answer of answers) expect({ data: answer.data, errors: answer.errors }).toEqual(expected);
    // the owner reads it
    expect((await gql(app, query, { id: hidden.id }, fx.tokens.townBStaff)).data.node.title).toBe(title);
  });

  it('nodes(ids) answers null for each missing or hidden id and still returns the visible ones', async () => {
    const mine = await registerCase(app, fx, { receivedOn: '2026-06-01' }, fx.tokens.townAStaff);
    const title = fake().title();
    const hidden = await registerCase(app, fx, { receivedOn: '2026-06-01', title }, fx.tokens.townBStaff);
    const result = await gql(app, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [mine.id, hidden.id, gid('Case', MISSING)] }, fx.tokens.townAStaff);
    expect(result.data.nodes).toEqual([{ id: mine.id }, null, null]);
    expect(result.errors?.map((e) => [e.path, e.extensions?.code]).sort()).toEqual([[['nodes', 1], 'node/not-found'], [['nodes', 2], 'node/not-found']]);
  });
});

describe('values the database would refuse', () => {
  it('refuses a NUL character in any text, naming the field', async () => {
    const inVariable = await gql(app, 'mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename } }', { input: caseInput(fx, { title: '拖欠\u0000工资' }) }, fx.tokens.officeStaff);
    expect(first(inVariable)?.extensions).toEqual({ code: 'input/invalid', field: 'input.title' });
    const inline = await gql(app, '{ cases(filter: { text: "a\\u0000b" }) { totalCount } }', {}, fx.tokens.officeStaff);
    expect(first(inline)?.extensions).toEqual({ code: 'input/invalid', field: 'filter.text' });
    const inName = await gql(app, 'mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename } }', { input: caseInput(fx, { petitioners: [{ name: '张\u0000三' }] }) }, fx.tokens.officeStaff);
    expect(first(inName)?.extensions).toEqual({ code: 'input/invalid', field: 'input.petitioners.0.name' });
  });

  it('refuses dates outside 0001-01-01…9999-12-31 and a due date past the end of the calendar', async () => {
    const yearZero = await gql(app, 'mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename } }', { input: caseInput(fx, { receivedOn: '0000-01-01' }) }, fx.tokens.officeStaff);
    expect(first(yearZero)?.extensions).toEqual({ code: 'input/invalid', field: 'input.receivedOn' });
    const inline = await gql(app, '{ isWorkingDay(date: "0000-01-01") }', {}, fx.tokens.officeStaff);
    expect(first(inline)?.extensions?.code).toBe('input/invalid');
    const pastTheEnd = await gql(app, '{ dueDate(start: "9999-12-31", days: 366) }', {}, fx.tokens.officeStaff);
    expect(first(pastTheEnd)?.extensions).toEqual({ code: 'input/invalid', field: 'start' });
    const lastDay = await gql(app, '{ dueDate(start: "9999-12-01", days: 1) }', {}, fx.tokens.officeStaff);
    expect(lastDay.errors).toBeUndefined();
    expect(lastDay.data).toEqual({ dueDate: '9999-12-02' });
  });

  it('codes invalid global ids and cursors as input/invalid, not as a limit', async () => {
    const badId = await gql(app, 'query($u: ID!) { caseStats(unitId: $u, from: "2026-01-01", to: "2026-06-30") { received } }', { u: gid('Unit', 'abc') }, fx.tokens.countyLeader);
    expect(first(badId)?.extensions?.code).toBe('input/invalid');
    const wrongType = await gql(app, 'query($u: ID!) { caseStats(unitId: $u, from: "2026-01-01", to: "2026-06-30") { received } }', { u: gid('Case', MISSING) }, fx.tokens.countyLeader);
    expect(first(wrongType)?.extensions?.code).toBe('input/invalid');
    const badCursor = await gql(app, '{ cases(first: 5, after: "garbage") { totalCount nodes { id } } }', {}, fx.tokens.officeStaff);
    expect(first(badCursor)?.extensions).toEqual({ code: 'input/invalid', field: 'after' });
  });
});
