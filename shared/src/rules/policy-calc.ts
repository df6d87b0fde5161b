import type { AmountFormula, DerivedFacts, PersonFacts, PolicyAudience, PolicyQuestion, RuleCondition } from '../schemas/policy';

/** Calendar year in China (UTC+8), the year graduation and periods are counted in. */
export function chinaYear(nowMs: number): number {
  return new Date(nowMs + 8 * 3600_000).getUTCFullYear();
}

/** Adds the values rules read but nobody answers directly. */
export function deriveFacts(facts: PersonFacts, nowMs: number): DerivedFacts {
  const out: DerivedFacts = { ...facts };
  if (typeof facts.graduationYear === 'number') out.yearsSinceGraduation = chinaYear(nowMs) - facts.graduationYear;
  if (Array.isArray(facts.difficulty)) out.difficultyCount = facts.difficulty.length;
  return out;
}

/** Estimated amount of a benefit for these facts, or null when the policy has no cash amount. */
export function estimateAmount(formula: AmountFormula | null | undefined, facts: DerivedFacts): number | null {
  if (!formula) return null;
  let total = 0;
  let any = false;
  if (typeof formula.fixed === 'number') { total += formula.fixed; any = true; }
  if (formula.perUnit) {
    const v = Number((facts as Record<string, unknown>)[formula.perUnit.fact] ?? 0);
    const units = Math.max(0, Math.min(Number.isFinite(v) ? Math.floor(v) : 0, formula.perUnit.max ?? Infinity));
    total += units * formula.perUnit.amount;
    any = true;
  }
  if (formula.tiers) {
    const v = Number((facts as Record<string, unknown>)[formula.tiers.fact]);
    const steps = [...formula.tiers.steps].sort((a, b) => b.gte - a.gte);
    const step = Number.isFinite(v) ? steps.find((s) => v >= s.gte) : undefined;
    if (step) total += step.amount;
    any = true;
  }
  return any ? Math.round(total) : null;
}

export function formatYuan(amount: number | null, unit = '元'): string {
  if (amount === null) return '按实际核定';
  if (amount >= 10000 && amount % 100 === 0) return `约 ${(amount / 10000).toFixed(amount % 10000 === 0 ? 0 : 2).replace(/\.?0+$/, '')} 万${unit}`;
  return `约 ${amount.toLocaleString('en-US')} ${unit}`;
}

/** Facts a condition tree reads (used to decide which questions matter). */
export function factsOf(cond: RuleCondition, into: Set<string> = new Set()): Set<string> {
  if ('fact' in cond) {
    into.add(cond.fact);
    if (cond.fact === 'yearsSinceGraduation') into.add('graduationYear');
    if (cond.fact === 'difficultyCount') into.add('difficulty');
  } else if ('any' in cond) cond.any.forEach((c) => factsOf(c, into));
  else cond.all.forEach((c) => factsOf(c, into));
  return into;
}

export const INDIVIDUAL_QUESTIONS: PolicyQuestion[] = [
  { fact: 'age', text: '您今年多大年龄？', type: 'number' },
  { fact: 'graduationYear', text: '如果您是大学、大专或技工院校毕业生，是哪一年毕业的？', help: '不是毕业生可以跳过', type: 'number' },
  { fact: 'registeredUnemployed', text: '您现在是否已在人社部门办理了失业登记？', type: 'boolean' },
  { fact: 'leftJobInvoluntarily', text: '上一份工作是不是单位辞退、合同到期不续签等“非本人意愿”离职？', type: 'boolean', showIf: [{ fact: 'registeredUnemployed', in: [true] }] },
  { fact: 'insuredYears', text: '失业前您一共缴纳失业保险几年？', help: '不满 1 年请填 0', type: 'number', showIf: [{ fact: 'leftJobInvoluntarily', in: [true] }] },
  { fact: 'unemployedMonths', text: '您已经失业几个月了？', type: 'number', showIf: [{ fact: 'registeredUnemployed', in: [true] }] },
  { fact: 'difficulty', text: '您本人或家庭是否属于以下情况？（可多选，都不是就不选）', type: 'multi', options: ['零就业家庭', '残疾', '低收入家庭', '4050', '长期失业', '脱贫人口', '困难退役军人'], help: '“4050”指女性满 40 岁、男性满 50 岁；“困难退役军人”指经认定就业困难的退役军人' },
  { fact: 'flexibleEmployedWithInsurance', text: '您现在是否灵活就业（打零工、做个体等），并且自己在缴纳社会保险？', type: 'boolean' },
  { fact: 'startingBusiness', text: '您是否已经或准备自己创业（开小店、办个体户或公司）？', type: 'boolean' },
  { fact: 'wantsTraining', text: '您是否想参加政府补贴的职业技能培训？', type: 'boolean' },
];

export const EMPLOYER_QUESTIONS: PolicyQuestion[] = [
  { fact: 'employerSize', text: '贵单位规模是？', type: 'choice', options: ['小微', '中型', '大型'] },
  { fact: 'paysUnemploymentInsurance', text: '贵单位是否按时足额为职工缴纳失业保险？', type: 'boolean' },
  { fact: 'layoffRateOk', text: '上一年度裁员率是否不高于当地规定的标准（没有或很少裁员）？', type: 'boolean', showIf: [{ fact: 'paysUnemploymentInsurance', in: [true] }] },
  { fact: 'hiresDifficultCount', text: '今年招用了几名就业困难人员（持《就业创业证》认定的）？', type: 'number' },
  { fact: 'newGraduateHires', text: '今年新招用了几名离校 2 年内的高校毕业生或 16-24 岁失业青年？', type: 'number' },
  { fact: 'hostsInterns', text: '贵单位是否是就业见习基地，或愿意组织高校毕业生就业见习？', type: 'boolean' },
  { fact: 'organizesTraining', text: '贵单位是否组织职工参加职业技能培训？', type: 'boolean' },
];

export function questionsFor(audience: PolicyAudience): PolicyQuestion[] {
  return audience === 'individual' ? INDIVIDUAL_QUESTIONS : EMPLOYER_QUESTIONS;
}

/** Whether a question is asked given the answers so far (its branch conditions hold). */
export function isQuestionVisible(q: PolicyQuestion, answers: Record<string, unknown>): boolean {
  return (q.showIf ?? []).every((c) => {
    const v = answers[c.fact];
    if (v === undefined || v === null) return false;
    if (c.in && !c.in.includes(v as never)) return false;
    if (typeof c.max === 'number' && !(typeof v === 'number' && v <= c.max)) return false;
    return true;
  });
}

/**
 * Drops answers to questions that are hidden by the branches (they cannot change the result).
 * Branches are checked against the answers kept so far, so hiding is transitive: a question whose
 * condition is itself hidden (insured years when not registered unemployed) is dropped too.
 */
export function visibleAnswers(audience: PolicyAudience, answers: PersonFacts): PersonFacts {
  const out: Record<string, unknown> = {};
  const a = answers as Record<string, unknown>;
  for (const q of questionsFor(audience)) {
    if (a[q.fact] !== undefined && isQuestionVisible(q, out)) out[q.fact] = a[q.fact];
  }
  return out as PersonFacts;
}
