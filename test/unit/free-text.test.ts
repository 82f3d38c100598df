import { describe, expect, it } from 'vitest';
import { findPersonalData, maskPersonalData, maskPersonalDataDeep } from '../../db/petitioners/free-text';
import { residentIdCheckDigit } from '../../db/petitioners/identity';

const TODAY = '2026-06-10';
const mask = (text: string) => maskPersonalData(text, { today: TODAY });
const id18 = (first17: string) => first17 + residentIdCheckDigit(first17);

describe('personal data in free text', () => {
  it('masks an 18-character identity number with a valid check character, X included', () => {
    expect(mask('本人身份证号11010519491231002X，住某村。')).toBe('本人身份证号110***********002X，住某村。');
    expect(mask('身份证 11010519491231002x')).toBe('身份证 110***********002X');
    const other = id18('50011819800101123');
    expect(mask(`证件${other}`)).toBe(`证件500***********${other.slice(-4)}`);
  });

  it('leaves an 18-digit number with a wrong check character or an impossible birth date alone', () => {
    const good = id18('50011819800101123');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(mask(`编号${wrong}`)).toBe(`编号${wrong}`);
    const feb30 = id18('50011819800230123');
    expect(mask(feb30)).toBe(feb30);
    const future = id18('50011820300101123'); // born after today
    expect(mask(future)).toBe(future);
  });

  it('masks a 15-digit first-generation number with a real birth date', () => {
    expect(mask('老身份证110105491231002号')).toBe('老身份证110********1002号');
    expect(mask('110105491331002')).toBe('110105491331002'); // month 13
  });

  it('masks mainland mobiles, with +86 and 3-4-4 spaces or hyphens', () => {
    expect(mask('联系电话13800138000。')).toBe('联系电话138****8000。');
    expect(mask('电话：+86 139-1234-5678')).toBe('电话：139****5678');
    expect(mask('手机 8613912345678 或 139 1234 5678')).toBe('手机 139****5678 或 139****5678');
    expect(mask('12800138000')).toBe('12800138000'); // 12x is no mobile prefix
  });

  it('never masks case numbers, dates, amounts, division codes or longer digit runs', () => {
    const keep = [
      '信访件编号 500118001001-2026-000123，另案 500118-2026-000001',
      '于2026-03-10、20260310、2026年3月10日收到',
      '拖欠工资150000元，合计¥1,380,000.00元，另付13800.50元',
      '事发地 500118001001，座机 023-49888888',
      '银行卡 6222021234567890123 与订单号 202603101380013800099',
    ];
    for (const text of keep) expect(mask(text)).toBe(text);
  });

  it('finds several kinds in one text, in order, with their normalised values', () => {
    const found = findPersonalData('甲 13800138000，乙 11010519491231002x。', { today: TODAY });
    expect(found.map(({ kind, value, masked }) => ({ kind, value, masked }))).toEqual([
      { kind: 'MOBILE', value: '13800138000', masked: '138****8000' },
      { kind: 'IDENTITY_NUMBER', value: '11010519491231002X', masked: '110***********002X' },
    ]);
  });

  it('masks every string inside an event payload, nothing else', () => {
    expect(maskPersonalDataDeep({ reason: '致电13800138000未接', days: 10, nested: { notes: ['11010519491231002X'] }, none: null })).toEqual({
      reason: '致电138****8000未接',
      days: 10,
      nested: { notes: ['110***********002X'] },
      none: null,
    });
  });
});
