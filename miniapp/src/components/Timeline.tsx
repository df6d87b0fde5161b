import { Text, View } from '@tarojs/components'
import '../pages/registration/registration.css'

export interface TimelineItem {
  at: string
  label: string
  reason?: string | null
}

/** ISO time → China time 'YYYY-MM-DD HH:mm' (the service runs on Beijing time whatever the phone says). */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const d = new Date(t + 8 * 3600_000).toISOString()
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`
}

interface Props {
  id?: string
  items: TimelineItem[]
}

/** Vertical list of steps, newest last; the last step is highlighted. */
export default function Timeline({ id, items }: Props) {
  if (!items.length) return null
  return (
    <View id={id} className='timeline'>
      {items.map((it, i) => {
        const last = i === items.length - 1
        return (
          <View key={`${it.at}-${i}`} className={`timeline__item ${last ? 'timeline__item--last' : ''}`}>
            <View className='timeline__dot' />
            <View className='timeline__body'>
              <Text className='block timeline__label txt-lg'>{it.label}</Text>
              <Text className='block muted txt-sm'>{chinaTime(it.at)}</Text>
              {it.reason ? <Text className='block timeline__reason txt-md'>原因：{it.reason}</Text> : null}
            </View>
          </View>
        )
      })}
    </View>
  )
}
