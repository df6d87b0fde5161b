import { isWorkingAge, retirementDate, retirementDelayMonths, type RetirementCategory } from '../src';

const r = (birth: string, c: RetirementCategory) => retirementDate(birth, c);

describe('retirementDate — men (60 → 63, +1 month every 4 months from births in 1965-01)', () => {
  it('is unchanged for men born before 1965', () => {
    expect(r('1964-12-15', 'male')).toEqual({ ageYears: 60, ageMonths: 0, date: '2024-12-15' });
    expect(r('1963-12-01', 'male')).toEqual({ ageYears: 60, ageMonths: 0, date: '2023-12-01' });
  });
  it('adds one month for the first cohort (born 1965-01..1965-04)', () => {
    expect(r('1965-01-10', 'male')).toEqual({ ageYears: 60, ageMonths: 1, date: '2025-02-10' });
    expect(r('1965-04-30', 'male')).toEqual({ ageYears: 60, ageMonths: 1, date: '2025-05-30' });
    expect(r('1965-05-01', 'male')).toEqual({ ageYears: 60, ageMonths: 2, date: '2025-07-01' });
  });
  it('matches mid-transition rows of the official table', () => {
    expect(r('1965-12-15', 'male')).toEqual({ ageYears: 60, ageMonths: 3, date: '2026-03-15' });
    expect(r('1970-06-01', 'male')).toEqual({ ageYears: 61, ageMonths: 5, date: '2031-11-01' }); // 65 months after 1965-01 → floor(65/4)+1 = 17
    expect(r('1976-08-20', 'male')).toEqual({ ageYears: 62, ageMonths: 11, date: '2039-07-20' });
  });
  it('reaches 63 for men born 1976-09 or later', () => {
    expect(r('1976-09-01', 'male')).toEqual({ ageYears: 63, ageMonths: 0, date: '2039-09-01' });
    expect(r('1990-05-20', 'male')).toEqual({ ageYears: 63, ageMonths: 0, date: '2053-05-20' });
    expect(r('2000-12-31', 'male')).toEqual({ ageYears: 63, ageMonths: 0, date: '2063-12-31' });
  });
  it('uses the last day of the month when the birthday has no counterpart', () => {
    expect(r('1965-01-31', 'male').date).toBe('2025-02-28');
    expect(r('1964-02-29', 'male').date).toBe('2024-02-29');
  });
});

describe('retirementDate — women originally 55 (→ 58, +1 month every 4 months from 1970-01)', () => {
  it('is unchanged for women born before 1970', () => {
    expect(r('1969-12-31', 'female_cadre')).toEqual({ ageYears: 55, ageMonths: 0, date: '2024-12-31' });
    expect(r('1963-04-10', 'female_cadre')).toEqual({ ageYears: 55, ageMonths: 0, date: '2018-04-10' });
  });
  it('adds one month for the first cohort', () => {
    expect(r('1970-01-01', 'female_cadre')).toEqual({ ageYears: 55, ageMonths: 1, date: '2025-02-01' });
    expect(r('1970-04-15', 'female_cadre')).toEqual({ ageYears: 55, ageMonths: 1, date: '2025-05-15' });
  });
  it('matches mid-transition rows', () => {
    expect(r('1971-04-08', 'female_cadre')).toEqual({ ageYears: 55, ageMonths: 4, date: '2026-08-08' });
    expect(r('1981-08-08', 'female_cadre')).toEqual({ ageYears: 57, ageMonths: 11, date: '2039-07-08' });
  });
  it('reaches 58 for women born 1981-09 or later', () => {
    expect(r('1981-09-08', 'female_cadre')).toEqual({ ageYears: 58, ageMonths: 0, date: '2039-09-08' });
    expect(r('2000-12-01', 'female_cadre')).toEqual({ ageYears: 58, ageMonths: 0, date: '2058-12-01' });
  });
});

describe('retirementDate — women originally 50 (→ 55, +1 month every 2 months from 1975-01)', () => {
  it('is unchanged for women born before 1975', () => {
    expect(r('1974-12-20', 'female_worker')).toEqual({ ageYears: 50, ageMonths: 0, date: '2024-12-20' });
  });
  it('adds one month for the first cohort (born 1975-01..1975-02)', () => {
    expect(r('1975-01-20', 'female_worker')).toEqual({ ageYears: 50, ageMonths: 1, date: '2025-02-20' });
    expect(r('1975-02-20', 'female_worker')).toEqual({ ageYears: 50, ageMonths: 1, date: '2025-03-20' });
    expect(r('1975-03-20', 'female_worker')).toEqual({ ageYears: 50, ageMonths: 2, date: '2025-05-20' });
  });
  it('matches mid-transition rows', () => {
    expect(r('1980-01-05', 'female_worker')).toEqual({ ageYears: 52, ageMonths: 7, date: '2032-08-05' });
    expect(r('1975-12-31', 'female_worker')).toEqual({ ageYears: 50, ageMonths: 6, date: '2026-06-30' });
    expect(r('1984-10-05', 'female_worker')).toEqual({ ageYears: 54, ageMonths: 11, date: '2039-09-05' });
  });
  it('reaches 55 for women born 1984-11 or later', () => {
    expect(r('1984-11-05', 'female_worker')).toEqual({ ageYears: 55, ageMonths: 0, date: '2039-11-05' });
    expect(r('1995-12-05', 'female_worker')).toEqual({ ageYears: 55, ageMonths: 0, date: '2050-12-05' });
  });
});

describe('retirementDelayMonths follows the cadence month by month', () => {
  it.each([
    ['male', 1965, 4, 36],
    ['female_cadre', 1970, 4, 36],
    ['female_worker', 1975, 2, 60],
  ] as const)('%s from %i: one more month per %i birth months, up to %i', (cat, startYear, step, max) => {
    let prev = 0;
    let runLength = 0;
    for (let i = -24; i < 240; i++) {
      const idx = startYear * 12 + i;
      const d = retirementDelayMonths(Math.floor(idx / 12), (idx % 12) + 1, cat);
      if (i < 0) expect(d).toBe(0);
      if (d === prev) runLength++;
      else {
        expect(d).toBe(prev + 1); // never jumps
        if (prev > 0) expect(runLength).toBe(step);
        prev = d;
        runLength = 1;
      }
    }
    expect(prev).toBe(max);
  });
});

describe('retirementDate input checks', () => {
  it('throws on an impossible birth date', () => {
    expect(() => r('1990-02-30', 'male')).toThrow(RangeError);
    expect(() => r('1990/01/01', 'male')).toThrow(RangeError);
  });
});

describe('isWorkingAge', () => {
  it('starts on the 16th birthday', () => {
    expect(isWorkingAge('2009-07-01', 'male', '2025-06-30')).toEqual({ ok: false, reason: '未满16周岁' });
    expect(isWorkingAge('2009-07-01', 'male', '2025-07-01')).toEqual({ ok: true });
  });
  it('reads a Date as a China calendar date', () => {
    expect(isWorkingAge('2009-07-01', 'female_worker', new Date('2025-06-30T15:59:59Z')).ok).toBe(false);
    expect(isWorkingAge('2009-07-01', 'female_worker', new Date('2025-06-30T16:00:00Z')).ok).toBe(true);
  });
  it('ends on the day statutory retirement age is reached', () => {
    expect(isWorkingAge('1965-12-15', 'male', '2026-03-14')).toEqual({ ok: true });
    expect(isWorkingAge('1965-12-15', 'male', '2026-03-15')).toEqual({ ok: false, reason: '已达到法定退休年龄（60周岁3个月，2026-03-15）' });
  });
  it('uses the category', () => {
    // born 1976-03-10: female_worker retires at 50y8m (2026-11-10), female_cadre at 56y7m (2032-10-10)
    expect(isWorkingAge('1976-03-10', 'female_worker', '2026-12-01')).toEqual({ ok: false, reason: '已达到法定退休年龄（50周岁8个月，2026-11-10）' });
    expect(isWorkingAge('1976-03-10', 'female_cadre', '2026-12-01')).toEqual({ ok: true });
    expect(isWorkingAge('1960-03-10', 'male', '2026-12-01')).toEqual({ ok: false, reason: '已达到法定退休年龄（60周岁，2020-03-10）' });
  });
  it('reports a malformed birth date instead of throwing', () => {
    expect(isWorkingAge('1990-13-01', 'male', '2025-01-01')).toEqual({ ok: false, reason: '出生日期格式不正确' });
  });
});
