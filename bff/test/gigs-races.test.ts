import { HOME_LOCATION_CONSENT } from '@doorstep/shared';
import { Types } from 'mongoose';
import { startTestApp, type TestApp } from './support/harness';
import {
  DAOLI, GIG_NOW, applicationAt, employerSession, gigBody, notificationCount, onboardBody, parallel, postGig, staffSession, statusCounts, workerSession, type Session,
} from './support/gig-helpers';

/**
 * 20 identical parallel calls at every state-changing route of the gig market and employer modules
 * → exactly one effect (status, counters, amounts, ratings, notifications). FerretDB v1 does not make
 * conditional updates atomic, so each of these is a race unless it runs under Consistency.atomically.
 */
let t: TestApp;
let staff: Session;
const N = 20;

beforeAll(async () => {
  t = await startTestApp({
    env: { TRUST_PROXY: 'true', SMS_IP_HOURLY_LIMIT: '10000', QUICK_HIRE_DAILY_CAP: '2', GIG_DAILY_POST_CAP: '50' },
    deps: { now: () => GIG_NOW },
  });
  staff = await staffSession(t);
});
afterAll(() => t.close());

const req = (method: string, path: string, token?: string, body?: unknown) => t.request(method, path, { token, body });
const oid = (id: string) => new Types.ObjectId(id);
const app = (id: string) => t.conn.collection('gig_applications').findOne({ _id: oid(id) });
const employerDoc = (id: string) => t.conn.collection('employers').findOne({ _id: oid(id) });
const gigDoc = (id: string) => t.conn.collection('gigs').findOne({ _id: oid(id) });

describe('worker routes', () => {
  let emp: Session & { employerId: string };
  beforeAll(async () => { emp = await employerSession(t, { staff }); });

  it('rate the employer: 20 taps → one rating, the employer counted once', async () => {
    const { w, appId } = await applicationAt(t, emp, 'completed');
    const before = await employerDoc(emp.employerId);
    const rs = await parallel(N, () => req('POST', `/api/me/gig-applications/${appId}/rate`, w.token, { stars: 4, comment: '不错' }));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    const after = await employerDoc(emp.employerId);
    expect(after!.ratingCount - before!.ratingCount).toBe(1);
    expect(after!.ratingSum - before!.ratingSum).toBe(4);
    expect((await app(appId))!.employerRating.stars).toBe(4);
  });

  it('confirm pay: 20 taps with different amounts → one amount stored, one settled notice', async () => {
    const { w, appId } = await applicationAt(t, emp, 'completed');
    const rs = await parallel(N, (i) => req('POST', `/api/me/gig-applications/${appId}/confirm-pay`, w.token, { amount: 180 + i }));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    const ok = rs.find((r) => r.status === 200)!;
    const stored = await app(appId);
    expect(stored!.workerAmount).toBe(ok.body.settlement.workerAmount);
    // The employer then settles the same amount 20 times at once: settled once, one notice to the worker.
    const amount = stored!.workerAmount as number;
    const ss = await parallel(N, () => req('POST', `/api/employer/gig-applications/${appId}/settle`, emp.token, { amount }));
    expect(statusCounts(ss)).toEqual({ 200: 1, 409: N - 1 });
    expect((await app(appId))!.employerAmount).toBe(amount);
    expect(await notificationCount(t, w.userId, 'gig.settled')).toBe(1);
  });

  it('cancel an accepted place: 20 taps → cancelled once, the place given back once', async () => {
    const { w, gig, appId } = await applicationAt(t, emp, 'accepted', { date: '2026-03-11', headcount: 2 });
    // A second worker holds the other place: a double give-back would show as filled 0.
    const w2 = await workerSession(t);
    const a2 = (await req('POST', `/api/gigs/${gig}/apply`, w2.token)).body.id;
    expect((await req('POST', `/api/employer/gig-applications/${a2}/accept`, emp.token)).status).toBe(200);
    expect((await gigDoc(gig))!.filled).toBe(2);
    const rs = await parallel(N, () => req('POST', `/api/me/gig-applications/${appId}/cancel`, w.token));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    expect((await gigDoc(gig))!.filled).toBe(1);
    expect(await notificationCount(t, emp.userId, 'gig.worker_cancelled')).toBe(1);
  });

  it('re-apply after cancelling: 20 taps → one application, applied once', async () => {
    const { w, gig, appId } = await applicationAt(t, emp, 'applied', { date: '2026-03-11' });
    expect((await req('POST', `/api/me/gig-applications/${appId}/cancel`, w.token)).status).toBe(200);
    const rs = await parallel(N, () => req('POST', `/api/gigs/${gig}/apply`, w.token));
    expect(statusCounts(rs)).toEqual({ 200: N });
    expect(new Set(rs.map((r) => r.body.id))).toEqual(new Set([appId]));
    expect((await app(appId))!.status).toBe('applied');
    expect(await t.conn.collection('gig_applications').countDocuments({ gigId: oid(gig) })).toBe(1);
  });

  it('report: 20 taps → one report', async () => {
    const gig = await postGig(t, emp);
    const w = await workerSession(t);
    const rs = await parallel(N, () => req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'fake' }));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    expect(await t.conn.collection('gig_reports').countDocuments({ gigId: oid(gig) })).toBe(1);
  });
});

describe('employer routes', () => {
  let emp: Session & { employerId: string };
  beforeAll(async () => { emp = await employerSession(t, { staff }); });

  it('rate the worker: 20 taps → one rating, the worker counted once', async () => {
    const { w, appId } = await applicationAt(t, emp, 'completed');
    const rs = await parallel(N, () => req('POST', `/api/employer/gig-applications/${appId}/rate`, emp.token, { stars: 5 }));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    const p = await t.conn.collection('worker_profiles').findOne({ userId: oid(w.userId) });
    expect(p).toMatchObject({ ratingCount: 1, ratingSum: 5 });
  });

  it('settle: 20 taps with different amounts → one amount stored', async () => {
    const { w, appId } = await applicationAt(t, emp, 'completed');
    const rs = await parallel(N, (i) => req('POST', `/api/employer/gig-applications/${appId}/settle`, emp.token, { amount: 150 + i }));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    const ok = rs.find((r) => r.status === 200)!;
    expect((await app(appId))!.employerAmount).toBe(ok.body.settlement.employerAmount);
    expect(await notificationCount(t, w.userId, 'gig.settled')).toBe(0);
  });

  it('check-in and complete: 20 taps each → one transition, one notice', async () => {
    const { w, appId } = await applicationAt(t, emp, 'accepted');
    const ci = await parallel(N, () => req('POST', `/api/employer/gig-applications/${appId}/check-in`, emp.token));
    expect(statusCounts(ci)).toEqual({ 200: 1, 409: N - 1 });
    const stored = await app(appId);
    expect(stored!.status).toBe('checked_in');
    const done = await parallel(N, () => req('POST', `/api/employer/gig-applications/${appId}/complete`, emp.token));
    expect(statusCounts(done)).toEqual({ 200: 1, 409: N - 1 });
    expect((await app(appId))!.status).toBe('completed');
    expect(await notificationCount(t, w.userId, 'gig.completed')).toBe(1);
  });

  it('accept / decline the same application at once: exactly one decision, one seat at most', async () => {
    const { w, gig, appId } = await applicationAt(t, emp, 'applied');
    const rs = await parallel(N, (i) => req('POST', `/api/employer/gig-applications/${appId}/${i % 2 ? 'accept' : 'decline'}`, emp.token));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    const status = (await app(appId))!.status;
    expect((await gigDoc(gig))!.filled).toBe(status === 'accepted' ? 1 : 0);
    expect(await notificationCount(t, w.userId)).toBe(1);
  });

  it('close: 20 taps → closed once, each waiting applicant declined and told once', async () => {
    const { w, gig, appId } = await applicationAt(t, emp, 'applied');
    const rs = await parallel(N, () => req('POST', `/api/employer/gigs/${gig}/close`, emp.token));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    expect((await gigDoc(gig))!.status).toBe('closed');
    expect((await app(appId))!.status).toBe('declined');
    expect(await notificationCount(t, w.userId, 'gig.declined')).toBe(1);
  });

  it('profile: 20 identical submissions → one employer, one submission', async () => {
    const w = await workerSession(t);
    const token = (await req('POST', '/api/me/role', w.token, { role: 'employer' })).body.accessToken;
    const rs = await parallel(N, () => req('POST', '/api/employer/profile', token, onboardBody()));
    expect(statusCounts(rs)).toEqual({ 200: N });
    expect(new Set(rs.map((r) => r.body.employer.id)).size).toBe(1);
    expect(new Set(rs.map((r) => r.body.employer.submittedAt)).size).toBe(1);
    expect(await t.conn.collection('employers').countDocuments({ userId: oid(w.userId) })).toBe(1);
  });

  it('quick hire: 20 urgent gigs at once near one available worker → exactly the daily cap of notices', async () => {
    const near = await workerSession(t);
    await req('PUT', '/api/me/availability', near.token, { availableToday: true, categories: ['快递分拣'], home: { lat: DAOLI.lat + 0.005, lng: DAOLI.lng }, elder: false, commitmentAgreed: true, sensitiveConsentVersion: HOME_LOCATION_CONSENT.version });
    const emps = await Promise.all([0, 1, 2, 3].map(() => employerSession(t, { staff })));
    const rs = await parallel(N, (i) => req('POST', '/api/employer/gigs', emps[i % 4]!.token, gigBody({ urgent: true, category: '快递分拣', title: `急招分拣工 ${i}` })));
    expect(statusCounts(rs)).toEqual({ 201: N });
    expect(rs.reduce((s, r) => s + r.body.gig.notifiedWorkers, 0)).toBe(2);
    expect(await notificationCount(t, near.userId, 'gig.quick_hire')).toBe(2);
    expect(await t.conn.collection('worker_profiles').findOne({ userId: oid(near.userId) })).toMatchObject({ noticeCount: 2 });
    const notified = await t.conn.collection('gigs').find({ title: /^急招分拣工/ }).toArray();
    expect(notified.reduce((s, g) => s + g.notifiedWorkers, 0)).toBe(2);
  });
});

describe('staff routes', () => {
  it('gig review: 20 decisions at once (approve and reject) → one decision, one notice', async () => {
    const pending = await employerSession(t, { verify: false });
    const gig = await postGig(t, pending);
    const rs = await parallel(N, (i) => req('POST', `/api/staff/gigs/${gig}/review`, staff.token, i % 2 ? { decision: 'approve' } : { decision: 'reject', reason: '信息不全' }));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    const ok = rs.find((r) => r.status === 200)!;
    expect((await gigDoc(gig))!.status).toBe(ok.body.status);
    const kinds = ['gig.approved', 'gig.rejected'];
    const counts = await Promise.all(kinds.map((k) => notificationCount(t, pending.userId, k)));
    expect(counts[0]! + counts[1]!).toBe(1);
  });

  it('employer review: 20 decisions at once → one decision, one notice', async () => {
    const e = await employerSession(t, { verify: false });
    const rs = await parallel(N, (i) => req('POST', `/api/staff/employers/${e.employerId}/review`, staff.token, i % 2 ? { decision: 'approve' } : { decision: 'reject', reason: '营业执照模糊' }));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    const ok = rs.find((r) => r.status === 200)!;
    expect((await employerDoc(e.employerId))!.status).toBe(ok.body.status);
    const counts = await Promise.all(['employer.verified', 'employer.rejected'].map((k) => notificationCount(t, e.userId, k)));
    expect(counts[0]! + counts[1]!).toBe(1);
  });

  it('suspend: 20 at once → suspended once, its open gig closed once, the applicant told once', async () => {
    const e = await employerSession(t, { staff });
    const { w, gig } = await applicationAt(t, e, 'applied');
    const rs = await parallel(N, () => req('POST', `/api/staff/employers/${e.employerId}/suspend`, staff.token, { reason: '多次被举报虚假招聘' }));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    expect((await gigDoc(gig))!.status).toBe('closed');
    expect(await notificationCount(t, e.userId, 'employer.suspended')).toBe(1);
    expect(await notificationCount(t, w.userId, 'gig.declined')).toBe(1);
  });

  it('report takedown: 20 decisions at once → one takedown, one notice', async () => {
    const e = await employerSession(t, { staff });
    const gig = await postGig(t, e);
    const w = await workerSession(t);
    await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'fake', detail: '没有这个活' });
    const reportId = (await t.conn.collection('gig_reports').findOne({ gigId: oid(gig) }))!._id.toString();
    const rs = await parallel(N, () => req('POST', `/api/staff/gig-reports/${reportId}/decide`, staff.token, { decision: 'takedown', reason: '虚假招聘' }));
    expect(statusCounts(rs)).toEqual({ 200: 1, 409: N - 1 });
    expect((await gigDoc(gig))!.status).toBe('rejected');
    expect(await notificationCount(t, e.userId, 'gig.taken_down')).toBe(1);
    expect((await t.conn.collection('gig_reports').findOne({ _id: oid(reportId) }))!.handledAt).not.toBeNull();
  });
});
