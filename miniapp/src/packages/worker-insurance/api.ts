// Typed calls for 失业保险金申领 (worker). Type-only imports from shared: no zod in the bundle.
import type { z } from 'zod'
import type { InsuranceClaimView, myInsuranceSchema } from '@doorstep/shared'
import { ApiError, client, messageOf, call, fieldDetails, fieldErrors } from '../../services/api'

export { ApiError, fieldErrors, messageOf }
export type ClaimView = InsuranceClaimView
export type MyInsurance = z.infer<typeof myInsuranceSchema>
export interface InsuredPeriodInput {
  employer: string
  from: string
  to: string
  monthsPaid: number
}
export interface ClaimBody {
  history: InsuredPeriodInput[]
  employerFault?: string
  materials: string[]
  bankName: string
  bankAccount: string
  commitmentVersion: string
  commitmentAccepted: true
  idempotencyKey: string
}
/** What this page needs of the registration (the 失业原因 decides whether 单位过错 is asked). */
export interface RegistrationBrief {
  registration: { status: string; form: { unemploymentReason?: string; wantsWork?: boolean; currentlyEmployed?: boolean } } | null
}

interface Opts {
  silent?: boolean
}


export const insuranceApi = {
  mine: (o?: Opts) => call(() => client.get<MyInsurance>('/api/insurance/claim'), o),
  file: (body: ClaimBody, o?: Opts) => call(() => client.post<{ claim: ClaimView }>('/api/insurance/claim', body), o),
  registration: (o?: Opts) => call(() => client.get<RegistrationBrief>('/api/registration'), o),
}

/** The server's per-field details of a 400 ({ field, message }[]), if any. */
export { fieldDetails as detailsOf }

/** Same words as INSURANCE_MATERIAL_LABELS in shared/src/schemas/insurance.ts (kept here so zod is not bundled). */
export const MATERIAL_LABELS: Record<string, string> = {
  id_card: '居民身份证或社会保障卡',
  separation_proof: '与原单位解除或终止劳动关系的证明',
  employer_fault_proof: '单位过错的证明（欠薪、未缴社保等，个人被迫辞职时）',
  bank_card: '本人银行账户（社会保障卡金融账户）',
}
export const REQUIRED_MATERIALS = ['id_card', 'separation_proof', 'bank_card']

export const INSURANCE_PAGES = {
  claim: '/packages/worker-insurance/pages/claim/index',
  registration: '/pages/registration/index',
} as const
