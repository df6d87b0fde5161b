import { useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { SERVICE_CENTERS } from '@doorstep/shared/src/data/centers'
import PageShell from '../../../../components/PageShell'
import { goPage } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { SERVICE_PAGES, messageOf, servicesApi, type ServiceList } from '../../api'
import '../../services.css'

const CENTER_KEY = 'services.center'

/** 服务事项清单 of a chosen center: each item opens its 办事指南 (and the slots to book, where it can be booked). */
export default function ServiceListPage() {
  const { loggedIn } = useSession()
  const saved = Taro.getStorageSync(CENTER_KEY) as string
  const [idx, setIdx] = useState(Math.max(0, SERVICE_CENTERS.findIndex((c) => c.code === saved)))
  const [list, setList] = useState<ServiceList | null>(null)
  const [error, setError] = useState('')
  const center = SERVICE_CENTERS[idx]!

  const load = async (code = center.code) => {
    try {
      setList(await servicesApi.list(code, { silent: true }))
      setError('')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useDidShow(() => void load())
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  const pick = (i: number) => {
    setIdx(i)
    setList(null)
    Taro.setStorageSync(CENTER_KEY, SERVICE_CENTERS[i]!.code)
    void load(SERVICE_CENTERS[i]!.code)
  }

  return (
    <PageShell>
      <View className='hero' id='sv-list'>
        <Text className='hero__title txt-xl'>办事指南</Text>
        <Text className='hero__sub txt-md'>公共就业服务免费办理：看清条件和材料，能网上办的不用跑</Text>
      </View>
      <Picker mode='selector' range={SERVICE_CENTERS.map((c) => c.name)} value={idx} onChange={(e) => pick(Number(e.detail.value))}>
        <View className='sv-picker' id='sv-center' ariaRole='button' ariaLabel={`选择服务中心，当前：${center.name}`}>
          <Text className='txt-lg'>{center.name}</Text>
          <Text className='txt-lg muted'>换一个 ›</Text>
        </View>
      </Picker>
      {loggedIn ? (
        <Button id='sv-to-bookings' className='btn btn-outline' onClick={() => goPage(SERVICE_PAGES.bookings)}>
          我的预约
        </Button>
      ) : null}
      {error ? (
        <View className='notice'>
          <Text className='block txt-md'>{error}</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!list && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {list && !list.items.length ? <Text className='block muted txt-md'>这个中心还没有公布服务事项。</Text> : null}
      <View id='sv-items'>
        {list?.items.map((it) => (
          <View
            key={it.key}
            id={`sv-item-${it.key}`}
            className='card sv-item'
            hoverClass='card--pressed'
            ariaRole='link'
            ariaLabel={`${it.name}办事指南`}
            onClick={() => goPage(`${SERVICE_PAGES.guide}?center=${center.code}&key=${it.key}`)}
          >
            <View className='sv-head'>
              <Text className='txt-lg' style={{ fontWeight: 700 }}>
                {it.name}
              </Text>
              {it.bookingKind ? <Text className='sv-badge txt-sm'>可预约</Text> : it.guide.online ? <Text className='sv-badge sv-badge--online txt-sm'>可网上办</Text> : null}
            </View>
            <Text className='block muted txt-md'>办理时限：{it.guide.timeLimit}</Text>
            <Text className='block muted txt-md'>{it.guide.online ? `网上办：${it.guide.onlineHow ?? '可以'}` : '需到现场办理'}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
