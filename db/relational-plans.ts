import { is, makeJitRqbMapper, Placeholder, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from './client';

/**
 * A relational query (`db.query.<table>.findMany`) whose SQL is built once per shape instead of on every request.
 *
 * drizzle builds a relational query's SQL from its config on every execution: for the case list that is ~1 ms of
 * CPU and ~10% of the request (bench/cpu.ts profile: `_toSQL`, thousands of `is()` checks and escaped names), for
 * a text that depends only on what is selected. Here the config without its `where` (plain data: columns, with,
 * orderBy, limit) and the where's SQL text (its values are bind parameters, not in the text) are the key; the second
 * request of a shape builds the query with the where's values as placeholders and keeps drizzle's prepared query
 * (SQL text and a compiled row mapper), and every later one only fills in its own values. Measured in process
 * (bench/cpu.ts, the bench's nested list, profile): drizzle's self time 1,908 → 766 ms over the same requests.
 *
 * Nothing is guessed: a plan is kept only after drizzle's own SQL for that request, built the ordinary way, was
 * compared with the plan's and found identical in text and in every parameter. A config holding anything but plain
 * data (a function, an SQL fragment in `extras`) is never planned, and every query still runs as one unnamed
 * statement (no server-side prepared statement, so a pooler or a generic plan changes nothing).
 *
 * Plans belong to the executor they were built on (a prepared query runs on its session): the database's live as
 * long as it does; a transaction's go with it.
 */

type Values = Record<string, unknown>;
interface PreparedRelational {
  execute(values?: Values): Promise<unknown>;
}
interface RelationalQuery {
  toSQL(): { sql: string; params: unknown[] };
  execute(values?: Values): Promise<unknown>;
}
type TableName = keyof Database['query'];
type RelationalBuilder = { findMany(config: object): RelationalQuery };

/**
 * null: this shape is not planned (its SQL did not match the plan's); drizzle builds it each time. SEEN: asked once
 * so far. A plan costs three builds (the where, the plan, drizzle's own to compare), so a shape is planned when it
 * comes a second time: a one-off (a rare filter, a `nodes` list of an unusual length) costs one build as before.
 */
const SEEN = 'seen';
type Plan = PreparedRelational | null | typeof SEEN;

const MAX_PLANS = 256;
const planCount = { built: 0, refused: 0 };

/**
 * What an executor keeps: its plans, the where-probe prefix per table and column, and its plugin-drizzle client. By
 * the executor itself, not by its dialect as db/caches.ts `perDatabase` keys: a prepared query runs on the session it
 * was made on, and a transaction's session is not its database's.
 */
interface ExecutorPlans {
  plans: Map<string, Plan>;
  prefixes: Map<string, string>;
  client?: Executor;
}
const executors = new WeakMap<object, ExecutorPlans>();
function plansOf(db: Executor): ExecutorPlans {
  let state = executors.get(db);
  if (!state) executors.set(db, (state = { plans: new Map(), prefixes: new Map() }));
  return state;
}

/** How many plans were built and refused in this process (tests read it). */
export function relationalPlanCounts() {
  return { ...planCount };
}

/** A table's rows as `findMany` with no config types them (plugin-drizzle's resolvers take them so). */
type Rows<Table extends TableName> = Awaited<ReturnType<Database['query'][Table]['findMany']>>;

/** `findMany(config)` on `table`, with the SQL built once per shape. Same rows, same single statement. */
export function findManyPlanned<Table extends TableName>(db: Executor, table: Table, config: object): Promise<Rows<Table>> {
  return findManyThroughPlans(db, table, config as Values) as Promise<Rows<Table>>;
}

async function findManyThroughPlans(db: Executor, table: TableName, config: Values & { where?: unknown }): Promise<unknown[]> {
  const builder = (db.query as unknown as Record<TableName, RelationalBuilder>)[table];
  const unplanned = async () => (await builder.findMany(config).execute()) as unknown[];
  const { where, ...shape } = config;
  const shapeKey = plainKey(shape);
  // The where alone, rendered by drizzle in the same place of the same query: "select d0.x from t as d0 where …",
  // x a column the config selects (any column of the table would do; this one is known to exist).
  const column = shapeKey === null ? undefined : firstSelectedColumn(shape);
  if (shapeKey === null || column === undefined) return unplanned();
  const state = plansOf(db);
  const prefix = wherePrefix(state, table, column, builder);
  const probe = builder.findMany({ columns: { [column]: true }, where }).toSQL();
  if (!probe.sql.startsWith(prefix)) return unplanned();
  const whereText = probe.sql.slice(prefix.length);
  const values: Values = {};
  probe.params.forEach((value, i) => (values[`w${i}`] = value));

  const key = `${table}\u0000${whereText}\u0000${shapeKey}`;
  let plan = state.plans.get(key);
  if (plan === undefined) {
    if (state.plans.size >= MAX_PLANS) state.plans.delete(state.plans.keys().next().value!);
    state.plans.set(key, SEEN);
  } else if (plan === SEEN) {
    plan = buildPlan(builder, config, shape, whereText, values);
    state.plans.set(key, plan);
  }
  return plan === undefined || plan === null || plan === SEEN ? unplanned() : ((await plan.execute(values)) as unknown[]);
}

/**
 * `db` as plugin-drizzle's client (schema/builder.ts): its model loader, which reads nodes by id and relations a
 * parent's query did not carry, runs `query.<table>.findMany(config)` through the plans. Everything else it uses
 * (`$count`, `select`) is the executor's own. One per executor.
 */
export function withPlannedQueries(db: Executor): Executor {
  const state = plansOf(db);
  if (!state.client) {
    const query: Record<string, { findMany(config: Values): Promise<unknown[]> }> = {};
    for (const table of Object.keys(db.query) as TableName[]) query[table] = { findMany: (config) => findManyThroughPlans(db, table, config) };
    state.client = Object.create(db, { query: { value: query } }) as Executor;
  }
  return state.client;
}

function firstSelectedColumn(shape: Values): string | undefined {
  const columns = shape.columns;
  if (!columns || typeof columns !== 'object') return undefined;
  return Object.entries(columns).find(([, selected]) => selected === true)?.[0];
}

function wherePrefix(state: ExecutorPlans, table: TableName, column: string, builder: RelationalBuilder): string {
  const key = `${table}.${column}`;
  let prefix = state.prefixes.get(key);
  if (prefix === undefined) {
    prefix = `${builder.findMany({ columns: { [column]: true } }).toSQL().sql} where `;
    state.prefixes.set(key, prefix);
  }
  return prefix;
}

function buildPlan(builder: RelationalBuilder, config: Values, shape: Values, whereText: string, values: Values): Plan {
  const where = placeholderWhere(whereText, Object.keys(values).length);
  if (!where) return refuse();
  const planned = builder.findMany({ ...shape, where: { RAW: () => where } }) as RelationalQuery & InternalRelationalQuery;
  const { query, builtQuery } = planned._toSQL();
  const reference = builder.findMany(config).toSQL();
  const filled = builtQuery.params.map((param) => (is(param, Placeholder) ? values[param.name] : param));
  if (builtQuery.sql !== reference.sql || !sameParams(filled, reference.params)) return refuse();
  planCount.built++;
  // What drizzle's `execute()` prepares each time (pg-core/async/query.js `_prepare`, drizzle-orm 1.0.0-rc.4): an
  // unnamed statement (`prepare(name)` would make it a named server-side one), but with drizzle's compiled row
  // mapper (`makeJitRqbMapper`): compiled once per plan, it costs a third of the default mapper's walk per row
  // (profile of the bench's list: 2.1% of busy CPU against 7.0%). Compiling one per request would cost more than
  // it saves, hence not `jit: true` on the database. Internal members: the plan tests fail if an upgrade moves them.
  const mapper = makeJitRqbMapper({ isFirst: false, parseJson: planned.parseJson, parseJsonIfString: false, rootJsonMappers: false, selection: query.selection as never, arrayModeRoot: true });
  return planned.session.prepareQuery(builtQuery, 'arrays', false, mapper);
}

/** The members of drizzle's relational query a plan is made from (internal to drizzle-orm 1.0.0-rc.4). */
interface InternalRelationalQuery {
  _toSQL(): { query: { selection: unknown }; builtQuery: { sql: string; params: unknown[] } };
  parseJson: boolean;
  session: { prepareQuery(query: unknown, mode: 'arrays', name: false, mapper: unknown): PreparedRelational };
}

function refuse(): null {
  planCount.refused++;
  return null;
}

/** The where text with each `$n` as a placeholder `w{n-1}`; null unless they run $1…$count in order. */
function placeholderWhere(text: string, count: number): SQL | null {
  const chunks: SQL[] = [];
  const pattern = /\$(\d+)/g;
  let last = 0;
  let expected = 1;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (Number(match[1]) !== expected) return null;
    chunks.push(sql.raw(text.slice(last, match.index)), sql`${sql.placeholder(`w${expected - 1}`)}`);
    last = match.index + match[0].length;
    expected++;
  }
  if (expected - 1 !== count) return null;
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

function sameParams(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]) || JSON.stringify(value) === JSON.stringify(b[i]));
}

/** A key for plain data (objects, arrays, strings, numbers, booleans, null); null when it holds anything else. */
function plainKey(value: unknown): string | null {
  let plain = true;
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean' || inner === undefined) return inner;
    if (Array.isArray(inner)) return inner;
    const prototype = typeof inner === 'object' ? Object.getPrototypeOf(inner) : undefined;
    if (prototype === Object.prototype || prototype === null) return inner;
    plain = false;
    return undefined;
  });
  return plain ? text : null;
}
