import { SAMPLE_POLICIES, policyInputSchema, type PersonFacts, type PolicyInput } from '@doorstep/shared';
import type { EvaluablePolicy } from '../../src/modules/policies/rules';
import { cardOf } from '../../src/modules/policies/service';
import type { IndexedPolicy } from '../../src/modules/policies/search';

/** Sample policies parsed once, with their slugs as ids (tests look results up by slug). */
export const SAMPLES: PolicyInput[] = SAMPLE_POLICIES.map((p) => policyInputSchema.parse(p));

export const evaluableSamples = (): EvaluablePolicy[] =>
  SAMPLES.map((c) => ({ id: c.slug, audience: c.audience, rule: c.rule, formula: c.benefit.formula, unit: c.benefit.unit, card: cardOf(c.slug, c), materials: c.materials, online: c.howToApply.online }));

export const indexedSamples = (): IndexedPolicy[] =>
  SAMPLES.map((c) => ({ id: c.slug, title: c.title, category: c.category, audience: c.audience, summary: c.summary, targetGroups: c.targetGroups, conditions: c.conditions, benefitText: c.benefit.text, faq: c.faq.map((f) => `${f.q}${f.a}`) }));

/** Fixed clock: mid-2026 in China. */
export const NOW = Date.parse('2026-06-15T10:00:00+08:00');

export const PERSONAS: Record<string, { audience: 'individual' | 'employer'; facts: PersonFacts }> = {
  lowIncomeGraduate: { audience: 'individual', facts: { age: 22, graduationYear: 2026, registeredUnemployed: false, difficulty: ['低收入家庭'], flexibleEmployedWithInsurance: false, startingBusiness: false, wantsTraining: false } },
  longTermUnemployed4050: { audience: 'individual', facts: { age: 52, registeredUnemployed: true, leftJobInvoluntarily: true, insuredYears: 12, unemployedMonths: 18, difficulty: ['4050', '长期失业'], flexibleEmployedWithInsurance: false, startingBusiness: false, wantsTraining: false } },
  flexibleWorker: { audience: 'individual', facts: { age: 45, sex: '女', registeredUnemployed: false, difficulty: ['4050'], flexibleEmployedWithInsurance: true, startingBusiness: false, wantsTraining: false } },
  smallFirmHiringDifficult: { audience: 'employer', facts: { employerSize: '小微', paysUnemploymentInsurance: true, layoffRateOk: true, hiresDifficultCount: 2, newGraduateHires: 0, hostsInterns: false, organizesTraining: false } },
  eligibleForNothing: { audience: 'individual', facts: { age: 35, registeredUnemployed: false, difficulty: [], flexibleEmployedWithInsurance: false, startingBusiness: false, wantsTraining: false } },
};
