import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { fieldErrors } from './api'
import { FieldError, Stars, TextArea, TextField } from './ui'

/**
 * The two after-work panels both sides of a gig use: state the amount paid/received (prefilled with the
 * other side's figure or the agreed pay), and rate the other side. Ids follow `${idPrefix}-…`.
 */
export function AmountPanel(p: {
  idPrefix: string
  panelSuffix: string
  title: string
  hint: string | null
  label: string
  missing: string
  button: string
  done: string
  prefill: number | null
  send: (amount: number) => Promise<unknown>
  onDone: () => void
}) {
  const [amount, setAmount] = useState(p.prefill === null ? '' : String(p.prefill))
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const n = Number(amount)
    if (!amount.trim() || !Number.isFinite(n) || n <= 0) {
      setError(p.missing)
      return
    }
    setBusy(true)
    try {
      await p.send(Math.round(n * 100) / 100)
      Taro.showToast({ title: p.done, icon: 'none' })
      p.onDone()
    } catch (err) {
      setError(fieldErrors(err).amount ?? (err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='panel' id={`${p.idPrefix}-${p.panelSuffix}`}>
      <Text className='block-title txt-lg'>{p.title}</Text>
      {p.hint ? <Text className='gig-hint txt-sm'>{p.hint}</Text> : null}
      <TextField id={`${p.idPrefix}-amount`} label={p.label} type='digit' value={amount} onInput={(v) => { setAmount(v); setError('') }} maxlength={9} />
      <FieldError id={`${p.idPrefix}-amount-err`} msg={error} />
      <Button id={`${p.idPrefix}-${p.panelSuffix}-submit`} className='btn btn-primary btn-small' loading={busy || undefined} onClick={submit}>
        {p.button}
      </Button>
    </View>
  )
}

export function RatingPanel(p: { idPrefix: string; title: string; placeholder: string; done: string; send: (stars: number, comment: string) => Promise<unknown>; onDone: () => void }) {
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (!stars) {
      setError('请点星星打分')
      return
    }
    setBusy(true)
    try {
      await p.send(stars, comment.trim())
      Taro.showToast({ title: p.done, icon: 'none' })
      p.onDone()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='panel' id={`${p.idPrefix}-rate`}>
      <Text className='block-title txt-lg'>{p.title}</Text>
      <Stars idPrefix={`${p.idPrefix}-star`} value={stars} onChange={(n) => { setStars(n); setError('') }} />
      <TextArea id={`${p.idPrefix}-comment`} label='说两句（可不填）' value={comment} onInput={setComment} maxlength={100} placeholder={p.placeholder} />
      <FieldError id={`${p.idPrefix}-rate-err`} msg={error} />
      <Button id={`${p.idPrefix}-rate-submit`} className='btn btn-primary btn-small' loading={busy || undefined} onClick={submit}>
        提交评价
      </Button>
    </View>
  )
}
