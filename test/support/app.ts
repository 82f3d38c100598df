import { sqlLog, type Database } from '../../db/client';
import { mintToken, type Actor } from '../../schema/auth';
import { createApp, type App, type AppConfig } from '../../schema/yoga';

export const TEST_JWT_SECRET = 'test-secret-for-vitest-only';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string } }[];
}

export function testApp(db: Database, options: Partial<Pick<AppConfig, 'now' | 'production' | 'renderGraphiQL' | 'delivery' | 'webhooks'>> = {}): App {
  return createApp({ db, auth: { jwtSecret: TEST_JWT_SECRET }, production: options.production ?? false, now: options.now, renderGraphiQL: options.renderGraphiQL, logging: false, delivery: options.delivery, webhooks: options.webhooks });
}

export function tokenFor(actor: Actor): Promise<string> {
  return mintToken(TEST_JWT_SECRET, actor, '1h');
}

/** Sends one GraphQL request through yoga.fetch (real HTTP semantics, in process). */
export async function gql<T = any>(
  app: App,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  const response = await app.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Runs a request and returns the SQL statements it issued. */
export async function withSqlLog<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const result = await sqlLog.run(statements, run);
  return { result, statements };
}
