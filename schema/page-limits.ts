import { getNamedType, GraphQLError, GraphQLInt, valueFromAST, type DocumentNode, type GraphQLSchema } from 'graphql';
import { documentArguments, oncePerDocument } from './document-arguments';

/** The one page-size rule of every connection. */
export const MAX_PAGE_SIZE = 100;

/** Stated in the description of every connection field (schema/describe-generated.ts). */
export const PAGE_RULE =
  `每页 first/last 最多 ${MAX_PAGE_SIZE} 条；超过时整个请求被拒绝（input/invalid），不会截断。` +
  ` At most ${MAX_PAGE_SIZE} per page (first/last); a larger page refuses the whole request with input/invalid, never a silent cut.`;

const isConnection = (typeName: string) => typeName.endsWith('Connection');

/** The `first`/`last` arguments of the connections a document selects: found once per document, not per request. */
const pageArgumentsOf = oncePerDocument((schema, document) =>
  documentArguments(schema, document).filter(
    ({ argument, field }) => (argument.name === 'first' || argument.name === 'last') && field.args.includes(argument) && isConnection(getNamedType(field.type).name),
  ),
);

/**
 * Every `first`/`last` above the cap (or below zero) on a connection anywhere in the document,
 * nested ones included, with variables resolved: found before anything executes.
 */
export function pageSizeErrors(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const { field, node: arg } of pageArgumentsOf(schema, document)) {
    const size = valueFromAST(arg.value, GraphQLInt, variables ?? undefined);
    if (typeof size !== 'number' || (size >= 0 && size <= MAX_PAGE_SIZE)) continue;
    const message = size < 0 ? `${field.name} 的 ${arg.name.value} 不能为负` : `每页最多 ${MAX_PAGE_SIZE} 条：${field.name}(${arg.name.value}: ${size})`;
    errors.push(new GraphQLError(message, { nodes: [arg], extensions: { code: 'input/invalid' } }));
  }
  return errors;
}
