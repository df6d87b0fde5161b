import { Text, View } from '@tarojs/components'
import '../pages/registration/registration.css'

interface Option<K extends string> {
  value: K
  label: string
}

interface SingleProps<K extends string> {
  idPrefix: string
  options: Option<K>[]
  value: K | undefined
  onChange: (v: K) => void
  columns?: 1 | 2
}

/** Big option buttons (one tap, all choices visible): easier than a scroll wheel for older users. */
export function ChoiceSingle<K extends string>({ idPrefix, options, value, onChange, columns = 1 }: SingleProps<K>) {
  return (
    <View className={`choices choices--${columns}`} id={idPrefix}>
      {options.map((o) => {
        const on = o.value === value
        return (
          <View key={o.value} id={`${idPrefix}-${o.value}`} className={`choice ${on ? 'choice--on' : ''}`} onClick={() => onChange(o.value)} ariaRole='radio' ariaLabel={`${o.label}${on ? '，已选' : ''}`}>
            <Text className='choice__mark txt-md'>{on ? '●' : '○'}</Text>
            <Text className='choice__label txt-md'>{o.label}</Text>
          </View>
        )
      })}
    </View>
  )
}

interface MultiProps<K extends string> {
  idPrefix: string
  options: Option<K>[]
  value: K[] | undefined
  onChange: (v: K[]) => void
  max?: number
  columns?: 1 | 2
}

export function ChoiceMulti<K extends string>({ idPrefix, options, value = [], onChange, max, columns = 1 }: MultiProps<K>) {
  const toggle = (k: K) => {
    if (value.includes(k)) onChange(value.filter((v) => v !== k))
    else if (!max || value.length < max) onChange([...value, k])
  }
  return (
    <View className={`choices choices--${columns}`} id={idPrefix}>
      {options.map((o) => {
        const on = value.includes(o.value)
        return (
          <View key={o.value} id={`${idPrefix}-${o.value}`} className={`choice ${on ? 'choice--on' : ''}`} onClick={() => toggle(o.value)} ariaRole='checkbox' ariaLabel={`${o.label}${on ? '，已选' : ''}`}>
            <Text className='choice__mark txt-md'>{on ? '☑' : '☐'}</Text>
            <Text className='choice__label txt-md'>{o.label}</Text>
          </View>
        )
      })}
    </View>
  )
}

interface YesNoProps {
  idPrefix: string
  value: boolean | undefined
  onChange: (v: boolean) => void
  yes?: string
  no?: string
}

/** 是 / 否 side by side. */
export function YesNo({ idPrefix, value, onChange, yes = '是', no = '否' }: YesNoProps) {
  return (
    <View className='choices choices--2' id={idPrefix}>
      <View id={`${idPrefix}-yes`} className={`choice ${value === true ? 'choice--on' : ''}`} onClick={() => onChange(true)} ariaRole='radio' ariaLabel={`${yes}${value === true ? '，已选' : ''}`}>
        <Text className='choice__mark txt-md'>{value === true ? '●' : '○'}</Text>
        <Text className='choice__label txt-md'>{yes}</Text>
      </View>
      <View id={`${idPrefix}-no`} className={`choice ${value === false ? 'choice--on' : ''}`} onClick={() => onChange(false)} ariaRole='radio' ariaLabel={`${no}${value === false ? '，已选' : ''}`}>
        <Text className='choice__mark txt-md'>{value === false ? '●' : '○'}</Text>
        <Text className='choice__label txt-md'>{no}</Text>
      </View>
    </View>
  )
}
