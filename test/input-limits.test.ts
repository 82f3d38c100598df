/**
 * Every list and text input is bounded before any SQL runs: one oversized request must be refused with a
 * typed input/invalid, never reach the database (PGlite answered every later query with no rows after a
 * statement with 32,768 bind parameters) nor stall it (1 MB search texts).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import { MAX_BIND_PARAMETERS, type Database } from '../db/client';
import { units } from '../db/schema';
import { caseStatuses } from '../db/cases/lifecycle';
import { caseInputLimits } from '../db/cases/text-limits';
import { DEFAULT_MAX_ITEMS, DEFAULT_MAX_TEXT } from '../schema/input-limits';
import type { App } from '../schema/yoga';
import { gql, testApp, withSqlLog } from './support/app';
import { caseInput, registerCase } from './support/cases';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';

let db: Database;
let app: App;
let fx: Fixture;
beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db);
  fx = await buildFixture(db);
});

const caseId = () => Buffer.from(`Case:${randomUUID()}`).toString('base64');

/** The database still answers truthfully: a holiday is not a working day, and a known row is there. */
async function expectDatabaseHealthy(known: { id: string; number: string }) {
  const day = await gql(app, `{ isWorkingDay(date: "2026-10-01") }`, {}, fx.tokens.officeStaff);
  expect(day.errors).toBeUndefined();
  expect(day.data).toEqual({ isWorkingDay: false });
  const found = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { number } } }`, { id: known.id }, fx.tokens.officeStaff);
  expect(found.errors).toBeUndefined();
  expect(found.data).toEqual({ node: { number: known.number } });
}

describe('list arguments', () => {
  it('refuses nodes(ids:) with 32,768 ids, anonymously, before any SQL, and the database stays whole', async () => {
    const known = await registerCase(app, fx);
    const ids = Array.from({ length: 32_768 }, caseId);
    const { result, statements } = await withSqlLog(() => gql(app, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }));
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([expect.objectContaining({ message: `参数 nodes(ids) 最多 ${DEFAULT_MAX_ITEMS} 项（收到 32768 项）`, extensions: { code: 'input/invalid', path: ['nodes(ids)'] } })]);
    expect(statements).toEqual([]);
    await expectDatabaseHealthy(known);
  });

  it(`takes ${DEFAULT_MAX_ITEMS} ids and refuses ${DEFAULT_MAX_ITEMS + 1}, also as literals`, async () => {
    const ok = await gql(app, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: DEFAULT_MAX_ITEMS }, caseId) }, fx.tokens.officeStaff);
    expect(ok.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('input/invalid');
    const literal = Array.from({ length: DEFAULT_MAX_ITEMS + 1 }, () => JSON.stringify(caseId())).join(',');
    const refused = await gql(app, `{ nodes(ids: [${literal}]) { id } }`, {}, fx.tokens.officeStaff);
    expect(refused.errors?.[0].extensions?.code).toBe('input/invalid');
  });

  it('refuses a status filter longer than the statuses there are (40,000 values), and takes each status once', async () => {
    const many = Array.from({ length: 40_000 }, (_, i) => caseStatuses[i % caseStatuses.length]);
    const refused = await gql(app, `query($s: [CaseStatus!]) { cases(filter: { status: $s }) { totalCount } }`, { s: many }, fx.tokens.officeStaff);
    expect(refused.errors).toEqual([expect.objectContaining({ message: `参数 cases(filter).status 最多 ${caseStatuses.length} 项（收到 40000 项）`, extensions: { code: 'input/invalid', path: ['cases(filter)', 'status'] } })]);
    const all = await gql(app, `query($s: [CaseStatus!]) { cases(filter: { status: $s }) { totalCount } }`, { s: [...caseStatuses] }, fx.tokens.officeStaff);
    expect(all.errors).toBeUndefined();
  });

  it('bounds the petitioners of one registration', async () => {
    const petitioners = Array.from({ length: caseInputLimits.petitioners + 1 }, (_, i) => ({ name: `信访人${i}` }));
    const result = await gql(app, `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename } }`, { input: caseInput(fx, { petitioners }) }, fx.tokens.officeStaff);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'input/invalid', path: ['registerCase(input)', 'petitioners'] } });
  });
});

describe('free-text inputs', () => {
  it('refuses a 1 MB search text before any SQL runs', async () => {
    const { result, statements } = await withSqlLog(() => gql(app, `query($t: String) { cases(filter: { text: $t }) { totalCount } }`, { t: '访'.repeat(1_000_000) }));
    expect(result.errors).toEqual([expect.objectContaining({ message: `参数 cases(filter).text 最多 ${caseInputLimits.search} 个字符（收到 1000000 个）`, extensions: { code: 'input/invalid', path: ['cases(filter)', 'text'] } })]);
    expect(statements).toEqual([]);
    const fits = await gql(app, `query($t: String) { cases(filter: { text: $t }) { totalCount } }`, { t: '访'.repeat(caseInputLimits.search) }, fx.tokens.officeStaff);
    expect(fits.errors).toBeUndefined();
    expect(fits.data).toEqual({ cases: { totalCount: 0 } });
  });

  it('bounds the content of a petition and the public lookup', async () => {
    const long = await gql(app, `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename } }`, { input: caseInput(fx, { content: '字'.repeat(caseInputLimits.content + 1) }) }, fx.tokens.officeStaff);
    expect(long.errors?.[0]).toMatchObject({ message: `参数 registerCase(input).content 最多 ${caseInputLimits.content} 个字符（收到 ${caseInputLimits.content + 1} 个）`, extensions: { code: 'input/invalid' } });
    const fits = await gql(app, `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename } }`, { input: caseInput(fx, { content: '字'.repeat(caseInputLimits.content) }) }, fx.tokens.officeStaff);
    expect(fits.errors).toBeUndefined();
    expect(fits.data).toEqual({ registerCase: { __typename: 'MutationRegisterCaseSuccess' } });
    const lookup = await gql(app, `query($n: String!) { caseStatus(number: $n, queryCode: "ABCDEFGH") { number } }`, { n: '9'.repeat(caseInputLimits.number + 1) });
    expect(lookup.errors?.[0].extensions?.code).toBe('input/invalid');
  });

  it(`bounds a reason or note at ${DEFAULT_MAX_TEXT} characters and a decision at ${caseInputLimits.decision}`, async () => {
    const { id, version } = await registerCase(app, fx);
    const withdraw = `mutation($input: WithdrawCaseInput!) { withdrawCase(input: $input) { __typename } }`;
    const tooLong = await gql(app, withdraw, { input: { caseId: id, expectedVersion: version, reason: '因'.repeat(DEFAULT_MAX_TEXT + 1) } }, fx.tokens.officeStaff);
    expect(tooLong.errors?.[0]).toMatchObject({ extensions: { code: 'input/invalid', path: ['withdrawCase(input)', 'reason'] } });
    const decide = `mutation($input: DecideCaseInput!) { decideCase(input: $input) { __typename } }`;
    const decision = await gql(app, decide, { input: { caseId: id, expectedVersion: version, outcome: 'SUPPORTED', summary: '意'.repeat(caseInputLimits.decision + 1) } }, fx.tokens.officeStaff);
    expect(decision.errors?.[0]).toMatchObject({ extensions: { code: 'input/invalid', path: ['decideCase(input)', 'summary'] } });
  });
});

describe('bind parameters', () => {
  it(`refuses a statement with more than ${MAX_BIND_PARAMETERS} parameters before the driver sees it`, async () => {
    const known = await registerCase(app, fx);
    const ids = Array.from({ length: MAX_BIND_PARAMETERS + 1 }, () => randomUUID());
    await expect(db.select({ id: units.id }).from(units).where(inArray(units.id, ids))).rejects.toThrow(/32767/);
    expect((await db.execute(sql`select 1 as one`)) as unknown).toBeTruthy();
    await expectDatabaseHealthy(known);
  });
});
