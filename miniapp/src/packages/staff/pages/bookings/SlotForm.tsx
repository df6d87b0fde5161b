import { useEffect, useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import { reservedOpenFrom } from '@doorstep/shared/src/rules/booking'
import { FieldError, TextField } from '../../../../components/Field'
import { fieldErrors, messageOf, staffBookingApi, type SlotOptions } from './api'

type Kind = SlotOptions['kinds'][number]['kind']
interface Form {
  kind: Kind
  serviceKey: string
  date: string
  startTime: string
  endTime: string
  capacity: string
  reservedSeats: string
  placeId: string
  note: string
}

/** 'YYYY-MM-DD' `n` days after `day`, and its short label (12月3日 周四). */
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const dayLabel = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${'日一二三四五六'[d.getUTCDay()]}`
}

/** A typed whole number as a number; anything else as typed, so the server's Chinese message names the field. */
const num = (s: string): number | string => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim())

function TimeField({ id, label, value, error, onChange }: { id: string; label: string; value: string; error?: string; onChange: (v: string) => void }) {
  return (
    <View className='field'>
      <Text className='field__label txt-lg'>{label}</Text>
      <Picker mode='time' value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View id={id} className='input si-picker' ariaRole='button' ariaLabel={`${label}：${value}`}>
          <Text className='txt-lg'>{value}</Text>
          <Text className='muted txt-md'>▼</Text>
        </View>
      </Picker>
      <FieldError id={`${id}-error`} msg={error} />
    </View>
  )
}

/**
 * 开放预约时段 for the staff member's center: kind, service, day, times, 名额 and 优先名额 (held for recognised
 * 就业困难人员 and veterans until the day before the slot), place. The server checks everything; its field
 * errors show under the fields.
 */
export default function SlotForm({ center, date, today, onCreated, onClose }: { center: string; date: string; today: string; onCreated: (date: string) => void; onClose: () => void }) {
  const [options, setOptions] = useState<SlotOptions | null>(null)
  const [f, setF] = useState<Form>({ kind: 'guidance', serviceKey: '', date, startTime: '09:00', endTime: '10:00', capacity: '10', reservedSeats: '0', placeId: 'center', note: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState('')
  const [busy, setBusy] = useState(false)

  const servicesOf = (o: SlotOptions | null, kind: Kind) => (o?.services ?? []).filter((s) => s.bookingKind === kind)
  useEffect(() => {
    staffBookingApi
      .slotOptions(center)
      .then((o) => {
        setOptions(o)
        setF((x) => ({ ...x, serviceKey: x.serviceKey || servicesOf(o, x.kind)[0]?.key || '' }))
      })
      .catch((e) => setGeneral(messageOf(e)))
  }, [center])

  const set = (p: Partial<Form>) => {
    setF((x) => ({ ...x, ...p }))
    setErrors((x) => {
      const n = { ...x }
      for (const k of Object.keys(p)) delete n[k]
      return n
    })
    setGeneral('')
  }
  const pickKind = (kind: Kind) => set({ kind, serviceKey: servicesOf(options, kind)[0]?.key ?? '' })

  const submit = async () => {
    setBusy(true)
    try {
      const res = await staffBookingApi.createSlot(center, {
        kind: f.kind, ...(f.serviceKey ? { serviceKey: f.serviceKey } : {}), date: f.date, startTime: f.startTime, endTime: f.endTime,
        capacity: num(f.capacity), reservedSeats: num(f.reservedSeats), placeId: f.placeId, ...(f.note.trim() ? { note: f.note.trim() } : {}),
      })
      onCreated(res.slot.date)
    } catch (e) {
      const fe = fieldErrors(e)
      setErrors(fe)
      setGeneral(Object.keys(fe).length ? '请按提示修改后再提交' : messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  const services = servicesOf(options, f.kind)
  const days = Array.from({ length: 7 }, (_, i) => addDays(today, i))
  return (
    <View className='card' id='sb-form'>
      <Text className='si-title txt-lg'>开放预约时段</Text>
      <View className='field'>
        <Text className='field__label txt-lg'>预约类型</Text>
        <View className='si-choices' id='sb-kind'>
          {(options?.kinds ?? []).map((k) => (
            <Text key={k.kind} id={`sb-kind-${k.kind}`} className={`si-choice txt-md ${f.kind === k.kind ? 'si-choice--on' : ''}`} onClick={() => pickKind(k.kind)}>
              {k.label}
            </Text>
          ))}
        </View>
        <FieldError id='sb-kind-error' msg={errors.kind} />
      </View>
      <View className='field'>
        <Text className='field__label txt-lg'>服务事项</Text>
        <View className='si-choices' id='sb-service'>
          {services.map((s) => (
            <Text key={s.key} id={`sb-service-${s.key}`} className={`si-choice txt-md ${f.serviceKey === s.key ? 'si-choice--on' : ''}`} onClick={() => set({ serviceKey: s.key })}>
              {s.name}
            </Text>
          ))}
          <Text id='sb-service-none' className={`si-choice txt-md ${f.serviceKey ? '' : 'si-choice--on'}`} onClick={() => set({ serviceKey: '' })}>
            不指定事项
          </Text>
        </View>
        <FieldError id='sb-service-error' msg={errors.serviceKey} />
      </View>
      <View className='field'>
        <Text className='field__label txt-lg'>日期</Text>
        <View className='si-choices' id='sb-days'>
          {days.map((d) => (
            <Text key={d} id={`sb-day-${d}`} className={`si-choice txt-md ${f.date === d ? 'si-choice--on' : ''}`} onClick={() => set({ date: d })}>
              {d === today ? '今天' : dayLabel(d)}
            </Text>
          ))}
          <Picker mode='date' value={f.date} start={today} onChange={(e) => set({ date: String(e.detail.value) })}>
            <View id='sb-date' className={`si-choice ${days.includes(f.date) ? '' : 'si-choice--on'}`} ariaRole='button' ariaLabel={`其他日期：${f.date}`}>
              <Text className='txt-md'>{days.includes(f.date) ? '其他日期' : dayLabel(f.date)}</Text>
            </View>
          </Picker>
        </View>
        <FieldError id='sb-date-error' msg={errors.date} />
      </View>
      <View className='sb-times'>
        <TimeField id='sb-start' label='开始时间' value={f.startTime} error={errors.startTime} onChange={(v) => set({ startTime: v })} />
        <TimeField id='sb-end' label='结束时间' value={f.endTime} error={errors.endTime} onChange={(v) => set({ endTime: v })} />
      </View>
      <TextField id='sb-capacity' label='名额' type='number' maxlength={3} value={f.capacity} onInput={(v) => set({ capacity: v })} error={errors.capacity} suffix={<Text className='sb-unit txt-md'>个</Text>} />
      <TextField
        id='sb-reserved'
        label='就业困难人员、退役军人优先名额'
        type='number'
        maxlength={3}
        value={f.reservedSeats}
        onInput={(v) => set({ reservedSeats: v })}
        error={errors.reservedSeats}
        hint={
          reservedOpenFrom(f.date) <= today
            ? '注意：时段前一天起优先名额向所有人开放，这个日期现在就已开放，预留不起作用'
            : `只有认定有效的就业困难人员和退役军人能约这几个名额；${reservedOpenFrom(f.date)} 起，没约出的向所有人开放。不预留填 0`
        }
        suffix={<Text className='sb-unit txt-md'>个</Text>}
      />
      <View className='field'>
        <Text className='field__label txt-lg'>地点</Text>
        <View className='si-choices' id='sb-place'>
          {(options?.places ?? []).map((p) => (
            <Text key={p.id} id={`sb-place-${p.id}`} className={`si-choice txt-md ${f.placeId === p.id ? 'si-choice--on' : ''}`} onClick={() => set({ placeId: p.id })}>
              {p.name}
            </Text>
          ))}
        </View>
        <FieldError id='sb-place-error' msg={errors.placeId} />
      </View>
      <TextField id='sb-note' label='备注（可不填）' maxlength={100} value={f.note} onInput={(v) => set({ note: v })} error={errors.note} placeholder='如：请带简历' />
      {general ? (
        <Text className='si-error txt-md' id='sb-form-error'>
          {general}
        </Text>
      ) : null}
      <View className='si-actions'>
        <Button id='sb-form-cancel' className='btn btn-outline' onClick={onClose}>
          收起
        </Button>
        <Button id='sb-form-submit' className='btn btn-primary' loading={busy || undefined} disabled={!options || undefined} onClick={() => void submit()}>
          开放时段
        </Button>
      </View>
    </View>
  )
}
