import type { GraphQLSchema } from 'graphql';
import type { Database } from '../../db/client';
import { authenticateApiKey, normaliseAddress, shapeRefusal, type AuthenticatedKey } from '../../db/integrations/api-keys';
import { IntegrationError, type IntegrationErrorCode } from '../../db/integrations/errors';
import { hashApiKey, looksLikeApiKey } from '../../db/integrations/key-format';
import { limitsForRoles, type BucketConfig } from '../../db/integrations/leaky-bucket';
import { syncBucket, type ChargeOutcome } from '../../db/integrations/rate-limit';
import type { LeaseBook } from '../../db/integrations/rate-lease';
import type { RowCache } from '../../db/common/row-cache';
import { AccountInactiveError, InvalidTokenError, type Actor, type Role } from '../auth';
import { signInAndSync, type AccountCache, type SignedInAccount } from '../../db/accounts/sign-in';
import { unitPathOf } from '../../db/units/service';
import { requestedCost, type CostParams } from './cost';

/** What the integration layer adds to a request's context. */
export interface RequestIntegration {
  /** The client's address as the entry point saw it (socket, or the Lambda event's source IP). */
  clientAddress: string | null;
  /** Counts one public lookup (caseStatus) against the client address; refuses with rate/limited. */
  limitPublicLookup: () => Promise<void>;
  /** The request's cost, its lease (the bucket as this instance holds it) and what admitting it said; null outside HTTP. */
  cost: { leaseKey: string; requested: number; outcome: ChargeOutcome } | null;
  /** A change made through this instance applies to its very next request, not after the cache time. */
  forgetApiKey: (keyId: string) => void;
  forgetAccount: (accountId: string) => void;
}

export interface RequestAuthDeps {
  db: Database;
  schema: GraphQLSchema;
  verifyBearer: (authorization: string | null) => Promise<Actor | null>;
  buckets: BucketConfig;
  /** This instance's slices of the shared buckets (db/integrations/rate-lease.ts). */
  leases: LeaseBook;
  limitPublicLookup: (address: string | null) => Promise<void>;
  /** This app instance's account rows (db/accounts/sign-in.ts). */
  accounts: AccountCache;
  /** This app instance's verified keys, by hash and client address (the allow-list is the address's answer). */
  keys: RowCache<AuthenticatedKey>;
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
 * Authenticates the request and admits its cost before anything executes. While the instance holds a fresh copy
 * of the credential's row (an account, a key; anonymous callers have none) and its lease on the bucket has the
 * points, no statement is made; otherwise ONE statement reads the row (when stale) and syncs the bucket: an API
 * key's look-up, a person's sign-in, an anonymous address's bucket alone.
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
  const integration = (leaseKey: string, outcome: ChargeOutcome): RequestIntegration => ({
    clientAddress,
    limitPublicLookup: () => deps.limitPublicLookup(clientAddress),
    cost: { leaseKey, requested, outcome },
    forgetApiKey: (keyId) => deps.keys.forget((key) => key.keyId === keyId),
    forgetAccount: (accountId) => deps.accounts.forget((_account, id) => id === accountId),
  });

  const secret = apiKeyOf(request.headers);
  if (secret !== null) {
    const malformed = shapeRefusal(secret);
    if (malformed) throw new IntegrationError(malformed);
    // The bucket's name (the key id) is known only after the look-up: the lease is filed under the key's hash.
    const hash = hashApiKey(secret);
    const leaseKey = `key-hash:${hash}`;
    const cacheKey = `${hash} ${normaliseAddress(clientAddress) ?? 'unknown'}`;
    let key: AuthenticatedKey | undefined;
    let refusal: IntegrationErrorCode = 'auth/api-key-invalid';
    const outcome = await deps.leases.admit(leaseKey, requested, {
      // an expired key is read again (and refused by the statement) rather than admitted from the copy
      fresh: () => (key = deps.keys.get(cacheKey)) !== undefined && (key.expiresAt === null || key.expiresAt > now),
      shareReads: deps.keys.ttlMs > 0,
      statement: async (terms, readsCredential) => {
        if (!readsCredential) return syncBucket(deps.db, { ...terms, bucket: `key:${key!.keyId}`, limits: key!.limits });
        const verified = await authenticateApiKey(deps.db, { key: secret, clientAddress, now, defaultLimits: deps.buckets.INTEGRATOR }, terms);
        if ('refusal' in verified) {
          refusal = verified.refusal;
          return null;
        }
        key = verified.key;
        deps.keys.set(cacheKey, key);
        return verified.grant;
      },
    });
    if (!outcome || !key) throw new IntegrationError(refusal);
    const actor: Actor = {
      accountId: key.accountId,
      displayName: key.displayName,
      roles: key.roles as Role[],
      unitId: key.unitId,
      petitionerId: null,
      apiKey: { id: key.keyId, name: key.keyName, scopes: key.scopes },
    };
    return { actor, unitPath: key.unitPath, integration: integration(leaseKey, outcome) };
  }

  const claimed = await deps.verifyBearer(request.headers.get('authorization'));
  if (!claimed) {
    const bucket = `ip:${clientAddress ?? 'unknown'}`;
    const limits = limitsForRoles(deps.buckets, []);
    const outcome = await deps.leases.admit(bucket, requested, {
      fresh: () => true,
      shareReads: true,
      statement: (terms) => syncBucket(deps.db, { ...terms, bucket, limits }),
    });
    return { actor: null, unitPath: null, integration: integration(bucket, outcome!) };
  }

  // The token says who; the account row says whether they may still act, with which roles, for which unit.
  const id = claimed.accountId;
  const bucket = `account:${id}`;
  let account: SignedInAccount | null | undefined = deps.accounts.get(id);
  // A copy that says "no such account" or "deactivated" refuses without a statement.
  if (account !== undefined && account?.status !== 'ACTIVE') throw account ? new AccountInactiveError() : new InvalidTokenError('令牌对应的账号不存在');
  const outcome = await deps.leases.admit(bucket, requested, {
    fresh: () => (account = deps.accounts.get(id)) !== undefined && account?.status === 'ACTIVE',
    shareReads: deps.accounts.ttlMs > 0,
    statement: async (terms, readsCredential) => {
      if (!readsCredential) return syncBucket(deps.db, { ...terms, bucket, limits: limitsForRoles(deps.buckets, account!.roles) });
      const signedIn = await signInAndSync(deps.db, id, deps.buckets, terms);
      account = signedIn.account;
      deps.accounts.set(id, account);
      return signedIn.grant;
    },
  });
  if (!account) throw new InvalidTokenError('令牌对应的账号不存在');
  if (account.status !== 'ACTIVE' || !outcome) throw new AccountInactiveError();
  const actor: Actor = { accountId: account.id, displayName: account.displayName, roles: account.roles, unitId: account.unitId, petitionerId: account.petitionerId };
  const unitPath = actor.unitId ? await unitPathOf(deps.db, actor.unitId) : null;
  return { actor, unitPath, integration: integration(bucket, outcome) };
}
