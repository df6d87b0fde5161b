import Taro from '@tarojs/taro'
import { taroStorage } from '../services/storage'
import { createStore } from './createStore'

const KEY = 'dj.privacyConsent'
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

export type Consent = 'unknown' | 'agreed' | 'declined'

interface PrivacyState {
  consent: Consent
  dialogOpen: boolean
}

type ResolveFn = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

export const privacyStore = createStore<PrivacyState>({ consent: 'unknown', dialogOpen: false })

/** weapp: resolver of a pending privacy-gated API call (from onNeedPrivacyAuthorization). */
let pendingResolve: ResolveFn | null = null
let initialised = false

export function initPrivacy(): void {
  if (initialised) return
  initialised = true

  if (process.env.TARO_ENV === 'weapp') {
    const taro = Taro as unknown as {
      onNeedPrivacyAuthorization?: (listener: (resolve: ResolveFn) => void) => void
      getPrivacySetting?: (opt: { success?: (res: { needAuthorization: boolean }) => void }) => void
    }
    // A privacy-gated API/component was used before consent: show our dialog, then resolve.
    taro.onNeedPrivacyAuthorization?.((resolve) => {
      pendingResolve = resolve
      resolve({ event: 'exposureAuthorization' })
      privacyStore.set({ dialogOpen: true })
    })
    // Ask up front on first launch, like H5.
    taro.getPrivacySetting?.({
      success: (res) => {
        if (res.needAuthorization) privacyStore.set({ consent: 'unknown', dialogOpen: true })
        else privacyStore.set({ consent: 'agreed', dialogOpen: false })
      },
    })
    return
  }

  // H5: our own consent, asked on first launch; only "agreed" is remembered.
  const agreed = safeRead() === 'agreed'
  privacyStore.set({ consent: agreed ? 'agreed' : 'unknown', dialogOpen: !agreed })
}

function safeRead(): string | null | undefined {
  try {
    return taroStorage.get(KEY)
  } catch {
    return null
  }
}

export function agreePrivacy(): void {
  if (process.env.TARO_ENV !== 'weapp') taroStorage.set(KEY, 'agreed')
  pendingResolve?.({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID })
  pendingResolve = null
  privacyStore.set({ consent: 'agreed', dialogOpen: false })
}

/** 不同意: the app stays usable read-only (browsing, hotline); login and personal features stay locked. */
export function declinePrivacy(): void {
  pendingResolve?.({ event: 'disagree' })
  pendingResolve = null
  privacyStore.set({ consent: 'declined', dialogOpen: false })
}

export function openPrivacyDialog(): void {
  privacyStore.set({ dialogOpen: true })
}

export const usePrivacy = () => privacyStore.use()
