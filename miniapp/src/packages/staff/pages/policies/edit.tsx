import { useState, type ReactNode } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import { ApiError, fieldErrors } from '../../../../services/api'
import { useSession } from '../../../../store/session'
import { policyApi, type PolicyInput, type StaffPolicyDetail } from '../../../../pages/policy/api'
import { chinaDate, linesOf } from '../../../../pages/policy/logic'
import { Badge, confirm, FieldError, inputId, Kv, tell, TextBox } from '../../../../pages/policy/ui'

interface Draft {
  title: string
  summary: string
  benefitText: string
  duration: string
  targetGroups: string
  conditions: string
  materials: string
  online: boolean
  where: string
  legalBasis: string
  rule: string
}

function toDraft(p: PolicyInput): Draft {
  return {
    title: p.title, summary: p.summary, benefitText: p.benefit.text, duration: p.benefit.duration ?? '', targetGroups: p.targetGroups.join('\n'),
    conditions: p.conditions.join('\n'), materials: p.materials.join('\n'), online: p.howToApply.online, where: p.howToApply.where, legalBasis: p.legalBasis,
    rule: JSON.stringify(p.rule, null, 2),
  }
}

/** The policy's editable content with this form's changes (everything else kept as it is). */
function contentOf(base: PolicyInput, d: Draft, rule: unknown): PolicyInput {
  return {
    slug: base.slug, title: d.title.trim(), category: base.category, audience: base.audience, summary: d.summary.trim(), targetGroups: linesOf(d.targetGroups),
    conditions: linesOf(d.conditions), benefit: { ...base.benefit, text: d.benefitText.trim(), duration: d.duration.trim() || undefined },
    materials: linesOf(d.materials), howToApply: { online: d.online, where: d.where.trim() }, authority: base.authority, legalBasis: d.legalBasis.trim(),
    regionScope: base.regionScope, effectiveFrom: base.effectiveFrom, expiresOn: base.expiresOn, period: base.period, faq: base.faq, rule: rule as PolicyInput['rule'], sample: base.sample,
  }
}

// Server error fields are paths like "content.benefit.text"; map them to this form's boxes.
const FIELD_OF: [RegExp, keyof Draft][] = [
  [/^content\.title/, 'title'], [/^content\.summary/, 'summary'], [/^content\.benefit\.text/, 'benefitText'], [/^content\.benefit\.duration/, 'duration'],
  [/^content\.targetGroups/, 'targetGroups'], [/^content\.conditions/, 'conditions'], [/^content\.materials/, 'materials'], [/^content\.howToApply/, 'where'],
  [/^content\.legalBasis/, 'legalBasis'], [/^(content\.)?rule/, 'rule'],
]

function Field({ label, hint, error, id, children }: { label: string; hint?: string; error?: string; id: string; children: ReactNode }) {
  return (
    <View className='field'>
      <Text className='field__label txt-lg'>{label}</Text>
      {hint ? <Text className='block muted txt-sm' style={{ marginBottom: Taro.pxTransform(8) }}>{hint}</Text> : null}
      {children}
      <FieldError id={`${id}-error`} msg={error} />
    </View>
  )
}

/** 经办：编辑政策 — text, conditions, materials, how to apply and the eligibility rule (checked by its examples). */
export default function StaffPolicyEdit() {
  const id = useRouter().params.id ?? ''
  const { user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const [detail, setDetail] = useState<StaffPolicyDetail | null>(null)
  const [d, setD] = useState<Draft | null>(null)
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState<number | null>(null)

  const load = async () => {
    const res = await policyApi.staffGet(id)
    setDetail(res)
    setD(toDraft(res.policy))
  }
  useDidShow(() => {
    if (isStaff && id && !detail) void load().catch(() => undefined)
  })

  if (!isStaff)
    return (
      <PageShell>
        <View className='notice'>
          <Text className='block txt-md'>请先用经办人员账号登录。</Text>
        </View>
      </PageShell>
    )
  if (!detail || !d)
    return (
      <PageShell>
        <Text className='block muted txt-md'>加载中…</Text>
      </PageShell>
    )

  const p = detail.policy
  const set = (patch: Partial<Draft>) => {
    setD({ ...d, ...patch })
    setSaved(null)
    setErrors((e) => {
      const n = { ...e }
      for (const k of Object.keys(patch)) delete n[k as keyof Draft]
      return n
    })
  }

  const save = async () => {
    if (busy) return
    let rule: unknown
    try {
      rule = JSON.parse(d.rule)
    } catch {
      setErrors({ rule: '规则不是有效的 JSON，请检查括号和引号' })
      return
    }
    const local: Partial<Record<keyof Draft, string>> = {}
    if (d.title.trim().length < 2) local.title = '请填写政策名称'
    if (!d.benefitText.trim()) local.benefitText = '请填写补贴内容'
    if (!linesOf(d.conditions).length) local.conditions = '请至少填写一个申请条件'
    if (!linesOf(d.targetGroups).length) local.targetGroups = '请至少填写一个适用人群'
    setErrors(local)
    setFormError(null)
    if (Object.keys(local).length) return
    setBusy(true)
    try {
      const v = await policyApi.update(p.id, p.version, contentOf(p, d, rule))
      const fresh = await policyApi.staffGet(p.id)
      setDetail(fresh)
      setD(toDraft(fresh.policy))
      setSaved(v.version)
      Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
    } catch (err) {
      if (err instanceof ApiError) {
        const fe: Partial<Record<keyof Draft, string>> = fieldErrors(err, (f) => FIELD_OF.find(([re]) => re.test(f))?.[1] ?? null)
        setErrors(fe)
        setFormError(err.message)
        if (!Object.keys(fe).length) Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
      }
    } finally {
      setBusy(false)
    }
  }

  const publish = async () => {
    if (!(await confirm('发布', `发布第 ${p.version} 版？群众将看到这一版，系统会通知符合条件的已登记人员。`, '发布'))) return
    setBusy(true)
    try {
      const res = await policyApi.publish(p.id)
      await tell('已发布', `符合条件的已登记人员 ${res.matched.eligible} 人，本次新通知 ${res.matched.notified} 人。`)
      await load()
      setSaved(null)
    } catch {
      /* toast shown */
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell>
      <View className='card' id='spe'>
        <View className='pol-head'>
          <Text className='pol-head__main pol-title txt-xl'>{p.title}</Text>
          <Badge status={p.status} id='spe-status' />
        </View>
        <Kv k='政策代码' v={p.slug} />
        <Kv k='当前版本' v={`第 ${p.version} 版${detail.liveVersion ? `，群众看到第 ${detail.liveVersion} 版` : '，还没有发布'}`} id='spe-version' />
      </View>

      {saved ? (
        <View className='pol-ok' id='spe-saved'>
          <Text className='pol-ok__title txt-lg'>已保存为第 {saved} 版</Text>
          <Text className='block txt-md'>{detail.liveVersion === saved ? '已发布。' : '还没有发布，群众看到的仍是旧版本。'}</Text>
        </View>
      ) : null}
      {formError ? (
        <View className='pol-bad' id='spe-error'>
          <Text className='block txt-md'>{formError}</Text>
        </View>
      ) : null}

      <View className='card'>
        <Field id='spe-title' label='政策名称' error={errors.title}>
          <View className='field__row'>
            <Input {...inputId('spe-title')} className='input' value={d.title} maxlength={60} onInput={(e) => set({ title: e.detail.value })} />
          </View>
        </Field>
        <Field id='spe-summary' label='一句话说明' error={errors.summary}>
          <TextBox id='spe-summary' value={d.summary} onInput={(v) => set({ summary: v })} />
        </Field>
        <Field id='spe-benefit' label='补贴内容（能领什么、多少）' error={errors.benefitText}>
          <TextBox id='spe-benefit' value={d.benefitText} maxlength={300} onInput={(v) => set({ benefitText: v })} />
        </Field>
        <Field id='spe-duration' label='享受期限（可不填）' error={errors.duration}>
          <View className='field__row'>
            <Input {...inputId('spe-duration')} className='input' value={d.duration} maxlength={60} onInput={(e) => set({ duration: e.detail.value })} />
          </View>
        </Field>
        <Field id='spe-groups' label='适用人群' hint='每行一个' error={errors.targetGroups}>
          <TextBox id='spe-groups' value={d.targetGroups} maxlength={400} onInput={(v) => set({ targetGroups: v })} />
        </Field>
        <Field id='spe-conditions' label='申请条件' hint='每行一条，用群众听得懂的话写' error={errors.conditions}>
          <TextBox id='spe-conditions' value={d.conditions} maxlength={2400} onInput={(v) => set({ conditions: v })} />
        </Field>
        <Field id='spe-materials' label='所需材料' hint='每行一项' error={errors.materials}>
          <TextBox id='spe-materials' value={d.materials} maxlength={1600} onInput={(v) => set({ materials: v })} />
        </Field>
        <Field id='spe-where' label='怎么办理' error={errors.where}>
          <View id='spe-online' className={`pol-opt ${d.online ? 'pol-opt--on' : ''}`} onClick={() => set({ online: !d.online })}>
            <Text className='pol-opt__mark txt-lg'>{d.online ? '☑' : '☐'}</Text>
            <Text className='txt-md'>可以在本程序一键申请</Text>
          </View>
          <TextBox id='spe-where' value={d.where} onInput={(v) => set({ where: v })} placeholder='线下办理地点、窗口、时间' />
        </Field>
        <Field id='spe-legal' label='政策依据（文号）' error={errors.legalBasis}>
          <TextBox id='spe-legal' value={d.legalBasis} onInput={(v) => set({ legalBasis: v })} />
        </Field>
        <Field id='spe-rule' label='资格规则（JSON）' hint='条件和示例一起保存；示例算不对时不能保存。改规则前请先和业务科室确认。' error={errors.rule}>
          <TextBox id='spe-rule' code value={d.rule} maxlength={-1} onInput={(v) => set({ rule: v })} />
        </Field>
      </View>

      <Button id='spe-save' className='btn btn-primary' loading={busy || undefined} onClick={() => void save()}>
        保存为新版本
      </Button>
      {p.status !== 'published' || p.hasDraft ? (
        <Button id='spe-publish' className='btn btn-outline' loading={busy || undefined} onClick={() => void publish()}>
          发布第 {p.version} 版
        </Button>
      ) : null}

      <View className='card' id='spe-versions' style={{ marginTop: Taro.pxTransform(24) }}>
        <Text className='pol-h txt-lg'>版本记录</Text>
        {detail.versions.map((v) => (
          <Kv
            key={v.version}
            k={`第 ${v.version} 版`}
            v={
              <Text>
                <Text className='block'>{chinaDate(v.createdAt)} 保存</Text>
                {v.publishedAt ? <Text className='block'>{chinaDate(v.publishedAt)} 发布</Text> : null}
                {v.version === detail.liveVersion && p.status === 'published' ? <Text className='block' style={{ color: '#0e7a3e', fontWeight: 700 }}>群众正在看这一版</Text> : null}
              </Text>
            }
          />
        ))}
      </View>
      <Button id='spe-back' className='btn btn-plain' onClick={() => Taro.navigateBack().catch(() => undefined)}>
        返回列表
      </Button>
    </PageShell>
  )
}
