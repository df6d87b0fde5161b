import { useEffect, useState } from 'react'
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { z } from 'zod'
import type { counsellorListSchema, recognitionQueueSchema, recognitionStaffDetailSchema } from '@doorstep/shared'
import PageShell from '../../../../components/PageShell'
import { client, messageOf } from '../../../../services/api'
import { useSession } from '../../../../store/session'
import StaffOnly from '../../components/StaffOnly'
import './assistance.css'
import { inputId } from '../../../../components/Field'

type Queue = z.infer<typeof recognitionQueueSchema>
type Detail = z.infer<typeof recognitionStaffDetailSchema>
type Counsellors = z.infer<typeof counsellorListSchema>
type Rec = Detail['recognition']

const PAGE = '/packages/staff/pages/assistance/index'
/** Same words as PLAN_STEP_LABELS in shared/src/rules/assistance.ts (kept here so no runtime code of shared is bundled). */
const STEP_KINDS: [string, string][] = [
  ['career_guidance', '职业指导'], ['skills_training', '技能培训'], ['job_referral', '岗位推荐'], ['public_welfare_job', '公益性岗位安置'], ['internship', '就业见习'], ['startup_service', '创业服务'], ['other', '其他帮扶'],
]
const chinaDay = (plusDays = 0) => new Date(Date.now() + 8 * 3600_000 + plusDays * 86400_000).toISOString().slice(0, 10)

/** 认定 with a validity date, or 退回补充 / 不予认定 with a reason. */
function Decide({ detail, onDone }: { detail: Detail; onDone: (r: Rec) => void }) {
  const id = detail.recognition.id
  const [validUntil, setValidUntil] = useState(chinaDay(365))
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const send = async (decision: 'approve' | 'return' | 'reject') => {
    if (decision !== 'approve' && !reason.trim()) return setError('退回或不予认定时请写明原因，申请人会看到')
    try {
      const body = decision === 'approve' ? { decision, validUntil, ...(reason.trim() ? { reason: reason.trim() } : {}) } : { decision, reason: reason.trim() }
      onDone((await client.post<{ recognition: Rec }>(`/api/staff/assistance/recognitions/${id}/decision`, body)).recognition)
    } catch (e) {
      setError(messageOf(e))
    }
  }
  return (
    <View className='card' id='sa-decide'>
      <Text className='as-title txt-lg'>认定</Text>
      <View className='field'>
        <Text className='field__label txt-md'>有效期至（最长 {detail.latestValidUntil}）</Text>
        <Picker mode='date' value={validUntil} start={chinaDay(1)} end={detail.latestValidUntil} onChange={(e) => setValidUntil(e.detail.value)}>
          <View className='input' id='sa-valid'><Text className='txt-md'>{validUntil}</Text></View>
        </Picker>
      </View>
      <View className='field'>
        <Text className='field__label txt-md'>说明 / 原因</Text>
        <Textarea id='sa-reason' className='input' maxlength={200} value={reason} onInput={(e) => setReason(e.detail.value)} />
      </View>
      {error ? <Text className='as-error txt-md' id='sa-error'>{error}</Text> : null}
      <Button id='sa-approve' className='btn btn-primary' onClick={() => void send('approve')}>认定为就业困难人员</Button>
      <Button id='sa-return' className='btn btn-outline' onClick={() => void send('return')}>退回补充</Button>
      <Button id='sa-reject' className='btn btn-danger' onClick={() => void send('reject')}>不予认定</Button>
    </View>
  )
}

/** 一人一策: counsellor, steps with due dates, referrals, follow-ups, completion. */
function Plan({ rec, onDone }: { rec: Rec; onDone: (r: Rec) => void }) {
  const [people, setPeople] = useState<Counsellors['items']>([])
  const [kind, setKind] = useState(0)
  const [title, setTitle] = useState('')
  const [due, setDue] = useState(chinaDay(14))
  const [text, setText] = useState<Record<string, string>>({})
  const [error, setError] = useState('')
  useEffect(() => { void client.get<Counsellors>('/api/staff/assistance/counsellors').then((r) => setPeople(r.items)).catch(() => {}) }, [])
  const post = async (path: string, body: unknown) => {
    try {
      setError('')
      onDone((await client.post<{ recognition: Rec }>(`/api/staff/assistance/recognitions/${rec.id}${path}`, body)).recognition)
    } catch (e) {
      setError(messageOf(e))
    }
  }
  return (
    <View className='card' id='sa-plan'>
      <Text className='as-title txt-lg'>帮扶专人：{rec.counsellor?.name ?? '未指定'}</Text>
      {people.length ? (
        <Picker mode='selector' range={people.map((p) => p.name)} onChange={(e) => void post('/counsellor', { staffId: people[Number(e.detail.value)]!.id })}>
          <View className='btn btn-outline' id='sa-counsellor'><Text className='txt-md'>指定 / 更换帮扶专人</Text></View>
        </Picker>
      ) : null}
      <Text className='as-title txt-lg'>援助计划</Text>
      {rec.plan.map((s) => (
        <View className='as-step' key={s.id} id={`sa-step-${s.id}`}>
          <View className='as-step__head'>
            <Text className='txt-md'>{s.kindLabel}：{s.title}</Text>
            <Text className={`txt-md ${s.status === 'done' ? 'as-done' : s.overdue ? 'as-late' : ''}`}>{s.status === 'done' ? '已办结' : `${s.dueDate} 前`}</Text>
          </View>
          {s.referrals.map((r, i) => <Text className='block txt-sm' key={i}>推荐：{r.employer} · {r.position}（{r.referredOn}）</Text>)}
          {s.followUps.map((f, i) => <Text className='block txt-sm muted' key={i}>跟进：{f.note}（{f.byName ?? ''}）</Text>)}
          {s.status === 'open' ? (
            <View>
              <Input {...inputId(`sa-text-${s.id}`)} className='input' value={text[s.id] ?? ''} maxlength={60} placeholder={s.kind === 'job_referral' ? '单位 / 岗位，如：某物业公司/维修电工' : '跟进情况'} onInput={(e) => setText((x) => ({ ...x, [s.id]: e.detail.value }))} />
              {s.kind === 'job_referral' ? (
                <Button className='btn btn-outline' onClick={() => { const [employer = '', position = ''] = (text[s.id] ?? '').split('/'); void post(`/steps/${s.id}/referrals`, { employer: employer.trim(), position: position.trim(), referredOn: chinaDay() }) }}>登记推荐岗位（已 {s.referrals.length} 个）</Button>
              ) : null}
              <Button className='btn btn-outline' onClick={() => void post(`/steps/${s.id}/follow-ups`, { channel: 'phone', note: (text[s.id] ?? '').trim() })}>记录跟进</Button>
              <Button className='btn btn-primary' onClick={() => void post(`/steps/${s.id}/complete`, {})}>办结这项措施</Button>
            </View>
          ) : null}
        </View>
      ))}
      <View className='field'>
        <Picker mode='selector' range={STEP_KINDS.map((k) => k[1])} value={kind} onChange={(e) => setKind(Number(e.detail.value))}>
          <View className='input' id='sa-kind'><Text className='txt-md'>措施：{STEP_KINDS[kind]![1]}</Text></View>
        </Picker>
        <Input {...inputId('sa-title')} className='input' value={title} maxlength={60} placeholder='这一步做什么' onInput={(e) => setTitle(e.detail.value)} />
        <Picker mode='date' value={due} start={chinaDay()} end={rec.validUntil ?? undefined} onChange={(e) => setDue(e.detail.value)}>
          <View className='input' id='sa-due'><Text className='txt-md'>完成期限：{due}</Text></View>
        </Picker>
      </View>
      {error ? <Text className='as-error txt-md'>{error}</Text> : null}
      <Button id='sa-add-step' className='btn btn-primary' onClick={() => void post('/steps', { kind: STEP_KINDS[kind]![0], title: title.trim(), dueDate: due })}>加入援助计划</Button>
    </View>
  )
}

/** 就业困难人员认定 (staff): the center's applications, and one application (full identifiers, audited) with its plan. */
export default function StaffAssistance() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const id = useRouter().params.id ?? ''
  const [queue, setQueue] = useState<Queue | null>(null)
  const [detail, setDetail] = useState<Detail | null>(null)
  const [error, setError] = useState('')
  useDidShow(() => {
    if (!isStaff) return
    const run = id ? client.get<Detail>(`/api/staff/assistance/recognitions/${id}`).then(setDetail) : client.get<Queue>('/api/staff/assistance/recognitions?status=all').then(setQueue)
    run.catch((e) => setError(messageOf(e)))
  })
  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />
  const changed = (recognition: Rec) => setDetail((d) => (d ? { ...d, recognition } : d))
  return (
    <PageShell>
      {error ? <View className='notice'><Text className='block txt-md'>{error}</Text></View> : null}
      {!id && queue ? (
        <View>
          {queue.items.length === 0 ? <Text className='block txt-md muted'>暂无认定申请</Text> : null}
          {queue.items.map((it) => (
            <View key={it.id} className='card' id={`sa-item-${it.id}`} onClick={() => Taro.navigateTo({ url: `${PAGE}?id=${it.id}` }).catch(() => {})}>
              <Text className='block txt-lg'>{it.nameMasked} · {it.statusLabel}{it.priority ? ' · 优先' : ''}</Text>
              <Text className='block txt-md'>{it.categories.join('、')}</Text>
              <Text className={`block txt-sm ${it.overdue ? 'as-late' : 'muted'}`}>{it.status === 'submitted' ? `期限 ${it.dueDate}` : it.validUntil ? `有效期至 ${it.validUntil}` : ''}{it.dueSteps ? ` · ${it.dueSteps} 项措施到期` : ''}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {id && detail ? (
        <View>
          <View className='card' id='sa-detail'>
            <Text className={`as-badge as-badge--${detail.recognition.status} txt-md`}>{detail.recognition.statusLabel}</Text>
            <Text className='block txt-lg' userSelect>{detail.identity.realName ?? ''} {detail.identity.idNumber ?? ''}</Text>
            <Text className='block txt-md' userSelect>手机 {detail.identity.phone ?? '—'}{detail.identity.veteran ? ' · 退役军人' : ''}</Text>
            {detail.recognition.applied.map((a) => <Text className='block txt-md' key={a.category}>{a.label}：{a.note}</Text>)}
            {detail.identity.declaredHardships.length ? <Text className='block txt-sm muted'>登记时自报：{detail.identity.declaredHardships.join('、')}</Text> : null}
            {detail.recognition.validUntil ? <Text className='block txt-md'>有效期 {detail.recognition.validFrom} 至 {detail.recognition.validUntil}</Text> : null}
          </View>
          {detail.recognition.status === 'submitted' ? <Decide detail={detail} onDone={changed} /> : null}
          {detail.recognition.counts ? <Plan rec={detail.recognition} onDone={changed} /> : null}
        </View>
      ) : null}
    </PageShell>
  )
}
