import { useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import Timeline from '../../../../components/Timeline'
import CaseNotices from '../../components/CaseNotices'
import RegistrationDatePicker from '../../../../components/RegistrationDatePicker'
import { ChoiceSingle } from '../../../../components/RegistrationChoices'
import { ApiError, fieldErrors, registrationApi, staffRegistrationApi, type Decision, type RegionList, type RegistrationView as RegView, type StaffDetail } from '../../../../pages/registration/api'
import {
  EDUCATION_LABELS, FOLLOW_UP_CHANNEL_LABELS, HARDSHIP_LABELS, ID_DOC_TYPE_LABELS, RETIREMENT_CATEGORY_LABELS, SERVICE_NEED_LABELS, SEX_LABELS,
  UNEMPLOYMENT_REASON_LABELS, WORK_MODE_LABELS,
} from '../../../../pages/registration/labels'
import { confirm, FieldError, inputId, Kv, Label, StatusBadge, TextField } from '../../../../pages/registration/shared'
import '../../../../pages/registration/registration.css'
import ExitPicker from './ExitPicker'
import Referrals from './Referrals'

const list = <K extends string>(v: K[] | undefined, m: Record<K, string>) => (v?.length ? v.map((k) => m[k] ?? k).join('、') : '—')
const EXIT_BY = { worker: '本人申报', staff: '经办人员', employer: '用人单位（就业登记）', system: '系统自动' } as const
const CHANNELS = (Object.keys(FOLLOW_UP_CHANNEL_LABELS) as ('phone' | 'visit' | 'online')[]).map((value) => ({ value, label: FOLLOW_UP_CHANNEL_LABELS[value] }))

function Decisions({ d, onDone }: { d: StaffDetail; onDone: (r: RegView) => void }) {
  const [mode, setMode] = useState<'return' | 'reject' | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const status = d.registration.status
  if (status !== 'submitted' && status !== 'under_review') return null

  const decide = async (decision: Decision) => {
    if (busy) return
    if ((decision === 'return' || decision === 'reject') && !reason.trim()) {
      setError(decision === 'return' ? '请写明需要修改什么' : '请写明不予登记的原因')
      return
    }
    if (decision === 'approve' && !(await confirm('确认通过登记？', '通过后将生成就业失业登记证明，并通知本人。', '通过'))) return
    if (decision === 'reject' && !(await confirm('确认不予登记？', `原因：${reason.trim()}`, '不予登记'))) return
    setBusy(true)
    try {
      const res = await staffRegistrationApi.decide(d.registration.id, decision, decision === 'return' || decision === 'reject' ? reason.trim() : undefined, { silent: true })
      Taro.showToast({ title: '已办理', icon: 'success' })
      setMode(null)
      setReason('')
      onDone(res.registration)
    } catch (err) {
      const fe = fieldErrors(err)
      if (fe.reason) setError(fe.reason)
      else Taro.showToast({ title: err instanceof ApiError ? err.message : '没有办理成功', icon: 'none', duration: 2500 })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card' id='sd-actions'>
      <Text className='step-title txt-lg'>办理</Text>
      {status === 'submitted' ? (
        <Button id='sd-start' className='btn btn-outline' loading={busy || undefined} onClick={() => decide('start_review')}>
          开始审核
        </Button>
      ) : null}
      <Button id='sd-approve' className='btn btn-primary' loading={busy || undefined} onClick={() => decide('approve')}>
        通过
      </Button>
      {mode ? (
        <View style={{ marginTop: Taro.pxTransform(24) }}>
          <Label>{mode === 'return' ? '退回原因（告诉本人要改什么）' : '不予登记的原因'}</Label>
          <Input
            {...inputId('sd-reason')}
            className='input'
            value={reason}
            maxlength={200}
            placeholder='必填'
            onInput={(e) => {
              setReason(e.detail.value)
              setError(undefined)
            }}
          />
          <FieldError id='sd-reason-error' msg={error} />
          <View className='btn-row'>
            <Button className='btn btn-plain' onClick={() => setMode(null)}>
              取消
            </Button>
            <Button id='sd-reason-submit' className='btn btn-danger' loading={busy || undefined} onClick={() => decide(mode)}>
              {mode === 'return' ? '确认退回' : '确认不予登记'}
            </Button>
          </View>
        </View>
      ) : (
        <View className='btn-row'>
          <Button id='sd-return' className='btn btn-outline' onClick={() => setMode('return')}>
            退回修改
          </Button>
          <Button id='sd-reject' className='btn btn-danger' onClick={() => setMode('reject')}>
            不予登记
          </Button>
        </View>
      )}
    </View>
  )
}

function FollowUps({ d, onDone }: { d: StaffDetail; onDone: () => void }) {
  const [channel, setChannel] = useState<'phone' | 'visit' | 'online'>('phone')
  const [outcome, setOutcome] = useState('')
  const [note, setNote] = useState('')
  const [nextDate, setNextDate] = useState<string | undefined>()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const approved = d.registration.status === 'approved'
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

  const submit = async () => {
    if (busy) return
    if (!outcome.trim()) {
      setErrors({ outcome: '请填写回访结果' })
      return
    }
    setBusy(true)
    try {
      await staffRegistrationApi.followUp(d.registration.id, { channel, outcome: outcome.trim(), ...(note.trim() ? { note: note.trim() } : {}), ...(nextDate ? { nextDate } : {}) }, { silent: true })
      Taro.showToast({ title: '已记录', icon: 'success' })
      setOutcome('')
      setNote('')
      setNextDate(undefined)
      setErrors({})
      onDone()
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(fe)
      if (!Object.keys(fe).length) Taro.showToast({ title: err instanceof ApiError ? err.message : '没有保存成功', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card' id='sd-followups'>
      <Text className='step-title txt-lg'>跟踪回访</Text>
      {d.nextFollowUp ? <Kv k='下次回访' v={d.nextFollowUp} id='sd-next-followup' /> : null}
      {d.followUps.length ? (
        d.followUps.map((f, i) => (
          <View key={`${f.at}-${i}`} className='field'>
            <Text className='block txt-md' style={{ fontWeight: 700 }}>
              {f.at.slice(0, 10)} · {FOLLOW_UP_CHANNEL_LABELS[f.channel as 'phone'] ?? f.channel} · {f.by}
            </Text>
            <Text className='block txt-md'>{f.outcome}</Text>
            {f.note ? <Text className='block muted txt-sm'>{f.note}</Text> : null}
          </View>
        ))
      ) : (
        <Text className='block muted txt-md'>还没有回访记录。</Text>
      )}
      {approved ? (
        <View style={{ marginTop: Taro.pxTransform(20) }}>
          <Label>回访方式</Label>
          <ChoiceSingle idPrefix='sd-fu-channel' columns={2} options={CHANNELS} value={channel} onChange={setChannel} />
          <TextField id='sd-fu-outcome' label='回访结果' maxlength={200} value={outcome} onInput={setOutcome} error={errors.outcome} placeholder='如：已推荐 2 个岗位' />
          <TextField id='sd-fu-note' label='备注（可不填）' maxlength={200} value={note} onInput={setNote} error={errors.note} />
          <View className='field'>
            <Label hint='不选则按规则自动安排'>下次回访日期</Label>
            <RegistrationDatePicker id='sd-fu-next' value={nextDate} onChange={setNextDate} start={today} end='2099-12-31' placeholder='按规则自动安排' />
            <FieldError id='sd-fu-next-error' msg={errors.nextDate} />
          </View>
          <Button id='sd-fu-submit' className='btn btn-primary' loading={busy || undefined} onClick={submit}>
            记录回访
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** 经办：one registration with full identifiers (every opening is written to the audit log). */
export default function StaffRegistrationDetail() {
  const router = useRouter()
  const id = router.params.id ?? ''
  const [d, setD] = useState<StaffDetail | null>(null)
  const [state, setState] = useState<'loading' | 'ok' | 'error'>('loading')
  const [msg, setMsg] = useState('')
  const [regions, setRegions] = useState<RegionList | null>(null)

  const load = async () => {
    try {
      setD(await staffRegistrationApi.detail(id, { silent: true }))
      setState('ok')
    } catch (err) {
      setMsg(err instanceof ApiError ? err.message : '没有加载出来')
      setState('error')
    }
  }
  useEffect(() => {
    void load()
    registrationApi.regions({ silent: true }).then(setRegions).catch(() => {})
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load reads only id
  }, [id])

  if (state !== 'ok' || !d)
    return (
      <PageShell>
        {state === 'loading' ? (
          <Text className='block muted txt-md'>加载中…</Text>
        ) : (
          <View className='notice'>
            <Text className='block txt-md'>{msg}</Text>
            <Button className='btn btn-outline' onClick={() => void load()}>
              重新加载
            </Button>
          </View>
        )}
      </PageShell>
    )

  const r = d.registration
  // Decisions answer with the updated registration: no second (audited) full view needed.
  const setReg = (reg: RegView) => setD((x) => (x ? { ...x, registration: reg } : x))
  const f = r.form
  const dist = (code?: string) => regions?.districts.find((x) => x.code === code)?.name ?? code ?? '—'
  const pending = r.status === 'submitted' || r.status === 'under_review'

  return (
    <PageShell>
      <View className='notice' id='sd-audit'>
        <Text className='block txt-md'>本页显示完整身份信息，你的每次查看都已记入审计日志。仅用于办理业务，请勿截屏外传。</Text>
      </View>

      <View className='card' id='sd'>
        <View className='field__row' style={{ justifyContent: 'space-between' }}>
          <Text className='txt-xl' style={{ fontWeight: 700 }} id='sd-name'>
            {d.identity.realName ?? '—'}
          </Text>
          <StatusBadge id='sd-status' status={r.status} label={r.statusLabel} />
        </View>
        <Kv k='证件类型' v={d.identity.idType ? ID_DOC_TYPE_LABELS[d.identity.idType] : '—'} />
        <Kv k='证件号码' v={d.identity.idNumber ?? '—'} id='sd-idnumber' />
        <Kv k='手机号' v={d.identity.phone ?? '—'} id='sd-phone' />
        {f.birthDate ? <Kv k='出生日期 / 性别' v={`${f.birthDate} / ${f.sex ? SEX_LABELS[f.sex] : '—'}`} /> : null}
        {f.retirementCategory ? <Kv k='退休年龄类别' v={RETIREMENT_CATEGORY_LABELS[f.retirementCategory]} /> : null}
        {r.submittedAt ? <Kv k='提交时间' v={r.submittedAt.slice(0, 10)} /> : null}
        {pending && r.dueDate ? <Kv k='办结期限' v={r.dueDate} id='sd-due' /> : null}
        {r.recordNo ? <Kv k='登记编号' v={r.recordNo} id='sd-recordno' /> : null}
      </View>

      {r.exit ? (
        <View className='answer answer--no' id='sd-exited'>
          <Text className='answer__title txt-lg'>失业登记已注销</Text>
          <Kv k='注销原因' v={`${r.exit.clause ?? ''}${r.exit.reasonLabel}`} id='sd-exit-reason-shown' />
          <Kv k='办理时间' v={r.exit.at.slice(0, 10)} />
          {r.exit.eventDate ? <Kv k='发生日期' v={r.exit.eventDate} /> : null}
          {r.exit.employer ? <Kv k='就业单位' v={r.exit.employer} /> : null}
          {r.exit.note ? <Kv k='情况说明' v={r.exit.note} /> : null}
          <Kv k='办理人' v={EXIT_BY[r.exit.by]} />
        </View>
      ) : null}

      <Decisions d={d} onDone={setReg} />

      <View className='card' id='sd-class'>
        <Text className='step-title txt-lg'>分类：{d.classification.category} · {d.classification.levelLabel}</Text>
        {d.classification.reasons.map((x) => (
          <Text key={x} className='block txt-md'>
            · {x}
          </Text>
        ))}
      </View>

      <View className='card' id='sd-form'>
        <Text className='step-title txt-lg'>登记信息</Text>
        <Kv k='常住地' v={`${dist(f.residenceDistrict)} ${f.residenceStreet ?? ''} ${f.residenceAddress ?? ''}`} />
        <Kv k='户籍地' v={f.hukouPlace ?? '—'} />
        <Kv k='失业原因' v={f.unemploymentReason ? UNEMPLOYMENT_REASON_LABELS[f.unemploymentReason] : '—'} />
        <Kv k='原工作单位' v={f.lastEmployer || '—'} />
        <Kv k='结束日期' v={f.lastJobEndDate ?? '—'} />
        <Kv k='文化程度' v={`${f.education ? EDUCATION_LABELS[f.education] : '—'}${f.graduationYear ? `（${f.graduationYear} 年毕业）` : ''}`} />
        <Kv k='技能' v={f.skills?.join('、') || '—'} />
        <Kv k='证书' v={f.certificates?.join('、') || '—'} />
        <Kv k='意向职业' v={f.desiredOccupations?.join('、') || '—'} />
        <Kv k='意向区域' v={f.desiredDistricts?.length ? f.desiredDistricts.map(dist).join('、') : '—'} />
        <Kv k='期望月收入' v={f.expectedMonthlyPay !== undefined ? `${f.expectedMonthlyPay} 元` : '—'} />
        <Kv k='工作方式' v={list(f.workModes, WORK_MODE_LABELS)} />
        <Kv k='服务需求' v={list(f.serviceNeeds, SERVICE_NEED_LABELS)} />
        <Kv k='申领失业保险金' v={f.claimUnemploymentInsurance ? '是（请联动办理）' : '否'} id='sd-insurance' />
        <Kv k='就业困难情形' v={f.hardships?.length ? `${list(f.hardships, HARDSHIP_LABELS)}（申请就业援助）` : '无'} />
      </View>

      <View className='card'>
        <Text className='step-title txt-lg'>办理记录</Text>
        <Timeline id='sd-timeline' items={r.timeline} />
      </View>

      <CaseNotices id='sd-notices' url={`/api/staff/registrations/${encodeURIComponent(r.id)}/notices`} refreshKey={`${r.status}:${r.timeline.length}`} />

      {r.status === 'approved' ? <FollowUps d={d} onDone={() => void load()} /> : d.followUps.length ? <FollowUps d={d} onDone={() => void load()} /> : null}
      <Referrals registrationId={r.id} occupation={f.desiredOccupations?.[0]} canRefer={r.status === 'approved'} />
      {r.status === 'approved' ? <ExitPicker id={r.id} onDone={setReg} /> : null}
    </PageShell>
  )
}
