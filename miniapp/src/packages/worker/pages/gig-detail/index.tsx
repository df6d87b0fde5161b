import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import RoleSwitch from '../../../../components/RoleSwitch'
import { goLogin, goPage } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { gigApi, type GigDetail, type LatLng } from '../../../../pages/gigs/api'
import { chinaToday, ratingText, seatsText, SETTLEMENT_LABEL, whenText } from '../../../../pages/gigs/format'
import { GIG_PAGES } from '../../../../pages/gigs/links'
import { callPhone, navigateTo } from '../../../../pages/gigs/place'
import ReportPanel from '../../../../pages/gigs/ReportPanel'
import { Badge, Empty, Kv, Marks, Pay } from '../../../../pages/gigs/ui'
import { taps } from '../../../../services/subscribe'

const KIND_LABEL: Record<string, string> = { enterprise: '企业', individual_business: '个体工商户', household: '个人雇主' }
const HIRED = ['accepted', 'checked_in', 'completed']

function pointFrom(params: Record<string, string | undefined>): LatLng | null {
  const lat = Number(params.lat)
  const lng = Number(params.lng)
  return params.lat && params.lng && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null
}

export default function GigDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const at = pointFrom(params)
  const { loggedIn, user } = useSession()
  const [g, setG] = useState<GigDetail | null>(null)
  const [missing, setMissing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [reporting, setReporting] = useState(false)
  const today = chinaToday()

  const load = async () => {
    try {
      setG(await gigApi.detail(id, at, { silent: true }))
      setMissing(false)
    } catch {
      setMissing(true)
    }
  }
  useDidShow(() => {
    load()
  })

  // The tap asks for 订阅消息 first (synchronously, as WeChat requires), then applies.
  const apply = () => (busy || !g ? undefined : taps.applyGig(applyNow))
  const applyNow = async () => {
    if (busy || !g) return
    setBusy(true)
    try {
      const app = await gigApi.apply(g.id)
      setG({ ...g, myApplication: app })
      Taro.showToast({ title: '报名成功，等老板确认', icon: 'none', duration: 2500 })
    } catch {
      load() // full or closed meanwhile: show the current state
    } finally {
      setBusy(false)
    }
  }

  const cancel = async () => {
    const app = g?.myApplication
    if (busy || !app) return
    const { confirm } = await Taro.showModal({ title: '取消报名', content: '确定不去干这个活了吗？', confirmText: '取消报名', cancelText: '再想想' })
    if (!confirm) return
    setBusy(true)
    try {
      await gigApi.cancel(app.id)
      Taro.showToast({ title: '已取消报名', icon: 'none' })
      await load()
    } catch {
      // toast shown
    } finally {
      setBusy(false)
    }
  }

  if (missing) {
    return (
      <PageShell>
        <Empty id='gig-missing' title='这个活找不到了' desc='可能已经停止招工，看看附近别的活吧'>
          <Button className='btn btn-outline' onClick={() => Taro.switchTab({ url: GIG_PAGES.tab })}>
            看看附近的活
          </Button>
        </Empty>
      </PageShell>
    )
  }
  if (!g) {
    return (
      <PageShell>
        <Text className='list-end txt-md'>正在加载…</Text>
      </PageShell>
    )
  }

  const app = g.myApplication
  const active = app && app.status !== 'cancelled'
  const contact = app?.employerContact
  const isWorker = loggedIn && user?.activeRole === 'worker'
  const canApply = g.status === 'open' && g.remaining > 0

  return (
    <PageShell>
      <View className='card detail-head' id='gig-detail'>
        <Text className='detail-title txt-xl' id='gig-title'>
          {g.title}
        </Text>
        <Marks g={g} />
        <View className='where' style={{ marginTop: Taro.pxTransform(8) }}>
          <Pay amount={g.payAmount} unit={g.payUnit} big />
          <Text className='txt-md muted'>{SETTLEMENT_LABEL[g.settlement]}</Text>
        </View>
        <Kv k='工种' v={g.category} />
        <Kv k='时间' v={whenText(g, today)} id='gig-when' />
        <Kv k='人数' v={seatsText(g)} />
        <Kv k='地点' v={g.address} />
        {g.distanceText ? <Kv k='离你' v={g.distanceText} id='gig-distance' /> : null}
        <Button id='gig-navigate' className='btn btn-plain btn-small' onClick={() => navigateTo({ lat: g.lat, lng: g.lng, name: g.title, address: g.address })}>
          导航过去
        </Button>
      </View>

      <View className='card' id='gig-action'>
        {!loggedIn ? (
          <View>
            <Text className='block txt-md'>登录后就能报名</Text>
            <Button id='gig-login' className='btn btn-primary' onClick={goLogin}>
              登录 / 注册
            </Button>
          </View>
        ) : !isWorker ? (
          <View>
            <Text className='block txt-md' style={{ marginBottom: Taro.pxTransform(16) }}>
              切换到“我要找活”才能报名
            </Text>
            <RoleSwitch idPrefix='gig-role-' />
          </View>
        ) : active && app ? (
          <View id='gig-applied'>
            <View className='where'>
              <Text className='txt-lg' style={{ fontWeight: 700 }}>
                我的报名
              </Text>
              <Badge id='gig-app-status' status={app.status}>
                {app.statusText}
              </Badge>
            </View>
            {app.status === 'applied' ? <Text className='gig-hint txt-sm'>老板确认后结果会发到「消息」里，录用后能看到老板电话。</Text> : null}
            {HIRED.includes(app.status) && !contact ? <Text className='gig-hint txt-sm'>已录用，按时到岗。</Text> : null}
            <View className='btn-row'>
              {app.canCancel ? (
                <Button id='gig-cancel' className='btn btn-danger btn-small' loading={busy || undefined} onClick={cancel}>
                  取消报名
                </Button>
              ) : null}
              <Button id='gig-go-mine' className='btn btn-outline btn-small' onClick={() => goPage(GIG_PAGES.mine)}>
                我的报名
              </Button>
            </View>
          </View>
        ) : (
          <View>
            {app?.status === 'cancelled' ? <Text className='gig-hint txt-sm'>你取消过这个报名，可以再报一次。</Text> : null}
            <Button id='gig-apply' className={`btn btn-primary ${canApply ? '' : 'btn--disabled'}`} disabled={!canApply || undefined} loading={busy || undefined} onClick={apply}>
              {canApply ? '马上报名' : g.status === 'open' ? '人已招满' : '已停止招工'}
            </Button>
            <Text className='gig-hint txt-sm' style={{ marginTop: Taro.pxTransform(12) }}>
              报名不收任何费用。要求交押金、培训费的，请举报。
            </Text>
          </View>
        )}
      </View>

      {g.requirements ? (
        <View className='card'>
          <Text className='block-title txt-lg'>要求</Text>
          <Text className='block txt-md'>{g.requirements}</Text>
        </View>
      ) : null}

      <View className='card' id='gig-employer'>
        <Text className='block-title txt-lg'>用人方</Text>
        <Kv k='名称' v={g.employerName} />
        <Kv k='类型' v={KIND_LABEL[g.employerKind] ?? g.employerKind} />
        <Kv k='评价' v={ratingText(g.employerRating)} />
        {g.commitment ? (
          <Text className='gig-hint txt-sm' id='gig-commitment-note' style={{ marginTop: Taro.pxTransform(12) }}>
            承诺制：该用人方由经办人书面承诺信息真实，经办人员正在核实。
          </Text>
        ) : null}
        {contact ? (
          <View className='contact' id='gig-contact'>
            <Text className='block txt-md'>联系人：{contact.name}</Text>
            <Text className='contact__phone txt-xl' id='gig-contact-phone'>
              {contact.phone}
            </Text>
            <Button id='gig-call' className='btn btn-primary btn-small' onClick={() => callPhone(contact.phone)}>
              打电话
            </Button>
          </View>
        ) : (
          <View>
            <Kv k='联系人' v={`${g.contactName} ${g.contactPhoneMasked}`} />
            <Text className='gig-hint txt-sm'>老板录用你以后，这里显示完整电话。</Text>
          </View>
        )}
      </View>

      {isWorker ? (
        reporting ? (
          <View className='card'>
            <ReportPanel gigId={g.id} idPrefix='gig' hired={Boolean(app && HIRED.includes(app.status))} onDone={() => setReporting(false)} />
          </View>
        ) : (
          <Text className='list-end txt-sm' id='gig-report-open' onClick={() => setReporting(true)}>
            信息不实？举报这条用工信息
          </Text>
        )
      ) : null}
    </PageShell>
  )
}
