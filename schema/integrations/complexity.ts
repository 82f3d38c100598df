import { getMappedArgumentValues, PothosValidationError } from '@pothos/core';
import {
  getNamedType,
  getVariableValues,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isOutputType,
  Kind,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * A request's complexity (points, depth, breadth), exactly as @pothos/plugin-complexity's `complexityFromQuery`
 * counts it, but compiled once per document and operation: the walk, the field look-ups and every field whose
 * arguments hold no variable are done once; a request then evaluates only the fields whose arguments name a
 * variable (a page's `first`, the `cases` filter). The plugin walked the whole selection, mapping every field's
 * arguments through Pothos (global ids decoded), twice per request: once for the rate limit's charge and once
 * for its own limit check (issue 11: 5% of a case-by-id request's CPU). Complexity options are pure functions of
 * a field's arguments (schema/builder.ts connectionAwareComplexity), which is what makes the constant part
 * constant. test/unit/complexity.test.ts compares both on many documents.
 */
export interface Complexity {
  complexity: number;
  depth: number;
  breadth: number;
}

/**
 * The limits every request is held to (request/limit-exceeded). breadth: the leaders' dashboard asks for every
 * figure of caseStats with its byUnit split at once; complexity: a workbench page of 50 cases with unit,
 * petitioners, 5 events and supervisions weighs ~5,700.
 */
export const COMPLEXITY_LIMITS: Complexity = { complexity: 10_000, depth: 10, breadth: 300 };

// plugin-complexity's own defaults (defaults.js): its multiplier for a list field is not the builder's option.
const DEFAULT_COMPLEXITY = 1;
const DEFAULT_LIST_MULTIPLIER = 10;

type Option = number | { field?: number; multiplier?: number } | undefined;
type OptionFunction = (args: Record<string, unknown>, ctx: object, field: GraphQLField<unknown, unknown>) => Option;

interface PlannedField {
  kind: 'field';
  node: FieldNode;
  field: GraphQLField<unknown, unknown> | null;
  isList: boolean;
  /** The field's option when it does not depend on variables (evaluated at compile time). */
  option: Option;
  /** Set when the option is a function of arguments that name a variable. */
  optionFunction: OptionFunction | null;
  children: PlannedSet | null;
}
interface PlannedSet {
  kind: 'set';
  items: (PlannedField | PlannedSet)[];
  /** The set's result when nothing beneath it depends on variables. */
  constant: Complexity | null;
}

interface Info {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
}

/** A fragment spread many times is compiled (and evaluated) once per type, as the plugin's walk memoises it. */
type Compiled = Map<SelectionSetNode, Map<GraphQLOutputType, PlannedSet>>;

function hasVariable(node: FieldNode): boolean {
  let found = false;
  for (const argument of node.arguments ?? []) {
    visit(argument.value, {
      Variable() {
        found = true;
      },
    });
  }
  return found;
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(type) || (isNonNullType(type) && isList(type.ofType));
}

function compileSet(info: Info, selectionSet: SelectionSetNode, type: GraphQLOutputType, active: Set<SelectionSetNode>, done: Compiled): PlannedSet {
  const known = done.get(selectionSet)?.get(type);
  if (known) return known;
  if (active.has(selectionSet)) throw new PothosValidationError('Cannot calculate complexity of a cyclic fragment');
  active.add(selectionSet);
  const items: (PlannedField | PlannedSet)[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      items.push(compileField(info, selection, type, active, done));
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? info.fragments[selection.name.value] : selection;
    if (!fragment) throw new PothosValidationError(`Missing fragment ${selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : ''}`);
    const fragmentType = fragment.typeCondition ? info.schema.getType(fragment.typeCondition.name.value) : type;
    if (!fragmentType || !isOutputType(fragmentType)) throw new PothosValidationError(`Expected Type ${String(fragmentType)} to be an Output type`);
    items.push(compileSet(info, fragment.selectionSet, fragmentType, active, done));
  }
  active.delete(selectionSet);
  const set: PlannedSet = { kind: 'set', items, constant: null };
  if (items.every((item) => (item.kind === 'set' ? item.constant !== null : item.optionFunction === null && (item.children === null || item.children.constant !== null)))) {
    set.constant = evaluateSet(set, info, new Map());
  }
  if (!done.has(selectionSet)) done.set(selectionSet, new Map());
  done.get(selectionSet)!.set(type, set);
  return set;
}

function compileField(info: Info, node: FieldNode, type: GraphQLOutputType, active: Set<SelectionSetNode>, done: Compiled): PlannedField {
  const name = node.name.value;
  const named = getNamedType(type);
  const field = ((isObjectType(named) || isInterfaceType(named)) && named.getFields()[name]) || null;
  if (!field && !name.startsWith('__')) throw new PothosValidationError(`Unknown field selected (${named.name}.${name})`);
  let option = field?.extensions?.complexity as Option | OptionFunction;
  let optionFunction: OptionFunction | null = null;
  if (typeof option === 'function') {
    if (hasVariable(node)) {
      optionFunction = option;
      option = undefined;
    } else {
      option = option(getMappedArgumentValues(field!, node, {}, info as never) as Record<string, unknown>, {}, field!);
    }
  }
  const children = field && node.selectionSet ? compileSet(info, node.selectionSet, getNamedType(field.type) as GraphQLOutputType, active, done) : null;
  return { kind: 'field', node, field, isList: field ? isList(field.type) : false, option, optionFunction, children };
}

function evaluateSet(set: PlannedSet, info: Info, seen: Map<PlannedSet, Complexity>): Complexity {
  if (set.constant) return set.constant;
  const known = seen.get(set);
  if (known) return known;
  const result = { complexity: 0, depth: 0, breadth: 0 };
  for (const item of set.items) {
    const part = item.kind === 'set' ? evaluateSet(item, info, seen) : evaluateField(item, info, seen);
    result.complexity += part.complexity;
    result.breadth += part.breadth;
    result.depth = Math.max(result.depth, part.depth);
  }
  seen.set(set, result);
  return result;
}

function evaluateField(planned: PlannedField, info: Info, seen: Map<PlannedSet, Complexity>): Complexity {
  const option = planned.optionFunction ? planned.optionFunction(getMappedArgumentValues(planned.field!, planned.node, {}, info as never) as Record<string, unknown>, {}, planned.field!) : planned.option;
  const multiplier = typeof option === 'object' && option.multiplier !== undefined ? option.multiplier : planned.isList ? DEFAULT_LIST_MULTIPLIER : 1;
  let complexity = 0;
  let depth = 1;
  let breadth = 1;
  if (planned.children) {
    const sub = evaluateSet(planned.children, info, seen);
    complexity += sub.complexity * Math.max(multiplier, 0);
    depth += sub.depth;
    breadth += sub.breadth;
  }
  complexity += typeof option === 'number' ? option : (option?.field ?? DEFAULT_COMPLEXITY);
  return { complexity, depth, breadth };
}

const compiled = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, PlannedSet | Error>>();

/** The plan of an operation (keyed by its node: yoga hands every request with the same text the same document). */
function planOf(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): PlannedSet | Error {
  let byOperation = compiled.get(schema);
  if (!byOperation) compiled.set(schema, (byOperation = new WeakMap()));
  let plan = byOperation.get(operation);
  if (plan === undefined) {
    try {
      const root = schema.getRootType(operation.operation);
      if (!root) throw new PothosValidationError(`No root type found for operation ${operation.operation}`);
      plan = compileSet({ schema, fragments, variableValues: {} }, operation.selectionSet, root, new Set(), new Map());
    } catch (error) {
      // raised again for every request of this operation, as the plugin's walk would raise it
      plan = error instanceof Error ? error : new Error(String(error));
    }
    byOperation.set(operation, plan);
  }
  return plan;
}

/** The complexity of an operation being executed, its variables already coerced (GraphQLResolveInfo's). */
export function operationComplexity(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variableValues: Record<string, unknown>,
): Complexity {
  const plan = planOf(schema, operation, fragments);
  if (plan instanceof Error) throw plan;
  return plan.constant ?? evaluateSet(plan, { schema, fragments, variableValues }, new Map());
}

const fragmentsByDocument = new WeakMap<DocumentNode, Record<string, FragmentDefinitionNode>>();

/** The complexity of the operation a request selects, from its raw variables; throws where the plugin's walk would. */
export function complexityOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): Complexity {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.length > 1 && operationName ? operations.find((d) => d.name?.value === operationName) : operations[0];
  if (!operation) throw new PothosValidationError('No operation found');
  let fragments = fragmentsByDocument.get(document);
  if (!fragments) {
    fragments = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    fragmentsByDocument.set(document, fragments);
  }
  const plan = planOf(schema, operation, fragments);
  if (plan instanceof Error) throw plan;
  if (plan.constant) return plan.constant;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return evaluateSet(plan, { schema, fragments, variableValues: coerced.coerced }, new Map());
}

/** The limit a complexity exceeds, as plugin-complexity words it (mask-error.ts: request/limit-exceeded). */
export function complexityLimitError(measured: Complexity, limits: Complexity = COMPLEXITY_LIMITS): PothosValidationError | null {
  if (measured.depth > limits.depth) return new PothosValidationError(`查询嵌套过深（${measured.depth} 层，最多 ${limits.depth} 层）。Query exceeds maximum depth (depth: ${measured.depth}, max: ${limits.depth})`);
  if (measured.breadth > limits.breadth) return new PothosValidationError(`查询字段过多（${measured.breadth} 个，最多 ${limits.breadth} 个）。Query exceeds maximum breadth (breadth: ${measured.breadth}, max: ${limits.breadth})`);
  if (measured.complexity > limits.complexity) return new PothosValidationError(`查询过于复杂（复杂度 ${measured.complexity}，上限 ${limits.complexity}）。Query exceeds maximum complexity (complexity: ${measured.complexity}, max: ${limits.complexity})`);
  return null;
}
