import { SENSITIVE_CONSENT } from '@doorstep/shared';
import { subjectFromDedupeKey, noticeSubjects } from '../src/modules/notifications/migrate-subject';
import { Consistency } from '../src/db/consistency';
import { must, nextPhone, startTestApp, type TestApp } from './support/harness';
import { idNumber } from './support/ids';
import { startSmsStandIn, type SmsStandIn } from './support/sms-stand-in';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in';

/**
 * The delivery record where people look (issue 11, part 4): the person's own message says which other
 * channels carried it; staff see on the case how each notice reached the person — over the real WeChat
 * and SMS stand-ins, with quiet hours on an injected clock.
 */
const T0 = Date.parse('2026-03-10T09:00:00+08:00'); // a Tuesday
let clock = T0;
let t: TestApp;
let wx: WechatStandIn;
let sms: SmsStandIn;
let ip = 0;
let seq = 700;
let staff: string;
let otherStaff: string;
const TEMPLATES = { 'registration.approved': 'TPL_REG', default: 'TPL_DEFAULT' };

const staffLogin = async (center: string) => {
  const phone = nextPhone();
  await t.services.auth.upsertStaff(phone, `经办${phone.slice(-4)}`, center, 'center');
  // SMS goes to the stand-in here (not the development outbox), so the code is read from there.
  const headers = { 'x-forwarded-for': `10.71.0.${++ip}` };
  await must(t.request('POST', '/api/auth/sms/send', { body: { phone }, headers }));
  const code = /验证码 (\d{6})/.exec(sms.to(phone).join('\n'))![1];
  return (await must(t.request('POST', '/api/auth/sms/login', { body: { phone, code }, headers }))).accessToken as string;
};
/** A WeChat user with a bound phone, as most people are. */
async function person() {
  seq += 1;
  const openid = `case-${process.pid}-${seq}`;
  const phone = nextPhone();
  const login = await t.request('POST', '/api/auth/wechat/login', { body: { code: `ok:${openid}` } });
  const bound = await t.request('POST', '/api/auth/wechat/phone', { token: login.body.accessToken, body: { code: `phone:${phone}` } });
  expect(bound.status).toBe(200);
  return { id: login.body.user.id as string, token: (bound.body.accessToken ?? login.body.accessToken) as string, openid, phone };
}
const form = (id: string) => ({
  realName: '王淑芬', idType: 'resident_id', idNumber: id, retirementCategory: 'female_worker', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 2 号',
  hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某纺织厂', lastJobEndDate: '2026-02-28', education: 'senior',
  skills: ['缝纫'], certificates: [], desiredOccupations: ['缝纫工'], desiredDistricts: ['230102'], expectedMonthlyPay: 3500,
  workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
});
async function submitted(p: { token: string }) {
  seq += 2;
  const id = idNumber('230102', '1980-05-11', String(seq).padStart(3, '0'));
  await must(t.request('PUT', '/api/registration/draft', { token: p.token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(id) } }));
  return (await must(t.request('POST', '/api/registration/submit', { token: p.token, body: { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `case-reg-${seq}` } }))).registration.id as string;
}
const caseNotices = (regId: string, token = staff) => t.request('GET', `/api/staff/registrations/${regId}/notices`, { token });
const approvedOf = (body: { items: Array<{ kind: string; outcome: string; summary: string; delivery: any }> }) => body.items.find((n) => n.kind === "registration.approved")!;

beforeAll(async () => {
  wx = await startWechatStandIn();
  sms = await startSmsStandIn();
  t = await startTestApp({
    env: { TRUST_PROXY: 'true', WECHAT_API_BASE: wx.url, WECHAT_TEMPLATES: JSON.stringify(TEMPLATES), SMS_PROVIDER: 'http', SMS_API_BASE: sms.url, SMS_API_KEY: 'sms-test-key' },
    deps: { now: () => clock },
  });
  staff = await staffLogin('道里区公共就业服务中心');
  otherStaff = await staffLogin('南岗区公共就业服务中心');
});
afterAll(async () => { await t.close(); await wx.close(); await sms.close(); });
beforeEach(() => { clock = T0; });

describe('staff see on the registration how its notices reached the person', () => {
  it('approved late in the evening: held for the quiet hours, then 「已通过短信通知，…07:02 发送成功」; the person sees it on the message', async () => {
    const p = await person();
    const regId = await submitted(p);
    clock = Date.parse('2026-03-10T22:30:00+08:00');
    await must(t.request('POST', `/api/staff/registrations/${regId}/decision`, { token: staff, body: { decision: 'approve' } }));

    const held = approvedOf(await must(caseNotices(regId)));
    expect(held.outcome).toBe('pending');
    expect(held.delivery.wechat.status).toBe('no_grant');
    expect(held.delivery.sms).toMatchObject({ status: 'held', heldUntil: '2026-03-10T23:00:00.000Z' });
    expect(held.summary).toBe('用户没有订阅；短信在夜间不打扰时段，将于 3月11日 07:00 发送。本人尚未在消息中查看');
    expect(sms.to(p.phone)).toHaveLength(0);

    clock = Date.parse('2026-03-11T07:02:00+08:00');
    await t.services.notifier.releaseHeldSms();
    expect(sms.to(p.phone)).toHaveLength(1);
    const sent = approvedOf(await must(caseNotices(regId)));
    expect(sent.outcome).toBe('reached');
    expect(sent.summary).toBe('已通过短信通知，3月11日 07:02 发送成功。本人尚未在消息中查看');

    // The person's message shows the same record, worded for them; reading it shows on the case.
    const mine = await must(t.request('GET', '/api/notifications', { token: p.token }));
    const msg = mine.items.find((n: { kind: string }) => n.kind === 'registration.approved');
    expect(msg.delivery).toEqual(sent.delivery);
    clock = Date.parse('2026-03-11T08:15:00+08:00');
    await must(t.request('POST', `/api/notifications/${msg.id}/read`, { token: p.token }));
    expect(approvedOf(await must(caseNotices(regId))).summary).toBe('已通过短信通知，3月11日 07:02 发送成功。本人已在消息中查看（3月11日 08:15）');
  });

  it('「未能通知：用户拒绝订阅，且关闭了短信」 when WeChat answers 43101 and the person turned the text off', async () => {
    const p = await person();
    await must(t.request('PUT', '/api/me/notice-settings', { token: p.token, body: { smsOptOut: ['registration.approved'] } }));
    const regId = await submitted(p);
    await must(t.request('POST', '/api/notifications/subscriptions', { token: p.token, body: { requestId: `case-grant-${seq}`, results: { TPL_REG: 'accept' } } }));
    wx.subscribeAnswers.set(p.openid, 43101);
    await must(t.request('POST', `/api/staff/registrations/${regId}/decision`, { token: staff, body: { decision: 'approve' } }));
    const n = approvedOf(await must(caseNotices(regId)));
    expect(n.outcome).toBe('unreached');
    expect(n.delivery.wechat).toMatchObject({ status: 'refused', errcode: 43101 });
    expect(n.summary).toBe('未能通知：用户拒绝订阅，且关闭了短信。本人尚未在消息中查看');
  });

  it('WeChat delivered with a grant: 「已通过微信服务通知，09:00 送达」', async () => {
    const p = await person();
    const regId = await submitted(p);
    await must(t.request('POST', '/api/notifications/subscriptions', { token: p.token, body: { requestId: `case-grant-${seq}`, results: { TPL_REG: 'accept' } } }));
    await must(t.request('POST', `/api/staff/registrations/${regId}/decision`, { token: staff, body: { decision: 'approve' } }));
    const n = approvedOf(await must(caseNotices(regId)));
    expect([n.outcome, n.summary]).toEqual(['reached', '已通过微信服务通知，09:00 送达。本人尚未在消息中查看']);
    expect(sms.to(p.phone)).toHaveLength(0);
    // Every notice of the case is listed, newest first (the submission notice too).
    const all = (await must(caseNotices(regId))).items.map((x: { kind: string }) => x.kind);
    expect(all).toEqual(expect.arrayContaining(['registration.approved', 'registration.submitted']));
  });

  it('another center\'s staff and the person cannot read a case\'s notices', async () => {
    const p = await person();
    const regId = await submitted(p);
    expect((await caseNotices(regId, otherStaff)).status).toBe(404);
    expect((await caseNotices(regId, p.token)).status).toBe(403);
    expect((await t.request('GET', '/api/staff/registrations/not-an-id/notices', { token: staff })).status).toBe(400);
    expect((await t.request('GET', '/api/staff/insurance-claims/000000000000000000000000/notices', { token: staff })).status).toBe(404);
    expect((await t.request('GET', '/api/staff/policy-applications/000000000000000000000000/notices', { token: staff })).status).toBe(404);
  });
});

describe('notices written before cases were recorded on them', () => {
  it('the migration takes the case from the dedupe key, once', async () => {
    expect(subjectFromDedupeKey('registration:0123456789abcdef01234567:approved:3')).toBe('registration:0123456789abcdef01234567');
    expect(subjectFromDedupeKey('policy-app:0123456789abcdef01234567:2:approved')).toBe('policy-app:0123456789abcdef01234567');
    expect(subjectFromDedupeKey('gigsettled:0123456789abcdef01234567')).toBeNull();
    expect(subjectFromDedupeKey('registration:nope:x')).toBeNull();
    const p = await person();
    const regId = await submitted(p);
    const N = t.services.notifier.Notification;
    await N.updateMany({ userId: p.id }, { $set: { subject: null } });
    const consistency = new Consistency(t.conn);
    expect(await noticeSubjects.up({ conn: t.conn, consistency })).toBeGreaterThanOrEqual(1);
    expect((await N.findOne({ userId: p.id, kind: 'registration.submitted' }).lean())!.subject).toBe(`registration:${regId}`);
    expect(await noticeSubjects.up({ conn: t.conn, consistency })).toBe(0);
  });
});
