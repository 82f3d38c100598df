import SchemaBuilder, { BasePlugin, createContextCache, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import { complexityLimitError, operationComplexity } from './integrations/complexity';

/**
 * The depth, breadth and complexity limits, checked where @pothos/plugin-complexity checks them (on every root
 * field, once per request, so a refusal is the root fields' error: request/limit-exceeded) but with the plan
 * compiled once per operation (schema/integrations/complexity.ts) instead of the plugin's walk per request.
 * plugin-complexity stays in the builder for the `complexity` option of every field, its own check disabled.
 */
export class OperationLimitsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  private readonly refusal = createContextCache((_context: object, info: GraphQLResolveInfo): { error: unknown } | null => {
    try {
      const error = complexityLimitError(operationComplexity(info.schema, info.operation, info.fragments, info.variableValues as Record<string, unknown>));
      return error ? { error } : null;
    } catch (error) {
      // what the plugin's walk raised (a malformed id literal): every root field answers it
      return { error };
    }
  });

  override wrapResolve(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>) {
    if (fieldConfig.kind !== 'Query' && fieldConfig.kind !== 'Mutation' && fieldConfig.kind !== 'Subscription') return resolver;
    return (parent: unknown, args: object, context: Types['Context'], info: GraphQLResolveInfo) => {
      const refused = this.refusal(context as object, info);
      if (refused) throw refused.error;
      return resolver(parent, args, context, info);
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      operationLimits: OperationLimitsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('operationLimits', OperationLimitsPlugin);
export default 'operationLimits' as const;
