import { Text, View } from '@tarojs/components'
import { PRIVACY_ITEMS, PRIVACY_POLICY, SENSITIVE_CONSENT } from '@doorstep/shared/src/data/privacy'
import PageShell from '../../../../components/PageShell'
import { goPage } from '../../../../services/nav'

/** 隐私政策: every item collected, with where, why and how long — from the one list in shared/src/data/privacy.ts. */
export default function Privacy() {
  return (
    <PageShell privacyDialog={false}>
      <View className='card' id='privacy-policy'>
        <Text className='block txt-xl'>隐私政策</Text>
        <Text className='block muted txt-sm'>版本 {PRIVACY_POLICY.version}</Text>
        <Text className='doc__p txt-md'>{PRIVACY_POLICY.operator}</Text>

        <Text className='doc__h txt-lg'>我们收集哪些信息</Text>
        {PRIVACY_ITEMS.map((i) => (
          <View key={i.key} className='doc__item' id={`privacy-item-${i.key}`}>
            <Text className='doc__p txt-md doc__label'>
              {i.label}
              {i.sensitive ? '（敏感个人信息）' : ''}
              {i.planned ? '（即将上线）' : ''}
            </Text>
            <Text className='doc__p txt-md'>在哪里：{i.where}</Text>
            <Text className='doc__p txt-md'>用途：{i.purpose}</Text>
            <Text className='doc__p txt-md'>保存多久：{i.retention}</Text>
          </View>
        ))}

        <Text className='doc__h txt-lg'>敏感个人信息单独同意</Text>
        <Text className='doc__p txt-md'>{SENSITIVE_CONSENT.text}</Text>

        <Text className='doc__h txt-lg'>我们怎么用这些信息</Text>
        {PRIVACY_POLICY.howWeUse.map((t) => (
          <Text key={t} className='doc__p txt-md'>{t}</Text>
        ))}

        <Text className='doc__h txt-lg'>手机权限</Text>
        {PRIVACY_POLICY.permissions.map((t) => (
          <Text key={t} className='doc__p txt-md'>{t}</Text>
        ))}

        <Text className='doc__h txt-lg'>你的权利</Text>
        {PRIVACY_POLICY.rights.map((t) => (
          <Text key={t} className='doc__p txt-md'>{t}</Text>
        ))}
        <Text className='privacy-link txt-md' id='privacy-to-agreement' onClick={() => goPage('/packages/account/pages/agreement/index')}>
          查看《用户协议》
        </Text>
      </View>
    </PageShell>
  )
}
