import type { AuthConfig } from '../schema/auth';
import { defaultBucketLimits, type BucketConfig } from '../db/integrations/leaky-bucket';

/** Everything the entry points read from the environment, in one place (documented in the README). */
export interface RuntimeConfig {
  databaseUrl?: string;
  dataDir: string;
  wsProxy?: string;
  auth: AuthConfig;
  production: boolean;
  port: number;
  /** Cost buckets per role from RATE_LIMITS (JSON); unset roles keep db/integrations/leaky-bucket.ts's defaults. */
  rateLimits: Partial<BucketConfig>;
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
    rateLimits: parseRateLimits(env.RATE_LIMITS),
    delivery: {
      keepAliveMs: Number(env.SSE_KEEPALIVE_MS ?? 20_000),
      catchUpMs: Number(env.EVENTS_CATCH_UP_MS ?? 2000),
      webhookAllowedRanges: (env.WEBHOOK_ALLOWED_RANGES ?? '').split(',').map((range) => range.trim()).filter(Boolean),
      dispatcher: env.WEBHOOK_DISPATCHER !== 'off',
    },
  };
}

/**
 * RATE_LIMITS='{"STAFF":{"maximum":20000,"restorePerSecond":1000}}': per-role cost buckets (points, points per
 * second). A typo must not silently fall back to the defaults, so anything else stops the start.
 */
export function parseRateLimits(text: string | undefined): Partial<BucketConfig> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('RATE_LIMITS is not JSON (RATE_LIMITS 不是合法的 JSON)');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('RATE_LIMITS must be an object of roles');
  const limits: Partial<BucketConfig> = {};
  for (const [role, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(role in defaultBucketLimits)) throw new Error(`RATE_LIMITS: unknown role ${role} (未知角色)`);
    const { maximum, restorePerSecond } = (value ?? {}) as Record<string, unknown>;
    if (typeof maximum !== 'number' || typeof restorePerSecond !== 'number' || maximum <= 0 || restorePerSecond <= 0) {
      throw new Error(`RATE_LIMITS.${role} needs positive numbers maximum and restorePerSecond`);
    }
    limits[role as keyof BucketConfig] = { maximum, restorePerSecond };
  }
  return limits;
}
