import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandler, type HttpEventV2 } from '../functions/graphql';
import type { App } from '../schema/yoga';
import { testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { registerCase } from './support/cases';

const recorded = JSON.parse(readFileSync(new URL('./fixtures/function-url-v2-event.json', import.meta.url), 'utf8')) as HttpEventV2;

let app: App;
let fx: Fixture;
beforeAll(async () => {
  const { db } = await testDatabase();
  app = testApp(db, { now: () => new Date('2026-06-10T02:00:00Z') });
  fx = await buildFixture(db);
});

describe('the Lambda handler (function URL / API Gateway v2 events)', () => {
  it('answers the recorded POST event, base64 body and all', async () => {
    const c = await registerCase(app, fx, { receivedOn: '2026-06-09' });
    const body = Buffer.from(recorded.body!, 'base64').toString('utf8').replace('NUMBER', c.number).replace('CODE', c.queryCode);
    const handler = createHandler(() => app);
    const result = await handler({ ...recorded, body: Buffer.from(body).toString('base64') });
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/json/);
    const answer = JSON.parse(result.body);
    expect(answer.data).toEqual({ caseStatus: { number: c.number, status: 'REGISTERED' } });
    // caseStatus and its two fields, charged to the caller's address
    expect(answer.extensions.cost).toMatchObject({ requestedQueryCost: 3, actualQueryCost: 3 });
  });

  it('frames the body by its own length: a chunked client upload is served, a body over 25 MB refused 413', async () => {
    const handler = createHandler(() => app);
    const event = (body: string, headers: Record<string, string>) => ({ ...recorded, isBase64Encoded: false, body, headers: { ...recorded.headers, ...headers } });
    const small = JSON.stringify({ query: '{ __typename }' });
    const chunked = await handler(event(small, { 'transfer-encoding': 'chunked', 'content-length': '1' }));
    expect(chunked.statusCode).toBe(200);
    expect(JSON.parse(chunked.body).data).toEqual({ __typename: 'Query' });
    // A client claiming a small body does not get a large one past the limit.
    const large = await handler(event(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(25_000_000) } }), { 'content-length': '10' }));
    expect(large.statusCode).toBe(413);
    expect(JSON.parse(large.body).errors[0].extensions.code).toBe('request/too-large');
  });

  it('answers a GET query from the raw query string and passes the bearer token', async () => {
    const query = encodeURIComponent('{ viewer { roles } }');
    const result = await createHandler(() => app)({
      ...recorded,
      body: undefined,
      isBase64Encoded: false,
      rawQueryString: `query=${query}`,
      headers: { ...recorded.headers, authorization: `Bearer ${fx.tokens.officeStaff}`, 'content-type': undefined },
      requestContext: { ...recorded.requestContext, http: { method: 'GET' } },
    });
    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body);
    expect(body.data).toEqual({ viewer: { roles: ['STAFF'] } });
    expect(body.extensions.cost.requestedQueryCost).toBe(2);
  });

  it('returns a 401-style GraphQL error for a forged token', async () => {
    const result = await createHandler(() => app)({ ...recorded, headers: { ...recorded.headers, authorization: 'Bearer not-a-token' } });
    const parsed = JSON.parse(result.body);
    expect(parsed.errors[0].extensions.code).toBe('auth/unauthenticated');
  });
});
