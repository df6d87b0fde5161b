import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { useSession } from '../../../../store/session'
import { gigApi, type MyApplicationItem } from '../../../../pages/gigs/api'
import { chinaToday, expectedPay, whenText } from '../../../../pages/gigs/format'
import { GIG_PAGES, openGig } from '../../../../pages/gigs/links'
import { callPhone } from '../../../../pages/gigs/place'
import ReportPanel from '../../../../pages/gigs/ReportPanel'
import { AmountPanel, RatingPanel } from '../../../../pages/gigs/SettlementPanels'
import { Badge, Empty, Kv, WorkerOnly } from '../../../../pages/gigs/ui'

const HIRED = ['accepted', 'checked_in', 'completed']

function ApplicationCard({ a, today, reload }: { a: MyApplicationItem; today: string; reload: () => void }) {
  const [reporting, setReporting] = useState(false)
  const [busy, setBusy] = useState(false)
  const hired = HIRED.includes(a.status)
  const s = a.settlement

  const cancel = async () => {
    const { confirm } = await Taro.showModal({ title: '取消报名', content: `确定不去干「${a.gig.title}」了吗？`, confirmText: '取消报名', cancelText: '再想想' })
    if (!confirm) return
    setBusy(true)
    try {
      await gigApi.cancel(a.id)
      Taro.showToast({ title: '已取消报名', icon: 'none' })
      reload()
    } catch {
      // toast shown
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card' id={`app-${a.id}`}>
      <View className='app-item__head'>
        <Text className='app-item__title txt-lg'>{a.gig.title}</Text>
        <Badge id={`app-${a.id}-status`} status={a.status}>
          {a.statusText}
        </Badge>
      </View>
      <Kv k='时间' v={whenText(a.gig, today)} />
      <Kv k='地点' v={a.gig.address} />
      <Kv k='工钱' v={a.gig.payText} />
      {a.employerContact ? (
        <View className='contact' id={`app-${a.id}-contact`}>
          <Text className='block txt-md'>老板：{a.employerContact.name}</Text>
          <Text className='contact__phone txt-xl' id={`app-${a.id}-phone`}>
            {a.employerContact.phone}
          </Text>
          <Button id={`app-${a.id}-call`} className='btn btn-primary btn-small' onClick={() => callPhone(a.employerContact!.phone)}>
            打电话
          </Button>
        </View>
      ) : null}
      {a.status === 'applied' ? <Text className='gig-hint txt-sm' style={{ marginTop: Taro.pxTransform(12) }}>等老板确认；录用后这里会显示老板电话。</Text> : null}
      {s.settled ? (
        <Text className='ok-box txt-md' id={`app-${a.id}-settled`} style={{ marginTop: Taro.pxTransform(16) }}>
          工钱已结清：{s.workerAmount} 元（双方已确认）
        </Text>
      ) : s.workerAmount !== null ? (
        <Text className='gig-hint txt-sm'>你已确认收到 {s.workerAmount} 元，等老板确认。</Text>
      ) : null}

      <View className='btn-row'>
        <Button className='btn btn-outline btn-small' id={`app-${a.id}-open`} onClick={() => openGig(a.gig.id)}>
          看详情
        </Button>
        {a.canCancel ? (
          <Button className='btn btn-danger btn-small' id={`app-${a.id}-cancel`} loading={busy || undefined} onClick={cancel}>
            取消报名
          </Button>
        ) : null}
      </View>

      {a.status === 'completed' && s.workerAmount === null ? (
        <AmountPanel idPrefix={`app-${a.id}`} panelSuffix='pay' title='收到工钱了吗？' label='实际收到（元）' missing='请填写实际收到的金额' button='确认收到' done='已确认收到工钱'
          hint={s.employerAmount !== null ? `老板确认已付 ${s.employerAmount} 元。金额对得上就确认；不对请举报欠薪。` : null}
          prefill={s.employerAmount ?? expectedPay(a.gig)} send={(n) => gigApi.confirmPay(a.id, n, { silent: true })} onDone={reload} />
      ) : null}
      {a.status === 'completed' && !a.ratedEmployer ? (
        <RatingPanel idPrefix={`app-${a.id}`} title='给老板打个分' placeholder='比如：按时结钱，活不累' done='谢谢你的评价' send={(n, c) => gigApi.rate(a.id, n, c, { silent: true })} onDone={reload} />
      ) : null}
      {hired ? (
        reporting ? (
          <ReportPanel gigId={a.gig.id} idPrefix={`app-${a.id}`} hired onDone={() => setReporting(false)} />
        ) : (
          <Text className='list-end txt-sm' id={`app-${a.id}-report-open`} onClick={() => setReporting(true)}>
            被欠薪或信息不实？举报
          </Text>
        )
      ) : null}
    </View>
  )
}

export default function MyGigs() {
  const { loggedIn, user } = useSession()
  const [items, setItems] = useState<MyApplicationItem[] | null>(null)
  const [failed, setFailed] = useState(false)
  const isWorker = loggedIn && user?.activeRole === 'worker'
  const today = chinaToday()

  const load = async () => {
    if (!isWorker) return
    try {
      setItems((await gigApi.mine({ silent: true })).items)
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }
  useDidShow(() => {
    load()
  })
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  if (!loggedIn || !isWorker) return <WorkerOnly loggedIn={loggedIn} loginTitle='登录后查看你的报名' switchTitle='切换到“我要找活”后查看报名' />

  return (
    <PageShell>
      {failed ? <Empty title='没有加载出来' desc='网络不给力，下拉刷新再试试' /> : null}
      {items && !items.length ? (
        <Empty id='my-gigs-empty' title='还没有报名' desc='去零工市场看看附近的活'>
          <Button className='btn btn-primary' onClick={() => Taro.switchTab({ url: GIG_PAGES.tab })}>
            找附近的活
          </Button>
        </Empty>
      ) : null}
      {!items && !failed ? <Text className='list-end txt-md'>正在加载…</Text> : null}
      <View id='my-gigs'>
        {items?.map((a) => (
          <ApplicationCard key={a.id} a={a} today={today} reload={load} />
        ))}
      </View>
    </PageShell>
  )
}
