// Small UI pieces shared by the 零工 pages (worker pages and the employer subpackage).
import type { ReactNode } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import PageShell from '../../components/PageShell'
import { goLogin } from '../../services/nav'
import type { GigSummary } from './api'
import { payParts, ratingText, seatsText, SETTLEMENT_LABEL, whenText } from './format'
import './gigs.css'
import SharedKv from '../../components/Kv'
import { FieldError, TextField as SharedTextField, type TextFieldProps } from '../../components/Field'

export { FieldError, inputId } from '../../components/Field'

interface ChipProps {
  id?: string
  on?: boolean
  onClick: () => void
  children: ReactNode
}

/** A big one-tap option (filters, choices). */
export function Chip({ id, on, onClick, children }: ChipProps) {
  return (
    <View id={id} className={`chip ${on ? 'chip--on' : ''}`} hoverClass='chip--pressed' onClick={onClick} ariaRole='button' ariaLabel={typeof children === 'string' ? `${children}${on ? '，已选' : ''}` : undefined}>
      <Text className='txt-md'>{children}</Text>
    </View>
  )
}

interface ChoicesProps<K extends string | number> {
  idPrefix: string
  options: { value: K; label: string }[]
  value: K | undefined | null
  onChange: (v: K) => void
}

export function Choices<K extends string | number>({ idPrefix, options, value, onChange }: ChoicesProps<K>) {
  return (
    <View className='chips' id={idPrefix}>
      {options.map((o) => (
        <Chip key={String(o.value)} id={`${idPrefix}-${o.value}`} on={o.value === value} onClick={() => onChange(o.value)}>
          {o.label}
        </Chip>
      ))}
    </View>
  )
}

/** One row of equal segments (radius, sort): every option visible in a single line. */
export function Seg<K extends string | number>({ idPrefix, options, value, onChange }: ChoicesProps<K>) {
  return (
    <View className='seg' id={idPrefix}>
      {options.map((o) => (
        <View key={String(o.value)} id={`${idPrefix}-${o.value}`} className={`seg__item ${o.value === value ? 'seg__item--on' : ''}`} onClick={() => onChange(o.value)} ariaRole='button' ariaLabel={`${o.label}${o.value === value ? '，已选' : ''}`}>
          <Text className='txt-md'>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** Gig marks: 急招 (即时快招), 承诺制 (employer accepted on a written commitment), 适合银龄. */
export function Marks({ g }: { g: Pick<GigSummary, 'urgent' | 'commitment' | 'elderFriendly'> }) {
  if (!g.urgent && !g.commitment && !g.elderFriendly) return null
  return (
    <View className='marks'>
      {g.urgent ? <Text className='mark mark--urgent txt-sm'>急招</Text> : null}
      {g.commitment ? <Text className='mark mark--commit txt-sm'>承诺制</Text> : null}
      {g.elderFriendly ? <Text className='mark mark--elder txt-sm'>适合银龄</Text> : null}
    </View>
  )
}

export function Pay({ amount, unit, big }: { amount: number; unit: GigSummary['payUnit']; big?: boolean }) {
  const p = payParts(amount, unit)
  return (
    <View className='pay'>
      <Text className={`pay__amount ${big ? 'txt-xxl' : 'txt-xl'}`}>{p.amount}</Text>
      <Text className='pay__unit txt-sm'>{p.unit}</Text>
    </View>
  )
}

interface GigCardProps {
  g: GigSummary
  today: string
  onClick: () => void
  /** One-line reason for a recommended gig. */
  reason?: string
  idPrefix?: string
}

/** A recommended gig, compact: title, pay and the one-line reason. */
export function RecCard({ g, onClick }: { g: GigSummary & { reason: string }; onClick: () => void }) {
  return (
    <View className='rec-card' id={`rec-${g.id}`} hoverClass='card--pressed' onClick={onClick}>
      <View className='gig-card__top'>
        <Text className='gig-card__title txt-md'>{g.title}</Text>
        <Pay amount={g.payAmount} unit={g.payUnit} />
      </View>
      <Text className='rec-card__reason txt-sm'>{g.reason}</Text>
    </View>
  )
}

/** One gig in a list: title and pay first, then when, where and how far, then who. */
export function GigCard({ g, today, onClick, reason, idPrefix = 'gig' }: GigCardProps) {
  return (
    <View className='card gig-card' id={`${idPrefix}-${g.id}`} hoverClass='card--pressed' onClick={onClick}>
      <View className='gig-card__top'>
        <Text className='gig-card__title txt-lg'>{g.title}</Text>
        <Pay amount={g.payAmount} unit={g.payUnit} />
      </View>
      <Marks g={g} />
      <Text className='gig-card__line txt-md'>
        {g.category} · {SETTLEMENT_LABEL[g.settlement]} · {seatsText(g)}
      </Text>
      <Text className='gig-card__line txt-md'>{whenText(g, today)}</Text>
      <View className='gig-card__where'>
        <Text className='gig-card__addr txt-md'>{g.address}</Text>
        {g.distanceText ? <Text className='distance txt-md'>{g.distanceText}</Text> : null}
      </View>
      {reason ? <Text className='gig-card__reason txt-md'>{reason}</Text> : null}
      <Text className='gig-card__who txt-sm'>
        {g.employerName} · {ratingText(g.employerRating, '新发布的老板')}
      </Text>
    </View>
  )
}


/** The gig pages' text field: the shared one with this feature's hint style. */
export const TextField = (p: Omit<TextFieldProps, 'hintClass'>) => <SharedTextField hintClass='gig-hint' {...p} />

export function TextArea({ id, label, value, onInput, error, placeholder, maxlength = 200 }: Pick<TextFieldProps, 'id' | 'label' | 'value' | 'onInput' | 'error' | 'placeholder' | 'maxlength'>) {
  return (
    <View className='field'>
      <Text className='field__label txt-lg'>{label}</Text>
      <Textarea
        {...(process.env.TARO_ENV === 'h5' ? { nativeProps: { id } } : { id })}
        className='textarea txt-md'
        value={value ?? ''}
        maxlength={maxlength}
        placeholder={placeholder}
        autoHeight
        onInput={(e) => onInput(e.detail.value)}
      />
      <FieldError id={`${id}-error`} msg={error} />
    </View>
  )
}

/** A labelled on/off switch row (big touch target). */
export function Switch({ id, label, desc, on, onChange }: { id: string; label: string; desc?: string; on: boolean; onChange: (v: boolean) => void }) {
  return (
    <View id={id} className={`switch-row ${on ? 'switch-row--on' : ''}`} onClick={() => onChange(!on)} ariaRole='switch' ariaLabel={`${label}：${on ? '是' : '否'}`}>
      <View className='switch-row__text'>
        <Text className='block txt-lg switch-row__label'>{label}</Text>
        {desc ? <Text className='block muted txt-sm'>{desc}</Text> : null}
      </View>
      <View className='toggle'>
        <Text className='txt-md'>{on ? '是' : '否'}</Text>
        <View className={`toggle__track ${on ? 'toggle__track--on' : ''}`}>
          <View className='toggle__knob' />
        </View>
      </View>
    </View>
  )
}

/** A tick box with its text (commitments). */
export function Check({ id, on, onChange, children }: { id: string; on: boolean; onChange: (v: boolean) => void; children: ReactNode }) {
  return (
    <View id={id} className='gig-check' onClick={() => onChange(!on)} ariaRole='checkbox' ariaLabel={typeof children === 'string' ? `${children}${on ? '，已勾选' : '，未勾选'}` : undefined}>
      <Text className={`gig-check__box txt-md ${on ? 'gig-check__box--on' : ''}`}>{on ? '✓' : ''}</Text>
      <Text className='gig-check__text txt-md'>{children}</Text>
    </View>
  )
}

/** 1-5 stars, each a big tap target. */
export function Stars({ idPrefix, value, onChange }: { idPrefix: string; value: number; onChange: (v: number) => void }) {
  return (
    <View className='stars' id={idPrefix}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text key={n} id={`${idPrefix}-${n}`} className={`star txt-xxl ${n <= value ? 'star--on' : ''}`} onClick={() => onChange(n)}>
          ★
        </Text>
      ))}
    </View>
  )
}

const STATUS_TONE: Record<string, string> = {
  applied: 'wait', accepted: 'ok', checked_in: 'ok', completed: 'done', declined: 'off', cancelled: 'off',
  open: 'ok', review: 'wait', closed: 'off', rejected: 'bad', pending: 'wait', commitment: 'ok', verified: 'ok',
}

export function Badge({ id, status, children }: { id?: string; status: string; children: ReactNode }) {
  return (
    <Text id={id} className={`badge badge--${STATUS_TONE[status] ?? 'wait'} txt-sm`}>
      {children}
    </Text>
  )
}

/** Label : value line. */
/** A key–value row of this feature (layout in its CSS). */
export const Kv = (p: { k: string; v: ReactNode; id?: string }) => <SharedKv {...p} prefix='gkv' />

export function Empty({ id, title, desc, children }: { id?: string; title: string; desc?: string; children?: ReactNode }) {
  return (
    <View className='card empty' id={id}>
      <Text className='block txt-lg empty__title'>{title}</Text>
      {desc ? <Text className='block muted txt-md'>{desc}</Text> : null}
      {children}
    </View>
  )
}

/** A worker page's answer to someone signed out (login button) or acting as an employer/staff (switch hint). */
export function WorkerOnly({ loggedIn, loginTitle, switchTitle }: { loggedIn: boolean; loginTitle: string; switchTitle: string }) {
  return (
    <PageShell>
      {!loggedIn ? (
        <Empty title={loginTitle}>
          <Button className='btn btn-primary' onClick={goLogin}>
            登录 / 注册
          </Button>
        </Empty>
      ) : (
        <Empty title={switchTitle} desc='在首页或“我的”里切换身份' />
      )}
    </PageShell>
  )
}
