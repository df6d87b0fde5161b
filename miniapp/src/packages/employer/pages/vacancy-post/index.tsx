import { useEffect, useRef, useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { fieldErrors, messageOf } from '../../../../services/api'
import { gigApi, type RegionList } from '../../../../pages/gigs/api'
import { addDays, chinaToday } from '../../../../pages/gigs/format'
import { currentFix } from '../../../../pages/gigs/fix'
import { Chip, Choices, FieldError, TextArea, TextField } from '../../../../pages/gigs/ui'
import { newIdempotencyKey } from '../../../../pages/registration/api'
import { employerApi } from '../../api'
import { VACANCY_PAGES, vacancyApi, type PostVacancyBody } from '../../vacancy-api'
import '../../vacancy.css'

interface Form {
  title: string; occupation: string; kind: 'full_time' | 'part_time'; payMin: string; payMax: string; hours: string; requirements: string; skills: string
  headcount: string; closingDate: string; address: string; lat?: number; lng?: number; contactName: string; contactPhone: string
}
/** Where each field's error shows (the page scrolls there when the server refuses the form). */
const FIELD_IDS: Record<string, string> = {
  title: 'vp-title', occupation: 'vp-occupation', headcount: 'vp-headcount', payMin: 'vp-pay-min', payMax: 'vp-pay-max', payUnit: 'vp-pay-max', hours: 'vp-hours',
  place: 'vp-place', requirements: 'vp-req', skills: 'vp-skills', closingDate: 'vp-closing', contactName: 'vp-contact', contactPhone: 'vp-phone',
}
const scrollToField = (field: string | undefined) => {
  const id = field ? FIELD_IDS[field] : undefined
  if (id) setTimeout(() => Taro.pageScrollTo({ selector: `#${id}`, duration: 200, offsetTop: -120 }).catch(() => {}), 50)
}
const KINDS = [{ value: 'full_time' as const, label: '全职' }, { value: 'part_time' as const, label: '兼职' }]

/** 发布岗位: the same checks as gigs (反歧视, 最低工资, 地点) and the server's answer shown next to each field. */
export default function PostVacancy() {
  const today = chinaToday()
  const [f, setF] = useState<Form>({ title: '', occupation: '', kind: 'full_time', payMin: '', payMax: '', hours: '', requirements: '', skills: '', headcount: '1', closingDate: addDays(today, 30), address: '', contactName: '', contactPhone: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [regions, setRegions] = useState<RegionList | null>(null)
  const [placeNote, setPlaceNote] = useState('')
  const [busy, setBusy] = useState(false)
  const key = useRef<string | null>(null)
  const set = (p: Partial<Form>) => {
    setF((x) => ({ ...x, ...p }))
    setErrors((x) => {
      const n = { ...x }
      for (const k of Object.keys(p)) delete n[k === 'lat' || k === 'lng' || k === 'address' ? 'place' : k]
      return n
    })
  }
  useEffect(() => {
    employerApi.profile({ silent: true }).then((p) => { if (p.employer) setF((x) => ({ ...x, contactName: x.contactName || p.employer!.contactName })) }).catch(() => {})
    gigApi.regions({ silent: true }).then(setRegions).catch(() => {})
  }, [])

  const locate = async () => {
    const fix = await currentFix()
    if (fix.ok) {
      set({ lat: fix.at.lat, lng: fix.at.lng })
      setPlaceNote('用的是你现在的位置')
    } else setErrors((e) => ({ ...e, place: '没有拿到位置：请打开定位再试，或按区选一个大概位置' }))
  }
  const check = (): Record<string, string> => {
    const e: Record<string, string> = {}
    if (f.title.trim().length < 2) e.title = '请填写岗位名称，比如：物业维修电工'
    if (f.occupation.trim().length < 2) e.occupation = '请填写职业（工种），比如：电工'
    if (!/^\d+$/.test(f.payMin.trim())) e.payMin = '请填写最低工资（整数）'
    if (!/^\d+$/.test(f.payMax.trim())) e.payMax = '请填写最高工资（整数）'
    if (f.hours.trim().length < 2) e.hours = '请填写工作时间，比如：8:30–17:30，做五休二'
    if (!/^\d+$/.test(f.headcount.trim()) || Number(f.headcount) < 1) e.headcount = '请填写招聘人数'
    if (f.lat === undefined || f.lng === undefined) e.place = '请选择工作地点：用现在的位置或按区选'
    else if (f.address.trim().length < 4) e.place = '请填写详细地址（至少 4 个字）'
    if (!f.contactName.trim()) e.contactName = '请填写联系人'
    if (!/^1[3-9]\d{9}$/.test(f.contactPhone.trim())) e.contactPhone = '请填写 11 位手机号'
    return e
  }
  const submit = async () => {
    if (busy) return
    const e = check()
    setErrors(e)
    if (Object.keys(e).length) {
      scrollToField(Object.keys(e)[0])
      await Taro.showToast({ title: Object.values(e)[0]!, icon: 'none', duration: 2500 })
      return
    }
    setBusy(true)
    try {
      if (!key.current) key.current = newIdempotencyKey()
      const body: PostVacancyBody = {
        idempotencyKey: key.current, title: f.title.trim(), occupation: f.occupation.trim(), kind: f.kind, payMin: Number(f.payMin), payMax: Number(f.payMax),
        payUnit: f.kind === 'full_time' ? 'month' : 'hour', place: { lat: f.lat!, lng: f.lng!, address: f.address.trim() }, hours: f.hours.trim(), requirements: f.requirements.trim(),
        skills: f.skills.split(/[，,、\s]+/).map((s) => s.trim()).filter(Boolean).slice(0, 8), headcount: Number(f.headcount), closingDate: f.closingDate,
        contactName: f.contactName.trim(), contactPhone: f.contactPhone.trim(),
      }
      const r = await vacancyApi.post(body, { silent: true })
      key.current = null
      await Taro.showToast({ title: r.message, icon: 'none', duration: 3000 })
      setTimeout(() => Taro.redirectTo({ url: `${VACANCY_PAGES.detail}?id=${r.vacancy.id}` }).catch(() => {}), 600)
    } catch (err) {
      const status = (err as { status?: number }).status
      if (status && status >= 400 && status < 500) key.current = null
      const fe = fieldErrors(err, (field) => (field.startsWith('place') ? 'place' : field.split('.')[0] ?? field))
      setErrors(fe)
      scrollToField(Object.keys(fe)[0])
      await Taro.showToast({ title: Object.values(fe)[0] ?? messageOf(err), icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }
  const unit = f.kind === 'full_time' ? '元/月' : '元/小时'
  const located = f.lat !== undefined && f.lng !== undefined
  return (
    <PageShell>
      <View className='card'>
        <TextField id='vp-title' label='岗位名称' value={f.title} onInput={(title) => set({ title })} error={errors.title} maxlength={30} placeholder='比如：物业维修电工' />
        <TextField id='vp-occupation' label='职业（工种）' value={f.occupation} onInput={(occupation) => set({ occupation })} error={errors.occupation} maxlength={20} placeholder='比如：电工' hint='求职的人按意向职业收到推荐' />
        <Text className='field__label txt-lg'>用工形式</Text>
        <Choices idPrefix='vp-kind' options={KINDS} value={f.kind} onChange={(kind) => set({ kind })} />
        <TextField id='vp-headcount' label='招聘人数' type='number' value={f.headcount} onInput={(headcount) => set({ headcount })} error={errors.headcount} maxlength={3} suffix={<Text className='input-suffix txt-lg'>人</Text>} />
      </View>
      <View className='card'>
        <TextField id='vp-pay-min' label={`最低工资（${unit}）`} type='number' value={f.payMin} onInput={(payMin) => set({ payMin })} error={errors.payMin} maxlength={6} />
        <TextField id='vp-pay-max' label={`最高工资（${unit}）`} type='number' value={f.payMax} onInput={(payMax) => set({ payMax })} error={errors.payMax} maxlength={6} />
        <FieldError id='vp-unit-error' msg={errors.payUnit} />
        <TextField id='vp-hours' label='工作时间' value={f.hours} onInput={(hours) => set({ hours })} error={errors.hours} maxlength={40} placeholder='比如：8:30–17:30，做五休二' />
      </View>
      <View className='card' id='vp-place'>
        <Text className='field__label txt-lg'>工作地点</Text>
        <Text className={`block txt-md ${located ? 'place-ok' : 'muted'}`} id='vp-place-state'>
          {located ? `✓ 已选好位置（${placeNote}）` : '还没选位置：点下面一种方式'}
        </Text>
        <View className='chips'>
          <Chip id='vp-locate' onClick={locate}>
            用我现在的位置
          </Chip>
          {regions?.districts.map((d) => (
            <Chip key={d.code} id={`vp-district-${d.code}`} onClick={() => { set({ lat: d.center.lat, lng: d.center.lng }); setPlaceNote(`${d.name}，大概位置`) }}>
              {d.name}
            </Chip>
          ))}
        </View>
        <TextField id='vp-address' label='详细地址' value={f.address} onInput={(address) => set({ address })} maxlength={100} placeholder='比如：道里区安静街 10 号物业中心' />
        <FieldError id='vp-place-error' msg={errors.place} />
      </View>
      <View className='card'>
        <TextArea id='vp-req' label='任职要求（可不填）' value={f.requirements} onInput={(requirements) => set({ requirements })} error={errors.requirements} maxlength={300} placeholder='比如：持低压电工证，有物业维修经验优先' />
        <Text className='gig-hint txt-sm'>按《就业促进法》，不能限定性别、民族、户籍、婚育等。</Text>
        <TextField id='vp-skills' label='技能要求（可不填，用顿号隔开）' value={f.skills} onInput={(skills) => set({ skills })} error={errors.skills} maxlength={80} placeholder='比如：低压电工证、焊工' />
        <Text className='field__label txt-lg'>截止日期</Text>
        <Picker mode='date' value={f.closingDate} start={today} end={addDays(today, 90)} onChange={(e) => set({ closingDate: String(e.detail.value) })}>
          <View className='input picker' id='vp-closing'>
            <Text className='txt-lg'>{f.closingDate}</Text>
          </View>
        </Picker>
        <FieldError id='vp-closing-error' msg={errors.closingDate} />
        <TextField id='vp-contact' label='联系人' value={f.contactName} onInput={(contactName) => set({ contactName })} error={errors.contactName} maxlength={20} />
        <TextField id='vp-phone' label='联系电话' type='number' value={f.contactPhone} onInput={(contactPhone) => set({ contactPhone })} error={errors.contactPhone} maxlength={11} hint='邀请面试或录用后才给求职者看' />
        <Button id='vp-submit' className='btn btn-primary' loading={busy || undefined} onClick={() => void submit()}>
          发布岗位
        </Button>
      </View>
    </PageShell>
  )
}
