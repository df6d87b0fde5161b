import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { chinaTime } from '../../../../components/Timeline'
import { personDeliveryLine } from '../../../../../../shared/src/rules/delivery'
import { goLogin, goPage } from '../../../../services/nav'
import { MESSAGE_SETTINGS_PAGE, messagesApi, openMessageTarget, showUnreadBadge, type MessageView } from '../../../../services/messages'
import { useSession } from '../../../../store/session'
import '../../messages.css'

const PAGE_SIZE = 20

/** 消息: everything the service told you, newest first; unread ones marked; tap opens what it is about. */
export default function Messages() {
  const { loggedIn } = useSession()
  const [items, setItems] = useState<MessageView[] | null>(null)
  const [unread, setUnread] = useState(0)
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(1)
  const [failed, setFailed] = useState(false)
  const [busy, setBusy] = useState(false)

  const load = async (p = 1) => {
    try {
      const res = await messagesApi.list(p, PAGE_SIZE)
      setItems((xs) => (p === 1 ? res.items : [...(xs ?? []), ...res.items]))
      setUnread(res.unread)
      setTotal(res.total)
      setPage(p)
      setFailed(false)
      showUnreadBadge(res.unread)
    } catch {
      setFailed(true)
    }
  }
  useDidShow(() => {
    if (loggedIn) void load(1)
  })
  usePullDownRefresh(() => {
    void load(1).finally(() => Taro.stopPullDownRefresh())
  })

  const open = (m: MessageView) => {
    if (!m.read) {
      setItems((xs) => (xs ?? []).map((x) => (x.id === m.id ? { ...x, read: true } : x)))
      setUnread((n) => Math.max(0, n - 1))
      showUnreadBadge(Math.max(0, unread - 1))
      messagesApi.markRead(m.id).catch(() => {})
    }
    openMessageTarget(m.page)
  }

  const readAll = async () => {
    if (busy || !unread) return
    setBusy(true)
    try {
      await messagesApi.markAllRead()
      setItems((xs) => (xs ?? []).map((x) => ({ ...x, read: true })))
      setUnread(0)
      showUnreadBadge(0)
      Taro.showToast({ title: '已全部标记为已读', icon: 'none' })
    } catch {
      Taro.showToast({ title: '没有标记成功，请稍后再试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  if (!loggedIn)
    return (
      <PageShell>
        <View className='notice'>
          <Text className='block txt-md'>登录后可以查看你的消息。</Text>
          <Button className='btn btn-primary' onClick={goLogin}>
            登录
          </Button>
        </View>
      </PageShell>
    )

  return (
    <PageShell>
      <View className='msg-actions'>
        <Text id='msg-unread' className='msg-actions__count txt-lg'>{unread ? `${unread} 条未读` : '没有未读消息'}</Text>
        <Button id='msg-read-all' className={`btn btn-outline btn-small ${unread ? '' : 'btn--disabled'}`} loading={busy || undefined} onClick={readAll}>
          全部已读
        </Button>
      </View>
      {failed ? (
        <View className='notice'>
          <Text className='block txt-md'>没有加载出来。</Text>
          <Button className='btn btn-outline' onClick={() => void load(1)}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!items && !failed ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {items && !items.length ? (
        <View className='card' id='msg-empty'>
          <Text className='block txt-lg'>还没有消息。</Text>
          <Text className='block muted txt-md'>登记审核、零工录用、急活和政策申请有结果时，会发到这里。</Text>
        </View>
      ) : null}
      {items?.length ? (
        <View className='list' id='msg-list'>
          {items.map((m) => (
            <View key={m.id} id={`msg-${m.id}`} className='row msg-item' hoverClass='card--pressed' onClick={() => open(m)} ariaRole='button' ariaLabel={`${m.read ? '' : '未读，'}${m.title}`}>
              <View className={`msg-dot ${m.read ? 'msg-dot--read' : ''}`} />
              <View className='msg-main'>
                <Text className={`msg-title txt-lg ${m.read ? 'msg-title--read' : ''}`}>
                  {m.read ? null : <Text className='msg-unread-tag'>未读</Text>}
                  {m.title}
                </Text>
                <Text className='msg-body txt-md'>{m.body}</Text>
                <Text className='msg-meta txt-sm'>
                  {chinaTime(m.createdAt)}
                  {m.page ? ' · 点开查看' : ''}
                </Text>
                {m.delivery && personDeliveryLine(m.delivery) ? (
                  <Text className='msg-meta msg-delivery txt-sm' id={`msg-delivery-${m.id}`}>
                    {personDeliveryLine(m.delivery)}
                  </Text>
                ) : null}
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {items && items.length < total ? (
        <Button id='msg-more' className='btn btn-outline' onClick={() => void load(page + 1)}>
          加载更早的消息
        </Button>
      ) : null}
      <View className='list'>
        <View id='msg-settings' className='row' hoverClass='card--pressed' onClick={() => goPage(MESSAGE_SETTINGS_PAGE)}>
          <View>
            <Text className='block row__label txt-lg'>短信提醒设置</Text>
            <Text className='block muted txt-sm'>微信收不到时，重要消息会发短信（晚 10 点到早 7 点不发）</Text>
          </View>
          <Text className='row__value txt-lg'>›</Text>
        </View>
      </View>
    </PageShell>
  )
}
