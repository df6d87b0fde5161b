import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { fieldErrors, gigApi } from './api'
import { REPORT_REASON_LABEL, type ReportReason } from './format'
import { Choices, FieldError, TextArea } from './ui'

interface Props {
  gigId: string
  idPrefix: string
  /** 欠薪 can only be reported by someone hired for the gig. */
  hired: boolean
  onDone: () => void
}

/** 举报: 虚假招聘 / 欠薪 / 就业歧视 / 其他, with a short description; goes to the staff's report list. */
export default function ReportPanel({ gigId, idPrefix, hired, onDone }: Props) {
  const [reason, setReason] = useState<ReportReason | undefined>()
  const [detail, setDetail] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const reasons = (Object.keys(REPORT_REASON_LABEL) as ReportReason[]).filter((r) => hired || r !== 'wage_arrears')

  const submit = async () => {
    if (busy) return
    if (!reason) {
      setErrors({ reason: '请选择举报原因' })
      return
    }
    setBusy(true)
    try {
      await gigApi.report(gigId, reason, detail.trim(), { silent: true })
      Taro.showToast({ title: '已提交，经办人员会尽快处理', icon: 'none', duration: 2500 })
      onDone()
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(Object.keys(fe).length ? fe : { reason: (err as Error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='panel' id={`${idPrefix}-report`}>
      <Text className='block-title txt-lg'>举报这条用工信息</Text>
      <Text className='gig-hint txt-sm'>经办人员会核实处理；遇到欠薪也可以拨打 12333 或到附近服务站求助。</Text>
      <Choices idPrefix={`${idPrefix}-reason`} options={reasons.map((r) => ({ value: r, label: REPORT_REASON_LABEL[r] }))} value={reason} onChange={(v) => { setReason(v); setErrors({}) }} />
      <FieldError id={`${idPrefix}-reason-error`} msg={errors.reason} />
      <TextArea id={`${idPrefix}-detail`} label='情况说明（可不填）' value={detail} onInput={setDetail} error={errors.detail} maxlength={300} placeholder='比如：到了地方说不招人了；干完活没给钱' />
      <Button id={`${idPrefix}-report-submit`} className='btn btn-danger' loading={busy || undefined} onClick={submit}>
        提交举报
      </Button>
    </View>
  )
}
