import { ApiError, NETWORK_MESSAGE, SERVER_MESSAGE, errorFromNetwork, errorFromResponse, messageOf } from '../src/services/errors'

describe('error → Chinese message mapping', () => {
  it('uses the server message and code for 4xx error envelopes', () => {
    const err = errorFromResponse(429, { error: { code: 'RATE_LIMITED', message: '验证码发送太频繁，请 42 秒后再试', details: { retryAfter: 42 } } })
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('RATE_LIMITED')
    expect(err.status).toBe(429)
    expect(err.message).toBe('验证码发送太频繁，请 42 秒后再试')
    expect(err.details).toEqual({ retryAfter: 42 })
  })

  it('hides server internals behind a generic message for 5xx, keeping the code', () => {
    const err = errorFromResponse(500, { error: { code: 'INTERNAL', message: 'MongoServerError: E11000 ...' } })
    expect(err.message).toBe(SERVER_MESSAGE)
    expect(err.code).toBe('INTERNAL')
    expect(errorFromResponse(502, '<html>Bad Gateway</html>').message).toBe('服务暂时不可用，请稍后重试')
  })

  it('falls back to a per-status Chinese message when the body is not an error envelope', () => {
    expect(errorFromResponse(404, null).message).toBe('要找的内容不存在')
    expect(errorFromResponse(429, 'Too Many Requests').message).toBe('操作太频繁，请稍后再试')
    expect(errorFromResponse(418, {}).message).toBe('请求没有成功，请稍后重试')
    expect(errorFromResponse(400, { error: { code: 'X', message: '   ' } }).message).toBe('填写的内容有误，请检查后再试')
  })

  it('maps network failures to the offline message with status 0', () => {
    const err = errorFromNetwork(new Error('request:fail timeout'))
    expect(err.message).toBe(NETWORK_MESSAGE)
    expect(err.message).toBe('网络不给力，请稍后重试')
    expect(err.status).toBe(0)
    expect(err.code).toBe('NETWORK_ERROR')
  })

  it('messageOf never leaks non-API errors', () => {
    expect(messageOf(errorFromResponse(403, { error: { code: 'FORBIDDEN', message: '没有权限' } }))).toBe('没有权限')
    expect(messageOf(new TypeError('x is undefined'))).toBe('出了点问题，请稍后重试')
  })
})
