import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import RatingBox from '../../../../components/RatingBox'
import { goLogin } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { POLICY_PAGES, policyApi, type PolicyApplicationView } from '../../../../pages/policy/api'
import { chinaDate, periodText, yuan } from '../../../../pages/policy/logic'
import { Badge, FieldError, Hotline, Kv, TextBox } from '../../../../pages/policy/ui'

const NEXT_STEP: Record<string, string> = {
  submitted: '经办人员正在审核，有结果会发到「消息」里。',
  approved: '审核通过。补贴按规定发放到你的社会保障卡账户。',
  returned: '需要补充材料或说明，补充后重新提交。',
  rejected: '没有通过。有疑问可以拨打 12333 或到社区服务站咨询。',
}

function ResubmitBox({ app, onDone }: { app: PolicyApplicationView; onDone: (a: PolicyApplicationView) => void }) {
  const [note, setNote] = useState('')
  const [err, setErr] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const send = async () => {
    if (busy) return
    if (!note.trim()) return setErr('请写一下补充了什么')
    setBusy(true)
    try {
      onDone(await policyApi.resubmit(app.id, note.trim()))
      Taro.showToast({ title: '已重新提交', icon: 'success' })
    } catch {
      /* toast shown */
    } finally {
      setBusy(false)
    }
  }
  return (
    <View style={{ marginTop: Taro.pxTransform(16) }}>
      <Text className='field__label txt-md'>补充说明</Text>
      <TextBox id={`app-note-${app.id}`} value={note} onInput={(v) => { setNote(v); setErr(null) }} placeholder='比如：社保缴费凭证已交到社区服务站' />
      <FieldError id={`app-note-${app.id}-error`} msg={err} />
      <Button id={`app-resubmit-${app.id}`} className='btn btn-primary' loading={busy || undefined} onClick={send}>
        补充后重新提交
      </Button>
    </View>
  )
}

/** 我的政策申请: each application, its status, the reason when returned or refused, what happens next. */
export default function PolicyApps() {
  const { loggedIn } = useSession()
  const [items, setItems] = useState<PolicyApplicationView[] | null>(null)
  const [failed, setFailed] = useState(false)

  const load = async () => {
    try {
      setItems((await policyApi.mine()).items)
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }
  useDidShow(() => {
    if (loggedIn) void load()
  })

  if (!loggedIn)
    return (
      <PageShell>
        <View className='notice'>
          <Text className='block txt-md'>登录后可以查看你的政策申请。</Text>
          <Button className='btn btn-primary' onClick={goLogin}>
            登录
          </Button>
        </View>
      </PageShell>
    )

  const replace = (a: PolicyApplicationView) => setItems((xs) => (xs ?? []).map((x) => (x.id === a.id ? a : x)))

  return (
    <PageShell>
      <View className='hero' id='apps'>
        <Text className='hero__title txt-xl'>我的政策申请</Text>
        <Text className='hero__sub txt-md'>审核结果会发到「消息」里，也可以来这里看</Text>
      </View>
      {failed ? (
        <View className='notice'>
          <Text className='block txt-md'>没有加载出来。</Text>
          <Button className='btn btn-outline' onClick={() => void load()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {!items && !failed ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {items && !items.length ? (
        <View className='card' id='apps-empty'>
          <Text className='block txt-lg'>还没有申请过政策。</Text>
          <Text className='block muted txt-md'>先用政策计算器看看能领哪些补贴，符合条件的可以一键申请。</Text>
          <Button className='btn btn-primary' onClick={() => Taro.navigateTo({ url: POLICY_PAGES.calc })}>
            去政策计算器
          </Button>
        </View>
      ) : null}
      {items?.map((a) => (
        <View key={a.id} id={`app-${a.id}`} className='card pol-item app-item'>
          <View className='pol-head'>
            <Text className='pol-head__main pol-item__title txt-lg' onClick={() => Taro.navigateTo({ url: POLICY_PAGES.detail(a.policyId) })}>
              {a.policyTitle}
            </Text>
            <Badge status={a.status} id={`app-status-${a.id}`} />
          </View>
          <Kv k='申请期' v={periodText(a.period)} />
          <Kv k='预计金额' v={yuan(a.amount)} />
          <Kv k='提交时间' v={chinaDate(a.createdAt)} />
          {a.decidedAt ? <Kv k='审核时间' v={chinaDate(a.decidedAt)} /> : null}
          {a.note ? <Kv k='我的说明' v={a.note} /> : null}
          {a.reason ? (
            <View className={a.status === 'rejected' ? 'pol-bad' : 'pol-missing'} style={{ marginTop: Taro.pxTransform(16), marginBottom: 0 }} id={`app-reason-${a.id}`}>
              <Text className='block txt-md'>原因：{a.reason}</Text>
            </View>
          ) : null}
          <Text className='block muted txt-md' style={{ marginTop: Taro.pxTransform(12) }}>
            {NEXT_STEP[a.status]}
          </Text>
          {a.status === 'returned' ? <ResubmitBox app={a} onDone={replace} /> : null}
          {a.status === 'approved' || a.status === 'rejected' ? <RatingBox kind='policy' caseId={a.id} title='评价这次政策申请办理' /> : null}
        </View>
      ))}
      <Hotline />
    </PageShell>
  )
}
