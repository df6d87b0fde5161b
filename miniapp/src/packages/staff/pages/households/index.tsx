import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { useSession } from '../../../../store/session'
import StaffOnly from '../../components/StaffOnly'
import { chinaDate, headOf, HH_PAGES, householdApi, messageOf, STATUS_LABELS, type HouseholdStatus, type HouseholdView } from './api'
import './households.css'

const TABS: [HouseholdStatus | '', string][] = [['', '全部'], ['open', STATUS_LABELS.open], ['cleared', STATUS_LABELS.cleared], ['employed', STATUS_LABELS.employed]]
const EMPTY: Record<HouseholdStatus | '', string> = {
  '': '本中心还没有登记家庭。点上面的「登记家庭」开始登记。',
  open: '没有零就业家庭。',
  cleared: '还没有清零的家庭。',
  employed: '没有登记时就有人就业的家庭。',
}

/** Open households first (longest at zero first, as the server sorts them), the rest in the server's order. */
const openFirst = (items: HouseholdView[]) => [...items.filter((h) => h.status === 'open'), ...items.filter((h) => h.status !== 'open')]

/** One household in the list: where, who, and how long it has been at zero (or when it was cleared). */
function HouseholdCard({ h, onClick }: { h: HouseholdView; onClick?: () => void }) {
  const head = headOf(h)
  const able = h.members.filter((m) => m.ableToWork).length
  const working = h.members.filter((m) => m.employed).length
  return (
    <View className={`card hh-item hh-item--${h.status}`} id={`hh-item-${h.id}`} hoverClass={onClick ? 'card--pressed' : undefined} onClick={onClick}>
      <View className='hh-head'>
        <Text className='hh-head__title txt-lg'>
          {h.districtName} · {h.street}
        </Text>
        <Text className={`hh-badge hh-badge--${h.status} txt-sm`}>{STATUS_LABELS[h.status]}</Text>
      </View>
      {h.status === 'open' ? (
        <Text className='hh-days txt-lg' id={`hh-days-${h.id}`}>
          已归零 {h.daysAtZero ?? 0} 天
        </Text>
      ) : null}
      {h.status === 'cleared' ? (
        <Text className='hh-cleared txt-md' id={`hh-cleared-${h.id}`}>
          已清零{h.clearedAt ? ` · ${chinaDate(h.clearedAt)}` : ''}
          {h.clearedAfterDays !== null ? `（归零 ${h.clearedAfterDays} 天后）` : ''}
        </Text>
      ) : null}
      <Text className='block txt-md'>
        {head ? `${head.relation} ${head.nameMasked} · ` : ''}成员 {h.members.length} 人（有劳动能力 {able} 人{working ? `，就业 ${working} 人` : ''}）
      </Text>
      <Text className='block muted txt-sm'>
        {h.addressMasked}
        {h.status === 'open' && h.zeroSince ? ` · ${h.zeroSince} 起无人就业` : ''}
      </Text>
    </View>
  )
}

/** 零就业家庭 (staff): the center's households, open ones first with their days at zero; tap one for its detail. */
export default function StaffHouseholds() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const [tab, setTab] = useState<HouseholdStatus | ''>('')
  const [items, setItems] = useState<HouseholdView[] | null>(null)
  const [error, setError] = useState('')

  const load = async (t = tab) => {
    try {
      setItems(openFirst((await householdApi.list(t, { silent: true })).items))
      setError('')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useDidShow(() => {
    if (isStaff) void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />

  const pick = (t: HouseholdStatus | '') => {
    setTab(t)
    setItems(null)
    void load(t)
  }
  const openCount = items?.filter((h) => h.status === 'open').length ?? 0

  return (
    <PageShell>
      <View className='hero' id='hh'>
        <Text className='hero__title txt-xl'>零就业家庭</Text>
        <Text className='hero__sub txt-md'>家庭成员都未就业的排在最前；有一人就业登记即清零</Text>
      </View>
      <Button id='hh-new' className='btn btn-primary' onClick={() => void Taro.navigateTo({ url: HH_PAGES.edit }).catch(() => undefined)}>
        登记家庭
      </Button>
      <View className='hh-tabs' id='hh-tabs'>
        {TABS.map(([t, label]) => (
          <Text key={t || 'all'} id={`hh-tab-${t || 'all'}`} className={`hh-tab txt-md ${tab === t ? 'hh-tab--on' : ''}`} onClick={() => pick(t)}>
            {label}
          </Text>
        ))}
      </View>
      {error ? (
        <View className='notice' id='hh-error'>
          <Text className='block txt-md'>{error}</Text>
          <Button className='btn btn-outline' id='hh-retry' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!items && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {items && !items.length ? (
        <Text className='block muted txt-md' id='hh-empty'>
          {EMPTY[tab]}
        </Text>
      ) : null}
      {items?.length ? (
        <Text className='hh-count txt-md' id='hh-count'>
          共 {items.length} 户{tab === '' && openCount ? `，其中零就业 ${openCount} 户` : ''}
        </Text>
      ) : null}
      <View id='hh-list'>
        {items?.map((h) => <HouseholdCard key={h.id} h={h} onClick={() => void Taro.navigateTo({ url: `${HH_PAGES.edit}?id=${h.id}` }).catch(() => undefined)} />)}
      </View>
    </PageShell>
  )
}
