import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import RatingBox from '../../../../components/RatingBox'
import { goLogin, goPage } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { SERVICE_PAGES, messageOf, servicesApi, slotWhen, type BookingView } from '../../api'
import '../../services.css'

/** The worker's bookings, soonest first; a booking not yet started can be cancelled (the seat goes back). */
export default function MyBookingsPage() {
  const { loggedIn } = useSession()
  const [items, setItems] = useState<BookingView[] | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState('')

  const load = async () => {
    try {
      setItems((await servicesApi.mine({ silent: true })).items)
      setError('')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useDidShow(() => {
    if (loggedIn) void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  if (!loggedIn) {
    return (
      <PageShell>
        <View className='card'>
          <Text className='block txt-lg'>登录后查看你的预约</Text>
          <Button className='btn btn-primary' onClick={goLogin}>
            登录
          </Button>
        </View>
      </PageShell>
    )
  }

  const cancel = async (b: BookingView) => {
    const { confirm } = await Taro.showModal({ title: '取消预约', content: `确定取消 ${slotWhen(b.slot)} 的${b.slot.kindLabel}吗？名额会让给别人。`, confirmText: '取消预约', cancelText: '不取消' })
    if (!confirm) return
    setBusy(b.id)
    try {
      await servicesApi.cancel(b.id)
      await Taro.showToast({ title: '已取消', icon: 'none' })
    } catch {
      /* shown by the api */
    } finally {
      setBusy('')
      void load()
    }
  }

  return (
    <PageShell>
      <View className='hero' id='sv-bookings'>
        <Text className='hero__title txt-xl'>我的预约</Text>
        <Text className='hero__sub txt-md'>到窗口时出示预约号；前一天晚上会提醒你</Text>
      </View>
      {error ? (
        <View className='notice'>
          <Text className='block txt-md'>{error}</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!items && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {items && !items.length ? (
        <Text className='block muted txt-md' id='sv-bookings-empty'>
          还没有预约。
        </Text>
      ) : null}
      {items?.map((b) => (
        <View key={b.id} id={`sv-booking-${b.id}`} className='card sv-item'>
          <View className='sv-head'>
            <Text className='txt-lg' style={{ fontWeight: 700 }}>
              {b.slot.serviceName ?? b.slot.kindLabel}
            </Text>
            <Text className={`sv-badge sv-badge--${b.status} txt-sm`}>{b.statusLabel}</Text>
          </View>
          <Text className='block txt-md'>{slotWhen(b.slot)}</Text>
          <Text className='block muted txt-md'>
            {b.slot.place.name}（{b.slot.place.address}）
          </Text>
          {b.status === 'booked' ? (
            <Text className='sv-code' id={`sv-code-${b.id}`}>
              {b.code}
            </Text>
          ) : null}
          {b.status === 'attended' ? <RatingBox kind='booking' caseId={b.id} title='评价这次服务' /> : null}
          {b.canCancel ? (
            <Button id={`sv-cancel-${b.id}`} className='btn btn-danger' loading={busy === b.id || undefined} onClick={() => void cancel(b)}>
              取消预约
            </Button>
          ) : null}
        </View>
      ))}
      <Button id='sv-more' className='btn btn-outline' onClick={() => goPage(SERVICE_PAGES.list)}>
        看办事指南，预约其他服务
      </Button>
    </PageShell>
  )
}
