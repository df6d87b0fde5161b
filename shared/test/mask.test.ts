import { maskIdNumber, maskName, maskPhone, scrubIdentifiers } from '../src';

describe('masks', () => {
  it('masks the middle of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('abc')).toBe('***');
  });
  it('keeps region prefix and last four of an ID number', () => {
    expect(maskIdNumber('230102199001011234')).toBe('2301**********1234');
    expect(maskIdNumber('H1234567')).toBe('H***4567');
  });
  it('keeps only the family name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李*');
  });
  it('scrubs identifiers out of free text', () => {
    const out = scrubIdentifiers('phone=13812345678 id=23010219900101123X ok 12345');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('23010219900101123X');
    expect(out).toContain('138****5678');
    expect(out).toContain('12345');
  });
});
