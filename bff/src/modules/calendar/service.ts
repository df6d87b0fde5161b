import type { Connection } from 'mongoose';
import { z } from 'zod';
import { CALENDAR_DATE_RE, CHINA_HOLIDAY_CALENDAR, holidayCalendarSchema, type HolidayCalendar } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import { badRequest } from '../../http/errors';
import { byStaff, type AuditService } from '../audit/service';
import type { StaffActor } from '../staff/actor';
import { Consistency } from '../../db/consistency';
import { sameJson } from '../workbench/settings';

interface CalendarDoc { _id: string; years: HolidayCalendar['years']; updatedAt: Date }

/**
 * The working-day calendar used for every deadline. Ships with the published years; staff add
 * or correct a year (the State Council publishes the next year's schedule each November).
 */
export class CalendarService {
  private cached: { cal: HolidayCalendar; at: number } | null = null;
  private readonly col;
  private readonly consistency: Consistency;
  constructor(conn: Connection, private readonly audit: AuditService) {
    this.col = conn.collection<CalendarDoc>('calendars');
    this.consistency = new Consistency(conn);
  }

  async get(): Promise<HolidayCalendar> {
    if (this.cached && Date.now() - this.cached.at < 60_000) return this.cached.cal;
    const doc = await this.col.findOne({ _id: 'china' });
    const cal: HolidayCalendar = { years: { ...CHINA_HOLIDAY_CALENDAR.years, ...(doc?.years ?? {}) } };
    this.cached = { cal, at: Date.now() };
    return cal;
  }

  async setYear(year: string, data: { holidays: string[]; workdays: string[] }, actor: StaffActor): Promise<HolidayCalendar> {
    const parsed = holidayCalendarSchema.safeParse({ years: { [year]: data } });
    if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? '日历数据不正确', parsed.error.issues.map((i) => ({ field: i.path.slice(2).join('.') || 'year', message: i.message })));
    await this.consistency.atomically('settings:calendar', async () => {
      this.cached = null;
      const before = (await this.get()).years[year] ?? null;
      const stored = (await this.col.findOne({ _id: 'china' }))?.years?.[year];
      // Saving the same year again (a double tap, a retry) changes nothing and is not audited again.
      if (stored && sameJson(stored, data)) return;
      await this.col.updateOne({ _id: 'china' }, { $set: { [`years.${year}`]: data, updatedAt: new Date() } }, { upsert: true });
      await this.audit.record({ ...byStaff(actor), action: 'settings.calendar', subjectType: 'calendar', subjectId: year, before, after: data });
    });
    this.cached = null;
    return this.get();
  }
}

const yearParams = z.object({ year: z.string().regex(/^20\d{2}$/, '年份应为 4 位数字，如 2027') }).strict();
// Real dates in the document too (the service still checks year, weekend and overlap rules).
const day = z.string().regex(CALENDAR_DATE_RE, '日期应为 YYYY-MM-DD 格式的真实日期');
const yearBody = z.object({ holidays: z.array(day).max(60, '放假日期最多 60 天'), workdays: z.array(day).max(20, '调休上班日最多 20 天') }).strict();
const calendarSchema = z.object({ years: z.record(z.object({ holidays: z.array(z.string()), workdays: z.array(z.string()) })) });

export function calendarRoutes(calendar: CalendarService): RouteDef[] {
  return [
    route({ method: 'get', path: '/api/calendar', summary: '工作日日历（节假日与调休）', tags: ['基础数据'], access: 'public', response: calendarSchema, handler: () => calendar.get() }),
    route({
      method: 'put', path: '/api/staff/calendar/:year', summary: '市级管理员：设置某年的节假日与调休（记入审计日志）', tags: ['经办'], access: ['staff'], staffScope: 'city',
      params: yearParams, body: yearBody, response: calendarSchema, errors: [400, 403],
      handler: ({ params, body, staff }) => calendar.setYear(params.year, body, staff!),
    }),
  ];
}
