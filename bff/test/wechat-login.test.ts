import { startTestApp, type TestApp } from './support/harness';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in';

let wx: WechatStandIn;
let t: TestApp;

beforeAll(async () => {
  wx = await startWechatStandIn();
  t = await startTestApp({ env: { WECHAT_API_BASE: wx.url } });
});
afterAll(async () => { await t.close(); await wx.close(); });

describe('WeChat mini-program login against the local WeChat stand-in', () => {
  it('exchanges a wx.login code for a session and finds the same person next time', async () => {
    const first = await t.request('POST', '/api/auth/wechat/login', { body: { code: 'ok:openid-A' } });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ roles: ['worker'], activeRole: 'worker', hasWechat: true, phoneMasked: null });
    expect(typeof first.body.accessToken).toBe('string');
    const again = await t.request('POST', '/api/auth/wechat/login', { body: { code: 'ok:openid-A#2' } });
    expect(again.body.user.id).toBe(first.body.user.id);
    const call = wx.calls.find((c) => c.path === '/sns/jscode2session')!;
    expect(call.query).toMatchObject({ appid: 'wx-dev-appid', js_code: 'ok:openid-A', grant_type: 'authorization_code' });
  });

  it.each([
    ['bad', 400, 'WECHAT_CODE_INVALID'],
    ['used', 400, 'WECHAT_CODE_INVALID'],
    ['limit', 429, 'WECHAT_RATE_LIMITED'],
    ['risky', 403, 'WECHAT_RISKY_USER'],
    ['busy', 503, 'WECHAT_BUSY'],
  ])('maps WeChat error for code %s to %i %s', async (code, status, errCode) => {
    const res = await t.request('POST', '/api/auth/wechat/login', { body: { code } });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(errCode);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('answers 503 when WeChat cannot be reached', async () => {
    const down = await startTestApp({ env: { WECHAT_API_BASE: 'http://127.0.0.1:9', WECHAT_TIMEOUT_MS: '500' } });
    try {
      const res = await down.request('POST', '/api/auth/wechat/login', { body: { code: 'ok:x' } });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('WECHAT_UNAVAILABLE');
    } finally { await down.close(); }
  });

  it('binds the phone from getPhoneNumber, retrying once with a fresh access token after 40001', async () => {
    const login = await t.request('POST', '/api/auth/wechat/login', { body: { code: 'ok:openid-phone' } });
    const token = login.body.accessToken;
    const bound = await t.request('POST', '/api/auth/wechat/phone', { body: { code: 'phone:13712345678' }, token });
    expect(bound.status).toBe(200);
    expect(bound.body.user.phoneMasked).toBe('137****5678');

    wx.invalidateAccessToken();
    const tokenCallsBefore = wx.calls.filter((c) => c.path === '/cgi-bin/token').length;
    const again = await t.request('POST', '/api/auth/wechat/phone', { body: { code: 'phone:13712345678' }, token });
    expect(again.status).toBe(200);
    expect(wx.calls.filter((c) => c.path === '/cgi-bin/token').length).toBe(tokenCallsBefore + 1);

    // The phone is stored encrypted with a blind index, never in clear.
    const raw = await t.conn.collection('users').findOne({ wechatOpenid: 'openid-phone' });
    expect(JSON.stringify(raw)).not.toContain('13712345678');
  });

  it('refuses a phone that already belongs to another account, an invalid code, and a foreign number', async () => {
    const other = await t.request('POST', '/api/auth/wechat/login', { body: { code: 'ok:openid-other' } });
    const taken = await t.request('POST', '/api/auth/wechat/phone', { body: { code: 'phone:13712345678' }, token: other.body.accessToken });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('PHONE_TAKEN');
    const bad = await t.request('POST', '/api/auth/wechat/phone', { body: { code: 'nope' }, token: other.body.accessToken });
    expect(bad.status).toBe(400);
    const foreign = await t.request('POST', '/api/auth/wechat/phone', { body: { code: 'phone-foreign' }, token: other.body.accessToken });
    expect(foreign.status).toBe(400);
  });

  it('requires a signed-in user to bind a phone', async () => {
    const res = await t.request('POST', '/api/auth/wechat/phone', { body: { code: 'phone:13712345678' } });
    expect(res.status).toBe(401);
  });
});
