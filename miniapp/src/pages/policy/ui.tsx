// Small UI pieces shared by the 政策 pages (worker pages and the staff subpackage).
import type { ReactNode } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PolicyHighlighted } from '@doorstep/shared'
import { callHotline } from '../../services/phone'
import { AUDIENCE_TEXT, STATUS_TEXT } from './api'
import { highlightSegments } from './logic'
import './policy.css'
import SharedKv from '../../components/Kv'
import { inputId } from '../../components/Field'

/** Taro H5 renders <Input>/<Textarea> as a custom element wrapping the real control: put the id on the real one. */
export { inputId }

/** Text with the search matches marked: plain <Text> spans, never HTML. */
export function Hl({ hl, className, id }: { hl: PolicyHighlighted | null | undefined; className?: string; id?: string }) {
  return (
    <Text className={className} id={id}>
      {highlightSegments(hl).map((s, i) =>
        s.hit ? (
          <Text key={i} className='pol-hit'>
            {s.text}
          </Text>
        ) : (
          <Text key={i}>{s.text}</Text>
        ),
      )}
    </Text>
  )
}

export function Chip({ id, on, hot, onClick, children }: { id?: string; on?: boolean; hot?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <View id={id} className={`pol-chip ${on ? 'pol-chip--on' : ''} ${hot ? 'pol-chip--hot' : ''}`} onClick={onClick} ariaRole='button' ariaLabel={typeof children === 'string' ? `${children}${on ? '，已选' : ''}` : undefined}>
      <Text className='txt-md'>{children}</Text>
    </View>
  )
}

/** Category, 个人/单位 and "sample data" tags of a policy. */
export function PolicyTags({ category, audience, sample }: { category: string; audience: string; sample?: boolean }) {
  return (
    <View className='pol-tags'>
      <Text className='pol-tag txt-sm'>{category}</Text>
      <Text className={`pol-tag txt-sm ${audience === 'employer' ? 'pol-tag--emp' : ''}`}>{AUDIENCE_TEXT[audience] ?? audience}</Text>
      {sample ? <Text className='pol-tag pol-tag--sample txt-sm'>示例数据</Text> : null}
    </View>
  )
}

export function Badge({ status, id }: { status: string; id?: string }) {
  return (
    <Text id={id} className={`pol-badge pol-badge--${status} txt-md`}>
      {STATUS_TEXT[status] ?? status}
    </Text>
  )
}

/** A list with a mark before each line (✓ for matched conditions, numbers for steps). */
export function Bullets({ items, mark = '•', tone, id }: { items: string[]; mark?: string | ((i: number) => string); tone?: 'ok' | 'miss'; id?: string }) {
  return (
    <View id={id}>
      {items.map((t, i) => (
        <View key={`${i}-${t}`} className='pol-li'>
          <Text className={`pol-li__mark ${tone ? `pol-li__mark--${tone}` : ''} txt-md`}>{typeof mark === 'function' ? mark(i) : mark}</Text>
          <Text className='pol-li__text txt-md'>{t}</Text>
        </View>
      ))}
    </View>
  )
}

/** A key–value row of this feature (layout in its CSS). */
export const Kv = (p: { k: string; v: ReactNode; id?: string }) => <SharedKv {...p} prefix='pol-kv' />

/** 12333 人社服务热线, tap to call. */
export function Hotline({ id = 'pol-hotline' }: { id?: string }) {
  return (
    <View className='card pol-hotline' id={id}>
      <Text className='block txt-lg' style={{ fontWeight: 700 }}>
        看不明白？打电话问
      </Text>
      <Text className='block muted txt-md'>人社服务热线，可以咨询各项就业政策</Text>
      <Button id={`${id}-call`} className='btn btn-outline' onClick={callHotline}>
        拨打 12333
      </Button>
    </View>
  )
}

export function TextBox({ id, value, onInput, placeholder, maxlength = 200, code }: { id: string; value: string; onInput: (v: string) => void; placeholder?: string; maxlength?: number; code?: boolean }) {
  return (
    <Textarea
      {...inputId(id)}
      className={`pol-textarea ${code ? 'pol-textarea--code' : 'txt-md'}`}
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      autoHeight={!code}
      onInput={(e) => onInput(e.detail.value)}
    />
  )
}

export function FieldError({ id, msg }: { id: string; msg?: string | null }) {
  return msg ? (
    <Text className='field__error txt-md' id={id}>
      {msg}
    </Text>
  ) : null
}

export { confirm } from '../../services/dialog'

/** A message box with one button. */
export async function tell(title: string, content: string): Promise<void> {
  try {
    await Taro.showModal({ title, content, showCancel: false, confirmText: '知道了' })
  } catch {
    /* closed */
  }
}

/** Back to the previous page, or to `fallback` when this page was opened directly (from a notice). */
export function backOr(fallback: string, tab = false) {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack().catch(() => undefined)
  else if (tab) Taro.switchTab({ url: fallback }).catch(() => undefined)
  else Taro.redirectTo({ url: fallback }).catch(() => undefined)
}
