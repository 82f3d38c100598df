import type { AuthConfig } from '../schema/auth';

/** Everything the entry points read from the environment, in one place (documented in the README). */
export interface RuntimeConfig {
  databaseUrl?: string;
  dataDir: string;
  wsProxy?: string;
  auth: AuthConfig;
  production: boolean;
  port: number;
  delivery: {
    /** SSE keep-alive comment interval (15–30 s keeps proxies from closing idle streams). */
    keepAliveMs: number;
    /** Subscriptions and the dispatcher look at the log at least this often when no NOTIFY comes. */
    catchUpMs: number;
    /** Address ranges webhook endpoints may resolve to besides public ones (ipaddr.js names: loopback, private, …). */
    webhookAllowedRanges: string[];
    /** Run the webhook dispatcher loop in this process (the local server; off in Lambda API functions). */
    dispatcher: boolean;
  };
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
    delivery: {
      keepAliveMs: Number(env.SSE_KEEPALIVE_MS ?? 20_000),
      catchUpMs: Number(env.EVENTS_CATCH_UP_MS ?? 2000),
      webhookAllowedRanges: (env.WEBHOOK_ALLOWED_RANGES ?? '').split(',').map((range) => range.trim()).filter(Boolean),
      dispatcher: env.WEBHOOK_DISPATCHER !== 'off',
    },
  };
}
