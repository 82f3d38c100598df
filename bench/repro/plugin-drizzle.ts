/**
 * Repro 1: what @pothos/plugin-drizzle 0.20 (+ @pothos/selection-mapper 0.1) costs per relation field per row.
 *
 * Two schemas of the same GraphQL shape (Case { id number title status unit { … } events(first: 5) { nodes { … } } }),
 * both Pothos with plugin-relay, executed by graphql-js over the same rows: once through plugin-drizzle
 * (`t.relation('unit')`, `t.relatedConnection('events', { query: { orderBy: { sequence: 'desc' } }, totalCount })`,
 * as schema/cases/case.ts), once with plain resolvers reading the same row objects. The rows are the ones
 * plugin-drizzle's own planned query loaded from PGlite (one relational query), loaded once: the database is not the
 * point, so both variants return them from the context, the plugin variant after building its query as it would.
 * Shapes with no relation, with `unit`, and with `unit` + `events`, at 10 and 50 rows: the per-row slope of the
 * difference is the plugin's per-row cost, its intercept the per-request cost.
 *
 *   flock /tmp/xf-bench.lock npx tsx bench/repro/plugin-drizzle.ts [--profile]
 */
// graphql-js reads NODE_ENV when it loads: production mode, as the app is benchmarked and deployed (its
// development-mode instanceOf check would otherwise be the largest self time of every execution)
import '../production-env';
import { compare, fmt, gcDuring, machineNote, profileSelf, table, type Variant } from './measure';
import { client, documents, plain, run, withPlugin, withPluginExposed, type Shape } from './case-schemas';

let statements = 0;

// Both variants answer the same, and the plugin's answers come from the rows on hand (no fallback load: that would
// be a statement).
const spy = client.query.bind(client);
(client as { query: typeof client.query }).query = ((...args: Parameters<typeof client.query>) => { statements++; return spy(...args); }) as typeof client.query;
for (const shape of documents.keys()) {
  for (const n of [10, 50]) {
    const a = await run(withPlugin, shape, n)();
    const e = await run(withPluginExposed, shape, n)();
    const b = await run(plain, shape, n)();
    if (a.errors || b.errors || e.errors) throw new Error(String(a.errors ?? b.errors ?? e.errors));
    if (JSON.stringify(a.data) !== JSON.stringify(b.data) || JSON.stringify(e.data) !== JSON.stringify(b.data)) throw new Error(`the schemas answer ${shape} differently`);
  }
}
if (statements !== 0) throw new Error(`plugin-drizzle fell back to loading (${statements} statements)`);

console.log(`plugin-drizzle per relation field per row — ${machineNote()}`);
const timing = !process.argv.includes('--profile-only') && !process.argv.includes('--gc-only');
// every variant of every shape in one alternation, so all of them share the same moments of the shared machine
const variants: (Variant & { key: string })[] = [];
for (const n of [10, 50]) {
  for (const shape of documents.keys()) {
    variants.push({ name: `${shape}, ${n} rows, plugin-drizzle, columns by t.string`, key: `${shape}|${n}|plugin`, run: run(withPlugin, shape, n) });
    variants.push({ name: `${shape}, ${n} rows, plugin-drizzle, columns by t.expose`, key: `${shape}|${n}|exposed`, run: run(withPluginExposed, shape, n) });
    variants.push({ name: `${shape}, ${n} rows, plain resolvers`, key: `${shape}|${n}|plain`, run: run(plain, shape, n) });
  }
}
const measured = timing ? await compare(variants, { ms: 60 }) : [];
if (timing) table('requests (µs CPU per request)', measured);
const figures = new Map<string, number>();
const medians = new Map<string, number>();
measured.forEach((figure, i) => {
  figures.set(variants[i].key, figure.min);
  medians.set(variants[i].key, figure.median);
});
let source = figures;
const over = (shape: Shape, n: number, variant = 'plugin') => source.get(`${shape}|${n}|${variant}`)! - source.get(`${shape}|${n}|plain`)!;
const slope = (shape: Shape, variant = 'plugin') => (over(shape, 50, variant) - over(shape, 10, variant)) / 40;
const [none, unit, events] = [...documents.keys()];
for (const [label, values] of timing ? ([['min', figures], ['median', medians]] as const) : []) {
  source = values;
  console.log(`\nfrom the ${label}s:`);
  console.log('plugin − plain, µs per request at 10 / 50 rows, and per row (slope 10→50):');
  for (const shape of documents.keys()) console.log(`  ${shape}: ${fmt(over(shape, 10))} / ${fmt(over(shape, 50))}; ${fmt(slope(shape))} per row`);
  console.log(`per relation field per row: t.relation ${fmt(slope(unit) - slope(none))} µs, t.relatedConnection ${fmt(slope(events) - slope(unit))} µs`);
  // columns per row of each shape: Case 4, + Unit 3, + 5 events × 3 exposed (occurredAt is a t.string in both)
  console.log(`t.expose of a drizzleObject column, per field per row: ${fmt((slope(none, 'exposed') - slope(none)) / 4)} µs (no relation), ${fmt((slope(events, 'exposed') - slope(events)) / (4 + 3 + 15))} µs (widest shape)`);
  console.log(`per request (intercept at 0 rows, widest shape): ${fmt(over(events, 10) - 10 * slope(events))} µs`);
}

// The plugin variants' min and median lie far apart and the plain one's do not: garbage collection, which the
// blocks that escaped a major collection leave out. Measured here on the widest shape.
if (process.argv.includes('--gc') || process.argv.includes('--gc-only')) {
  console.log('\ngarbage collection, widest shape, 50 rows, 3,000 requests each:');
  for (const [name, schema] of [['plugin-drizzle, columns by t.string', withPlugin], ['plugin-drizzle, columns by t.expose', withPluginExposed], ['plain resolvers', plain]] as const) {
    const gc = await gcDuring(run(schema, events, 50), 3000);
    console.log(`  ${name}: ${gc.perThousand.toFixed(0)} collections per 1,000 requests, ${fmt(gc.msPerOp * 1000)} µs pause and ${fmt(gc.cpuMsPerOp * 1000)} µs CPU per request`);
  }
}

if (process.argv.includes('--profile') || process.argv.includes('--profile-only')) {
  for (const shape of documents.keys()) {
    console.log(`\nprofile of the plugin variant (columns by t.string), ${shape}, 50 rows:`);
    await profileSelf(run(withPlugin, shape, 50), shape === events ? 2000 : 6000, /@pothos\/(plugin-drizzle|selection-mapper|core|plugin-relay)|drizzle-orm/);
  }
}
await client.close();
