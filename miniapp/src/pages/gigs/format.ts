// Pure helpers for the 零工市场 pages (worker pages and the employer subpackage). No @tarojs imports: unit-tested.
// Label maps are copied from shared/src/schemas/gig.ts (keep in sync): a runtime import from
// '@doorstep/shared' would bundle zod into the mini-program.
import type { GigCategory, GigSummary } from '@doorstep/shared'

export const GIG_CATEGORIES: GigCategory[] = ['搬运装卸', '家政保洁', '餐饮帮厨', '建筑零工', '快递分拣', '农业采摘', '维修安装', '促销导购', '保安值守', '其他']
export type PayUnit = GigSummary['payUnit']
export type Settlement = GigSummary['settlement']
export const PAY_UNIT_LABEL: Record<PayUnit, string> = { hour: '元/小时', day: '元/天', piece: '元/件' }
export const PAY_UNIT_CHOICE: Record<PayUnit, string> = { hour: '按小时', day: '按天', piece: '按件' }
export const SETTLEMENT_LABEL: Record<Settlement, string> = { daily: '日结', on_completion: '完工结', weekly: '周结' }
export const RADII_KM = [1, 3, 5, 10, 20] as const
export type RadiusKm = (typeof RADII_KM)[number]
export type SortKey = 'distance' | 'pay' | 'newest'
export const SORT_LABEL: Record<SortKey, string> = { distance: '离我最近', pay: '工钱最高', newest: '最新发布' }
export type ReportReason = 'fake' | 'wage_arrears' | 'discrimination' | 'other'
export const REPORT_REASON_LABEL: Record<ReportReason, string> = { fake: '虚假招聘', wage_arrears: '欠薪', discrimination: '就业歧视', other: '其他' }
export type StationKind = 'station' | 'gig_market' | 'service_hall'
export const STATION_KIND_LABEL: Record<StationKind, string> = { station: '家门口就业服务站', gig_market: '零工市场', service_hall: '公共就业服务大厅' }

const DAY_MS = 86_400_000
const CHINA_OFFSET_MS = 8 * 3_600_000
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** Today's date in China (UTC+8, no DST), whatever the phone's time zone. */
export function chinaToday(nowMs: number = Date.now()): string {
  return new Date(nowMs + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** 'YYYY-MM-DD' plus n calendar days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** '今天' / '明天' / '后天' or '3月14日 周六' — the words people use for when the work is. */
export function dateLabel(date: string, today: string): string {
  const d = daysBetween(today, date)
  if (d === 0) return '今天'
  if (d === 1) return '明天'
  if (d === 2) return '后天'
  const [, m, day] = date.split('-')
  const wd = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]
  return `${Number(m)}月${Number(day)}日 ${wd}`
}

/** An instant as people say it in China time: '今天 14:05', '昨天 09:30', '3月9日 18:00'. */
export function chinaTimeText(iso: string, nowMs: number = Date.now()): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const local = new Date(t + CHINA_OFFSET_MS).toISOString()
  const date = local.slice(0, 10)
  const hm = local.slice(11, 16)
  const d = daysBetween(date, chinaToday(nowMs))
  if (d === 0) return `今天 ${hm}`
  if (d === 1) return `昨天 ${hm}`
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${hm}`
}

/** '明天 08:00-17:00' */
export function whenText(g: Pick<GigSummary, 'date' | 'startTime' | 'endTime'>, today: string): string {
  return `${dateLabel(g.date, today)} ${g.startTime}-${g.endTime}`
}

/** Big number and unit for the pay line: { amount: '200', unit: '元/天' }. */
export function payParts(amount: number, unit: PayUnit): { amount: string; unit: string } {
  return { amount: Number.isInteger(amount) ? String(amount) : amount.toFixed(2), unit: PAY_UNIT_LABEL[unit] }
}

/** Minutes between 'HH:mm' times (0 when reversed). */
export function windowMinutes(start: string, end: string): number {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
  return Math.max(0, m(end) - m(start))
}

/**
 * What one worker should get for the whole gig, to prefill the settlement amount: per day → the day
 * rate; per hour → rate × hours of the window (rounded to 0.01); per piece → unknown (null).
 */
export function expectedPay(g: Pick<GigSummary, 'payAmount' | 'payUnit' | 'startTime' | 'endTime'>): number | null {
  if (g.payUnit === 'day') return g.payAmount
  if (g.payUnit === 'hour') return Math.round(g.payAmount * (windowMinutes(g.startTime, g.endTime) / 60) * 100) / 100
  return null
}

/** '4.8 分 · 12 次评价' / '新老板，暂无评价'. */
export function ratingText(r: { average: number | null; count: number }, nobody = '暂无评价'): string {
  return r.average === null || r.count === 0 ? nobody : `${r.average.toFixed(1)} 分 · ${r.count} 次评价`
}

/** '还差 2 人' / '已招满'. */
export function seatsText(g: Pick<GigSummary, 'headcount' | 'remaining'>): string {
  return g.remaining > 0 ? `招 ${g.headcount} 人，还差 ${g.remaining} 人` : '已招满'
}

/** Same rounding as the server ('850 米' / '1.2 公里'), for distances computed on the phone. */
export function formatDistance(m: number): string {
  if (m < 1000) return `${Math.max(10, Math.round(m / 10) * 10)} 米`
  return `${(m / 1000).toFixed(m < 10000 ? 1 : 0)} 公里`
}

export interface NearbyParams {
  lat: number
  lng: number
  radiusKm: RadiusKm
  sort: SortKey
  category?: GigCategory
  settlement?: Settlement
  date?: string
  elder?: boolean
  page: number
  pageSize?: number
}

/** Query string for GET /api/gigs/nearby; empty filters are left out, coordinates rounded to ~1 m. */
export function nearbyQuery(p: NearbyParams): string {
  const parts: [string, string | number][] = [
    ['lat', round6(p.lat)],
    ['lng', round6(p.lng)],
    ['radiusKm', p.radiusKm],
    ['sort', p.sort],
  ]
  if (p.category) parts.push(['category', p.category])
  if (p.settlement) parts.push(['settlement', p.settlement])
  if (p.date) parts.push(['date', p.date])
  if (p.elder) parts.push(['elder', 'true'])
  parts.push(['page', p.page], ['pageSize', p.pageSize ?? 20])
  return parts.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')
}

export const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/** Pages still to load after `loaded` items of `total`. */
export function hasMore(loaded: number, total: number): boolean {
  return loaded < total
}

/**
 * Default date and time window for a new posting: today from the next full hour (at least one hour
 * ahead, four hours long) while that still ends by 21:00; otherwise tomorrow 08:00-17:00.
 */
export function defaultWindow(nowMs: number = Date.now()): { date: string; startTime: string; endTime: string } {
  const today = chinaToday(nowMs)
  const china = new Date(nowMs + CHINA_OFFSET_MS)
  const start = china.getUTCHours() + 2
  if (start + 4 <= 21) return { date: today, startTime: `${pad2(start)}:00`, endTime: `${pad2(start + 4)}:00` }
  return { date: addDays(today, 1), startTime: '08:00', endTime: '17:00' }
}

const pad2 = (n: number) => String(n).padStart(2, '0')

export { fieldErrorsOf } from '../../services/field-errors'
