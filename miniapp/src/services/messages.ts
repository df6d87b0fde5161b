// 消息: the message center's API, the unread count (tab badge, home dot) and opening what a message is about.
import Taro from '@tarojs/taro'
import { createStore } from '../store/createStore'
import { sessionStore } from '../store/session'
import type { DeliveryRecord } from '../../../shared/src/rules/delivery'
import { client } from './api'
import { TABS } from './nav'

export interface MessageView {
  id: string
  kind: string
  title: string
  body: string
  page: string | null
  target: { page: string; id: string | null } | null
  read: boolean
  readAt: string | null
  createdAt: string
  channels: { wechat: string; sms: string }
  /** Channels and results (微信服务通知, 短信, read time); rules/delivery.ts words them. */
  delivery: DeliveryRecord
}
export interface MessagePage { unread: number; total: number; page: number; pageSize: number; items: MessageView[] }
export interface NoticeSettingsView { smsOptOut: string[]; kinds: { kind: string; label: string }[] }

export const MESSAGES_PAGE = '/packages/messages/pages/index/index'
export const MESSAGE_SETTINGS_PAGE = '/packages/messages/pages/settings/index'
const MINE_TAB_INDEX = 3

export const unreadStore = createStore({ unread: 0 })
export const useUnread = () => unreadStore.use().unread

export const messagesApi = {
  list: (page = 1, pageSize = 20) => client.get<MessagePage>(`/api/notifications?page=${page}&pageSize=${pageSize}`),
  unreadCount: () => client.get<{ unread: number }>('/api/notifications/unread-count'),
  markRead: (id: string) => client.post<{ ok: true }>(`/api/notifications/${id}/read`),
  markAllRead: () => client.post<{ marked: number }>('/api/notifications/read-all'),
  settings: () => client.get<NoticeSettingsView>('/api/me/notice-settings'),
  saveSettings: (smsOptOut: string[]) => client.put<NoticeSettingsView>('/api/me/notice-settings', { smsOptOut }),
}

/** Shows the count on the 我的 tab (works only while a tab page is showing; tab pages call this on show). */
export function showUnreadBadge(unread: number): void {
  unreadStore.set({ unread })
  const done = () => {}
  if (unread > 0) Taro.setTabBarBadge({ index: MINE_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) }).then(done, done)
  else Taro.removeTabBarBadge({ index: MINE_TAB_INDEX }).then(done, done)
}

/** Background refresh of the unread count; silent when offline or logged out. */
export async function refreshUnread(): Promise<number> {
  if (!sessionStore.get().loggedIn) {
    showUnreadBadge(0)
    return 0
  }
  try {
    const { unread } = await messagesApi.unreadCount()
    showUnreadBadge(unread)
    return unread
  } catch {
    return unreadStore.get().unread
  }
}

/** Opens the page a message is about: tab pages by switchTab; a page since moved into a subpackage is tried there. */
export function openMessageTarget(page: string | null): void {
  if (!page) return
  const path = page.split('?')[0]
  if ((Object.values(TABS) as string[]).includes(path)) {
    Taro.switchTab({ url: path }).catch(() => {})
    return
  }
  Taro.navigateTo({ url: page }).catch(() => {
    const moved = page.replace(/^\/pages\//, '/packages/worker/pages/')
    const gone = () => Taro.showToast({ title: '这条消息对应的页面已不存在', icon: 'none' })
    if (moved === page) return gone()
    Taro.navigateTo({ url: moved }).catch(gone)
  })
}
