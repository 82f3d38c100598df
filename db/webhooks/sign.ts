import { randomBytes } from 'node:crypto';

/** A new Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The three Standard Webhooks headers for one attempt, signed by the `standardwebhooks` library with every live
 * secret (during a rotation the new and the old one, space-separated, so receivers on either verify). The library
 * loads on the first delivery: the GraphQL handler, which bundles the dispatcher too, does not load it at start.
 */
export async function signedHeaders(messageId: string, timestamp: Date, body: string, secrets: readonly string[]): Promise<Record<string, string>> {
  const { Webhook } = await import('standardwebhooks');
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body));
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

/** The secrets to sign with now: the current one, and the previous one until its grace period ends. */
export function liveSecrets(endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }, now: Date): string[] {
  const live = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt.getTime() > now.getTime()) live.push(endpoint.previousSecret);
  return live;
}
