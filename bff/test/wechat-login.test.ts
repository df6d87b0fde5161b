import { Types } from 'mongoose';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
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
    // That phone's account already has its own WeChat: it stays that WeChat's.
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('WECHAT_TAKEN');
    expect(taken.body.error.message).toMatch(/已绑定另一个微信/);
    expect((await t.conn.collection('users').findOne({ wechatOpenid: 'openid-other' }))!.disabledAt).toBeNull();
    const bad = await t.request('POST', '/api/auth/wechat/phone', { body: { code: 'nope' }, token: other.body.accessToken });
    expect(bad.status).toBe(400);
    const foreign = await t.request('POST', '/api/auth/wechat/phone', { body: { code: 'phone-foreign' }, token: other.body.accessToken });
    expect(foreign.status).toBe(400);
  });

  it('requires a signed-in user to bind a phone', async () => {
    const res = await t.request('POST', '/api/auth/wechat/phone', { body: { code: 'phone:13712345678' } });
    expect(res.status).toBe(401);
  });

  describe('a phone that already has an account (SMS, staff): the WeChat moves to it', () => {
    let seq = 0;
    const wxLogin = async (openid: string) => {
      const res = await t.request('POST', '/api/auth/wechat/login', { body: { code: `ok:${openid}#${++seq}` } });
      expect(res.status).toBe(200);
      return res.body as { accessToken: string; refreshToken: string; user: { id: string; roles: string[]; activeRole: string } };
    };
    const users = () => t.conn.collection('users');

    it('an SMS account: getPhoneNumber logs the WeChat into it, and WeChat login finds it from then on', async () => {
      const phone = nextPhone();
      const sms = await smsLogin(t, phone, '198.18.9.1');
      const fresh = await wxLogin('openid-sms-owner');
      expect(fresh.user.id).not.toBe(sms.user.id);
      const bound = await t.request('POST', '/api/auth/wechat/phone', { body: { code: `phone:${phone}` }, token: fresh.accessToken });
      expect(bound.status).toBe(200);
      expect(bound.body.session.user).toMatchObject({ id: sms.user.id, hasWechat: true, phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}` });
      expect(bound.body.user.id).toBe(sms.user.id);
      // The new login works; the WeChat-only account's login has ended.
      expect((await t.request('GET', '/api/me', { token: bound.body.session.accessToken })).body.user.id).toBe(sms.user.id);
      expect((await t.request('GET', '/api/me', { token: fresh.accessToken })).status).toBe(401);
      expect((await t.request('POST', '/api/auth/refresh', { body: { refreshToken: fresh.refreshToken } })).status).toBe(401);
      // The SMS login of the account keeps working.
      expect((await t.request('GET', '/api/me', { token: sms.accessToken })).status).toBe(200);
      const retired = (await users().findOne({ _id: new Types.ObjectId(fresh.user.id) }))!;
      expect(retired.wechatOpenid).toBeUndefined();
      expect(retired.disabledAt).toBeInstanceOf(Date);
      expect(String(retired.mergedInto)).toBe(sms.user.id);
      expect((await users().findOne({ _id: new Types.ObjectId(sms.user.id) }))!).toMatchObject({ wechatOpenid: 'openid-sms-owner', wechatUnionid: 'u-openid-sms-owner' });
      // Next time on weapp, plain WeChat login lands on the SMS account.
      expect((await wxLogin('openid-sms-owner')).user.id).toBe(sms.user.id);
      // A retry with the retired account's token says what happened (or the token is already refused).
      const retry = await t.request('POST', '/api/auth/wechat/phone', { body: { code: `phone:${phone}` }, token: fresh.accessToken });
      expect([401, 409]).toContain(retry.status);
    });

    it('a staff account made by staff:create can bind too, so staff log in on weapp; it is audited', async () => {
      const phone = nextPhone();
      const staff = await t.services.auth.upsertStaff(phone, '王经办', '道里区公共就业服务中心');
      const fresh = await wxLogin('openid-staff');
      const bound = await t.request('POST', '/api/auth/wechat/phone', { body: { code: `phone:${phone}` }, token: fresh.accessToken });
      expect(bound.status).toBe(200);
      expect(bound.body.session.user).toMatchObject({ id: staff.id, activeRole: 'staff', roles: ['staff'], hasWechat: true });
      expect((await t.request('GET', '/api/staff/workbench', { token: bound.body.session.accessToken })).status).toBe(200);
      const again = await wxLogin('openid-staff');
      expect(again.user).toMatchObject({ id: staff.id, activeRole: 'staff' });
      const entry = await t.conn.collection('audit_log').findOne({ action: 'wechat_bind', subjectId: staff.id });
      expect(entry).toMatchObject({ subjectType: 'account', center: expect.any(String) });
      expect(JSON.stringify(entry)).not.toContain(phone);
    });

    it('refuses a disabled account, and leaves the WeChat account as it was', async () => {
      const phone = nextPhone();
      const sms = await smsLogin(t, phone, '198.18.9.2');
      await t.services.auth.disableUser(sms.user.id);
      const fresh = await wxLogin('openid-to-disabled');
      const res = await t.request('POST', '/api/auth/wechat/phone', { body: { code: `phone:${phone}` }, token: fresh.accessToken });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('USER_DISABLED');
      expect(res.body.error.message).toMatch(/已停用/);
      expect((await users().findOne({ _id: new Types.ObjectId(sms.user.id) }))!.wechatOpenid).toBeUndefined();
      expect((await t.request('GET', '/api/me', { token: fresh.accessToken })).status).toBe(200);
      expect((await wxLogin('openid-to-disabled')).user.id).toBe(fresh.user.id);
    });

    it('does not move a WeChat account that has a phone of its own', async () => {
      const mine = nextPhone();
      const theirs = nextPhone();
      await smsLogin(t, theirs, '198.18.9.3');
      const fresh = await wxLogin('openid-has-phone');
      expect((await t.request('POST', '/api/auth/wechat/phone', { body: { code: `phone:${mine}` }, token: fresh.accessToken })).status).toBe(200);
      const res = await t.request('POST', '/api/auth/wechat/phone', { body: { code: `phone:${theirs}` }, token: fresh.accessToken });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('PHONE_TAKEN');
      expect((await users().findOne({ wechatOpenid: 'openid-has-phone' }))!.disabledAt).toBeNull();
    });

    it('20 parallel binds move the WeChat once and issue one login', async () => {
      const phone = nextPhone();
      const sms = await smsLogin(t, phone, '198.18.9.4');
      const fresh = await wxLogin('openid-parallel');
      const results = await Promise.all(Array.from({ length: 20 }, () => t.request('POST', '/api/auth/wechat/phone', { body: { code: `phone:${phone}` }, token: fresh.accessToken })));
      const ok = results.filter((r) => r.status === 200);
      expect(ok).toHaveLength(1);
      for (const r of results.filter((x) => x.status !== 200)) expect([401, 409, 503]).toContain(r.status);
      expect(await users().countDocuments({ wechatOpenid: 'openid-parallel' })).toBe(1);
      expect((await users().findOne({ wechatOpenid: 'openid-parallel' }))!._id.toString()).toBe(sms.user.id);
      // One SMS login and one WeChat login of the phone's account: no session per parallel call.
      expect(await t.conn.collection('auth_sessions').countDocuments({ userId: new Types.ObjectId(sms.user.id) })).toBe(2);
    });
  });
});
