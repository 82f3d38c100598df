import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { DEVELOPMENT_JWT_SECRET, readConfig } from '../functions/config';
import { createApp } from '../schema/yoga';
import { TEST_JWT_SECRET, testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';

// Issue 8, items 3 and 6: secrets and tokens production must refuse, and what every HTTP answer carries.
let db: Database;
let fx: Fixture;
beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
});

const post = (app: ReturnType<typeof testApp>, body: string, headers: Record<string, string> = {}) =>
  app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('production secrets', () => {
  const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@db.example/x' };
  it('refuses to start with the development secret or a short secret', () => {
    expect(() => readConfig({ ...production, JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(/development secret/);
    expect(() => readConfig({ ...production, JWT_SECRET: 'x'.repeat(31) })).toThrow(/shorter than 32 bytes/);
    expect(() => readConfig({ ...production })).toThrow(/JWT_JWKS_URL .* or JWT_SECRET/);
    expect(readConfig({ ...production, JWT_SECRET: 'k'.repeat(32) }).auth.jwtSecret).toBe('k'.repeat(32));
    expect(readConfig({ ...production, JWT_JWKS_URL: 'https://idp.example/jwks' }).auth.jwksUrl).toBe('https://idp.example/jwks');
    // development keeps its published secret
    expect(readConfig({ NODE_ENV: 'development' }).auth.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
  });
});

describe('tokens', () => {
  const sign = (claims: { iat?: number; exp?: number }) => {
    const actor = fx.actors.officeStaff;
    let jwt = new SignJWT({ roles: actor.roles, unit: actor.unitId }).setProtectedHeader({ alg: 'HS256' }).setSubject(actor.accountId);
    if (claims.iat !== undefined) jwt = jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
    return jwt.sign(new TextEncoder().encode(TEST_JWT_SECRET));
  };
  const seconds = () => Math.floor(Date.now() / 1000);

  it('refuses tokens without exp, issued in the future, longer-lived than a day, or expired — HTTP 401', async () => {
    const app = testApp(db);
    const cases: [string, Promise<string>, string][] = [
      ['no exp', sign({ iat: seconds() }), '令牌缺少过期时间（exp）'],
      ['iat in the future', sign({ iat: seconds() + 3600, exp: seconds() + 7200 }), '令牌签发时间（iat）晚于当前时间'],
      ['30 days', sign({ iat: seconds(), exp: seconds() + 30 * 86400 }), '令牌有效期超过上限（86400 秒）'],
      ['no iat, 2 days left', sign({ exp: seconds() + 2 * 86400 }), '令牌有效期超过上限（86400 秒）'],
      ['expired', sign({ iat: seconds() - 7200, exp: seconds() - 3600 }), '令牌无效或已过期'],
      ['garbage', Promise.resolve('not.a.token'), '令牌无效或已过期'],
    ];
    for (const [name, token, message] of cases) {
      const response = await post(app, JSON.stringify({ query: '{ viewer { roles } }' }), { authorization: `Bearer ${await token}` });
      expect(response.status, name).toBe(401);
      expect(response.headers.get('www-authenticate'), name).toBe('Bearer error="invalid_token"');
      expect(await response.json(), name).toEqual({ errors: [{ message, extensions: { code: 'auth/unauthenticated' } }] });
    }
    const fine = await post(app, JSON.stringify({ query: '{ viewer { roles } }' }), { authorization: `Bearer ${await sign({ iat: seconds(), exp: seconds() + 3600 })}` });
    expect(fine.status).toBe(200);
    const answer = await fine.json();
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ viewer: { roles: ['STAFF'] } });
  });

  it('answers a field that needs sign-in, asked anonymously, with 200 and the error beside the data', async () => {
    const response = await post(testApp(db), JSON.stringify({ query: '{ viewer { roles } cases(first: 1) { totalCount } }' }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('auth/unauthenticated');
  });
});

describe('HTTP hygiene', () => {
  it('does not echo a malformed JSON body, in development or production', async () => {
    for (const production of [false, true]) {
      const response = await post(testApp(db, { production }), '{"query": "{ viewer { roles } } 110101195001102421');
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).not.toContain('110101195001102421');
      expect(JSON.parse(text)).toEqual({ errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    }
  });

  it('allows configured origins only; none by default in production; never with credentials', async () => {
    const preflight = (app: ReturnType<typeof testApp>, origin: string) =>
      app.fetch('http://test/graphql', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const configured = createApp({ db, auth: { jwtSecret: TEST_JWT_SECRET }, production: true, logging: false, corsOrigins: ['https://xinfang.example.gov.cn'] });
    const allowed = await preflight(configured, 'https://xinfang.example.gov.cn');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://xinfang.example.gov.cn');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await preflight(configured, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const byDefault = testApp(db, { production: true });
    expect((await preflight(byDefault, 'https://xinfang.example.gov.cn')).headers.get('access-control-allow-origin')).toBeNull();
    expect(readConfig({ NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(32) }).corsOrigins).toEqual([]);
    expect(readConfig({ NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(32), CORS_ORIGINS: 'https://a.example, https://b.example' }).corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('sends the usual security headers, and HSTS in production', async () => {
    const response = await post(testApp(db, { production: true }), JSON.stringify({ query: '{ __typename }' }));
    expect(Object.fromEntries([...response.headers].map(([name, value]) => [name.toLowerCase(), value]).filter(([name]) => name !== 'content-length'))).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-resource-policy': 'same-origin',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      // every response names its request (test/logs.test.ts)
      'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});

describe('request body size (on a real HTTP server)', () => {
  /** A raw POST: the headers as given, `sent` bytes of body, the status and JSON the server answers with. */
  async function rawPost(url: string, headers: Record<string, string | number>, sent: string) {
    const { request } = await import('node:http');
    return new Promise<{ status: number; json: any }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : null }));
      });
      req.on('error', reject);
      req.write(sent);
      // A body announced larger than the limit is answered before it is sent; the rest never goes.
      if (!('content-length' in headers) || Number(headers['content-length']) === Buffer.byteLength(sent)) req.end();
    });
  }

  it('answers 413 to a body announced over 25 MB before reading it, 411 to a chunked one, and serves the usual one', async () => {
    const { startServer } = await import('./support/server');
    const server = await startServer(testApp(db));
    try {
      const query = JSON.stringify({ query: '{ __typename }' });
      const ok = await rawPost(server.url, { 'content-length': Buffer.byteLength(query) }, query);
      expect(ok).toMatchObject({ status: 200, json: { data: { __typename: 'Query' } } });
      const large = await rawPost(server.url, { 'content-length': 25_000_001 }, query);
      expect(large.status).toBe(413);
      expect(large.json.errors[0]).toMatchObject({ message: expect.stringContaining('请求体过大'), extensions: { code: 'request/too-large' } });
      const chunked = await rawPost(server.url, { 'transfer-encoding': 'chunked' }, query);
      expect(chunked.status).toBe(411);
      expect(chunked.json.errors[0].extensions.code).toBe('request/length-required');
    } finally {
      await server.close();
    }
  });
});
