import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { gql, testApp, withSqlLog } from './support/app';
import { registerCase } from './support/cases';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';

/**
 * Walking a case list page by page, in every order and both directions, gives every case once: ties on the order key
 * (many cases received the same day) are broken by id, and a cursor deep in the list starts exactly after its case.
 */
let db: Database;
let fx: Fixture;
let unit: string;
const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04'];
beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  unit = Buffer.from(`Unit:${fx.units.county.id}`).toString('base64');
  const app = testApp(db);
  for (let i = 0; i < 13; i++) await registerCase(app, fx, { receivedOn: DAYS[i % DAYS.length] });
});

const LIST = `query($unit: ID!, $order: CaseOrder, $first: Int, $last: Int, $after: String, $before: String) {
  cases(filter: { unitId: $unit }, orderBy: $order, first: $first, last: $last, after: $after, before: $before) {
    edges { cursor node { number receivedOn } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } }`;

async function list(variables: Record<string, unknown>) {
  const result = await gql(testApp(db), LIST, { unit, ...variables }, fx.tokens.officeStaff);
  expect(result.errors).toBeUndefined();
  return result.data.cases;
}
const numbers = (page: any): string[] => page.edges.map((edge: any) => edge.node.number);

/** Every case of the list, read page by page of 4: forward with first/after, or backward with last/before. */
async function walk(order: string, direction: 'forward' | 'backward'): Promise<string[]> {
  const read: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 10; n++) {
    const page: any = await list(direction === 'forward' ? { order, first: 4, after: cursor } : { order, last: 4, before: cursor });
    if (direction === 'forward') read.push(...numbers(page));
    else read.unshift(...numbers(page));
    if (!(direction === 'forward' ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage)) return read;
    cursor = direction === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor;
  }
  throw new Error(`${order}: more than 10 pages of 4 for 13 cases`);
}

describe('paging through cases', () => {
  for (const order of ['RECEIVED_DESC', 'RECEIVED_ASC', 'NEXT_DUE_ASC', 'UPDATED_ASC', 'UPDATED_DESC']) {
    it(`${order}: forward pages of 4 and backward pages of 4 each give the whole list once, in order`, async () => {
      const whole = numbers(await list({ order, first: 100 }));
      expect(whole).toHaveLength(13);

      expect(await walk(order, 'forward')).toEqual(whole);
      expect(await walk(order, 'backward')).toEqual(whole);
    });
  }

  it('starts a page exactly after its cursor inside a run of cases received the same day, in one statement', async () => {
    const whole = await list({ first: 100 });
    const cursorOf = (i: number) => whole.edges[i].cursor;
    // Positions 5 and 6 share their day with the cases around them (13 cases over 3 days).
    expect(whole.edges[5].node.receivedOn).toBe(whole.edges[6].node.receivedOn);
    const { result, statements } = await withSqlLog(() => list({ first: 3, after: cursorOf(5) }));
    expect(numbers(result)).toEqual(numbers(whole).slice(6, 9));
    expect(statements).toHaveLength(1);
    expect(numbers(await list({ last: 2, before: cursorOf(5) }))).toEqual(numbers(whole).slice(3, 5));
    expect(numbers(await list({ first: 100, after: cursorOf(2), before: cursorOf(7) }))).toEqual(numbers(whole).slice(3, 7));
  });

  it('refuses a cursor that is not one, as the caller’s mistake', async () => {
    const result = await gql(testApp(db), LIST, { unit, first: 2, after: Buffer.from('DC:T:["S:not-a-date"]').toString('base64') }, fx.tokens.officeStaff);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'input/invalid' } });
    expect(result.errors?.[0].message).toMatch(/游标/);
  });
});
