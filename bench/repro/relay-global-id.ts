/**
 * Repro 4: plugin-relay 4.8's `t.globalID` (what a node's `id` field is) resolves through an `async` function, so
 * every object selecting `id` completes through graphql-js's promise path, although the id is a column of the row
 * (schema/sync-node-id.ts works around it). 250 objects (50 parents × 5 children, the nested list's cases and
 * events), each `{ id name }`, precomputed rows, graphql-js execute: `t.globalID({ resolve })` against a synchronous
 * `t.id({ resolve: (o) => encodeGlobalID(…) })` that answers the same.
 *
 *   flock /tmp/xf-bench.lock npx tsx bench/repro/relay-global-id.ts
 */
// graphql-js reads NODE_ENV when it loads: production mode, as the app is benchmarked and deployed (its
// development-mode instanceOf check would otherwise be the largest self time of every execution)
import '../production-env';
import SchemaBuilder from '@pothos/core';
import RelayPlugin, { encodeGlobalID } from '@pothos/plugin-relay';
import { execute, parse, validate, type GraphQLSchema } from 'graphql';
import { compare, fmt, machineNote, table } from './measure';

interface Child { id: string; name: string }
interface Parent { id: string; name: string; children: Child[] }
const rows: Parent[] = Array.from({ length: 50 }, (_, i) => ({
  id: `6f1c2a4e-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: `parent ${i}`,
  children: Array.from({ length: 5 }, (_, j) => ({ id: `7a2d3b5f-0000-4000-8000-${String(i * 5 + j).padStart(12, '0')}`, name: `child ${j}` })),
}));

function schema(async: boolean): GraphQLSchema {
  const builder = new SchemaBuilder<{ Context: object }>({ plugins: [RelayPlugin], relay: { clientMutationId: 'omit' } } as never);
  const ChildRef = builder.objectRef<Child>('Child').implement({
    fields: (t) => ({
      id: async ? t.globalID({ resolve: (c) => ({ type: 'Child', id: c.id }) }) : t.id({ resolve: (c) => encodeGlobalID('Child', c.id) }),
      name: t.exposeString('name'),
    }),
  });
  const ParentRef = builder.objectRef<Parent>('Parent').implement({
    fields: (t) => ({
      id: async ? t.globalID({ resolve: (p) => ({ type: 'Parent', id: p.id }) }) : t.id({ resolve: (p) => encodeGlobalID('Parent', p.id) }),
      name: t.exposeString('name'),
      children: t.field({ type: [ChildRef], resolve: (p) => p.children }),
    }),
  });
  builder.queryType({ fields: (t) => ({ parents: t.field({ type: [ParentRef], resolve: () => rows }) }) });
  return builder.toSchema();
}

const document = parse('{ parents { id name children { id name } } }');
const variants = { 't.globalID (async resolver)': schema(true), 'sync resolver, same ids': schema(false) };
for (const s of Object.values(variants)) if (validate(s, document).length) throw new Error('invalid document');
const [asyncResult, syncResult] = await Promise.all(Object.values(variants).map((s) => execute({ schema: s, document, contextValue: {} })));
if (JSON.stringify(asyncResult) !== JSON.stringify(syncResult)) throw new Error('the two schemas answer differently');

console.log(`plugin-relay t.globalID vs a synchronous id — ${machineNote()}`);
const figures = await compare(
  Object.entries(variants).map(([name, s]) => ({ name, run: () => execute({ schema: s, document, contextValue: {} }) })),
  1000,
);
table('250 objects { id name } (µs per request)', figures);
console.log(`async globalID: +${fmt(figures[0].min - figures[1].min)} µs per request, ${fmt((figures[0].min - figures[1].min) / 250)} µs per object (${(figures[0].min / figures[1].min).toFixed(2)}×)`);
