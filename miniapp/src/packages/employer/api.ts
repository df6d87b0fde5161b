// Typed calls for the employer side of the 零工市场 (employer subpackage). Type-only imports from shared.
import type { employerEmploymentBodySchema, employmentListSchema, employmentResultSchema } from '@doorstep/shared'
import type { z } from 'zod'
import type { Applicant, EmployerGig, EmployerGigDetail, EmployerOnboardBody, EmployerProfileResult, EmployerView, PostGigBody, PostGigResult } from '@doorstep/shared'
import { client, call } from '../../services/api'
import type { ActionResult } from '../../pages/gigs/api'

export type { Applicant, EmployerGig, EmployerGigDetail, EmployerOnboardBody, EmployerView, PostGigBody, PostGigResult }
export type EmployerEmploymentBody = z.infer<typeof employerEmploymentBodySchema>
export type EmploymentList = z.infer<typeof employmentListSchema>
export type EmploymentResult = z.infer<typeof employmentResultSchema>
export type ApplicantAction = 'accept' | 'decline' | 'check-in' | 'complete'

interface Opts {
  silent?: boolean
}


const enc = encodeURIComponent

export const employerApi = {
  profile: (o?: Opts) => call(() => client.get<EmployerProfileResult>('/api/employer/profile'), o),
  onboard: (body: EmployerOnboardBody, o?: Opts) => call(() => client.post<EmployerProfileResult>('/api/employer/profile', body), o),
  post: (body: PostGigBody, o?: Opts) => call(() => client.post<PostGigResult>('/api/employer/gigs', body), o),
  gigs: (o?: Opts) => call(() => client.get<{ items: EmployerGig[] }>('/api/employer/gigs'), o),
  gig: (id: string, o?: Opts) => call(() => client.get<EmployerGigDetail>(`/api/employer/gigs/${enc(id)}`), o),
  close: (id: string, o?: Opts) => call(() => client.post<EmployerGig>(`/api/employer/gigs/${enc(id)}/close`), o),
  act: (appId: string, action: ApplicantAction, o?: Opts) => call(() => client.post<ActionResult>(`/api/employer/gig-applications/${enc(appId)}/${action}`), o),
  settle: (appId: string, amount: number, o?: Opts) => call(() => client.post<ActionResult>(`/api/employer/gig-applications/${enc(appId)}/settle`, { amount }), o),
  employments: (o?: Opts) => call(() => client.get<EmploymentList>('/api/employer/employments'), o),
  recordEmployment: (body: EmployerEmploymentBody, o?: Opts) => call(() => client.post<EmploymentResult>('/api/employer/employments', body), o),
  rate: (appId: string, stars: number, comment: string, o?: Opts) => call(() => client.post<ActionResult>(`/api/employer/gig-applications/${enc(appId)}/rate`, { stars, comment }), o),
}
