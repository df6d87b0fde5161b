import { createApiClient, REFRESH_PATH, type HttpRequest, type HttpResponse, type Transport } from '../src/services/client'
import { ApiError, NETWORK_MESSAGE, SERVER_MESSAGE } from '../src/services/errors'
import { createMemoryStorage, createTokenStore } from '../src/services/tokens'

const user = { id: 'u1', roles: ['worker'], activeRole: 'worker', phoneMasked: '138****5678', hasWechat: false, displayName: null }
const tick = () => new Promise((r) => setTimeout(r, 5))

/** A tiny fake BFF: one valid access token, rotating refresh tokens, controllable refresh latency/outcome. */
function fakeServer() {
  const state = {
    validAccess: 'access-1',
    validRefresh: 'refresh-1',
    generation: 1,
    refreshCalls: 0,
    refreshMode: 'ok' as 'ok' | 'reject' | 'network' | 'down',
    requests: [] as HttpRequest[],
  }
  const transport: Transport = async (req): Promise<HttpResponse> => {
    state.requests.push(req)
    await tick() // every answer is async so concurrent requests really overlap
    if (req.url === 'https://api.test' + REFRESH_PATH) {
      state.refreshCalls++
      await tick()
      if (state.refreshMode === 'network') throw new Error('request:fail')
      if (state.refreshMode === 'down') return { status: 503, data: null }
      const body = req.data as { refreshToken: string }
      if (state.refreshMode === 'reject' || body.refreshToken !== state.validRefresh) {
        return { status: 401, data: { error: { code: 'REFRESH_INVALID', message: '登录已失效，请重新登录' } } }
      }
      state.generation++
      state.validAccess = `access-${state.generation}`
      state.validRefresh = `refresh-${state.generation}`
      return { status: 200, data: { accessToken: state.validAccess, expiresIn: 900, refreshToken: state.validRefresh, user } }
    }
    if (req.url === 'https://api.test/api/me') {
      if (req.header.Authorization !== `Bearer ${state.validAccess}`) {
        return { status: 401, data: { error: { code: 'UNAUTHORIZED', message: '请先登录' } } }
      }
      return { status: 200, data: { user } }
    }
    return { status: 404, data: { error: { code: 'NOT_FOUND', message: '接口不存在' } } }
  }
  return { state, transport }
}

function setup(initial = { accessToken: 'access-0-expired', refreshToken: 'refresh-1' }) {
  const server = fakeServer()
  const storage = createMemoryStorage()
  const tokens = createTokenStore(storage)
  tokens.set(initial)
  const onSessionExpired = jest.fn()
  const onSessionRefreshed = jest.fn()
  const onLoginNeeded = jest.fn()
  const client = createApiClient({ baseUrl: 'https://api.test', transport: server.transport, tokens, onSessionExpired, onSessionRefreshed, onLoginNeeded })
  return { server, storage, tokens, client, onSessionExpired, onSessionRefreshed, onLoginNeeded }
}

describe('api client: auth + refresh', () => {
  it('attaches the bearer token and returns the body on success', async () => {
    const { client, server } = setup({ accessToken: 'access-1', refreshToken: 'refresh-1' })
    await expect(client.get('/api/me')).resolves.toEqual({ user })
    expect(server.state.requests[0].header.Authorization).toBe('Bearer access-1')
    expect(server.state.refreshCalls).toBe(0)
  })

  it('refreshes exactly once for 3 concurrent 401s, then retries all three with the new token', async () => {
    const { client, server, tokens, onSessionRefreshed } = setup()
    const results = await Promise.all([client.get('/api/me'), client.get('/api/me'), client.get('/api/me')])
    expect(results).toEqual([{ user }, { user }, { user }])
    expect(server.state.refreshCalls).toBe(1)
    // Rotation: the new refresh token replaced the old one.
    expect(tokens.get()).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2' })
    expect(onSessionRefreshed).toHaveBeenCalledTimes(1)
    const retries = server.state.requests.filter((r) => r.url.endsWith('/api/me') && r.header.Authorization === 'Bearer access-2')
    expect(retries).toHaveLength(3)
  })

  it('a 401 for a token that was rotated meanwhile just retries with the new token, without refreshing', async () => {
    const { client, server, tokens } = setup()
    server.state.validAccess = 'access-2'
    const pending = client.get('/api/me') // already sent with the stale token
    tokens.set({ accessToken: 'access-2', refreshToken: 'refresh-2' }) // another request rotated the pair
    await expect(pending).resolves.toEqual({ user })
    expect(server.state.refreshCalls).toBe(0)
  })

  it('a second refresh round starts a new flight after the first settled', async () => {
    const { client, server } = setup()
    await client.get('/api/me')
    server.state.validAccess = 'access-expired-again'
    await expect(client.get('/api/me')).resolves.toEqual({ user }) // refresh-2 → access-3
    expect(server.state.refreshCalls).toBe(2)
    expect(server.state.requests.filter((r) => r.url.endsWith(REFRESH_PATH)).map((r) => (r.data as { refreshToken: string }).refreshToken)).toEqual(['refresh-1', 'refresh-2'])
  })

  it('a failed refresh clears the tokens, calls onSessionExpired once and rejects every waiting request', async () => {
    const { client, server, tokens, storage, onSessionExpired } = setup()
    server.state.refreshMode = 'reject'
    const outcomes = await Promise.allSettled([client.get('/api/me'), client.get('/api/me'), client.get('/api/me')])
    expect(server.state.refreshCalls).toBe(1)
    expect(tokens.get()).toBeNull()
    expect(storage.dump()).toEqual({})
    expect(onSessionExpired).toHaveBeenCalledTimes(1)
    for (const o of outcomes) {
      expect(o.status).toBe('rejected')
      const reason = (o as PromiseRejectedResult).reason as ApiError
      expect(reason).toBeInstanceOf(ApiError)
      expect(reason.code).toBe('SESSION_EXPIRED')
      expect(reason.message).toBe('登录已过期，请重新登录')
    }
  })

  it('keeps the session when the refresh call hits a network error or a 5xx', async () => {
    const { client, server, tokens, onSessionExpired } = setup()
    server.state.refreshMode = 'network'
    await expect(client.get('/api/me')).rejects.toMatchObject({ code: 'NETWORK_ERROR', message: NETWORK_MESSAGE })
    server.state.refreshMode = 'down'
    await expect(client.get('/api/me')).rejects.toMatchObject({ message: SERVER_MESSAGE })
    expect(tokens.get()).toEqual({ accessToken: 'access-0-expired', refreshToken: 'refresh-1' })
    expect(onSessionExpired).not.toHaveBeenCalled()
    // Connectivity back: the next call refreshes normally.
    server.state.refreshMode = 'ok'
    await expect(client.get('/api/me')).resolves.toEqual({ user })
  })

  it('does not refresh for requests sent without a token (e.g. SMS login) and maps the error', async () => {
    const { client, server } = setup()
    await expect(client.get('/api/me', { auth: false })).rejects.toMatchObject({ status: 401, message: '请先登录' })
    expect(server.state.refreshCalls).toBe(0)
  })

  it('maps transport failures to the network message', async () => {
    const tokens = createTokenStore(createMemoryStorage())
    const client = createApiClient({ baseUrl: '', tokens, transport: () => Promise.reject(new Error('request:fail')) })
    await expect(client.post('/api/auth/sms/send', { phone: '13800138000' })).rejects.toMatchObject({ status: 0, message: '网络不给力，请稍后重试' })
  })

  it('passes the server error message through for 4xx', async () => {
    const { client } = setup({ accessToken: 'access-1', refreshToken: 'refresh-1' })
    await expect(client.get('/api/nope')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND', message: '接口不存在' })
  })
})

describe('api client: background calls never open the login page', () => {
  it('a background call that finds the session ended only clears it', async () => {
    const { client, server, tokens, onSessionExpired, onLoginNeeded } = setup()
    server.state.refreshMode = 'reject'
    await expect(client.get('/api/me', { background: true })).rejects.toMatchObject({ code: 'SESSION_EXPIRED' })
    expect(tokens.get()).toBeNull()
    expect(onSessionExpired).toHaveBeenCalledTimes(1)
    expect(onLoginNeeded).not.toHaveBeenCalled()
  })
  it('a call the person started asks for the login page', async () => {
    const { client, server, onLoginNeeded } = setup()
    server.state.refreshMode = 'reject'
    await expect(client.get('/api/me')).rejects.toMatchObject({ code: 'SESSION_EXPIRED' })
    expect(onLoginNeeded).toHaveBeenCalledTimes(1)
  })
  it('a background call still refreshes and retries normally', async () => {
    const { client, onLoginNeeded } = setup()
    await expect(client.get('/api/me', { background: true })).resolves.toEqual({ user })
    expect(onLoginNeeded).not.toHaveBeenCalled()
  })
})
