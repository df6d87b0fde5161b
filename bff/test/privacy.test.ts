import { Types } from 'mongoose';
import { ELIGIBILITY_ID_CONSENT, HOME_LOCATION_CONSENT, POLICY_HARDSHIP_CONSENT, SENSITIVE_CONSENT } from '@doorstep/shared';
import { idNumber } from './support/ids';
import { smsLogin, startTestApp, type TestApp } from './support/harness';
import { DAOLI, GIG_NOW, employerSession, gigBody, nextIp, staffSession, workerSession, type Session } from './support/gig-helpers';
import { regionModel } from '../src/modules/regions/model';

// Gig tests' clock (a Tuesday, 09:00 in Beijing); `offset` moves it for the recent-login check.
let offset = 0;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true', SMS_IP_HOURLY_LIMIT: '10000' }, deps: { now: () => GIG_NOW + offset } });
  await regionModel(t.conn).create({ code: '230102', name: '道里区', cityCode: '2301', center: DAOLI, streets: ['兆麟街道'] });
});
afterAll(() => t.close());
afterEach(() => { offset = 0; });

const col = (name: string) => t.conn.collection(name);
const oid = (id: string) => new Types.ObjectId(id);
let idSeq = 100;
const nextId = () => idNumber('230102', '1980-04-04', String(++idSeq).padStart(3, '0'));
const completeForm = (id: string) => ({
  realName: '张建国', idType: 'resident_id', idNumber: id, residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 1 号',
  hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: '2026-01-31', education: 'senior',
  skills: ['电焊'], desiredOccupations: ['焊工'], desiredDistricts: ['230102'], expectedMonthlyPay: 4500, workModes: ['full_time'], serviceNeeds: ['job_referral'],
  claimUnemploymentInsurance: false, hardships: ['disabled'], ableToWork: true, wantsWork: true, currentlyEmployed: false,
});
const draft = (s: Session, body: unknown) => t.request('PUT', '/api/registration/draft', { token: s.token, body });

describe('separate consent for sensitive personal information at the point of collection', () => {
  it('refuses the ID number or hardships without it, naming the field in Chinese, and stores nothing', async () => {
    const w = await workerSession(t);
    const id = await draft(w, { form: { realName: '李春梅', idType: 'resident_id', idNumber: nextId() } });
    expect(id.status).toBe(400);
    expect(id.body.error.code).toBe('SENSITIVE_CONSENT_REQUIRED');
    expect(id.body.error.message).toContain('敏感个人信息');
    expect(id.body.error.details).toEqual([expect.objectContaining({ field: 'form.idNumber' })]);
    const hard = await draft(w, { form: { hardships: ['low_income_family'] } });
    expect(hard.status).toBe(400);
    expect(hard.body.error.details[0].field).toBe('form.hardships');
    expect(await col('registrations').countDocuments({ userId: oid(w.userId) })).toBe(0);
    // An outdated version of the text is not a consent to the current one.
    const old = await draft(w, { sensitiveConsentVersion: '2000-01', form: { idType: 'resident_id', idNumber: nextId() } });
    expect(old.status).toBe(400);
    expect(old.body.error.details[0].field).toBe('sensitiveConsentVersion');
    // Fields that are not sensitive need no consent.
    expect((await draft(w, { form: { realName: '李春梅', hukouPlace: '黑龙江省哈尔滨市' } })).status).toBe(200);
  });

  it('records version and time on the registration; later saves need not repeat it', async () => {
    const w = await workerSession(t);
    const first = await draft(w, { form: { realName: '李春梅' } });
    expect(first.body.registration.sensitiveConsent).toBeNull();
    const ok = await draft(w, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: { idType: 'resident_id', idNumber: nextId() } });
    expect(ok.status).toBe(200);
    expect(ok.body.registration.sensitiveConsent).toEqual({ version: SENSITIVE_CONSENT.version, at: new Date(GIG_NOW).toISOString() });
    const stored = await col('registrations').findOne({ userId: oid(w.userId) });
    expect(stored!.sensitiveConsent).toEqual({ version: SENSITIVE_CONSENT.version, at: new Date(GIG_NOW) });
    expect((await draft(w, { form: { hardships: ['disabled'] } })).status).toBe(200);
    expect((await t.request('GET', '/api/registration', { token: w.token })).body.registration.sensitiveConsent.version).toBe(SENSITIVE_CONSENT.version);
  });
});

describe('the other separate consents', () => {
  const elig = { idType: 'resident_id', ableToWork: true, wantsWork: true, currentlyEmployed: false };
  it('eligibility check: an ID number only with the consent; nothing is stored either way', async () => {
    const w = await workerSession(t);
    const refused = await t.request('POST', '/api/registration/eligibility', { token: w.token, body: { ...elig, idNumber: nextId() } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'SENSITIVE_CONSENT_REQUIRED', details: [expect.objectContaining({ field: 'idNumber' })] });
    expect(refused.body.error.message).toContain('证件号码');
    const old = await t.request('POST', '/api/registration/eligibility', { token: w.token, body: { ...elig, idNumber: nextId(), sensitiveConsentVersion: '2000-01' } });
    expect([old.status, old.body.error.details[0].field]).toEqual([400, 'sensitiveConsentVersion']);
    const ok = await t.request('POST', '/api/registration/eligibility', { token: w.token, body: { ...elig, idNumber: idNumber('230102', '1980-04-04', '555'), sensitiveConsentVersion: ELIGIBILITY_ID_CONSENT.version } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ eligible: true, birthDate: '1980-04-04' });
    // Without an ID number (a permit holder giving the birth date) no consent is needed.
    expect((await t.request('POST', '/api/registration/eligibility', { token: w.token, body: { ...elig, idType: 'taiwan_permit', birthDate: '1980-04-04', sex: 'male' } })).status).toBe(200);
    expect(await col('registrations').countDocuments({ userId: oid(w.userId) })).toBe(0);
  });

  it('availability: a home location only with the consent, recorded on the availability record', async () => {
    const w = await workerSession(t);
    const base = { availableToday: true, categories: ['搬运装卸'], elder: false, commitmentAgreed: true };
    const put = (body: unknown) => t.request('PUT', '/api/me/availability', { token: w.token, body });
    const home = await put({ ...base, home: DAOLI });
    expect(home.status).toBe(400);
    expect(home.body.error).toMatchObject({ code: 'SENSITIVE_CONSENT_REQUIRED', details: [expect.objectContaining({ field: 'home' })] });
    expect(home.body.error.message).toContain('常住位置');
    const district = await put({ ...base, homeDistrict: '230102' });
    expect([district.status, district.body.error.details[0].field]).toEqual([400, 'homeDistrict']);
    expect(await col('worker_profiles').countDocuments({ userId: oid(w.userId) })).toBe(0);
    // Categories alone keep no location: no consent needed, none recorded.
    const plain = await put(base);
    expect([plain.status, plain.body.homeLocationConsent]).toEqual([200, null]);
    const ok = await put({ ...base, homeDistrict: '230102', home: DAOLI, sensitiveConsentVersion: HOME_LOCATION_CONSENT.version });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ homeDistrict: '230102', home: DAOLI, homeLocationConsent: { version: HOME_LOCATION_CONSENT.version, at: new Date(GIG_NOW).toISOString() } });
    expect((await col('worker_profiles').findOne({ userId: oid(w.userId) }))!.homeLocationConsent).toEqual({ version: HOME_LOCATION_CONSENT.version, at: new Date(GIG_NOW) });
    // Later changes need not repeat it.
    const moved = await put({ ...base, homeDistrict: '230103' });
    expect([moved.status, moved.body.homeLocationConsent?.version]).toEqual([200, HOME_LOCATION_CONSENT.version]);
  });

  it('the policy calculator asks no consent for 困难类别 and keeps nothing', async () => {
    const w = await workerSession(t);
    const res = await t.request('POST', '/api/policies/calculate', { token: w.token, body: { audience: 'individual', answers: { age: 45, difficulty: ['残疾', '低收入家庭'] } } });
    expect(res.status).toBe(200);
    expect(await col('person_facts').countDocuments({ userId: w.userId })).toBe(0);
    expect(await col('policy_applications').countDocuments({ userId: w.userId })).toBe(0);
    expect(POLICY_HARDSHIP_CONSENT.text).toContain('困难');
  });
});

describe('account deletion (注销)', () => {
  it('erases contact data, logins, messages, availability, drafts and open applications; the phone can sign up again', async () => {
    const staff = await staffSession(t);
    const boss = await employerSession(t, { staff });
    const gig = await t.request('POST', '/api/employer/gigs', { token: boss.token, body: gigBody({ date: '2026-03-11' }) });
    expect(gig.status).toBe(201);
    const w = await workerSession(t);
    offset = 61_000; // past the SMS cooldown
    const second = await smsLogin(t, w.phone, nextIp()); // another device
    expect((await draft(w, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: completeForm(nextId()) })).status).toBe(200);
    expect((await t.request('PUT', '/api/me/availability', { token: w.token, body: { availableToday: true, categories: ['搬运装卸'], homeDistrict: '230102', home: DAOLI, elder: false, commitmentAgreed: true, sensitiveConsentVersion: HOME_LOCATION_CONSENT.version } })).status).toBe(200);
    expect((await t.request('POST', `/api/gigs/${gig.body.gig.id}/apply`, { token: w.token })).status).toBeLessThan(300);
    await t.services.notifier.notify(w.userId, { kind: 'test', title: '测试消息', body: '内容' });

    const preview = await t.request('GET', '/api/me/deletion', { token: w.token });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ allowed: true, blockers: [], recentLogin: true });
    expect(preview.body.erased.join()).toContain('手机号');
    expect(preview.body.kept.join()).toContain('已办结的失业登记');

    const wrong = await t.request('POST', '/api/me/delete', { token: w.token, body: { confirm: '好的' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0]).toMatchObject({ field: 'confirm' });
    expect((await col('users').findOne({ _id: oid(w.userId) }))!.phoneHash).toBeTruthy();

    const res = await t.request('POST', '/api/me/delete', { token: w.token, body: { confirm: '注销' } });
    expect(res.status).toBe(200);
    expect(res.body.erased).toMatchObject({ sessions: 2, notifications: expect.any(Number), availability: 1, withdrawnApplications: 1, drafts: 1 });

    const uid = oid(w.userId);
    const user = await col('users').findOne({ _id: uid });
    expect(user).toMatchObject({ deletedAt: expect.any(Date), disabledAt: expect.any(Date), displayName: null });
    for (const k of ['phoneEnc', 'phoneHash', 'wechatOpenid', 'wechatUnionid']) expect(user).not.toHaveProperty(k);
    expect(await col('auth_sessions').countDocuments({ userId: uid })).toBe(0);
    expect(await col('refresh_tokens').countDocuments({ userId: uid })).toBe(0);
    expect(await col('notifications').countDocuments({ userId: uid })).toBe(0);
    expect(await col('worker_profiles').countDocuments({ userId: uid })).toBe(0);
    expect(await col('registrations').countDocuments({ userId: uid })).toBe(0);
    expect(await col('person_facts').countDocuments({ userId: w.userId })).toBe(0);
    expect(await col('dev_sms_outbox').countDocuments({ phoneHash: t.services.pii.blindIndex('phone', w.phone) })).toBe(0);
    // The application to the gig that has not started is withdrawn (kept as a cancelled record); the place is free again.
    const apps = await col('gig_applications').find({ workerId: uid }).toArray();
    expect(apps.map((a) => a.status)).toEqual(['cancelled']);
    const audit = await col('audit_log').find({ action: 'account_delete', subjectId: w.userId }).toArray();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(w.phone);

    // Both devices are logged out; the refresh token is gone.
    expect((await t.request('GET', '/api/me', { token: w.token })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/refresh', { body: { refreshToken: second.refreshToken } })).status).toBe(401);
    // The phone signs up anew, as a new person.
    offset = 130_000;
    const again = await smsLogin(t, w.phone, nextIp());
    expect(again.user.id).not.toBe(w.userId);
  });

  it('refuses while a registration is open, then keeps the finished registration and its audit, detached', async () => {
    const staff = await staffSession(t);
    const w = await workerSession(t);
    expect((await draft(w, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: completeForm(nextId()) })).status).toBe(200);
    const sub = await t.request('POST', '/api/registration/submit', { token: w.token, body: { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `del-${w.userId}` } });
    expect([sub.status, sub.body.error?.message]).toEqual([200, undefined]);
    const regId = sub.body.registration.id as string;
    expect((await t.request('POST', `/api/staff/registrations/${regId}/decision`, { token: staff.token, body: { decision: 'approve' } })).status).toBe(200);

    const preview = await t.request('GET', '/api/me/deletion', { token: w.token });
    expect(preview.body.allowed).toBe(false);
    expect(preview.body.blockers[0]).toMatchObject({ kind: 'registration' });
    const refused = await t.request('POST', '/api/me/delete', { token: w.token, body: { confirm: '注销' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('经办人员办结');
    expect((await col('users').findOne({ _id: oid(w.userId) }))!.phoneHash).toBeTruthy();

    expect((await t.request('POST', '/api/registration/exit', { token: w.token, body: { reason: 'cancel' } })).status).toBe(200);
    const res = await t.request('POST', '/api/me/delete', { token: w.token, body: { confirm: '注销' } });
    expect(res.status).toBe(200);
    expect(res.body.kept.registrations).toBe(1);
    const kept = await col('registrations').findOne({ _id: oid(regId) });
    expect(kept).toMatchObject({ status: 'exited', recordNo: expect.any(String), idNumberEnc: expect.any(String), realNameEnc: expect.any(String) });
    expect(kept!.form.residenceAddress).toBeUndefined();
    expect(kept!.form.hukouPlace).toBe('黑龙江省哈尔滨市');
    expect(await col('audit_log').countDocuments({ subjectType: 'registration', subjectId: regId, action: 'approve' })).toBe(1);
    // Staff still open the record; the person's phone is gone from it.
    const detail = await t.request('GET', `/api/staff/registrations/${regId}`, { token: staff.token });
    expect(detail.status).toBe(200);
    expect(detail.body.identity.phone).toBeNull();
  });

  it('asks for a recent login, and staff accounts cannot delete themselves', async () => {
    const w = await workerSession(t);
    offset = 20 * 60_000;
    const stale = await t.request('POST', '/api/me/delete', { token: w.token, body: { confirm: '注销' } });
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toBe('RECENT_LOGIN_REQUIRED');
    expect((await t.request('GET', '/api/me/deletion', { token: w.token })).body.recentLogin).toBe(false);
    expect((await col('users').findOne({ _id: oid(w.userId) }))!.deletedAt).toBeNull();
    const staff = await staffSession(t);
    expect((await t.request('POST', '/api/me/delete', { token: staff.token, body: { confirm: '注销' } })).status).toBe(403);
  });

  it('an employer with a gig still hiring is told to close it first; afterwards the contact person is erased', async () => {
    const staff = await staffSession(t);
    const boss = await employerSession(t, { staff });
    const gig = await t.request('POST', '/api/employer/gigs', { token: boss.token, body: gigBody({ date: '2026-03-11' }) });
    const refused = await t.request('POST', '/api/me/delete', { token: boss.token, body: { confirm: '注销' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('结束招工');
    expect((await t.request('POST', `/api/employer/gigs/${gig.body.gig.id}/close`, { token: boss.token })).status).toBe(200);
    expect((await t.request('POST', '/api/me/delete', { token: boss.token, body: { confirm: '注销' } })).status).toBe(200);
    const emp = await col('employers').findOne({ _id: oid(boss.employerId) });
    expect(emp).toMatchObject({ contactName: '（已注销）', creditCode: '91350100M000100Y43' });
    expect(t.services.pii.decrypt(emp!.contactPhoneEnc)).toBe('');
    const g = await col('gigs').findOne({ _id: oid(gig.body.gig.id) });
    expect(g).toMatchObject({ contactName: '（已注销）', status: 'closed' });
  });
});
