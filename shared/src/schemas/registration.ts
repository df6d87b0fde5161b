import { z } from 'zod';
import { userText } from './common';
import { ID_DOC_TYPES, idDocTypeSchema } from '../rules/idcard';
import { calendarDateSchema } from './dates';
import { EMPLOYMENT_KINDS, EXIT_REASONS, exitFormProblems, STAFF_EXIT_REASONS, WORKER_EXIT_REASONS, type ExitReason } from '../rules/registration-exit';

/** 失业登记: the worker's form, its states, and what staff and the worker see. */

export const UNEMPLOYMENT_REASONS = ['contract_expired', 'dismissed', 'employer_closed', 'resigned', 'graduate', 'veteran', 'other'] as const;
export const UNEMPLOYMENT_REASON_LABELS: Record<(typeof UNEMPLOYMENT_REASONS)[number], string> = {
  contract_expired: '劳动合同期满', dismissed: '单位解除劳动关系', employer_closed: '单位关闭破产', resigned: '个人辞职',
  graduate: '毕业未就业', veteran: '退役未就业', other: '其他',
};
export const EDUCATION_LEVELS = ['primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'master'] as const;
export const EDUCATION_LABELS: Record<(typeof EDUCATION_LEVELS)[number], string> = {
  primary: '小学及以下', junior: '初中', senior: '高中', vocational: '中专/技校', college: '大专', bachelor: '本科', master: '研究生',
};
export const WORK_MODES = ['full_time', 'part_time', 'gig'] as const;
export const WORK_MODE_LABELS: Record<(typeof WORK_MODES)[number], string> = { full_time: '全职', part_time: '兼职', gig: '零工' };
export const SERVICE_NEEDS = ['career_guidance', 'skills_training', 'job_referral', 'startup', 'employment_aid'] as const;
export const SERVICE_NEED_LABELS: Record<(typeof SERVICE_NEEDS)[number], string> = {
  career_guidance: '职业指导', skills_training: '技能培训', job_referral: '岗位推荐', startup: '创业服务', employment_aid: '就业援助',
};
export const HARDSHIPS = ['zero_employment_family', 'disabled', 'long_term_unemployed', 'low_income_family', 'age_4050', 'poverty_alleviated', 'veteran_hardship'] as const;
export const HARDSHIP_LABELS: Record<(typeof HARDSHIPS)[number], string> = {
  zero_employment_family: '零就业家庭成员', disabled: '残疾人', long_term_unemployed: '长期失业人员', low_income_family: '城乡低保/低收入家庭成员',
  age_4050: '大龄人员（女40岁、男50岁以上）', poverty_alleviated: '脱贫人口', veteran_hardship: '退役军人（就业困难）',
};
export const RETIREMENT_CATEGORIES = ['male', 'female_cadre', 'female_worker'] as const;

const text = (label: string, max: number) => userText(label, { max, multiline: max >= 200 });
const dateStr = (label: string) => calendarDateSchema(label);

/** Every field optional: the draft is saved as the worker goes. Submission checks completeness. */
export const registrationFormSchema = z
  .object({
    realName: text('姓名', 30).min(2, '姓名至少 2 个字').regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含汉字、字母和间隔号'),
    idType: idDocTypeSchema,
    idNumber: text('证件号码', 20).min(6, '证件号码太短'),
    /** Needed for 女职工/女干部 retirement age; men are 'male' whatever is chosen. */
    retirementCategory: z.enum(RETIREMENT_CATEGORIES, { errorMap: () => ({ message: '请选择：男性、女性（管理技术岗位）或女性（其他岗位）' }) }),
    /** Required only for documents that do not carry them (通行证). */
    birthDate: dateStr('出生日期'),
    sex: z.enum(['male', 'female'], { errorMap: () => ({ message: '性别只能是男或女' }) }),
    residenceDistrict: z.string().regex(/^\d{6}$/, '请选择常住地所在区'),
    residenceStreet: text('常住地街道', 30).min(1, '请选择常住地街道'),
    residenceAddress: text('详细地址', 100),
    hukouPlace: text('户籍地', 60).min(2, '请填写户籍地'),
    unemploymentReason: z.enum(UNEMPLOYMENT_REASONS, { errorMap: () => ({ message: '请选择失业原因' }) }),
    lastEmployer: text('原工作单位', 60),
    lastJobEndDate: dateStr('原工作结束日期'),
    education: z.enum(EDUCATION_LEVELS, { errorMap: () => ({ message: '请选择文化程度' }) }),
    graduationYear: z.number({ invalid_type_error: '毕业年份必须是数字' }).int('毕业年份必须是整数').min(1950, '毕业年份不正确').max(2100, '毕业年份不正确'),
    skills: z.array(text('技能', 20).min(1, '技能不能为空'), { invalid_type_error: '技能必须是列表' }).max(10, '技能最多 10 项'),
    certificates: z.array(text('证书', 30).min(1, '证书不能为空'), { invalid_type_error: '证书必须是列表' }).max(10, '证书最多 10 项'),
    desiredOccupations: z.array(text('意向职业', 20).min(1, '意向职业不能为空'), { invalid_type_error: '意向职业必须是列表' }).max(5, '意向职业最多 5 项'),
    desiredDistricts: z.array(z.string().regex(/^\d{6}$/, '意向区域不正确'), { invalid_type_error: '意向区域必须是列表' }).max(9, '意向区域最多 9 个'),
    expectedMonthlyPay: z.number({ invalid_type_error: '期望月薪必须是数字' }).int('期望月薪必须是整数').min(0, '期望月薪不能为负').max(100000, '期望月薪不合理'),
    workModes: z.array(z.enum(WORK_MODES, { errorMap: () => ({ message: '工作方式只能是全职、兼职或零工' }) })).max(3),
    serviceNeeds: z.array(z.enum(SERVICE_NEEDS, { errorMap: () => ({ message: '服务需求选项不正确' }) })).max(5),
    claimUnemploymentInsurance: z.boolean({ invalid_type_error: '是否申领失业保险金必须是是/否' }),
    hardships: z.array(z.enum(HARDSHIPS, { errorMap: () => ({ message: '困难情形选项不正确' }) })).max(7),
    ableToWork: z.boolean({ invalid_type_error: '是否有劳动能力必须是是/否' }),
    wantsWork: z.boolean({ invalid_type_error: '是否有就业要求必须是是/否' }),
    currentlyEmployed: z.boolean({ invalid_type_error: '目前是否在职必须是是/否' }),
  })
  .partial()
  .strict();
export type RegistrationForm = z.infer<typeof registrationFormSchema>;

/**
 * `sensitiveConsentVersion`: the version of SENSITIVE_CONSENT (shared/src/data/privacy.ts) the worker
 * just agreed to. The server records it (version + time) on the registration; a draft carrying the ID
 * number or hardships is refused until the registration holds a consent to the current version.
 */
export const saveDraftBodySchema = z
  .object({
    form: registrationFormSchema,
    sensitiveConsentVersion: userText('敏感个人信息同意书版本', { min: 1, max: 20 }).optional(),
  })
  .strict();

export const submitBodySchema = z
  .object({
    commitmentVersion: userText('承诺书版本', { required: '请阅读并确认书面承诺', min: 1, max: 20 }),
    commitmentAccepted: z.literal(true, { errorMap: () => ({ message: '需要勾选同意书面承诺才能提交' }) }),
    /** Generated once per submit tap by the app; a retry with the same key returns the same result. */
    idempotencyKey: z.string({ required_error: '缺少提交编号' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确'),
  })
  .strict();

export const eligibilityBodySchema = z
  .object({
    idType: idDocTypeSchema,
    idNumber: text('证件号码', 20).optional(),
    birthDate: dateStr('出生日期').optional(),
    sex: z.enum(['male', 'female']).optional(),
    retirementCategory: z.enum(RETIREMENT_CATEGORIES).optional(),
    ableToWork: z.boolean({ required_error: '请选择是否有劳动能力' }),
    wantsWork: z.boolean({ required_error: '请选择是否有就业要求' }),
    currentlyEmployed: z.boolean({ required_error: '请选择目前是否在职' }),
    /** ELIGIBILITY_ID_CONSENT's version: required when idNumber is sent (checked by the server, nothing stored). */
    sensitiveConsentVersion: userText('证件号码使用同意书版本', { min: 1, max: 20 }).optional(),
  })
  .strict();
export type EligibilityBody = z.infer<typeof eligibilityBodySchema>;

export const eligibilityResultSchema = z.object({
  eligible: z.boolean(),
  reasons: z.array(z.string()),
  alternatives: z.array(z.object({ title: z.string(), description: z.string(), page: z.string().nullable() })),
  birthDate: z.string().nullable(),
  sex: z.enum(['male', 'female']).nullable(),
  retirementDate: z.string().nullable(),
});
export type EligibilityResult = z.infer<typeof eligibilityResultSchema>;

export const REGISTRATION_STATUSES = ['draft', 'submitted', 'under_review', 'returned', 'approved', 'rejected', 'exited'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  draft: '草稿', submitted: '已提交', under_review: '审核中', returned: '退回修改', approved: '已登记', rejected: '未通过', exited: '已退出',
};

export const timelineEventSchema = z.object({
  type: z.enum(['created', 'submitted', 'review_started', 'approved', 'returned', 'rejected', 'resubmitted', 'exited', 'closed', 'counter_created', 'claimed', 'auto_closed', 'employment_recorded']),
  at: z.string(),
  label: z.string(),
  reason: z.string().nullable(),
});

export const registrationViewSchema = z.object({
  id: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  statusLabel: z.string(),
  /** Worker's own view shows their form back (identifier masked unless the owner asks for it on the form page). */
  form: registrationFormSchema,
  idNumberMasked: z.string().nullable(),
  center: z.object({ code: z.string(), name: z.string() }).nullable(),
  submittedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  dueWorkdaysLeft: z.number().int().nullable(),
  returnReason: z.string().nullable(),
  rejectReason: z.string().nullable(),
  recordNo: z.string().nullable(),
  approvedAt: z.string().nullable(),
  timeline: z.array(timelineEventSchema),
  missingFields: z.array(z.object({ field: z.string(), message: z.string() })),
  /** The separate consent to process 敏感个人信息 (ID number, hardships) recorded on this registration. */
  sensitiveConsent: z.object({ version: z.string(), at: z.string() }).nullable(),
  /** 窗口代办: filed by staff at the counter (who checked the ID, when the paper consent was signed). */
  counter: z.object({
    center: z.string(), staffName: z.string(), idCheckedAt: z.string(), consentSignedAt: z.string(), commitmentSignedAt: z.string(), claimedAt: z.string().nullable(),
  }).nullable(),
  /** How the registration ended (第六十三条 item), when it has. */
  exit: z.object({
    reason: z.enum(EXIT_REASONS), reasonLabel: z.string(), clause: z.string().nullable(), at: z.string(), eventDate: z.string().nullable(),
    employer: z.string().nullable(), note: z.string().nullable(), by: z.enum(['worker', 'staff', 'employer', 'system']),
  }).nullable(),
  /** 就业转失业: filed after a recorded job; the earlier registration and the job that ended. */
  reemployment: z.object({ previousRegistrationId: z.string().nullable(), employer: z.string(), startDate: z.string(), kind: z.enum(EMPLOYMENT_KINDS) }).nullable(),
});
export type RegistrationView = z.infer<typeof registrationViewSchema>;

export const currentRegistrationSchema = z.object({ registration: registrationViewSchema.nullable(), commitment: z.object({ version: z.string(), text: z.string() }) });

const exitFields = {
  employer: text('就业单位', 60).optional(),
  employedOn: dateStr('就业日期').optional(),
  monthlyIncome: z.number({ invalid_type_error: '月收入必须是数字' }).int('月收入请填整数（元）').min(0, '月收入不能为负').max(1_000_000, '月收入不合理').optional(),
  eventDate: dateStr('发生日期').optional(),
  note: text('说明', 200).optional(),
};
function exitRefine(v: { reason: ExitReason; employer?: string; employedOn?: string; monthlyIncome?: number; note?: string }, ctx: z.RefinementCtx) {
  for (const [path, message] of Object.entries(exitFormProblems(v.reason, v))) ctx.addIssue({ code: 'custom', path: [path], message });
}

/** The worker's own exit: the reasons of 第六十三条 a person may declare (rules/registration-exit.ts). */
export const exitBodySchema = z
  .object({
    reason: z.enum(WORKER_EXIT_REASONS as [ExitReason, ...ExitReason[]], { errorMap: () => ({ message: '请选择退出原因：被录用、个体经营、有稳定收入、享受养老保险待遇、入学、服兵役、移居境外或终止就业要求' }) }),
    ...exitFields,
  })
  .strict()
  .superRefine(exitRefine);

/** Staff record an exit (第六十三条); 连续6个月未联系 is checked against the contact history. */
export const staffExitBodySchema = z
  .object({
    reason: z.enum(STAFF_EXIT_REASONS as [ExitReason, ...ExitReason[]], { errorMap: () => ({ message: '注销原因不正确（就业登记与达到退休年龄由系统记录）' }) }),
    ...exitFields,
  })
  .strict()
  .superRefine(exitRefine);

export const contactHistorySchema = z.object({
  items: z.array(z.object({ at: z.string(), kind: z.enum(['registration', 'counter', 'follow_up', 'follow_up_unreached', 'employment']), label: z.string(), reached: z.boolean(), by: z.string().nullable() })),
  lastContact: z.string().nullable(),
  noContact: z.object({ allowed: z.boolean(), from: z.string().nullable(), message: z.string().nullable() }),
});

export const recordSchema = z.object({
  /** The registration the record belongs to (好差评 rates it). */
  registrationId: z.string(),
  recordNo: z.string(),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  registeredOn: z.string(),
  center: z.string(),
  status: z.enum(['valid', 'exited']),
  verifyUrl: z.string(),
  qrDataUrl: z.string(),
});

export const verifyResultSchema = z.object({
  valid: z.boolean(),
  recordNo: z.string(),
  nameMasked: z.string(),
  registeredOn: z.string(),
  exitedOn: z.string().nullable(),
  center: z.string(),
});

export const profileSchema = z.object({
  completeness: z.number().int().min(0).max(100),
  sections: z.array(z.object({ key: z.enum(['basic', 'intention', 'skills', 'needs']), title: z.string(), filled: z.number().int(), total: z.number().int(), missing: z.array(z.string()) })),
  classification: z.object({ category: z.string(), level: z.enum(['A', 'B', 'C']), levelLabel: z.string(), reasons: z.array(z.string()) }),
  servicePackages: z.array(z.object({ key: z.string(), title: z.string(), why: z.string(), steps: z.array(z.object({ title: z.string(), page: z.string().nullable() })) })),
  nextFollowUp: z.string().nullable(),
});
export type Profile = z.infer<typeof profileSchema>;

// ---- staff ------------------------------------------------------------------------------

export const staffQueueQuerySchema = z
  .object({
    status: z.enum(['submitted', 'under_review', 'returned', 'approved', 'rejected', 'exited', 'pending']).optional(),
    district: z.string().regex(/^\d{6}$/, '区县代码应为 6 位数字').optional(),
  })
  .strict();

export const staffQueueItemSchema = z.object({
  id: z.string(),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  district: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  statusLabel: z.string(),
  submittedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  workdaysLeft: z.number().int().nullable(),
  category: z.string(),
  level: z.enum(['A', 'B', 'C']),
});
export const staffQueueSchema = z.object({ items: z.array(staffQueueItemSchema), counts: z.record(z.number().int()) });

export const staffDetailSchema = z.object({
  registration: registrationViewSchema,
  /** Full identifiers: shown on this view only, and every view is written to the audit log. */
  identity: z.object({ realName: z.string().nullable(), idType: z.enum(ID_DOC_TYPES).nullable(), idNumber: z.string().nullable(), phone: z.string().nullable() }),
  /**
   * Other registrations of the same ID number under another account. `active` (an approved record)
   * blocks approval (409) until staff resolve it; `pending` is another open submission. Only staff see
   * this: the submitter gets the same answer as for any submission.
   */
  idConflicts: z.array(z.object({
    kind: z.enum(['active', 'pending']),
    blocksApproval: z.boolean(),
    message: z.string(),
    /** Masked reference of the other record (登记编号 or 办理编号), enough to find it, not to read it. */
    otherRef: z.string(),
    otherCenter: z.string(),
  })),
  classification: profileSchema.shape.classification,
  followUps: z.array(z.object({ at: z.string(), channel: z.string(), outcome: z.string(), note: z.string().nullable(), nextDate: z.string().nullable(), by: z.string() })),
  nextFollowUp: z.string().nullable(),
});

export const decisionBodySchema = z
  .object({
    decision: z.enum(['start_review', 'approve', 'return', 'reject'], { errorMap: () => ({ message: '办理结果只能是 开始审核、通过、退回修改 或 不予登记' }) }),
    reason: text('原因', 200).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.decision === 'return' || v.decision === 'reject') && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '退回或不予登记时必须填写原因' });
  });

export const staffCloseBodySchema = z
  .object({ employer: text('就业单位', 60).min(1, '请填写就业单位'), employedOn: dateStr('就业日期'), note: text('说明', 200).optional() })
  .strict();

export const followUpBodySchema = z
  .object({
    channel: z.enum(['phone', 'visit', 'online'], { errorMap: () => ({ message: '回访方式只能是 电话、上门 或 线上' }) }),
    outcome: text('回访结果', 200).min(1, '请填写回访结果'),
    note: text('备注', 200).optional(),
    nextDate: dateStr('下次回访日期').optional(),
    /** Whether the person was reached (false: a call nobody answered; not a contact for 第六十三条（九）). */
    reached: z.boolean({ invalid_type_error: '是否联系上必须是是/否' }).optional(),
  })
  .strict();

export const followUpDueSchema = z.object({ items: z.array(z.object({ registrationId: z.string(), nameMasked: z.string(), dueOn: z.string(), overdue: z.boolean(), rule: z.string() })) });

// ---- 窗口代办 (counter-assisted registration) ---------------------------------------------------

const phoneField = (label: string) => z.string({ required_error: `请填写${label}`, invalid_type_error: `${label}格式不正确` }).regex(/^1[3-9]\d{9}$/, `${label}应为 11 位手机号`);

/**
 * Staff register a person at the counter: the full form, the phone the person gives (an SMS tells them
 * how to claim it), the ID checked in person, and the paper consent and commitment the person signed.
 */
export const counterRegistrationBodySchema = z
  .object({
    form: registrationFormSchema,
    phone: phoneField('本人手机号'),
    idChecked: z.literal(true, { errorMap: () => ({ message: '请当面核验证件原件后勾选' }) }),
    /** The person signed the 敏感个人信息 consent on paper (SENSITIVE_CONSENT version). */
    sensitiveConsentVersion: userText('敏感个人信息同意书版本', { required: '请确认本人已签署敏感个人信息处理同意书', min: 1, max: 20 }),
    consentSigned: z.literal(true, { errorMap: () => ({ message: '请确认本人已在纸质同意书上签字' }) }),
    commitmentVersion: userText('承诺书版本', { required: '请确认本人已签署书面承诺', min: 1, max: 20 }),
    commitmentSigned: z.literal(true, { errorMap: () => ({ message: '请确认本人已在纸质书面承诺上签字' }) }),
    /** Staff may approve at once when everything was checked at the counter. */
    approveNow: z.boolean({ invalid_type_error: '是否当场通过必须是是/否' }).optional(),
    idempotencyKey: z.string({ required_error: '缺少提交编号' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确'),
  })
  .strict();

export const counterClaimsSchema = z.object({
  phoneMasked: z.string().nullable(),
  items: z.array(z.object({ id: z.string(), center: z.string(), createdAt: z.string(), statusLabel: z.string(), nameMasked: z.string() })),
});

export const counterClaimBodySchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{24}$/, '登记编号不正确'),
    idNumber: text('证件号码', 20).min(6, '证件号码太短'),
  })
  .strict();

// ---- 就业登记 (employment registration) -----------------------------------------------------

const employmentKind = z.enum(EMPLOYMENT_KINDS, { errorMap: () => ({ message: '就业形式只能是 劳动合同、灵活就业、个体经营 或 公益性岗位' }) });

export const employmentBodySchema = z
  .object({
    employerName: text('就业单位', 60).min(2, '请填写就业单位（个体经营填写字号或经营项目）'),
    startDate: dateStr('就业日期'),
    kind: employmentKind,
  })
  .strict();

/** The employer records a worker it hired: from a gig application, or by the worker's phone and ID number. */
export const employerEmploymentBodySchema = z
  .object({
    applicationId: z.string().regex(/^[0-9a-f]{24}$/, '报名编号不正确').optional(),
    phone: phoneField('劳动者手机号').optional(),
    idNumber: text('劳动者证件号码', 20).min(6, '证件号码太短').optional(),
    startDate: dateStr('就业日期'),
    kind: z.enum(['labor_contract', 'flexible', 'public_welfare'], { errorMap: () => ({ message: '用人单位登记的就业形式只能是 劳动合同、灵活就业 或 公益性岗位' }) }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.applicationId && !(v.phone && v.idNumber)) {
      if (!v.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: '请选择零工报名，或填写劳动者手机号和证件号码' });
      if (!v.idNumber) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '请选择零工报名，或填写劳动者手机号和证件号码' });
    }
  });

export const employmentViewSchema = z.object({
  id: z.string(),
  employerName: z.string(),
  startDate: z.string(),
  kind: z.enum(EMPLOYMENT_KINDS),
  kindLabel: z.string(),
  recordedBy: z.enum(['worker', 'employer']),
  recordedAt: z.string(),
  /** The unemployment registration this closed, if one was open. */
  closedRegistrationId: z.string().nullable(),
  workerNameMasked: z.string().nullable(),
});
export const employmentListSchema = z.object({ items: z.array(employmentViewSchema) });
export const employmentResultSchema = z.object({ employment: employmentViewSchema, registration: registrationViewSchema.nullable() });
