import Taro from '@tarojs/taro'

/** Taro.showModal as a promise of yes/no (a dismissed or failed modal is a no). */
export async function confirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const r = await Taro.showModal({ title, content, confirmText, cancelText: '取消' })
    return !!r.confirm
  } catch {
    return false
  }
}
