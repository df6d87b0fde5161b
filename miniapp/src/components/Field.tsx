import type { ReactNode } from 'react'
import { Input, Text, View } from '@tarojs/components'

/** Props that give a Taro Input its DOM id on H5 (where `id` lands on a wrapper) and its id on weapp. */
export const inputId = (id: string) => (process.env.TARO_ENV === 'h5' ? { nativeProps: { id } } : { id })

/** A field's error under it (`<id>-error`), read out with the field. */
export function FieldError({ id, msg }: { id: string; msg?: string }) {
  return msg ? (
    <Text className='field__error txt-md' id={id}>
      {msg}
    </Text>
  ) : null
}

export interface TextFieldProps {
  id: string
  label: string
  value: string | undefined
  onInput: (v: string) => void
  onBlur?: () => void
  error?: string
  placeholder?: string
  maxlength?: number
  /** `idcard` is the weapp ID-number keyboard; H5 gets a text input. */
  type?: 'text' | 'number' | 'idcard' | 'digit'
  hint?: ReactNode
  /** CSS class of the hint line (features style it their own way). */
  hintClass?: string
  /** Shown after the input on the same row (a unit, a button). */
  suffix?: ReactNode
  disabled?: boolean
}

/** A labelled one-line input with an optional hint, suffix and error. */
export function TextField({ id, label, value, onInput, onBlur, error, placeholder, maxlength = 60, type = 'text', hint, hintClass = 'hint', suffix, disabled }: TextFieldProps) {
  return (
    <View className='field'>
      <Text className='field__label txt-lg'>{label}</Text>
      {hint ? <Text className={`${hintClass} txt-sm`}>{hint}</Text> : null}
      <View className='field__row'>
        <Input
          {...inputId(id)}
          className='input'
          type={type === 'idcard' && process.env.TARO_ENV !== 'weapp' ? 'text' : type}
          value={value ?? ''}
          maxlength={maxlength}
          placeholder={placeholder}
          disabled={disabled || undefined}
          onInput={(e) => onInput(e.detail.value)}
          onBlur={onBlur}
        />
        {suffix}
      </View>
      <FieldError id={`${id}-error`} msg={error} />
    </View>
  )
}
