import { useEffect, useRef, useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { fieldErrors, gigApi, type RegionList } from '../../../../pages/gigs/api'
import { addDays, chinaToday, dateLabel, defaultWindow, GIG_CATEGORIES, PAY_UNIT_CHOICE, PAY_UNIT_LABEL, SETTLEMENT_LABEL, type PayUnit, type Settlement } from '../../../../pages/gigs/format'
import { EMPLOYER_PAGES } from '../../../../pages/gigs/links'
import { currentFix } from '../../../../pages/gigs/fix'
import { Chip, Choices, FieldError, Switch, TextArea, TextField } from '../../../../pages/gigs/ui'
import { employerApi, type EmployerGig, type PostGigBody } from '../../api'
import { newIdempotencyKey } from '../../../../pages/registration/api'
import { formFromGig, type PostForm } from '../../form'
import type { GigCategory } from '@doorstep/shared'
import { taps } from '../../../../services/subscribe'

function TimePicker({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return (
    <Picker id={id} mode='time' value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='input picker'>
        <Text className='txt-lg'>{value}</Text>
        <Text className='muted txt-md'>▼</Text>
      </View>
    </Picker>
  )
}

/** 发布零工: one short form; earlier posts are templates (再发一次); 即时快招 notifies available workers nearby. */
export default function PostGig() {
  const { params } = useRouter()
  const today = chinaToday()
  const [f, setF] = useState<PostForm>(() => ({ ...defaultWindow(), title: '', headcount: '1', payAmount: '', payUnit: 'day', settlement: 'daily', address: '', requirements: '', contactName: '', contactPhone: '', urgent: false, elderFriendly: false }))
  const [templates, setTemplates] = useState<EmployerGig[]>([])
  const [regions, setRegions] = useState<RegionList | null>(null)
  const [pickDistrict, setPickDistrict] = useState(false)
  const [placeNote, setPlaceNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const postKey = useRef<string | null>(null)

  const set = (p: Partial<PostForm>) => {
    setF((x) => ({ ...x, ...p }))
    setErrors((x) => {
      const n = { ...x }
      for (const k of Object.keys(p)) delete n[k === 'lat' || k === 'lng' || k === 'address' ? 'place' : k]
      return n
    })
  }

  useEffect(() => {
    Promise.all([employerApi.gigs({ silent: true }), employerApi.profile({ silent: true })])
      .then(([list, prof]) => {
        // One template per title, newest first.
        const seen = new Set<string>()
        const uniq = list.items.filter((g) => (seen.has(g.title) ? false : (seen.add(g.title), true)))
        setTemplates(uniq.slice(0, 6))
        const from = params.from ? list.items.find((g) => g.id === params.from) : undefined
        if (from) applyTemplate(from)
        else if (prof.employer) setF((x) => ({ ...x, contactName: x.contactName || prof.employer!.contactName, address: x.address || '' }))
      })
      .catch(() => {})
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const applyTemplate = (g: EmployerGig) => {
    setF(formFromGig(g, defaultWindow(), chinaToday()))
    setPlaceNote('用的是上次的地点')
    setErrors({})
    Taro.showToast({ title: '已按上次的内容填好，改一改日期就能发', icon: 'none', duration: 2000 })
  }

  const useMyLocation = async () => {
    // GCJ-02, the datum chooseLocation gives too (fix.ts converts the browser's WGS-84 fix on H5).
    const fix = await currentFix()
    if (fix.ok) {
      set({ lat: fix.at.lat, lng: fix.at.lng })
      setPlaceNote('用的是你现在的位置')
    } else {
      setPlaceNote('')
      setErrors((e) => ({ ...e, place: fix.why === 'refused' ? `没有拿到位置：${process.env.TARO_ENV === 'h5' ? '请在浏览器地址栏左边的图标里允许“位置”' : '请在右上角“…”→“设置”里打开“位置信息”'}，或者在地图上选、按区选一个大概位置` : '没有拿到位置：请打开手机定位再试，或者在地图上选、按区选一个大概位置' }))
    }
  }

  const chooseOnMap = async () => {
    try {
      const r = await Taro.chooseLocation({})
      set({ lat: r.latitude, lng: r.longitude, address: f.address || [r.address, r.name].filter(Boolean).join(' ').slice(0, 100) })
      setPlaceNote('在地图上选的位置')
    } catch {
      // cancelled
    }
  }

  const openDistricts = () => {
    setPickDistrict((v) => !v)
    if (!regions) gigApi.regions({ silent: true }).then(setRegions).catch(() => {})
  }

  /** The form's own checks (no await): shown at once, before anything is asked or sent. */
  const check = (): Record<string, string> => {
    const errs: Record<string, string> = {}
    const headcount = Number(f.headcount)
    const pay = Number(f.payAmount)
    if (f.title.trim().length < 4) errs.title = '标题至少 4 个字，比如：仓库搬运装卸工'
    if (!f.category) errs.category = '请选择工种'
    if (!Number.isInteger(headcount) || headcount < 1) errs.headcount = '请填写招几个人'
    if (!f.payAmount.trim() || !Number.isFinite(pay) || pay <= 0) errs.payAmount = '请填写工钱'
    if (f.lat === undefined || f.lng === undefined) errs.place = '请选择干活地点：用现在的位置、在地图上选，或按区选'
    else if (f.address.trim().length < 4) errs.place = '请填写详细地址（至少 4 个字）'
    if (!f.contactName.trim()) errs.contactName = '请填写联系人'
    if (!/^1[3-9]\d{9}$/.test(f.contactPhone.trim())) errs.contactPhone = '请填写 11 位手机号'
    return errs
  }
  // A form with mistakes shows them and asks nothing; a good one asks for 订阅消息 in the tap itself
  // (synchronously, as WeChat requires), then posts.
  const submit = () => {
    if (busy) return undefined
    const errs = check()
    setErrors(errs)
    if (Object.keys(errs).length) {
      Taro.showToast({ title: Object.values(errs)[0]!, icon: 'none', duration: 2500 })
      return undefined
    }
    return taps.postGig(submitNow)
  }
  const submitNow = async () => {
    if (busy || Object.keys(check()).length) return
    const headcount = Number(f.headcount)
    const pay = Number(f.payAmount)
    setBusy(true)
    try {
      // One key per 发布 tap, kept for retries of that tap: a lost answer resent is the same posting.
      if (!postKey.current) postKey.current = newIdempotencyKey()
      const body: PostGigBody = {
        idempotencyKey: postKey.current,
        title: f.title.trim(), category: f.category!, headcount, payAmount: Math.round(pay * 100) / 100, payUnit: f.payUnit, settlement: f.settlement,
        date: f.date, startTime: f.startTime, endTime: f.endTime, place: { lat: f.lat!, lng: f.lng!, address: f.address.trim() },
        requirements: f.requirements.trim(), contactName: f.contactName.trim(), contactPhone: f.contactPhone.trim(), urgent: f.urgent, elderFriendly: f.elderFriendly,
      }
      const r = await employerApi.post(body, { silent: true })
      postKey.current = null
      // Held by content security: it goes up once staff have approved its text.
      Taro.showToast({ title: r.held ? '已提交，审核通过后发布' : r.message, icon: 'none', duration: 3000 })
      setTimeout(() => Taro.redirectTo({ url: `${EMPLOYER_PAGES.gig}?id=${r.gig.id}` }).catch(() => {}), 600)
    } catch (err) {
      // A refused form (4xx) will be changed before the next tap: that tap is a new posting.
      const status = (err as { status?: number }).status
      if (status && status >= 400 && status < 500) postKey.current = null
      const fe = fieldErrors(err)
      setErrors(fe)
      Taro.showToast({ title: Object.values(fe)[0] ?? (err as Error).message, icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }

  const dayChoices = [0, 1, 2].map((n) => addDays(today, n))
  const located = f.lat !== undefined && f.lng !== undefined

  return (
    <PageShell>
      {templates.length ? (
        <View className='card' id='post-templates'>
          <Text className='block-title txt-lg'>再发一次</Text>
          <Text className='gig-hint txt-sm'>点一条以前发过的，内容自动填好</Text>
          <View className='chips'>
            {templates.map((g, i) => (
              <Chip key={g.id} id={`post-tpl-${i}`} onClick={() => applyTemplate(g)}>
                {g.title}
              </Chip>
            ))}
          </View>
        </View>
      ) : null}

      <View className='card'>
        <TextField id='post-title' label='招什么人' value={f.title} onInput={(title) => set({ title })} error={errors.title} maxlength={30} placeholder='比如：仓库搬运装卸工' />
        <Text className='field__label txt-lg'>工种</Text>
        <View className='chips' id='post-category'>
          {GIG_CATEGORIES.map((c) => (
            <Chip key={c} id={`post-cat-${c}`} on={f.category === c} onClick={() => set({ category: c as GigCategory })}>
              {c}
            </Chip>
          ))}
        </View>
        <FieldError id='post-category-error' msg={errors.category} />
        <View style={{ height: Taro.pxTransform(20) }} />
        <TextField id='post-headcount' label='招几个人' type='number' value={f.headcount} onInput={(headcount) => set({ headcount })} error={errors.headcount} maxlength={3} suffix={<Text className='input-suffix txt-lg'>人</Text>} />
      </View>

      <View className='card'>
        <Text className='field__label txt-lg'>怎么算工钱</Text>
        <Choices idPrefix='post-unit' options={(Object.keys(PAY_UNIT_CHOICE) as PayUnit[]).map((u) => ({ value: u, label: PAY_UNIT_CHOICE[u] }))} value={f.payUnit} onChange={(payUnit) => set({ payUnit })} />
        <View style={{ height: Taro.pxTransform(12) }} />
        <TextField
          id='post-pay'
          label='工钱'
          type='digit'
          value={f.payAmount}
          onInput={(payAmount) => set({ payAmount })}
          error={errors.payAmount}
          maxlength={9}
          suffix={<Text className='input-suffix txt-lg'>{PAY_UNIT_LABEL[f.payUnit]}</Text>}
        />
        <Text className='field__label txt-lg'>什么时候结</Text>
        <Choices idPrefix='post-settle' options={(Object.keys(SETTLEMENT_LABEL) as Settlement[]).map((s) => ({ value: s, label: SETTLEMENT_LABEL[s] }))} value={f.settlement} onChange={(settlement) => set({ settlement })} />
        <FieldError id='post-settlement-error' msg={errors.settlement} />
      </View>

      <View className='card'>
        <Text className='field__label txt-lg'>哪天干</Text>
        <View className='chips' id='post-date'>
          {dayChoices.map((d, i) => (
            <Chip key={d} id={`post-date-${i}`} on={f.date === d} onClick={() => set({ date: d })}>
              {dateLabel(d, today)}
            </Chip>
          ))}
          <Picker mode='date' value={f.date} start={today} end={addDays(today, 30)} onChange={(e) => set({ date: String(e.detail.value) })}>
            <View className={`chip ${dayChoices.includes(f.date) ? '' : 'chip--on'}`} id='post-date-other'>
              <Text className='txt-md'>{dayChoices.includes(f.date) ? '其他日期' : dateLabel(f.date, today)}</Text>
            </View>
          </Picker>
        </View>
        <FieldError id='post-date-error' msg={errors.date} />
        <Text className='field__label txt-lg' style={{ marginTop: Taro.pxTransform(20) }}>
          几点到几点
        </Text>
        <View className='time-row'>
          <View className='time-row__item'>
            <TimePicker id='post-start' value={f.startTime} onChange={(startTime) => set({ startTime })} />
          </View>
          <Text className='time-row__sep txt-lg'>到</Text>
          <View className='time-row__item'>
            <TimePicker id='post-end' value={f.endTime} onChange={(endTime) => set({ endTime })} />
          </View>
        </View>
        <FieldError id='post-time-error' msg={errors.startTime || errors.endTime} />
      </View>

      <View className='card' id='post-place'>
        <Text className='field__label txt-lg'>在哪干活</Text>
        <Text className={`block txt-md ${located ? 'place-ok' : 'muted'}`} id='post-place-state' style={{ marginBottom: Taro.pxTransform(8) }}>
          {located ? `✓ 已选好位置（${placeNote || '已定位'}）` : '还没选位置：点下面一种方式'}
        </Text>
        <View className='chips'>
          <Chip id='post-locate' onClick={useMyLocation}>
            用我现在的位置
          </Chip>
          {process.env.TARO_ENV === 'weapp' ? (
            <Chip id='post-map' onClick={chooseOnMap}>
              在地图上选
            </Chip>
          ) : null}
          <Chip id='post-district' on={pickDistrict} onClick={openDistricts}>
            按区选大概位置
          </Chip>
        </View>
        {pickDistrict ? (
          <View className='chips' style={{ marginTop: Taro.pxTransform(8) }}>
            {regions?.districts.map((d) => (
              <Chip
                key={d.code}
                id={`post-district-${d.code}`}
                onClick={() => {
                  set({ lat: d.center.lat, lng: d.center.lng, address: f.address || `${d.name}` })
                  setPlaceNote(`${d.name}中心，大概位置`)
                  setPickDistrict(false)
                }}
              >
                {d.name}
              </Chip>
            ))}
          </View>
        ) : null}
        <View style={{ height: Taro.pxTransform(12) }} />
        <TextField id='post-address' label='详细地址' value={f.address} onInput={(address) => set({ address })} maxlength={100} placeholder='比如：道里区安静街 10 号仓库' />
        <FieldError id='post-place-error' msg={errors.place} />
      </View>

      <View className='card'>
        <TextArea id='post-req' label='要求（可不填）' value={f.requirements} onInput={(requirements) => set({ requirements })} error={errors.requirements} maxlength={200} placeholder='比如：能干重活，自带手套' />
        <Text className='gig-hint txt-sm'>按《就业促进法》，不能限定性别、民族、户籍、婚育等。</Text>
        <TextField id='post-contact' label='联系人' value={f.contactName} onInput={(contactName) => set({ contactName })} error={errors.contactName} maxlength={20} />
        <TextField id='post-phone' label='联系电话' type='number' value={f.contactPhone} onInput={(contactPhone) => set({ contactPhone })} error={errors.contactPhone} maxlength={11} hint='录用后才给师傅看，之前只显示部分号码' />
      </View>

      <View className='card'>
        <Switch id='post-urgent' label='即时快招' desc='今天急用人：马上通知附近“今天能干活”的师傅' on={f.urgent} onChange={(urgent) => set({ urgent })} />
        {f.urgent && f.date !== today ? <Text className='gig-hint txt-sm'>即时快招通知的是今天能干活的师傅，最适合今天的活。</Text> : null}
        <Switch id='post-elder' label='适合银龄' desc='活不重，年纪大一点的师傅也能干' on={f.elderFriendly} onChange={(elderFriendly) => set({ elderFriendly })} />
        <Button id='post-submit' className='btn btn-primary' loading={busy || undefined} onClick={submit}>
          发布
        </Button>
      </View>
    </PageShell>
  )
}
