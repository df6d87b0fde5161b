import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { EMPLOYMENT_KINDS, EMPLOYMENT_KIND_LABELS, type EmploymentKind } from '@doorstep/shared/src/rules/registration-exit'
import PageShell from '../../../../components/PageShell'
import RegistrationDatePicker, { chinaToday } from '../../../../components/RegistrationDatePicker'
import { ChoiceSingle } from '../../../../components/RegistrationChoices'
import { goLogin } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { ApiError, employmentApi, fieldErrors, registrationApi, type EmploymentView, type RegistrationView } from '../../../../pages/registration/api'
import { backOr, confirm, FieldError, Kv, Label, REG_PAGES, StatusBadge, TextField } from '../../../../pages/registration/shared'
import '../../../../pages/registration/registration.css'

const KIND_OPTIONS = EMPLOYMENT_KINDS.map((value) => ({ value, label: EMPLOYMENT_KIND_LABELS[value] }))
const KIND_HINTS: Record<EmploymentKind, string> = {
  labor_contract: '和单位签了合同',
  flexible: '打零工、做兼职、平台接单等',
  self_employed: '自己开店、做生意，领了营业执照',
  public_welfare: '社区、街道等安排的公益性岗位',
}
const OPEN = ['submitted', 'under_review', 'returned', 'approved']

function Records({ items }: { items: EmploymentView[] }) {
  return (
    <View className='card' id='emp-list'>
      <Text className='step-title txt-lg'>我的就业登记</Text>
      {items.length ? (
        items.map((e) => (
          <View key={e.id} className='field' id={`emp-item-${e.id}`}>
            <Text className='block txt-lg' style={{ fontWeight: 700, wordBreak: 'break-all' }}>
              {e.employerName}
            </Text>
            <Kv k='就业形式' v={e.kindLabel} />
            <Kv k='就业日期' v={e.startDate} />
            <Kv k='登记人' v={e.recordedBy === 'employer' ? '用人单位办理' : '本人登记'} />
            {e.closedRegistrationId ? <Text className='block muted txt-md'>已随之办结失业登记</Text> : null}
          </View>
        ))
      ) : (
        <Text className='block muted txt-md' id='emp-none'>
          还没有就业登记记录。
        </Text>
      )}
    </View>
  )
}

/** 就业登记: the worker records a job they found; it closes the open 失业登记 and stops 失业保险金. */
export default function EmploymentPage() {
  const { loggedIn } = useSession()
  const [items, setItems] = useState<EmploymentView[] | null>(null)
  const [reg, setReg] = useState<RegistrationView | null>(null)
  const [loadError, setLoadError] = useState(false)
  const [employerName, setEmployerName] = useState('')
  const [startDate, setStartDate] = useState<string | undefined>()
  const [kind, setKind] = useState<EmploymentKind | undefined>()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState<string | undefined>()
  const [done, setDone] = useState<{ employer: string; closed: RegistrationView | null } | null>(null)
  const [busy, setBusy] = useState(false)

  const load = async () => {
    try {
      const [list, cur] = await Promise.all([employmentApi.mine({ silent: true }), registrationApi.current({ silent: true })])
      setItems(list.items)
      setReg(cur.registration)
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
          <Text className='block txt-lg'>办理就业登记需要先登录</Text>
          <Button id='emp-login' className='btn btn-primary' onClick={goLogin}>
            登录 / 注册
          </Button>
        </View>
      </PageShell>
    )

  const open = reg && OPEN.includes(reg.status) ? reg : null
  const clear = (k: string) => setErrors((e) => (e[k] ? { ...e, [k]: '' } : e))

  const submit = async () => {
    if (busy) return
    const errs: Record<string, string> = {}
    if (!kind) errs.kind = '请选择就业形式'
    if (employerName.trim().length < 2) errs.employerName = kind === 'self_employed' ? '请填写字号或经营项目' : '请填写就业单位'
    if (!startDate) errs.startDate = '请选择开始工作的日期'
    setErrors(errs)
    setGeneral(undefined)
    if (Object.keys(errs).length) return
    const what = open ? '登记后你的失业登记将办结，失业保险金按规定停发。以后又没有工作了，可以再次办理失业登记。' : '登记你的就业情况。'
    if (!(await confirm('确认办理就业登记？', `${employerName.trim()}，${EMPLOYMENT_KIND_LABELS[kind!]}，${startDate} 起。${what}`, '确认登记'))) return
    setBusy(true)
    try {
      const res = await employmentApi.record({ employerName: employerName.trim(), startDate: startDate!, kind: kind! }, { silent: true })
      Taro.showToast({ title: '已登记', icon: 'success' })
      setDone({ employer: res.employment.employerName, closed: res.registration?.exit ? res.registration : null })
      setEmployerName('')
      setStartDate(undefined)
      setKind(undefined)
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => {})
      void load()
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(fe)
      if (!Object.keys(fe).length) setGeneral(err instanceof ApiError ? err.message : '没有登记成功，请检查网络后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell>
      <View className='hero' id='emp'>
        <Text className='hero__title txt-xl'>就业登记</Text>
        <Text className='hero__sub txt-md'>找到工作了？在这里登记，服务中心就知道你已经就业</Text>
      </View>
      {loadError ? (
        <View className='notice'>
          <Text className='block txt-md'>没有加载出来，请检查网络。</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {items === null && !loadError ? <Text className='block muted txt-md'>加载中…</Text> : null}

      {done ? (
        <View className='answer answer--ok' id='emp-done'>
          <Text className='answer__title txt-lg'>已办理就业登记</Text>
          <Text className='block txt-md'>就业单位：{done.employer}</Text>
          {done.closed?.exit ? (
            <Text className='block txt-md' id='emp-done-closed'>
              你的失业登记已办结（{done.closed.exit.reasonLabel}），失业保险金从下月起停发。
            </Text>
          ) : null}
          <Button id='emp-hub' className='btn btn-primary' onClick={() => backOr(REG_PAGES.hub)}>
            返回失业登记
          </Button>
          <Button id='emp-again' className='btn btn-plain' onClick={() => setDone(null)}>
            再登记一份工作
          </Button>
        </View>
      ) : null}

      {items !== null ? (
        open ? (
          <View className='notice' id='emp-open'>
            <View className='field__row' style={{ justifyContent: 'space-between' }}>
              <Text className='txt-md' style={{ fontWeight: 700 }}>
                你现在的失业登记
              </Text>
              <StatusBadge status={open.status} label={open.statusLabel} />
            </View>
            <Text className='block txt-md'>办理就业登记后，这份失业登记会自动办结，正在领取的失业保险金从下个月起停发。</Text>
          </View>
        ) : !done ? (
          <View className='notice' id='emp-no-reg'>
            <Text className='block txt-md'>你现在没有正在办理的失业登记。就业情况同样可以在这里登记。</Text>
          </View>
        ) : null
      ) : null}

      {items !== null && !done ? (
        <View className='card' id='emp-form'>
          <Text className='step-title txt-lg'>我找到工作了</Text>
          <Text className='hint txt-md'>选一下是哪种工作，填上单位和开始上班的日期。</Text>
          <Label>就业形式</Label>
          <ChoiceSingle
            idPrefix='emp-kind'
            options={KIND_OPTIONS.map((o) => ({ ...o, label: `${o.label}（${KIND_HINTS[o.value]}）` }))}
            value={kind}
            onChange={(v) => (setKind(v), clear('kind'))}
          />
          <FieldError id='emp-kind-error' msg={errors.kind} />
          <TextField
            id='emp-employer'
            label={kind === 'self_employed' ? '字号或经营项目' : '就业单位'}
            value={employerName}
            onInput={(v) => (setEmployerName(v), clear('employerName'))}
            error={errors.employerName}
            maxlength={60}
            placeholder={kind === 'self_employed' ? '如：王记早餐店' : kind === 'flexible' ? '如：某外卖平台、某家政公司' : '单位全称'}
          />
          <View className='field'>
            <Label>开始工作的日期</Label>
            <RegistrationDatePicker id='emp-date' value={startDate} onChange={(v) => (setStartDate(v), clear('startDate'))} start='2000-01-01' end={chinaToday()} />
            <FieldError id='emp-date-error' msg={errors.startDate} />
          </View>
          {general ? (
            <View className='answer answer--no' id='emp-general'>
              <Text className='block txt-md'>{general}</Text>
            </View>
          ) : null}
          <Button id='emp-submit' className='btn btn-primary' loading={busy || undefined} onClick={submit}>
            办理就业登记
          </Button>
        </View>
      ) : null}

      {items !== null ? <Records items={items} /> : null}
    </PageShell>
  )
}
