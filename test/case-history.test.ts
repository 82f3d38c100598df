import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { gql, testApp, withSqlLog } from './support/app';
import { act, registerCase } from './support/cases';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';

/** A case's history as a Relay connection: newest first, paged both ways, one statement with the case. */
let db: Database;
let fx: Fixture;
let caseId: string;
beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  const app = testApp(db);
  const unit = Buffer.from(`Unit:${fx.units.townA.id}`).toString('base64');
  const registered = await registerCase(app, fx);
  caseId = registered.id;
  expect((await act(app, 'transferCase', { caseId, expectedVersion: 1, targetUnitId: unit }, fx.tokens.officeStaff)).__typename).toBe('MutationTransferCaseSuccess');
  expect((await act(app, 'acceptCase', { caseId, expectedVersion: 2 }, fx.tokens.townAStaff)).__typename).toBe('MutationAcceptCaseSuccess');
  expect((await act(app, 'extendCase', { caseId, expectedVersion: 3, days: 30, reason: '需要补充调查' }, fx.tokens.townALeader)).__typename).toBe('MutationExtendCaseSuccess');
});

const PAGE = `query($id: ID!, $first: Int, $last: Int, $after: String, $before: String) { node(id: $id) { ... on Case {
  events(first: $first, last: $last, after: $after, before: $before) {
    totalCount
    edges { cursor node { sequence type } }
    nodes { sequence }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } } } }`;

async function page(variables: Record<string, unknown>, token = fx.tokens.townAStaff) {
  const result = await gql(testApp(db), PAGE, { id: caseId, ...variables }, token);
  return result;
}
const sequences = (events: any) => events.edges.map((edge: any) => edge.node.sequence);

describe('Case.events', () => {
  it('lists the whole history newest first, with a total and no further pages', async () => {
    const { data, errors } = await page({ first: 100 });
    expect(errors).toBeUndefined();
    const events = data.node.events;
    const total = events.totalCount;
    expect(total).toBeGreaterThanOrEqual(4);
    expect(sequences(events)).toEqual(Array.from({ length: total }, (_, i) => total - i));
    expect(events.nodes.map((n: any) => n.sequence)).toEqual(sequences(events));
    expect(events.edges.at(-1).node.type).toBe('REGISTERED');
    expect(events.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: events.edges[0].cursor, endCursor: events.edges.at(-1).cursor });
  });

  it('pages forward with first/after and backward with last/before, cursors stable across pages', async () => {
    const all = (await page({ first: 100 })).data.node.events;
    const total = all.totalCount;
    const cursorOf = (sequence: number) => all.edges.find((edge: any) => edge.node.sequence === sequence).cursor;

    const first = (await page({ first: 2 })).data.node.events;
    expect(sequences(first)).toEqual([total, total - 1]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: cursorOf(total - 1) });
    expect(first.totalCount).toBe(total);

    const second = (await page({ first: 2, after: first.pageInfo.endCursor })).data.node.events;
    expect(sequences(second)).toEqual([total - 2, total - 3]);
    expect(second.pageInfo).toMatchObject({ hasPreviousPage: true, startCursor: cursorOf(total - 2) });
    expect(second.totalCount).toBe(total);

    const oldest = (await page({ last: 2 })).data.node.events;
    expect(sequences(oldest)).toEqual([2, 1]);
    expect(oldest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const beforeOldest = (await page({ last: 2, before: oldest.pageInfo.startCursor })).data.node.events;
    expect(sequences(beforeOldest)).toEqual([4, 3]);
    expect(beforeOldest.pageInfo).toMatchObject({ hasNextPage: true });

    const none = (await page({ first: 0 })).data.node.events;
    expect(none.edges).toEqual([]);
    expect(none.totalCount).toBe(total);
  });

  it('defaults to 20 newest events when no page size is given', async () => {
    const { data } = await page({});
    expect(sequences(data.node.events)[0]).toBe(data.node.events.totalCount);
  });

  it('refuses a cursor that is not one and first with last, as the caller’s mistake', async () => {
    const garbage = await page({ first: 2, after: 'garbage' });
    expect(garbage.errors?.[0]).toMatchObject({ extensions: { code: 'input/invalid' } });
    expect(garbage.errors?.[0].message).toMatch(/游标/);
    const both = await page({ first: 2, last: 2 });
    expect(both.errors?.[0]).toMatchObject({ extensions: { code: 'input/invalid' } });
  });

  it('reads a page of history, its total and the case in one statement', async () => {
    const { result, statements } = await withSqlLog(() => page({ first: 2 }));
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
  });

  it('shows petitioners no staff accounts in it and strangers no case at all', async () => {
    const actors = await gql(testApp(db), `query($id: ID!) { node(id: $id) { ... on Case { events(first: 100) { nodes { actor { displayName } } } } } }`, { id: caseId }, fx.tokens.townAStaff);
    expect(actors.data.node.events.nodes.some((n: any) => n.actor !== null)).toBe(true);
    const neighbour = await page({ first: 5 }, fx.tokens.townBStaff);
    expect(neighbour.data?.node ?? null).toBeNull();
  });
});

describe('Case.events twice in one query', () => {
  it('answers each alias with its own page', async () => {
    const { data, errors } = await gql(
      testApp(db),
      `query($id: ID!) { node(id: $id) { ... on Case { newest: events(first: 1) { nodes { sequence } } oldest: events(last: 1) { nodes { sequence } totalCount } } } }`,
      { id: caseId },
      fx.tokens.townAStaff,
    );
    expect(errors).toBeUndefined();
    expect(data.node.newest.nodes).toEqual([{ sequence: data.node.oldest.totalCount }]);
    expect(data.node.oldest.nodes).toEqual([{ sequence: 1 }]);
  });
});
