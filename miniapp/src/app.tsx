import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { meApi } from './services/api'
import { loadSubscribeTemplates } from './services/subscribe'
import { initPrivacy } from './store/privacy'
import { sessionStore } from './store/session'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initPrivacy()
    // Template ids for requestSubscribeMessage must be at hand inside a tap (no request then).
    void loadSubscribeTemplates()
    // Refresh the cached user (roles, masked phone) in the background; offline is fine.
    if (sessionStore.get().loggedIn) meApi.get({ silent: true }).catch(() => {})
  })
  return children
}

export default App
