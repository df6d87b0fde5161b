// Subscription messages (订阅消息), the part that decides the call order; no Taro import (unit-tested).
//
// WeChat accepts wx.requestSubscribeMessage only inside the handler of a user's tap: called after an
// `await` (a request, a modal) it fails with "can only be invoked by user TAP gesture". So the request
// is made synchronously, as the first thing the tap handler does, and the tap's own work runs after the
// person answered the popup. Each 'accept' lets the server send one message of that template.
import type { NoticeTap } from '../../../shared/src/rules/notices'

export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'filter'

export interface SubscriberDeps {
  /** False where subscription messages do not exist (H5): the action just runs. */
  enabled(): boolean
  /** Template ids the tap asks for (from GET /api/notifications/templates, cached). */
  templateIds(tap: NoticeTap): string[]
  /** Wraps requestSubscribeMessage; must start the request synchronously. */
  request(tmplIds: string[]): Promise<Record<string, unknown>>
  /** Reports the answer to the BFF (best effort). */
  report(body: { requestId: string; tap: NoticeTap; results: Record<string, SubscribeDecision> }): Promise<unknown>
  newId(): string
}

const DECISIONS: SubscribeDecision[] = ['accept', 'reject', 'ban', 'filter']

/** The per-template decisions out of requestSubscribeMessage's answer ({ errMsg, [tmplId]: 'accept' … }). */
export function decisionsOf(res: Record<string, unknown>, tmplIds: string[]): Record<string, SubscribeDecision> {
  const out: Record<string, SubscribeDecision> = {}
  for (const id of tmplIds) {
    const v = res[id]
    if (typeof v === 'string' && (DECISIONS as string[]).includes(v)) out[id] = v as SubscribeDecision
  }
  return out
}

export function createSubscriber(deps: SubscriberDeps) {
  /**
   * Asks for the tap's templates — synchronously, before anything else — and reports the answer.
   * Resolves when the person answered (or at once when there is nothing to ask); never rejects.
   */
  function ask(tap: NoticeTap): Promise<void> {
    const ids = deps.enabled() ? deps.templateIds(tap) : []
    if (!ids.length) return Promise.resolve()
    let pending: Promise<Record<string, unknown>>
    try {
      pending = deps.request(ids) // the synchronous call WeChat requires
    } catch {
      return Promise.resolve()
    }
    const requestId = deps.newId()
    return pending
      .then((res) => {
        const results = decisionsOf(res, ids)
        if (Object.keys(results).length) void Promise.resolve(deps.report({ requestId, tap, results })).catch(() => {})
      })
      .catch(() => {}) // 20004 (main switch off), 20005 (subscriptions off), cancelled: the action still runs
  }

  /** A tap handler's body: first the subscription request, then the tap's own work. */
  function subscribeThen<T>(tap: NoticeTap, action: () => T | Promise<T>): Promise<T> {
    return ask(tap).then(() => action())
  }

  return { ask, subscribeThen }
}
