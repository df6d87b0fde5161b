/**
 * China's working-day calendar: public holidays plus adjusted working days (调休).
 *
 * Why data and not a formula: the days off are fixed each year by the State Council's
 * 《国务院办公厅关于20XX年部分节假日安排的通知》 (usually published in November for the next
 * year), applying the 《全国年节及纪念日放假办法》 (revised 2024-11, effective 2025-01-01). The
 * lunar festivals and the swapped weekend days cannot be computed, so the calendar is a
 * `HolidayCalendar` value that staff can replace each year (see `holidayCalendarSchema`);
 * `shared/src/data/holidays.ts` ships the published years.
 *
 * Years the calendar does not cover are treated as plain Monday–Friday weeks; callers use
 * `calendarCovers` to warn that a deadline may move once the year's schedule is published.
 *
 * All dates are calendar dates in China time (Asia/Shanghai, UTC+8, no DST). A `Date` is turned
 * into its China calendar date by adding 8 hours and reading the UTC fields, never through the
 * machine's local timezone (the BFF may run in UTC, a phone may be set to anything). This file
 * also hosts those small date helpers for the other rules (retirement, idcard).
 */
import { z } from 'zod';

export interface HolidayCalendar {
  /** Keyed by year ('2025'). Dates are 'YYYY-MM-DD'. */
  years: Record<string, {
    /** Every day off announced for the year's holidays (weekend days inside a holiday span included). */
    holidays: string[];
    /** Saturdays/Sundays that are working days because of 调休. */
    workdays: string[];
  }>;
}

/* ------------------------------------------------------------------ China-time date helpers */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into its parts if it is a real calendar date (no 02-30), else null. */
export function parseCalendarDate(s: string): { year: number; month: number; day: number } | null {
  const m = YMD_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Number of days in a month (month 1–12), Gregorian. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Formats year/month/day as 'YYYY-MM-DD'. */
export function formatCalendarDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The China (UTC+8) calendar date of a Date, or a 'YYYY-MM-DD' string checked and returned as is.
 * Throws RangeError for an invalid Date or string: these are programming errors, not user input.
 */
export function toChinaDateString(d: Date | string): string {
  if (typeof d === 'string') {
    if (!parseCalendarDate(d)) throw new RangeError(`不是有效的日期（应为 YYYY-MM-DD）：${d}`);
    return d;
  }
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError('无效的日期对象');
  const c = new Date(t + CHINA_OFFSET_MS);
  return formatCalendarDate(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate());
}

/** Days since 1970-01-01 for a calendar date; lets us step days without timezone effects. */
function dayNumber(ymd: string): number {
  const p = parseCalendarDate(ymd)!;
  return Math.floor(Date.UTC(p.year, p.month - 1, p.day) / DAY_MS);
}

function fromDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  return formatCalendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/* ------------------------------------------------------------------ calendar lookups */

interface YearSets { holidays: Set<string>; workdays: Set<string> }
const setCache = new WeakMap<HolidayCalendar, Map<string, YearSets>>();

/** Sets per year, cached per calendar object (treat a calendar as immutable once built). */
function yearSets(cal: HolidayCalendar, year: string): YearSets | undefined {
  const entry = cal.years[year];
  if (!entry) return undefined;
  let byYear = setCache.get(cal);
  if (!byYear) {
    byYear = new Map();
    setCache.set(cal, byYear);
  }
  let sets = byYear.get(year);
  if (!sets) {
    sets = { holidays: new Set(entry.holidays), workdays: new Set(entry.workdays) };
    byYear.set(year, sets);
  }
  return sets;
}

function isWorkdayN(n: number, cal: HolidayCalendar): boolean {
  const ymd = fromDayNumber(n);
  const sets = yearSets(cal, ymd.slice(0, 4));
  if (sets) {
    if (sets.workdays.has(ymd)) return true; // 调休: a weekend day that is worked
    if (sets.holidays.has(ymd)) return false;
  }
  const wd = weekdayOf(n);
  return wd !== 0 && wd !== 6;
}

/** True when the calendar has the published schedule for the date's year. */
export function calendarCovers(date: Date | string, cal: HolidayCalendar): boolean {
  return Object.prototype.hasOwnProperty.call(cal.years, toChinaDateString(date).slice(0, 4));
}

/** Whether the date (China time) is a working day: Mon–Fri unless a holiday, or a 调休 weekend day. */
export function isWorkday(date: Date | string, cal: HolidayCalendar): boolean {
  return isWorkdayN(dayNumber(toChinaDateString(date)), cal);
}

/**
 * The date n working days after `start` (the start day itself never counts, whether or not it
 * is a working day). This is how 工作日 time limits are counted in public services: a request
 * submitted on a Friday with a 7-working-day limit is due the Tuesday of the week after next.
 * n = 0 returns the start date; a negative n counts backwards (n working days before).
 */
export function addWorkdays(start: Date | string, n: number, cal: HolidayCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`工作日天数必须是整数：${n}`);
  let day = dayNumber(toChinaDateString(start));
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  while (left > 0) {
    day += step;
    if (isWorkdayN(day, cal)) left -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days in (a, b]: after a, up to and including b — so
 * `workdaysBetween(a, addWorkdays(a, n)) === n`. Negative when b is before a; 0 when equal.
 */
export function workdaysBetween(a: Date | string, b: Date | string, cal: HolidayCalendar): number {
  const from = dayNumber(toChinaDateString(a));
  const to = dayNumber(toChinaDateString(b));
  if (to === from) return 0;
  const [lo, hi, sign] = to > from ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) if (isWorkdayN(d, cal)) count++;
  return sign * count;
}

/**
 * Working days left until a deadline, signed: positive before it, 0 on the day, negative (the working days
 * overdue) after it. The one rule behind every 「剩 N 个工作日」/「已逾期 N 个工作日」.
 */
export function workdaysLeft(today: Date | string, deadline: Date | string, cal: HolidayCalendar): number {
  return workdaysBetween(today, deadline, cal);
}

/* ------------------------------------------------------------------ validation of edited data */

const calendarDateSchema = z
  .string()
  .refine((s) => parseCalendarDate(s) !== null, { message: '日期应为 YYYY-MM-DD 格式的真实日期' });

/**
 * Checks a calendar before it is saved (staff will edit it yearly in the app): dates are real,
 * sit in their year, 调休 workdays fall on a weekend, and no date is both a holiday and a workday.
 */
export const holidayCalendarSchema = z.object({
  years: z.record(
    z.string().regex(/^\d{4}$/, '年份应为 4 位数字'),
    z.object({ holidays: z.array(calendarDateSchema), workdays: z.array(calendarDateSchema) }),
  ),
}).superRefine((cal, ctx) => {
  for (const [year, entry] of Object.entries(cal.years)) {
    const check = (list: 'holidays' | 'workdays', i: number, s: string) => {
      if (!parseCalendarDate(s)) return; // reported by the element schema
      if (!s.startsWith(`${year}-`)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['years', year, list, i], message: `${s} 不在 ${year} 年内` });
      }
    };
    entry.holidays.forEach((s, i) => check('holidays', i, s));
    entry.workdays.forEach((s, i) => {
      check('workdays', i, s);
      if (!parseCalendarDate(s)) return;
      const wd = weekdayOf(dayNumber(s));
      if (wd !== 0 && wd !== 6) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['years', year, 'workdays', i], message: `${s} 不是周末，无需列为调休上班日` });
      }
      if (entry.holidays.includes(s)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['years', year, 'workdays', i], message: `${s} 同时被列为放假日和上班日` });
      }
    });
  }
});
