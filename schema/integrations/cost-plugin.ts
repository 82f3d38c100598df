import type { Plugin } from 'graphql-yoga';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { RefundLedger } from '../../db/integrations/rate-limit';
import type { Context } from '../context';
import { actualCost } from './cost';
import { graphQLErrorOf, RateLimitedError } from './errors';
import type { RequestIntegration } from './request-auth';

type Cost = NonNullable<RequestIntegration['cost']>;

/** `extensions.cost`, named as Shopify's GraphQL API names it. */
function costReport(cost: Cost, actual: number | null, refunds: RefundLedger) {
  return {
    requestedQueryCost: cost.requested,
    actualQueryCost: actual,
    throttleStatus: {
      maximumAvailable: cost.outcome.limits.maximum,
      // what the bucket holds once this instance's pending refunds are paid (they travel with the next charge)
      currentlyAvailable: Math.min(cost.outcome.limits.maximum, Math.floor(cost.outcome.available + refunds.peek(cost.refundKey))),
      restoreRate: cost.outcome.limits.restorePerSecond,
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Enforces the charge made while the context was built: a refused request ends here with `rate/limited`,
 * HTTP 429 and Retry-After, before any resolver runs. Otherwise, after execution, the difference between the
 * requested and the actual cost is owed back to the bucket, and every response carries `extensions.cost`.
 */
export function useCostLimits(schema: GraphQLSchema, refunds: RefundLedger): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = (args.contextValue as Context).integration?.cost;
      if (!cost) return;
      if (!cost.outcome.allowed) {
        const refusal = new RateLimitedError(cost.outcome.retryAfterSeconds ?? 1);
        setResultAndStopExecution({ errors: [graphQLErrorOf(refusal)], extensions: { cost: costReport(cost, 0, refunds) } });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          const actual = actualCost(schema, args.document as DocumentNode, { operationName: args.operationName, variables: args.variableValues as Record<string, unknown> }, result.data);
          refunds.add(cost.refundKey, cost.requested - actual);
          setResult({ ...result, extensions: { ...result.extensions, cost: costReport(cost, actual, refunds) } });
        },
      };
    },
  };
}
