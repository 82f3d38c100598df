import { describe, expect, it } from 'vitest';
import {
  maskAddress,
  maskIdentityNumber,
  maskMobile,
  maskName,
  residentIdCheckDigit,
  unifiedSocialCreditCodeCheckChar,
  validateMobile,
  validateResidentIdNumber,
  validateUnifiedSocialCreditCode,
} from '../../db/petitioners/identity';

const TODAY = '2026-03-15';

/** Independent MOD 11-2 (ISO 7064) computation, written differently from the module on purpose. */
function mod11_2(first17: string): string {
  // Weight of position i (1-based from the right, check digit at position 1) is 2^(i-1) mod 11.
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const r = (12 - (sum % 11)) % 11;
  return r === 10 ? 'X' : String(r);
}

/** Build a valid ID for a birth date, using the independent check. */
function makeId(region: string, birth: string, seq: string): string {
  const first17 = region + birth + seq;
  return first17 + mod11_2(first17);
}

describe('validateResidentIdNumber', () => {
  it('accepts the GB 11643 sample 11010519491231002X', () => {
    expect(validateResidentIdNumber('11010519491231002X', { today: TODAY })).toEqual({ ok: true, normalized: '11010519491231002X' });
  });

  it('normalises a lower-case x and surrounding spaces', () => {
    expect(validateResidentIdNumber(' 11010519491231002x ', { today: TODAY })).toEqual({ ok: true, normalized: '11010519491231002X' });
  });

  it('agrees with an independent MOD 11-2 computation', () => {
    for (const first17 of ['11010519491231002', '44052418800101001', '32010619900307123', '51010020000229456', '65010219851130789']) {
      expect(residentIdCheckDigit(first17)).toBe(mod11_2(first17));
    }
    // X must actually occur: the sample above has check character X.
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(residentIdCheckDigit('44052418800101001')).toBe('4');
  });

  it('accepts generated valid numbers, including a 29 February birth in a leap year', () => {
    for (const id of [makeId('320106', '19900307', '123'), makeId('510100', '20000229', '456'), makeId('650102', '19851130', '789')]) {
      expect(validateResidentIdNumber(id, { today: TODAY })).toEqual({ ok: true, normalized: id });
    }
  });

  it('refuses a wrong check digit', () => {
    expect(validateResidentIdNumber('110105194912310021', { today: TODAY })).toEqual({ ok: false, reason: '身份证号校验位不正确' });
    expect(validateResidentIdNumber('110105194912310020', { today: TODAY })).toEqual({ ok: false, reason: '身份证号校验位不正确' });
  });

  it('refuses wrong lengths and characters', () => {
    expect(validateResidentIdNumber('', { today: TODAY })).toEqual({ ok: false, reason: '请填写身份证号' });
    expect(validateResidentIdNumber('11010519491231002', { today: TODAY })).toEqual({ ok: false, reason: '身份证号应为18位' });
    // 15-digit first-generation numbers are no longer valid.
    expect(validateResidentIdNumber('110105491231002', { today: TODAY })).toEqual({ ok: false, reason: '身份证号应为18位' });
    expect(validateResidentIdNumber('11010519491231002XX', { today: TODAY })).toEqual({ ok: false, reason: '身份证号应为18位' });
    const bad = { ok: false, reason: '身份证号格式不正确：前17位应为数字，末位应为数字或X' };
    expect(validateResidentIdNumber('1101051949123100XX', { today: TODAY })).toEqual(bad);
    expect(validateResidentIdNumber('11010519491231002Y', { today: TODAY })).toEqual(bad);
    expect(validateResidentIdNumber('A1010519491231002X', { today: TODAY })).toEqual(bad);
  });

  it('refuses impossible birth dates even with a correct check digit', () => {
    const invalid = { ok: false, reason: '身份证号中的出生日期无效' };
    expect(validateResidentIdNumber(makeId('110105', '19490229', '002'), { today: TODAY })).toEqual(invalid); // 1949 not a leap year
    expect(validateResidentIdNumber(makeId('110105', '19001301', '002'), { today: TODAY })).toEqual(invalid);
    expect(validateResidentIdNumber(makeId('110105', '19900431', '002'), { today: TODAY })).toEqual(invalid);
    expect(validateResidentIdNumber(makeId('110105', '19900100', '002'), { today: TODAY })).toEqual(invalid);
    // 1900 was not a leap year (divisible by 100), 2000 was (divisible by 400).
    expect(validateResidentIdNumber(makeId('110105', '19000229', '002'), { today: TODAY })).toEqual(invalid);
    expect(validateResidentIdNumber(makeId('110105', '20000229', '002'), { today: TODAY }).ok).toBe(true);
  });

  it('refuses births before 1900: the GB 11643 sample 440524188001010014 has a valid check but 1880', () => {
    expect(residentIdCheckDigit('44052418800101001')).toBe('4');
    expect(validateResidentIdNumber('440524188001010014', { today: TODAY })).toEqual({ ok: false, reason: '身份证号中的出生日期不能早于1900年' });
    expect(validateResidentIdNumber(makeId('110105', '18991231', '002'), { today: TODAY }).ok).toBe(false);
    expect(validateResidentIdNumber(makeId('110105', '19000101', '002'), { today: TODAY }).ok).toBe(true);
  });

  it('refuses births after today, to the day', () => {
    expect(validateResidentIdNumber(makeId('110105', '20260315', '002'), { today: '2026-03-15' }).ok).toBe(true);
    expect(validateResidentIdNumber(makeId('110105', '20260316', '002'), { today: '2026-03-15' })).toEqual({
      ok: false,
      reason: '身份证号中的出生日期不能晚于今天',
    });
  });

  it('uses the real date when no today is given', () => {
    expect(validateResidentIdNumber('11010519491231002X').ok).toBe(true);
    expect(validateResidentIdNumber(makeId('110105', '29991231', '002')).ok).toBe(false);
  });
});

describe('validateMobile', () => {
  it('accepts every 1[3-9] prefix', () => {
    for (const p of ['13', '14', '15', '16', '17', '18', '19']) {
      expect(validateMobile(`${p}812345678`)).toEqual({ ok: true, normalized: `${p}812345678` });
    }
  });

  it('strips spaces, hyphens and a +86 / 86 / 0086 country code', () => {
    for (const v of ['138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '+8613800138000', '8613800138000', '0086 13800138000', ' 13800138000 ']) {
      expect(validateMobile(v)).toEqual({ ok: true, normalized: '13800138000' });
    }
  });

  it('refuses wrong prefixes and lengths', () => {
    expect(validateMobile('')).toEqual({ ok: false, reason: '请填写手机号码' });
    expect(validateMobile('12800138000')).toEqual({ ok: false, reason: '手机号码格式不正确，应以13至19开头' });
    expect(validateMobile('23800138000')).toEqual({ ok: false, reason: '手机号码格式不正确，应以13至19开头' });
    expect(validateMobile('1380013800')).toEqual({ ok: false, reason: '手机号码应为11位' });
    expect(validateMobile('138001380001')).toEqual({ ok: false, reason: '手机号码应为11位' });
    expect(validateMobile('1380013800a')).toEqual({ ok: false, reason: '手机号码只能包含数字' });
    // A landline is not a mobile number.
    expect(validateMobile('010-12345678').ok).toBe(false);
    // "86" followed by only 10 digits is not a country code.
    expect(validateMobile('861380013800').ok).toBe(false);
  });
});

describe('validateUnifiedSocialCreditCode', () => {
  it('accepts the GB 32100 example and a real company code, normalising case', () => {
    expect(validateUnifiedSocialCreditCode('91350100M000100Y43')).toEqual({ ok: true, normalized: '91350100M000100Y43' });
    expect(validateUnifiedSocialCreditCode('91350100m000100y43')).toEqual({ ok: true, normalized: '91350100M000100Y43' });
    expect(validateUnifiedSocialCreditCode(' 91440300708461136T ')).toEqual({ ok: true, normalized: '91440300708461136T' });
  });

  it('computes check characters, including the 31 → 0 wrap', () => {
    expect(unifiedSocialCreditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(unifiedSocialCreditCodeCheckChar('91440300708461136')).toBe('T');
    // Search a code whose weighted sum is a multiple of 31: its check must be '0', not out of range.
    let found = '';
    for (let n = 0; n < 1000 && !found; n++) {
      const first17 = `9135010000000${String(n).padStart(4, '0')}`;
      const sum = [...first17].reduce((s, c, i) => s + '0123456789ABCDEFGHJKLMNPQRTUWXY'.indexOf(c) * [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28][i], 0);
      if (sum % 31 === 0) found = first17;
    }
    expect(found).not.toBe('');
    expect(unifiedSocialCreditCodeCheckChar(found)).toBe('0');
    expect(validateUnifiedSocialCreditCode(`${found}0`).ok).toBe(true);
  });

  it('refuses a wrong check character, wrong length and excluded letters', () => {
    expect(validateUnifiedSocialCreditCode('91350100M000100Y44')).toEqual({ ok: false, reason: '统一社会信用代码校验位不正确' });
    expect(validateUnifiedSocialCreditCode('91440300708461136U')).toEqual({ ok: false, reason: '统一社会信用代码校验位不正确' });
    expect(validateUnifiedSocialCreditCode('')).toEqual({ ok: false, reason: '请填写统一社会信用代码' });
    expect(validateUnifiedSocialCreditCode('91350100M000100Y4')).toEqual({ ok: false, reason: '统一社会信用代码应为18位' });
    for (const c of ['I', 'O', 'Z', 'S', 'V']) {
      expect(validateUnifiedSocialCreditCode(`91350100M000100Y4${c}`)).toEqual({
        ok: false,
        reason: `统一社会信用代码含有无效字符“${c}”（不使用I、O、Z、S、V）`,
      });
    }
    expect(validateUnifiedSocialCreditCode('91350100M000100-43').ok).toBe(false);
  });
});

describe('masking', () => {
  it('masks an identity number keeping the first 3 and last 4, same length', () => {
    expect(maskIdentityNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdentityNumber('11010519491231002X')).toHaveLength(18);
    expect(maskIdentityNumber('91350100M000100Y43')).toBe('913***********0Y43');
    expect(maskIdentityNumber('1234567')).toBe('*******');
    expect(maskIdentityNumber('')).toBe('');
  });

  it('masks a mobile number as 138****5678, normalising first', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile('+86 138 1234 5678')).toBe('138****5678');
    expect(maskMobile('')).toBe('');
  });

  it('masks a name keeping the surname', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('欧阳修')).toBe('欧阳*');
    expect(maskName('诸葛亮')).toBe('诸葛*');
    // Two characters that happen to form a compound surname are a surname + given name.
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('王')).toBe('*');
    expect(maskName('𠮷祥')).toBe('𠮷*');
    expect(maskName('')).toBe('');
  });

  it('masks an address after the first 6 characters', () => {
    expect(maskAddress('北京市朝阳区建国路88号院3号楼')).toBe('北京市朝阳区****');
    expect(maskAddress('江西省赣州市兴国县潋江镇')).toBe('江西省赣州市****');
    expect(maskAddress('永川区')).toBe('永川区****');
    expect(maskAddress('')).toBe('');
  });
});
