import { complexityOf } from './complexity';
import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

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
    return complexityOf(schema, document, params.operationName, params.variables ?? {}).complexity;
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

/** One selected field of a compiled selection: fragments flattened in document order, `field` null for `__typename`. */
interface PlannedField {
  key: string;
  field: GraphQLField<unknown, unknown> | null;
  node: FieldNode;
  children: CostPlan | null;
}
/** `repeats`: some key occurs twice (fragments overlapping), so the first one present in an object counts. */
interface CostPlan {
  fields: PlannedField[];
  repeats: boolean;
}

/**
 * The walk of a result, compiled once per document and operation: which keys to read, which field each is and what
 * lies beneath. The result walk then only reads properties (no fragment resolution, no field lookups per row).
 */
function compilePlan(schema: GraphQLSchema, type: GraphQLNamedType, selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): CostPlan {
  const fields: PlannedField[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      // __typename: one point, as the requested cost counts it
      if (selection.name.value.startsWith('__')) {
        fields.push({ key, field: null, node: selection, children: null });
        continue;
      }
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      const field = type.getFields()[selection.name.value];
      if (!field) continue;
      const children = selection.selectionSet ? compilePlan(schema, getNamedType(field.type), selection.selectionSet, fragments) : null;
      fields.push({ key, field, node: selection, children });
    } else {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      // On an abstract parent the result does not say its type; the fields present in it decide.
      const target = condition && !isAbstractType(condition) ? condition : type;
      fields.push(...compilePlan(schema, target, fragment.selectionSet, fragments).fields);
    }
  }
  return { fields, repeats: new Set(fields.map((f) => f.key)).size !== fields.length };
}

const plans = new WeakMap<DocumentNode, Map<string, CostPlan | null>>();

function planFor(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): CostPlan | null {
  let byOperation = plans.get(document);
  if (!byOperation) plans.set(document, (byOperation = new Map()));
  const name = operationName ?? '';
  let plan = byOperation.get(name);
  if (plan === undefined) {
    const operation = selectedOperation(document, operationName).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const root = operation && schema.getRootType(operation.operation);
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    plan = operation && root ? compilePlan(schema, root, operation.selectionSet, fragments) : null;
    byOperation.set(name, plan);
  }
  return plan;
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
  const plan = planFor(schema, document, params.operationName);
  if (!plan) return 0;
  const variables = params.variables ?? {};
  // A field's points depend on the field and its arguments (variables), never on the row: once per request.
  const pointsOf = new Map<PlannedField, number>();
  const points = (planned: PlannedField) => {
    let known = pointsOf.get(planned);
    if (known === undefined) pointsOf.set(planned, (known = planned.field ? fieldPoints(planned.field, planned.node, variables) : 1));
    return known;
  };

  function walkValue(value: unknown, plan: CostPlan): number {
    if (Array.isArray(value)) {
      let total = 0;
      for (const item of value) total += walkValue(item, plan);
      return total;
    }
    if (!value || typeof value !== 'object') return 0;
    const object = value as Record<string, unknown>;
    const seen = plan.repeats ? new Set<string>() : null;
    let total = 0;
    for (const planned of plan.fields) {
      if (!(planned.key in object)) continue;
      if (seen) {
        if (seen.has(planned.key)) continue;
        seen.add(planned.key);
      }
      total += points(planned);
      if (planned.children) total += walkValue(object[planned.key], planned.children);
    }
    return total;
  }

  return walkValue(data, plan);
}
