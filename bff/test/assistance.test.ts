import { SAMPLE_POLICIES, SENSITIVE_CONSENT } from '@doorstep/shared';
import { must, nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { idNumber } from './support/ids';

/** 就业援助 over HTTP: 就业困难人员认定 (center isolation, races, validity), policy facts, 一人一策 and the inbox. */

// 2026-03-10 09:00 in China (a Tuesday).
const T0 = Date.parse('2026-03-10T09:00:00+08:00');
let clock = T0;
let t: TestApp;
let ipSeq = 0;
let seq = 400;
const ip = () => `10.12.${Math.floor(ipSeq / 200)}.${ipSeq++ % 200}`;
const staffIds: Record<string, string> = {};
const login = async (role: 'worker' | 'staff' | 'city' = 'worker', center = '道里区公共就业服务中心', name?: string) => {
  const phone = nextPhone();
  if (role !== 'worker') await t.services.auth.upsertStaff(phone, name ?? `经办${phone.slice(-4)}`, role === 'city' ? null : center, role === 'city' ? 'city' : 'center');
  const s = await smsLogin(t, phone, ip());
  if (name) staffIds[name] = s.user.id;
  return s.accessToken;
};
const req = (method: string, path: string, token?: string, body?: unknown) => t.request(method, path, { token, body, headers: { 'x-forwarded-for': ip() } });
let staff: string;
let otherStaff: string;
let city: string;

const form = (id: string, over: Record<string, unknown> = {}) => ({
  realName: '李卫国', idType: 'resident_id', idNumber: id, retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 3 号',
  hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: '2026-02-28', education: 'senior',
  skills: ['电工'], certificates: [], desiredOccupations: ['电工'], desiredDistricts: ['230102'], expectedMonthlyPay: 4000,
  workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false, ...over,
});
/** A 35-year-old man registered in 道里区 (not 4050, not long-term unemployed), approved unless told otherwise. */
async function registered(over: Record<string, unknown> = {}, approve = true) {
  const token = await login();
  seq += 2;
  const id = idNumber('230102', '1991-05-20', String(seq).padStart(3, '0'));
  await must(req('PUT', '/api/registration/draft', token, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(id, over) }));
  const regId = (await must(req('POST', '/api/registration/submit', token, { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `assist-reg-${seq}` }))).registration.id as string;
  if (approve) await must(req('POST', `/api/staff/registrations/${regId}/decision`, staff, { decision: 'approve' }));
  return { token, regId };
}
const applyBody = (over: Record<string, unknown> = {}) => ({
  categories: ['veteran_hardship'], evidence: [{ category: 'veteran_hardship', note: '退役证 2019-0001，区退役军人事务局困难证明' }],
  sensitiveConsentVersion: SENSITIVE_CONSENT.version, idempotencyKey: `assist-${Math.random().toString(36).slice(2, 12)}`, ...over,
});
const apply = (token: string, over: Record<string, unknown> = {}) => req('POST', '/api/assistance/recognition', token, applyBody(over));
const decide = (id: string, body: Record<string, unknown>, token = staff) => req('POST', `/api/staff/assistance/recognitions/${id}/decision`, token, body);
const forMeSlugs = async (token: string) => ((await must(req('GET', '/api/policies/for-me', token))).eligible as { policy: { slug: string } }[]).map((m) => m.policy.slug);

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => clock } });
  await t.services.policies.loadSamples(SAMPLE_POLICIES);
  staff = await login('staff', '道里区公共就业服务中心', '王帮扶');
  await login('staff', '道里区公共就业服务中心', '赵专员');
  otherStaff = await login('staff', '南岗区公共就业服务中心', '南岗经办');
  city = await login('city');
});
afterAll(() => t.close());
beforeEach(() => { clock = T0; });

describe('applying', () => {
  it('needs an approved registration, and refuses bad input with a Chinese 400 naming the field', async () => {
    const pending = await registered({}, false);
    const early = await apply(pending.token);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('失业登记');

    const w = await registered();
    const badCategory = await apply(w.token, { categories: ['rich'] });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.error.details[0]).toMatchObject({ field: 'categories.0', message: '困难类别不正确' });
    const noEvidence = await apply(w.token, { categories: ['disabled'], evidence: [] });
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.error.details[0].field).toBe('evidence.0');
    expect(noEvidence.body.error.message).toContain('证明材料');
    const consent = await apply(w.token, { sensitiveConsentVersion: '2000-01' });
    expect(consent.status).toBe(400);
    expect(consent.body.error.details[0].field).toBe('sensitiveConsentVersion');
    expect(await t.services.assistance.Recognition.countDocuments({ userId: (await must(req('GET', '/api/me', w.token))).user.id })).toBe(0);

    const ok = await must(apply(w.token));
    expect(ok.recognition).toMatchObject({ status: 'submitted', counts: false, applied: [{ category: 'veteran_hardship' }], validUntil: null });
    // Evidence and categories are sealed at rest.
    const stored = await t.conn.db!.collection('assistance_recognitions').findOne({});
    expect(JSON.stringify(stored)).not.toContain('退役证');
    const noValidity = await decide(ok.recognition.id, { decision: 'approve' });
    expect(noValidity.status).toBe(400);
    expect(noValidity.body.error.details[0]).toMatchObject({ field: 'validUntil' });
    const tooLong = await decide(ok.recognition.id, { decision: 'approve', validUntil: '2031-01-01' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('有效期');
    const noReason = await decide(ok.recognition.id, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].field).toBe('reason');
    const extra = await decide(ok.recognition.id, { decision: 'approve', validUntil: '2027-03-09', categories: ['disabled'] });
    expect(extra.status).toBe(400);
    expect(extra.body.error.details[0].field).toBe('categories');
  });

  it('keeps one application in flight per person under 20 parallel submits (distinct taps), and a repeated key answers the same application', async () => {
    const w = await registered();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => apply(w.token, { idempotencyKey: `parallel-tap-${i}-xx` })));
    expect(answers.filter((r) => r.status >= 500)).toEqual([]);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(19);
    const me = (await must(req('GET', '/api/me', w.token))).user.id;
    expect(await t.services.assistance.Recognition.countDocuments({ userId: me })).toBe(1);

    const w2 = await registered();
    const same = await Promise.all(Array.from({ length: 20 }, () => apply(w2.token, { idempotencyKey: 'same-key-twenty' })));
    expect(same.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(same.map((r) => r.body.recognition.id)).size).toBe(1);
    const mine = await must(req('GET', '/api/assistance', w2.token));
    expect(mine).toMatchObject({ canApply: false, recognition: { status: 'submitted' } });
  });
});

describe('center isolation', () => {
  it('another center sees nothing and gets 404; the city administrator sees it', async () => {
    const w = await registered();
    const id = (await must(apply(w.token))).recognition.id as string;
    expect((await must(req('GET', '/api/staff/assistance/recognitions', staff))).items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await must(req('GET', '/api/staff/assistance/recognitions?status=all', otherStaff))).items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await req('GET', `/api/staff/assistance/recognitions/${id}`, otherStaff)).status).toBe(404);
    expect((await decide(id, { decision: 'approve', validUntil: '2027-03-09' }, otherStaff)).status).toBe(404);
    expect((await req('POST', `/api/staff/assistance/recognitions/${id}/counsellor`, otherStaff, { staffId: staffIds['南岗经办'] })).status).toBe(404);
    const inboxOther = await must(req('GET', '/api/staff/workbench?queue=assistance', otherStaff));
    expect(inboxOther.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(inboxOther.counts.assistance).toBe(0);
    const inbox = await must(req('GET', '/api/staff/workbench?queue=assistance', staff));
    expect(inbox.items.find((i: { id: string }) => i.id === id)).toMatchObject({ queue: 'assistance', statusLabel: '待认定', overdue: false });
    // The full record is audited when opened; a worker cannot reach the staff routes.
    const detail = await must(req('GET', `/api/staff/assistance/recognitions/${id}`, city));
    expect(detail.identity.realName).toBe('李卫国');
    expect(detail.recognition.applied[0].note).toContain('退役证');
    expect((await req('GET', `/api/staff/assistance/recognitions/${id}`, w.token)).status).toBe(403);
    // Still not decided by the other center's try.
    expect((await must(req('GET', '/api/assistance', w.token))).recognition.status).toBe('submitted');
  });
});

describe('recognised status drives the policy facts', () => {
  it('a veteran who declared 就业困难 gets no 就业困难 policy until recognised, gets it once recognised, and loses it after the validity date', async () => {
    const w = await registered({ unemploymentReason: 'veteran', hardships: ['veteran_hardship'] });
    const me = (await must(req('GET', '/api/me', w.token))).user.id as string;
    // The declaration alone counts for nothing.
    expect(await forMeSlugs(w.token)).not.toContain('employment-assistance');
    expect((await t.services.policies.factsOf(me))!.difficulty).toEqual([]);

    const id = (await must(apply(w.token))).recognition.id as string;
    expect(await forMeSlugs(w.token)).not.toContain('employment-assistance');
    const approved = await must(decide(id, { decision: 'approve', validUntil: '2026-06-30', reason: '退役证和困难证明已核验' }));
    expect(approved.recognition).toMatchObject({ status: 'approved', counts: true, validFrom: '2026-03-10', validUntil: '2026-06-30', recognised: [{ category: 'veteran_hardship' }] });
    expect((await t.services.policies.factsOf(me))!.difficulty).toEqual(['困难退役军人']);
    const slugs = await forMeSlugs(w.token);
    expect(slugs).toEqual(expect.arrayContaining(['employment-assistance']));
    const notes = (await must(req('GET', '/api/notifications', w.token))).items as { kind: string; body: string }[];
    expect(notes.find((n) => n.kind === 'assistance.approved')?.body).toContain('2026-06-30');
    expect(notes.some((n) => n.kind === 'policy.match')).toBe(true);
    // A repeat of the decision is refused and changes nothing.
    expect((await decide(id, { decision: 'approve', validUntil: '2026-06-30' })).status).toBe(409);

    // The last valid day still counts; the day after it does not, and the daily job records it once.
    clock = Date.parse('2026-06-30T12:00:00+08:00');
    expect(await t.services.assistance.expireDue()).toEqual({ expired: 0 });
    clock = Date.parse('2026-07-01T08:00:00+08:00');
    expect((await must(req('GET', '/api/assistance', w.token))).recognition.counts).toBe(false);
    expect((await t.services.assistance.expireDue()).expired).toBeGreaterThanOrEqual(1);
    expect(await t.services.assistance.expireDue()).toEqual({ expired: 0 });
    expect((await must(req('GET', '/api/assistance', w.token))).recognition).toMatchObject({ status: 'expired', counts: false });
    expect((await t.services.policies.factsOf(me))!.difficulty).toEqual([]);
    expect(await forMeSlugs(w.token)).not.toContain('employment-assistance');
    // Expired, the person may apply again.
    expect((await must(req('GET', '/api/assistance', w.token))).canApply).toBe(true);
  });

  it('the registration classification follows the recognition, not the declaration: 待认定 (B) → 就业困难人员 (A) → back to B after expiry', async () => {
    const w = await registered({ hardships: ['disabled'] });
    const detail = async () => (await must(req('GET', `/api/staff/registrations/${w.regId}`, staff))).classification as { category: string; level: string; reasons: string[] };
    const stored = async () => ((await t.services.registrations.byIds([w.regId])).get(w.regId) as unknown as { classification: { category: string; level: string } }).classification;
    // Declared only: followed closely, but not 就业困难人员.
    expect(await detail()).toMatchObject({ category: '申报就业困难（待认定）', level: 'B' });
    expect((await detail()).reasons).toContain('申报困难情形：残疾人（未认定，可申请就业困难人员认定）');
    expect((await must(req('GET', '/api/registration/profile', w.token))).classification.level).toBe('B');
    expect(await stored()).toEqual({ category: '申报就业困难（待认定）', level: 'B' });

    const id = (await must(apply(w.token, { categories: ['disabled'], evidence: [{ category: 'disabled', note: '残疾人证 23010219910520xxxx' }] }))).recognition.id as string;
    expect((await detail()).level).toBe('B');
    await must(decide(id, { decision: 'approve', validUntil: '2026-06-30', reason: '残疾人证已核验' }));
    expect(await detail()).toMatchObject({ category: '就业困难人员', level: 'A' });
    expect((await detail()).reasons).toContain('已认定为就业困难人员：残疾人');
    expect((await must(req('GET', '/api/registration/profile', w.token))).classification).toMatchObject({ category: '就业困难人员', level: 'A' });
    // The stored classification (inbox subtitle, dashboard) and the follow-up cadence follow at once.
    expect(await stored()).toEqual({ category: '就业困难人员', level: 'A' });
    clock = Date.parse('2026-04-06T09:00:00+08:00');
    const due = (await must(req('GET', '/api/staff/follow-ups/due', staff))).items as { registrationId: string; rule: string }[];
    expect(due.find((d) => d.registrationId === w.regId)?.rule).toBe('就业困难人员每月至少回访一次');

    clock = Date.parse('2026-07-01T08:00:00+08:00');
    expect((await t.services.assistance.expireDue()).expired).toBeGreaterThanOrEqual(1);
    expect(await stored()).toEqual({ category: '申报就业困难（待认定）', level: 'B' });
    expect((await detail()).level).toBe('B');
  });

  it('a returned application leaves the facts alone and tells the person the reason', async () => {
    const w = await registered();
    const id = (await must(apply(w.token, { categories: ['disabled'], evidence: [{ category: 'disabled', note: '残疾人证（待补）' }] }))).recognition.id as string;
    const back = await must(decide(id, { decision: 'return', reason: '请补充残疾人证复印件' }));
    expect(back.recognition).toMatchObject({ status: 'returned', counts: false, decisionReason: '请补充残疾人证复印件' });
    const notes = (await must(req('GET', '/api/notifications', w.token))).items as { kind: string; body: string }[];
    expect(notes.find((n) => n.kind === 'assistance.returned')?.body).toContain('请补充残疾人证复印件');
    expect(await forMeSlugs(w.token)).not.toContain('employment-assistance');
    expect((await must(req('GET', '/api/assistance', w.token))).canApply).toBe(true);
  });
});

describe('the registration behind it', () => {
  it('is not recognised once the registration has ended; a reasoned refusal still goes through', async () => {
    const w = await registered();
    const id = (await must(apply(w.token))).recognition.id as string;
    await must(req('POST', '/api/registration/exit', w.token, { reason: 'employed', employer: '某物业公司', employedOn: '2026-03-10' }));
    const refused = await decide(id, { decision: 'approve', validUntil: '2027-03-09' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('失业登记');
    expect((await must(decide(id, { decision: 'reject', reason: '已就业，无需认定' }))).recognition.status).toBe('rejected');
  });
});

describe('一人一策', () => {
  it('names a counsellor of the center, plans steps with due dates, needs three referrals before 岗位推荐 is done, and shows the person the plan with a masked phone', async () => {
    const w = await registered();
    const id = (await must(apply(w.token))).recognition.id as string;
    // No plan before recognition.
    expect((await req('POST', `/api/staff/assistance/recognitions/${id}/steps`, staff, { kind: 'career_guidance', title: '一对一职业指导', dueDate: '2026-03-20' })).status).toBe(409);
    await must(decide(id, { decision: 'approve', validUntil: '2027-03-09' }));
    const other = await req('POST', `/api/staff/assistance/recognitions/${id}/counsellor`, staff, { staffId: staffIds['南岗经办'] });
    expect(other.status).toBe(400);
    expect(other.body.error.details[0].field).toBe('staffId');
    const list = await must(req('GET', '/api/staff/assistance/counsellors', staff));
    expect(list.items.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['王帮扶', '赵专员']));
    expect(list.items.map((s: { name: string }) => s.name)).not.toContain('南岗经办');
    await must(req('POST', `/api/staff/assistance/recognitions/${id}/counsellor`, staff, { staffId: staffIds['赵专员'] }));

    const badStep = await req('POST', `/api/staff/assistance/recognitions/${id}/steps`, staff, { kind: 'magic', title: '一对一职业指导', dueDate: '2026-13-01' });
    expect(badStep.status).toBe(400);
    expect(badStep.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['kind', 'dueDate']));
    const past = await req('POST', `/api/staff/assistance/recognitions/${id}/steps`, staff, { kind: 'career_guidance', title: '一对一职业指导', dueDate: '2026-03-01' });
    expect(past.status).toBe(400);
    expect(past.body.error.details[0].field).toBe('dueDate');
    await must(req('POST', `/api/staff/assistance/recognitions/${id}/steps`, staff, { kind: 'career_guidance', title: '一对一职业指导', dueDate: '2026-03-11' }));
    const planned = await must(req('POST', `/api/staff/assistance/recognitions/${id}/steps`, staff, { kind: 'job_referral', title: '推荐电工岗位', dueDate: '2026-04-10' }));
    const referral = planned.recognition.plan.find((s: { kind: string }) => s.kind === 'job_referral');
    const guidance = planned.recognition.plan.find((s: { kind: string }) => s.kind === 'career_guidance');
    const base = `/api/staff/assistance/recognitions/${id}/steps/${referral.id}`;
    const early = await req('POST', `${base}/complete`, staff, {});
    expect(early.status).toBe(400);
    expect(early.body.error.message).toContain('至少推荐 3 个岗位');
    for (const [employer, position] of [['哈尔滨某物业公司', '维修电工'], ['道里区某商场', '值班电工'], ['某机械厂', '设备电工']]) {
      await must(req('POST', `${base}/referrals`, staff, { employer, position, referredOn: '2026-03-10' }));
    }
    await must(req('POST', `${base}/follow-ups`, staff, { channel: 'phone', note: '已面试两家，等待结果' }));
    const done = await must(req('POST', `${base}/complete`, staff, { note: '已被某物业公司录用' }));
    expect(done.recognition.plan.find((s: { id: string }) => s.id === referral.id)).toMatchObject({ status: 'done', referrals: expect.arrayContaining([expect.objectContaining({ position: '值班电工' })]) });
    // A follow-up on a step of another person's record is not found.
    expect((await req('POST', `/api/staff/assistance/recognitions/${id}/steps/${'0'.repeat(24)}/follow-ups`, staff, { channel: 'phone', note: '电话联系' })).status).toBe(404);

    const mine = await must(req('GET', '/api/assistance', w.token));
    expect(mine.recognition.counsellor).toMatchObject({ name: '赵专员', center: '道里区公共就业服务中心' });
    expect(mine.recognition.counsellor.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(JSON.stringify(mine)).not.toMatch(/1\d{10}/);
    expect(mine.recognition.plan.map((s: { kindLabel: string; status: string }) => `${s.kindLabel}:${s.status}`)).toEqual(['职业指导:open', '岗位推荐:done']);
    const notes = (await must(req('GET', '/api/notifications', w.token))).items as { kind: string }[];
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(['assistance.counsellor', 'assistance.step', 'assistance.referral']));

    // The 职业指导 step due 2026-03-11 is overdue two days later: in the inbox, for this center only.
    clock = Date.parse('2026-03-13T09:00:00+08:00');
    const inbox = await must(req('GET', '/api/staff/workbench?queue=assistance_plan', staff));
    const item = inbox.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ queue: 'assistance_plan', overdue: true, deadline: '2026-03-11', priority: true });
    expect(item.subtitle).toContain('职业指导');
    expect(item.subtitle).toContain('赵专员');
    expect((await must(req('GET', '/api/staff/workbench?queue=assistance_plan', otherStaff))).items.map((i: { id: string }) => i.id)).not.toContain(id);
    await must(req('POST', `/api/staff/assistance/recognitions/${id}/steps/${guidance.id}/complete`, staff, {}));
    expect((await must(req('GET', '/api/staff/workbench?queue=assistance_plan', staff))).items.map((i: { id: string }) => i.id)).not.toContain(id);
  });
});

describe('priority in the inbox', () => {
  it('among items with the same deadline a recognised person and a veteran come before an older item of someone else', async () => {
    const policy = (await t.services.policies.models.Policy.findOne({ slug: 'free-employment-services' }).lean())!._id.toString();
    const plain = await registered();
    const recognised = await registered();
    const veteran = await registered({ unemploymentReason: 'veteran' });
    const rid = (await must(apply(recognised.token, { categories: ['low_income_family'], evidence: [{ category: 'low_income_family', note: '低保证 2025-118' }] }))).recognition.id;
    await must(decide(rid, { decision: 'approve', validUntil: '2027-03-09' }));
    // Same clock, so the same 10-working-day deadline; the plain person applied first (older).
    const appIds: Record<string, string> = {};
    for (const [k, w] of [['plain', plain], ['recognised', recognised], ['veteran', veteran]] as const) {
      appIds[k] = (await must(req('POST', `/api/policies/${policy}/apply`, w.token, {}), 201)).id;
      await new Promise((r) => setTimeout(r, 20));
    }
    const inbox = await must(req('GET', '/api/staff/workbench?queue=policy', staff));
    const order = inbox.items.filter((i: { id: string }) => Object.values(appIds).includes(i.id));
    expect(new Set(order.map((i: { deadline: string }) => i.deadline)).size).toBe(1);
    const names = order.map((i: { id: string }) => Object.entries(appIds).find(([, v]) => v === i.id)![0]);
    expect(names.indexOf('plain')).toBe(2);
    expect(order.map((i: { priority: boolean }) => i.priority)).toEqual([true, true, false]);
    // Without priority the older item would come first: the plain one was received first.
    const received = order.map((i: { receivedAt: string }) => i.receivedAt);
    expect(received[2] < received[0] && received[2] < received[1]).toBe(true);
  });
});
