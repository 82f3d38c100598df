import type { Plugin } from 'graphql-yoga';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { LeaseBook } from '../../db/integrations/rate-lease';
import type { Context } from '../context';
import { actualCost } from './cost';
import { graphQLErrorOf, RateLimitedError } from './errors';
import type { RequestIntegration } from './request-auth';

type Cost = NonNullable<RequestIntegration['cost']>;

/** `extensions.cost`, named as Shopify's GraphQL API names it. */
function costReport(cost: Cost, actual: number | null, leases: LeaseBook) {
  return {
    requestedQueryCost: cost.requested,
    actualQueryCost: actual,
    throttleStatus: {
      maximumAvailable: cost.outcome.limits.maximum,
      // the shared bucket as of this instance's last sync plus the slice it holds (its refunds included): what
      // the bucket holds once the slice is given back
      currentlyAvailable: Math.floor(cost.outcome.allowed ? (leases.currentlyAvailable(cost.leaseKey) ?? cost.outcome.available) : cost.outcome.available),
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
 * requested and the actual cost goes back to the instance's slice (and with it to the bucket at the next sync),
 * and every response carries `extensions.cost`.
 */
export function useCostLimits(schema: GraphQLSchema, leases: LeaseBook): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = (args.contextValue as Context).integration?.cost;
      if (!cost) return;
      if (!cost.outcome.allowed) {
        const refusal = new RateLimitedError(cost.outcome.retryAfterSeconds ?? 1);
        setResultAndStopExecution({ errors: [graphQLErrorOf(refusal)], extensions: { cost: costReport(cost, 0, leases) } });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          const actual = actualCost(schema, args.document as DocumentNode, { operationName: args.operationName, variables: args.variableValues as Record<string, unknown> }, result.data);
          leases.refund(cost.leaseKey, cost.requested - actual);
          setResult({ ...result, extensions: { ...result.extensions, cost: costReport(cost, actual, leases) } });
        },
      };
    },
  };
}
