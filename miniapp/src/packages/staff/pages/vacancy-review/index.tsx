import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import Kv from '../../../../components/Kv'
import { FieldError } from '../../../../components/Field'
import { confirm } from '../../../../services/dialog'
import { useSession } from '../../../../store/session'
import StaffOnly from '../../components/StaffOnly'
import { ApiError, fieldErrors, messageOf, staffVacancyApi, type StaffVacancy } from './api'
import '../workbench/workbench.css'
import './vacancy-review.css'

const REASON_MAX = 100
const when = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

/** 岗位审核: a posting held by content security, in full, to put on sale (上架) or refuse with a reason. */
export default function VacancyReview() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const id = useRouter().params.id ?? ''
  const [d, setD] = useState<StaffVacancy | null>(null)
  const [loadError, setLoadError] = useState('')
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')
  const [general, setGeneral] = useState('')
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<'approve' | 'reject' | null>(null)

  const load = async () => {
    try {
      setD(await staffVacancyApi.detail(id, { silent: true }))
      setLoadError('')
    } catch (err) {
      setLoadError(messageOf(err))
    }
  }
  useDidShow(() => {
    if (isStaff && id) void load()
  })

  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />

  const decide = async (decision: 'approve' | 'reject') => {
    if (busy || !d) return
    setGeneral('')
    if (decision === 'reject' && !reason.trim()) {
      setReasonError('请写明不通过的理由，用人单位会看到')
      return
    }
    if (decision === 'approve' && !(await confirm('确认上架这个岗位？', '上架后求职的人就能看到，并会推荐给意向相符的人。', '上架'))) return
    setBusy(true)
    try {
      const res = await staffVacancyApi.review(d.vacancy.id, decision, decision === 'reject' ? reason.trim() : undefined, { silent: true })
      setD({ ...d, vacancy: res.vacancy, holdText: null })
      setDone(decision)
      setRejecting(false)
      Taro.showToast({ title: decision === 'approve' ? '已上架' : '已退回单位', icon: 'success' })
    } catch (err) {
      const fe = fieldErrors(err)
      if (fe.reason) setReasonError(fe.reason)
      else setGeneral(err instanceof ApiError ? err.message : '没有办理成功，请检查网络后重试')
      // Someone else may have handled it meanwhile: show where it stands now.
      if (err instanceof ApiError && err.status === 409) void load()
    } finally {
      setBusy(false)
    }
  }

  if (!d)
    return (
      <PageShell>
        {loadError ? (
          <View className='notice' id='vr-error'>
            <Text className='block txt-md'>{loadError}</Text>
            <Button className='btn btn-outline' onClick={() => void load()}>
              重新加载
            </Button>
          </View>
        ) : (
          <Text className='block muted txt-md'>{id ? '加载中…' : '没有指定岗位，请从工作台打开。'}</Text>
        )}
      </PageShell>
    )

  const v = d.vacancy
  const inReview = v.status === 'review'
  return (
    <PageShell>
      <View className='hero' id='vr'>
        <Text className='hero__title txt-xl'>岗位审核</Text>
        <Text className='hero__sub txt-md'>核对岗位文字，没有问题就上架；不通过请写明理由</Text>
      </View>

      {d.holdText ? (
        <View className='notice vr-hold' id='vr-hold'>
          <Text className='block txt-md'>{d.holdText}</Text>
        </View>
      ) : null}

      <View className='card' id='vr-vacancy'>
        <View className='vr-head'>
          <Text className='vr-title txt-lg' id='vr-title'>
            {v.title}
          </Text>
          <Text className={`vr-badge vr-badge--${v.status} txt-sm`} id='vr-status'>
            {v.statusLabel}
          </Text>
        </View>
        <Kv prefix='vr-kv' k='职业（工种）' v={v.occupation} />
        <Kv prefix='vr-kv' k='用工形式' v={v.kindLabel} />
        <Kv prefix='vr-kv' k='工资' v={v.payText} id='vr-pay' />
        <Kv prefix='vr-kv' k='工作地点' v={v.districtName && !v.address.includes(v.districtName) ? `${v.districtName} ${v.address}` : v.address} id='vr-place' />
        <Kv prefix='vr-kv' k='工作时间' v={v.hours} />
        <Kv prefix='vr-kv' k='招聘人数' v={`${v.headcount} 人${v.hired ? `（已录用 ${v.hired}）` : ''}`} id='vr-headcount' />
        <Kv prefix='vr-kv' k='截止日期' v={v.closingDate} id='vr-closing' />
        <Kv prefix='vr-kv' k='用人单位' v={v.employerName} id='vr-employer' />
        <Kv prefix='vr-kv' k='联系人' v={d.contactName} />
        <Kv prefix='vr-kv' k='联系电话' v={d.contactPhoneMasked} id='vr-phone' />
        <Kv prefix='vr-kv' k='提交时间' v={when(v.postedAt)} />
        <View className='vr-block'>
          <Text className='block vr-label txt-md'>任职要求</Text>
          <Text className='block vr-text txt-md' id='vr-requirements' userSelect>
            {v.requirements || '（未填写）'}
          </Text>
        </View>
        <View className='vr-block'>
          <Text className='block vr-label txt-md'>技能要求</Text>
          {v.skills.length ? (
            <View className='vr-tags' id='vr-skills'>
              {v.skills.map((s) => (
                <Text key={s} className='vr-tag txt-sm'>
                  {s}
                </Text>
              ))}
            </View>
          ) : (
            <Text className='block muted txt-md'>（未填写）</Text>
          )}
        </View>
      </View>

      {done ? (
        <View className={`vr-answer ${done === 'approve' ? 'vr-answer--ok' : 'vr-answer--no'}`} id='vr-done'>
          <Text className='block txt-md'>{done === 'approve' ? '已上架，求职的人现在能看到这个岗位。' : '未通过，已把理由告诉用人单位。'}</Text>
        </View>
      ) : !inReview ? (
        <View className='notice' id='vr-not-review'>
          <Text className='block txt-md'>这个岗位现在是「{v.statusLabel}」，不需要审核。</Text>
        </View>
      ) : null}

      {general ? (
        <View className='vr-answer vr-answer--no' id='vr-general'>
          <Text className='block txt-md'>{general}</Text>
        </View>
      ) : null}

      {inReview && !done ? (
        <View className='card' id='vr-actions'>
          {rejecting ? (
            <View>
              <Text className='block txt-md'>不通过的理由（用人单位会看到）</Text>
              <Textarea
                id='vr-reason'
                className='wb-textarea'
                maxlength={REASON_MAX}
                value={reason}
                placeholder='如：任职要求含性别限制，请修改后重新发布'
                onInput={(e) => {
                  setReason(e.detail.value)
                  setReasonError('')
                }}
              />
              <FieldError id='vr-reason-error' msg={reasonError} />
              <View className='wb-actions'>
                <Button className='btn btn-plain' onClick={() => (setRejecting(false), setReasonError(''))}>
                  取消
                </Button>
                <Button id='vr-reject-submit' className='btn btn-danger' loading={busy || undefined} onClick={() => void decide('reject')}>
                  确认不通过
                </Button>
              </View>
            </View>
          ) : (
            <View className='wb-actions'>
              <Button id='vr-approve' className='btn btn-primary' loading={busy || undefined} onClick={() => void decide('approve')}>
                上架
              </Button>
              <Button id='vr-reject' className='btn btn-danger' onClick={() => setRejecting(true)}>
                不通过
              </Button>
            </View>
          )}
        </View>
      ) : null}

      {done || !inReview ? (
        <Button id='vr-back' className='btn btn-outline' onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/packages/staff/pages/workbench/index' }))}>
          返回工作台
        </Button>
      ) : null}
    </PageShell>
  )
}
