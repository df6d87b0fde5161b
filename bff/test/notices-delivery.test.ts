import { startTestApp, type TestApp } from './support/harness';
import { startSmsStandIn, type SmsStandIn } from './support/sms-stand-in';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in';

/**
 * Delivery of notices over the real local WeChat and SMS stand-ins: WeChat only with an acceptance
 * (each spent by one send), every errcode stored, SMS fallback with opt-out, daily cap and quiet hours
 * on an injected clock.
 */
const HOUR = 3600_000;
/** Today (China) at the given China hour, as ms; the clock moves only when a test sets it. */
const chinaToday = (h: number, m = 0) => {
  const d = new Date(Date.now() + 8 * HOUR);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), h, m) - 8 * HOUR;
};
let clock = chinaToday(10);
const TEMPLATES = { 'registration.approved': 'TPL_REG', 'gig.quick_hire': 'TPL_GIG', 'policy.application': 'TPL_POL', default: 'TPL_DEFAULT' };

let wx: WechatStandIn;
let sms: SmsStandIn;
let t: TestApp;
beforeAll(async () => {
  wx = await startWechatStandIn();
  sms = await startSmsStandIn();
  t = await startTestApp({
    env: { WECHAT_API_BASE: wx.url, WECHAT_TEMPLATES: JSON.stringify(TEMPLATES), SMS_PROVIDER: 'http', SMS_API_BASE: sms.url, SMS_API_KEY: 'sms-test-key', SMS_NOTICE_DAILY_CAP: '2' },
    deps: { now: () => clock },
  });
});
afterAll(async () => { await t.close(); await wx.close(); await sms.close(); });
beforeEach(() => { clock = chinaToday(10); });

let seq = 0;
/** A WeChat user with a bound phone (getPhoneNumber through the stand-in). */
async function person(openidPrefix = 'msg') {
  seq += 1;
  const openid = `${openidPrefix}-${process.pid}-${seq}`;
  const phone = `137${String(process.pid % 10000).padStart(4, '0')}${String(seq).padStart(4, '0')}`;
  const login = await t.request('POST', '/api/auth/wechat/login', { body: { code: `ok:${openid}` } });
  const bound = await t.request('POST', '/api/auth/wechat/phone', { token: login.body.accessToken, body: { code: `phone:${phone}` } });
  expect(bound.status).toBe(200);
  return { id: login.body.user.id as string, token: (bound.body.accessToken ?? login.body.accessToken) as string, openid, phone };
}
const sendsTo = (openid: string) => wx.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send' && (c.body as { touser: string }).touser === openid);
const grant = (p: { token: string }, results: Record<string, string>, requestId = `req-${++seq}-${Date.now()}`) =>
  t.request('POST', '/api/notifications/subscriptions', { token: p.token, body: { requestId, results } });
const notice = async (id: string) => (await t.services.notifier.Notification.findById(id).lean())!;
const lastNotice = async (userId: string) => (await t.services.notifier.Notification.find({ userId }).sort({ createdAt: -1, _id: -1 }).limit(1).lean())[0]!;
const approved = (key: string) => ({ kind: 'registration.approved', title: '失业登记：登记通过', body: '失业登记已通过，可查看电子登记凭证', page: `/pages/registration/index?id=${key}`, dedupeKey: `t:${key}` });

describe('templates', () => {
  it('tells the app which template ids each tap asks for', async () => {
    const res = await t.request('GET', '/api/notifications/templates');
    expect(res.status).toBe(200);
    expect(res.body.taps.registration_submit).toEqual(['TPL_REG', 'TPL_DEFAULT']);
    expect(res.body.taps.availability_on).toEqual(['TPL_GIG']);
    expect(res.body.taps.policy_apply).toEqual(['TPL_POL']);
    expect(res.body.templates['gig.quick_hire']).toBe('TPL_GIG');
  });

  it('refuses unknown templates and bad decisions with the field named', async () => {
    const p = await person();
    const bad = await grant(p, { TPL_NOPE: 'accept' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('results');
    expect((await grant(p, { TPL_REG: 'maybe' })).status).toBe(400);
    expect((await t.request('POST', '/api/notifications/subscriptions', { token: p.token, body: { requestId: 'x', results: { TPL_REG: 'accept' } } })).body.error.message).toContain('requestId');
  });
});

describe('WeChat only with an acceptance, each acceptance spent once', () => {
  it('does not attempt a send without a grant, and falls back to SMS', async () => {
    const p = await person();
    await t.services.notifier.notify(p.id, approved(`nogrant-${p.id}`));
    expect(sendsTo(p.openid)).toHaveLength(0);
    const n = await lastNotice(p.id);
    expect(n.delivery.wechat.status).toBe('no_grant');
    expect(n.delivery.sms.status).toBe('sent');
    expect(sms.to(p.phone)).toHaveLength(1);
    expect(sms.to(p.phone)[0]).toContain('失业登记');
  });

  it('sends with a grant, consumes it, and needs a new one for the next send', async () => {
    const p = await person();
    const r = await grant(p, { TPL_REG: 'accept', TPL_DEFAULT: 'reject' });
    expect(r.status).toBe(200);
    expect(r.body.credits).toEqual({ TPL_REG: 1 });
    await t.services.notifier.notify(p.id, approved(`grant1-${p.id}`));
    expect(sendsTo(p.openid)).toHaveLength(1);
    expect(sendsTo(p.openid)[0]!.body).toMatchObject({ template_id: 'TPL_REG', page: `/pages/registration/index?id=grant1-${p.id}` });
    const n = await lastNotice(p.id);
    expect(n.delivery.wechat).toMatchObject({ status: 'sent', errcode: 0, templateId: 'TPL_REG' });
    expect(n.delivery.sms.status).toBe('not_needed');
    expect(sms.to(p.phone)).toHaveLength(0);
    expect((await grant(p, { TPL_DEFAULT: 'reject' })).body.credits).toEqual({});

    await t.services.notifier.notify(p.id, approved(`grant2-${p.id}`));
    expect(sendsTo(p.openid)).toHaveLength(1); // spent: not attempted again
    expect((await lastNotice(p.id)).delivery.wechat.status).toBe('no_grant');
  });

  it('a repeated report of one request counts once; parallel notices spend one acceptance once', async () => {
    const p = await person();
    await Promise.all(Array.from({ length: 10 }, () => grant(p, { TPL_REG: 'accept' }, 'same-request-id')));
    expect((await t.services.notifier.credits(p.id))).toEqual({ TPL_REG: 1 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => t.services.notifier.notify(p.id, approved(`par-${i}-${p.id}`))));
    expect(sendsTo(p.openid)).toHaveLength(1);
    const docs = await t.services.notifier.Notification.find({ userId: p.id }).lean();
    expect(docs.filter((d) => d.delivery.wechat.status === 'sent')).toHaveLength(1);
    expect(docs.filter((d) => d.delivery.wechat.status === 'no_grant')).toHaveLength(5);
  });

  it('a ban withdraws earlier acceptances', async () => {
    const p = await person();
    await grant(p, { TPL_REG: 'accept' });
    await grant(p, { TPL_REG: 'ban' });
    await t.services.notifier.notify(p.id, approved(`ban-${p.id}`));
    expect(sendsTo(p.openid)).toHaveLength(0);
  });

  it('records 43101 (user refused) and falls back to SMS', async () => {
    const p = await person('refused');
    await grant(p, { TPL_REG: 'accept' });
    await t.services.notifier.notify(p.id, approved(`refused-${p.id}`));
    expect(sendsTo(p.openid)).toHaveLength(1);
    const n = await lastNotice(p.id);
    expect(n.delivery.wechat).toMatchObject({ status: 'refused', errcode: 43101, errmsg: 'user refuse to accept the msg' });
    expect(n.delivery.wechat.attempts).toHaveLength(1);
    expect(n.delivery.sms.status).toBe('sent');
    expect(sms.to(p.phone)).toHaveLength(1);
  });

  it('stores other errcodes too; a notice that is not SMS-worthy stays in-app only', async () => {
    const p = await person();
    wx.subscribeAnswers.set(p.openid, 47003);
    await grant(p, { TPL_DEFAULT: 'accept' });
    await t.services.notifier.notify(p.id, { kind: 'gig.applied', title: '有人报名', body: '打开看看' });
    const n = await lastNotice(p.id);
    expect(n.delivery.wechat).toMatchObject({ status: 'failed', errcode: 47003 });
    expect(n.delivery.sms.status).toBe('not_needed');
    expect(sms.to(p.phone)).toHaveLength(0);
  });
});

describe('SMS fallback rules', () => {
  it('holds texts in quiet hours until 07:00, and drops an urgent gig that starts before then', async () => {
    const p = await person();
    clock = chinaToday(23);
    await t.services.notifier.notify(p.id, approved(`quiet-${p.id}`));
    const held = await lastNotice(p.id);
    expect(held.delivery.sms.status).toBe('held');
    expect(held.delivery.sms.heldUntil!.getTime()).toBe(chinaToday(7) + 24 * HOUR);
    await t.services.notifier.notify(p.id, { kind: 'gig.quick_hire', title: '急招：搬运', body: '离你 1 公里', smsNotAfter: new Date(chinaToday(6) + 24 * HOUR), dedupeKey: `qh-${p.id}` });
    expect((await lastNotice(p.id)).delivery.sms.status).toBe('dropped_stale');
    expect(sms.to(p.phone)).toHaveLength(0);

    clock = chinaToday(6, 59) + 24 * HOUR;
    await t.services.notifier.releaseHeldSms();
    expect(sms.to(p.phone)).toHaveLength(0);
    clock = chinaToday(7) + 24 * HOUR;
    await Promise.all([t.services.notifier.releaseHeldSms(), t.services.notifier.releaseHeldSms()]);
    expect(sms.to(p.phone)).toHaveLength(1);
    expect((await notice(held._id.toString())).delivery.sms.status).toBe('sent');
    await t.services.notifier.releaseHeldSms();
    expect(sms.to(p.phone)).toHaveLength(1);
  });

  it('keeps to the daily cap per person', async () => {
    const p = await person();
    clock = chinaToday(12) + 10 * 24 * HOUR;
    for (let i = 0; i < 3; i++) await t.services.notifier.notify(p.id, approved(`cap-${i}-${p.id}`));
    expect(sms.to(p.phone)).toHaveLength(2);
    expect((await lastNotice(p.id)).delivery.sms.status).toBe('capped');
    clock += 24 * HOUR; // the next day the cap starts again
    await t.services.notifier.notify(p.id, approved(`cap-next-${p.id}`));
    expect(sms.to(p.phone)).toHaveLength(3);
  });

  it('honours an opt-out per kind, stored in the person\'s settings', async () => {
    const p = await person();
    expect((await t.request('PUT', '/api/me/notice-settings', { token: p.token, body: { smsOptOut: ['nonsense'] } })).status).toBe(400);
    const put = await t.request('PUT', '/api/me/notice-settings', { token: p.token, body: { smsOptOut: ['registration.approved'] } });
    expect(put.status).toBe(200);
    expect((await t.request('GET', '/api/me/notice-settings', { token: p.token })).body.smsOptOut).toEqual(['registration.approved']);
    await t.services.notifier.notify(p.id, approved(`optout-${p.id}`));
    expect((await lastNotice(p.id)).delivery.sms.status).toBe('opted_out');
    await t.services.notifier.notify(p.id, { kind: 'policy.application', title: '政策申请已通过', body: '补贴将发放', dedupeKey: `optout-pol-${p.id}` });
    expect((await lastNotice(p.id)).delivery.sms.status).toBe('sent');
    expect(sms.to(p.phone)).toHaveLength(1);
  });
});

describe('message center', () => {
  it('lists newest first with targets, pages, counts unread, marks one and all read', async () => {
    const p = await person();
    for (let i = 0; i < 5; i++) {
      clock = chinaToday(10) + i * 1000;
      await t.services.notifier.notify(p.id, { kind: 'gig.applied', title: `第${i}条`, body: '打开看看', page: `/packages/employer/pages/gig/index?id=g${i}` });
    }
    const first = await t.request('GET', '/api/notifications?pageSize=2', { token: p.token });
    expect(first.body).toMatchObject({ unread: 5, total: 5, page: 1, pageSize: 2 });
    expect(first.body.items.map((n: { title: string }) => n.title)).toEqual(['第4条', '第3条']);
    expect(first.body.items[0].target).toEqual({ page: '/packages/employer/pages/gig/index', id: 'g4' });
    const third = await t.request('GET', '/api/notifications?pageSize=2&page=3', { token: p.token });
    expect(third.body.items.map((n: { title: string }) => n.title)).toEqual(['第0条']);
    expect((await t.request('GET', '/api/notifications?page=0', { token: p.token })).status).toBe(400);

    expect((await t.request('POST', `/api/notifications/${first.body.items[0].id}/read`, { token: p.token })).status).toBe(200);
    expect((await t.request('GET', '/api/notifications/unread-count', { token: p.token })).body).toEqual({ unread: 4 });
    const unreadOnly = await t.request('GET', '/api/notifications?unread=true', { token: p.token });
    expect(unreadOnly.body.items).toHaveLength(4);

    const other = await person();
    expect((await t.request('POST', `/api/notifications/${first.body.items[1].id}/read`, { token: other.token })).status).toBe(404);
    expect((await t.request('POST', '/api/notifications/read-all', { token: other.token })).body).toEqual({ marked: 0 });
    expect((await t.request('GET', '/api/notifications/unread-count', { token: p.token })).body).toEqual({ unread: 4 });

    expect((await t.request('POST', '/api/notifications/read-all', { token: p.token })).body).toEqual({ marked: 4 });
    expect((await t.request('GET', '/api/notifications/unread-count', { token: p.token })).body).toEqual({ unread: 0 });
  });
});
