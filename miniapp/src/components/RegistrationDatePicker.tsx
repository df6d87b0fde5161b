import { Picker, Text, View } from '@tarojs/components'
import '../pages/registration/registration.css'

/** Today in China (YYYY-MM-DD). */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
}

interface Props {
  id: string
  value: string | undefined
  onChange: (v: string) => void
  start?: string
  end?: string
  placeholder?: string
}

/** Native date wheel (weapp) / Taro's picker sheet (H5), shown as a big tappable box. */
export default function RegistrationDatePicker({ id, value, onChange, start = '1950-01-01', end = chinaToday(), placeholder = '点这里选择日期' }: Props) {
  return (
    <Picker id={id} mode='date' value={value || end} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='input picker-box'>
        <Text className={`txt-md ${value ? '' : 'muted'}`}>{value || placeholder}</Text>
        <Text className='picker-box__arrow txt-md'>▼</Text>
      </View>
    </Picker>
  )
}
