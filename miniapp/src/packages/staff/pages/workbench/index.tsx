import { useEffect, useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { messageOf } from '../../../../services/api'
import { useSession } from '../../../../store/session'
import { QUEUE_LABELS, WB_PAGES, workbenchApi, type ActionQueue, type WorkbenchDecision, type WorkbenchDetail, type WorkbenchInbox, type WorkbenchItem } from './api'
import CsvExportButton from '../../components/CsvExportButton'
import './workbench.css'
import StaffOnly from '../../components/StaffOnly'

const TABS = ['registration', 'insurance', 'assistance', 'assistance_plan', 'household', 'rating', 'employer', 'gig', 'vacancy', 'report', 'policy', 'followup'] as const

function deadlineText(it: WorkbenchItem): string {
  if (it.overdue) return `已逾期 ${-it.workdaysLeft} 个工作日 · 期限 ${it.deadline}`
  if (it.workdaysLeft === 0) return `今天到期 · ${it.deadline}`
  return `期限 ${it.deadline} · 剩 ${it.workdaysLeft} 个工作日`
}

/** One item handled inside the workbench: full details (audited) and the decision buttons. */
function ItemDetail({ item, onDone }: { item: WorkbenchItem; onDone: () => void }) {
  const queue = item.queue as ActionQueue
  const [detail, setDetail] = useState<WorkbenchDetail | null>(null)
  const [loadError, setLoadError] = useState('')
  const [pending, setPending] = useState<WorkbenchDetail['actions'][number] | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    workbenchApi.detail(queue, item.id, { silent: true }).then(setDetail).catch((e) => setLoadError(messageOf(e)))
  }, [queue, item.id])
  const decide = async (decision: WorkbenchDecision, needsReason: boolean) => {
    if (needsReason && !reason.trim()) {
      setError('请写明原因，申请人会看到')
      return
    }
    setBusy(true)
    setError('')
    try {
      const r = await workbenchApi.decide(queue, item.id, decision, needsReason || reason.trim() ? reason.trim() : undefined, { silent: true })
      Taro.showToast({ title: r.statusLabel, icon: 'success' })
      onDone()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  if (loadError) return <Text className='block wb-error txt-md'>{loadError}</Text>
  if (!detail) return <Text className='block muted txt-md'>加载中…</Text>
  return (
    <View className='wb-detail' id={`wb-detail-${item.id}`} onClick={(e) => e.stopPropagation()}>
      <Text className='block wb-audit-note txt-sm'>完整联系方式仅供办理使用，本次查看已记入审计日志。</Text>
      {detail.fields.map((f) => (
        <View key={f.label} className='wb-kv'>
          <Text className='wb-kv__k txt-md'>{f.label}</Text>
          <Text className='wb-kv__v txt-md' userSelect>
            {f.value}
          </Text>
        </View>
      ))}
      {pending ? (
        <View>
          <Text className='block txt-md'>{pending.label}：请写明原因</Text>
          <Textarea id='wb-reason' className='wb-textarea' maxlength={200} value={reason} onInput={(e) => setReason(e.detail.value)} placeholder='如：营业执照信息与登记不一致' />
          {error ? <Text className='block wb-error txt-md' id='wb-error'>{error}</Text> : null}
          <View className='wb-actions'>
            <Button className='btn btn-plain' onClick={() => { setPending(null); setError('') }}>
              取消
            </Button>
            <Button id='wb-reason-submit' className='btn btn-danger' loading={busy || undefined} onClick={() => decide(pending.decision, true)}>
              确认{pending.label}
            </Button>
          </View>
        </View>
      ) : (
        <View className='wb-actions'>
          {detail.actions.map((a) => (
            <Button
              key={a.decision}
              id={`wb-act-${a.decision}`}
              className={`btn ${a.needsReason ? 'btn-outline' : 'btn-primary'}`}
              loading={(busy && !a.needsReason) || undefined}
              onClick={() => (a.needsReason ? setPending(a) : decide(a.decision, false))}
            >
              {a.label}
            </Button>
          ))}
          {error ? <Text className='block wb-error txt-md'>{error}</Text> : null}
        </View>
      )}
    </View>
  )
}

/** 经办工作台: every queue of the center in one list, overdue first, then the soonest working-day deadline. */
export default function Workbench() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const [queue, setQueue] = useState('')
  const [district, setDistrict] = useState('')
  const [inbox, setInbox] = useState<WorkbenchInbox | null>(null)
  const [error, setError] = useState('')
  const [open, setOpen] = useState<string | null>(null)

  const load = async (q = queue, d = district) => {
    try {
      setInbox(await workbenchApi.inbox({ queue: q || undefined, district: d || undefined }, { silent: true }))
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

  const pick = (q: string, d: string) => {
    setQueue(q)
    setDistrict(d)
    setOpen(null)
    void load(q, d)
  }
  const tap = (it: WorkbenchItem) => {
    if (it.queue === 'registration' || it.queue === 'followup') {
      Taro.navigateTo({ url: `${WB_PAGES.registrationDetail}?id=${it.id}` }).catch(() => {})
      return
    }
    if (it.queue === 'insurance') {
      Taro.navigateTo({ url: `${WB_PAGES.insuranceDetail}?id=${it.id}` }).catch(() => {})
      return
    }
    if (it.queue === 'household') {
      Taro.navigateTo({ url: `${WB_PAGES.householdDetail}?id=${it.id}` }).catch(() => {})
      return
    }
    if (it.queue === 'rating') {
      Taro.navigateTo({ url: `${WB_PAGES.ratingDetail}?id=${it.id}` }).catch(() => {})
      return
    }
    if (it.queue === 'vacancy') {
      Taro.navigateTo({ url: `${WB_PAGES.vacancyReview}?id=${it.id}` }).catch(() => {})
      return
    }
    if (it.queue === 'assistance' || it.queue === 'assistance_plan') {
      Taro.navigateTo({ url: `${WB_PAGES.assistanceDetail}?id=${it.id}` }).catch(() => {})
      return
    }
    setOpen(open === it.key ? null : it.key)
  }
  const c = inbox?.counts

  return (
    <PageShell>
      <View className='hero' id='wb'>
        <Text className='hero__title txt-xl'>经办工作台</Text>
        <Text className='hero__sub txt-md'>{inbox?.center ? `${inbox.center.name} · ${inbox.today}` : '本中心的全部待办'}</Text>
      </View>

      {inbox && !inbox.center ? (
        <View className='notice'>
          <Text className='block txt-md'>你的账号没有设置所属服务中心，请联系管理员。</Text>
        </View>
      ) : null}

      <View className='wb-head'>
        <Text className='txt-lg' id='wb-summary'>
          待办 {c?.all ?? 0} 件{c?.overdue ? <Text className='overdue'>，逾期 {c.overdue} 件</Text> : null}
        </Text>
        <Text className='wb-link txt-md' id='wb-to-dashboard' onClick={() => Taro.navigateTo({ url: WB_PAGES.dashboard })}>
          数据看板 ›
        </Text>
      </View>

      <View className='wb-tabs' id='wb-tabs'>
        <Text id='wb-tab-all' className={`wb-tab txt-md ${queue === '' ? 'wb-tab--on' : ''}`} onClick={() => pick('', district)}>
          全部<Text className='wb-tab__n'>{c?.all ?? 0}</Text>
        </Text>
        {TABS.map((q) => (
          <Text key={q} id={`wb-tab-${q}`} className={`wb-tab txt-md ${queue === q ? 'wb-tab--on' : ''}`} onClick={() => pick(q, district)}>
            {QUEUE_LABELS[q]}
            <Text className='wb-tab__n'>{c?.[q] ?? 0}</Text>
          </Text>
        ))}
      </View>
      {inbox?.center && inbox.center.districts.length > 1 ? (
        <View className='wb-tabs' id='wb-districts'>
          <Text className={`wb-tab txt-sm ${district === '' ? 'wb-tab--on' : ''}`} onClick={() => pick(queue, '')}>
            全部区
          </Text>
          {inbox.center.districts.map((d) => (
            <Text key={d.code} id={`wb-district-${d.code}`} className={`wb-tab txt-sm ${district === d.code ? 'wb-tab--on' : ''}`} onClick={() => pick(queue, d.code)}>
              {d.name}
            </Text>
          ))}
        </View>
      ) : null}

      {error ? (
        <View className='notice'>
          <Text className='block txt-md'>{error}</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!inbox && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {inbox && inbox.center && !inbox.items.length ? (
        <Text className='block muted txt-md' id='wb-empty'>
          这里没有待办，辛苦了。
        </Text>
      ) : null}

      <View id='wb-list'>
        {inbox?.items.map((it) => (
          <View key={it.key} id={`wb-item-${it.queue}-${it.id}`} className={`card wb-item ${it.overdue ? 'wb-item--overdue' : ''}`} hoverClass='card--pressed' onClick={() => tap(it)}>
            <View className='wb-item__head'>
              <Text className='wb-item__title txt-lg'>{it.title}</Text>
              <Text className={`wb-badge txt-sm ${it.overdue ? 'wb-badge--overdue' : ''}`}>{it.overdue ? '已逾期' : QUEUE_LABELS[it.queue]}</Text>
            </View>
            <Text className='block muted txt-md'>{it.subtitle}</Text>
            {it.priority ? <Text className='block txt-sm' id={`wb-priority-${it.id}`}>优先：就业困难人员或退役军人</Text> : null}
            {it.contentHeld ? <Text className='block wb-held txt-sm' id={`wb-held-${it.id}`}>内容未通过自动检查，请先核对文字再处理</Text> : null}
            <Text className='block muted txt-sm'>
              {it.overdue ? `${QUEUE_LABELS[it.queue]} · ` : ''}
              {it.districtName} · {it.statusLabel}
            </Text>
            <Text className={`block wb-deadline txt-md ${it.overdue ? 'wb-deadline--overdue' : ''}`}>{deadlineText(it)}</Text>
            {open === it.key ? <ItemDetail item={it} onDone={() => { setOpen(null); void load() }} /> : null}
          </View>
        ))}
      </View>

      {inbox?.center ? (
        <CsvExportButton
          id='wb-export'
          look='button'
          label={process.env.TARO_ENV === 'h5' ? '导出待办清单（CSV，姓名已脱敏）' : '生成待办清单文件（CSV，姓名已脱敏）'}
          load={() => workbenchApi.exportCsv({ table: 'inbox', district: district || undefined })}
        />
      ) : null}
    </PageShell>
  )
}
