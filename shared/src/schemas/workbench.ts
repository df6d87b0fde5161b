import { z } from 'zod';
import { WORKBENCH_QUEUES } from '../rules/workbench-vocab';
import { GCJ02_LAT, GCJ02_LNG, objectIdSchema, userText } from './common';
import { ratingDashboardSchema } from './ratings';

/**
 * 经办工作台: one inbox over every staff queue, each item with its working-day deadline, plus the
 * dashboard figures (数据分析) of the staff member's service center and their CSV export.
 */

export { WORKBENCH_QUEUES, WORKBENCH_QUEUE_LABELS, type WorkbenchQueue } from '../rules/workbench-vocab';

const districtCode = z.string().regex(/^\d{6}$/, '区县代码应为 6 位数字');
const monthStr = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, '月份格式应为 年-月，如 2026-09');

export const workbenchQuerySchema = z
  .object({
    queue: z.enum(WORKBENCH_QUEUES, { errorMap: () => ({ message: `待办类别只能是：${WORKBENCH_QUEUES.join('、')}` }) }).optional(),
    district: districtCode.optional(),
  })
  .strict();

export const workbenchItemSchema = z.object({
  /** `${queue}:${id}`, unique in the inbox. */
  key: z.string(),
  queue: z.enum(WORKBENCH_QUEUES),
  id: z.string(),
  /** Personal names are masked here; the detail view shows them in full and is audited. */
  title: z.string(),
  subtitle: z.string(),
  districtCode: z.string().nullable(),
  districtName: z.string(),
  /** True when the item names no district: every center sees it until one handles it. */
  unassigned: z.boolean(),
  statusLabel: z.string(),
  receivedAt: z.string().nullable(),
  /** China calendar date by which it must be handled. */
  deadline: z.string(),
  /** Working days from today to the deadline; negative when overdue. */
  workdaysLeft: z.number().int(),
  overdue: z.boolean(),
  /** Its user text waits for a person: content security (msgSecCheck) did not pass it. */
  contentHeld: z.boolean(),
  /** About a recognised 就业困难人员 (valid recognition) or a veteran: first among items with the same deadline. */
  priority: z.boolean(),
});
export type WorkbenchItem = z.infer<typeof workbenchItemSchema>;

export const centerInfoSchema = z.object({ code: z.string(), name: z.string(), districts: z.array(z.object({ code: z.string(), name: z.string() })) });

export const workbenchInboxSchema = z.object({
  center: centerInfoSchema.nullable(),
  today: z.string(),
  /** Per queue (district filter applied, queue filter not), plus all and overdue. */
  counts: z.object({
    all: z.number().int(), overdue: z.number().int(), registration: z.number().int(), employer: z.number().int(), gig: z.number().int(),
    report: z.number().int(), policy: z.number().int(), followup: z.number().int(), insurance: z.number().int(),
    assistance: z.number().int(), assistance_plan: z.number().int(), household: z.number().int(), rating: z.number().int(), vacancy: z.number().int(),
  }),
  items: z.array(workbenchItemSchema),
});
export type WorkbenchInbox = z.infer<typeof workbenchInboxSchema>;

/** Queues handled inside the workbench (registrations, follow-ups and 失业保险金 claims have their own detail page). */
export const WORKBENCH_ACTION_QUEUES = ['employer', 'gig', 'report', 'policy'] as const;
export const WORKBENCH_DECISIONS = ['approve', 'return', 'reject', 'dismiss', 'takedown'] as const;
export type WorkbenchDecision = (typeof WORKBENCH_DECISIONS)[number];

export const workbenchItemParamsSchema = z.object({ queue: z.enum(WORKBENCH_ACTION_QUEUES, { errorMap: () => ({ message: `只能处理：${WORKBENCH_ACTION_QUEUES.join('、')}` }) }), id: objectIdSchema }).strict();

export const workbenchDecisionBodySchema = z
  .object({
    decision: z.enum(WORKBENCH_DECISIONS, { errorMap: () => ({ message: '处理结果只能是 通过、退回、不通过、查无问题 或 下架' }) }),
    reason: userText('原因', { max: 200, multiline: true }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (['return', 'reject', 'takedown'].includes(v.decision) && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '退回、不通过或下架时请写明原因' });
  });
export type WorkbenchDecisionBody = z.infer<typeof workbenchDecisionBodySchema>;

export const workbenchDetailSchema = z.object({
  item: workbenchItemSchema,
  /** Label/value rows with identifiers in full: opening this view is written to the audit log. */
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
  actions: z.array(z.object({ decision: z.enum(WORKBENCH_DECISIONS), label: z.string(), needsReason: z.boolean() })),
});
export type WorkbenchDetail = z.infer<typeof workbenchDetailSchema>;

export const workbenchDecisionResultSchema = z.object({ ok: z.literal(true), statusLabel: z.string() });

// ---- dashboard (数据分析) ------------------------------------------------------------------

export const statsQuerySchema = z.object({ month: monthStr.optional(), district: districtCode.optional(), refresh: z.enum(['true', 'false'], { errorMap: () => ({ message: 'refresh 只能是 true 或 false' }) }).optional() }).strict();

const bar = z.object({ key: z.string(), label: z.string(), value: z.number() });
export type StatsBar = z.infer<typeof bar>;

export const statsDashboardSchema = z.object({
  center: centerInfoSchema.nullable(),
  month: z.string(),
  district: z.string().nullable(),
  /** When the figures were computed (kept as a snapshot, recomputed after changes); null while the first computation runs. */
  computedAt: z.string().nullable(),
  /** True while newer figures are being computed in the background (large data on a slow database). */
  refreshing: z.boolean(),
  registrations: z.object({
    registeredNow: z.number().int(),
    pending: z.number().int(),
    newThisMonth: z.number().int(),
    exitsThisMonth: z.number().int(),
    /** 就业转失业: new registrations of the month filed after a recorded job (就业登记). */
    fromEmploymentThisMonth: z.number().int(),
    exitsByReason: z.array(bar),
    byDistrict: z.array(z.object({ key: z.string(), label: z.string(), registeredNow: z.number().int(), newThisMonth: z.number().int(), exitsThisMonth: z.number().int() })),
    byReason: z.array(bar),
    byDuration: z.array(bar),
    handling: z.object({ decidedOnTime: z.number().int(), decidedLate: z.number().int(), pendingWithin: z.number().int(), pendingOverdue: z.number().int() }),
    trend: z.array(z.object({ month: z.string(), newRegistrations: z.number().int(), exits: z.number().int() })),
  }),
  gigs: z.object({
    posted: z.number().int(),
    filled: z.number().int(),
    /** Filled ÷ posted (gigs whose every place was taken), null when nothing was posted. */
    fillRate: z.number().nullable(),
    seats: z.number().int(),
    seatsFilled: z.number().int(),
    medianHoursToFill: z.number().nullable(),
    byCategory: z.array(z.object({ key: z.string(), label: z.string(), posted: z.number().int(), filled: z.number().int() })),
  }),
  policies: z.object({
    total: z.number().int(),
    byOutcome: z.array(bar),
    byPolicy: z.array(z.object({ key: z.string(), label: z.string(), submitted: z.number().int(), approved: z.number().int(), returned: z.number().int(), rejected: z.number().int(), total: z.number().int() })),
  }),
  /** 好差评 of the center (all ratings so far, the district filter applied): live, not part of the month's snapshot. */
  ratings: ratingDashboardSchema,
  /** 零就业家庭 still at zero per district (live, not the monthly snapshot): count and days at zero. */
  households: z.array(z.object({ district: z.string(), label: z.string(), open: z.number().int(), medianDays: z.number().nullable(), over30: z.number().int(), over90: z.number().int() })).optional(),
  /** 岗位推荐 by the center's staff and their outcomes (live). */
  referrals: z.object({ referrals: z.number().int(), applied: z.number().int(), interview: z.number().int(), hired: z.number().int(), rejected: z.number().int(), pending: z.number().int() }).optional(),
});
export type StatsDashboard = z.infer<typeof statsDashboardSchema>;

export const STATS_TABLES = ['district', 'reason', 'duration', 'exits', 'handling', 'trend', 'gigs', 'policies', 'inbox'] as const;
export type StatsTable = (typeof STATS_TABLES)[number];
export const STATS_TABLE_LABELS: Record<StatsTable, string> = {
  district: '分区登记失业人员', reason: '按失业原因', duration: '按失业时长', exits: '本月退出及原因', handling: '登记办理及时情况',
  trend: '近 6 个月新增与退出', gigs: '零工发布与招满', policies: '政策申请按政策与结果', inbox: '待办清单',
};

export const statsExportQuerySchema = z
  .object({ table: z.enum(STATS_TABLES, { errorMap: () => ({ message: `表格只能是：${STATS_TABLES.join('、')}` }) }), month: monthStr.optional(), district: districtCode.optional() })
  .strict();
export const statsExportResultSchema = z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() });

// ---- settings (基础管理): minimum wage and service area, service stations, district streets ---------------------

const lat = (label: string) => z.number({ required_error: `请填写${label}`, invalid_type_error: `${label}必须是数字` }).min(-90, `${label}不正确`).max(90, `${label}不正确`);
const lng = (label: string) => z.number({ required_error: `请填写${label}`, invalid_type_error: `${label}必须是数字` }).min(-180, `${label}不正确`).max(180, `${label}不正确`);

export const serviceAreaSchema = z
  .object({ minLat: lat('南边纬度'), minLng: lng('西边经度'), maxLat: lat('北边纬度'), maxLng: lng('东边经度') })
  .strict()
  .superRefine((a, ctx) => {
    if (a.minLat >= a.maxLat) ctx.addIssue({ code: 'custom', path: ['maxLat'], message: '北边纬度应大于南边纬度' });
    if (a.minLng >= a.maxLng) ctx.addIssue({ code: 'custom', path: ['maxLng'], message: '东边经度应大于西边经度' });
  });

export const gigRulesBodySchema = z
  .object({
    minWageHourly: z.number({ required_error: '请填写小时最低工资', invalid_type_error: '小时最低工资必须是数字' }).positive('小时最低工资必须大于 0').max(1000, '小时最低工资不合理'),
    minWageDaily: z.number({ required_error: '请填写日最低工资', invalid_type_error: '日最低工资必须是数字' }).positive('日最低工资必须大于 0').max(10000, '日最低工资不合理'),
    serviceArea: serviceAreaSchema,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.minWageDaily < v.minWageHourly) ctx.addIssue({ code: 'custom', path: ['minWageDaily'], message: '日最低工资不应低于小时最低工资' });
  });
export type GigRulesBody = z.infer<typeof gigRulesBodySchema>;

export const stationBodySchema = z
  .object({
    name: userText('名称', { min: 2, max: 40 }),
    kind: z.enum(['station', 'gig_market', 'service_hall'], { errorMap: () => ({ message: '类型只能是 家门口就业服务站、零工市场 或 公共就业服务大厅' }) }),
    district: userText('所在区', { min: 2, minMessage: '请填写所在区，如 南岗区', max: 10 }),
    address: userText('地址', { min: 4, max: 100 }),
    lat: lat('纬度').describe(GCJ02_LAT),
    lng: lng('经度').describe(GCJ02_LNG),
    hours: userText('办公时间', { min: 2, minMessage: '请填写办公时间', max: 60 }),
    services: z.array(userText('服务项目', { min: 1, minMessage: '服务项目不能为空', max: 20 }), { invalid_type_error: '服务项目必须是列表' }).min(1, '至少填写一项服务').max(12, '服务项目最多 12 项'),
    phone: z.string({ required_error: '请填写电话' }).trim().regex(/^[\d-]{7,20}$/, '电话只能包含数字和短横线'),
  })
  .strict();
export const stationIdParamsSchema = z.object({ id: z.string().regex(/^[a-z0-9-]{2,40}$/, '编号只能包含小写字母、数字和短横线') }).strict();
export const regionStreetsBodySchema = z
  .object({ streets: z.array(userText('街道名称', { min: 2, max: 20 }), { invalid_type_error: '街道必须是列表' }).min(1, '至少保留一个街道').max(60, '街道最多 60 个') })
  .strict();
export const regionCodeParamsSchema = z.object({ code: districtCode }).strict();

const stationRowSchema = stationBodySchema.extend({ id: z.string() });
export const settingsViewSchema = z.object({
  gigRules: z.object({
    minWageHourly: z.number(), minWageDaily: z.number(), serviceArea: z.object({ minLat: z.number(), minLng: z.number(), maxLat: z.number(), maxLng: z.number() }),
    /** Values from the deployment's configuration, used until staff change them. */
    defaults: z.object({ minWageHourly: z.number(), minWageDaily: z.number(), serviceArea: z.object({ minLat: z.number(), minLng: z.number(), maxLat: z.number(), maxLng: z.number() }) }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  }),
  stations: z.array(stationRowSchema),
  /** 失业保险金 standard: a share of the monthly minimum wage, never below the 低保 line (city administrator). */
  insuranceStandard: z.object({
    minWageMonthly: z.number(), sharePercent: z.number(), dibaoMonthly: z.number(), monthlyAmount: z.number(),
    defaults: z.object({ minWageMonthly: z.number(), sharePercent: z.number(), dibaoMonthly: z.number() }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  }),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;
