import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

/** Light charts from plain Views: bar widths and point positions are CSS, so nothing is added to the package but this file. */

export interface BarDatum {
  key: string
  label: string
  value: number
  /** Shown instead of the number, e.g. "3 / 10". */
  text?: string
  tone?: 'blue' | 'green' | 'red' | 'orange' | 'gray'
}

export function BarList({ id, items, max }: { id?: string; items: BarDatum[]; max?: number }) {
  const top = Math.max(max ?? 0, ...items.map((i) => i.value), 1)
  return (
    <View id={id}>
      {items.map((i) => (
        <View key={i.key} className='bar-row' id={id ? `${id}-${i.key}` : undefined}>
          <Text className='bar-row__label txt-sm'>{i.label}</Text>
          <View className='bar-row__track'>
            <View className={`bar-row__fill ${i.tone && i.tone !== 'blue' ? `bar-row__fill--${i.tone}` : ''}`} style={{ width: `${i.value > 0 ? Math.max(2, (i.value / top) * 100) : 0}%` }} />
          </View>
          <Text className='bar-row__num txt-md' data-value={i.value}>
            {i.text ?? i.value}
          </Text>
        </View>
      ))}
    </View>
  )
}

export interface Series {
  key: string
  label: string
  /** CSS class giving the colour (c-blue, c-green). */
  color: string
  values: number[]
}

const W = 540
const H = 200
const px = (n: number) => Taro.pxTransform(n)

/** A line per series over the months: dots at CSS positions, segments as rotated thin Views; the numbers in rows under the months. */
export function TrendLine({ id, labels, series }: { id?: string; labels: string[]; series: Series[] }) {
  const n = labels.length
  const top = Math.max(1, ...series.flatMap((s) => s.values))
  const x = (i: number) => (n > 1 ? (W * i) / (n - 1) : W / 2)
  const y = (v: number) => (H * v) / top
  return (
    <View id={id}>
      <View className='trend' style={{ width: px(W), height: px(H), marginLeft: 'auto', marginRight: 'auto' }}>
        {series.map((s) => (
          <View key={s.key}>
            {s.values.slice(1).map((v, i) => {
              const dx = x(i + 1) - x(i)
              const dy = y(v) - y(s.values[i]!)
              return (
                <View
                  key={`seg-${i}`}
                  className={`trend__seg ${s.color}`}
                  style={{ left: px(x(i)), bottom: px(y(s.values[i]!)), width: px(Math.hypot(dx, dy)), transform: `rotate(${-Math.atan2(dy, dx)}rad)` }}
                />
              )
            })}
            {s.values.map((v, i) => (
              <View key={`dot-${i}`} className={`trend__dot ${s.color}`} style={{ left: px(x(i)), bottom: px(y(v)) }} />
            ))}
          </View>
        ))}
      </View>
      <View className='trend__axis' style={{ width: px(W + 80), marginLeft: 'auto', marginRight: 'auto' }}>
        {labels.map((l) => (
          <Text key={l} className='trend__cell txt-sm' style={{ width: px(80) }}>
            {l}
          </Text>
        ))}
      </View>
      {series.map((s) => (
        <View key={s.key} className='trend__axis' id={id ? `${id}-${s.key}` : undefined} style={{ width: px(W + 80), marginLeft: 'auto', marginRight: 'auto' }}>
          {s.values.map((v, i) => (
            <Text key={i} className={`trend__cell trend__num txt-md t-${s.color}`} style={{ width: px(80) }}>
              {v}
            </Text>
          ))}
        </View>
      ))}
      <View className='trend__legend'>
        {series.map((s) => (
          <View key={s.key} className='trend__key'>
            <View className={`trend__swatch ${s.color}`} />
            <Text className='txt-sm'>{s.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
