import { z } from 'zod';

/**
 * A real calendar date 'YYYY-MM-DD' in 1900–2099: months 01–12, days that exist in that month,
 * 29 February only in leap years. The pattern itself is exact (not a loose \d{4}-\d{2}-\d{2} plus a
 * check in code), so the OpenAPI document that is generated from it describes only dates the server
 * accepts, and a fuzzer's "valid" examples are valid.
 */
export const CALENDAR_DATE_PATTERN =
  '^(?:(?:19|20)\\d{2}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)' +
  '|(?:(?:19|20)(?:0[48]|[2468][048]|[13579][26])|2000)-02-29)$';
export const CALENDAR_DATE_RE = new RegExp(CALENDAR_DATE_PATTERN);

/** True for a real 'YYYY-MM-DD' date in 1900–2099. */
export const isCalendarDate = (s: string): boolean => CALENDAR_DATE_RE.test(s);

/** zod string of a real calendar date, with a Chinese message naming the field. */
export const calendarDateSchema = (label: string, example = '2026-03-01') =>
  z
    .string({ required_error: `请填写${label}`, invalid_type_error: `${label}必须是日期文字` })
    .regex(CALENDAR_DATE_RE, `${label}不是有效日期，应为 年-月-日，如 ${example}`);
