import { Button, Text, View } from '@tarojs/components'
import { callHotline } from '../services/phone'

interface Props {
  title: string
  desc: string
}

/** Honest placeholder for services that are not built yet (no fake data). */
export default function ComingSoon({ title, desc }: Props) {
  return (
    <View className='card coming'>
      <Text className='coming__badge txt-sm'>建设中</Text>
      <Text className='coming__title txt-xl'>{title}</Text>
      <Text className='coming__desc txt-md'>{desc}</Text>
      <Text className='coming__desc txt-md'>现在需要办理，可以拨打人社服务热线 12333，或到社区（村）服务站咨询。</Text>
      <Button className='btn btn-outline' onClick={callHotline}>
        拨打 12333
      </Button>
    </View>
  )
}
