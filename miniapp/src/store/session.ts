import Taro from '@tarojs/taro'
import type { AuthSession, UserView } from '../services/types'
import { clearPersonalData } from '../services/local-data'
import { createTokenStore } from '../services/tokens'
import { readJson, taroStorage, writeJson } from '../services/storage'
import { createStore } from './createStore'

const USER_KEY = 'dj.user'

export const tokenStore = createTokenStore(taroStorage)

export interface SessionState {
  loggedIn: boolean
  user: UserView | null
}

export const sessionStore = createStore<SessionState>({
  loggedIn: tokenStore.get() !== null,
  user: tokenStore.get() ? readJson<UserView>(USER_KEY) : null,
})

// Tokens cleared anywhere (logout, failed refresh) → logged out everywhere.
tokenStore.subscribe((tokens) => {
  if (!tokens) {
    taroStorage.remove(USER_KEY)
    forgetLocalData()
    sessionStore.set({ loggedIn: false, user: null })
  } else if (!sessionStore.get().loggedIn) {
    sessionStore.set({ loggedIn: true })
  }
})

export function setUser(user: UserView): void {
  writeJson(USER_KEY, user)
  sessionStore.set({ user })
}

/** Store a fresh AuthSession (login, refresh, role switch). */
export function applySession(session: AuthSession): void {
  tokenStore.set({ accessToken: session.accessToken, refreshToken: session.refreshToken })
  setUser(session.user)
}

/** Everything personal the app stored on this phone (see services/local-data.ts); elder mode and the privacy answer stay. */
function forgetLocalData(): void {
  try {
    clearPersonalData(taroStorage, Taro.getStorageInfoSync().keys)
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

/** Logout, failed refresh or 注销: tokens, the user and every locally stored answer are removed. */
export function clearSession(): void {
  tokenStore.clear()
  forgetLocalData()
}

export const useSession = () => sessionStore.use()
