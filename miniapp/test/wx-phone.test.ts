import { PHONE_QUOTA_ERRNO, phoneNumberOutcome } from '../src/services/wxPhone'

describe('getPhoneNumber answers (e.detail)', () => {
  it('passes the one-time code on', () => {
    expect(phoneNumberOutcome({ code: 'abc', errMsg: 'getPhoneNumber:ok' })).toEqual({ kind: 'code', code: 'abc' })
  })
  it('treats 拒绝 on every platform spelling as a plain refusal', () => {
    for (const errMsg of ['getPhoneNumber:fail user deny', 'getPhoneNumber:fail:user deny', 'getPhoneNumber:user deny']) {
      expect(phoneNumberOutcome({ errMsg }).kind).toBe('denied')
    }
  })
  it('explains a used-up quota (errno 1400001, number or string) and points to SMS login', () => {
    for (const errno of [PHONE_QUOTA_ERRNO, '1400001']) {
      const out = phoneNumberOutcome({ errMsg: 'getPhoneNumber:fail', errno })
      expect(out.kind).toBe('unavailable')
      if (out.kind === 'unavailable') expect(out.message).toMatch(/次数已满.*短信验证码登录/)
    }
  })
  it('explains risk control and other refusals with their number', () => {
    const out = phoneNumberOutcome({ errMsg: 'getPhoneNumber:fail risk', errno: 1400002 })
    expect(out).toEqual({ kind: 'unavailable', message: expect.stringContaining('1400002') })
    expect(phoneNumberOutcome({ errMsg: 'getPhoneNumber:fail no permission' }).kind).toBe('unavailable')
    expect(phoneNumberOutcome(undefined).kind).toBe('unavailable')
  })
})
