// Typed calls for 岗位 (full-time and part-time vacancies). Type-only imports from shared: no zod in the bundle.
import type { z } from 'zod'
import type { applyVacancyResultSchema, myVacancyApplicationSchema, recommendedListSchema, referralViewSchema, ShareChoice, VacancyView } from '@doorstep/shared'
import { client, call } from '../../services/api'

export type { ShareChoice, VacancyView }
export type RecommendedList = z.infer<typeof recommendedListSchema>
export type Recommended = RecommendedList['items'][number]
export type MyApplication = z.infer<typeof myVacancyApplicationSchema>
export type ApplyResult = z.infer<typeof applyVacancyResultSchema>
export type ReferralView = z.infer<typeof referralViewSchema>

export const JOB_PAGES = {
  list: '/packages/jobs/pages/list/index',
  detail: '/packages/jobs/pages/detail/index',
  mine: '/packages/jobs/pages/mine/index',
} as const

interface Opts {
  silent?: boolean
}
const enc = encodeURIComponent

export const jobsApi = {
  list: (q: { occupation?: string; kind?: string }, o?: Opts) => {
    const qs = [q.occupation ? `occupation=${enc(q.occupation)}` : '', q.kind ? `kind=${enc(q.kind)}` : ''].filter(Boolean).join('&')
    return call(() => client.get<{ items: VacancyView[] }>(`/api/vacancies${qs ? `?${qs}` : ''}`, { auth: false }), o)
  },
  recommended: (o?: Opts) => call(() => client.get<RecommendedList>('/api/vacancies/recommended'), o),
  detail: (id: string, o?: Opts) => call(() => client.get<{ vacancy: VacancyView; application: MyApplication | null }>(`/api/vacancies/${enc(id)}`), o),
  apply: (id: string, body: { share: ShareChoice; note: string }, o?: Opts) => call(() => client.post<ApplyResult>(`/api/vacancies/${enc(id)}/apply`, body), o),
  mine: (o?: Opts) => call(() => client.get<{ items: MyApplication[] }>('/api/vacancies/mine'), o),
  referrals: (o?: Opts) => call(() => client.get<{ items: ReferralView[] }>('/api/vacancies/referrals'), o),
  withdraw: (id: string, o?: Opts) => call(() => client.post<{ application: MyApplication; message: string }>(`/api/vacancy-applications/${enc(id)}/withdraw`, {}), o),
}
