import { TypeInfo, visit, visitWithTypeInfo, type ArgumentNode, type DocumentNode, type GraphQLArgument, type GraphQLField, type GraphQLSchema } from 'graphql';

/**
 * `compute(schema, document)` once per schema and parsed document: yoga's parser cache hands every
 * request with the same text the same document, so what depends only on the operation is found once.
 */
export function oncePerDocument<Value>(compute: (schema: GraphQLSchema, document: DocumentNode) => Value) {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Value>>();
  return (schema: GraphQLSchema, document: DocumentNode): Value => {
    let byDocument = bySchema.get(schema);
    if (!byDocument) bySchema.set(schema, (byDocument = new WeakMap()));
    if (byDocument.has(document)) return byDocument.get(document) as Value;
    const value = compute(schema, document);
    byDocument.set(document, value);
    return value;
  };
}

export interface DocumentArgument {
  argument: GraphQLArgument;
  /** The field the argument is on, or inside (a directive's argument on that field). */
  field: GraphQLField<unknown, unknown>;
  node: ArgumentNode;
}

/** Every argument a document passes, with its definition: the one walk the input and page-size limits share. */
export const documentArguments = oncePerDocument((schema, document) => {
  const found: DocumentArgument[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        if (argument && field) found.push({ argument, field, node });
      },
    }),
  );
  return found;
});
