import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { relations } from '../db/relations';
import { MAX_PAGE_SIZE } from './page-limits';
import { canSeePetitioner, viewerOf } from '../db/cases/service';
import type { Role } from './auth';
import type { Context } from './context';
import { AppError, ForbiddenError } from '../db/errors';

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
    nodeQueryOptions: { description: '按全局 ID 读取任意对象（无权查看时报错）。Fetch any object by its global ID.' },
    nodesQueryOptions: { description: '按全局 ID 批量读取对象。Fetch several objects by global ID.' },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    // breadth: the leaders' dashboard asks for every figure of caseStats with its byUnit split at once.
    limit: { complexity: 5000, depth: 10, breadth: 300 },
  },
  drizzle: {
    client: (ctx) => ctx.db,
    getTableConfig,
    relations,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: 20,
  },
});
