// Every refusal code lives in one catalogue (db/<domain>/errors.ts) and reaches clients through one GraphQL
// error type registered in schema/errors.ts; descriptions cite only codes that exist.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { schema } from '../schema/index';
import { registeredErrors } from '../schema/errors';
import { printedSchema } from '../schema/printed';
import { AppError } from '../db/errors';

const dbDir = fileURLToPath(new URL('../db', import.meta.url));
const sourcesOf = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === 'migrations' ? [] : sourcesOf(join(dir, entry.name))) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
const dbSources = sourcesOf(dbDir);

/** Every catalogue: each `…Codes` object exported by db/errors.ts and db/<domain>/errors.ts. */
async function catalogues(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const file of dbSources.filter((path) => path.endsWith('/errors.ts'))) {
    const module: Record<string, unknown> = await import(file);
    for (const [name, value] of Object.entries(module)) {
      if (name.endsWith('Codes') && value && typeof value === 'object' && !Array.isArray(value)) found.set(`${relative(dbDir, file)}:${name}`, Object.keys(value));
    }
  }
  return found;
}

/** Every exported class of db/ that is an AppError (db/errors.ts's AppError itself included). */
async function errorClasses(): Promise<Map<Function, string>> {
  const found = new Map<Function, string>();
  for (const file of dbSources.filter((path) => /export class \w+ extends/.test(readFileSync(path, 'utf8')))) {
    const module: Record<string, unknown> = await import(file);
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function' && (value === AppError || value.prototype instanceof AppError)) found.set(value, `${relative(dbDir, file)}:${name}`);
    }
  }
  return found;
}

const registeredCodes = new Set(registeredErrors.flatMap((entry) => entry.codes));

describe('the error catalogues', () => {
  it('are found: one per domain that refuses with its own codes', async () => {
    const names = [...(await catalogues()).keys()].sort();
    expect(names).toEqual([
      'accounts/errors.ts:authCodes',
      'cases/errors.ts:caseRuleCodes',
      'errors.ts:commonErrorCodes',
      'integrations/errors.ts:integrationErrorCodes',
      'mediation/errors.ts:mediationConflictCodes',
      'mediation/errors.ts:mediationRuleCodes',
      'reception/errors.ts:receptionRuleCodes',
      'suggestions/errors.ts:suggestionRuleCodes',
      'webhooks/errors.ts:webhookRuleCodes',
    ]);
  });

  it('hold each code once, across all of them', async () => {
    const owners = new Map<string, string[]>();
    for (const [catalogue, codes] of await catalogues()) for (const code of codes) owners.set(code, [...(owners.get(code) ?? []), catalogue]);
    expect([...owners].filter(([, where]) => where.length > 1)).toEqual([]);
  });

  it('have every code carried by a registered GraphQL error type', async () => {
    const unregistered = [...(await catalogues())].flatMap(([catalogue, codes]) => codes.filter((code) => !registeredCodes.has(code)).map((code) => `${catalogue} ${code}`));
    expect(unregistered).toEqual([]);
  });

  it('register each error type as an object type of the schema implementing Error, matching its class', () => {
    expect(registeredErrors.length).toBeGreaterThan(10);
    for (const { error, name } of registeredErrors) {
      const type = schema.getType(name);
      expect(isObjectType(type), name).toBe(true);
      if (!isObjectType(type)) continue;
      expect(type.getInterfaces().map((i) => i.name), name).toEqual(['Error']);
      expect(type.isTypeOf?.(Object.create(error.prototype), {}, {} as never), name).toBe(true);
    }
    expect(new Set(registeredErrors.map((entry) => entry.name)).size).toBe(registeredErrors.length);
  });
});

describe('the error classes of db/', () => {
  it('are each registered, or (a subclass) have their parent registered as a specific type', async () => {
    const registered = new Set<Function>(registeredErrors.map((entry) => entry.error));
    const classes = await errorClasses();
    expect(classes.size).toBeGreaterThan(10);
    const missing = [...classes]
      .filter(([error]) => {
        if (registered.has(error)) return false;
        const parent = Object.getPrototypeOf(error);
        return !(registered.has(parent) && parent !== AppError);
      })
      .map(([, where]) => where);
    expect(missing).toEqual([]);
  });
});

describe('the schema descriptions', () => {
  // Slash pairs in descriptions that are not refusal codes.
  const notCodes = new Set(['first/last', 'after/before', 'http/https']);

  it('cite only codes that exist in a catalogue', () => {
    const cited = new Set(printedSchema().match(/(?<![\w/.:-])[a-z]+(?:-[a-z]+)*\/[a-z]+(?:-[a-z]+)*(?![\w/-])/g) ?? []);
    expect(cited.size).toBeGreaterThan(50);
    expect([...cited].filter((code) => !notCodes.has(code) && !registeredCodes.has(code))).toEqual([]);
  });

  it('list every code of CaseRuleError (derived from the catalogue)', async () => {
    const { caseRuleCodes } = await import('../db/cases/errors');
    const description = schema.getType('CaseRuleError')?.description ?? '';
    expect(Object.keys(caseRuleCodes).length).toBe(14);
    for (const code of Object.keys(caseRuleCodes)) expect(description).toContain(code);
  });
});
