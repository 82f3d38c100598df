/**
 * The case schemas of repros 1 and 3: the same GraphQL shape (Case { id number title status unit { … }
 * events(first: 5) { nodes { … } } }) built three ways with Pothos + plugin-relay — through plugin-drizzle with
 * columns by `t.string({ resolve })`, through plugin-drizzle with columns by `t.expose*`, and with plain resolvers —
 * and the rows they all resolve over: the ones plugin-drizzle's own planned query loaded from PGlite (one relational
 * query), loaded once.
 */
import SchemaBuilder, { encodeBase64, encodeCursorTuple } from '@pothos/core';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import RelayPlugin from '@pothos/plugin-relay';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { execute, parse, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { PromiseOrValue } from 'graphql/jsutils/PromiseOrValue';
import { defineSchema, openDatabase } from './tables';

const schemaDef = defineSchema();
export const { db, client } = await openDatabase(undefined, schemaDef);
type Db = typeof db;

interface UnitRow { id: string; name: string; divisionCode: string }
interface EventRow { id: string; sequence: number; type: string; occurredAt: Date; toStatus: string | null }
interface CaseRow { id: string; number: string; title: string; status: string; unit: UnitRow; events: EventRow[] }
export interface Ctx { db: Db; rows?: CaseRow[]; loaded?: CaseRow[] }

const relay = { nodesOnConnection: true, cursorType: 'String', clientMutationId: 'omit' } as const;

// --- the plugin-drizzle schema (as ours: drizzleObject, t.relation, t.relatedConnection with totalCount)
// `expose`: columns through t.exposeX (a drizzleObject without `select` gives every exposed column a select, so
// plugin-drizzle wraps each one in its per-row check) or through plain `t.string({ resolve })` (not wrapped).
function pluginSchema(expose: boolean): GraphQLSchema {
  const builder = new SchemaBuilder<{ Context: Ctx; DrizzleRelations: typeof schemaDef.relations }>({
    plugins: [RelayPlugin, DrizzlePlugin],
    relay,
    drizzle: { client: (ctx: Ctx) => ctx.db, getTableConfig, relations: schemaDef.relations, maxConnectionSize: 100, defaultConnectionSize: 20 },
    // cast: the project's other plugins (scope-auth) make their options required on every builder in this program
  } as never);
  builder.drizzleObject('units', {
    name: 'Unit',
    fields: (t) => ({
      id: expose ? t.exposeString('id') : t.string({ resolve: (u) => u.id }),
      name: expose ? t.exposeString('name') : t.string({ resolve: (u) => u.name }),
      divisionCode: expose ? t.exposeString('divisionCode') : t.string({ resolve: (u) => u.divisionCode }),
    }),
  });
  const Event = builder.drizzleObject('events', {
    name: 'Event',
    fields: (t) => ({
      sequence: expose ? t.exposeInt('sequence') : t.int({ resolve: (e) => e.sequence }),
      type: expose ? t.exposeString('type') : t.string({ resolve: (e) => e.type }),
      occurredAt: t.string({ resolve: (e) => e.occurredAt.toISOString() }),
      toStatus: expose ? t.exposeString('toStatus', { nullable: true }) : t.string({ nullable: true, resolve: (e) => e.toStatus }),
    }),
  });
  builder.drizzleObject('cases', {
    name: 'Case',
    fields: (t) => ({
      id: expose ? t.exposeString('id') : t.string({ resolve: (c) => c.id }),
      number: expose ? t.exposeString('number') : t.string({ resolve: (c) => c.number }),
      title: expose ? t.exposeString('title') : t.string({ resolve: (c) => c.title }),
      status: expose ? t.exposeString('status') : t.string({ resolve: (c) => c.status }),
      unit: t.relation('unit'),
      events: t.relatedConnection('events', { type: Event, query: { orderBy: { sequence: 'desc' } }, totalCount: true }),
    }),
  });
  builder.queryType({
    fields: (t) => ({
      cases: t.drizzleField({
        type: ['cases'],
        args: { n: t.arg.int({ required: true }) },
        resolve: (query, _root, args, ctx) => {
          // the query is built on every request, as in the app; only its execution is skipped once rows are loaded
          // (synchronously, as the plain variant's root field)
          const built = query({ limit: args.n, orderBy: { id: 'asc' } });
          if (ctx.rows) return ctx.rows.slice(0, args.n) as never;
          return ctx.db.query.cases.findMany(built).then((rows) => {
            ctx.loaded = rows as unknown as CaseRow[];
            return rows;
          });
        },
      }),
    }),
  });
  return builder.toSchema();
}

// --- the same shape with plain resolvers over the same row objects
class Edge {
  constructor(readonly node: EventRow) {}
  // the cursor the plugin writes (sequence, then the id tie-breaker), built only when asked for
  get cursor() {
    return encodeBase64(`DC:${encodeCursorTuple([this.node.sequence, this.node.id])}`);
  }
}
class Page {
  readonly edges: Edge[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  constructor(rows: EventRow[], first: number) {
    this.edges = rows.slice(0, first).map((row) => new Edge(row));
    const edges = this.edges;
    this.pageInfo = {
      hasNextPage: rows.length > first,
      hasPreviousPage: false,
      get startCursor() { return edges[0]?.cursor ?? null; },
      get endCursor() { return edges[edges.length - 1]?.cursor ?? null; },
    };
  }
}

function plainSchema(): GraphQLSchema {
  const builder = new SchemaBuilder<{ Context: Ctx }>({ plugins: [RelayPlugin], relay } as never);
  const Unit = builder.objectRef<UnitRow>('Unit').implement({
    fields: (t) => ({ id: t.exposeString('id'), name: t.exposeString('name'), divisionCode: t.exposeString('divisionCode') }),
  });
  const Event = builder.objectRef<EventRow>('Event').implement({
    fields: (t) => ({
      sequence: t.exposeInt('sequence'),
      type: t.exposeString('type'),
      occurredAt: t.string({ resolve: (e) => e.occurredAt.toISOString() }),
      toStatus: t.exposeString('toStatus', { nullable: true }),
    }),
  });
  const Case = builder.objectRef<CaseRow>('Case').implement({
    fields: (t) => ({
      id: t.exposeString('id'),
      number: t.exposeString('number'),
      title: t.exposeString('title'),
      status: t.exposeString('status'),
      unit: t.field({ type: Unit, resolve: (c) => c.unit }),
      events: t.connection({ type: Event, resolve: (c, args) => new Page(c.events, args.first ?? 20) }),
    }),
  });
  builder.queryType({
    fields: (t) => ({
      cases: t.field({ type: [Case], args: { n: t.arg.int({ required: true }) }, resolve: (_root, args, ctx) => ctx.rows!.slice(0, args.n) }),
    }),
  });
  return builder.toSchema();
}

export const shapes = {
  'no relation': 'id number title status',
  '+ unit (t.relation)': 'id number title status unit { id name divisionCode }',
  '+ events(first: 5) (t.relatedConnection)': 'id number title status unit { id name divisionCode } events(first: 5) { nodes { sequence type occurredAt toStatus } }',
};
export type Shape = keyof typeof shapes;

export const withPlugin = pluginSchema(false);
export const withPluginExposed = pluginSchema(true);
export const plain = plainSchema();
export const documents = new Map<Shape, DocumentNode>();
for (const [shape, fields] of Object.entries(shapes) as [Shape, string][]) {
  const document = parse(`query ($n: Int!) { cases(n: $n) { ${fields} } }`);
  for (const schema of [withPlugin, withPluginExposed, plain]) {
    const errors = validate(schema, document);
    if (errors.length) throw new Error(errors.map(String).join('\n'));
  }
  documents.set(shape, document);
}

// The rows: plugin-drizzle's planned query for the widest shape, one statement, run once.
const fullDocument = documents.get('+ events(first: 5) (t.relatedConnection)')!;
const loadContext: Ctx = { db };
const loaded = await execute({ schema: withPlugin, document: fullDocument, variableValues: { n: 50 }, contextValue: loadContext });
if (loaded.errors) throw new Error(String(loaded.errors));
export const rows = loadContext.loaded!;
if (rows.length !== 50 || rows[0].events.length !== 6) throw new Error('unexpected rows: the planned query should load 50 cases with 6 events each (first + 1)');


/** One request of `shape` over `n` rows, a fresh context each time (plugin-drizzle caches per context). */
export const run =
  (schema: GraphQLSchema, shape: Shape, n: number, executor: (args: ExecutionArgs) => PromiseOrValue<ExecutionResult> = execute) =>
  (): PromiseOrValue<ExecutionResult> =>
    executor({ schema, document: documents.get(shape)!, variableValues: { n }, contextValue: { db, rows } });
