import { useState } from 'react'
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import Timeline, { chinaTime } from '../../../../components/Timeline'
import CaseNotices from '../../components/CaseNotices'
import { useSession } from '../../../../store/session'
import StaffOnly from '../../components/StaffOnly'
import { STOP_OPTIONS, chinaToday, messageOf, staffInsuranceApi, type ClaimDetail, type ClaimView, type StopReason } from './api'
import './insurance.css'
import Kv from '../../../../components/Kv'
import { inputId } from '../../../../components/Field'

const yuan = (n: number) => `${n.toLocaleString('en-US')} 元`

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  try {
    return !!(await Taro.showModal({ title, content, confirmText, cancelText: '取消' })).confirm
  } catch {
    return false
  }
}


/** 核定: the conditions checked now, approve (with 其他 verified) or refuse with a reason. */
function Decide({ detail, onDone }: { detail: ClaimDetail; onDone: (c: ClaimView) => void }) {
  const c = detail.claim
  const [reason, setReason] = useState('')
  const [verified, setVerified] = useState(false)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const needsVerify = c.unemploymentReason === 'other'
  // 其他 as the reason fails only until staff tick that they verified it.
  const failed = detail.approvalCheck.failed.filter((f) => !(needsVerify && verified && f.condition === 'involuntary'))
  const decide = async (decision: 'approve' | 'reject') => {
    if (busy) return
    if (decision === 'reject' && !reason.trim()) {
      setError('不予核定时必须写明原因，申领人会看到')
      return
    }
    const ok = decision === 'approve'
      ? await confirm('确认核定通过？', `核定后按月发放，每月按本市现行标准。`, '核定通过')
      : await confirm('确认不予核定？', `原因：${reason.trim()}`, '不予核定')
    if (!ok) return
    setBusy(true)
    setError('')
    try {
      const r = await staffInsuranceApi.decide(c.id, {
        decision, ...(reason.trim() ? { reason: reason.trim() } : {}), ...(needsVerify && verified ? { involuntaryConfirmed: true } : {}),
      }, { silent: true })
      Taro.showToast({ title: decision === 'approve' ? '已核定' : '已不予核定', icon: 'success' })
      onDone(r.claim)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='sid-decide'>
      <Text className='si-title txt-lg'>审核</Text>
      {failed.length ? (
        <View className='si-answer si-answer--no' id='sid-failed'>
          <Text className='block txt-md' style={{ fontWeight: 700 }}>
            现在还不能核定通过：
          </Text>
          {failed.map((f) => (
            <Text key={f.condition} className='block txt-md'>
              ✗ {f.label}：{f.reason}
            </Text>
          ))}
        </View>
      ) : (
        <View className='si-answer si-answer--ok' id='sid-eligible'>
          <Text className='block txt-md'>各项条件均符合，可以核定通过。</Text>
        </View>
      )}
      {needsVerify ? (
        <View id='sid-verify' className='si-check' onClick={() => setVerified(!verified)}>
          <Text className={`si-check__box txt-md ${verified ? 'si-check__box--on' : ''}`}>{verified ? '✓' : ''}</Text>
          <Text className='txt-md' style={{ flex: 1 }}>
            已核实失业原因“其他”属于非本人意愿
          </Text>
        </View>
      ) : null}
      <Text className='block txt-md' style={{ marginTop: Taro.pxTransform(12) }}>
        原因（不予核定时必填，申领人会看到）
      </Text>
      <Textarea id='sid-reason' className='si-textarea' maxlength={200} value={reason} onInput={(e) => setReason(e.detail.value)} placeholder='如：参保记录与社保系统不符' />
      {error ? <Text className='si-error txt-md' id='sid-decide-error'>{error}</Text> : null}
      <View className='si-actions'>
        <Button id='sid-reject' className='btn btn-outline' onClick={() => void decide('reject')}>
          不予核定
        </Button>
        <Button id='sid-approve' className='btn btn-primary' loading={busy || undefined} disabled={failed.length > 0 || undefined} onClick={() => void decide('approve')}>
          核定通过
        </Button>
      </View>
    </View>
  )
}

/** 登记发放: one month at the claim's monthly amount (the next month due by default). */
function Pay({ claim, onDone }: { claim: ClaimView; onDone: (c: ClaimView) => void }) {
  const thisMonth = chinaToday().slice(0, 7)
  // The next month due, if it has come (a month is paid in or after itself).
  const due = (c: ClaimView) => (c.nextPayment && c.nextPayment.month <= thisMonth ? c.nextPayment.month : '')
  const [month, setMonth] = useState(due(claim))
  const [serial, setSerial] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const pay = async () => {
    if (busy) return
    if (!month) {
      setError('请选择发放月份')
      return
    }
    if (serial.trim() && !/^[A-Za-z0-9_-]{4,40}$/.test(serial.trim())) {
      setError('流水号只能是 4–40 位字母、数字、短横线或下划线')
      return
    }
    if (!(await confirm('确认登记发放？', `${month} 发放 ${yuan(claim.monthlyAmount)}`, '登记发放'))) return
    setBusy(true)
    setError('')
    try {
      const r = await staffInsuranceApi.pay(claim.id, { month, ...(serial.trim() ? { serialNo: serial.trim() } : {}) }, { silent: true })
      Taro.showToast({ title: r.created ? '已登记发放' : '这笔已登记过', icon: r.created ? 'success' : 'none' })
      setSerial('')
      setMonth(due(r.claim))
      onDone(r.claim)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='sid-pay'>
      <Text className='si-title txt-lg'>登记一个月的发放</Text>
      <Text className='block muted txt-sm'>每月 {yuan(claim.monthlyAmount)}；同一个月只能发放一次。</Text>
      {claim.nextPayment && claim.nextPayment.month > thisMonth ? (
        <Text className='block txt-md' id='sid-pay-notyet' style={{ marginTop: Taro.pxTransform(8) }}>
          下一个月份 {claim.nextPayment.month} 还没到，到月后再登记。
        </Text>
      ) : null}
      <Text className='block txt-md' style={{ marginTop: Taro.pxTransform(12) }}>
        发放月份
      </Text>
      <Picker id='sid-pay-month' mode='date' fields='month' value={month || thisMonth} start={claim.startMonth} end={thisMonth} onChange={(e) => { setMonth(String(e.detail.value).slice(0, 7)); setError('') }}>
        <View className='input si-picker'>
          <Text className={`txt-md ${month ? '' : 'muted'}`} id='sid-pay-month-value'>{month || '点这里选择'}</Text>
          <Text className='muted txt-md'>▼</Text>
        </View>
      </Picker>
      <Text className='block txt-md' style={{ marginTop: Taro.pxTransform(12) }}>
        流水号（可不填，自动生成）
      </Text>
      <Input {...inputId('sid-pay-serial')} className='input' value={serial} maxlength={40} placeholder='发放系统的流水号' onInput={(e) => setSerial(e.detail.value)} />
      {error ? <Text className='si-error txt-md' id='sid-pay-error'>{error}</Text> : null}
      <Button id='sid-pay-submit' className='btn btn-primary' loading={busy || undefined} onClick={pay}>
        登记发放
      </Button>
    </View>
  )
}

/** 停发 (第五十一条): from the month after the event. */
function Stop({ claim, onDone }: { claim: ClaimView; onDone: (c: ClaimView) => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState<StopReason | ''>('')
  const [date, setDate] = useState('')
  const [note, setNote] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  if (!open) {
    return (
      <Button id='sid-stop-open' className='btn btn-plain' onClick={() => setOpen(true)}>
        停发（重新就业、参军、出国定居等）
      </Button>
    )
  }
  const stop = async () => {
    if (busy) return
    if (!reason) return setError('请选择停发原因')
    if (!date) return setError('请选择发生日期')
    const label = STOP_OPTIONS.find((o) => o.value === reason)!.label
    if (!(await confirm('确认停发？', `${label}（${date}），从次月起停发。`, '停发'))) return
    setBusy(true)
    setError('')
    try {
      const r = await staffInsuranceApi.stop(claim.id, { reason, eventDate: date, ...(note.trim() ? { note: note.trim() } : {}) }, { silent: true })
      Taro.showToast({ title: '已停发', icon: 'success' })
      setOpen(false)
      onDone(r.claim)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='sid-stop'>
      <Text className='si-title txt-lg'>停发</Text>
      <View className='si-choices'>
        {STOP_OPTIONS.map((o) => (
          <Text key={o.value} id={`sid-stop-${o.value}`} className={`si-choice txt-md ${reason === o.value ? 'si-choice--on' : ''}`} onClick={() => { setReason(o.value); setError('') }}>
            {o.label}
          </Text>
        ))}
      </View>
      <Text className='block txt-md' style={{ marginTop: Taro.pxTransform(12) }}>
        发生日期
      </Text>
      <Picker id='sid-stop-date' mode='date' value={date || chinaToday()} start={`${claim.startMonth}-01`} end={chinaToday()} onChange={(e) => { setDate(String(e.detail.value)); setError('') }}>
        <View className='input si-picker'>
          <Text className={`txt-md ${date ? '' : 'muted'}`}>{date || '点这里选择'}</Text>
          <Text className='muted txt-md'>▼</Text>
        </View>
      </Picker>
      <Textarea id='sid-stop-note' className='si-textarea' maxlength={200} value={note} onInput={(e) => setNote(e.detail.value)} placeholder='说明（可不填），如：已在某公司就业' />
      {error ? <Text className='si-error txt-md' id='sid-stop-error'>{error}</Text> : null}
      <View className='si-actions'>
        <Button className='btn btn-plain' onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button id='sid-stop-submit' className='btn btn-danger' loading={busy || undefined} onClick={stop}>
          确认停发
        </Button>
      </View>
    </View>
  )
}

/** One claim: full identifiers (audited), what was filed, the decision, the ledger and a stop. */
export default function StaffInsuranceDetail() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const id = useRouter().params.id ?? ''
  const [detail, setDetail] = useState<ClaimDetail | null>(null)
  const [error, setError] = useState('')
  const load = async () => {
    try {
      setDetail(await staffInsuranceApi.detail(id, { silent: true }))
      setError('')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useDidShow(() => {
    if (isStaff && id) void load()
  })
  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />
  // After an action the answer carries the claim; the identity is not read again (each opening is audited).
  const changed = (claim: ClaimView) => setDetail((d) => (d ? { ...d, claim } : d))

  const c = detail?.claim
  const drawing = c && (c.status === 'approved' || c.status === 'stopped' || c.status === 'ended')
  return (
    <PageShell>
      {error ? (
        <View className='notice'>
          <Text className='block txt-md' id='sid-error'>{error}</Text>
        </View>
      ) : null}
      {!detail && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {detail && c ? (
        <View id='sid'>
          <View className='card'>
            <View className='si-head'>
              <Text className='txt-xl' style={{ fontWeight: 700 }}>
                失业保险金申领
              </Text>
              <Text id='sid-status' className={`si-badge si-badge--${c.status} txt-md`}>
                {c.statusLabel}
              </Text>
            </View>
            <Text className='si-audit txt-sm' id='sid-audit'>完整证件号和银行账号仅供办理使用，本次查看已记入审计日志。</Text>
            <Kv prefix='si-kv' selectable k='姓名' v={detail.identity.realName ?? '—'} id='sid-name' />
            <Kv prefix='si-kv' selectable k='证件号码' v={detail.identity.idNumber ?? '—'} id='sid-idnumber' />
            <Kv prefix='si-kv' selectable k='开户银行' v={c.bankName} />
            <Kv prefix='si-kv' selectable k='银行账号' v={detail.identity.bankAccount} id='sid-bank' />
            <Kv prefix='si-kv' selectable k='失业原因' v={c.unemploymentReasonLabel || '—'} />
            {c.employerFault ? <Kv prefix='si-kv' selectable k='单位过错' v={c.employerFault} /> : null}
            <Kv prefix='si-kv' selectable k='累计缴费' v={`${c.insuredMonths} 个月`} id='sid-insured' />
            {c.carriedOverMonths ? <Kv prefix='si-kv' selectable k='上次未领完' v={`${c.carriedOverMonths} 个月`} /> : null}
            <Kv prefix='si-kv' selectable k='提交时间' v={chinaTime(c.submittedAt)} />
            {c.status === 'submitted' ? <Kv prefix='si-kv' selectable k='审核期限' v={c.dueDate} id='sid-due' /> : null}
            <Kv prefix='si-kv' selectable k='书面承诺' v={`版本 ${c.commitment.version} · ${chinaTime(c.commitment.acceptedAt)}`} />
          </View>

          <View className='card' id='sid-history'>
            <Text className='si-title txt-lg'>参保缴费记录</Text>
            {c.history.map((h, i) => (
              <View key={i} className='si-line'>
                <Text className='block txt-md' style={{ fontWeight: 700 }}>
                  {h.employer}
                </Text>
                <Text className='block txt-md'>
                  {h.from} 至 {h.to} · 缴费 {h.monthsPaid} 个月
                </Text>
              </View>
            ))}
            <Text className='si-title txt-lg' style={{ marginTop: Taro.pxTransform(20) }}>
              材料
            </Text>
            {c.materials.map((m) => (
              <Text key={m.key} className={`block txt-md ${m.provided ? '' : 'si-overdue'}`}>
                {m.provided ? '✓' : '✗ 未准备：'} {m.label}
              </Text>
            ))}
          </View>

          {c.status === 'submitted' ? <Decide detail={detail} onDone={changed} /> : null}
          {c.status === 'rejected' ? (
            <View className='si-answer si-answer--no' id='sid-rejected'>
              <Text className='block txt-md'>不予核定：{c.decisionReason ?? '—'}</Text>
            </View>
          ) : null}

          {drawing ? (
            <View className='card' id='sid-ledger'>
              <Text className='si-title txt-lg'>发放情况</Text>
              <View className='si-figures'>
                <View className='si-figure'>
                  <Text className='si-figure__n txt-xl' id='sid-months-approved'>{c.monthsApproved}</Text>
                  <Text className='block txt-sm'>核定月数</Text>
                </View>
                <View className='si-figure'>
                  <Text className='si-figure__n txt-xl' id='sid-months-paid'>{c.monthsPaid}</Text>
                  <Text className='block txt-sm'>已发放</Text>
                </View>
                <View className='si-figure'>
                  <Text className='si-figure__n txt-xl' id='sid-months-remaining'>{c.monthsRemaining}</Text>
                  <Text className='block txt-sm'>剩余</Text>
                </View>
              </View>
              <Kv prefix='si-kv' selectable k='每月金额' v={yuan(c.monthlyAmount)} id='sid-monthly' />
              <Kv prefix='si-kv' selectable k='下次发放' v={c.nextPayment ? `${c.nextPayment.month} · ${yuan(c.nextPayment.amount)}` : '—'} id='sid-next' />
              {c.stop ? <Kv prefix='si-kv' selectable k='停发' v={`${c.stop.reasonLabel}（${c.stop.eventDate}），从 ${c.stop.fromMonth} 起${c.stop.note ? `：${c.stop.note}` : ''}`} id='sid-stopped' /> : null}
              {c.overpaidMonths.length ? <Kv prefix='si-kv' selectable k='停发后仍发放的月份' v={c.overpaidMonths.join('、')} id='sid-overpaid' /> : null}
              {c.payments.map((p) => (
                <View key={p.month} className='si-line' id={`sid-pay-${p.month}`}>
                  <View className='si-row si-row--plain'>
                    <Text className='txt-md' style={{ fontWeight: 700 }}>
                      {p.month} 已发放
                    </Text>
                    <Text className='txt-md'>{yuan(p.amount)}</Text>
                  </View>
                  <Text className='block muted txt-sm' style={{ wordBreak: 'break-all' }}>
                    {p.source === 'import' ? '导入' : '经办录入'} · 流水号 {p.serialNo} · {chinaTime(p.paidAt)}
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
          {c.status === 'approved' ? <Pay claim={c} onDone={changed} /> : null}
          {c.status === 'approved' ? <Stop claim={c} onDone={changed} /> : null}

          <View className='card'>
            <Text className='si-title txt-lg'>办理记录</Text>
            <Timeline id='sid-timeline' items={c.timeline} />
          </View>
          <CaseNotices id='sid-notices' url={`/api/staff/insurance-claims/${encodeURIComponent(c.id)}/notices`} refreshKey={`${c.status}:${c.timeline.length}`} />
        </View>
      ) : null}
    </PageShell>
  )
}
