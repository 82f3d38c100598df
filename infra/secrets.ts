/**
 * Per-stage secrets and configuration, set with
 *   npx sst secret set DatabaseUrl 'postgresql://…' --stage <stage>
 *   npx sst secret set JwtSecret '…' --stage <stage>
 *   npx sst secret set JwksUrl 'https://…/.well-known/jwks.json' --stage <stage>
 * A deploy fails while any of them is unset for the stage.
 */

/** Neon connection string (pooled endpoint), read by the driver in db/neon.ts. */
export const databaseUrl = new sst.Secret('DatabaseUrl');

/** Shared secret for HS256 tokens (local tooling, service-to-service calls). */
export const jwtSecret = new sst.Secret('JwtSecret');

/**
 * JWKS endpoint of the identity provider whose RS256/ES256 tokens the API accepts.
 * Not secret, but per-stage configuration; a Secret is SST's per-stage value store.
 */
export const jwksUrl = new sst.Secret('JwksUrl');
