import { SENSITIVE_CONSENT, toChinaDateString } from '@doorstep/shared';
import { must, nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { idNumber } from './support/ids';

/** 零就业家庭 over HTTP: staff keep households, a member's 就业登记 clears one, days at zero, isolation, dashboard figures. */

const T0 = Date.parse('2026-03-10T09:00:00+08:00');
const DAY = 86_400_000;
let clock = T0;
let t: TestApp;
let ipSeq = 0;
let seq = 600;
const ip = () => `10.13.${Math.floor(ipSeq / 200)}.${ipSeq++ % 200}`;
const login = async (role: 'worker' | 'staff' | 'city' = 'worker', center = '道里区公共就业服务中心') => {
  const phone = nextPhone();
  if (role !== 'worker') await t.services.auth.upsertStaff(phone, `经办${phone.slice(-4)}`, role === 'city' ? null : center, role === 'city' ? 'city' : 'center');
  const s = await smsLogin(t, phone, ip());
  lastUserId = s.user.id;
  return s.accessToken;
};
let lastUserId = '';
const req = (method: string, path: string, token?: string, body?: unknown) => t.request(method, path, { token, body, headers: { 'x-forwarded-for': ip() } });
let staff: string;
let otherStaff: string;

const nextId = () => { seq += 1; return idNumber('230102', '1980-04-12', String(seq).padStart(3, '0')); };
const member = (id: string, over: Record<string, unknown> = {}) => ({ name: '张建国', idNumber: id, relation: '户主', ableToWork: true, wantsWork: true, employed: false, ...over });
const household = (members: unknown[], over: Record<string, unknown> = {}) => ({ district: '230102', street: '兆麟街道', address: '示例路 8 号 2 单元 301', members, ...over });

/** A worker with an approved registration under `id`. */
async function registered(id: string) {
  const token = await login();
  const form = {
    realName: '张建国', idType: 'resident_id', idNumber: id, retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 8 号',
    hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: '2026-02-28', education: 'senior',
    skills: ['电工'], certificates: [], desiredOccupations: ['电工'], desiredDistricts: ['230102'], expectedMonthlyPay: 4000,
    workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
  };
  await must(req('PUT', '/api/registration/draft', token, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form }));
  const regId = (await must(req('POST', '/api/registration/submit', token, { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `hh-reg-${seq}` }))).registration.id as string;
  await must(req('POST', `/api/staff/registrations/${regId}/decision`, staff, { decision: 'approve' }));
  return token;
}
const employ = (token: string, employerName = '哈尔滨某物业公司') => req('POST', '/api/employment', token, { employerName, startDate: toChinaDateString(new Date(clock)), kind: 'labor_contract' });

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => clock } });
  staff = await login('staff');
  otherStaff = await login('staff', '南岗区公共就业服务中心');
});
afterAll(() => t.close());
beforeEach(() => { clock = T0; });

describe('households', () => {
  it('refuses bad input with a Chinese 400 naming the field', async () => {
    const bad = await req('POST', '/api/staff/households', staff, household([member('230102198004120000')]));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('members.0.idNumber');
    expect(bad.body.error.message).toMatch(/第1位成员|身份证/);
    const noMembers = await req('POST', '/api/staff/households', staff, household([]));
    expect(noMembers.status).toBe(400);
    expect(noMembers.body.error.message).toMatch(/家庭成员/);
    const street = await req('POST', '/api/staff/households', staff, household([member(nextId())], { street: '花园街道' }));
    expect(street.status).toBe(400);
    expect(JSON.stringify(street.body.error)).toContain('street');
    const outside = await req('POST', '/api/staff/households', staff, household([member(nextId())], { district: '230103', street: '花园街道' }));
    expect(outside.status).toBe(400);
    const dup = nextId();
    expect((await req('POST', '/api/staff/households', staff, household([member(dup), member(dup, { relation: '配偶' })]))).status).toBe(400);
    expect(await t.conn.collection('households').countDocuments({})).toBe(0);
  });

  it('keeps names, ID numbers and the address encrypted at rest and masked in responses', async () => {
    const id = nextId();
    const created = (await must(req('POST', '/api/staff/households', staff, household([member(id)])), 201)).household;
    expect(created.members[0].idNumberMasked).not.toContain(id.slice(6, 14));
    expect(created.members[0].nameMasked).not.toBe('张建国');
    const raw = JSON.stringify(await t.conn.collection('households').findOne({}));
    expect(raw).not.toContain(id);
    expect(raw).not.toContain('张建国');
    expect(raw).not.toContain('示例路');
    expect(JSON.stringify(created)).not.toContain(id);
  });

  it('is flagged from the day it reaches zero, counts days at zero, and a member\'s 就业登记 clears it', async () => {
    const aId = nextId();
    const bId = nextId();
    const worker = await registered(aId);
    const workerId = lastUserId;
    const h = (await must(req('POST', '/api/staff/households', staff, household([member(aId), member(bId, { relation: '配偶', name: '李秀兰' })])), 201)).household;
    expect(h.zeroEmployment).toBe(true);
    expect(h.zeroSince).toBe('2026-03-10');
    expect(h.daysAtZero).toBe(0);
    clock = T0 + 12 * DAY;
    const later = (await must(req('GET', `/api/staff/households/${h.id}`, staff))).household;
    expect(later.daysAtZero).toBe(12);
    const mine = (await must(req('GET', '/api/household', worker))).household;
    expect(mine.id).toBe(h.id);
    expect(mine.members.filter((m: any) => m.self)).toHaveLength(1);
    expect(await t.services.households.flagFor(workerId)).toEqual({ flagged: true, zeroSince: '2026-03-10', daysAtZero: 12 });

    const rec = await must(employ(worker));
    const cleared = (await must(req('GET', `/api/staff/households/${h.id}`, staff))).household;
    expect(cleared.status).toBe('cleared');
    expect(cleared.zeroEmployment).toBe(false);
    expect(cleared.clearedAfterDays).toBe(12);
    expect(cleared.clearedBy.employmentId).toBe(rec.employment.id);
    expect(cleared.clearedBy.memberId).toBe(mine.members.find((m: any) => m.self).id);
    expect(cleared.members.find((m: any) => m.id === cleared.clearedBy.memberId).employed).toBe(true);
    expect(cleared.clearedAt).toBe(new Date(clock).toISOString());
    expect((await t.services.households.flagFor(workerId))!.flagged).toBe(false);
  });

  it('the reconcile clears a household whose 就业登记 the listener missed, and parallel clears record once', async () => {
    const aId = nextId();
    const worker = await registered(aId);
    const h = (await must(req('POST', '/api/staff/households', staff, household([member(aId)])), 201)).household;
    // The listener missed it: the employment is stored while the household is rewound to open afterwards.
    clock = T0 + 5 * DAY;
    await must(employ(worker, '某餐饮公司'));
    await t.conn.collection('households').updateOne({ _id: new (require('mongoose').Types.ObjectId)(h.id) }, { $set: { status: 'open', zeroSince: '2026-03-10', zeroSinceAt: new Date(T0), clearedAt: null, clearedBy: null } });
    const results = await Promise.all([t.services.households.reconcile(), t.services.households.reconcile(), t.services.households.reconcile()]);
    expect(results.reduce((s, r) => s + r.cleared, 0)).toBe(1);
    const after = (await must(req('GET', `/api/staff/households/${h.id}`, staff))).household;
    expect(after.status).toBe('cleared');
    expect(after.clearedAfterDays).toBe(5);
  });

  it('isolates centers and people', async () => {
    const h = (await must(req('POST', '/api/staff/households', staff, household([member(nextId())])), 201)).household;
    expect((await req('GET', `/api/staff/households/${h.id}`, otherStaff)).status).toBe(404);
    expect((await req('PUT', `/api/staff/households/${h.id}`, otherStaff, household([member(nextId())]))).status).toBe(404);
    const other = (await must(req('GET', '/api/staff/households', otherStaff))).items as { id: string }[];
    expect(other.map((x) => x.id)).not.toContain(h.id);
    const stranger = await registered(nextId());
    expect((await must(req('GET', '/api/household', stranger))).household).toBeNull();
    expect((await req('GET', '/api/staff/households', stranger)).status).toBe(403);
  });

  it('editing so nobody works reopens with a new zeroSince', async () => {
    const id = nextId();
    const h = (await must(req('POST', '/api/staff/households', staff, household([member(id, { employed: true })])), 201)).household;
    expect(h.status).toBe('employed');
    clock = T0 + 3 * DAY;
    const reopened = (await must(req('PUT', `/api/staff/households/${h.id}`, staff, household([member(id, { employed: false })])))).household;
    expect(reopened.status).toBe('open');
    expect(reopened.zeroSince).toBe('2026-03-13');
  });

  it('open households are a workbench queue with their days at zero, and the hardship decision shows the flag', async () => {
    const aId = nextId();
    const worker = await registered(aId);
    const h = (await must(req('POST', '/api/staff/households', staff, household([member(aId)])), 201)).household;
    clock = T0 + 7 * DAY;
    const inbox = await must(req('GET', '/api/staff/workbench?queue=household', staff));
    const item = inbox.items.find((i: any) => i.id === h.id);
    expect(item.queue).toBe('household');
    expect(item.subtitle).toContain('已归零 7 天');
    expect(inbox.counts.household).toBe((await t.conn.collection('households').countDocuments({ status: 'open', district: '230102' })));
    expect((await must(req('GET', '/api/staff/workbench?queue=household', otherStaff))).items.map((i: any) => i.id)).not.toContain(h.id);
    const rec = await must(req('POST', '/api/assistance/recognition', worker, {
      categories: ['zero_employment_family'], evidence: [{ category: 'zero_employment_family', note: '社区出具的家庭成员均无就业证明' }],
      sensitiveConsentVersion: SENSITIVE_CONSENT.version, idempotencyKey: `hh-assist-${seq}`,
    }));
    const detail = await must(req('GET', `/api/staff/assistance/recognitions/${rec.recognition.id}`, staff));
    expect(detail.zeroEmploymentHousehold).toEqual({ flagged: true, zeroSince: '2026-03-10', daysAtZero: 7 });
  });

  it('dashboard figures per district match counts computed here', async () => {
    const rows = await t.conn.collection('households').find({ status: 'open' }).toArray();
    clock = T0 + 100 * DAY;
    const today = toChinaDateString(new Date(clock));
    const [daoli] = (await must(req('GET', '/api/staff/stats', staff))).households.filter((x: any) => x.district === '230102');
    const days = rows.filter((r) => r.district === '230102').map((r) => Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.zeroSince}T00:00:00Z`)) / DAY));
    expect(daoli!.open).toBe(days.length);
    expect(daoli!.over90).toBe(days.filter((d) => d > 90).length);
    expect(daoli!.over30).toBe(days.filter((d) => d > 30).length);
    expect(daoli!.open).toBeGreaterThan(0);
    const sorted = [...days].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    expect(daoli!.medianDays).toBe(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2);
  });
});
