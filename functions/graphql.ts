import { readConfig } from './config';
import { databaseReports, runtimeLogger } from './log';
import type { Logger } from '../schema/logger';
import { openLambdaDatabase } from './lambda-database';
import { createApp, type App, type ServerContext } from '../schema/yoga';
import { wakeDispatcher } from './wake';

/** The parts of an API Gateway HTTP API (payload 2.0) / Lambda function URL event we read. */
export interface HttpEventV2 {
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { domainName: string; requestId?: string; http: { method: string; sourceIp?: string } };
}

export interface HttpResultV2 {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

// One yoga instance per warm Lambda container; migrations run at deploy time, not here.
let app: App | undefined;
let wakeQueueUrl: string | undefined;
let logger: Logger | undefined;
function getApp(): App {
  if (!app) {
    const config = readConfig();
    wakeQueueUrl = config.webhookWakeQueueUrl;
    logger = runtimeLogger(config);
    const database = openLambdaDatabase(config, databaseReports(logger).onIdleError);
    app = createApp({ db: database.db, auth: config.auth, production: config.production, rateLimits: config.rateLimits, rateLease: config.rateLease, corsOrigins: config.corsOrigins, logging: logger });
  }
  return app;
}

export const handler = createHandler(getApp);

/** Adapts an API Gateway v2 / function URL event to the yoga app and back. */
export function createHandler(appOf: () => App) {
  return (event: HttpEventV2) => respond(appOf(), event);
}

/** The fetch Request an API Gateway v2 / function URL event stands for (also used by functions/stream.ts). */
export function requestOf(event: HttpEventV2, signal?: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value === undefined) continue;
    // A value no HTTP header may hold (a newline, NUL): dropped, as a server would refuse it, not a crashed invocation.
    try {
      headers.set(name, value);
    } catch {}
  }
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const method = event.requestContext.http.method;
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const body =
    event.body === undefined || method === 'GET' || method === 'HEAD'
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64')
        : event.body;
  if (body !== undefined) {
    // The body arrives whole: framed by its own length, whatever the client's framing was (chunked, or a wrong
    // Content-Length), so the body-size limit (schema/request-guards.ts) reads the true size.
    headers.delete('transfer-encoding');
    headers.set('content-length', String(Buffer.byteLength(body)));
  }
  return new Request(`https://${event.requestContext.domainName}${event.rawPath}${query}`, { method, headers, body, signal });
}

/** The client address (API-key allow-lists, per-address limits) is the one AWS saw, never a header; its request id the fallback for ours. */
export function serverContextOf(event: HttpEventV2): ServerContext {
  return { clientAddress: event.requestContext.http.sourceIp ?? null, requestId: event.requestContext.requestId ?? null };
}

async function respond(app: App, event: HttpEventV2): Promise<HttpResultV2> {
  const response = await app.fetch(requestOf(event), serverContextOf(event));
  // A mutation may have written events: wake the webhook dispatcher (functions/wake.ts; a no-op outside AWS).
  if (event.requestContext.http.method === 'POST' && event.body?.includes('mutation')) await wakeDispatcher(wakeQueueUrl, undefined, logger);
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name.toLowerCase() !== 'set-cookie') responseHeaders[name.toLowerCase()] = value;
  });
  const cookies = response.headers.getSetCookie();
  return {
    statusCode: response.status,
    headers: responseHeaders,
    ...(cookies.length ? { cookies } : {}),
    body: await response.text(),
    isBase64Encoded: false,
  };
}
