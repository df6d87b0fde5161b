import { Text, View } from '@tarojs/components'
import PageShell from '../../components/PageShell'

const SECTIONS: { h: string; p: string[] }[] = [
  {
    h: '我们收集哪些信息',
    p: [
      '手机号：用于登录和联系你。页面上只显示打码后的号码（如 138****5678）。',
      '微信身份标识：在微信小程序里用微信登录时使用。',
      '位置：只在你查找附近的零工岗位和服务站时使用，需要你同意后才会获取。',
    ],
  },
  {
    h: '我们怎么用这些信息',
    p: ['只用于就业服务：登录、找活、招人、政策查询和经办业务。', '不会出售你的个人信息，也不会用于与就业服务无关的用途。'],
  },
  {
    h: '你的权利',
    p: ['你可以随时在“我的”里退出登录。', '如需查询、更正或删除你的信息，请拨打 12333 或到社区（村）服务站办理。'],
  },
]

export default function Privacy() {
  return (
    <PageShell privacyDialog={false}>
      <View className='card'>
        <Text className='block txt-xl'>隐私政策（摘要）</Text>
        {SECTIONS.map((s) => (
          <View key={s.h}>
            <Text className='doc__h txt-lg'>{s.h}</Text>
            {s.p.map((t) => (
              <Text key={t} className='doc__p txt-md'>
                {t}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </PageShell>
  )
}
