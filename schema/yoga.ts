import { createYoga, type GraphiQLOptions, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import type { Database } from '../db/client';
import { createTokenVerifier, type AuthConfig } from './auth';
import type { Context } from './context';
import { maskError } from './mask-error';
import { limitRequestBody, refuseNulCharacters } from './request-guards';
import { corsFor, securityHeaders } from './http-policy';
import { schema } from './index';
import { defaultBucketLimits, type BucketConfig } from '../db/integrations/leaky-bucket';
import { DEFAULT_LEASE, LeaseBook, type LeaseSettings } from '../db/integrations/rate-lease';
import { AccountCache, DEFAULT_ACCOUNT_CACHE_MS } from '../db/accounts/sign-in';
import { RowCache } from '../db/common/row-cache';
import type { AuthenticatedKey } from '../db/integrations/api-keys';
import { createPublicLookupLimit } from '../db/integrations/public-lookup-limit';
import { useCostLimits } from './integrations/cost-plugin';
import { authenticateRequest } from './integrations/request-auth';
import { OPEN311_PREFIX } from './open311/prefix';
import { createLogger, silentLogger, type Logger } from './logger';
import { requestLog } from './request-log';
import { isDatabaseUnavailable } from '../db/faults';
import { inputLimitsPlugin } from './input-limits';
import { EventWaker } from '../db/events/waker';
import { useSseKeepAlive } from './sse';
import type { WebhookConfig } from '../db/webhooks/service';

export interface AppConfig {
  db: Database;
  auth: AuthConfig;
  /** Production turns off GraphiQL, introspection and field suggestions. */
  production: boolean;
  /** Fixed clock for tests and operator replays. */
  now?: () => Date;
  graphqlEndpoint?: string;
  /**
   * The log (schema/logger.ts, request-log.ts): one line per error with the request id, never personal data.
   * Default (true): JSON lines in production, readable lines in development, on the console; false: none (tests
   * that assert on refusals); or a logger of the caller's (the entry points': LOG_LEVEL; tests: a sink to read).
   */
  logging?: boolean | Logger;
  /** Cost buckets per role (maximum points, restore rate per second); unset roles keep the defaults. */
  rateLimits?: Partial<BucketConfig>;
  /**
   * This instance's lease on the shared buckets (db/integrations/rate-lease.ts): the part of a bucket's maximum
   * one sync takes (default 0.1) and how long a slice is used (default 1000 ms; 0: every request syncs).
   */
  rateLease?: Partial<LeaseSettings>;
  /** caseStatus attempts per client address per window (seconds); default 10 per 60 s. */
  publicLookupLimit?: { points: number; duration: number };
  /**
   * GraphiQL's page with its assets inline (functions/graphiql.ts). Without it there is no GraphiQL: yoga's
   * default page loads its code from a public CDN, blank offline and on government intranets.
   */
  renderGraphiQL?: (options: GraphiQLOptions) => string;
  /**
   * Subscriptions: the process's NOTIFY listener (EventWaker.listen(handle)); without one they poll on the
   * catch-up timer. `keepAliveMs`: the SSE comment interval (default 20 s).
   */
  delivery?: { waker?: EventWaker; catchUpMs?: number; keepAliveMs?: number };
  /** Address ranges webhook endpoints may use besides public unicast (tests: loopback). */
  webhooks?: WebhookConfig;
  /** Browser origins allowed by CORS; default: any in development, none in production. */
  corsOrigins?: string[];
  /**
   * How long this instance trusts an account or API key row it read to authenticate a request (deactivation,
   * roles, unit; revocation, expiry, allow-list); default DEFAULT_ACCOUNT_CACHE_MS (5 s). A key revoked or an
   * account changed through this instance applies at once. Tests use 0: every request reads the row.
   */
  accountCacheMs?: number;
}

/** What an entry point passes beside the request: node:http gives `req`; the Lambda handler the event's source IP. */
export interface ServerContext {
  req?: { socket?: { remoteAddress?: string } };
  clientAddress?: string | null;
  /** The platform's id of this request (API Gateway's), used when the caller sent no usable X-Request-Id. */
  requestId?: string | null;
}

export const GRAPHIQL_DEFAULT_QUERY = `# 在下方 Headers 中填写 {"Authorization": "Bearer <令牌>"}（npm start 打印的开发令牌）
# Set the header {"Authorization": "Bearer <token>"} below (a development token printed by npm start).
{
  viewer { roles account { displayName unit { name } } }
}
`;

export type App = YogaServerInstance<ServerContext, Context>;

export function createApp(config: AppConfig): App {
  const verify = createTokenVerifier(config.auth);
  const now = config.now ?? (() => new Date());
  const leases = new LeaseBook({ ...DEFAULT_LEASE, ...config.rateLease }, now);
  const rowCacheMs = config.accountCacheMs ?? DEFAULT_ACCOUNT_CACHE_MS;
  const requestAuth = {
    db: config.db,
    schema,
    verifyBearer: verify,
    buckets: { ...defaultBucketLimits, ...config.rateLimits },
    leases,
    limitPublicLookup: createPublicLookupLimit(config.db, config.publicLookupLimit),
    accounts: new AccountCache(rowCacheMs, now),
    keys: new RowCache<AuthenticatedKey>(rowCacheMs, now),
  };
  // The Open311 handler (with its XML builder) loads on the first /open311/ request, not at every cold start.
  let open311: Promise<typeof import('./open311/handler') & { handle: ReturnType<typeof import('./open311/handler').createOpen311Handler> }> | undefined;
  const open311Of = () => (open311 ??= import('./open311/handler').then(
      (m) => ({ ...m, handle: m.createOpen311Handler({ ...requestAuth, now }) }),
      (error: unknown) => {
        open311 = undefined; // a failed load is tried again by the next request
        throw error;
      },
    ));
  const delivery = { waker: config.delivery?.waker ?? new EventWaker(), catchUpMs: config.delivery?.catchUpMs ?? 2000 };
  const corsOrigins = config.corsOrigins ?? (config.production ? [] : ['*']);
  const log = requestLog(loggerOf(config));
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: config.graphqlEndpoint ?? '/graphql',
    // The body's size is limited by limitRequestBody (schema/request-guards.ts), on its Content-Length.
    maxRequestBodySize: false,
    landingPage: false,
    // yoga's own logger prints every masked error whole (SQL parameters in drizzle's message): ours logs them.
    logging: false,
    graphiql: config.production || !config.renderGraphiQL ? false : { title: '信访 GraphQL API', defaultQuery: GRAPHIQL_DEFAULT_QUERY },
    renderGraphiQL: config.renderGraphiQL,
    maskedErrors: { maskError },
    cors: corsFor(corsOrigins),
    plugins: [
      log.plugin,
      securityHeaders({ corsOrigins, production: config.production }),
      maxAliasesPlugin({ n: 15, propagateOnRejection: true }),
      inputLimitsPlugin(),
      useCostLimits(schema, leases),
      {
        // Open311 GeoReport v2 beside /graphql: the same app, so the node server and the Lambda both serve it.
        async onRequest({ request, serverContext, endResponse }) {
          if (!new URL(request.url).pathname.startsWith(OPEN311_PREFIX)) return;
          const context = serverContext as ServerContext;
          const { handle, open311FailureResponse } = await open311Of();
          const response = await handle(request, context.clientAddress ?? context.req?.socket?.remoteAddress ?? null).catch((error: unknown) => {
            const unavailable = isDatabaseUnavailable(error);
            log.failure(request, error, new URL(request.url).pathname, unavailable ? 'unavailable' : 'fault');
            return open311FailureResponse(request, unavailable);
          });
          if (response) endResponse(response);
        },
      },
      useSseKeepAlive(config.delivery?.keepAliveMs ?? 20_000),
      refuseNulCharacters(),
      limitRequestBody(),
      ...(config.production ? [disableIntrospectionAndSuggestions()] : []),
    ],
    context: async ({ request, params, req, clientAddress }): Promise<Context> => {
      const address = clientAddress ?? req?.socket?.remoteAddress ?? null;
      const { actor, unitPath, integration } = await authenticateRequest(requestAuth, request, params, address, now());
      return {
        db: config.db,
        actor,
        unitPath,
        now,
        integration,
        delivery,
        webhooks: config.webhooks,
        // Read only by subscriptions: the fetch adapter builds an AbortSignal (and its DOMException) on first access.
        get signal() {
          return request.signal;
        },
      };
    },
  });
}

function loggerOf(config: AppConfig): Logger {
  if (config.logging === false) return silentLogger;
  if (config.logging === undefined || config.logging === true) return createLogger({ format: config.production ? 'json' : 'text' });
  return config.logging;
}

/** Production: no schema introspection and no "did you mean" hints that leak field names. */
function disableIntrospectionAndSuggestions() {
  return {
    onValidate({ addValidationRule }: { addValidationRule: (rule: any) => void }) {
      addValidationRule((context: any) => ({
        Field(node: any) {
          if (node.name.value === '__schema' || node.name.value === '__type') {
            context.reportError(new GraphQLError('生产环境不开放内省查询', { nodes: [node], extensions: { code: 'request/introspection-disabled' } }));
          }
        },
      }));
      return ({ result, setResult }: { result: readonly GraphQLError[]; setResult: (errors: GraphQLError[]) => void }) => {
        if (result.length) {
          setResult(result.map((error) => new GraphQLError(error.message.replace(/\s*Did you mean .*$/, ''), { nodes: error.nodes, extensions: error.extensions })));
        }
      };
    },
  };
}
