// What the getPhoneNumber button answered (e.detail), read without Taro so it can be unit-tested.
// WeChat puts a one-time `code` in the detail on success; otherwise `errMsg` (user deny, no permission)
// and, for platform refusals, a numeric `errno` (1400001: the mini-program's paid quota is used up).

export interface PhoneNumberDetail {
  code?: string
  errMsg?: string
  errno?: number | string
}

export type PhoneNumberOutcome =
  | { kind: 'code'; code: string }
  /** The person tapped 拒绝: nothing is wrong, nothing to explain at length. */
  | { kind: 'denied'; message: string }
  /** WeChat cannot verify the phone now (quota, risk control, no permission): offer SMS login. */
  | { kind: 'unavailable'; message: string }

/** errno WeChat answers when the mini-program's getPhoneNumber quota (a paid resource) is used up. */
export const PHONE_QUOTA_ERRNO = 1400001

const SMS_HINT = '可以改用短信验证码登录'

export function phoneNumberOutcome(detail: PhoneNumberDetail | undefined): PhoneNumberOutcome {
  const code = detail?.code
  if (typeof code === 'string' && code) return { kind: 'code', code }
  const errno = detail?.errno === undefined || detail?.errno === '' ? null : Number(detail.errno)
  const errMsg = String(detail?.errMsg ?? '')
  if (errno === PHONE_QUOTA_ERRNO) return { kind: 'unavailable', message: `微信手机号快捷验证暂时用不了（次数已满），${SMS_HINT}` }
  if (/deny|cancel/i.test(errMsg)) return { kind: 'denied', message: '没有授权手机号，可以稍后在“我的”里绑定' }
  if (/no permission/i.test(errMsg)) return { kind: 'unavailable', message: `当前小程序还不能使用微信手机号验证，${SMS_HINT}` }
  // Risk control and anything else WeChat refuses with: say so, with the number for the hotline.
  return { kind: 'unavailable', message: `微信暂时无法验证这个手机号${errno ? `（错误 ${errno}）` : ''}，${SMS_HINT}` }
}
