/**
 * One load run, in its own process (so the load generator never shares an event loop with a
 * server): autocannon against one URL, printing a JSON summary on stdout.
 *   node bench/load.mjs '<json: {url, method, headers, body, connections, duration, expect}>'
 * A response counts as an error if its status is not 2xx or its body lacks `expect` (a string every
 * correct answer contains) or contains "errors" (a GraphQL error).
 */
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2]);
let bad = 0;
let badSample = null;

const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.duration,
  pipelining: 1,
  timeout: 30,
  requests: [
    {
      method: spec.method,
      headers: spec.headers,
      body: spec.body,
      onResponse: (status, body) => {
        const ok = status >= 200 && status < 300 && (!spec.expect || body.includes(spec.expect)) && !body.includes('"errors"');
        if (!ok) {
          bad += 1;
          badSample ??= `${status} ${String(body).slice(0, 300)}`;
        }
      },
    },
  ],
});

console.log(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    durationSeconds: result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    mean: result.latency.mean,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    badBodies: bad,
    badSample,
    bytesPerRequest: result.requests.total ? result.throughput.total / result.requests.total : 0,
  }),
);
