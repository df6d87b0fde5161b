import { z } from 'zod';
import { userText } from './common';
import { CALENDAR_DATE_RE } from './dates';

/** Policy vocabulary: categories, audiences, the facts eligibility rules read, and the API shapes. */

export const POLICY_CATEGORIES = ['就业', '创业', '培训', '就业援助', '失业保险', '企业用工'] as const;
export const policyCategorySchema = z.enum(POLICY_CATEGORIES, { errorMap: () => ({ message: '政策类别必须是：就业、创业、培训、就业援助、失业保险、企业用工之一' }) });
export type PolicyCategory = z.infer<typeof policyCategorySchema>;

export const POLICY_AUDIENCES = ['individual', 'employer'] as const;
export const policyAudienceSchema = z.enum(POLICY_AUDIENCES, { errorMap: () => ({ message: '适用对象必须是 individual（个人）或 employer（单位）' }) });
export type PolicyAudience = z.infer<typeof policyAudienceSchema>;

/** 困难类别; '困难退役军人' is 就业困难退役军人 (a recognised category, see rules/assistance.ts). */
export const DIFFICULTY_CATEGORIES = ['零就业家庭', '残疾', '低收入家庭', '4050', '长期失业', '脱贫人口', '困难退役军人'] as const;
export const difficultyCategorySchema = z.enum(DIFFICULTY_CATEGORIES, { errorMap: () => ({ message: '困难类别不正确' }) });
export const EMPLOYER_SIZES = ['小微', '中型', '大型'] as const;

/**
 * What eligibility rules can know about a person or an employer. Every field is optional: the
 * calculator asks only what it needs, and facts from a registration profile prefill the answers.
 */
export const personFactsSchema = z
  .object({
    age: z.number({ invalid_type_error: '年龄必须是数字' }).int('年龄必须是整数').min(14, '年龄不能小于 14').max(100, '年龄不能大于 100'),
    sex: z.enum(['男', '女'], { errorMap: () => ({ message: '性别必须是 男 或 女' }) }),
    education: z.enum(['初中及以下', '高中/中专/技校', '大专', '本科', '研究生'], { errorMap: () => ({ message: '学历不正确' }) }),
    graduationYear: z.number({ invalid_type_error: '毕业年份必须是数字' }).int().min(1960, '毕业年份不正确').max(2100, '毕业年份不正确'),
    registeredUnemployed: z.boolean({ invalid_type_error: '是否失业登记必须是 是/否' }),
    unemployedMonths: z.number({ invalid_type_error: '失业月数必须是数字' }).int().min(0, '失业月数不能小于 0').max(600, '失业月数太大'),
    leftJobInvoluntarily: z.boolean({ invalid_type_error: '是否非本人意愿离职必须是 是/否' }),
    insuredYears: z.number({ invalid_type_error: '失业保险缴费年限必须是数字' }).min(0, '缴费年限不能小于 0').max(60, '缴费年限太大'),
    difficulty: z.array(difficultyCategorySchema).max(DIFFICULTY_CATEGORIES.length, '困难类别重复'),
    flexibleEmployedWithInsurance: z.boolean({ invalid_type_error: '是否灵活就业并缴纳社保必须是 是/否' }),
    startingBusiness: z.boolean({ invalid_type_error: '是否自主创业必须是 是/否' }),
    wantsTraining: z.boolean({ invalid_type_error: '是否想参加培训必须是 是/否' }),
    // employer facts
    employerSize: z.enum(EMPLOYER_SIZES, { errorMap: () => ({ message: '企业规模必须是 小微、中型 或 大型' }) }),
    paysUnemploymentInsurance: z.boolean({ invalid_type_error: '是否足额缴纳失业保险必须是 是/否' }),
    layoffRateOk: z.boolean({ invalid_type_error: '裁员率是否达标必须是 是/否' }),
    hiresDifficultCount: z.number({ invalid_type_error: '招用就业困难人员人数必须是数字' }).int().min(0).max(10000),
    newGraduateHires: z.number({ invalid_type_error: '新招高校毕业生人数必须是数字' }).int().min(0).max(10000),
    hostsInterns: z.boolean({ invalid_type_error: '是否组织就业见习必须是 是/否' }),
    organizesTraining: z.boolean({ invalid_type_error: '是否组织职工培训必须是 是/否' }),
  })
  .partial()
  .strict();
export type PersonFacts = z.infer<typeof personFactsSchema>;
export type FactKey = keyof PersonFacts;

/** Facts the engine sees: the answers plus values derived from them (e.g. years since graduation). */
export type DerivedFacts = PersonFacts & { yearsSinceGraduation?: number; difficultyCount?: number };

// ---------- rule JSON (json-rules-engine condition format) ----------

export const RULE_OPERATORS = ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain'] as const;
export const RULE_FACTS = [...Object.keys(personFactsSchema.shape), 'yearsSinceGraduation', 'difficultyCount'] as const;

const ruleFactSchema = z.enum(RULE_FACTS as unknown as [string, ...string[]], { errorMap: () => ({ message: `条件的 fact 必须是已知事实：${RULE_FACTS.join('、')}` }) });
/** 'in' / 'notIn' compare the fact with a list; the engine calls value.indexOf, so their value must be a list. */
const LIST_OPERATORS = ['in', 'notIn'] as const;
const SCALAR_OPERATORS = RULE_OPERATORS.filter((o) => !(LIST_OPERATORS as readonly string[]).includes(o)) as unknown as [string, ...string[]];
const leafConditionSchema = z.union(
  [
    z
      .object({
        fact: ruleFactSchema,
        operator: z.enum(SCALAR_OPERATORS, { errorMap: () => ({ message: `条件的 operator 必须是：${RULE_OPERATORS.join('、')}` }) }),
        value: z.union([z.string(), z.number(), z.boolean()], { errorMap: () => ({ message: '条件的 value 必须是文字、数字或是/否' }) }),
      })
      .strict(),
    z
      .object({
        fact: ruleFactSchema,
        operator: z.enum(LIST_OPERATORS, { errorMap: () => ({ message: '条件的 operator 必须是 in 或 notIn' }) }),
        value: z.array(z.union([z.string(), z.number()]), { errorMap: () => ({ message: 'in / notIn 条件的 value 必须是列表' }) }).max(50),
      })
      .strict(),
  ],
  { errorMap: () => ({ message: '条件格式不正确：应为 {fact, operator, value}，in / notIn 的 value 是列表' }) },
);
export type LeafCondition = z.infer<typeof leafConditionSchema>;
export type RuleCondition = LeafCondition | { any: RuleCondition[] } | { all: RuleCondition[] };
// Groups nest two levels deep (e.g. any of [all of [...], ...]); written out rather than z.lazy so the
// OpenAPI generator can describe it and staff editors get a bounded shape.
const groupOf = (item: z.ZodTypeAny) =>
  z.union([z.object({ any: z.array(item).min(1, '“任一”条件组至少要有一个条件') }).strict(), z.object({ all: z.array(item).min(1, '“全部”条件组至少要有一个条件') }).strict()]);
const unionMsg = { errorMap: (issue: z.ZodIssueOptionalMessage, ctx: { defaultError: string }) => (issue.code === 'invalid_union' ? { message: '条件格式不正确：应为 {fact, operator, value} 或 {any:[…]} / {all:[…]}' } : { message: ctx.defaultError }) };
const innerCondition = z.union([leafConditionSchema, groupOf(leafConditionSchema)], unionMsg);
export const ruleConditionSchema = z.union([leafConditionSchema, groupOf(innerCondition)], unionMsg) as unknown as z.ZodType<RuleCondition>;

/** One top-level requirement: its condition plus the plain-Chinese reasons shown when it is met / missing. */
export const ruleRequirementSchema = z
  .object({
    when: ruleConditionSchema,
    met: userText('满足条件时的说明', { min: 1, minMessage: '请填写满足条件时的说明', max: 60 }),
    missing: userText('缺少条件时的说明', { min: 1, minMessage: '请填写缺少条件时的说明', max: 80 }),
    /** Hard requirements (e.g. being a graduate) never make a policy "almost eligible". */
    hard: z.boolean().optional(),
  })
  .strict();
export type RuleRequirement = z.infer<typeof ruleRequirementSchema>;

export const ruleExampleSchema = z
  .object({
    name: userText('示例名称', { min: 1, max: 60 }),
    facts: personFactsSchema,
    eligible: z.boolean(),
    amount: z.number().nullable().optional(),
    /** Evaluation date for examples that depend on the year (graduation). */
    asOf: z.string().regex(CALENDAR_DATE_RE, '示例日期不是有效日期，应为 YYYY-MM-DD').optional(),
  })
  .strict();

/** Estimated amount: fixed + per unit of a numeric fact (capped) + the first matching tier of a fact. */
export const amountFormulaSchema = z
  .object({
    fixed: z.number().min(0).optional(),
    perUnit: z.object({ fact: z.enum(RULE_FACTS as unknown as [string, ...string[]]), amount: z.number().min(0), max: z.number().int().min(1).optional() }).strict().optional(),
    tiers: z.object({ fact: z.enum(RULE_FACTS as unknown as [string, ...string[]]), steps: z.array(z.object({ gte: z.number(), amount: z.number().min(0) }).strict()).min(1) }).strict().optional(),
  })
  .strict();
export type AmountFormula = z.infer<typeof amountFormulaSchema>;

export const policyRuleSchema = z
  .object({
    requirements: z.array(ruleRequirementSchema).min(1, '至少要有一个条件').max(12, '条件不能超过 12 个'),
    examples: z.array(ruleExampleSchema).min(1, '每条规则至少要有一个示例（用来自动检验规则）').max(20),
  })
  .strict();
export type PolicyRule = z.infer<typeof policyRuleSchema>;

const policyFaqSchema = z.object({ q: userText('问题', { min: 1, minMessage: '请填写问题', max: 100 }), a: userText('回答', { min: 1, minMessage: '请填写回答', max: 500, multiline: true }) }).strict();

/** The editable content of a policy (what staff create and edit). */
export const policyInputSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]{3,60}$/, '政策代码只能用小写字母、数字和“-”，3-60 位'),
    title: userText('政策名称', { min: 2, minMessage: '请填写政策名称', max: 60, maxMessage: '政策名称不能超过 60 字' }),
    category: policyCategorySchema,
    audience: policyAudienceSchema,
    summary: userText('一句话说明', { min: 2, minMessage: '请填写一句话说明', max: 200, multiline: true }),
    targetGroups: z.array(userText('适用人群', { min: 1, max: 30 })).min(1, '请至少填写一个适用人群').max(10),
    conditions: z.array(userText('申请条件', { min: 1, max: 200, multiline: true })).min(1, '请至少填写一个申请条件').max(12),
    benefit: z.object({ text: userText('补贴内容', { min: 1, minMessage: '请填写补贴内容', max: 300, multiline: true }), formula: amountFormulaSchema.nullable(), unit: userText('金额单位', { max: 20 }).default('元'), duration: userText('享受期限', { max: 60 }).optional() }).strict(),
    materials: z.array(userText('申请材料', { min: 1, max: 100 })).max(15),
    howToApply: z.object({ online: z.boolean(), where: userText('办理地点', { max: 200, multiline: true }) }).strict(),
    authority: userText('发文/经办部门', { min: 2, minMessage: '请填写发文/经办部门', max: 60 }),
    legalBasis: userText('政策依据', { max: 200, multiline: true }),
    regionScope: userText('适用地区', { min: 2, max: 60 }),
    effectiveFrom: z.string().regex(CALENDAR_DATE_RE, '生效日期不是有效日期，应为 YYYY-MM-DD'),
    expiresOn: z.string().regex(CALENDAR_DATE_RE, '失效日期不是有效日期，应为 YYYY-MM-DD').nullable(),
    /** How often one person may receive it: once, or once per year / month. */
    period: z.enum(['once', 'year', 'month'], { errorMap: () => ({ message: '申领周期必须是 once、year 或 month' }) }),
    faq: z.array(policyFaqSchema).max(20),
    rule: policyRuleSchema,
    sample: z.boolean().default(true),
  })
  .strict();
export type PolicyInput = z.infer<typeof policyInputSchema>;
export type PolicyInputRaw = z.input<typeof policyInputSchema>;

export const policyStatusSchema = z.enum(['draft', 'published', 'unpublished']);

export const policyViewSchema = policyInputSchema.extend({
  id: z.string(),
  status: policyStatusSchema,
  version: z.number().int(),
  /** Published content differs from the draft being edited. */
  hasDraft: z.boolean(),
  updatedAt: z.string(),
});
export type PolicyView = z.infer<typeof policyViewSchema>;

export const policyCardSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  category: policyCategorySchema,
  audience: policyAudienceSchema,
  summary: z.string(),
  targetGroups: z.array(z.string()),
  benefitText: z.string(),
});
export type PolicyCard = z.infer<typeof policyCardSchema>;

/** A text with the [start, end) character ranges that matched the query; the client marks them (no HTML). */
export const policyHighlightedSchema = z.object({ text: z.string(), ranges: z.array(z.tuple([z.number().int(), z.number().int()])) });
export type PolicyHighlighted = z.infer<typeof policyHighlightedSchema>;

export const policySearchQuerySchema = z
  .object({
    q: userText('搜索词', { max: 50, maxMessage: '搜索词不能超过 50 字' }).optional(),
    category: policyCategorySchema.optional(),
    audience: policyAudienceSchema.optional(),
    group: userText('适用人群', { max: 30 }).optional(),
    limit: z.coerce.number({ invalid_type_error: '条数必须是数字' }).int().min(1).max(50).optional(),
  })
  .strict();
export const policySearchResultSchema = z.object({
  total: z.number().int(),
  terms: z.array(z.string()),
  items: z.array(policyCardSchema.extend({ score: z.number(), titleHl: policyHighlightedSchema, snippet: policyHighlightedSchema.nullable() })),
});
export type PolicySearchResult = z.infer<typeof policySearchResultSchema>;

// ---------- calculator ----------

export const policyQuestionSchema = z.object({
  fact: z.string(),
  text: z.string(),
  help: z.string().optional(),
  type: z.enum(['number', 'boolean', 'choice', 'multi']),
  options: z.array(z.string()).optional(),
  /** Ask only when every listed fact has one of the listed values (branching). */
  showIf: z.array(z.object({ fact: z.string(), in: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(), max: z.number().optional() })).optional(),
});
export type PolicyQuestion = z.infer<typeof policyQuestionSchema>;

export const policyCalculateBodySchema = z.object({ audience: policyAudienceSchema, answers: personFactsSchema }).strict();

export const policyMatchSchema = z.object({
  policy: policyCardSchema,
  amount: z.number().nullable(),
  amountText: z.string(),
  reasons: z.array(z.string()),
  missing: z.string().nullable(),
  materials: z.array(z.string()),
  online: z.boolean(),
});
export type PolicyMatch = z.infer<typeof policyMatchSchema>;
export const policyCalculateResultSchema = z.object({ eligible: z.array(policyMatchSchema), almost: z.array(policyMatchSchema), total: z.number() });
export type PolicyCalculateResult = z.infer<typeof policyCalculateResultSchema>;

// ---------- applications ----------

export const POLICY_APPLICATION_STATUSES = ['submitted', 'approved', 'returned', 'rejected'] as const;
export const policyApplicationStatusSchema = z.enum(POLICY_APPLICATION_STATUSES);
export const policyApplicationViewSchema = z.object({
  id: z.string(),
  policyId: z.string(),
  policyTitle: z.string(),
  period: z.string(),
  status: policyApplicationStatusSchema,
  /** The facts the application was judged on: recorded facts, plus declared answers for what the record lacks. */
  facts: personFactsSchema,
  /** Facts from the person's approved registration (政策找人 record). */
  recordedFacts: personFactsSchema,
  /** The applicant's own answers that were used (never one the record already has). */
  declaredFacts: personFactsSchema,
  /** For each fact in `facts`: recorded (from the registration) or declared (the applicant's answer). */
  factSources: z.record(z.enum(['recorded', 'declared'])),
  amount: z.number().nullable(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  applicantName: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** The recorded consent to process 困难类别 answers (POLICY_HARDSHIP_CONSENT), or null when none were given. */
  sensitiveConsent: z.object({ version: z.string(), at: z.string() }).nullable(),
});
export type PolicyApplicationView = z.infer<typeof policyApplicationViewSchema>;
/** `sensitiveConsentVersion`: POLICY_HARDSHIP_CONSENT's version, required when the answers carry 困难类别 (difficulty). */
export const policyApplyBodySchema = z
  .object({
    answers: personFactsSchema.optional(),
    note: userText('备注', { max: 200, maxMessage: '备注不能超过 200 字', multiline: true }).optional(),
    sensitiveConsentVersion: userText('困难情形处理同意书版本', { min: 1, max: 20 }).optional(),
  })
  .strict();
export const policyDecideBodySchema = z
  .object({
    decision: z.enum(['approve', 'return', 'reject'], { errorMap: () => ({ message: '处理结果必须是 approve（通过）、return（退回补充）或 reject（不予通过）' }) }),
    reason: userText('理由', { max: 200, maxMessage: '理由不能超过 200 字', multiline: true }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision !== 'approve' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '退回或不予通过时请填写理由' });
  });
