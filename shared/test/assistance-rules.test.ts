import { ASSISTANCE_CATEGORIES, DIFFICULTY_CATEGORIES, latestValidUntil, recognisedDifficulties, recognitionCounts, stepCompletionProblem, validUntilProblem } from '../src';

describe('就业援助 rules', () => {
  it('every recognition category stands for a policy 困难类别, the veteran one included', () => {
    for (const c of ASSISTANCE_CATEGORIES) expect(DIFFICULTY_CATEGORIES).toContain(recognisedDifficulties([c])[0]);
    expect(recognisedDifficulties(['veteran_hardship', 'disabled', 'disabled'])).toEqual(['困难退役军人', '残疾']);
    expect(recognisedDifficulties(['unknown'])).toEqual([]);
  });

  it('a recognition counts through its last valid day only, and only when approved', () => {
    expect(recognitionCounts({ status: 'approved', validUntil: '2026-06-30' }, '2026-06-30')).toBe(true);
    expect(recognitionCounts({ status: 'approved', validUntil: '2026-06-30' }, '2026-07-01')).toBe(false);
    expect(recognitionCounts({ status: 'submitted', validUntil: null }, '2026-01-01')).toBe(false);
    // China date: 2026-06-30 16:30 UTC is already 07-01 in China.
    expect(recognitionCounts({ status: 'approved', validUntil: '2026-06-30' }, new Date('2026-06-30T16:30:00Z'))).toBe(false);
  });

  it('a validity date lies after today and at most 36 months ahead', () => {
    expect(latestValidUntil('2026-03-10')).toBe('2029-03-10');
    expect(validUntilProblem('2026-03-10', '2026-03-10')).toContain('晚于今天');
    expect(validUntilProblem('2029-03-11', '2026-03-10')).toContain('36 个月');
    expect(validUntilProblem('2029-03-10', '2026-03-10')).toBeNull();
  });

  it('岗位推荐 is done only after three referrals; other steps any time', () => {
    expect(stepCompletionProblem({ kind: 'job_referral', referrals: [1, 2] })).toContain('已推荐 2 个');
    expect(stepCompletionProblem({ kind: 'job_referral', referrals: [1, 2, 3] })).toBeNull();
    expect(stepCompletionProblem({ kind: 'career_guidance' })).toBeNull();
  });
});
