import type { AuthConfig } from '../schema/auth';
import type { DatabaseTimeouts } from '../db/neon';
import { defaultBucketLimits, type BucketConfig } from '../db/integrations/leaky-bucket';
import type { LeaseSettings } from '../db/integrations/rate-lease';
import { parseLogLevel, type LogLevel } from '../schema/logger';
import { linkedString, readLinkedResources, type LinkedResources } from './linked';

/**
 * Everything the entry points read from the environment, in one place (documented in the README). In the SST
 * deployment the secrets are not environment variables: they are the resources the function is linked to
 * (infra/), read as SST's `Resource` reads them (functions/linked.ts); the plain variables serve local runs.
 */
export interface RuntimeConfig {
  databaseUrl?: string;
  dataDir: string;
  wsProxy?: string;
  /** DATABASE_*_TIMEOUT_MS; unset ones keep db/neon.ts's defaults. */
  databaseTimeouts: Partial<DatabaseTimeouts>;
  auth: AuthConfig;
  /** Origins browsers may call the API from (CORS_ORIGINS). */
  corsOrigins: string[];
  production: boolean;
  /** LOG_LEVEL (default info: client mistakes are logged, one line each). */
  logLevel: LogLevel;
  port: number;
  /** Cost buckets per role from RATE_LIMITS (JSON); unset roles keep db/integrations/leaky-bucket.ts's defaults. */
  rateLimits: Partial<BucketConfig>;
  /** RATE_LEASE_FRACTION and RATE_LEASE_MS: this instance's slices of the shared buckets; unset ones keep the defaults. */
  rateLease: Partial<LeaseSettings>;
  /** Lambda: the WebhookWake queue the API wakes the dispatcher through (linked; WEBHOOK_WAKE_QUEUE_URL). */
  webhookWakeQueueUrl?: string;
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
/** An HS256 key shorter than its hash (32 bytes) is guessable offline from one token (RFC 7518 §3.2). */
export const MIN_JWT_SECRET_BYTES = 32;

/**
 * Production refuses to start with a secret anyone can read in the source, or one too short to resist guessing,
 * wherever it came from (a linked JwtSecret or JWT_SECRET).
 */
function checkProductionSecret(secret: string | undefined, jwksUrl: string | undefined) {
  if (jwksUrl) return;
  if (!secret) throw new Error('Production needs JWT_JWKS_URL (OIDC provider) or JWT_SECRET (in SST: the linked JwksUrl or JwtSecret)');
  if (secret === DEVELOPMENT_JWT_SECRET) throw new Error('JWT_SECRET is the published development secret: production refuses to start with it');
  if (Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    throw new Error(`JWT_SECRET is shorter than ${MIN_JWT_SECRET_BYTES} bytes: production refuses to start with it (e.g. openssl rand -base64 48)`);
  }
}

/** Comma-separated origins; `*` allows any. Unset: any origin in development, none in production. */
function readCorsOrigins(value: string | undefined, production: boolean): string[] {
  if (value === undefined) return production ? [] : ['*'];
  return value.split(',').map((origin) => origin.trim()).filter(Boolean);
}

/**
 * `linked`: the SST links (functions/linked.ts). A linked value wins over the variable of the same meaning: in
 * Lambda only the link is set; elsewhere (npm start, tests) there are no links and the variables apply.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env, linked: LinkedResources = readLinkedResources(env)): RuntimeConfig {
  const production = env.NODE_ENV === 'production';
  const givenSecret = linkedString(linked, 'JwtSecret') ?? env.JWT_SECRET;
  const jwksUrl = linkedString(linked, 'JwksUrl') || env.JWT_JWKS_URL || undefined;
  if (production) checkProductionSecret(givenSecret, jwksUrl);
  const jwtSecret = givenSecret ?? (production ? undefined : DEVELOPMENT_JWT_SECRET);
  const maxLifetime = env.JWT_MAX_LIFETIME_SECONDS ? Number(env.JWT_MAX_LIFETIME_SECONDS) : undefined;
  if (maxLifetime !== undefined && !(Number.isInteger(maxLifetime) && maxLifetime > 0)) throw new Error('JWT_MAX_LIFETIME_SECONDS must be a positive integer');
  return {
    databaseUrl: linkedString(linked, 'DatabaseUrl') || env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? '.data/pglite',
    wsProxy: env.DATABASE_WS_PROXY || undefined,
    databaseTimeouts: readDatabaseTimeouts(env),
    auth: {
      jwtSecret,
      jwksUrl,
      issuer: env.JWT_ISSUER || undefined,
      audience: env.JWT_AUDIENCE || undefined,
      maxLifetimeSeconds: maxLifetime,
    },
    corsOrigins: readCorsOrigins(env.CORS_ORIGINS, production),
    production,
    logLevel: parseLogLevel(env.LOG_LEVEL),
    port: Number(env.PORT ?? 4000),
    rateLimits: parseRateLimits(env.RATE_LIMITS),
    rateLease: readRateLease(env),
    webhookWakeQueueUrl: linkedString(linked, 'WebhookWake', 'url') || env.WEBHOOK_WAKE_QUEUE_URL || undefined,
    delivery: {
      keepAliveMs: Number(env.SSE_KEEPALIVE_MS ?? 20_000),
      catchUpMs: Number(env.EVENTS_CATCH_UP_MS ?? 2000),
      webhookAllowedRanges: (env.WEBHOOK_ALLOWED_RANGES ?? '').split(',').map((range) => range.trim()).filter(Boolean),
      dispatcher: env.WEBHOOK_DISPATCHER !== 'off',
    },
  };
}

const TIMEOUT_VARIABLES: Record<keyof DatabaseTimeouts, string> = {
  connectMs: 'DATABASE_CONNECT_TIMEOUT_MS',
  statementMs: 'DATABASE_STATEMENT_TIMEOUT_MS',
  queryMs: 'DATABASE_QUERY_TIMEOUT_MS',
  idleInTransactionMs: 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS',
};

/** Milliseconds, 0 = off; anything else stops the start (a typo must not mean "wait forever"). */
function readDatabaseTimeouts(env: NodeJS.ProcessEnv): Partial<DatabaseTimeouts> {
  const timeouts: Partial<DatabaseTimeouts> = {};
  for (const [key, variable] of Object.entries(TIMEOUT_VARIABLES) as [keyof DatabaseTimeouts, string][]) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${variable} must be a whole number of milliseconds (0 turns it off)`);
    timeouts[key] = value;
  }
  return timeouts;
}

/** RATE_LEASE_FRACTION in (0, 1], RATE_LEASE_MS a whole number ≥ 0 (0: no lease, every request syncs). */
function readRateLease(env: NodeJS.ProcessEnv): Partial<LeaseSettings> {
  const lease: Partial<LeaseSettings> = {};
  if (env.RATE_LEASE_FRACTION) {
    const fraction = Number(env.RATE_LEASE_FRACTION);
    if (!(fraction > 0 && fraction <= 1)) throw new Error('RATE_LEASE_FRACTION must be a number above 0 and at most 1');
    lease.fraction = fraction;
  }
  if (env.RATE_LEASE_MS) {
    const ms = Number(env.RATE_LEASE_MS);
    if (!Number.isInteger(ms) || ms < 0) throw new Error('RATE_LEASE_MS must be a whole number of milliseconds (0 turns the lease off)');
    lease.leaseMs = ms;
  }
  return lease;
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
