import { SENSITIVE_CONSENT } from '@doorstep/shared';
import { Types } from 'mongoose';
import { AuditService } from '../src/modules/audit/service';
import { nextIp, onboardBody, gigBody } from './support/gig-helpers';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { idNumber } from './support/ids';

/**
 * 经办工作台: one inbox over every queue, ordered by working-day deadline across 国庆 2026, limited to
 * the staff member's center, with decisions, PII views and exports in the audit log.
 *
 * The 2026 calendar (国务院办公厅 notice): 09-25 中秋 off, 10-01…10-07 国庆 off, 10-10 (Sat) worked.
 * "Today" is Tuesday 2026-09-29: working days after it are 09-30, then 10-08, 10-09, 10-10, 10-12 …
 */
const T0 = Date.parse('2026-09-29T10:00:00+08:00');
let clock = T0;
const at = (iso: string) => { clock = Date.parse(iso); };
let t: TestApp;
jest.setTimeout(60_000); // a dozen accounts and submissions through the API on a shared, busy machine

const NANGANG = '南岗区公共就业服务中心';
const DAOLI = '道里区公共就业服务中心';
const NG_POINT = { lat: 45.7600, lng: 126.6685 };


interface Session { token: string; id: string; phone: string }
async function staffOf(center: string, name: string): Promise<Session> {
  const phone = nextPhone();
  await t.services.auth.upsertStaff(phone, name, center);
  const s = await smsLogin(t, phone, nextIp());
  return { token: s.accessToken, id: s.user.id, phone };
}
async function cityAdmin(name: string): Promise<Session> {
  const phone = nextPhone();
  await t.services.auth.upsertStaff(phone, name, null, 'city');
  const s = await smsLogin(t, phone, nextIp());
  return { token: s.accessToken, id: s.user.id, phone };
}
async function workerOf(): Promise<Session> {
  const phone = nextPhone();
  const s = await smsLogin(t, phone, nextIp());
  return { token: s.accessToken, id: s.user.id, phone };
}
async function employerOf(profile: Record<string, unknown>): Promise<Session & { employerId: string }> {
  const w = await workerOf();
  const token = (await t.request('POST', '/api/me/role', { body: { role: 'employer' }, token: w.token })).body.accessToken as string;
  const p = await t.request('POST', '/api/employer/profile', { body: onboardBody(profile), token });
  if (p.status !== 200) throw new Error(`onboard failed: ${JSON.stringify(p.body)}`);
  return { ...w, token, employerId: p.body.employer.id };
}
let seq = 101;
async function registered(district: string, street: string): Promise<Session & { regId: string; idNumber: string }> {
  const w = await workerOf();
  seq += 2; // odd sequence digit: a man (no 岗位类别 question)
  const id = idNumber(district, '1986-04-12', String(seq).padStart(3, '0'));
  const form = {
    realName: '张建国', idType: 'resident_id', idNumber: id, residenceDistrict: district, residenceStreet: street, residenceAddress: '示例路 1 号',
    hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: '2026-06-30', education: 'senior',
    skills: ['电焊'], certificates: [], desiredOccupations: ['焊工'], desiredDistricts: [district], expectedMonthlyPay: 4500, workModes: ['full_time'],
    serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
  };
  expect((await t.request('PUT', '/api/registration/draft', { token: w.token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form } })).status).toBe(200);
  const sub = await t.request('POST', '/api/registration/submit', { token: w.token, body: { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `wb-${seq}-key` } });
  if (sub.status !== 200) throw new Error(`submit failed: ${JSON.stringify(sub.body)}`);
  return { ...w, regId: sub.body.registration.id, idNumber: id };
}

let ng: Session; let ng2: Session; let dl: Session; let city: Session;
let regA: Awaited<ReturnType<typeof registered>>;
let regF: Awaited<ReturnType<typeof registered>>;
let regH: Awaited<ReturnType<typeof registered>>;
let empB: Awaited<ReturnType<typeof employerOf>>;
let empG: Awaited<ReturnType<typeof employerOf>>;
let empU: Awaited<ReturnType<typeof employerOf>>;
let gigC: string; let gigG: string; let reportE: string; let policyD: string;

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => clock } });
  ng = await staffOf(NANGANG, '南岗李经办');
  ng2 = await staffOf(NANGANG, '南岗赵经办');
  dl = await staffOf(DAOLI, '道里王经办');
  city = await cityAdmin('市局周管理');

  // A: submitted Wednesday 09-16, due 7 working days later = 09-24 (Sunday 09-20 was a 调休 working day): overdue today.
  at('2026-09-16T10:00:00+08:00');
  regA = await registered('230103', '花园街道');
  regF = await registered('230103', '大成街道');
  // F: approved, then a follow-up call arranged the next visit for 10-02 (inside the holiday).
  at('2026-09-28T09:00:00+08:00');
  expect((await t.request('POST', `/api/staff/registrations/${regF.regId}/decision`, { token: ng.token, body: { decision: 'approve' } })).status).toBe(200);
  // H: a 道里区 registration, only 道里's center sees it.
  regH = await registered('230102', '兆麟街道');
  // B: a 南岗区 company, submitted Monday 09-28: verification due in 3 working days = 10-08 (after 国庆).
  at('2026-09-28T10:00:00+08:00');
  empB = await employerOf({ name: '哈尔滨南岗顺达物流有限公司', address: '哈尔滨市南岗区学府路 68 号', contactPhone: '13812345678' });
  // U: an address naming no district — only the city administrator sees it (no center can claim it).
  at('2026-09-29T09:30:00+08:00');
  empU = await employerOf({ kind: 'household', name: '刘秀英', creditCode: undefined, address: '哈尔滨市某小区 3 栋', contactPhone: '13812340000' });
  // G: a 道里区 employer under the commitment scheme (publishes at once), posting a gig in 南岗区.
  at('2026-09-29T09:45:00+08:00');
  empG = await employerOf({ name: '哈尔滨道里安静商贸有限公司', address: '道里区安静街 10 号', commitment: true, commitmentAgreed: true });
  at('2026-09-29T10:00:00+08:00');
  expect((await t.request('POST', `/api/staff/registrations/${regF.regId}/follow-ups`, { token: ng.token, body: { channel: 'phone', outcome: '电话联系，正在找工作', nextDate: '2026-10-02' } })).status).toBe(200);
  // C: B is not verified yet, so its gig waits for review: due 3 working days after today = 10-09 (not 10-02).
  const c = await t.request('POST', '/api/employer/gigs', { token: empB.token, body: gigBody({ date: '2026-10-12', place: { ...NG_POINT, address: '南岗区学府路 68 号仓库' }, contactPhone: '13812345678' }) });
  expect(c.status).toBe(201);
  gigC = c.body.gig.id;
  const g = await t.request('POST', '/api/employer/gigs', { token: empG.token, body: gigBody({ title: '商场促销导购员', category: '促销导购', date: '2026-10-12', place: { ...NG_POINT, address: '南岗区西大直街 1 号商场' } }) });
  expect(g.status).toBe(201);
  expect(g.body.published).toBe(true);
  gigG = g.body.gig.id;
  // E: a worker reports G's gig at 11:00, due 10-09 as well.
  at('2026-09-29T11:00:00+08:00');
  const reporter = await workerOf();
  expect((await t.request('POST', `/api/gigs/${gigG}/report`, { token: reporter.token, body: { reason: 'fake', detail: '到了现场说不招人了' } })).status).toBe(200);
  reportE = (await t.conn.collection('gig_reports').findOne({ gigId: (await t.services.gigs.models.Gig.findById(gigG).lean())!._id }))!._id.toString();
  // D: A applied for a subsidy on Thursday 09-24 (the application flow itself is covered by policies.test.ts):
  // 10 working days later = 10-15.
  const ins = await t.conn.collection('policy_applications').insertOne({
    policyId: 'p-test', policyTitle: '一次性求职补贴', policyVersion: 1, userId: regA.id, applicantName: '张建国', period: 'once', status: 'submitted', district: '230103',
    facts: { age: 40 }, amount: 1000, note: null, reason: null, decidedBy: null, decidedAt: null,
    createdAt: new Date('2026-09-24T10:00:00+08:00'), updatedAt: new Date('2026-09-24T10:00:00+08:00'),
  });
  policyD = ins.insertedId.toString();
  // Gigs and reports take createdAt from mongoose timestamps (the wall clock, not the test clock): put them at the test's instants.
  await t.conn.collection('gigs').updateOne({ _id: new Types.ObjectId(gigC) }, { $set: { createdAt: new Date('2026-09-29T10:00:00+08:00') } });
  await t.conn.collection('gigs').updateOne({ _id: new Types.ObjectId(gigG) }, { $set: { createdAt: new Date('2026-09-29T10:00:00+08:00') } });
  await t.conn.collection('gig_reports').updateOne({ _id: new Types.ObjectId(reportE) }, { $set: { createdAt: new Date('2026-09-29T11:00:00+08:00') } });
  at('2026-09-29T14:00:00+08:00');
}, 120_000);
afterAll(() => t.close());

describe('inbox', () => {
  it('puts the overdue item first, then deadlines in working days across 国庆, with counts per queue', async () => {
    const res = await t.request('GET', '/api/staff/workbench', { token: ng.token });
    expect(res.status).toBe(200);
    expect(res.body.today).toBe('2026-09-29');
    expect(res.body.center).toMatchObject({ code: 'SC230103', name: NANGANG, districts: [{ code: '230103', name: '南岗区' }] });
    const rows = res.body.items.map((i: { key: string; deadline: string; workdaysLeft: number; overdue: boolean }) => [i.key, i.deadline, i.workdaysLeft, i.overdue]);
    expect(rows).toEqual([
      [`registration:${regA.regId}`, '2026-09-24', -2, true], // 09-28, 09-29 working days late
      [`followup:${regF.regId}`, '2026-10-02', 1, false], // only 09-30 is a working day before it
      [`employer:${empB.employerId}`, '2026-10-08', 2, false],
      [`gig:${gigC}`, '2026-10-09', 3, false], // received 10:00
      [`report:${reportE}`, '2026-10-09', 3, false], // received 11:00
      [`policy:${policyD}`, '2026-10-15', 8, false],
    ]);
    expect(res.body.counts).toEqual({ all: 6, overdue: 1, registration: 1, followup: 1, employer: 1, gig: 1, report: 1, policy: 1, insurance: 0, assistance: 0, assistance_plan: 0, rating: 0, household: 0, vacancy: 0 });
    // An item no district can be found for is the city administrator's, never every center's.
    const cityInbox = await t.request('GET', '/api/staff/workbench', { token: city.token });
    const u = cityInbox.body.items.find((i: { key: string }) => i.key === `employer:${empU.employerId}`);
    expect(u).toMatchObject({ unassigned: true, districtName: '未标明所在区', title: '刘**' });
    expect(cityInbox.body.center).toMatchObject({ code: 'city' });
    expect(cityInbox.body.counts.all).toBe(9); // 南岗's six, U, and 道里's employer G and registration H

    // The list shows masked names only.
    expect(JSON.stringify(res.body)).not.toContain('张建国');
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
  });

  it('filters by queue and district; counts follow the district, not the queue', async () => {
    const emp = await t.request('GET', '/api/staff/workbench?queue=employer', { token: ng.token });
    expect(emp.body.items.map((i: { id: string }) => i.id)).toEqual([empB.employerId]);
    expect(emp.body.counts.all).toBe(6);
    const d = await t.request('GET', '/api/staff/workbench?district=230103', { token: ng.token });
    expect(d.body.counts.all).toBe(6);
    const other = await t.request('GET', '/api/staff/workbench?district=230102', { token: ng.token });
    expect(other.status).toBe(400);
    expect(other.body.error.details[0]).toMatchObject({ field: 'district' });
    expect((await t.request('GET', '/api/staff/workbench?queue=nonsense', { token: ng.token })).status).toBe(400);
  });
});

describe('center isolation', () => {
  it("shows another center only its own items (never the unassigned one)", async () => {
    const res = await t.request('GET', '/api/staff/workbench', { token: dl.token });
    const keys = res.body.items.map((i: { key: string }) => i.key).sort();
    expect(keys).toEqual([`employer:${empG.employerId}`, `registration:${regH.regId}`].sort());
    const ngKeys = (await t.request('GET', '/api/staff/workbench', { token: ng.token })).body.items.map((i: { key: string }) => i.key);
    expect(ngKeys).not.toContain(`registration:${regH.regId}`);
    expect(ngKeys).not.toContain(`employer:${empG.employerId}`); // G's office is in 道里区 …
    expect(ngKeys).toContain(`report:${reportE}`); // … while the reported gig's place is in 南岗区
  });

  it("answers another center's item like a missing one, for details and decisions", async () => {
    for (const [queue, id] of [['employer', empB.employerId], ['gig', gigC], ['report', reportE], ['policy', policyD]] as const) {
      expect((await t.request('GET', `/api/staff/workbench/${queue}/${id}`, { token: dl.token })).status).toBe(404);
      expect((await t.request('POST', `/api/staff/workbench/${queue}/${id}/decision`, { token: dl.token, body: { decision: 'reject', reason: '测试' } })).status).toBe(404);
    }
    expect((await t.request('GET', `/api/staff/workbench/employer/${empG.employerId}`, { token: ng.token })).status).toBe(404);
    expect((await t.request('GET', `/api/staff/registrations/${regA.regId}`, { token: dl.token })).status).toBe(404);
    // Nothing was written for the refused attempts.
    expect(await t.services.audit.Audit.countDocuments({ actorId: dl.id })).toBe(0);
  });
});

describe('the modules\' own staff routes follow the same center rule', () => {
  it("lists only the center's items and refuses another center's decisions as 404, without side effects", async () => {
    // 道里's staff: 南岗's company B, gig C and application D are neither listed nor decidable.
    const emps = (await t.request('GET', '/api/staff/employers/review', { token: dl.token })).body.items.map((i: { id: string }) => i.id);
    expect(emps).not.toContain(empB.employerId);
    expect(emps).not.toContain(empU.employerId); // no district: the city administrator's
    const cityEmps = (await t.request('GET', '/api/staff/employers/review', { token: city.token })).body.items.map((i: { id: string }) => i.id);
    expect(cityEmps).toEqual(expect.arrayContaining([empU.employerId, empB.employerId, empG.employerId]));
    expect((await t.request('GET', '/api/staff/gigs/review', { token: dl.token })).body.items.map((i: { id: string }) => i.id)).not.toContain(gigC);
    expect((await t.request('GET', '/api/staff/gig-reports', { token: dl.token })).body.items.map((i: { id: string }) => i.id)).not.toContain(reportE);
    expect((await t.request('GET', '/api/staff/policy-applications', { token: dl.token })).body.items.map((i: { id: string }) => i.id)).not.toContain(policyD);
    expect((await t.request('POST', `/api/staff/employers/${empB.employerId}/review`, { token: dl.token, body: { decision: 'reject', reason: '测试' } })).status).toBe(404);
    expect((await t.request('POST', `/api/staff/gigs/${gigC}/review`, { token: dl.token, body: { decision: 'reject', reason: '测试' } })).status).toBe(404);
    expect((await t.request('POST', `/api/staff/policy-applications/${policyD}/decide`, { token: dl.token, body: { decision: 'reject', reason: '测试' } })).status).toBe(404);
    expect((await t.services.employers.Employer.findById(empB.employerId).lean())!.status).toBe('pending');
    expect(await t.services.audit.Audit.countDocuments({ actorId: dl.id })).toBe(0);
    // 南岗's staff sees them listed.
    expect((await t.request('GET', '/api/staff/gigs/review', { token: ng.token })).body.items.map((i: { id: string }) => i.id)).toContain(gigC);
    expect((await t.request('GET', '/api/staff/policy-applications', { token: ng.token })).body.items.map((i: { id: string }) => i.id)).toContain(policyD);
  });
});

describe('handling and the audit log', () => {
  it('audits full-identifier views, decisions and exports, searchable by staff, subject and date', async () => {
    at('2026-09-29T15:00:00+08:00');
    const detail = await t.request('GET', `/api/staff/workbench/employer/${empB.employerId}`, { token: ng.token });
    expect(detail.status).toBe(200);
    expect(detail.body.fields).toEqual(expect.arrayContaining([{ label: '联系电话', value: '13812345678' }]));
    expect(detail.body.actions.map((a: { decision: string }) => a.decision)).toEqual(['approve', 'reject']);
    expect((await t.request('GET', `/api/staff/registrations/${regA.regId}`, { token: ng.token })).body.identity.idNumber).toBe(regA.idNumber);

    const bad = await t.request('POST', `/api/staff/workbench/employer/${empB.employerId}/decision`, { token: ng.token, body: { decision: 'dismiss' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('decision');
    const ok = await t.request('POST', `/api/staff/workbench/employer/${empB.employerId}/decision`, { token: ng.token, body: { decision: 'approve' } });
    expect(ok.body).toEqual({ ok: true, statusLabel: '已认证' });
    expect((await t.request('POST', `/api/staff/workbench/employer/${empB.employerId}/decision`, { token: ng2.token, body: { decision: 'reject', reason: '重复' } })).status).toBe(409);

    expect((await t.request('POST', `/api/staff/workbench/gig/${gigC}/decision`, { token: ng.token, body: { decision: 'approve' } })).body.statusLabel).toBe('已上架');
    at('2026-09-30T09:00:00+08:00');
    expect((await t.request('POST', `/api/staff/workbench/report/${reportE}/decision`, { token: ng2.token, body: { decision: 'takedown' } })).status).toBe(400);
    const down = await t.request('POST', `/api/staff/workbench/report/${reportE}/decision`, { token: ng2.token, body: { decision: 'takedown', reason: '核实为虚假招聘' } });
    expect(down.body.statusLabel).toBe('已下架');
    expect((await t.services.gigs.models.Gig.findById(gigG).lean())!.status).toBe('rejected');
    const ret = await t.request('POST', `/api/staff/workbench/policy/${policyD}/decision`, { token: ng2.token, body: { decision: 'return', reason: '请补充离职证明' } });
    expect(ret.body.statusLabel).toBe('已退回补充');
    const csv = await t.request('GET', '/api/staff/stats/export?table=inbox', { token: ng.token });
    expect(csv.status).toBe(200);
    // The mini-program writes this text as UTF-8: the file starts with the byte-order mark Excel needs for Chinese.
    expect(Buffer.from(csv.body.csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body.csv.slice(1, 3)).toBe('类别');

    // The handled items left the inbox.
    const left = (await t.request('GET', '/api/staff/workbench', { token: ng.token })).body.items.map((i: { queue: string }) => i.queue).sort();
    expect(left).toEqual(['followup', 'registration']); // U (no district) is the city administrator's

    const audit = (q: string, token = ng.token) => t.request('GET', `/api/staff/audit${q}`, { token }).then((r) => { expect(r.status).toBe(200); return r.body.items as { action: string; subjectType: string; subjectId: string; actorName: string; reason: string | null; at: string }[]; });
    const mine = await audit(`?actorId=${ng.id}`);
    const facts = mine.map((e) => `${e.action} ${e.subjectType}`);
    expect(facts).toEqual(expect.arrayContaining(['view_pii employer', 'view_pii registration', 'approve employer', 'approve gig', 'export stats']));
    expect(mine.every((e) => e.actorName === '南岗李经办')).toBe(true);
    const bySubject = await audit(`?subjectType=employer&subjectId=${empB.employerId}`);
    expect(bySubject.map((e) => e.action)).toEqual(['approve', 'view_pii']); // newest first
    const byName = await audit(`?actorName=${encodeURIComponent('南岗赵')}`);
    expect(byName.map((e) => `${e.action} ${e.subjectType} ${e.reason}`)).toEqual(['return policy_application 请补充离职证明', 'takedown gig_report 核实为虚假招聘']);
    expect((await audit('?from=2026-09-30&to=2026-09-30')).map((e) => e.action).sort()).toEqual(['export', 'return', 'takedown']);
    expect((await audit('?to=2026-09-28')).map((e) => e.action)).toEqual(['approve']); // F approved on 09-28; its follow-up was on 09-29
    const exp = (await audit('?action=export'))[0]!;
    expect(exp).toMatchObject({ subjectType: 'stats', subjectId: 'inbox:2026-09' });
    expect(exp.reason).toContain('待办清单');
    // Paging: the next page starts strictly before the last entry shown.
    const page1 = await audit('?limit=2');
    const page2 = await audit(`?limit=2&before=${encodeURIComponent(page1[1]!.at)}`);
    expect(page2[0]!.at < page1[1]!.at).toBe(true);
    // Another center sees none of it.
    expect(await audit('', dl.token)).toEqual([]);
  });

  it('is append-only: no route changes or deletes entries, and the service has no such method', () => {
    const auditRoutes = t.routes.filter((r) => r.path.startsWith('/api/staff/audit'));
    expect(auditRoutes.map((r) => r.method)).toEqual(['get']);
    const methods = Object.getOwnPropertyNames(AuditService.prototype);
    expect(methods.filter((m) => /update|delete|remove|edit|replace/i.test(m))).toEqual([]);
  });
});

describe('settings (基础管理), every change audited', () => {
  it('minimum wage and service area: config as the default, staff changes take effect for postings', async () => {
    const view = await t.request('GET', '/api/staff/settings', { token: ng.token });
    expect(view.status).toBe(200);
    // A district center reads the city's rules but cannot change them.
    const district = await t.request('PUT', '/api/staff/settings/gig-rules', { token: ng.token, body: { minWageHourly: 20, minWageDaily: 160, serviceArea: view.body.gigRules.serviceArea } });
    expect(district.status).toBe(403);
    expect(district.body.error.message).toContain('市级管理员');
    expect(view.body.gigRules).toMatchObject({ minWageHourly: 18, minWageDaily: 86, updatedAt: null, defaults: { minWageHourly: 18, minWageDaily: 86 } });
    const hourly = (pay: number) => gigBody({ title: '超市理货员', category: '促销导购', payAmount: pay, payUnit: 'hour', date: '2026-10-12', place: { ...NG_POINT, address: '南岗区西大直街 2 号' } });
    expect((await t.request('POST', '/api/employer/gigs', { token: empG.token, body: hourly(19) })).status).toBe(201);

    const bad = await t.request('PUT', '/api/staff/settings/gig-rules', { token: city.token, body: { minWageHourly: 20, minWageDaily: 160, serviceArea: { minLat: 46, minLng: 125.6, maxLat: 44, maxLng: 130.3 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('serviceArea.maxLat');
    const area = view.body.gigRules.serviceArea;
    const saved = await t.request('PUT', '/api/staff/settings/gig-rules', { token: city.token, body: { minWageHourly: 20, minWageDaily: 160, serviceArea: area } });
    expect(saved.status).toBe(200);
    expect(saved.body.gigRules).toMatchObject({ minWageHourly: 20, minWageDaily: 160, updatedBy: '市局周管理' });
    const refused = await t.request('POST', '/api/employer/gigs', { token: empG.token, body: hourly(19) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('GIG_POSTING_REFUSED');
    expect((await t.request('POST', '/api/employer/gigs', { token: empG.token, body: hourly(20) })).status).toBe(201);
    const entry = (await t.request('GET', '/api/staff/audit?action=settings.gig_rules', { token: city.token })).body.items[0];
    expect(entry.reason).toContain('每小时 18→20 元');
    expect(entry).toMatchObject({ center: 'city', before: { minWageHourly: 18, minWageDaily: 86 }, after: { minWageHourly: 20, minWageDaily: 160 } });
    // Back to the configured values for any later test.
    await t.request('PUT', '/api/staff/settings/gig-rules', { token: city.token, body: { minWageHourly: 18, minWageDaily: 86, serviceArea: area } });
  });

  it('service stations and district streets', async () => {
    const before = (await t.request('GET', '/api/stations')).body.items.find((s: { id: string }) => s.id === 'st-ng-02');
    expect(before.hours).toContain('周一至周五');
    const station = { ...before, hours: '周一至周六 8:30-17:00' };
    for (const k of ['id', 'distanceM', 'distanceText']) delete station[k];
    expect((await t.request('PUT', '/api/staff/settings/stations/st-ng-02', { token: city.token, body: station })).status).toBe(200);
    const added = await t.request('PUT', '/api/staff/settings/stations/st-ng-04', { token: city.token, body: { ...station, name: '革新街道家门口就业服务站', address: '南岗区革新街 8 号' } });
    expect(added.body.stations.map((s: { id: string }) => s.id)).toContain('st-ng-04');
    const list = (await t.request('GET', '/api/stations')).body.items;
    expect(list.find((s: { id: string }) => s.id === 'st-ng-02').hours).toBe('周一至周六 8:30-17:00');
    expect(list.find((s: { id: string }) => s.id === 'st-ng-04').name).toBe('革新街道家门口就业服务站');
    expect((await t.request('PUT', '/api/staff/settings/stations/st-ng-05', { token: city.token, body: { ...station, phone: 'call me' } })).status).toBe(400);

    await t.conn.collection('regions').insertOne({ code: '230103', name: '南岗区', cityCode: '230100', center: NG_POINT, streets: ['花园街道'] });
    const streets = await t.request('PUT', '/api/staff/settings/regions/230103/streets', { token: city.token, body: { streets: ['花园街道', '哈西街道'] } });
    expect(streets.body).toEqual({ code: '230103', name: '南岗区', streets: ['花园街道', '哈西街道'] });
    expect((await t.request('GET', '/api/regions')).body.districts[0].streets).toEqual(['花园街道', '哈西街道']);
    expect((await t.request('PUT', '/api/staff/settings/regions/230199/streets', { token: city.token, body: { streets: ['某街道'] } })).status).toBe(404);

    const actions = (await t.request('GET', `/api/staff/audit?actorId=${city.id}&subjectType=station`, { token: city.token })).body.items.map((e: { subjectId: string; reason: string }) => `${e.subjectId} ${e.reason}`);
    expect(actions).toEqual(['st-ng-04 新增：革新街道家门口就业服务站', 'st-ng-02 修改：花园街道家门口就业服务站']);
    expect((await t.request('GET', '/api/staff/audit?subjectType=region&subjectId=230103', { token: city.token })).body.items[0].action).toBe('settings.region');
  });
});

describe('失业保险金 claims in the inbox', () => {
  const claimBody = (key: string) => ({
    history: [{ employer: '哈尔滨某机械厂', from: '2020-01', to: '2026-06', monthsPaid: 72 }], materials: ['id_card', 'separation_proof', 'bank_card'],
    bankName: '中国工商银行哈尔滨南岗支行', bankAccount: '6222021234567890123', commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: key,
  });
  it("lists a filed claim for the registration's center with its 7-working-day deadline across 国庆, until it is decided", async () => {
    at('2026-09-29T14:00:00+08:00');
    const filed = await t.request('POST', '/api/insurance/claim', { token: regA.token, body: claimBody('wb-claim-a1') });
    expect(filed.status).toBe(200);
    const claimId = filed.body.claim.id as string;
    const key = `insurance:${claimId}`;
    // 7 working days after Tuesday 09-29: 09-30, 10-08, 10-09, 10-10 (调休 Saturday), 10-12, 10-13, 10-14.
    const inbox = await t.request('GET', '/api/staff/workbench?queue=insurance', { token: ng.token });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: { key: string }) => i.key)).toEqual([key]);
    expect(inbox.body.items[0]).toMatchObject({ queue: 'insurance', deadline: '2026-10-14', workdaysLeft: 7, overdue: false, title: '张**', districtCode: '230103', statusLabel: '待审核' });
    expect(inbox.body.counts.insurance).toBe(1);
    expect(JSON.stringify(inbox.body)).not.toContain('张建国');
    // Another center never sees it; the city administrator does.
    const daoli = await t.request('GET', '/api/staff/workbench', { token: dl.token });
    expect(daoli.body.items.some((i: { key: string }) => i.key === key)).toBe(false);
    expect(daoli.body.counts.insurance).toBe(0);
    expect((await t.request('GET', '/api/staff/workbench', { token: city.token })).body.items.some((i: { key: string }) => i.key === key)).toBe(true);
    // The day after the deadline it is overdue, in deadline order among the other overdue items.
    at('2026-10-15T09:00:00+08:00');
    const late = await t.request('GET', '/api/staff/workbench', { token: ng.token });
    const at14 = late.body.items.findIndex((i: { key: string }) => i.key === key);
    expect(late.body.items[at14]).toMatchObject({ overdue: true, workdaysLeft: -1 });
    const deadlines = late.body.items.filter((i: { overdue: boolean }) => i.overdue).map((i: { deadline: string }) => i.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(late.body.items.slice(0, at14).every((i: { overdue: boolean; deadline: string }) => i.overdue && i.deadline <= '2026-10-14')).toBe(true);
    // Decided (here refused: A's registration is still in review) → out of the inbox.
    const r = await t.request('POST', `/api/staff/insurance-claims/${claimId}/decision`, { token: ng.token, body: { decision: 'reject', reason: '参保记录与社保系统不符' } });
    expect(r.status).toBe(200);
    const after = await t.request('GET', '/api/staff/workbench?queue=insurance', { token: ng.token });
    expect(after.body.items).toEqual([]);
    expect(after.body.counts.insurance).toBe(0);
    at('2026-09-29T14:00:00+08:00');
  });
});
