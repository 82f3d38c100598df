import { readConfig } from './config';
import { databaseReports, runtimeLogger } from './log';
import { openLambdaDatabase } from './lambda-database';
import { EventWaker } from '../db/events/waker';
import { createApp, type App } from '../schema/yoga';
import { requestOf, serverContextOf, type HttpEventV2 } from './graphql';

/**
 * Subscriptions in Lambda: a function URL with response streaming (infra/delivery.ts) serving the same yoga app,
 * so SSE flows as events commit (LISTEN through the Neon driver, catch-up timer as everywhere). A stream lasts at
 * most the function timeout (15 minutes): it is ended a little before, and clients resume with their last cursor.
 */
interface ResponseStream extends NodeJS.WritableStream {
  setContentType?(type: string): void;
}
declare const awslambda: {
  streamifyResponse(handler: (event: HttpEventV2, stream: ResponseStream, context: { getRemainingTimeInMillis(): number }) => Promise<void>): unknown;
  HttpResponseStream: { from(stream: ResponseStream, metadata: { statusCode: number; headers: Record<string, string> }): ResponseStream };
};

let app: Promise<App> | undefined;
async function openApp(): Promise<App> {
  const config = readConfig();
  const logger = runtimeLogger(config);
  const database = openLambdaDatabase(config, databaseReports(logger).onIdleError);
  const waker = await EventWaker.listen(database);
  return createApp({
    db: database.db,
    auth: config.auth,
    production: config.production,
    rateLimits: config.rateLimits,
    rateLease: config.rateLease,
    corsOrigins: config.corsOrigins,
    logging: logger,
    delivery: { waker, catchUpMs: config.delivery.catchUpMs, keepAliveMs: config.delivery.keepAliveMs },
    webhooks: { allowedRanges: config.delivery.webhookAllowedRanges },
  });
}

/** Streams one request's response; exported apart from `awslambda` so tests can drive it. */
export async function streamResponse(appOf: () => Promise<App>, event: HttpEventV2, stream: ResponseStream, remainingMs: number, wrap = (s: ResponseStream, m: { statusCode: number; headers: Record<string, string> }) => s) {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), Math.max(remainingMs - 5000, 1000));
  try {
    const response = await (await appOf()).fetch(requestOf(event, stop.signal), serverContextOf(event));
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const out = wrap(stream, { statusCode: response.status, headers });
    if (!response.body) return void out.end();
    // yoga's body is a web stream of its own (not Node's ReadableStream class): read it chunk by chunk
    const reader = response.body.getReader();
    stop.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done || !value) break;
      if (!out.write(value)) await new Promise((resolve) => out.once('drain', resolve));
    }
    out.end();
  } finally {
    clearTimeout(timer);
  }
}

export const handler =
  typeof awslambda === 'undefined'
    ? undefined
    : awslambda.streamifyResponse((event, stream, context) =>
        streamResponse(() => (app ??= openApp()), event, stream, context.getRemainingTimeInMillis(), (s, m) => awslambda.HttpResponseStream.from(s, m)),
      );
