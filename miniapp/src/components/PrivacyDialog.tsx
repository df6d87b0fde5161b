import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { agreePrivacy, declinePrivacy, PRIVACY_AGREE_BUTTON_ID, usePrivacy } from '../store/privacy'

function openPolicy() {
  if (process.env.TARO_ENV === 'weapp') {
    // The privacy guide registered in the mini-program admin console.
    Taro.openPrivacyContract({ fail: () => Taro.navigateTo({ url: '/pages/privacy/index' }) })
  } else {
    Taro.navigateTo({ url: '/pages/privacy/index' })
  }
}

/** Consent sheet: weapp uses open-type="agreePrivacyAuthorization"; H5 stores the answer itself. */
export default function PrivacyDialog() {
  const { dialogOpen } = usePrivacy()
  if (!dialogOpen) return null

  return (
    <View className='privacy-mask' catchMove>
      <View className='privacy-sheet' id='privacy-sheet'>
        <Text className='privacy-title txt-xl'>个人信息保护提示</Text>
        <Text className='privacy-body txt-md'>
          欢迎使用“家门口就业”。登录和找活需要用到你的手机号，查找附近岗位时需要用到你的位置。我们只把这些信息用于就业服务，不会卖给别人。
        </Text>
        <Text className='privacy-link txt-md' onClick={openPolicy}>
          查看《隐私政策》全文
        </Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className='btn btn-primary'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={agreePrivacy}
          >
            同意
          </Button>
        ) : (
          <Button id={PRIVACY_AGREE_BUTTON_ID} className='btn btn-primary' onClick={agreePrivacy}>
            同意
          </Button>
        )}
        <Button id='privacy-decline' className='btn btn-plain' onClick={declinePrivacy}>
          不同意
        </Button>
        <Text className='privacy-note txt-sm'>不同意也可以浏览，但不能登录和办理业务。</Text>
      </View>
    </View>
  )
}
