import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import PageShell from '../../../../components/PageShell'
import Kv from '../../../../components/Kv'
import { FieldError, TextField } from '../../../../components/Field'
import { ChoiceSingle } from '../../../../components/RegistrationChoices'
import { useSession } from '../../../../store/session'
import StaffOnly from '../../components/StaffOnly'
import { ApiError, chinaDate, fieldErrors, HH_PAGES, householdApi, messageOf, STATUS_LABELS, type HouseholdInput, type HouseholdView, type MemberInput, type RegionList } from './api'
import './households.css'

const MAX_MEMBERS = 12
const RELATIONS = ['户主', '配偶', '子女', '父母', '孙子女', '兄弟姐妹', '其他亲属']
/** The four 证件 the server takes (ID_DOC_TYPES in shared), named short enough to sit side by side. */
const ID_TYPES = [
  { value: 'resident_id', label: '居民身份证' },
  { value: 'hmt_residence_permit', label: '港澳台居住证' },
  { value: 'hk_macau_permit', label: '港澳通行证' },
  { value: 'taiwan_permit', label: '台湾居民通行证' },
]

interface MemberDraft extends MemberInput {
  /** Row key (React); not sent. */
  key: string
}
interface Draft {
  district: string
  street: string
  address: string
  members: MemberDraft[]
}

let rowSeq = 0
const newMember = (relation = ''): MemberDraft => ({ key: `m${++rowSeq}`, name: '', idType: 'resident_id', idNumber: '', relation, ableToWork: true, wantsWork: true, employed: false })

/** A form from a household's detail: names, ID numbers and the address are masked there, so they are typed again. */
const draftOf = (h: HouseholdView): Draft => ({
  district: h.district,
  street: h.street,
  address: '',
  members: h.members.map((m) => ({ ...newMember(m.relation), ableToWork: m.ableToWork, wantsWork: m.wantsWork, employed: m.employed })),
})

const bodyOf = (d: Draft): HouseholdInput => ({
  district: d.district,
  street: d.street,
  address: d.address.trim(),
  members: d.members.map(({ key: _key, ...m }) => ({ ...m, name: m.name.trim(), idNumber: m.idNumber.trim().toUpperCase(), relation: m.relation.trim() })),
})

/** The same checks and words as the server, so most mistakes show before anything is sent. */
function check(d: Draft): Record<string, string> {
  const e: Record<string, string> = {}
  if (!d.district) e.district = '请选择所在区'
  if (!d.street) e.street = '请选择所在街道'
  if (!d.address.trim()) e.address = '请填写家庭住址'
  if (!d.members.length) e.members = '至少填写一位家庭成员'
  const seen = new Map<string, number>()
  d.members.forEach((m, i) => {
    if (!m.name.trim()) e[`members.${i}.name`] = '请填写成员姓名'
    const id = m.idNumber.trim().toUpperCase()
    if (!id) e[`members.${i}.idNumber`] = '请填写证件号码'
    else if (seen.has(`${m.idType}:${id}`)) e[`members.${i}.idNumber`] = `和第 ${seen.get(`${m.idType}:${id}`)! + 1} 位成员的证件号码相同`
    else seen.set(`${m.idType}:${id}`, i)
    if (!m.relation.trim()) e[`members.${i}.relation`] = '请选择与户主关系'
  })
  return e
}

/** Short choices side by side, wrapping (an ID type or a relation): a member row stays short. */
function Chips({ idPrefix, options, value, onChange }: { idPrefix: string; options: { value: string; label: string }[]; value: string; onChange: (v: string) => void }) {
  return (
    <View className='hh-chips' id={idPrefix}>
      {options.map((o) => {
        const on = o.value === value
        return (
          <View key={o.value} id={`${idPrefix}-${o.value}`} className={`hh-chip ${on ? 'hh-chip--on' : ''}`} onClick={() => onChange(o.value)} ariaRole='radio' ariaLabel={`${o.label}${on ? '，已选' : ''}`}>
            <Text className='txt-md'>{o.label}</Text>
          </View>
        )
      })}
    </View>
  )
}

function Toggle({ id, label, on, onChange }: { id: string; label: string; on: boolean; onChange: (v: boolean) => void }) {
  return (
    <View id={id} className='hh-switch' onClick={() => onChange(!on)} ariaRole='switch' ariaLabel={`${label}：${on ? '是' : '否'}`}>
      <Text className='hh-switch__label txt-md'>{label}</Text>
      <View className='hh-toggle'>
        <Text className='hh-toggle__text txt-md'>{on ? '是' : '否'}</Text>
        <View className={`hh-toggle__track ${on ? 'hh-toggle__track--on' : ''}`}>
          <View className='hh-toggle__knob' />
        </View>
      </View>
    </View>
  )
}

/** The household as kept: status, days at zero or how it was cleared, and the members (masked). */
function Detail({ h, onEdit }: { h: HouseholdView; onEdit: () => void }) {
  const clearer = h.clearedBy ? h.members.find((m) => m.id === h.clearedBy!.memberId) : undefined
  return (
    <View>
      <View className={`card hh-item hh-item--${h.status}`} id='hh-detail'>
        <View className='hh-head'>
          <Text className='hh-head__title txt-lg'>
            {h.districtName} · {h.street}
          </Text>
          <Text className={`hh-badge hh-badge--${h.status} txt-sm`} id='hh-detail-status'>
            {STATUS_LABELS[h.status]}
          </Text>
        </View>
        {h.status === 'open' ? (
          <View id='hh-detail-zero'>
            <Text className='hh-days txt-xl'>已归零 {h.daysAtZero ?? 0} 天</Text>
            <Text className='block muted txt-md'>{h.zeroSince} 起家庭成员都未就业，认定为零就业家庭。请在一个月内安排帮扶，帮助至少一人就业。</Text>
          </View>
        ) : null}
        {h.status === 'cleared' ? (
          <View id='hh-detail-cleared'>
            <Text className='hh-cleared txt-lg'>已清零{h.clearedAt ? ` · ${chinaDate(h.clearedAt)}` : ''}</Text>
            <Text className='block txt-md'>
              {h.clearedAfterDays !== null ? `归零 ${h.clearedAfterDays} 天后清零；` : ''}
              {h.clearedBy?.employmentId ? `${clearer ? `${clearer.relation} ${clearer.nameMasked} ` : '家庭成员'}办理了就业登记。` : '经办人员修改为有成员就业。'}
            </Text>
          </View>
        ) : null}
        {h.status === 'employed' ? <Text className='block muted txt-md'>登记时已有家庭成员就业，不是零就业家庭。</Text> : null}
        <Kv prefix='hh-kv' k='所在区' v={h.districtName} />
        <Kv prefix='hh-kv' k='所在街道' v={h.street} />
        <Kv prefix='hh-kv' k='家庭住址' v={h.addressMasked} id='hh-detail-address' />
      </View>

      <View className='card' id='hh-members'>
        <Text className='hh-title txt-lg'>家庭成员 {h.members.length} 人</Text>
        {h.members.map((m, i) => (
          <View key={m.id} className='hh-member' id={`hh-member-${i}`}>
            <View className='hh-member__head'>
              <Text className='hh-member__name txt-lg'>
                {m.nameMasked}（{m.relation}）
              </Text>
              {h.clearedBy?.memberId === m.id ? <Text className='hh-badge hh-badge--cleared txt-sm'>就业清零</Text> : null}
            </View>
            <Text className='block muted txt-md'>证件号码 {m.idNumberMasked}</Text>
            <View className='hh-tags'>
              <Text className={`hh-tag txt-sm ${m.ableToWork ? 'hh-tag--on' : ''}`}>{m.ableToWork ? '有劳动能力' : '无劳动能力'}</Text>
              <Text className={`hh-tag txt-sm ${m.wantsWork ? 'hh-tag--on' : ''}`}>{m.wantsWork ? '有就业意愿' : '无就业意愿'}</Text>
              <Text className={`hh-tag txt-sm ${m.employed ? 'hh-tag--work' : ''}`}>{m.employed ? '已就业' : '未就业'}</Text>
            </View>
          </View>
        ))}
      </View>
      <Button id='hh-edit' className='btn btn-outline' onClick={onEdit}>
        修改家庭信息
      </Button>
      <Button id='hh-back' className='btn btn-plain' onClick={() => (Taro.getCurrentPages().length > 1 ? Taro.navigateBack() : Taro.redirectTo({ url: HH_PAGES.list })).catch(() => undefined)}>
        返回家庭列表
      </Button>
    </View>
  )
}

/** 登记家庭 / 修改家庭 (staff): where the household lives and each member; with `id`, the household's detail first. */
export default function HouseholdEdit() {
  const { loggedIn, user } = useSession()
  const isStaff = !!user?.roles.includes('staff')
  const routeId = useRouter().params.id ?? ''
  const [id, setId] = useState(routeId)
  const [household, setHousehold] = useState<HouseholdView | null>(null)
  const [loadError, setLoadError] = useState('')
  const [draft, setDraft] = useState<Draft | null>(id ? null : { district: '', street: '', address: '', members: [newMember('户主')] })
  const [regions, setRegions] = useState<RegionList | null>(null)
  const [regionsFailed, setRegionsFailed] = useState(false)
  /** The center's districts; null: every district (a city-level account, or the center could not be read); undefined: loading. */
  const [centerDistricts, setCenterDistricts] = useState<string[] | null | undefined>(undefined)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState('')
  const [busy, setBusy] = useState(false)

  const load = async () => {
    try {
      setHousehold((await householdApi.detail(id, { silent: true })).household)
      setLoadError('')
    } catch (e) {
      setLoadError(messageOf(e))
    }
  }
  const loadRegions = () => {
    setRegionsFailed(false)
    householdApi.regions({ silent: true }).then(setRegions).catch(() => setRegionsFailed(true))
    householdApi.center({ silent: true }).then((c) => setCenterDistricts(c ? c.districts.map((d) => d.code) : null)).catch(() => setCenterDistricts(null))
  }
  useDidShow(() => {
    if (isStaff && id && !draft) void load()
  })
  const editing = !!draft
  useEffect(() => {
    if (isStaff && editing && !regions) loadRegions()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the lists load once, when the form first shows
  }, [isStaff, editing])
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: draft ? (id ? '修改家庭' : '登记家庭') : '家庭详情' }).catch(() => undefined)
  }, [draft, id])

  if (!loggedIn || !isStaff) return <StaffOnly loggedIn={loggedIn} />
  const top = () => Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)

  if (!draft) {
    return (
      <PageShell>
        {loadError ? (
          <View className='notice' id='hh-load-error'>
            <Text className='block txt-md'>{loadError}</Text>
            <Button className='btn btn-outline' id='hh-retry' onClick={() => void load()}>
              重新加载
            </Button>
          </View>
        ) : null}
        {!household && !loadError ? <Text className='block muted txt-md'>加载中…</Text> : null}
        {household ? (
          <Detail
            h={household}
            onEdit={() => {
              setDraft(draftOf(household))
              setErrors({})
              setGeneral('')
              top()
            }}
          />
        ) : null}
      </PageShell>
    )
  }

  const d = draft
  const clear = (keys: string[]) =>
    setErrors((e) => {
      const n = { ...e }
      for (const k of keys) delete n[k]
      return n
    })
  const set = (p: Partial<Draft>) => {
    setDraft({ ...d, ...p })
    clear(Object.keys(p))
  }
  const setMember = (i: number, p: Partial<MemberInput>) => {
    setDraft({ ...d, members: d.members.map((m, j) => (j === i ? { ...m, ...p } : m)) })
    clear([...Object.keys(p).map((k) => `members.${i}.${k}`), 'members'])
  }
  // Errors are keyed by row position: after a removal the rows below move up, so their messages are dropped.
  const removeMember = (i: number) => {
    setDraft({ ...d, members: d.members.filter((_, j) => j !== i) })
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('members.'))))
  }

  const submit = async () => {
    if (busy) return
    setGeneral('')
    const local = check(d)
    setErrors(local)
    if (Object.keys(local).length) {
      void Taro.showToast({ title: `还有 ${Object.keys(local).length} 项没填好，请按红字修改`, icon: 'none', duration: 2500 })
      return
    }
    setBusy(true)
    try {
      const res = id ? await householdApi.update(id, bodyOf(d), { silent: true }) : await householdApi.create(bodyOf(d), { silent: true })
      setId(res.household.id)
      setHousehold(res.household)
      setDraft(null)
      setErrors({})
      top()
      void Taro.showToast({ title: id ? '已保存' : '已登记', icon: 'success' })
    } catch (e) {
      const fe = fieldErrors(e, (f) => f)
      setErrors(fe)
      // The whole message too when no field shows it (another household, a change made meanwhile, the network).
      if (!(e instanceof ApiError) || !Object.keys(fe).length || e.status === 409) {
        setGeneral(messageOf(e))
        top()
      } else {
        // Not the server's message: a validation answer starts with the field's path (members.0.name).
        void Taro.showToast({ title: `有 ${Object.keys(fe).length} 项需要修改，请按红字修改`, icon: 'none', duration: 2500 })
      }
    } finally {
      setBusy(false)
    }
  }

  const allowed = (regions?.districts ?? []).filter((x) => !centerDistricts || centerDistricts.includes(x.code))
  const district = regions?.districts.find((x) => x.code === d.district)
  const employed = d.members.filter((m) => m.employed).length

  return (
    <PageShell>
      <View className='hero' id='hh-form'>
        <Text className='hero__title txt-xl'>{id ? '修改家庭' : '登记家庭'}</Text>
        <Text className='hero__sub txt-md'>{id ? '保存后按成员是否就业重新认定：都未就业即为零就业家庭' : '家庭成员都未就业的，登记后即认定为零就业家庭'}</Text>
      </View>
      {general ? (
        <Text className='hh-general txt-md' id='hh-general'>
          {general}
        </Text>
      ) : null}
      {id ? <Text className='hh-hint txt-md'>为保护个人信息，详情里只显示脱敏内容：请照证件原件重新填写家庭住址和每位成员的姓名、证件号码。</Text> : null}

      <View className='card'>
        <Text className='hh-title txt-lg'>家庭住址</Text>
        <View className='field'>
          <Text className='field__label txt-lg'>所在区</Text>
          {(!regions && !regionsFailed) || (regions && centerDistricts === undefined) ? <Text className='block muted txt-md'>加载中…</Text> : null}
          {regions && centerDistricts !== undefined ? (
            <ChoiceSingle idPrefix='hh-district' columns={2} options={allowed.map((x) => ({ value: x.code, label: x.name }))} value={d.district} onChange={(v) => set({ district: v, street: '' })} />
          ) : null}
          {regionsFailed ? (
            <Button className='btn btn-outline' id='hh-regions-retry' onClick={loadRegions}>
              区县列表没加载出来，点这里重试
            </Button>
          ) : null}
          <FieldError id='hh-district-error' msg={errors.district} />
        </View>
        <View className='field'>
          <Text className='field__label txt-lg'>所在街道</Text>
          {district ? (
            <ChoiceSingle idPrefix='hh-street' columns={2} options={district.streets.map((x) => ({ value: x, label: x }))} value={d.street} onChange={(v) => set({ street: v })} />
          ) : (
            <Text className='block muted txt-md'>先选所在区</Text>
          )}
          <FieldError id='hh-street-error' msg={errors.street} />
        </View>
        <TextField id='hh-address' label='详细地址' maxlength={80} value={d.address} onInput={(v) => set({ address: v })} error={errors.address} placeholder='小区、楼号、单元、门牌号' />
      </View>

      <View className='card' id='hh-form-members'>
        <Text className='hh-title txt-lg'>家庭成员 {d.members.length} 人</Text>
        <Text className='block muted txt-sm' style={{ marginBottom: Taro.pxTransform(16) }}>
          法定劳动年龄内的家庭成员都要填写；就业登记时按证件号码自动关联到这户家庭。
        </Text>
        {d.members.map((m, i) => {
          const relations = RELATIONS.includes(m.relation) || !m.relation ? RELATIONS : [...RELATIONS, m.relation]
          return (
            <View key={m.key} className='hh-form-member' id={`hh-m${i}`}>
              <View className='hh-form-member__head'>
                <Text className='txt-lg' style={{ fontWeight: 700 }}>
                  第 {i + 1} 位成员
                </Text>
                {d.members.length > 1 ? (
                  <Text className='hh-remove txt-md' id={`hh-m${i}-remove`} onClick={() => removeMember(i)}>
                    删除这位
                  </Text>
                ) : null}
              </View>
              <TextField id={`hh-m${i}-name`} label='姓名' maxlength={30} value={m.name} onInput={(v) => setMember(i, { name: v })} error={errors[`members.${i}.name`]} placeholder='和证件上一致' />
              <View className='field'>
                <Text className='field__label txt-lg'>证件类型</Text>
                <Chips idPrefix={`hh-m${i}-idtype`} options={ID_TYPES} value={m.idType} onChange={(v) => setMember(i, { idType: v })} />
                <FieldError id={`hh-m${i}-idtype-error`} msg={errors[`members.${i}.idType`]} />
              </View>
              <TextField id={`hh-m${i}-idnumber`} label='证件号码' type='idcard' maxlength={20} value={m.idNumber} onInput={(v) => setMember(i, { idNumber: v })} error={errors[`members.${i}.idNumber`]} placeholder='照证件原件输入' />
              <View className='field'>
                <Text className='field__label txt-lg'>与户主关系</Text>
                <Chips idPrefix={`hh-m${i}-relation`} options={relations.map((r) => ({ value: r, label: r }))} value={m.relation} onChange={(v) => setMember(i, { relation: v })} />
                <FieldError id={`hh-m${i}-relation-error`} msg={errors[`members.${i}.relation`]} />
              </View>
              <Toggle id={`hh-m${i}-able`} label='有劳动能力' on={m.ableToWork} onChange={(v) => setMember(i, { ableToWork: v })} />
              <Toggle id={`hh-m${i}-wants`} label='有就业意愿' on={m.wantsWork} onChange={(v) => setMember(i, { wantsWork: v })} />
              <Toggle id={`hh-m${i}-employed`} label='已就业' on={m.employed} onChange={(v) => setMember(i, { employed: v })} />
              <FieldError id={`hh-m${i}-error`} msg={['ableToWork', 'wantsWork', 'employed'].map((k) => errors[`members.${i}.${k}`]).find(Boolean)} />
            </View>
          )
        })}
        <FieldError id='hh-members-error' msg={errors.members} />
        {d.members.length < MAX_MEMBERS ? (
          <Button id='hh-add-member' className='btn btn-outline' onClick={() => set({ members: [...d.members, newMember()] })}>
            ＋ 添加一位成员
          </Button>
        ) : (
          <Text className='block muted txt-md'>家庭成员最多 {MAX_MEMBERS} 位</Text>
        )}
      </View>

      <Text className='block txt-md' id='hh-form-summary' style={{ margin: `${Taro.pxTransform(8)} 0 ${Taro.pxTransform(16)}`, fontWeight: 700, color: employed ? '#0e7a3e' : '#b42318' }}>
        {employed ? `有 ${employed} 位成员已就业：不是零就业家庭` : '成员都未就业：保存后认定为零就业家庭'}
      </Text>
      <Button id='hh-submit' className='btn btn-primary' loading={busy || undefined} onClick={() => void submit()}>
        {id ? '保存修改' : '登记这户家庭'}
      </Button>
      <Button
        id='hh-cancel'
        className='btn btn-plain'
        onClick={() => {
          if (id && household) {
            setDraft(null)
            top()
          } else Taro.navigateBack().catch(() => Taro.redirectTo({ url: HH_PAGES.list }).catch(() => undefined))
        }}
      >
        {id ? '不改了，返回详情' : '取消'}
      </Button>
    </PageShell>
  )
}
