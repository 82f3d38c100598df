import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';

/**
 * A request's cost, as Shopify's GraphQL API counts it: the complexity the schema declares (schema/builder.ts),
 * where a connection weighs by its `first`. `requested` is computed from the document before execution;
 * `actual` walks the result, so a page that came back short costs what it returned.
 */

const documents = new Map<string, DocumentNode | null>();
const MAX_CACHED_DOCUMENTS = 1000;

/** yoga has parsed and validated the document already; this parse is cached by the query text. */
function parsed(query: string): DocumentNode | null {
  let document = documents.get(query);
  if (document === undefined) {
    try {
      document = parse(query);
    } catch {
      document = null;
    }
    if (documents.size >= MAX_CACHED_DOCUMENTS) documents.delete(documents.keys().next().value!);
    documents.set(query, document);
  }
  return document;
}

function selectedOperation(document: DocumentNode, operationName?: string | null): DocumentNode {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length <= 1 || !operationName) return document;
  return { ...document, definitions: document.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d.name?.value === operationName) };
}

export interface CostParams {
  query?: string | null;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** Requested cost of a request; 1 when it cannot be computed (execution will refuse such a request anyway). */
export function requestedCost(schema: GraphQLSchema, params: CostParams): number {
  const document = params.query ? parsed(params.query) : null;
  if (!document) return 1;
  try {
    return complexityFromQuery(selectedOperation(document, params.operationName), { schema, variables: params.variables ?? {} }).complexity;
  } catch {
    return 1;
  }
}

type Complexity = number | { field?: number; multiplier?: number } | ((args: Record<string, unknown>, ctx: unknown, field: GraphQLField<unknown, unknown>) => number | { field?: number; multiplier?: number });

function fieldPoints(field: GraphQLField<unknown, unknown>, node: Parameters<typeof getArgumentValues>[1], variables: Record<string, unknown>): number {
  let complexity = field.extensions?.complexity as Complexity | undefined;
  if (typeof complexity === 'function') {
    try {
      complexity = complexity(getArgumentValues(field, node, variables), {}, field);
    } catch {
      complexity = 1;
    }
  }
  if (typeof complexity === 'number') return complexity;
  return complexity?.field ?? 1;
}

/**
 * Actual cost: every field present in the result costs its declared points once per object it was resolved on;
 * lists and connections are walked, so multipliers become the real number of entries.
 */
export function actualCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  params: { operationName?: string | null; variables?: Record<string, unknown> | null },
  data: unknown,
): number {
  if (!data || typeof data !== 'object') return 0;
  const operation = selectedOperation(document, params.operationName).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const variables = params.variables ?? {};
  // A field's points depend on the field and its arguments, never on the row: computed once per selection,
  // not once per entry of every list (50 cases × their fields were each calling the complexity function).
  const pointsOf = new Map<object, { field: GraphQLField<unknown, unknown>; points: number }>();
  const points = (field: GraphQLField<unknown, unknown>, node: Parameters<typeof getArgumentValues>[1]) => {
    const known = pointsOf.get(node);
    if (known && known.field === field) return known.points;
    const computed = fieldPoints(field, node, variables);
    pointsOf.set(node, { field, points: computed });
    return computed;
  };

  function walkValue(value: unknown, type: GraphQLNamedType, selectionSet: SelectionSetNode): number {
    if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + walkValue(item, type, selectionSet), 0);
    if (!value || typeof value !== 'object') return 0;
    return walkObject(value as Record<string, unknown>, type, selectionSet, new Set());
  }

  function walkObject(object: Record<string, unknown>, type: GraphQLNamedType, selectionSet: SelectionSetNode, seen: Set<string>): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (seen.has(key) || !(key in object)) continue;
        seen.add(key);
        // __typename: one point, as the requested cost counts it
        if (selection.name.value.startsWith('__')) {
          total += 1;
          continue;
        }
        if (!isObjectType(type) && !isInterfaceType(type)) continue;
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        total += points(field, selection);
        if (selection.selectionSet) total += walkValue(object[key], getNamedType(field.type), selection.selectionSet);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        // On an abstract parent the result does not say its type; the fields present in it decide.
        const target = condition && !isAbstractType(condition) ? condition : type;
        total += walkObject(object, target, fragment.selectionSet, seen);
      }
    }
    return total;
  }

  return walkObject(data as Record<string, unknown>, root, operation.selectionSet, new Set());
}
