import Taro from '@tarojs/taro'
import { createStore } from './createStore'

/** Connectivity as the platform reports it; PageShell shows a banner while offline. */
export const networkStore = createStore({ online: true })

let started = false
/** Called once at launch (app.tsx). */
export function initNetwork(): void {
  if (started) return
  started = true
  Taro.getNetworkType()
    .then((r) => networkStore.set({ online: r.networkType !== 'none' }))
    .catch(() => {})
  Taro.onNetworkStatusChange((r) => networkStore.set({ online: r.isConnected }))
}

export const useOnline = () => networkStore.use().online
