import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { RatingFollowUpView } from '@doorstep/shared'
import { RATING_CONTACT_CHANNELS, RATING_CONTACT_LABELS, starsText, type RatingContactChannel } from '@doorstep/shared/src/rules/ratings'
import PageShell from '../../../../components/PageShell'
import { client, messageOf } from '../../../../services/api'
import { useSession } from '../../../../store/session'
import StaffOnly from '../../components/StaffOnly'
import './ratings.css'

const PAGE = '/packages/staff/pages/ratings/index'
const when = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

/** Record the follow-up: reached or not, how, and what was done (closes the item). */
function FollowUpForm({ item, onDone }: { item: RatingFollowUpView; onDone: (i: RatingFollowUpView) => void }) {
  const [contacted, setContacted] = useState<boolean | null>(null)
  const [channel, setChannel] = useState<RatingContactChannel>('phone')
  const [action, setAction] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const send = async () => {
    if (contacted === null) return setError('请选择是否联系上本人')
    if (action.trim().length < 4) return setError('请写明做了什么（至少 4 个字），如：电话致歉并说明办理进度')
    setBusy(true)
    setError('')
    try {
      onDone((await client.post<{ item: RatingFollowUpView }>(`/api/staff/rating-follow-ups/${item.id}/close`, { contacted, channel, action: action.trim() })).item)
      void Taro.showToast({ title: '已记录回访', icon: 'none' })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' id='sr-form'>
      <Text className='block txt-lg' style={{ fontWeight: 700 }}>记录回访</Text>
      <Text className='block txt-md'>是否联系上本人</Text>
      <View className='sr-choices' ariaRole='radiogroup' ariaLabel='是否联系上本人'>
        {([[true, '已联系上'], [false, '未联系上']] as const).map(([v, label]) => (
          <View key={label} id={`sr-contacted-${v ? 'yes' : 'no'}`} className={`sr-choice ${contacted === v ? 'sr-choice--on' : ''}`} ariaRole='radio' ariaLabel={`${label}${contacted === v ? '，已选' : ''}`} onClick={() => setContacted(v)}>
            <Text className='txt-md'>{label}</Text>
          </View>
        ))}
      </View>
      <Text className='block txt-md'>联系方式</Text>
      <View className='sr-choices' ariaRole='radiogroup' ariaLabel='联系方式'>
        {RATING_CONTACT_CHANNELS.map((c) => (
          <View key={c} id={`sr-channel-${c}`} className={`sr-choice ${channel === c ? 'sr-choice--on' : ''}`} ariaRole='radio' ariaLabel={`${RATING_CONTACT_LABELS[c]}${channel === c ? '，已选' : ''}`} onClick={() => setChannel(c)}>
            <Text className='txt-md'>{RATING_CONTACT_LABELS[c]}</Text>
          </View>
        ))}
      </View>
      <Text className='block txt-md'>处理情况</Text>
      <Textarea id='sr-action' className='input' maxlength={500} value={action} onInput={(e) => setAction(e.detail.value)} placeholder='如：电话致歉，说明原因，约定下次优先办理' />
      {error ? <Text className='sr-error txt-md' id='sr-error'>{error}</Text> : null}
      <Button id='sr-submit' className='btn btn-primary' loading={busy || undefined} onClick={() => void send()}>提交回访记录</Button>
    </View>
  )
}

function Card({ item, phone, open }: { item: RatingFollowUpView; phone?: string | null; open?: () => void }) {
  return (
    <View className={`card sr-item ${item.status === 'closed' ? 'sr-item--closed' : ''}`} id={`sr-item-${item.id}`} onClick={open} hoverClass={open ? 'card--pressed' : undefined}>
      <View className='sr-head'>
        <Text className='sr-stars txt-lg'>{starsText(item.stars)}</Text>
        <Text className={`sr-badge sr-badge--${item.status} txt-sm`}>{item.statusLabel}</Text>
      </View>
      <Text className='block txt-md'>{item.kindLabel}</Text>
      {item.comment ? <Text className='sr-comment txt-md' id={`sr-comment-${item.id}`}>「{item.comment}」{item.contentHeld ? '（内容待复核）' : ''}</Text> : <Text className='block muted txt-md'>（没有写评价内容）</Text>}
      <Text className='block muted txt-md'>{item.personMasked} · {phone ?? item.phoneMasked ?? '无手机号'} · 评价于 {when(item.createdAt)}</Text>
      {item.status === 'open' ? <Text className='block txt-md'>回访期限：{item.dueDate}</Text> : null}
      {item.followUp ? (
        <Text className='block txt-md' id={`sr-done-${item.id}`}>
          {item.followUp.contacted ? '已联系上' : '未联系上'}（{item.followUp.channelLabel}）：{item.followUp.action} — {item.followUp.byName ?? '经办人员'} {when(item.followUp.at)}
        </Text>
      ) : null}
    </View>
  )
}

/** 差评回访 (staff): the center's 1–2 star ratings; one of them (from the inbox) with the phone to call back and the follow-up form. */
export default function StaffRatings() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const id = useRouter().params.id ?? ''
  const [items, setItems] = useState<RatingFollowUpView[] | null>(null)
  const [detail, setDetail] = useState<{ item: RatingFollowUpView; phone: string | null } | null>(null)
  const [error, setError] = useState('')
  useDidShow(() => {
    if (!isStaff) return
    const run = id
      ? client.get<{ item: RatingFollowUpView; phone: string | null }>(`/api/staff/rating-follow-ups/${id}`).then(setDetail)
      : client.get<{ items: RatingFollowUpView[] }>('/api/staff/rating-follow-ups?status=all').then((r) => setItems(r.items))
    run.catch((e) => setError(messageOf(e)))
  })
  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />
  return (
    <PageShell>
      <View className='hero' id='sr'>
        <Text className='hero__title txt-xl'>差评回访</Text>
        <Text className='hero__sub txt-md'>1–2 星的评价：5 个工作日内联系本人，记录做了什么</Text>
      </View>
      {error ? <View className='notice'><Text className='block txt-md'>{error}</Text></View> : null}
      {detail ? (
        <View>
          <Card item={detail.item} phone={detail.phone} />
          {detail.phone ? (
            <Button id='sr-call' className='btn btn-outline' onClick={() => void Taro.makePhoneCall({ phoneNumber: detail.phone! }).catch(() => undefined)}>
              拨打本人电话
            </Button>
          ) : null}
          {detail.item.status === 'open' ? <FollowUpForm item={detail.item} onDone={(item) => setDetail({ ...detail, item })} /> : null}
        </View>
      ) : null}
      {!id && items && !items.length ? <Text className='block muted txt-md' id='sr-empty'>本中心还没有差评。</Text> : null}
      {!id ? items?.map((i) => <Card key={i.id} item={i} open={() => void Taro.navigateTo({ url: `${PAGE}?id=${i.id}` }).catch(() => undefined)} />) : null}
    </PageShell>
  )
}
