import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, and no field of ours has a use for it: a NUL anywhere in the
 * request's values is refused up front as `input/invalid`, naming the field, before any resolver or SQL runs.
 */
const NUL = '\u0000';

/** Path (`input.title`, `filter.text`, `ids.1`) of the first string holding a NUL in a variables value. */
function nulInValue(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulInValue(value[i], `${path}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulInValue(item, path ? `${path}.${key}` : key);
      if (found) return found;
      if (key.includes(NUL)) return path ? `${path}.${key}` : key;
    }
  }
  return undefined;
}

/** Documents already searched (yoga hands the same parsed document to every request with the same text). */
const searched = new WeakMap<DocumentNode, { field: string; node: ASTNode } | null>();

/** Argument path of the first inline string literal holding a NUL (`filter.text`): searched once per document. */
function nulInDocument(document: DocumentNode): { field: string; node: ASTNode } | undefined {
  const known = searched.get(document);
  if (known !== undefined) return known ?? undefined;
  const found = searchDocument(document);
  searched.set(document, found ?? null);
  return found;
}

function searchDocument(document: DocumentNode): { field: string; node: ASTNode } | undefined {
  let found: { field: string; node: ASTNode } | undefined;
  const names: string[] = [];
  visit(document, {
    Argument: { enter: (node) => void names.push(node.name.value), leave: () => void names.pop() },
    ObjectField: { enter: (node) => void names.push(node.name.value), leave: () => void names.pop() },
    StringValue(node) {
      if (!found && node.value.includes(NUL)) found = { field: names.join('.') || '(query)', node };
    },
  });
  return found;
}

function refusal(field: string, nodes?: ASTNode[]) {
  return new GraphQLError(`${field}：不能包含空字符（U+0000）`, { nodes, extensions: { code: 'input/invalid', field } });
}

export function refuseNulCharacters(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const inDocument = nulInDocument(args.document);
      if (inDocument) return setResultAndStopExecution({ errors: [refusal(inDocument.field, [inDocument.node])] });
      const inVariables = nulInValue(args.variableValues ?? {}, '');
      if (inVariables) setResultAndStopExecution({ errors: [refusal(inVariables)] });
    },
  };
}

/** yoga's own default, kept: the largest request body accepted. */
export const MAX_REQUEST_BODY_BYTES = 25_000_000;

function bodyRefusal(message: string, code: string, status: number) {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

/**
 * The request body's size, decided by its Content-Length before the body is read. yoga's own limit
 * (`maxRequestBodySize`, off in schema/yoga.ts) piped every body through a TransformStream into a new Request and
 * aborted that pipeline's controller at the end, building a DOMException: ~6% of a case-by-id request's busy CPU
 * (bench/cpu.ts profile). The header is as good as the stream count here: Node's HTTP parser ends a body at its
 * Content-Length, and the Lambda handler sets it from the body it got whole (functions/graphql.ts). A body without
 * one (chunked) is refused with 411, which every GraphQL client's fetch or HTTP library avoids by sending the length.
 */
export function limitRequestBody(limit = MAX_REQUEST_BODY_BYTES): Plugin {
  return {
    onRequestParse({ request }) {
      const length = request.headers.get('content-length');
      if (length === null) {
        if (request.method !== 'GET' && request.method !== 'HEAD' && request.headers.has('transfer-encoding')) {
          throw bodyRefusal('请求须带 Content-Length（不接受分块传输的请求体）', 'request/length-required', 411);
        }
        return;
      }
      // One non-negative integer: anything else (a list, as in request smuggling) is refused, as yoga refused it.
      if (!/^\d+$/.test(length)) throw bodyRefusal('Content-Length 无效', 'request/invalid', 400);
      if (Number(length) > limit) throw bodyRefusal(`请求体过大：最多 ${limit} 字节`, 'request/too-large', 413);
    },
  };
}
