import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET, readConfig } from '../../functions/config';

// Issue 10 item 9: in the SST deployment the secrets are links, not environment variables. These are the two
// forms SST 3.18 gives a function its links in (its `sst` package's Resource reads the same): one
// SST_RESOURCE_<Name> JSON variable each (sst dev), or a deployed Lambda's encrypted resource file.

const dir = mkdtempSync(join(tmpdir(), 'xf-linked-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** As SST's deploy writes resource.enc: AES-256-GCM, a zero 12-byte nonce, the tag after the ciphertext. */
function keyFile(resources: Record<string, unknown>): { SST_KEY: string; SST_KEY_FILE: string } {
  const key = randomBytes(32);
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.alloc(12, 0));
  const body = Buffer.concat([cipher.update(JSON.stringify(resources)), cipher.final(), cipher.getAuthTag()]);
  const path = join(dir, `resource-${randomBytes(4).toString('hex')}.enc`);
  writeFileSync(path, body);
  return { SST_KEY: key.toString('base64'), SST_KEY_FILE: path };
}

const secret = (value: string) => ({ type: 'sst.sst.Secret', value });
const strong = 's'.repeat(48);
const app = { SST_RESOURCE_App: JSON.stringify({ name: 'xinfang-api', stage: 'production' }) };

describe('linked resources (SST)', () => {
  it('reads the database URL, the JWT secret, the JWKS URL and the wake queue from a deployed function’s resource file', () => {
    const config = readConfig({
      NODE_ENV: 'production',
      ...app,
      ...keyFile({
        DatabaseUrl: secret('postgres://app@neon.example/xinfang'),
        JwtSecret: secret(strong),
        JwksUrl: secret('https://idp.example/.well-known/jwks.json'),
        WebhookWake: { type: 'sst.aws.Queue', url: 'https://sqs.example/123/WebhookWake' },
      }),
    });
    expect(config.databaseUrl).toBe('postgres://app@neon.example/xinfang');
    expect(config.auth.jwtSecret).toBe(strong);
    expect(config.auth.jwksUrl).toBe('https://idp.example/.well-known/jwks.json');
    expect(config.webhookWakeQueueUrl).toBe('https://sqs.example/123/WebhookWake');
  });

  it('reads SST_RESOURCE_<Name> variables (sst dev), and a link wins over the plain variable', () => {
    const config = readConfig({
      NODE_ENV: 'production',
      ...app,
      SST_RESOURCE_DatabaseUrl: JSON.stringify(secret('postgres://linked@neon.example/x')),
      SST_RESOURCE_JwtSecret: JSON.stringify(secret(strong)),
      DATABASE_URL: 'postgres://plain@db.example/x',
      JWT_SECRET: 'p'.repeat(40),
    });
    expect(config.databaseUrl).toBe('postgres://linked@neon.example/x');
    expect(config.auth.jwtSecret).toBe(strong);
  });

  it('falls back to the plain variables where nothing is linked (npm start, tests)', () => {
    const config = readConfig({ DATABASE_URL: 'postgres://local@127.0.0.1/x', WEBHOOK_WAKE_QUEUE_URL: 'https://sqs.example/q' });
    expect(config.databaseUrl).toBe('postgres://local@127.0.0.1/x');
    expect(config.auth.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
    expect(config.webhookWakeQueueUrl).toBe('https://sqs.example/q');
  });

  it('refuses in production the development secret or a short one, also when it comes from a link', () => {
    const production = { NODE_ENV: 'production', ...app, SST_RESOURCE_DatabaseUrl: JSON.stringify(secret('postgres://x@neon.example/x')) };
    expect(() => readConfig({ ...production, ...keyFile({ JwtSecret: secret(DEVELOPMENT_JWT_SECRET) }) })).toThrow(/development secret/);
    expect(() => readConfig({ ...production, SST_RESOURCE_JwtSecret: JSON.stringify(secret('x'.repeat(31))) })).toThrow(/shorter than 32 bytes/);
    // a strong plain variable does not rescue a weak linked secret: the link is what the function uses
    expect(() => readConfig({ ...production, JWT_SECRET: strong, ...keyFile({ JwtSecret: secret('short') }) })).toThrow(/shorter than 32 bytes/);
    expect(() => readConfig(production)).toThrow(/JWT_JWKS_URL .* or JWT_SECRET/);
  });

  it('stops the start on a resource file it cannot decrypt or a malformed link', () => {
    const file = keyFile({ JwtSecret: secret(strong) });
    expect(() => readConfig({ ...file, SST_KEY: randomBytes(32).toString('base64') })).toThrow(/cannot be decrypted/);
    expect(() => readConfig({ SST_RESOURCE_JwtSecret: '{not json' })).toThrow(/SST_RESOURCE_JwtSecret is not JSON/);
  });
});
