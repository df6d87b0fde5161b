/**
 * Ending an unemployment registration (注销失业登记) and 就业登记: pure rules, zod-free so the
 * mini-program can import them.
 *
 * Legal basis: 《就业服务与就业管理规定》第六十三条 — 失业人员出现下列情形之一的，由公共就业服务机构注销
 * 其失业登记：（一）被用人单位录用的；（二）从事个体经营或创办企业，并领取工商营业执照的；（三）已从事有稳定
 * 收入的劳动，并且月收入不低于当地最低工资标准的；（四）已享受基本养老保险待遇的；（五）完全丧失劳动能力的；
 * （六）入学、服兵役、移居境外的；（七）被判刑收监执行的；（八）终止就业要求或拒绝接受公共就业服务的；
 * （九）连续6个月未与公共就业服务机构联系的；（十）已进行就业登记的；（十一）其他法律、法规规定的注销情形。
 * Reaching the statutory retirement age ends 劳动年龄 (人社部发〔2018〕77号 三: registration is for
 * 劳动年龄内 workers), so the registration closes on that day (system, `retirement_age`).
 *
 * Who records which:
 *  - the worker may declare facts about themselves they know first-hand: found a job, self-employed,
 *    stable income (with the amount, checked against the minimum wage), drawing a pension, school,
 *    military service, moving abroad, and no longer wanting work (`cancel`);
 *  - staff record everything a worker may, plus what needs an official finding or would be unfair to
 *    leave to the person: 完全丧失劳动能力 (a disability assessment), 被判刑收监执行, 拒绝接受公共就业
 *    服务, 连续6个月未联系 (only when the contact history shows six months without contact) and 其他
 *    (a written explanation is required);
 *  - the system alone records `employment_registered` (through 就业登记, worker or employer) and
 *    `retirement_age`.
 * Each reason says which 失业保险金 stop reason it causes (社会保险法 第五十一条, 失业保险条例 第十五条).
 */
import type { InsuranceStopReason } from './insurance';
import { daysInMonth, formatCalendarDate, parseCalendarDate, toChinaDateString } from './workdays';
import { retirementDate, type RetirementCategory } from './retirement';
import { retirementCategoryOf } from './registration';

export const EXIT_REASONS = [
  'employed', 'self_employed', 'stable_income', 'pension', 'incapacitated', 'enrolled', 'military', 'emigrated',
  'imprisoned', 'cancel', 'refused_service', 'no_contact', 'employment_registered', 'other', 'retirement_age',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];
export type ExitActor = 'worker' | 'staff' | 'system';

export interface ExitReasonRule {
  label: string;
  /** Item of 第六十三条 (null: retirement age). */
  clause: string | null;
  who: readonly ExitActor[];
  /** What the 失业保险金 claim stops for. */
  insuranceStop: InsuranceStopReason;
  /** Needs the employer / business name and the start date. */
  needsEmployer?: boolean;
  /** Needs the monthly income (checked against the minimum wage). */
  needsIncome?: boolean;
  /** Needs a written explanation. */
  needsNote?: boolean;
}

const W: readonly ExitActor[] = ['worker', 'staff'];
const S: readonly ExitActor[] = ['staff'];
const SYS: readonly ExitActor[] = ['system'];

export const EXIT_REASON_RULES: Record<ExitReason, ExitReasonRule> = {
  employed: { label: '被用人单位录用', clause: '（一）', who: W, insuranceStop: 'reemployed', needsEmployer: true },
  self_employed: { label: '从事个体经营或创办企业', clause: '（二）', who: W, insuranceStop: 'reemployed', needsEmployer: true },
  stable_income: { label: '从事有稳定收入的劳动（月收入不低于最低工资）', clause: '（三）', who: W, insuranceStop: 'reemployed', needsIncome: true },
  pension: { label: '已享受基本养老保险待遇', clause: '（四）', who: W, insuranceStop: 'pension' },
  incapacitated: { label: '完全丧失劳动能力', clause: '（五）', who: S, insuranceStop: 'registration_ended', needsNote: true },
  enrolled: { label: '入学', clause: '（六）', who: W, insuranceStop: 'registration_ended' },
  military: { label: '服兵役', clause: '（六）', who: W, insuranceStop: 'military' },
  emigrated: { label: '移居境外', clause: '（六）', who: W, insuranceStop: 'emigrated' },
  imprisoned: { label: '被判刑收监执行', clause: '（七）', who: S, insuranceStop: 'imprisoned' },
  cancel: { label: '终止就业要求（本人申请注销）', clause: '（八）', who: W, insuranceStop: 'registration_ended' },
  refused_service: { label: '拒绝接受公共就业服务', clause: '（八）', who: S, insuranceStop: 'registration_ended', needsNote: true },
  no_contact: { label: '连续6个月未与公共就业服务机构联系', clause: '（九）', who: S, insuranceStop: 'registration_ended' },
  employment_registered: { label: '已进行就业登记', clause: '（十）', who: SYS, insuranceStop: 'reemployed', needsEmployer: true },
  other: { label: '其他', clause: '（十一）', who: S, insuranceStop: 'registration_ended', needsNote: true },
  retirement_age: { label: '达到法定退休年龄', clause: null, who: SYS, insuranceStop: 'retirement_age' },
};

export const WORKER_EXIT_REASONS = EXIT_REASONS.filter((r) => EXIT_REASON_RULES[r].who.includes('worker'));
export const STAFF_EXIT_REASONS = EXIT_REASONS.filter((r) => EXIT_REASON_RULES[r].who.includes('staff'));

export function exitReasonLabel(reason: string): string {
  return (EXIT_REASON_RULES as Record<string, ExitReasonRule | undefined>)[reason]?.label ?? reason;
}

/** Whether `who` may record `reason`. */
export function mayRecordExit(reason: ExitReason, who: ExitActor): boolean {
  return EXIT_REASON_RULES[reason].who.includes(who);
}

/** 第六十三条（三）: null when the income counts, else the reason it does not. */
export function stableIncomeProblem(monthlyIncome: number | undefined, minWageMonthly: number): string | null {
  if (monthlyIncome === undefined || !Number.isFinite(monthlyIncome)) return '请填写月收入';
  if (monthlyIncome < minWageMonthly) return `月收入 ${monthlyIncome} 元低于本市最低工资标准 ${minWageMonthly} 元，不属于“有稳定收入的劳动”，登记可以继续保留`;
  return null;
}

/** The same day `months` months later (the month's last day when it has no such day). */
export function addMonthsToDate(date: string, months: number): string {
  const p = parseCalendarDate(date);
  if (!p) throw new RangeError(`日期格式不正确：${date}`);
  const idx = p.year * 12 + (p.month - 1) + months;
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  return formatCalendarDate(y, m, Math.min(p.day, daysInMonth(y, m)));
}

export const NO_CONTACT_MONTHS = 6;

/**
 * 第六十三条（九）: the registration may be closed for no contact only when the last contact was
 * six whole months ago or more (last contact 2026-01-15 → from 2026-07-15).
 */
export function noContactCheck(lastContact: string | null, today: Date | string): { allowed: boolean; from: string | null; message: string | null } {
  if (!lastContact) return { allowed: false, from: null, message: '没有任何联系记录，无法判断是否连续6个月未联系' };
  const from = addMonthsToDate(lastContact, NO_CONTACT_MONTHS);
  const day = toChinaDateString(today);
  if (day >= from) return { allowed: true, from, message: null };
  return { allowed: false, from, message: `最近一次联系在 ${lastContact}，连续6个月未联系要到 ${from} 才满，现在不能以此注销` };
}

/** The fields an exit form shows for a reason, and which of them must be filled (exitFormProblems). */
export interface ExitFormFields {
  /** Employer / business name and start date (both required). */
  employer: boolean;
  /** What the employer box is called: 就业单位, or the business name for 个体经营. */
  employerLabel: string;
  /** Monthly income in yuan (required; checked against the minimum wage by the server). */
  monthlyIncome: boolean;
  /** The date the fact happened (optional; employer reasons use the start date instead). */
  eventDate: boolean;
  /** The written explanation: required for reasons that need an official finding, optional otherwise. */
  note: 'required' | 'optional';
  /** 连续6个月未联系: the contact history is the evidence and must be shown before closing. */
  contactHistory: boolean;
}

export function exitFormFields(reason: ExitReason): ExitFormFields {
  const r = EXIT_REASON_RULES[reason];
  return {
    employer: !!r.needsEmployer,
    employerLabel: reason === 'self_employed' ? '个体工商户或企业名称' : '就业单位',
    monthlyIncome: !!r.needsIncome,
    eventDate: !r.needsEmployer,
    note: r.needsNote ? 'required' : 'optional',
    contactHistory: reason === 'no_contact',
  };
}

export interface ExitFormValues {
  employer?: string;
  employedOn?: string;
  monthlyIncome?: number;
  note?: string;
}

/**
 * The missing fields of an exit for `reason`, keyed by body field with the Chinese message (the BFF's
 * exit schemas give the same answers, so the form can check before sending).
 */
export function exitFormProblems(reason: ExitReason, v: ExitFormValues): Partial<Record<'employer' | 'employedOn' | 'monthlyIncome' | 'note', string>> {
  const r = EXIT_REASON_RULES[reason];
  const out: Partial<Record<'employer' | 'employedOn' | 'monthlyIncome' | 'note', string>> = {};
  if (r.needsEmployer && !v.employer?.trim()) out.employer = reason === 'self_employed' ? '请填写个体工商户或企业名称' : '请填写就业单位';
  if (r.needsEmployer && !v.employedOn) out.employedOn = '请填写就业日期';
  if (r.needsIncome && (v.monthlyIncome === undefined || !Number.isFinite(v.monthlyIncome))) out.monthlyIncome = '请填写月收入';
  if (r.needsNote && !v.note?.trim()) out.note = `「${r.label}」须写明情况说明`;
  return out;
}

// ---- 就业登记 -------------------------------------------------------------------------------

export const EMPLOYMENT_KINDS = ['labor_contract', 'flexible', 'self_employed', 'public_welfare'] as const;
export type EmploymentKind = (typeof EMPLOYMENT_KINDS)[number];
export const EMPLOYMENT_KIND_LABELS: Record<EmploymentKind, string> = {
  labor_contract: '劳动合同', flexible: '灵活就业', self_employed: '个体经营', public_welfare: '公益性岗位',
};

/**
 * The exit reason a 就业登记 closes the registration with: a job with an employer (劳动合同, 公益性岗位
 * 安置) is （一）被用人单位录用, a business （二）, and 灵活就业 — whose income nobody checked — （十）已进行就业登记.
 */
export function exitReasonForEmployment(kind: EmploymentKind): ExitReason {
  if (kind === 'labor_contract' || kind === 'public_welfare') return 'employed';
  if (kind === 'self_employed') return 'self_employed';
  return 'employment_registered';
}

/** Reasons a job can end that a registration filed after re-employment must give (就业转失业). */
export const JOB_END_REASONS = ['contract_expired', 'dismissed', 'employer_closed', 'resigned', 'other'] as const;

// ---- retirement ------------------------------------------------------------------------------

/**
 * The day a registrant reaches the statutory retirement age (2025 reform, retirement.ts), from the
 * form's birth date, sex and 岗位类别; null when the birth date is missing or not a date.
 */
export function registrationRetiresOn(form: { birthDate?: string | null; sex?: 'male' | 'female' | null; retirementCategory?: RetirementCategory | null }): string | null {
  if (!form.birthDate || !parseCalendarDate(form.birthDate)) return null;
  return retirementDate(form.birthDate, retirementCategoryOf(form.sex ?? null, form.retirementCategory ?? undefined)).date;
}
