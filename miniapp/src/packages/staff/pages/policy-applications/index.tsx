import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { useSession } from '../../../../store/session'
import { policyApi, type PolicyApplicationView } from '../../../../pages/policy/api'
import { chinaDate, factRows, periodText, yuan } from '../../../../pages/policy/logic'
import { Badge, confirm, FieldError, Kv, TextBox } from '../../../../pages/policy/ui'
import StaffOnly from '../../components/StaffOnly'
import CaseNotices from '../../components/CaseNotices'

type Status = 'submitted' | 'approved' | 'returned' | 'rejected'
const TABS: { value: Status; label: string }[] = [
  { value: 'submitted', label: '待审核' },
  { value: 'returned', label: '已退回' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '未通过' },
]
const DECISION_TEXT = { return: '退回补充', reject: '不予通过' } as const

function Item({ a, onDone }: { a: PolicyApplicationView; onDone: () => void }) {
  const [mode, setMode] = useState<'return' | 'reject' | null>(null)
  const [reason, setReason] = useState('')
  const [err, setErr] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [showFacts, setShowFacts] = useState(false)
  const [showNotices, setShowNotices] = useState(false)

  const decide = async (decision: 'approve' | 'return' | 'reject') => {
    if (busy) return
    if (decision !== 'approve' && !reason.trim()) return setErr('请写明理由，申请人会看到')
    if (decision === 'approve' && !(await confirm('审核通过', `通过“${a.policyTitle}”的申请？${a.amount !== null ? `预计${yuan(a.amount)}。` : ''}`, '通过'))) return
    setBusy(true)
    try {
      await policyApi.decide(a.id, decision, decision === 'approve' ? undefined : reason.trim())
      Taro.showToast({ title: decision === 'approve' ? '已通过' : decision === 'return' ? '已退回' : '已处理', icon: 'success' })
      onDone()
    } catch {
      /* toast shown */
    } finally {
      setBusy(false)
    }
  }

  const facts = factRows(a.facts)
  return (
    <View id={`pq-item-${a.id}`} className='card pol-item'>
      <View className='pol-head'>
        <Text className='pol-head__main pol-item__title txt-lg'>{a.policyTitle}</Text>
        <Badge status={a.status} />
      </View>
      <Kv k='申请人' v={a.applicantName || '（未填写姓名）'} />
      <Kv k='申请期' v={periodText(a.period)} />
      <Kv k='预计金额' v={yuan(a.amount)} />
      <Kv k='提交时间' v={chinaDate(a.createdAt)} />
      {a.note ? <Kv k='申请人说明' v={a.note} /> : null}
      {a.reason ? <Kv k='处理理由' v={a.reason} /> : null}
      {facts.length ? (
        <View>
          <Text id={`pq-facts-${a.id}`} className='pol-more txt-md' onClick={() => setShowFacts(!showFacts)}>
            {showFacts ? '收起申请信息 ▲' : `申请时的情况（${facts.length} 项）▼`}
          </Text>
          {showFacts ? (
            <View className='pol-answers' style={{ marginTop: Taro.pxTransform(12) }}>
              {facts.map((f) => (
                <Kv key={f.label} k={f.label} v={f.value} />
              ))}
            </View>
          ) : null}
        </View>
      ) : null}

      {a.status !== 'submitted' ? (
        <View>
          <Text id={`pq-notices-toggle-${a.id}`} className='pol-more txt-md' onClick={() => setShowNotices(!showNotices)}>
            {showNotices ? '收起通知记录 ▲' : '通知记录（是否已通知到申请人）▼'}
          </Text>
          {showNotices ? <CaseNotices bare id={`pq-notices-${a.id}`} url={`/api/staff/policy-applications/${encodeURIComponent(a.id)}/notices`} /> : null}
        </View>
      ) : null}

      {a.status === 'submitted' ? (
        mode ? (
          <View style={{ marginTop: Taro.pxTransform(16) }}>
            <Text className='field__label txt-md'>{DECISION_TEXT[mode]}的理由</Text>
            <TextBox id={`pq-reason-${a.id}`} value={reason} onInput={(v) => { setReason(v); setErr(null) }} placeholder={mode === 'return' ? '比如：请补充社保缴费凭证' : '比如：不在本期受理范围'} />
            <FieldError id={`pq-reason-${a.id}-error`} msg={err} />
            <View className='pol-actions'>
              <Button className='btn btn-plain' onClick={() => { setMode(null); setErr(null) }}>
                取消
              </Button>
              <Button id={`pq-confirm-${a.id}`} className={`btn ${mode === 'reject' ? 'btn-danger' : 'btn-primary'}`} loading={busy || undefined} onClick={() => void decide(mode)}>
                确认{DECISION_TEXT[mode]}
              </Button>
            </View>
          </View>
        ) : (
          <View className='pol-actions'>
            <Button id={`pq-approve-${a.id}`} className='btn btn-primary' loading={busy || undefined} onClick={() => void decide('approve')}>
              通过
            </Button>
            <Button id={`pq-return-${a.id}`} className='btn btn-outline' onClick={() => setMode('return')}>
              退回补充
            </Button>
            <Button id={`pq-reject-${a.id}`} className='btn btn-danger' onClick={() => setMode('reject')}>
              不予通过
            </Button>
          </View>
        )
      ) : null}
    </View>
  )
}

/** 经办：政策申请待办 — oldest first; approve, return for more material, or refuse, with a reason. */
export default function StaffPolicyApplications() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const [status, setStatus] = useState<Status>('submitted')
  const [data, setData] = useState<{ items: PolicyApplicationView[]; counts: Record<string, number> } | null>(null)
  const [failed, setFailed] = useState(false)

  const load = async (st: Status = status) => {
    try {
      setData(await policyApi.queue(st))
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }
  useDidShow(() => {
    if (isStaff) void load()
  })

  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />

  const pick = (st: Status) => {
    setStatus(st)
    setData(null)
    void load(st)
  }

  return (
    <PageShell>
      <View className='hero' id='pq'>
        <Text className='hero__title txt-xl'>政策申请待办</Text>
        <Text className='hero__sub txt-md'>先提交的排在前面；退回和不予通过要写明理由</Text>
      </View>
      <View className='pol-tabs' id='pq-tabs'>
        {TABS.map((t) => (
          <Text key={t.value} id={`pq-tab-${t.value}`} className={`pol-tab txt-md ${status === t.value ? 'pol-tab--on' : ''}`} onClick={() => pick(t.value)}>
            {t.label} {data?.counts[t.value] ?? ''}
          </Text>
        ))}
      </View>
      {failed ? (
        <View className='notice'>
          <Text className='block txt-md'>没有加载出来。</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!data && !failed ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {data && !data.items.length ? (
        <Text className='block muted txt-md' id='pq-empty'>
          这里没有申请。
        </Text>
      ) : null}
      {data?.items.map((a) => <Item key={a.id} a={a} onDone={() => void load()} />)}
    </PageShell>
  )
}
