import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { messageOf } from '../../../../services/api'
import { goLogin, goPage, PAGES } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { Chip, Empty, TextField } from '../../../../pages/gigs/ui'
import { JOB_PAGES, jobsApi, type Recommended, type RecommendedList, type VacancyView } from '../../api'
import '../../jobs.css'

function VacancyCard({ v, reason, referred, applied }: { v: VacancyView; reason?: string; referred?: boolean; applied?: boolean }) {
  return (
    <View id={`jb-vac-${v.id}`} className='card jb-card' hoverClass='card--pressed' onClick={() => goPage(`${JOB_PAGES.detail}?id=${v.id}`)} ariaRole='link' ariaLabel={v.title}>
      <View className='jb-head'>
        <Text className='jb-title txt-lg'>{v.title}</Text>
        <Text className={`jb-badge jb-badge--${applied ? 'applied' : 'open'} txt-sm`}>{applied ? '已投递' : referred ? '中心推荐' : v.kindLabel}</Text>
      </View>
      <Text className='jb-pay txt-lg'>{v.payText}</Text>
      <Text className='jb-line txt-md'>{v.employerName}</Text>
      <Text className='jb-line txt-md'>
        {v.districtName ? `${v.districtName} · ` : ''}
        {v.hours}
      </Text>
      {reason ? <Text className='jb-reason txt-md'>{reason}</Text> : null}
    </View>
  )
}

/** 找工作: recommendations from the person's registration (with why), or every open vacancy by occupation. */
export default function JobsPage() {
  const { loggedIn, user } = useSession()
  const isWorker = loggedIn && user?.activeRole === 'worker'
  const [tab, setTab] = useState<'rec' | 'all'>(isWorker ? 'rec' : 'all')
  const [rec, setRec] = useState<RecommendedList | null>(null)
  const [all, setAll] = useState<VacancyView[] | null>(null)
  const [q, setQ] = useState('')
  const [error, setError] = useState('')

  const load = async (which = tab) => {
    try {
      if (which === 'rec') setRec(await jobsApi.recommended({ silent: true }))
      else setAll((await jobsApi.list({ occupation: q.trim() || undefined }, { silent: true })).items)
      setError('')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useDidShow(() => {
    if (tab === 'all' || isWorker) void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  const switchTo = (t: 'rec' | 'all') => {
    setTab(t)
    if (t === 'all' || isWorker) void load(t)
  }

  return (
    <PageShell>
      <View className='hero'>
        <Text className='hero__title txt-xl'>找工作</Text>
        <Text className='hero__sub txt-md'>全职、兼职岗位；单位都经过核验，工资不低于本市最低工资</Text>
      </View>
      <View className='jb-tabs'>
        <Chip id='jb-tab-rec' on={tab === 'rec'} onClick={() => switchTo('rec')}>
          为我推荐
        </Chip>
        <Chip id='jb-tab-all' on={tab === 'all'} onClick={() => switchTo('all')}>
          全部岗位
        </Chip>
      </View>
      {error ? (
        <View className='notice'>
          <Text className='block txt-md'>{error}</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {tab === 'rec' && !isWorker ? (
        <Empty id='jb-login' title={loggedIn ? '切换到“我要找活”后查看推荐' : '登录后按你的登记推荐岗位'}>
          {!loggedIn ? (
            <Button className='btn btn-primary' onClick={goLogin}>
              登录 / 注册
            </Button>
          ) : null}
        </Empty>
      ) : null}
      {tab === 'rec' && isWorker ? (
        <View id='jb-rec'>
          {!rec && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
          {rec?.basis.hint ? (
            <View className='notice' id='jb-hint'>
              <Text className='block txt-md'>{rec.basis.hint}</Text>
              <Button className='btn btn-outline' onClick={() => goPage(PAGES.registration)}>
                去填写登记信息
              </Button>
            </View>
          ) : null}
          {rec && !rec.items.length ? <Empty id='jb-rec-empty' title='暂时没有和你意向相符的岗位' desc='可以看看“全部岗位”，或在登记信息里补充意向职业和技能' /> : null}
          {rec?.items.map((v: Recommended) => <VacancyCard key={v.id} v={v} reason={v.reason} referred={!!v.referral} applied={v.applied} />)}
        </View>
      ) : null}
      {tab === 'all' ? (
        <View id='jb-all'>
          <TextField id='jb-q' label='找什么工作' value={q} onInput={setQ} maxlength={20} placeholder='比如：保洁、电工、厨师' suffix={<Button className='btn btn-primary jb-search' id='jb-search' onClick={() => void load('all')}>搜索</Button>} />
          {!all && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
          {all && !all.length ? <Empty id='jb-all-empty' title='没有找到在招的岗位' desc='换个词试试，或看看零工' /> : null}
          {all?.map((v) => <VacancyCard key={v.id} v={v} />)}
        </View>
      ) : null}
      {isWorker ? (
        <Button id='jb-mine' className='btn btn-outline' onClick={() => goPage(JOB_PAGES.mine)}>
          我的投递和面试邀请
        </Button>
      ) : null}
    </PageShell>
  )
}
