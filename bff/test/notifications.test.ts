import { startTestApp, type TestApp } from './support/harness';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in';

let wx: WechatStandIn;
let t: TestApp;
beforeAll(async () => {
  wx = await startWechatStandIn();
  t = await startTestApp({ env: { WECHAT_API_BASE: wx.url, WECHAT_TEMPLATES: JSON.stringify({ default: 'TPL_DEFAULT', 'registration.approved': 'TPL_REG' }) } });
});
afterAll(async () => { await t.close(); await wx.close(); });

describe('notifications', () => {
  it('stores an in-app message and sends a WeChat subscription message once per dedupe key', async () => {
    const login = await t.request('POST', '/api/auth/wechat/login', { body: { code: 'ok:openid-notify' } });
    const userId = login.body.user.id;
    // The app reported one acceptance of the template (requestSubscribeMessage): one send credit.
    expect((await t.request('POST', '/api/notifications/subscriptions', { token: login.body.accessToken, body: { requestId: 'notify-test-1', results: { TPL_REG: 'accept' } } })).status).toBe(200);
    const first = await t.services.notifier.notify(userId, { kind: 'registration.approved', title: '失业登记已通过', body: '请查看电子登记凭证', page: '/pages/index/index', dedupeKey: 'reg:1:approved' });
    const again = await t.services.notifier.notify(userId, { kind: 'registration.approved', title: '失业登记已通过', body: '请查看电子登记凭证', dedupeKey: 'reg:1:approved' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    const sent = wx.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ touser: 'openid-notify', template_id: 'TPL_REG', page: '/pages/index/index' });

    const list = await t.request('GET', '/api/notifications', { token: login.body.accessToken });
    expect(list.body.unread).toBe(1);
    expect(list.body.items[0]).toMatchObject({ title: '失业登记已通过', read: false });
    const id = list.body.items[0].id;

    // Someone else cannot mark it read (404, not a hint that it exists).
    const other = await t.request('POST', '/api/auth/wechat/login', { body: { code: 'ok:openid-other-n' } });
    expect((await t.request('POST', `/api/notifications/${id}/read`, { token: other.body.accessToken })).status).toBe(404);
    expect((await t.request('GET', '/api/notifications', { token: other.body.accessToken })).body.items).toHaveLength(0);

    expect((await t.request('POST', `/api/notifications/${id}/read`, { token: login.body.accessToken })).status).toBe(200);
    expect((await t.request('GET', '/api/notifications', { token: login.body.accessToken })).body.unread).toBe(0);
    expect((await t.request('POST', '/api/notifications/not-an-id/read', { token: login.body.accessToken })).status).toBe(400);
  });

  it('keeps the in-app message when the person has not accepted the template', async () => {
    const login = await t.request('POST', '/api/auth/wechat/login', { body: { code: 'ok:refused-user' } });
    await t.request('POST', '/api/notifications/subscriptions', { token: login.body.accessToken, body: { requestId: 'notify-test-2', results: { TPL_DEFAULT: 'accept' } } });
    const res = await t.services.notifier.notify(login.body.user.id, { kind: 'gig.urgent', title: '附近有急招', body: '搬运装卸 今天 200元/天' });
    expect(res.created).toBe(true);
    const doc = await t.conn.collection('notifications').findOne({ kind: 'gig.urgent' });
    expect(doc?.wechat).toBe('skipped');
    expect(doc?.delivery.wechat).toMatchObject({ status: 'refused', errcode: 43101 });
    expect(wx.calls.some((c) => c.path === '/cgi-bin/message/subscribe/send' && (c.body as { touser: string }).touser === 'refused-user')).toBe(true);
  });
});
