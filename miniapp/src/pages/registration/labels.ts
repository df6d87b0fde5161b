// Label maps copied from shared/src/schemas/registration.ts and shared/src/rules/idcard.ts (keep in sync).
// Copied, not imported: a runtime import from '@doorstep/shared' would bundle zod into the mini-program.
import type { RegistrationForm } from '@doorstep/shared'

type Opt<K extends string> = { value: K; label: string }

export type IdType = NonNullable<RegistrationForm['idType']>
export type Reason = NonNullable<RegistrationForm['unemploymentReason']>
export type Education = NonNullable<RegistrationForm['education']>
export type WorkMode = NonNullable<RegistrationForm['workModes']>[number]
export type ServiceNeed = NonNullable<RegistrationForm['serviceNeeds']>[number]
export type Hardship = NonNullable<RegistrationForm['hardships']>[number]
export type RetirementCategory = NonNullable<RegistrationForm['retirementCategory']>

const opts = <K extends string>(m: Record<K, string>): Opt<K>[] => (Object.keys(m) as K[]).map((value) => ({ value, label: m[value] }))

export const ID_DOC_TYPE_LABELS: Record<IdType, string> = {
  resident_id: '居民身份证',
  hmt_residence_permit: '港澳台居民居住证',
  hk_macau_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
}
export const UNEMPLOYMENT_REASON_LABELS: Record<Reason, string> = {
  contract_expired: '劳动合同期满', dismissed: '单位解除劳动关系', employer_closed: '单位关闭破产', resigned: '个人辞职',
  graduate: '毕业未就业', veteran: '退役未就业', other: '其他',
}
export const EDUCATION_LABELS: Record<Education, string> = {
  primary: '小学及以下', junior: '初中', senior: '高中', vocational: '中专/技校', college: '大专', bachelor: '本科', master: '研究生',
}
export const WORK_MODE_LABELS: Record<WorkMode, string> = { full_time: '全职', part_time: '兼职', gig: '零工' }
export const SERVICE_NEED_LABELS: Record<ServiceNeed, string> = {
  career_guidance: '职业指导', skills_training: '技能培训', job_referral: '岗位推荐', startup: '创业服务', employment_aid: '就业援助',
}
export const HARDSHIP_LABELS: Record<Hardship, string> = {
  zero_employment_family: '零就业家庭成员', disabled: '残疾人', long_term_unemployed: '长期失业人员', low_income_family: '城乡低保/低收入家庭成员',
  age_4050: '大龄人员（女40岁、男50岁以上）', poverty_alleviated: '脱贫人口', veteran_hardship: '退役军人（就业困难）',
}
export const RETIREMENT_CATEGORY_LABELS: Record<RetirementCategory, string> = {
  male: '男性', female_cadre: '女性（管理技术岗位）', female_worker: '女性（其他岗位）',
}
export const SEX_LABELS: Record<'male' | 'female', string> = { male: '男', female: '女' }
export const FOLLOW_UP_CHANNEL_LABELS: Record<'phone' | 'visit' | 'online', string> = { phone: '电话', visit: '上门', online: '线上' }

export const ID_TYPE_OPTIONS = opts(ID_DOC_TYPE_LABELS)
export const REASON_OPTIONS = opts(UNEMPLOYMENT_REASON_LABELS)
export const EDUCATION_OPTIONS = opts(EDUCATION_LABELS)
export const WORK_MODE_OPTIONS = opts(WORK_MODE_LABELS)
export const SERVICE_NEED_OPTIONS = opts(SERVICE_NEED_LABELS)
export const HARDSHIP_OPTIONS = opts(HARDSHIP_LABELS)
export const RETIREMENT_OPTIONS = opts(RETIREMENT_CATEGORY_LABELS)
export const SEX_OPTIONS = opts(SEX_LABELS)

/** 通行证 carry no birth date / sex in the number: the worker enters them. */
export const needsBirthAndSex = (t?: IdType) => t === 'hk_macau_permit' || t === 'taiwan_permit'

export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿', submitted: '已提交', under_review: '审核中', returned: '退回修改', approved: '已登记', rejected: '未通过', exited: '已退出',
}
/** Staff queue tabs ('pending' = submitted + under review). */
export const QUEUE_TABS: { value: string; label: string }[] = [
  { value: 'pending', label: '待办理' },
  { value: 'returned', label: '退回修改' },
  { value: 'approved', label: '已登记' },
  { value: 'rejected', label: '未通过' },
  { value: 'exited', label: '已退出' },
]
