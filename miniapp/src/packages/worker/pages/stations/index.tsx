import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { gigApi, type StationView } from '../../../../pages/gigs/api'
import { STATION_KIND_LABEL, type StationKind } from '../../../../pages/gigs/format'
import { callPhone, locate, navigateTo, refusalHint, usePlace } from '../../../../pages/gigs/place'
import { Empty, Seg } from '../../../../pages/gigs/ui'

/** 15分钟就业服务圈: 家门口就业服务站, 零工市场 and service halls, nearest first, with navigation and a call button. */
export default function Stations() {
  const { place, locating, denied } = usePlace()
  const [kind, setKind] = useState<StationKind | ''>('')
  const [items, setItems] = useState<StationView[] | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    let stale = false
    gigApi
      .stations(place, kind || undefined, { silent: true })
      .then((r) => {
        if (!stale) {
          setItems(r.items)
          setFailed(false)
        }
      })
      .catch(() => !stale && setFailed(true))
    return () => {
      stale = true
    }
  }, [place?.lat, place?.lng, kind]) // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <PageShell>
      <View className='hero'>
        <Text className='hero__title txt-xl'>15 分钟就业服务圈</Text>
        <Text className='hero__sub txt-md'>找工作、打零工、办登记，离家最近的服务站</Text>
      </View>
      <Text className='block muted txt-sm' id='stations-from'>
        {locating ? '正在定位…' : place ? `按离“${place.label}”的远近排列` : '还没有位置，按区排列'}
      </Text>
      {place?.source !== 'gps' ? (
        <View className='chips'>
          <Button className='btn btn-outline' id='stations-locate' loading={locating || undefined} onClick={() => locate()}>
            用我的位置排远近
          </Button>
        </View>
      ) : null}
      {denied ? <Text className='notice block txt-md' id='stations-location-hint'>{refusalHint(denied)}</Text> : null}
      <Seg<StationKind | ''>
        idPrefix='stations-kind'
        options={[{ value: '', label: '全部' }, { value: 'station', label: '服务站' }, { value: 'gig_market', label: '零工市场' }, { value: 'service_hall', label: '服务大厅' }]}
        value={kind}
        onChange={setKind}
      />
      {failed ? <Empty title='没有加载出来' desc='网络不给力，请稍后再试' /> : null}
      {!items && !failed ? <Text className='list-end txt-md'>正在加载…</Text> : null}
      <View id='stations'>
        {items?.map((s) => (
          <View key={s.id} className={`card station station--${s.kind}`} id={`station-${s.id}`}>
            <View className='app-item__head'>
              <Text className='app-item__title txt-lg'>{s.name}</Text>
              {s.distanceText ? <Text className='distance txt-md'>{s.distanceText}</Text> : null}
            </View>
            <Text className='block muted txt-sm'>{STATION_KIND_LABEL[s.kind]}</Text>
            <Text className='block txt-md' style={{ marginTop: Taro.pxTransform(8) }}>
              {s.address}
            </Text>
            <Text className='block txt-md'>开放时间：{s.hours}</Text>
            <View className='station__services'>
              {s.services.map((x) => (
                <Text key={x} className='station__service txt-sm'>
                  {x}
                </Text>
              ))}
            </View>
            <View className='btn-row'>
              <Button id={`station-${s.id}-nav`} className='btn btn-outline btn-small' onClick={() => navigateTo({ lat: s.lat, lng: s.lng, name: s.name, address: s.address })}>
                导航过去
              </Button>
              <Button id={`station-${s.id}-call`} className='btn btn-primary btn-small' onClick={() => callPhone(s.phone)}>
                打电话
              </Button>
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
