import { useEffect, useRef, useState } from 'react'
import { Button, Switch, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { SENSITIVE_CONSENT } from '@doorstep/shared/src/data/consents'
import PageShell from '../../../../components/PageShell'
import RegistrationDatePicker from '../../../../components/RegistrationDatePicker'
import RegistrationTagInput from '../../../../components/RegistrationTagInput'
import { ChoiceMulti, ChoiceSingle } from '../../../../components/RegistrationChoices'
import { ApiError, fieldErrors, newIdempotencyKey, registrationApi, type Commitment, type RegionList, type RegistrationForm, type RegistrationView } from '../../../../pages/registration/api'
import {
  EDUCATION_OPTIONS, HARDSHIP_OPTIONS, ID_TYPE_OPTIONS, needsBirthAndSex, REASON_OPTIONS, RETIREMENT_OPTIONS, SERVICE_NEED_OPTIONS, SEX_OPTIONS, WORK_MODE_OPTIONS,
} from '../../../../pages/registration/labels'
import { backOr, FieldError, idHandOff, Label, REG_PAGES, TextField } from '../../../../pages/registration/shared'
import '../../../../pages/registration/registration.css'
import { taps } from '../../../../services/subscribe'

type Key = keyof RegistrationForm
const STEPS: { key: string; title: string; fields: string[] }[] = [
  { key: 'identity', title: '身份信息', fields: ['idType', 'idNumber', 'realName', 'birthDate', 'sex', 'retirementCategory', 'ableToWork', 'wantsWork', 'currentlyEmployed', 'eligibility'] },
  { key: 'residence', title: '住在哪里', fields: ['residenceDistrict', 'residenceStreet', 'residenceAddress', 'hukouPlace'] },
  { key: 'unemployment', title: '失业情况', fields: ['unemploymentReason', 'lastEmployer', 'lastJobEndDate'] },
  { key: 'education', title: '文化程度', fields: ['education', 'graduationYear'] },
  { key: 'skills', title: '技能和证书', fields: ['skills', 'certificates'] },
  { key: 'intention', title: '想找什么工作', fields: ['desiredOccupations', 'desiredDistricts', 'expectedMonthlyPay', 'workModes'] },
  { key: 'needs', title: '需要哪些服务', fields: ['serviceNeeds', 'claimUnemploymentInsurance'] },
  { key: 'hardship', title: '就业困难情形', fields: ['hardships'] },
  { key: 'commit', title: '书面承诺并提交', fields: ['commitmentVersion', 'commitmentAccepted'] },
]
const COMMIT = STEPS.length - 1
const stepOf = (field: string) => {
  const i = STEPS.findIndex((s) => s.fields.includes(field))
  return i < 0 ? 0 : i
}

/** Sex from the 17th digit of an 18-digit 居民身份证 / 居住证 number (odd = male). */
function sexFromId(id: string | undefined): 'male' | 'female' | undefined {
  const s = (id ?? '').trim()
  if (!/^\d{17}[\dXx]$/.test(s)) return undefined
  return Number(s[16]) % 2 ? 'male' : 'female'
}

/** What goes to the server: no empty strings; the ID number only when the worker typed it. */
function payload(form: RegistrationForm, idTyped: boolean): RegistrationForm {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(form)) {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) continue
    out[k] = typeof v === 'string' ? v.trim() : v
  }
  if (!idTyped) delete out.idNumber
  return out as RegistrationForm
}

const toInt = (v: string): number | undefined => {
  const d = v.replace(/[^\d]/g, '')
  return d ? Number(d) : undefined
}

export default function RegistrationFormPage() {
  const router = useRouter()
  const [reg, setReg] = useState<RegistrationView | null>(null)
  const [commitment, setCommitment] = useState<Commitment | null>(null)
  const [loaded, setLoaded] = useState<'loading' | 'ok' | 'error'>('loading')
  const [form, setForm] = useState<RegistrationForm>({})
  const [idTyped, setIdTyped] = useState(false)
  const [step, setStep] = useState(() => Math.min(Number(router.params.step ?? 0) || 0, COMMIT))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState<string | null>(null)
  const [regions, setRegions] = useState<RegionList | null>(null)
  const [accepted, setAccepted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [savedAt, setSavedAt] = useState<string | null>(null)
  const dirty = useRef(false)
  const formRef = useRef(form)
  formRef.current = form
  const idTypedRef = useRef(idTyped)
  idTypedRef.current = idTyped
  const chain = useRef<Promise<unknown>>(Promise.resolve())
  const blurTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const submitKey = useRef<string | null>(null)
  /** The worker ticked the 敏感个人信息 consent here; sent with the next save, which records it on the server. */
  const [consentTicked, setConsentTicked] = useState(false)
  const [consentAgreed, setConsentAgreed] = useState(false)
  const consentToSend = useRef(false)

  const load = async () => {
    setLoaded('loading')
    try {
      const [cur, rl] = await Promise.all([registrationApi.current({ silent: true }), registrationApi.regions({ silent: true }).catch(() => null)])
      setReg(cur.registration)
      setCommitment(cur.commitment)
      // The ID number from 资格自查 waits here until the worker agrees to the 敏感个人信息 consent.
      const handed = idHandOff.take()
      setForm({ ...(cur.registration?.form ?? {}), ...(handed ? { idNumber: handed } : {}) })
      if (handed) {
        setIdTyped(true)
        dirty.current = true
      }
      setRegions(rl)
      setLoaded('ok')
    } catch {
      setLoaded('error')
    }
  }
  useEffect(() => {
    void load()
    return () => {
      if (blurTimer.current) clearTimeout(blurTimer.current)
    }
  }, [])

  const set = (p: RegistrationForm) => {
    dirty.current = true
    setForm((f) => ({ ...f, ...p }))
    setErrors((e) => {
      const n = { ...e }
      for (const k of Object.keys(p)) delete n[k]
      return n
    })
  }

  /** Saves the draft (serialized); resolves to the field errors (empty = saved). */
  const save = (): Promise<Record<string, string>> => {
    const run = async (): Promise<Record<string, string>> => {
      if (!dirty.current) return {}
      dirty.current = false
      try {
        const res = await registrationApi.saveDraft(payload(formRef.current, idTypedRef.current), { silent: true }, consentToSend.current ? SENSITIVE_CONSENT.version : undefined)
        consentToSend.current = false
        setReg(res.registration)
        // Birth date and sex derived from the ID number come back from the server.
        setForm((f) => ({ ...f, birthDate: res.registration.form.birthDate ?? f.birthDate, sex: res.registration.form.sex ?? f.sex }))
        if (idTypedRef.current) setIdTyped(false)
        setSavedAt(new Date().toTimeString().slice(0, 5))
        return {}
      } catch (err) {
        dirty.current = true
        const fe = fieldErrors(err)
        if (!Object.keys(fe).length) fe._ = err instanceof ApiError ? err.message : '没有保存成功，请稍后重试'
        return fe
      }
    }
    const p = chain.current.then(run, run)
    chain.current = p
    return p
  }

  /** Autosave a moment after leaving a text box. */
  const onBlur = () => {
    if (blurTimer.current) clearTimeout(blurTimer.current)
    blurTimer.current = setTimeout(() => {
      void save().then((fe) => {
        const { _: _ignored, ...fields } = fe
        if (Object.keys(fields).length) setErrors((e) => ({ ...e, ...fields }))
      })
    }, 600)
  }

  const required = (s: number): Record<string, string> => {
    const f = form
    const e: Record<string, string> = {}
    const key = STEPS[s]!.key
    if (key === 'identity') {
      if (!f.idType) e.idType = '请选择证件类型'
      if (!reg?.idNumberMasked && !f.idNumber?.trim()) e.idNumber = '请填写证件号码'
      if (!f.realName?.trim()) e.realName = '请填写姓名'
      if (needsBirthAndSex(f.idType) && !f.birthDate) e.birthDate = '请选择出生日期'
      if (needsBirthAndSex(f.idType) && !f.sex) e.sex = '请选择性别'
      const sex = needsBirthAndSex(f.idType) ? f.sex : sexFromId(f.idNumber) ?? f.sex
      if (sex === 'female' && (!f.retirementCategory || f.retirementCategory === 'male')) e.retirementCategory = '请选择岗位类别（用于计算退休年龄）'
    } else if (key === 'residence') {
      if (!f.residenceDistrict) e.residenceDistrict = '请选择常住地所在区'
      if (!f.residenceStreet) e.residenceStreet = '请选择街道'
      if (!f.hukouPlace?.trim()) e.hukouPlace = '请填写户籍地'
    } else if (key === 'unemployment') {
      if (!f.unemploymentReason) e.unemploymentReason = '请选择失业原因'
      else if (!['graduate', 'veteran'].includes(f.unemploymentReason) && !f.lastJobEndDate) e.lastJobEndDate = '请选择原工作结束日期'
    } else if (key === 'education') {
      if (!f.education) e.education = '请选择文化程度'
    }
    return e
  }

  const top = () => Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => {})

  const next = async () => {
    if (busy) return
    if (!(consentAgreed || reg?.sensitiveConsent?.version === SENSITIVE_CONSENT.version) && (STEPS[step]!.key === 'identity' || STEPS[step]!.key === 'hardship')) {
      Taro.showToast({ title: '请先阅读并同意处理敏感个人信息', icon: 'none' })
      return
    }
    const req = required(step)
    setGeneral(null)
    if (Object.keys(req).length) {
      setErrors(req)
      return
    }
    if (STEPS[step]!.key === 'needs' && form.claimUnemploymentInsurance === undefined) {
      formRef.current = { ...formRef.current, claimUnemploymentInsurance: false }
      set({ claimUnemploymentInsurance: false })
    }
    setBusy(true)
    const fe = await save()
    setBusy(false)
    const { _: msg, ...fields } = fe
    if (Object.keys(fields).length) {
      setErrors(fields)
      const s = Math.min(...Object.keys(fields).map(stepOf))
      if (s !== step) setStep(s)
      return
    }
    if (msg) {
      setGeneral(msg)
      return
    }
    setErrors({})
    setStep((s) => Math.min(s + 1, COMMIT))
    top()
  }

  const prev = () => {
    void save()
    setErrors({})
    setGeneral(null)
    setStep((s) => Math.max(s - 1, 0))
    top()
  }

  // The tap asks for 订阅消息 first (synchronously, as WeChat requires), then submits.
  const submit = () => (busy || !commitment || !accepted ? submitNow() : taps.submitRegistration(submitNow))
  const submitNow = async () => {
    if (busy || !commitment) return
    if (!accepted) {
      setErrors({ commitmentAccepted: '请先勾选“我已阅读并承诺”' })
      return
    }
    setBusy(true)
    setGeneral(null)
    const fe = await save()
    if (Object.keys(fe).length) {
      setBusy(false)
      const { _: msg, ...fields } = fe
      if (Object.keys(fields).length) {
        setErrors(fields)
        setStep(Math.min(...Object.keys(fields).map(stepOf)))
      } else setGeneral(msg ?? null)
      return
    }
    // One key per submit attempt: a double tap or a retry after a network error reuses it.
    if (!submitKey.current) submitKey.current = newIdempotencyKey()
    try {
      await registrationApi.submit(commitment.version, submitKey.current, { silent: true })
      submitKey.current = null
      Taro.showToast({ title: '已提交', icon: 'success' })
      setTimeout(() => backOr(REG_PAGES.hub), 600)
    } catch (err) {
      const e = err instanceof ApiError ? err : null
      if (e && e.status >= 400 && e.status < 500) submitKey.current = null
      if (e?.code === 'COMMITMENT_OUTDATED') {
        setAccepted(false)
        setGeneral(e.message)
        void registrationApi.current({ silent: true }).then((c) => setCommitment(c.commitment)).catch(() => {})
      } else if (e?.status === 409) {
        Taro.showToast({ title: e.message, icon: 'none', duration: 3000 })
        setTimeout(() => backOr(REG_PAGES.hub), 1500)
      } else {
        const fields = fieldErrors(err)
        const stepped = Object.keys(fields).filter((k) => k !== 'eligibility' && k !== 'commitmentVersion')
        if (stepped.length) {
          setErrors(fields)
          setStep(Math.min(...stepped.map(stepOf)))
          Taro.showToast({ title: '还有内容没填好，请按红字修改', icon: 'none', duration: 2500 })
          top()
        } else setGeneral(e ? e.message : '没有提交成功，请再点一次“提交”')
      }
    } finally {
      setBusy(false)
    }
  }

  if (loaded !== 'ok')
    return (
      <PageShell>
        {loaded === 'loading' ? (
          <Text className='block muted txt-md'>加载中…</Text>
        ) : (
          <View className='notice'>
            <Text className='block txt-md'>没有加载出来，请检查网络。</Text>
            <Button className='btn btn-outline' onClick={() => void load()}>
              重新加载
            </Button>
          </View>
        )}
      </PageShell>
    )

  if (!reg || !['draft', 'returned'].includes(reg.status))
    return (
      <PageShell>
        <View className='notice' id='regf-closed'>
          <Text className='block txt-md'>{!reg ? '请先做一下资格自查，再填写登记表。' : `你的登记现在是“${reg.statusLabel}”，不能修改。`}</Text>
          <Button className='btn btn-primary' onClick={() => Taro.redirectTo({ url: REG_PAGES.hub })}>
            回到失业登记
          </Button>
        </View>
      </PageShell>
    )

  const s = STEPS[step]!
  const permit = needsBirthAndSex(form.idType)
  const consented = consentAgreed || reg.sensitiveConsent?.version === SENSITIVE_CONSENT.version
  /** Shown where the ID number (step 1) or the hardships (step 8) are asked for, until the worker agrees. */
  const consentCard = (
    <View className='card' id='regf-sensitive-consent'>
      <Text className='block txt-lg'>{SENSITIVE_CONSENT.title}</Text>
      <Text className='consent-box txt-md'>{SENSITIVE_CONSENT.text}</Text>
      <View id='regf-sensitive-check' className='check' onClick={() => setConsentTicked((v) => !v)}>
        <Text className={`check__box txt-md ${consentTicked ? 'check__box--on' : ''}`}>{consentTicked ? '✓' : ''}</Text>
        <Text className='txt-lg'>{SENSITIVE_CONSENT.checkbox}</Text>
      </View>
      <Button
        id='regf-sensitive-agree'
        className={`btn btn-primary ${consentTicked ? '' : 'btn--disabled'}`}
        onClick={() => {
          if (!consentTicked) {
            Taro.showToast({ title: '请先勾选同意', icon: 'none' })
            return
          }
          consentToSend.current = true
          dirty.current = true
          setConsentAgreed(true)
          setErrors((e) => ({ ...e, idNumber: '', hardships: '' }))
        }}
      >
        同意并继续填写
      </Button>
      <Text className='block muted txt-sm'>不同意的话，可以到社区（村）服务站或服务中心窗口办理失业登记。</Text>
    </View>
  )
  const needConsent = !consented && (s.key === 'identity' || s.key === 'hardship')
  const district = regions?.districts.find((d) => d.code === form.residenceDistrict)
  const districtOptions = (regions?.districts ?? []).map((d) => ({ value: d.code, label: d.name }))
  const err = (k: Key | string) => errors[k]

  return (
    <PageShell>
      <View id='regf' className={`regf-step-${s.key}`}>
        <View className='steps-bar'>
          {STEPS.map((x, i) => (
            <View key={x.key} className={`steps-bar__seg ${i <= step ? 'steps-bar__seg--done' : ''}`} />
          ))}
        </View>
        <Text className='block muted txt-sm'>
          第 {step + 1} 步，共 {STEPS.length} 步{savedAt ? `　·　已自动保存 ${savedAt}` : ''}
        </Text>
        <Text className='step-title txt-xl' id='regf-title'>
          {s.title}
        </Text>
        {reg.status === 'returned' && reg.returnReason ? (
          <View className='answer answer--no'>
            <Text className='block txt-md'>退回原因：{reg.returnReason}</Text>
          </View>
        ) : null}
        {general ? (
          <View className='answer answer--no' id='regf-general'>
            <Text className='block txt-md'>{general}</Text>
          </View>
        ) : null}
        {errors.ableToWork || errors.wantsWork || errors.currentlyEmployed || errors.eligibility ? (
          <View className='answer answer--no'>
            <Text className='block txt-md'>{errors.eligibility ?? errors.ableToWork ?? errors.wantsWork ?? errors.currentlyEmployed}</Text>
            <Button className='btn btn-outline' onClick={() => Taro.redirectTo({ url: REG_PAGES.hub })}>
              重新做资格自查
            </Button>
          </View>
        ) : null}

        {needConsent ? consentCard : null}
        <View className='card' style={needConsent ? { display: 'none' } : undefined}>
          {s.key === 'identity' ? (
            <View>
              <View className='field'>
                <Label>证件类型</Label>
                <ChoiceSingle idPrefix='regf-idtype' options={ID_TYPE_OPTIONS} value={form.idType} onChange={(v) => set({ idType: v })} />
                <FieldError id='regf-idtype-error' msg={err('idType')} />
              </View>
              <TextField
                id='regf-idnumber'
                label='证件号码'
                type='idcard'
                maxlength={20}
                value={form.idNumber}
                onInput={(v) => {
                  setIdTyped(true)
                  set({ idNumber: v })
                }}
                onBlur={onBlur}
                error={err('idNumber')}
                hint={reg.idNumberMasked ? `已填写：${reg.idNumberMasked}（要改才需要重新输入）` : permit ? '如 H12345678 或 8 位台胞证号码' : '18 位，最后一位可能是 X'}
                placeholder={reg.idNumberMasked ? '不改就不用填' : '请输入证件号码'}
              />
              <TextField id='regf-name' label='姓名' maxlength={30} value={form.realName} onInput={(v) => set({ realName: v })} onBlur={onBlur} error={err('realName')} placeholder='和证件上一致' />
              {permit ? (
                <View>
                  <View className='field'>
                    <Label>出生日期</Label>
                    <RegistrationDatePicker id='regf-birth' value={form.birthDate} onChange={(v) => set({ birthDate: v })} start='1940-01-01' />
                    <FieldError id='regf-birth-error' msg={err('birthDate')} />
                  </View>
                  <View className='field'>
                    <Label>性别</Label>
                    <ChoiceSingle idPrefix='regf-sex' columns={2} options={SEX_OPTIONS} value={form.sex} onChange={(v) => set({ sex: v })} />
                    <FieldError id='regf-sex-error' msg={err('sex')} />
                  </View>
                </View>
              ) : form.birthDate ? (
                <Text className='hint txt-md'>
                  出生日期 {form.birthDate}，{form.sex === 'female' ? '女' : '男'}（从证件号码读出）
                </Text>
              ) : null}
              <View className='field'>
                <Label hint='用来计算退休年龄'>你属于</Label>
                <ChoiceSingle idPrefix='regf-retire' options={RETIREMENT_OPTIONS} value={form.retirementCategory} onChange={(v) => set({ retirementCategory: v })} />
                <FieldError id='regf-retire-error' msg={err('retirementCategory')} />
              </View>
            </View>
          ) : null}

          {s.key === 'residence' ? (
            <View>
              <Text className='hint txt-md'>按常住地办理：选你现在实际住的地方（{regions?.city.name ?? '本市'}）。</Text>
              <View className='field'>
                <Label>所在区</Label>
                {regions ? (
                  <ChoiceSingle idPrefix='regf-district' columns={2} options={districtOptions} value={form.residenceDistrict} onChange={(v) => set({ residenceDistrict: v, residenceStreet: undefined })} />
                ) : (
                  <Button className='btn btn-outline' onClick={() => void registrationApi.regions().then(setRegions).catch(() => {})}>
                    区县列表没加载出来，点这里重试
                  </Button>
                )}
                <FieldError id='regf-district-error' msg={err('residenceDistrict')} />
              </View>
              {district ? (
                <View className='field'>
                  <Label>所在街道</Label>
                  <ChoiceSingle idPrefix='regf-street' columns={2} options={district.streets.map((x) => ({ value: x, label: x }))} value={form.residenceStreet} onChange={(v) => set({ residenceStreet: v })} />
                  <FieldError id='regf-street-error' msg={err('residenceStreet')} />
                </View>
              ) : (
                <FieldError id='regf-street-error' msg={err('residenceStreet')} />
              )}
              <TextField id='regf-address' label='详细地址（可不填）' maxlength={100} value={form.residenceAddress} onInput={(v) => set({ residenceAddress: v })} onBlur={onBlur} error={err('residenceAddress')} placeholder='小区、楼号' />
              <TextField id='regf-hukou' label='户籍地' maxlength={60} value={form.hukouPlace} onInput={(v) => set({ hukouPlace: v })} onBlur={onBlur} error={err('hukouPlace')} placeholder='如：黑龙江省哈尔滨市道里区' />
            </View>
          ) : null}

          {s.key === 'unemployment' ? (
            <View>
              <View className='field'>
                <Label>为什么没有工作了</Label>
                <ChoiceSingle idPrefix='regf-reason' options={REASON_OPTIONS} value={form.unemploymentReason} onChange={(v) => set({ unemploymentReason: v })} />
                <FieldError id='regf-reason-error' msg={err('unemploymentReason')} />
              </View>
              <TextField id='regf-employer' label='原工作单位（可不填）' maxlength={60} value={form.lastEmployer} onInput={(v) => set({ lastEmployer: v })} onBlur={onBlur} error={err('lastEmployer')} />
              <View className='field'>
                <Label hint={form.unemploymentReason === 'graduate' || form.unemploymentReason === 'veteran' ? '没有工作过可以不填' : undefined}>原工作结束日期</Label>
                <RegistrationDatePicker id='regf-enddate' value={form.lastJobEndDate} onChange={(v) => set({ lastJobEndDate: v })} start='1970-01-01' />
                <FieldError id='regf-enddate-error' msg={err('lastJobEndDate')} />
              </View>
            </View>
          ) : null}

          {s.key === 'education' ? (
            <View>
              <View className='field'>
                <Label>最高学历</Label>
                <ChoiceSingle idPrefix='regf-edu' columns={2} options={EDUCATION_OPTIONS} value={form.education} onChange={(v) => set({ education: v })} />
                <FieldError id='regf-edu-error' msg={err('education')} />
              </View>
              <TextField
                id='regf-gradyear'
                label='毕业年份（可不填）'
                type='number'
                maxlength={4}
                value={form.graduationYear === undefined ? '' : String(form.graduationYear)}
                onInput={(v) => set({ graduationYear: toInt(v) })}
                onBlur={onBlur}
                error={err('graduationYear')}
                placeholder='如 2005'
              />
            </View>
          ) : null}

          {s.key === 'skills' ? (
            <View>
              <View className='field'>
                <Label hint='会干什么活？比如 电焊、家政、开车、做饭'>技能（可不填）</Label>
                <RegistrationTagInput id='regf-skill' value={form.skills} onChange={(v) => set({ skills: v })} placeholder='输入一项，点添加' max={10} maxLength={20} />
                <FieldError id='regf-skill-error' msg={err('skills')} />
              </View>
              <View className='field'>
                <Label hint='比如 电工证、驾驶证、育婴员证'>证书（可不填）</Label>
                <RegistrationTagInput id='regf-cert' value={form.certificates} onChange={(v) => set({ certificates: v })} placeholder='输入一项，点添加' max={10} maxLength={30} />
                <FieldError id='regf-cert-error' msg={err('certificates')} />
              </View>
            </View>
          ) : null}

          {s.key === 'intention' ? (
            <View>
              <View className='field'>
                <Label hint='最多 5 个，比如 保安、保洁、仓库管理'>想做什么工作</Label>
                <RegistrationTagInput id='regf-occ' value={form.desiredOccupations} onChange={(v) => set({ desiredOccupations: v })} placeholder='输入一项，点添加' max={5} maxLength={20} />
                <FieldError id='regf-occ-error' msg={err('desiredOccupations')} />
              </View>
              <View className='field'>
                <Label hint='可以多选'>想在哪些区工作</Label>
                <ChoiceMulti idPrefix='regf-wdistrict' columns={2} options={districtOptions} value={form.desiredDistricts} onChange={(v) => set({ desiredDistricts: v })} max={9} />
                <FieldError id='regf-wdistrict-error' msg={err('desiredDistricts')} />
              </View>
              <TextField
                id='regf-pay'
                label='期望月收入（元）'
                type='number'
                maxlength={6}
                value={form.expectedMonthlyPay === undefined ? '' : String(form.expectedMonthlyPay)}
                onInput={(v) => set({ expectedMonthlyPay: toInt(v) })}
                onBlur={onBlur}
                error={err('expectedMonthlyPay')}
                placeholder='如 3000'
              />
              <View className='field'>
                <Label hint='可以多选'>工作方式</Label>
                <ChoiceMulti idPrefix='regf-mode' columns={2} options={WORK_MODE_OPTIONS} value={form.workModes} onChange={(v) => set({ workModes: v })} />
                <FieldError id='regf-mode-error' msg={err('workModes')} />
              </View>
            </View>
          ) : null}

          {s.key === 'needs' ? (
            <View>
              <View className='field'>
                <Label hint='可以多选，我们会按你选的安排服务'>需要哪些帮助</Label>
                <ChoiceMulti idPrefix='regf-need' options={SERVICE_NEED_OPTIONS} value={form.serviceNeeds} onChange={(v) => set({ serviceNeeds: v })} />
                <FieldError id='regf-need-error' msg={err('serviceNeeds')} />
              </View>
              <View className='field'>
                <View className='field__row' style={{ justifyContent: 'space-between' }}>
                  <Text className='field__label txt-lg' style={{ marginBottom: 0 }}>
                    同时申领失业保险金
                  </Text>
                  <Switch id='regf-insurance' checked={!!form.claimUnemploymentInsurance} color='#0e7a3e' onChange={(e) => set({ claimUnemploymentInsurance: !!e.detail.value })} />
                </View>
                <Text className='hint txt-sm'>交过失业保险、非本人意愿中断就业的可以勾选，经办人员会记下并告诉你怎么办。失业保险金需另行申领，登记通过后可在线申请。</Text>
                <FieldError id='regf-insurance-error' msg={err('claimUnemploymentInsurance')} />
              </View>
            </View>
          ) : null}

          {s.key === 'hardship' ? (
            <View>
              <Text className='hint txt-md'>有下面的情况就勾上（可以多选，没有就不选）。勾选任何一项，会同时提交“就业援助”申请，工作人员会联系你，提供一对一帮扶。</Text>
              <ChoiceMulti idPrefix='regf-hardship' options={HARDSHIP_OPTIONS} value={form.hardships} onChange={(v) => set({ hardships: v })} />
              <FieldError id='regf-hardship-error' msg={err('hardships')} />
              {form.hardships?.length ? (
                <View className='answer answer--ok' id='regf-aid'>
                  <Text className='block txt-md'>将同时申请就业援助。</Text>
                </View>
              ) : null}
            </View>
          ) : null}

          {s.key === 'commit' && commitment ? (
            <View>
              <Text className='hint txt-md'>请认真读一遍。承诺后按“告知承诺制”办理，7 个工作日内办结。</Text>
              <Text className='block commitment txt-md' id='regf-commitment'>
                {commitment.text}
              </Text>
              <View id='regf-accept' className='check' onClick={() => {
                setAccepted((a) => !a)
                setErrors((e) => ({ ...e, commitmentAccepted: '' }))
              }}>
                <Text className={`check__box txt-md ${accepted ? 'check__box--on' : ''}`}>{accepted ? '✓' : ''}</Text>
                <Text className='txt-lg'>我已阅读并承诺</Text>
              </View>
              <FieldError id='regf-accept-error' msg={err('commitmentAccepted')} />
              {reg.missingFields.length ? (
                <View className='notice' id='regf-missing'>
                  <Text className='block txt-md'>还有 {reg.missingFields.length} 项没填好：</Text>
                  {reg.missingFields.slice(0, 5).map((m) => (
                    <Text key={m.field} className='block link txt-md' onClick={() => setStep(stepOf(m.field.replace(/^form\./, '')))}>
                      {m.message} ›
                    </Text>
                  ))}
                </View>
              ) : null}
            </View>
          ) : null}
        </View>

        <View className='btn-row'>
          {step > 0 ? (
            <Button id='regf-prev' className='btn btn-plain' onClick={prev}>
              上一步
            </Button>
          ) : null}
          {step < COMMIT ? (
            <Button id='regf-next' className='btn btn-primary' loading={busy || undefined} onClick={next}>
              下一步
            </Button>
          ) : (
            <Button id='regf-submit' className={`btn btn-primary ${accepted ? '' : 'btn--disabled'}`} loading={busy || undefined} onClick={submit}>
              {reg.status === 'returned' ? '重新提交' : '提交登记'}
            </Button>
          )}
        </View>
        <Text className='block muted txt-sm' style={{ marginTop: Taro.pxTransform(16), textAlign: 'center' }}>
          填的内容会自动保存，退出后再进来可以接着填。
        </Text>
      </View>
    </PageShell>
  )
}
