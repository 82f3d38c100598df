import { createYoga, type GraphiQLOptions, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import type { Database } from '../db/client';
import { createTokenVerifier, type AuthConfig } from './auth';
import type { Context } from './context';
import { AppError } from '../db/errors';
import { schema } from './index';
import { inputLimitsPlugin } from './input-limits';
import { unitPathOf } from '../db/units/service';
import { pageLimitPlugin } from './page-limits';
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
  /** yoga's request logging; tests turn it off (they assert on refusals, which yoga logs as errors). */
  logging?: boolean;
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
}

export const GRAPHIQL_DEFAULT_QUERY = `# 在下方 Headers 中填写 {"Authorization": "Bearer <令牌>"}（npm start 打印的开发令牌）
# Set the header {"Authorization": "Bearer <token>"} below (a development token printed by npm start).
{
  viewer { roles account { displayName unit { name } } }
}
`;

export type App = YogaServerInstance<Record<string, unknown>, Context>;

// graphql may be loaded twice (ESM and CJS builds), so GraphQLError is recognised by name, not instanceof.
function asGraphQLError(error: unknown): GraphQLError | undefined {
  return error instanceof Error && error.name === 'GraphQLError' ? (error as GraphQLError) : undefined;
}

/** Known refusals keep their code and Chinese message; anything else is masked. */
function maskError(error: unknown, message: string): Error {
  const graphQLError = asGraphQLError(error);
  const original = graphQLError?.originalError ?? error;
  if (original instanceof AppError) {
    return new GraphQLError(original.message, {
      nodes: graphQLError?.nodes,
      path: graphQLError?.path,
      extensions: { code: original.code },
    });
  }
  const originalGraphQLError = original !== graphQLError ? asGraphQLError(original) : undefined;
  if (originalGraphQLError?.extensions?.code) {
    // Our scalars reject bad values with a coded GraphQLError (input/invalid): keep it.
    return new GraphQLError(originalGraphQLError.message, { nodes: graphQLError?.nodes, path: graphQLError?.path, extensions: { code: originalGraphQLError.extensions.code } });
  }
  if (original instanceof Error && original.name === 'PothosValidationError') {
    // Depth/complexity limits and page-size caps: the caller's request is at fault, say why.
    return new GraphQLError(original.message, { nodes: graphQLError?.nodes, path: graphQLError?.path, extensions: { code: 'request/limit-exceeded' } });
  }
  if (graphQLError && !graphQLError.originalError) {
    // Parse/validation errors from GraphQL itself (and complexity limits) are safe to show.
    return new GraphQLError(graphQLError.message, {
      nodes: graphQLError.nodes,
      path: graphQLError.path,
      extensions: { ...graphQLError.extensions, code: (graphQLError.extensions?.code as string | undefined) ?? 'request/invalid' },
    });
  }
  return new GraphQLError(message, { path: graphQLError?.path, extensions: { code: 'internal' } });
}

export function createApp(config: AppConfig): App {
  const verify = createTokenVerifier(config.auth);
  const now = config.now ?? (() => new Date());
  const delivery = { waker: config.delivery?.waker ?? new EventWaker(), catchUpMs: config.delivery?.catchUpMs ?? 2000 };
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: config.graphqlEndpoint ?? '/graphql',
    landingPage: false,
    logging: config.logging ?? true,
    graphiql: config.production || !config.renderGraphiQL ? false : { title: '信访 GraphQL API', defaultQuery: GRAPHIQL_DEFAULT_QUERY },
    renderGraphiQL: config.renderGraphiQL,
    maskedErrors: { maskError, errorMessage: '服务器内部错误' },
    plugins: [
      maxAliasesPlugin({ n: 15, propagateOnRejection: true }),
      inputLimitsPlugin(),
      pageLimitPlugin(),
      useSseKeepAlive(config.delivery?.keepAliveMs ?? 20_000),
      ...(config.production ? [disableIntrospectionAndSuggestions()] : []),
    ],
    context: async ({ request }): Promise<Context> => {
      const actor = await verify(request.headers.get('authorization'));
      const unitPath = actor?.unitId ? await unitPathOf(config.db, actor.unitId) : null;
      return { db: config.db, actor, unitPath, now, delivery, webhooks: config.webhooks, signal: request.signal };
    },
  });
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
