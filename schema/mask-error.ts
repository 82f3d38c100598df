import { GraphQLError, Kind, type FieldNode } from 'graphql';
import { isDataException, isDatabaseUnavailable } from '../db/faults';
import { InvalidTokenError } from './auth';
import { AppError, InputError } from '../db/errors';
import { IntegrationError } from '../db/integrations/errors';
import { graphQLErrorOf } from './integrations/errors';

/**
 * How each error reaches the client. A client's mistake gets a code that says what is wrong; `internal` is kept for
 * our own faults; a database outage is `service/unavailable` with HTTP 503 and Retry-After.
 *
 *   request/invalid-variables  variables of the wrong type, missing required (input) fields, unknown enum values
 *   input/invalid              a value we or the database refuse (bad dates, NULs, cursors, global ids), with `field`
 *   node/not-found             node(id)/nodes(ids): no such object, a malformed id, or one you may not see — one answer
 *   request/limit-exceeded     depth, breadth and complexity limits only
 *   service/unavailable        the database is out of reach; retry after `Retry-After` seconds
 *   auth/unauthenticated       HTTP 401 when the token is invalid or expired (a field needing sign-in: 200 with the error)
 */

/** Seconds a client should wait before retrying during a database outage. */
export const RETRY_AFTER_SECONDS = 5;

export type ErrorKind = 'client' | 'unavailable' | 'fault';

/** What the logger needs to know about a masked error: its kind, code, and the original for faults. */
export interface MaskedErrorRecord {
  kind: ErrorKind;
  code: string;
  original: unknown;
}
const records = new WeakMap<object, MaskedErrorRecord>();
export function maskedErrorRecord(error: unknown): MaskedErrorRecord | undefined {
  return error && typeof error === 'object' ? records.get(error) : undefined;
}

// graphql may be loaded twice (ESM and CJS builds), so GraphQLError is recognised by name, not instanceof.
function asGraphQLError(error: unknown): GraphQLError | undefined {
  return error instanceof Error && error.name === 'GraphQLError' ? (error as GraphQLError) : undefined;
}

const NOT_FOUND_MESSAGE = '对象不存在或无权查看';
export const UNAVAILABLE_MESSAGE = `服务暂时不可用（数据库无法访问），请 ${RETRY_AFTER_SECONDS} 秒后重试`;

function isNodeLookup(path: readonly (string | number)[] | undefined): boolean {
  if (!path) return false;
  return (path.length === 1 && (path[0] === 'node' || path[0] === 'nodes')) || (path.length === 2 && path[0] === 'nodes' && typeof path[1] === 'number');
}

/** The names of `after`/`before` arguments written on the field that failed (for a cursor error's `field`). */
function cursorArguments(error: GraphQLError | undefined): string | undefined {
  const node = error?.nodes?.[0] as FieldNode | undefined;
  if (node?.kind !== Kind.FIELD) return undefined;
  const names = (node.arguments ?? []).map((argument) => argument.name.value).filter((name) => name === 'after' || name === 'before');
  return names.length ? names.join(',') : undefined;
}

interface Classified {
  kind: ErrorKind;
  code: string;
  message: string;
  field?: string;
  http?: { status: number; headers?: Record<string, string> };
}

function classify(error: unknown, graphQLError: GraphQLError | undefined): Classified {
  const original = graphQLError?.originalError ?? error;
  const path = graphQLError?.path;
  const name = original instanceof Error ? original.name : '';
  const text = original instanceof Error ? original.message : '';

  if (isDatabaseUnavailable(original)) {
    return {
      kind: 'unavailable',
      code: 'service/unavailable',
      message: UNAVAILABLE_MESSAGE,
      http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
    };
  }

  // node(id)/nodes(ids): "does not exist", "malformed", "wrong type" and "you may not see it" are one answer.
  if (isNodeLookup(path)) {
    const hidden =
      // Not auth/forbidden: node-lookup.ts answers hidden objects itself; a refusal left here is the field's own
      // (an API key without the read scope), the same for every id, so it tells nothing and keeps its code.
      (original instanceof AppError && original.code.endsWith('/not-found')) ||
      name === 'PothosValidationError' ||
      (name === 'PothosSchemaError' && /has not been implemented/.test(text)) ||
      /^Model \w+\(.*\) not found$/s.test(text) ||
      isDataException(original);
    if (hidden) return { kind: 'client', code: 'node/not-found', message: NOT_FOUND_MESSAGE };
  }

  if (original instanceof AppError) {
    // A token that fails verification is an HTTP matter (RFC 6750): 401. A missing sign-in on one field is not.
    const unauthenticated = original instanceof InvalidTokenError;
    return {
      kind: 'client',
      code: original.code,
      message: original.message,
      field: original instanceof InputError ? original.issues.map((issue) => issue.path.join('.')).filter(Boolean).join(',') || undefined : undefined,
      http: unauthenticated ? { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } } : undefined,
    };
  }

  // Variable coercion (graphql-js): `Variable "$input" got invalid value … at "input.title"; <reason>`.
  const variable = graphQLError && !path ? /^Variable "\$([^"]+)"(?: got invalid value .*? at "([^"]+)")?/s.exec(graphQLError.message) : null;
  const inner = original !== graphQLError ? asGraphQLError(original) : undefined;
  if (variable) {
    const field = variable[2] ?? variable[1];
    // Our own scalars (Date, DateTime) refuse with input/invalid: keep it, naming the field.
    if (inner?.extensions?.code === 'input/invalid') return { kind: 'client', code: 'input/invalid', message: `${field}：${inner.message}`, field };
    return { kind: 'client', code: 'request/invalid-variables', message: `变量不合法：${graphQLError!.message}`, field };
  }
  if (inner?.extensions?.code) return { kind: 'client', code: String(inner.extensions.code), message: inner.message };

  if (name === 'PothosValidationError') {
    if (/maximum (?:depth|breadth|complexity)/.test(text)) return { kind: 'client', code: 'request/limit-exceeded', message: text };
    if (/cursor|serialized/i.test(text)) {
      return { kind: 'client', code: 'input/invalid', message: '分页游标无效，请使用列表返回的游标', field: cursorArguments(graphQLError) ?? 'after' };
    }
    if (/global ID|is not of type/i.test(text)) return { kind: 'client', code: 'input/invalid', message: `全局 ID 无效或类型不符：${text}` };
    return { kind: 'client', code: 'input/invalid', message: text };
  }
  if (name === 'PothosSchemaError' && /has not been implemented/.test(text)) {
    return { kind: 'client', code: 'input/invalid', message: '全局 ID 指向不存在的类型' };
  }
  if (isDataException(original)) {
    return { kind: 'client', code: 'input/invalid', message: '输入值无法保存：超出允许范围或含有不允许的字符' };
  }

  if (graphQLError && !graphQLError.originalError) {
    // Parse and validation errors from GraphQL itself are the request's fault and safe to show.
    const code = (graphQLError.extensions?.code as string | undefined) ?? 'request/invalid';
    const http = graphQLError.extensions?.http as (Classified['http'] & { spec?: boolean }) | undefined;
    // A body yoga could not read (invalid JSON) carries `originalError`, and yoga answers it 400 even to legacy
    // `application/json` clients; we drop that extension, so drop `spec` (the legacy 200) with it to keep the 400.
    const unreadableBody = graphQLError.extensions?.originalError !== undefined;
    return { kind: 'client', code, message: graphQLError.message, http: http && unreadableBody ? { status: http.status, headers: http.headers } : http };
  }
  return { kind: 'fault', code: 'internal', message: '服务器内部错误' };
}

/** yoga's `maskError`: known refusals keep their code and Chinese message; anything else is masked. */
export function maskError(error: unknown): Error {
  const graphQLError = asGraphQLError(error);
  const refusal = graphQLError?.originalError ?? error;
  if (refusal instanceof IntegrationError) {
    // Keys, external references, rate limits: their own extensions (retryAfterSeconds) and HTTP status.
    const masked = graphQLErrorOf(refusal, graphQLError);
    records.set(masked, { kind: 'client', code: refusal.code, original: refusal });
    return masked;
  }
  const classified = classify(error, graphQLError);
  // Only our own extensions go out: yoga's request parser puts the refused body into `extensions.originalError`.
  const extensions: Record<string, unknown> = { code: classified.code };
  if (classified.field) extensions.field = classified.field;
  if (classified.http) extensions.http = classified.http;
  const masked = new GraphQLError(classified.message, {
    nodes: classified.kind === 'fault' ? undefined : graphQLError?.nodes,
    path: graphQLError?.path,
    extensions,
  });
  records.set(masked, { kind: classified.kind, code: classified.code, original: graphQLError?.originalError ?? error });
  return masked;
}
