import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { goLogin, goPage } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { SERVICE_PAGES, messageOf, servicesApi, slotWhen, type ServiceDetail, type SlotView } from '../../api'
import '../../services.css'
import Kv from '../../../../components/Kv'


/** 办事指南 of one item: conditions, materials, time limit, where, online or not; then its open slots to book. */
export default function ServiceGuidePage() {
  const { params } = useRouter()
  const center = params.center ?? ''
  const key = params.key ?? ''
  const { loggedIn, user } = useSession()
  const [detail, setDetail] = useState<ServiceDetail | null>(null)
  const [slots, setSlots] = useState<SlotView[] | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState('')
  /** Why the last booking of a slot was refused (优先名额, 约满), shown under it. */
  const [refused, setRefused] = useState<{ id: string; msg: string } | null>(null)

  const load = async () => {
    try {
      const d = await servicesApi.guide(center, key, { silent: true })
      setDetail(d)
      setError('')
      if (d.item.bookingKind) setSlots((await servicesApi.slots(center, { kind: d.item.bookingKind, serviceKey: d.item.key }, { silent: true })).items)
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useDidShow(() => void load())
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  const book = async (s: SlotView) => {
    if (!loggedIn) return goLogin()
    const { confirm } = await Taro.showModal({ title: '确认预约', content: `${slotWhen(s)}\n${s.place.name}（${s.place.address}）`, confirmText: '预约', cancelText: '再看看' })
    if (!confirm) return
    setBusy(s.id)
    setRefused(null)
    try {
      const r = await servicesApi.book(s.id, { silent: true })
      await Taro.showToast({ title: `预约成功 ${r.booking.code}`, icon: 'none' })
      goPage(SERVICE_PAGES.bookings)
    } catch (e) {
      setRefused({ id: s.id, msg: messageOf(e) })
      void load()
    } finally {
      setBusy('')
    }
  }

  const it = detail?.item
  return (
    <PageShell>
      {error ? (
        <View className='notice'>
          <Text className='block txt-md'>{error}</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!detail && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {it && detail ? (
        <View id='sv-guide'>
          <View className='hero'>
            <Text className='hero__title txt-xl' id='sv-guide-name'>
              {it.name}
            </Text>
            <Text className='hero__sub txt-md'>{detail.center.name}</Text>
          </View>
          <View className='card'>
            <Text className='sv-title txt-lg'>办理条件</Text>
            {it.guide.conditions.map((c, i) => (
              <Text key={i} className='sv-line txt-md'>
                {i + 1}. {c}
              </Text>
            ))}
          </View>
          <View className='card' id='sv-materials'>
            <Text className='sv-title txt-lg'>要带的材料</Text>
            {it.guide.materials.map((c, i) => (
              <Text key={i} className='sv-line txt-md'>
                {i + 1}. {c}
              </Text>
            ))}
          </View>
          <View className='card'>
            <Kv prefix='sv-kv' k='办理时限' v={it.guide.timeLimit} id='sv-time-limit' />
            <Kv prefix='sv-kv' k='办理地点' v={it.guide.where} />
            <Kv prefix='sv-kv' k='网上办理' v={it.guide.online ? it.guide.onlineHow ?? '可以' : '不能，需到现场'} />
            <Kv prefix='sv-kv' k='收费' v={it.guide.fee} />
            <Kv prefix='sv-kv' k='依据' v={it.guide.basis} />
            <Kv prefix='sv-kv' k='咨询电话' v={detail.center.phone} />
          </View>
          {it.bookingKind ? (
            <View className='card' id='sv-slots'>
              <Text className='sv-title txt-lg'>预约{it.bookingKindLabel}</Text>
              {user && user.activeRole !== 'worker' ? <Text className='block muted txt-md'>请切换为「找活」身份后预约。</Text> : null}
              {slots && !slots.length ? <Text className='block muted txt-md' id='sv-no-slots'>最近没有可预约的时段，可以直接到窗口办理或拨打 {detail.center.phone} 咨询。</Text> : null}
              {slots?.map((s) => (
                <View key={s.id} className='sv-slot' id={`sv-slot-${s.id}`}>
                  <View className='sv-slot__row'>
                    <View className='sv-slot__info'>
                      <Text className='block txt-md' style={{ fontWeight: 700 }}>
                        {slotWhen(s)}
                      </Text>
                      <Text className='block muted txt-md'>{s.place.name}</Text>
                      <Text className={`block txt-md ${s.remaining ? '' : 'sv-full'}`} id={`sv-seats-${s.id}`}>
                        {s.seatsLabel}
                      </Text>
                    </View>
                    <Button
                      id={`sv-book-${s.id}`}
                      className='btn btn-primary'
                      disabled={!s.remaining || undefined}
                      loading={busy === s.id || undefined}
                      ariaLabel={`预约 ${slotWhen(s)}`}
                      onClick={() => void book(s)}
                    >
                      {s.remaining ? '预约' : '约满'}
                    </Button>
                  </View>
                  {refused?.id === s.id ? (
                    <Text className='block txt-md sv-full' id={`sv-refused-${s.id}`}>
                      {refused.msg}
                    </Text>
                  ) : null}
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}
