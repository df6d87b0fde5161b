import { Types } from 'mongoose';
import { loadConfig } from '../src/config';
import { startTestApp, nextPhone, smsLogin, type TestApp } from './support/harness';
import { DAOLI, GIG_NOW, gigBody, nextIp, onboardBody, staffSession, workerSession, type Session } from './support/gig-helpers';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in';

/**
 * Content security (msgSecCheck 2.0) of the texts others see — gig postings, employer names, reports —
 * against the local WeChat stand-in: pass → published, review → held until staff approve, risky →
 * 400 naming the field with nothing written, WeChat unreachable or erroring → held, no openid → held.
 */
let wx: WechatStandIn;
let t: TestApp;
let staff: Session;
let otherStaff: Session;
let seq = 0;

const REVIEW_WORD = '兼职刷单';
const RISKY_WORD = '赌博网站';

beforeAll(async () => {
  wx = await startWechatStandIn();
  t = await startTestApp({
    env: { WECHAT_API_BASE: wx.url, CONTENT_CHECK: 'wechat', WECHAT_TIMEOUT_MS: '1000', TRUST_PROXY: 'true', SMS_IP_HOURLY_LIMIT: '10000', RATE_WECHAT_LOGIN_PER_MINUTE: '10000' },
    deps: { now: () => GIG_NOW },
  });
  staff = await staffSession(t);
  const phone = nextPhone();
  await t.services.auth.upsertStaff(phone, '南岗经办', '南岗区公共就业服务中心');
  const s = await smsLogin(t, phone, nextIp());
  otherStaff = { token: s.accessToken, userId: s.user.id, phone };
});
afterAll(async () => { await t.close(); await wx.close(); });
beforeEach(() => {
  wx.setMsgSecAnswer('pass');
  wx.msgSecWords.clear();
  wx.msgSecWords.set(REVIEW_WORD, { suggest: 'review', label: 20008 });
  wx.msgSecWords.set(RISKY_WORD, { suggest: 'risky', label: 20006 });
});

const req = (method: string, path: string, token?: string, body?: unknown) => t.request(method, path, { token, body });
const secCalls = () => wx.calls.filter((c) => c.path === '/wxa/msg_sec_check');

/** A person signed in through the mini-program (so WeChat knows their openid). */
async function wechatLogin(): Promise<Session & { openid: string }> {
  seq += 1;
  const openid = `o-content-${process.pid}-${seq}`;
  const r = await t.request('POST', '/api/auth/wechat/login', { body: { code: `ok:${openid}` }, headers: { 'x-forwarded-for': nextIp() } });
  if (r.status !== 200) throw new Error(`wechat login failed: ${JSON.stringify(r.body)}`);
  return { token: r.body.accessToken, userId: r.body.user.id, phone: '', openid };
}

async function asEmployer(s: Session): Promise<string> {
  return (await req('POST', '/api/me/role', s.token, { role: 'employer' })).body.accessToken as string;
}

/** A WeChat-signed-in employer, verified by staff unless told otherwise. */
async function wechatEmployer(opts: { verify?: boolean; profile?: Record<string, unknown> } = {}) {
  const w = await wechatLogin();
  const token = await asEmployer(w);
  const p = await req('POST', '/api/employer/profile', token, onboardBody(opts.profile));
  if (p.status !== 200) throw new Error(`onboard failed: ${JSON.stringify(p.body)}`);
  const employerId = p.body.employer.id as string;
  if (opts.verify !== false) {
    const r = await req('POST', `/api/staff/employers/${employerId}/review`, staff.token, { decision: 'approve' });
    if (r.status !== 200) throw new Error(`verify failed: ${JSON.stringify(r.body)}`);
  }
  return { ...w, token, employerId };
}

const nearbyIds = async () => (await req('GET', `/api/gigs/nearby?lat=${DAOLI.lat}&lng=${DAOLI.lng}&radiusKm=1&sort=newest&pageSize=50`)).body.items.map((g: { id: string }) => g.id) as string[];
const gigDoc = (id: string) => t.services.gigs.models.Gig.findById(id).lean();

describe('gig postings', () => {
  it('pass: every shown text is checked (version 2, scene 论坛, the poster\'s openid) and the gig is published', async () => {
    const emp = await wechatEmployer();
    const before = secCalls().length;
    const r = await req('POST', '/api/employer/gigs', emp.token, gigBody({ requirements: '能干重活' }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ published: true, held: false });
    expect(await nearbyIds()).toContain(r.body.gig.id);
    const calls = secCalls().slice(before);
    expect(calls.map((c) => (c.body as { content: string }).content).sort()).toEqual(['仓库搬运装卸工', '道里区安静街 10 号仓库', '能干重活', '张经理'].sort());
    for (const c of calls) expect(c.body).toMatchObject({ version: 2, scene: 3, openid: emp.openid });
  });

  it('review: held for staff (not public), shown in the staff queues with the reason; approving publishes it', async () => {
    const emp = await wechatEmployer();
    const r = await req('POST', '/api/employer/gigs', emp.token, gigBody({ requirements: `日结，另有${REVIEW_WORD}` }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ published: false, held: true, message: '已提交，审核通过后发布' });
    const id = r.body.gig.id as string;
    expect(r.body.gig.status).toBe('review');
    expect(await nearbyIds()).not.toContain(id);
    expect((await req('GET', `/api/gigs/${id}`)).status).toBe(404);
    expect((await gigDoc(id))!.contentHold).toMatchObject({ reason: 'review', fields: ['requirements'], labels: [20008] });

    const queue = (await req('GET', '/api/staff/gigs/review', staff.token)).body.items.find((g: { id: string }) => g.id === id);
    expect(queue.contentHoldText).toContain('岗位要求');
    expect(queue.contentHoldText).toContain('欺诈');
    const inbox = await req('GET', '/api/staff/workbench?queue=gig', staff.token);
    expect(inbox.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ statusLabel: '内容待复核' });
    const detail = await req('GET', `/api/staff/workbench/gig/${id}`, staff.token);
    expect(detail.body.fields[0]).toMatchObject({ label: '内容安全' });
    // Another center's staff cannot see or decide it.
    expect((await req('GET', '/api/staff/workbench?queue=gig', otherStaff.token)).body.items.some((i: { id: string }) => i.id === id)).toBe(false);
    expect((await req('POST', `/api/staff/workbench/gig/${id}/decision`, otherStaff.token, { decision: 'approve' })).status).toBe(404);

    const ok = await req('POST', `/api/staff/workbench/gig/${id}/decision`, staff.token, { decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(await nearbyIds()).toContain(id);
    expect((await req('GET', `/api/gigs/${id}`)).status).toBe(200);
  });

  it('risky: 400 naming the field in Chinese, and nothing is written (not even the daily count)', async () => {
    const emp = await wechatEmployer();
    const count = () => t.services.gigs.models.Gig.countDocuments({ employerId: new Types.ObjectId(emp.employerId) });
    const r = await req('POST', '/api/employer/gigs', emp.token, gigBody({ title: `招人推广${RISKY_WORD}` }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'CONTENT_RISKY', message: '岗位标题含有违规内容，请修改后再发布' });
    expect(r.body.error.details[0]).toMatchObject({ field: 'title' });
    const addr = await req('POST', '/api/employer/gigs', emp.token, gigBody({ place: { ...DAOLI, address: `道里区${RISKY_WORD}楼下` } }));
    expect(addr.status).toBe(400);
    expect(addr.body.error.details[0].field).toBe('place.address');
    expect(await count()).toBe(0);
    const e = await t.services.employers.Employer.findById(emp.employerId).lean();
    expect(e!.postCount ?? 0).toBe(0);
  });

  it.each([
    ['unreachable', 'unreachable' as const],
    ['WeChat busy (-1)', { errcode: -1 }],
    ['user not seen lately (61010)', { errcode: 61010 }],
    ['an HTTP 500', 'http-500' as const],
  ])('%s: held for staff review, never published unchecked', async (_name, answer) => {
    const emp = await wechatEmployer();
    wx.setMsgSecAnswer(answer);
    const r = await req('POST', '/api/employer/gigs', emp.token, gigBody());
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ published: false, held: true });
    expect(await nearbyIds()).not.toContain(r.body.gig.id);
    expect((await gigDoc(r.body.gig.id))!.contentHold).toMatchObject({ reason: 'unavailable' });
    const queue = (await req('GET', '/api/staff/gigs/review', staff.token)).body.items.find((g: { id: string }) => g.id === r.body.gig.id);
    expect(queue.contentHoldText).toContain('没有结果');
  });

  it('a person signed in by SMS has no openid (msgSecCheck 2.0 requires one): held, WeChat not called', async () => {
    const w = await workerSession(t);
    const token = await asEmployer(w);
    const p = await req('POST', '/api/employer/profile', token, onboardBody({ name: '哈尔滨短信登录商贸有限公司' }));
    await req('POST', `/api/staff/employers/${p.body.employer.id}/review`, staff.token, { decision: 'approve' });
    const before = secCalls().length;
    const r = await req('POST', '/api/employer/gigs', token, gigBody());
    expect(r.body).toMatchObject({ published: false, held: true });
    expect((await gigDoc(r.body.gig.id))!.contentHold).toMatchObject({ reason: 'no_openid' });
    expect(secCalls().length).toBe(before);
  });

  it('gets a fresh access token once when WeChat says the cached one is invalid (40001)', async () => {
    const emp = await wechatEmployer();
    wx.invalidateAccessToken();
    const r = await req('POST', '/api/employer/gigs', emp.token, gigBody());
    expect(r.body).toMatchObject({ published: true, held: false });
  });

  it('idempotent posting: a repeat of a stored tap is that gig and is not checked again; 10 parallel taps make one gig', async () => {
    const emp = await wechatEmployer();
    const body = gigBody({ idempotencyKey: 'content-key-0001', requirements: REVIEW_WORD });
    const first = await req('POST', '/api/employer/gigs', emp.token, body);
    expect(first.body.held).toBe(true);
    const before = secCalls().length;
    const again = await req('POST', '/api/employer/gigs', emp.token, body);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ held: true, message: '已提交，审核通过后发布' });
    expect(again.body.gig.id).toBe(first.body.gig.id);
    expect(secCalls().length).toBe(before);

    const burst = await Promise.all(Array.from({ length: 10 }, () => req('POST', '/api/employer/gigs', emp.token, gigBody({ idempotencyKey: 'content-key-0002' }))));
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(burst.map((r) => r.body.gig.id)).size).toBe(1);
    expect(await t.services.gigs.models.Gig.countDocuments({ employerId: new Types.ObjectId(emp.employerId), idempotencyKey: 'content-key-0002' })).toBe(1);
  });
});

describe('employer onboarding (the name shown on every posting)', () => {
  it('pass: 承诺制 still publishes at once; a contact-only change is not checked again', async () => {
    const w = await wechatLogin();
    const token = await asEmployer(w);
    const before = secCalls().length;
    const r = await req('POST', '/api/employer/profile', token, onboardBody({ name: '哈尔滨通过检查物流有限公司', commitment: true, commitmentAgreed: true }));
    expect(r.status).toBe(200);
    expect(r.body.employer).toMatchObject({ status: 'commitment', canPublishAtOnce: true });
    expect(secCalls().slice(before).map((c) => c.body)).toEqual([{ version: 2, openid: w.openid, scene: 1, content: '哈尔滨通过检查物流有限公司' }]);
    const n = secCalls().length;
    const contact = await req('POST', '/api/employer/profile', token, onboardBody({ name: '哈尔滨通过检查物流有限公司', commitment: true, commitmentAgreed: true, contactPhone: '13800000199' }));
    expect(contact.status).toBe(200);
    expect(secCalls().length).toBe(n);
  });

  it('review: no 承诺制, waits in the staff queues marked; its postings wait; staff approval lets it publish', async () => {
    const w = await wechatLogin();
    const token = await asEmployer(w);
    const name = `哈尔滨${REVIEW_WORD}服务有限公司`;
    const r = await req('POST', '/api/employer/profile', token, onboardBody({ name, commitment: true, commitmentAgreed: true }));
    expect(r.status).toBe(200);
    expect(r.body.employer).toMatchObject({ status: 'pending', canPublishAtOnce: false });
    const id = r.body.employer.id as string;
    // The same submission again (no new check) keeps waiting: the hold is not lost.
    const again = await req('POST', '/api/employer/profile', token, onboardBody({ name, commitment: true, commitmentAgreed: true, address: '道里区安静街 12 号' }));
    expect(again.body.employer).toMatchObject({ status: 'pending', canPublishAtOnce: false });

    const queue = (await req('GET', '/api/staff/employers/review', staff.token)).body.items.find((e: { id: string }) => e.id === id);
    expect(queue.contentHoldText).toContain('用人主体名称');
    const inbox = await req('GET', '/api/staff/workbench?queue=employer', staff.token);
    expect(inbox.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ statusLabel: '名称待内容复核' });
    const early = await req('POST', '/api/employer/gigs', token, gigBody());
    expect(early.body.published).toBe(false);
    expect(await nearbyIds()).not.toContain(early.body.gig.id);

    expect((await req('POST', `/api/staff/workbench/employer/${id}/decision`, otherStaff.token, { decision: 'approve' })).status).toBe(404);
    expect((await req('POST', `/api/staff/workbench/employer/${id}/decision`, staff.token, { decision: 'approve' })).status).toBe(200);
    const later = await req('POST', '/api/employer/gigs', token, gigBody());
    expect(later.body).toMatchObject({ published: true, held: false });
    expect((await req('GET', '/api/staff/employers/review', staff.token)).body.items.some((e: { id: string }) => e.id === id)).toBe(false);
  });

  it('risky: 400 naming the name, no employer written', async () => {
    const w = await wechatLogin();
    const token = await asEmployer(w);
    const r = await req('POST', '/api/employer/profile', token, onboardBody({ name: `${RISKY_WORD}有限公司` }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'CONTENT_RISKY', message: '用人主体名称含有违规内容，请修改后再提交' });
    expect(r.body.error.details[0].field).toBe('name');
    expect((await req('GET', '/api/employer/profile', token)).body.employer).toBeNull();
  });

  it('unreachable: the submission waits for staff (pending, even with 承诺制)', async () => {
    const w = await wechatLogin();
    const token = await asEmployer(w);
    wx.setMsgSecAnswer('unreachable');
    const r = await req('POST', '/api/employer/profile', token, onboardBody({ name: '哈尔滨断网时登记有限公司', commitment: true, commitmentAgreed: true }));
    expect(r.status).toBe(200);
    expect(r.body.employer.status).toBe('pending');
    const e = await t.services.employers.Employer.findById(r.body.employer.id).lean();
    expect(e!.contentHold).toMatchObject({ reason: 'unavailable', fields: ['name'] });
  });
});

describe('reports (read by staff only)', () => {
  async function openGig() {
    const emp = await wechatEmployer();
    const r = await req('POST', '/api/employer/gigs', emp.token, gigBody());
    return r.body.gig.id as string;
  }
  const reportsOf = async (gig: string) => (await req('GET', '/api/staff/gig-reports', staff.token)).body.items.filter((r: { gigId: string }) => r.gigId === gig);

  it('pass: stored for staff as written (scene 评论)', async () => {
    const gig = await openGig();
    const w = await wechatLogin();
    const before = secCalls().length;
    expect((await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'fake', detail: '到了地方没有这个活' })).status).toBe(200);
    expect(secCalls().slice(before).map((c) => c.body)).toEqual([{ version: 2, openid: w.openid, scene: 2, content: '到了地方没有这个活' }]);
    expect(await reportsOf(gig)).toEqual([expect.objectContaining({ detail: '到了地方没有这个活', contentHoldText: null })]);
  });

  it('review: stored and marked for the staff member who handles it', async () => {
    const gig = await openGig();
    const w = await wechatLogin();
    expect((await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'other', detail: `老板让${REVIEW_WORD}` })).status).toBe(200);
    const [rep] = await reportsOf(gig);
    expect(rep.contentHoldText).toContain('情况说明');
    const inbox = await req('GET', '/api/staff/workbench?queue=report', staff.token);
    expect(inbox.body.items.find((i: { id: string }) => i.id === rep.id)).toMatchObject({ statusLabel: '待处理 · 说明待内容复核' });
    expect((await req('GET', `/api/staff/workbench/report/${rep.id}`, staff.token)).body.fields[0].label).toBe('内容安全');
    expect((await req('POST', `/api/staff/workbench/report/${rep.id}/decision`, staff.token, { decision: 'dismiss' })).status).toBe(200);
    expect(await reportsOf(gig)).toEqual([]);
  });

  it('risky: 400 naming the field and nothing written, so a corrected report goes through', async () => {
    const gig = await openGig();
    const w = await wechatLogin();
    const bad = await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'fake', detail: `去${RISKY_WORD}` });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'CONTENT_RISKY', message: '情况说明含有违规内容，请修改后再提交' });
    expect(bad.body.error.details[0].field).toBe('detail');
    expect(await t.services.gigs.models.GigReport.countDocuments({ gigId: new Types.ObjectId(gig) })).toBe(0);
    expect((await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'fake', detail: '没有这个活' })).status).toBe(200);
  });

  it('unreachable: stored and marked; an empty detail needs no check', async () => {
    const gig = await openGig();
    const w = await wechatLogin();
    wx.setMsgSecAnswer('unreachable');
    expect((await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'fake', detail: '没有这个活' })).status).toBe(200);
    expect((await reportsOf(gig))[0].contentHoldText).toContain('没有结果');
    const before = secCalls().length;
    expect((await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'other' })).status).toBe(200);
    expect(secCalls().length).toBe(before);
  });
});

describe('CONTENT_CHECK configuration', () => {
  it('defaults to wechat in production and off elsewhere; production refuses off', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), SMS_PROVIDER: 'http', SMS_API_BASE: 'http://sms.local', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's1' };
    expect(loadConfig(prod).CONTENT_CHECK).toBe('wechat');
    expect(loadConfig({ NODE_ENV: 'development' }).CONTENT_CHECK).toBe('off');
    expect(() => loadConfig({ ...prod, CONTENT_CHECK: 'off' })).toThrow(/CONTENT_CHECK/);
    expect(loadConfig({ ...prod, CONTENT_CHECK: 'review' }).CONTENT_CHECK).toBe('review');
  });

  it('review mode (no WeChat, e.g. H5 only): every shown text waits for staff and WeChat is never called', async () => {
    const h5 = await startTestApp({ env: { WECHAT_API_BASE: wx.url, CONTENT_CHECK: 'review', TRUST_PROXY: 'true', SMS_IP_HOURLY_LIMIT: '10000' }, deps: { now: () => GIG_NOW } });
    try {
      const before = secCalls().length;
      const s = await staffSession(h5);
      const w = await workerSession(h5);
      const token = (await h5.request('POST', '/api/me/role', { token: w.token, body: { role: 'employer' } })).body.accessToken;
      const p = await h5.request('POST', '/api/employer/profile', { token, body: onboardBody({ commitment: true, commitmentAgreed: true }) });
      expect(p.body.employer.status).toBe('pending');
      await h5.request('POST', `/api/staff/employers/${p.body.employer.id}/review`, { token: s.token, body: { decision: 'approve' } });
      const r = await h5.request('POST', '/api/employer/gigs', { token, body: gigBody() });
      expect(r.body).toMatchObject({ published: false, held: true });
      expect((await h5.services.gigs.models.Gig.findById(r.body.gig.id).lean())!.contentHold).toMatchObject({ reason: 'manual' });
      expect(secCalls().length).toBe(before);
    } finally { await h5.close(); }
  });
});
