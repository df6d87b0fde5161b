// Typed calls for 失业登记 (worker + staff). Type-only imports from shared; nothing from zod is bundled.
import type { z } from 'zod'
import type {
  contactHistorySchema,
  EligibilityBody,
  employmentBodySchema,
  employmentListSchema,
  employmentResultSchema,
  exitBodySchema,
  staffExitBodySchema,
  EligibilityResult,
  followUpDueSchema,
  Profile,
  recordSchema,
  RegionList,
  RegistrationForm,
  RegistrationView,
  staffDetailSchema,
  staffQueueSchema,
} from '@doorstep/shared'
import { ApiError, client, call, fieldErrors as sharedFieldErrors } from '../../services/api'

export type { EligibilityBody, EligibilityResult, Profile, RegionList, RegistrationForm, RegistrationView }
export type RecordView = z.infer<typeof recordSchema>
export type StaffQueue = z.infer<typeof staffQueueSchema>
export type StaffQueueItem = StaffQueue['items'][number]
export type StaffDetail = z.infer<typeof staffDetailSchema>
export type FollowUpDue = z.infer<typeof followUpDueSchema>
export type TimelineEvent = RegistrationView['timeline'][number]
export interface Commitment {
  version: string
  text: string
}
export interface Current {
  registration: RegistrationView | null
  commitment: Commitment
}
export type ExitBody = z.infer<typeof exitBodySchema>
export type StaffExitBody = z.infer<typeof staffExitBodySchema>
export type ContactHistory = z.infer<typeof contactHistorySchema>
export type EmploymentBody = z.infer<typeof employmentBodySchema>
export type EmploymentList = z.infer<typeof employmentListSchema>
export type EmploymentResult = z.infer<typeof employmentResultSchema>
export type EmploymentView = EmploymentList['items'][number]
export type Decision = 'start_review' | 'approve' | 'return' | 'reject'
export type FollowUpBody = { channel: 'phone' | 'visit' | 'online'; outcome: string; note?: string; nextDate?: string }
/** 窗口代办: what staff send for a walk-in person (see counterRegistrationBodySchema). */
export type CounterBody = {
  form: RegistrationForm; phone: string; idChecked: true; sensitiveConsentVersion: string; consentSigned: true
  commitmentVersion: string; commitmentSigned: true; approveNow?: boolean; idempotencyKey: string
}
export type CounterClaims = { phoneMasked: string | null; items: { id: string; center: string; createdAt: string; statusLabel: string; nameMasked: string }[] }

interface Opts {
  /** Do not toast: the caller shows the error (field errors next to the fields). */
  silent?: boolean
  /** Polling, not a user action: an expired session does not open the login page. */
  background?: boolean
}


export const registrationApi = {
  current: (o?: Opts) => call(() => client.get<Current>('/api/registration', { background: o?.background }), o),
  eligibility: (body: EligibilityBody, o?: Opts) => call(() => client.post<EligibilityResult>('/api/registration/eligibility', body), o),
  /** `sensitiveConsentVersion`: sent once, with the first save after the worker agreed to the 敏感个人信息 consent. */
  saveDraft: (form: RegistrationForm, o?: Opts, sensitiveConsentVersion?: string) =>
    call(() => client.put<{ registration: RegistrationView }>('/api/registration/draft', sensitiveConsentVersion ? { form, sensitiveConsentVersion } : { form }), o),
  submit: (commitmentVersion: string, idempotencyKey: string, o?: Opts) =>
    call(() => client.post<{ registration: RegistrationView }>('/api/registration/submit', { commitmentVersion, commitmentAccepted: true, idempotencyKey }), o),
  exit: (body: ExitBody, o?: Opts) => call(() => client.post<{ registration: RegistrationView }>('/api/registration/exit', body), o),
  record: (o?: Opts) => call(() => client.get<RecordView>('/api/registration/record'), o),
  profile: (o?: Opts) => call(() => client.get<Profile>('/api/registration/profile'), o),
  regions: (o?: Opts) => call(() => client.get<RegionList>('/api/regions', { auth: false }), o),
  counterClaims: (o?: Opts) => call(() => client.get<CounterClaims>('/api/registration/counter-claims'), o),
  claimCounter: (id: string, idNumber: string, o?: Opts) => call(() => client.post<{ registration: RegistrationView }>('/api/registration/counter-claims/claim', { id, idNumber }), o),
}

/** 就业登记 (the worker's own). */
export const employmentApi = {
  mine: (o?: Opts) => call(() => client.get<EmploymentList>('/api/employment'), o),
  record: (body: EmploymentBody, o?: Opts) => call(() => client.post<EmploymentResult>('/api/employment', body), o),
}

export const staffRegistrationApi = {
  queue: (status?: string, district?: string, o?: Opts) => {
    const q = [status ? `status=${status}` : '', district ? `district=${district}` : ''].filter(Boolean).join('&')
    return call(() => client.get<StaffQueue>(`/api/staff/registrations${q ? `?${q}` : ''}`), o)
  },
  detail: (id: string, o?: Opts) => call(() => client.get<StaffDetail>(`/api/staff/registrations/${encodeURIComponent(id)}`), o),
  decide: (id: string, decision: Decision, reason?: string, o?: Opts) =>
    call(() => client.post<{ registration: RegistrationView }>(`/api/staff/registrations/${encodeURIComponent(id)}/decision`, reason ? { decision, reason } : { decision }), o),
  exit: (id: string, body: StaffExitBody, o?: Opts) =>
    call(() => client.post<{ registration: RegistrationView }>(`/api/staff/registrations/${encodeURIComponent(id)}/exit`, body), o),
  contacts: (id: string, o?: Opts) => call(() => client.get<ContactHistory>(`/api/staff/registrations/${encodeURIComponent(id)}/contacts`), o),
  followUp: (id: string, body: FollowUpBody, o?: Opts) => call(() => client.post<{ ok: true }>(`/api/staff/registrations/${encodeURIComponent(id)}/follow-ups`, body), o),
  due: (o?: Opts) => call(() => client.get<FollowUpDue>('/api/staff/follow-ups/due'), o),
  counterCreate: (body: CounterBody, o?: Opts) => call(() => client.post<{ registration: RegistrationView }>('/api/staff/counter-registrations', body), o),
}

/** Field errors of a 400 answer, keyed by form key ('form.idNumber' → 'idNumber'). */
export const fieldErrors = (err: unknown): Record<string, string> => sharedFieldErrors(err, (f) => f.replace(/^form\./, '').split('.')[0]!)

/** One key per submit attempt; reused on retry and double tap. */
export function newIdempotencyKey(): string {
  return `reg_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 12)}`
}

export { ApiError }
