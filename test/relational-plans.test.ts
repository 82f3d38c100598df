import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { findManyPlanned, relationalPlanCounts } from '../db/relational-plans';
import { cases } from '../db/schema';
import { gql, testApp, withSqlLog } from './support/app';
import { registerCase } from './support/cases';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';

/**
 * The case list's SQL is built once per shape and reused with each request's own values (db/relational-plans.ts).
 * What a user would notice if that went wrong: another unit's cases, another page's rows, a row outside their
 * transaction. Each of those is asserted here against drizzle's own answer for the same config.
 */
let db: Database;
let fx: Fixture;
const byTown: Record<'townA' | 'townB', string[]> = { townA: [], townB: [] };
beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  const app = testApp(db);
  for (const town of ['townA', 'townB'] as const) {
    for (let i = 0; i < 3; i++) {
      const registered = await registerCase(app, fx, { placeCode: fx.units[town].divisionCode, receivedOn: `2026-02-0${i + 2}` }, fx.tokens[`${town}Staff`]);
      byTown[town].push(registered.number);
    }
  }
});

/** The list's kind of config: selected columns, a relation with its own limit, an order, and a RAW where. */
function configFor(unitPath: string, receivedBefore = '9999-12-31') {
  return {
    columns: { id: true, number: true, title: true, receivedOn: true },
    with: { unit: { columns: { id: true, name: true } }, events: { orderBy: { sequence: 'desc' as const }, limit: 2, columns: { sequence: true, type: true } } },
    orderBy: { receivedOn: 'desc' as const, id: 'desc' as const },
    limit: 10,
    where: { RAW: (t: typeof cases) => sql`${t.unitPath} like ${`${unitPath}%`} and ${t.receivedOn} < ${receivedBefore}` },
  };
}

describe('relational query plans', () => {
  it('answers each call with its own values, exactly as drizzle does, building the SQL once for the shape', async () => {
    const before = relationalPlanCounts();
    for (const [town, receivedBefore] of [['townA', '9999-12-31'], ['townB', '9999-12-31'], ['townA', '2026-02-04'], ['townB', '2026-02-03']] as const) {
      const config = configFor(fx.units[town].path, receivedBefore);
      const planned = await findManyPlanned(db, 'cases', config);
      expect(planned).toEqual(await db.query.cases.findMany(config));
      expect((planned as { number: string }[]).every((row) => byTown[town].includes(row.number))).toBe(true);
    }
    const receivedBefore4 = (await findManyPlanned(db, 'cases', configFor(fx.units.townA.path, '2026-02-04'))) as { receivedOn: string }[];
    expect(receivedBefore4.map((row) => row.receivedOn)).toEqual(['2026-02-03', '2026-02-02']);
    // One shape, one plan (made on its second call): five calls built it once and refused nothing.
    expect(relationalPlanCounts()).toEqual({ built: before.built + 1, refused: before.refused });
  });

  it('plans another shape on its own when it comes again, and never a config that holds more than plain data', async () => {
    const before = relationalPlanCounts();
    const fewer = { ...configFor(fx.units.townA.path), columns: { id: true, number: true } };
    expect(await findManyPlanned(db, 'cases', fewer)).toEqual(await db.query.cases.findMany(fewer));
    // asked once: no plan yet (a one-off shape costs no more than drizzle's own build)
    expect(relationalPlanCounts().built).toBe(before.built);
    expect(await findManyPlanned(db, 'cases', fewer)).toEqual(await db.query.cases.findMany(fewer));
    const withSqlExtra = { ...configFor(fx.units.townB.path), extras: { shout: (t: typeof cases) => sql<string>`upper(${t.number})` } };
    const rows = (await findManyPlanned(db, 'cases', withSqlExtra)) as unknown as { number: string; shout: string }[];
    expect(rows.map((row) => row.shout)).toEqual(rows.map((row) => row.number.toUpperCase()));
    expect(rows).toHaveLength(3);
    expect(relationalPlanCounts()).toEqual({ built: before.built + 1, refused: before.refused });
  });

  it('runs a plan made in a transaction inside that transaction, and the database’s own plan outside it', async () => {
    const config = configFor(fx.units.townA.path);
    const [first] = (await findManyPlanned(db, 'cases', config)) as { id: string; title: string }[];
    await db
      .transaction(async (tx) => {
        await tx.update(cases).set({ title: '事务内改过的标题' }).where(eq(cases.id, first.id));
        const inside = (await findManyPlanned(tx, 'cases', config)) as { id: string; title: string }[];
        expect(inside.find((row) => row.id === first.id)?.title).toBe('事务内改过的标题');
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    const after = (await findManyPlanned(db, 'cases', config)) as { id: string; title: string }[];
    expect(after.find((row) => row.id === first.id)?.title).toBe(first.title);
  });

  it('gives each viewer of the case list their own unit’s cases in one statement, through one plan', async () => {
    const app = testApp(db);
    const LIST = `query { cases(first: 20) { nodes { number unit { name } } } }`;
    const answers: Record<string, string[]> = {};
    const before = relationalPlanCounts();
    for (const town of ['townA', 'townB', 'townA'] as const) {
      const { result, statements } = await withSqlLog(() => gql(app, LIST, {}, fx.tokens[`${town}Staff`]));
      expect(result.errors).toBeUndefined();
      expect(statements).toHaveLength(1);
      answers[town] = result.data.cases.nodes.map((node: { number: string }) => node.number).sort();
    }
    expect(answers.townA).toEqual([...byTown.townA].sort());
    expect(answers.townB).toEqual([...byTown.townB].sort());
    // the two towns' staff share the shape of the question (STAFF of one unit): planned on the second, reused by the third
    expect(relationalPlanCounts().built).toBe(before.built + 1);
  });

  it('reads a case by id through the plans (plugin-drizzle’s node loader): its unit’s staff see it, another town’s do not', async () => {
    const app = testApp(db);
    const [a] = (await db.query.cases.findMany({ columns: { id: true, number: true }, where: { number: byTown.townA[0] } })) as { id: string; number: string }[];
    const [b] = (await db.query.cases.findMany({ columns: { id: true, number: true }, where: { number: byTown.townB[0] } })) as { id: string; number: string }[];
    const NODE = `query($id: ID!) { node(id: $id) { ... on Case { number unit { name } events(first: 1) { nodes { type } } } } }`;
    const globalId = (id: string) => Buffer.from(`Case:${id}`).toString('base64');
    const before = relationalPlanCounts();
    for (const [id, number, token] of [[a.id, a.number, fx.tokens.townAStaff], [b.id, b.number, fx.tokens.townBStaff], [a.id, a.number, fx.tokens.townAStaff]]) {
      const { result, statements } = await withSqlLog(() => gql(app, NODE, { id: globalId(id) }, token));
      expect(result.errors).toBeUndefined();
      expect(result.data.node.number).toBe(number);
      expect(statements).toHaveLength(1);
    }
    expect(relationalPlanCounts().built).toBe(before.built + 1);
    // the plan holds no value of the first look-up: another town's case is not found for townB's staff
    const hidden = await gql(app, NODE, { id: globalId(a.id) }, fx.tokens.townBStaff);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('node/not-found');
  });
});
