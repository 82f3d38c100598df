import { describe, expect, it } from 'vitest';
import { maskIdentityNumber, maskMobile, maskName, validateMobile, validateResidentIdNumber } from '../../db/petitioners/identity';
import { generator, masked, testSeed, DEFAULT_TEST_SEED } from '../support/seed';

// test/support/seed.ts: the data other tests register must be valid, the same for the same seed, and never reused.
describe('the seeded test-data generator', () => {
  it('makes valid identity numbers and mobiles, and the masks the tests expect are the API’s', () => {
    const g = generator(1);
    for (let i = 0; i < 200; i++) {
      const person = g.person();
      expect(validateResidentIdNumber(person.identityNumber)).toMatchObject({ ok: true });
      expect(validateMobile(person.mobile)).toMatchObject({ ok: true });
      expect(masked.identityNumber(person.identityNumber)).toBe(maskIdentityNumber(person.identityNumber));
      expect(masked.mobile(person.mobile)).toBe(maskMobile(person.mobile));
      expect(masked.name(person.name)).toBe(maskName(person.name));
    }
  });

  it('gives the same stream for the same seed and another for another seed', () => {
    const draw = (seed: number) => {
      const g = generator(seed);
      return [g.personName(), g.title(), g.int(0, 1e6), g.pick(['a', 'b', 'c', 'd'])];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('never hands out an identity number, mobile or county code twice in a process, even from equal seeds', () => {
    const a = generator(7);
    const b = generator(7);
    const ids = Array.from({ length: 100 }, () => [a.identityNumber(), b.identityNumber()]).flat();
    const codes = Array.from({ length: 50 }, () => [a.countyCode(), b.countyCode()]).flat();
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('takes TEST_SEED, and refuses one that is not a whole number', () => {
    expect(testSeed({})).toBe(DEFAULT_TEST_SEED);
    expect(testSeed({ TEST_SEED: '123' })).toBe(123);
    expect(() => testSeed({ TEST_SEED: 'abc' })).toThrow(/TEST_SEED/);
  });
});
