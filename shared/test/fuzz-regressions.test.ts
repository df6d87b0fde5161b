import { CALENDAR_DATE_RE, checkEligibility, eligibilityBodySchema, isCalendarDate, policyRuleSchema } from '../src';

/** Rule- and schema-level guards for inputs the fuzzer (`npm run fuzz`) sent. */
const TODAY = new Date('2026-06-15T02:00:00Z');

describe('calendar dates', () => {
  it('the pattern accepts exactly the real dates of 1900–2099', () => {
    let mismatches = 0;
    for (let y = 1899; y <= 2100; y++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const dt = new Date(Date.UTC(y, m - 1, d));
          const real = y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
          if (isCalendarDate(s) !== real) mismatches++;
        }
      }
    }
    expect(mismatches).toBe(0);
    expect(CALENDAR_DATE_RE.test('1990-02-30')).toBe(false);
    expect(CALENDAR_DATE_RE.test(' 1990-02-03')).toBe(false);
  });

  it('the eligibility body refuses 1990-02-30 with a message naming the field', () => {
    const r = eligibilityBodySchema.safeParse({ idType: 'taiwan_permit', birthDate: '1990-02-30', ableToWork: true, wantsWork: true, currentlyEmployed: false });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0]!.path).toEqual(['birthDate']);
      expect(r.error.issues[0]!.message).toContain('出生日期');
    }
  });
});

describe('checkEligibility never throws on an impossible birth date', () => {
  it.each(['1990-02-30', '0000-00-00', '1990-13-01'])('%s is a birthDate issue, not a RangeError', (birthDate) => {
    const r = checkEligibility({ idType: 'taiwan_permit', birthDate, ableToWork: true, wantsWork: true, currentlyEmployed: false } as never, TODAY);
    expect(r.eligible).toBe(false);
    expect(r.retirementDate).toBeNull();
    expect(r.issues).toEqual([{ field: 'birthDate', message: `出生日期不是有效日期：${birthDate}` }]);
  });
  it('a real date is still judged', () => {
    const r = checkEligibility({ idType: 'taiwan_permit', birthDate: '1990-02-28', sex: 'male', ableToWork: true, wantsWork: true, currentlyEmployed: false }, TODAY);
    expect(r.eligible).toBe(true);
    expect(r.retirementDate).toBe('2053-02-28');
  });
});

describe('rule conditions', () => {
  const rule = (when: unknown) => ({ requirements: [{ when, met: 'a', missing: 'b' }], examples: [{ name: 'x', facts: {}, eligible: false }] });
  it('in / notIn take a list; other operators a single value', () => {
    expect(policyRuleSchema.safeParse(rule({ fact: 'education', operator: 'in', value: ['大专'] })).success).toBe(true);
    expect(policyRuleSchema.safeParse(rule({ fact: 'education', operator: 'in', value: '大专' })).success).toBe(false);
    expect(policyRuleSchema.safeParse(rule({ fact: 'age', operator: 'notIn', value: 30 })).success).toBe(false);
    expect(policyRuleSchema.safeParse(rule({ fact: 'age', operator: 'greaterThanInclusive', value: 30 })).success).toBe(true);
    expect(policyRuleSchema.safeParse(rule({ fact: 'age', operator: 'equal', value: [30] })).success).toBe(false);
    expect(policyRuleSchema.safeParse(rule({ all: [{ fact: 'difficulty', operator: 'contains', value: '残疾人' }] })).success).toBe(true);
  });
});
