import { useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { ELIGIBILITY_ID_CONSENT, SENSITIVE_CONSENT } from '@doorstep/shared/src/data/consents'
import PageShell from '../../../../components/PageShell'
import Timeline from '../../../../components/Timeline'
import RegistrationDatePicker from '../../../../components/RegistrationDatePicker'
import { ChoiceSingle, YesNo } from '../../../../components/RegistrationChoices'
import { goLogin } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { fieldErrors, registrationApi, type Current, type ExitBody, type EligibilityBody, type EligibilityResult, type RegistrationForm, type RegistrationView } from '../../../../pages/registration/api'
import { ID_TYPE_OPTIONS, needsBirthAndSex, RETIREMENT_OPTIONS, SEX_OPTIONS, type IdType } from '../../../../pages/registration/labels'
import { confirm, FieldError, idHandOff, inputId, Kv, Label, openPage, REG_PAGES, StatusBadge, TextField } from '../../../../pages/registration/shared'
import '../../../../pages/registration/registration.css'
import CounterClaimCard from './CounterClaimCard'
import { EXIT_REASON_RULES, exitFormFields, exitFormProblems, WORKER_EXIT_REASONS, type ExitReason } from '@doorstep/shared/src/rules/registration-exit'

const PENDING = ['submitted', 'under_review']
const ACTIVE = ['submitted', 'under_review', 'returned', 'approved']

type Elig = Partial<EligibilityBody>

/** 1. 资格自查: working age, able to work, wants work, not employed — answered in plain words. */
function EligibilityCheck({ initial, onStart }: { initial: RegistrationForm; onStart: (e: Elig, r: EligibilityResult) => Promise<void> }) {
  const [e, setE] = useState<Elig>({
    idType: initial.idType ?? 'resident_id',
    idNumber: initial.idNumber?.includes('*') ? undefined : initial.idNumber,
    birthDate: initial.birthDate,
    sex: initial.sex,
    retirementCategory: initial.retirementCategory,
    ableToWork: initial.ableToWork,
    wantsWork: initial.wantsWork,
    currentlyEmployed: initial.currentlyEmployed,
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [result, setResult] = useState<EligibilityResult | null>(null)
  const [busy, setBusy] = useState(false)
  /** The separate consent to use the ID number for this check (ELIGIBILITY_ID_CONSENT); the ID box shows after it. */
  const [idConsent, setIdConsent] = useState(false)
  const set = (p: Elig) => {
    setE((x) => ({ ...x, ...p }))
    setResult(null)
    setErrors((x) => {
      const n = { ...x }
      for (const k of Object.keys(p)) delete n[k]
      return n
    })
  }
  const permit = needsBirthAndSex(e.idType as IdType)

  const check = async () => {
    if (busy) return
    const errs: Record<string, string> = {}
    if (!permit && !idConsent) errs.idNumber = '请先勾选同意使用证件号码'
    else if (!permit && !e.idNumber?.trim()) errs.idNumber = '请填写证件号码'
    if (permit && !e.birthDate) errs.birthDate = '请选择出生日期'
    if (permit && !e.sex) errs.sex = '请选择性别'
    if (!e.retirementCategory) errs.retirementCategory = '请选择一项'
    if (e.ableToWork === undefined) errs.ableToWork = '请选择是或否'
    if (e.wantsWork === undefined) errs.wantsWork = '请选择是或否'
    if (e.currentlyEmployed === undefined) errs.currentlyEmployed = '请选择是或否'
    setErrors(errs)
    if (Object.keys(errs).length) return
    setBusy(true)
    try {
      const body: EligibilityBody = {
        idType: e.idType!,
        ableToWork: e.ableToWork!,
        wantsWork: e.wantsWork!,
        currentlyEmployed: e.currentlyEmployed!,
        retirementCategory: e.retirementCategory,
        ...(idConsent && e.idNumber?.trim() ? { idNumber: e.idNumber.trim(), sensitiveConsentVersion: ELIGIBILITY_ID_CONSENT.version } : {}),
        ...(permit ? { birthDate: e.birthDate, sex: e.sex } : {}),
      }
      setResult(await registrationApi.eligibility(body, { silent: true }))
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(fe)
      if (!Object.keys(fe).length) Taro.showToast({ title: (err as Error).message || '没有查成，请稍后重试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const start = async () => {
    if (busy || !result) return
    setBusy(true)
    try {
      await onStart(e, result)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View id='elig'>
      <View className='card'>
        <Text className='step-title txt-xl'>先查一查能不能登记</Text>
        <Text className='hint txt-md'>在法定劳动年龄内、有劳动能力、想找工作、目前没有工作的人，可以办理失业登记。</Text>
        <Label>证件类型</Label>
        <ChoiceSingle idPrefix='elig-idtype' options={ID_TYPE_OPTIONS} value={e.idType as IdType} onChange={(v) => set({ idType: v })} />
        {idConsent ? (
          <TextField id='elig-idnumber' label='证件号码' type='idcard' maxlength={20} value={e.idNumber} onInput={(v) => set({ idNumber: v })} error={errors.idNumber} placeholder={permit ? '通行证号码（可不填）' : '18 位证件号码'} />
        ) : (
          <View className='field' id='elig-id-consent'>
            <Label>{ELIGIBILITY_ID_CONSENT.title}</Label>
            <Text className='consent-box txt-md'>{ELIGIBILITY_ID_CONSENT.text}</Text>
            <View
              id='elig-id-consent-check'
              className='check'
              onClick={() => {
                setIdConsent(true)
                setErrors((x) => ({ ...x, idNumber: '' }))
              }}
            >
              <Text className='check__box txt-md' />
              <Text className='txt-lg'>{ELIGIBILITY_ID_CONSENT.checkbox}</Text>
            </View>
            <FieldError id='elig-id-consent-error' msg={errors.idNumber} />
          </View>
        )}
        {permit ? (
          <View>
            <View className='field'>
              <Label>出生日期</Label>
              <RegistrationDatePicker id='elig-birth' value={e.birthDate} onChange={(v) => set({ birthDate: v })} start='1940-01-01' />
              <FieldError id='elig-birth-error' msg={errors.birthDate} />
            </View>
            <View className='field'>
              <Label>性别</Label>
              <ChoiceSingle idPrefix='elig-sex' columns={2} options={SEX_OPTIONS} value={e.sex} onChange={(v) => set({ sex: v })} />
              <FieldError id='elig-sex-error' msg={errors.sex} />
            </View>
          </View>
        ) : null}
        <View className='field'>
          <Label hint='用来算退休年龄（法定退休年龄从 2025 年起逐步延迟）'>你属于</Label>
          <ChoiceSingle idPrefix='elig-retire' options={RETIREMENT_OPTIONS} value={e.retirementCategory} onChange={(v) => set({ retirementCategory: v })} />
          <FieldError id='elig-retire-error' msg={errors.retirementCategory} />
        </View>
      </View>
      <View className='card'>
        <View className='field'>
          <Label>身体能干活吗（有劳动能力）？</Label>
          <YesNo idPrefix='elig-able' value={e.ableToWork} onChange={(v) => set({ ableToWork: v })} yes='能干活' no='不能' />
          <FieldError id='elig-able-error' msg={errors.ableToWork} />
        </View>
        <View className='field'>
          <Label>现在想找工作吗？</Label>
          <YesNo idPrefix='elig-wants' value={e.wantsWork} onChange={(v) => set({ wantsWork: v })} yes='想找' no='不想' />
          <FieldError id='elig-wants-error' msg={errors.wantsWork} />
        </View>
        <View className='field'>
          <Label>现在有工作吗？</Label>
          <YesNo idPrefix='elig-employed' value={e.currentlyEmployed} onChange={(v) => set({ currentlyEmployed: v })} yes='有工作' no='没有工作' />
          <FieldError id='elig-employed-error' msg={errors.currentlyEmployed} />
        </View>
        {!result ? (
          <Button id='elig-check' className='btn btn-primary' loading={busy || undefined} onClick={check}>
            查一查
          </Button>
        ) : null}
      </View>

      {result ? (
        <View id='elig-result'>
          <View className={`answer ${result.eligible ? 'answer--ok' : 'answer--no'}`} id={result.eligible ? 'elig-ok' : 'elig-no'}>
            <Text className='answer__title txt-xl'>{result.eligible ? '可以办理失业登记' : '暂时不能办理失业登记'}</Text>
            {result.reasons.map((r) => (
              <Text key={r} className='block txt-md'>
                {r}
              </Text>
            ))}
            {result.retirementDate ? <Text className='block txt-md'>按规定，你的退休日期是 {result.retirementDate}。</Text> : null}
          </View>
          {result.eligible ? (
            <Button id='elig-start' className='btn btn-primary' loading={busy || undefined} onClick={start}>
              开始填写登记表
            </Button>
          ) : null}
          {result.alternatives.length ? (
            <View className='card' id='elig-alternatives'>
              <Text className='step-title txt-lg'>你还可以</Text>
              {result.alternatives.map((a, i) => (
                <View key={a.title} className='field'>
                  <Text className='block txt-lg' style={{ fontWeight: 700 }}>
                    {a.title}
                  </Text>
                  <Text className='block muted txt-md'>{a.description}</Text>
                  {a.page ? (
                    <Button id={`elig-alt-${i}`} className='btn btn-outline' onClick={() => openPage(a.page)}>
                      去看看
                    </Button>
                  ) : null}
                </View>
              ))}
            </View>
          ) : null}
          <Button id='elig-again' className='btn btn-plain' onClick={() => setResult(null)}>
            改一改重新查
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function Progress({ reg }: { reg: RegistrationView }) {
  return (
    <View className='card' id='reg-progress'>
      <View className='field__row' style={{ justifyContent: 'space-between' }}>
        <Text className='txt-xl' style={{ fontWeight: 700 }}>
          办理进度
        </Text>
        <StatusBadge id='reg-status' status={reg.status} label={reg.statusLabel} />
      </View>
      {reg.center ? <Kv k='办理机构' v={reg.center.name} /> : null}
      {reg.submittedAt ? <Kv k='提交时间' v={reg.submittedAt.slice(0, 10)} /> : null}
      {PENDING.includes(reg.status) && reg.dueDate ? (
        <View className='notice' id='reg-due'>
          <Text className='block txt-md'>承诺 7 个工作日内办结，预计 {reg.dueDate} 前</Text>
        </View>
      ) : null}
      {reg.status === 'returned' ? (
        <View className='answer answer--no' id='reg-returned'>
          <Text className='answer__title txt-lg'>需要修改后重新提交</Text>
          <Text className='block txt-md'>原因：{reg.returnReason || '请按工作人员要求修改'}</Text>
          <Button id='reg-fix' className='btn btn-primary' onClick={() => Taro.navigateTo({ url: REG_PAGES.form })}>
            修改后重新提交
          </Button>
        </View>
      ) : null}
      {reg.status === 'rejected' ? (
        <View className='answer answer--no' id='reg-rejected'>
          <Text className='answer__title txt-lg'>这次登记没有通过</Text>
          <Text className='block txt-md'>原因：{reg.rejectReason || '—'}</Text>
          <Text className='block txt-md'>有疑问可以拨打 12333 或到社区服务站咨询。</Text>
        </View>
      ) : null}
      {reg.status === 'approved' ? (
        <View className='answer answer--ok' id='reg-approved'>
          <Text className='answer__title txt-lg'>已办理失业登记</Text>
          {reg.recordNo ? <Text className='block txt-md'>登记编号：{reg.recordNo}</Text> : null}
        </View>
      ) : null}
      {reg.status === 'exited' && reg.exit ? (
        <View className='notice' id='reg-exited'>
          <Text className='answer__title txt-lg'>失业登记已办结</Text>
          <Text className='block txt-md' id='reg-exit-reason'>
            原因：{reg.exit.reasonLabel}
            {reg.exit.employer ? `（${reg.exit.employer}）` : ''}
          </Text>
          <Text className='block txt-md'>办结日期：{reg.exit.at.slice(0, 10)}</Text>
          <Text className='block txt-md'>失业保险金按规定停发。以后又没有工作了，可以重新办理失业登记。</Text>
        </View>
      ) : null}
      <Timeline id='reg-timeline' items={reg.timeline} />
    </View>
  )
}

/** 6. 退出 for the other reasons a person may declare (第六十三条); a job goes through 就业登记. */
const OTHER_EXIT_REASONS = WORKER_EXIT_REASONS.filter((r) => r !== 'employed' && r !== 'self_employed')
const EXIT_OPTIONS = OTHER_EXIT_REASONS.map((value) => ({ value, label: EXIT_REASON_RULES[value].label }))

function ExitPanel({ onDone }: { onDone: (r: RegistrationView) => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState<ExitReason | undefined>()
  const [income, setIncome] = useState('')
  const [eventDate, setEventDate] = useState<string | undefined>()
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  if (!open)
    return (
      <Button id='exit-open' className='btn btn-plain' onClick={() => setOpen(true)}>
        其他情况：注销失业登记
      </Button>
    )

  const fields = reason ? exitFormFields(reason) : null
  const submit = async () => {
    if (busy) return
    if (!reason || !fields) {
      setErrors({ reason: '请选择一项' })
      return
    }
    const monthlyIncome = income.trim() === '' ? undefined : Number(income.trim())
    const errs: Record<string, string> = { ...exitFormProblems(reason, { monthlyIncome, note }) }
    if (fields.monthlyIncome && monthlyIncome !== undefined && !Number.isInteger(monthlyIncome)) errs.monthlyIncome = '月收入请填整数（元）'
    setErrors(errs)
    setGeneral(undefined)
    if (Object.keys(errs).length) return
    const ok = await confirm('确认注销失业登记？', `原因：${EXIT_REASON_RULES[reason].label}。注销后失业登记失效，失业保险金按规定停发；以后没有工作了，可以再次登记。`, '确认注销')
    if (!ok) return
    setBusy(true)
    try {
      const body: ExitBody = {
        reason,
        ...(fields.monthlyIncome ? { monthlyIncome } : {}),
        ...(eventDate ? { eventDate } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }
      const res = await registrationApi.exit(body, { silent: true })
      Taro.showToast({ title: '已注销登记', icon: 'success' })
      setOpen(false)
      onDone(res.registration)
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(fe)
      if (!Object.keys(fe).length) setGeneral((err as Error).message || '没有办理成功，请检查网络')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card' id='exit-panel'>
      <Text className='step-title txt-xl'>注销失业登记</Text>
      <Text className='hint txt-md'>找到工作或自己做生意了，请点上面的「我找到工作了 · 就业登记」。其他情况请选一项：</Text>
      <ChoiceSingle idPrefix='exit-reason' options={EXIT_OPTIONS} value={reason} onChange={(r) => (setReason(r), setErrors({}), setGeneral(undefined))} />
      <FieldError id='exit-reason-error' msg={errors.reason} />
      {fields?.monthlyIncome ? (
        <TextField id='exit-income' label='每月收入（元）' type='number' maxlength={7} value={income} onInput={setIncome} error={errors.monthlyIncome} hint='不低于本市最低工资标准才算有稳定收入' />
      ) : null}
      {fields ? (
        <View className='field'>
          <Label hint='可不填'>哪天开始的</Label>
          <RegistrationDatePicker id='exit-date' value={eventDate} onChange={setEventDate} start='2000-01-01' />
          <FieldError id='exit-date-error' msg={errors.eventDate} />
        </View>
      ) : null}
      <View className='field'>
        <Label>说明（可不填）</Label>
        <Input {...inputId('exit-note')} className='input' value={note} maxlength={200} onInput={(e) => setNote(e.detail.value)} />
        <FieldError id='exit-note-error' msg={errors.note} />
      </View>
      {general ? (
        <View className='answer answer--no' id='exit-general'>
          <Text className='block txt-md'>{general}</Text>
        </View>
      ) : null}
      <View className='btn-row'>
        <Button className='btn btn-plain' onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button id='exit-submit' className='btn btn-danger' loading={busy || undefined} onClick={submit}>
          确认注销
        </Button>
      </View>
    </View>
  )
}

export default function RegistrationHub() {
  const { loggedIn } = useSession()
  const [cur, setCur] = useState<Current | null>(null)
  const [loadError, setLoadError] = useState(false)
  const [restart, setRestart] = useState(false)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)

  const load = async (quiet = false) => {
    try {
      const c = await registrationApi.current({ silent: quiet, background: quiet })
      setCur(c)
      setLoadError(false)
    } catch {
      if (!quiet) setLoadError(true)
    }
  }
  const stopPolling = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = null
  }
  useDidShow(() => {
    if (!loggedIn) return
    void load()
    stopPolling()
    // Progress in (near) real time while the page is open.
    timer.current = setInterval(() => void load(true), 20000)
  })
  useDidHide(stopPolling)

  const start = async (e: Elig) => {
    const form: RegistrationForm = {
      ...(restart ? {} : cur?.registration?.status === 'draft' ? cur.registration.form : {}),
      idType: e.idType,
      retirementCategory: e.retirementCategory,
      ableToWork: e.ableToWork,
      wantsWork: e.wantsWork,
      currentlyEmployed: e.currentlyEmployed,
      ...(e.idNumber?.trim() ? { idNumber: e.idNumber.trim() } : {}),
      ...(needsBirthAndSex(e.idType as IdType) ? { birthDate: e.birthDate, sex: e.sex } : {}),
    }
    if (form.idNumber?.includes('*')) delete form.idNumber
    // The draft takes the ID number only under the registration's own 敏感个人信息 consent: without it on
    // the draft, the number goes to the form in memory and is saved there once the worker agrees.
    const draftConsented = !restart && cur?.registration?.status === 'draft' && cur.registration.sensitiveConsent?.version === SENSITIVE_CONSENT.version
    idHandOff.put(draftConsented ? null : form.idNumber ?? null)
    if (!draftConsented) delete form.idNumber
    try {
      await registrationApi.saveDraft(form)
      setRestart(false)
      await Taro.navigateTo({ url: REG_PAGES.form })
    } catch {
      // toast shown
    }
  }

  if (!loggedIn)
    return (
      <PageShell>
        <View className='card'>
          <Text className='block txt-lg'>办理失业登记需要先登录</Text>
          <Button id='reg-login' className='btn btn-primary' onClick={goLogin}>
            登录 / 注册
          </Button>
        </View>
      </PageShell>
    )

  const reg = cur?.registration ?? null
  const showCheck = cur && (!reg || restart || (reg.status === 'draft' && reg.form.ableToWork === undefined))

  return (
    <PageShell>
      <View className='hero' id='reg-hub'>
        <Text className='hero__title txt-xl'>失业登记</Text>
        <Text className='hero__sub txt-md'>在手机上登记，7 个工作日内办结，不用跑大厅</Text>
      </View>
      {loadError ? (
        <View className='notice'>
          <Text className='block txt-md'>没有加载出来，请检查网络。</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!cur && !loadError ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {/* 窗口代办: a registration staff made at the counter for this phone, claimed by typing the ID number. */}
      {cur ? <CounterClaimCard reloadKey={cur.registration?.id ?? null} onClaimed={() => void load()} /> : null}

      {cur && reg && !restart && reg.status !== 'draft' ? <Progress reg={reg} /> : null}

      {cur && reg && !restart && reg.status === 'draft' && !showCheck ? (
        <View className='card' id='reg-draft'>
          <Text className='step-title txt-lg'>你有一份没填完的登记表</Text>
          <Text className='hint txt-md'>填过的内容都已保存，接着填就行。</Text>
          <Button id='reg-continue' className='btn btn-primary' onClick={() => Taro.navigateTo({ url: REG_PAGES.form })}>
            继续填写
          </Button>
        </View>
      ) : null}

      {reg && !restart && reg.status === 'approved' ? (
        <View>
          <Button id='reg-record' className='btn btn-primary' onClick={() => Taro.navigateTo({ url: REG_PAGES.record })}>
            查看电子登记凭证
          </Button>
          <Button id='reg-profile' className='btn btn-outline' onClick={() => Taro.navigateTo({ url: REG_PAGES.profile })}>
            我的就业画像和服务
          </Button>
          <Button id='reg-assistance' className='btn btn-outline' onClick={() => Taro.navigateTo({ url: '/packages/worker-assistance/pages/assistance/index' })}>
            就业援助（就业困难人员认定）
          </Button>
        </View>
      ) : null}

      {reg && !restart && ['submitted', 'under_review', 'approved'].includes(reg.status) ? (
        <Button id='reg-insurance' className='btn btn-outline' onClick={() => Taro.navigateTo({ url: '/packages/worker-insurance/pages/claim/index' })}>
          申领失业保险金
        </Button>
      ) : null}

      {reg && !restart && (ACTIVE.includes(reg.status) || reg.status === 'exited') ? (
        <Button id='reg-employment' className='btn btn-outline' onClick={() => Taro.navigateTo({ url: REG_PAGES.employment })}>
          {reg.status === 'exited' ? '我的就业登记' : '我找到工作了 · 就业登记'}
        </Button>
      ) : null}

      {reg && !restart && ACTIVE.includes(reg.status) ? <ExitPanel onDone={(r) => setCur((c) => (c ? { ...c, registration: r } : c))} /> : null}

      {reg && !restart && (reg.status === 'rejected' || reg.status === 'exited') ? (
        <Button id='reg-again' className='btn btn-primary' onClick={() => setRestart(true)}>
          重新办理失业登记
        </Button>
      ) : null}

      {showCheck ? <EligibilityCheck initial={restart ? {} : reg?.form ?? {}} onStart={start} /> : null}
    </PageShell>
  )
}
