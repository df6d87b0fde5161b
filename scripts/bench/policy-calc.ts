// Benchmark: evaluating every sample policy for one person with json-rules-engine (as the BFF does).
// Run: npx tsx scripts/bench/policy-calc.ts   (target ≤ 2 ms per person; not a timed test)
// BENCH_ROUNDS (default 3): independent rounds over 2,000 people; medians of the rounds are reported.
import { DIFFICULTY_CATEGORIES, SAMPLE_POLICIES, policyInputSchema, type PersonFacts } from '@doorstep/shared';
import { PolicyEvaluator, toMatches, type EvaluablePolicy } from '../../bff/src/modules/policies/rules';
import { cardOf } from '../../bff/src/modules/policies/service';
import { ROUNDS, fmt, mean, median, quantile, report } from './util';

const policies: EvaluablePolicy[] = SAMPLE_POLICIES.map((raw) => {
  const c = policyInputSchema.parse(raw);
  return { id: c.slug, audience: c.audience, rule: c.rule, formula: c.benefit.formula, unit: c.benefit.unit, card: cardOf(c.slug, c), materials: c.materials, online: c.howToApply.online };
});
const evaluator = new PolicyEvaluator(policies);
const now = Date.now();

let seed = 7;
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
const people: PersonFacts[] = Array.from({ length: 2000 }, () => ({
  age: 18 + Math.floor(rnd() * 45), graduationYear: 2018 + Math.floor(rnd() * 9), registeredUnemployed: rnd() < 0.5, leftJobInvoluntarily: rnd() < 0.5,
  insuredYears: Math.floor(rnd() * 15), unemployedMonths: Math.floor(rnd() * 24), difficulty: DIFFICULTY_CATEGORIES.filter(() => rnd() < 0.2),
  flexibleEmployedWithInsurance: rnd() < 0.3, startingBusiness: rnd() < 0.3, wantsTraining: rnd() < 0.5,
  employerSize: rnd() < 0.6 ? '小微' : '中型', paysUnemploymentInsurance: rnd() < 0.8, layoffRateOk: rnd() < 0.8, hiresDifficultCount: Math.floor(rnd() * 3), newGraduateHires: Math.floor(rnd() * 3), hostsInterns: rnd() < 0.3, organizesTraining: rnd() < 0.3,
}));

async function onePerson(f: PersonFacts) {
  // All policies: both audiences' engines, then the result shaping the API does.
  const a = await evaluator.evaluate('individual', f, now);
  const b = await evaluator.evaluate('employer', f, now);
  return toMatches([...a, ...b]);
}

(async () => {
  for (const f of people.slice(0, 300)) await onePerson(f); // warm up
  const rounds: { mean: number; p50: number; p95: number; p99: number }[] = [];
  let eligible = 0;
  let evaluations = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const perPerson: number[] = [];
    for (const f of people) {
      const t0 = process.hrtime.bigint();
      const m = await onePerson(f);
      perPerson.push(Number(process.hrtime.bigint() - t0) / 1e6);
      eligible += m.eligible.length;
      evaluations += 1;
    }
    rounds.push({ mean: mean(perPerson), p50: quantile(perPerson, 0.5), p95: quantile(perPerson, 0.95), p99: quantile(perPerson, 0.99) });
    console.log(`round ${r + 1}: mean ${fmt(rounds[r]!.mean, 3)} ms, p50 ${fmt(rounds[r]!.p50, 3)} ms, p99 ${fmt(rounds[r]!.p99, 3)} ms`);
  }
  const m = (k: 'mean' | 'p50' | 'p95' | 'p99') => median(rounds.map((x) => x[k]));
  console.log(`policies: ${policies.length}, people: ${people.length} × ${ROUNDS} rounds, avg eligible ${(eligible / evaluations).toFixed(1)}`);
  console.log(`per person (all policies, both audiences, result shaping): mean ${fmt(m('mean'), 3)} ms, p50 ${fmt(m('p50'), 3)} ms, p95 ${fmt(m('p95'), 3)} ms, p99 ${fmt(m('p99'), 3)} ms (medians of rounds)`);
  report('policy-calc', [{ target: 'policy calculator ≤ 2 ms per evaluation of all policies for one person (mean)', figure: `mean ${fmt(m('mean'), 3)} ms, p50 ${fmt(m('p50'), 3)} ms, p99 ${fmt(m('p99'), 3)} ms over ${policies.length} policies`, pass: m('mean') <= 2 }]);
})();
