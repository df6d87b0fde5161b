import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { EMPLOYMENT_KIND_LABELS } from '@doorstep/shared/src/rules/registration-exit'
import PageShell from '../../../../components/PageShell'
import RegistrationDatePicker, { chinaToday } from '../../../../components/RegistrationDatePicker'
import { ChoiceSingle } from '../../../../components/RegistrationChoices'
import { goLogin } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { ApiError, fieldErrors } from '../../../../pages/registration/api'
import { confirm, FieldError, Kv, Label, TextField } from '../../../../pages/registration/shared'
import '../../../../pages/registration/registration.css'
import { employerApi, type EmployerEmploymentBody, type EmploymentList } from '../../api'

type Kind = EmployerEmploymentBody['kind']
const KINDS: Kind[] = ['labor_contract', 'flexible', 'public_welfare']
const KIND_OPTIONS = KINDS.map((value) => ({ value, label: EMPLOYMENT_KIND_LABELS[value] }))

/**
 * 用人单位办理就业登记: for a hired 零工 applicant (opened from the gig with ?applicationId=&name=) or by
 * the worker's phone and ID number. The worker's open 失业登记 closes and is told so.
 */
export default function EmployerEmployments() {
  const router = useRouter()
  const applicationId = router.params.applicationId ?? ''
  const applicantName = router.params.name ? decodeURIComponent(router.params.name) : ''
  const { loggedIn } = useSession()
  const [list, setList] = useState<EmploymentList['items'] | null>(null)
  const [loadError, setLoadError] = useState(false)
  const [phone, setPhone] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [startDate, setStartDate] = useState<string | undefined>()
  const [kind, setKind] = useState<Kind | undefined>()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState<string | undefined>()
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [applicationDone, setApplicationDone] = useState(false)
  const byApplication = !!applicationId && !applicationDone

  const load = async () => {
    try {
      setList((await employerApi.employments({ silent: true })).items)
      setLoadError(false)
    } catch {
      setLoadError(true)
    }
  }
  useDidShow(() => {
    if (loggedIn) void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  if (!loggedIn)
    return (
      <PageShell>
        <View className='card'>
          <Text className='block txt-lg'>请先登录</Text>
          <Button className='btn btn-primary' onClick={goLogin}>
            登录 / 注册
          </Button>
        </View>
      </PageShell>
    )

  const clear = (k: string) => setErrors((e) => (e[k] ? { ...e, [k]: '' } : e))
  const submit = async () => {
    if (busy) return
    const errs: Record<string, string> = {}
    if (!kind) errs.kind = '请选择就业形式'
    if (!startDate) errs.startDate = '请选择就业日期'
    if (!byApplication) {
      if (!/^1\d{10}$/.test(phone.trim())) errs.phone = '请填写劳动者的 11 位手机号'
      if (idNumber.trim().length < 6) errs.idNumber = '请填写劳动者的证件号码'
    }
    setErrors(errs)
    setGeneral(undefined)
    if (Object.keys(errs).length) return
    const who = byApplication ? applicantName || '这位师傅' : `手机号 ${phone.trim()} 的劳动者`
    if (!(await confirm('确认办理就业登记？', `为${who}办理就业登记（${EMPLOYMENT_KIND_LABELS[kind!]}，${startDate} 起）。对方的失业登记将随之办结，失业保险金停发，并会收到通知。`, '确认办理'))) return
    setBusy(true)
    try {
      const body: EmployerEmploymentBody = byApplication
        ? { applicationId, startDate: startDate!, kind: kind! }
        : { phone: phone.trim(), idNumber: idNumber.trim().toUpperCase(), startDate: startDate!, kind: kind! }
      const res = await employerApi.recordEmployment(body, { silent: true })
      Taro.showToast({ title: '已办理', icon: 'success' })
      if (byApplication) setApplicationDone(true)
      setDone(`已为${byApplication ? applicantName || '这位师傅' : '该劳动者'}办理就业登记（${res.employment.kindLabel}，${res.employment.startDate} 起）。`)
      setPhone('')
      setIdNumber('')
      setStartDate(undefined)
      setKind(undefined)
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => {})
      void load()
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(fe)
      if (!Object.keys(fe).length) setGeneral(err instanceof ApiError ? err.message : '没有办理成功，请检查网络后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell>
      <View className='hero' id='eemp'>
        <Text className='hero__title txt-xl'>就业登记</Text>
        <Text className='hero__sub txt-md'>录用了人，帮他办理就业登记</Text>
      </View>
      {done ? (
        <View className='answer answer--ok' id='eemp-done'>
          <Text className='answer__title txt-lg'>已办理</Text>
          <Text className='block txt-md'>{done}</Text>
          <Button id='eemp-again' className='btn btn-outline' onClick={() => setDone(null)}>
            再办理一位
          </Button>
        </View>
      ) : null}
      {done ? null : (
        <View className='card' id='eemp-form'>
          <Text className='step-title txt-lg'>{byApplication ? `为报名人办理：${applicantName || '已录用的报名人'}` : '办理就业登记'}</Text>
          <Text className='hint txt-md'>办理后，对方正在办理的失业登记会自动办结，失业保险金从下月起停发，对方会收到通知。请只为确实录用的人办理。</Text>
          {byApplication ? null : (
            <View>
              <TextField id='eemp-phone' label='劳动者手机号' type='number' maxlength={11} value={phone} onInput={(v) => (setPhone(v), clear('phone'))} error={errors.phone} />
              <TextField
                id='eemp-idnumber'
                label='劳动者证件号码'
                type='idcard'
                maxlength={20}
                value={idNumber}
                onInput={(v) => (setIdNumber(v), clear('idNumber'))}
                error={errors.idNumber}
                hint='手机号和证件号码都相符才能办理（对方须用这个手机号登录过）'
              />
            </View>
          )}
          <FieldError id='eemp-application-error' msg={errors.applicationId} />
          <Label>就业形式</Label>
          <ChoiceSingle idPrefix='eemp-kind' columns={2} options={KIND_OPTIONS} value={kind} onChange={(v) => (setKind(v), clear('kind'))} />
          <FieldError id='eemp-kind-error' msg={errors.kind} />
          <View className='field'>
            <Label>就业日期</Label>
            <RegistrationDatePicker id='eemp-date' value={startDate} onChange={(v) => (setStartDate(v), clear('startDate'))} start='2000-01-01' end={chinaToday()} />
            <FieldError id='eemp-date-error' msg={errors.startDate} />
          </View>
          {general ? (
            <View className='answer answer--no' id='eemp-general'>
              <Text className='block txt-md'>{general}</Text>
            </View>
          ) : null}
          <Button id='eemp-submit' className='btn btn-primary' loading={busy || undefined} onClick={submit}>
            办理就业登记
          </Button>
        </View>
      )}

      <View className='card' id='eemp-list'>
        <Text className='step-title txt-lg'>本单位办理的就业登记</Text>
        {loadError ? (
          <View className='notice'>
            <Text className='block txt-md'>没有加载出来，请检查网络。</Text>
            <Button className='btn btn-outline' onClick={() => void load()}>
              重新加载
            </Button>
          </View>
        ) : list === null ? (
          <Text className='block muted txt-md'>加载中…</Text>
        ) : list.length ? (
          list.map((e) => (
            <View key={e.id} className='field' id={`eemp-item-${e.id}`}>
              <Text className='block txt-lg' style={{ fontWeight: 700 }}>
                {e.workerNameMasked ?? '—'}
              </Text>
              <Kv k='就业形式' v={e.kindLabel} />
              <Kv k='就业日期' v={e.startDate} />
              <Kv k='办理时间' v={e.recordedAt.slice(0, 10)} />
              {e.closedRegistrationId ? <Text className='block muted txt-md'>对方的失业登记已随之办结</Text> : null}
            </View>
          ))
        ) : (
          <Text className='block muted txt-md' id='eemp-none'>
            还没有办理过。
          </Text>
        )}
      </View>
    </PageShell>
  )
}
