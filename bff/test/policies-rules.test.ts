import { INDIVIDUAL_QUESTIONS, EMPLOYER_QUESTIONS, DIFFICULTY_CATEGORIES, factsOf, visibleAnswers, type PersonFacts } from '@doorstep/shared';
import { PolicyEvaluator, toMatches, validateRule } from '../src/modules/policies/rules';
import { PolicySearchIndex, highlightText, queryTerms } from '../src/modules/policies/search';
import { NOW, PERSONAS, SAMPLES, evaluableSamples, indexedSamples } from './support/policy-fixtures';

/** Rules, calculator and search without a database: the sample catalog is the fixture. */

const evaluator = new PolicyEvaluator(evaluableSamples());
const calc = async (name: keyof typeof PERSONAS) => {
  const p = PERSONAS[name];
  return toMatches(await evaluator.evaluate(p.audience, visibleAnswers(p.audience, p.facts), NOW));
};
const ids = (ms: { policy: { id: string } }[]) => ms.map((m) => m.policy.id).sort();

describe('sample catalog', () => {
  it('has at least 20 policies for both audiences, all marked as sample data', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(20);
    expect(SAMPLES.filter((p) => p.audience === 'employer').length).toBeGreaterThanOrEqual(5);
    expect(SAMPLES.every((p) => p.sample && p.regionScope.includes('示例'))).toBe(true);
    expect(new Set(SAMPLES.map((p) => p.slug)).size).toBe(SAMPLES.length);
  });

  it.each(evaluableSamples().map((p) => [p.id, p] as const))('rule of %s passes its own example cases', async (_id, p) => {
    expect(await validateRule(p, NOW)).toEqual([]);
  });
});

describe('calculator on personas', () => {
  it('a graduate from a low-income family', async () => {
    const r = await calc('lowIncomeGraduate');
    expect(ids(r.eligible)).toEqual(['free-employment-services', 'graduate-real-name-service', 'internship-youth', 'job-search-subsidy']);
    const jobSearch = r.eligible.find((m) => m.policy.id === 'job-search-subsidy')!;
    expect(jobSearch.amount).toBe(1000);
    expect(jobSearch.amountText).toBe('约 1,000 元');
    expect(jobSearch.reasons).toEqual(['属于毕业年度高校毕业生', '属于困难家庭或残疾毕业生']);
    // Registering as unemployed is the one thing missing for one-to-one assistance.
    const assist = r.almost.find((m) => m.policy.id === 'employment-assistance')!;
    expect(assist.missing).toContain('失业登记');
    expect(assist.reasons).toEqual(['属于就业困难人员']);
  });

  it('a 4050 long-term unemployed person', async () => {
    const r = await calc('longTermUnemployed4050');
    expect(ids(r.eligible)).toEqual(['employment-assistance', 'free-employment-services', 'public-welfare-post', 'unemployed-medical-insurance', 'unemployment-benefit']);
    expect(r.eligible[0].policy.id).toBe('unemployment-benefit'); // largest amount first
    expect(r.eligible[0].amount).toBe(40176); // 12 years insured → 24 months × 1,674 (90 % of 1,860)
    expect(r.eligible[0].reasons).toContain('失业前缴纳失业保险满 1 年');
    expect(r.almost.find((m) => m.policy.id === 'vocational-training-subsidy')!.missing).toBe('需报名参加职业技能培训');
  });

  it('a flexible worker paying social insurance', async () => {
    const r = await calc('flexibleWorker');
    expect(ids(r.eligible)).toEqual(['flexible-employment-insurance-subsidy']);
    expect(r.eligible[0].amount).toBe(7200);
    expect(r.eligible[0].reasons).toEqual(['灵活就业并以个人身份缴纳社保', '属于就业困难人员或离校 2 年内高校毕业生']);
    expect(r.eligible[0].materials.length).toBeGreaterThan(0);
  });

  it('a small firm hiring people with employment difficulties', async () => {
    const r = await calc('smallFirmHiringDifficult');
    expect(ids(r.eligible)).toEqual(['employer-insurance-subsidy-difficult', 'job-retention-refund', 'small-firm-guaranteed-loan']);
    expect(r.eligible[0]).toMatchObject({ amount: 18000, amountText: '约 1.8 万元/年' });
    expect(r.almost.find((m) => m.policy.id === 'one-time-hiring-subsidy')!.missing).toContain('高校毕业生');
  });

  it('a person eligible for nothing gets no eligible policies and no hard misses as "almost"', async () => {
    const r = await calc('eligibleForNothing');
    expect(r.eligible).toEqual([]);
    expect(ids(r.almost)).toEqual(['free-employment-services']);
  });

  it('unknown facts count as not met (never as met)', async () => {
    const r = toMatches(await evaluator.evaluate('individual', {}, NOW));
    expect(r.eligible).toEqual([]);
  });
});

describe('questionnaires', () => {
  it('ask at most 10 questions each and only about facts some rule of the audience reads', () => {
    for (const [audience, qs] of [['individual', INDIVIDUAL_QUESTIONS], ['employer', EMPLOYER_QUESTIONS]] as const) {
      expect(qs.length).toBeLessThanOrEqual(10);
      const used = new Set<string>();
      for (const p of SAMPLES.filter((s) => s.audience === audience)) for (const r of p.rule.requirements) factsOf(r.when, used);
      for (const q of qs) expect({ fact: q.fact, used: used.has(q.fact) }).toEqual({ fact: q.fact, used: true });
      for (const f of used) if (f !== 'yearsSinceGraduation' && f !== 'difficultyCount') expect(qs.map((q) => q.fact)).toContain(f);
    }
  });

  it('questions hidden by branching cannot change the result (random people)', async () => {
    let seed = 42;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    for (let i = 0; i < 300; i++) {
      const facts: PersonFacts = {
        age: 16 + Math.floor(rnd() * 50), graduationYear: pick([2020, 2024, 2025, 2026]), registeredUnemployed: rnd() < 0.5, leftJobInvoluntarily: rnd() < 0.5,
        insuredYears: pick([0, 1, 6, 12]), unemployedMonths: pick([0, 3, 13]), difficulty: DIFFICULTY_CATEGORIES.filter(() => rnd() < 0.2),
        flexibleEmployedWithInsurance: rnd() < 0.3, startingBusiness: rnd() < 0.3, wantsTraining: rnd() < 0.5,
      };
      const all = await evaluator.evaluate('individual', facts, NOW);
      const asked = await evaluator.evaluate('individual', visibleAnswers('individual', facts), NOW);
      const key = (vs: typeof all) => vs.filter((v) => v.eligible).map((v) => `${v.policy.id}:${v.amount}`).sort();
      expect(key(asked)).toEqual(key(all));
    }
  });
});

describe('rule validation on save', () => {
  const base = evaluableSamples()[0];
  it('rejects an unknown fact and a wrong operator with field paths', async () => {
    const bad = { ...base, rule: { requirements: [{ when: { fact: 'salary', operator: 'between', value: 1 }, met: 'a', missing: 'b' }], examples: [{ name: 'x', facts: {}, eligible: false }] } };
    const problems = await validateRule(bad, NOW);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].field).toMatch(/^rule\.requirements\.0\.when/);
  });
  it('rejects a rule whose example disagrees with it', async () => {
    const wrong = { ...base, rule: { ...base.rule, examples: [{ name: '应该符合', facts: { registeredUnemployed: true }, eligible: true }] } };
    expect(await validateRule(wrong, NOW)).toEqual([{ field: 'rule.examples.0', message: '示例“应该符合”应为符合，规则算出的是不符合' }]);
  });
  it('requires at least one example', async () => {
    const none = { ...base, rule: { ...base.rule, examples: [] } };
    expect((await validateRule(none, NOW))[0].field).toBe('rule.examples');
  });
});

describe('search relevance', () => {
  const index = new PolicySearchIndex(indexedSamples());
  // [query, expected first result, other results that must be in the top 3]
  const RELEVANCE: [string, string, string[]][] = [
    ['失业金', 'unemployment-benefit', ['unemployed-medical-insurance']],
    ['失业保险金怎么领', 'unemployment-benefit', []],
    ['社保补贴', 'flexible-employment-insurance-subsidy', ['employer-insurance-subsidy-difficult']],
    ['打零工 社保', 'flexible-employment-insurance-subsidy', []],
    ['创业贷', 'startup-guaranteed-loan', ['small-firm-guaranteed-loan']],
    ['一次性创业补贴', 'startup-subsidy', []],
    ['公益岗', 'public-welfare-post', []],
    ['见习', 'internship-youth', ['internship-base-subsidy']],
    ['稳岗补贴', 'job-retention-refund', []],
    ['招人补贴', 'one-time-hiring-subsidy', []],
    ['零就业家庭', 'zero-employment-family', []],
    ['残疾人创业', 'disabled-startup-support', []],
    ['低保 毕业生', 'job-search-subsidy', []],
    ['贫困户', 'poverty-migrant-transport', []],
    ['医保', 'unemployed-medical-insurance', []],
    ['学技术', 'vocational-training-subsidy', []],
    ['求职创业补贴', 'job-search-subsidy', []],
    ['大学生', 'graduate-real-name-service', ['small-firm-graduate-insurance', 'internship-youth']],
  ];
  it.each(RELEVANCE)('“%s” ranks %s first', (q, first, alsoTop3) => {
    const hits = index.search(q).hits.map((h) => h.id);
    expect(hits[0]).toBe(first);
    for (const id of alsoTop3) expect(hits.slice(0, 3)).toContain(id);
  });

  it('has at least 15 relevance queries', () => expect(RELEVANCE.length).toBeGreaterThanOrEqual(15));

  it('expands synonyms and segments words (not single characters)', () => {
    const q = queryTerms('失业金');
    expect(q.terms).toEqual(expect.arrayContaining(['失业', '保险金', '§失业保险金']));
    expect(q.terms).not.toContain('金');
  });

  it('filters by audience, category and target group', () => {
    expect(index.search('补贴', { audience: 'employer' }).hits.every((h) => SAMPLES.find((s) => s.slug === h.id)!.audience === 'employer')).toBe(true);
    expect(index.search('', { category: '创业' }).hits.map((h) => h.id).sort()).toEqual(['disabled-startup-support', 'small-firm-guaranteed-loan', 'startup-guaranteed-loan', 'startup-subsidy']);
    expect(index.search('补贴', { group: '残疾人' }).hits.map((h) => h.id)).toContain('job-search-subsidy');
    expect(index.search('社保', { audience: 'individual' }).hits.map((h) => h.id)).not.toContain('employer-insurance-subsidy-difficult');
  });

  it('returns highlight ranges over the matched words and never HTML', () => {
    const hit = index.search('失业金').hits[0];
    expect(hit.titleHl).toEqual({ text: '失业保险金', ranges: [[0, 5]] });
    expect(hit.snippet!.ranges.length).toBeGreaterThan(0);
    for (const [a, b] of hit.snippet!.ranges) expect(hit.snippet!.text.slice(a, b)).toMatch(/失业|保险/);
    expect(highlightText('<b>创业</b>', ['创业'])).toEqual({ text: '<b>创业</b>', ranges: [[3, 5]] });
  });

  it('rebuilds when the catalog changes', () => {
    const idx = new PolicySearchIndex(indexedSamples());
    expect(idx.search('失业金').hits[0].id).toBe('unemployment-benefit');
    idx.build(indexedSamples().filter((d) => d.id !== 'unemployment-benefit'));
    expect(idx.search('失业金').hits.map((h) => h.id)).not.toContain('unemployment-benefit');
  });
});
