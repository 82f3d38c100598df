import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, mintToken } from '../../schema/auth';

const secret = 'token-cache-test-secret-of-enough-length-0123456789';
const actor = { accountId: '00000000-0000-4000-8000-000000000001', roles: ['STAFF' as const], unitId: null, petitionerId: null };

// schema/auth.ts keeps a verified token until it expires; the cache must never outlive the token.
describe('verified-token cache', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a token it verified with the same claims, and refuses it once expired (plus the clock tolerance)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T08:00:00Z'));
    const verify = createTokenVerifier({ jwtSecret: secret });
    const token = await mintToken(secret, actor, '10m');
    const first = await verify(`Bearer ${token}`);
    expect(first?.accountId).toBe(actor.accountId);
    vi.setSystemTime(new Date('2026-12-02T08:10:30Z')); // past exp, within the 60 s tolerance
    expect(await verify(`Bearer ${token}`)).toBe(first);
    vi.setSystemTime(new Date('2026-12-02T08:11:01Z'));
    await expect(verify(`Bearer ${token}`)).rejects.toMatchObject({ code: 'auth/unauthenticated' });
  });

  it('never caches a refusal: a token with a bad signature is refused every time', async () => {
    const verify = createTokenVerifier({ jwtSecret: secret });
    const forged = await mintToken('another-secret-of-enough-length-0123456789abcdef', actor, '10m');
    await expect(verify(`Bearer ${forged}`)).rejects.toMatchObject({ code: 'auth/unauthenticated' });
    await expect(verify(`Bearer ${forged}`)).rejects.toMatchObject({ code: 'auth/unauthenticated' });
  });
});
