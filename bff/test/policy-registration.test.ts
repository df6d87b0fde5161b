import { SENSITIVE_CONSENT } from '@doorstep/shared';
import { SAMPLE_POLICIES } from '@doorstep/shared';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { idNumber } from './support/ids';

/**
 * 政策找人 from 失业登记: when staff approve a registration, the person's facts come from the form
 * and they are notified once of each policy they now fit; nobody else is notified, and later changes
 * (leaving and registering again) do not repeat a notice.
 */


const NOW = Date.parse('2026-06-15T10:00:00+08:00');
let clock = NOW;
let t: TestApp;
let staff: string;
let ip = 0;
const login = async (phone = nextPhone()) => {
  ip += 1;
  const s = await smsLogin(t, phone, `10.88.0.${ip}`);
  return { token: s.accessToken, id: s.user.id };
};

const form = (id: string, extra: Record<string, unknown> = {}) => ({
  realName: '刘长海', idType: 'resident_id', idNumber: id, residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 2 号',
  hukouPlace: '黑龙江省哈尔滨市道里区', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某纺织厂', lastJobEndDate: '2024-12-10', education: 'junior',
  skills: ['缝纫'], certificates: [], desiredOccupations: ['保安'], desiredDistricts: ['230102'], expectedMonthlyPay: 3500,
  workModes: ['full_time'], serviceNeeds: ['job_referral', 'skills_training'], claimUnemploymentInsurance: false, hardships: [],
  ableToWork: true, wantsWork: true, currentlyEmployed: false, ...extra,
});

async function registerAndApprove(token: string, f: Record<string, unknown>): Promise<string> {
  expect((await t.request('PUT', '/api/registration/draft', { token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: f } })).status).toBe(200);
  const sub = await t.request('POST', '/api/registration/submit', { token, body: { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `k-${Math.random().toString(36).slice(2, 12)}` } });
  expect(sub.status).toBe(200);
  const regId = sub.body.registration.id as string;
  const ok = await t.request('POST', `/api/staff/registrations/${regId}/decision`, { token: staff, body: { decision: 'approve' } });
  expect(ok.status).toBe(200);
  return regId;
}

const policyNotices = async (token: string) => {
  const inbox = await t.request('GET', '/api/notifications', { token });
  return (inbox.body.items as { kind: string; page: string }[]).filter((n) => n.kind === 'policy.match');
};
const slugOfPage = async (page: string) => {
  const id = /id=([0-9a-f]{24})$/.exec(page)![1];
  return (await t.services.policies.models.Policy.findById(id).lean())!.slug;
};

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => clock } });
  await t.services.policies.loadSamples(SAMPLE_POLICIES);
  const staffPhone = nextPhone();
  await t.services.auth.upsertStaff(staffPhone, '政策经办', '道里区公共就业服务中心');
  staff = (await login(staffPhone)).token;
}, 60_000); // loading and checking 20+ sample rules takes a few seconds on a busy machine
afterAll(() => t.close());

it('approving a registration notifies the person of the policies they fit, once', async () => {
  const worker = await login();
  const bystander = await login();
  // A 52-year-old man dismissed 18 months ago who wants training: 4050 and long-term unemployed.
  const regId = await registerAndApprove(worker.token, form(idNumber('230102', '1974-03-02', '035')));

  expect(await t.services.policies.factsOf(worker.id)).toEqual({
    age: 52, sex: '男', education: '初中及以下', registeredUnemployed: true, leftJobInvoluntarily: true, unemployedMonths: 18,
    difficulty: ['4050', '长期失业'], wantsTraining: true,
  });
  const notices = await policyNotices(worker.token);
  const slugs = (await Promise.all(notices.map((n) => slugOfPage(n.page)))).sort();
  // What the calculator says this person is eligible for is exactly what they were told about.
  const forMe = await t.request('GET', '/api/policies/for-me', { token: worker.token });
  expect(forMe.body.hasFacts).toBe(true);
  expect(slugs).toEqual(forMe.body.eligible.map((m: { policy: { slug: string } }) => m.policy.slug).sort());
  expect(slugs).toEqual(expect.arrayContaining(['public-welfare-post', 'vocational-training-subsidy', 'free-employment-services']));
  // Not a graduate, and the registration says nothing of insurance years: no 求职创业补贴, no 失业保险金.
  expect(slugs).not.toContain('job-search-subsidy');
  expect(slugs).not.toContain('unemployment-benefit');
  expect(new Set(slugs).size).toBe(slugs.length);
  expect(await policyNotices(bystander.token)).toEqual([]);

  // Leaving (found work) changes the facts but repeats nothing; registering again and being approved
  // again does not notify a second time either.
  clock = NOW + 10 * 86400_000;
  const exit = await t.request('POST', '/api/registration/exit', { token: worker.token, body: { reason: 'employed', employer: '某物业公司', employedOn: '2026-06-20' } });
  expect(exit.status).toBe(200);
  expect(await t.services.policies.factsOf(worker.id)).toMatchObject({ registeredUnemployed: false, difficulty: ['4050'] });
  expect((await t.request('GET', '/api/policies/for-me', { token: worker.token })).body.eligible.map((m: { policy: { slug: string } }) => m.policy.slug)).not.toContain('public-welfare-post');
  clock = NOW + 40 * 86400_000;
  const again = await registerAndApprove(worker.token, form(idNumber('230102', '1974-03-02', '035'), { lastJobEndDate: '2026-07-20' }));
  expect(again).not.toBe(regId);
  expect((await policyNotices(worker.token)).length).toBe(notices.length);
  clock = NOW;
}, 30_000);

it('a registration that is returned or rejected finds no policies for the person', async () => {
  const worker = await login();
  await t.request('PUT', '/api/registration/draft', { token: worker.token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(idNumber('230102', '1970-08-08', '017')) } });
  const sub = await t.request('POST', '/api/registration/submit', { token: worker.token, body: { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'reject-me-12345' } });
  const regId = sub.body.registration.id;
  expect((await t.request('POST', `/api/staff/registrations/${regId}/decision`, { token: staff, body: { decision: 'return', reason: '请补充户籍地' } })).status).toBe(200);
  expect(await t.services.policies.factsOf(worker.id)).toBeNull();
  expect(await policyNotices(worker.token)).toEqual([]);
});
