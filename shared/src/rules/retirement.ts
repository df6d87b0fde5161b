/**
 * Statutory retirement age (法定退休年龄) and working age (劳动年龄).
 *
 * Legal basis: 《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》(2024-09-13,
 * effective 2025-01-01) and its annex 《国务院关于渐进式延迟法定退休年龄的办法》, 第一条:
 *   男职工和原法定退休年龄为五十五周岁的女职工，法定退休年龄每四个月延迟一个月，分别逐步延迟至
 *   六十三周岁和五十八周岁；原法定退休年龄为五十周岁的女职工，法定退休年龄每二个月延迟一个月，
 *   逐步延迟至五十五周岁。
 * The official 对照表 (annexed tables) turn this into birth-month cohorts:
 *   - men (60):            born 1965-01..1965-04 → 60岁1个月 (retire 2025-02..2025-05); each later
 *                          4-month cohort +1 month; born 1976-09 or later → 63岁.
 *   - women, orig. 55:     born 1970-01..1970-04 → 55岁1个月; … born 1981-09 or later → 58岁.
 *   - women, orig. 50:     born 1975-01..1975-02 → 50岁1个月; each 2-month cohort +1 month;
 *                          born 1984-11 or later → 55岁.
 * i.e. delay = min(max, floor(monthsSince(start) / step) + 1) for births from the start month.
 * Checked against sample rows of the tables (e.g. man born 1965-12 → 60岁3个月, retires 2026-03;
 * woman (55) born 1971-04 → 55岁4个月, retires 2026-08) and the published end points.
 *
 * Who is "female_cadre" vs "female_worker": the original ages come from 国发〔1978〕104号 — women
 * in 管理/专业技术岗位 (干部) retired at 55, women in 生产/工人岗位 at 50. The caller decides the category.
 * Special-type-of-work early retirement and the voluntary flexible ±3 years (弹性退休) are not
 * modelled: this is the standard statutory age.
 *
 * Lower bound: 《劳动法》第十五条 forbids employing people under 16 (未满十六周岁的未成年人).
 *
 * The date someone "reaches" an age is the corresponding day of the due month; when that day
 * does not exist (born on the 31st, or 02-29), the last day of that month is used — the rule of
 * 《民法典》第二百零三条 for periods counted in years/months.
 */
import { daysInMonth, parseCalendarDate, toChinaDateString, formatCalendarDate } from './workdays';

export type RetirementCategory = 'male' | 'female_cadre' | 'female_worker';

export const RETIREMENT_CATEGORY_LABELS: Record<RetirementCategory, string> = {
  male: '男职工',
  female_cadre: '女职工（原法定退休年龄55周岁，管理和专业技术岗位）',
  female_worker: '女职工（原法定退休年龄50周岁）',
};

interface Rule {
  /** Original statutory age in years. */
  baseYears: number;
  /** First affected birth month, as year*12 + (month-1). */
  startMonthIndex: number;
  /** One more month of delay per this many birth months. */
  stepMonths: number;
  /** Total delay once fully phased in. */
  maxDelayMonths: number;
}

const RULES: Record<RetirementCategory, Rule> = {
  male: { baseYears: 60, startMonthIndex: 1965 * 12, stepMonths: 4, maxDelayMonths: 36 },
  female_cadre: { baseYears: 55, startMonthIndex: 1970 * 12, stepMonths: 4, maxDelayMonths: 36 },
  female_worker: { baseYears: 50, startMonthIndex: 1975 * 12, stepMonths: 2, maxDelayMonths: 60 },
};

/** Months of delay the 2024 decision adds for someone born in that year/month. */
export function retirementDelayMonths(birthYear: number, birthMonth: number, category: RetirementCategory): number {
  const rule = RULES[category];
  const since = birthYear * 12 + (birthMonth - 1) - rule.startMonthIndex;
  if (since < 0) return 0;
  return Math.min(rule.maxDelayMonths, Math.floor(since / rule.stepMonths) + 1);
}

/** The date `months` months after a birth date, clamped to the month's last day. */
function addMonthsClamped(year: number, month: number, day: number, months: number): string {
  const idx = year * 12 + (month - 1) + months;
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  return formatCalendarDate(y, m, Math.min(day, daysInMonth(y, m)));
}

function parseBirth(birthDate: string) {
  const p = parseCalendarDate(birthDate);
  if (!p) throw new RangeError(`出生日期格式不正确（应为 YYYY-MM-DD）：${birthDate}`);
  return p;
}

/**
 * Statutory retirement age for a birth date and category, and the date it is reached.
 * Throws RangeError if birthDate is not a real 'YYYY-MM-DD' date.
 */
export function retirementDate(
  birthDate: string,
  category: RetirementCategory,
): { ageYears: number; ageMonths: number; date: string } {
  const b = parseBirth(birthDate);
  if (!RULES[category]) throw new RangeError(`未知的人员类别：${String(category)}`);
  const total = RULES[category].baseYears * 12 + retirementDelayMonths(b.year, b.month, category);
  return {
    ageYears: Math.floor(total / 12),
    ageMonths: total % 12,
    date: addMonthsClamped(b.year, b.month, b.day, total),
  };
}

/** '63周岁' or '60周岁3个月'. */
export function formatRetirementAge(r: { ageYears: number; ageMonths: number }): string {
  return r.ageMonths === 0 ? `${r.ageYears}周岁` : `${r.ageYears}周岁${r.ageMonths}个月`;
}

/**
 * Whether the person is of working age on the given day (China calendar date): from the 16th
 * birthday (inclusive) up to, not including, the date statutory retirement age is reached.
 */
export function isWorkingAge(
  birthDate: string,
  category: RetirementCategory,
  on: Date | string,
): { ok: boolean; reason?: string } {
  const b = parseCalendarDate(birthDate);
  if (!b) return { ok: false, reason: '出生日期格式不正确' };
  const day = toChinaDateString(on);
  // 'YYYY-MM-DD' strings compare correctly as text.
  if (day < addMonthsClamped(b.year, b.month, b.day, 16 * 12)) return { ok: false, reason: '未满16周岁' };
  const r = retirementDate(birthDate, category);
  if (day >= r.date) {
    return { ok: false, reason: `已达到法定退休年龄（${formatRetirementAge(r)}，${r.date}）` };
  }
  return { ok: true };
}
