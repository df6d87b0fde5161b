import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import RatingBox from '../../../../components/RatingBox'
import { messageOf } from '../../../../services/api'
import { confirm } from '../../../../services/dialog'
import { goPage } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { callPhone } from '../../../../pages/gigs/place'
import { Empty, WorkerOnly } from '../../../../pages/gigs/ui'
import { JOB_PAGES, jobsApi, type MyApplication, type ReferralView } from '../../api'
import '../../jobs.css'

/** The person's applications with each employer's answer (面试 time and place, 录用, 不合适), and the center's referrals to rate. */
export default function MyJobsPage() {
  const { loggedIn, user } = useSession()
  const isWorker = loggedIn && user?.activeRole === 'worker'
  const [items, setItems] = useState<MyApplication[] | null>(null)
  const [refs, setRefs] = useState<ReferralView[]>([])
  const [error, setError] = useState('')
  const [busy, setBusy] = useState('')

  const load = async () => {
    try {
      const [mine, referrals] = await Promise.all([jobsApi.mine({ silent: true }), jobsApi.referrals({ silent: true })])
      setItems(mine.items)
      setRefs(referrals.items)
      setError('')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useDidShow(() => {
    if (isWorker) void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  if (!isWorker) return <WorkerOnly loggedIn={loggedIn} loginTitle='登录后查看你的投递' switchTitle='切换到“我要找活”后查看投递' />

  const withdraw = async (a: MyApplication) => {
    if (!(await confirm('撤回投递', `确定撤回「${a.vacancy.title}」的投递吗？`, '撤回'))) return
    setBusy(a.id)
    try {
      await jobsApi.withdraw(a.id)
      await Taro.showToast({ title: '已撤回', icon: 'none' })
    } catch {
      /* shown by the api */
    } finally {
      setBusy('')
      void load()
    }
  }
  const rateable = refs.filter((r) => r.outcome === 'hired' || r.outcome === 'rejected' || r.outcome === 'closed')

  return (
    <PageShell>
      <View className='hero' id='jb-mine-page'>
        <Text className='hero__title txt-xl'>我的求职</Text>
        <Text className='hero__sub txt-md'>单位答复后会通知你；面试时间、地点在这里</Text>
      </View>
      {error ? (
        <View className='notice'>
          <Text className='block txt-md'>{error}</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!items && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {items && !items.length ? <Empty id='jb-mine-empty' title='还没有投递过岗位' /> : null}
      {items?.map((a) => (
        <View key={a.id} id={`jb-app-${a.id}`} className='card jb-card'>
          <View className='jb-head'>
            <Text className='jb-title txt-lg' onClick={() => goPage(`${JOB_PAGES.detail}?id=${a.vacancy.id}`)}>
              {a.vacancy.title}
            </Text>
            <Text className={`jb-badge jb-badge--${a.status} txt-sm`} id={`jb-app-status-${a.id}`}>
              {a.statusLabel}
            </Text>
          </View>
          <Text className='jb-line txt-md'>
            {a.vacancy.employerName} · {a.vacancy.payText}
          </Text>
          {a.interview ? (
            <View className='jb-interview' id={`jb-interview-${a.id}`}>
              <Text className='block txt-md'>面试时间：{a.interview.at}</Text>
              <Text className='block txt-md'>面试地点：{a.interview.place}</Text>
              {a.interview.note ? <Text className='block txt-md'>单位说：{a.interview.note}</Text> : null}
            </View>
          ) : null}
          {a.answerNote && !a.interview ? <Text className='jb-line txt-md'>单位说：{a.answerNote}</Text> : null}
          {a.contact ? (
            <Button id={`jb-call-${a.id}`} className='btn btn-outline' onClick={() => callPhone(a.contact!.phone)}>
              打电话给 {a.contact.name}（{a.contact.phone}）
            </Button>
          ) : null}
          {a.canWithdraw ? (
            <Button id={`jb-withdraw-${a.id}`} className='btn btn-plain' loading={busy === a.id || undefined} onClick={() => void withdraw(a)}>
              撤回投递
            </Button>
          ) : null}
        </View>
      ))}
      {rateable.length ? <Text className='section-title txt-lg'>服务中心的岗位推荐</Text> : null}
      {rateable.map((r) => (
        <View key={r.id} className='card' id={`jb-ref-${r.id}`}>
          <Text className='jb-line txt-md'>
            {r.staffName} 推荐了「{r.vacancy.title}」：{r.outcomeLabel}
          </Text>
          <RatingBox kind='referral' caseId={r.id} title='评价这次岗位推荐' />
        </View>
      ))}
      <Button id='jb-more' className='btn btn-outline' onClick={() => goPage(JOB_PAGES.list)}>
        看更多岗位
      </Button>
    </PageShell>
  )
}
