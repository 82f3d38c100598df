import { getNamedType, GraphQLError, GraphQLInt, TypeInfo, valueFromAST, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

/** The one page-size rule of every connection. */
export const MAX_PAGE_SIZE = 100;

/** Stated in the description of every connection field (schema/describe-generated.ts). */
export const PAGE_RULE =
  `每页 first/last 最多 ${MAX_PAGE_SIZE} 条；超过时整个请求被拒绝（input/invalid），不会截断。` +
  ` At most ${MAX_PAGE_SIZE} per page (first/last); a larger page refuses the whole request with input/invalid, never a silent cut.`;

const isConnection = (typeName: string) => typeName.endsWith('Connection');

/**
 * Every `first`/`last` above the cap (or below zero) on a connection anywhere in the document,
 * nested ones included, with variables resolved: found before anything executes.
 */
export function pageSizeErrors(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError[] {
  const typeInfo = new TypeInfo(schema);
  const errors: GraphQLError[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field || !isConnection(getNamedType(field.type).name)) return;
        for (const arg of node.arguments ?? []) {
          if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
          const size = valueFromAST(arg.value, GraphQLInt, variables ?? undefined);
          if (typeof size !== 'number' || (size >= 0 && size <= MAX_PAGE_SIZE)) continue;
          const message = size < 0 ? `${field.name} 的 ${arg.name.value} 不能为负` : `每页最多 ${MAX_PAGE_SIZE} 条：${field.name}(${arg.name.value}: ${size})`;
          errors.push(new GraphQLError(message, { nodes: [arg], extensions: { code: 'input/invalid' } }));
        }
      },
    }),
  );
  return errors;
}

/** Refuses an oversized page before execution, the same way for every connection. */
export function pageLimitPlugin() {
  return {
    onExecute({ args, setResultAndStopExecution }: {
      args: { schema: GraphQLSchema; document: DocumentNode; variableValues?: Record<string, unknown> | null };
      setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
    }) {
      const errors = pageSizeErrors(args.schema, args.document, args.variableValues);
      if (errors.length) setResultAndStopExecution({ errors });
    },
  };
}
