import { z } from 'zod';
import { GCJ02_LAT, GCJ02_LNG, objectIdSchema, phoneSchema, userText } from './common';
import { CALENDAR_DATE_RE } from './dates';

export const GIG_CATEGORIES = ['搬运装卸', '家政保洁', '餐饮帮厨', '建筑零工', '快递分拣', '农业采摘', '维修安装', '促销导购', '保安值守', '其他'] as const;
export const gigCategorySchema = z.enum(GIG_CATEGORIES, { errorMap: () => ({ message: `工种只能是：${GIG_CATEGORIES.join('、')}` }) });
export type GigCategory = z.infer<typeof gigCategorySchema>;

export const PAY_UNITS = ['hour', 'day', 'piece'] as const;
export const PAY_UNIT_LABEL = { hour: '元/小时', day: '元/天', piece: '元/件' } as const;
export const SETTLEMENTS = ['daily', 'on_completion', 'weekly'] as const;
export const SETTLEMENT_LABEL = { daily: '日结', on_completion: '完工结', weekly: '周结' } as const;
export const RADII_KM = [1, 3, 5, 10, 20] as const;

const money = (field: string) =>
  z
    .number({ required_error: `请填写${field}`, invalid_type_error: `${field}必须是数字` })
    .positive(`${field}必须大于 0`)
    .max(100000, `${field}不能超过 100000 元`)
    .refine((v) => Math.round(v * 100) === Math.round(v * 100 * 1000) / 1000, `${field}最多保留两位小数`);

export const dateStringSchema = z.string({ required_error: '请选择日期' }).regex(CALENDAR_DATE_RE, '日期不是有效日期，应为 YYYY-MM-DD');
const timeSchema = (label: string) => z.string({ required_error: `请选择${label}` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}格式应为 HH:mm`);

export const placeSchema = z
  .object({
    lat: z.number({ required_error: '请在地图上选择干活地点', invalid_type_error: '地点纬度必须是数字' }).min(-90, '地点纬度不正确').max(90, '地点纬度不正确').describe(GCJ02_LAT),
    lng: z.number({ required_error: '请在地图上选择干活地点', invalid_type_error: '地点经度必须是数字' }).min(-180, '地点经度不正确').max(180, '地点经度不正确').describe(GCJ02_LNG),
    address: userText('干活地址', { min: 4, max: 100 }),
  })
  .strict();

export const postGigBodySchema = z
  .object({
    /** Generated once per 发布 tap by the app; a retry or a double tap with the same key is the same posting. */
    idempotencyKey: z.string({ invalid_type_error: '提交编号必须是文字' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确').optional(),
    title: userText('标题', { min: 4, max: 30 }),
    category: gigCategorySchema,
    headcount: z.number({ required_error: '请填写招几个人', invalid_type_error: '招工人数必须是数字' }).int('招工人数必须是整数').min(1, '招工人数至少 1 人').max(200, '招工人数最多 200 人，人更多请分批发布或到服务站办理'),
    payAmount: money('工钱'),
    payUnit: z.enum(PAY_UNITS, { errorMap: () => ({ message: '计薪方式只能是 按小时、按天 或 按件' }) }),
    settlement: z.enum(SETTLEMENTS, { errorMap: () => ({ message: '结算方式只能是 日结、完工结 或 周结' }) }),
    date: dateStringSchema,
    startTime: timeSchema('开始时间'),
    endTime: timeSchema('结束时间'),
    place: placeSchema,
    requirements: userText('要求', { max: 200, multiline: true }).default(''),
    contactName: userText('联系人', { min: 1, minMessage: '请填写联系人', max: 20 }),
    contactPhone: phoneSchema,
    urgent: z.boolean({ invalid_type_error: '即时快招必须是 是/否' }).default(false),
    elderFriendly: z.boolean({ invalid_type_error: '适合银龄必须是 是/否' }).default(false),
  })
  .strict();
export type PostGigBody = z.infer<typeof postGigBodySchema>;

export const GIG_STATUSES = ['review', 'open', 'closed', 'rejected'] as const;
export type GigStatus = (typeof GIG_STATUSES)[number];
export const APPLICATION_STATUSES = ['applied', 'accepted', 'declined', 'cancelled', 'checked_in', 'completed'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABEL: Record<ApplicationStatus, string> = {
  applied: '已报名，等老板确认', accepted: '已录用', declined: '未录用', cancelled: '已取消', checked_in: '已到岗', completed: '已完工',
};

const ratingView = z.object({ average: z.number().nullable(), count: z.number().int() });

export const gigSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  category: gigCategorySchema,
  payAmount: z.number(),
  payUnit: z.enum(PAY_UNITS),
  payText: z.string(),
  settlement: z.enum(SETTLEMENTS),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  headcount: z.number().int(),
  remaining: z.number().int(),
  address: z.string(),
  lat: z.number().describe(GCJ02_LAT),
  lng: z.number().describe(GCJ02_LNG),
  urgent: z.boolean(),
  elderFriendly: z.boolean(),
  commitment: z.boolean(),
  employerName: z.string(),
  employerRating: ratingView,
  status: z.enum(GIG_STATUSES),
  createdAt: z.string(),
  distanceM: z.number().nullable(),
  distanceText: z.string().nullable(),
});
export type GigSummary = z.infer<typeof gigSummarySchema>;

const numberQuery = (label: string) => z.coerce.number({ invalid_type_error: `${label}必须是数字` });
export const nearbyQuerySchema = z
  .object({
    lat: numberQuery('纬度 lat').min(-90, '纬度 lat 不正确').max(90, '纬度 lat 不正确').describe(GCJ02_LAT),
    lng: numberQuery('经度 lng').min(-180, '经度 lng 不正确').max(180, '经度 lng 不正确').describe(GCJ02_LNG),
    radiusKm: z.coerce.number().refine((v) => (RADII_KM as readonly number[]).includes(v), `范围 radiusKm 只能是 ${RADII_KM.join(' / ')} 公里`).default(5),
    sort: z.enum(['distance', 'pay', 'newest'], { errorMap: () => ({ message: '排序 sort 只能是 distance、pay 或 newest' }) }).default('distance'),
    category: gigCategorySchema.optional(),
    settlement: z.enum(SETTLEMENTS, { errorMap: () => ({ message: '结算方式 settlement 只能是 daily、on_completion 或 weekly' }) }).optional(),
    date: dateStringSchema.optional(),
    elder: z.enum(['true', 'false'], { errorMap: () => ({ message: '银龄 elder 只能是 true 或 false' }) }).optional(),
    page: z.coerce.number().int('页码 page 必须是整数').min(1, '页码 page 从 1 开始').max(1000, '页码 page 太大').default(1),
    pageSize: z.coerce.number().int('每页条数 pageSize 必须是整数').min(1, '每页条数 pageSize 至少 1').max(50, '每页条数 pageSize 最多 50').default(20),
  })
  .strict();
export type NearbyQuery = z.infer<typeof nearbyQuerySchema>;
export const nearbyResultSchema = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(gigSummarySchema) });
export type NearbyResult = z.infer<typeof nearbyResultSchema>;

export const settlementViewSchema = z.object({
  employerAmount: z.number().nullable(),
  workerAmount: z.number().nullable(),
  settled: z.boolean(),
});

export const myApplicationSchema = z.object({
  id: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  statusText: z.string(),
  appliedAt: z.string(),
  canCancel: z.boolean(),
  settlement: settlementViewSchema,
  ratedEmployer: z.boolean(),
  /** Revealed only once the employer has accepted this worker. */
  employerContact: z.object({ name: z.string(), phone: z.string() }).nullable(),
});
export type MyApplication = z.infer<typeof myApplicationSchema>;

export const gigDetailSchema = gigSummarySchema.extend({
  requirements: z.string(),
  employerKind: z.string(),
  /** Masked unless the viewer is an accepted worker or the owner. */
  contactName: z.string(),
  contactPhoneMasked: z.string(),
  myApplication: myApplicationSchema.nullable(),
});
export type GigDetail = z.infer<typeof gigDetailSchema>;

export const myApplicationsResultSchema = z.object({ items: z.array(myApplicationSchema.extend({ gig: gigSummarySchema })) });
export type MyApplicationsResult = z.infer<typeof myApplicationsResultSchema>;

export const applicantSchema = z.object({
  id: z.string(),
  workerName: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  statusText: z.string(),
  appliedAt: z.string(),
  elder: z.boolean(),
  rating: ratingView,
  distanceM: z.number().nullable(),
  distanceText: z.string().nullable(),
  /** The worker's phone, only after acceptance; masked before. */
  phone: z.string().nullable(),
  settlement: settlementViewSchema,
  ratedWorker: z.boolean(),
});
export type Applicant = z.infer<typeof applicantSchema>;

export const employerGigSchema = gigSummarySchema.extend({
  requirements: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  reviewNote: z.string().nullable(),
  applicantCount: z.number().int(),
  filled: z.number().int(),
  notifiedWorkers: z.number().int(),
});
export type EmployerGig = z.infer<typeof employerGigSchema>;
export const employerGigListSchema = z.object({ items: z.array(employerGigSchema) });
/** One page of a gig's applicants (in order of applying); `applicantsTotal` counts all who have not cancelled. */
export const employerGigDetailSchema = z.object({
  gig: employerGigSchema, applicants: z.array(applicantSchema), applicantsTotal: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
});
export const APPLICANTS_PAGE_MAX = 100;
export const employerGigDetailQuerySchema = z
  .object({
    page: z.coerce.number({ invalid_type_error: '页码 page 必须是数字' }).int('页码 page 必须是整数').min(1, '页码 page 从 1 开始').max(1000, '页码 page 太大').default(1),
    pageSize: z.coerce.number({ invalid_type_error: '每页条数 pageSize 必须是数字' }).int('每页条数 pageSize 必须是整数').min(1, '每页条数 pageSize 至少 1').max(APPLICANTS_PAGE_MAX, `每页条数 pageSize 最多 ${APPLICANTS_PAGE_MAX}`).default(50),
  })
  .strict();
export type EmployerGigDetail = z.infer<typeof employerGigDetailSchema>;
/** `held`: the posting's text waits for staff (content security, see README Security → Content security). */
export const postGigResultSchema = z.object({ gig: employerGigSchema, published: z.boolean(), held: z.boolean(), message: z.string() });
export type PostGigResult = z.infer<typeof postGigResultSchema>;

export const idParamsSchema = z.object({ id: objectIdSchema }).strict();
export const settleBodySchema = z.object({ amount: money('实付金额') }).strict();
export const rateBodySchema = z
  .object({
    stars: z.number({ required_error: '请选择评分', invalid_type_error: '评分必须是数字' }).int('评分必须是整数').min(1, '评分 1 到 5 星').max(5, '评分 1 到 5 星'),
    comment: userText('评价', { max: 100, multiline: true }).default(''),
  })
  .strict();
export const REPORT_REASONS = ['fake', 'wage_arrears', 'discrimination', 'other'] as const;
export const REPORT_REASON_LABEL = { fake: '虚假招聘', wage_arrears: '欠薪', discrimination: '就业歧视', other: '其他' } as const;
export const reportBodySchema = z
  .object({
    reason: z.enum(REPORT_REASONS, { errorMap: () => ({ message: '举报原因只能是 虚假招聘、欠薪、就业歧视 或 其他' }) }),
    detail: userText('情况说明', { max: 300, multiline: true }).default(''),
  })
  .strict();
export const applicationActionResultSchema = z.object({ id: z.string(), status: z.enum(APPLICATION_STATUSES), statusText: z.string(), settlement: settlementViewSchema });

export const availabilityBodySchema = z
  .object({
    availableToday: z.boolean({ required_error: '请选择今天能不能干活', invalid_type_error: '今天能干活必须是 是/否' }),
    categories: z.array(gigCategorySchema).max(5, '意向工种最多选 5 个').default([]),
    homeDistrict: z.string().regex(/^\d{6}$/, '常住区县代码不正确').nullable().default(null),
    home: z.object({ lat: z.number().min(-90).max(90).describe(GCJ02_LAT), lng: z.number().min(-180).max(180).describe(GCJ02_LNG) }).strict().nullable().default(null),
    elder: z.boolean({ invalid_type_error: '银龄必须是 是/否' }).default(false),
    commitmentAgreed: z.boolean({ invalid_type_error: '承诺必须是 是/否' }),
    /** HOME_LOCATION_CONSENT's version: a home (区县或位置) is kept only with a consent to the current version. */
    sensitiveConsentVersion: userText('常住位置保存同意书版本', { min: 1, max: 20 }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.commitmentAgreed) ctx.addIssue({ code: 'custom', path: ['commitmentAgreed'], message: '灵活就业承诺制登记须勾选本人承诺' });
  });
export type AvailabilityBody = z.infer<typeof availabilityBodySchema>;
export const availabilityViewSchema = z.object({
  registered: z.boolean(),
  availableToday: z.boolean(),
  categories: z.array(gigCategorySchema),
  homeDistrict: z.string().nullable(),
  home: z.object({ lat: z.number().describe(GCJ02_LAT), lng: z.number().describe(GCJ02_LNG) }).nullable(),
  elder: z.boolean(),
  registeredAt: z.string().nullable(),
  rating: ratingView,
  /** The recorded consent to keep the home location (HOME_LOCATION_CONSENT), or null. */
  homeLocationConsent: z.object({ version: z.string(), at: z.string() }).nullable(),
});
export type AvailabilityView = z.infer<typeof availabilityViewSchema>;

export const recommendQuerySchema = z.object({ lat: numberQuery('纬度 lat').min(-90).max(90).describe(GCJ02_LAT).optional(), lng: numberQuery('经度 lng').min(-180).max(180).describe(GCJ02_LNG).optional() }).strict();
export const recommendResultSchema = z.object({ items: z.array(gigSummarySchema.extend({ reason: z.string(), score: z.number() })) });
export type RecommendResult = z.infer<typeof recommendResultSchema>;

export const STATION_KINDS = ['station', 'gig_market', 'service_hall'] as const;
export const STATION_KIND_LABEL = { station: '家门口就业服务站', gig_market: '零工市场', service_hall: '公共就业服务大厅' } as const;
export const stationViewSchema = z.object({
  id: z.string(), name: z.string(), kind: z.enum(STATION_KINDS), district: z.string(), address: z.string(),
  lat: z.number().describe(GCJ02_LAT), lng: z.number().describe(GCJ02_LNG), hours: z.string(), services: z.array(z.string()), phone: z.string(),
  distanceM: z.number().nullable(), distanceText: z.string().nullable(),
});
export type StationView = z.infer<typeof stationViewSchema>;
export const stationsQuerySchema = z.object({ lat: numberQuery('纬度 lat').min(-90).max(90).describe(GCJ02_LAT).optional(), lng: numberQuery('经度 lng').min(-180).max(180).describe(GCJ02_LNG).optional(), kind: z.enum(STATION_KINDS).optional() }).strict();
export const stationListSchema = z.object({ items: z.array(stationViewSchema) });

/** `contentHoldText`: why the text waits for a person (content security), null when it only waits for the employer's verification. */
export const staffGigQueueSchema = z.object({ items: z.array(employerGigSchema.extend({ employerStatus: z.string(), contentHoldText: z.string().nullable() })) });
/** 查无问题 (dismiss) or 下架 (takedown); a takedown may also suspend the employer (all its open gigs close). */
export const staffReportDecisionBodySchema = z
  .object({
    decision: z.enum(['dismiss', 'takedown'], { errorMap: () => ({ message: '处理结果只能是 dismiss（查无问题）或 takedown（下架）' }) }),
    reason: userText('说明', { max: 200, multiline: true }).optional(),
    suspendEmployer: z.boolean({ invalid_type_error: '暂停用人单位必须是 是/否' }).default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'takedown' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '下架时请写明原因' });
    if (v.decision === 'dismiss' && v.suspendEmployer) ctx.addIssue({ code: 'custom', path: ['suspendEmployer'], message: '查无问题时不能暂停用人单位' });
  });
export type StaffReportDecisionBody = z.infer<typeof staffReportDecisionBodySchema>;
export const staffReportDecisionResultSchema = z.object({
  ok: z.literal(true), gigStatus: z.enum(GIG_STATUSES).nullable(), reportsHandled: z.number().int(), employerSuspended: z.boolean(), gigsClosed: z.number().int(),
});

export const staffReportListSchema = z.object({
  items: z.array(z.object({ id: z.string(), gigId: z.string(), gigTitle: z.string(), employerName: z.string(), reason: z.enum(REPORT_REASONS), reasonText: z.string(), detail: z.string(), contentHoldText: z.string().nullable(), createdAt: z.string() })),
});
