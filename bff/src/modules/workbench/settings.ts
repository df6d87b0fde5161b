import type { Connection } from 'mongoose';
import {
  HARBIN_STATIONS, gigRulesBodySchema, insuranceStandardBodySchema, monthlyBenefit, regionCodeParamsSchema, regionStreetsBodySchema, settingsViewSchema, stationBodySchema, stationIdParamsSchema,
  type GigRulesBody, type InsuranceStandard, type ServiceArea, type SettingsView, type StationSeed,
} from '@doorstep/shared';
import { z } from 'zod';
import { Consistency } from '../../db/consistency';
import { route, type RouteDef } from '../../http/api';
import { notFound } from '../../http/errors';
import { byStaff, type AuditService } from '../audit/service';
import { regionModel } from '../regions/model';
import type { StaffActor } from '../staff/actor';

/**
 * 基础管理 settings kept in the database and edited by staff, every change audited:
 *  - gig rules: minimum wage (hourly, daily) and the service area a posting or a home must lie in.
 *    The deployment's configuration (MIN_WAGE_*, SERVICE_AREA) is the default until staff save values.
 *    The gig module reads them synchronously from `gigConfig()`, an object whose getters return the
 *    cached values; the cache reloads from the database every REFRESH_MS, so every BFF instance
 *    follows a change within that time (and the instance that saved it at once).
 *  - service stations (15 分钟就业服务圈): the list the public station finder shows; the shipped demo
 *    list is the default until the first edit.
 *  - district streets (the region data the registration form offers).
 *  - the 失业保险金 standard (monthly minimum wage, the share paid, the 低保 floor): the configuration
 *    (MIN_WAGE_MONTHLY, UNEMPLOYMENT_BENEFIT_SHARE_PERCENT, DIBAO_MONTHLY) until the city administrator saves values.
 * (The working-day calendar has its own audited route: PUT /api/staff/calendar/:year.)
 */
export const REFRESH_MS = 30_000;

/** Same value, key order aside (settings are plain JSON). */
export function sameJson(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => (Array.isArray(v) ? v.map(norm) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k])])) : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

interface SettingDoc<T> { _id: string; value: T; updatedAt: Date; updatedBy: string | null }
export interface GigRules { minWageHourly: number; minWageDaily: number; serviceArea: ServiceArea }
interface GigConfigLike {
  MIN_WAGE_HOURLY: number; MIN_WAGE_DAILY: number; SERVICE_AREA: ServiceArea;
  MIN_WAGE_MONTHLY?: number; UNEMPLOYMENT_BENEFIT_SHARE_PERCENT?: number; DIBAO_MONTHLY?: number;
}

export class SettingsService {
  private readonly col;
  private readonly consistency: Consistency;
  private rules: GigRules;
  private rulesMeta: { updatedAt: Date | null; updatedBy: string | null } = { updatedAt: null, updatedBy: null };
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly conn: Connection, private readonly audit: AuditService, private readonly defaults: GigConfigLike) {
    this.col = conn.collection<SettingDoc<unknown>>('settings');
    this.consistency = new Consistency(conn);
    this.rules = this.defaultRules();
  }

  private defaultRules(): GigRules {
    return { minWageHourly: this.defaults.MIN_WAGE_HOURLY, minWageDaily: this.defaults.MIN_WAGE_DAILY, serviceArea: { ...this.defaults.SERVICE_AREA } };
  }

  /** Reloads the cached gig rules (one `_id` read). */
  async reload(): Promise<void> {
    const doc = (await this.col.findOne({ _id: 'gig-rules' })) as SettingDoc<GigRules> | null;
    this.rules = doc ? { ...doc.value, serviceArea: { ...doc.value.serviceArea } } : this.defaultRules();
    this.rulesMeta = { updatedAt: doc?.updatedAt ?? null, updatedBy: doc?.updatedBy ?? null };
    this.loadedAt = Date.now();
  }

  private maybeReload(): void {
    if (this.loading || Date.now() - this.loadedAt < REFRESH_MS) return;
    this.loading = this.reload().catch(() => undefined).finally(() => { this.loading = null; });
  }

  /** The config the gig module reads: same object shape, minimum wage and service area from the settings. */
  gigConfig<T extends GigConfigLike>(base: T): T {
    return Object.create(base, {
      MIN_WAGE_HOURLY: { get: () => { this.maybeReload(); return this.rules.minWageHourly; }, enumerable: true },
      MIN_WAGE_DAILY: { get: () => { this.maybeReload(); return this.rules.minWageDaily; }, enumerable: true },
      SERVICE_AREA: { get: () => { this.maybeReload(); return this.rules.serviceArea; }, enumerable: true },
    }) as T;
  }

  async view(): Promise<SettingsView> {
    await this.reload();
    return {
      gigRules: { ...this.rules, defaults: this.defaultRules(), updatedAt: this.rulesMeta.updatedAt?.toISOString() ?? null, updatedBy: this.rulesMeta.updatedBy },
      stations: (await this.stations()).map((s) => ({ ...s, services: [...s.services] })),
      insuranceStandard: await this.insuranceStandardView(),
    };
  }

  defaultInsuranceStandard(): InsuranceStandard {
    return { minWageMonthly: this.defaults.MIN_WAGE_MONTHLY ?? 1860, sharePercent: this.defaults.UNEMPLOYMENT_BENEFIT_SHARE_PERCENT ?? 90, dibaoMonthly: this.defaults.DIBAO_MONTHLY ?? 739 };
  }

  /** The current 失业保险金 standard (one `_id` read; the claim module reads it at filing and approval). */
  async insuranceStandard(): Promise<InsuranceStandard> {
    const doc = (await this.col.findOne({ _id: 'insurance-standard' })) as SettingDoc<InsuranceStandard> | null;
    return doc ? { ...doc.value } : this.defaultInsuranceStandard();
  }

  private async insuranceStandardView(): Promise<SettingsView['insuranceStandard']> {
    const doc = (await this.col.findOne({ _id: 'insurance-standard' })) as SettingDoc<InsuranceStandard> | null;
    const v = doc ? doc.value : this.defaultInsuranceStandard();
    return { ...v, monthlyAmount: monthlyBenefit(v), defaults: this.defaultInsuranceStandard(), updatedAt: doc?.updatedAt?.toISOString() ?? null, updatedBy: doc?.updatedBy ?? null };
  }

  async setInsuranceStandard(actor: StaffActor, body: InsuranceStandard): Promise<SettingsView> {
    await this.consistency.atomically('settings:insurance-standard', async () => {
      const doc = (await this.col.findOne({ _id: 'insurance-standard' })) as SettingDoc<InsuranceStandard> | null;
      const before = doc ? doc.value : this.defaultInsuranceStandard();
      // A repeated save of the same values changes nothing and is not audited again.
      if (doc && sameJson(before, body)) return;
      const value = { minWageMonthly: body.minWageMonthly, sharePercent: body.sharePercent, dibaoMonthly: body.dibaoMonthly };
      await this.col.replaceOne({ _id: 'insurance-standard' }, { value, updatedAt: new Date(), updatedBy: actor.name ?? actor.id }, { upsert: true });
      await this.audit.record({
        ...byStaff(actor), action: 'settings.insurance_standard', subjectType: 'settings', subjectId: 'insurance-standard', before, after: value,
        reason: `失业保险金标准：月最低工资 ${before.minWageMonthly}→${value.minWageMonthly} 元 × ${before.sharePercent}%→${value.sharePercent}%，低保 ${before.dibaoMonthly}→${value.dibaoMonthly} 元；每月 ${monthlyBenefit(before)}→${monthlyBenefit(value)} 元`,
      });
    });
    return this.view();
  }

  async setGigRules(actor: StaffActor, body: GigRulesBody): Promise<SettingsView> {
    await this.consistency.atomically('settings:gig-rules', async () => {
      await this.reload();
      const before = this.rules;
      // A repeated save of the same values (a double tap, a retry) changes nothing and is not audited again.
      if (this.rulesMeta.updatedAt && sameJson(before, body)) return;
      await this.col.replaceOne({ _id: 'gig-rules' }, { value: body, updatedAt: new Date(), updatedBy: actor.name ?? actor.id }, { upsert: true });
      const a = body.serviceArea;
      await this.audit.record({
        ...byStaff(actor), action: 'settings.gig_rules', subjectType: 'settings', subjectId: 'gig-rules', before, after: body,
        reason: `最低工资 每小时 ${before.minWageHourly}→${body.minWageHourly} 元，每天 ${before.minWageDaily}→${body.minWageDaily} 元；服务范围 纬度 ${a.minLat}–${a.maxLat}，经度 ${a.minLng}–${a.maxLng}`,
      });
    });
    await this.reload();
    return this.view();
  }

  async stations(): Promise<StationSeed[]> {
    const doc = (await this.col.findOne({ _id: 'stations' })) as SettingDoc<StationSeed[]> | null;
    return doc?.value ?? HARBIN_STATIONS;
  }

  /** Adds or replaces one station (the list is one document, changed under a lock). */
  async putStation(actor: StaffActor, id: string, body: z.infer<typeof stationBodySchema>): Promise<SettingsView> {
    await this.consistency.atomically('settings:stations', async () => {
      const list = [...(await this.stations())];
      const i = list.findIndex((s) => s.id === id);
      const before = i >= 0 ? list[i] : null;
      const row: StationSeed = { id, ...body };
      if (before && sameJson(before, row)) return;
      if (i >= 0) list[i] = row; else list.push(row);
      await this.col.replaceOne({ _id: 'stations' }, { value: list, updatedAt: new Date(), updatedBy: actor.name ?? actor.id }, { upsert: true });
      await this.audit.record({ ...byStaff(actor), action: 'settings.station', subjectType: 'station', subjectId: id, reason: `${i >= 0 ? '修改' : '新增'}：${body.name}`, before, after: row });
    });
    return this.view();
  }

  async setStreets(actor: StaffActor, code: string, streets: string[]) {
    const Region = regionModel(this.conn);
    return this.consistency.atomically(`settings:region:${code}`, async () => {
      const before = await Region.findOne({ code }).lean();
      if (!before) throw notFound('没有这个区');
      if (sameJson(before.streets, streets)) return { code: before.code, name: before.name, streets };
      await Region.updateOne({ code }, { $set: { streets } });
      await this.audit.record({ ...byStaff(actor), action: 'settings.region', subjectType: 'region', subjectId: code, reason: `${before.name} 街道：${streets.join('、')}`, before: before.streets, after: streets });
      return { code: before.code, name: before.name, streets };
    });
  }
}

export function settingsRoutes(settings: SettingsService): RouteDef[] {
  const tags = ['经办', '基础管理'];
  return [
    route({
      method: 'get', path: '/api/staff/settings', summary: '经办：基础设置（最低工资、服务范围、服务站）', tags, access: ['staff'], response: settingsViewSchema,
      handler: () => settings.view(),
    }),
    route({
      method: 'put', path: '/api/staff/settings/gig-rules', summary: '市级管理员：修改最低工资与服务范围（记入审计日志）', tags, access: ['staff'], staffScope: 'city',
      body: gigRulesBodySchema, response: settingsViewSchema, errors: [403],
      handler: ({ body, staff }) => settings.setGigRules(staff!, body),
    }),
    route({
      method: 'put', path: '/api/staff/settings/insurance-standard', summary: '市级管理员：修改失业保险金标准（最低工资的比例、不低于低保；记入审计日志）', tags, access: ['staff'], staffScope: 'city',
      body: insuranceStandardBodySchema, response: settingsViewSchema, errors: [403],
      handler: ({ body, staff }) => settings.setInsuranceStandard(staff!, body),
    }),
    route({
      method: 'put', path: '/api/staff/settings/stations/:id', summary: '市级管理员：新增或修改服务站（记入审计日志）', tags, access: ['staff'], staffScope: 'city',
      params: stationIdParamsSchema, body: stationBodySchema, response: settingsViewSchema, errors: [403],
      handler: ({ params, body, staff }) => settings.putStation(staff!, params.id, body),
    }),
    route({
      method: 'put', path: '/api/staff/settings/regions/:code/streets', summary: '市级管理员：修改区的街道列表（记入审计日志）', tags, access: ['staff'], staffScope: 'city',
      params: regionCodeParamsSchema, body: regionStreetsBodySchema, response: z.object({ code: z.string(), name: z.string(), streets: z.array(z.string()) }), errors: [403, 404],
      handler: ({ params, body, staff }) => settings.setStreets(staff!, params.code, body.streets),
    }),
  ];
}
