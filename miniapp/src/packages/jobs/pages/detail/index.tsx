import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { fieldErrors, messageOf } from '../../../../services/api'
import { goLogin, goPage, PAGES } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { taps } from '../../../../services/subscribe'
import { Check, Empty, Kv, TextArea } from '../../../../pages/gigs/ui'
import { JOB_PAGES, jobsApi, type MyApplication, type ShareChoice, type VacancyView } from '../../api'
import '../../jobs.css'

const SHARE: { key: keyof ShareChoice; label: string }[] = [
  { key: 'phone', label: '手机号（单位可直接打电话约面试）' },
  { key: 'age', label: '年龄和性别' },
  { key: 'education', label: '文化程度' },
  { key: 'skills', label: '技能和证书' },
  { key: 'lastJob', label: '原工作单位' },
]

/** A vacancy in full and 一键投递 with the profile the person chooses to show (the masked name and the note always go). */
export default function VacancyDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { loggedIn, user } = useSession()
  const isWorker = loggedIn && user?.activeRole === 'worker'
  const [v, setV] = useState<VacancyView | null>(null)
  const [app, setApp] = useState<MyApplication | null>(null)
  const [error, setError] = useState('')
  const [share, setShare] = useState<ShareChoice>({ phone: true, age: true, education: true, skills: true, lastJob: false })
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const load = async () => {
    try {
      const r = await jobsApi.detail(id, { silent: true })
      setV(r.vacancy)
      setApp(r.application)
      setError('')
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, loggedIn])

  // WeChat asks for 订阅消息 inside the tap itself, so the answer (面试/录用/不合适) can reach the person.
  const apply = () => (busy ? undefined : taps.applyVacancy(applyNow))
  const applyNow = async () => {
    setBusy(true)
    try {
      const r = await jobsApi.apply(id, { share, note: note.trim() }, { silent: true })
      setApp(r.application)
      setErrors({})
      await Taro.showToast({ title: r.message, icon: 'none', duration: 2500 })
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(fe)
      await Taro.showToast({ title: Object.values(fe)[0] ?? messageOf(err), icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }

  if (error) {
    return (
      <PageShell>
        <Empty id='jb-detail-error' title={error}>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </Empty>
      </PageShell>
    )
  }
  if (!v) {
    return (
      <PageShell>
        <Text className='block muted txt-md'>加载中…</Text>
      </PageShell>
    )
  }
  const open = v.status === 'open'
  return (
    <PageShell>
      <View className='card jb-card' id='jb-detail'>
        <View className='jb-head'>
          <Text className='jb-title txt-xl'>{v.title}</Text>
          <Text className={`jb-badge jb-badge--${v.status} txt-sm`}>{v.statusLabel}</Text>
        </View>
        <Text className='jb-pay txt-xl'>{v.payText}</Text>
        <Kv k='用人单位' v={`${v.employerName}（已核验）`} />
        <Kv k='职业' v={`${v.occupation} · ${v.kindLabel}`} />
        <Kv k='工作时间' v={v.hours} />
        <Kv k='工作地点' v={v.address} />
        <Kv k='招聘人数' v={`${v.headcount} 人（已录用 ${v.hired} 人）`} />
        <Kv k='截止日期' v={v.closingDate} />
        {v.skills.length ? <Kv k='技能要求' v={v.skills.join('、')} /> : null}
        {v.requirements ? <Text className='jb-line txt-md'>{v.requirements}</Text> : null}
      </View>
      {app ? (
        <View className='card' id='jb-applied'>
          <View className='jb-head'>
            <Text className='jb-title txt-lg'>我的投递</Text>
            <Text className={`jb-badge jb-badge--${app.status} txt-sm`} id='jb-app-status'>{app.statusLabel}</Text>
          </View>
          {app.interview ? <Text className='jb-interview txt-md'>面试：{app.interview.at}，{app.interview.place}</Text> : null}
          <Button id='jb-go-mine' className='btn btn-outline' onClick={() => goPage(JOB_PAGES.mine)}>
            查看我的投递和面试邀请
          </Button>
        </View>
      ) : open && isWorker ? (
        <View className='card' id='jb-apply'>
          <Text className='block-title txt-lg'>一键投递</Text>
          <Text className='block muted txt-md'>单位会看到你的姓氏（如 李**）和下面勾选的信息，都来自你的失业登记：</Text>
          <View className='jb-share'>
            {SHARE.map((s) => (
              <Check key={s.key} id={`jb-share-${s.key}`} on={share[s.key]} onChange={(on) => setShare((x) => ({ ...x, [s.key]: on }))}>
                {s.label}
              </Check>
            ))}
          </View>
          <TextArea id='jb-note' label='想对单位说的话（可不填）' value={note} onInput={setNote} error={errors.note} maxlength={100} placeholder='比如：做过八年维修电工，能马上上班' />
          <Text className='field__error txt-md'>{errors['share.phone'] ?? ''}</Text>
          <Button id='jb-apply-btn' className='btn btn-primary' loading={busy || undefined} onClick={apply}>
            投递这个岗位
          </Button>
        </View>
      ) : open ? (
        <View className='card'>
          <Text className='block txt-md'>{loggedIn ? '切换到“我要找活”后可以投递' : '登录后可以一键投递'}</Text>
          {!loggedIn ? (
            <Button className='btn btn-primary' onClick={goLogin}>
              登录 / 注册
            </Button>
          ) : (
            <Button className='btn btn-outline' onClick={() => goPage(PAGES.registration)}>
              查看我的登记
            </Button>
          )}
        </View>
      ) : null}
    </PageShell>
  )
}
