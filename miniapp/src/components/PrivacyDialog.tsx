import { Button, ScrollView, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { agreePrivacy, declinePrivacy, PRIVACY_AGREE_BUTTON_ID, usePrivacy } from '../store/privacy'

function openPolicy() {
  if (process.env.TARO_ENV === 'weapp') {
    // The privacy guide registered in the mini-program admin console.
    Taro.openPrivacyContract({ fail: () => Taro.navigateTo({ url: '/packages/account/pages/privacy/index' }) })
  } else {
    Taro.navigateTo({ url: '/packages/account/pages/privacy/index' })
  }
}

/**
 * Consent sheet: weapp uses open-type="agreePrivacyAuthorization"; H5 stores the answer itself.
 * The text scrolls inside a ScrollView and the buttons stay pinned below it, so 同意 is reachable on a
 * small phone in 长辈模式; catchMove on the mask only stops the page behind from scrolling.
 */
export default function PrivacyDialog() {
  const { dialogOpen } = usePrivacy()
  if (!dialogOpen) return null

  return (
    <View className='privacy-mask' catchMove>
      <View className='privacy-sheet' id='privacy-sheet'>
        <Text className='privacy-title txt-xl'>个人信息保护提示</Text>
        <ScrollView className='privacy-scroll' scrollY id='privacy-scroll'>
          <Text className='privacy-body txt-md'>
            欢迎使用“家门口就业”。登录需要你的手机号（微信里也可以用微信登录）；查找附近岗位时，经你同意才获取位置。
          </Text>
          <Text className='privacy-body txt-md'>
            办理失业登记时还要填写姓名、证件号码、户籍、学历、工作经历等；证件号码和就业困难情形（如残疾、低保）属于敏感个人信息，填写前会再单独征求你的同意。
          </Text>
          <Text className='privacy-body txt-md'>我们只把这些信息用于就业服务，不会卖给别人。你可以随时在“我的 → 账号与隐私”里注销账号。</Text>
          <Text className='privacy-link txt-md' onClick={openPolicy}>
            查看《隐私政策》全文
          </Text>
          <Text className='privacy-link txt-md' onClick={() => Taro.navigateTo({ url: '/packages/account/pages/agreement/index' })}>
            查看《用户协议》
          </Text>
        </ScrollView>
        <View className='privacy-actions'>
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
    </View>
  )
}
