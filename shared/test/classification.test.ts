import { classify, followUpIntervalDays } from '../src/rules/registration';
import type { RegistrationForm } from '../src/schemas/registration';

/** 分层分类: only a recognised 就业困难人员 category makes level A; declarations, age and duration say what to apply for. */
const TODAY = new Date('2026-03-10T09:00:00+08:00');
const base = (over: Partial<RegistrationForm> = {}): RegistrationForm => ({ unemploymentReason: 'dismissed', education: 'senior', hardships: [], ...over }) as RegistrationForm;
const run = (over: Partial<RegistrationForm>, extra: { birthDate?: string; sex?: 'male' | 'female'; since?: string; recognised?: string[] } = {}) =>
  classify({ form: base(over), birthDate: extra.birthDate ?? '1991-05-20', sex: extra.sex ?? 'male', unemployedSince: extra.since ?? '2026-02-28', today: TODAY, recognised: extra.recognised ?? [] });

describe('classify', () => {
  it('a 35-year-old without hardships is a general job seeker (C), followed quarterly', () => {
    const c = run({});
    expect(c).toMatchObject({ category: '一般失业人员', level: 'C', hardship: false });
    expect(followUpIntervalDays(c).days).toBe(90);
  });

  it('a declared hardship alone is 待认定 (B), with the reason naming it and that recognition can be applied for', () => {
    const c = run({ hardships: ['disabled'] });
    expect(c).toMatchObject({ category: '申报就业困难（待认定）', level: 'B', hardship: false });
    expect(c.reasons).toContain('申报困难情形：残疾人（未认定，可申请就业困难人员认定）');
    expect(followUpIntervalDays(c)).toEqual({ days: 30, rule: '待认定的就业困难申报人员每月至少回访一次' });
  });

  it('a recognised category makes 就业困难人员 (A) whatever was declared', () => {
    const c = run({ hardships: [] }, { recognised: ['zero_employment_family'] });
    expect(c).toMatchObject({ category: '就业困难人员', level: 'A', hardship: true });
    expect(c.reasons).toContain('已认定为就业困难人员：零就业家庭成员');
    expect(followUpIntervalDays(c).rule).toBe('就业困难人员每月至少回访一次');
    // A declared category that was recognised is not listed again as pending.
    const both = run({ hardships: ['disabled', 'low_income_family'] }, { recognised: ['disabled'] });
    expect(both.reasons.filter((r) => r.includes('未认定'))).toEqual(['申报困难情形：低保/低收入家庭成员（未认定，可申请就业困难人员认定）']);
  });

  it('a 52-year-old man is 大龄失业人员 (B) until recognised; long-term unemployment keeps its own category', () => {
    const older = run({}, { birthDate: '1973-06-01' });
    expect(older).toMatchObject({ category: '大龄失业人员', level: 'B', hardship: false });
    expect(older.reasons).toContain('可申请就业困难人员认定');
    expect(run({}, { birthDate: '1973-06-01', recognised: ['age_4050'] })).toMatchObject({ category: '就业困难人员', level: 'A' });
    expect(run({}, { since: '2024-12-31' })).toMatchObject({ category: '长期失业人员', level: 'B', longTerm: true });
  });

  it('youth and graduates keep their B categories', () => {
    expect(run({}, { birthDate: '2004-01-01' })).toMatchObject({ category: '青年失业人员', level: 'B' });
    expect(run({ unemploymentReason: 'graduate' }, { birthDate: '2003-01-01' })).toMatchObject({ category: '高校毕业生等青年', level: 'B' });
  });
});
