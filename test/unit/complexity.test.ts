import { describe, expect, it } from 'vitest';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { Kind, parse, type DocumentNode } from 'graphql';
import { schema } from '../../schema/index';
import { complexityLimitError, complexityOf, COMPLEXITY_LIMITS } from '../../schema/integrations/complexity';
import { apiCaseQuery, apiListQuery } from '../../bench/work';

const unit = encodeGlobalID('Unit', '0b8f1a4e-1d2c-4a5b-9c3d-2e1f0a9b8c7d');

/** plugin-complexity's own walk of the operation a request selects (what the compiled plan must equal). */
function reference(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>) {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const selected = operations.length > 1 && operationName ? { ...document, definitions: document.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d.name?.value === operationName) } : document;
  return complexityFromQuery(selected, { schema, variables });
}

function outcome(run: () => unknown) {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const cases: [string, string, Record<string, unknown>[], string?][] = [
  ['the bench list', apiListQuery(true), [{ unit }, { unit, after: 'x' }]],
  ['the bench case', apiCaseQuery(true), [{ id: encodeGlobalID('Case', '0b8f1a4e-1d2c-4a5b-9c3d-2e1f0a9b8c7d') }]],
  ['page size from a variable, nested', 'query($n: Int, $m: Int = 7) { cases(first: 5) { nodes { events(last: $n) { nodes { type } } participants { role } } } more: cases(first: $m) { totalCount } }', [{}, { n: 3 }, { n: 60, m: 2 }, { n: -4 }]],
  ['fragments, inline and named, reused', 'fragment U on Unit { name children { name } } query { units { ...U parent { ...U } ... on Unit { divisionCode } } viewer { roles account { displayName unit { ...U } } } }', [{}]],
  ['nodes by ids from a variable', 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Case { number } } __typename }', [{ ids: [] }, { ids: [unit, unit, unit] }]],
  ['two operations, one selected', 'query A { viewer { roles } } query B($n: Int = 30) { cases(first: $n) { nodes { number } } }', [{}], 'B'],
  ['an unknown field', '{ cases { nodes { nope } } }', [{}]],
  ['a malformed id literal', '{ node(id: "not-a-global-id") { id } }', [{}]],
  ['a variable of the wrong type', 'query($n: Int) { cases(first: $n) { totalCount } }', [{ n: 'many' }]],
];

describe('compiled complexity (schema/integrations/complexity.ts)', () => {
  for (const [name, text, variableSets, operationName] of cases) {
    it(`equals plugin-complexity's walk: ${name}`, () => {
      const document = parse(text);
      for (const variables of variableSets) {
        // twice: the second evaluation uses the compiled plan
        for (let round = 0; round < 2; round++) {
          expect(outcome(() => complexityOf(schema, document, operationName, variables))).toEqual(outcome(() => reference(document, operationName, variables)));
        }
      }
    });
  }

  it('states the limit exceeded, in Chinese and English', () => {
    expect(complexityLimitError({ ...COMPLEXITY_LIMITS })).toBeNull();
    expect(complexityLimitError({ ...COMPLEXITY_LIMITS, depth: 11 })?.message).toBe('查询嵌套过深（11 层，最多 10 层）。Query exceeds maximum depth (depth: 11, max: 10)');
    expect(complexityLimitError({ ...COMPLEXITY_LIMITS, complexity: 10_001 })?.message).toMatch(/^查询过于复杂.*maximum complexity/);
  });
});
