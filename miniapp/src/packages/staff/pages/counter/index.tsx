import { useEffect, useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { SENSITIVE_CONSENT } from '@doorstep/shared/src/data/privacy'
import { REGISTRATION_COMMITMENT } from '@doorstep/shared/src/data/commitment'
import PageShell from '../../../../components/PageShell'
import RegistrationDatePicker from '../../../../components/RegistrationDatePicker'
import RegistrationTagInput from '../../../../components/RegistrationTagInput'
import { ChoiceMulti, ChoiceSingle, YesNo } from '../../../../components/RegistrationChoices'
import { goLogin } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { ApiError, fieldErrors, newIdempotencyKey, registrationApi, staffRegistrationApi, type RegionList, type RegistrationForm, type RegistrationView } from '../../../../pages/registration/api'
import {
  EDUCATION_OPTIONS, HARDSHIP_OPTIONS, ID_TYPE_OPTIONS, needsBirthAndSex, REASON_OPTIONS, RETIREMENT_OPTIONS, SERVICE_NEED_OPTIONS, SEX_OPTIONS, WORK_MODE_OPTIONS,
} from '../../../../pages/registration/labels'
import { FieldError, inputId, Kv, Label, REG_PAGES, StatusBadge, TextField } from '../../../../pages/registration/shared'
import '../../../../pages/registration/registration.css'

/** The paper signatures and the in-person ID check, ticked by staff (each sent as `true`). */
type Ticks = { idChecked: boolean; consentSigned: boolean; commitmentSigned: boolean }

const toInt = (v: string): number | undefined => {
  const d = v.replace(/[^\d]/g, '')
  return d ? Number(d) : undefined
}

/** No empty strings go to the server; strings trimmed. */
function payload(form: RegistrationForm): RegistrationForm {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(form)) {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) continue
    out[k] = typeof v === 'string' ? v.trim() : v
  }
  return out as RegistrationForm
}

/** What must be filled before sending (the server checks it all again, with the same messages). */
function required(f: RegistrationForm, phone: string, ticks: Ticks): Record<string, string> {
  const e: Record<string, string> = {}
  const permit = needsBirthAndSex(f.idType)
  if (!ticks.idChecked) e.idChecked = '请当面核验证件原件后勾选'
  if (!f.idType) e.idType = '请选择证件类型'
  if (!f.idNumber?.trim()) e.idNumber = '请填写证件号码'
  if (!f.realName?.trim()) e.realName = '请填写姓名'
  if (permit && !f.birthDate) e.birthDate = '请选择出生日期'
  if (permit && !f.sex) e.sex = '请选择性别'
  if (!f.retirementCategory) e.retirementCategory = '请选择一项（用于计算退休年龄）'
  if (!phone.trim()) e.phone = '请填写本人手机号'
  else if (!/^1[3-9]\d{9}$/.test(phone.trim())) e.phone = '本人手机号应为 11 位手机号'
  if (f.ableToWork === undefined) e.ableToWork = '请选择是否有劳动能力'
  if (f.wantsWork === undefined) e.wantsWork = '请选择是否有就业要求'
  if (f.currentlyEmployed === undefined) e.currentlyEmployed = '请选择目前是否在职'
  if (!f.residenceDistrict) e.residenceDistrict = '请选择常住地所在区'
  if (!f.residenceStreet) e.residenceStreet = '请选择常住地街道'
  if (!f.hukouPlace?.trim()) e.hukouPlace = '请填写户籍地'
  if (!f.unemploymentReason) e.unemploymentReason = '请选择失业原因'
  else if (!['graduate', 'veteran'].includes(f.unemploymentReason) && !f.lastJobEndDate) e.lastJobEndDate = '请选择原工作结束日期'
  if (!f.education) e.education = '请选择文化程度'
  if (f.claimUnemploymentInsurance === undefined) e.claimUnemploymentInsurance = '请选择是否同时申领失业保险金'
  if (!ticks.consentSigned) e.consentSigned = '请确认本人已在纸质同意书上签字'
  if (!ticks.commitmentSigned) e.commitmentSigned = '请确认本人已在纸质书面承诺上签字'
  return e
}

function Tick({ id, on, onClick, children }: { id: string; on: boolean; onClick: () => void; children: string }) {
  return (
    <View id={id} className='check' onClick={onClick} ariaRole='checkbox' ariaLabel={`${children}${on ? '，已勾选' : ''}`}>
      <Text className={`check__box txt-md ${on ? 'check__box--on' : ''}`}>{on ? '✓' : ''}</Text>
      <Text className='txt-lg'>{children}</Text>
    </View>
  )
}

/** 窗口代办: staff register a walk-in person (ID checked in person, paper consent and commitment signed). */
export default function CounterRegistration() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const [regions, setRegions] = useState<RegionList | null>(null)
  const [form, setForm] = useState<RegistrationForm>({ idType: 'resident_id' })
  const [phone, setPhone] = useState('')
  const [ticks, setTicks] = useState<Ticks>({ idChecked: false, consentSigned: false, commitmentSigned: false })
  const [approveNow, setApproveNow] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<RegistrationView | null>(null)
  /** One key per filled form: a double tap or a retry after a network error reuses it. */
  const key = useRef<string | null>(null)

  useEffect(() => {
    void registrationApi.regions({ silent: true }).then(setRegions).catch(() => {})
  }, [])

  const clear = (keys: string[]) =>
    setErrors((e) => {
      const n = { ...e }
      for (const k of keys) delete n[k]
      return n
    })
  const set = (p: RegistrationForm) => {
    key.current = null
    setForm((f) => ({ ...f, ...p }))
    clear(Object.keys(p))
  }
  const tick = (k: keyof Ticks) => {
    setTicks((t) => ({ ...t, [k]: !t[k] }))
    clear([k])
  }

  const reset = () => {
    setForm({ idType: 'resident_id' })
    setPhone('')
    setTicks({ idChecked: false, consentSigned: false, commitmentSigned: false })
    setApproveNow(false)
    setErrors({})
    setGeneral(null)
    setDone(null)
    key.current = null
    top()
  }
  const top = () => Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => {})

  const submit = async () => {
    if (busy) return
    setGeneral(null)
    const req = required(form, phone, ticks)
    setErrors(req)
    if (Object.keys(req).length) {
      top()
      Taro.showToast({ title: `还有 ${Object.keys(req).length} 项没填好，请按红字修改`, icon: 'none', duration: 2500 })
      return
    }
    if (!key.current) key.current = newIdempotencyKey()
    setBusy(true)
    try {
      const res = await staffRegistrationApi.counterCreate(
        {
          form: payload(form), phone: phone.trim(), idChecked: true, sensitiveConsentVersion: SENSITIVE_CONSENT.version, consentSigned: true,
          commitmentVersion: REGISTRATION_COMMITMENT.version, commitmentSigned: true, approveNow, idempotencyKey: key.current,
        },
        { silent: true },
      )
      key.current = null
      Taro.hideToast({ fail: () => {} })
      setDone(res.registration)
      top()
    } catch (err) {
      const e = err instanceof ApiError ? err : null
      if (e && e.status >= 400 && e.status < 500) key.current = null
      const fe = fieldErrors(err)
      setErrors(fe)
      setGeneral(e ? e.message : '没有提交成功，请再点一次“提交登记”')
      top()
    } finally {
      setBusy(false)
    }
  }

  if (!loggedIn || !isStaff)
    return (
      <PageShell>
        <View className='notice'>
          <Text className='block txt-md'>{!loggedIn ? '请先用经办人员账号登录' : '你的账号还没有经办人员权限。'}</Text>
          {!loggedIn ? (
            <Button className='btn btn-primary' onClick={goLogin}>
              登录
            </Button>
          ) : null}
        </View>
      </PageShell>
    )

  if (done)
    return (
      <PageShell>
        <View className='card' id='ctr-done'>
          <View className='field__row' style={{ justifyContent: 'space-between' }}>
            <Text className='txt-xl' style={{ fontWeight: 700 }}>
              {done.status === 'approved' ? '已当场办结' : '已受理'}
            </Text>
            <StatusBadge id='ctr-status' status={done.status} label={done.statusLabel} />
          </View>
          {done.center ? <Kv k='办理机构' v={done.center.name} /> : null}
          {done.recordNo ? <Kv id='ctr-recordno' k='登记编号' v={done.recordNo} /> : null}
          {done.status !== 'approved' && done.dueDate ? <Kv k='承诺办结' v={`${done.dueDate} 前`} /> : null}
          <View className='notice'>
            <Text className='block txt-md'>已发短信告诉本人：用这个手机号登录“家门口就业”，在失业登记页输入证件号码即可认领，在手机上查看进度。</Text>
          </View>
          {done.status !== 'approved' ? (
            <Button className='btn btn-outline' onClick={() => Taro.navigateTo({ url: `${REG_PAGES.staffDetail}?id=${done.id}` })}>
              去审核这份登记
            </Button>
          ) : null}
          <Button id='ctr-again' className='btn btn-primary' onClick={reset}>
            再办一位
          </Button>
        </View>
      </PageShell>
    )

  const permit = needsBirthAndSex(form.idType)
  const district = regions?.districts.find((d) => d.code === form.residenceDistrict)
  const districtOptions = (regions?.districts ?? []).map((d) => ({ value: d.code, label: d.name }))
  const err = (k: string) => errors[k]

  return (
    <PageShell>
      <View className='hero' id='ctr'>
        <Text className='hero__title txt-xl'>窗口代办失业登记</Text>
        <Text className='hero__sub txt-md'>为来窗口的本人办理：当面核验证件原件，本人在纸质同意书和书面承诺上签字</Text>
      </View>
      {general ? (
        <View className='answer answer--no' id='ctr-general'>
          <Text className='block txt-md'>{general}</Text>
        </View>
      ) : null}

      <View className='card'>
        <Text className='step-title txt-lg'>身份信息</Text>
        <View className='field'>
          <Label>证件类型</Label>
          <ChoiceSingle idPrefix='ctr-idtype' options={ID_TYPE_OPTIONS} value={form.idType} onChange={(v) => set({ idType: v })} />
          <FieldError id='ctr-idtype-error' msg={err('idType')} />
        </View>
        <TextField id='ctr-idnumber' label='证件号码' type='idcard' maxlength={20} value={form.idNumber} onInput={(v) => set({ idNumber: v })} error={err('idNumber')} placeholder='照证件原件输入' />
        <Tick id='ctr-idchecked' on={ticks.idChecked} onClick={() => tick('idChecked')}>
          已当面核验证件原件，与本人一致
        </Tick>
        <FieldError id='ctr-idchecked-error' msg={err('idChecked')} />
        <TextField id='ctr-name' label='姓名' maxlength={30} value={form.realName} onInput={(v) => set({ realName: v })} error={err('realName')} placeholder='和证件上一致' />
        {permit ? (
          <View>
            <View className='field'>
              <Label>出生日期</Label>
              <RegistrationDatePicker id='ctr-birth' value={form.birthDate} onChange={(v) => set({ birthDate: v })} start='1940-01-01' />
              <FieldError id='ctr-birth-error' msg={err('birthDate')} />
            </View>
            <View className='field'>
              <Label>性别</Label>
              <ChoiceSingle idPrefix='ctr-sex' columns={2} options={SEX_OPTIONS} value={form.sex} onChange={(v) => set({ sex: v })} />
              <FieldError id='ctr-sex-error' msg={err('sex')} />
            </View>
          </View>
        ) : (
          <Text className='hint txt-md'>出生日期和性别从证件号码读出。</Text>
        )}
        <View className='field'>
          <Label hint='用来计算退休年龄'>本人属于</Label>
          <ChoiceSingle idPrefix='ctr-retire' options={RETIREMENT_OPTIONS} value={form.retirementCategory} onChange={(v) => set({ retirementCategory: v })} />
          <FieldError id='ctr-retire-error' msg={err('retirementCategory')} />
        </View>
        <View className='field'>
          <Label hint='短信告诉本人怎样在手机上认领这份登记'>本人手机号</Label>
          <Input
            {...inputId('ctr-phone')}
            className='input'
            type='number'
            maxlength={11}
            value={phone}
            placeholder='11 位手机号'
            onInput={(e) => {
              key.current = null
              setPhone(e.detail.value)
              clear(['phone'])
            }}
          />
          <FieldError id='ctr-phone-error' msg={err('phone')} />
        </View>
      </View>

      <View className='card'>
        <Text className='step-title txt-lg'>登记条件（问本人）</Text>
        <View className='field'>
          <Label>有劳动能力吗？</Label>
          <YesNo idPrefix='ctr-able' value={form.ableToWork} onChange={(v) => set({ ableToWork: v })} yes='有' no='没有' />
          <FieldError id='ctr-able-error' msg={err('ableToWork')} />
        </View>
        <View className='field'>
          <Label>有就业要求吗？</Label>
          <YesNo idPrefix='ctr-wants' value={form.wantsWork} onChange={(v) => set({ wantsWork: v })} yes='想找工作' no='不想' />
          <FieldError id='ctr-wants-error' msg={err('wantsWork')} />
        </View>
        <View className='field'>
          <Label>目前有工作吗？</Label>
          <YesNo idPrefix='ctr-employed' value={form.currentlyEmployed} onChange={(v) => set({ currentlyEmployed: v })} yes='有工作' no='没有工作' />
          <FieldError id='ctr-employed-error' msg={err('currentlyEmployed')} />
        </View>
        <FieldError id='ctr-eligibility-error' msg={err('eligibility')} />
      </View>

      <View className='card'>
        <Text className='step-title txt-lg'>常住地和户籍</Text>
        <Text className='hint txt-md'>只能办理本中心服务范围内的常住人员。</Text>
        <View className='field'>
          <Label>所在区</Label>
          {regions ? (
            <ChoiceSingle idPrefix='ctr-district' columns={2} options={districtOptions} value={form.residenceDistrict} onChange={(v) => set({ residenceDistrict: v, residenceStreet: undefined })} />
          ) : (
            <Button className='btn btn-outline' onClick={() => void registrationApi.regions().then(setRegions).catch(() => {})}>
              区县列表没加载出来，点这里重试
            </Button>
          )}
          <FieldError id='ctr-district-error' msg={err('residenceDistrict')} />
        </View>
        {district ? (
          <View className='field'>
            <Label>所在街道</Label>
            <ChoiceSingle idPrefix='ctr-street' columns={2} options={district.streets.map((x) => ({ value: x, label: x }))} value={form.residenceStreet} onChange={(v) => set({ residenceStreet: v })} />
            <FieldError id='ctr-street-error' msg={err('residenceStreet')} />
          </View>
        ) : (
          <FieldError id='ctr-street-error' msg={err('residenceStreet')} />
        )}
        <TextField id='ctr-address' label='详细地址（可不填）' maxlength={100} value={form.residenceAddress} onInput={(v) => set({ residenceAddress: v })} error={err('residenceAddress')} placeholder='小区、楼号' />
        <TextField id='ctr-hukou' label='户籍地' maxlength={60} value={form.hukouPlace} onInput={(v) => set({ hukouPlace: v })} error={err('hukouPlace')} placeholder='如：黑龙江省哈尔滨市道里区' />
      </View>

      <View className='card'>
        <Text className='step-title txt-lg'>失业情况和文化程度</Text>
        <View className='field'>
          <Label>失业原因</Label>
          <ChoiceSingle idPrefix='ctr-reason' options={REASON_OPTIONS} value={form.unemploymentReason} onChange={(v) => set({ unemploymentReason: v })} />
          <FieldError id='ctr-reason-error' msg={err('unemploymentReason')} />
        </View>
        <TextField id='ctr-employer' label='原工作单位（可不填）' maxlength={60} value={form.lastEmployer} onInput={(v) => set({ lastEmployer: v })} error={err('lastEmployer')} />
        <View className='field'>
          <Label hint={form.unemploymentReason === 'graduate' || form.unemploymentReason === 'veteran' ? '没有工作过可以不填' : undefined}>原工作结束日期</Label>
          <RegistrationDatePicker id='ctr-enddate' value={form.lastJobEndDate} onChange={(v) => set({ lastJobEndDate: v })} start='1970-01-01' />
          <FieldError id='ctr-enddate-error' msg={err('lastJobEndDate')} />
        </View>
        <View className='field'>
          <Label>最高学历</Label>
          <ChoiceSingle idPrefix='ctr-edu' columns={2} options={EDUCATION_OPTIONS} value={form.education} onChange={(v) => set({ education: v })} />
          <FieldError id='ctr-edu-error' msg={err('education')} />
        </View>
        <TextField
          id='ctr-gradyear'
          label='毕业年份（可不填）'
          type='number'
          maxlength={4}
          value={form.graduationYear === undefined ? '' : String(form.graduationYear)}
          onInput={(v) => set({ graduationYear: toInt(v) })}
          error={err('graduationYear')}
          placeholder='如 2005'
        />
      </View>

      <View className='card'>
        <Text className='step-title txt-lg'>技能和求职意向（可不填）</Text>
        <View className='field'>
          <Label>技能</Label>
          <RegistrationTagInput id='ctr-skill' value={form.skills} onChange={(v) => set({ skills: v })} placeholder='输入一项，点添加' max={10} maxLength={20} />
          <FieldError id='ctr-skill-error' msg={err('skills')} />
        </View>
        <View className='field'>
          <Label>证书</Label>
          <RegistrationTagInput id='ctr-cert' value={form.certificates} onChange={(v) => set({ certificates: v })} placeholder='输入一项，点添加' max={10} maxLength={30} />
          <FieldError id='ctr-cert-error' msg={err('certificates')} />
        </View>
        <View className='field'>
          <Label hint='最多 5 个'>意向职业</Label>
          <RegistrationTagInput id='ctr-occ' value={form.desiredOccupations} onChange={(v) => set({ desiredOccupations: v })} placeholder='输入一项，点添加' max={5} maxLength={20} />
          <FieldError id='ctr-occ-error' msg={err('desiredOccupations')} />
        </View>
        <View className='field'>
          <Label hint='可以多选'>意向工作区域</Label>
          <ChoiceMulti idPrefix='ctr-wdistrict' columns={2} options={districtOptions} value={form.desiredDistricts} onChange={(v) => set({ desiredDistricts: v })} max={9} />
          <FieldError id='ctr-wdistrict-error' msg={err('desiredDistricts')} />
        </View>
        <TextField
          id='ctr-pay'
          label='期望月收入（元）'
          type='number'
          maxlength={6}
          value={form.expectedMonthlyPay === undefined ? '' : String(form.expectedMonthlyPay)}
          onInput={(v) => set({ expectedMonthlyPay: toInt(v) })}
          error={err('expectedMonthlyPay')}
          placeholder='如 3000'
        />
        <View className='field'>
          <Label hint='可以多选'>工作方式</Label>
          <ChoiceMulti idPrefix='ctr-mode' columns={2} options={WORK_MODE_OPTIONS} value={form.workModes} onChange={(v) => set({ workModes: v })} />
          <FieldError id='ctr-mode-error' msg={err('workModes')} />
        </View>
      </View>

      <View className='card'>
        <Text className='step-title txt-lg'>服务需求和困难情形</Text>
        <View className='field'>
          <Label hint='可以多选'>需要哪些服务</Label>
          <ChoiceMulti idPrefix='ctr-need' options={SERVICE_NEED_OPTIONS} value={form.serviceNeeds} onChange={(v) => set({ serviceNeeds: v })} />
          <FieldError id='ctr-need-error' msg={err('serviceNeeds')} />
        </View>
        <View className='field'>
          <Label>同时申领失业保险金吗？</Label>
          <YesNo idPrefix='ctr-insurance' value={form.claimUnemploymentInsurance} onChange={(v) => set({ claimUnemploymentInsurance: v })} yes='申领' no='不申领' />
          <FieldError id='ctr-insurance-error' msg={err('claimUnemploymentInsurance')} />
        </View>
        <View className='field'>
          <Label hint='有就勾上，没有不选；勾选任何一项会同时申请就业援助'>就业困难情形</Label>
          <ChoiceMulti idPrefix='ctr-hardship' options={HARDSHIP_OPTIONS} value={form.hardships} onChange={(v) => set({ hardships: v })} />
          <FieldError id='ctr-hardship-error' msg={err('hardships')} />
        </View>
      </View>

      <View className='card' id='ctr-paper'>
        <Text className='step-title txt-lg'>纸质签字</Text>
        <Text className='hint txt-md'>
          请本人阅读并在纸质《{SENSITIVE_CONSENT.title}》（{SENSITIVE_CONSENT.version} 版）和《失业登记书面承诺》（{REGISTRATION_COMMITMENT.version} 版）上签字，签好后勾选；勾选时间记入登记。
        </Text>
        <Tick id='ctr-consent' on={ticks.consentSigned} onClick={() => tick('consentSigned')}>
          本人已在纸质敏感个人信息处理同意书上签字
        </Tick>
        <FieldError id='ctr-consent-error' msg={err('consentSigned') ?? err('sensitiveConsentVersion')} />
        <Tick id='ctr-commitment' on={ticks.commitmentSigned} onClick={() => tick('commitmentSigned')}>
          本人已在纸质书面承诺上签字
        </Tick>
        <FieldError id='ctr-commitment-error' msg={err('commitmentSigned') ?? err('commitmentVersion')} />
      </View>

      <View className='card'>
        <Tick id='ctr-approve-now' on={approveNow} onClick={() => setApproveNow((a) => !a)}>
          立即通过（材料当场核验无误，当场办结）
        </Tick>
        <Text className='hint txt-sm'>不勾选：按告知承诺制受理，7 个工作日内在“失业登记审核”里办结。</Text>
        <Button id='ctr-submit' className='btn btn-primary' loading={busy || undefined} onClick={submit}>
          {approveNow ? '提交并通过' : '提交登记'}
        </Button>
      </View>
    </PageShell>
  )
}
