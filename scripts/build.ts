/**
 * Bundles the Lambda handlers with esbuild (sst cannot bundle offline):
 *   functions/{graphql,sweep,dispatch,stream}.ts → dist/<name>.mjs
 *
 * ESM for Node 22, minified and tree-shaken, source maps beside the bundles (not
 * inlined). Everything is bundled except Node's built-ins and the AWS SDK v3,
 * which the Lambda runtime provides. Dynamic imports (e.g. PGlite, which only
 * local development opens) become separate chunks that load only when reached,
 * so they cost the handler nothing at cold start.
 *
 * Usage: tsx scripts/build.ts [--root DIR] [--outdir DIR] [--metafile FILE] [--report]
 *   --root      directory holding functions/ (default: the repository)
 *   --outdir    output directory (default: <repository>/dist), emptied first
 *   --metafile  also write esbuild's metafile there (kept out of outdir, which is what ships)
 *   --report    after the sizes, what graphql.mjs loads at start, by package and by our directory
 *
 * "loaded at start" is the entry plus every chunk it imports statically: what a cold start reads and
 * evaluates. "lazy chunks" are reached only through a dynamic import() on the path that needs them.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Metafile } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    root: { type: 'string', default: repo },
    outdir: { type: 'string', default: path.join(repo, 'dist') },
    metafile: { type: 'string' },
    report: { type: 'boolean', default: false },
  },
});
const root = path.resolve(values.root!);
const outdir = path.resolve(values.outdir!);
const entries = ['graphql', 'sweep', 'dispatch', 'stream'];

// ESM output has no `require`; CommonJS dependencies that call it get a real one.
const banner = [
  "import { createRequire as __xfCreateRequire } from 'node:module';",
  'const require = __xfCreateRequire(import.meta.url);',
].join('\n');

await rm(outdir, { recursive: true, force: true });
const started = performance.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(entries.map((name) => [name, path.join(root, 'functions', `${name}.ts`)])),
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  // ESM builds first (graphql 16's "module"): one copy, tree-shaken, no CommonJS interop getters on every call.
  mainFields: ['module', 'main'],
  target: 'node22',
  minify: true,
  treeShaking: true,
  sourcemap: 'external',
  legalComments: 'none',
  // Chinese text (descriptions, messages) as UTF-8, not \uXXXX escapes: 3 bytes a character instead of 6.
  charset: 'utf8',
  banner: { js: banner },
  // Provided by the Lambda Node.js runtime (Node's own modules are external by platform).
  external: ['@aws-sdk/*'],
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
});
const elapsed = performance.now() - started;
if (values.metafile) await writeFile(values.metafile, JSON.stringify(result.metafile));

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const outputs = result.metafile.outputs;

/** The entry file plus every chunk it imports statically (what a cold start loads). */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imp of outputs[file]?.imports ?? []) {
    if (imp.kind === 'import-statement' && !imp.external) staticClosure(imp.path, seen);
  }
  return seen;
}

function lazyChunks(closure: Set<string>): Set<string> {
  const lazy = new Set<string>();
  const visit = (file: string) => {
    for (const imp of outputs[file]?.imports ?? []) {
      if (imp.external || closure.has(imp.path) || lazy.has(imp.path)) continue;
      if (imp.kind === 'dynamic-import' || imp.kind === 'import-statement') {
        lazy.add(imp.path);
        visit(imp.path);
      }
    }
  };
  for (const file of closure) visit(file);
  return lazy;
}

const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + (outputs[f]?.bytes ?? 0), 0);
const rel = (file: string) => path.relative(outdir, path.resolve(root, file));
const entryFiles = new Set(entries.map((name) => `functions/${name}.ts`));

for (const [file, output] of Object.entries(outputs) as [string, Metafile['outputs'][string]][]) {
  // With splitting, dynamic imports are entry points too: report only the handlers.
  if (!output.entryPoint || !entryFiles.has(output.entryPoint)) continue;
  const closure = staticClosure(file);
  const lazy = lazyChunks(closure);
  const map = outputs[`${file}.map`];
  console.log(
    `${rel(file).padEnd(12)} ${kib(output.bytes).padStart(12)}` +
      `   loaded at start ${kib(sum(closure)).padStart(12)}` +
      `   lazy chunks ${kib(sum(lazy)).padStart(12)}` +
      (map ? `   map ${kib(map.bytes)}` : ''),
  );
}
console.log('loaded at start: the entry and the chunks it imports statically (what a cold start reads); lazy chunks load on the first request that needs them');
console.log(`built in ${Math.round(elapsed)} ms → ${path.relative(process.cwd(), outdir) || '.'}`);

/** What one input is counted under: its package (the innermost node_modules one) or our top directory. */
function owner(input: string): string {
  const packages = [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  if (packages.length) return packages[packages.length - 1][1];
  const parts = input.split('/');
  return parts.length > 1 ? `${parts[0]}/` : input;
}

if (values.report) {
  const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint === 'functions/graphql.ts')!;
  const byOwner = new Map<string, number>();
  for (const file of staticClosure(entry)) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file].inputs)) byOwner.set(owner(input), (byOwner.get(owner(input)) ?? 0) + bytesInOutput);
  }
  console.log('\ngraphql.mjs loaded at start, by package / directory (minified bytes in output):');
  for (const [name, bytes] of [...byOwner].sort((a, b) => b[1] - a[1])) if (bytes >= 512) console.log(`  ${kib(bytes).padStart(11)}  ${name}`);
}
