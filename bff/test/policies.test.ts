import { POLICY_HARDSHIP_CONSENT, SAMPLE_POLICIES } from '@doorstep/shared';
import { PolicyService } from '../src/modules/policies/service';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { NOW, PERSONAS } from './support/policy-fixtures';

/** Policy API over a real database: lookup, calculator, staff management, policies find people, applications. */
let t: TestApp;
let clock = NOW;
let staff: string;
let districtStaff: string;
let worker: { token: string; id: string };
let other: { token: string; id: string };
let employer: { token: string; id: string };
let ip = 0;
const login = async (phone = nextPhone()) => { ip += 1; const s = await smsLogin(t, phone, `10.77.0.${ip}`); return { token: s.accessToken, id: s.user.id }; };
const idOf = async (slug: string) => (await t.services.policies.models.Policy.findOne({ slug }).lean())!._id.toString();

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => clock } });
  await t.services.policies.loadSamples(SAMPLE_POLICIES);
  const staffPhone = nextPhone();
  // Catalog changes are the city administrator's; the applicants here have no registration (no district), so
  // their applications are the city's too. Center scoping of applications is in access.test.ts and workbench.test.ts.
  await t.services.auth.upsertStaff(staffPhone, '政策经办', null, 'city');
  staff = (await login(staffPhone)).token;
  const districtPhone = nextPhone();
  await t.services.auth.upsertStaff(districtPhone, '道里经办', '道里区公共就业服务中心');
  districtStaff = (await login(districtPhone)).token;
  worker = await login();
  other = await login();
  const e = await login();
  employer = { id: e.id, token: (await t.request('POST', '/api/me/role', { body: { role: 'employer' }, token: e.token })).body.accessToken };
});
afterAll(() => t.close());

describe('lookup', () => {
  it('searches with synonyms, highlights and filters', async () => {
    const res = await t.request('GET', `/api/policies?q=${encodeURIComponent('失业金')}`);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ slug: 'unemployment-benefit', title: '失业保险金', titleHl: { text: '失业保险金', ranges: [[0, 5]] } });
    const emp = await t.request('GET', `/api/policies?q=${encodeURIComponent('补贴')}&audience=employer`);
    expect(emp.body.items.length).toBeGreaterThan(0);
    expect(emp.body.items.every((i: { audience: string }) => i.audience === 'employer')).toBe(true);
    const all = await t.request('GET', '/api/policies?limit=50');
    expect(all.body.total).toBe(SAMPLE_POLICIES.length);
  });

  it('answers 400 in Chinese naming the field for bad filters', async () => {
    const res = await t.request('GET', '/api/policies?category=abc');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('政策类别');
    const bad = await t.request('POST', '/api/policies/calculate', { body: { audience: 'individual', answers: { age: 'old' } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('年龄必须是数字');
    const extra = await t.request('POST', '/api/policies/calculate', { body: { audience: 'individual', answers: { salary: 1 } } });
    expect(extra.status).toBe(400);
  });

  it('shows a published policy with FAQ; unknown ids are 404', async () => {
    const id = await idOf('unemployment-benefit');
    const res = await t.request('GET', `/api/policies/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.faq.length).toBeGreaterThan(0);
    expect(res.body.legalBasis).toContain('失业保险条例');
    expect((await t.request('GET', '/api/policies/000000000000000000000000')).status).toBe(404);
  });

  it('calculates for a persona over HTTP, with questions to ask', async () => {
    const q = await t.request('GET', '/api/policies/questions?audience=employer');
    expect(q.body.questions.length).toBeLessThanOrEqual(10);
    const res = await t.request('POST', '/api/policies/calculate', { body: { audience: 'employer', answers: PERSONAS.smallFirmHiringDifficult.facts } });
    expect(res.status).toBe(200);
    expect(res.body.eligible[0]).toMatchObject({ policy: { slug: 'employer-insurance-subsidy-difficult' }, amount: 18000 });
  });
});

describe('staff manage policies', () => {
  const draft = () => ({ ...SAMPLE_POLICIES.find((p) => p.slug === 'job-search-subsidy')!, slug: 'test-heating-subsidy', title: '困难毕业生冬季取暖补贴（测试）' });

  it('workers cannot manage policies', async () => {
    expect((await t.request('POST', '/api/staff/policies', { body: draft(), token: worker.token })).status).toBe(403);
    expect((await t.request('GET', '/api/staff/policy-applications', { token: employer.token })).status).toBe(403);
  });

  it('validates rule JSON on save and refuses rules whose examples fail', async () => {
    const badFact = { ...draft(), rule: { ...draft().rule, requirements: [{ when: { fact: 'salary', operator: 'equal', value: 1 }, met: 'a', missing: 'b' }] } };
    const r1 = await t.request('POST', '/api/staff/policies', { body: badFact, token: staff });
    expect(r1.status).toBe(400);
    const wrongExample = { ...draft(), rule: { ...draft().rule, examples: [{ name: '错的', facts: {}, eligible: true }] } };
    const r2 = await t.request('POST', '/api/staff/policies', { body: wrongExample, token: staff });
    expect(r2.status).toBe(400);
    // A district center cannot change the city's catalog at all.
    const district = await t.request('POST', '/api/staff/policies', { body: draft(), token: districtStaff });
    expect(district.status).toBe(403);
    expect(district.body.error.message).toContain('市级管理员');
    expect(r2.body.error.code).toBe('RULE_INVALID');
    expect(r2.body.error.message).toContain('错的');
  });

  it('creates, edits (new version), publishes, edits again without changing the public copy, unpublishes', async () => {
    const created = await t.request('POST', '/api/staff/policies', { body: draft(), token: staff });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', version: 1 });
    expect((await t.request('GET', `/api/policies/${id}`)).status).toBe(404); // drafts are not public
    expect((await t.request('POST', '/api/staff/policies', { body: draft(), token: staff })).status).toBe(409); // slug taken

    const v2 = await t.request('PUT', `/api/staff/policies/${id}`, { body: { baseVersion: 1, content: { ...draft(), summary: '第二版说明' } }, token: staff });
    expect(v2.body).toMatchObject({ version: 2, summary: '第二版说明' });
    const stale = await t.request('PUT', `/api/staff/policies/${id}`, { body: { baseVersion: 1, content: draft() }, token: staff });
    expect(stale.status).toBe(409);

    const pub = await t.request('POST', `/api/staff/policies/${id}/publish`, { token: staff });
    expect(pub.status).toBe(200);
    expect((await t.request('GET', `/api/policies?q=${encodeURIComponent('取暖')}`)).body.items[0].id).toBe(id);

    await t.request('PUT', `/api/staff/policies/${id}`, { body: { baseVersion: 2, content: { ...draft(), title: '困难毕业生取暖补贴（第三版）' } }, token: staff });
    expect((await t.request('GET', `/api/policies/${id}`)).body).toMatchObject({ title: '困难毕业生冬季取暖补贴（测试）', version: 2 });
    const detail = await t.request('GET', `/api/staff/policies/${id}`, { token: staff });
    expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(detail.body).toMatchObject({ liveVersion: 2, policy: { hasDraft: true } });
    expect((await t.request('GET', `/api/staff/policies/${id}/versions/1`, { token: staff })).body.content.summary).toBe(draft().summary);

    expect((await t.request('POST', `/api/staff/policies/${id}/unpublish`, { token: staff })).status).toBe(200);
    expect((await t.request('GET', `/api/policies/${id}`)).status).toBe(404);
    expect((await t.request('GET', `/api/policies?q=${encodeURIComponent('取暖')}`)).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await t.request('POST', `/api/staff/policies/${id}/unpublish`, { token: staff })).status).toBe(409);
    // Every catalog change is in the audit log, with the state before and after; refused calls are not.
    const log = await t.services.audit.Audit.find({ subjectType: 'policy', subjectId: id }).sort({ at: 1, _id: 1 }).lean();
    expect(log.map((e) => e.action)).toEqual(['policy.create', 'policy.edit', 'policy.publish', 'policy.edit', 'policy.unpublish']);
    expect(log[0]).toMatchObject({ before: null, after: { status: 'draft', version: 1 } });
    expect(log[4]).toMatchObject({ before: { status: 'published', liveVersion: 2, version: 3 }, after: { status: 'unpublished' } });
  });

  it('another instance sees catalog changes (revision check rebuilds its index)', async () => {
    const second = new PolicyService({ conn: t.conn, notifier: t.services.notifier, logger: { warn() {} } as never, now: () => clock });
    expect((await second.search({ q: '失业金' })).items[0].slug).toBe('unemployment-benefit');
    const id = await idOf('unemployment-benefit');
    await t.request('POST', `/api/staff/policies/${id}/unpublish`, { token: staff });
    expect((await second.search({ q: '失业金' })).items.map((i) => i.slug)).not.toContain('unemployment-benefit');
    await t.request('POST', `/api/staff/policies/${id}/publish`, { token: staff });
    expect((await second.search({ q: '失业金' })).items[0].slug).toBe('unemployment-benefit');
  });
});

describe('policies find people', () => {
  it('notifies exactly the eligible people once, on publish and on facts change', async () => {
    const grad = await login();
    const nobody = await login();
    const unemployed = await login();
    await t.services.policies.models.PersonFacts.create([
      { userId: grad.id, facts: PERSONAS.lowIncomeGraduate.facts, updatedAt: new Date() },
      { userId: nobody.id, facts: PERSONAS.eligibleForNothing.facts, updatedAt: new Date() },
    ]);
    const id = await idOf('job-search-subsidy');
    const count = async (userId: string) => t.services.notifier.Notification.countDocuments({ userId, kind: 'policy.match', dedupeKey: `policy:${id}:user:${userId}` });

    // Republishing the policy finds the graduate (and only her).
    await t.request('POST', `/api/staff/policies/${id}/unpublish`, { token: staff });
    const pub = await t.request('POST', `/api/staff/policies/${id}/publish`, { token: staff });
    expect(pub.body.matched).toMatchObject({ eligible: 1, notified: 1 });
    expect(await count(grad.id)).toBe(1);
    expect(await count(nobody.id)).toBe(0);
    // Publishing again notifies nobody a second time.
    await t.request('POST', `/api/staff/policies/${id}/unpublish`, { token: staff });
    expect((await t.request('POST', `/api/staff/policies/${id}/publish`, { token: staff })).body.matched).toMatchObject({ eligible: 1, notified: 0 });
    expect(await count(grad.id)).toBe(1);

    // Facts change (registration approved): the person is told about each policy that now fits, once.
    const first = await t.services.policies.onPersonFactsChanged(unemployed.id, PERSONAS.longTermUnemployed4050.facts);
    expect(first.notified).toBe(5);
    const again = await t.services.policies.onPersonFactsChanged(unemployed.id, { ...PERSONAS.longTermUnemployed4050.facts, unemployedMonths: 19 });
    expect(again.notified).toBe(0);
    const inbox = await t.request('GET', '/api/notifications', { token: unemployed.token });
    expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'policy.match')).toHaveLength(5);
    expect(inbox.body.items[0].page).toMatch(/^\/packages\/worker\/pages\/policy-detail\/index\?id=[0-9a-f]{24}$/);

    const forMe = await t.request('GET', '/api/policies/for-me', { token: unemployed.token });
    expect(forMe.body.hasFacts).toBe(true);
    expect(forMe.body.eligible.map((m: { policy: { slug: string } }) => m.policy.slug)).toContain('unemployment-benefit');
    const none = await t.request('GET', '/api/policies/for-me', { token: other.token });
    expect(none.body).toMatchObject({ hasFacts: false, eligible: [] });
  });
});

describe('applications', () => {
  it('one-tap apply prefilled from facts; duplicates for the same period refused; not-eligible explained', async () => {
    await t.services.policies.onPersonFactsChanged(worker.id, PERSONAS.flexibleWorker.facts);
    const id = await idOf('flexible-employment-insurance-subsidy');
    const res = await t.request('POST', `/api/policies/${id}/apply`, { body: {}, token: worker.token });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', period: '2026', amount: 7200, facts: { flexibleEmployedWithInsurance: true } });
    const dup = await t.request('POST', `/api/policies/${id}/apply`, { body: {}, token: worker.token });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE_APPLICATION');
    // Next year is a new period.
    clock = Date.parse('2027-01-05T10:00:00+08:00');
    expect((await t.request('POST', `/api/policies/${id}/apply`, { body: {}, token: worker.token })).status).toBe(201);
    clock = NOW;

    const notEligible = await t.request('POST', `/api/policies/${await idOf('unemployment-benefit')}/apply`, { body: {}, token: worker.token });
    expect(notEligible.status).toBe(400);
    expect(notEligible.body.error.code).toBe('NOT_ELIGIBLE');
    const wrongRole = await t.request('POST', `/api/policies/${await idOf('job-retention-refund')}/apply`, { body: {}, token: worker.token });
    expect(wrongRole.body.error.code).toBe('WRONG_AUDIENCE');
    expect((await t.request('POST', `/api/policies/${id}/apply`, { body: { answers: { age: -3 } }, token: worker.token })).status).toBe(400);
  });

  it('困难类别 answers need the separate consent, recorded with version and time on the application', async () => {
    const w = await login();
    const id = await idOf('flexible-employment-insurance-subsidy');
    const answers = { flexibleEmployedWithInsurance: true, difficulty: ['4050'] };
    const refused = await t.request('POST', `/api/policies/${id}/apply`, { body: { answers }, token: w.token });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('SENSITIVE_CONSENT_REQUIRED');
    expect(refused.body.error.message).toContain('就业困难情形');
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'answers.difficulty' })]);
    const outdated = await t.request('POST', `/api/policies/${id}/apply`, { body: { answers, sensitiveConsentVersion: '2000-01' }, token: w.token });
    expect([outdated.status, outdated.body.error.code, outdated.body.error.details[0].field]).toEqual([400, 'SENSITIVE_CONSENT_OUTDATED', 'sensitiveConsentVersion']);
    expect(await t.services.policies.models.PolicyApplication.countDocuments({ userId: w.id })).toBe(0);

    const ok = await t.request('POST', `/api/policies/${id}/apply`, { body: { answers, sensitiveConsentVersion: POLICY_HARDSHIP_CONSENT.version }, token: w.token });
    expect(ok.status).toBe(201);
    expect(ok.body.sensitiveConsent).toEqual({ version: POLICY_HARDSHIP_CONSENT.version, at: new Date(clock).toISOString() });
    const stored = await t.services.policies.models.PolicyApplication.findById(ok.body.id).lean();
    expect(stored!.sensitiveConsent).toEqual({ version: POLICY_HARDSHIP_CONSENT.version, at: new Date(clock) });
    // Answers without 困难类别 need no consent, and record none.
    const plain = await t.request('POST', `/api/policies/${await idOf('one-time-hiring-subsidy')}/apply`, { body: { answers: { paysUnemploymentInsurance: true, newGraduateHires: 1, difficulty: [] } }, token: employer.token });
    expect([plain.status, plain.body.sensitiveConsent]).toEqual([201, null]);

    // A returned application keeps its consent: the resubmission may carry 困难类别 again without repeating it.
    expect((await t.request('POST', `/api/staff/policy-applications/${ok.body.id}/decide`, { body: { decision: 'return', reason: '请补充材料' }, token: staff })).status).toBe(200);
    const again = await t.request('POST', `/api/policy-applications/${ok.body.id}/resubmit`, { body: { answers: { difficulty: ['4050', '长期失业'] } }, token: w.token });
    expect([again.status, again.body.sensitiveConsent?.version]).toEqual([200, POLICY_HARDSHIP_CONSENT.version]);
    await t.services.policies.models.PolicyApplication.deleteMany({ _id: { $in: [ok.body.id, plain.body.id] } });
  });

  it('answers from the calculator fill facts the record lacks; employers apply for employer policies', async () => {
    const res = await t.request('POST', `/api/policies/${await idOf('one-time-hiring-subsidy')}/apply`, { body: { answers: { paysUnemploymentInsurance: true, newGraduateHires: 2 } }, token: employer.token });
    expect(res.status).toBe(201);
    expect(res.body.amount).toBe(3000);
  });

  it('staff queue: approve / return / reject with reason; applicant tracks status; others see nothing', async () => {
    const mine = await t.request('GET', '/api/policy-applications/mine', { token: worker.token });
    expect(mine.body.items.length).toBe(2);
    const [a, b] = mine.body.items;
    expect((await t.request('GET', `/api/policy-applications/${a.id}`, { token: other.token })).status).toBe(404);
    expect((await t.request('GET', '/api/policy-applications/mine', { token: other.token })).body.items).toEqual([]);
    expect((await t.request('POST', `/api/policy-applications/${a.id}/resubmit`, { body: {}, token: other.token })).status).toBe(404);

    const queue = await t.request('GET', '/api/staff/policy-applications?status=submitted', { token: staff });
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const noReason = await t.request('POST', `/api/staff/policy-applications/${a.id}/decide`, { body: { decision: 'return' }, token: staff });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.error)).toContain('理由');
    const returned = await t.request('POST', `/api/staff/policy-applications/${a.id}/decide`, { body: { decision: 'return', reason: '请补充社保缴费凭证' }, token: staff });
    expect(returned.body).toMatchObject({ status: 'returned', reason: '请补充社保缴费凭证' });
    expect((await t.request('POST', `/api/staff/policy-applications/${a.id}/decide`, { body: { decision: 'approve' }, token: staff })).status).toBe(409);
    const again = await t.request('POST', `/api/policy-applications/${a.id}/resubmit`, { body: { note: '已补充' }, token: worker.token });
    expect(again.body).toMatchObject({ status: 'submitted', note: '已补充', reason: null });
    expect((await t.request('POST', `/api/staff/policy-applications/${a.id}/decide`, { body: { decision: 'approve' }, token: staff })).body.status).toBe('approved');
    expect((await t.request('POST', `/api/staff/policy-applications/${b.id}/decide`, { body: { decision: 'reject', reason: '不在本期受理范围' }, token: staff })).body.status).toBe('rejected');

    const tracked = await t.request('GET', `/api/policy-applications/${a.id}`, { token: worker.token });
    expect(tracked.body.status).toBe('approved');
    const inbox = await t.request('GET', '/api/notifications', { token: worker.token });
    expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'policy.application').length).toBe(3);
  });
});
