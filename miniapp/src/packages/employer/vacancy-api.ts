// Typed calls for the employer's 岗位 (full-time and part-time vacancies). Type-only imports from shared.
import type { z } from 'zod'
import type { AnswerApplicationBody, employerApplicantSchema, employerVacancyDetailSchema, employerVacancySchema, PostVacancyBody, postVacancyResultSchema } from '@doorstep/shared'
import { client, call } from '../../services/api'

export type { AnswerApplicationBody, PostVacancyBody }
export type EmployerVacancy = z.infer<typeof employerVacancySchema>
export type EmployerVacancyDetail = z.infer<typeof employerVacancyDetailSchema>
export type VacancyApplicant = z.infer<typeof employerApplicantSchema>
export type PostVacancyResult = z.infer<typeof postVacancyResultSchema>

export const VACANCY_PAGES = {
  list: '/packages/employer/pages/vacancies/index',
  post: '/packages/employer/pages/vacancy-post/index',
  detail: '/packages/employer/pages/vacancy/index',
} as const

interface Opts {
  silent?: boolean
}
const enc = encodeURIComponent

export const vacancyApi = {
  post: (body: PostVacancyBody, o?: Opts) => call(() => client.post<PostVacancyResult>('/api/employer/vacancies', body), o),
  list: (o?: Opts) => call(() => client.get<{ items: EmployerVacancy[] }>('/api/employer/vacancies'), o),
  detail: (id: string, o?: Opts) => call(() => client.get<EmployerVacancyDetail>(`/api/employer/vacancies/${enc(id)}`), o),
  close: (id: string, o?: Opts) => call(() => client.post<EmployerVacancy>(`/api/employer/vacancies/${enc(id)}/close`, {}), o),
  answer: (appId: string, body: AnswerApplicationBody, o?: Opts) => call(() => client.post<{ applicant: VacancyApplicant }>(`/api/employer/vacancy-applications/${enc(appId)}/answer`, body), o),
}
