import { sqlLog, type Database } from '../../db/client';
import { mintToken, type Actor } from '../../schema/auth';
import { createApp, type App, type AppConfig } from '../../schema/yoga';
import { defaultBucketLimits, type BucketConfig } from '../../db/integrations/leaky-bucket';

export const TEST_JWT_SECRET = 'test-secret-for-vitest-only';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string } }[];
}

/** Buckets so large that suites on a frozen clock (which never refills them) are never throttled. */
const unthrottled = Object.fromEntries(
  Object.keys(defaultBucketLimits).map((role) => [role, { maximum: 1e12, restorePerSecond: 1 }]),
) as BucketConfig;

export function testApp(
  db: Database,
  options: Partial<Pick<AppConfig, 'now' | 'production' | 'renderGraphiQL' | 'delivery' | 'webhooks' | 'accountCacheMs' | 'logging' | 'rateLease'>> & { rateLimits?: Partial<BucketConfig>; publicLookupLimit?: { points: number; duration: number } } = {},
): App {
  return createApp({
    db,
    auth: { jwtSecret: TEST_JWT_SECRET },
    production: options.production ?? false,
    now: options.now,
    renderGraphiQL: options.renderGraphiQL,
    delivery: options.delivery,
    webhooks: options.webhooks,
    // Off unless a test reads the log (test/logs.test.ts): suites assert on refusals, which are logged.
    logging: options.logging ?? false,
    // Every request reads the account row: a deactivation or a role change shows at once.
    accountCacheMs: options.accountCacheMs ?? 0,
    // Every app instance takes a slice of a bucket (a tenth by default) and a test's instance never gives it back:
    // ten apps answering anonymous requests on one database (one address) drained the shared bucket, and the next
    // one's request was refused 429 (the audit's "not 200", seen under the full suites). Unthrottled buckets lease
    // a millionth (10^6 points, above any request's cost), so suites never drain them.
    rateLease: options.rateLease ?? (options.rateLimits ? undefined : { fraction: 1e-6 }),
    rateLimits: options.rateLimits ?? unthrottled,
    // suites look up many cases from one address
    publicLookupLimit: options.publicLookupLimit ?? { points: 1e9, duration: 60 },
  });
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

/**
 * Runs a request and returns the SQL statements it issued: `statements` are the data statements, `charges` the
 * rate limit's bucket syncs (db/integrations/rate-lease.ts: none while the instance's slice lasts and its copy of
 * the account row is fresh; the account row is read in the same statement when it is not, db/accounts/sign-in.ts;
 * for API keys the sync is folded into the key look-up, `with k as`, which counts among `statements`).
 */
export async function withSqlLog<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[]; charges: string[] }> {
  const all: string[] = [];
  const result = await sqlLog.run(all, run);
  const isCharge = (statement: string) => /^(insert into rate_buckets|with signed_in as)/.test(statement.trim());
  return { result, statements: all.filter((s) => !isCharge(s)), charges: all.filter(isCharge) };
}
