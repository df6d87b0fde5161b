import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

/**
 * One key–value row (label left, value right). `prefix` names the feature's CSS block (`<prefix>`,
 * `<prefix>__k`, `<prefix>__v`), so each feature keeps its own layout; `selectable` lets staff copy the value.
 */
export default function Kv({ k, v, id, prefix = 'kv', selectable = false }: { k: string; v: ReactNode; id?: string; prefix?: string; selectable?: boolean }) {
  return (
    <View className={prefix}>
      <Text className={`${prefix}__k txt-md`}>{k}</Text>
      <Text className={`${prefix}__v txt-md`} id={id} userSelect={selectable}>
        {v}
      </Text>
    </View>
  )
}
