import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { pageSizeErrors } from './page-limits';
import { documentArguments } from './document-arguments';

/**
 * Size limits on every input, checked before any resolver runs (so before any SQL): one request with a
 * list of 32,768 ids, or a 1 MB search text, must be refused, not sent to the database (PGlite answered
 * every later query with no rows after one such statement; 8 concurrent 1 MB searches stalled it ~6 s).
 *
 * Derived from the schema, so a new argument is bounded without anyone remembering to:
 * - a list of enum values: at most one of each value;
 * - any other list: `maxItems` from the argument's or input field's extensions, else DEFAULT_MAX_ITEMS;
 * - a string (String, ID and custom scalars): `maxLength` from the extensions, else the scalar's default.
 * Domain rules (zod, in db/) still say the finer things ("标题至少 2 个字"); these are the outer bounds.
 */
export const DEFAULT_MAX_ITEMS = 100;
/** A reason, note or instruction: a few paragraphs. Longer texts (a case's content, a decision) declare theirs. */
export const DEFAULT_MAX_TEXT = 2_000;
/** Global IDs, cursors' opaque parts, dates: short by construction. */
const DEFAULT_MAX_LENGTH_BY_SCALAR: Record<string, number> = { ID: 100, Date: 10, DateTime: 40 };

export interface InputLimitExtensions {
  maxItems?: number;
  maxLength?: number;
}

/** Field/argument options declaring a bound other than the default: `t.string({ ..., ...maxLength(10_000) })`. */
export function maxLength(limit: number) {
  return { extensions: { maxLength: limit } satisfies InputLimitExtensions };
}
export function maxItems(limit: number) {
  return { extensions: { maxItems: limit } satisfies InputLimitExtensions };
}

type Declared = GraphQLArgument | GraphQLInputField;

function limitError(path: string[], message: string): GraphQLError {
  return new GraphQLError(`参数 ${path.join('.')} ${message}`, { extensions: { code: 'input/invalid', path } });
}

function checkValue(value: unknown, type: GraphQLInputType, declared: Declared | undefined, path: string[]): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = value as unknown[];
    if (!Array.isArray(items)) return checkValue(value, nullable.ofType, declared, path); // one value stands for a list of one
    const itemType = getNamedType(nullable);
    const limit = isEnumType(itemType) ? itemType.getValues().length : ((declared?.extensions as InputLimitExtensions | undefined)?.maxItems ?? DEFAULT_MAX_ITEMS);
    if (items.length > limit) throw limitError(path, `最多 ${limit} 项（收到 ${items.length} 项）`);
    items.forEach((item, index) => checkValue(item, nullable.ofType, declared, [...path, String(index)]));
    return;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return;
    const fields = nullable.getFields();
    for (const [name, field] of Object.entries(fields)) {
      checkValue((value as Record<string, unknown>)[name], field.type, field, [...path, name]);
    }
    return;
  }
  if (typeof value === 'string' && !isEnumType(nullable)) {
    const limit = (declared?.extensions as InputLimitExtensions | undefined)?.maxLength ?? DEFAULT_MAX_LENGTH_BY_SCALAR[nullable.name] ?? DEFAULT_MAX_TEXT;
    if (value.length > limit) throw limitError(path, `最多 ${limit} 个字符（收到 ${value.length} 个）`);
  }
}

/** A literal argument as plain values, variables substituted (their raw, uncoerced values). */
function plain(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.LIST:
      return node.values.map((item) => plain(item, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, plain(field.value, variables)]));
    case Kind.NULL:
      return null;
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    default:
      return undefined;
  }
}

/** Throws the first limit the request's arguments exceed. */
export function checkInputLimits(schema: GraphQLSchema, document: DocumentNode, variableValues: Record<string, unknown> = {}): void {
  const variables = { ...variableValues };
  // Defaults written in the operation count as if sent.
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variables[variable.variable.name.value] === undefined && variable.defaultValue) {
        variables[variable.variable.name.value] = plain(variable.defaultValue, {});
      }
    }
  }
  for (const { argument, field, node } of documentArguments(schema, document)) {
    checkValue(plain(node.value, variables), argument.type, argument, [`${field.name}(${argument.name})`]);
  }
}

type StopWith = (result: { errors: GraphQLError[] }) => void;
interface ExecutionArgsLike {
  schema: GraphQLSchema;
  document: DocumentNode;
  variableValues?: unknown;
}

function refuseOverLimits({ args, setResultAndStopExecution }: { args: ExecutionArgsLike; setResultAndStopExecution: StopWith }): void {
  const variables = (args.variableValues ?? {}) as Record<string, unknown>;
  const pageErrors = pageSizeErrors(args.schema, args.document, variables);
  if (pageErrors.length) return setResultAndStopExecution({ errors: pageErrors });
  try {
    checkInputLimits(args.schema, args.document, variables);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    setResultAndStopExecution({ errors: [error] });
  }
}

/**
 * The yoga plugin: page sizes (schema/page-limits.ts) and these limits are checked once a request is
 * parsed and validated, before it executes or subscribes.
 */
export function inputLimitsPlugin(): Plugin {
  return { onExecute: refuseOverLimits, onSubscribe: refuseOverLimits };
}
