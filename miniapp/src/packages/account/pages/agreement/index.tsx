import { Text, View } from '@tarojs/components'
import { USER_AGREEMENT } from '@doorstep/shared/src/data/privacy'
import PageShell from '../../../../components/PageShell'
import { goPage, PAGES } from '../../../../services/nav'

export default function Agreement() {
  return (
    <PageShell privacyDialog={false}>
      <View className='card' id='user-agreement'>
        <Text className='block txt-xl'>{USER_AGREEMENT.title}</Text>
        <Text className='block muted txt-sm'>版本 {USER_AGREEMENT.version}</Text>
        {USER_AGREEMENT.sections.map((s) => (
          <View key={s.h}>
            <Text className='doc__h txt-lg'>{s.h}</Text>
            {s.p.map((t) => (
              <Text key={t} className='doc__p txt-md'>{t}</Text>
            ))}
          </View>
        ))}
        <Text className='privacy-link txt-md' onClick={() => goPage(PAGES.privacy)}>
          查看《隐私政策》
        </Text>
      </View>
    </PageShell>
  )
}
