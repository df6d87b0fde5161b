// Typed calls for the worker side of the 零工市场 and the 服务站 list. Type-only imports from shared.
import type {
  AvailabilityBody,
  AvailabilityView,
  GigDetail,
  GigSummary,
  MyApplication,
  MyApplicationsResult,
  NearbyResult,
  RecommendResult,
  RegionList,
  StationView,
} from '@doorstep/shared'
import { ApiError, client, call, fieldErrors } from '../../services/api'
import { nearbyQuery, round6, type NearbyParams, type ReportReason, type StationKind } from './format'

export type { AvailabilityBody, AvailabilityView, GigDetail, GigSummary, MyApplication, MyApplicationsResult, NearbyResult, RecommendResult, RegionList, StationView }
export type MyApplicationItem = MyApplicationsResult['items'][number]
export type RecommendedGig = RecommendResult['items'][number]
export interface ActionResult {
  id: string
  status: MyApplication['status']
  statusText: string
  settlement: MyApplication['settlement']
}
export interface LatLng {
  lat: number
  lng: number
}

interface Opts {
  /** Do not toast: the caller shows the error itself. */
  silent?: boolean
}


const enc = encodeURIComponent
const at = (p?: LatLng | null) => (p ? `lat=${round6(p.lat)}&lng=${round6(p.lng)}` : '')

export const gigApi = {
  nearby: (p: NearbyParams, o?: Opts) => call(() => client.get<NearbyResult>(`/api/gigs/nearby?${nearbyQuery(p)}`, { auth: false }), o),
  recommended: (p: LatLng | null, o?: Opts) => call(() => client.get<RecommendResult>(`/api/gigs/recommended${p ? `?${at(p)}` : ''}`), o),
  detail: (id: string, p?: LatLng | null, o?: Opts) => call(() => client.get<GigDetail>(`/api/gigs/${enc(id)}${p ? `?${at(p)}` : ''}`), o),
  apply: (id: string, o?: Opts) => call(() => client.post<MyApplication>(`/api/gigs/${enc(id)}/apply`), o),
  report: (id: string, reason: ReportReason, detail: string, o?: Opts) => call(() => client.post<{ ok: true }>(`/api/gigs/${enc(id)}/report`, { reason, detail }), o),
  mine: (o?: Opts) => call(() => client.get<MyApplicationsResult>('/api/me/gig-applications'), o),
  cancel: (appId: string, o?: Opts) => call(() => client.post<ActionResult>(`/api/me/gig-applications/${enc(appId)}/cancel`), o),
  confirmPay: (appId: string, amount: number, o?: Opts) => call(() => client.post<ActionResult>(`/api/me/gig-applications/${enc(appId)}/confirm-pay`, { amount }), o),
  rate: (appId: string, stars: number, comment: string, o?: Opts) => call(() => client.post<ActionResult>(`/api/me/gig-applications/${enc(appId)}/rate`, { stars, comment }), o),
  availability: (o?: Opts) => call(() => client.get<AvailabilityView>('/api/me/availability'), o),
  setAvailability: (body: AvailabilityBody, o?: Opts) => call(() => client.put<AvailabilityView>('/api/me/availability', body), o),
  regions: (o?: Opts) => call(() => client.get<RegionList>('/api/regions', { auth: false }), o),
  stations: (p: LatLng | null, kind?: StationKind, o?: Opts) => {
    const q = [at(p), kind ? `kind=${kind}` : ''].filter(Boolean).join('&')
    return call(() => client.get<{ items: StationView[] }>(`/api/stations${q ? `?${q}` : ''}`, { auth: false }), o)
  },
}

/** Field errors of a 400 answer ('place.address' → 'place'). */
export { fieldErrors }

export { ApiError }
