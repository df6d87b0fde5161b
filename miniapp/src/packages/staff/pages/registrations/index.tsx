import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { useSession } from '../../../../store/session'
import { registrationApi, staffRegistrationApi, type FollowUpDue, type RegionList, type StaffQueue } from '../../../../pages/registration/api'
import { QUEUE_TABS } from '../../../../pages/registration/labels'
import { REG_PAGES, StatusBadge } from '../../../../pages/registration/shared'
import '../../../../pages/registration/registration.css'
import StaffOnly from '../../components/StaffOnly'

const openDetail = (id: string) => Taro.navigateTo({ url: `${REG_PAGES.staffDetail}?id=${id}` })

/** 经办：失业登记待办 — overdue first, then the soonest deadline; plus follow-ups due this week. */
export default function StaffRegistrations() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const [status, setStatus] = useState('pending')
  const [district, setDistrict] = useState('')
  const [queue, setQueue] = useState<StaffQueue | null>(null)
  const [due, setDue] = useState<FollowUpDue | null>(null)
  const [regions, setRegions] = useState<RegionList | null>(null)
  const [error, setError] = useState(false)

  const load = async (st = status, d = district) => {
    try {
      setQueue(await staffRegistrationApi.queue(st, d || undefined, { silent: true }))
      setError(false)
    } catch {
      setError(true)
    }
  }
  useDidShow(() => {
    if (!isStaff) return
    void load()
    staffRegistrationApi.due({ silent: true }).then(setDue).catch(() => {})
    if (!regions) registrationApi.regions({ silent: true }).then(setRegions).catch(() => {})
  })

  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />

  const districtName = (code: string) => regions?.districts.find((d) => d.code === code)?.name ?? code
  const pick = (st: string, d: string) => {
    setStatus(st)
    setDistrict(d)
    setQueue(null)
    void load(st, d)
  }

  return (
    <PageShell>
      <View className='hero' id='sq'>
        <Text className='hero__title txt-xl'>失业登记待办</Text>
        <Text className='hero__sub txt-md'>承诺 7 个工作日内办结，逾期的排在最前</Text>
      </View>

      <View className='tabs' id='sq-tabs'>
        {QUEUE_TABS.map((t) => (
          <Text key={t.value} id={`sq-tab-${t.value}`} className={`tab txt-md ${status === t.value ? 'tab--on' : ''}`} onClick={() => pick(t.value, district)}>
            {t.label} {queue?.counts[t.value] ?? 0}
          </Text>
        ))}
      </View>
      {regions ? (
        <View className='tabs' id='sq-districts'>
          <Text id='sq-district-all' className={`tab txt-sm ${district === '' ? 'tab--on' : ''}`} onClick={() => pick(status, '')}>
            全部区
          </Text>
          {regions.districts.map((d) => (
            <Text key={d.code} id={`sq-district-${d.code}`} className={`tab txt-sm ${district === d.code ? 'tab--on' : ''}`} onClick={() => pick(status, d.code)}>
              {d.name}
            </Text>
          ))}
        </View>
      ) : null}

      {error ? (
        <View className='notice'>
          <Text className='block txt-md'>没有加载出来。</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!queue && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {queue && !queue.items.length ? <Text className='block muted txt-md' id='sq-empty'>这里没有登记。</Text> : null}
      <View id='sq-list'>
        {queue?.items.map((it) => (
          <View key={it.id} id={`sq-item-${it.id}`} className={`card queue-item ${it.overdue ? 'queue-item--overdue' : ''}`} hoverClass='card--pressed' onClick={() => openDetail(it.id)}>
            <View className='field__row' style={{ justifyContent: 'space-between' }}>
              <Text className='txt-lg' style={{ fontWeight: 700 }}>
                {it.nameMasked}
              </Text>
              <StatusBadge status={it.overdue ? 'overdue' : it.status} label={it.overdue ? '已逾期' : it.statusLabel} />
            </View>
            <Text className='block muted txt-md'>
              {it.idNumberMasked}　{districtName(it.district)}
            </Text>
            {it.dueDate ? (
              <Text className={`block txt-md ${it.overdue ? 'overdue' : ''}`}>
                办结期限 {it.dueDate}
                {it.workdaysLeft !== null ? (it.workdaysLeft >= 0 ? `（剩 ${it.workdaysLeft} 个工作日）` : `（逾期 ${-it.workdaysLeft} 个工作日）`) : ''}
              </Text>
            ) : null}
            <Text className='block muted txt-sm'>
              {it.category} · {it.level} 级{it.submittedAt ? `　提交于 ${it.submittedAt.slice(0, 10)}` : ''}
            </Text>
          </View>
        ))}
      </View>

      <Text className='section-title txt-lg'>近期要回访的人</Text>
      <View className='card' id='sq-due'>
        {!due ? <Text className='block muted txt-md'>加载中…</Text> : null}
        {due && !due.items.length ? <Text className='block muted txt-md'>7 天内没有到期的回访。</Text> : null}
        {due?.items.map((d) => (
          <View key={d.registrationId} className='kv' onClick={() => openDetail(d.registrationId)}>
            <Text className='kv__k txt-md'>{d.nameMasked}</Text>
            <Text className={`kv__v txt-md ${d.overdue ? 'overdue' : ''}`}>
              {d.overdue ? '已逾期 ' : ''}
              {d.dueOn} ›
            </Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
