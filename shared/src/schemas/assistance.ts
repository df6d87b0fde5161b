import { z } from 'zod';
import { objectIdSchema, userText } from './common';
import { calendarDateSchema } from './dates';
import { ASSISTANCE_CATEGORIES, PLAN_STEP_KINDS, PLAN_STEP_STATUSES, RECOGNITION_STATUSES } from '../rules/assistance';

/** 就业援助: 就业困难人员认定 (the person applies, staff decide) and 一人一策 (counsellor, plan, follow-ups). */

const categorySchema = z.enum(ASSISTANCE_CATEGORIES, { errorMap: () => ({ message: '困难类别不正确' }) });

export const recognitionApplyBodySchema = z
  .object({
    categories: z.array(categorySchema, { required_error: '请选择申请认定的困难类别', invalid_type_error: '困难类别必须是列表' })
      .min(1, '请至少选择一项困难类别').max(ASSISTANCE_CATEGORIES.length, '困难类别重复')
      .refine((xs) => new Set(xs).size === xs.length, '困难类别重复'),
    /** One note per category: which document the person holds (number, issuing office) or where staff can check it. */
    evidence: z.array(z.object({
      category: categorySchema,
      note: userText('证明材料说明', { min: 2, minMessage: '请写明持有的证明材料（如证件名称、编号或发证单位）', max: 200, multiline: true }),
    }).strict(), { required_error: '请为每项困难类别写明证明材料', invalid_type_error: '证明材料必须是列表' }).max(ASSISTANCE_CATEGORIES.length, '证明材料说明太多'),
    sensitiveConsentVersion: userText('敏感个人信息同意书版本', { required: '请先阅读并同意敏感个人信息处理说明', min: 1, max: 20 }),
    idempotencyKey: z.string({ required_error: '缺少提交编号' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确'),
  })
  .strict()
  .superRefine((v, ctx) => {
    v.categories.forEach((c, i) => {
      if (!v.evidence.some((e) => e.category === c)) ctx.addIssue({ code: 'custom', path: ['evidence', i], message: '请为每项困难类别写明证明材料' });
    });
    v.evidence.forEach((e, i) => {
      if (!v.categories.includes(e.category)) ctx.addIssue({ code: 'custom', path: ['evidence', i, 'category'], message: '证明材料对应的困难类别没有选择' });
    });
  });
export type RecognitionApplyBody = z.infer<typeof recognitionApplyBodySchema>;

export const RECOGNITION_DECISIONS = ['approve', 'return', 'reject'] as const;
export const recognitionDecisionBodySchema = z
  .object({
    decision: z.enum(RECOGNITION_DECISIONS, { errorMap: () => ({ message: '认定结果只能是 approve（认定）、return（退回补充）或 reject（不予认定）' }) }),
    reason: userText('原因', { max: 200, multiline: true }).optional(),
    /** Approve: the last day the recognition is valid. */
    validUntil: calendarDateSchema('有效期', '2027-03-31').optional(),
    /** Approve: the categories recognised (a subset of those applied for; default all). */
    categories: z.array(categorySchema).min(1, '请至少认定一项困难类别').max(ASSISTANCE_CATEGORIES.length, '困难类别重复').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'approve' && !v.validUntil) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '认定时请填写有效期' });
    if (v.decision !== 'approve' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '退回或不予认定时请写明原因' });
  });
export type RecognitionDecisionBody = z.infer<typeof recognitionDecisionBodySchema>;

export const counsellorBodySchema = z.object({ staffId: objectIdSchema }).strict();

export const planStepBodySchema = z
  .object({
    kind: z.enum(PLAN_STEP_KINDS, { errorMap: () => ({ message: '帮扶措施类别不正确' }) }),
    title: userText('措施内容', { min: 2, minMessage: '请写明这一步做什么', max: 60 }),
    dueDate: calendarDateSchema('完成期限', '2026-04-30'),
  })
  .strict();
export type PlanStepBody = z.infer<typeof planStepBodySchema>;

export const FOLLOW_UP_CHANNELS = ['phone', 'visit', 'center', 'wechat'] as const;
export const planFollowUpBodySchema = z
  .object({
    channel: z.enum(FOLLOW_UP_CHANNELS, { errorMap: () => ({ message: '联系方式只能是 phone（电话）、visit（上门）、center（来窗口）或 wechat（微信）' }) }),
    note: userText('跟进情况', { min: 2, minMessage: '请写明跟进情况', max: 300, multiline: true }),
  })
  .strict();

export const referralBodySchema = z
  .object({
    employer: userText('推荐单位', { min: 2, minMessage: '请填写推荐单位名称', max: 60 }),
    position: userText('推荐岗位', { min: 2, minMessage: '请填写推荐岗位', max: 40 }),
    referredOn: calendarDateSchema('推荐日期'),
  })
  .strict();

export const stepCompleteBodySchema = z.object({ note: userText('办结说明', { max: 200, multiline: true }).optional() }).strict();

export const stepParamsSchema = z.object({ id: objectIdSchema, stepId: objectIdSchema }).strict();

export const recognitionQueueQuerySchema = z
  .object({ status: z.enum([...RECOGNITION_STATUSES, 'all'] as [string, ...string[]], { errorMap: () => ({ message: `状态只能是：${[...RECOGNITION_STATUSES, 'all'].join('、')}` }) }).optional() })
  .strict();

const planStepViewSchema = z.object({
  id: z.string(), kind: z.enum(PLAN_STEP_KINDS), kindLabel: z.string(), title: z.string(), dueDate: z.string(), status: z.enum(PLAN_STEP_STATUSES), overdue: z.boolean(),
  doneAt: z.string().nullable(), doneNote: z.string().nullable(),
  referrals: z.array(z.object({ employer: z.string(), position: z.string(), referredOn: z.string() })),
  followUps: z.array(z.object({ at: z.string(), channel: z.string(), note: z.string(), byName: z.string().nullable() })),
});

export const recognitionViewSchema = z.object({
  id: z.string(),
  registrationId: z.string(),
  status: z.enum(RECOGNITION_STATUSES),
  statusLabel: z.string(),
  /** Counts for policies and priority: approved and not past its validity. */
  counts: z.boolean(),
  applied: z.array(z.object({ category: z.enum(ASSISTANCE_CATEGORIES), label: z.string(), note: z.string() })),
  recognised: z.array(z.object({ category: z.enum(ASSISTANCE_CATEGORIES), label: z.string() })),
  submittedAt: z.string(),
  dueDate: z.string(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  counsellor: z.object({ name: z.string(), phoneMasked: z.string().nullable(), center: z.string(), centerPhone: z.string(), assignedAt: z.string() }).nullable(),
  plan: z.array(planStepViewSchema),
  timeline: z.array(z.object({ type: z.string(), label: z.string(), at: z.string(), reason: z.string().nullable() })),
});
export type RecognitionView = z.infer<typeof recognitionViewSchema>;

export const myAssistanceSchema = z.object({
  recognition: recognitionViewSchema.nullable(),
  canApply: z.boolean(),
  cannotApplyReason: z.string().nullable(),
  categories: z.array(z.object({ category: z.enum(ASSISTANCE_CATEGORIES), label: z.string(), evidence: z.string() })),
  consent: z.object({ version: z.string(), text: z.string(), checkbox: z.string() }),
});

export const recognitionResultSchema = z.object({ recognition: recognitionViewSchema });

export const recognitionQueueSchema = z.object({
  items: z.array(z.object({
    id: z.string(), nameMasked: z.string(), district: z.string().nullable(), status: z.enum(RECOGNITION_STATUSES), statusLabel: z.string(), categories: z.array(z.string()),
    submittedAt: z.string(), dueDate: z.string(), overdue: z.boolean(), validUntil: z.string().nullable(), counsellorName: z.string().nullable(),
    openSteps: z.number().int(), dueSteps: z.number().int(), priority: z.boolean(),
  })),
  counts: z.record(z.number().int()),
});

export const recognitionStaffDetailSchema = z.object({
  recognition: recognitionViewSchema,
  identity: z.object({ realName: z.string().nullable(), idNumber: z.string().nullable(), phone: z.string().nullable(), veteran: z.boolean(), declaredHardships: z.array(z.string()) }),
  latestValidUntil: z.string(),
  /** The person's household in the 零就业家庭 records (matched by ID number): whether it is flagged now. */
  zeroEmploymentHousehold: z.object({ flagged: z.boolean(), zeroSince: z.string().nullable(), daysAtZero: z.number().nullable() }).nullable().optional(),
});

export const counsellorListSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), phoneMasked: z.string().nullable() })) });
