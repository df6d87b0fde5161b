// What the app keeps in Taro storage, and what logout and 注销 remove. Pure (the storage is passed in)
// so the rule is unit-tested; the app calls it from store/session.ts with Taro's storage.
import type { KeyValueStorage } from './tokens'

/**
 * Keys that stay on the phone after logout: preferences that say nothing about the person.
 * Everything else the app stores under its `dj.` prefix is personal (tokens, the signed-in user,
 * policy-calculator answers with 困难 categories, the chosen search district, drafts, cached lists)
 * and is removed — including keys added later, unless they are listed here.
 */
export const KEEP_AFTER_LOGOUT: readonly string[] = ['dj.elderMode', 'dj.privacyConsent']

export const APP_KEY_PREFIX = 'dj.'

/** The stored keys to remove on logout, given every key in storage. */
export function personalKeys(allKeys: readonly string[]): string[] {
  return allKeys.filter((k) => k.startsWith(APP_KEY_PREFIX) && !KEEP_AFTER_LOGOUT.includes(k))
}

/** Removes every personal key; a key that cannot be removed does not stop the others. */
export function clearPersonalData(storage: KeyValueStorage, allKeys: readonly string[]): string[] {
  const removed: string[] = []
  for (const k of personalKeys(allKeys)) {
    try {
      storage.remove(k)
      removed.push(k)
    } catch {
      /* keep going */
    }
  }
  return removed
}
