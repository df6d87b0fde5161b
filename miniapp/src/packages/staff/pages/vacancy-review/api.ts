// Typed calls for 岗位 on the staff side: 推荐 (referrals) from a registration and review of held postings.
// Type-only imports from shared: no zod in the bundle.
import type { z } from 'zod'
import type { referralListSchema, referralViewSchema, VacancyView } from '@doorstep/shared'
import { ApiError, call, client, fieldErrors, messageOf } from '../../../../services/api'

export { ApiError, fieldErrors, messageOf }
export type { VacancyView }
export type ReferralView = z.infer<typeof referralViewSchema>
export type ReferralList = z.infer<typeof referralListSchema>
export interface StaffVacancy { vacancy: VacancyView; contactName: string; contactPhoneMasked: string; holdText: string | null }

interface Opts {
  silent?: boolean
}

export const VACANCY_REVIEW_PAGE = '/packages/staff/pages/vacancy-review/index'

export const staffVacancyApi = {
  /** Open vacancies (public list) whose occupation or title contains `occupation`. */
  search: (occupation: string, o?: Opts) =>
    call(() => client.get<{ items: VacancyView[] }>(`/api/vacancies${occupation.trim() ? `?occupation=${encodeURIComponent(occupation.trim())}` : ''}`), o),
  referrals: (registrationId: string, o?: Opts) => call(() => client.get<ReferralList>(`/api/staff/referrals?registrationId=${encodeURIComponent(registrationId)}`), o),
  refer: (body: { registrationId: string; vacancyId: string; note: string }, o?: Opts) => call(() => client.post<{ referral: ReferralView }>('/api/staff/referrals', body), o),
  detail: (id: string, o?: Opts) => call(() => client.get<StaffVacancy>(`/api/staff/vacancies/${encodeURIComponent(id)}`), o),
  review: (id: string, decision: 'approve' | 'reject', reason?: string, o?: Opts) =>
    call(() => client.post<{ vacancy: VacancyView }>(`/api/staff/vacancies/${encodeURIComponent(id)}/review`, reason ? { decision, reason } : { decision }), o),
}
