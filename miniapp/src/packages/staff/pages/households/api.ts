// Typed calls for 零就业家庭 (staff). Type-only imports from shared: no zod in the bundle.
import type { HouseholdStatus, HouseholdView, RegionList, WorkbenchInbox } from '@doorstep/shared'
import { ApiError, call, client, fieldErrors, messageOf, type CallOptions } from '../../../../services/api'

export { ApiError, fieldErrors, messageOf }
export type { HouseholdStatus, HouseholdView, RegionList }
export type HouseholdMemberView = HouseholdView['members'][number]

/** What POST / PUT /api/staff/households take (the server checks every field again). */
export interface MemberInput {
  name: string
  idType: string
  idNumber: string
  relation: string
  ableToWork: boolean
  wantsWork: boolean
  employed: boolean
}
export interface HouseholdInput {
  district: string
  street: string
  address: string
  members: MemberInput[]
}

export const HH_PAGES = {
  list: '/packages/staff/pages/households/index',
  edit: '/packages/staff/pages/households/edit',
} as const

export const STATUS_LABELS: Record<HouseholdStatus, string> = { open: '零就业', cleared: '已清零', employed: '有人就业' }

export const householdApi = {
  list: (status: HouseholdStatus | '', o?: CallOptions) => call(() => client.get<{ items: HouseholdView[] }>(`/api/staff/households${status ? `?status=${status}` : ''}`), o),
  detail: (id: string, o?: CallOptions) => call(() => client.get<{ household: HouseholdView }>(`/api/staff/households/${encodeURIComponent(id)}`), o),
  create: (body: HouseholdInput, o?: CallOptions) => call(() => client.post<{ household: HouseholdView }>('/api/staff/households', body), o),
  update: (id: string, body: HouseholdInput, o?: CallOptions) => call(() => client.put<{ household: HouseholdView }>(`/api/staff/households/${encodeURIComponent(id)}`, body), o),
  /** The staff member's center and its districts (the household queue of the workbench: the lightest answer that has them). */
  center: (o?: CallOptions) => call(() => client.get<WorkbenchInbox>('/api/staff/workbench?queue=household').then((r) => r.center), o),
  regions: (o?: CallOptions) => call(() => client.get<RegionList>('/api/regions', { auth: false }), o),
}

/** The member shown first: the 户主, else the first one entered. */
export const headOf = (h: HouseholdView): HouseholdMemberView | undefined => h.members.find((m) => m.relation === '户主') ?? h.members[0]

/** YYYY-MM-DD in China of an ISO time. */
export const chinaDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10)
