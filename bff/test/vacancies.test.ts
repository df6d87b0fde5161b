import { SENSITIVE_CONSENT } from '@doorstep/shared';
import { Types } from 'mongoose';
import { DAOLI, GIG_NOW, employerSession, nextIp, notificationCount, parallel, staffSession, statusCounts, workerSession, type Session } from './support/gig-helpers';
import { must, nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { idNumber } from './support/ids';

/**
 * 岗位 over HTTP: posting checks, recommendations with reasons from the registration, 一键投递 with the
 * chosen profile, the employer's answers reaching the person, 推荐 and its outcome on the dashboard.
 */

let clock = GIG_NOW;
let t: TestApp;
let staff: Session;
let otherStaff: Session;
let emp: Session & { employerId: string };
let seq = 700;

const req = (method: string, path: string, token?: string, body?: unknown) => t.request(method, path, { token, body, headers: { 'x-forwarded-for': nextIp() } });

const vacancy = (over: Record<string, unknown> = {}) => ({
  title: '物业维修电工', occupation: '电工', kind: 'full_time', payMin: 3800, payMax: 5200, payUnit: 'month',
  place: { ...DAOLI, address: '道里区安静街 10 号物业中心' }, hours: '8:30–17:30，做五休二', requirements: '持低压电工证，男女不限', skills: ['低压电工证'],
  headcount: 2, closingDate: '2026-04-10', contactName: '王经理', contactPhone: '13800000222', ...over,
});

/** A worker with an approved registration in 道里区 wanting `occupations`. */
async function seeker(form: Record<string, unknown> = {}) {
  const n = ++seq;
  const w = await workerSession(t);
  const full = {
    realName: '李建华', idType: 'resident_id', idNumber: idNumber('230102', '1978-05-20', String(n).padStart(3, '0')), retirementCategory: 'male', residenceDistrict: '230102',
    residenceStreet: '兆麟街道', residenceAddress: '示例路 8 号', hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂',
    lastJobEndDate: '2026-02-28', education: 'vocational', skills: ['电工'], certificates: ['低压电工证'], desiredOccupations: ['电工'], desiredDistricts: ['230102'],
    expectedMonthlyPay: 4500, workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true,
    currentlyEmployed: false, ...form,
  };
  await must(req('PUT', '/api/registration/draft', w.token, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: full }));
  const regId = (await must(req('POST', '/api/registration/submit', w.token, { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `vac-reg-${n}` }))).registration.id as string;
  await must(req('POST', `/api/staff/registrations/${regId}/decision`, staff.token, { decision: 'approve' }));
  return { ...w, regId };
}

async function post(over: Record<string, unknown> = {}, who = emp): Promise<string> {
  return (await must(req('POST', '/api/employer/vacancies', who.token, vacancy(over)), 201)).vacancy.id as string;
}

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true', CONTENT_CHECK: 'off' }, deps: { now: () => clock } });
  staff = await staffSession(t);
  const phone = nextPhone();
  await t.services.auth.upsertStaff(phone, '南岗经办', '南岗区公共就业服务中心');
  const s = await smsLogin(t, phone, nextIp());
  otherStaff = { token: s.accessToken, userId: s.user.id, phone };
  emp = await employerSession(t, { staff });
});
afterAll(() => t.close());
beforeEach(() => { clock = GIG_NOW; });

describe('posting', () => {
  it('refuses discrimination, pay under the minimum wage, a past or far closing date and a place outside the city, naming each field; nothing stored', async () => {
    const before = await t.conn.collection('vacancies').countDocuments({});
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ requirements: '限男性，本地户口' }, 'requirements', /歧视/],
      [{ title: '招女服务员' }, 'title', /性别/],
      [{ payMin: 1200, payMax: 1500 }, 'payMin', /最低工资/],
      [{ payMin: 5000, payMax: 4000 }, 'payMax', /最高工资/],
      [{ kind: 'part_time', payUnit: 'hour', payMin: 10, payMax: 12 }, 'payMin', /小时最低工资/],
      [{ closingDate: '2026-03-01' }, 'closingDate', /截止日期/],
      [{ closingDate: '2026-09-01' }, 'closingDate', /90 天/],
      [{ place: { lat: 39.9, lng: 116.4, address: '北京市东城区某路 1 号' } }, 'place', /服务范围/],
      [{ headcount: 0 }, 'headcount', /招聘人数/],
      [{ title: 'x' }, 'title', /岗位名称/],
    ];
    for (const [over, field, msg] of cases) {
      const r = await req('POST', '/api/employer/vacancies', emp.token, vacancy(over));
      expect([r.status, field]).toEqual([400, field]);
      expect(JSON.stringify(r.body.error)).toContain(field);
      expect(r.body.error.message).toMatch(msg);
    }
    expect(await t.conn.collection('vacancies').countDocuments({})).toBe(before);
  });

  it('only verified employers post; the contact phone is encrypted at rest; a repeated tap is one posting', async () => {
    const unverified = await employerSession(t, { staff, verify: false, profile: { name: '哈尔滨新开张便利店' } });
    const r = await req('POST', '/api/employer/vacancies', unverified.token, vacancy());
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/核验/);
    const key = `vac-key-${seq}`;
    const [a, b] = await Promise.all([req('POST', '/api/employer/vacancies', emp.token, { ...vacancy(), idempotencyKey: key }), req('POST', '/api/employer/vacancies', emp.token, { ...vacancy(), idempotencyKey: key })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.vacancy.id).toBe(b.body.vacancy.id);
    const raw = JSON.stringify(await t.conn.collection('vacancies').findOne({ _id: new Types.ObjectId(a.body.vacancy.id as string) }));
    expect(raw).not.toContain('13800000222');
    expect(a.body.vacancy.payText).toBe('3800–5200 元/月');
  });
});

describe('recommendations, applying and answers', () => {
  it('recommends from the registration with a reason, and not what fits nothing the person said', async () => {
    const fit = await post();
    const other = await post({ title: '餐厅服务员', occupation: '服务员', requirements: '', skills: [] });
    const w = await seeker();
    const rec = await must(req('GET', '/api/vacancies/recommended', w.token));
    const mine = rec.items.find((i: { id: string }) => i.id === fit);
    expect(mine).toBeDefined();
    expect(mine.reason).toContain('符合意向职业「电工」');
    expect(mine.reason).toMatch(/低压电工证|期望/);
    expect(rec.items.some((i: { id: string }) => i.id === other)).toBe(false);
    // Someone without a registration gets a hint, not a guess.
    const anon = await workerSession(t);
    const none = await must(req('GET', '/api/vacancies/recommended', anon.token));
    expect(none.items).toEqual([]);
    expect(none.basis.hint).toMatch(/失业登记/);
  });

  it('applies once with the chosen profile; the employer sees only that; interview, hire and rejection reach the person', async () => {
    const id = await post({ headcount: 1 });
    const a = await seeker();
    const b = await seeker();
    const c = await seeker();
    const rs = await parallel(5, () => req('POST', `/api/vacancies/${id}/apply`, a.token, { share: { phone: false, age: true, education: true, skills: true, lastJob: false }, note: '做过八年维修电工' }));
    expect(rs.every((r) => r.status === 201)).toBe(true);
    expect(await t.conn.collection('vacancy_applications').countDocuments({ vacancyId: new Types.ObjectId(id), userId: new Types.ObjectId(a.userId) })).toBe(1);
    await must(req('POST', `/api/vacancies/${id}/apply`, b.token, {}), 201);
    await must(req('POST', `/api/vacancies/${id}/apply`, c.token, {}), 201);
    // At rest the shared profile is sealed.
    const raw = JSON.stringify(await t.conn.collection('vacancy_applications').find({ vacancyId: new Types.ObjectId(id) }).toArray());
    expect(raw).not.toContain('八年');
    expect(raw).not.toContain(b.phone);

    const detail = await must(req('GET', `/api/employer/vacancies/${id}`, emp.token));
    expect(detail.vacancy.applicants).toBe(3);
    expect(detail.vacancy.unanswered).toBe(3);
    const pa = detail.applicants.find((x: { profile: { note: string } }) => x.profile.note === '做过八年维修电工');
    expect(pa.profile.phone).toBeNull();
    expect(pa.profile.lastJob).toBeNull();
    expect(pa.profile.name).toMatch(/^李\*/);
    expect(pa.profile.age).toBe(47);
    const pb = detail.applicants.find((x: { profile: { phone: string | null } }) => x.profile.phone === b.phone);
    expect(pb).toBeDefined();
    // Another employer cannot see or answer them.
    const stranger = await employerSession(t, { staff, profile: { name: '哈尔滨另一家物流有限公司' } });
    expect((await req('GET', `/api/employer/vacancies/${id}`, stranger.token)).status).toBe(404);
    expect((await req('POST', `/api/employer/vacancy-applications/${pa.id}/answer`, stranger.token, { decision: 'reject' })).status).toBe(404);

    // 面试 needs a future time and a place.
    const noPlace = await req('POST', `/api/employer/vacancy-applications/${pa.id}/answer`, emp.token, { decision: 'interview', interviewDate: '2026-03-12', interviewTime: '10:00' });
    expect(noPlace.status).toBe(400);
    expect(JSON.stringify(noPlace.body.error)).toContain('interviewPlace');
    const past = await req('POST', `/api/employer/vacancy-applications/${pa.id}/answer`, emp.token, { decision: 'interview', interviewDate: '2026-03-09', interviewTime: '10:00', interviewPlace: '道里区安静街 10 号 2 楼' });
    expect(past.status).toBe(400);
    const inv = await must(req('POST', `/api/employer/vacancy-applications/${pa.id}/answer`, emp.token, { decision: 'interview', interviewDate: '2026-03-12', interviewTime: '10:00', interviewPlace: '道里区安静街 10 号 2 楼', note: '带上电工证' }));
    expect(inv.applicant.status).toBe('interview');
    const mineA = await must(req('GET', '/api/vacancies/mine', a.token));
    expect(mineA.items[0].status).toBe('interview');
    expect(mineA.items[0].interview).toEqual({ at: '2026-03-12 10:00', place: '道里区安静街 10 号 2 楼', note: '带上电工证' });
    expect(mineA.items[0].contact).toEqual({ name: '王经理', phone: '13800000222' });
    expect(await notificationCount(t, a.userId, 'vacancy.interview')).toBe(1);

    // Hiring the one place answers everyone still waiting; a second hire is refused.
    await must(req('POST', `/api/employer/vacancy-applications/${pa.id}/answer`, emp.token, { decision: 'hire' }));
    expect(await notificationCount(t, a.userId, 'vacancy.hired')).toBe(1);
    const after = await must(req('GET', `/api/employer/vacancies/${id}`, emp.token));
    expect(after.vacancy.status).toBe('filled');
    expect(after.vacancy.unanswered).toBe(0);
    expect(after.applicants.filter((x: { status: string }) => x.status === 'closed')).toHaveLength(2);
    expect(await notificationCount(t, b.userId, 'vacancy.closed')).toBe(1);
    const again = await req('POST', `/api/employer/vacancy-applications/${pb.id}/answer`, emp.token, { decision: 'hire' });
    expect(again.status).toBe(409);
    expect((await req('POST', `/api/vacancies/${id}/apply`, (await seeker()).token, {})).status).toBe(409);
  });

  it('never hires past the headcount under parallel answers', async () => {
    const id = await post({ headcount: 2 });
    const people = await Promise.all(Array.from({ length: 5 }, () => seeker()));
    for (const p of people) await must(req('POST', `/api/vacancies/${id}/apply`, p.token, {}), 201);
    const apps = (await must(req('GET', `/api/employer/vacancies/${id}`, emp.token))).applicants as { id: string }[];
    const rs = await parallel(apps.length, (i) => req('POST', `/api/employer/vacancy-applications/${apps[i]!.id}/answer`, emp.token, { decision: 'hire' }));
    expect(statusCounts(rs)).toEqual({ 200: 2, 409: 3 });
    const v = await t.conn.collection('vacancies').findOne({ _id: new Types.ObjectId(id) });
    expect(v!.hired).toBe(2);
    expect(await t.conn.collection('vacancy_applications').countDocuments({ vacancyId: new Types.ObjectId(id), status: 'hired' })).toBe(2);
  });

  it('a rejection and a withdrawal; closing answers the rest; the daily job closes vacancies past their date', async () => {
    const id = await post();
    const a = await seeker();
    const b = await seeker();
    const appA = (await must(req('POST', `/api/vacancies/${id}/apply`, a.token, {}), 201)).application.id as string;
    const appB = (await must(req('POST', `/api/vacancies/${id}/apply`, b.token, {}), 201)).application.id as string;
    await must(req('POST', `/api/employer/vacancy-applications/${appA}/answer`, emp.token, { decision: 'reject', note: '需要有高压电工证' }));
    expect((await must(req('GET', '/api/vacancies/mine', a.token))).items[0]).toMatchObject({ status: 'rejected', answerNote: '需要有高压电工证', contact: null });
    expect((await req('POST', `/api/vacancy-applications/${appA}/withdraw`, a.token)).status).toBe(409);
    expect((await req('POST', `/api/vacancy-applications/${appB}/withdraw`, a.token)).status).toBe(404);
    await must(req('POST', `/api/vacancy-applications/${appB}/withdraw`, b.token));
    expect((await must(req('GET', '/api/vacancies/mine', b.token))).items).toHaveLength(0);
    // Applying again after a withdrawal is allowed (the same record).
    await must(req('POST', `/api/vacancies/${id}/apply`, b.token, {}), 201);
    await must(req('POST', `/api/employer/vacancies/${id}/close`, emp.token));
    expect((await must(req('GET', '/api/vacancies/mine', b.token))).items[0].status).toBe('closed');

    const late = await post({ closingDate: '2026-03-12' });
    const c = await seeker();
    await must(req('POST', `/api/vacancies/${late}/apply`, c.token, {}), 201);
    clock = GIG_NOW + 3 * 86_400_000;
    expect((await must(req('GET', `/api/vacancies/${late}`))).vacancy.status).toBe('closed');
    const r = await t.services.vacancies.expireDue();
    expect(r.closed).toBeGreaterThanOrEqual(1);
    expect((await must(req('GET', '/api/vacancies/mine', c.token))).items[0].status).toBe('closed');
    expect(await notificationCount(t, c.userId, 'vacancy.closed')).toBe(1);
  });
});

describe('referrals (推荐) and outcomes', () => {
  it('staff refer a person of their center; the person sees it first; the outcome follows the application; other centers cannot', async () => {
    const id = await post({ title: '小区保洁员', occupation: '保洁', requirements: '', skills: [] });
    const w = await seeker({ desiredOccupations: ['保安'], skills: [], certificates: [] });
    const bad = await req('POST', '/api/staff/referrals', staff.token, { registrationId: w.regId, vacancyId: id, note: 'x'.repeat(101) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('note');
    expect((await req('POST', '/api/staff/referrals', otherStaff.token, { registrationId: w.regId, vacancyId: id })).status).toBe(404);
    expect((await req('GET', `/api/staff/referrals?registrationId=${w.regId}`, otherStaff.token)).status).toBe(404);
    const rs = await parallel(4, () => req('POST', '/api/staff/referrals', staff.token, { registrationId: w.regId, vacancyId: id, note: '离家近，适合您' }));
    expect(statusCounts(rs)).toEqual({ 201: 1, 409: 3 });
    expect(await notificationCount(t, w.userId, 'vacancy.referred')).toBe(1);

    const rec = await must(req('GET', '/api/vacancies/recommended', w.token));
    expect(rec.items[0].id).toBe(id);
    expect(rec.items[0].reason).toContain('服务中心为您推荐');
    expect(rec.items[0].referral.note).toBe('离家近，适合您');

    let list = await must(req('GET', `/api/staff/referrals?registrationId=${w.regId}`, staff.token));
    expect(list.items[0]).toMatchObject({ outcome: 'pending', outcomeLabel: '未投递' });
    const app = (await must(req('POST', `/api/vacancies/${id}/apply`, w.token, {}), 201)).application;
    expect(app.referred).toBe(true);
    list = await must(req('GET', `/api/staff/referrals?registrationId=${w.regId}`, staff.token));
    expect(list.items[0].outcome).toBe('applied');
    // Not rateable until the employer gives a result.
    const refId = list.items[0].id as string;
    expect((await must(req('GET', `/api/ratings/referral/${refId}`, w.token))).canRate).toBe(false);
    await must(req('POST', `/api/employer/vacancy-applications/${app.id}/answer`, emp.token, { decision: 'interview', interviewDate: '2026-03-13', interviewTime: '14:30', interviewPlace: '道里区安静街 10 号物业中心' }));
    list = await must(req('GET', `/api/staff/referrals?registrationId=${w.regId}`, staff.token));
    expect(list.items[0]).toMatchObject({ outcome: 'interview', interview: { at: '2026-03-13 14:30' } });
    await must(req('POST', `/api/employer/vacancy-applications/${app.id}/answer`, emp.token, { decision: 'hire' }));
    expect((await must(req('GET', `/api/ratings/referral/${refId}`, w.token))).canRate).toBe(true);
    await must(req('POST', `/api/ratings/referral/${refId}`, w.token, { stars: 5, comment: '推荐得很准' }), 201);
    expect((await req('POST', `/api/ratings/referral/${refId}`, w.token, { stars: 4 })).status).toBe(409);
    // The audit log has the referral, with the center.
    expect(await t.conn.collection('audit_log').countDocuments({ action: 'refer', subjectId: w.regId })).toBe(1);
  });

  it('the dashboard referral figures equal counts computed from the stored records', async () => {
    const dash = await must(req('GET', '/api/staff/stats', staff.token));
    const refs = await t.conn.collection('vacancy_referrals').find({}).toArray();
    // The 道里区 center serves district 230102 only.
    const daoli = refs.filter((r) => r.district === '230102');
    const statuses = await Promise.all(daoli.map(async (r) => (r.applicationId ? (await t.conn.collection('vacancy_applications').findOne({ _id: r.applicationId }))?.status : null) as string | null));
    const expected = {
      referrals: daoli.length,
      pending: statuses.filter((s) => !s || s === 'withdrawn').length,
      applied: statuses.filter((s) => s && s !== 'withdrawn').length,
      interview: statuses.filter((s) => s === 'interview').length,
      hired: statuses.filter((s) => s === 'hired').length,
      rejected: statuses.filter((s) => s === 'rejected' || s === 'closed').length,
    };
    expect(expected.referrals).toBeGreaterThan(0);
    expect(expected.hired).toBeGreaterThan(0);
    expect(dash.referrals).toEqual(expected);
    // Another center sees none of 道里区's referrals.
    const other = await must(req('GET', '/api/staff/stats', otherStaff.token));
    expect(other.referrals.referrals).toBe(0);
  });

  it('referrals of a recognised person count on the 岗位推荐 step of their plan (three let it close)', async () => {
    const w = await seeker({ hardships: ['disabled'] });
    const rec = (await must(req('POST', '/api/assistance/recognition', w.token, {
      categories: ['disabled'], evidence: [{ category: 'disabled', note: '残疾人证 2301021978' }], sensitiveConsentVersion: SENSITIVE_CONSENT.version, idempotencyKey: `vac-asst-${seq}`,
    }))).recognition.id as string;
    await must(req('POST', `/api/staff/assistance/recognitions/${rec}/decision`, staff.token, { decision: 'approve', validUntil: '2027-03-09' }));
    const step = (await must(req('POST', `/api/staff/assistance/recognitions/${rec}/steps`, staff.token, { kind: 'job_referral', title: '推荐岗位', dueDate: '2026-04-10' }))).recognition.plan[0].id as string;
    const jobs = [await post({ title: '仓库保管员' }), await post({ title: '物业电工' }), await post({ title: '小区维修工' })];
    for (const [i, id] of jobs.entries()) {
      await must(req('POST', '/api/staff/referrals', staff.token, { registrationId: w.regId, vacancyId: id }), 201);
      const plan = (await must(req('GET', `/api/staff/assistance/recognitions/${rec}`, staff.token))).recognition.plan[0];
      expect(plan.referrals).toHaveLength(i + 1);
    }
    const plan = (await must(req('GET', `/api/staff/assistance/recognitions/${rec}`, staff.token))).recognition.plan[0];
    expect(plan.referrals.map((r: { position: string }) => r.position).sort()).toEqual(['仓库保管员', '小区维修工', '物业电工'].sort());
    // One notice per referral (the vacancy's), not a second one from the plan.
    expect(await notificationCount(t, w.userId, 'vacancy.referred')).toBe(3);
    await must(req('POST', `/api/staff/assistance/recognitions/${rec}/steps/${step}/complete`, staff.token, {}));
  });

  it('a held posting waits in the inbox of its center and goes live when staff approve', async () => {
    const id = await post();
    await t.conn.collection('vacancies').updateOne({ _id: new Types.ObjectId(id) }, { $set: { status: 'review', contentHold: { reason: 'manual', fields: ['title'], labels: [], at: new Date(clock) } } });
    expect((await req('GET', `/api/vacancies/${id}`)).status).toBe(404);
    const inbox = await must(req('GET', '/api/staff/workbench?queue=vacancy', staff.token));
    expect(inbox.items.map((i: { id: string }) => i.id)).toContain(id);
    const otherInbox = await must(req('GET', '/api/staff/workbench?queue=vacancy', otherStaff.token));
    expect(otherInbox.items.map((i: { id: string }) => i.id)).not.toContain(id);
    // The full posting for review: the contact phone masked, and why it was held.
    const full = await must(req('GET', `/api/staff/vacancies/${id}`, staff.token));
    expect(full.vacancy.status).toBe('review');
    expect(full.contactPhoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(full.holdText).toContain('岗位名称');
    expect((await req('GET', `/api/staff/vacancies/${id}`, otherStaff.token)).status).toBe(404);
    expect((await req('POST', `/api/staff/vacancies/${id}/review`, otherStaff.token, { decision: 'approve' })).status).toBe(404);
    expect((await req('POST', `/api/staff/vacancies/${id}/review`, staff.token, { decision: 'reject' })).status).toBe(400);
    await must(req('POST', `/api/staff/vacancies/${id}/review`, staff.token, { decision: 'approve' }));
    expect((await must(req('GET', `/api/vacancies/${id}`))).vacancy.status).toBe('open');
  });
});
