// Pure form helpers for 发布零工 (no @tarojs imports: unit-tested).
import type { EmployerGig, GigCategory } from '@doorstep/shared'
import type { PayUnit, Settlement } from '../../pages/gigs/format'

export interface PostForm {
  title: string
  category?: GigCategory
  headcount: string
  payAmount: string
  payUnit: PayUnit
  settlement: Settlement
  date: string
  startTime: string
  endTime: string
  lat?: number
  lng?: number
  address: string
  requirements: string
  contactName: string
  contactPhone: string
  urgent: boolean
  elderFriendly: boolean
}

/**
 * 再发一次: everything from the earlier post except when — the date comes from `when` (an earlier
 * date would be refused) — and 即时快招, which is a decision for today only. The old hours are kept
 * unless the new date is today and they start before the suggested window (they may be over already).
 */
export function formFromGig(g: EmployerGig, when: { date: string; startTime: string; endTime: string }, today: string): PostForm {
  const keepHours = g.startTime < g.endTime && (when.date !== today || g.startTime >= when.startTime)
  return {
    title: g.title,
    category: g.category,
    headcount: String(g.headcount),
    payAmount: String(g.payAmount),
    payUnit: g.payUnit,
    settlement: g.settlement,
    date: when.date,
    startTime: keepHours ? g.startTime : when.startTime,
    endTime: keepHours ? g.endTime : when.endTime,
    lat: g.lat,
    lng: g.lng,
    address: g.address,
    requirements: g.requirements,
    contactName: g.contactName,
    contactPhone: g.contactPhone,
    urgent: false,
    elderFriendly: g.elderFriendly,
  }
}
