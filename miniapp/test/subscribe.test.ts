// requestSubscribeMessage must be called synchronously inside the tap (WeChat refuses it after an await).
// These tests load the real services/subscribe.ts with a mocked @tarojs/taro and API client, run each
// tap handler and check the call happened before the tap handler's first await, i.e. before it returned.
import fs from 'node:fs'
import path from 'node:path'

const order: string[] = []
const requestSubscribeMessage = jest.fn()
const post = jest.fn()
const get = jest.fn()

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { requestSubscribeMessage: (...a: unknown[]) => requestSubscribeMessage(...a) } }))
jest.mock('../src/services/api', () => ({ client: { post: (...a: unknown[]) => post(...a), get: (...a: unknown[]) => get(...a) } }))
jest.mock('../src/services/storage', () => ({ readJson: () => null, writeJson: () => undefined }))

 
const sub = require('../src/services/subscribe') as typeof import('../src/services/subscribe')

const TAPS = {
  submitRegistration: { tap: 'registration_submit', ids: ['TPL_REG', 'TPL_DEFAULT'] },
  applyGig: { tap: 'gig_apply', ids: ['TPL_GIG'] },
  availabilityOn: { tap: 'availability_on', ids: ['TPL_QUICK'] },
  postGig: { tap: 'gig_post', ids: ['TPL_EMP'] },
  applyPolicy: { tap: 'policy_apply', ids: ['TPL_POL'] },
} as const

beforeEach(() => {
  order.length = 0
  requestSubscribeMessage.mockReset().mockImplementation((o: { tmplIds: string[] }) => {
    order.push('requestSubscribeMessage')
    return Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds.map((id, i) => [id, i === 0 ? 'accept' : 'reject'])) })
  })
  post.mockReset().mockResolvedValue({ ok: true })
  process.env.TARO_ENV = 'weapp'
  sub.setSubscribeTemplates(Object.fromEntries(Object.values(TAPS).map((t) => [t.tap, [...t.ids]])))
})

describe.each(Object.entries(TAPS))('tap %s', (name, { tap, ids }) => {
  it('calls requestSubscribeMessage synchronously, before the first await, then runs the action and reports', async () => {
    const action = jest.fn(async () => { order.push('action'); return 'done' })
    const pending = sub.taps[name as keyof typeof TAPS](action)
    // The handler has returned (it hit its first await): the request was already made, the action not yet.
    expect(order).toEqual(['requestSubscribeMessage'])
    expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ids })
    await expect(pending).resolves.toBe('done')
    expect(order).toEqual(['requestSubscribeMessage', 'action'])
    const results = Object.fromEntries(ids.map((id, i) => [id, i === 0 ? 'accept' : 'reject']))
    expect(post).toHaveBeenCalledWith('/api/notifications/subscriptions', expect.objectContaining({ tap, results }))
    expect(post.mock.calls[0][1].requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  })
})

describe('when there is nothing to ask', () => {
  it('still runs the action when the popup fails (subscriptions turned off: 20004)', async () => {
    requestSubscribeMessage.mockImplementation(() => { order.push('requestSubscribeMessage'); return Promise.reject({ errCode: 20004 }) })
    await expect(sub.taps.applyGig(async () => 'ok')).resolves.toBe('ok')
    expect(post).not.toHaveBeenCalled()
  })
  it('does not ask on H5, or for a tap without templates', async () => {
    process.env.TARO_ENV = 'h5'
    await sub.taps.applyGig(async () => undefined)
    process.env.TARO_ENV = 'weapp'
    sub.setSubscribeTemplates({})
    await sub.taps.applyPolicy(async () => undefined)
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
  })
})

// The pages' tap handlers: each is a one-line function whose first call is the tap helper (source check:
// the handlers live inside React components, so this is where the wiring itself is verified).
const src = (p: string) => fs.readFileSync(path.join(__dirname, '../src', p), 'utf8')
it.each([
  ['packages/worker/pages/registration-form/index.tsx', /const submit = \(\) => \([^\n]*taps\.submitRegistration\(submitNow\)\)/, /onClick=\{submit\}/],
  ['packages/worker/pages/gig-detail/index.tsx', /const apply = \(\) => \([^\n]*taps\.applyGig\(applyNow\)\)/, /onClick=\{apply\}/],
  ['packages/worker/pages/availability/index.tsx', /const save = \(\) => \([^\n]*taps\.availabilityOn\(saveNow\)\)/, /save/],
  // Checks the form first (no await), then `return taps.postGig(submitNow)`: nothing is asked for a form with mistakes.
  ['packages/employer/pages/post/index.tsx', /const submit = \(\) => \{\n    if \(busy\) return undefined\n    const errs = check\(\)\n[\s\S]{0,240}return taps\.postGig\(submitNow\)\n  \}/, /onClick=\{submit\}/],
  ['packages/worker/pages/policy-detail/index.tsx', /const apply = \(\) => \([^\n]*taps\.applyPolicy\(applyNow\)\)/, /onClick=\{apply\}/],
  ['packages/worker/pages/policy-calc/index.tsx', /const apply = \(m: PolicyMatch\) => \([^\n]*taps\.applyPolicy\(\(\) => applyNow\(m\)\)\)/, /apply\(m\)/],
])('%s routes its tap through the subscribe helper', (file, handler, used) => {
  const s = src(file)
  expect(s).toMatch(handler)
  expect(s).toMatch(used)
})
