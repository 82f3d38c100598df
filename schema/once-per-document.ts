import type { GraphQLSchema } from 'graphql';

/**
 * `compute(schema, document)` once per schema and parsed document: yoga's parser cache hands every
 * request with the same text the same document, so what depends only on the operation is found once.
 */
export function oncePerDocument<Document extends object, Value>(compute: (schema: GraphQLSchema, document: Document) => Value) {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<Document, Value>>();
  return (schema: GraphQLSchema, document: Document): Value => {
    let byDocument = bySchema.get(schema);
    if (!byDocument) bySchema.set(schema, (byDocument = new WeakMap()));
    if (byDocument.has(document)) return byDocument.get(document) as Value;
    const value = compute(schema, document);
    byDocument.set(document, value);
    return value;
  };
}
