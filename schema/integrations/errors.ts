import { GraphQLError } from 'graphql';
import { IntegrationError, RateLimitedError, type IntegrationErrorCode } from '../../db/integrations/errors';

export { RateLimitedError };


/** The HTTP status (and headers) each refusal answers with, so a client can tell them apart without reading JSON. */
export function httpOf(error: IntegrationError): { status: number; headers?: Record<string, string> } | undefined {
  if (error instanceof RateLimitedError) return { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } };
  const code: IntegrationErrorCode = error.code;
  if (code === 'auth/api-key-ip-denied') return { status: 403 };
  if (code.startsWith('auth/')) return { status: 401 };
  return undefined;
}

/** The GraphQL error a query (or a refusal before execution) carries for a domain refusal: code, HTTP status, retry hint. */
export function graphQLErrorOf(error: IntegrationError, at?: Pick<GraphQLError, 'nodes' | 'path'>): GraphQLError {
  const http = httpOf(error);
  return new GraphQLError(error.message, {
    nodes: at?.nodes,
    path: at?.path,
    extensions: {
      code: error.code,
      ...(error instanceof RateLimitedError ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      ...(http ? { http } : {}),
    },
  });
}
