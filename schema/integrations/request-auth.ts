import type { GraphQLSchema } from 'graphql';
import type { Database } from '../../db/client';
import { authenticateApiKey } from '../../db/integrations/api-keys';
import { hashApiKey, looksLikeApiKey } from '../../db/integrations/key-format';
import { limitsForRoles, type BucketConfig } from '../../db/integrations/leaky-bucket';
import { chargeBucket, RefundLedger, type ChargeOutcome } from '../../db/integrations/rate-limit';
import type { ApiKeyScope } from '../../db/integrations/vocabulary';
import { AccountInactiveError, InvalidTokenError, type Actor, type Role } from '../auth';
import { signInAndCharge, type AccountCache } from '../../db/accounts/sign-in';
import { unitPathOf } from '../../db/units/service';
import { requestedCost, type CostParams } from './cost';

/** What the integration layer adds to a request's context. */
export interface RequestIntegration {
  /** The client's address as the entry point saw it (socket, or the Lambda event's source IP). */
  clientAddress: string | null;
  /** Counts one public lookup (caseStatus) against the client address; refuses with rate/limited. */
  limitPublicLookup: () => Promise<void>;
  /** The request's cost bucket and what charging it said; null outside HTTP. */
  cost: { bucket: string; refundKey: string; requested: number; outcome: ChargeOutcome } | null;
}

export interface RequestAuthDeps {
  db: Database;
  schema: GraphQLSchema;
  verifyBearer: (authorization: string | null) => Promise<Actor | null>;
  buckets: BucketConfig;
  refunds: RefundLedger;
  limitPublicLookup: (address: string | null) => Promise<void>;
  /** This app instance's account rows (db/accounts/sign-in.ts). */
  accounts: AccountCache;
}

/** `Authorization: Bearer xfk_…` or `X-API-Key: xfk_…` is an API key; any other bearer value is a person's JWT. */
export function apiKeyOf(headers: Headers): string | null {
  const header = headers.get('x-api-key');
  if (header !== null) return header.trim();
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '')?.[1]?.trim();
  // Anything else after Bearer is taken for a person's JWT (and refused as auth/unauthenticated if it is not one).
  return bearer && looksLikeApiKey(bearer) ? bearer : null;
}

/**
 * Authenticates the request and charges its cost bucket before anything executes. An API key is looked up and
 * charged in one statement; a person's request charges the account's bucket (anonymous: the client address's).
 */
export async function authenticateRequest(
  deps: RequestAuthDeps,
  request: Request,
  params: CostParams,
  clientAddress: string | null,
  now: Date,
  /** A fixed cost for requests that are not GraphQL (the Open311 bridge). */
  cost?: number,
): Promise<{ actor: Actor | null; unitPath: string | null; integration: RequestIntegration }> {
  const requested = cost ?? requestedCost(deps.schema, params);
  const key = apiKeyOf(request.headers);
  if (key !== null) {
    // Refunds owed to a key are filed under its hash: the bucket's name (the key id) is known only after the look-up.
    const refundKey = `key-hash:${hashApiKey(key)}`;
    const verified = await authenticateApiKey(deps.db, {
      key,
      clientAddress,
      now,
      cost: requested,
      refund: deps.refunds.take(refundKey),
      defaultLimits: deps.buckets.INTEGRATOR,
    });
    const bucket = `key:${verified.keyId}`;
    return {
      actor: {
        accountId: verified.accountId,
        displayName: verified.displayName,
        roles: verified.roles as Role[],
        unitId: verified.unitId,
        petitionerId: null,
        apiKey: { id: verified.keyId, name: verified.keyName, scopes: verified.scopes },
      },
      unitPath: verified.unitPath,
      integration: {
        clientAddress,
        limitPublicLookup: () => deps.limitPublicLookup(clientAddress),
        cost: { bucket, refundKey, requested, outcome: verified.charge },
      },
    };
  }

  const claimed = await deps.verifyBearer(request.headers.get('authorization'));
  if (!claimed) {
    const bucket = `ip:${clientAddress ?? 'unknown'}`;
    const outcome = await chargeBucket(deps.db, { bucket, limits: limitsForRoles(deps.buckets, []), cost: requested, refund: deps.refunds.take(bucket), now });
    return { actor: null, unitPath: null, integration: { clientAddress, limitPublicLookup: () => deps.limitPublicLookup(clientAddress), cost: { bucket, refundKey: bucket, requested, outcome } } };
  }
  // The token says who; the account row says whether they may still act, with which roles, for which unit.
  const bucket = `account:${claimed.accountId}`;
  const { account, outcome } = await signInAndCharge(deps.db, deps.accounts, claimed.accountId, deps.buckets, { cost: requested, refund: deps.refunds.take(bucket), now });
  if (!account) throw new InvalidTokenError('令牌对应的账号不存在');
  if (account.status !== 'ACTIVE' || !outcome) throw new AccountInactiveError();
  const actor: Actor = { accountId: account.id, displayName: account.displayName, roles: account.roles, unitId: account.unitId, petitionerId: account.petitionerId };
  const unitPath = actor.unitId ? await unitPathOf(deps.db, actor.unitId) : null;
  return { actor, unitPath, integration: { clientAddress, limitPublicLookup: () => deps.limitPublicLookup(clientAddress), cost: { bucket, refundKey: bucket, requested, outcome } } };
}
