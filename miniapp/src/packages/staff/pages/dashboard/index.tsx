import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { messageOf } from '../../../../services/api'
import { useSession } from '../../../../store/session'
import { workbenchApi, WB_PAGES, type StatsDashboard, type StatsTable } from '../workbench/api'
import { BarList, TrendLine } from './charts'
import ReferralsCard from './ReferralsCard'
import '../workbench/workbench.css'
import StaffOnly from '../../components/StaffOnly'
import CsvExportButton from '../../components/CsvExportButton'

const chinaMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
const shiftMonth = (m: string, n: number) => {
  const [y, mo] = m.split('-').map(Number) as [number, number]
  const k = y * 12 + mo - 1 + n
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`
}
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`)
const hhmm = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  return `${d.toISOString().slice(5, 10)} ${d.toISOString().slice(11, 16)}`
}

function Section({ id, title, table, month, district, children }: { id: string; title: string; table: StatsTable; month: string; district: string; children: ReactNode }) {
  return (
    <View className='card' id={id}>
      <View className='db-card-head'>
        <Text className='db-card-title txt-lg'>{title}</Text>
        <CsvExportButton
          id={`${id}-export`}
          label={process.env.TARO_ENV === 'h5' ? '导出 CSV' : '生成文件'}
          load={() => workbenchApi.exportCsv({ table, month, district: district || undefined })}
        />
      </View>
      {children}
    </View>
  )
}

function Kpi({ id, num, label, red }: { id: string; num: number | string; label: string; red?: boolean }) {
  return (
    <View className='db-kpi'>
      <View className='db-kpi__box'>
        <Text className={`db-kpi__num txt-xxl ${red ? 'db-kpi__num--red' : ''}`} id={id}>
          {num}
        </Text>
        <Text className='db-kpi__label txt-sm'>{label}</Text>
      </View>
    </View>
  )
}

/** 零就业家庭 still at zero, per district: how many and how long (live, not the month's snapshot). */
function Households({ rows }: { rows: NonNullable<StatsDashboard['households']> }) {
  const open = rows.reduce((n, x) => n + x.open, 0)
  const over30 = rows.reduce((n, x) => n + x.over30, 0)
  return (
    <View className='card' id='db-households'>
      <View className='db-card-head'>
        <Text className='db-card-title txt-lg'>零就业家庭（现在）</Text>
        <Text className='wb-link txt-md' id='db-to-households' onClick={() => Taro.navigateTo({ url: WB_PAGES.households })}>
          查看家庭 ›
        </Text>
      </View>
      <View className='db-kpis'>
        <Kpi id='db-hh-open' num={open} label='零就业家庭' red={open > 0} />
        <Kpi id='db-hh-over30' num={over30} label='归零超过 30 天' red={over30 > 0} />
      </View>
      <BarList id='db-hh-bars' items={rows.map((x) => ({ key: x.district, label: x.label, value: x.open, text: `${x.open} 户`, tone: x.over30 ? 'red' : 'orange' }))} />
      <Text className='block muted txt-sm'>归零天数：从家庭成员都未就业那天算起</Text>
      <View className='db-table-row db-table-row--head'>
        <Text className='db-table-row__name txt-sm'>区</Text>
        <Text className='db-table-row__cell db-table-row__cell--wide txt-sm'>中位天数</Text>
        <Text className='db-table-row__cell db-table-row__cell--wide txt-sm'>超 30 天</Text>
        <Text className='db-table-row__cell db-table-row__cell--wide txt-sm'>超 90 天</Text>
      </View>
      {rows.map((x) => (
        <View key={x.district} className='db-table-row' id={`db-hh-${x.district}`} ariaLabel={`${x.label}：${x.open ? `${x.open} 户，归零天数中位数 ${x.medianDays} 天，超过 30 天 ${x.over30} 户，超过 90 天 ${x.over90} 户` : '没有零就业家庭'}`}>
          <Text className='db-table-row__name txt-md'>{x.label}</Text>
          <Text className='db-table-row__cell db-table-row__cell--wide txt-md'>{x.medianDays === null ? '—' : `${x.medianDays} 天`}</Text>
          <Text className={`db-table-row__cell db-table-row__cell--wide txt-md ${x.over30 ? 'db-table-row__cell--red' : ''}`}>{x.over30} 户</Text>
          <Text className={`db-table-row__cell db-table-row__cell--wide txt-md ${x.over90 ? 'db-table-row__cell--red' : ''}`}>{x.over90} 户</Text>
        </View>
      ))}
      {!open ? <Text className='block muted txt-md' id='db-hh-none'>现在没有零就业家庭。</Text> : null}
    </View>
  )
}

/** 数据看板: the center's figures as bars and a trend line, each table exportable (export is audited). */
export default function Dashboard() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const [month, setMonth] = useState(chinaMonth())
  const [district, setDistrict] = useState('')
  const [d, setD] = useState<StatsDashboard | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const load = async (m = month, dist = district, refresh = false) => {
    setBusy(true)
    try {
      setD(await workbenchApi.stats({ month: m, district: dist || undefined, refresh }, { silent: true }))
      setError('')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  useDidShow(() => {
    if (isStaff) void load()
  })
  usePullDownRefresh(() => {
    void load(month, district, true).finally(() => Taro.stopPullDownRefresh())
  })

  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />

  const go = (m: string, dist: string) => {
    setMonth(m)
    setDistrict(dist)
    void load(m, dist)
  }
  const r = d?.registrations
  const g = d?.gigs
  const p = d?.policies
  const sec = { month, district }
  const maxPolicy = Math.max(1, ...(p?.byPolicy.map((x) => x.total) ?? [0]))

  return (
    <PageShell>
      <View className='hero' id='db'>
        <Text className='hero__title txt-xl'>数据看板</Text>
        <Text className='hero__sub txt-md'>{d?.center?.name ?? '本中心'}：登记失业、办理时效、零工和政策申请</Text>
      </View>

      <View className='db-month'>
        <Text className='db-month__arrow txt-xl' id='db-prev' onClick={() => go(shiftMonth(month, -1), district)}>
          ‹
        </Text>
        <Text className='db-month__text txt-lg' id='db-month'>
          {month.replace('-', ' 年 ')} 月
        </Text>
        <Text className='db-month__arrow txt-xl' id='db-next' onClick={() => month < chinaMonth() && go(shiftMonth(month, 1), district)}>
          ›
        </Text>
      </View>
      {d?.center && d.center.districts.length > 1 ? (
        <View className='wb-tabs'>
          <Text className={`wb-tab txt-sm ${district === '' ? 'wb-tab--on' : ''}`} onClick={() => go(month, '')}>
            全部区
          </Text>
          {d.center.districts.map((x) => (
            <Text key={x.code} className={`wb-tab txt-sm ${district === x.code ? 'wb-tab--on' : ''}`} onClick={() => go(month, x.code)}>
              {x.name}
            </Text>
          ))}
        </View>
      ) : null}

      <View className='wb-head'>
        <Text className='muted txt-sm' id='db-computed'>
          {d?.computedAt ? `数据更新于 ${hhmm(d.computedAt)}${d.refreshing ? '，正在更新…' : ''}` : d?.refreshing ? '正在统计，请稍后下拉刷新' : ''}
        </Text>
        <Text className='wb-link txt-md' id='db-refresh' onClick={() => !busy && void load(month, district, true)}>
          {busy ? '加载中…' : '刷新'}
        </Text>
      </View>

      {error ? (
        <View className='notice'>
          <Text className='block txt-md'>{error}</Text>
        </View>
      ) : null}
      {!d && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}

      {r && g && p ? (
        <View>
          <View className='db-kpis' id='db-kpis'>
            <Kpi id='db-kpi-now' num={r.registeredNow} label='登记失业人员（现在）' />
            <Kpi id='db-kpi-new' num={r.newThisMonth} label='本月新增登记' />
            <Kpi id='db-kpi-exits' num={r.exitsThisMonth} label='本月退出登记' />
            <Kpi id='db-kpi-pending' num={r.pending} label={`待办登记（已逾期 ${r.handling.pendingOverdue}）`} red={r.handling.pendingOverdue > 0} />
          </View>

          <Section id='db-trend' title='近 6 个月新增与退出' table='trend' {...sec}>
            <TrendLine
              id='db-trend-chart'
              labels={r.trend.map((x) => `${Number(x.month.slice(5))}月`)}
              series={[
                { key: 'new', label: '新增登记', color: 'c-blue', values: r.trend.map((x) => x.newRegistrations) },
                { key: 'exits', label: '退出', color: 'c-green', values: r.trend.map((x) => x.exits) },
              ]}
            />
          </Section>

          <Section id='db-handling' title='登记办理时效' table='handling' {...sec}>
            <Text className='block muted txt-sm'>承诺 7 个工作日内办结；按提交时的期限计算</Text>
            <BarList
              id='db-handling-bars'
              items={[
                { key: 'onTime', label: '本月按期办结', value: r.handling.decidedOnTime, tone: 'green' },
                { key: 'late', label: '本月逾期办结', value: r.handling.decidedLate, tone: 'orange' },
                { key: 'within', label: '期限内待办', value: r.handling.pendingWithin, tone: 'blue' },
                { key: 'overdue', label: '已逾期待办', value: r.handling.pendingOverdue, tone: 'red' },
              ]}
            />
            <Text className='wb-link txt-md' id='db-to-inbox' onClick={() => Taro.navigateTo({ url: WB_PAGES.workbench })}>
              去工作台办理 ›
            </Text>
          </Section>

          <Section id='db-district' title='分区登记失业人员' table='district' {...sec}>
            <BarList id='db-district-bars' items={r.byDistrict.map((x) => ({ key: x.key, label: x.label, value: x.registeredNow }))} />
            {r.byDistrict.map((x) => (
              <Text key={x.key} className='block muted txt-sm'>
                {x.label}：本月新增 {x.newThisMonth}，退出 {x.exitsThisMonth}
              </Text>
            ))}
          </Section>

          <Section id='db-reason' title='按失业原因（现登记人员）' table='reason' {...sec}>
            <BarList id='db-reason-bars' items={r.byReason.map((x) => ({ ...x }))} />
          </Section>

          <Section id='db-duration' title='按失业时长' table='duration' {...sec}>
            <BarList id='db-duration-bars' items={r.byDuration.map((x) => ({ ...x, tone: x.key === 'ge12' ? 'orange' : 'blue' }))} />
          </Section>

          <Section id='db-exits' title='本月退出及原因' table='exits' {...sec}>
            <BarList id='db-exits-bars' items={r.exitsByReason.map((x) => ({ ...x, tone: x.key === 'employed' ? 'green' : 'gray' }))} />
          </Section>

          <Section id='db-gigs' title='零工：本月发布与招满' table='gigs' {...sec}>
            <View className='db-kpis'>
              <Kpi id='db-gig-posted' num={g.posted} label='发布零工' />
              <Kpi id='db-gig-rate' num={pct(g.fillRate)} label={`招满 ${g.filled} 个`} />
              <Kpi id='db-gig-seats' num={`${g.seatsFilled}/${g.seats}`} label='录用人次 / 招工人数' />
              <Kpi id='db-gig-median' num={g.medianHoursToFill === null ? '—' : `${g.medianHoursToFill} 小时`} label='招满用时（中位数）' />
            </View>
            <BarList id='db-gig-bars' items={g.byCategory.filter((x) => x.posted > 0).map((x) => ({ key: x.key, label: x.label, value: x.posted, text: `${x.filled}/${x.posted}` }))} />
            {!g.posted ? <Text className='block muted txt-md'>本月还没有发布零工。</Text> : null}
          </Section>

          <ReferralsCard r={d.referrals} />

          <Section id='db-policies' title='政策申请：按结果与政策' table='policies' {...sec}>
            <BarList
              id='db-policy-bars'
              items={p.byOutcome.map((x) => ({ ...x, tone: x.key === 'approved' ? 'green' : x.key === 'rejected' ? 'red' : x.key === 'returned' ? 'orange' : 'blue' }))}
            />
            {p.byPolicy.map((x) => (
              <View key={x.key} className='bar-row'>
                <Text className='bar-row__label txt-sm'>{x.label}</Text>
                <View className='bar-row__track'>
                  <View className='bar-row__fill bar-row__fill--green' style={{ width: `${(x.approved / maxPolicy) * 100}%`, display: 'inline-block' }} />
                </View>
                <Text className='bar-row__num txt-sm'>
                  {x.approved}/{x.total}
                </Text>
              </View>
            ))}
            {!p.total ? <Text className='block muted txt-md'>本月还没有政策申请。</Text> : null}
          </Section>

          {d.ratings ? (
            <View className='card' id='db-ratings'>
              <View className='db-card-head'>
                <Text className='db-card-title txt-lg'>好差评（累计）</Text>
                <Text className='wb-link txt-md' id='db-to-ratings' onClick={() => Taro.navigateTo({ url: WB_PAGES.ratingDetail })}>差评回访</Text>
              </View>
              <View className='db-kpis'>
                <Kpi id='db-rating-count' num={d.ratings.count} label='评价数' />
                <Kpi id='db-rating-avg' num={d.ratings.average === null ? '—' : `${d.ratings.average} 星`} label='平均' />
                <Kpi id='db-rating-bad-open' num={d.ratings.bad.open} label='差评待回访' red={d.ratings.bad.open > 0} />
                <Kpi id='db-rating-bad-closed' num={d.ratings.bad.closed} label='差评已回访' />
              </View>
              <BarList
                id='db-rating-bars'
                items={[...d.ratings.distribution].reverse().map((x) => ({ key: String(x.stars), label: `${x.stars} 星`, value: x.count, tone: x.stars <= 2 ? 'red' : x.stars === 3 ? 'orange' : 'green' }))}
              />
              {d.ratings.latestComments.map((c, i) => (
                <Text key={i} className='block txt-md' id={`db-rating-comment-${i}`}>
                  {c.stars} 星 · {c.kindLabel} · {c.personMasked}：「{c.comment}」{c.contentHeld ? '（待复核）' : ''}
                </Text>
              ))}
              {!d.ratings.count ? <Text className='block muted txt-md'>还没有人评价。</Text> : null}
            </View>
          ) : null}
        </View>
      ) : null}
      {d?.households ? <Households rows={d.households} /> : null}
    </PageShell>
  )
}
