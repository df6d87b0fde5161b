import { Types } from 'mongoose';
import { startTestApp, type TestApp } from './support/harness';
import {
  DAOLI, GIG_NOW, applicationAt, employerSession, gigBody, notificationCount, onboardBody, parallel, postGig, staffSession, statusCounts, workerSession, type Session,
} from './support/gig-helpers';

/**
 * Staff decisions on employers stick (issue 15, item 3): a rejected employer cannot publish at once
 * by re-submitting or switching to 承诺制; rejection and suspension close its open gigs and tell the
 * applicants why; a takedown after reports can escalate to suspension; the 承诺制 acceptance records
 * whose commitment it rests on. Plus the per-employer daily posting cap.
 */
let t: TestApp;
let staff: Session;
let now = GIG_NOW;
const CAP = 4;

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true', SMS_IP_HOURLY_LIMIT: '10000', GIG_DAILY_POST_CAP: String(CAP), EMPLOYER_COMMITMENT_KINDS: 'individual_business,household' }, deps: { now: () => now } });
  staff = await staffSession(t);
});
afterAll(() => t.close());
beforeEach(() => { now = GIG_NOW; });

const req = (method: string, path: string, token?: string, body?: unknown) => t.request(method, path, { token, body });
const oid = (id: string) => new Types.ObjectId(id);
const HOUSEHOLD = { kind: 'household', name: '李秀兰', creditCode: undefined, address: '道里区安静街 12 号' };
const nearbyIds = async () => (await req('GET', `/api/gigs/nearby?lat=${DAOLI.lat}&lng=${DAOLI.lng}&radiusKm=1&pageSize=50`)).body.items.map((g: { id: string }) => g.id);

describe('承诺制 acceptance', () => {
  it('is refused for kinds the deployment does not allow (here: enterprises), naming the field', async () => {
    const w = await workerSession(t);
    const token = (await req('POST', '/api/me/role', w.token, { role: 'employer' })).body.accessToken;
    const r = await req('POST', '/api/employer/profile', token, onboardBody({ commitment: true, commitmentAgreed: true }));
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { field: string }) => d.field)).toContain('commitment');
    expect(r.body.error.message).toContain('企业不能选择承诺制');
    expect(r.body.error.code).toBe('COMMITMENT_NOT_ALLOWED');
    expect((await req('GET', '/api/employer/profile', token)).body.employer).toBeNull();
  });

  it('records whose commitment it rests on, when and to which text; staff confirmation records who checked it', async () => {
    const e = await employerSession(t, { verify: false, profile: { ...HOUSEHOLD, contactName: '李秀兰', commitment: true, commitmentAgreed: true } });
    const p = (await req('GET', '/api/employer/profile', e.token)).body.employer;
    expect(p).toMatchObject({ status: 'commitment', canPublishAtOnce: true });
    expect(p.commitmentRecord).toMatchObject({ contactName: '李秀兰', version: expect.any(String), kind: 'household', confirmedAt: null, confirmedByName: null });
    expect(Date.parse(p.commitmentRecord.acceptedAt)).toBe(GIG_NOW);
    const v = await req('POST', `/api/staff/employers/${e.employerId}/review`, staff.token, { decision: 'approve' });
    expect(v.status).toBe(200);
    expect(v.body.commitmentRecord).toMatchObject({ confirmedByName: '测试经办', contactName: '李秀兰' });
    const stored = await t.conn.collection('employers').findOne({ _id: oid(e.employerId) });
    expect(stored!.commitmentRecord.confirmedBy.toString()).toBe(staff.userId);
  });
});

describe('rejection sticks', () => {
  it('a rejected employer re-submitting with 承诺制 goes back to the queue (pending); its next gig is not published', async () => {
    const e = await employerSession(t, { verify: false, profile: { ...HOUSEHOLD, kind: 'individual_business', name: '道里区老王搬家服务部', creditCode: '91350100M000100Y43' } });
    expect((await req('POST', `/api/staff/employers/${e.employerId}/review`, staff.token, { decision: 'reject', reason: '营业执照与名称不符' })).status).toBe(200);
    const again = await req('POST', '/api/employer/profile', e.token, onboardBody({ kind: 'individual_business', name: '道里区老王搬家服务部', commitment: true, commitmentAgreed: true }));
    expect(again.status).toBe(200);
    expect(again.body.employer).toMatchObject({ status: 'pending', canPublishAtOnce: false, commitment: true });
    expect(again.body.employer.commitmentRecord).toMatchObject({ contactName: '张经理' });
    // Submitting once more (now from pending) does not unlock 承诺制 either.
    const third = await req('POST', '/api/employer/profile', e.token, onboardBody({ kind: 'individual_business', name: '道里区老王搬家服务部', address: '道里区安静街 11 号', commitment: true, commitmentAgreed: true }));
    expect(third.body.employer.status).toBe('pending');
    const queue = (await req('GET', '/api/staff/employers/review', staff.token)).body.items.map((i: { id: string }) => i.id);
    expect(queue).toContain(e.employerId);

    const posted = await req('POST', '/api/employer/gigs', e.token, gigBody({ title: '搬家帮手两名' }));
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ published: false, gig: { status: 'review', commitment: false } });
    expect(await nearbyIds()).not.toContain(posted.body.gig.id);
    // Verified after the re-submission: 承诺制 barred no more, it publishes at once.
    expect((await req('POST', `/api/staff/employers/${e.employerId}/review`, staff.token, { decision: 'approve' })).body.status).toBe('verified');
    const next = await req('POST', '/api/employer/gigs', e.token, gigBody({ title: '搬家帮手三名' }));
    expect(next.body.published).toBe(true);
  });

  it('rejecting closes the open gigs, declines and tells waiting applicants why, warns hired ones', async () => {
    const e = await employerSession(t, { verify: false, profile: { ...HOUSEHOLD, commitment: true, commitmentAgreed: true } });
    const waiting = await applicationAt(t, e, 'applied', { title: '家庭保洁半天', date: '2026-03-11' });
    const hired = await applicationAt(t, e, 'accepted', { title: '家庭保洁一天', date: '2026-03-11' });
    expect(await nearbyIds()).toEqual(expect.arrayContaining([waiting.gig, hired.gig]));
    const r = await req('POST', `/api/staff/employers/${e.employerId}/review`, staff.token, { decision: 'reject', reason: '身份信息不实' });
    expect(r.body.status).toBe('rejected');
    for (const g of [waiting.gig, hired.gig]) {
      const d = await t.conn.collection('gigs').findOne({ _id: oid(g) });
      expect(d).toMatchObject({ status: 'closed' });
      expect(d!.reviewNote).toContain('身份信息不实');
    }
    expect(await nearbyIds()).not.toContain(waiting.gig);
    expect((await req('GET', '/api/me/gig-applications', waiting.w.token)).body.items[0].status).toBe('declined');
    const told = (await req('GET', '/api/notifications', waiting.w.token)).body.items.find((n: { kind: string }) => n.kind === 'gig.declined');
    expect(told.body).toContain('身份信息不实');
    const warned = (await req('GET', '/api/notifications', hired.w.token)).body.items.find((n: { kind: string }) => n.kind === 'gig.employer_blocked');
    expect(warned.body).toContain('身份信息不实');
    expect((await req('POST', `/api/gigs/${waiting.gig}/apply`, (await workerSession(t)).token)).status).toBe(409);
    // Nor can it post, or have staff approve a gig it had in review.
    expect((await req('POST', '/api/employer/gigs', e.token, gigBody())).status).toBe(409);
  });

  it('a gig still in review cannot be approved once its employer is rejected', async () => {
    const e = await employerSession(t, { verify: false });
    const gig = await postGig(t, e);
    await req('POST', `/api/staff/employers/${e.employerId}/review`, staff.token, { decision: 'reject', reason: '资质不全' });
    expect((await t.conn.collection('gigs').findOne({ _id: oid(gig) }))!.status).toBe('closed');
    // Even if the closing after-effect had been lost (the process died in between), approval is refused.
    await t.conn.collection('gigs').updateOne({ _id: oid(gig) }, { $set: { status: 'review' } });
    const r = await req('POST', `/api/staff/gigs/${gig}/review`, staff.token, { decision: 'approve' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('EMPLOYER_BLOCKED');
  });
});

describe('suspension', () => {
  it('closes open gigs, refuses posting; a re-submission goes back to review', async () => {
    const e = await employerSession(t, { staff });
    const a = await applicationAt(t, e, 'applied');
    const s = await req('POST', `/api/staff/employers/${e.employerId}/suspend`, staff.token, { reason: '拖欠工钱' });
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ status: 'suspended', canPublishAtOnce: false });
    expect((await t.conn.collection('gigs').findOne({ _id: oid(a.gig) }))!.status).toBe('closed');
    expect((await req('GET', '/api/notifications', a.w.token)).body.items.find((n: { kind: string }) => n.kind === 'gig.declined').body).toContain('拖欠工钱');
    const refused = await req('POST', '/api/employer/gigs', e.token, gigBody());
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('EMPLOYER_SUSPENDED');
    const again = await req('POST', '/api/employer/profile', e.token, onboardBody());
    expect(again.body.employer.status).toBe('pending');
    expect((await req('POST', '/api/employer/gigs', e.token, gigBody())).body.published).toBe(false);
    expect((await req('POST', `/api/staff/employers/${e.employerId}/suspend`, staff.token, {})).status).toBe(400);
  });

  it('a takedown after reports can escalate to suspending the employer', async () => {
    const e = await employerSession(t, { staff });
    const reported = await postGig(t, e, { title: '高薪日结搬运工' });
    const other = await applicationAt(t, e, 'applied', { title: '仓库整理两人' });
    const w = await workerSession(t);
    await req('POST', `/api/gigs/${reported}/report`, w.token, { reason: 'fake', detail: '到了地方没有这个活' });
    const reportId = (await req('GET', '/api/staff/gig-reports', staff.token)).body.items.find((r: { gigId: string }) => r.gigId === reported).id;
    const bad = await req('POST', `/api/staff/gig-reports/${reportId}/decide`, staff.token, { decision: 'dismiss', suspendEmployer: true });
    expect(bad.status).toBe(400);
    const r = await req('POST', `/api/staff/gig-reports/${reportId}/decide`, staff.token, { decision: 'takedown', reason: '虚假招聘', suspendEmployer: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ gigStatus: 'rejected', reportsHandled: 1, employerSuspended: true, gigsClosed: 2 });
    expect((await t.conn.collection('employers').findOne({ _id: oid(e.employerId) }))!.status).toBe('suspended');
    expect((await t.conn.collection('gigs').findOne({ _id: oid(other.gig) }))!.status).toBe('closed');
    expect(await notificationCount(t, other.w.userId, 'gig.declined')).toBe(1);
    expect((await req('GET', '/api/staff/gig-reports', staff.token)).body.items.map((x: { id: string }) => x.id)).not.toContain(reportId);
  });
});

describe('daily posting cap', () => {
  it(`allows ${CAP} gigs a day per employer, then 429 in Chinese; the next day again`, async () => {
    const e = await employerSession(t, { staff });
    for (let i = 0; i < CAP; i++) expect((await req('POST', '/api/employer/gigs', e.token, gigBody({ title: `搬运工第 ${i + 1} 批` }))).status).toBe(201);
    const over = await req('POST', '/api/employer/gigs', e.token, gigBody());
    expect(over.status).toBe(429);
    expect(over.body.error.message).toContain(`${CAP} 条`);
    expect(over.body.error.code).toBe('GIG_DAILY_POST_CAP');
    // A refused posting (bad input) does not use up the day's count; another employer is not affected.
    expect((await req('POST', '/api/employer/gigs', (await employerSession(t, { staff })).token, gigBody())).status).toBe(201);
    now = GIG_NOW + 86_400_000;
    expect((await req('POST', '/api/employer/gigs', e.token, gigBody({ date: '2026-03-12' }))).status).toBe(201);
  });

  it('20 posts at once take exactly the cap', async () => {
    const e = await employerSession(t, { staff });
    const rs = await parallel(20, (i) => req('POST', '/api/employer/gigs', e.token, gigBody({ title: `并发发布第 ${i} 单` })));
    expect(statusCounts(rs)).toEqual({ 201: CAP, 429: 20 - CAP });
    expect(await t.conn.collection('gigs').countDocuments({ employerId: oid(e.employerId) })).toBe(CAP);
  });

  it('invalid postings do not count', async () => {
    const e = await employerSession(t, { staff });
    for (let i = 0; i < CAP + 2; i++) expect((await req('POST', '/api/employer/gigs', e.token, gigBody({ payAmount: 10 }))).status).toBe(400);
    expect((await req('POST', '/api/employer/gigs', e.token, gigBody())).status).toBe(201);
  });
});
