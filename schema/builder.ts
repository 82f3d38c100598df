import SchemaBuilder, { decodeBase64, PothosValidationError } from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { getNamedType, isListType, isNonNullType, type GraphQLField } from 'graphql';
import { withPlannedQueries } from '../db/relational-plans';
import { relations } from '../db/relations';
import { MAX_PAGE_SIZE } from './page-limits';
import { canSeePetitioner, viewerOf } from '../db/cases/service';
import { canReadCase } from '../db/cases/visibility';
import type { Role } from './auth';
import type { Context } from './context';
import { AppError, ForbiddenError } from '../db/errors';
import type { ApiKeyScope } from '../db/integrations/vocabulary';
import { registerNodeBuilder, resolveNodeQuery, resolveNodesQuery } from './node-lookup';
import SyncNodeIdPlugin, { SYNC_NODE_ID } from './sync-node-id';
import OperationLimitsPlugin from './operation-limits';

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
    /** The case with this id may be read (a supervision order or hearing looked up by its own global id). */
    caseVisible: string;
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

const GLOBAL_ID = /^([A-Z_a-z]\w*):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
function decodeUuidGlobalID(globalID: string): { typename: string; id: string } {
  let decoded: string | undefined;
  try {
    decoded = decodeBase64(globalID);
  } catch {
    decoded = undefined;
  }
  const match = decoded === undefined ? null : GLOBAL_ID.exec(decoded);
  if (!match) throw new PothosValidationError(`Invalid global ID: ${globalID}`);
  return { typename: match[1], id: match[2].toLowerCase() };
}

export const builder = new SchemaBuilder<SchemaTypes>({
  // errors outermost, so refusals from scope-auth become typed mutation results too
  plugins: [ErrorsPlugin, ScopeAuthPlugin, RelayPlugin, ComplexityPlugin, OperationLimitsPlugin, DrizzlePlugin, SyncNodeIdPlugin],
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
      caseVisible: async (caseId) => {
        const row = await ctx.db.query.cases.findFirst({ where: { id: caseId }, columns: { kind: true, unitPath: true, receivingUnitPath: true, accusedUnitPath: true, petitionerIds: true } });
        return row !== undefined && canReadCase(viewerOf(ctx), row);
      },
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
    // Every node's id field resolves without a promise (schema/sync-node-id.ts): last in the plugin list, innermost.
    idFieldOptions: { extensions: { [SYNC_NODE_ID]: true } },
    // Every node's key is a UUID: an id whose payload is not one is refused as the caller's mistake before any SQL
    // (Postgres would reject it, or a NUL in it, with an error that used to surface as `internal`).
    decodeGlobalID: decodeUuidGlobalID,
    nodeQueryOptions: {
      description: '按全局 ID 读取任意对象；不存在与无权查看同样答复 node/not-found。Fetch any object by its global ID; missing and hidden look the same.',
      // API keys with the read scope may use node/nodes; each object's own rule still decides (node-lookup.ts).
      skipTypeScopes: true,
      authScopes: { apiKeyScope: 'CASES_READ' },
      resolve: (_root, args, ctx, info) => resolveNodeQuery(ctx, info, args.id),
    },
    nodesQueryOptions: {
      description: '按全局 ID 批量读取对象；不存在或无权查看的项为 null。Fetch several objects by global ID; missing or hidden ones are null.',
      skipTypeScopes: true,
      authScopes: { apiKeyScope: 'CASES_READ' },
      resolve: (_root, args, ctx, info) => resolveNodesQuery(ctx, info, args.ids),
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    // Connections weigh by the page asked for (first/last), their nodes/edges then count once per page entry;
    // the same figure limits a query and is what the cost-based rate limit charges (schema/integrations/cost.ts).
    fieldComplexity: connectionAwareComplexity,
    // The limits (schema/integrations/complexity.ts COMPLEXITY_LIMITS) are checked by schema/operation-limits.ts
    // from a plan compiled once per operation; the plugin's own check walked the whole document per request.
    disabled: true,
  },
  drizzle: {
    // node look-ups by id and relation fallbacks through the SQL plans (db/relational-plans.ts)
    client: (ctx) => withPlannedQueries(ctx.db),
    getTableConfig,
    relations,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: 20,
  },
});

registerNodeBuilder(builder);
