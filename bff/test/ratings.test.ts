import { SAMPLE_POLICIES, SENSITIVE_CONSENT } from '@doorstep/shared';
import { regionModel } from '../src/modules/regions/model';
import { idNumber } from './support/ids';
import { must, nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';

/** 好差评 over HTTP on the real database: rate after handling, once per case (also in parallel), 差评 follow-ups per center, the dashboard. */

// 2026-03-10 09:00 in China (a Tuesday).
const T0 = Date.parse('2026-03-10T09:00:00+08:00');
const TODAY = '2026-03-10';
let t: TestApp;
let ipSeq = 0;
let seq = 0;
const DAOLI = 'SC230102';
const NANGANG = 'SC230103';
const ip = () => `10.14.${Math.floor(ipSeq / 200)}.${ipSeq++ % 200}`;
const login = async (role: 'worker' | 'staff' | 'city' = 'worker', center = '道里区公共就业服务中心') => {
  const phone = nextPhone();
  if (role !== 'worker') await t.services.auth.upsertStaff(phone, `经办${phone.slice(-4)}`, role === 'city' ? null : center, role === 'city' ? 'city' : 'center');
  return (await smsLogin(t, phone, ip())).accessToken;
};
const req = (method: string, path: string, token?: string, body?: unknown) => t.request(method, path, { token, body, headers: { 'x-forwarded-for': ip() } });
let staff: string;
let nangangStaff: string;
let city: string;

const slot = async (token = staff, center = DAOLI) => {
  seq += 1;
  const body = { kind: 'guidance', serviceKey: 'career_guidance', date: TODAY, startTime: `${10 + (seq % 10)}:${String(seq % 60).padStart(2, '0')}`, endTime: '21:00', capacity: 30, placeId: 'center' };
  return (await must(req('POST', `/api/staff/centers/${center}/slots`, token, body), 201)).slot.id as string;
};
/** A worker's booking of today's slot (at 道里 unless said), booked only or marked 到场 by the center's staff. */
async function booking(stage: 'booked' | 'attended', center = DAOLI, staffToken = staff) {
  const w = await login();
  const id = (await must(req('POST', `/api/booking-slots/${await slot(staffToken, center)}/book`, w))).booking.id as string;
  if (stage === 'attended') await must(req('POST', `/api/staff/bookings/${id}/attendance`, staffToken, { attended: true }));
  return { w, id };
}
const form = (n: number) => ({
  realName: '李秀兰', idType: 'resident_id', idNumber: idNumber('230102', '1980-05-06', String(n).padStart(3, '0')), retirementCategory: 'female_worker', residenceDistrict: '230102', residenceStreet: '兆麟街道',
  residenceAddress: '示例路 8 号', hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某纺织厂', lastJobEndDate: '2026-01-31', education: 'senior',
  skills: ['缝纫'], certificates: [], desiredOccupations: ['缝纫工'], desiredDistricts: ['230102'], expectedMonthlyPay: 3500,
  workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
});
/** A 道里 registration, submitted (not handled) or approved by the center. */
async function registration(approve: boolean) {
  const w = await login();
  seq += 1;
  await must(req('PUT', '/api/registration/draft', w, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(seq) }));
  const id = (await must(req('POST', '/api/registration/submit', w, { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `rating-reg-${seq}` }))).registration.id as string;
  if (approve) await must(req('POST', `/api/staff/registrations/${id}/decision`, staff, { decision: 'approve' }));
  return { w, id };
}
const rate = (token: string, kind: string, id: string, body: unknown) => req('POST', `/api/ratings/${kind}/${id}`, token, body);
const inboxKeys = async (token: string) => (await must(req('GET', '/api/staff/workbench?queue=rating', token))).items.map((i: { key: string }) => i.key) as string[];

/** What the test itself stored, per center, to compare with the dashboard. */
const given: { center: string; stars: number; comment: string | null; closed?: boolean }[] = [];
async function rated(token: string, kind: string, id: string, center: string, stars: number, comment: string | null) {
  const r = (await must(rate(token, kind, id, comment ? { stars, comment } : { stars }), 201)).rating;
  given.push({ center, stars, comment });
  return r.id as string;
}

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => T0 } });
  await regionModel(t.conn).create({ code: '230102', name: '道里区', cityCode: '2301', center: DAOLI, streets: ['兆麟街道'] });
  await t.services.serviceDesk.seedStandard();
  await t.services.policies.loadSamples(SAMPLE_POLICIES);
  staff = await login('staff');
  nangangStaff = await login('staff', '南岗区公共就业服务中心');
  city = await login('city');
}, 120_000);
afterAll(() => t.close());
jest.setTimeout(120_000);

describe('rating a handled case', () => {
  it('a booking not yet attended cannot be rated (409 in Chinese); once staff mark 到场 the owner rates it and sees 您已评价', async () => {
    const b = await booking('booked');
    const before = await must(req('GET', `/api/ratings/booking/${b.id}`, b.w));
    expect(before).toMatchObject({ canRate: false, rating: null });
    expect(before.reason).toContain('到场');
    const early = await rate(b.w, 'booking', b.id, { stars: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('到场办理后才能评价');
    expect(await t.services.ratings.Rating.countDocuments({ caseId: b.id })).toBe(0);

    await must(req('POST', `/api/staff/bookings/${b.id}/attendance`, staff, { attended: true }));
    expect((await must(req('GET', `/api/ratings/booking/${b.id}`, b.w))).canRate).toBe(true);
    await rated(b.w, 'booking', b.id, DAOLI, 5, '老师讲得很清楚');
    const after = await must(req('GET', `/api/ratings/booking/${b.id}`, b.w));
    expect(after).toMatchObject({ canRate: false, reason: '您已评价', rating: { stars: 5, comment: '老师讲得很清楚', followUp: null } });
  });

  it('a registration, an insurance claim and a policy application can be rated once decided, not before', async () => {
    const r = await registration(false);
    expect((await rate(r.w, 'registration', r.id, { stars: 4 })).status).toBe(409);
    await must(req('POST', `/api/staff/registrations/${r.id}/decision`, staff, { decision: 'approve' }));
    await rated(r.w, 'registration', r.id, DAOLI, 4, null);

    const claim = (await must(req('POST', '/api/insurance/claim', r.w, {
      history: [{ employer: '哈尔滨某纺织厂', from: '2019-01', to: '2026-01', monthsPaid: 84 }], materials: ['id_card', 'separation_proof', 'bank_card'],
      bankName: '中国工商银行', bankAccount: '6222021234567890123', commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'rating-claim-1',
    }))).claim.id as string;
    const pending = await rate(r.w, 'insurance', claim, { stars: 3 });
    expect(pending.status).toBe(409);
    expect(pending.body.error.message).toContain('审核完成后');
    await must(req('POST', `/api/staff/insurance-claims/${claim}/decision`, staff, { decision: 'approve' }));
    await rated(r.w, 'insurance', claim, DAOLI, 3, '材料要求说得清楚');

    const policy = (await t.services.policies.models.Policy.findOne({ slug: 'unemployment-benefit' }).lean())!._id.toString();
    const app = (await must(req('POST', `/api/policies/${policy}/apply`, r.w, { answers: { insuredYears: 3 } }), 201)).id as string;
    expect((await rate(r.w, 'policy', app, { stars: 5 })).status).toBe(409);
    await must(req('POST', `/api/staff/policy-applications/${app}/decide`, staff, { decision: 'return', reason: '请补充劳动合同' }));
    expect((await rate(r.w, 'policy', app, { stars: 5 })).status).toBe(409);
    await must(req('POST', `/api/policy-applications/${app}/resubmit`, r.w, { note: '已补充' }));
    await must(req('POST', `/api/staff/policy-applications/${app}/decide`, staff, { decision: 'reject', reason: '不符合条件' }));
    await rated(r.w, 'policy', app, DAOLI, 2, '退回两次才说不符合');
  });

  it('someone else’s case or a missing one is the same 404; bad input is a 400 naming the field', async () => {
    const b = await booking('attended');
    const other = await login();
    const a = await rate(other, 'booking', b.id, { stars: 5 });
    expect(a.status).toBe(404);
    expect(a.body.error.message).toMatch(/找不到/);
    expect((await req('GET', `/api/ratings/booking/${b.id}`, other)).status).toBe(404);
    expect((await rate(b.w, 'booking', '0123456789abcdef01234567', { stars: 5 })).status).toBe(404);
    // The case of another kind with the same id does not exist.
    expect((await rate(b.w, 'registration', b.id, { stars: 5 })).status).toBe(404);
    const kind = await rate(b.w, 'vacancy', b.id, { stars: 5 });
    expect(kind.status).toBe(400);
    expect(JSON.stringify(kind.body.error)).toContain('kind');
    for (const [body, field] of [[{ stars: 6 }, 'stars'], [{ stars: 2.5 }, 'stars'], [{}, 'stars'], [{ stars: 3, comment: '长'.repeat(201) }, 'comment']] as const) {
      const res = await rate(b.w, 'booking', b.id, body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain(field);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await t.services.ratings.Rating.countDocuments({ caseId: b.id })).toBe(0);
  });

  it('once per case: a second rating is a 409 in Chinese; 10 parallel ratings store exactly one', async () => {
    const b = await booking('attended');
    await rated(b.w, 'booking', b.id, DAOLI, 4, null);
    const again = await rate(b.w, 'booking', b.id, { stars: 1, comment: '改主意了' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('这件事您已经评价过了，每件事只能评价一次');

    const p = await booking('attended');
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => rate(p.w, 'booking', p.id, { stars: 1 + (i % 5), comment: `第${i}次` })));
    const ok = all.filter((r) => r.status === 201);
    expect(ok).toHaveLength(1);
    expect(all.filter((r) => r.status === 409)).toHaveLength(9);
    for (const r of all.filter((x) => x.status === 409)) expect(r.body.error.message).toContain('只能评价一次');
    expect(await t.services.ratings.Rating.countDocuments({ caseKey: `booking:${p.id}` })).toBe(1);
    const stored = ok[0]!.body.rating;
    given.push({ center: DAOLI, stars: stored.stars, comment: stored.comment });
  });
});

describe('差评 follow-up', () => {
  it('a 差评 opens an item in the inbox of that center only; its staff record the follow-up, which closes it once', async () => {
    const b = await booking('attended');
    const id = await rated(b.w, 'booking', b.id, DAOLI, 1, '等了一个小时没人管');
    expect((await must(req('GET', `/api/ratings/booking/${b.id}`, b.w))).rating.followUp).toBe('open');

    const inbox = await must(req('GET', '/api/staff/workbench?queue=rating', staff));
    const item = inbox.items.find((i: { key: string }) => i.key === `rating:${id}`);
    expect(item).toMatchObject({ queue: 'rating', statusLabel: '待回访', districtCode: '230102' });
    expect(item.subtitle).toContain('1 星');
    // Five working days from Tuesday 2026-03-10.
    expect(item.deadline).toBe('2026-03-17');
    expect(inbox.counts.rating).toBeGreaterThanOrEqual(1);
    expect(await inboxKeys(nangangStaff)).not.toContain(`rating:${id}`);
    expect(await inboxKeys(city)).toContain(`rating:${id}`);
    expect((await must(req('GET', '/api/staff/rating-follow-ups', nangangStaff))).items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await req('GET', `/api/staff/rating-follow-ups/${id}`, nangangStaff)).status).toBe(404);
    const closeBody = { contacted: true, channel: 'phone', action: '电话致歉，说明高峰时段并约定优先办理' };
    expect((await req('POST', `/api/staff/rating-follow-ups/${id}/close`, nangangStaff, closeBody)).status).toBe(404);

    const detail = await must(req('GET', `/api/staff/rating-follow-ups/${id}`, staff));
    expect(detail.item).toMatchObject({ stars: 1, comment: '等了一个小时没人管', status: 'open' });
    expect(detail.phone).toMatch(/^1\d{10}$/);
    expect(detail.item.phoneMasked).toContain('****');

    const short = await req('POST', `/api/staff/rating-follow-ups/${id}/close`, staff, { contacted: true, channel: 'phone', action: '好' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body.error)).toContain('action');
    const closed = await must(req('POST', `/api/staff/rating-follow-ups/${id}/close`, staff, closeBody));
    expect(closed.item).toMatchObject({ status: 'closed', statusLabel: '已回访', followUp: { contacted: true, channel: 'phone', channelLabel: '电话' } });
    given.find((g) => g.comment === '等了一个小时没人管')!.closed = true;
    expect(await inboxKeys(staff)).not.toContain(`rating:${id}`);
    const twice = await req('POST', `/api/staff/rating-follow-ups/${id}/close`, staff, closeBody);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('已经回访');
    expect((await must(req('GET', `/api/ratings/booking/${b.id}`, b.w))).rating.followUp).toBe('closed');
    expect((await must(req('GET', '/api/staff/rating-follow-ups?status=closed', staff))).items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it('a 差评 of a 南岗 booking goes to 南岗 only; 4–5 stars open nothing', async () => {
    const n = await booking('attended', NANGANG, nangangStaff);
    const id = await rated(n.w, 'booking', n.id, NANGANG, 2, '窗口人少');
    expect(await inboxKeys(nangangStaff)).toContain(`rating:${id}`);
    expect(await inboxKeys(staff)).not.toContain(`rating:${id}`);
    const g = await booking('attended');
    const good = await rated(g.w, 'booking', g.id, DAOLI, 5, '很满意');
    expect(await inboxKeys(staff)).not.toContain(`rating:${good}`);
    expect((await t.services.ratings.Rating.findById(good).lean())!.followUpStatus).toBeNull();
  });
});

describe('dashboard 好差评', () => {
  it('count, average, distribution, 差评 open/closed and latest comments per center match what was stored', async () => {
    for (const [token, center] of [[staff, DAOLI], [nangangStaff, NANGANG]] as const) {
      const mine = given.filter((g) => g.center === center);
      expect(mine.length).toBeGreaterThan(0);
      const d = (await must(req('GET', '/api/staff/stats', token))).ratings;
      expect(d.count).toBe(mine.length);
      expect(d.average).toBe(Math.round((mine.reduce((a, g) => a + g.stars, 0) / mine.length) * 10) / 10);
      expect(d.distribution).toEqual([1, 2, 3, 4, 5].map((s) => ({ stars: s, count: mine.filter((g) => g.stars === s).length })));
      expect(d.bad).toEqual({ open: mine.filter((g) => g.stars <= 2 && !g.closed).length, closed: mine.filter((g) => g.stars <= 2 && g.closed).length });
      expect(d.latestComments.map((c: { comment: string }) => c.comment).sort()).toEqual(mine.filter((g) => g.comment).map((g) => g.comment).sort());
      for (const c of d.latestComments) expect(c.personMasked).not.toMatch(/^1\d{10}$/);
    }
    const all = (await must(req('GET', '/api/staff/stats', city))).ratings;
    expect(all.count).toBe(given.length);
  });
});
