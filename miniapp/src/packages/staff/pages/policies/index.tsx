import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import ServiceCard from '../../../../components/ServiceCard'
import { useSession } from '../../../../store/session'
import { AUDIENCE_TEXT, POLICY_PAGES, policyApi, type StaffPolicyRow } from '../../../../pages/policy/api'
import { chinaDate } from '../../../../pages/policy/logic'
import { Badge, confirm, tell } from '../../../../pages/policy/ui'
import StaffOnly from '../../components/StaffOnly'

const TABS = [
  { value: '', label: '全部' },
  { value: 'published', label: '已发布' },
  { value: 'draft', label: '草稿' },
  { value: 'unpublished', label: '已下架' },
]

/** 经办：政策管理 — every policy with its status and version; publish, unpublish, edit. */
export default function StaffPolicies() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const [rows, setRows] = useState<StaffPolicyRow[] | null>(null)
  const [tab, setTab] = useState('')
  const [busy, setBusy] = useState('')
  const [failed, setFailed] = useState(false)

  const load = async () => {
    try {
      setRows((await policyApi.staffList()).items)
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }
  useDidShow(() => {
    if (isStaff) void load()
  })

  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />

  const publish = async (r: StaffPolicyRow) => {
    const again = r.status === 'published'
    if (!(await confirm(again ? '发布新版本' : '发布政策', `发布“${r.title}”第 ${r.version} 版？发布后群众可以查到，系统会主动通知符合条件的已登记人员。`, '发布'))) return
    setBusy(r.id)
    try {
      const res = await policyApi.publish(r.id)
      await tell('已发布', `符合条件的已登记人员 ${res.matched.eligible} 人，本次新通知 ${res.matched.notified} 人（以前通知过的不会重复通知）。`)
      await load()
    } catch {
      /* toast shown */
    } finally {
      setBusy('')
    }
  }
  const unpublish = async (r: StaffPolicyRow) => {
    if (!(await confirm('下架政策', `下架“${r.title}”？下架后群众查不到，也不能再申请；已提交的申请不受影响。`, '下架'))) return
    setBusy(r.id)
    try {
      await policyApi.unpublish(r.id)
      Taro.showToast({ title: '已下架', icon: 'success' })
      await load()
    } catch {
      /* toast shown */
    } finally {
      setBusy('')
    }
  }

  const count = (v: string) => (rows ?? []).filter((r) => !v || r.status === v).length
  const shown = (rows ?? []).filter((r) => !tab || r.status === tab)

  return (
    <PageShell>
      <View className='hero' id='sp'>
        <Text className='hero__title txt-xl'>政策管理</Text>
        <Text className='hero__sub txt-md'>修改会生成新版本，发布后才对群众生效</Text>
      </View>
      <ServiceCard id='sp-queue' title='政策申请待办' desc='审核群众的一键申请：通过、退回补充、不予通过' tone='orange' onClick={() => Taro.navigateTo({ url: POLICY_PAGES.staffQueue })} />

      <View className='pol-tabs' id='sp-tabs'>
        {TABS.map((t) => (
          <Text key={t.value || 'all'} id={`sp-tab-${t.value || 'all'}`} className={`pol-tab txt-md ${tab === t.value ? 'pol-tab--on' : ''}`} onClick={() => setTab(t.value)}>
            {t.label} {count(t.value)}
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
      {!rows && !failed ? <Text className='block muted txt-md'>加载中…</Text> : null}
      {rows && !shown.length ? <Text className='block muted txt-md'>这里没有政策。</Text> : null}

      {shown.map((r) => (
        <View key={r.id} id={`sp-item-${r.slug}`} className={`card pol-item ${r.audience === 'employer' ? 'pol-item--emp' : ''}`}>
          <View className='pol-head'>
            <Text className='pol-head__main pol-item__title txt-lg' id={`sp-title-${r.slug}`}>
              {r.title}
            </Text>
            <Badge status={r.status} id={`sp-status-${r.slug}`} />
          </View>
          <Text className='block muted txt-md'>
            {r.category} · {AUDIENCE_TEXT[r.audience]} · 第 {r.version} 版{r.status === 'published' && r.liveVersion !== r.version ? `（群众看到第 ${r.liveVersion} 版）` : ''}
          </Text>
          {r.hasDraft && r.status === 'published' ? (
            <Text className='block txt-md' style={{ color: '#b54708' }} id={`sp-draft-${r.slug}`}>
              有修改还没发布
            </Text>
          ) : null}
          <Text className='block muted txt-sm'>更新于 {chinaDate(r.updatedAt)}</Text>
          <View className='pol-actions'>
            <Button id={`sp-edit-${r.slug}`} className='btn btn-outline' onClick={() => Taro.navigateTo({ url: POLICY_PAGES.staffEdit(r.id) })}>
              编辑
            </Button>
            {r.status !== 'published' || r.hasDraft ? (
              <Button id={`sp-publish-${r.slug}`} className='btn btn-primary' loading={busy === r.id || undefined} onClick={() => void publish(r)}>
                {r.status === 'published' ? '发布新版本' : '发布'}
              </Button>
            ) : null}
            {r.status === 'published' ? (
              <Button id={`sp-unpublish-${r.slug}`} className='btn btn-danger' loading={busy === r.id || undefined} onClick={() => void unpublish(r)}>
                下架
              </Button>
            ) : null}
          </View>
        </View>
      ))}
    </PageShell>
  )
}
