import Taro from '@tarojs/taro'

export const HOTLINE = '12333'

/** Tap-to-call the 人社 hotline (H5: opens tel:). Cancelling the call is not an error. */
export function callHotline(): void {
  Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => {})
}
