// Subscription messages wired to Taro and the BFF. Every tap that starts something a notice will be
// about goes through one of `taps` below, so requestSubscribeMessage is called synchronously in the tap.
import Taro from '@tarojs/taro'
import { NOTICE_TAPS, type NoticeTap } from '../../../shared/src/rules/notices'
import { client } from './api'
import { readJson, writeJson } from './storage'
import { createSubscriber, type SubscribeDecision } from './subscribe-core'

const KEY = 'dj.subscribeTemplates'
type TapTemplates = Partial<Record<NoticeTap, string[]>>
let cache: TapTemplates = readJson<TapTemplates>(KEY) ?? {}

/** Loads the template ids per tap (app launch); the cached copy serves until then and offline. */
export async function loadSubscribeTemplates(): Promise<void> {
  try {
    const res = await client.get<{ taps: TapTemplates }>('/api/notifications/templates', { auth: false })
    cache = res.taps ?? {}
    writeJson(KEY, cache)
  } catch {
    // keep the cached ids
  }
}

/** For tests and the launch code: the ids currently known. */
export function setSubscribeTemplates(taps: TapTemplates): void {
  cache = taps
}

let seq = 0
const subscriber = createSubscriber({
  enabled: () => process.env.TARO_ENV === 'weapp' && typeof Taro.requestSubscribeMessage === 'function',
  templateIds: (tap) => (cache[tap] ?? []).slice(0, 3),
  request: (tmplIds) => Taro.requestSubscribeMessage({ tmplIds } as Parameters<typeof Taro.requestSubscribeMessage>[0]) as unknown as Promise<Record<string, unknown>>,
  report: (body: { requestId: string; tap: NoticeTap; results: Record<string, SubscribeDecision> }) => client.post('/api/notifications/subscriptions', body),
  newId: () => `${Date.now().toString(36)}${(seq += 1).toString(36)}${Math.random().toString(36).slice(2, 10)}`,
})

export const subscribeThen = subscriber.subscribeThen

/** The six taps that ask for subscription, each with the notice kinds it is about (shared/src/rules/notices.ts). */
export const taps = {
  /** 提交失业登记 → 登记通过 / 退回 / 不予登记 */
  submitRegistration: <T>(run: () => T | Promise<T>) => subscribeThen('registration_submit', run),
  /** 报名零工 → 录用 / 未录用 / 开工提醒 */
  applyGig: <T>(run: () => T | Promise<T>) => subscribeThen('gig_apply', run),
  /** 打开「今天能干活」 → 即时快招 */
  availabilityOn: <T>(run: () => T | Promise<T>) => subscribeThen('availability_on', run),
  /** 发布零工 → 有人报名 / 审核结果 / 确认工钱 */
  postGig: <T>(run: () => T | Promise<T>) => subscribeThen('gig_post', run),
  /** 申请政策 → 审核结果 */
  applyPolicy: <T>(run: () => T | Promise<T>) => subscribeThen('policy_apply', run),
  /** 投递岗位 → 面试邀请 / 录用 / 不合适 */
  applyVacancy: <T>(run: () => T | Promise<T>) => subscribeThen('vacancy_apply', run),
}

export const TAP_KINDS = NOTICE_TAPS
