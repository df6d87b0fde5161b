import { ELIGIBILITY_ID_CONSENT, SENSITIVE_CONSENT } from '@doorstep/shared';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { idNumber } from './support/ids';


// 2026-09-29 10:00 in China (a Tuesday, two days before 国庆).
const T0 = Date.parse('2026-09-29T10:00:00+08:00');
let clock = T0;
let t: TestApp;
let ipSeq = 0;
const login = async (role: 'worker' | 'staff' | 'employer' = 'worker', center = '道里区公共就业服务中心') => {
  const phone = nextPhone();
  if (role === 'staff') await t.services.auth.upsertStaff(phone, `经办${phone.slice(-4)}`, center);
  const s = await smsLogin(t, phone, `10.3.${Math.floor(ipSeq / 200)}.${ipSeq++ % 200}`);
  if (role === 'employer') return (await t.request('POST', '/api/me/role', { body: { role: 'employer' }, token: s.accessToken })).body.accessToken as string;
  return s.accessToken;
};

const completeForm = (id: string) => ({
  realName: '张建国', idType: 'resident_id', idNumber: id, residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 1 号',
  hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: '2026-06-30', education: 'senior',
  skills: ['电焊'], certificates: ['焊工证'], desiredOccupations: ['焊工', '装配工'], desiredDistricts: ['230102'], expectedMonthlyPay: 4500,
  workModes: ['full_time', 'gig'], serviceNeeds: ['job_referral', 'skills_training'], claimUnemploymentInsurance: true, hardships: [],
  ableToWork: true, wantsWork: true, currentlyEmployed: false,
});
const submit = (token: string, key = `key-${Math.random().toString(36).slice(2, 12)}`) =>
  t.request('POST', '/api/registration/submit', { token, body: { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: key } });

beforeAll(async () => { t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => clock } }); });
afterAll(() => t.close());

describe('eligibility check before the form', () => {
  it('accepts a 35-year-old who can and wants to work', async () => {
    const token = await login();
    const res = await t.request('POST', '/api/registration/eligibility', { token, body: { sensitiveConsentVersion: ELIGIBILITY_ID_CONSENT.version, idType: 'resident_id', idNumber: idNumber('230102', '1991-05-12', '031'), ableToWork: true, wantsWork: true, currentlyEmployed: false } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ eligible: true, birthDate: '1991-05-12', sex: 'male', reasons: [] });
  });

  it('explains why an older man or an employed person cannot register, and what else they can do', async () => {
    const token = await login();
    const old = await t.request('POST', '/api/registration/eligibility', { token, body: { sensitiveConsentVersion: ELIGIBILITY_ID_CONSENT.version, idType: 'resident_id', idNumber: idNumber('230102', '1960-03-01', '011'), ableToWork: true, wantsWork: true, currentlyEmployed: false } });
    expect(old.body.eligible).toBe(false);
    expect(old.body.reasons[0]).toContain('已达到法定退休年龄');
    expect(old.body.alternatives.map((a: { title: string }) => a.title)).toContain('银龄零工登记');
    const employed = await t.request('POST', '/api/registration/eligibility', { token, body: { sensitiveConsentVersion: ELIGIBILITY_ID_CONSENT.version, idType: 'resident_id', idNumber: idNumber('230102', '1991-05-12', '031'), ableToWork: true, wantsWork: true, currentlyEmployed: true } });
    expect(employed.body.eligible).toBe(false);
    expect(employed.body.reasons.join()).toContain('在职');
  });
});

describe('draft, submit, deadline and idempotency', () => {
  it('saves the draft as the worker goes, storing the ID number encrypted and showing it masked', async () => {
    const token = await login();
    const id = idNumber('230102', '1988-02-14', '052');
    const first = await t.request('PUT', '/api/registration/draft', { token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: { realName: '李春梅', idType: 'resident_id', idNumber: id } } });
    expect(first.status).toBe(200);
    expect(first.body.registration).toMatchObject({ status: 'draft', idNumberMasked: `${id.slice(0, 4)}**********${id.slice(-4)}` });
    expect(first.body.registration.form).toMatchObject({ birthDate: '1988-02-14', sex: 'female' });
    expect(first.body.registration.form.idNumber).toBeUndefined();
    await t.request('PUT', '/api/registration/draft', { token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: { residenceDistrict: '230103' } } });
    const back = await t.request('GET', '/api/registration', { token });
    expect(back.body.registration.form).toMatchObject({ realName: '李春梅', residenceDistrict: '230103' });
    expect(back.body.commitment.version).toBe('2026-01');
    // At rest: neither the ID number nor the real name in clear; the name sealed to this record.
    const { ObjectId } = await import('mongodb');
    const raw = await t.conn.collection('registrations').findOne({ _id: new ObjectId(first.body.registration.id as string) });
    expect(raw).not.toBeNull();
    expect(JSON.stringify(raw)).not.toContain(id);
    expect(JSON.stringify(raw)).not.toContain('李春梅');
    expect(raw!.realNameEnc).toMatch(/^v2\./);
    expect(await t.conn.collection('registrations').countDocuments({ 'form.realName': '李春梅' })).toBe(0);
  });

  it.each([
    [{ idType: 'resident_id', idNumber: '230102198802140522' }, 'form.idNumber', '校验'],
    [{ idType: 'resident_id', idNumber: idNumber('230102', '1988-02-30', '052') }, 'form.idNumber', '出生日期'],
    [{ realName: { $gt: '' } }, 'form.realName', ''],
    [{ lastEmployer: '厂'.repeat(61) }, 'form.lastEmployer', '60'],
    [{ expectedMonthlyPay: '五千' }, 'form.expectedMonthlyPay', '数字'],
    [{ unknownField: 1 }, 'form', 'unknownField'],
  ])('refuses bad input %j with a Chinese message naming %s', async (form, field, text) => {
    const token = await login();
    const res = await t.request('PUT', '/api/registration/draft', { token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe(field);
    expect(res.body.error.message).toContain(text);
    expect((await t.request('GET', '/api/registration', { token })).body.registration).toBeNull(); // nothing half-written
  });

  it('refuses an incomplete submission listing what is missing, and a job end date in the future', async () => {
    const token = await login();
    await t.request('PUT', '/api/registration/draft', { token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: { realName: '王强', lastJobEndDate: '2026-12-01' } } });
    const res = await submit(token);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INCOMPLETE');
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['form.idNumber', 'form.residenceDistrict', 'form.lastJobEndDate']));
    // Age out of range: a 15-year-old's ID number is refused at submission, naming the field.
    const young = await login();
    await t.request('PUT', '/api/registration/draft', { token: young, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: completeForm(idNumber('230102', '2011-03-03', '041')) } });
    const tooYoung = await submit(young);
    expect(tooYoung.status).toBe(400);
    expect(tooYoung.body.error).toMatchObject({ code: 'NOT_ELIGIBLE', details: [{ field: 'form.idNumber' }] });
    expect(tooYoung.body.error.message).toContain('劳动年龄');
    expect((await t.request('GET', '/api/registration', { token: young })).body.registration.status).toBe('draft');
    const noCommit = await t.request('POST', '/api/registration/submit', { token, body: { commitmentVersion: '2026-01', commitmentAccepted: false, idempotencyKey: 'abcdefgh1' } });
    expect(noCommit.status).toBe(400);
    expect(noCommit.body.error.details[0].field).toBe('commitmentAccepted');
  });

  it('submits once for a double tap, and sets the deadline 7 working days later across 国庆 2026', async () => {
    clock = T0;
    const token = await login();
    await t.request('PUT', '/api/registration/draft', { token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: completeForm(idNumber('230102', '1985-07-01', '071')) } });
    const results = await Promise.all([submit(token, 'tap-once-1234'), submit(token, 'tap-once-1234'), submit(token, 'tap-once-1234')]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const reg = results[0]!.body.registration;
    expect(results.every((r) => r.body.registration.id === reg.id)).toBe(true);
    expect(reg.timeline.filter((e: { type: string }) => e.type === 'submitted')).toHaveLength(1);
    // 09-30 (1); 10-01…10-07 holiday; 10-08 (2), 10-09 (3), Sat 10-10 调休 (4), 10-12 (5), 10-13 (6), 10-14 (7).
    expect(reg).toMatchObject({ status: 'submitted', dueDate: '2026-10-14', dueWorkdaysLeft: 7, center: { code: 'SC230102', name: '道里区公共就业服务中心' } });
    const again = await submit(token, 'another-tap-99');
    expect(again.status).toBe(409);
    expect(await t.conn.collection('registrations').countDocuments({ 'form.idType': 'resident_id', userId: { $exists: true }, status: 'submitted', dueDate: '2026-10-14' })).toBeGreaterThanOrEqual(1);
    const notes = await t.request('GET', '/api/notifications', { token });
    expect(notes.body.items[0].title).toContain('失业登记');
  });

  it('allows one active registration per person even across accounts (claimed at approval, not at submission)', async () => {
    const id = idNumber('230102', '1979-11-11', '013');
    const staff = await login('staff');
    const a = await login();
    await t.request('PUT', '/api/registration/draft', { token: a, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: completeForm(id) } });
    const first = await submit(a);
    expect(first.status).toBe(200);
    expect((await t.request('POST', `/api/staff/registrations/${first.body.registration.id}/decision`, { token: staff, body: { decision: 'approve' } })).status).toBe(200);
    const b = await login();
    await t.request('PUT', '/api/registration/draft', { token: b, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: completeForm(id) } });
    const dup = await submit(b);
    // The submitter learns nothing about the other record: the same answer as any submission.
    expect(dup.status).toBe(200);
    expect(dup.body.registration.status).toBe('submitted');
    const dupDetail = await t.request('GET', `/api/staff/registrations/${dup.body.registration.id}`, { token: staff });
    expect(dupDetail.body.idConflicts).toEqual([expect.objectContaining({ kind: 'active', blocksApproval: true, message: '该证件号已有有效登记（另一账号）' })]);
    const refused = await t.request('POST', `/api/staff/registrations/${dup.body.registration.id}/decision`, { token: staff, body: { decision: 'approve' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ID_ALREADY_ACTIVE');
    const { ObjectId } = await import('mongodb');
    const rawA = await t.conn.collection('registrations').findOne({ _id: new ObjectId(first.body.registration.id as string) });
    expect(await t.conn.collection('registrations').countDocuments({ idHash: rawA!.idHash, status: 'approved' })).toBe(1);
    expect((await t.conn.collection('registrations').findOne({ _id: new ObjectId(dup.body.registration.id as string) }))!.activeIdHash).toBeUndefined();
  });
});

describe('staff handling, record, exit and follow-ups', () => {
  it('runs the whole flow: queue → audited detail → return → resubmit → approve → record → verify → follow-up → exit → register again', async () => {
    clock = T0;
    const worker = await login();
    const id = idNumber('230102', '2004-04-04', '123'); // 22 years old: youth
    await t.request('PUT', '/api/registration/draft', { token: worker, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: completeForm(id) } });
    const submitted = (await submit(worker)).body.registration;
    const staff = await login('staff');
    const otherCenter = await login('staff', '南岗区公共就业服务中心');

    const queue = await t.request('GET', '/api/staff/registrations', { token: staff });
    const item = queue.body.items.find((i: { id: string }) => i.id === submitted.id);
    expect(item).toMatchObject({ nameMasked: '张**', status: 'submitted', dueDate: '2026-10-14', overdue: false, level: 'B' });
    expect(item.idNumberMasked).not.toContain(id.slice(6, 14));
    expect((await t.request('GET', '/api/staff/registrations', { token: otherCenter })).body.items).toHaveLength(0);
    expect((await t.request('GET', `/api/staff/registrations/${submitted.id}`, { token: otherCenter })).status).toBe(404);

    const detail = await t.request('GET', `/api/staff/registrations/${submitted.id}`, { token: staff });
    expect(detail.body.identity.idNumber).toBe(id);
    expect(detail.body.classification.reasons.join()).toContain('青年');
    const audit = await t.request('GET', `/api/staff/audit?subjectId=${submitted.id}`, { token: staff });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('view_pii');

    expect((await t.request('POST', `/api/staff/registrations/${submitted.id}/decision`, { token: staff, body: { decision: 'return' } })).status).toBe(400);
    const returned = await t.request('POST', `/api/staff/registrations/${submitted.id}/decision`, { token: staff, body: { decision: 'return', reason: '户籍地请写到区县' } });
    expect(returned.body.registration).toMatchObject({ status: 'returned', returnReason: '户籍地请写到区县' });
    await t.request('PUT', '/api/registration/draft', { token: worker, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: { hukouPlace: '黑龙江省哈尔滨市道里区' } } });
    clock = T0 + 86400_000; // the next day
    const resubmitted = await submit(worker);
    expect(resubmitted.body.registration.status).toBe('submitted');

    const approved = await t.request('POST', `/api/staff/registrations/${submitted.id}/decision`, { token: staff, body: { decision: 'approve' } });
    expect(approved.status).toBe(200);
    expect(approved.body.registration.recordNo).toMatch(/^\d{20}$/);
    const decisions = (await t.request('GET', `/api/staff/audit?subjectId=${submitted.id}`, { token: staff })).body.items.map((a: { action: string }) => a.action);
    expect(decisions).toEqual(expect.arrayContaining(['return', 'approve']));
    expect((await t.request('POST', `/api/staff/registrations/${submitted.id}/decision`, { token: staff, body: { decision: 'reject', reason: 'x' } })).status).toBe(409);

    const record = await t.request('GET', '/api/registration/record', { token: worker });
    expect(record.body).toMatchObject({ nameMasked: '张**', registeredOn: '2026-09-30', center: '道里区公共就业服务中心', status: 'valid' });
    expect(record.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const code = record.body.verifyUrl.split('/').pop();
    const verified = await t.request('GET', `/api/public/registration-verify/${code}`);
    expect(verified.body).toMatchObject({ valid: true, nameMasked: '张**', registeredOn: '2026-09-30' });
    expect(JSON.stringify(verified.body)).not.toContain(id);
    expect((await t.request('GET', `/api/public/registration-verify/${code.slice(0, -1)}${code.endsWith('x') ? 'y' : 'x'}`)).status).toBe(404);

    // Youth: follow-up at least monthly, scheduled 30 days after approval.
    const after = await t.request('GET', `/api/staff/registrations/${submitted.id}`, { token: staff });
    expect(after.body.nextFollowUp).toBe('2026-10-30');
    const tooLate = await t.request('POST', `/api/staff/registrations/${submitted.id}/follow-ups`, { token: staff, body: { channel: 'phone', outcome: '已推荐焊工岗位', nextDate: '2026-12-31' } });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.error.details[0].field).toBe('nextDate');
    clock = Date.parse('2026-10-26T09:00:00+08:00');
    const due = await t.request('GET', '/api/staff/follow-ups/due', { token: staff });
    expect(due.body.items.map((i: { registrationId: string }) => i.registrationId)).toContain(submitted.id);
    expect((await t.request('POST', `/api/staff/registrations/${submitted.id}/follow-ups`, { token: staff, body: { channel: 'phone', outcome: '已推荐焊工岗位' } })).status).toBe(200);
    expect((await t.request('GET', `/api/staff/registrations/${submitted.id}`, { token: staff })).body.nextFollowUp).toBe('2026-11-25');

    const profile = await t.request('GET', '/api/registration/profile', { token: worker });
    expect(profile.body.completeness).toBe(100);
    expect(profile.body.servicePackages.map((p: { key: string }) => p.key)).toEqual(expect.arrayContaining(['policy', 'placement', 'quick']));

    const exit = await t.request('POST', '/api/registration/exit', { token: worker, body: { reason: 'employed' } });
    expect(exit.status).toBe(400);
    expect(exit.body.error.details.map((d: { field: string }) => d.field)).toEqual(['employer', 'employedOn']);
    const exited = await t.request('POST', '/api/registration/exit', { token: worker, body: { reason: 'employed', employer: '道里区某机械公司', employedOn: '2026-10-20' } });
    expect(exited.body.registration.status).toBe('exited');
    expect((await t.request('GET', `/api/public/registration-verify/${code}`)).body.valid).toBe(false);
    // After exit the person may register again.
    const again = await t.request('PUT', '/api/registration/draft', { token: worker, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: completeForm(id) } });
    expect(again.body.registration.status).toBe('draft');
    expect(again.body.registration.id).not.toBe(submitted.id);
  });

  it('orders the queue overdue first and flags the overdue item after the deadline passes', async () => {
    const staff = await login('staff');
    const w1 = await login();
    clock = Date.parse('2026-10-20T10:00:00+08:00');
    await t.request('PUT', '/api/registration/draft', { token: w1, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: completeForm(idNumber('230102', '1990-01-02', '201')) } });
    const late = (await submit(w1)).body.registration;
    clock = Date.parse('2026-11-05T10:00:00+08:00'); // well past its 7 working days
    const w2 = await login();
    await t.request('PUT', '/api/registration/draft', { token: w2, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: completeForm(idNumber('230102', '1990-01-03', '211')) } });
    const fresh = (await submit(w2)).body.registration;
    const q = (await t.request('GET', '/api/staff/registrations', { token: staff })).body;
    const ids = q.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(late.id)).toBeLessThan(ids.indexOf(fresh.id));
    expect(q.items.find((i: { id: string }) => i.id === late.id)).toMatchObject({ overdue: true });
    expect(q.items.find((i: { id: string }) => i.id === late.id).workdaysLeft).toBeLessThan(0);
    expect(q.counts.pending).toBeGreaterThanOrEqual(2);
  });

  it('route × role table: owner, other worker, employer, staff of the center, staff elsewhere, nobody', async () => {
    clock = Date.parse('2026-11-10T10:00:00+08:00');
    const owner = await login();
    await t.request('PUT', '/api/registration/draft', { token: owner, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: completeForm(idNumber('230102', '1987-08-08', '301')) } });
    const reg = (await submit(owner)).body.registration;
    const tokens: Record<string, string | undefined> = {
      owner, otherWorker: await login(), employer: await login('employer'), staffHere: await login('staff'), staffElsewhere: await login('staff', '南岗区公共就业服务中心'), anonymous: undefined,
    };
    const id = reg.id as string;
    // Expected status per role. Reads that are "mine" answer for the caller's own data (an empty answer
    // for someone without a registration), never someone else's.
    const table: [string, string, unknown, Record<string, number>][] = [
      ['GET', '/api/registration', undefined, { owner: 200, otherWorker: 200, employer: 403, staffHere: 403, staffElsewhere: 403, anonymous: 401 }],
      ['GET', '/api/registration/record', undefined, { owner: 404, otherWorker: 404, employer: 403, staffHere: 403, staffElsewhere: 403, anonymous: 401 }],
      ['GET', '/api/registration/profile', undefined, { owner: 200, otherWorker: 404, employer: 403, staffHere: 403, staffElsewhere: 403, anonymous: 401 }],
      ['GET', '/api/staff/registrations', undefined, { owner: 403, otherWorker: 403, employer: 403, staffHere: 200, staffElsewhere: 200, anonymous: 401 }],
      ['GET', `/api/staff/registrations/${id}`, undefined, { owner: 403, otherWorker: 403, employer: 403, staffHere: 200, staffElsewhere: 404, anonymous: 401 }],
      ['POST', `/api/staff/registrations/${id}/decision`, { decision: 'start_review' }, { owner: 403, otherWorker: 403, employer: 403, staffElsewhere: 404, anonymous: 401, staffHere: 200 }],
      ['POST', `/api/staff/registrations/${id}/follow-ups`, { channel: 'phone', outcome: '电话联系' }, { owner: 403, otherWorker: 403, employer: 403, staffElsewhere: 404, anonymous: 401 }],
      ['POST', `/api/staff/registrations/${id}/close`, { employer: '某单位', employedOn: '2026-11-09', note: '电话核实已就业' }, { owner: 403, otherWorker: 403, employer: 403, staffElsewhere: 404, anonymous: 401 }],
      ['GET', '/api/staff/follow-ups/due', undefined, { owner: 403, otherWorker: 403, employer: 403, staffHere: 200, staffElsewhere: 200, anonymous: 401 }],
    ];
    const seen: string[] = [];
    for (const [method, path, body, expected] of table) {
      for (const [role, status] of Object.entries(expected)) {
        const res = await t.request(method, path, { token: tokens[role], body });
        seen.push(`${method} ${path.replace(id, ':id')} as ${role} → ${res.status}`);
        expect(`${method} ${path.replace(id, ':id')} as ${role} → ${res.status}`).toBe(`${method} ${path.replace(id, ':id')} as ${role} → ${status}`);
      }
    }
    // The other worker's "my registration" is empty; the staff list elsewhere does not contain it.
    expect((await t.request('GET', '/api/registration', { token: tokens.otherWorker })).body.registration).toBeNull();
    expect((await t.request('GET', '/api/staff/registrations', { token: tokens.staffElsewhere })).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    // Nothing changed through the refused calls: still in review by the center, no close, no follow-up.
    const after = await t.request('GET', `/api/staff/registrations/${id}`, { token: tokens.staffHere });
    expect(after.body.registration.status).toBe('under_review');
    expect(after.body.followUps).toHaveLength(0);
    expect(seen.length).toBeGreaterThan(40);
  });

  it('keeps registrations away from employers and other workers', async () => {
    const employer = await login('employer');
    expect((await t.request('GET', '/api/registration', { token: employer })).status).toBe(403);
    expect((await t.request('GET', '/api/staff/registrations', { token: employer })).status).toBe(403);
    const stranger = await login();
    expect((await t.request('GET', '/api/registration', { token: stranger })).body.registration).toBeNull();
    expect((await t.request('GET', '/api/registration/record', { token: stranger })).status).toBe(404);
  });
});
