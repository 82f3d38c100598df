/**
 * Repro 2: drizzle-orm 1.0.0-rc.4 building a relational query's SQL per call, and the share of `is()` in it.
 *
 * `db.query.cases.findMany({ columns, where, orderBy, limit, with: { unit, participants → petitioner, events(6),
 * supervisions } }).toSQL()` — the shape plugin-drizzle hands drizzle for our nested list — built from a fresh
 * argument object every call, as plugin-drizzle does per request. `is()` (drizzle-orm/entity.js) is counted in a
 * copy of the package made for this measurement only (bench/.out/repro/drizzle-copies/, git-ignored; node_modules is
 * never touched): the copy's entity.js wraps it. A second copy carries the upstream fix proposed in README.md (each
 * constructor's entity kinds collected once), so the build is compared with and without it in one process, and the
 * three copies are checked to produce the same SQL and parameters.
 *
 *   flock /tmp/xf-bench.lock npx tsx bench/repro/drizzle.ts
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import * as mainOrm from 'drizzle-orm';
import * as mainPg from 'drizzle-orm/pg-core';
import * as mainPglite from 'drizzle-orm/pglite';
import { compare, fmt, machineNote, table } from './measure';
import { defineSchema, type Orm, type PgCore, type PgliteDriver } from './tables';

const here = dirname(fileURLToPath(import.meta.url));
// the package's root (its main entry, index, sits there; package.json is not among its exports)
const packageDir = dirname(createRequire(import.meta.url).resolve('drizzle-orm'));
const copiesDir = join(here, '../.out/repro/drizzle-copies');

const ORIGINAL_IS = `function is(value, type) {
	if (!value || typeof value !== "object") return false;
	if (value instanceof type) return true;`;

// The proposed fix: a miss of `instanceof` (most calls: sqlToQuery tests each chunk against StringChunk, Name, SQL,
// Table, Column, … in turn) looks the kind up in the set of kinds of the value's constructor chain, collected once
// per constructor, instead of walking the chain (with an `in` per step) on every call. Same answers: the walk
// compared exactly these kinds.
const FIXED_IS = `const kindsOfConstructor = new WeakMap();
function kindsOf(cls) {
	let kinds = kindsOfConstructor.get(cls);
	if (kinds === undefined) {
		kinds = new Set();
		for (let c = cls; c; c = Object.getPrototypeOf(c)) if (entityKind in c) kinds.add(c[entityKind]);
		kindsOfConstructor.set(cls, kinds);
	}
	return kinds;
}
function is(value, type) {
	if (!value || typeof value !== "object") return false;
	if (value instanceof type) return true;
	if (!Object.prototype.hasOwnProperty.call(type, entityKind)) throw new Error(\`Class "\${type.name ?? "<unknown>"}" doesn't look like a Drizzle entity. If this is incorrect and the class is provided by Drizzle, please report this as a bug.\`);
	const cls = Object.getPrototypeOf(value)?.constructor;
	return cls ? kindsOf(cls).has(type[entityKind]) : false;
}
function isUnfixed(value, type) {
	if (!value || typeof value !== "object") return false;
	if (value instanceof type) return true;`;

// Counting: the original function renamed, and an exported wrapper that tallies calls, instanceof hits, and the
// prototype steps a miss walks; with recording on it also keeps the (value, type) pairs for a replay.
const COUNTING_IS = `export const isStats = { calls: 0, hits: 0, misses: 0, steps: 0, record: null };
function is(value, type) {
	isStats.calls++;
	if (isStats.record) isStats.record.push([value, type]);
	if (value && typeof value === "object") {
		if (value instanceof type) isStats.hits++;
		else {
			isStats.misses++;
			for (let c = Object.getPrototypeOf(value)?.constructor; c; c = Object.getPrototypeOf(c)) isStats.steps++;
		}
	}
	return isOriginal(value, type);
}
export { isOriginal };
function isOriginal(value, type) {
	if (!value || typeof value !== "object") return false;
	if (value instanceof type) return true;`;

function makeCopy(name: string, replacement: string) {
  const dir = join(copiesDir, name, 'node_modules/drizzle-orm');
  const source = readFileSync(join(packageDir, 'entity.js'), 'utf8');
  if (!source.includes(ORIGINAL_IS)) throw new Error('drizzle-orm/entity.js is not the version this repro was written for');
  if (!existsSync(join(dir, 'package.json')) || readFileSync(join(dir, 'package.json'), 'utf8') !== readFileSync(join(packageDir, 'package.json'), 'utf8')) {
    cpSync(packageDir, dir, { recursive: true, filter: (path) => !/\.(cjs|map|d\.ts|d\.cts)$/.test(path) });
  }
  writeFileSync(join(dir, 'entity.js'), source.replace(ORIGINAL_IS, replacement));
  return dir;
}

async function load(dir: string) {
  const url = (path: string) => pathToFileURL(join(dir, path)).href;
  return {
    orm: (await import(url('index.js'))) as Orm,
    pg: (await import(url('pg-core/index.js'))) as PgCore,
    pglite: (await import(url('pglite/index.js'))) as PgliteDriver,
    entity: (await import(url('entity.js'))) as {
      isStats: { calls: number; hits: number; misses: number; steps: number; record: [unknown, unknown][] | null };
      isOriginal: (value: unknown, type: unknown) => boolean;
    },
  };
}

const counting = await load(makeCopy('counting', COUNTING_IS));
const fixed = await load(makeCopy('fixed', FIXED_IS));
const client = new PGlite();

function instance(orm: Orm, pg: PgCore, pglite: PgliteDriver) {
  const { tables, relations } = defineSchema(orm, pg);
  return { db: pglite.drizzle({ client, relations }), tables };
}
const variants = {
  'drizzle-orm as published': instance(mainOrm, mainPg, mainPglite),
  'with the is() fix (copy)': instance(fixed.orm, fixed.pg, fixed.pglite),
  'counting is() (copy)': instance(counting.orm, counting.pg, counting.pglite),
};

/** Our nested list's shape, a fresh object per call as plugin-drizzle builds it per request. */
function build(db: (typeof variants)['drizzle-orm as published']['db']) {
  return db.query.cases
    .findMany({
      columns: { id: true, number: true, title: true, status: true, receivedOn: true, version: true },
      where: { unitId: { in: ['u1', 'u2', 'u3'] }, status: { ne: 'MERGED' } },
      orderBy: { receivedOn: 'desc', id: 'desc' },
      limit: 51,
      with: {
        unit: { columns: { id: true, name: true, divisionCode: true } },
        participants: { columns: { role: true }, orderBy: { position: 'asc' }, with: { petitioner: { columns: { name: true, kind: true } } } },
        events: { columns: { id: true, sequence: true, type: true, occurredAt: true, toStatus: true }, orderBy: { sequence: 'desc', id: 'desc' }, limit: 6 },
        supervisions: { columns: { id: true, status: true, dueOn: true }, where: { status: 'OPEN' }, orderBy: { createdAt: 'asc' } },
      },
    })
    .toSQL();
}

const reference = JSON.stringify(build(variants['drizzle-orm as published'].db));
for (const [name, v] of Object.entries(variants)) {
  if (JSON.stringify(build(v.db)) !== reference) throw new Error(`${name} builds a different statement`);
}
const statement = JSON.parse(reference) as { sql: string; params: unknown[] };

// Calls of is() per build (after warm-up, so one-time work is not counted).
const stats = counting.entity.isStats;
for (let i = 0; i < 50; i++) build(variants['counting is() (copy)'].db);
Object.assign(stats, { calls: 0, hits: 0, misses: 0, steps: 0 });
const BUILDS = 200;
for (let i = 0; i < BUILDS; i++) build(variants['counting is() (copy)'].db);
const perBuild = { calls: stats.calls / BUILDS, hits: stats.hits / BUILDS, misses: stats.misses / BUILDS, steps: stats.steps / BUILDS };
stats.record = [];
build(variants['counting is() (copy)'].db);
const recorded = stats.record;
stats.record = null;
const isFixed = (await import(pathToFileURL(join(copiesDir, 'fixed/node_modules/drizzle-orm/entity.js')).href)).is as (v: unknown, t: unknown) => boolean;
for (const [value, type] of recorded) {
  if (counting.entity.isOriginal(value, type) !== isFixed(value, type)) throw new Error('the fixed is() answers differently');
}

console.log(`drizzle-orm relational query build — ${machineNote()}`);
console.log(`statement: ${statement.sql.length} characters, ${statement.params.length} parameters`);
console.log(`is() per build: ${perBuild.calls} calls, ${perBuild.hits} instanceof hits, ${perBuild.misses} misses walking ${fmt(perBuild.steps / Math.max(1, perBuild.misses))} prototype levels on average`);

const builds = await compare(
  [
    { name: 'findMany(…).toSQL(), drizzle-orm as published', run: () => build(variants['drizzle-orm as published'].db) },
    { name: 'findMany(…).toSQL(), with the is() fix', run: () => build(variants['with the is() fix (copy)'].db) },
  ],
  2000,
);
table('one relational query built (µs per build)', builds);

// The is() calls of one build replayed in a loop: what they cost in isolation, original and fixed.
const replay = (is: (v: unknown, t: unknown) => boolean) => () => {
  let yes = 0;
  for (let i = 0; i < recorded.length; i++) if (is(recorded[i][0], recorded[i][1])) yes++;
  return yes;
};
const replays = await compare(
  [
    { name: `the ${recorded.length} is() calls of one build, original`, run: replay(counting.entity.isOriginal) },
    { name: `the ${recorded.length} is() calls of one build, fixed`, run: replay(isFixed) },
  ],
  5000,
);
table('is() calls of one build replayed (µs per build)', replays);
console.log(`\nis() ≈ ${fmt(replays[0].min)} of ${fmt(builds[0].min)} µs per build (${((100 * replays[0].min) / builds[0].min).toFixed(0)}%, replayed); the fix saves ${fmt(builds[0].min - builds[1].min)} µs per build in place (${((100 * (builds[0].min - builds[1].min)) / builds[0].min).toFixed(0)}%)`);
await client.close();
