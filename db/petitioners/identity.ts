/**
 * Identity numbers petitioners type, and how they are shown. Pure functions:
 * validation returns a Chinese reason instead of throwing, so input validation
 * (zod refinements) can pass it straight to the user.
 *
 * Identity numbers are stored whole but never shown whole by default: the mask
 * functions produce what lists, exports and notifications display.
 */
import { toChinaDate, type IsoDate } from '../calendar/work-calendar';

export type ValidationResult = { ok: true; normalized: string } | { ok: false; reason: string };

const fail = (reason: string): ValidationResult => ({ ok: false, reason });

// ---------------------------------------------------------------------------
// 居民身份证号 (GB 11643-1999)

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('身份证号前17位应为数字');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/**
 * 18-character resident ID: 17 digits, a real birth date (YYYYMMDD at positions
 * 7-14) between 1900-01-01 and today (China time), and a valid check character.
 * Surrounding spaces are ignored; a lower-case x is normalised to X. The region
 * code (first 6 digits) is not checked against GB/T 2260: codes are retired and
 * re-used over time, and the foreigners' permanent-residence ID (starting with 9)
 * shares the format, so a region table would refuse real people.
 */
export function validateResidentIdNumber(value: string, options: { today?: IsoDate } = {}): ValidationResult {
  const v = (value ?? '').trim().toUpperCase();
  if (v === '') return fail('请填写身份证号');
  if (v.length !== 18) return fail('身份证号应为18位');
  if (!/^\d{17}[\dX]$/.test(v)) return fail('身份证号格式不正确：前17位应为数字，末位应为数字或X');

  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return fail('身份证号中的出生日期无效');
  }
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (y < 1900) return fail('身份证号中的出生日期不能早于1900年');
  const today = options.today ?? toChinaDate(new Date());
  if (birthDate > today) return fail('身份证号中的出生日期不能晚于今天');

  if (residentIdCheckDigit(v.slice(0, 17)) !== v[17]) return fail('身份证号校验位不正确');
  return { ok: true, normalized: v };
}

// ---------------------------------------------------------------------------
// 手机号码

/**
 * Mainland mobile number: 11 digits matching 1[3-9]xxxxxxxxx. Spaces and hyphens
 * are ignored ("138 0013 8000", "138-0013-8000") and a leading +86 / 0086 / 86
 * country code is dropped. Normalised to the bare 11 digits.
 */
export function validateMobile(value: string): ValidationResult {
  let v = (value ?? '').replace(/[\s-]/g, '');
  if (v === '') return fail('请填写手机号码');
  const cc = /^(?:\+86|0086|86)(\d{11})$/.exec(v);
  if (cc) v = cc[1];
  if (!/^\d+$/.test(v)) return fail('手机号码只能包含数字');
  if (v.length !== 11) return fail('手机号码应为11位');
  if (!/^1[3-9]\d{9}$/.test(v)) return fail('手机号码格式不正确，应以13至19开头');
  return { ok: true, normalized: v };
}

// ---------------------------------------------------------------------------
// 统一社会信用代码 (GB 32100-2015)

/** 31 characters: digits and upper-case letters without I, O, Z, S, V. */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character for the first 17 characters. */
export function unifiedSocialCreditCodeCheckChar(first17: string): string {
  const v = first17.toUpperCase();
  if (v.length !== 17) throw new RangeError('统一社会信用代码前17位长度不正确');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const code = USCC_CHARSET.indexOf(v[i]);
    if (code < 0) throw new RangeError(`统一社会信用代码含有无效字符：${v[i]}`);
    sum += code * USCC_WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET[check === 31 ? 0 : check];
}

/** 18 characters from the GB 32100 charset with a valid check character; normalised to upper case. */
export function validateUnifiedSocialCreditCode(value: string): ValidationResult {
  const v = (value ?? '').trim().toUpperCase();
  if (v === '') return fail('请填写统一社会信用代码');
  if (v.length !== 18) return fail('统一社会信用代码应为18位');
  const bad = [...v].find((c) => !USCC_CHARSET.includes(c));
  if (bad !== undefined) return fail(`统一社会信用代码含有无效字符“${bad}”（不使用I、O、Z、S、V）`);
  if (unifiedSocialCreditCodeCheckChar(v.slice(0, 17)) !== v[17]) return fail('统一社会信用代码校验位不正确');
  return { ok: true, normalized: v };
}

// ---------------------------------------------------------------------------
// Masking (脱敏显示)

/** Code points, so a rare character outside the BMP (e.g. 𠮷) counts as one. */
const chars = (v: string): string[] => Array.from(v);

/** Keep the first `head` and last `tail` characters; too short to keep both → all masked. */
function maskMiddle(v: string, head: number, tail: number): string {
  const c = chars(v);
  if (c.length <= head + tail) return '*'.repeat(c.length);
  return c.slice(0, head).join('') + '*'.repeat(c.length - head - tail) + c.slice(c.length - tail).join('');
}

/** 11010519491231002X → 110***********002X (length kept). */
export function maskIdentityNumber(v: string): string {
  return maskMiddle((v ?? '').trim(), 3, 4);
}

/** 13800138000 → 138****8000; normalises +86 / spaces first when the number is valid. */
export function maskMobile(v: string): string {
  const r = validateMobile(v ?? '');
  return maskMiddle(r.ok ? r.normalized : (v ?? '').trim(), 3, 4);
}

/**
 * Common two-character surnames (复姓), kept whole when masking so 欧阳娜娜 shows
 * as 欧阳** rather than 欧***: a surname alone identifies nobody, and cutting it
 * in half looks like a data error to the reader.
 */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '司空',
  '令狐', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '澹台', '百里', '呼延', '万俟', '申屠', '闻人',
  '钟离', '拓跋', '赫连', '太史', '濮阳', '淳于', '单于', '公冶', '宗政', '仲孙', '东郭', '南门', '羊舌',
  '微生', '左丘', '梁丘', '第五', '乐正', '漆雕', '壤驷', '公良', '谷梁', '巫马', '公西', '颛孙', '鲜于',
]);

/**
 * Keep the surname, mask the rest: 张三 → 张*, 张三丰 → 张**, 欧阳娜娜 → 欧阳**.
 * A single character is masked entirely; non-Chinese names keep their first letter.
 */
export function maskName(v: string): string {
  const c = chars((v ?? '').trim());
  if (c.length === 0) return '';
  if (c.length === 1) return '*';
  const keep = c.length > 2 && COMPOUND_SURNAMES.has(c[0] + c[1]) ? 2 : 1;
  return c.slice(0, keep).join('') + '*'.repeat(c.length - keep);
}

/** Keep the first 6 characters (roughly province/city/district) then ****: 北京市朝阳区建国路88号 → 北京市朝阳区****. */
export function maskAddress(v: string): string {
  const c = chars((v ?? '').trim());
  if (c.length === 0) return '';
  return c.slice(0, 6).join('') + '****';
}
