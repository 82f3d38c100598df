import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { schema } from '../../schema/index';
import { actualCost } from '../../schema/integrations/cost';

// The actual cost walks the result along a plan compiled once per document (schema/integrations/cost.ts).
describe('actual cost of a result', () => {
  const document = parse(`query Q($n: Int!) {
    node(id: "x") {
      __typename
      ... on Case { number title events(first: $n) { nodes { sequence } } }
      ... on Case { number }
    }
  }`);

  it('counts each field present once per object, lists by their real length, a key repeated by fragments once', () => {
    const data = { node: { __typename: 'Case', number: 'A', title: 't', events: { nodes: [{ sequence: 1 }, { sequence: 2 }] } } };
    // node, __typename, number, title, events, nodes = 6; sequence × 2 = 2; the second fragment's number is the same key
    expect(actualCost(schema, document, { operationName: 'Q', variables: { n: 5 } }, data)).toBe(8);
  });

  it('charges nothing for what did not come back, and the same plan serves the next result', () => {
    expect(actualCost(schema, document, { operationName: 'Q', variables: { n: 5 } }, { node: null })).toBe(1);
    const longer = { node: { __typename: 'Case', number: 'A', title: 't', events: { nodes: [1, 2, 3, 4, 5].map((sequence) => ({ sequence })) } } };
    expect(actualCost(schema, document, { operationName: 'Q', variables: { n: 5 } }, longer)).toBe(11);
  });
});
