import { idCheckChar, idDocumentSchema, normalizeIdInput, validateIdDocument } from '../src';

/**
 * Reference check character written independently of the implementation: ISO 7064 MOD 11-2 as
 * stated in GB 11643-1999 — S = Σ a_i·W_i with W_i = 2^(18-i) mod 11 (i = 18..2 counted from the
 * right), check value = (12 − S mod 11) mod 11, and 10 is written as X.
 */
function refCheck(first17: string): string {
  let s = 0;
  for (let pos = 18; pos >= 2; pos--) {
    const digit = Number(first17[18 - pos]);
    s += digit * (2 ** (pos - 1) % 11);
  }
  const v = (12 - (s % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}
const withCheck = (first17: string) => first17 + refCheck(first17);

const TODAY = new Date('2025-06-15T04:00:00Z');

describe('居民身份证', () => {
  it('accepts the GB 11643 sample 11010519491231002X and derives birth date and sex', () => {
    expect(validateIdDocument('resident_id', '11010519491231002X', TODAY)).toEqual({
      ok: true, normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'female',
    });
  });

  it('normalises lowercase x, spaces and full-width characters', () => {
    const r = validateIdDocument('resident_id', ' 110105 19491231 002x ', TODAY);
    expect(r).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    expect(validateIdDocument('resident_id', '１１０１０５１９４９１２３１００２ｘ', TODAY)).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it('derives male from an odd 17th digit', () => {
    const id = withCheck('23010219900101123');
    expect(validateIdDocument('resident_id', id, TODAY)).toEqual({ ok: true, normalized: id, birthDate: '1990-01-01', sex: 'male' });
  });

  it('agrees with the reference check character on many constructed numbers', () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 500; k++) {
      const first17 = Array.from({ length: 17 }, () => Math.floor(rnd() * 10)).join('');
      expect(idCheckChar(first17)).toBe(refCheck(first17));
    }
  });

  it('rejects a wrong check character', () => {
    const good = withCheck('44030419851107231');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(validateIdDocument('resident_id', bad, TODAY)).toEqual({ ok: false, message: '身份证号校验位不正确，请核对最后一位' });
  });

  it('rejects a birth date that does not exist', () => {
    const r = validateIdDocument('resident_id', withCheck('23010219900230123'), TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('身份证号中的出生日期不存在');
    // 1900 was not a leap year; 2000 was.
    expect(validateIdDocument('resident_id', withCheck('23010219000229123'), TODAY).ok).toBe(false);
    expect(validateIdDocument('resident_id', withCheck('23010220000229123'), TODAY).ok).toBe(true);
  });

  it('rejects a birth date after today, reading today in China time', () => {
    const id = withCheck('23010220250601123');
    const before = validateIdDocument('resident_id', id, new Date('2025-05-31T15:59:59Z')); // 05-31 23:59 in China
    expect(before.ok).toBe(false);
    if (!before.ok) expect(before.message).toContain('晚于今天');
    expect(validateIdDocument('resident_id', id, new Date('2025-05-31T16:00:00Z')).ok).toBe(true); // 06-01 00:00 in China
  });

  it('rejects birth dates before 1900', () => {
    // 440524188001010014 is the other sample printed in GB 11643; nobody alive was born in 1880.
    const r = validateIdDocument('resident_id', '440524188001010014', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('早于1900年');
  });

  it('rejects unknown region codes', () => {
    for (const prefix of ['00', '10', '99', '71', '83']) {
      const r = validateIdDocument('resident_id', withCheck(`${prefix}010219900101123`), TODAY);
      expect(r).toEqual({ ok: false, message: '身份证号前两位地区码不正确，请核对' });
    }
  });

  it('points 港澳台 residence-permit numbers to the right document type', () => {
    const r = validateIdDocument('resident_id', withCheck('81000019900101123'), TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('港澳台居民居住证');
  });

  it('explains length and character problems', () => {
    const short = validateIdDocument('resident_id', '1101051949123100', TODAY);
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.message).toBe('身份证号应为18位（最后一位可能是X），当前为16位');
    const letters = validateIdDocument('resident_id', '1101051949A231002X', TODAY);
    expect(letters.ok).toBe(false);
    if (!letters.ok) expect(letters.message).toBe('身份证号只能包含数字，只有最后一位可以是X');
    const old = validateIdDocument('resident_id', '110105491231002', TODAY);
    expect(old.ok).toBe(false);
    if (!old.ok) expect(old.message).toContain('15位的第一代身份证已停止使用');
    expect(validateIdDocument('resident_id', '   ', TODAY)).toEqual({ ok: false, message: '请填写居民身份证号码' });
  });
});

describe('港澳台居民居住证', () => {
  it.each([
    ['810000', 'Hong Kong'],
    ['820000', 'Macau'],
    ['830000', 'Taiwan'],
  ])('accepts prefix %s (%s) and derives birth date and sex', (prefix) => {
    const id = withCheck(`${prefix}19880515004`);
    expect(validateIdDocument('hmt_residence_permit', id, TODAY)).toEqual({ ok: true, normalized: id, birthDate: '1988-05-15', sex: 'female' });
  });

  it('accepts a lowercase x check character', () => {
    // find a sequence whose check character is X
    let first17 = '';
    for (let seq = 0; seq < 1000; seq++) {
      first17 = `83000019750321${String(seq).padStart(3, '0')}`;
      if (refCheck(first17) === 'X') break;
    }
    expect(validateIdDocument('hmt_residence_permit', `${first17}x`, TODAY)).toMatchObject({ ok: true, normalized: `${first17}X` });
  });

  it('rejects other prefixes, including mainland ID numbers', () => {
    const r = validateIdDocument('hmt_residence_permit', '11010519491231002X', TODAY);
    expect(r).toEqual({ ok: false, message: '港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头' });
  });

  it('checks the check character and birth date', () => {
    const good = withCheck('81000019880515003');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    expect(validateIdDocument('hmt_residence_permit', bad, TODAY)).toEqual({ ok: false, message: '居住证号码校验位不正确，请核对最后一位' });
    const r = validateIdDocument('hmt_residence_permit', withCheck('82000019881315003'), TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('出生日期不存在');
  });
});

describe('港澳居民来往内地通行证', () => {
  it('accepts H/M + 8 digits and the legacy H/M + 10 digits', () => {
    expect(validateIdDocument('hk_macau_permit', 'H12345678')).toEqual({ ok: true, normalized: 'H12345678' });
    expect(validateIdDocument('hk_macau_permit', 'm1234567801')).toEqual({ ok: true, normalized: 'M1234567801' });
  });

  it('rejects other shapes with a message naming the problem', () => {
    expect(validateIdDocument('hk_macau_permit', 'A12345678')).toEqual({ ok: false, message: '港澳居民来往内地通行证号码应以H（香港）或M（澳门）开头' });
    for (const bad of ['H1234567', 'H123456789', 'H123456789012', 'H1234567A']) {
      expect(validateIdDocument('hk_macau_permit', bad)).toEqual({ ok: false, message: '港澳居民来往内地通行证号码应为H或M加8位数字（旧版证件为10位数字）' });
    }
  });
});

describe('台湾居民来往大陆通行证', () => {
  it('accepts 8 digits', () => {
    expect(validateIdDocument('taiwan_permit', '０１２３４５６７')).toEqual({ ok: true, normalized: '01234567' });
  });
  it('rejects other shapes', () => {
    for (const bad of ['1234567', '123456789', '1234567890', '1234567890(B)', 'T1234567']) {
      expect(validateIdDocument('taiwan_permit', bad)).toEqual({ ok: false, message: '台湾居民来往大陆通行证号码应为8位数字（卡式台胞证上的号码）' });
    }
  });
});

describe('idDocumentSchema', () => {
  it('returns the normalized number', () => {
    expect(idDocumentSchema.parse({ type: 'resident_id', number: '11010519491231002x' })).toEqual({ type: 'resident_id', number: '11010519491231002X' });
  });
  it('puts the Chinese message on the number field', () => {
    const r = idDocumentSchema.safeParse({ type: 'hk_macau_permit', number: 'X1' });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues).toHaveLength(1);
      expect(r.error.issues[0].path).toEqual(['number']);
      expect(r.error.issues[0].message).toContain('H（香港）或M（澳门）');
    }
  });
  it('rejects an unknown document type', () => {
    const r = idDocumentSchema.safeParse({ type: 'passport', number: 'E12345678' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0].message).toContain('请选择证件类型');
  });
  it('normalizeIdInput is exported for display use', () => {
    expect(normalizeIdInput(' h 1234 5678 ')).toBe('H12345678');
  });
});
