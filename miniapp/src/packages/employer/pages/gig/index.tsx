import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { goPage } from '../../../../services/nav'
import { chinaTimeText, chinaToday, expectedPay, ratingText, seatsText, SETTLEMENT_LABEL, whenText } from '../../../../pages/gigs/format'
import { EMPLOYER_PAGES } from '../../../../pages/gigs/links'
import { callPhone } from '../../../../pages/gigs/place'
import { Badge, Empty, Kv, Marks, Pay } from '../../../../pages/gigs/ui'
import { AmountPanel, RatingPanel } from '../../../../pages/gigs/SettlementPanels'
import { employerApi, type Applicant, type ApplicantAction, type EmployerGig, type EmployerGigDetail } from '../../api'

const GIG_STATUS_TEXT: Record<string, string> = { open: '招工中', review: '等经办人员审核', closed: '已结束', rejected: '审核未通过' }
const ACTION_TEXT: Record<ApplicantAction, string> = { accept: '已录用', decline: '已婉拒', 'check-in': '已登记到岗', complete: '已确认完工' }
const HIRED = ['accepted', 'checked_in', 'completed']
/** The same states in the employer's words (the server's labels speak to the worker). */
const APPLICANT_STATUS: Record<string, string> = { applied: '等你确认', accepted: '已录用', declined: '已婉拒', cancelled: '已取消', checked_in: '已到岗', completed: '已完工' }

function ApplicantCard({ a, g, reload }: { a: Applicant; g: EmployerGig; reload: () => void }) {
  const [busy, setBusy] = useState<ApplicantAction | null>(null)
  const act = async (action: ApplicantAction) => {
    if (busy) return
    if (action === 'decline') {
      const { confirm } = await Taro.showModal({ title: '婉拒', content: `确定不录用 ${a.workerName} 吗？`, confirmText: '婉拒', cancelText: '再想想' })
      if (!confirm) return
    }
    setBusy(action)
    try {
      await employerApi.act(a.id, action)
      Taro.showToast({ title: ACTION_TEXT[action], icon: 'none' })
    } catch {
      // toast shown (人已经招满了 / 已处理过)
    } finally {
      setBusy(null)
      reload()
    }
  }
  const btn = (action: ApplicantAction, label: string, cls: string) => (
    <Button id={`appl-${a.id}-${action}`} className={`btn ${cls} btn-small`} loading={busy === action || undefined} onClick={() => act(action)}>
      {label}
    </Button>
  )
  const s = a.settlement
  return (
    <View className='card' id={`appl-${a.id}`}>
      <View className='app-item__head'>
        <Text className='app-item__title txt-lg'>
          {a.workerName}
          {a.elder ? '（银龄）' : ''}
        </Text>
        <Badge id={`appl-${a.id}-status`} status={a.status}>
          {APPLICANT_STATUS[a.status] ?? a.statusText}
        </Badge>
      </View>
      <Kv k='评价' v={ratingText(a.rating, '新师傅，暂无评价')} />
      {a.distanceText ? <Kv k='住得离这' v={a.distanceText} /> : null}
      <Kv k='报名时间' v={chinaTimeText(a.appliedAt)} />
      {a.phone && HIRED.includes(a.status) ? (
        <View className='contact' id={`appl-${a.id}-contact`}>
          <Text className='contact__phone txt-xl' id={`appl-${a.id}-phone`}>
            {a.phone}
          </Text>
          <Button id={`appl-${a.id}-call`} className='btn btn-primary btn-small' onClick={() => callPhone(a.phone!)}>
            打电话
          </Button>
        </View>
      ) : a.status === 'applied' ? (
        <Text className='gig-hint txt-sm'>录用后能看到师傅的完整电话。</Text>
      ) : null}
      {HIRED.includes(a.status) ? (
        <Button
          id={`appl-${a.id}-employment`}
          className='btn btn-outline btn-small'
          onClick={() => goPage(`${EMPLOYER_PAGES.employments}?applicationId=${a.id}&name=${encodeURIComponent(a.workerName)}`)}
        >
          办理就业登记
        </Button>
      ) : null}
      {a.status === 'applied' ? (
        <View className='btn-row'>
          {btn('accept', '录用', 'btn-primary')}
          {btn('decline', '婉拒', 'btn-plain')}
        </View>
      ) : null}
      {a.status === 'accepted' ? (
        <View className='btn-row'>
          {btn('check-in', '登记到岗', 'btn-outline')}
          {btn('complete', '确认完工', 'btn-primary')}
        </View>
      ) : null}
      {a.status === 'checked_in' ? <View className='btn-row'>{btn('complete', '确认完工', 'btn-primary')}</View> : null}
      {s.settled ? (
        <Text className='ok-box txt-md' id={`appl-${a.id}-settled`} style={{ marginTop: Taro.pxTransform(16) }}>
          工钱已结清：{s.employerAmount} 元（双方已确认）
        </Text>
      ) : s.employerAmount !== null ? (
        <Text className='gig-hint txt-sm'>你已确认付 {s.employerAmount} 元，等师傅确认。</Text>
      ) : null}
      {a.status === 'completed' && s.employerAmount === null ? (
        <AmountPanel idPrefix={`appl-${a.id}`} panelSuffix='settle' title='确认已付工钱' label='实付金额（元）' missing='请填写实际付给师傅的金额' button='确认已付' done='已确认付款'
          hint={s.workerAmount !== null ? `师傅确认收到 ${s.workerAmount} 元。` : null}
          prefill={s.workerAmount ?? expectedPay(g)} send={(n) => employerApi.settle(a.id, n, { silent: true })} onDone={reload} />
      ) : null}
      {a.status === 'completed' && !a.ratedWorker ? (
        <RatingPanel idPrefix={`appl-${a.id}`} title='给师傅打个分' placeholder='比如：干活利索，准时' done='已评价' send={(n, c) => employerApi.rate(a.id, n, c, { silent: true })} onDone={reload} />
      ) : null}
    </View>
  )
}

/** One of my gigs: its state, the applicants (accept / decline / check-in / complete / settle / rate), close or repost. */
export default function EmployerGigPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [d, setD] = useState<EmployerGigDetail | null>(null)
  const [missing, setMissing] = useState(false)
  const [closing, setClosing] = useState(false)
  const today = chinaToday()

  const load = async () => {
    try {
      setD(await employerApi.gig(id, { silent: true }))
    } catch {
      setMissing(true)
    }
  }
  useDidShow(() => {
    load()
  })
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  const close = async () => {
    const { confirm } = await Taro.showModal({ title: '停止招工', content: '停止后不再接受报名，还没处理的报名会自动婉拒。', confirmText: '停止招工', cancelText: '再想想' })
    if (!confirm) return
    setClosing(true)
    try {
      await employerApi.close(id)
      Taro.showToast({ title: '已停止招工', icon: 'none' })
      await load()
    } catch {
      // toast shown
    } finally {
      setClosing(false)
    }
  }

  if (missing) return <PageShell><Empty title='这个零工找不到了' /></PageShell>
  if (!d) return <PageShell><Text className='list-end txt-md'>正在加载…</Text></PageShell>
  const g = d.gig
  const waiting = d.applicants.filter((a) => a.status === 'applied').length

  return (
    <PageShell>
      <View className='card detail-head' id='emp-gig'>
        <View className='app-item__head'>
          <Text className='app-item__title txt-xl' id='emp-gig-title'>
            {g.title}
          </Text>
          <Badge id='emp-gig-status' status={g.status}>
            {GIG_STATUS_TEXT[g.status] ?? g.status}
          </Badge>
        </View>
        <Marks g={g} />
        <View className='where' style={{ marginTop: Taro.pxTransform(8) }}>
          <Pay amount={g.payAmount} unit={g.payUnit} big />
          <Text className='txt-md muted'>{SETTLEMENT_LABEL[g.settlement]}</Text>
        </View>
        <Kv k='时间' v={whenText(g, today)} />
        <Kv k='人数' v={`${seatsText(g)}（已录用 ${g.filled}）`} id='emp-gig-seats' />
        <Kv k='地点' v={g.address} />
        <Kv k='联系人' v={`${g.contactName} ${g.contactPhone}`} />
        {g.urgent && g.status === 'open' ? <Kv k='即时快招' v={`已通知附近 ${g.notifiedWorkers} 位师傅`} /> : null}
        {g.reviewNote ? <Text className='bad-box txt-md'>审核意见：{g.reviewNote}</Text> : null}
        {g.status === 'review' ? <Text className='gig-hint txt-sm'>用人单位审核通过前，零工要经办人员审核后才上架。</Text> : null}
        <View className='btn-row'>
          <Button id='emp-gig-repost' className='btn btn-outline btn-small' onClick={() => goPage(`${EMPLOYER_PAGES.post}?from=${g.id}`)}>
            再发一次
          </Button>
          {g.status === 'open' || g.status === 'review' ? (
            <Button id='emp-gig-close' className='btn btn-danger btn-small' loading={closing || undefined} onClick={close}>
              停止招工
            </Button>
          ) : null}
        </View>
      </View>

      <View className='list-head'>
        <Text className='list-head__title txt-lg' id='emp-applicants-title'>
          报名的师傅 {d.applicants.length} 人{waiting ? `（${waiting} 人等你确认）` : ''}
        </Text>
      </View>
      {!d.applicants.length ? <Empty id='emp-no-applicants' title='还没有人报名' desc='有人报名会发到「消息」里。可以把工钱写清楚、选“即时快招”，来得更快。' /> : null}
      <View id='emp-applicants'>
        {d.applicants.map((a) => (
          <ApplicantCard key={a.id} a={a} g={g} reload={load} />
        ))}
      </View>
    </PageShell>
  )
}
