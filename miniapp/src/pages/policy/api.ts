// Policy API calls used by the policy pages (main package and staff subpackage). Types only from shared.
import Taro from '@tarojs/taro'
import type {
  PersonFacts, PolicyApplicationView, PolicyAudience, PolicyCalculateResult, PolicyCategory, PolicyInput, PolicyMatch, PolicyQuestion, PolicySearchResult, PolicyView,
} from '@doorstep/shared'
import { client, call as apiCall } from '../../services/api'

export type { PersonFacts, PolicyApplicationView, PolicyAudience, PolicyCalculateResult, PolicyCategory, PolicyInput, PolicyMatch, PolicyQuestion, PolicySearchResult, PolicyView }

/** `call` with a plain silent flag, as this module's callers pass it. */
const call = <T>(run: () => Promise<T>, silent = false): Promise<T> => apiCall(run, { silent })

const qs = (o: Record<string, string | number | undefined>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')

export interface StaffPolicyRow { id: string; slug: string; title: string; category: PolicyCategory; audience: PolicyAudience; status: string; version: number; liveVersion: number | null; hasDraft: boolean; updatedAt: string }
export interface StaffPolicyDetail { policy: PolicyView; liveVersion: number | null; versions: { version: number; title: string; savedBy: string | null; publishedAt: string | null; createdAt: string }[] }
export interface ForMe { hasFacts: boolean; facts: PersonFacts; eligible: PolicyMatch[]; almost: PolicyMatch[] }

export const policyApi = {
  search: (q: { q?: string; audience?: PolicyAudience; category?: PolicyCategory }) => call(() => client.get<PolicySearchResult>(`/api/policies?${qs({ ...q, limit: 30 })}`, { auth: false })),
  get: (id: string) => call(() => client.get<PolicyView>(`/api/policies/${id}`, { auth: false })),
  questions: (audience: PolicyAudience) => call(() => client.get<{ questions: PolicyQuestion[] }>(`/api/policies/questions?audience=${audience}`, { auth: false })),
  calculate: (audience: PolicyAudience, answers: PersonFacts) => call(() => client.post<PolicyCalculateResult>('/api/policies/calculate', { audience, answers }, { auth: false })),
  myFacts: () => call(() => client.get<{ facts: PersonFacts | null }>('/api/policies/my-facts'), true),
  forMe: () => call(() => client.get<ForMe>('/api/policies/for-me'), true),
  /** `sensitiveConsentVersion`: POLICY_HARDSHIP_CONSENT's version, when the answers name 困难类别 and the applicant agreed. */
  apply: (id: string, answers?: PersonFacts, silent = false, sensitiveConsentVersion?: string) =>
    call(() => client.post<PolicyApplicationView>(`/api/policies/${id}/apply`, { ...(answers ? { answers } : {}), ...(sensitiveConsentVersion ? { sensitiveConsentVersion } : {}) }), silent),
  mine: () => call(() => client.get<{ items: PolicyApplicationView[] }>('/api/policy-applications/mine')),
  resubmit: (id: string, note: string) => call(() => client.post<PolicyApplicationView>(`/api/policy-applications/${id}/resubmit`, { note })),
  staffList: () => call(() => client.get<{ items: StaffPolicyRow[] }>('/api/staff/policies')),
  staffGet: (id: string) => call(() => client.get<StaffPolicyDetail>(`/api/staff/policies/${id}`)),
  create: (content: unknown) => call(() => client.post<PolicyView>('/api/staff/policies', content)),
  update: (id: string, baseVersion: number, content: unknown) => call(() => client.request<PolicyView>('PUT', `/api/staff/policies/${id}`, { baseVersion, content })),
  publish: (id: string) => call(() => client.post<{ policy: PolicyView; matched: { checked: number; eligible: number; notified: number } }>(`/api/staff/policies/${id}/publish`)),
  unpublish: (id: string) => call(() => client.post<{ policy: PolicyView }>(`/api/staff/policies/${id}/unpublish`)),
  queue: (status?: string) => call(() => client.get<{ items: PolicyApplicationView[]; counts: Record<string, number> }>(`/api/staff/policy-applications?${qs({ status })}`)),
  decide: (id: string, decision: 'approve' | 'return' | 'reject', reason?: string) => call(() => client.post<PolicyApplicationView>(`/api/staff/policy-applications/${id}/decide`, reason ? { decision, reason } : { decision })),
}

/** The calculator's last answers, so "一键申请" on a detail page can reuse them. */
const ANSWERS_KEY = 'dj.policy.answers'
export const savedAnswers = {
  get: (): PersonFacts | undefined => {
    try {
      return (Taro.getStorageSync(ANSWERS_KEY) as PersonFacts) || undefined
    } catch {
      return undefined
    }
  },
  set: (a: PersonFacts) => {
    try {
      Taro.setStorageSync(ANSWERS_KEY, a)
    } catch {
      /* storage full: the next apply just asks the server's facts */
    }
  },
}

export const POLICY_PAGES = {
  detail: (id: string) => `/packages/worker/pages/policy-detail/index?id=${id}`,
  calc: '/packages/worker/pages/policy-calc/index',
  apps: '/packages/worker/pages/policy-apps/index',
  staffList: '/packages/staff/pages/policies/index',
  staffEdit: (id: string) => `/packages/staff/pages/policies/edit?id=${id}`,
  staffQueue: '/packages/staff/pages/policy-applications/index',
}

export const STATUS_TEXT: Record<string, string> = { submitted: '审核中', approved: '已通过', returned: '退回补充', rejected: '未通过', draft: '草稿', published: '已发布', unpublished: '已下架' }
export const AUDIENCE_TEXT: Record<string, string> = { individual: '个人', employer: '单位' }
