import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import RoleSwitch from '../../../../components/RoleSwitch'
import { goLogin, goPage } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { chinaToday, whenText } from '../../../../pages/gigs/format'
import { EMPLOYER_PAGES } from '../../../../pages/gigs/links'
import { Badge, Empty, Marks, Pay } from '../../../../pages/gigs/ui'
import { employerApi, type EmployerGig, type EmployerView } from '../../api'

const GIG_STATUS_TEXT: Record<string, string> = { open: '招工中', review: '审核中', closed: '已结束', rejected: '未通过' }
const EMPLOYER_STATUS_TEXT: Record<string, string> = { pending: '审核中', commitment: '承诺制 · 可发布', verified: '已认证', rejected: '未通过' }

function ProfileCard({ e }: { e: EmployerView }) {
  return (
    <View className='card' id='employer-profile'>
      <View className='app-item__head'>
        <Text className='app-item__title txt-lg'>{e.name}</Text>
        <Badge id='employer-status' status={e.status}>
          {EMPLOYER_STATUS_TEXT[e.status] ?? e.status}
        </Badge>
      </View>
      {e.status === 'pending' ? (
        <Text className='gig-hint txt-sm' style={{ marginTop: Taro.pxTransform(8) }}>
          经办人员会在 3 个工作日内（{e.reviewDeadline} 前）审核。审核前发布的零工，审核通过后上架。
        </Text>
      ) : null}
      {e.status === 'commitment' ? (
        <Text className='gig-hint txt-sm' style={{ marginTop: Taro.pxTransform(8) }}>
          按承诺制登记：现在就能发布，零工上会标“承诺制”；经办人员会在 {e.reviewDeadline} 前核实。
        </Text>
      ) : null}
      {e.status === 'rejected' ? (
        <Text className='bad-box txt-md' style={{ marginTop: Taro.pxTransform(8) }}>
          审核未通过：{e.rejectReason}。请修改登记信息后重新提交。
        </Text>
      ) : null}
      <Text className='link txt-md' id='employer-edit' onClick={() => goPage(EMPLOYER_PAGES.onboard)} style={{ color: '#1557b0', marginTop: Taro.pxTransform(8), display: 'block' }}>
        查看 / 修改登记信息 ›
      </Text>
    </View>
  )
}

function GigRow({ g, today }: { g: EmployerGig; today: string }) {
  return (
    <View className='card gig-card' id={`emp-gig-${g.id}`} hoverClass='card--pressed' onClick={() => goPage(`${EMPLOYER_PAGES.gig}?id=${g.id}`)}>
      <View className='gig-card__top'>
        <Text className='gig-card__title txt-lg'>{g.title}</Text>
        <Badge status={g.status}>{GIG_STATUS_TEXT[g.status] ?? g.status}</Badge>
      </View>
      <Marks g={g} />
      <Text className='gig-card__line txt-md'>{whenText(g, today)}</Text>
      <View className='gig-card__where'>
        <Text className='gig-card__addr txt-md'>
          报名 {g.applicantCount} 人 · 已录用 {g.filled}/{g.headcount}
        </Text>
        <Pay amount={g.payAmount} unit={g.payUnit} />
      </View>
    </View>
  )
}

/** 招工管理: onboarding state, 发布零工, and the employer's own gigs. */
export default function EmployerHome() {
  const { loggedIn, user } = useSession()
  const isEmployer = loggedIn && user?.activeRole === 'employer'
  const [profile, setProfile] = useState<EmployerView | null | undefined>(undefined)
  const [gigs, setGigs] = useState<EmployerGig[]>([])
  const [failed, setFailed] = useState(false)
  const today = chinaToday()

  const load = async () => {
    if (!isEmployer) return
    try {
      const [p, list] = await Promise.all([employerApi.profile({ silent: true }), employerApi.gigs({ silent: true })])
      setProfile(p.employer)
      setGigs(list.items)
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

  return (
    <PageShell>
      <View className='hero' id='employer-landing'>
        <Text className='hero__title txt-xl'>招工管理</Text>
        <Text className='hero__sub txt-md'>发布零工、查看报名的人</Text>
      </View>
      {!loggedIn ? (
        <View className='card'>
          <Text className='block txt-lg'>请先登录，再发布用工信息</Text>
          <Button className='btn btn-primary' onClick={goLogin}>
            登录 / 注册
          </Button>
        </View>
      ) : !isEmployer ? (
        <View className='card'>
          <Text className='block txt-lg' style={{ marginBottom: Taro.pxTransform(16) }}>
            切换到“我要招人”后可以管理招工
          </Text>
          <RoleSwitch idPrefix='employer-role-' />
        </View>
      ) : failed ? (
        <Empty title='没有加载出来' desc='网络不给力，下拉刷新再试试' />
      ) : profile === undefined ? (
        <Text className='list-end txt-md'>正在加载…</Text>
      ) : profile === null ? (
        <View className='card' id='employer-need-onboard'>
          <Text className='block-title txt-lg'>先登记用人主体</Text>
          <Text className='gig-hint txt-md'>企业、个体工商户、个人雇主（比如家里请保洁）都可以登记。初创企业和个人雇主可以选“承诺制”，登记后马上能发布。</Text>
          <Button id='employer-onboard' className='btn btn-primary' onClick={() => goPage(EMPLOYER_PAGES.onboard)}>
            去登记
          </Button>
        </View>
      ) : (
        <View>
          <ProfileCard e={profile} />
          {profile.status !== 'rejected' ? (
            <Button id='employer-post' className='btn btn-primary' onClick={() => goPage(EMPLOYER_PAGES.post)} style={{ marginBottom: Taro.pxTransform(24), marginTop: 0 }}>
              发布零工
            </Button>
          ) : null}
          <Button id='employer-vacancies' className='btn btn-outline' onClick={() => goPage('/packages/employer/pages/vacancies/index')} style={{ marginBottom: Taro.pxTransform(24), marginTop: 0 }}>
            全职、兼职岗位（发布、看投递）
          </Button>
          <Button id='employer-employments' className='btn btn-outline' onClick={() => goPage(EMPLOYER_PAGES.employments)} style={{ marginBottom: Taro.pxTransform(24), marginTop: 0 }}>
            就业登记（录用了人在这里办）
          </Button>
          <View className='list-head'>
            <Text className='list-head__title txt-lg'>我发布的零工</Text>
            <Text className='muted txt-sm'>{gigs.length} 条</Text>
          </View>
          {!gigs.length ? <Empty id='employer-no-gigs' title='还没有发布过' desc='发一条试试：一分钟填完，附近的师傅马上能看到' /> : null}
          <View id='employer-gigs'>
            {gigs.map((g) => (
              <GigRow key={g.id} g={g} today={today} />
            ))}
          </View>
        </View>
      )}
    </PageShell>
  )
}
