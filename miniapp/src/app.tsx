import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { meApi } from './services/api'
import { initNetwork } from './store/network'
import { initPrivacy } from './store/privacy'
import { sessionStore } from './store/session'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initPrivacy()
    initNetwork()
    // Refresh the cached user (roles, masked phone) in the background; offline is fine.
    if (sessionStore.get().loggedIn) meApi.get({ silent: true, background: true }).catch(() => {})
  })
  return children
}

export default App
