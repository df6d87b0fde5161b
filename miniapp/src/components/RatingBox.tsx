import { useEffect, useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import type { RatingStatus } from '@doorstep/shared'
import { RATING_COMMENT_MAX, RATING_STAR_LABELS, RATING_STARS, isBadRating, type RatingCaseKind } from '@doorstep/shared/src/rules/ratings'
import { client, messageOf } from '../services/api'
import './rating.css'

/**
 * 好差评 on a handled case: 1–5 stars (each with its spoken label), an optional comment, submit; after
 * that 「您已评价」 with what was given. Imported only by subpackage pages (booking list, registration record,
 * 失业保险金, policy applications), so it stays out of the main package.
 */
export default function RatingBox({ kind, caseId, title = '评价这次服务' }: { kind: RatingCaseKind; caseId: string; title?: string }) {
  const [status, setStatus] = useState<RatingStatus | null>(null)
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const id = `rt-${kind}-${caseId}`

  useEffect(() => {
    let live = true
    client.get<RatingStatus>(`/api/ratings/${kind}/${caseId}`).then((s) => { if (live) setStatus(s) }, () => undefined)
    return () => { live = false }
  }, [kind, caseId])

  if (!status) return null
  const r = status.rating
  if (r) {
    return (
      <View className='card rt-box' id={id}>
        <Text className='rt-done txt-lg' id={`${id}-done`}>您已评价</Text>
        <Text className='rt-shown'>{'★'.repeat(r.stars)}{'☆'.repeat(5 - r.stars)} {r.stars} 星</Text>
        <Text className='block txt-md'>{RATING_STAR_LABELS[r.stars]}{r.comment ? `：${r.comment}` : ''}</Text>
        {r.followUp === 'open' ? <Text className='block muted txt-md'>服务中心会在 5 个工作日内联系您，了解情况并改进。</Text> : null}
        {r.followUp === 'closed' ? <Text className='block muted txt-md'>服务中心已回访处理。</Text> : null}
      </View>
    )
  }
  if (!status.canRate) return null

  const submit = async () => {
    if (!stars) {
      setError('请先点星星选择满意程度')
      return
    }
    setBusy(true)
    setError('')
    try {
      const out = await client.post<{ rating: NonNullable<RatingStatus['rating']> }>(`/api/ratings/${kind}/${caseId}`, comment.trim() ? { stars, comment: comment.trim() } : { stars })
      setStatus({ ...status, canRate: false, reason: '您已评价', rating: out.rating })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card rt-box' id={id}>
      <Text className='block txt-lg' style={{ fontWeight: 700 }}>{title}</Text>
      <Text className='block muted txt-md'>您的评价会转给服务中心；每件事只能评价一次</Text>
      <View className='rt-stars' ariaRole='radiogroup' ariaLabel='满意程度，1 到 5 星'>
        {RATING_STARS.map((n) => (
          <View key={n} id={`${id}-star-${n}`} className={`rt-star ${n <= stars ? 'rt-star--on' : ''}`} ariaRole='radio' ariaLabel={`${n} 星，${RATING_STAR_LABELS[n]}${n === stars ? '，已选' : ''}`} onClick={() => setStars(n)}>
            <Text>{n <= stars ? '★' : '☆'}</Text>
          </View>
        ))}
      </View>
      {stars ? <Text className='block txt-md' id={`${id}-label`}>{RATING_STAR_LABELS[stars]}{isBadRating(stars) ? '，请告诉我们哪里做得不好' : ''}</Text> : null}
      <Textarea id={`${id}-comment`} className='input rt-comment' maxlength={RATING_COMMENT_MAX} placeholder='说说您的感受（可不填）' value={comment} onInput={(e) => setComment(e.detail.value)} />
      {error ? <Text className='rt-error txt-md' id={`${id}-error`}>{error}</Text> : null}
      <Button id={`${id}-submit`} className='btn btn-primary' loading={busy || undefined} onClick={() => void submit()}>提交评价</Button>
    </View>
  )
}
