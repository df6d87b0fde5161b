import { z } from 'zod';
import { userText } from './common';
import { calendarDateSchema } from './dates';
import { EMPLOYER_FAULTS, INSURANCE_CONDITIONS, INSURANCE_STOP_REASONS, isBankAccount } from '../rules/insurance';

/** 失业保险金申领: what the worker files, what they and staff see, the ledger's import and export. */

export const INSURANCE_MATERIALS = ['id_card', 'separation_proof', 'employer_fault_proof', 'bank_card'] as const;
export type InsuranceMaterial = (typeof INSURANCE_MATERIALS)[number];
export const INSURANCE_MATERIAL_LABELS: Record<InsuranceMaterial, string> = {
  id_card: '居民身份证或社会保障卡',
  separation_proof: '与原单位解除或终止劳动关系的证明',
  employer_fault_proof: '单位过错的证明（欠薪、未缴社保等，个人被迫辞职时）',
  bank_card: '本人银行账户（社会保障卡金融账户）',
};

export const INSURANCE_CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'stopped', 'ended'] as const;
export type InsuranceClaimStatus = (typeof INSURANCE_CLAIM_STATUSES)[number];
export const INSURANCE_CLAIM_STATUS_LABELS: Record<InsuranceClaimStatus, string> = {
  submitted: '待审核', approved: '领取中', rejected: '不予核定', stopped: '已停发', ended: '已领完',
};

const month = (label: string) => z.string({ required_error: `请填写${label}`, invalid_type_error: `${label}必须是文字` }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}应为 年-月，如 2026-03`);

export const insuredPeriodSchema = z
  .object({
    employer: userText('参保单位', { min: 2, minMessage: '请填写参保单位名称', max: 60 }),
    from: month('开始月份'),
    to: month('结束月份'),
    monthsPaid: z.number({ required_error: '请填写缴费月数', invalid_type_error: '缴费月数必须是数字' }).int('缴费月数必须是整数').min(0, '缴费月数不能为负').max(600, '缴费月数不合理'),
  })
  .strict();

export const insuranceClaimBodySchema = z
  .object({
    history: z.array(insuredPeriodSchema, { required_error: '请填写参保缴费记录', invalid_type_error: '参保缴费记录必须是列表' }).min(1, '请至少填写一段参保缴费记录').max(20, '参保缴费记录最多 20 段'),
    /** Only when the registration's 失业原因 is 个人辞职: the employer's fault that forced it. */
    employerFault: z.enum(EMPLOYER_FAULTS, { errorMap: () => ({ message: '单位过错的情形不正确' }) }).optional(),
    materials: z.array(z.enum(INSURANCE_MATERIALS, { errorMap: () => ({ message: '材料选项不正确' }) }), { required_error: '请勾选已准备的材料' }).max(INSURANCE_MATERIALS.length, '材料选项重复'),
    bankName: userText('开户银行', { min: 2, minMessage: '请填写开户银行', max: 40 }),
    bankAccount: z.string({ required_error: '请填写银行账号', invalid_type_error: '银行账号必须是文字' }).trim().refine(isBankAccount, '银行账号应为 12–30 位数字'),
    commitmentVersion: userText('承诺书版本', { required: '请阅读并确认书面承诺', min: 1, max: 20 }),
    commitmentAccepted: z.literal(true, { errorMap: () => ({ message: '需要勾选同意书面承诺才能申领' }) }),
    idempotencyKey: z.string({ required_error: '缺少提交编号' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确'),
  })
  .strict();
export type InsuranceClaimBody = z.infer<typeof insuranceClaimBodySchema>;

const conditionRow = z.object({ condition: z.enum(INSURANCE_CONDITIONS), label: z.string(), reason: z.string() });

export const insuranceClaimViewSchema = z.object({
  id: z.string(),
  registrationId: z.string(),
  status: z.enum(INSURANCE_CLAIM_STATUSES),
  statusLabel: z.string(),
  history: z.array(insuredPeriodSchema),
  unemploymentReason: z.string().nullable(),
  unemploymentReasonLabel: z.string(),
  employerFault: z.string().nullable(),
  materials: z.array(z.object({ key: z.enum(INSURANCE_MATERIALS), label: z.string(), provided: z.boolean() })),
  bankName: z.string(),
  bankAccountMasked: z.string(),
  commitment: z.object({ version: z.string(), acceptedAt: z.string() }),
  insuredMonths: z.number().int(),
  baseMonths: z.number().int(),
  carriedOverMonths: z.number().int(),
  monthsApproved: z.number().int(),
  monthlyAmount: z.number(),
  startMonth: z.string(),
  monthsPaid: z.number().int(),
  monthsRemaining: z.number().int(),
  nextPayment: z.object({ month: z.string(), amount: z.number() }).nullable(),
  stop: z.object({ reason: z.enum(INSURANCE_STOP_REASONS), reasonLabel: z.string(), eventDate: z.string(), fromMonth: z.string(), note: z.string().nullable() }).nullable(),
  overpaidMonths: z.array(z.string()),
  toVerify: z.array(conditionRow),
  submittedAt: z.string(),
  dueDate: z.string(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  payments: z.array(z.object({ month: z.string(), amount: z.number(), serialNo: z.string(), paidAt: z.string(), source: z.enum(['staff', 'import']) })),
  timeline: z.array(z.object({ type: z.string(), label: z.string(), at: z.string(), reason: z.string().nullable() })),
});
export type InsuranceClaimView = z.infer<typeof insuranceClaimViewSchema>;

export const myInsuranceSchema = z.object({
  claim: insuranceClaimViewSchema.nullable(),
  commitment: z.object({ version: z.string(), text: z.string() }),
  /** The current monthly amount and what the worker's registration allows now. */
  monthlyAmount: z.number(),
  canFile: z.boolean(),
  cannotFileReason: z.string().nullable(),
});

// ---- staff ------------------------------------------------------------------------------

export const insuranceQueueQuerySchema = z
  .object({ status: z.enum([...INSURANCE_CLAIM_STATUSES, 'all'] as [string, ...string[]], { errorMap: () => ({ message: `状态只能是：${[...INSURANCE_CLAIM_STATUSES, 'all'].join('、')}` }) }).optional() })
  .strict();
export const insuranceQueueSchema = z.object({
  items: z.array(z.object({
    id: z.string(), nameMasked: z.string(), idNumberMasked: z.string(), district: z.string().nullable(), status: z.enum(INSURANCE_CLAIM_STATUSES), statusLabel: z.string(),
    submittedAt: z.string(), dueDate: z.string(), overdue: z.boolean(), workdaysLeft: z.number().int().nullable(), monthsApproved: z.number().int(), monthsPaid: z.number().int(),
  })),
  counts: z.record(z.number().int()),
});

export const insuranceStaffDetailSchema = z.object({
  claim: insuranceClaimViewSchema,
  /** Full identifiers: every opening is written to the audit log. */
  identity: z.object({ realName: z.string().nullable(), idNumber: z.string().nullable(), bankAccount: z.string() }),
  /** Conditions checked now for an approval (what would fail). */
  approvalCheck: z.object({ eligible: z.boolean(), failed: z.array(conditionRow) }),
});

export const insuranceDecisionBodySchema = z
  .object({
    decision: z.enum(['approve', 'reject'], { errorMap: () => ({ message: '审核结果只能是 通过 或 不予核定' }) }),
    reason: userText('原因', { max: 200, multiline: true }).optional(),
    /** For a 失业原因 of 其他: staff verified it was not the person's own will. */
    involuntaryConfirmed: z.boolean({ invalid_type_error: '是否已核实为非本人意愿必须是是/否' }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '不予核定时必须写明原因' });
  });

export const insurancePaymentBodySchema = z
  .object({
    month: month('发放月份'),
    /** Defaults to the claim's monthly amount; any other amount is refused. */
    amount: z.number({ invalid_type_error: '金额必须是数字' }).positive('金额必须大于 0').max(100000, '金额不合理').optional(),
    serialNo: z.string({ invalid_type_error: '流水号必须是文字' }).trim().regex(/^[A-Za-z0-9_-]{4,40}$/, '流水号只能是 4–40 位字母、数字、短横线或下划线').optional(),
  })
  .strict();

export const insuranceStopBodySchema = z
  .object({
    reason: z.enum(INSURANCE_STOP_REASONS, { errorMap: () => ({ message: '停发原因只能是：重新就业、参军、出国（境）定居、享受养老保险待遇、无正当理由拒绝工作或培训、失业登记注销、被判刑收监执行、达到法定退休年龄' }) }),
    eventDate: calendarDateSchema('发生日期'),
    note: userText('说明', { max: 200, multiline: true }).optional(),
  })
  .strict();

/** Columns of the payment system's CSV (first line is this header): 身份证号,月份,金额,流水号. */
export const INSURANCE_LEDGER_COLUMNS = ['身份证号', '月份', '金额', '流水号'] as const;
export const insuranceImportBodySchema = z
  .object({ csv: z.string({ required_error: '请提供 CSV 内容', invalid_type_error: 'CSV 内容必须是文字' }).min(1, 'CSV 内容不能为空').max(60_000, 'CSV 内容太大，请分批导入（每批不超过约 1000 行）') })
  .strict();
export const insuranceImportResultSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});

export const insuranceExportQuerySchema = z.object({ month: month('月份').optional() }).strict();
export const insuranceExportResultSchema = z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() });

export const insuranceStandardBodySchema = z
  .object({
    minWageMonthly: z.number({ required_error: '请填写月最低工资标准', invalid_type_error: '月最低工资标准必须是数字' }).positive('月最低工资标准必须大于 0').max(100000, '月最低工资标准不合理'),
    sharePercent: z.number({ required_error: '请填写失业保险金占最低工资的比例', invalid_type_error: '比例必须是数字' }).min(1, '比例至少 1%').max(100, '失业保险金不能高于最低工资（比例最多 100%）'),
    dibaoMonthly: z.number({ required_error: '请填写城市低保标准', invalid_type_error: '城市低保标准必须是数字' }).positive('城市低保标准必须大于 0').max(100000, '城市低保标准不合理'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.dibaoMonthly > v.minWageMonthly) ctx.addIssue({ code: 'custom', path: ['dibaoMonthly'], message: '城市低保标准不应高于月最低工资标准' });
  });
