import type { PostVacancyBody } from '../schemas/vacancy';
import { VACANCY_MAX_DAYS_OPEN, VACANCY_PAY_UNIT_LABELS, type VacancyPayUnit } from './vacancy-vocab';
import { haversineMeters, inServiceArea, type LatLng, type ServiceArea } from './geo';
import { findDiscrimination, type GigFieldIssue } from './gig-posting';

export interface VacancyLimits {
  /** Today in China time (YYYY-MM-DD). */
  today: string;
  minWageMonthly: number;
  minWageHourly: number;
  area: ServiceArea;
}

const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);

/**
 * Every reason a vacancy is refused, each naming its field (the same posting checks as gigs:
 * discrimination, the city's minimum wage for the unit, the place inside the service area).
 */
export function checkVacancyPosting(v: PostVacancyBody, limits: VacancyLimits): GigFieldIssue[] {
  const issues: GigFieldIssue[] = [];
  for (const [field, label, text] of [['title', '岗位名称', v.title], ['occupation', '职业（工种）', v.occupation], ['hours', '工作时间', v.hours], ['requirements', '任职要求', v.requirements], ['skills', '技能要求', v.skills.join('、')]] as const) {
    const why = findDiscrimination(text);
    if (why) issues.push({ field, message: `${label}含有歧视性内容：${why}（《就业促进法》）` });
  }
  const min = v.payUnit === 'month' ? limits.minWageMonthly : limits.minWageHourly;
  if (v.payMin < min) issues.push({ field: 'payMin', message: `最低工资低于本市${v.payUnit === 'month' ? '月' : '小时'}最低工资标准 ${min} ${VACANCY_PAY_UNIT_LABELS[v.payUnit]}` });
  if (v.payMax < v.payMin) issues.push({ field: 'payMax', message: '最高工资不能低于最低工资' });
  if (v.kind === 'full_time' && v.payUnit === 'hour') issues.push({ field: 'payUnit', message: '全职岗位请按月填写工资（元/月）' });
  const days = dayNumber(v.closingDate) - dayNumber(limits.today);
  if (days < 0) issues.push({ field: 'closingDate', message: '截止日期已经过去了，请选择今天或以后的日期' });
  else if (days > VACANCY_MAX_DAYS_OPEN) issues.push({ field: 'closingDate', message: `截止日期最长为 ${VACANCY_MAX_DAYS_OPEN} 天以内，到期后可重新发布` });
  if (!inServiceArea(v.place, limits.area)) issues.push({ field: 'place', message: '工作地点不在本市服务范围内' });
  return issues;
}

/** 「4000–6000 元/月」 (one figure when equal). */
export function vacancyPayText(min: number, max: number, unit: VacancyPayUnit): string {
  return `${min === max ? min : `${min}–${max}`} ${VACANCY_PAY_UNIT_LABELS[unit]}`;
}

/** A monthly figure to compare with the expected monthly pay (hourly × 8 h × 21.75 days). */
export function monthlyEquivalent(amount: number, unit: VacancyPayUnit): number {
  return unit === 'month' ? amount : Math.round(amount * 8 * 21.75);
}

/** What a job seeker's registration says about the job they want (all optional: drafts are partial). */
export interface SeekerIntent {
  desiredOccupations: string[];
  skills: string[];
  certificates: string[];
  expectedMonthlyPay: number | null;
  desiredDistricts: string[];
  residenceDistrict: string | null;
  workModes: string[];
  /** The home point the person saved for nearby gigs, if any. */
  home: LatLng | null;
}

export interface MatchableVacancy {
  title: string;
  occupation: string;
  kind: 'full_time' | 'part_time';
  payMin: number;
  payMax: number;
  payUnit: VacancyPayUnit;
  skills: string[];
  requirements: string;
  district: string | null;
  lat: number;
  lng: number;
}

export interface VacancyMatch { score: number; reasons: string[] }

/** Two short Chinese terms name the same work when one contains the other (保洁 / 保洁员, 电工 / 维修电工). */
const same = (a: string, b: string) => { const x = a.trim(); const y = b.trim(); return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x)); };

/**
 * How well a vacancy fits the person, with the reasons in the order they weigh: desired occupation
 * (title or occupation), skills or certificates the vacancy asks for, pay at or above the expectation,
 * distance from the saved home or a wanted/home district, and the work mode. A vacancy that matches
 * nothing the person said scores 0 and is not recommended.
 */
export function matchVacancy(v: MatchableVacancy, p: SeekerIntent, districtName: (code: string) => string | null): VacancyMatch {
  const reasons: string[] = [];
  let score = 0;
  const occ = p.desiredOccupations.find((d) => same(d, v.occupation) || same(d, v.title));
  if (occ) { score += 50; reasons.push(`符合意向职业「${occ}」`); }
  const mine = [...p.skills, ...p.certificates];
  const asked = [...v.skills, v.requirements];
  const skill = mine.find((s) => asked.some((a) => a.length > 0 && (same(s, a) || a.includes(s.trim()))));
  if (skill) { score += 25; reasons.push(`用得上您的「${skill}」`); }
  if (p.expectedMonthlyPay !== null && p.expectedMonthlyPay > 0 && monthlyEquivalent(v.payMax, v.payUnit) >= p.expectedMonthlyPay) {
    score += 15; reasons.push(`工资可达期望的 ${p.expectedMonthlyPay} 元/月`);
  }
  let place = false;
  if (p.home) {
    const km = haversineMeters(p.home, v) / 1000;
    if (km <= 10) { score += 15 - km; place = true; reasons.push(`离家约 ${km < 1 ? km.toFixed(1) : km.toFixed(km < 10 ? 1 : 0)} 公里`); }
  }
  if (!place && v.district && (p.desiredDistricts.includes(v.district) || p.residenceDistrict === v.district)) {
    score += 8; reasons.push(`在${p.desiredDistricts.includes(v.district) ? '您意向的' : '您常住的'}${districtName(v.district) ?? '区'}`);
  }
  const mode = v.kind === 'full_time' ? 'full_time' : 'part_time';
  if (p.workModes.includes(mode)) score += 3;
  // Pay and place alone do not make a recommendation: something about the work itself must fit.
  if (!occ && !skill) return { score: 0, reasons: [] };
  return { score: Math.round(score * 10) / 10, reasons };
}
