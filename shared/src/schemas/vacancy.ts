import { z } from 'zod';
import { GCJ02_LAT, GCJ02_LNG, objectIdSchema, phoneSchema, userText } from './common';
import { calendarDateSchema } from './dates';
import { VACANCY_APPLICATION_STATUSES, VACANCY_KINDS, VACANCY_PAY_UNITS, VACANCY_STATUSES, REFERRAL_OUTCOMES, VACANCY_DECISIONS } from '../rules/vacancy-vocab';

/**
 * Regular vacancies (岗位): full-time or part-time jobs posted by verified employers, recommended to
 * registered job seekers, applied for with a profile the person chose to share, answered by the
 * employer (面试 / 录用 / 不合适), and referred (推荐) by staff whose outcome they follow up
 * (人社厅发〔2017〕86号 三、五: 精准匹配岗位信息并回访求职结果).
 */
export * from '../rules/vacancy-vocab';

const pay = (label: string) =>
  z.number({ required_error: `请填写${label}`, invalid_type_error: `${label}必须是数字` }).int(`${label}必须是整数`).positive(`${label}必须大于 0`).max(100000, `${label}不能超过 100000 元`);

export const vacancyPlaceSchema = z
  .object({
    lat: z.number({ required_error: '请在地图上选择工作地点', invalid_type_error: '地点纬度必须是数字' }).min(-90, '地点纬度不正确').max(90, '地点纬度不正确').describe(GCJ02_LAT),
    lng: z.number({ required_error: '请在地图上选择工作地点', invalid_type_error: '地点经度必须是数字' }).min(-180, '地点经度不正确').max(180, '地点经度不正确').describe(GCJ02_LNG),
    address: userText('工作地址', { min: 4, max: 100 }),
  })
  .strict();

export const postVacancyBodySchema = z
  .object({
    /** Generated once per 发布 tap: a retry with the same key is the same posting. */
    idempotencyKey: z.string({ invalid_type_error: '提交编号必须是文字' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确').optional(),
    title: userText('岗位名称', { min: 2, max: 30 }),
    occupation: userText('职业（工种）', { min: 2, max: 20 }),
    kind: z.enum(VACANCY_KINDS, { errorMap: () => ({ message: '用工形式只能是 全职 或 兼职' }) }),
    payMin: pay('最低工资'),
    payMax: pay('最高工资'),
    payUnit: z.enum(VACANCY_PAY_UNITS, { errorMap: () => ({ message: '工资单位只能是 元/月 或 元/小时' }) }),
    place: vacancyPlaceSchema,
    hours: userText('工作时间', { min: 2, max: 40 }),
    requirements: userText('任职要求', { max: 300, multiline: true }).default(''),
    skills: z.array(userText('技能', { min: 1, max: 20 }), { invalid_type_error: '技能必须是列表' }).max(8, '技能最多 8 项').default([]),
    headcount: z.number({ required_error: '请填写招聘人数', invalid_type_error: '招聘人数必须是数字' }).int('招聘人数必须是整数').min(1, '招聘人数至少 1 人').max(500, '招聘人数最多 500 人'),
    closingDate: calendarDateSchema('截止日期'),
    contactName: userText('联系人', { min: 1, minMessage: '请填写联系人', max: 20 }),
    contactPhone: phoneSchema,
  })
  .strict();
export type PostVacancyBody = z.infer<typeof postVacancyBodySchema>;

export const vacancyViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  occupation: z.string(),
  kind: z.enum(VACANCY_KINDS),
  kindLabel: z.string(),
  payText: z.string(),
  payMin: z.number(),
  payMax: z.number(),
  payUnit: z.enum(VACANCY_PAY_UNITS),
  address: z.string(),
  lat: z.number().describe(GCJ02_LAT),
  lng: z.number().describe(GCJ02_LNG),
  district: z.string().nullable(),
  districtName: z.string().nullable(),
  hours: z.string(),
  requirements: z.string(),
  skills: z.array(z.string()),
  headcount: z.number().int(),
  hired: z.number().int(),
  closingDate: z.string(),
  employerName: z.string(),
  employerVerified: z.boolean(),
  status: z.enum(VACANCY_STATUSES),
  statusLabel: z.string(),
  postedAt: z.string(),
});
export type VacancyView = z.infer<typeof vacancyViewSchema>;

export const recommendedVacancySchema = vacancyViewSchema.extend({
  /** One line saying why it is recommended: 「符合意向职业「保洁」 · 离家约 2.1 公里」. */
  reason: z.string(),
  score: z.number(),
  /** Set when staff referred the person to it (推荐). */
  referral: z.object({ id: z.string(), note: z.string().nullable(), at: z.string() }).nullable(),
  applied: z.boolean(),
});
export const recommendedListSchema = z.object({
  /** Why there may be none: no registration yet, or its intention fields are empty. */
  basis: z.object({ registered: z.boolean(), desiredOccupations: z.array(z.string()), skills: z.array(z.string()), expectedMonthlyPay: z.number().nullable(), hint: z.string().nullable() }),
  items: z.array(recommendedVacancySchema),
});
export type RecommendedList = z.infer<typeof recommendedListSchema>;
export const vacancyListQuerySchema = z.object({
  occupation: z.string().trim().max(20, '职业最多 20 个字').optional(),
  kind: z.enum(VACANCY_KINDS, { errorMap: () => ({ message: '用工形式只能是 full_time 或 part_time' }) }).optional(),
  district: z.string().regex(/^\d{6}$/, '区不正确').optional(),
}).strict();
export const vacancyListSchema = z.object({ items: z.array(vacancyViewSchema) });

/** What the person chooses to show the employer; the masked name and the note always go. */
export const shareChoiceSchema = z.object({
  phone: z.boolean({ invalid_type_error: '是否提供手机号必须是 是/否' }).default(true),
  age: z.boolean({ invalid_type_error: '是否提供年龄必须是 是/否' }).default(true),
  education: z.boolean({ invalid_type_error: '是否提供学历必须是 是/否' }).default(true),
  skills: z.boolean({ invalid_type_error: '是否提供技能证书必须是 是/否' }).default(true),
  lastJob: z.boolean({ invalid_type_error: '是否提供原工作单位必须是 是/否' }).default(false),
}).strict();
export type ShareChoice = z.infer<typeof shareChoiceSchema>;
export const applyVacancyBodySchema = z.object({
  share: shareChoiceSchema.default({}),
  note: userText('自我介绍', { max: 100, multiline: true }).default(''),
}).strict();
export type ApplyVacancyBody = z.infer<typeof applyVacancyBodySchema>;

export const sharedProfileSchema = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  age: z.number().int().nullable(),
  sex: z.string().nullable(),
  education: z.string().nullable(),
  skills: z.array(z.string()).nullable(),
  certificates: z.array(z.string()).nullable(),
  lastJob: z.string().nullable(),
  note: z.string(),
});
export type SharedProfile = z.infer<typeof sharedProfileSchema>;

export const interviewSchema = z.object({ at: z.string(), place: z.string(), note: z.string().nullable() });
export const vacancyApplicationViewSchema = z.object({
  id: z.string(),
  vacancyId: z.string(),
  status: z.enum(VACANCY_APPLICATION_STATUSES),
  statusLabel: z.string(),
  appliedAt: z.string(),
  answeredAt: z.string().nullable(),
  interview: interviewSchema.nullable(),
  answerNote: z.string().nullable(),
  referred: z.boolean(),
});
export const myVacancyApplicationSchema = vacancyApplicationViewSchema.extend({
  vacancy: vacancyViewSchema.pick({ id: true, title: true, employerName: true, payText: true, address: true, kindLabel: true, status: true, statusLabel: true }),
  canWithdraw: z.boolean(),
  /** The employer's contact once invited or hired (masked before). */
  contact: z.object({ name: z.string(), phone: z.string() }).nullable(),
});
export const myVacancyApplicationListSchema = z.object({ items: z.array(myVacancyApplicationSchema) });
export const applyVacancyResultSchema = z.object({ application: myVacancyApplicationSchema, message: z.string() });

export const employerApplicantSchema = vacancyApplicationViewSchema.extend({ profile: sharedProfileSchema });
export const employerVacancySchema = vacancyViewSchema.extend({ applicants: z.number().int(), unanswered: z.number().int() });
export const employerVacancyListSchema = z.object({ items: z.array(employerVacancySchema) });
export const employerVacancyDetailSchema = z.object({ vacancy: employerVacancySchema, applicants: z.array(employerApplicantSchema) });
export const postVacancyResultSchema = z.object({ vacancy: employerVacancySchema, published: z.boolean(), message: z.string() });

export const answerApplicationBodySchema = z
  .object({
    decision: z.enum(VACANCY_DECISIONS, { errorMap: () => ({ message: '答复只能是 面试、录用 或 不合适' }) }),
    interviewDate: calendarDateSchema('面试日期').optional(),
    interviewTime: z.string({ invalid_type_error: '面试时间必须是文字' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '面试时间格式应为 HH:mm').optional(),
    interviewPlace: userText('面试地点', { min: 4, max: 100 }).optional(),
    note: userText('备注', { max: 100, multiline: true }).optional(),
  })
  .strict();
export type AnswerApplicationBody = z.infer<typeof answerApplicationBodySchema>;
export const answerApplicationResultSchema = z.object({ applicant: employerApplicantSchema });

// ---- staff: 推荐 (referral) and its outcome

export const vacancyReferralBodySchema = z.object({
  registrationId: objectIdSchema,
  vacancyId: objectIdSchema,
  note: userText('推荐说明', { max: 100, multiline: true }).default(''),
}).strict();
export type VacancyReferralBody = z.infer<typeof vacancyReferralBodySchema>;
export const referralViewSchema = z.object({
  id: z.string(),
  registrationId: z.string(),
  vacancy: vacancyViewSchema.pick({ id: true, title: true, employerName: true, payText: true, status: true, statusLabel: true }),
  note: z.string().nullable(),
  staffName: z.string(),
  referredAt: z.string(),
  outcome: z.enum(REFERRAL_OUTCOMES),
  outcomeLabel: z.string(),
  interview: interviewSchema.nullable(),
});
export const referralListSchema = z.object({ items: z.array(referralViewSchema) });
export const referralResultSchema = z.object({ referral: referralViewSchema });
export const referralQuerySchema = z.object({ registrationId: objectIdSchema }).strict();
export const vacancyReviewBodySchema = z.object({
  decision: z.enum(['approve', 'reject'], { errorMap: () => ({ message: '审核结果只能是 approve 或 reject' }) }),
  reason: userText('理由', { max: 100 }).optional(),
}).strict();
