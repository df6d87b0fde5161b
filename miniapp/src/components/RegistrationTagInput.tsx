import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import '../pages/registration/registration.css'
import { inputId } from './Field'


interface Props {
  id: string
  value: string[] | undefined
  onChange: (v: string[]) => void
  placeholder: string
  max: number
  maxLength: number
}

/** Type a word, tap 添加; tap ✕ on a tag to remove it. */
export default function RegistrationTagInput({ id, value = [], onChange, placeholder, max, maxLength }: Props) {
  const [text, setText] = useState('')
  const add = () => {
    const t = text.trim()
    if (!t || value.includes(t) || value.length >= max) return
    onChange([...value, t])
    setText('')
  }
  return (
    <View>
      <View className='field__row'>
        <Input
          {...inputId(id)}
          className='input'
          value={text}
          maxlength={maxLength}
          placeholder={value.length >= max ? `最多 ${max} 项` : placeholder}
          confirmType='done'
          onInput={(e) => setText(e.detail.value)}
          onConfirm={add}
        />
        <View id={`${id}-add`} className='tag-add txt-md' onClick={add}>
          添加
        </View>
      </View>
      {value.length ? (
        <View className='tags' id={`${id}-tags`}>
          {value.map((t) => (
            <View key={t} className='tag' onClick={() => onChange(value.filter((v) => v !== t))}>
              <Text className='txt-md'>{t}</Text>
              <Text className='tag__x txt-md'> ✕</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
