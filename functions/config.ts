import type { AuthConfig } from '../schema/auth';

/** Everything the entry points read from the environment, in one place (documented in the README). */
export interface RuntimeConfig {
  databaseUrl?: string;
  dataDir: string;
  wsProxy?: string;
  auth: AuthConfig;
  production: boolean;
  port: number;
}

/** Development-only secret, refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'xinfang-development-secret-not-for-production';

export function readConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET ?? (production ? undefined : DEVELOPMENT_JWT_SECRET);
  if (production && !env.JWT_JWKS_URL && !env.JWT_SECRET) {
    throw new Error('Production needs JWT_JWKS_URL (OIDC provider) or JWT_SECRET');
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? '.data/pglite',
    wsProxy: env.DATABASE_WS_PROXY || undefined,
    auth: { jwtSecret, jwksUrl: env.JWT_JWKS_URL || undefined, issuer: env.JWT_ISSUER || undefined, audience: env.JWT_AUDIENCE || undefined },
    production,
    port: Number(env.PORT ?? 4000),
  };
}
