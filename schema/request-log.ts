import { randomUUID } from 'node:crypto';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';
import { maskedErrorRecord, type ErrorKind } from './mask-error';
import { failureFields, type LogFields, type Logger, type LogLevel } from './logger';

/**
 * Every request has an id: the caller's `X-Request-Id` when it is a plain token, else a new one (or the platform's,
 * e.g. API Gateway's). Every response echoes it, and every log line of the request carries it, so a support call
 * quoting the header finds the line. Each error of a request is one line:
 *   - a client's mistake: info, its code and path/field only. Messages are not logged: they quote what was sent
 *     (graphql-js puts the refused variable value in its message, ours name the value that was wrong);
 *   - the database out of reach: warn, with the SQLSTATE or the network reason;
 *   - our own fault: error, the error's class, SQLSTATE, the statement's text (placeholders only), and its stack
 *     frames — never its message or `params` (db/faults.ts loggableFailure).
 */
export const REQUEST_ID_HEADER = 'x-request-id';
/** Long enough for a UUID, a W3C trace id or AWS's `Root=1-…`; no spaces, quotes or control characters. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:=@/+-]{1,128}$/;

export function requestIdOf(incoming: string | null | undefined, platform?: string | null): string {
  if (incoming && SANE_REQUEST_ID.test(incoming)) return incoming;
  if (platform && SANE_REQUEST_ID.test(platform)) return platform;
  return randomUUID();
}

const LEVELS: Record<ErrorKind, LogLevel> = { client: 'info', unavailable: 'warn', fault: 'error' };

/** What one error of a request logs: safe fields only (see above). */
function errorLogFields(error: GraphQLError): { level: LogLevel; fields: LogFields } {
  const record = maskedErrorRecord(error);
  // Errors yoga returns without masking (validation of the document) are the request's own.
  const kind: ErrorKind = record?.kind ?? (error.extensions?.unexpected ? 'fault' : 'client');
  const code = record?.code ?? String(error.extensions?.code ?? (kind === 'fault' ? 'internal' : 'request/invalid'));
  const field = error.extensions?.field;
  const fields: LogFields = { code, path: error.path?.join('.'), field: typeof field === 'string' ? field : undefined };
  if (kind === 'client') return { level: 'info', fields };
  return { level: LEVELS[kind], fields: { ...fields, ...failureFields(record?.original ?? error, kind === 'fault') } };
}

interface ResultLike {
  errors?: readonly GraphQLError[];
}

export interface RequestLog {
  plugin: Plugin<Record<string, unknown>, { requestId?: string | null }>;
  /** One line for a failure outside GraphQL execution (the Open311 route), with the request's id. */
  failure(request: Request, error: unknown, path: string, kind: 'unavailable' | 'fault'): void;
}

export function requestLog(logger: Logger): RequestLog {
  const ids = new WeakMap<Request, string>();
  const write = (requestId: string | undefined, level: LogLevel, fields: LogFields) => logger.log(level, undefined, { requestId, ...fields });
  const logResult = (requestId: string | undefined, result: unknown) => {
    for (const error of (result as ResultLike | null)?.errors ?? []) {
      const { level, fields } = errorLogFields(error);
      write(requestId, level, fields);
    }
  };
  return {
    failure(request, error, path, kind) {
      write(ids.get(request), LEVELS[kind], { code: kind === 'fault' ? 'internal' : 'service/unavailable', path, ...failureFields(error, kind === 'fault') });
    },
    plugin: {
      onRequest({ request, serverContext }) {
        ids.set(request, requestIdOf(request.headers.get(REQUEST_ID_HEADER), serverContext?.requestId));
      },
      onResultProcess({ request, result, setResult }) {
        const requestId = ids.get(request);
        if (isAsyncIterable(result)) {
          // Subscriptions: each event that carries errors, as it is sent.
          setResult(mapAsyncIterator(result, (value) => (logResult(requestId, value), value)));
        } else for (const single of Array.isArray(result) ? result : [result]) logResult(requestId, single);
      },
      onResponse({ request, response }) {
        let id = ids.get(request);
        if (!id) ids.set(request, (id = requestIdOf(request.headers.get(REQUEST_ID_HEADER))));
        response.headers.set('X-Request-Id', id);
      },
    },
  };
}
