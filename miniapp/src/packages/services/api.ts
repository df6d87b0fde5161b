// Typed calls for 服务事项清单 and booking. Type-only imports from shared: no zod in the bundle.
import type { z } from 'zod'
import type { BookingView, ServiceItem, SlotView, serviceDetailSchema, serviceListSchema } from '@doorstep/shared'
import { ApiError, client, messageOf, call } from '../../services/api'

export { ApiError, messageOf }
export type { BookingView, ServiceItem, SlotView }
export type ServiceList = z.infer<typeof serviceListSchema>
export type ServiceDetail = z.infer<typeof serviceDetailSchema>

export const SERVICE_PAGES = {
  list: '/packages/services/pages/list/index',
  guide: '/packages/services/pages/guide/index',
  bookings: '/packages/services/pages/bookings/index',
} as const

interface Opts {
  silent?: boolean
}
const enc = encodeURIComponent

export const servicesApi = {
  list: (center: string, o?: Opts) => call(() => client.get<ServiceList>(`/api/service-centers/${enc(center)}/services`, { auth: false }), o),
  guide: (center: string, key: string, o?: Opts) => call(() => client.get<ServiceDetail>(`/api/service-centers/${enc(center)}/services/${enc(key)}`, { auth: false }), o),
  slots: (center: string, q: { kind?: string; serviceKey?: string }, o?: Opts) => {
    const qs = [q.kind ? `kind=${enc(q.kind)}` : '', q.serviceKey ? `serviceKey=${enc(q.serviceKey)}` : ''].filter(Boolean).join('&')
    return call(() => client.get<{ items: SlotView[] }>(`/api/service-centers/${enc(center)}/slots${qs ? `?${qs}` : ''}`, { auth: false }), o)
  },
  book: (slotId: string, o?: Opts) => call(() => client.post<{ booking: BookingView }>(`/api/booking-slots/${enc(slotId)}/book`, {}), o),
  mine: (o?: Opts) => call(() => client.get<{ items: BookingView[] }>('/api/me/bookings'), o),
  cancel: (id: string, o?: Opts) => call(() => client.post<{ booking: BookingView }>(`/api/me/bookings/${enc(id)}/cancel`, {}), o),
}

/** 周二 3月11日 09:00-10:00 */
export function slotWhen(s: Pick<SlotView, 'date' | 'startTime' | 'endTime'>): string {
  const [y, m, d] = s.date.split('-').map(Number)
  const wd = '日一二三四五六'[new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()]
  return `${m}月${d}日（周${wd}）${s.startTime}-${s.endTime}`
}
