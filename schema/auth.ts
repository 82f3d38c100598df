import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import * as z from 'zod/mini';
import { roleNames } from '../db/tables/accounts.sql';
import type { Actor, Role } from '../db/accounts/actor';
import { ForbiddenError } from '../db/errors';

export type { Actor, Role };

const claimsSchema = z.object({
  sub: z.uuid(),
  name: z._default(z.string(), ''),
  roles: z.array(z.enum(roleNames)).check(z.minLength(1)),
  unit: z.nullish(z.uuid()),
  pid: z.nullish(z.uuid()),
});

export interface AuthConfig {
  /** HS256 shared secret (development and tests). */
  jwtSecret?: string;
  /** JWKS URL of the OIDC provider (production). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Longest accepted token lifetime (exp − iat), seconds; default MAX_TOKEN_LIFETIME_SECONDS. */
  maxLifetimeSeconds?: number;
}

/** Tokens live at most a day: a stolen one is useful for hours, not for the 30 days development tokens used to. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** Clock skew tolerated between the token issuer and us. */
const CLOCK_TOLERANCE_SECONDS = 60;

/** A token that is missing, malformed, badly signed, expired, without `exp`, issued in the future or too long-lived. */
export class InvalidTokenError extends ForbiddenError {
  constructor(message = '令牌无效或已过期', code: 'auth/unauthenticated' | 'auth/account-inactive' = 'auth/unauthenticated') {
    super(message, code);
    this.name = 'InvalidTokenError';
  }
}

/** A valid token of an account an administrator has deactivated: refused from its next request (HTTP 401). */
export class AccountInactiveError extends InvalidTokenError {
  constructor() {
    super('账号已停用，请联系管理员', 'auth/account-inactive');
    this.name = 'AccountInactiveError';
  }
}

/** Claims jose does not insist on: an expiry, an issue time not in the future, a bounded lifetime. */
function checkLifetime(payload: { exp?: number; iat?: number }, maxLifetime: number, nowSeconds: number) {
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('令牌缺少过期时间（exp）');
  if (payload.iat !== undefined && (typeof payload.iat !== 'number' || payload.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS)) {
    throw new InvalidTokenError('令牌签发时间（iat）晚于当前时间');
  }
  const issuedAt = payload.iat ?? nowSeconds;
  if (payload.exp - issuedAt > maxLifetime + CLOCK_TOLERANCE_SECONDS) throw new InvalidTokenError(`令牌有效期超过上限（${maxLifetime} 秒）`);
}

const MAX_VERIFIED_TOKENS = 10_000;

export function createTokenVerifier(config: AuthConfig) {
  let key: Uint8Array | JWTVerifyGetKey;
  if (config.jwksUrl) key = createRemoteJWKSet(new URL(config.jwksUrl));
  else if (config.jwtSecret) key = new TextEncoder().encode(config.jwtSecret);
  else throw new Error('Either JWT_JWKS_URL or JWT_SECRET must be configured');

  // A token verified once is good until it expires: a client sends the same token with every request, and the
  // signature check was ~2–6% of a request's CPU (issue 11). Whether the account may still act is decided by the
  // account row on every request (db/accounts/sign-in.ts), never by this cache. Bounded; the oldest entry goes first.
  const verified = new Map<string, { actor: Actor; expiresAt: number }>();

  return async function verifyBearer(authorization: string | null): Promise<Actor | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(.+)$/i.exec(authorization);
    if (!match) throw new InvalidTokenError('Authorization 头格式应为 "Bearer <令牌>"');
    const known = verified.get(match[1]);
    if (known) {
      if (Date.now() / 1000 < known.expiresAt) return known.actor;
      verified.delete(match[1]);
    }
    try {
      const { payload } = await jwtVerify(match[1], key as Uint8Array, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: config.jwksUrl ? undefined : ['HS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      checkLifetime(payload, config.maxLifetimeSeconds ?? MAX_TOKEN_LIFETIME_SECONDS, Math.floor(Date.now() / 1000));
      const claims = claimsSchema.parse(payload);
      const actor: Actor = Object.freeze({
        accountId: claims.sub,
        displayName: claims.name,
        roles: claims.roles,
        unitId: claims.unit ?? null,
        petitionerId: claims.pid ?? null,
      });
      // checkLifetime refused a token without exp, so it is a number here
      if (verified.size >= MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
      verified.set(match[1], { actor, expiresAt: payload.exp! + CLOCK_TOLERANCE_SECONDS });
      return actor;
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      throw new InvalidTokenError();
    }
  };
}

/** Mints a development token (HS256). Production tokens come from the OIDC provider. */
export async function mintToken(
  secret: string,
  actor: Omit<Actor, 'displayName'> & { displayName?: string },
  expiresIn = '12h',
): Promise<string> {
  return new SignJWT({
    name: actor.displayName ?? '',
    roles: actor.roles,
    unit: actor.unitId ?? undefined,
    pid: actor.petitionerId ?? undefined,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actor.accountId)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
