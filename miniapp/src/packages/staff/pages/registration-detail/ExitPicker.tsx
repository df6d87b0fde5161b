import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { EXIT_REASON_RULES, exitFormFields, exitFormProblems, STAFF_EXIT_REASONS, type ExitReason } from '@doorstep/shared/src/rules/registration-exit'
import RegistrationDatePicker, { chinaToday } from '../../../../components/RegistrationDatePicker'
import { ChoiceSingle } from '../../../../components/RegistrationChoices'
import { ApiError, fieldErrors, staffRegistrationApi, type ContactHistory, type RegistrationView as RegView, type StaffExitBody } from '../../../../pages/registration/api'
import { confirm, FieldError, inputId, Kv, Label, TextField } from '../../../../pages/registration/shared'

const reasonText = (r: ExitReason) => `${EXIT_REASON_RULES[r].clause ?? ''}${EXIT_REASON_RULES[r].label}`
const OPTIONS = STAFF_EXIT_REASONS.map((value) => ({ value, label: reasonText(value) }))

/** 连续6个月未联系: the contact history is the evidence; closing is refused until six whole months have passed. */
function Contacts({ h }: { h: ContactHistory | null | 'error' }) {
  if (h === null) return <Text className='block muted txt-md'>正在查联系记录…</Text>
  if (h === 'error') return <Text className='block field__error txt-md'>联系记录没有加载出来，请重新选择这一项。</Text>
  return (
    <View className='field' id='sd-exit-contacts'>
      <Label>联系记录（注销依据）</Label>
      <Kv k='最近一次联系' v={h.lastContact ?? '没有记录'} id='sd-exit-lastcontact' />
      {h.items.length ? (
        h.items.map((c, i) => (
          <Text key={`${c.at}-${i}`} className={`block txt-md ${c.reached ? '' : 'muted'}`}>
            {c.at.slice(0, 10)} · {c.label}
            {c.by ? ` · ${c.by}` : ''}
          </Text>
        ))
      ) : (
        <Text className='block muted txt-md'>没有任何联系记录。</Text>
      )}
      <View className={`answer ${h.noContact.allowed ? 'answer--ok' : 'answer--no'}`} id='sd-exit-nocontact' style={{ marginTop: Taro.pxTransform(16) }}>
        <Text className='block txt-md'>{h.noContact.allowed ? `已连续6个月未联系（自 ${h.noContact.from} 起满），可以注销。` : h.noContact.message}</Text>
      </View>
    </View>
  )
}

/** 经办：注销失业登记 for any 第六十三条 reason staff may record, with the fields that reason needs. */
export default function ExitPicker({ id, onDone }: { id: string; onDone: (r: RegView) => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState<ExitReason | undefined>()
  const [employer, setEmployer] = useState('')
  const [employedOn, setEmployedOn] = useState<string | undefined>()
  const [income, setIncome] = useState('')
  const [eventDate, setEventDate] = useState<string | undefined>()
  const [note, setNote] = useState('')
  const [contacts, setContacts] = useState<ContactHistory | null | 'error'>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  if (!open)
    return (
      <Button id='sd-exit-open' className='btn btn-plain' onClick={() => setOpen(true)}>
        注销失业登记（第六十三条）
      </Button>
    )

  const pick = (r: ExitReason) => {
    setReason(r)
    setErrors({})
    setGeneral(undefined)
    if (r === 'no_contact') {
      setContacts(null)
      staffRegistrationApi.contacts(id, { silent: true }).then(setContacts).catch(() => setContacts('error'))
    }
  }
  const fields = reason ? exitFormFields(reason) : null
  const clear = (k: string) => setErrors((e) => (e[k] ? { ...e, [k]: '' } : e))

  const submit = async () => {
    if (busy) return
    if (!reason || !fields) {
      setErrors({ reason: '请选择注销原因' })
      return
    }
    const monthlyIncome = income.trim() === '' ? undefined : Number(income.trim())
    const errs: Record<string, string> = { ...exitFormProblems(reason, { employer, employedOn, monthlyIncome, note }) }
    if (fields.monthlyIncome && monthlyIncome !== undefined && !Number.isInteger(monthlyIncome)) errs.monthlyIncome = '月收入请填整数（元）'
    if (fields.contactHistory && contacts !== null && contacts !== 'error' && !contacts.noContact.allowed) errs.reason = contacts.noContact.message ?? '还不满连续6个月未联系'
    setErrors(errs)
    setGeneral(undefined)
    if (Object.keys(errs).length) return
    const body: StaffExitBody = {
      reason,
      ...(fields.employer ? { employer: employer.trim(), employedOn } : {}),
      ...(fields.monthlyIncome ? { monthlyIncome } : {}),
      ...(fields.eventDate && !fields.contactHistory && eventDate ? { eventDate } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    }
    const detail = fields.employer ? `（${employer.trim()}，${employedOn} 起）` : ''
    if (!(await confirm('确认注销失业登记？', `原因：${reasonText(reason)}${detail}。注销后登记失效，失业保险金按规定停发，并通知本人。`, '注销'))) return
    setBusy(true)
    try {
      const res = await staffRegistrationApi.exit(id, body, { silent: true })
      Taro.showToast({ title: '已注销', icon: 'success' })
      setOpen(false)
      onDone(res.registration)
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(fe)
      const msg = err instanceof ApiError ? err.message : '没有办理成功，请检查网络'
      if (!Object.keys(fe).length) setGeneral(msg)
    } finally {
      setBusy(false)
    }
  }

  const today = chinaToday()
  return (
    <View className='card' id='sd-exit'>
      <Text className='step-title txt-lg'>注销失业登记</Text>
      <Text className='hint txt-md'>按《就业服务与就业管理规定》第六十三条选择注销原因。就业登记和达到法定退休年龄由系统自动办结，不在此列。</Text>
      <Label>注销原因</Label>
      <ChoiceSingle idPrefix='sd-exit-reason' options={OPTIONS} value={reason} onChange={pick} />
      <FieldError id='sd-exit-reason-error' msg={errors.reason} />
      {fields ? (
        <View style={{ marginTop: Taro.pxTransform(20) }}>
          {fields.employer ? (
            <View>
              <TextField id='sd-exit-employer' label={fields.employerLabel} value={employer} onInput={(v) => (setEmployer(v), clear('employer'))} error={errors.employer} />
              <View className='field'>
                <Label>就业日期</Label>
                <RegistrationDatePicker id='sd-exit-employedon' value={employedOn} onChange={(v) => (setEmployedOn(v), clear('employedOn'))} start='2000-01-01' end={today} />
                <FieldError id='sd-exit-employedon-error' msg={errors.employedOn} />
              </View>
            </View>
          ) : null}
          {fields.monthlyIncome ? (
            <TextField
              id='sd-exit-income'
              label='月收入（元）'
              type='number'
              maxlength={7}
              value={income}
              onInput={(v) => (setIncome(v), clear('monthlyIncome'))}
              error={errors.monthlyIncome}
              hint='不低于本市最低工资标准才能以此注销'
            />
          ) : null}
          {fields.eventDate && !fields.contactHistory ? (
            <View className='field'>
              <Label hint='可不填'>发生日期</Label>
              <RegistrationDatePicker id='sd-exit-eventdate' value={eventDate} onChange={setEventDate} start='2000-01-01' end={today} />
              <FieldError id='sd-exit-eventdate-error' msg={errors.eventDate} />
            </View>
          ) : null}
          {fields.contactHistory ? <Contacts h={contacts} /> : null}
          <View className='field'>
            <Label hint={fields.note === 'required' ? '必填：写明依据（如鉴定结论、文书编号）' : '可不填'}>情况说明</Label>
            <Input {...inputId('sd-exit-note')} className='input' value={note} maxlength={200} placeholder={fields.note === 'required' ? '必填' : ''} onInput={(e) => (setNote(e.detail.value), clear('note'))} />
            <FieldError id='sd-exit-note-error' msg={errors.note} />
          </View>
        </View>
      ) : null}
      {general ? (
        <View className='answer answer--no' id='sd-exit-general'>
          <Text className='block txt-md'>{general}</Text>
        </View>
      ) : null}
      <View className='btn-row'>
        <Button className='btn btn-plain' onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button id='sd-exit-submit' className='btn btn-danger' loading={busy || undefined} onClick={submit}>
          注销登记
        </Button>
      </View>
    </View>
  )
}
