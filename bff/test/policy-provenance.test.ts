import { ObjectId } from 'mongodb';
import { SAMPLE_POLICIES } from '@doorstep/shared';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { NOW } from './support/policy-fixtures';

/**
 * Facts with provenance: an application keeps the recorded facts (from the approved registration)
 * apart from the applicant's declared answers; a declared answer never overrides a recorded fact; a
 * resubmission is judged again (eligibility and amount); staff see which fact came from where.
 */
let t: TestApp;
let staff: { token: string; id: string };
let ip = 0;
const login = async (phone = nextPhone()) => { ip += 1; const s = await smsLogin(t, phone, `10.93.0.${ip}`); return { token: s.accessToken as string, id: s.user.id as string }; };
const idOf = async (slug: string) => (await t.services.policies.models.Policy.findOne({ slug }).lean())!._id.toString();
const apply = (token: string, policyId: string, answers: Record<string, unknown> = {}) => t.request('POST', `/api/policies/${policyId}/apply`, { token, body: { answers } });

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => NOW } });
  await t.services.policies.loadSamples(SAMPLE_POLICIES);
  const phone = nextPhone();
  // The applicants here have no registration, so no district: their applications are the city administrator's.
  await t.services.auth.upsertStaff(phone, '政策经办', null, 'city');
  staff = await login(phone);
}, 60_000);
afterAll(() => t.close());

it('a declared answer cannot override a recorded fact', async () => {
  const w = await login();
  // The registration says this person left the job of their own accord.
  await t.services.policies.onPersonFactsChanged(w.id, { age: 40, registeredUnemployed: true, leftJobInvoluntarily: false, difficulty: [] });
  const benefit = await idOf('unemployment-benefit');
  const res = await apply(w.token, benefit, { leftJobInvoluntarily: true, insuredYears: 6 });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('NOT_ELIGIBLE');
  expect(res.body.error.message).toContain('非本人意愿');
  expect(await t.services.policies.models.PolicyApplication.countDocuments({ userId: w.id })).toBe(0);
  // Someone without any record may declare it (and it is kept as declared).
  const nobody = await login();
  const ok = await apply(nobody.token, benefit, { registeredUnemployed: true, leftJobInvoluntarily: true, insuredYears: 6 });
  expect(ok.status).toBe(201);
  expect(ok.body.factSources).toEqual({ registeredUnemployed: 'declared', leftJobInvoluntarily: 'declared', insuredYears: 'declared' });
  expect(ok.body.recordedFacts).toEqual({});
});

it('keeps recorded and declared facts apart, shows staff the sources, re-evaluates a resubmission', async () => {
  const w = await login();
  await t.conn.collection('users').updateOne({ _id: new ObjectId(w.id) }, { $set: { displayName: '孙立军' } });
  await t.services.policies.onPersonFactsChanged(w.id, { age: 52, registeredUnemployed: true, leftJobInvoluntarily: true, difficulty: ['4050'] });
  const benefit = await idOf('unemployment-benefit');
  // registeredUnemployed is recorded: the declared `false` is ignored, not stored as a fact.
  const res = await apply(w.token, benefit, { insuredYears: 2, registeredUnemployed: false });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    amount: 20088,
    facts: { registeredUnemployed: true, leftJobInvoluntarily: true, insuredYears: 2 },
    recordedFacts: { age: 52, registeredUnemployed: true, leftJobInvoluntarily: true, difficulty: ['4050'] },
    declaredFacts: { insuredYears: 2 },
    factSources: { age: 'recorded', registeredUnemployed: 'recorded', leftJobInvoluntarily: 'recorded', difficulty: 'recorded', insuredYears: 'declared' },
  });
  const appId = res.body.id as string;

  // At rest: no applicant name, no 困难情形 in clear, in the application or the person's facts.
  const rawApp = await t.conn.collection('policy_applications').findOne({ _id: new ObjectId(appId) });
  expect(JSON.stringify(rawApp)).not.toContain('孙立军');
  expect(JSON.stringify(rawApp)).not.toContain('4050');
  expect(rawApp!.factsEnc).toMatch(/^v2\./);
  const rawFacts = await t.conn.collection('person_facts').findOne({ userId: w.id });
  expect(JSON.stringify(rawFacts)).not.toContain('4050');

  // Staff: the list masks the name; opening the record shows the sources and is audited.
  const queue = await t.request('GET', '/api/staff/policy-applications?status=submitted', { token: staff.token });
  const listed = queue.body.items.find((i: { id: string }) => i.id === appId);
  expect(listed.applicantName).toBe('孙**');
  expect(JSON.stringify(queue.body)).not.toContain('孙立军');
  const opened = await t.request('GET', `/api/policy-applications/${appId}`, { token: staff.token });
  expect(opened.status).toBe(200);
  expect(opened.body.applicantName).toBe('孙立军');
  expect(opened.body.factSources).toMatchObject({ registeredUnemployed: 'recorded', insuredYears: 'declared' });
  expect(await t.services.audit.Audit.countDocuments({ subjectType: 'policy_application', subjectId: appId, action: 'view_pii', actorId: new ObjectId(staff.id) })).toBe(1);

  // Returned for more material; meanwhile the registration ended (facts changed): the resubmission is
  // judged on the record as it is now, and refused without being written.
  expect((await t.request('POST', `/api/staff/policy-applications/${appId}/decide`, { token: staff.token, body: { decision: 'return', reason: '请补充缴费证明' } })).status).toBe(200);
  await t.services.policies.onPersonFactsChanged(w.id, { age: 52, registeredUnemployed: false, leftJobInvoluntarily: true, difficulty: ['4050'] });
  const refused = await t.request('POST', `/api/policy-applications/${appId}/resubmit`, { token: w.token, body: { answers: { registeredUnemployed: true, insuredYears: 11 } } });
  expect(refused.status).toBe(400);
  expect(refused.body.error.code).toBe('NOT_ELIGIBLE');
  expect((await t.services.policies.models.PolicyApplication.findById(appId).lean())!).toMatchObject({ status: 'returned', amount: 20088 });

  // Registered again: the added declaration (11 years paid) changes the amount.
  await t.services.policies.onPersonFactsChanged(w.id, { age: 52, registeredUnemployed: true, leftJobInvoluntarily: true, difficulty: ['4050'] });
  const again = await t.request('POST', `/api/policy-applications/${appId}/resubmit`, { token: w.token, body: { answers: { insuredYears: 11 }, note: '已补充' } });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ status: 'submitted', amount: 40176, declaredFacts: { insuredYears: 11 }, facts: { insuredYears: 11, registeredUnemployed: true } });
});

it('facts from an older registration state never overwrite newer ones (after-effects out of order)', async () => {
  const w = await login();
  const newer = new Date(NOW + 60_000);
  const older = new Date(NOW);
  await t.services.policies.onPersonFactsChanged(w.id, { registeredUnemployed: false }, newer);
  await t.services.policies.onPersonFactsChanged(w.id, { registeredUnemployed: true }, older);
  expect(await t.services.policies.factsOf(w.id)).toEqual({ registeredUnemployed: false });
});
