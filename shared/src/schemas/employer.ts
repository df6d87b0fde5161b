import { z } from 'zod';
import { objectIdSchema, phoneSchema, userText } from './common';
import { isValidCreditCode } from '../rules/gig-credit-code';

export const EMPLOYER_KINDS = ['enterprise', 'individual_business', 'household'] as const;
export const EMPLOYER_KIND_LABEL: Record<(typeof EMPLOYER_KINDS)[number], string> = {
  enterprise: '企业',
  individual_business: '个体工商户',
  household: '个人雇主（家庭用工）',
};
export const employerKindSchema = z.enum(EMPLOYER_KINDS, { errorMap: () => ({ message: '用人主体类型只能是 企业、个体工商户 或 个人雇主' }) });
export type EmployerKind = z.infer<typeof employerKindSchema>;

/**
 * pending: documents wait for staff (3 working days). commitment: accepted on the 经办人 written
 * commitment, may publish at once (postings marked 承诺制), staff still check. verified / rejected.
 * suspended: staff stopped the employer (for example after a takedown on reports); its open gigs are
 * closed and it cannot post until staff verify a re-submission.
 */
export const EMPLOYER_STATUSES = ['pending', 'commitment', 'verified', 'rejected', 'suspended'] as const;
export type EmployerStatus = (typeof EMPLOYER_STATUSES)[number];
export const EMPLOYER_STATUS_LABEL: Record<EmployerStatus, string> = {
  pending: '审核中', commitment: '承诺制 · 可发布', verified: '已认证', rejected: '未通过', suspended: '已暂停发布',
};

export const COMMITMENT_TEXT = '本人作为经办人郑重承诺：所填用人主体信息真实有效，发布的用工信息真实、合法，按约定足额支付劳动报酬。如有不实，愿承担相应法律责任。';
/** Version of COMMITMENT_TEXT the 经办人 accepted; stored with each acceptance. */
export const COMMITMENT_VERSION = '2026-01';
/**
 * 人社部发〔2018〕77号 (四): "对处于初创阶段以及灵活形式用工等用人主体，可采取'经办人书面承诺+工作人员必要调查'的方式受理".
 * Start-ups may be enterprises or 个体工商户, flexible employment includes household employers, so by
 * default every kind may choose 承诺制; a deployment narrows the kinds with EMPLOYER_COMMITMENT_KINDS
 * (for example "individual_business,household" to have enterprises verified by documents only).
 */
export const DEFAULT_COMMITMENT_EMPLOYER_KINDS: readonly EmployerKind[] = ['enterprise', 'individual_business', 'household'];

export const employerOnboardBodySchema = z
  .object({
    kind: employerKindSchema,
    name: userText('用人主体名称', { required: '请填写用人主体名称', min: 2, max: 50 }),
    creditCode: z.string().trim().toUpperCase().optional(),
    contactName: userText('经办人姓名', { required: '请填写经办人姓名', min: 2, max: 20 }),
    contactPhone: phoneSchema,
    address: userText('地址', { required: '请填写地址', min: 4, max: 100 }),
    /** Start-ups and flexible employers: accepted on the 经办人's written commitment. */
    commitment: z.boolean({ invalid_type_error: '承诺制选项必须是 是/否' }).default(false),
    commitmentAgreed: z.boolean().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind !== 'household') {
      if (!v.creditCode) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '请填写统一社会信用代码（18 位）' });
      else if (!isValidCreditCode(v.creditCode)) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '统一社会信用代码不正确：应为 18 位，最后一位校验码要对得上' });
    } else if (v.creditCode) {
      ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '个人雇主不需要填写统一社会信用代码' });
    }
    if (v.commitment && v.commitmentAgreed !== true) ctx.addIssue({ code: 'custom', path: ['commitmentAgreed'], message: '选择承诺制须勾选经办人书面承诺' });
  });
export type EmployerOnboardBody = z.infer<typeof employerOnboardBodySchema>;

export const employerViewSchema = z.object({
  id: z.string(),
  kind: employerKindSchema,
  name: z.string(),
  creditCode: z.string().nullable(),
  contactName: z.string(),
  contactPhoneMasked: z.string(),
  address: z.string(),
  commitment: z.boolean(),
  status: z.enum(EMPLOYER_STATUSES),
  canPublishAtOnce: z.boolean(),
  /** The 承诺制 acceptance this employer's status rests on: who committed, when, to which text, and the staff check. */
  commitmentRecord: z
    .object({
      contactName: z.string(), version: z.string(), acceptedAt: z.string(), kind: employerKindSchema,
      confirmedAt: z.string().nullable(), confirmedByName: z.string().nullable(),
    })
    .nullable(),
  submittedAt: z.string(),
  reviewDeadline: z.string(),
  rejectReason: z.string().nullable(),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
});
export type EmployerView = z.infer<typeof employerViewSchema>;
export const employerProfileResultSchema = z.object({ employer: employerViewSchema.nullable() });
export type EmployerProfileResult = z.infer<typeof employerProfileResultSchema>;

export const staffReviewBodySchema = z
  .object({
    decision: z.enum(['approve', 'reject'], { errorMap: () => ({ message: '审核结果只能是 approve（通过）或 reject（不通过）' }) }),
    reason: userText('说明', { max: 200, multiline: true }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '不通过时请写明原因' });
  });
export type StaffReviewBody = z.infer<typeof staffReviewBodySchema>;

export const staffSuspendBodySchema = z
  .object({ reason: userText('暂停原因', { min: 2, max: 200, multiline: true, required: '请写明暂停原因' }) })
  .strict();
export type StaffSuspendBody = z.infer<typeof staffSuspendBodySchema>;

export const staffEmployerQueueSchema = z.object({ items: z.array(employerViewSchema.extend({ overdue: z.boolean(), contentHoldText: z.string().nullable() })) });
export const employerIdParamsSchema = z.object({ id: objectIdSchema }).strict();
