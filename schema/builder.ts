import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { getNamedType, isListType, isNonNullType, type GraphQLField } from 'graphql';
import { relations } from '../db/relations';
import { MAX_PAGE_SIZE } from './page-limits';
import { canSeePetitioner, viewerOf } from '../db/cases/service';
import type { Role } from './auth';
import type { Context } from './context';
import { AppError, ForbiddenError } from '../db/errors';
import type { ApiKeyScope } from '../db/integrations/vocabulary';

export interface SchemaTypes {
  Context: Context;
  DrizzleRelations: typeof relations;
  AuthScopes: {
    /** Any signed-in account. */
    authenticated: boolean;
    /** The account holds one of these roles. */
    role: Role | Role[];
    /** Staff-like accounts bound to a unit (STAFF, LEADER, SUPERVISOR, ADMIN, INTEGRATOR). */
    unitMember: boolean;
    /** A person (JWT or anonymous), not an API key. Query and Mutation require it unless a field admits keys. */
    person: boolean;
    /** Held by every person; an API key only when issued with this scope. */
    apiKeyScope: ApiKeyScope;
    /** The petitioner with this id may be looked up directly (db/cases/service.ts canSeePetitioner). */
    petitionerVisible: string;
  };
  Scalars: {
    ID: { Input: string; Output: string | number };
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}

/** Default page of a connection asked for without first/last (plugin-drizzle's defaultConnectionSize). */
export const DEFAULT_CONNECTION_SIZE = 20;

function connectionAwareComplexity(args: Record<string, unknown>, _ctx: Context, field: GraphQLField<unknown, Context, Record<string, unknown>>) {
  const named = getNamedType(field.type).name;
  const takes = (name: string) => field.args.some((arg) => arg.name === name);
  if (named.endsWith('Connection') && (takes('first') || takes('last'))) {
    return { field: 1, multiplier: Number(args.first ?? args.last ?? DEFAULT_CONNECTION_SIZE) };
  }
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  if (!isListType(type)) return 1;
  if (takes('ids')) return { field: 1, multiplier: Array.isArray(args.ids) ? args.ids.length : 10 };
  // a connection's own edges/nodes: already weighed by its first/last
  if ((field.name === 'edges' && named.endsWith('Edge')) || (field.name === 'nodes' && field.args.length === 0)) return { field: 1, multiplier: 1 };
  return { field: 1, multiplier: 10 };
}

const unitRoles: Role[] = ['STAFF', 'LEADER', 'SUPERVISOR', 'ADMIN', 'INTEGRATOR'];

export const builder = new SchemaBuilder<SchemaTypes>({
  // errors outermost, so refusals from scope-auth become typed mutation results too
  plugins: [ErrorsPlugin, ScopeAuthPlugin, RelayPlugin, ComplexityPlugin, DrizzlePlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: ctx.actor !== null,
      role: (wanted) => {
        const list = Array.isArray(wanted) ? wanted : [wanted];
        return ctx.actor?.roles.some((held) => list.includes(held)) ?? false;
      },
      unitMember: ctx.actor !== null && ctx.unitPath !== null && ctx.actor.roles.some((held) => unitRoles.includes(held)),
      person: !ctx.actor?.apiKey,
      apiKeyScope: (scope) => !ctx.actor?.apiKey || ctx.actor.apiKey.scopes.includes(scope),
      petitionerVisible: (petitionerId) => canSeePetitioner(ctx.db, viewerOf(ctx), petitionerId),
    }),
    unauthorizedError: (_parent, context) =>
      context.actor
        ? new ForbiddenError()
        : new ForbiddenError('请先登录', 'auth/unauthenticated'),
  },
  errors: {
    defaultTypes: [AppError],
  },
  relay: {
    nodesOnConnection: true,
    clientMutationId: 'omit',
    cursorType: 'String',
    // API keys with the read scope may use node/nodes; each object's own rule still decides.
    nodeQueryOptions: { description: '按全局 ID 读取任意对象（无权查看时报错）。Fetch any object by its global ID.', skipTypeScopes: true, authScopes: { apiKeyScope: 'CASES_READ' } },
    nodesQueryOptions: { description: '按全局 ID 批量读取对象。Fetch several objects by global ID.', skipTypeScopes: true, authScopes: { apiKeyScope: 'CASES_READ' } },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    // Connections weigh by the page asked for (first/last), their nodes/edges then count once per page entry;
    // the same figure limits a query and is what the cost-based rate limit charges (schema/integrations/cost.ts).
    fieldComplexity: connectionAwareComplexity,
    // breadth: the leaders' dashboard asks for every figure of caseStats with its byUnit split at once.
    // complexity: a workbench page of 50 cases with unit, petitioners, 5 events and supervisions weighs ~5,700.
    limit: { complexity: 10_000, depth: 10, breadth: 300 },
  },
  drizzle: {
    client: (ctx) => ctx.db,
    getTableConfig,
    relations,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: 20,
  },
});
