/**
 * Cold start probe: a fresh Node process imports a Lambda bundle, sends one API Gateway v2
 * event through its `handler` and prints, as JSON, the time since the process started
 * (performance.now() counts from the process's time origin) and the answer.
 *   node bench/cold/probe.mjs <bundle.mjs>
 */
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
const imported = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const loaded = performance.now();
const result = await handler({
  rawPath: '/graphql',
  rawQueryString: '',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify({ query: '{ __typename }' }),
  isBase64Encoded: false,
  requestContext: { domainName: 'cold.example', http: { method: 'POST' } },
});
const answered = performance.now();
console.log(JSON.stringify({ startMs: imported, loadMs: loaded - imported, firstAnswerMs: answered, statusCode: result.statusCode, body: result.body }));
process.exit(0);
