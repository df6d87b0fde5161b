import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { useSession } from '../../../../store/session'
import StaffOnly from '../../components/StaffOnly'
import CsvExportButton from '../../components/CsvExportButton'
import { INS_PAGES, STATUS_TABS, messageOf, staffInsuranceApi, type ClaimQueue, type ClaimQueueItem } from './api'
import './insurance.css'

function dueText(it: ClaimQueueItem): string {
  if (it.status !== 'submitted' || it.workdaysLeft === null) return `已发 ${it.monthsPaid} / 核定 ${it.monthsApproved} 个月`
  if (it.overdue) return `已逾期 ${-it.workdaysLeft} 个工作日 · 期限 ${it.dueDate}`
  if (it.workdaysLeft === 0) return `今天到期 · ${it.dueDate}`
  return `期限 ${it.dueDate} · 剩 ${it.workdaysLeft} 个工作日`
}

/** 失业保险金申领 of the staff member's center: pending first (overdue first), then by status. */
export default function StaffInsuranceList() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const [status, setStatus] = useState('submitted')
  const [list, setList] = useState<ClaimQueue | null>(null)
  const [error, setError] = useState('')

  const load = async (s = status) => {
    try {
      setList(await staffInsuranceApi.list(s, { silent: true }))
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

  const pick = (s: string) => {
    setStatus(s)
    void load(s)
  }
  const exportMonth = () => staffInsuranceApi.exportCsv(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7))
  const total = Object.values(list?.counts ?? {}).reduce((a, b) => a + b, 0)

  return (
    <PageShell>
      <View className='hero' id='si'>
        <Text className='hero__title txt-xl'>失业保险金</Text>
        <Text className='hero__sub txt-md'>本中心的申领：审核、按月发放、停发</Text>
      </View>
      <View className='si-tabs' id='si-tabs'>
        {STATUS_TABS.map((t) => (
          <Text key={t.value} id={`si-tab-${t.value}`} className={`si-tab txt-md ${status === t.value ? 'si-tab--on' : ''}`} onClick={() => pick(t.value)}>
            {t.label} {t.value === 'all' ? total : list?.counts[t.value] ?? 0}
          </Text>
        ))}
      </View>
      {error ? (
        <View className='notice'>
          <Text className='block txt-md'>{error}</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!list && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {list && !list.items.length ? (
        <Text className='block muted txt-md' id='si-empty'>
          这里没有申领。
        </Text>
      ) : null}
      <View id='si-list'>
        {list?.items.map((it) => (
          <View
            key={it.id}
            id={`si-item-${it.id}`}
            className={`card si-item ${it.overdue ? 'si-item--overdue' : ''}`}
            hoverClass='card--pressed'
            onClick={() => Taro.navigateTo({ url: `${INS_PAGES.detail}?id=${it.id}` }).catch(() => {})}
          >
            <View className='si-head'>
              <Text className='txt-lg' style={{ fontWeight: 700 }}>
                {it.nameMasked || '（未填姓名）'}
              </Text>
              <Text className={`si-badge si-badge--${it.overdue ? 'overdue' : it.status} txt-sm`}>{it.overdue ? '已逾期' : it.statusLabel}</Text>
            </View>
            <Text className='block muted txt-md'>{it.idNumberMasked} · 提交于 {it.submittedAt.slice(0, 10)}</Text>
            <Text className={`block txt-md ${it.overdue ? 'si-overdue' : ''}`}>{dueText(it)}</Text>
          </View>
        ))}
      </View>
      <Button id='si-to-import' className='btn btn-primary' onClick={() => Taro.navigateTo({ url: INS_PAGES.import }).catch(() => {})}>
        导入发放记录（CSV）
      </Button>
      <CsvExportButton id='si-export' look='button' load={exportMonth} label='导出本月发放记录（证件号已脱敏）' />
    </PageShell>
  )
}
