import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { generate } from '@graphql-codegen/cli';
import type { CodegenConfig } from '@graphql-codegen/cli';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside node_modules so the generated client resolves @graphql-typed-document-node/core as a front-end project would.
const dir = mkdtempSync(join(root, 'node_modules/.cache-codegen-'));
afterAll(() => { if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); });

/** The codegen.ts block of the README, as a front-end team would copy it. */
async function readmeConfig(): Promise<CodegenConfig> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /```ts\n(\/\/ codegen\.ts[\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README has no codegen.ts block');
  const file = join(dir, 'codegen.config.ts');
  writeFileSync(file, block[1]);
  return (await import(file)).default as CodegenConfig;
}

const OPERATION = /* GraphQL */ `
  query CaseList($filter: CaseFilter) {
    cases(first: 5, filter: $filter) {
      totalCount
      nodes { id number receivedOn registeredAt status deadlines { kind dueOn provisional } events(first: 1) { nodes { payload occurredAt } } }
    }
  }
`;

const USE = `
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { CaseListDocument, type CaseListQuery, type CaseListQueryVariables } from './gql/graphql';

const document: TypedDocumentNode<CaseListQuery, CaseListQueryVariables> = CaseListDocument;
declare const result: CaseListQuery;
const node = result.cases.nodes[0];
export const received: string = node.receivedOn;
export const registered: string = node.registeredAt;
export const due: string = node.deadlines[0].dueOn;
export const provisional: boolean = node.deadlines[0].provisional;
export const payload: Record<string, unknown> = node.events.nodes[0].payload;
// @ts-expect-error a Date travels as a string, never a number
export const wrong: number = node.receivedOn;
export const variables: CaseListQueryVariables = { filter: { receivedFrom: '2026-01-01', status: ['ACCEPTED'] } };
export { document };
`;

/** Generates the client into dir/gql with this preset config and type-checks use.ts against it. */
async function typeErrors(presetConfig: Record<string, unknown>): Promise<string[]> {
  rmSync(join(dir, 'gql'), { recursive: true, force: true });
  await generate(
    {
      schema: join(root, 'schema.graphql'),
      documents: [join(dir, 'operations.graphql')],
      generates: { [join(dir, 'gql/')]: { preset: 'client', config: presetConfig } },
      silent: true,
    },
    true,
  );
  const program = ts.createProgram([join(dir, 'use.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a typed client generated from schema.graphql with the README configuration', () => {
  it('types the custom scalars and type-checks an operation', async () => {
    const config = await readmeConfig();
    const output = Object.values(config.generates as Record<string, { preset: string; config: Record<string, unknown> }>)[0];
    expect(output.preset).toBe('client');
    writeFileSync(join(dir, 'operations.graphql'), OPERATION);
    writeFileSync(join(dir, 'use.ts'), USE);
    expect(await typeErrors(output.config)).toEqual([]);
    // Without the scalar mapping the same operation does not type-check: the test can fail.
    const { scalars: _scalars, ...withoutScalars } = output.config;
    expect((await typeErrors(withoutScalars)).length).toBeGreaterThan(0);
  }, 60_000);
});

describe('the custom scalars', () => {
  it('declare the standard they follow (@specifiedBy)', async () => {
    const printed = readFileSync(join(root, 'schema.graphql'), 'utf8');
    expect(printed).toContain('scalar Date @specifiedBy(url: "https://scalars.graphql.org/andimarek/local-date.html")');
    expect(printed).toContain('scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/chillicream/date-time.html")');
    expect(printed).toContain('scalar JSON @specifiedBy(url: "https://www.rfc-editor.org/rfc/rfc8259")');
  });
});
