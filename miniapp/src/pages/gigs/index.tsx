import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import PageShell from '../../components/PageShell'
import { goPage } from '../../services/nav'
import { useSession } from '../../store/session'
import { gigApi, type GigSummary, type RecommendedGig, type RegionList } from './api'
import { addDays, chinaToday, GIG_CATEGORIES, hasMore, RADII_KM, SETTLEMENT_LABEL, SORT_LABEL, type RadiusKm, type Settlement, type SortKey } from './format'
import GigMap from './GigMap'
import { GIG_PAGES, openGig } from './links'
import { locate, refusalHint, setPlace, usePlace } from './place'
import { Chip, Choices, Empty, GigCard, RecCard, Seg } from './ui'
import type { GigCategory } from '@doorstep/shared'

const PAGE_SIZE = 20
type DateFilter = '' | 'today' | 'tomorrow'

/** Pick a district when location is refused (or to look somewhere else): its center is the search point. */
function DistrictPicker({ onPicked, current }: { onPicked: () => void; current?: string }) {
  const [regions, setRegions] = useState<RegionList | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    gigApi.regions({ silent: true }).then(setRegions).catch(() => setFailed(true))
  }, [])
  return (
    <View className='card' id='district-picker'>
      <Text className='block-title txt-lg'>选一个区，看那附近的活</Text>
      {failed ? <Text className='block muted txt-md'>区县列表没有加载出来，请稍后再试</Text> : null}
      {!regions && !failed ? <Text className='block muted txt-md'>正在加载…</Text> : null}
      <View className='chips'>
        {regions?.districts.map((d) => (
          <Chip
            key={d.code}
            id={`district-${d.code}`}
            on={current === d.code}
            onClick={() => {
              setPlace({ lat: d.center.lat, lng: d.center.lng, label: d.name, source: 'district', districtCode: d.code })
              onPicked()
            }}
          >
            {d.name}
          </Chip>
        ))}
      </View>
    </View>
  )
}

export default function Gigs() {
  const { place, denied, locating } = usePlace()
  const { loggedIn, user } = useSession()
  const isWorker = loggedIn && user?.activeRole === 'worker'
  const [radiusKm, setRadius] = useState<RadiusKm>(5)
  const [sort, setSort] = useState<SortKey>('distance')
  const [category, setCategory] = useState<GigCategory | ''>('')
  const [dateF, setDateF] = useState<DateFilter>('')
  const [settlement, setSettlement] = useState<Settlement | ''>('')
  const [elder, setElder] = useState(false)
  const [showFilters, setShowFilters] = useState(false)
  const [picking, setPicking] = useState(false)
  const [showMap, setShowMap] = useState(false)
  const [items, setItems] = useState<GigSummary[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(1)
  const [loading, setLoading] = useState(false)
  const [failed, setFailed] = useState(false)
  const [recommended, setRecommended] = useState<RecommendedGig[]>([])
  const seq = useRef(0)
  const shown = useRef(false)
  const today = chinaToday()

  // No location request on mount: the phone asks only when 用我的位置 is tapped (first visit: the card
  // below says why, next to the district picker).

  const load = async (nextPage: number) => {
    if (!place) return
    const my = ++seq.current
    setLoading(true)
    setFailed(false)
    try {
      const date = dateF === 'today' ? today : dateF === 'tomorrow' ? addDays(today, 1) : undefined
      const r = await gigApi.nearby(
        { lat: place.lat, lng: place.lng, radiusKm, sort, category: category || undefined, settlement: settlement || undefined, date, elder, page: nextPage, pageSize: PAGE_SIZE },
        { silent: nextPage === 1 },
      )
      if (my !== seq.current) return
      setItems((prev) => (nextPage === 1 ? r.items : [...prev, ...r.items]))
      setTotal(r.total)
      setPage(nextPage)
    } catch {
      if (my === seq.current && nextPage === 1) setFailed(true)
    } finally {
      if (my === seq.current) setLoading(false)
    }
  }

  const loadRecommended = () => {
    if (!place || !isWorker) {
      setRecommended([])
      return
    }
    gigApi.recommended(place, { silent: true }).then((r) => setRecommended(r.items.slice(0, 3))).catch(() => setRecommended([]))
  }

  useEffect(() => {
    load(1)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [place?.lat, place?.lng, radiusKm, sort, category, dateF, settlement, elder])

  useEffect(loadRecommended, [place?.lat, place?.lng, isWorker]) // eslint-disable-line react-hooks/exhaustive-deps

  // Coming back (after applying, say): places may have filled up.
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true
      return
    }
    load(1)
    loadRecommended()
  })
  usePullDownRefresh(async () => {
    await load(1)
    loadRecommended()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => {
    if (!loading && hasMore(items.length, total)) load(page + 1)
  })

  const filterCount = [category, dateF, settlement, elder ? 'e' : ''].filter(Boolean).length

  return (
    <PageShell>
      <View className='shortcuts' id='gig-shortcuts'>
        <View className='shortcut' id='go-my-gigs' hoverClass='card--pressed' onClick={() => goPage(GIG_PAGES.mine)}>
          <Text className='shortcut__title txt-md'>我的报名</Text>
          <Text className='shortcut__desc txt-sm'>进度和工钱</Text>
        </View>
        <View className='shortcut' id='go-availability' hoverClass='card--pressed' onClick={() => goPage(GIG_PAGES.availability)}>
          <Text className='shortcut__title txt-md'>今天能干活</Text>
          <Text className='shortcut__desc txt-sm'>有急活通知我</Text>
        </View>
        <View className='shortcut' id='go-stations' hoverClass='card--pressed' onClick={() => goPage(GIG_PAGES.stations)}>
          <Text className='shortcut__title txt-md'>服务站</Text>
          <Text className='shortcut__desc txt-sm'>15 分钟就业圈</Text>
        </View>
      </View>

      <View className='card where' id='gig-where'>
        <View className='where__main'>
          <Text className='block muted txt-sm'>在这里附近找活</Text>
          <Text className='block where__label txt-lg' id='gig-where-label'>
            {locating ? '正在定位…' : place ? place.label : '还没有位置'}
          </Text>
        </View>
        {place?.source !== 'gps' && (place || denied) ? (
          <Text className='where__btn txt-md' id='gig-locate' onClick={() => locate()}>
            用我的位置
          </Text>
        ) : null}
        {place ? (
          <Text className='where__btn txt-md' id='gig-pick-district' onClick={() => setPicking((v) => !v)}>
            {picking ? '收起' : '换个区'}
          </Text>
        ) : null}
      </View>

      {!place && !denied ? (
        <View className='card' id='gig-ask-location'>
          <Text className='block-title txt-lg'>按你的位置找附近的活？</Text>
          <Text className='block muted txt-md'>位置只用来算你离干活的地方有多远，不保存，也不给老板看。不想给位置，就在下面选一个区。</Text>
          <Button className='btn btn-primary' id='gig-locate-ask' loading={locating || undefined} onClick={() => locate()}>
            用我的位置
          </Button>
        </View>
      ) : null}
      {denied ? (
        <View className='notice' id='gig-location-denied'>
          <Text className='block txt-md' id='gig-location-hint'>{refusalHint(denied, process.env.TARO_ENV === 'weapp')}</Text>
          {process.env.TARO_ENV === 'weapp' && denied === 'refused' ? (
            <Button
              className='btn btn-outline'
              id='gig-open-setting'
              openType='openSetting'
              onOpenSetting={(e) => {
                // Back from 设置: if 位置信息 is on now, use it at once.
                if ((e.detail as { authSetting?: Record<string, boolean> }).authSetting?.['scope.userLocation']) locate()
              }}
            >
              去设置打开定位
            </Button>
          ) : null}
        </View>
      ) : null}
      {!place || picking || denied ? <DistrictPicker current={place?.districtCode} onPicked={() => setPicking(false)} /> : null}

      {place ? (
        <View>
          <Seg idPrefix='gig-radius' options={RADII_KM.map((r) => ({ value: r, label: `${r} 公里` }))} value={radiusKm} onChange={setRadius} />
          <View className='sort-row'>
            <Seg idPrefix='gig-sort' options={(Object.keys(SORT_LABEL) as SortKey[]).map((k) => ({ value: k, label: SORT_LABEL[k] }))} value={sort} onChange={setSort} />
            <View id='gig-filters-toggle' className={`filter-btn ${showFilters || filterCount > 0 ? 'filter-btn--on' : ''}`} onClick={() => setShowFilters((v) => !v)}>
              <Text className='txt-md'>{filterCount ? `筛选${filterCount}` : '筛选'}{showFilters ? '▲' : '▼'}</Text>
            </View>
          </View>
          {process.env.TARO_ENV === 'weapp' ? (
            <View className='chips'>
              <Chip id='gig-map-toggle' on={showMap} onClick={() => setShowMap((v) => !v)}>
                {showMap ? '收起地图' : '在地图上看'}
              </Chip>
            </View>
          ) : null}
          {showFilters ? (
            <View className='card' id='gig-filters'>
              <Text className='filter-label txt-sm'>工种</Text>
              <View className='chips'>
                <Chip id='gig-cat-all' on={!category} onClick={() => setCategory('')}>
                  全部
                </Chip>
                {GIG_CATEGORIES.map((c) => (
                  <Chip key={c} id={`gig-cat-${c}`} on={category === c} onClick={() => setCategory(c)}>
                    {c}
                  </Chip>
                ))}
              </View>
              <Text className='filter-label txt-sm'>哪天干</Text>
              <Choices<DateFilter>
                idPrefix='gig-date'
                options={[{ value: '', label: '不限' }, { value: 'today', label: '今天' }, { value: 'tomorrow', label: '明天' }]}
                value={dateF}
                onChange={setDateF}
              />
              <Text className='filter-label txt-sm'>怎么结钱</Text>
              <Choices<Settlement | ''>
                idPrefix='gig-settle'
                options={[{ value: '', label: '不限' }, ...(Object.keys(SETTLEMENT_LABEL) as Settlement[]).map((s) => ({ value: s, label: SETTLEMENT_LABEL[s] }))]}
                value={settlement}
                onChange={setSettlement}
              />
              <Text className='filter-label txt-sm'>银龄（年纪大的师傅）</Text>
              <View className='chips'>
                <Chip id='gig-elder' on={elder} onClick={() => setElder((v) => !v)}>
                  只看适合银龄的活
                </Chip>
              </View>
            </View>
          ) : null}

          {showMap && process.env.TARO_ENV === 'weapp' ? <GigMap center={place} gigs={items} onOpen={(id) => openGig(id, place)} /> : null}

          {recommended.length ? (
            <View id='gig-recommended'>
              <View className='list-head'>
                <Text className='list-head__title txt-lg'>为你推荐</Text>
                <Text className='muted txt-sm'>按工种、距离、时间和评分</Text>
              </View>
              {recommended.map((g) => (
                <RecCard key={g.id} g={g} onClick={() => openGig(g.id, place)} />
              ))}
            </View>
          ) : null}

          <View className='list-head'>
            <Text className='list-head__title txt-lg' id='gig-total'>
              {loading && page === 1 && !items.length ? '正在找…' : `${radiusKm} 公里内 ${total} 个活`}
            </Text>
          </View>
          {failed ? (
            <Empty id='gig-failed' title='没有加载出来' desc='网络不给力，请稍后再试'>
              <Button className='btn btn-outline' onClick={() => load(1)}>
                重新加载
              </Button>
            </Empty>
          ) : null}
          {!failed && !loading && !items.length ? (
            <Empty id='gig-empty' title='附近暂时没有合适的活' desc={radiusKm < 20 ? '把范围放大一点，或者少选几个筛选条件试试' : '少选几个筛选条件试试，也可以打开“今天能干活”，有急活会发到「消息」里'} />
          ) : null}
          <View id='gig-list'>
            {items.map((g) => (
              <GigCard key={g.id} g={g} today={today} onClick={() => openGig(g.id, place)} />
            ))}
          </View>
          {hasMore(items.length, total) ? (
            <Button id='gig-more' className='btn btn-plain' loading={loading || undefined} onClick={() => load(page + 1)}>
              再看 {Math.min(PAGE_SIZE, total - items.length)} 个
            </Button>
          ) : items.length ? (
            <Text className='list-end txt-sm'>没有更多了</Text>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}
