import { useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { SERVICE_CENTERS } from '@doorstep/shared/src/data/centers'
import PageShell from '../../../../components/PageShell'
import { useSession } from '../../../../store/session'
import StaffOnly from '../../components/StaffOnly'
import { messageOf, staffBookingApi, type DayBookings } from './api'
import SlotForm from './SlotForm'
import '../insurance/insurance.css'
import './bookings.css'

/** Today in China, or `days` away (YYYY-MM-DD). */
function chinaDay(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)
}

/** 优先名额 of a slot as staff read it: how many, how many priority people took, what is still held back. */
function reservedLine(s: DayBookings['slots'][number]): string {
  const taken = s.bookings.filter((b) => b.priority && b.status !== 'cancelled').length
  const rest = s.reservedLeft ? `，还留着 ${s.reservedLeft} 个` : taken < s.reservedSeats && s.remaining ? '，没约出的已向所有人开放' : ''
  return `就业困难人员、退役军人优先名额 ${s.reservedSeats} 个：已约 ${Math.min(taken, s.reservedSeats)} 个${rest}`
}

/** The day's bookings of the staff member's center, by slot; 到场 / 未到 for each; 开放预约时段 (with 优先名额). */
export default function StaffBookingsPage() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const [center, setCenter] = useState<string | null>(null)
  const [date, setDate] = useState(chinaDay())
  const [day, setDay] = useState<DayBookings | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState('')
  const [creating, setCreating] = useState(false)

  const load = async (d = date, c = center) => {
    try {
      let code = c
      if (!code) {
        code = (await staffBookingApi.myCenter()).center?.code ?? SERVICE_CENTERS[0]!.code
        setCenter(code)
      }
      setDay(await staffBookingApi.day(code, d, true))
      setError('')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useDidShow(() => {
    if (isStaff) void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />

  const pickDate = (d: string) => {
    setDate(d)
    void load(d)
  }
  const mark = async (id: string, attended: boolean) => {
    setBusy(id)
    try {
      await staffBookingApi.mark(id, attended)
    } catch {
      /* shown by the api */
    } finally {
      setBusy('')
      void load()
    }
  }
  const centerName = SERVICE_CENTERS.find((c) => c.code === center)?.name ?? ''
  const created = (d: string) => {
    setCreating(false)
    void Taro.showToast({ title: '时段已开放', icon: 'none' })
    pickDate(d)
  }

  return (
    <PageShell>
      <View className='hero' id='sb'>
        <Text className='hero__title txt-xl'>预约到场登记</Text>
        <Text className='hero__sub txt-md'>{centerName ? `${centerName} · ${date}` : date}</Text>
      </View>
      <View className='si-tabs'>
        <Text id='sb-today' className={`si-tab txt-md ${date === chinaDay() ? 'si-tab--on' : ''}`} onClick={() => pickDate(chinaDay())}>
          今天
        </Text>
        <Text id='sb-tomorrow' className={`si-tab txt-md ${date === chinaDay(1) ? 'si-tab--on' : ''}`} onClick={() => pickDate(chinaDay(1))}>
          明天
        </Text>
        <Picker mode='date' value={date} onChange={(e) => pickDate(String(e.detail.value))}>
          <View className='si-tab txt-md' ariaRole='button' ariaLabel='选择日期'>
            <Text>选日期</Text>
          </View>
        </Picker>
        <Text id='sb-refresh' className='si-tab txt-md' onClick={() => void load()}>
          刷新
        </Text>
      </View>
      {center && creating ? (
        <SlotForm center={center} date={date > chinaDay() ? date : chinaDay(1)} today={chinaDay()} onCreated={created} onClose={() => setCreating(false)} />
      ) : null}
      {center && !creating ? (
        <Button id='sb-new' className='btn btn-outline sb-new' onClick={() => setCreating(true)}>
          开放预约时段
        </Button>
      ) : null}
      {error ? (
        <View className='notice'>
          <Text className='block txt-md'>{error}</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!day && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {day ? (
        <Text className='block txt-md' id='sb-counts'>
          已预约 {day.counts.booked} · 到场 {day.counts.attended} · 未到 {day.counts.noShow} · 已取消 {day.counts.cancelled}
        </Text>
      ) : null}
      {day && !day.slots.length ? (
        <Text className='block muted txt-md' id='sb-empty'>
          这一天没有开放预约时段。
        </Text>
      ) : null}
      {day?.slots.map((s) => (
        <View key={s.id} className='card si-item' id={`sb-slot-${s.id}`}>
          <View className='si-head'>
            <Text className='txt-lg' style={{ fontWeight: 700 }}>
              {s.startTime}-{s.endTime} {s.serviceName ?? s.kindLabel}
            </Text>
            <Text className='si-badge txt-sm'>
              {s.booked}/{s.capacity}
            </Text>
          </View>
          <Text className='block muted txt-md'>{s.place.name}</Text>
          {s.reservedSeats ? (
            <Text className='sb-reserved txt-md' id={`sb-reserved-${s.id}`}>
              {reservedLine(s)}
            </Text>
          ) : null}
          {!s.bookings.length ? <Text className='block muted txt-md'>还没有人预约</Text> : null}
          {s.bookings.map((b) => (
            <View key={b.id} className='si-kv sb-row' id={`sb-booking-${b.id}`}>
              <View className='si-kv__k'>
                <Text className='block txt-md' style={{ fontWeight: 700 }}>
                  {b.code}
                  {b.priority ? (
                    <Text className='sb-tag txt-sm' id={`sb-priority-${b.id}`}>
                      优先
                    </Text>
                  ) : null}
                </Text>
                <Text className='block muted txt-md'>
                  {[b.nameMasked, b.phoneMasked].filter(Boolean).join(' · ') || '—'} · {b.statusLabel}
                </Text>
              </View>
              {b.status === 'cancelled' ? null : (
                <View className='si-actions sb-actions'>
                  <Button id={`sb-attended-${b.id}`} className={`btn ${b.status === 'attended' ? 'btn-primary' : 'btn-outline'}`} loading={busy === b.id || undefined} onClick={() => void mark(b.id, true)}>
                    到场
                  </Button>
                  <Button id={`sb-noshow-${b.id}`} className={`btn ${b.status === 'no_show' ? 'btn-danger' : 'btn-outline'}`} loading={busy === b.id || undefined} onClick={() => void mark(b.id, false)}>
                    未到
                  </Button>
                </View>
              )}
            </View>
          ))}
        </View>
      ))}
    </PageShell>
  )
}
