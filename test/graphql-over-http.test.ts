import { beforeAll, describe, expect, it } from 'vitest';
import { auditServer } from 'graphql-http';
import type { Database } from '../db/client';
import { testApp } from './support/app';
import { testDatabase } from './support/database';

/**
 * The GraphQL-over-HTTP audit (graphql-http's own server audits) against the app through yoga.fetch, in development
 * and production mode: every MUST, SHOULD and MAY passes (in production, all but the four that introspect). Error handling changes (401 for bad tokens, 400 for unreadable
 * bodies, masked extensions) must keep it that way.
 */
let db: Database;
beforeAll(async () => {
  db = (await testDatabase()).db;
});

describe('GraphQL over HTTP', () => {
  for (const production of [false, true]) {
    it(`passes every audit (${production ? 'production' : 'development'})`, async () => {
      const app = testApp(db, { production });
      // The first unexpected answer, whole, so a failure says what the server answered rather than only "not 200".
      let unexpected: string | undefined;
      const fetchFn = async (input: string, init: RequestInit = {}) => {
        const response = await app.fetch(input, init);
        if (response.status >= 500 && unexpected === undefined) unexpected = `${response.status} ${await response.clone().text()}`;
        return response;
      };
      const results = await auditServer({ url: 'http://audit/graphql', fetchFn: fetchFn as unknown as typeof fetch });
      // These four send `{ __type(name: $id) }`: production refuses introspection, on purpose.
      const introspecting = production ? ['2EA1', '28B9', 'D6D5', '6A70'] : [];
      const failed = results.filter((result) => result.status !== 'ok' && !introspecting.includes(result.id)).map((result) => `${result.id} ${result.name}: ${result.status === 'ok' ? '' : result.reason}`);
      expect(failed, unexpected).toEqual([]);
      for (const id of introspecting) expect(results.find((result) => result.id === id)?.status).not.toBe('ok');
      expect(results.length).toBeGreaterThan(40);
    });
  }
});
