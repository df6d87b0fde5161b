import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { mergeInternalComponents } from '@tarojs/shared'
import { meApi } from './services/api'
import { initNetwork } from './store/network'
import { loadSubscribeTemplates } from './services/subscribe'
import { initPrivacy } from './store/privacy'
import { sessionStore } from './store/session'
import './app.css'

// Same keys, same order as config/weapp-aria.js adds to View's template: ariaRole/ariaLabel reach WeChat.
if (process.env.TARO_ENV === 'weapp') mergeInternalComponents({ View: { 'aria-role': '', 'aria-label': '' } })

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initPrivacy()
    initNetwork()
    // Template ids for requestSubscribeMessage must be at hand inside a tap (no request then).
    void loadSubscribeTemplates()
    // Refresh the cached user (roles, masked phone) in the background; offline is fine.
    if (sessionStore.get().loggedIn) meApi.get({ silent: true, background: true }).catch(() => {})
  })
  return children
}

export default App
