import { useEffect, useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { FieldError, inputId, Label } from '../../../../pages/registration/shared'
import { ApiError, fieldErrors, messageOf, staffVacancyApi, type ReferralView, type VacancyView } from '../vacancy-review/api'
import './referrals.css'

const NOTE_MAX = 100
const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10)

/** One referral and where it stands: 未投递, 已投递, 面试 (time and place), 录用 or 不合适. */
function ReferralRow({ r }: { r: ReferralView }) {
  const vacancyNote = r.vacancy.status !== 'open' ? ` · ${r.vacancy.statusLabel}` : ''
  return (
    <View className='rf-item' id={`sd-ref-${r.id}`}>
      <View className='rf-head'>
        <Text className='rf-title txt-md'>{r.vacancy.title}</Text>
        <Text className={`rf-badge rf-badge--${r.outcome} txt-sm`} id={`sd-ref-${r.id}-outcome`}>
          {r.outcomeLabel}
        </Text>
      </View>
      <Text className='block muted txt-sm'>
        {r.vacancy.employerName}
        {r.vacancy.payText ? (
          <Text>
            {' · '}
            <Text className='rf-nowrap'>{r.vacancy.payText}</Text>
          </Text>
        ) : null}
        {vacancyNote}
      </Text>
      {r.interview ? (
        <Text className='block rf-interview txt-md' id={`sd-ref-${r.id}-interview`}>
          面试：{r.interview.at}，{r.interview.place}
          {r.interview.note ? `（${r.interview.note}）` : ''}
        </Text>
      ) : null}
      {r.note ? <Text className='block rf-note txt-sm'>推荐说明：{r.note}</Text> : null}
      <Text className='block muted txt-sm'>
        {r.staffName} 推荐于 {chinaDay(r.referredAt)}
      </Text>
    </View>
  )
}

/** 推荐岗位: search open vacancies by occupation, pick one, add a note, send (the person is told). */
function ReferForm({ registrationId, occupation, referred, onDone, onCancel }: {
  registrationId: string
  occupation: string
  referred: Set<string>
  onDone: (r: ReferralView) => void
  onCancel: () => void
}) {
  const [q, setQ] = useState(occupation)
  const [results, setResults] = useState<VacancyView[] | null>(null)
  const [searchError, setSearchError] = useState('')
  const [searching, setSearching] = useState(false)
  const [picked, setPicked] = useState<VacancyView | null>(null)
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState('')
  const [busy, setBusy] = useState(false)

  const search = async (text = q) => {
    setSearching(true)
    setSearchError('')
    try {
      const res = await staffVacancyApi.search(text, { silent: true })
      setResults(res.items)
      if (picked && !res.items.some((v) => v.id === picked.id)) setPicked(null)
    } catch (err) {
      setSearchError(messageOf(err))
    } finally {
      setSearching(false)
    }
  }
  useEffect(() => {
    void search(occupation)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the first search uses the person's desired occupation
  }, [])

  const submit = async () => {
    if (busy) return
    setGeneral('')
    if (!picked) {
      setErrors({ vacancyId: '请先选择要推荐的岗位' })
      return
    }
    if (note.trim().length > NOTE_MAX) {
      setErrors({ note: `推荐说明最多 ${NOTE_MAX} 个字` })
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const res = await staffVacancyApi.refer({ registrationId, vacancyId: picked.id, note: note.trim() }, { silent: true })
      Taro.showToast({ title: '已推荐，已通知本人', icon: 'none' })
      onDone(res.referral)
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(fe)
      // 409s (推荐过了, 岗位已停止招聘, 登记未认领) and anything not tied to a field: in plain words above the buttons.
      if (!Object.keys(fe).length) setGeneral(err instanceof ApiError ? err.message : '没有推荐成功，请检查网络后重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='rf-form' id='sd-ref-form'>
      <Label hint='按职业（工种）或岗位名称查找在招岗位'>查找岗位</Label>
      <View className='field__row'>
        <Input
          {...inputId('sd-ref-q')}
          className='input'
          value={q}
          maxlength={20}
          placeholder='如：电工、保洁'
          confirmType='search'
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => void search()}
        />
        <Button id='sd-ref-search' className='btn btn-outline rf-search' loading={searching || undefined} onClick={() => void search()}>
          搜索
        </Button>
      </View>
      {searchError ? <Text className='block field__error txt-md'>{searchError}</Text> : null}
      {results === null && !searchError ? <Text className='block muted txt-md'>正在查找…</Text> : null}
      {results && !results.length ? (
        <Text className='block muted txt-md' id='sd-ref-none'>
          没有找到在招的「{q.trim() || '全部'}」岗位，换个职业名称试试。
        </Text>
      ) : null}
      {results?.length ? <Text className='block muted txt-sm rf-results-hint'>点一下选中要推荐的岗位</Text> : null}
      <View className='rf-results' id='sd-ref-results'>
        {results?.map((v) => {
          const on = picked?.id === v.id
          return (
            <View
              key={v.id}
              id={`sd-ref-pick-${v.id}`}
              className={`rf-pick ${on ? 'rf-pick--on' : ''}`}
              ariaRole='radio'
              ariaLabel={`${v.title}${on ? '，已选' : ''}`}
              onClick={() => {
                setPicked(v)
                setErrors((e) => ({ ...e, vacancyId: '' }))
                setGeneral('')
              }}
            >
              <View className='rf-head'>
                <Text className='rf-title txt-md'>
                  {on ? '● ' : ''}
                  {v.title}
                </Text>
                {referred.has(v.id) ? <Text className='rf-badge rf-badge--pending txt-sm'>已推荐过</Text> : null}
              </View>
              <Text className='block muted txt-sm'>
                {v.employerName} · {v.kindLabel} · <Text className='rf-nowrap'>{v.payText}</Text>
              </Text>
              <Text className='block muted txt-sm'>
                {v.occupation} · {v.districtName ?? v.address} · 招 {v.headcount} 人 · 截止 {v.closingDate}
              </Text>
            </View>
          )
        })}
      </View>
      <FieldError id='sd-ref-vacancy-error' msg={errors.vacancyId} />

      <View className='field'>
        <Label hint={`可不填，${NOTE_MAX} 字以内；本人会在推荐通知里看到`}>推荐说明</Label>
        <Textarea
          id='sd-ref-note'
          className='textarea rf-textarea'
          value={note}
          maxlength={NOTE_MAX}
          placeholder='如：离家近，单位包午餐，可带上电工证去面试'
          onInput={(e) => {
            setNote(e.detail.value)
            if (errors.note) setErrors((x) => ({ ...x, note: '' }))
          }}
        />
        <Text className='block muted txt-sm rf-count'>
          {note.length}/{NOTE_MAX}
        </Text>
        <FieldError id='sd-ref-note-error' msg={errors.note} />
      </View>

      {general ? (
        <View className='answer answer--no' id='sd-ref-general'>
          <Text className='block txt-md'>{general}</Text>
        </View>
      ) : null}
      <View className='btn-row'>
        <Button className='btn btn-plain' onClick={onCancel}>
          取消
        </Button>
        <Button id='sd-ref-submit' className='btn btn-primary' loading={busy || undefined} onClick={() => void submit()}>
          确认推荐
        </Button>
      </View>
    </View>
  )
}

/**
 * 岗位推荐 on the staff registration detail: the referrals made for this person with their outcomes,
 * and (for a registration in force) 推荐岗位.
 */
export default function Referrals({ registrationId, occupation, canRefer }: { registrationId: string; occupation?: string; canRefer: boolean }) {
  const [items, setItems] = useState<ReferralView[] | null>(null)
  const [error, setError] = useState('')
  const [open, setOpen] = useState(false)

  const load = async () => {
    try {
      setItems((await staffVacancyApi.referrals(registrationId, { silent: true })).items)
      setError('')
    } catch (err) {
      setError(messageOf(err))
    }
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load reads only registrationId
  }, [registrationId])

  if (!canRefer && items && !items.length) return null
  const referred = new Set((items ?? []).map((r) => r.vacancy.id))

  return (
    <View className='card' id='sd-referrals'>
      <Text className='step-title txt-lg'>岗位推荐</Text>
      {error ? (
        <View>
          <Text className='block field__error txt-md'>{error}</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!items && !error ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {items && !items.length ? (
        <Text className='block muted txt-md' id='sd-ref-empty'>
          还没有为这位求职者推荐过岗位。
        </Text>
      ) : null}
      {items?.length ? <View className='rf-list'>{items.map((r) => <ReferralRow key={r.id} r={r} />)}</View> : null}
      {canRefer ? (
        open ? (
          <ReferForm
            registrationId={registrationId}
            occupation={occupation ?? ''}
            referred={referred}
            onCancel={() => setOpen(false)}
            onDone={(r) => {
              setOpen(false)
              setItems((x) => [r, ...(x ?? []).filter((y) => y.id !== r.id)])
            }}
          />
        ) : (
          <Button id='sd-ref-open' className='btn btn-outline' onClick={() => setOpen(true)}>
            推荐岗位
          </Button>
        )
      ) : null}
    </View>
  )
}
