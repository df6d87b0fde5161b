import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { z } from 'zod'
import type { HouseholdView, myAssistanceSchema } from '@doorstep/shared'
import PageShell from '../../../../components/PageShell'
import { goLogin } from '../../../../services/nav'
import { ApiError, client, messageOf } from '../../../../services/api'
import { useSession } from '../../../../store/session'
import '../../assistance.css'

type MyAssistance = z.infer<typeof myAssistanceSchema>
type Recognition = NonNullable<MyAssistance['recognition']>

const newKey = () => `as-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

/** The person's recognition: status, validity, counsellor (masked, tap to call the center) and the plan. */
function Status({ rec }: { rec: Recognition }) {
  return (
    <View>
      <View className='card' id='as-status'>
        <Text className={`as-badge as-badge--${rec.status} txt-md`}>{rec.statusLabel}</Text>
        {rec.recognised.length ? <Text className='block txt-md'>认定类别：{rec.recognised.map((c) => c.label).join('、')}</Text> : null}
        {rec.validUntil ? <Text className='block txt-md' id='as-valid'>有效期：{rec.validFrom} 至 {rec.validUntil}</Text> : null}
        {rec.status === 'submitted' ? <Text className='block txt-md'>服务中心承诺在 {rec.dueDate} 前办结</Text> : null}
        {rec.decisionReason ? <Text className='block txt-md'>说明：{rec.decisionReason}</Text> : null}
      </View>
      {rec.counsellor ? (
        <View className='card' id='as-counsellor'>
          <Text className='as-title txt-lg'>我的帮扶专人</Text>
          <Text className='block txt-md'>{rec.counsellor.name} · {rec.counsellor.center}</Text>
          {rec.counsellor.phoneMasked ? <Text className='block txt-md muted'>手机 {rec.counsellor.phoneMasked}</Text> : null}
          <Button className='btn btn-outline' id='as-call' aria-label={`拨打${rec.counsellor.center}电话`} onClick={() => Taro.makePhoneCall({ phoneNumber: rec.counsellor!.centerPhone }).catch(() => {})}>
            拨打服务中心电话 {rec.counsellor.centerPhone}
          </Button>
        </View>
      ) : rec.status === 'approved' ? (
        <View className='notice'><Text className='block txt-md'>服务中心将为你指定帮扶专人。</Text></View>
      ) : null}
      {rec.plan.length ? (
        <View className='card' id='as-plan'>
          <Text className='as-title txt-lg'>就业援助计划（一人一策）</Text>
          {rec.plan.map((s) => (
            <View className='as-step' key={s.id} id={`as-step-${s.kind}`}>
              <View className='as-step__head'>
                <Text className='txt-md'>{s.kindLabel}：{s.title}</Text>
                <Text className={`txt-md ${s.status === 'done' ? 'as-done' : s.overdue ? 'as-late' : ''}`}>{s.status === 'done' ? '已完成' : s.overdue ? '已逾期' : '进行中'}</Text>
              </View>
              <Text className='block txt-sm muted'>{s.dueDate} 前完成</Text>
              {s.referrals.map((r, i) => <Text className='block txt-sm' key={i}>推荐岗位：{r.employer} · {r.position}（{r.referredOn}）</Text>)}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** 我的家庭: shown when the person's ID number is a member of a household the center keeps (零就业家庭 动态清零). */
function Household({ h }: { h: HouseholdView }) {
  return (
    <View className='card' id='as-household'>
      <View className='as-head'>
        <Text className='as-title txt-lg'>我的家庭</Text>
        <Text className={`as-badge as-badge--${h.status === 'open' ? 'returned' : 'approved'} txt-sm`}>{h.status === 'open' ? '零就业家庭' : h.status === 'cleared' ? '已清零' : '有人就业'}</Text>
      </View>
      <Text className='block txt-md'>
        {h.status === 'open'
          ? `服务中心已认定你家为零就业家庭（${h.zeroSince} 起，已 ${h.daysAtZero ?? 0} 天），会优先帮助家庭成员就业。家庭成员可以申请「零就业家庭成员」认定。`
          : h.status === 'cleared'
            ? `你家已有成员就业，零就业家庭已清零${h.clearedAt ? `（${new Date(Date.parse(h.clearedAt) + 8 * 3600_000).toISOString().slice(0, 10)}）` : ''}。`
            : '你家登记在服务中心的家庭名册中，已有成员就业。'}
      </Text>
      <Text className='block muted txt-sm'>
        {h.districtName}{h.street} · 家庭成员：{h.members.map((m) => `${m.nameMasked}${m.self || m.employed ? `（${[m.self ? '本人' : '', m.employed ? '已就业' : ''].filter(Boolean).join('，')}）` : ''}`).join('、')}
      </Text>
    </View>
  )
}

/** Apply: categories, one evidence note each, the separate consent. */
function ApplyForm({ mine, onDone }: { mine: MyAssistance; onDone: () => void }) {
  const [picked, setPicked] = useState<string[]>([])
  const [notes, setNotes] = useState<Record<string, string>>({})
  const [consent, setConsent] = useState(false)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [key] = useState(newKey)
  const toggle = (c: string) => setPicked((xs) => (xs.includes(c) ? xs.filter((x) => x !== c) : [...xs, c]))
  const submit = async () => {
    if (!picked.length) return setError('请至少选择一项困难类别')
    if (picked.some((c) => (notes[c] ?? '').trim().length < 2)) return setError('请为每项困难类别写明持有的证明材料')
    if (!consent) return setError('请先同意敏感个人信息处理说明')
    setBusy(true)
    setError('')
    try {
      await client.post('/api/assistance/recognition', {
        categories: picked, evidence: picked.map((c) => ({ category: c, note: notes[c]!.trim() })), sensitiveConsentVersion: mine.consent.version, idempotencyKey: key,
      })
      onDone()
    } catch (e) {
      setError(e instanceof ApiError ? messageOf(e) : '提交失败，请稍后重试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='as-apply'>
      <Text className='as-title txt-lg'>申请就业困难人员认定</Text>
      <Text className='as-hint txt-md'>选择符合的情形，写明你持有的证明材料（证件名称、编号或发证单位），服务中心核验后认定。</Text>
      {mine.categories.map((c) => (
        <View className='as-cat' key={c.category}>
          <Button id={`as-cat-${c.category}`} className={`btn btn--wrap ${picked.includes(c.category) ? 'btn-primary' : 'btn-outline'}`} aria-label={`${picked.includes(c.category) ? '取消' : '选择'}${c.label}`} onClick={() => toggle(c.category)}>
            {picked.includes(c.category) ? '✓ ' : ''}{c.label}
          </Button>
          {picked.includes(c.category) ? (
            <View className='field'>
              <Text className='field__label txt-md'>证明材料：{c.evidence}</Text>
              <Textarea id={`as-note-${c.category}`} className='input' maxlength={200} value={notes[c.category] ?? ''} placeholder='如：残疾人证，编号……' onInput={(e) => setNotes((n) => ({ ...n, [c.category]: e.detail.value }))} />
            </View>
          ) : null}
        </View>
      ))}
      <View className='consent-box'>
        <Text className='block txt-sm'>{mine.consent.text}</Text>
      </View>
      <Button id='as-consent' className={`btn btn--wrap ${consent ? 'btn-primary' : 'btn-outline'}`} onClick={() => setConsent(!consent)}>
        {consent ? '✓ ' : ''}{mine.consent.checkbox}
      </Button>
      {error ? <Text className='as-error txt-md' id='as-error'>{error}</Text> : null}
      <Button id='as-submit' className='btn btn-primary' loading={busy} disabled={busy} onClick={submit}>
        提交认定申请
      </Button>
    </View>
  )
}

/** 就业援助 (worker): apply for 就业困难人员认定, then see the status, the counsellor and the plan. */
export default function AssistancePage() {
  const { loggedIn } = useSession()
  const [mine, setMine] = useState<MyAssistance | null>(null)
  const [state, setState] = useState<'loading' | 'ok' | 'error'>('loading')
  const [household, setHousehold] = useState<HouseholdView | null>(null)
  const load = async () => {
    // Best effort beside the page's own answer: no household (or a failure) shows nothing.
    void client.get<{ household: HouseholdView | null }>('/api/household', { background: true }).then((r) => setHousehold(r.household)).catch(() => undefined)
    try {
      setMine(await client.get<MyAssistance>('/api/assistance'))
      setState('ok')
    } catch {
      setState('error')
    }
  }
  useDidShow(() => { if (loggedIn) void load() })
  usePullDownRefresh(() => { void load().finally(() => Taro.stopPullDownRefresh()) })

  if (!loggedIn) {
    return (
      <PageShell>
        <View className='notice'>
          <Text className='block txt-md'>请先登录，再申请就业援助。</Text>
          <Button className='btn btn-primary' onClick={goLogin}>登录</Button>
        </View>
      </PageShell>
    )
  }
  return (
    <PageShell>
      <View className='hero'>
        <Text className='hero__title txt-xl'>就业援助</Text>
        <Text className='hero__sub txt-md'>就业困难人员认定 · 专人帮扶 · 一人一策</Text>
      </View>
      {state === 'loading' ? <Text className='block txt-md muted'>加载中…</Text> : null}
      {state === 'error' ? <View className='notice'><Text className='block txt-md'>加载失败，请下拉刷新重试</Text></View> : null}
      {household ? <Household h={household} /> : null}
      {mine?.recognition ? <Status rec={mine.recognition} /> : null}
      {mine && mine.canApply ? <ApplyForm mine={mine} onDone={() => void load()} /> : null}
      {mine && !mine.canApply && !mine.recognition ? <View className='notice' id='as-cannot'><Text className='block txt-md'>{mine.cannotApplyReason}</Text></View> : null}
    </PageShell>
  )
}
