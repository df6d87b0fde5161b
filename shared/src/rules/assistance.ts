/**
 * 就业援助: 就业困难人员认定 and 一人一策 (人社部发〔2018〕77号 八: 对就业困难人员实行实名制动态管理和分类帮扶，
 * 指定专人负责，制定个性化就业援助计划; 吉就组办〔2022〕1号 二(三): 一人一策). Pure and zod-free, so the
 * mini-program can import it.
 *
 * The categories are the local rule list (a city edits it here): each with what a person shows to be
 * recognised and the 困难类别 of the policy facts it stands for. Only a *recognised* category, approved by
 * staff and still within its validity period, reaches the policy facts and the inbox priority; what a
 * person declared on the registration form does not.
 */
import { toChinaDateString } from './workdays';

export const ASSISTANCE_CATEGORIES = [
  'age_4050', 'disabled', 'low_income_family', 'zero_employment_family', 'long_term_unemployed', 'poverty_alleviated', 'veteran_hardship',
] as const;
export type AssistanceCategory = (typeof ASSISTANCE_CATEGORIES)[number];

/** The 困难类别 words of the policy facts (DIFFICULTY_CATEGORIES in schemas/policy.ts). */
export type PolicyDifficulty = '零就业家庭' | '残疾' | '低收入家庭' | '4050' | '长期失业' | '脱贫人口' | '困难退役军人';

export interface AssistanceCategoryRule {
  label: string;
  /** What the person is asked to show (the evidence note names it). */
  evidence: string;
  difficulty: PolicyDifficulty;
}

export const ASSISTANCE_CATEGORY_RULES: Record<AssistanceCategory, AssistanceCategoryRule> = {
  age_4050: { label: '大龄失业人员（女 40 岁、男 50 岁以上）', evidence: '居民身份证（核对出生日期）', difficulty: '4050' },
  disabled: { label: '残疾人', evidence: '《中华人民共和国残疾人证》', difficulty: '残疾' },
  low_income_family: { label: '城乡低保 / 低收入家庭成员', evidence: '民政部门出具的低保证或低收入家庭认定证明', difficulty: '低收入家庭' },
  zero_employment_family: { label: '零就业家庭成员', evidence: '户口簿和社区（村）出具的家庭成员均无就业的证明', difficulty: '零就业家庭' },
  long_term_unemployed: { label: '连续失业一年以上', evidence: '失业登记记录（系统核对登记时间）', difficulty: '长期失业' },
  poverty_alleviated: { label: '脱贫人口（含防止返贫监测对象）', evidence: '乡村振兴（扶贫）部门的脱贫人口信息', difficulty: '脱贫人口' },
  veteran_hardship: { label: '就业困难退役军人', evidence: '退役证件和退役军人事务部门的困难情形证明', difficulty: '困难退役军人' },
};

export const assistanceCategoryLabel = (c: string): string => (ASSISTANCE_CATEGORY_RULES as Record<string, AssistanceCategoryRule | undefined>)[c]?.label ?? c;

export const RECOGNITION_STATUSES = ['submitted', 'approved', 'returned', 'rejected', 'expired'] as const;
export type RecognitionStatus = (typeof RECOGNITION_STATUSES)[number];
export const RECOGNITION_STATUS_LABELS: Record<RecognitionStatus, string> = {
  submitted: '待认定', approved: '已认定', returned: '退回补充', rejected: '不予认定', expired: '已过有效期',
};

/** Working days staff have to decide an application (this service's own standard). */
export const RECOGNITION_REVIEW_WORKDAYS = 10;
/** Longest validity staff may give, in months (reviewed at least every three years). */
export const RECOGNITION_MAX_VALID_MONTHS = 36;

/** The last day a recognition may be valid until, when decided on `today` (China date). */
export function latestValidUntil(today: Date | string): string {
  const [y, m, d] = (typeof today === 'string' ? today : toChinaDateString(today)).split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + RECOGNITION_MAX_VALID_MONTHS, d));
  return t.toISOString().slice(0, 10);
}

/** Why a validity date cannot be given on `today`, or null when it can. */
export function validUntilProblem(validUntil: string, today: Date | string): string | null {
  const t = typeof today === 'string' ? today : toChinaDateString(today);
  if (validUntil <= t) return '有效期须晚于今天';
  const latest = latestValidUntil(t);
  if (validUntil > latest) return `有效期最长 ${RECOGNITION_MAX_VALID_MONTHS} 个月（不晚于 ${latest}）`;
  return null;
}

/** A recognition counts while approved and today is not after its last valid day. */
export function recognitionCounts(r: { status: string; validUntil?: string | null }, today: Date | string): boolean {
  const t = typeof today === 'string' ? today : toChinaDateString(today);
  return r.status === 'approved' && !!r.validUntil && r.validUntil >= t;
}

/** The 困难类别 of the policy facts that recognised categories stand for. */
export function recognisedDifficulties(categories: readonly string[]): PolicyDifficulty[] {
  const out = new Set<PolicyDifficulty>();
  for (const c of categories) {
    const rule = (ASSISTANCE_CATEGORY_RULES as Record<string, AssistanceCategoryRule | undefined>)[c];
    if (rule) out.add(rule.difficulty);
  }
  return [...out];
}

// ---- 一人一策: the plan ---------------------------------------------------------------------

export const PLAN_STEP_KINDS = ['career_guidance', 'skills_training', 'job_referral', 'public_welfare_job', 'internship', 'startup_service', 'other'] as const;
export type PlanStepKind = (typeof PLAN_STEP_KINDS)[number];
export const PLAN_STEP_LABELS: Record<PlanStepKind, string> = {
  career_guidance: '职业指导', skills_training: '技能培训', job_referral: '岗位推荐', public_welfare_job: '公益性岗位安置', internship: '就业见习', startup_service: '创业服务', other: '其他帮扶',
};
/** 岗位推荐 is done only after this many referrals (at least three suitable jobs). */
export const MIN_JOB_REFERRALS = 3;

export const PLAN_STEP_STATUSES = ['open', 'done'] as const;
export type PlanStepStatus = (typeof PLAN_STEP_STATUSES)[number];

/** Why a step cannot be marked done, or null. */
export function stepCompletionProblem(step: { kind: string; referrals?: readonly unknown[] }): string | null {
  if (step.kind === 'job_referral' && (step.referrals?.length ?? 0) < MIN_JOB_REFERRALS) {
    return `岗位推荐至少推荐 ${MIN_JOB_REFERRALS} 个岗位才能办结（已推荐 ${step.referrals?.length ?? 0} 个）`;
  }
  return null;
}

/** Open steps whose due date has come (due today or earlier). */
export function dueSteps<S extends { status: string; dueDate: string }>(steps: readonly S[], today: Date | string): S[] {
  const t = typeof today === 'string' ? today : toChinaDateString(today);
  return steps.filter((s) => s.status === 'open' && s.dueDate <= t);
}
