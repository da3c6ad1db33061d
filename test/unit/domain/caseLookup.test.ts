import { describe, expect, it } from 'vitest';
import { lookupDigestsOf, normalisePhone, normaliseUnit, phoneDigest, unitDigest } from '../../../functions/domain/caseLookup';

const KEY = 'k'.repeat(40);

describe('normalising what staff type', () => {
  it('reads a unit written in many ways as one', () => {
    const forms = ['Block A 12/F Flat 3', 'block a, 12/f, flat 3', 'BLOCK A-12F-FLAT 3', 'Ｂｌｏｃｋ Ａ １２/Ｆ Ｆｌａｔ ３'];
    expect(new Set(forms.map(normaliseUnit))).toEqual(new Set(['blocka12fflat3']));
    expect(normaliseUnit('3座 12樓 A室')).toBe('3座12樓a室');
    expect(normaliseUnit(' / - ')).toBe('');
  });

  it('reads Hong Kong, Macau and mainland numbers with or without the country code as one', () => {
    expect(['+852 9123 4567', '00852-91234567', '9123 4567', '(852) 9123-4567'].map(normalisePhone)).toEqual(Array(4).fill('91234567'));
    expect(['+86 138 0013 8000', '13800138000', '0086 13800138000'].map(normalisePhone)).toEqual(Array(3).fill('13800138000'));
    expect(['+86 21 1234 5678', '021-1234-5678'].map(normalisePhone)).toEqual(Array(2).fill('2112345678'));
    expect(normalisePhone('+853 6612 3456')).toBe('66123456');
    expect(normalisePhone('12-34')).toBeUndefined();
  });
});

describe('search digests', () => {
  it('are keyed: the same number under another key, or a plain hash, does not match', () => {
    const digest = phoneDigest(KEY, '9123 4567')!;
    expect(digest).toBe(phoneDigest(KEY, '+852 9123 4567'));
    expect(digest).not.toBe(phoneDigest('z'.repeat(40), '9123 4567'));
    expect(digest).not.toContain('91234567');
  });

  it('tie a unit to its estate', () => {
    expect(unitDigest(KEY, 'EST01', 'Block A 12/F Flat 3')).toBe(unitDigest(KEY, 'EST01', 'block a 12f flat 3'));
    expect(unitDigest(KEY, 'EST01', 'Block A 12/F Flat 3')).not.toBe(unitDigest(KEY, 'EST02', 'Block A 12/F Flat 3'));
  });

  it('are what intake stores: the unit always, the phone when given and readable', () => {
    expect(lookupDigestsOf(KEY, { estateId: 'EST01', unit: 'A 1/F' })).toEqual({ unit: unitDigest(KEY, 'EST01', 'A 1/F') });
    expect(lookupDigestsOf(KEY, { estateId: 'EST01', unit: 'A 1/F', phone: '9123 4567' })).toEqual({ unit: unitDigest(KEY, 'EST01', 'A 1/F'), phone: phoneDigest(KEY, '91234567') });
  });
});
