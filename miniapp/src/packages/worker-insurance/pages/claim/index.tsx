import { useRef, useState } from 'react'
import { Button, Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import {
  EMPLOYER_FAULTS, EMPLOYER_FAULT_LABELS, checkInsuranceEligibility, entitlement, insuredMonths, isBankAccount, monthsInclusive,
  type EmployerFault, type UnemploymentReason,
} from '@doorstep/shared/src/rules/insurance'
import PageShell from '../../../../components/PageShell'
import Timeline, { chinaTime } from '../../../../components/Timeline'
import RatingBox from '../../../../components/RatingBox'
import { goLogin } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import {
  ApiError, INSURANCE_PAGES, MATERIAL_LABELS, REQUIRED_MATERIALS, detailsOf, fieldErrors, insuranceApi, messageOf,
  type ClaimView, type InsuredPeriodInput, type MyInsurance, type RegistrationBrief,
} from '../../api'
import '../../insurance.css'
import Kv from '../../../../components/Kv'
import { inputId } from '../../../../components/Field'

/** Taro H5 renders <Input> as <taro-input-core><input/></taro-input-core>: put the id on the real <input>. */

/** This month in China (YYYY-MM). */
function chinaMonth(offsetYears = 0): string {
  const d = new Date(Date.now() + 8 * 3600_000)
  return `${d.getUTCFullYear() + offsetYears}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}
const yuan = (n: number) => `${n.toLocaleString('en-US')} 元`

type Cond = { label: string; reason: string }


function Check({ id, on, label, onTap }: { id: string; on: boolean; label: string; onTap: () => void }) {
  return (
    <View id={id} className='ins-check' onClick={onTap}>
      <Text className={`ins-check__box txt-md ${on ? 'ins-check__box--on' : ''}`}>{on ? '✓' : ''}</Text>
      <Text className='ins-check__label txt-md'>{label}</Text>
    </View>
  )
}

/** The conditions that fail, each by name with its plain reason. */
function Refusal({ id, title, conds }: { id: string; title: string; conds: Cond[] }) {
  return (
    <View className='ins-answer ins-answer--no' id={id}>
      <Text className='ins-answer__title txt-lg'>{title}</Text>
      {conds.map((c, i) => (
        <View key={`${c.label}-${i}`} className='ins-cond' id={`${id}-${i}`}>
          <Text className='ins-cond__label txt-md'>✗ {c.label}</Text>
          <Text className='block txt-md'>{c.reason}</Text>
        </View>
      ))}
      <Text className='block txt-sm' style={{ marginTop: Taro.pxTransform(12) }}>
        有疑问可以拨打 12333 或到社区服务站咨询。
      </Text>
    </View>
  )
}

function MonthPicker({ id, value, onChange, fallback }: { id: string; value: string; onChange: (v: string) => void; fallback: string }) {
  const end = chinaMonth()
  return (
    <Picker id={id} mode='date' fields='month' value={value || fallback} start='1980-01' end={end} onChange={(e) => onChange(String(e.detail.value).slice(0, 7))}>
      <View className='input ins-picker'>
        <Text className={`txt-md ${value ? '' : 'muted'}`}>{value || '点这里选择'}</Text>
        <Text className='ins-arrow txt-md'>▼</Text>
      </View>
    </Picker>
  )
}

interface PeriodDraft {
  employer: string
  from: string
  to: string
  monthsPaid: string
}
const emptyPeriod = (): PeriodDraft => ({ employer: '', from: '', to: '', monthsPaid: '' })

/** The claim form: insured history, 单位过错 (only after 个人辞职), materials, commitment, bank account. */
function ClaimForm({ mine, reg, onFiled }: { mine: MyInsurance; reg: RegistrationBrief['registration']; onFiled: (c: ClaimView) => void }) {
  const [periods, setPeriods] = useState<PeriodDraft[]>([emptyPeriod()])
  const [fault, setFault] = useState<EmployerFault | ''>('')
  const [materials, setMaterials] = useState<string[]>([])
  const [accepted, setAccepted] = useState(false)
  const [bankName, setBankName] = useState('')
  const [bankAccount, setBankAccount] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [refusal, setRefusal] = useState<Cond[] | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  // One key for this form: a retry after a lost answer files the same claim once.
  const key = useRef(`claim-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`)

  const reason = (reg?.form.unemploymentReason ?? null) as UnemploymentReason | null
  const resigned = reason === 'resigned'
  const needed = [...REQUIRED_MATERIALS, ...(fault ? ['employer_fault_proof'] : [])]
  const shownMaterials = ['id_card', 'separation_proof', ...(resigned ? ['employer_fault_proof'] : []), 'bank_card']

  const complete: InsuredPeriodInput[] = periods
    .filter((p) => p.from && p.to && p.monthsPaid !== '' && Number.isFinite(Number(p.monthsPaid)))
    .map((p) => ({ employer: p.employer.trim(), from: p.from, to: p.to, monthsPaid: Math.floor(Number(p.monthsPaid)) }))
  const insured = insuredMonths(complete)
  const ent = entitlement(insured)
  // A first look with the rules the server applies (it has the final word, e.g. after an earlier claim).
  const preview = checkInsuranceEligibility({
    insuredMonths: insured, unemploymentReason: reason, employerFault: fault || null,
    registration: !reg ? 'none' : reg.status === 'approved' ? 'approved' : ['submitted', 'under_review'].includes(reg.status) ? 'pending' : 'none',
    wantsWork: reg?.form.wantsWork ?? true, currentlyEmployed: reg?.form.currentlyEmployed ?? false, stage: 'filing',
  })
  const previewFailed = complete.length ? preview.failed : preview.failed.filter((f) => f.condition !== 'insured_one_year')

  const setPeriod = (i: number, p: Partial<PeriodDraft>) => {
    setPeriods((xs) => xs.map((x, j) => {
      if (j !== i) return x
      const n = { ...x, ...p }
      // Suggest the months between the two dates; the person corrects it if some were not paid.
      if ((p.from || p.to) && n.from && n.to && x.monthsPaid === '' && n.to >= n.from) n.monthsPaid = String(monthsInclusive(n.from, n.to))
      return n
    }))
    setErrors((e) => {
      const c = { ...e }
      for (const k of Object.keys(p)) delete c[`history.${i}.${k}`]
      return c
    })
    setRefusal(null)
  }
  const toggle = (m: string) => setMaterials((xs) => (xs.includes(m) ? xs.filter((x) => x !== m) : [...xs, m]))

  const submit = async () => {
    if (busy) return
    const errs: Record<string, string> = {}
    periods.forEach((p, i) => {
      if (p.employer.trim().length < 2) errs[`history.${i}.employer`] = '请填写参保单位名称'
      if (!p.from) errs[`history.${i}.from`] = '请选择开始月份'
      if (!p.to) errs[`history.${i}.to`] = '请选择结束月份'
      else if (p.from && p.to < p.from) errs[`history.${i}.to`] = '结束月份不能早于开始月份'
      if (p.monthsPaid === '' || !/^\d{1,3}$/.test(p.monthsPaid.trim())) errs[`history.${i}.monthsPaid`] = '请填写缴费月数（整数）'
      else if (p.from && p.to && Number(p.monthsPaid) > monthsInclusive(p.from, p.to)) errs[`history.${i}.monthsPaid`] = `不能超过这段时间的 ${monthsInclusive(p.from, p.to)} 个月`
    })
    const missing = needed.filter((m) => !materials.includes(m))
    if (missing.length) errs.materials = `还缺：${missing.map((m) => MATERIAL_LABELS[m]).join('、')}`
    if (bankName.trim().length < 2) errs.bankName = '请填写开户银行，如：中国工商银行哈尔滨道里支行'
    if (!isBankAccount(bankAccount)) errs.bankAccount = '银行账号应为 12–30 位数字'
    if (!accepted) errs.commitment = '需要勾选同意书面承诺才能申领'
    setErrors(errs)
    setError('')
    if (Object.keys(errs).length) {
      setError('还有没填好的地方，请看红字提示')
      return
    }
    if (previewFailed.length) {
      setRefusal(previewFailed)
      return
    }
    setBusy(true)
    try {
      const res = await insuranceApi.file({
        history: complete, ...(fault ? { employerFault: fault } : {}), materials: materials.filter((m) => shownMaterials.includes(m)),
        bankName: bankName.trim(), bankAccount: bankAccount.replace(/\s+/g, ''), commitmentVersion: mine.commitment.version, commitmentAccepted: true, idempotencyKey: key.current,
      }, { silent: true })
      Taro.showToast({ title: '已提交申领', icon: 'success' })
      onFiled(res.claim)
    } catch (err) {
      const details = detailsOf(err)
      if (err instanceof ApiError && err.code === 'NOT_ELIGIBLE') {
        setRefusal(details.map((d) => {
          const [label, ...rest] = d.message.split('：')
          return { label: label!, reason: rest.join('：') }
        }))
      } else {
        setErrors(fieldErrors(err, (f) => f))
        setError(messageOf(err))
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View id='ins-form'>
      <View className='card' id='ins-conditions'>
        <Text className='ins-title txt-lg'>谁可以领</Text>
        <Text className='block txt-md'>同时符合下面三条（《社会保险法》第四十五条）：</Text>
        <Text className='block txt-md'>① 失业前单位和本人已缴纳失业保险费满 1 年；</Text>
        <Text className='block txt-md'>② 不是自己要辞职（合同到期不续、被辞退、单位关闭，或因单位欠薪、不交社保被迫辞职）；</Text>
        <Text className='block txt-md'>③ 已办理失业登记，并且想找工作。</Text>
        <Text className='block muted txt-sm' style={{ marginTop: Taro.pxTransform(12) }}>
          缴费 1–5 年最长领 12 个月，5–10 年 18 个月，10 年以上 24 个月。每月约 {yuan(mine.monthlyAmount)}（按本市现行标准）。
        </Text>
      </View>

      <View className='card' id='ins-history'>
        <Text className='ins-title txt-lg'>1. 参保缴费记录</Text>
        <Text className='ins-hint txt-sm'>按社保缴费记录填写；换过单位的，每个单位填一段。</Text>
        {periods.map((p, i) => (
          <View key={i} className='ins-period' id={`ins-h${i}`}>
            <View className='ins-period__head'>
              <Text className='txt-md' style={{ fontWeight: 700 }}>
                第 {i + 1} 段
              </Text>
              {periods.length > 1 ? (
                <Text id={`ins-h${i}-remove`} className='ins-link txt-md' onClick={() => setPeriods((xs) => xs.filter((_, j) => j !== i))}>
                  删除这段
                </Text>
              ) : null}
            </View>
            <View className='field'>
              <Text className='field__label txt-md'>参保单位</Text>
              <Input {...inputId(`ins-h${i}-employer`)} className='input' value={p.employer} maxlength={60} placeholder='如：哈尔滨某机械厂' onInput={(e) => setPeriod(i, { employer: e.detail.value })} />
              {errors[`history.${i}.employer`] ? <Text className='ins-error txt-md'>{errors[`history.${i}.employer`]}</Text> : null}
            </View>
            <View className='field'>
              <Text className='field__label txt-md'>从哪个月开始</Text>
              <MonthPicker id={`ins-h${i}-from`} value={p.from} fallback={chinaMonth(-5).slice(0, 4) + '-01'} onChange={(v) => setPeriod(i, { from: v })} />
              {errors[`history.${i}.from`] ? <Text className='ins-error txt-md'>{errors[`history.${i}.from`]}</Text> : null}
            </View>
            <View className='field'>
              <Text className='field__label txt-md'>到哪个月结束</Text>
              <MonthPicker id={`ins-h${i}-to`} value={p.to} fallback={chinaMonth()} onChange={(v) => setPeriod(i, { to: v })} />
              {errors[`history.${i}.to`] ? <Text className='ins-error txt-md' id={`ins-h${i}-to-error`}>{errors[`history.${i}.to`]}</Text> : null}
            </View>
            <View className='field'>
              <Text className='field__label txt-md'>其中缴费月数</Text>
              <Input {...inputId(`ins-h${i}-months`)} className='input' type='number' value={p.monthsPaid} maxlength={3} placeholder='如：72' onInput={(e) => setPeriod(i, { monthsPaid: e.detail.value })} />
              {errors[`history.${i}.monthsPaid`] ? <Text className='ins-error txt-md'>{errors[`history.${i}.monthsPaid`]}</Text> : null}
            </View>
          </View>
        ))}
        {periods.length < 20 ? (
          <Button id='ins-h-add' className='btn btn-plain' onClick={() => setPeriods((xs) => [...xs, emptyPeriod()])}>
            ＋ 再加一段
          </Button>
        ) : null}
        {complete.length ? (
          <View className={`ins-answer ${ent.totalMonths ? 'ins-answer--info' : 'ins-answer--no'}`} id='ins-estimate'>
            <Text className='block txt-md'>
              累计缴费 {insured} 个月{ent.totalMonths ? `，预计最长可领 ${ent.totalMonths} 个月，每月约 ${yuan(mine.monthlyAmount)}` : '，不满 12 个月'}
            </Text>
            <Text className='block txt-sm'>以经办机构核定为准。</Text>
          </View>
        ) : null}
      </View>

      {resigned ? (
        <View className='card' id='ins-fault'>
          <Text className='ins-title txt-lg'>2. 辞职的原因</Text>
          <Text className='ins-hint txt-sm'>你的失业登记写的是“个人辞职”。如果是因为单位的下列过错被迫辞职，可以领取（要准备证明）；不是的，不能领取。</Text>
          {EMPLOYER_FAULTS.map((f) => (
            <Check key={f} id={`ins-fault-${f}`} on={fault === f} label={EMPLOYER_FAULT_LABELS[f]} onTap={() => { setFault(fault === f ? '' : f); setRefusal(null) }} />
          ))}
          <Check id='ins-fault-none' on={fault === ''} label='都不是，是我自己想辞职' onTap={() => { setFault(''); setRefusal(null) }} />
        </View>
      ) : null}

      <View className='card' id='ins-materials'>
        <Text className='ins-title txt-lg'>{resigned ? '3' : '2'}. 要准备的材料</Text>
        <Text className='ins-hint txt-sm'>准备好的请打勾。经办人员审核时会核对原件。</Text>
        {shownMaterials.map((m) => (
          <Check
            key={m}
            id={`ins-mat-${m}`}
            on={materials.includes(m)}
            label={`${MATERIAL_LABELS[m]}${needed.includes(m) ? '' : '（不需要）'}`}
            onTap={() => toggle(m)}
          />
        ))}
        {errors.materials ? <Text className='ins-error txt-md' id='ins-materials-error'>{errors.materials}</Text> : null}
      </View>

      <View className='card' id='ins-bank'>
        <Text className='ins-title txt-lg'>{resigned ? '4' : '3'}. 发放到哪个账户</Text>
        <Text className='ins-hint txt-sm'>必须是本人的账户。提交后只显示后四位，完整账号加密保存。</Text>
        <View className='field'>
          <Text className='field__label txt-md'>开户银行</Text>
          <Input {...inputId('ins-bankname')} className='input' value={bankName} maxlength={40} placeholder='如：中国工商银行哈尔滨道里支行' onInput={(e) => setBankName(e.detail.value)} />
          {errors.bankName ? <Text className='ins-error txt-md'>{errors.bankName}</Text> : null}
        </View>
        <View className='field'>
          <Text className='field__label txt-md'>银行账号</Text>
          <Input {...inputId('ins-bankaccount')} className='input' type='number' value={bankAccount} maxlength={30} placeholder='12–30 位数字' onInput={(e) => setBankAccount(e.detail.value)} />
          {errors.bankAccount ? <Text className='ins-error txt-md' id='ins-bankaccount-error'>{errors.bankAccount}</Text> : null}
        </View>
      </View>

      <View className='card' id='ins-commit'>
        <Text className='ins-title txt-lg'>{resigned ? '5' : '4'}. 书面承诺</Text>
        <Text className='block muted txt-sm'>承诺书版本 {mine.commitment.version}</Text>
        <View className='ins-commitment' id='ins-commitment'>
          <Text className='txt-md'>{mine.commitment.text}</Text>
        </View>
        <Check id='ins-accept' on={accepted} label='我已阅读并同意以上承诺' onTap={() => setAccepted(!accepted)} />
        {errors.commitment || errors.commitmentVersion ? <Text className='ins-error txt-md'>{errors.commitment || errors.commitmentVersion}</Text> : null}
      </View>

      {refusal ? <Refusal id='ins-refusal' title='按你填写的情况，暂时不能领取失业保险金' conds={refusal} /> : null}
      {error ? <Text className='ins-error txt-md' id='ins-error'>{error}</Text> : null}
      <Button id='ins-submit' className='btn btn-primary' loading={busy || undefined} onClick={submit}>
        提交申领
      </Button>
    </View>
  )
}

/** After filing: status, months approved / paid / remaining, the next payment, a stop and the ledger. */
function ClaimStatus({ claim }: { claim: ClaimView }) {
  const drawing = claim.status === 'approved' || claim.status === 'stopped' || claim.status === 'ended'
  return (
    <View>
      <View className='card' id='ins-claim'>
        <View className='ins-head'>
          <Text className='txt-xl' style={{ fontWeight: 700 }}>
            我的失业保险金
          </Text>
          <Text id='ins-status' className={`ins-badge ins-badge--${claim.status} txt-md`}>
            {claim.statusLabel}
          </Text>
        </View>
        {claim.status === 'submitted' ? (
          <View className='ins-answer ins-answer--info' id='ins-due'>
            <Text className='block txt-md'>已提交，经办机构承诺在 {claim.dueDate} 前审核完，结果会通知你。</Text>
            {claim.toVerify.map((c, i) => (
              <View key={c.condition} className='ins-cond' id={`ins-verify-${i}`}>
                <Text className='ins-cond__label txt-md'>待核实：{c.label}</Text>
                <Text className='block txt-md'>{c.reason}</Text>
              </View>
            ))}
          </View>
        ) : null}
        {claim.status === 'rejected' ? (
          <View className='ins-answer ins-answer--no' id='ins-rejected'>
            <Text className='ins-answer__title txt-lg'>这次申领没有通过</Text>
            <Text className='block txt-md'>原因：{claim.decisionReason || '—'}</Text>
            <Text className='block txt-md'>有疑问可以拨打 12333 或到社区服务站咨询。</Text>
          </View>
        ) : null}
        {drawing ? (
          <View>
            <View className='ins-figures'>
              <View className='ins-figure'>
                <Text className='ins-figure__n txt-xl' id='ins-months-approved'>{claim.monthsApproved}</Text>
                <Text className='ins-figure__l txt-sm'>核定月数</Text>
              </View>
              <View className='ins-figure'>
                <Text className='ins-figure__n txt-xl' id='ins-months-paid'>{claim.monthsPaid}</Text>
                <Text className='ins-figure__l txt-sm'>已发放</Text>
              </View>
              <View className='ins-figure'>
                <Text className='ins-figure__n txt-xl' id='ins-months-remaining'>{claim.monthsRemaining}</Text>
                <Text className='ins-figure__l txt-sm'>剩余月数</Text>
              </View>
            </View>
            {claim.nextPayment ? (
              <Text className='ins-next txt-md' id='ins-next'>
                下次发放：{claim.nextPayment.month} · {yuan(claim.nextPayment.amount)}
              </Text>
            ) : null}
            <Kv prefix='ins-kv' k='每月金额' v={yuan(claim.monthlyAmount)} id='ins-monthly' />
            <Kv prefix='ins-kv' k='从哪个月起发' v={claim.startMonth} />
            {claim.carriedOverMonths ? <Kv prefix='ins-kv' k='含上次未领完' v={`${claim.carriedOverMonths} 个月`} /> : null}
          </View>
        ) : null}
        {claim.stop ? (
          <View className='ins-answer ins-answer--no' id='ins-stop'>
            <Text className='ins-answer__title txt-lg'>从 {claim.stop.fromMonth} 起停发</Text>
            <Text className='block txt-md'>原因：{claim.stop.reasonLabel}（{claim.stop.eventDate}）</Text>
            {claim.stop.note ? <Text className='block txt-md'>说明：{claim.stop.note}</Text> : null}
            {claim.stop.reason === 'reemployed' && claim.monthsRemaining === 0 && claim.monthsApproved > claim.monthsPaid ? (
              <Text className='block txt-sm'>没领完的月数会保留，下次失业时合并计算。</Text>
            ) : null}
          </View>
        ) : null}
        {claim.status === 'ended' ? (
          <View className='ins-answer ins-answer--ok' id='ins-ended'>
            <Text className='block txt-md'>核定的月数已全部发放。</Text>
          </View>
        ) : null}
      </View>

      {drawing ? (
        <View className='card' id='ins-payments'>
          <Text className='ins-title txt-lg'>发放记录</Text>
          {claim.payments.length ? (
            claim.payments.map((p) => (
              <View key={p.month} className='ins-pay' id={`ins-pay-${p.month}`}>
                <View>
                  <Text className='block txt-md'>{p.month}</Text>
                  <Text className='block muted txt-sm'>{chinaTime(p.paidAt)} 到账</Text>
                </View>
                <Text className='ins-pay__amount txt-lg'>{yuan(p.amount)}</Text>
              </View>
            ))
          ) : (
            <Text className='block muted txt-md' id='ins-payments-empty'>
              还没有发放记录。
            </Text>
          )}
        </View>
      ) : null}

      <View className='card' id='ins-filed'>
        <Text className='ins-title txt-lg'>申领信息</Text>
        <Kv prefix='ins-kv' k='累计缴费' v={`${claim.insuredMonths} 个月`} />
        <Kv prefix='ins-kv' k='失业原因' v={claim.unemploymentReasonLabel || '—'} />
        {claim.employerFault ? <Kv prefix='ins-kv' k='单位过错' v={claim.employerFault} /> : null}
        <Kv prefix='ins-kv' k='开户银行' v={claim.bankName} />
        <Kv prefix='ins-kv' k='银行账号' v={claim.bankAccountMasked} id='ins-bank-masked' />
        <Kv prefix='ins-kv' k='书面承诺' v={`版本 ${claim.commitment.version} · ${chinaTime(claim.commitment.acceptedAt)}`} id='ins-commit-version' />
        <Text className='block txt-md' style={{ marginTop: Taro.pxTransform(16), fontWeight: 700 }}>
          材料
        </Text>
        {claim.materials.map((m) => (
          <Text key={m.key} className={`block txt-md ${m.provided ? '' : 'muted'}`}>
            {m.provided ? '✓' : '○'} {m.label}
          </Text>
        ))}
        <Timeline id='ins-timeline' items={claim.timeline} />
      </View>
      {claim.status !== 'submitted' ? <RatingBox kind='insurance' caseId={claim.id} title='评价这次失业保险金申领办理' /> : null}
    </View>
  )
}

/** 失业保险金申领 (worker): filed with or after the unemployment registration. */
export default function InsuranceClaim() {
  const { loggedIn } = useSession()
  const [mine, setMine] = useState<MyInsurance | null>(null)
  const [reg, setReg] = useState<RegistrationBrief['registration']>(null)
  const [state, setState] = useState<'loading' | 'ok' | 'error'>('loading')
  const [again, setAgain] = useState(false)

  const load = async () => {
    try {
      const [m, r] = await Promise.all([insuranceApi.mine({ silent: true }), insuranceApi.registration({ silent: true }).catch(() => ({ registration: null }))])
      setMine(m)
      setReg(r.registration)
      setState('ok')
    } catch {
      setState('error')
    }
  }
  useDidShow(() => {
    if (loggedIn) void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  if (!loggedIn) {
    return (
      <PageShell>
        <View className='notice'>
          <Text className='block txt-md'>请先登录，再申领失业保险金。</Text>
          <Button className='btn btn-primary' onClick={goLogin}>
            登录
          </Button>
        </View>
      </PageShell>
    )
  }

  const claim = mine?.claim ?? null
  const showForm = !!mine && mine.canFile && (!claim || again)
  return (
    <PageShell>
      <View className='hero' id='ins'>
        <Text className='hero__title txt-xl'>失业保险金</Text>
        <Text className='hero__sub txt-md'>失业期间按月领取，领取期间医保由失业保险基金代缴</Text>
      </View>
      {state === 'loading' ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {state === 'error' ? (
        <View className='notice'>
          <Text className='block txt-md'>没有加载出来，请检查网络。</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}

      {mine && claim && !again ? <ClaimStatus claim={claim} /> : null}
      {mine && claim && !again && mine.canFile ? (
        <Button id='ins-again' className='btn btn-outline' onClick={() => setAgain(true)}>
          重新申领
        </Button>
      ) : null}

      {mine && !mine.canFile && !claim ? (
        <View className='notice' id='ins-cannot'>
          <Text className='block txt-md'>{mine.cannotFileReason}</Text>
          <Button id='ins-to-registration' className='btn btn-primary' onClick={() => Taro.navigateTo({ url: INSURANCE_PAGES.registration }).catch(() => {})}>
            去办理失业登记
          </Button>
        </View>
      ) : null}

      {showForm ? (
        <ClaimForm
          mine={mine!}
          reg={reg}
          onFiled={(c) => {
            setAgain(false)
            setMine((m) => (m ? { ...m, claim: c, canFile: false, cannotFileReason: '已有一份正在办理或领取中的申领' } : m))
            Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => {})
          }}
        />
      ) : null}
    </PageShell>
  )
}
