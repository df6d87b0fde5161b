/**
 * 失业保险金 (unemployment insurance benefit): the pure rules of the claim, zod-free so the
 * mini-program can import them. Sources: 《中华人民共和国社会保险法》
 *  - 第四十五条 who may draw it: (一) unit and person paid unemployment insurance for at least one year
 *    before losing the job; (二) the job ended not by the person's own will; (三) registered as
 *    unemployed and seeking work;
 *  - 第四十六条 how long: cumulative insured time 1 to < 5 years → at most 12 months, 5 to < 10 → 18,
 *    ≥ 10 → 24; after re-employment the insured time is counted anew, and months of the earlier spell
 *    that were due but not drawn are added, at most 24 in all;
 *  - 第四十七条 how much: set locally (here a share of the monthly minimum wage), never below the city
 *    低保 line;
 *  - 第五十一条 when it stops: re-employment, 应征服兵役, 移居境外 (出国（境）定居), drawing a basic pension,
 *    refusing without good reason suitable work or training offered by the public employment service.
 * 人社部发〔2018〕77号 (五): for registered unemployed people who qualify, 落实失业保险金等相关待遇.
 *
 * Months are 'YYYY-MM' strings in China time; dates 'YYYY-MM-DD'.
 */

/** China calendar date of an instant (UTC+8, no DST); local here so this file imports nothing (no zod). */
function chinaDate(d: Date | string): string {
  return new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export type YearMonth = string;

const YM_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(s: string): boolean {
  return YM_RE.test(s);
}

/** 'YYYY-MM' → months since year 0 (for arithmetic). */
export function monthIndex(ym: YearMonth): number {
  const m = YM_RE.exec(ym);
  if (!m) throw new Error(`not a month: ${ym}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthFromIndex(i: number): YearMonth {
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function addMonths(ym: YearMonth, n: number): YearMonth {
  return monthFromIndex(monthIndex(ym) + n);
}

/** The China calendar month of a date ('2026-03-10' or a Date). */
export function monthOf(d: Date | string): YearMonth {
  const s = typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : chinaDate(d);
  return s.slice(0, 7);
}

/** Months from `from` to `to`, both included (0 if `to` is before `from`). */
export function monthsInclusive(from: YearMonth, to: YearMonth): number {
  return Math.max(0, monthIndex(to) - monthIndex(from) + 1);
}

/* ------------------------------------------------------------------ insured time */

/** One stretch of contributions: the employer, the months covered and how many of them were paid. */
export interface InsuredPeriod {
  employer: string;
  from: YearMonth;
  to: YearMonth;
  /** Months in which unit and person both paid (≤ the months from `from` to `to`). */
  monthsPaid: number;
}

/** Problems of a history entry, by field (empty when fine). */
export function insuredPeriodProblems(p: InsuredPeriod, currentMonth: YearMonth): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (!isYearMonth(p.from)) out.push({ field: 'from', message: '开始月份应为 年-月，如 2019-03' });
  if (!isYearMonth(p.to)) out.push({ field: 'to', message: '结束月份应为 年-月，如 2026-01' });
  if (out.length) return out;
  if (monthIndex(p.to) < monthIndex(p.from)) out.push({ field: 'to', message: '结束月份不能早于开始月份' });
  else if (monthIndex(p.to) > monthIndex(currentMonth)) out.push({ field: 'to', message: '结束月份不能晚于本月' });
  else if (p.monthsPaid > monthsInclusive(p.from, p.to)) out.push({ field: 'monthsPaid', message: `缴费月数不能超过这段时间的 ${monthsInclusive(p.from, p.to)} 个月` });
  return out;
}

/**
 * Cumulative insured months (第四十六条). `countAfter`: the last month of an earlier benefit spell —
 * after re-employment the insured time is counted anew, so only contributions after it count (a
 * period that straddles it counts at most its months after it).
 */
export function insuredMonths(history: InsuredPeriod[], countAfter: YearMonth | null = null): number {
  let total = 0;
  for (const p of history) {
    const paid = Math.max(0, Math.floor(p.monthsPaid));
    if (countAfter === null) { total += paid; continue; }
    const after = monthIndex(p.to) - Math.max(monthIndex(p.from) - 1, monthIndex(countAfter));
    total += Math.max(0, Math.min(paid, after));
  }
  return total;
}

/* ------------------------------------------------------------------ entitlement months */

export const ENTITLEMENT_CAP_MONTHS = 24;
/** 第四十六条, as data (the calculator reads the same table). */
export const ENTITLEMENT_TIERS: readonly { minYears: number; months: number }[] = [
  { minYears: 10, months: 24 },
  { minYears: 5, months: 18 },
  { minYears: 1, months: 12 },
];

/** Months of benefit for cumulative insured months of this spell: 0 below one year. */
export function tierMonths(insured: number): number {
  const years = Math.floor(insured) / 12;
  return ENTITLEMENT_TIERS.find((t) => years >= t.minYears)?.months ?? 0;
}

export interface Entitlement {
  /** Months from this spell's insured time. */
  baseMonths: number;
  /** Months due but not drawn in the earlier spell, added (第四十六条). */
  carriedOverMonths: number;
  /** base + carried, at most 24. */
  totalMonths: number;
  /** True when the cap cut something off. */
  capped: boolean;
}

export function entitlement(insured: number, carriedOver = 0): Entitlement {
  const baseMonths = tierMonths(insured);
  const carriedOverMonths = Math.max(0, Math.floor(carriedOver));
  const sum = baseMonths + carriedOverMonths;
  return { baseMonths, carriedOverMonths, totalMonths: Math.min(ENTITLEMENT_CAP_MONTHS, sum), capped: sum > ENTITLEMENT_CAP_MONTHS };
}

/* ------------------------------------------------------------------ eligibility */

/** The registration's 失业原因 values (shared/src/schemas/registration.ts UNEMPLOYMENT_REASONS). */
export type UnemploymentReason = 'contract_expired' | 'dismissed' | 'employer_closed' | 'resigned' | 'graduate' | 'veteran' | 'other';

/**
 * A person who resigned because of the employer's fault (劳动合同法 第三十八条: wages not paid in
 * full and on time, social insurance not paid, unsafe conditions, forced labour …) left not by their
 * own will (失业保险金申领发放办法 第四条 lists it as 非因本人意愿中断就业).
 */
export const EMPLOYER_FAULTS = ['unpaid_wages', 'no_social_insurance', 'unsafe_conditions', 'forced_labour', 'contract_breach'] as const;
export type EmployerFault = (typeof EMPLOYER_FAULTS)[number];
export const EMPLOYER_FAULT_LABELS: Record<EmployerFault, string> = {
  unpaid_wages: '单位未及时足额支付劳动报酬', no_social_insurance: '单位未依法缴纳社会保险费', unsafe_conditions: '单位未提供劳动保护或劳动条件',
  forced_labour: '单位以暴力、威胁等手段强迫劳动', contract_breach: '单位的规章制度违法或以欺诈手段订立合同',
};

export type InvoluntaryVerdict = 'involuntary' | 'voluntary' | 'no_prior_job' | 'to_verify';

/**
 * Maps the registration's 失业原因 to 第四十五条（二）: contract ended / dismissed / employer closed are
 * not by the person's will; resigning is, unless for the employer's fault; graduates and veterans had
 * no insured job to lose; 其他 needs staff to verify the reason (the claim may be filed, approval waits).
 */
export function involuntaryVerdict(reason: UnemploymentReason | null | undefined, employerFault?: EmployerFault | null): InvoluntaryVerdict {
  switch (reason) {
    case 'contract_expired': case 'dismissed': case 'employer_closed': return 'involuntary';
    case 'resigned': return employerFault ? 'involuntary' : 'voluntary';
    case 'graduate': case 'veteran': return 'no_prior_job';
    default: return 'to_verify';
  }
}

export const INSURANCE_CONDITIONS = ['insured_one_year', 'involuntary', 'registered', 'seeking_work'] as const;
export type InsuranceCondition = (typeof INSURANCE_CONDITIONS)[number];
export const INSURANCE_CONDITION_LABELS: Record<InsuranceCondition, string> = {
  insured_one_year: '失业前用人单位和本人已缴纳失业保险费满一年',
  involuntary: '非因本人意愿中断就业',
  registered: '已经进行失业登记',
  seeking_work: '有求职要求',
};

export interface InsuranceEligibilityInput {
  /** Insured months of this spell (insuredMonths()). */
  insuredMonths: number;
  unemploymentReason: UnemploymentReason | null | undefined;
  employerFault?: EmployerFault | null;
  /**
   * The registration's state: 'approved' is registered; 'pending' (submitted, under review) may file
   * with it and is checked again at approval; anything else (none, draft, returned, rejected, exited) is not.
   */
  registration: 'approved' | 'pending' | 'none';
  wantsWork: boolean;
  currentlyEmployed: boolean;
  /**
   * 'filing' lets a claim be filed with a registration still in review and with 其他 as the reason
   * (staff verify); 'approval' needs both settled.
   */
  stage: 'filing' | 'approval';
  /** Staff verified that a reason of 其他 was not the person's own will (approval only). */
  involuntaryConfirmed?: boolean;
}

export interface InsuranceEligibility {
  eligible: boolean;
  /** Each condition that fails, by name, with a plain reason. */
  failed: { condition: InsuranceCondition; label: string; reason: string }[];
  /** Conditions staff must still confirm (filing stage only). */
  toVerify: { condition: InsuranceCondition; label: string; reason: string }[];
}

export function checkInsuranceEligibility(i: InsuranceEligibilityInput): InsuranceEligibility {
  const failed: InsuranceEligibility['failed'] = [];
  const toVerify: InsuranceEligibility['toVerify'] = [];
  const fail = (condition: InsuranceCondition, reason: string) => failed.push({ condition, label: INSURANCE_CONDITION_LABELS[condition], reason });
  const verify = (condition: InsuranceCondition, reason: string) => toVerify.push({ condition, label: INSURANCE_CONDITION_LABELS[condition], reason });

  if (i.insuredMonths < 12) fail('insured_one_year', `累计缴费 ${Math.max(0, Math.floor(i.insuredMonths))} 个月，不满 12 个月（一年）`);
  const v0 = involuntaryVerdict(i.unemploymentReason, i.employerFault);
  const v = v0 === 'to_verify' && i.involuntaryConfirmed ? 'involuntary' : v0;
  if (v === 'voluntary') fail('involuntary', '失业原因为个人辞职；因单位过错（欠薪、未缴社保等）被迫辞职的，请选择单位过错的情形');
  else if (v === 'no_prior_job') fail('involuntary', '失业原因为毕业或退役未就业，失业前没有中断的参保工作');
  else if (v === 'to_verify') {
    if (i.stage === 'approval') fail('involuntary', '失业原因为“其他”，需经办人员核实为非本人意愿后才能通过');
    else verify('involuntary', '失业原因为“其他”，经办人员将核实是否属于非本人意愿');
  }
  if (i.registration === 'none') fail('registered', '还没有办理失业登记（或登记已结束），请先办理失业登记');
  else if (i.registration === 'pending') {
    if (i.stage === 'approval') fail('registered', '失业登记还在办理中，登记通过后才能核定失业保险金');
    else verify('registered', '失业登记正在办理，登记通过后再核定');
  }
  if (!i.wantsWork) fail('seeking_work', '登记中填写了没有就业要求');
  if (i.currentlyEmployed) fail('seeking_work', '登记中填写了目前在职');
  return { eligible: failed.length === 0, failed, toVerify };
}

/* ------------------------------------------------------------------ monthly amount */

/** The local standard (第四十七条), set by the city administrator. */
export interface InsuranceStandard {
  /** 月最低工资标准, yuan. */
  minWageMonthly: number;
  /** Share of it paid as benefit, percent (e.g. 90). */
  sharePercent: number;
  /** 城市居民最低生活保障标准 per month, yuan: the benefit never goes below it. */
  dibaoMonthly: number;
}

/**
 * Demo defaults: 黑龙江省 一类地区 monthly minimum wage 1860 元 (2021 standard, as the gig rules'
 * hourly/daily defaults), benefit 90 % of it, 低保 line 739 元 — labelled defaults; the city
 * administrator sets the current local figures.
 */
export const DEFAULT_INSURANCE_STANDARD: InsuranceStandard = { minWageMonthly: 1860, sharePercent: 90, dibaoMonthly: 739 };

/** Monthly benefit in whole yuan: share × minimum wage, rounded, never below the 低保 line. */
export function monthlyBenefit(s: InsuranceStandard): number {
  const share = Math.round((s.minWageMonthly * s.sharePercent) / 100);
  return Math.max(share, Math.ceil(s.dibaoMonthly));
}

/** Total over the entitlement at this standard (what the policy calculator estimates). */
export function benefitTotal(insured: number, s: InsuranceStandard, carriedOver = 0): number {
  return entitlement(insured, carriedOver).totalMonths * monthlyBenefit(s);
}

/** Policy-calculator tiers (fact insuredYears ≥ gte → total yuan) from the same rule. */
export function calculatorTiers(s: InsuranceStandard): { gte: number; amount: number }[] {
  return [...ENTITLEMENT_TIERS].reverse().map((t) => ({ gte: t.minYears, amount: t.months * monthlyBenefit(s) }));
}

/* ------------------------------------------------------------------ stop rules */

export const INSURANCE_STOP_REASONS = ['reemployed', 'military', 'emigrated', 'pension', 'refused_work', 'registration_ended', 'imprisoned', 'retirement_age'] as const;
export type InsuranceStopReason = (typeof INSURANCE_STOP_REASONS)[number];
export const INSURANCE_STOP_LABELS: Record<InsuranceStopReason, string> = {
  reemployed: '重新就业',
  military: '应征服兵役（参军）',
  emigrated: '移居境外（出国（境）定居）',
  pension: '享受基本养老保险待遇',
  refused_work: '无正当理由拒不接受介绍的适当工作或提供的培训',
  registration_ended: '失业登记已注销',
  /** 失业保险条例 第十五条（五）. */
  imprisoned: '被判刑收监执行',
  /** The registration closed at the statutory retirement age (劳动年龄 ended). */
  retirement_age: '达到法定退休年龄',
};
/** Only months left on re-employment carry over to a later spell (第四十六条). */
export const CARRY_OVER_REASONS: readonly InsuranceStopReason[] = ['reemployed'];

/** Payments stop from the month after the one in which the event happened (第五十一条). */
export function stopFromMonth(eventDate: string): YearMonth {
  return addMonths(monthOf(eventDate), 1);
}

/* ------------------------------------------------------------------ schedule */

export interface ClaimSchedule {
  /** First benefit month (the month the claim was filed). */
  startMonth: YearMonth;
  totalMonths: number;
  /** Months already paid. */
  paidMonths: YearMonth[];
  /** Stopped from this month on (null: not stopped). */
  stopFrom: YearMonth | null;
}

/** The months benefit is payable for: the entitlement window from the start, cut at the stop. */
export function payableMonths(s: ClaimSchedule): YearMonth[] {
  const out: YearMonth[] = [];
  for (let i = 0; i < s.totalMonths; i++) {
    const m = addMonths(s.startMonth, i);
    if (s.stopFrom && monthIndex(m) >= monthIndex(s.stopFrom)) break;
    out.push(m);
  }
  return out;
}

/** Why a month cannot be paid (null: it can). */
export function paymentRefusal(s: ClaimSchedule, month: YearMonth, currentMonth: YearMonth): string | null {
  if (!isYearMonth(month)) return '月份格式应为 年-月，如 2026-03';
  if (s.paidMonths.includes(month)) return `${month} 已经发放过，同一个月不能重复发放`;
  if (monthIndex(month) < monthIndex(s.startMonth)) return `${month} 早于领取起始月 ${s.startMonth}`;
  if (s.stopFrom && monthIndex(month) >= monthIndex(s.stopFrom)) return `已从 ${s.stopFrom} 起停发，${month} 不能发放`;
  if (monthIndex(month) >= monthIndex(s.startMonth) + s.totalMonths) return `${month} 超出核定的 ${s.totalMonths} 个月领取期限（${s.startMonth} 起）`;
  if (monthIndex(month) > monthIndex(currentMonth)) return `${month} 还没到，不能提前发放`;
  return null;
}

export interface ClaimSummary {
  monthsApproved: number;
  monthsPaid: number;
  /** Payable months not yet paid (0 once stopped past them). */
  monthsRemaining: number;
  /** Months due but not drawn when stopped: what a later spell may carry over (re-employment only). */
  monthsUnclaimed: number;
  nextPaymentMonth: YearMonth | null;
  /** Paid months on or after the stop month (paid before the stop was known): to be recovered. */
  overpaidMonths: YearMonth[];
}

export function summarize(s: ClaimSchedule): ClaimSummary {
  const payable = payableMonths(s);
  const paid = new Set(s.paidMonths);
  const unpaidPayable = payable.filter((m) => !paid.has(m));
  const overpaidMonths = s.stopFrom ? s.paidMonths.filter((m) => monthIndex(m) >= monthIndex(s.stopFrom!)).sort() : [];
  const validPaid = s.paidMonths.length - overpaidMonths.length;
  return {
    monthsApproved: s.totalMonths,
    monthsPaid: s.paidMonths.length,
    monthsRemaining: unpaidPayable.length,
    monthsUnclaimed: s.stopFrom ? Math.max(0, s.totalMonths - validPaid) : 0,
    nextPaymentMonth: unpaidPayable[0] ?? null,
    overpaidMonths,
  };
}

/** Months a stopped claim leaves for a later spell: entitlement less months drawn (re-employment only). */
export function carriedOverFrom(prev: { totalMonths: number; paidMonths: number; stopReason: InsuranceStopReason | null } | null): number {
  if (!prev || !prev.stopReason || !CARRY_OVER_REASONS.includes(prev.stopReason)) return 0;
  return Math.max(0, prev.totalMonths - prev.paidMonths);
}

/** 6222021234567890123 → ****0123 (bank account numbers show their last four only). */
export function maskBankAccount(account: string): string {
  const digits = account.replace(/\s+/g, '');
  return digits.length < 8 ? '****' : `****${digits.slice(-4)}`;
}

/** Bank card / account number: 12–30 digits (spaces allowed between groups). */
export function isBankAccount(s: string): boolean {
  return /^\d{12,30}$/.test(s.replace(/\s+/g, ''));
}
