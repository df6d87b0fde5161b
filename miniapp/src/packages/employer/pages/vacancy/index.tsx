import { useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { fieldErrors, messageOf } from '../../../../services/api'
import { confirm } from '../../../../services/dialog'
import { callPhone } from '../../../../pages/gigs/place'
import { addDays, chinaToday } from '../../../../pages/gigs/format'
import { Badge, Empty, Kv, TextField } from '../../../../pages/gigs/ui'
import { vacancyApi, type EmployerVacancyDetail, type VacancyApplicant } from '../../vacancy-api'
import '../../vacancy.css'

type Decision = 'interview' | 'hire' | 'reject'

/** One applicant's short profile (only what they chose to share) and the employer's answer. */
function ApplicantCard({ a, onAnswered, defaultPlace }: { a: VacancyApplicant; onAnswered: () => void; defaultPlace: string }) {
  const today = chinaToday()
  const [mode, setMode] = useState<Decision | null>(null)
  const [date, setDate] = useState(addDays(today, 1))
  const [time, setTime] = useState('10:00')
  const [place, setPlace] = useState(defaultPlace)
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const p = a.profile
  const pending = a.status === 'applied' || a.status === 'interview'

  const send = async (decision: Decision) => {
    if (decision === 'hire' && !(await confirm('录用', `确定录用 ${p.name} 吗？会通知本人。`, '录用'))) return
    setBusy(true)
    try {
      const body = decision === 'interview' ? { decision, interviewDate: date, interviewTime: time, interviewPlace: place.trim(), ...(note.trim() ? { note: note.trim() } : {}) } : { decision, ...(note.trim() ? { note: note.trim() } : {}) }
      await vacancyApi.answer(a.id, body, { silent: true })
      setMode(null)
      setErrors({})
      await Taro.showToast({ title: decision === 'interview' ? '已发出面试邀请' : decision === 'hire' ? '已录用，已通知本人' : '已答复', icon: 'none' })
      onAnswered()
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(fe)
      await Taro.showToast({ title: Object.values(fe)[0] ?? messageOf(err), icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card' id={`vac-app-${a.id}`}>
      <View className='vac-head'>
        <Text className='block-title txt-lg'>
          {p.name}
          {a.referred ? '（服务中心推荐）' : ''}
        </Text>
        <Badge status={a.status === 'hired' ? 'accepted' : a.status === 'interview' ? 'open' : a.status === 'applied' ? 'applied' : 'closed'} id={`vac-app-status-${a.id}`}>
          {a.statusLabel}
        </Badge>
      </View>
      {p.age !== null ? <Text className='vac-profile txt-md'>{p.age} 岁{p.sex ? ` · ${p.sex}` : ''}{p.education ? ` · ${p.education}` : ''}</Text> : p.education ? <Text className='vac-profile txt-md'>{p.education}</Text> : null}
      {p.skills?.length || p.certificates?.length ? <Text className='vac-profile txt-md'>技能证书：{[...(p.skills ?? []), ...(p.certificates ?? [])].join('、')}</Text> : null}
      {p.lastJob ? <Text className='vac-profile txt-md'>原单位：{p.lastJob}</Text> : null}
      {p.note ? <Text className='vac-profile txt-md'>“{p.note}”</Text> : null}
      {p.phone ? (
        <Button id={`vac-call-${a.id}`} className='btn btn-outline' onClick={() => callPhone(p.phone!)}>
          打电话 {p.phone}
        </Button>
      ) : (
        <Text className='block muted txt-sm'>本人没有提供手机号：请用下面的按钮答复，结果会通知本人</Text>
      )}
      {a.interview ? <Text className='vac-interview txt-md'>面试：{a.interview.at}，{a.interview.place}</Text> : null}
      {pending && !mode ? (
        <View className='vac-actions'>
          <Button id={`vac-interview-${a.id}`} className='btn btn-primary' onClick={() => setMode('interview')}>
            {a.status === 'interview' ? '改面试' : '约面试'}
          </Button>
          <Button id={`vac-hire-${a.id}`} className='btn btn-outline' loading={busy || undefined} onClick={() => void send('hire')}>
            录用
          </Button>
          <Button id={`vac-reject-${a.id}`} className='btn btn-plain' onClick={() => setMode('reject')}>
            不合适
          </Button>
        </View>
      ) : null}
      {mode === 'interview' ? (
        <View className='vac-form' id={`vac-interview-form-${a.id}`}>
          <Text className='field__label txt-lg'>面试时间</Text>
          <View className='vac-actions'>
            <Picker mode='date' value={date} start={today} end={addDays(today, 60)} onChange={(e) => setDate(String(e.detail.value))}>
              <View className='input picker' id={`vac-date-${a.id}`}>
                <Text className='txt-lg'>{date}</Text>
              </View>
            </Picker>
            <View style={{ width: Taro.pxTransform(16) }} />
            <Picker mode='time' value={time} onChange={(e) => setTime(String(e.detail.value))}>
              <View className='input picker' id={`vac-time-${a.id}`}>
                <Text className='txt-lg'>{time}</Text>
              </View>
            </Picker>
          </View>
          <Text className='field__error txt-md'>{errors.interviewDate ?? errors.interviewTime ?? ''}</Text>
          <TextField id={`vac-place-${a.id}`} label='面试地点' value={place} onInput={setPlace} error={errors.interviewPlace} maxlength={100} />
          <TextField id={`vac-note-${a.id}`} label='备注（可不填）' value={note} onInput={setNote} error={errors.note} maxlength={100} placeholder='比如：带上身份证和电工证' />
          <View className='vac-actions'>
            <Button id={`vac-send-${a.id}`} className='btn btn-primary' loading={busy || undefined} onClick={() => void send('interview')}>
              发出面试邀请
            </Button>
            <Button className='btn btn-plain' onClick={() => setMode(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
      {mode === 'reject' ? (
        <View className='vac-form'>
          <TextField id={`vac-reject-note-${a.id}`} label='说明（可不填，会告诉本人）' value={note} onInput={setNote} error={errors.note} maxlength={100} placeholder='比如：需要有高压电工证' />
          <View className='vac-actions'>
            <Button id={`vac-reject-send-${a.id}`} className='btn btn-danger' loading={busy || undefined} onClick={() => void send('reject')}>
              答复不合适
            </Button>
            <Button className='btn btn-plain' onClick={() => setMode(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

/** A vacancy of the employer with everyone who applied; each gets an answer (closing answers the rest). */
export default function EmployerVacancy() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [d, setD] = useState<EmployerVacancyDetail | null>(null)
  const [error, setError] = useState('')
  const load = async () => {
    try {
      setD(await vacancyApi.detail(id, { silent: true }))
      setError('')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useDidShow(() => void load())
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  const close = async () => {
    if (!(await confirm('停止招聘', '停止后岗位下架，还没答复的投递会收到“岗位已停止招聘”。', '停止招聘'))) return
    try {
      await vacancyApi.close(id)
      void load()
    } catch {
      /* shown by the api */
    }
  }
  if (error) return <PageShell><Empty title={error} desc='下拉刷新再试试' /></PageShell>
  if (!d) return <PageShell><Text className='list-end txt-md'>正在加载…</Text></PageShell>
  const v = d.vacancy
  return (
    <PageShell>
      <View className='card' id='vac-detail'>
        <View className='vac-head'>
          <Text className='block-title txt-xl'>{v.title}</Text>
          <Badge status={v.status}>{v.statusLabel}</Badge>
        </View>
        <Kv k='工资' v={v.payText} />
        <Kv k='职业' v={`${v.occupation} · ${v.kindLabel}`} />
        <Kv k='工作时间' v={v.hours} />
        <Kv k='地点' v={v.address} />
        <Kv k='招聘' v={`${v.headcount} 人，已录用 ${v.hired} 人`} />
        <Kv k='截止日期' v={v.closingDate} />
        {v.status === 'open' || v.status === 'review' ? (
          <Button id='vac-close' className='btn btn-danger' onClick={() => void close()}>
            停止招聘
          </Button>
        ) : null}
      </View>
      <Text className='section-title txt-lg' id='vac-applicants-title'>
        投递的人（{v.applicants}）{v.unanswered ? `· ${v.unanswered} 人待答复` : ''}
      </Text>
      {!d.applicants.length ? <Empty id='vac-no-applicants' title='还没有人投递' desc='意向相符的求职者会收到推荐' /> : null}
      {d.applicants.map((a) => (
        <ApplicantCard key={`${a.id}-${a.status}`} a={a} onAnswered={() => void load()} defaultPlace={v.address} />
      ))}
    </PageShell>
  )
}
