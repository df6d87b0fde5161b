import { phoneError, smsCodeError } from '../src/services/validate'
import { singleFlight } from '../src/services/singleFlight'

describe('local validation (Chinese messages)', () => {
  it('accepts mainland mobile numbers', () => {
    expect(phoneError('13800138000')).toBeNull()
    expect(phoneError(' 19912345678 ')).toBeNull()
  })
  it('explains what is wrong with a phone number', () => {
    expect(phoneError('')).toBe('请填写手机号')
    expect(phoneError('1380013')).toBe('手机号应为 11 位数字，现在是 7 位')
    expect(phoneError('12800138000')).toBe('手机号不对，请检查后重新填写')
    expect(phoneError('1380013800a')).toBe('手机号只能是数字')
  })
  it('checks the 6-digit SMS code', () => {
    expect(smsCodeError('123456')).toBeNull()
    expect(smsCodeError('')).toBe('请填写短信验证码')
    expect(smsCodeError('12345')).toBe('验证码是 6 位数字')
  })
})

describe('singleFlight', () => {
  it('shares one call between concurrent callers and starts fresh after it settles', async () => {
    let calls = 0
    const run = singleFlight(async () => {
      calls++
      await new Promise((r) => setTimeout(r, 5))
      return calls
    })
    expect(await Promise.all([run(), run(), run()])).toEqual([1, 1, 1])
    expect(await run()).toBe(2)
  })
  it('a rejection is shared too, and does not poison the next call', async () => {
    let fail = true
    const run = singleFlight(async () => {
      if (fail) throw new Error('boom')
      return 'ok'
    })
    const settled = await Promise.allSettled([run(), run()])
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected'])
    fail = false
    await expect(run()).resolves.toBe('ok')
  })
})
