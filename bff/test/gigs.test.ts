import { HOME_LOCATION_CONSENT } from '@doorstep/shared';
import { startTestApp, type TestApp } from './support/harness';
import { DAOLI, GIG_NOW, TOMORROW, employerSession, gigBody, onboardBody, postGig, staffSession, workerSession, type Session } from './support/gig-helpers';

/**
 * Gig market API: employer onboarding and verification, posting checks, apply/accept with the
 * reveal rule, ownership (others' resources answer 404), concurrency, settlement and ratings,
 * quick-hire notices with a daily cap.
 */
let t: TestApp;
let staff: Session;
let now = GIG_NOW;

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true', SMS_IP_HOURLY_LIMIT: '10000', QUICK_HIRE_DAILY_CAP: '2' }, deps: { now: () => now } });
  staff = await staffSession(t);
});
afterAll(() => t.close());
beforeEach(() => { now = GIG_NOW; });

const req = (method: string, path: string, token?: string, body?: unknown) => t.request(method, path, { token, body });

describe('employer onboarding and verification', () => {
  it('validates the credit code and sets a 3-working-day deadline', async () => {
    const w = await workerSession(t);
    const token = (await req('POST', '/api/me/role', w.token, { role: 'employer' })).body.accessToken;
    const bad = await req('POST', '/api/employer/profile', token, onboardBody({ creditCode: '91350100M000100Y44' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('creditCode');
    expect(bad.body.error.message).toContain('统一社会信用代码');
    expect((await req('GET', '/api/employer/profile', token)).body.employer).toBeNull();

    const ok = await req('POST', '/api/employer/profile', token, onboardBody());
    expect(ok.status).toBe(200);
    expect(ok.body.employer).toMatchObject({ status: 'pending', canPublishAtOnce: false, contactPhoneMasked: '138****0101', reviewDeadline: '2026-03-13' });
    // Posting while pending goes to the staff queue, not to the market.
    const posted = await req('POST', '/api/employer/gigs', token, gigBody());
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ published: false });
    expect(posted.body.gig.status).toBe('review');
    const nearby = await req('GET', `/api/gigs/nearby?lat=${DAOLI.lat}&lng=${DAOLI.lng}&radiusKm=1`);
    expect(nearby.body.items.map((g: { id: string }) => g.id)).not.toContain(posted.body.gig.id);

    const queue = await req('GET', '/api/staff/gigs/review', staff.token);
    expect(queue.body.items.map((g: { id: string }) => g.id)).toContain(posted.body.gig.id);
    const approve = await req('POST', `/api/staff/gigs/${posted.body.gig.id}/review`, staff.token, { decision: 'approve' });
    expect(approve.status).toBe(200);
    expect(approve.body.status).toBe('open');
    expect((await req('POST', `/api/staff/gigs/${posted.body.gig.id}/review`, staff.token, { decision: 'approve' })).status).toBe(409);

    const eq = await req('GET', '/api/staff/employers/review', staff.token);
    expect(eq.body.items.some((e: { id: string }) => e.id === ok.body.employer.id)).toBe(true);
    const noReason = await req('POST', `/api/staff/employers/${ok.body.employer.id}/review`, staff.token, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].field).toBe('reason');
    const v = await req('POST', `/api/staff/employers/${ok.body.employer.id}/review`, staff.token, { decision: 'approve' });
    expect(v.body.status).toBe('verified');
    expect((await req('GET', '/api/notifications', w.token)).body.items.map((n: { kind: string }) => n.kind)).toContain('employer.verified');
  });

  it('lets a household choose commitment-based acceptance; its postings carry the mark and publish at once', async () => {
    const e = await employerSession(t, { verify: false, profile: { kind: 'household', name: '李女士（家政雇主）', creditCode: undefined, commitment: true, commitmentAgreed: true } });
    const prof = await req('GET', '/api/employer/profile', e.token);
    expect(prof.body.employer).toMatchObject({ status: 'commitment', commitment: true, canPublishAtOnce: true });
    const r = await req('POST', '/api/employer/gigs', e.token, gigBody({ title: '家庭保洁半天', category: '家政保洁', payUnit: 'hour', payAmount: 30 }));
    expect(r.body.published).toBe(true);
    const d = await req('GET', `/api/gigs/${r.body.gig.id}`);
    expect(d.body).toMatchObject({ commitment: true, status: 'open' });
  });

  it('refuses posting before onboarding and after rejection', async () => {
    const w = await workerSession(t);
    const token = (await req('POST', '/api/me/role', w.token, { role: 'employer' })).body.accessToken;
    expect((await req('POST', '/api/employer/gigs', token, gigBody())).status).toBe(409);
    const e = await employerSession(t, { verify: false });
    await req('POST', `/api/staff/employers/${e.employerId}/review`, staff.token, { decision: 'reject', reason: '营业执照与名称不符' });
    const r = await req('POST', '/api/employer/gigs', e.token, gigBody());
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('营业执照与名称不符');
  });
});

describe('posting checks', () => {
  let emp: Session;
  beforeAll(async () => { emp = await employerSession(t, { staff }); });

  it.each([
    [{ requirements: '限男性，45 岁以下' }, 'requirements', '性别'],
    [{ requirements: '限本地户口' }, 'requirements', '户籍'],
    [{ title: '招汉族搬运工两名' }, 'title', '民族'],
    [{ payUnit: 'hour', payAmount: 15 }, 'payAmount', '最低工资'],
    [{ payUnit: 'day', payAmount: 80 }, 'payAmount', '最低工资'],
    [{ startTime: '14:00', endTime: '13:00' }, 'endTime', '晚于'],
    [{ date: '2026-03-09' }, 'date', '过去'],
    [{ place: { lat: 31.23, lng: 121.47, address: '上海市黄浦区' } }, 'place', '服务范围'],
    [{ headcount: 0 }, 'headcount', '至少'],
    [{ headcount: 5000 }, 'headcount', '最多'],
    [{ category: '直播带货' }, 'category', '工种'],
    [{ contactPhone: '12345' }, 'contactPhone', '手机号'],
  ])('refuses %j naming %s', async (over, field, words) => {
    const before = (await req('GET', '/api/employer/gigs', emp.token)).body.items.length;
    const r = await req('POST', '/api/employer/gigs', emp.token, gigBody(over));
    expect(r.status).toBe(400);
    const d = r.body.error.details.find((x: { field: string }) => x.field === field);
    expect(d).toBeDefined();
    expect(d.message).toContain(words);
    expect((await req('GET', '/api/employer/gigs', emp.token)).body.items.length).toBe(before); // nothing half-written
  });

  it('accepts a fair posting and lists it as the employer\'s own', async () => {
    const r = await req('POST', '/api/employer/gigs', emp.token, gigBody({ requirements: '男女不限，民族不限' }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ published: true, gig: { status: 'open', payText: '200 元/天', remaining: 3, commitment: false } });
    const mine = await req('GET', '/api/employer/gigs', emp.token);
    expect(mine.body.items[0].id).toBe(r.body.gig.id);
    // "再发一次": the earlier post is the template; its fields come back complete.
    const detail = await req('GET', `/api/employer/gigs/${r.body.gig.id}`, emp.token);
    expect(detail.body.gig).toMatchObject({ title: '仓库搬运装卸工', requirements: '男女不限，民族不限', contactPhone: '13800000101', address: '道里区安静街 10 号仓库' });
  });
});

describe('apply, accept, reveal, ownership', () => {
  let empA: Session; let empB: Session; let w1: Session; let w2: Session; let gigA: string;
  beforeAll(async () => {
    empA = await employerSession(t, { staff });
    empB = await employerSession(t, { staff });
    w1 = await workerSession(t);
    w2 = await workerSession(t);
    gigA = await postGig(t, empA, { headcount: 2 });
  });

  it('reveals contacts only after acceptance, both ways', async () => {
    const anon = await req('GET', `/api/gigs/${gigA}`);
    expect(anon.body.contactPhoneMasked).toBe('138****0101');
    const applied = await req('POST', `/api/gigs/${gigA}/apply`, w1.token);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'applied', employerContact: null, canCancel: true });
    const beforeAccept = await req('GET', `/api/employer/gigs/${gigA}`, empA.token);
    const applicant = beforeAccept.body.applicants[0];
    expect(applicant.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(applicant.phone).not.toBe(w1.phone);
    expect((await req('GET', `/api/gigs/${gigA}`, w1.token)).body.contactPhoneMasked).toBe('138****0101');

    const acc = await req('POST', `/api/employer/gig-applications/${applicant.id}/accept`, empA.token);
    expect(acc.body.status).toBe('accepted');
    const after = await req('GET', `/api/employer/gigs/${gigA}`, empA.token);
    expect(after.body.applicants[0].phone).toBe(w1.phone);
    const mine = await req('GET', '/api/me/gig-applications', w1.token);
    expect(mine.body.items[0]).toMatchObject({ status: 'accepted', employerContact: { name: '张经理', phone: '13800000101' } });
    expect((await req('GET', `/api/gigs/${gigA}`, w1.token)).body.contactPhoneMasked).toBe('13800000101');
    // Another worker still sees the mask.
    expect((await req('GET', `/api/gigs/${gigA}`, w2.token)).body.contactPhoneMasked).toBe('138****0101');
    const kinds = (await req('GET', '/api/notifications', w1.token)).body.items.map((n: { kind: string }) => n.kind);
    expect(kinds).toContain('gig.accepted');
  });

  it('answers 404 for other people\'s gigs and applications', async () => {
    const appId = (await req('GET', '/api/me/gig-applications', w1.token)).body.items[0].id;
    expect((await req('GET', `/api/employer/gigs/${gigA}`, empB.token)).status).toBe(404);
    expect((await req('POST', `/api/employer/gigs/${gigA}/close`, empB.token)).status).toBe(404);
    for (const a of ['accept', 'decline', 'check-in', 'complete']) expect((await req('POST', `/api/employer/gig-applications/${appId}/${a}`, empB.token)).status).toBe(404);
    expect((await req('POST', `/api/employer/gig-applications/${appId}/settle`, empB.token, { amount: 200 })).status).toBe(404);
    expect((await req('POST', `/api/me/gig-applications/${appId}/cancel`, w2.token)).status).toBe(404);
    expect((await req('POST', `/api/me/gig-applications/${appId}/confirm-pay`, w2.token, { amount: 200 })).status).toBe(404);
    expect((await req('POST', `/api/me/gig-applications/${appId}/rate`, w2.token, { stars: 1 })).status).toBe(404);
    expect((await req('GET', '/api/me/gig-applications', w2.token)).body.items).toEqual([]);
    expect((await req('GET', '/api/employer/gigs', empB.token)).body.items.map((g: { id: string }) => g.id)).not.toContain(gigA);
  });

  it('cancels before the start only and gives the place back', async () => {
    const g = await postGig(t, empA, { headcount: 1, date: TOMORROW });
    const a = (await req('POST', `/api/gigs/${g}/apply`, w2.token)).body;
    await req('POST', `/api/employer/gig-applications/${a.id}/accept`, empA.token);
    expect((await req('GET', `/api/gigs/${g}`)).body.remaining).toBe(0);
    now = Date.parse('2026-03-11T06:00:00Z'); // 14:00 tomorrow, after the 13:00 start
    const late = await req('POST', `/api/me/gig-applications/${a.id}/cancel`, w2.token);
    expect(late.status).toBe(409);
    now = GIG_NOW;
    const c = await req('POST', `/api/me/gig-applications/${a.id}/cancel`, w2.token);
    expect(c.body.status).toBe('cancelled');
    expect((await req('GET', `/api/gigs/${g}`)).body.remaining).toBe(1);
    // Applying again revives the same application.
    const again = await req('POST', `/api/gigs/${g}/apply`, w2.token);
    expect(again.body).toMatchObject({ id: a.id, status: 'applied' });
  });

  it('refuses applying to one\'s own gig, closed gigs and full gigs', async () => {
    const g = await postGig(t, empA, { headcount: 1 });
    const selfWorker = await req('POST', '/api/me/role', empA.token, { role: 'worker' });
    expect((await req('POST', `/api/gigs/${g}/apply`, selfWorker.body.accessToken)).status).toBe(409);
    await req('POST', '/api/me/role', selfWorker.body.accessToken, { role: 'employer' }).then((r) => { empA.token = r.body.accessToken; });
    const a = (await req('POST', `/api/gigs/${g}/apply`, w1.token)).body;
    await req('POST', `/api/employer/gig-applications/${a.id}/accept`, empA.token);
    const full = await req('POST', `/api/gigs/${g}/apply`, w2.token);
    expect(full.status).toBe(409);
    expect(full.body.error.message).toContain('招满');
    await req('POST', `/api/employer/gigs/${g}/close`, empA.token);
    expect((await req('POST', `/api/gigs/${g}/apply`, (await workerSession(t)).token)).status).toBe(409);
  });
});

describe('concurrency', () => {
  it('20 parallel accepts for 3 places fill exactly 3', async () => {
    const emp = await employerSession(t, { staff });
    const gig = await postGig(t, emp, { headcount: 3 });
    const workers: Session[] = [];
    for (let i = 0; i < 20; i++) workers.push(await workerSession(t));
    for (const w of workers) expect((await req('POST', `/api/gigs/${gig}/apply`, w.token)).status).toBe(200);
    const apps = (await req('GET', `/api/employer/gigs/${gig}`, emp.token)).body.applicants as { id: string }[];
    expect(apps).toHaveLength(20);
    const results = await Promise.all(apps.map((a) => req('POST', `/api/employer/gig-applications/${a.id}/accept`, emp.token)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409)).toHaveLength(17);
    const after = await req('GET', `/api/employer/gigs/${gig}`, emp.token);
    expect(after.body.gig.filled).toBe(3);
    expect(after.body.applicants.filter((a: { status: string }) => a.status === 'accepted')).toHaveLength(3);
    // The same application accepted 10 times at once takes one place only.
    const gig2 = await postGig(t, emp, { headcount: 5 });
    const app = (await req('POST', `/api/gigs/${gig2}/apply`, workers[0]!.token)).body;
    const same = await Promise.all(Array.from({ length: 10 }, () => req('POST', `/api/employer/gig-applications/${app.id}/accept`, emp.token)));
    expect(same.filter((r) => r.status === 200)).toHaveLength(1);
    expect((await req('GET', `/api/employer/gigs/${gig2}`, emp.token)).body.gig.filled).toBe(1);
  });

  it('20 parallel applies by the same worker create one application', async () => {
    const emp = await employerSession(t, { staff });
    const gig = await postGig(t, emp);
    const w = await workerSession(t);
    const results = await Promise.all(Array.from({ length: 20 }, () => req('POST', `/api/gigs/${gig}/apply`, w.token)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect((await req('GET', `/api/employer/gigs/${gig}`, emp.token)).body.applicants).toHaveLength(1);
    expect((await req('GET', '/api/me/gig-applications', w.token)).body.items).toHaveLength(1);
  });
});

describe('work, settlement, ratings, reports', () => {
  it('runs from check-in to settled and rated on both sides', async () => {
    const emp = await employerSession(t, { staff });
    const w = await workerSession(t);
    const gig = await postGig(t, emp);
    const a = (await req('POST', `/api/gigs/${gig}/apply`, w.token)).body;
    expect((await req('POST', `/api/employer/gig-applications/${a.id}/complete`, emp.token)).status).toBe(409);
    await req('POST', `/api/employer/gig-applications/${a.id}/accept`, emp.token);
    expect((await req('POST', `/api/me/gig-applications/${a.id}/confirm-pay`, w.token, { amount: 200 })).status).toBe(409); // not completed yet
    expect((await req('POST', `/api/employer/gig-applications/${a.id}/check-in`, emp.token)).body.status).toBe('checked_in');
    expect((await req('POST', `/api/employer/gig-applications/${a.id}/complete`, emp.token)).body.status).toBe('completed');

    const s1 = await req('POST', `/api/employer/gig-applications/${a.id}/settle`, emp.token, { amount: 200 });
    expect(s1.body.settlement).toEqual({ employerAmount: 200, workerAmount: null, settled: false });
    const wrong = await req('POST', `/api/me/gig-applications/${a.id}/confirm-pay`, w.token, { amount: 150 });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.message).toContain('200');
    const s2 = await req('POST', `/api/me/gig-applications/${a.id}/confirm-pay`, w.token, { amount: 200 });
    expect(s2.body.settlement).toEqual({ employerAmount: 200, workerAmount: 200, settled: true });
    expect((await req('POST', `/api/me/gig-applications/${a.id}/confirm-pay`, w.token, { amount: 200 })).status).toBe(409);

    expect((await req('POST', `/api/me/gig-applications/${a.id}/rate`, w.token, { stars: 6 })).status).toBe(400);
    expect((await req('POST', `/api/me/gig-applications/${a.id}/rate`, w.token, { stars: 5, comment: '工钱当天就结了' })).status).toBe(200);
    expect((await req('POST', `/api/me/gig-applications/${a.id}/rate`, w.token, { stars: 1 })).status).toBe(409);
    expect((await req('POST', `/api/employer/gig-applications/${a.id}/rate`, emp.token, { stars: 4 })).status).toBe(200);
    expect((await req('GET', `/api/gigs/${gig}`)).body.employerRating).toEqual({ average: 5, count: 1 });
    const applicants = (await req('GET', `/api/employer/gigs/${gig}`, emp.token)).body.applicants;
    expect(applicants[0]).toMatchObject({ rating: { average: 4, count: 1 }, ratedWorker: true, settlement: { settled: true } });
  });

  it('takes reports to staff; wage-arrears reports only from hired workers', async () => {
    const emp = await employerSession(t, { staff });
    const gig = await postGig(t, emp);
    const w = await workerSession(t);
    expect((await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'wage_arrears' })).status).toBe(409);
    expect((await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'nonsense' })).body.error.details[0].field).toBe('reason');
    expect((await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'fake', detail: '到了地方没有这个活' })).status).toBe(200);
    expect((await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'fake' })).status).toBe(409);
    const list = await req('GET', '/api/staff/gig-reports', staff.token);
    expect(list.body.items.find((r: { gigId: string }) => r.gigId === gig)).toMatchObject({ reasonText: '虚假招聘', detail: '到了地方没有这个活' });
  });
});

describe('availability, quick hiring and recommendations', () => {
  it('notifies available nearby workers whose categories match, at most the daily cap', async () => {
    const near = await workerSession(t);
    const far = await workerSession(t);
    const otherTrade = await workerSession(t);
    const busy = await workerSession(t);
    const body = (over: Record<string, unknown>) => ({ availableToday: true, categories: ['搬运装卸'], home: { lat: DAOLI.lat + 0.01, lng: DAOLI.lng }, elder: false, commitmentAgreed: true, sensitiveConsentVersion: HOME_LOCATION_CONSENT.version, homeDistrict: null, ...over });
    expect((await req('PUT', '/api/me/availability', near.token, body({ commitmentAgreed: false }))).body.error.details[0].field).toBe('commitmentAgreed');
    const saved = await req('PUT', '/api/me/availability', near.token, body({}));
    expect(saved.body).toMatchObject({ registered: true, availableToday: true, categories: ['搬运装卸'] });
    await req('PUT', '/api/me/availability', far.token, body({ home: null, homeDistrict: '230113' })); // 双城区, ~45 km away
    await req('PUT', '/api/me/availability', otherTrade.token, body({ categories: ['家政保洁'] }));
    await req('PUT', '/api/me/availability', busy.token, body({ availableToday: false }));

    const emp = await employerSession(t, { staff });
    const r = await req('POST', '/api/employer/gigs', emp.token, gigBody({ urgent: true, title: '急招卸货两人' }));
    expect(r.body.gig.notifiedWorkers).toBe(1);
    expect(r.body.message).toContain('1 位');
    const n = (await req('GET', '/api/notifications', near.token)).body.items;
    expect(n[0]).toMatchObject({ kind: 'gig.quick_hire', title: '急招：急招卸货两人' });
    for (const w of [far, otherTrade, busy]) expect((await req('GET', '/api/notifications', w.token)).body.items.filter((x: { kind: string }) => x.kind === 'gig.quick_hire')).toHaveLength(0);

    // Cap of 2 per day in this test app: the third urgent gig today is not pushed to the same worker.
    await req('POST', '/api/employer/gigs', emp.token, gigBody({ urgent: true, title: '急招卸货第二单' }));
    const third = await req('POST', '/api/employer/gigs', emp.token, gigBody({ urgent: true, title: '急招卸货第三单' }));
    expect(third.body.gig.notifiedWorkers).toBe(0);
    expect((await req('GET', '/api/notifications', near.token)).body.items.filter((x: { kind: string }) => x.kind === 'gig.quick_hire')).toHaveLength(2);
    // Next day the switch is off until the worker turns it on again.
    now = GIG_NOW + 86400_000;
    expect((await req('GET', '/api/me/availability', near.token)).body.availableToday).toBe(false);
  });

  it('recommends with a reason, category matches first', async () => {
    const emp = await employerSession(t, { staff });
    await postGig(t, emp, { title: '超市促销导购', category: '促销导购', place: { lat: DAOLI.lat + 0.001, lng: DAOLI.lng, address: '道里区中央大街 1 号' }, payUnit: 'hour', payAmount: 25 });
    await postGig(t, emp, { title: '小区搬家帮手', category: '搬运装卸', place: { lat: DAOLI.lat + 0.02, lng: DAOLI.lng, address: '道里区群力 8 号' } });
    const w = await workerSession(t);
    await req('PUT', '/api/me/availability', w.token, { availableToday: true, categories: ['搬运装卸'], home: DAOLI, elder: false, commitmentAgreed: true, sensitiveConsentVersion: HOME_LOCATION_CONSENT.version });
    const rec = await req('GET', '/api/gigs/recommended', w.token);
    expect(rec.status).toBe(200);
    expect(rec.body.items[0].category).toBe('搬运装卸');
    expect(rec.body.items[0].reason).toMatch(/^离你 [\d.]+ (公里|米) · 符合你的 搬运装卸 意向/);
  });

  it('lists stations nearest first', async () => {
    const r = await req('GET', `/api/stations?lat=${DAOLI.lat}&lng=${DAOLI.lng}`);
    expect(r.body.items.length).toBeGreaterThanOrEqual(20);
    const d = r.body.items.map((s: { distanceM: number }) => s.distanceM);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    expect(r.body.items[0].district).toBe('道里区');
  });
});

describe('privacy and bounds (L1, L5, M8)', () => {
  it('staff lists mask contact phones and names, and household employers\' names', async () => {
    const pending = await employerSession(t, { verify: false, profile: { kind: 'household', name: '王桂芝', creditCode: undefined } });
    const gig = await postGig(t, pending, { contactName: '王桂芝', contactPhone: '13900001234' });
    const item = (await req('GET', '/api/staff/gigs/review', staff.token)).body.items.find((g: { id: string }) => g.id === gig);
    expect(item).toMatchObject({ contactPhone: '139****1234', contactName: '王**', employerName: '王**（个人雇主）' });
    const w = await workerSession(t);
    // Reported once it is open; the report list masks the household's name too.
    await req('POST', `/api/staff/gigs/${gig}/review`, staff.token, { decision: 'approve' });
    await req('POST', `/api/gigs/${gig}/report`, w.token, { reason: 'other', detail: '地址不清楚' });
    const rep = (await req('GET', '/api/staff/gig-reports', staff.token)).body.items.find((r: { gigId: string }) => r.gigId === gig);
    expect(rep.employerName).toBe('王**（个人雇主）');
    const eq = (await req('GET', '/api/staff/employers/review', staff.token)).body.items.find((e: { id: string }) => e.id === pending.employerId);
    expect(eq).toMatchObject({ name: '王**', contactName: '张**', contactPhoneMasked: '138****0101' });
  });

  it('public lists round distances to 10 m and show a household employer by family name only', async () => {
    const e = await employerSession(t, { verify: false, profile: { kind: 'household', name: '赵淑芬', creditCode: undefined, commitment: true, commitmentAgreed: true } });
    const gig = await postGig(t, e, { title: '家里擦玻璃半天', category: '家政保洁', place: { lat: DAOLI.lat + 0.00123, lng: DAOLI.lng + 0.00077, address: '道里区安静街 20 号' } });
    const nearby = await req('GET', `/api/gigs/nearby?lat=${DAOLI.lat}&lng=${DAOLI.lng}&radiusKm=1&pageSize=50`);
    const item = nearby.body.items.find((g: { id: string }) => g.id === gig);
    expect(item.employerName).toBe('赵**（个人雇主）');
    expect(item.distanceM % 10).toBe(0);
    const d = await req('GET', `/api/gigs/${gig}?lat=${DAOLI.lat}&lng=${DAOLI.lng}`);
    expect(d.body.distanceM % 10).toBe(0);
    expect(d.body.employerName).toBe('赵**（个人雇主）');
    // The owner sees its own name in full.
    expect((await req('GET', `/api/employer/gigs/${gig}`, e.token)).body.gig.employerName).toBe('赵淑芬');
  });

  it('pages the applicants of a gig (bounded page size)', async () => {
    const emp = await employerSession(t, { staff });
    const gig = await postGig(t, emp, { headcount: 5 });
    const ws = [await workerSession(t), await workerSession(t), await workerSession(t)];
    for (const w of ws) await req('POST', `/api/gigs/${gig}/apply`, w.token);
    const p1 = await req('GET', `/api/employer/gigs/${gig}?page=1&pageSize=2`, emp.token);
    expect(p1.body).toMatchObject({ applicantsTotal: 3, page: 1, pageSize: 2, gig: { applicantCount: 3 } });
    expect(p1.body.applicants).toHaveLength(2);
    const p2 = await req('GET', `/api/employer/gigs/${gig}?page=2&pageSize=2`, emp.token);
    expect(p2.body.applicants).toHaveLength(1);
    expect(new Set([...p1.body.applicants, ...p2.body.applicants].map((a: { id: string }) => a.id)).size).toBe(3);
    const big = await req('GET', `/api/employer/gigs/${gig}?pageSize=1000`, emp.token);
    expect(big.status).toBe(400);
    expect(big.body.error.details[0].field).toContain('pageSize');
  });
});
