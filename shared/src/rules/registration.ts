/**
 * Pure rules of unemployment registration (失业登记): who may register, how a registrant is
 * classified for 分层分类服务, which service package fits, how complete the 求职就业画像 is,
 * and when the next follow-up (跟踪回访) is due. Used by the BFF and shown to the worker.
 * Sources: 人社部发〔2018〕77号 三(二); 黑龙江 implementation (seeds 000) 求职就业画像、分层分类;
 * 人社部发〔2025〕21号 (seeds 001).
 */
import type { EligibilityBody, EligibilityResult, RegistrationForm } from '../schemas/registration';
import { assistanceCategoryLabel } from './assistance';
import { validateIdDocument } from './idcard';
import { isWorkingAge, retirementDate, type RetirementCategory } from './retirement';
import { parseCalendarDate, toChinaDateString } from './workdays';

const GIG_PAGE = '/pages/gigs/index';
const POLICY_PAGE = '/pages/policy/index';

/** Birth date and sex from the document when it carries them, else from what the person entered. */
export function identityFacts(input: { idType?: string; idNumber?: string; birthDate?: string; sex?: 'male' | 'female' }, today: Date): { birthDate: string | null; sex: 'male' | 'female' | null; idError: string | null } {
  if (input.idType && input.idNumber) {
    const r = validateIdDocument(input.idType as never, input.idNumber, today);
    if (!r.ok) return { birthDate: input.birthDate ?? null, sex: input.sex ?? null, idError: r.message };
    if (r.birthDate) return { birthDate: r.birthDate, sex: r.sex ?? null, idError: null };
  }
  return { birthDate: input.birthDate ?? null, sex: input.sex ?? null, idError: null };
}

export function retirementCategoryOf(sex: 'male' | 'female' | null, chosen?: RetirementCategory): RetirementCategory {
  if (sex === 'male') return 'male';
  if (chosen === 'female_cadre' || chosen === 'female_worker') return chosen;
  // Without an answer assume the earlier (worker) age: refusing too early is safer to fix than a wrong approval.
  return sex === 'female' ? 'female_worker' : chosen ?? 'male';
}

/** One reason a person cannot register, with the form field it concerns (for 400 details). */
export interface EligibilityIssue { field: string; message: string }

export function checkEligibility(body: EligibilityBody, today: Date): EligibilityResult & { issues: EligibilityIssue[] } {
  const { birthDate, sex, idError } = identityFacts(body, today);
  const issues: EligibilityIssue[] = [];
  const alternatives: EligibilityResult['alternatives'] = [];
  // Resident IDs carry the birth date, so an age problem is a problem of the ID number; other documents use birthDate.
  const ageField = body.idType === 'resident_id' ? 'idNumber' : 'birthDate';
  let retireOn: string | null = null;
  if (idError) issues.push({ field: 'idNumber', message: idError });
  if (!birthDate) issues.push({ field: ageField, message: '需要出生日期才能判断是否在劳动年龄内' });
  // An impossible date (1990-02-30) is the person's input to correct, never an exception of the rules below.
  else if (!parseCalendarDate(birthDate)) issues.push({ field: 'birthDate', message: `出生日期不是有效日期：${birthDate}` });
  else {
    const category = retirementCategoryOf(sex, body.retirementCategory);
    retireOn = retirementDate(birthDate, category).date;
    const age = isWorkingAge(birthDate, category, today);
    if (!age.ok) {
      issues.push({ field: ageField, message: `不在法定劳动年龄内：${age.reason}` });
      if (age.reason?.startsWith('已达到')) {
        alternatives.push({ title: '银龄零工登记', description: '退休后仍想干点活，可以登记为银龄劳动者，在零工市场找适合的短期活。', page: GIG_PAGE });
        alternatives.push({ title: '养老保险待遇咨询', description: '拨打 12333 咨询养老保险待遇领取。', page: null });
      }
    }
  }
  if (!body.ableToWork) {
    issues.push({ field: 'ableToWork', message: '失业登记面向有劳动能力的人员' });
    alternatives.push({ title: '就业援助与社会救助', description: '如因残疾或疾病暂时不能工作，可到街道（社区）咨询就业援助和社会救助政策。', page: POLICY_PAGE });
  }
  if (!body.wantsWork) issues.push({ field: 'wantsWork', message: '失业登记面向有就业要求的人员；等想找工作时再来登记' });
  if (body.currentlyEmployed) {
    issues.push({ field: 'currentlyEmployed', message: '目前在职的人员不能办理失业登记' });
    alternatives.push({ title: '零工市场', description: '想增加收入，可以在零工市场找兼职、零工。', page: GIG_PAGE });
  }
  const reasons = issues.map((i) => i.message);
  return { eligible: reasons.length === 0, reasons, alternatives, birthDate, sex, retirementDate: retireOn, issues };
}

// ---- classification (分层分类) ----------------------------------------------------------------

export interface ClassificationInput {
  form: RegistrationForm;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  /** Date the person became unemployed (last job end, or graduation/registration when none). */
  unemployedSince: string | null;
  today: Date;
  /**
   * The 就业困难人员 categories the person is recognised in today (认定 approved, within validity). Only these
   * make a person 就业困难人员 (level A); declared hardships, age and duration alone say what they may apply for.
   */
  recognised: readonly string[];
}

export interface Classification { category: string; level: 'A' | 'B' | 'C'; levelLabel: string; reasons: string[]; youth: boolean; longTerm: boolean; hardship: boolean }

/** Whole years of age on the China date of `today`. */
export function ageOn(birthDate: string, today: Date): number {
  const t = toChinaDateString(today);
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = t.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function monthsBetween(from: string, today: Date): number {
  const t = toChinaDateString(today);
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = t.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * Written rules, evaluated in order; every rule that applies adds a reason staff can read.
 * Level A: 就业困难人员 — recognised by staff (就业困难人员认定), needs 就业援助, one-to-one; B: key groups (youth,
 * long-term unemployed, and people who declared a hardship or are 4050 but are not recognised yet);
 * C: general job seekers (self-service plus referrals).
 */
export function classify(input: ClassificationInput): Classification {
  const { form, birthDate, sex, today } = input;
  const reasons: string[] = [];
  const hardships = new Set(form.hardships ?? []);
  const age = birthDate ? ageOn(birthDate, today) : null;
  const months = input.unemployedSince ? monthsBetween(input.unemployedSince, today) : null;
  const longTerm = (months !== null && months >= 12) || hardships.has('long_term_unemployed');
  if (months !== null && months >= 12) reasons.push(`连续失业 ${months} 个月（满 12 个月为长期失业）`);
  const is4050 = age !== null && ((sex === 'female' && age >= 40) || (sex === 'male' && age >= 50));
  if (is4050) reasons.push(`${sex === 'female' ? '女性年满 40 岁' : '男性年满 50 岁'}（大龄 4050 人员，现 ${age} 岁）`);
  const labels: Record<string, string> = {
    zero_employment_family: '零就业家庭成员', disabled: '残疾人', low_income_family: '低保/低收入家庭成员', poverty_alleviated: '脱贫人口', veteran_hardship: '就业困难退役军人', age_4050: '大龄就业困难（4050）', long_term_unemployed: '长期失业',
  };
  const recognised = [...new Set(input.recognised)];
  if (recognised.length) reasons.push(`已认定为就业困难人员：${recognised.map(assistanceCategoryLabel).join('、')}`);
  const pending = [...hardships].filter((h) => labels[h] && !recognised.includes(h));
  for (const h of pending) reasons.push(`申报困难情形：${labels[h]}（未认定，可申请就业困难人员认定）`);
  const hardship = recognised.length > 0;
  // Eligible to apply but not recognised: followed closely (level B) until staff decide.
  const mayApply = !hardship && (pending.length > 0 || is4050 || longTerm);
  if (mayApply && (is4050 || longTerm) && !pending.length) reasons.push('可申请就业困难人员认定');
  const youth = age !== null && age >= 16 && age <= 24;
  if (youth) reasons.push(`青年（16–24 岁，现 ${age} 岁）`);
  const graduate = form.unemploymentReason === 'graduate' || (form.graduationYear !== undefined && toChinaDateString(today).slice(0, 4) <= String(form.graduationYear + 2) && ['college', 'bachelor', 'master'].includes(form.education ?? ''));
  if (graduate) reasons.push('离校未就业高校毕业生（毕业 2 年内）');

  let category: string;
  let level: Classification['level'];
  if (hardship) { category = '就业困难人员'; level = 'A'; }
  else if (longTerm || youth || graduate || mayApply) {
    category = graduate ? '高校毕业生等青年' : youth ? '青年失业人员' : longTerm ? '长期失业人员' : is4050 ? '大龄失业人员' : '申报就业困难（待认定）';
    level = 'B';
  }
  else { category = '一般失业人员'; level = 'C'; reasons.push('无特殊困难情形'); }
  const levelLabel = { A: '重点帮扶（一对一就业援助）', B: '重点服务（定期跟踪）', C: '普通服务（自助 + 推荐）' }[level];
  return { category, level, levelLabel, reasons, youth: youth || graduate, longTerm, hardship };
}

export interface ServicePackage { key: string; title: string; why: string; steps: { title: string; page: string | null }[] }

/** 就业服务包 recommended from the classification and the stated needs. */
export function servicePackages(c: Classification, form: RegistrationForm): ServicePackage[] {
  const needs = new Set(form.serviceNeeds ?? []);
  const out: ServicePackage[] = [
    { key: 'policy', title: '政策宣介包', why: '了解失业保险金、培训补贴等能享受的政策', steps: [
      { title: '用政策计算器看看能领哪些补贴', page: POLICY_PAGE },
      ...(form.claimUnemploymentInsurance ? [{ title: '失业保险金需另行申领：登记通过后可在政策里在线申请', page: POLICY_PAGE }] : []),
    ] },
  ];
  if (needs.has('skills_training') || needs.has('career_guidance') || c.level !== 'C') {
    out.push({ key: 'ability', title: '求职能力提升包', why: c.level === 'C' ? '你选择了技能培训/职业指导' : `你属于${c.category}，可优先参加免费培训`, steps: [
      { title: '预约一次职业指导（到家门口就业服务站）', page: null },
      { title: '查看职业培训补贴政策', page: POLICY_PAGE },
    ] });
  }
  out.push({ key: 'placement', title: '就业上岗包', why: '按你的求职意向推荐岗位', steps: [
    { title: `按意向职业找工作：${(form.desiredOccupations ?? []).join('、') || '先在画像里填写意向职业'}`, page: GIG_PAGE },
    ...(c.level === 'A' ? [{ title: '申请公益性岗位安置（就业援助）', page: POLICY_PAGE }] : []),
  ] });
  if ((form.workModes ?? []).includes('gig') || c.level !== 'C') {
    out.push({ key: 'quick', title: '即时快招包', why: '需要尽快有收入，可以先做附近的零工', steps: [
      { title: '打开“今天能干活”，附近急招会通知你', page: GIG_PAGE },
    ] });
  }
  return out;
}

/** 求职就业画像 completeness over the four 清: 基本情况、求职意愿、技能状况、服务需求. */
export function profileCompleteness(form: RegistrationForm) {
  const has = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== '');
  const groups = [
    { key: 'basic' as const, title: '基本情况清', fields: { realName: '姓名', idNumber: '证件号码', residenceDistrict: '常住地', hukouPlace: '户籍地', education: '文化程度', unemploymentReason: '失业原因' } },
    { key: 'intention' as const, title: '求职意愿清', fields: { desiredOccupations: '意向职业', desiredDistricts: '意向区域', expectedMonthlyPay: '期望月薪', workModes: '工作方式' } },
    { key: 'skills' as const, title: '技能状况清', fields: { skills: '技能', certificates: '证书' } },
    { key: 'needs' as const, title: '服务需求清', fields: { serviceNeeds: '服务需求' } },
  ];
  let filled = 0;
  let total = 0;
  const sections = groups.map((g) => {
    const entries = Object.entries(g.fields);
    const missing = entries.filter(([k]) => !has(form[k as keyof RegistrationForm])).map(([, label]) => label);
    filled += entries.length - missing.length;
    total += entries.length;
    return { key: g.key, title: g.title, filled: entries.length - missing.length, total: entries.length, missing };
  });
  return { completeness: Math.round((filled / total) * 100), sections };
}

/** Follow-up cadence: youth, long-term unemployed and people with hardships at least monthly; others quarterly. */
export function followUpIntervalDays(c: Classification): { days: number; rule: string } {
  if (c.hardship) return { days: 30, rule: '就业困难人员每月至少回访一次' };
  if (c.youth) return { days: 30, rule: '青年失业人员每月至少回访一次' };
  if (c.longTerm) return { days: 30, rule: '长期失业人员每月至少回访一次' };
  if (c.level === 'B') return { days: 30, rule: '待认定的就业困难申报人员每月至少回访一次' };
  return { days: 90, rule: '一般失业人员每季度回访一次' };
}
