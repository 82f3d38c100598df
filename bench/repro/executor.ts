/**
 * Repro 3: @graphql-tools/executor 2.1 (`normalizedExecutor`, graphql-yoga 5's default) against graphql-js 16's
 * `execute`, on the same Pothos schemas and rows as repro 1 (bench/repro/case-schemas.ts): 50 cases with unit and
 * events(first: 5). @graphql-tools/executor is graphql-yoga's dependency, not ours (schema/executor.ts replaced it).
 *
 *   flock /tmp/xf-bench.lock npx tsx bench/repro/executor.ts [--profile]
 */
// graphql-js reads NODE_ENV when it loads: production mode, as the app is benchmarked and deployed (its
// development-mode instanceOf check would otherwise be the largest self time of every execution)
import '../production-env';
import { normalizedExecutor } from '@graphql-tools/executor';
import { execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { compare, fmt, machineNote, profileSelf, table } from './measure';
import { client, plain, run, withPlugin } from './case-schemas';

const shape = '+ events(first: 5) (t.relatedConnection)';
const tools = (args: ExecutionArgs) => normalizedExecutor(args) as ExecutionResult | Promise<ExecutionResult>;
// graphql-yoga hands the executor the request's AbortSignal: every field then checks it (signal?.throwIfAborted()) and
// the execution registers an abort listener and a deferred promise for it
const toolsWithSignal = (args: ExecutionArgs) => normalizedExecutor({ ...args, signal: new AbortController().signal }) as ExecutionResult | Promise<ExecutionResult>;

/** Fields in the response: each one was executed (resolved and completed) once. */
function countFields(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countFields(item), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, item) => sum + 1 + countFields(item), 0);
  return 0;
}

const a = await run(withPlugin, shape, 50)();
const b = await run(withPlugin, shape, 50, tools)();
const c = await run(withPlugin, shape, 50, toolsWithSignal)();
if (a.errors || b.errors || c.errors || JSON.stringify(a.data) !== JSON.stringify(b.data) || JSON.stringify(c.data) !== JSON.stringify(a.data)) throw new Error('the executors answer differently');
const fields = countFields(a.data);
const sync = !(run(plain, shape, 50, tools)() instanceof Promise);

console.log(`@graphql-tools/executor vs graphql-js execute — ${machineNote()}`);
console.log(`${fields} fields per request; normalizedExecutor's result ${sync ? 'synchronous' : 'a promise'} over synchronous resolvers`);
const results = [];
for (const [name, schema] of [['plain resolvers', plain], ['plugin-drizzle', withPlugin]] as const) {
  const figures = await compare(
    [
      { name: `graphql-js execute, ${name}`, run: run(schema, shape, 50, execute) },
      { name: `@graphql-tools/executor normalizedExecutor, ${name}`, run: run(schema, shape, 50, tools) },
      { name: `normalizedExecutor with an AbortSignal (as yoga calls it), ${name}`, run: run(schema, shape, 50, toolsWithSignal) },
    ],
    300,
  );
  table(`50 cases with unit and events(first: 5), ${name} schema`, figures);
  results.push({ name, figures });
}
for (const { name, figures } of results) {
  for (const other of figures.slice(1)) {
    const extra = other.min - figures[0].min;
    console.log(`${other.name}: ${extra >= 0 ? '+' : ''}${fmt(extra)} µs per request (${((100 * extra) / figures[0].min).toFixed(0)}%), ${fmt((1000 * extra) / fields)} ns per field`);
  }
}
if (process.argv.includes('--profile')) {
  for (const [name, executor] of [['graphql-js execute', execute], ['normalizedExecutor', tools], ['normalizedExecutor with an AbortSignal', toolsWithSignal]] as const) {
    console.log(`\nprofile, ${name}, plain resolvers:`);
    await profileSelf(run(plain, shape, 50, executor), 3000, /graphql-tools|node_modules\/graphql\/|whatwg-node/);
  }
}
await client.close();
