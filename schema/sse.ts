import { isAsyncIterable, type Plugin } from 'graphql-yoga';

type OnResultProcess = NonNullable<Plugin['onResultProcess']>;
type ResultProcessor = Parameters<Parameters<OnResultProcess>[0]['setResultProcessor']>[0];

/**
 * Subscriptions over Server-Sent Events ("distinct connections" mode of the GraphQL over SSE protocol, which the
 * graphql-sse client and a plain EventSource speak), with a keep-alive comment every `keepAliveMs` so proxies and
 * load balancers keep an idle stream open. yoga's own processor pings every 12 s, not configurable; this one is
 * the same protocol with our interval (15–30 s is what proxies need; tests pass less).
 */
export function useSseKeepAlive(keepAliveMs: number): Plugin {
  const processor: ResultProcessor = (result, fetchAPI) => {
    const encoder = new fetchAPI.TextEncoder();
    let iterator: AsyncIterator<unknown> | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    const stream = new fetchAPI.ReadableStream({
      start(controller: ReadableStreamDefaultController<Uint8Array>) {
        controller.enqueue(encoder.encode(':\n\n')); // flush headers at once
        timer = setInterval(() => {
          if (controller.desiredSize === null) clearInterval(timer);
          else if (controller.desiredSize > 0) controller.enqueue(encoder.encode(':\n\n'));
        }, keepAliveMs);
        iterator = isAsyncIterable(result) ? result[Symbol.asyncIterator]() : single(result);
      },
      async pull(controller: ReadableStreamDefaultController<Uint8Array>) {
        try {
          const next = await iterator!.next();
          if (next.value != null) controller.enqueue(encoder.encode(`event: next\ndata: ${stringify(next.value)}\n\n`));
          if (next.done) {
            controller.enqueue(encoder.encode('event: complete\ndata:\n\n'));
            clearInterval(timer);
            controller.close();
          }
        } catch (error) {
          clearInterval(timer);
          controller.error(error);
        }
      },
      async cancel(reason: unknown) {
        clearInterval(timer);
        await iterator?.return?.(reason);
      },
    });
    return new fetchAPI.Response(stream, {
      status: 200,
      headers: { 'content-type': 'text/event-stream', connection: 'keep-alive', 'cache-control': 'no-cache', 'content-encoding': 'none' },
    });
  };
  return {
    onResultProcess({ request, result, setResultProcessor }) {
      if (isAsyncIterable(result) && (request.headers.get('accept') ?? '').includes('text/event-stream')) {
        setResultProcessor(processor, 'text/event-stream');
      }
    },
  };
}

function single(value: unknown): AsyncIterator<unknown> {
  let done = false;
  return {
    next: async () => {
      if (done) return { done: true, value: undefined };
      done = true;
      return { done: false, value };
    },
  };
}

/** The execution result without yoga's internal extensions (HTTP status hints). */
function stringify(value: unknown): string {
  const result = value as { extensions?: Record<string, unknown> };
  if (result.extensions && 'http' in result.extensions) {
    const { http: _http, ...extensions } = result.extensions;
    return JSON.stringify({ ...result, extensions: Object.keys(extensions).length ? extensions : undefined });
  }
  return JSON.stringify(value);
}
