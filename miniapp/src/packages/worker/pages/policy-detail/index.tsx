import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { POLICY_HARDSHIP_CONSENT } from '@doorstep/shared/src/data/consents'
import PageShell from '../../../../components/PageShell'
import { ApiError } from '../../../../services/api'
import { goLogin } from '../../../../services/nav'
import { useSession } from '../../../../store/session'
import { POLICY_PAGES, policyApi, savedAnswers, type PolicyApplicationView, type PolicyView } from '../../../../pages/policy/api'
import { periodText, yuan } from '../../../../pages/policy/logic'
import { Badge, Bullets, confirm, Hotline, Kv, PolicyTags } from '../../../../pages/policy/ui'
import { HardshipConsent, hasHardship } from '../../../../pages/policy/consent'
import { taps } from '../../../../services/subscribe'

type ApplyState = { ok: PolicyApplicationView } | { error: ApiError } | null

/** 政策详情: what you get, who qualifies, what to bring, how to apply, the legal basis and FAQ; 一键申请. */
export default function PolicyDetail() {
  const id = useRouter().params.id ?? ''
  const { loggedIn, user } = useSession()
  const [p, setP] = useState<PolicyView | null>(null)
  const [missing, setMissing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [applied, setApplied] = useState<ApplyState>(null)
  const [hardshipOk, setHardshipOk] = useState(false)

  useDidShow(() => {
    if (!id) {
      setMissing(true)
      return
    }
    policyApi
      .get(id)
      .then((v) => {
        setP(v)
        Taro.setNavigationBarTitle({ title: v.title.length > 12 ? '政策详情' : v.title }).catch(() => undefined)
      })
      .catch((err) => {
        if (err instanceof ApiError && err.status === 404) setMissing(true)
      })
  })

  if (missing)
    return (
      <PageShell>
        <View className='notice' id='pd-missing'>
          <Text className='block txt-md'>这条政策不存在或已经下架。可以回到政策查询重新找一找，或拨打 12333 咨询。</Text>
          <Button className='btn btn-outline' onClick={() => Taro.switchTab({ url: '/pages/policy/index' })}>
            去政策查询
          </Button>
        </View>
        <Hotline />
      </PageShell>
    )
  if (!p)
    return (
      <PageShell>
        <Text className='block muted txt-md'>加载中…</Text>
      </PageShell>
    )

  const role = user?.activeRole
  const roleFits = !role || (role !== 'staff' && (p.audience === 'employer') === (role === 'employer'))
  const answers = savedAnswers.get()
  const needsConsent = hasHardship(answers)

  // The tap asks for 订阅消息 first (synchronously, as WeChat requires), then confirms and applies.
  const apply = () => (busy || !loggedIn ? applyNow() : taps.applyPolicy(applyNow))
  const applyNow = async () => {
    if (busy) return
    if (!loggedIn) return goLogin()
    if (needsConsent && !hardshipOk) {
      Taro.showToast({ title: '请先勾选同意处理就业困难情形', icon: 'none' })
      return
    }
    const ok = await confirm('一键申请', `申请“${p.title}”。会用你的登记信息（以及政策计算器里的回答）自动填好申请，由经办人员审核。`, '确认申请')
    if (!ok) return
    setBusy(true)
    try {
      setApplied({ ok: await policyApi.apply(p.id, answers, true, needsConsent ? POLICY_HARDSHIP_CONSENT.version : undefined) })
    } catch (err) {
      if (err instanceof ApiError) setApplied({ error: err })
      else Taro.showToast({ title: '没有提交成功，请稍后重试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const details = (applied && 'error' in applied ? (applied.error.details as { message: string }[] | undefined) : undefined) ?? []

  return (
    <PageShell>
      <View className='card' id='pd'>
        <PolicyTags category={p.category} audience={p.audience} sample={p.sample} />
        <Text className='pol-title txt-xl' id='pd-title'>
          {p.title}
        </Text>
        <Text className='pol-p txt-md'>{p.summary}</Text>
      </View>

      <View className='card' id='pd-benefit'>
        <Text className='pol-h txt-lg'>能享受什么</Text>
        <View className='pol-benefit'>
          <Text className='block txt-md'>{p.benefit.text}</Text>
          {p.benefit.duration ? <Text className='block txt-md' style={{ marginTop: Taro.pxTransform(8) }}>期限：{p.benefit.duration}</Text> : null}
        </View>
      </View>

      <View className='card' id='pd-conditions'>
        <Text className='pol-h txt-lg'>谁能申请</Text>
        <View className='pol-tags'>
          {p.targetGroups.map((g) => (
            <Text key={g} className='pol-tag pol-tag--group txt-md'>
              {g}
            </Text>
          ))}
        </View>
        <Bullets items={p.conditions} mark={(i) => `${i + 1}.`} />
      </View>

      <View className='card' id='pd-materials'>
        <Text className='pol-h txt-lg'>要准备的材料</Text>
        {p.materials.length ? <Bullets items={p.materials} mark='□' /> : <Text className='pol-p txt-md'>不需要另外准备材料。</Text>}
      </View>

      <View className='card' id='pd-how'>
        <Text className='pol-h txt-lg'>怎么办理</Text>
        {p.howToApply.online ? (
          <Bullets items={['支持在本程序点下面的“一键申请”，会用你的登记信息自动填好。']} mark='✓' tone='ok' />
        ) : null}
        {p.howToApply.where ? <Kv k='办理渠道' v={p.howToApply.where} /> : null}
      </View>

      {applied && 'ok' in applied ? (
        <View className='pol-ok' id='pd-applied'>
          <Text className='pol-ok__title txt-lg'>申请已提交</Text>
          <Text className='block txt-md'>
            {periodText(applied.ok.period)}，预计{yuan(applied.ok.amount)}。审核结果会发到「消息」里。
          </Text>
          <View className='field__row' style={{ marginTop: Taro.pxTransform(12) }}>
            <Badge status={applied.ok.status} />
          </View>
          <Button id='pd-go-apps' className='btn btn-primary' onClick={() => Taro.redirectTo({ url: POLICY_PAGES.apps })}>
            查看我的申请
          </Button>
        </View>
      ) : applied && 'error' in applied ? (
        <View className='pol-bad' id='pd-apply-error'>
          <Text className='pol-bad__title txt-lg'>
            {applied.error.code === 'NOT_ELIGIBLE' ? '暂时还不能申请' : applied.error.code === 'DUPLICATE_APPLICATION' ? '已经申请过了' : '没有提交成功'}
          </Text>
          {applied.error.code === 'NOT_ELIGIBLE' && details.length ? (
            <Bullets items={details.map((d) => d.message)} mark='!' tone='miss' />
          ) : (
            <Text className='block txt-md'>{applied.error.message}</Text>
          )}
          {applied.error.code === 'NOT_ELIGIBLE' ? (
            <Button id='pd-error-calc' className='btn btn-outline' onClick={() => Taro.navigateTo({ url: `${POLICY_PAGES.calc}?audience=${p.audience}` })}>
              用政策计算器补充情况
            </Button>
          ) : null}
          {applied.error.code === 'DUPLICATE_APPLICATION' ? (
            <Button id='pd-error-apps' className='btn btn-outline' onClick={() => Taro.navigateTo({ url: POLICY_PAGES.apps })}>
              查看我的申请
            </Button>
          ) : null}
        </View>
      ) : null}

      {!(applied && ('ok' in applied || applied.error.code === 'DUPLICATE_APPLICATION')) ? (
        <View id='pd-actions'>
          {roleFits && loggedIn && needsConsent ? <HardshipConsent id='pd-hardship-consent' on={hardshipOk} onChange={setHardshipOk} /> : null}
          {roleFits ? (
            <Button id='pd-apply' className='btn btn-primary' loading={busy || undefined} onClick={apply}>
              {loggedIn ? '一键申请' : '登录后一键申请'}
            </Button>
          ) : (
            <View className='notice'>
              <Text className='block txt-md'>
                {role === 'staff'
                  ? '经办人员账号不能申请政策。'
                  : p.audience === 'employer'
                    ? '这是面向用人单位的政策：在首页切换到“我要招人”后可以申请。'
                    : '这是面向个人的政策：在首页切换到“我要找活”后可以申请。'}
              </Text>
            </View>
          )}
          <Button id='pd-calc' className='btn btn-outline' onClick={() => Taro.navigateTo({ url: `${POLICY_PAGES.calc}?audience=${p.audience}` })}>
            算一算我能不能领
          </Button>
        </View>
      ) : null}

      <View className='card' id='pd-basis' style={{ marginTop: Taro.pxTransform(24) }}>
        <Text className='pol-h txt-lg'>政策依据</Text>
        <Kv k='发文/经办' v={p.authority} />
        {p.legalBasis ? <Kv k='文件依据' v={p.legalBasis} id='pd-legal' /> : null}
        <Kv k='适用地区' v={p.regionScope} />
        <Kv k='有效期' v={p.expiresOn ? `${p.effectiveFrom} 至 ${p.expiresOn}` : `${p.effectiveFrom} 起长期有效`} />
        {p.sample ? <Text className='block muted txt-sm' style={{ marginTop: Taro.pxTransform(12) }}>本条为演示用示例数据，金额和办理方式以当地人社部门正式发布的政策为准。</Text> : null}
      </View>

      {p.faq.length ? (
        <View className='card' id='pd-faq'>
          <Text className='pol-h txt-lg'>常见问题</Text>
          {p.faq.map((f) => (
            <View key={f.q} className='pol-faq'>
              <Text className='pol-faq__q txt-md'>问：{f.q}</Text>
              <Text className='pol-faq__a txt-md'>答：{f.a}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <Hotline />
    </PageShell>
  )
}
