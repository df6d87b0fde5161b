import {
  DEFAULT_INSURANCE_STANDARD, addMonths, benefitTotal, calculatorTiers, carriedOverFrom, checkInsuranceEligibility, entitlement, insuredMonths,
  insuredPeriodProblems, involuntaryVerdict, maskBankAccount, monthOf, monthlyBenefit, paymentRefusal, payableMonths, stopFromMonth, summarize, tierMonths,
  type InsuranceEligibilityInput,
} from '../src/rules/insurance';

const base: InsuranceEligibilityInput = { insuredMonths: 36, unemploymentReason: 'dismissed', registration: 'approved', wantsWork: true, currentlyEmployed: false, stage: 'approval' };

describe('eligibility (社会保险法 第四十五条)', () => {
  it('passes when all four conditions hold', () => {
    expect(checkInsuranceEligibility(base)).toEqual({ eligible: true, failed: [], toVerify: [] });
  });
  it('needs a full year of contributions: 11 months fail, exactly 12 pass', () => {
    const r = checkInsuranceEligibility({ ...base, insuredMonths: 11 });
    expect(r.eligible).toBe(false);
    expect(r.failed.map((f) => f.condition)).toEqual(['insured_one_year']);
    expect(r.failed[0]!.reason).toContain('11 个月');
    expect(checkInsuranceEligibility({ ...base, insuredMonths: 12 }).eligible).toBe(true);
  });
  it('maps the registration 失业原因 values', () => {
    expect(involuntaryVerdict('contract_expired')).toBe('involuntary');
    expect(involuntaryVerdict('dismissed')).toBe('involuntary');
    expect(involuntaryVerdict('employer_closed')).toBe('involuntary');
    expect(involuntaryVerdict('resigned')).toBe('voluntary');
    expect(involuntaryVerdict('resigned', 'unpaid_wages')).toBe('involuntary');
    expect(involuntaryVerdict('graduate')).toBe('no_prior_job');
    expect(involuntaryVerdict('veteran')).toBe('no_prior_job');
    expect(involuntaryVerdict('other')).toBe('to_verify');
    expect(involuntaryVerdict(undefined)).toBe('to_verify');
  });
  it('names every failing condition at once', () => {
    const r = checkInsuranceEligibility({ ...base, insuredMonths: 3, unemploymentReason: 'resigned', registration: 'none', wantsWork: false });
    expect(r.failed.map((f) => f.condition)).toEqual(['insured_one_year', 'involuntary', 'registered', 'seeking_work']);
    expect(r.failed.find((f) => f.condition === 'involuntary')!.label).toBe('非因本人意愿中断就业');
  });
  it('lets a claim be filed with a registration in review and 其他 as reason, but not approved', () => {
    const filing = checkInsuranceEligibility({ ...base, registration: 'pending', unemploymentReason: 'other', stage: 'filing' });
    expect(filing.eligible).toBe(true);
    expect(filing.toVerify.map((f) => f.condition)).toEqual(['involuntary', 'registered']);
    const approval = checkInsuranceEligibility({ ...base, registration: 'pending', unemploymentReason: 'other', stage: 'approval' });
    expect(approval.failed.map((f) => f.condition)).toEqual(['involuntary', 'registered']);
  });
  it('a currently employed person is not seeking work as unemployed', () => {
    expect(checkInsuranceEligibility({ ...base, currentlyEmployed: true }).failed.map((f) => f.condition)).toEqual(['seeking_work']);
  });
});

describe('insured time', () => {
  const history = [
    { employer: '甲厂', from: '2015-01', to: '2019-12', monthsPaid: 60 },
    { employer: '乙公司', from: '2021-01', to: '2025-12', monthsPaid: 58 },
  ];
  it('adds months paid over employers', () => {
    expect(insuredMonths(history)).toBe(118);
  });
  it('restarts after an earlier benefit spell: only months after it count, a straddling period clipped', () => {
    expect(insuredMonths(history, '2020-06')).toBe(58);
    expect(insuredMonths(history, '2023-12')).toBe(24);
    expect(insuredMonths(history, '2025-12')).toBe(0);
  });
  it('checks each period', () => {
    expect(insuredPeriodProblems({ employer: 'x', from: '2020-05', to: '2020-01', monthsPaid: 1 }, '2026-03')[0]!.field).toBe('to');
    expect(insuredPeriodProblems({ employer: 'x', from: '2020-01', to: '2020-12', monthsPaid: 13 }, '2026-03')[0]!.message).toContain('12 个月');
    expect(insuredPeriodProblems({ employer: 'x', from: '2020-01', to: '2026-04', monthsPaid: 3 }, '2026-03')[0]!.message).toContain('不能晚于本月');
    expect(insuredPeriodProblems({ employer: 'x', from: '2020-1', to: '2020-12', monthsPaid: 3 }, '2026-03')[0]!.field).toBe('from');
    expect(insuredPeriodProblems({ employer: 'x', from: '2020-01', to: '2020-12', monthsPaid: 12 }, '2026-03')).toEqual([]);
  });
});

describe('entitlement months (第四十六条)', () => {
  it.each([
    [11, 0], [12, 12], [59, 12], [60, 18], [119, 18], [120, 24], [400, 24],
  ])('%i insured months → %i months', (insured, months) => {
    expect(tierMonths(insured)).toBe(months);
  });
  it('adds months carried over from the earlier spell', () => {
    expect(entitlement(24, 5)).toEqual({ baseMonths: 12, carriedOverMonths: 5, totalMonths: 17, capped: false });
  });
  it('caps at 24 months in all', () => {
    expect(entitlement(72, 6)).toEqual({ baseMonths: 18, carriedOverMonths: 6, totalMonths: 24, capped: false });
    expect(entitlement(72, 7)).toEqual({ baseMonths: 18, carriedOverMonths: 7, totalMonths: 24, capped: true });
    expect(entitlement(150, 10).totalMonths).toBe(24);
  });
  it('carries over only what re-employment left', () => {
    expect(carriedOverFrom({ totalMonths: 12, paidMonths: 4, stopReason: 'reemployed' })).toBe(8);
    expect(carriedOverFrom({ totalMonths: 12, paidMonths: 4, stopReason: 'refused_work' })).toBe(0);
    expect(carriedOverFrom({ totalMonths: 12, paidMonths: 12, stopReason: null })).toBe(0);
    expect(carriedOverFrom(null)).toBe(0);
  });
});

describe('monthly amount (第四十七条)', () => {
  it('is the share of the minimum wage', () => {
    expect(monthlyBenefit(DEFAULT_INSURANCE_STANDARD)).toBe(1674);
    expect(monthlyBenefit({ minWageMonthly: 2000, sharePercent: 85, dibaoMonthly: 800 })).toBe(1700);
  });
  it('never goes below the 低保 line', () => {
    expect(monthlyBenefit({ minWageMonthly: 1000, sharePercent: 70, dibaoMonthly: 739 })).toBe(739);
    expect(monthlyBenefit({ minWageMonthly: 1000, sharePercent: 73.9, dibaoMonthly: 739 })).toBe(739);
    expect(monthlyBenefit({ minWageMonthly: 1000, sharePercent: 74, dibaoMonthly: 739 })).toBe(740);
  });
  it('gives the calculator the same totals', () => {
    expect(calculatorTiers(DEFAULT_INSURANCE_STANDARD)).toEqual([{ gte: 1, amount: 12 * 1674 }, { gte: 5, amount: 18 * 1674 }, { gte: 10, amount: 24 * 1674 }]);
    expect(benefitTotal(72, DEFAULT_INSURANCE_STANDARD)).toBe(18 * 1674);
  });
});

describe('stop rules (第五十一条) and the schedule', () => {
  it('stops from the month after the event', () => {
    expect(stopFromMonth('2026-05-31')).toBe('2026-06');
    expect(stopFromMonth('2026-12-01')).toBe('2027-01');
    expect(monthOf(new Date('2026-05-31T16:30:00Z'))).toBe('2026-06'); // China time
    expect(addMonths('2026-11', 3)).toBe('2027-02');
  });
  const sched = { startMonth: '2026-03', totalMonths: 12, paidMonths: ['2026-03', '2026-04'], stopFrom: null as string | null };
  it('pays each month of the window once, never ahead of time', () => {
    expect(paymentRefusal(sched, '2026-05', '2026-05')).toBeNull();
    expect(paymentRefusal(sched, '2026-04', '2026-05')).toContain('不能重复发放');
    expect(paymentRefusal(sched, '2026-02', '2026-05')).toContain('早于领取起始月');
    expect(paymentRefusal(sched, '2026-06', '2026-05')).toContain('还没到');
    expect(paymentRefusal(sched, '2027-03', '2027-06')).toContain('超出核定的 12 个月');
    expect(paymentRefusal(sched, '2027-02', '2027-02')).toBeNull();
  });
  it('after a stop no later month is payable', () => {
    const stopped = { ...sched, stopFrom: stopFromMonth('2026-05-20') };
    expect(paymentRefusal(stopped, '2026-05', '2026-08')).toBeNull();
    expect(paymentRefusal(stopped, '2026-06', '2026-08')).toContain('已从 2026-06 起停发');
    expect(payableMonths(stopped)).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(summarize(stopped)).toEqual({ monthsApproved: 12, monthsPaid: 2, monthsRemaining: 1, monthsUnclaimed: 10, nextPaymentMonth: '2026-05', overpaidMonths: [] });
  });
  it('summarizes months approved, paid, remaining and next', () => {
    expect(summarize(sched)).toEqual({ monthsApproved: 12, monthsPaid: 2, monthsRemaining: 10, monthsUnclaimed: 0, nextPaymentMonth: '2026-05', overpaidMonths: [] });
  });
  it('shows months paid before a stop was known as overpaid', () => {
    const s = { ...sched, paidMonths: ['2026-03', '2026-04', '2026-05'], stopFrom: '2026-05' };
    expect(summarize(s).overpaidMonths).toEqual(['2026-05']);
    expect(summarize(s).monthsUnclaimed).toBe(10);
  });
  it('masks bank accounts', () => {
    expect(maskBankAccount('6222 0212 3456 7890 123')).toBe('****0123');
  });
});
