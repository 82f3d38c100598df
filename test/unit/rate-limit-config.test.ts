import { describe, expect, it } from 'vitest';
import { parseRateLimits, readConfig } from '../../functions/config';

describe('RATE_LIMITS', () => {
  it('sets the buckets of the roles it names and leaves the others to the defaults', () => {
    expect(readConfig({ RATE_LIMITS: '{"STAFF":{"maximum":20000,"restorePerSecond":1000}}' }).rateLimits).toEqual({
      STAFF: { maximum: 20000, restorePerSecond: 1000 },
    });
    expect(readConfig({}).rateLimits).toEqual({});
  });

  it('stops the start on a typo instead of silently keeping the defaults', () => {
    expect(() => parseRateLimits('{STAFF: 1}')).toThrow(/not JSON/);
    expect(() => parseRateLimits('{"STAF":{"maximum":1,"restorePerSecond":1}}')).toThrow(/unknown role STAF/);
    expect(() => parseRateLimits('{"STAFF":{"maximum":0,"restorePerSecond":1}}')).toThrow(/positive numbers/);
    expect(() => parseRateLimits('[]')).toThrow(/object of roles/);
  });
});

describe('RATE_LEASE_FRACTION and RATE_LEASE_MS', () => {
  it('set the slice and the lease time, and stop the start on a value that is not one', () => {
    expect(readConfig({ RATE_LEASE_FRACTION: '0.25', RATE_LEASE_MS: '0' }).rateLease).toEqual({ fraction: 0.25, leaseMs: 0 });
    expect(readConfig({}).rateLease).toEqual({});
    expect(() => readConfig({ RATE_LEASE_FRACTION: '2' })).toThrow(/RATE_LEASE_FRACTION/);
    expect(() => readConfig({ RATE_LEASE_MS: '1s' })).toThrow(/RATE_LEASE_MS/);
  });
});
