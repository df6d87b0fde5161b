// Typed calls for the staff side of 失业保险金. Type-only imports from shared: no zod in the bundle.
import type { z } from 'zod'
import type { InsuranceClaimView, insuranceImportResultSchema, insuranceQueueSchema, insuranceStaffDetailSchema } from '@doorstep/shared'
import { INSURANCE_STOP_LABELS } from '@doorstep/shared/src/rules/insurance'
import { ApiError, client, messageOf, call } from '../../../../services/api'

export { ApiError, messageOf }
export type ClaimView = InsuranceClaimView
export type ClaimQueue = z.infer<typeof insuranceQueueSchema>
export type ClaimQueueItem = ClaimQueue['items'][number]
export type ClaimDetail = z.infer<typeof insuranceStaffDetailSchema>
export type ImportResult = z.infer<typeof insuranceImportResultSchema>
export type StopReason = 'reemployed' | 'military' | 'emigrated' | 'pension' | 'refused_work' | 'registration_ended'

interface Opts {
  silent?: boolean
}


export const staffInsuranceApi = {
  list: (status: string, o?: Opts) => call(() => client.get<ClaimQueue>(`/api/staff/insurance-claims${status ? `?status=${encodeURIComponent(status)}` : ''}`), o),
  detail: (id: string, o?: Opts) => call(() => client.get<ClaimDetail>(`/api/staff/insurance-claims/${encodeURIComponent(id)}`), o),
  decide: (id: string, body: { decision: 'approve' | 'reject'; reason?: string; involuntaryConfirmed?: boolean }, o?: Opts) =>
    call(() => client.post<{ claim: ClaimView }>(`/api/staff/insurance-claims/${encodeURIComponent(id)}/decision`, body), o),
  pay: (id: string, body: { month: string; serialNo?: string }, o?: Opts) =>
    call(() => client.post<{ claim: ClaimView; created: boolean }>(`/api/staff/insurance-claims/${encodeURIComponent(id)}/payments`, body), o),
  stop: (id: string, body: { reason: StopReason; eventDate: string; note?: string }, o?: Opts) =>
    call(() => client.post<{ claim: ClaimView }>(`/api/staff/insurance-claims/${encodeURIComponent(id)}/stop`, body), o),
  importCsv: (csv: string, o?: Opts) => call(() => client.post<ImportResult>('/api/staff/insurance-payments/import', { csv }), o),
  exportCsv: (month: string | undefined, o?: Opts) =>
    call(() => client.get<{ filename: string; csv: string; rows: number }>(`/api/staff/insurance-payments/export${month ? `?month=${month}` : ''}`), o),
}

/** The 第五十一条 reasons staff choose from (失业登记注销 is set when the registration itself ends). */
export const STOP_OPTIONS: { value: StopReason; label: string }[] = (['reemployed', 'military', 'emigrated', 'pension', 'refused_work'] as const).map((value) => ({ value, label: INSURANCE_STOP_LABELS[value] }))

export const STATUS_TABS: { value: string; label: string }[] = [
  { value: 'submitted', label: '待审核' },
  { value: 'approved', label: '领取中' },
  { value: 'stopped', label: '已停发' },
  { value: 'ended', label: '已领完' },
  { value: 'rejected', label: '不予核定' },
  { value: 'all', label: '全部' },
]

export const INS_PAGES = {
  list: '/packages/staff/pages/insurance/index',
  detail: '/packages/staff/pages/insurance/detail',
  import: '/packages/staff/pages/insurance/import',
} as const

/** This month / today in China. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
}
