import type { GraphQLResolveInfo } from 'graphql';
import { resolveNodes } from '@pothos/plugin-relay';
import { RequestCache } from '@pothos/plugin-scope-auth';
import { isDatabaseUnavailable } from '../db/faults';
import type { Context } from './context';
import { AppError, ForbiddenError, NotFoundError } from '../db/errors';

/**
 * node(id) and nodes(ids): an object that does not exist, an id of an unknown type, and an object the caller may not
 * see all get the same answer (`node/not-found`), so the answer tells nothing about what exists. The type's own
 * `authScopes` decide visibility, evaluated here (through scope-auth's per-request cache, which the field checks then
 * reuse) instead of failing field by field, which answered differently from "not found".
 */
type Builder = PothosSchemaTypes.SchemaBuilder<any>;
type GlobalId = { typename: string; id: string };

// Set once by schema/builder.ts (the builder's options hold these resolvers, so they cannot import it).
let builder: Builder;
export function registerNodeBuilder(schemaBuilder: Builder) {
  builder = schemaBuilder;
}

export const nodeNotFound = () => new NotFoundError('node', '对象不存在或无权查看');

async function visible(ctx: Context, info: GraphQLResolveInfo, typename: string, node: unknown): Promise<boolean> {
  const authScopes = (builder.configStore.getTypeConfig(typename, 'Object').pothosOptions as { authScopes?: unknown }).authScopes;
  if (authScopes === undefined) return true;
  const cache = RequestCache.fromContext(ctx as object, builder as never);
  const failure =
    typeof authScopes === 'function'
      ? await cache.evaluateTypeScopeFunction(authScopes as never, typename, node, info)
      : await cache.evaluateScopeMap(authScopes as never, info);
  return failure === null;
}

/** The node, or the one not-found answer. A database outage is not hidden as "not found". */
async function lookUp(ctx: Context, info: GraphQLResolveInfo, globalId: GlobalId): Promise<unknown> {
  let node: unknown;
  try {
    const typeKnown = builder.configStore.hasConfig(globalId.typename);
    [node] = typeKnown ? await resolveNodes(builder as never, ctx as object, info, [globalId]) : [null];
  } catch (error) {
    // An outage is not hidden as "not found", nor the caller's mistake in what they asked of the node (a bad page
    // cursor beneath it is input/invalid, the same for every id, so it tells nothing about what exists).
    if (isDatabaseUnavailable(error) || error instanceof AppError) throw error;
    node = null; // the loader rejects ids it cannot find ("Model cases(…) not found")
  }
  if (node == null || !(await visible(ctx, info, globalId.typename, node))) return nodeNotFound();
  return node;
}

function requireSignedIn(ctx: Context) {
  // Anonymous callers are told to sign in whatever the id: that says nothing about what exists either.
  if (!ctx.actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
}

export async function resolveNodeQuery(ctx: Context, info: GraphQLResolveInfo, globalId: GlobalId) {
  requireSignedIn(ctx);
  const node = await lookUp(ctx, info, globalId);
  if (node instanceof NotFoundError) throw node;
  return node;
}

/** Each id on its own: a missing or hidden one is a null item with its own error, not a failed list. */
export function resolveNodesQuery(ctx: Context, info: GraphQLResolveInfo, globalIds: GlobalId[]) {
  requireSignedIn(ctx);
  return globalIds.map((globalId) => lookUp(ctx, info, globalId));
}
