import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { fieldErrors } from '../../../../pages/gigs/api'
import { EMPLOYER_PAGES } from '../../../../pages/gigs/links'
import { Check, Choices, FieldError, Switch, TextField } from '../../../../pages/gigs/ui'
import { employerApi, type EmployerOnboardBody, type EmployerView } from '../../api'
import { creditCodeProblem } from '../../credit-code'

type Kind = EmployerOnboardBody['kind']
const KIND_OPTIONS: { value: Kind; label: string }[] = [
  { value: 'enterprise', label: '企业' },
  { value: 'individual_business', label: '个体工商户' },
  { value: 'household', label: '个人雇主（家庭用工）' },
]
// Copied from shared/src/schemas/employer.ts (COMMITMENT_TEXT); keep in sync.
const COMMITMENT_TEXT = '本人作为经办人郑重承诺：所填用人主体信息真实有效，发布的用工信息真实、合法，按约定足额支付劳动报酬。如有不实，愿承担相应法律责任。'

interface Form {
  kind?: Kind
  name: string
  creditCode: string
  contactName: string
  contactPhone: string
  address: string
  commitment: boolean
  commitmentAgreed: boolean
}

function backHome() {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack().catch(() => Taro.redirectTo({ url: EMPLOYER_PAGES.home }))
  else Taro.redirectTo({ url: EMPLOYER_PAGES.home }).catch(() => {})
}

/** 用人单位登记: 企业 / 个体工商户 (统一社会信用代码) or 个人雇主; optional 承诺制 with the 经办人's written commitment. */
export default function Onboard() {
  const [f, setF] = useState<Form>({ name: '', creditCode: '', contactName: '', contactPhone: '', address: '', commitment: false, commitmentAgreed: false })
  const [current, setCurrent] = useState<EmployerView | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    employerApi
      .profile({ silent: true })
      .then(({ employer: e }) => {
        if (!e) return
        setCurrent(e)
        setF((x) => ({ ...x, kind: e.kind, name: e.name, creditCode: e.creditCode ?? '', contactName: e.contactName, address: e.address, commitment: e.commitment, commitmentAgreed: e.commitment }))
      })
      .catch(() => {})
  }, [])

  const set = (p: Partial<Form>) => {
    setF((x) => ({ ...x, ...p }))
    setErrors((x) => {
      const n = { ...x }
      for (const k of Object.keys(p)) delete n[k]
      return n
    })
  }
  const household = f.kind === 'household'

  const submit = async () => {
    if (busy) return
    const errs: Record<string, string> = {}
    if (!f.kind) errs.kind = '请选择用人主体类型'
    if (f.name.trim().length < 2) errs.name = household ? '请填写称呼，比如：张女士（家庭用工）' : '请填写营业执照上的名称'
    if (f.kind && !household) {
      const p = creditCodeProblem(f.creditCode)
      if (p) errs.creditCode = p
    }
    if (f.contactName.trim().length < 2) errs.contactName = '请填写经办人姓名'
    if (!/^1[3-9]\d{9}$/.test(f.contactPhone.trim())) errs.contactPhone = '请填写 11 位手机号'
    if (f.address.trim().length < 4) errs.address = '请填写地址（至少 4 个字）'
    if (f.commitment && !f.commitmentAgreed) errs.commitmentAgreed = '选择承诺制须勾选经办人书面承诺'
    setErrors(errs)
    if (Object.keys(errs).length) {
      Taro.showToast({ title: Object.values(errs)[0]!, icon: 'none', duration: 2500 })
      return
    }
    setBusy(true)
    try {
      const body: EmployerOnboardBody = {
        kind: f.kind!,
        name: f.name.trim(),
        contactName: f.contactName.trim(),
        contactPhone: f.contactPhone.trim(),
        address: f.address.trim(),
        commitment: f.commitment,
        ...(household ? {} : { creditCode: f.creditCode.trim().toUpperCase() }),
        ...(f.commitment ? { commitmentAgreed: true } : {}),
      }
      const { employer } = await employerApi.onboard(body, { silent: true })
      Taro.showToast({ title: employer?.canPublishAtOnce ? '登记成功，现在就能发布零工' : '已提交，3 个工作日内审核', icon: 'none', duration: 2500 })
      setTimeout(backHome, 800)
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(fe)
      Taro.showToast({ title: Object.values(fe)[0] ?? (err as Error).message, icon: 'none', duration: 2500 })
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell>
      {current?.status === 'verified' ? (
        <Text className='ok-box txt-md'>已认证。只改联系人、电话、地址不用重新审核；改名称、类型或代码要重新审核。</Text>
      ) : null}
      <View className='card'>
        <Text className='block-title txt-lg'>谁在招人</Text>
        <Choices idPrefix='onb-kind' options={KIND_OPTIONS} value={f.kind} onChange={(kind) => set({ kind, ...(kind === 'household' ? { creditCode: '' } : {}) })} />
        <FieldError id='onb-kind-error' msg={errors.kind} />
        <View style={{ height: Taro.pxTransform(16) }} />
        <TextField
          id='onb-name'
          label={household ? '怎么称呼你' : '名称（和营业执照一致）'}
          value={f.name}
          onInput={(name) => set({ name })}
          error={errors.name}
          maxlength={50}
          placeholder={household ? '比如：张女士（家庭用工）' : '比如：哈尔滨某某物流有限公司'}
        />
        {f.kind && !household ? (
          <TextField
            id='onb-credit'
            label='统一社会信用代码'
            hint='营业执照上的 18 位代码'
            value={f.creditCode}
            onInput={(creditCode) => set({ creditCode: creditCode.toUpperCase() })}
            error={errors.creditCode}
            maxlength={18}
            placeholder='18 位，字母和数字'
          />
        ) : null}
      </View>
      <View className='card'>
        <Text className='block-title txt-lg'>经办人（负责招工的人）</Text>
        <TextField id='onb-contact' label='姓名' value={f.contactName} onInput={(contactName) => set({ contactName })} error={errors.contactName} maxlength={20} />
        <TextField
          id='onb-phone'
          label='手机号'
          type='number'
          value={f.contactPhone}
          onInput={(contactPhone) => set({ contactPhone })}
          error={errors.contactPhone}
          maxlength={11}
          placeholder={current ? `原来是 ${current.contactPhoneMasked}，请重新填写` : '11 位手机号'}
        />
        <TextField id='onb-address' label='地址' value={f.address} onInput={(address) => set({ address })} error={errors.address} maxlength={100} placeholder='比如：道里区安静街 10 号' />
      </View>
      <View className='card'>
        <Switch
          id='onb-commitment'
          label='承诺制登记'
          desc='初创企业、个体户和个人雇主可以选：经办人书面承诺后马上能发布，零工上标“承诺制”，经办人员随后核实。'
          on={f.commitment}
          onChange={(commitment) => set({ commitment, commitmentAgreed: commitment ? f.commitmentAgreed : false })}
        />
        {f.commitment ? (
          <View>
            <Text className='pledge txt-md'>{COMMITMENT_TEXT}</Text>
            <Check id='onb-agree' on={f.commitmentAgreed} onChange={(commitmentAgreed) => set({ commitmentAgreed })}>
              我是经办人，我已阅读并承诺
            </Check>
            <FieldError id='onb-agree-error' msg={errors.commitmentAgreed} />
          </View>
        ) : (
          <Text className='gig-hint txt-sm'>不选承诺制：经办人员 3 个工作日内审核，审核前发布的零工审核通过后上架。</Text>
        )}
        <Button id='onb-submit' className='btn btn-primary' loading={busy || undefined} onClick={submit}>
          提交登记
        </Button>
      </View>
    </PageShell>
  )
}
