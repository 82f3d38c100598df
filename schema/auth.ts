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
}

export function createTokenVerifier(config: AuthConfig) {
  let key: Uint8Array | JWTVerifyGetKey;
  if (config.jwksUrl) key = createRemoteJWKSet(new URL(config.jwksUrl));
  else if (config.jwtSecret) key = new TextEncoder().encode(config.jwtSecret);
  else throw new Error('Either JWT_JWKS_URL or JWT_SECRET must be configured');

  return async function verifyBearer(authorization: string | null): Promise<Actor | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(.+)$/i.exec(authorization);
    if (!match) throw new ForbiddenError('Authorization 头格式应为 "Bearer <令牌>"', 'auth/unauthenticated');
    try {
      const { payload } = await jwtVerify(match[1], key as Uint8Array, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: config.jwksUrl ? undefined : ['HS256'],
      });
      const claims = claimsSchema.parse(payload);
      return {
        accountId: claims.sub,
        displayName: claims.name,
        roles: claims.roles,
        unitId: claims.unit ?? null,
        petitionerId: claims.pid ?? null,
      };
    } catch {
      throw new ForbiddenError('令牌无效或已过期', 'auth/unauthenticated');
    }
  };
}

/** Mints a development token (HS256). Production tokens come from the OIDC provider. */
export async function mintToken(
  secret: string,
  actor: Omit<Actor, 'displayName'> & { displayName?: string },
  expiresIn = '30d',
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
