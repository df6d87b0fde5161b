import { ObjectId } from 'mongodb';
import { SAMPLE_POLICIES } from '@doorstep/shared';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { NOW, PERSONAS } from './support/policy-fixtures';

/**
 * Every state-changing policy route under 20 identical parallel calls: exactly one effect (status,
 * versions, audit entries, notifications). Keys: `policy-app:<id>` per application, `policy:<id>` per
 * policy; creating (a policy, an application) is one unique insert.
 */
let t: TestApp;
let staff: { token: string; id: string };
let ip = 0;
const login = async (phone = nextPhone()) => { ip += 1; const s = await smsLogin(t, phone, `10.94.0.${ip}`); return { token: s.accessToken as string, id: s.user.id as string }; };
const idOf = async (slug: string) => (await t.services.policies.models.Policy.findOne({ slug }).lean())!._id.toString();
const times = <T>(n: number, f: () => Promise<T>) => Promise.all(Array.from({ length: n }, f));
const count = (rs: { status: number }[], status: number) => rs.filter((r) => r.status === status).length;
const expectOne = (rs: { status: number }[], ok: number) => {
  expect(count(rs, ok)).toBe(1);
  expect(count(rs, 409)).toBe(rs.length - 1);
};
const audits = (subjectType: string, subjectId: string, action: string) => t.services.audit.Audit.countDocuments({ subjectType, subjectId, action });

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => NOW } });
  await t.services.policies.loadSamples(SAMPLE_POLICIES);
  const phone = nextPhone();
  // The policy catalog is the city administrator's; these applicants have no district either.
  await t.services.auth.upsertStaff(phone, '政策经办', null, 'city');
  staff = await login(phone);
}, 60_000);
afterAll(() => t.close());

describe('applications', () => {
  it('apply ×20 → one application; decide ×20 → one decision and one notice; resubmit ×20 → one resubmission', async () => {
    const w = await login();
    await t.services.policies.onPersonFactsChanged(w.id, PERSONAS.flexibleWorker.facts);
    const policyId = await idOf('flexible-employment-insurance-subsidy');
    const applied = await times(20, () => t.request('POST', `/api/policies/${policyId}/apply`, { token: w.token, body: {} }));
    expectOne(applied, 201);
    expect(await t.services.policies.models.PolicyApplication.countDocuments({ userId: w.id, policyId })).toBe(1);
    const appId = applied.find((r) => r.status === 201)!.body.id as string;

    const returned = await times(20, () => t.request('POST', `/api/staff/policy-applications/${appId}/decide`, { token: staff.token, body: { decision: 'return', reason: '请补充缴费凭证' } }));
    expectOne(returned, 200);
    const notices = () => t.services.notifier.Notification.countDocuments({ userId: w.id, kind: 'policy.application' });
    expect(await notices()).toBe(1);

    const resubmitted = await times(20, () => t.request('POST', `/api/policy-applications/${appId}/resubmit`, { token: w.token, body: { note: '已补充' } }));
    expectOne(resubmitted, 200);
    const doc = (await t.services.policies.models.PolicyApplication.findById(appId).lean())!;
    expect(doc).toMatchObject({ status: 'submitted', rev: 2, note: '已补充' });

    const approved = await times(20, () => t.request('POST', `/api/staff/policy-applications/${appId}/decide`, { token: staff.token, body: { decision: 'approve' } }));
    expectOne(approved, 200);
    expect(await notices()).toBe(2);
    expect((await t.services.policies.models.PolicyApplication.findById(appId).lean())!).toMatchObject({ status: 'approved', rev: 3 });
  }, 90_000);
});

describe('catalog', () => {
  const draft = (slug: string) => ({ ...SAMPLE_POLICIES.find((p) => p.slug === 'job-search-subsidy')!, slug, title: `并发测试政策 ${slug.slice(-4)}` });

  it('create ×20 → one policy; edit ×20 from one base → one new version; publish ×20 → one; unpublish ×20 → one; each audited once with before/after', async () => {
    const created = await times(20, () => t.request('POST', '/api/staff/policies', { token: staff.token, body: draft('race-policy-0001') }));
    expectOne(created, 201);
    const id = created.find((r) => r.status === 201)!.body.id as string;
    expect(await t.services.policies.models.Policy.countDocuments({ slug: 'race-policy-0001' })).toBe(1);
    expect(await audits('policy', id, 'policy.create')).toBe(1);

    const edited = await times(20, () => t.request('PUT', `/api/staff/policies/${id}`, { token: staff.token, body: { baseVersion: 1, content: { ...draft('race-policy-0001'), summary: '并发修改后的说明' } } }));
    expectOne(edited, 200);
    expect(await t.services.policies.models.PolicyVersion.countDocuments({ policyId: id })).toBe(2);
    expect((await t.services.policies.models.Policy.findById(id).lean())!.version).toBe(2);
    expect(await audits('policy', id, 'policy.edit')).toBe(1);
    const edit = await t.conn.collection('audit_log').findOne({ subjectType: 'policy', subjectId: id, action: 'policy.edit' });
    expect(edit).toMatchObject({ actorId: new ObjectId(staff.id), actorName: '政策经办', before: { version: 1, status: 'draft' }, after: { version: 2, status: 'draft', content: { summary: '并发修改后的说明' } } });
    expect(edit!.before.content.summary).toBe(draft('race-policy-0001').summary);

    const published = await times(20, () => t.request('POST', `/api/staff/policies/${id}/publish`, { token: staff.token }));
    expectOne(published, 200);
    expect(published.find((r) => r.status === 409)!.body.error.code).toBe('ALREADY_PUBLISHED');
    expect(await audits('policy', id, 'policy.publish')).toBe(1);
    expect(await t.conn.collection('audit_log').findOne({ subjectId: id, action: 'policy.publish' })).toMatchObject({ before: { status: 'draft', liveVersion: null }, after: { status: 'published', liveVersion: 2 } });
    expect(await t.services.policies.models.PolicyVersion.countDocuments({ policyId: id, publishedAt: { $ne: null } })).toBe(1);

    const unpublished = await times(20, () => t.request('POST', `/api/staff/policies/${id}/unpublish`, { token: staff.token }));
    expectOne(unpublished, 200);
    expect(await audits('policy', id, 'policy.unpublish')).toBe(1);
    expect((await t.services.policies.models.Policy.findById(id).lean())!.status).toBe('unpublished');
  }, 120_000);

  it('publishing notifies each person it fits once, even when twenty publishes race', async () => {
    const grad = await login();
    await t.services.policies.onPersonFactsChanged(grad.id, PERSONAS.lowIncomeGraduate.facts);
    const created = await t.request('POST', '/api/staff/policies', { token: staff.token, body: draft('race-policy-0002') });
    const id = created.body.id as string;
    const published = await times(20, () => t.request('POST', `/api/staff/policies/${id}/publish`, { token: staff.token }));
    expectOne(published, 200);
    expect(published.find((r) => r.status === 200)!.body.matched).toMatchObject({ notified: 1 });
    expect(await t.services.notifier.Notification.countDocuments({ userId: grad.id, kind: 'policy.match', dedupeKey: `policy:${id}:user:${grad.id}` })).toBe(1);
  }, 90_000);
});
