import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { streamResponse } from '../functions/stream';
import { wakeDispatcher } from '../functions/wake';
import type { App } from '../schema/yoga';
import { testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { registerCase } from './support/cases';

let db: Database;
let app: App;
let fx: Fixture;
beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { delivery: { catchUpMs: 200, keepAliveMs: 300 } });
  fx = await buildFixture(db);
});

describe('the Lambda streaming handler', () => {
  it('streams SSE through a function-URL event and ends the stream before the function times out', async () => {
    const c = await registerCase(app, fx, { receivedOn: '2026-06-01' });
    const query = encodeURIComponent(`subscription { caseUpdated(id: "${c.id}", after: "0:0") { sequence type } }`);
    const event = {
      rawPath: '/graphql',
      rawQueryString: `query=${query}`,
      headers: { accept: 'text/event-stream', authorization: `Bearer ${fx.tokens.countyLeader}` },
      requestContext: { domainName: 'stream.example', http: { method: 'GET' } },
    };
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk) => (text += chunk));
    let metadata: { statusCode: number; headers: Record<string, string> } | undefined;
    const started = Date.now();
    // 6.5 s left: the handler ends the stream 5 s before, after about 1.5 s
    await streamResponse(async () => app, event, out, 6500, (stream, m) => ((metadata = m), stream));
    expect(Date.now() - started).toBeLessThan(6000);
    expect(metadata).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/event-stream' } });
    expect(text).toContain('event: next\ndata: {"data":{"caseUpdated":{"sequence":1,"type":"case.registered"}}}');
    expect(text.startsWith(':\n\n')).toBe(true);
  });

  it('wakes the dispatcher only where a queue is configured', async () => {
    expect(await wakeDispatcher(undefined)).toBe(false);
  });
});
