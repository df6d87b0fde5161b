import { Text, View } from '@tarojs/components'

interface Props {
  id?: string
  title: string
  desc: string
  /** Short badge text, e.g. 即时快招. */
  tag?: string
  tone?: 'blue' | 'green' | 'orange' | 'purple'
  onClick: () => void
}

/** Big tappable entry (whole card is the touch target). */
export default function ServiceCard({ id, title, desc, tag, tone = 'blue', onClick }: Props) {
  return (
    <View id={id} className={`card service-card service-card--${tone}`} hoverClass='card--pressed' onClick={onClick} ariaRole='button' ariaLabel={`${title}：${desc}`}>
      <View className='service-card__main'>
        <View className='service-card__head'>
          <Text className='service-card__title txt-xl'>{title}</Text>
          {tag ? <Text className='service-card__tag txt-sm'>{tag}</Text> : null}
        </View>
        <Text className='service-card__desc txt-md'>{desc}</Text>
      </View>
      <Text className='service-card__arrow txt-xl'>›</Text>
    </View>
  )
}
