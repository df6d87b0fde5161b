// Pure validators with plain-Chinese messages (no Taro import).
export const PHONE_RE = /^1[3-9]\d{9}$/
export const SMS_CODE_RE = /^\d{6}$/

export function phoneError(phone: string): string | null {
  const p = phone.trim()
  if (!p) return '请填写手机号'
  if (!/^\d+$/.test(p)) return '手机号只能是数字'
  if (p.length !== 11) return `手机号应为 11 位数字，现在是 ${p.length} 位`
  if (!PHONE_RE.test(p)) return '手机号不对，请检查后重新填写'
  return null
}

export function smsCodeError(code: string): string | null {
  const c = code.trim()
  if (!c) return '请填写短信验证码'
  if (!SMS_CODE_RE.test(c)) return '验证码是 6 位数字'
  return null
}
