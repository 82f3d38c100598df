import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';

/**
 * Node ids resolved synchronously. plugin-relay's `t.globalID` resolver is an `async` function (4.8), so the `id`
 * of every node returns a promise although it is a column on the row, and graphql-js then completes every object
 * that selects `id` (each case, unit, supervision of a list) through its promise path: a promise, a microtask and
 * a promise-for-object per row (issue 11). Upstream, `globalID` could return synchronously when its `resolve`
 * does. Until then this plugin resolves the id fields plugin-relay builds for nodes (marked through
 * `relay.idFieldOptions`, schema/builder.ts) as plugin-drizzle's serializer and plugin-relay's encoder do for a
 * single-column key: every node here is a drizzleNode keyed on its `id` column (test/unit/sync-node-id.test.ts
 * compares both resolvers on every node type). A row without a string or number `id` takes the original path.
 */
export const SYNC_NODE_ID = 'xinfangSyncNodeId';

export class SyncNodeIdPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>) {
    if (!fieldConfig.extensions?.[SYNC_NODE_ID]) return resolver;
    const typename = fieldConfig.parentType;
    // plugin-relay's own rule: the builder's encodeGlobalID when one is configured
    const custom = this.builder.options.relay?.encodeGlobalID;
    return (parent: unknown, args: object, context: Types['Context'], info: GraphQLResolveInfo) => {
      const id = (parent as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' && typeof id !== 'number') return resolver(parent, args, context, info);
      return custom ? custom(typename, String(id), context) : encodeGlobalID(typename, String(id));
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      syncNodeId: SyncNodeIdPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('syncNodeId', SyncNodeIdPlugin);
export default 'syncNodeId' as const;
