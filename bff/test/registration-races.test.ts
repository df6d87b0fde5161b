import { SENSITIVE_CONSENT } from '@doorstep/shared';
import { ObjectId } from 'mongodb';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { idNumber } from './support/ids';

/**
 * Every state-changing registration route under 20 identical parallel calls: exactly one effect
 * (status, timeline entry, audit entry, notification). FerretDB v1 conditional updates are not atomic,
 * so this only holds because every transition runs under the registration's one key (`reg:<id>`).
 */


const T0 = Date.parse('2026-11-16T10:00:00+08:00');
let t: TestApp;
let staff: string;
let ip = 0;
let seq = 100;
const login = async (phone = nextPhone()) => {
  ip += 1;
  const s = await smsLogin(t, phone, `10.91.${Math.floor(ip / 200)}.${ip % 200}`);
  return { token: s.accessToken as string, id: s.user.id as string };
};
const form = (id: string) => ({
  realName: '赵红梅', idType: 'resident_id', idNumber: id, residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 3 号',
  hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '某厂', lastJobEndDate: '2026-08-31', education: 'senior',
  skills: [], certificates: [], desiredOccupations: ['保洁'], desiredDistricts: ['230102'], expectedMonthlyPay: 3000,
  workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: ['disabled', 'low_income_family'],
  ableToWork: true, wantsWork: true, currentlyEmployed: false, retirementCategory: 'female_worker',
});
const freshId = () => idNumber('230102', '1986-03-15', String(seq++).padStart(3, '0'));
const submitBody = (key: string) => ({ commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: key });

async function submitted(id = freshId()) {
  const w = await login();
  expect((await t.request('PUT', '/api/registration/draft', { token: w.token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(id) } })).status).toBe(200);
  const res = await t.request('POST', '/api/registration/submit', { token: w.token, body: submitBody(`k-${Math.random().toString(36).slice(2, 12)}`) });
  expect(res.status).toBe(200);
  return { worker: w, regId: res.body.registration.id as string };
}
const decide = (regId: string, decision: string, reason?: string) =>
  t.request('POST', `/api/staff/registrations/${regId}/decision`, { token: staff, body: { decision, ...(reason ? { reason } : {}) } });
const times = <T>(n: number, f: () => Promise<T>) => Promise.all(Array.from({ length: n }, f));
const statuses = (rs: { status: number }[]) => rs.map((r) => r.status).sort();
const raw = (regId: string) => t.conn.collection('registrations').findOne({ _id: new ObjectId(regId) });
const timelineCount = async (regId: string, type: string) => ((await raw(regId))!.timeline as { type: string }[]).filter((e) => e.type === type).length;
const auditCount = (regId: string, action: string) => t.services.audit.Audit.countDocuments({ subjectType: 'registration', subjectId: regId, action });
const noticeCount = (userId: string, kind: string) => t.services.notifier.Notification.countDocuments({ userId, kind });
/** One 200, the rest a clean 409 (never a 500, never a second effect). */
const exactlyOne = (rs: { status: number }[]) => expect(statuses(rs)).toEqual([200, ...Array(rs.length - 1).fill(409)]);

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => T0 } });
  const phone = nextPhone();
  await t.services.auth.upsertStaff(phone, '并发经办', '道里区公共就业服务中心');
  staff = (await login(phone)).token;
});
afterAll(() => t.close());

describe('20 identical parallel calls → exactly one effect', () => {
  it('submit: the same tap twenty times is one submission; twenty different taps too', async () => {
    const w = await login();
    await t.request('PUT', '/api/registration/draft', { token: w.token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(freshId()) } });
    const same = await times(20, () => t.request('POST', '/api/registration/submit', { token: w.token, body: submitBody('same-tap-123456') }));
    expect(statuses(same)).toEqual(Array(20).fill(200));
    const regId = same[0]!.body.registration.id as string;
    expect(same.every((r) => r.body.registration.id === regId)).toBe(true);
    expect(await timelineCount(regId, 'submitted')).toBe(1);
    expect(await noticeCount(w.id, 'registration.submitted')).toBe(1);
    expect((await raw(regId))!.rev).toBe(1); // created at rev 0, one submission step

    const w2 = await login();
    await t.request('PUT', '/api/registration/draft', { token: w2.token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(freshId()) } });
    const taps = await Promise.all(Array.from({ length: 20 }, (_, i) => t.request('POST', '/api/registration/submit', { token: w2.token, body: submitBody(`tap-${i}-abcdefgh`) })));
    exactlyOne(taps);
    const id2 = taps.find((r) => r.status === 200)!.body.registration.id as string;
    expect(await timelineCount(id2, 'submitted')).toBe(1);
    expect(await noticeCount(w2.id, 'registration.submitted')).toBe(1);
  }, 60_000);

  it.each([
    ['start_review', undefined, 'review_started', 'under_review'],
    ['approve', undefined, 'approved', 'approved'],
    ['return', '请补充户籍地', 'returned', 'returned'],
    ['reject', '不符合条件', 'rejected', 'rejected'],
  ])('staff %s', async (decision, reason, event, status) => {
    const { worker, regId } = await submitted();
    const rs = await times(20, () => decide(regId, decision, reason));
    exactlyOne(rs);
    const doc = (await raw(regId))!;
    expect(doc.status).toBe(status);
    expect(await timelineCount(regId, event)).toBe(1);
    expect(await auditCount(regId, decision)).toBe(1);
    expect(await noticeCount(worker.id, `registration.${event}`)).toBe(1);
    if (decision === 'approve') {
      expect(doc.recordNo).toMatch(/^\d{20}$/);
      expect(doc.activeIdHash).toBe(doc.idHash);
    }
  }, 60_000);

  it('staff close of an approved registration', async () => {
    const { worker, regId } = await submitted();
    expect((await decide(regId, 'approve')).status).toBe(200);
    const rs = await times(20, () => t.request('POST', `/api/staff/registrations/${regId}/close`, { token: staff, body: { employer: '某物业公司', employedOn: '2026-11-10' } }));
    exactlyOne(rs);
    const doc = (await raw(regId))!;
    expect(doc.status).toBe('exited');
    expect(doc.activeIdHash).toBeUndefined();
    expect(await timelineCount(regId, 'closed')).toBe(1);
    expect(await auditCount(regId, 'close')).toBe(1);
    expect(await noticeCount(worker.id, 'registration.closed')).toBe(1);
  }, 60_000);

  it('worker exit', async () => {
    const { worker, regId } = await submitted();
    expect((await decide(regId, 'approve')).status).toBe(200);
    const rs = await times(20, () => t.request('POST', '/api/registration/exit', { token: worker.token, body: { reason: 'cancel', note: '不再需要' } }));
    // One exit; the others find nothing open any more (404) or a registration already ended (409).
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    expect(rs.every((r) => [200, 404, 409].includes(r.status))).toBe(true);
    expect((await raw(regId))!.status).toBe('exited');
    expect(await timelineCount(regId, 'exited')).toBe(1);
    expect(await noticeCount(worker.id, 'registration.exited')).toBe(1);
  }, 60_000);
});

describe('worker and staff on the same registration share one key', () => {
  it('worker exit racing staff approval: one order of events, never both half-applied', async () => {
    for (let round = 0; round < 4; round++) {
      const { worker, regId } = await submitted();
      const [exit, approve] = await Promise.all([
        t.request('POST', '/api/registration/exit', { token: worker.token, body: { reason: 'cancel' } }),
        decide(regId, 'approve'),
      ]);
      expect(exit.status).toBe(200);
      const doc = (await raw(regId))!;
      expect(doc.status).toBe('exited');
      expect(doc.openFor).toBeUndefined();
      expect(doc.activeIdHash).toBeUndefined(); // an exited person holds no active registration
      const types = (doc.timeline as { type: string }[]).map((e) => e.type);
      if (approve.status === 200) {
        // Approval first, then the exit ended it.
        expect(types.slice(-2)).toEqual(['approved', 'exited']);
        expect(doc.recordNo).toMatch(/^\d{20}$/);
      } else {
        expect(approve.status).toBe(409);
        expect(types).not.toContain('approved');
        expect(doc.recordNo).toBeUndefined();
        expect(await auditCount(regId, 'approve')).toBe(0);
      }
      expect(types.filter((x) => x === 'exited')).toHaveLength(1);
    }
  }, 90_000);

  it('two accounts with the same ID number approved in parallel: exactly one becomes active', async () => {
    const id = freshId();
    const a = await submitted(id);
    const b = await submitted(id);
    const [ra, rb] = await Promise.all([decide(a.regId, 'approve'), decide(b.regId, 'approve')]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(loser.body.error.code).toBe('ID_ALREADY_ACTIVE');
    const docs = await t.conn.collection('registrations').find({ _id: { $in: [new ObjectId(a.regId), new ObjectId(b.regId)] } }).toArray();
    expect(docs.filter((d) => d.status === 'approved')).toHaveLength(1);
    expect(docs.filter((d) => d.activeIdHash)).toHaveLength(1);
    // The loser is still waiting, with nothing half-written (no record number, no approval entry).
    const lost = docs.find((d) => d.status !== 'approved')!;
    expect(lost.status).toBe('submitted');
    expect(lost.recordNo).toBeUndefined();
    // Its detail shows staff the conflict with a masked reference of the other record.
    const detail = await t.request('GET', `/api/staff/registrations/${lost._id.toString()}`, { token: staff });
    expect(detail.body.idConflicts).toEqual([expect.objectContaining({ kind: 'active', blocksApproval: true, message: '该证件号已有有效登记（另一账号）', otherCenter: '道里区公共就业服务中心' })]);
    const winner = docs.find((d) => d.status === 'approved')!;
    expect(detail.body.idConflicts[0].otherRef).not.toContain(winner.recordNo);
    expect(detail.body.idConflicts[0].otherRef).toContain(String(winner.recordNo).slice(-4));
  }, 60_000);
});

describe('sensitive data at rest', () => {
  it('stores the real name and the 困难情形 sealed to the record; a sealed value moved to another record does not open', async () => {
    const { worker, regId } = await submitted();
    const doc = (await raw(regId))!;
    const text = JSON.stringify(doc);
    expect(text).not.toContain('赵红梅');
    expect(text).not.toContain('disabled');
    expect(text).not.toContain('low_income_family');
    expect(doc.form.realName).toBeUndefined();
    expect(doc.form.hardships).toBeUndefined();
    expect(doc.realNameEnc).toMatch(/^v2\./);
    expect(doc.hardshipsEnc).toMatch(/^v2\./);
    // The owner still sees their form; staff lists see the name masked.
    const mine = await t.request('GET', '/api/registration', { token: worker.token });
    expect(mine.body.registration.form).toMatchObject({ realName: '赵红梅', hardships: ['disabled', 'low_income_family'] });
    const q = await t.request('GET', '/api/staff/registrations', { token: staff });
    expect(q.body.items.find((i: { id: string }) => i.id === regId).nameMasked).toBe('赵**');
    expect(JSON.stringify(q.body)).not.toContain('赵红梅');
    // Associated data: the ciphertext of this record's name does not decrypt as another record's.
    expect(() => t.services.pii.decryptFor(doc.realNameEnc, `registrations/${new ObjectId().toString()}/realName`)).toThrow();
    expect(() => t.services.pii.decryptFor(doc.realNameEnc, `registrations/${regId}/hardships`)).toThrow();
    expect(t.services.pii.decryptFor(doc.realNameEnc, `registrations/${regId}/realName`)).toBe('赵红梅');
    // Opening the full record is audited.
    const before = await auditCount(regId, 'view_pii');
    expect((await t.request('GET', `/api/staff/registrations/${regId}`, { token: staff })).body.identity.realName).toBe('赵红梅');
    expect(await auditCount(regId, 'view_pii')).toBe(before + 1);
  });

  it('still reads a registration stored before sealing (clear name, v1 ID ciphertext) and seals it on the next save', async () => {
    const w = await login();
    const id = freshId();
    const _id = new ObjectId();
    await t.conn.collection('registrations').insertOne({
      _id, userId: new ObjectId(w.id), status: 'draft', form: { realName: '钱旧档', idType: 'resident_id', hardships: ['disabled'] },
      idNumberEnc: t.services.pii.encrypt(id), idHash: t.services.pii.blindIndex('idNumber', `resident_id:${id}`), openFor: w.id, timeline: [], submitKeys: [], followUps: [], createdAt: new Date(), updatedAt: new Date(),
    });
    const back = await t.request('GET', '/api/registration', { token: w.token });
    expect(back.body.registration).toMatchObject({ id: _id.toString(), form: { realName: '钱旧档', hardships: ['disabled'] }, idNumberMasked: `${id.slice(0, 4)}**********${id.slice(-4)}` });
    expect((await t.request('PUT', '/api/registration/draft', { token: w.token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: { education: 'senior' } } })).status).toBe(200);
    const after = (await raw(_id.toString()))!;
    expect(JSON.stringify(after)).not.toContain('钱旧档');
    expect(after.realNameEnc).toMatch(/^v2\./);
    expect((await t.request('GET', '/api/registration', { token: w.token })).body.registration.form).toMatchObject({ realName: '钱旧档', hardships: ['disabled'], education: 'senior' });
  });
});
