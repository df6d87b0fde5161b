import { Engine, type RuleResult } from 'json-rules-engine';
import {
  deriveFacts, estimateAmount, formatYuan, policyRuleSchema,
  type AmountFormula, type PersonFacts, type PolicyAudience, type PolicyCard, type PolicyMatch, type PolicyRule, type RuleCondition,
} from '@doorstep/shared';

/** What the evaluator needs of a policy. */
export interface EvaluablePolicy {
  id: string;
  audience: PolicyAudience;
  rule: PolicyRule;
  formula: AmountFormula | null;
  unit: string;
  card: PolicyCard;
  materials: string[];
  online: boolean;
}

export interface PolicyVerdict {
  policy: EvaluablePolicy;
  eligible: boolean;
  /** Index of each top-level requirement that failed. */
  failed: number[];
  amount: number | null;
}

type EvaluatedCondition = { result?: boolean; any?: EvaluatedCondition[]; all?: EvaluatedCondition[] };

function passed(c: EvaluatedCondition): boolean {
  if (c.any) return c.any.some(passed);
  if (c.all) return c.all.every(passed);
  return c.result === true;
}

/** json-rules-engine rule for one policy: all top-level requirements must hold. */
export function toEngineRule(id: string, rule: PolicyRule) {
  return { name: id, conditions: { all: rule.requirements.map((r) => r.when) as unknown as RuleCondition[] }, event: { type: 'eligible', params: { id } } };
}

function newEngine(): Engine {
  // Facts a person did not give are undefined and make their conditions false (never an error).
  return new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false });
}

/**
 * Evaluates eligibility with json-rules-engine. One engine per audience holds every published rule
 * (compiled once, rebuilt when policies change), so evaluating all policies for one person is one
 * engine run. Per-requirement results come from the engine's own condition results.
 */
export class PolicyEvaluator {
  private engines = new Map<PolicyAudience, Engine>();
  private byId = new Map<string, EvaluablePolicy>();

  constructor(policies: EvaluablePolicy[] = []) { this.load(policies); }

  load(policies: EvaluablePolicy[]): void {
    const engines = new Map<PolicyAudience, Engine>();
    const byId = new Map<string, EvaluablePolicy>();
    for (const p of policies) {
      let e = engines.get(p.audience);
      if (!e) { e = newEngine(); engines.set(p.audience, e); }
      e.addRule(toEngineRule(p.id, p.rule));
      byId.set(p.id, p);
    }
    this.engines = engines;
    this.byId = byId;
  }

  get size(): number { return this.byId.size; }
  has(id: string): boolean { return this.byId.has(id); }

  async evaluate(audience: PolicyAudience, facts: PersonFacts, nowMs: number): Promise<PolicyVerdict[]> {
    const engine = this.engines.get(audience);
    if (!engine) return [];
    return runEngine(engine, this.byId, facts, nowMs);
  }
}

async function runEngine(engine: Engine, byId: Map<string, EvaluablePolicy>, facts: PersonFacts, nowMs: number): Promise<PolicyVerdict[]> {
  const derived = deriveFacts(facts, nowMs);
  const { results, failureResults } = await engine.run(derived as Record<string, unknown>);
  const out: PolicyVerdict[] = [];
  const collect = (r: RuleResult, eligible: boolean) => {
    const policy = byId.get(String(r.name));
    if (!policy) return;
    const tops = ((r.conditions as unknown as { all: EvaluatedCondition[] }).all) ?? [];
    const failed: number[] = [];
    tops.forEach((c, i) => { if (!passed(c)) failed.push(i); });
    out.push({ policy, eligible, failed, amount: eligible ? estimateAmount(policy.formula, derived) : null });
  };
  results.forEach((r) => collect(r, true));
  failureResults.forEach((r) => collect(r, false));
  return out;
}

/** Evaluates one policy alone (examples on save, matching people for one policy). */
export async function evaluateOne(policy: EvaluablePolicy, facts: PersonFacts, nowMs: number): Promise<PolicyVerdict> {
  const engine = newEngine();
  engine.addRule(toEngineRule(policy.id, policy.rule));
  const [v] = await runEngine(engine, new Map([[policy.id, policy]]), facts, nowMs);
  return v;
}

/** Turns verdicts into the calculator's answer: eligible (with reasons) and almost eligible (one soft miss). */
export function toMatches(verdicts: PolicyVerdict[]): { eligible: PolicyMatch[]; almost: PolicyMatch[] } {
  const eligible: PolicyMatch[] = [];
  const almost: PolicyMatch[] = [];
  for (const v of verdicts) {
    const reqs = v.policy.rule.requirements;
    const base = { policy: v.policy.card, materials: v.policy.materials, online: v.policy.online };
    if (v.eligible) {
      eligible.push({ ...base, amount: v.amount, amountText: formatYuan(v.amount, v.policy.unit), reasons: reqs.map((r) => r.met), missing: null });
    } else if (v.failed.length === 1 && !reqs[v.failed[0]].hard) {
      almost.push({ ...base, amount: null, amountText: '', reasons: reqs.filter((_, i) => i !== v.failed[0]).map((r) => r.met), missing: reqs[v.failed[0]].missing });
    }
  }
  const byAmount = (a: PolicyMatch, b: PolicyMatch) => (b.amount ?? -1) - (a.amount ?? -1) || a.policy.title.localeCompare(b.policy.title, 'zh');
  return { eligible: eligible.sort(byAmount), almost: almost.sort(byAmount) };
}

export interface RuleProblem { field: string; message: string }

/** Checks a rule before it is saved: shape, engine compilation, and every example gives its expected answer. */
export async function validateRule(policy: Omit<EvaluablePolicy, 'rule'> & { rule: unknown }, nowMs: number): Promise<RuleProblem[]> {
  const parsed = policyRuleSchema.safeParse(policy.rule);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ field: ['rule', ...i.path].join('.'), message: i.message }));
  const rule = parsed.data;
  const full: EvaluablePolicy = { ...policy, rule };
  try {
    newEngine().addRule(toEngineRule(policy.id, rule));
  } catch (err) {
    return [{ field: 'rule', message: `规则无法被规则引擎读取：${(err as Error).message}` }];
  }
  const problems: RuleProblem[] = [];
  for (const [i, ex] of rule.examples.entries()) {
    const at = ex.asOf ? Date.parse(`${ex.asOf}T12:00:00+08:00`) : nowMs;
    const v = await evaluateOne(full, ex.facts, at);
    if (v.eligible !== ex.eligible) {
      problems.push({ field: `rule.examples.${i}`, message: `示例“${ex.name}”应为${ex.eligible ? '符合' : '不符合'}，规则算出的是${v.eligible ? '符合' : '不符合'}` });
    } else if (ex.eligible && ex.amount !== undefined && v.amount !== ex.amount) {
      problems.push({ field: `rule.examples.${i}`, message: `示例“${ex.name}”金额应为 ${ex.amount ?? '无'}，算出的是 ${v.amount ?? '无'}` });
    }
  }
  return problems;
}
