import mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { SENSITIVE_CONSENT } from '../../shared/src/data/privacy';
import { baseUrl, bornYearsAgo, confirmModal, createStaff, latestSmsCode, launch, loginBySms, phonePage, residentId, seedDemoCity, shot, toastGone, tokenOf, v, watchApiErrors } from './browser';

// 岗位推荐 end to end at phone size, in 道里区公共就业服务中心: an employer (verified by staff) posts a 电工
// vacancy and a worker with an approved registration wants 电工 — both through the API the app uses. Staff open
// the registration, search open vacancies (prefilled with the desired occupation), refer the person with a note
// and see 「未投递」; a second referral to the same vacancy is refused in plain words; after the person applies
// and the employer invites them, the registration shows the interview; the dashboard's 岗位推荐 card counts it.
// A second test reviews a held posting from the workbench (岗位审核). Taro H5 keeps earlier pages in the DOM:
// use :visible.

const staffPhone = '13912343001';
const workerPhone = '13912343002';
const employerPhone = '13912343003';
const idNumber = residentId('230102', `${bornYearsAgo(44)}0611`, '731');

let browser: Browser;
let staff: Page;
const apiErrors: string[] = [];

async function api(method: string, p: string, token: string, body?: unknown) {
  const res = await fetch(baseUrl() + p, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as any;
  if (res.status >= 400) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function loginApi(phone: string): Promise<string> {
  const post = (p: string, body: unknown) => fetch(baseUrl() + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
  await post('/api/auth/sms/send', { phone });
  return (await post('/api/auth/sms/login', { phone, code: await latestSmsCode(phone) })).accessToken as string;
}

const chinaDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
const vacancyBody = (over: Record<string, unknown> = {}) => ({
  title: '小区物业维修电工', occupation: '电工', kind: 'full_time', payMin: 3800, payMax: 5200, payUnit: 'month',
  place: { lat: 45.7576, lng: 126.6169, address: '哈尔滨市道里区安静街 10 号物业中心' }, hours: '8:30–17:30，做五休二', requirements: '持低压电工证，有小区维修经验优先',
  skills: ['低压电工证', '水电维修'], headcount: 2, closingDate: chinaDay(30), contactName: '王经理', contactPhone: '13912343004', ...over,
});

let staffToken: string;
let workerToken: string;
let employerToken: string;
let regId: string;
let vacancyId: string;

/** Scrolls a section to the top of the phone screen (the page scrolls inside Taro's page container). */
const scrollTo = (page: Page, sel: string) => v(page, sel).evaluate((el) => el.scrollIntoView({ block: 'start' }));

beforeAll(async () => {
  seedDemoCity();
  createStaff(staffPhone, '冯经办', '道里区公共就业服务中心');
  browser = await launch();
  staff = await phonePage(browser);
  watchApiErrors(staff, apiErrors);
  await loginBySms(staff, staffPhone);
  staffToken = await tokenOf(staff);

  // ---- an employer in 道里区, verified by the center, posts a 电工 vacancy ----
  const emp = await loginApi(employerPhone);
  employerToken = (await api('POST', '/api/me/role', emp, { role: 'employer' })).accessToken;
  const profile = await api('POST', '/api/employer/profile', employerToken, {
    kind: 'enterprise', name: '哈尔滨安静街物业服务有限公司', creditCode: '91350100M000100Y43', contactName: '王经理', contactPhone: '13912343004', address: '哈尔滨市道里区安静街 10 号',
  });
  await api('POST', `/api/staff/employers/${profile.employer.id}/review`, staffToken, { decision: 'approve' });
  const posted = await api('POST', '/api/employer/vacancies', employerToken, vacancyBody());
  expect(posted.published).toBe(true);
  vacancyId = posted.vacancy.id;

  // ---- a worker with an approved registration wanting 电工 ----
  workerToken = await loginApi(workerPhone);
  await api('PUT', '/api/registration/draft', workerToken, {
    sensitiveConsentVersion: SENSITIVE_CONSENT.version,
    form: {
      realName: '郑国强', idType: 'resident_id', idNumber, retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '安静街 22 号',
      hukouPlace: '黑龙江省哈尔滨市道里区', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: '2026-01-31', education: 'vocational',
      skills: ['电工'], certificates: ['低压电工证'], desiredOccupations: ['电工'], desiredDistricts: ['230102'], expectedMonthlyPay: 4500,
      workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
    },
  });
  const sub = await api('POST', '/api/registration/submit', workerToken, { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'ref-e2e-reg-731' });
  regId = sub.registration.id;
  await api('POST', `/api/staff/registrations/${regId}/decision`, staffToken, { decision: 'approve' });
});
afterEach(async () => {
  if (staff) await shot(staff, 'ref-zz-staff-last').catch(() => undefined);
});
afterAll(async () => { await browser?.close(); });

test('staff refer a registered person to an open vacancy and follow the outcome; the dashboard counts it', async () => {
  await staff.goto(`${baseUrl()}/#/packages/staff/pages/registration-detail/index?id=${regId}`);
  await staff.locator('#sd-status:visible', { hasText: '已登记' }).waitFor();
  await v(staff, '#sd-ref-empty').waitFor();
  await scrollTo(staff, '#sd-referrals');
  await shot(staff, 'ref-01-section-empty');

  // ---- 推荐岗位: the search starts from the desired occupation ----
  await v(staff, '#sd-ref-open').click();
  expect(await v(staff, '#sd-ref-q').inputValue()).toBe('电工');
  const pick = v(staff, `#sd-ref-pick-${vacancyId}`);
  await pick.waitFor();
  expect(await pick.textContent()).toContain('哈尔滨安静街物业服务有限公司');
  await scrollTo(staff, '#sd-ref-form');
  await shot(staff, 'ref-02-search');

  // Nothing picked: the reason next to the list, nothing sent.
  await v(staff, '#sd-ref-submit').click();
  await staff.locator('#sd-ref-vacancy-error:visible', { hasText: '请先选择要推荐的岗位' }).waitFor();
  await v(staff, '#sd-ref-vacancy-error').scrollIntoViewIfNeeded();
  await shot(staff, 'ref-03-pick-error');

  await pick.click();
  await staff.locator(`#sd-ref-pick-${vacancyId}.rf-pick--on:visible`).waitFor();
  expect(await v(staff, '#sd-ref-vacancy-error').count()).toBe(0);
  await v(staff, '#sd-ref-note').locator('textarea').fill('离家近，单位包午餐，面试时带上电工证');
  await v(staff, '#sd-ref-submit').scrollIntoViewIfNeeded();
  await shot(staff, 'ref-04-picked-with-note');
  await v(staff, '#sd-ref-submit').click();

  const row = staff.locator('[id^="sd-ref-"][id$="-outcome"]:visible', { hasText: '未投递' });
  await row.waitFor();
  expect(await v(staff, '#sd-referrals').textContent()).toContain('推荐说明：离家近，单位包午餐');
  expect(await v(staff, '#sd-referrals').textContent()).toContain('冯经办 推荐于');
  await toastGone(staff);
  await scrollTo(staff, '#sd-referrals');
  await shot(staff, 'ref-05-referred-pending');

  // ---- the same vacancy again: refused, in plain words ----
  await v(staff, '#sd-ref-open').click();
  await v(staff, `#sd-ref-pick-${vacancyId}`).waitFor();
  expect(await v(staff, `#sd-ref-pick-${vacancyId}`).textContent()).toContain('已推荐过');
  await v(staff, `#sd-ref-pick-${vacancyId}`).click();
  await v(staff, '#sd-ref-submit').click();
  await staff.locator('#sd-ref-general:visible', { hasText: '已经向这位求职者推荐过这个岗位' }).waitFor();
  await v(staff, '#sd-ref-general').scrollIntoViewIfNeeded();
  await shot(staff, 'ref-06-already-referred');

  // ---- the person applies and the employer invites them: the registration shows the interview ----
  const applied = await api('POST', `/api/vacancies/${vacancyId}/apply`, workerToken, { note: '做过 8 年厂区电工' });
  expect(applied.application.referred).toBe(true);
  const interviewDate = chinaDay(3);
  await api('POST', `/api/employer/vacancy-applications/${applied.application.id}/answer`, employerToken, {
    decision: 'interview', interviewDate, interviewTime: '09:30', interviewPlace: '道里区安静街 10 号物业中心二楼',
  });
  await staff.reload();
  const interview = staff.locator('[id^="sd-ref-"][id$="-interview"]:visible');
  await interview.waitFor();
  expect(await interview.textContent()).toContain(`面试：${interviewDate} 09:30，道里区安静街 10 号物业中心二楼`);
  await staff.locator('[id^="sd-ref-"][id$="-outcome"]:visible', { hasText: '已邀请面试' }).waitFor();
  await scrollTo(staff, '#sd-referrals');
  await shot(staff, 'ref-07-interview');

  // ---- the dashboard's 岗位推荐 card ----
  await staff.goto(`${baseUrl()}/#/packages/staff/pages/dashboard/index`);
  await v(staff, '#db-kpis').waitFor();
  const refreshed = staff.waitForResponse((r) => r.url().includes('/api/staff/stats') && r.url().includes('refresh=true'));
  await v(staff, '#db-refresh').click();
  await refreshed;
  await v(staff, '#db-referrals').waitFor();
  expect(Number(await v(staff, '#db-ref-count').textContent())).toBeGreaterThanOrEqual(1);
  expect(await v(staff, '#db-ref-line').textContent()).toMatch(/已投递 \d+ · 面试 [1-9]\d* · 录用 \d+ · 不合适 \d+ · 未投递 \d+/);
  await scrollTo(staff, '#db-referrals');
  await shot(staff, 'ref-08-dashboard-card');

  expect(apiErrors).toEqual([]);
});

test('a posting held by content security is reviewed from the workbench and goes on sale', async () => {
  const posted = await api('POST', '/api/employer/vacancies', employerToken, vacancyBody({ title: '商场夜班电工', hours: '20:00–次日 8:00，做一休一', requirements: '能上夜班', skills: ['高压电工证'] }));
  const id = posted.vacancy.id as string;
  // Development runs without WeChat's content check: hold this posting the way the check does.
  const conn = await mongoose.createConnection(process.env.E2E_MONGODB_URI!).asPromise();
  try {
    await conn.collection('vacancies').updateOne({ _id: new mongoose.Types.ObjectId(id) }, { $set: { status: 'review', contentHold: { reason: 'review', fields: ['title', 'requirements'], labels: [20001], at: new Date() } } });
  } finally {
    await conn.close();
  }

  await staff.goto(`${baseUrl()}/#/packages/staff/pages/workbench/index`);
  await v(staff, '#wb-tab-vacancy').click();
  const item = v(staff, `#wb-item-vacancy-${id}`);
  await item.waitFor();
  expect(Number(await v(staff, '#wb-tab-vacancy .wb-tab__n').textContent())).toBeGreaterThanOrEqual(1);
  await shot(staff, 'ref-09-inbox-vacancy');
  await item.click();

  await staff.locator('#vr-title:visible', { hasText: '商场夜班电工' }).waitFor();
  await staff.locator('#vr-status:visible', { hasText: '审核中' }).waitFor();
  expect(await v(staff, '#vr-hold').textContent()).toContain('岗位名称');
  expect(await v(staff, '#vr-phone').textContent()).toBe('139****3004');
  expect(await v(staff, '#vr-employer').textContent()).toBe('哈尔滨安静街物业服务有限公司');
  expect(await v(staff, '#vr-skills').textContent()).toContain('高压电工证');
  await shot(staff, 'ref-10-review-page');

  // 不通过 needs a reason.
  await v(staff, '#vr-reject').click();
  await v(staff, '#vr-reject-submit').click();
  await staff.locator('#vr-reason-error:visible', { hasText: '请写明不通过的理由' }).waitFor();
  await v(staff, '#vr-reject-submit').scrollIntoViewIfNeeded();
  await shot(staff, 'ref-11-review-reason-error');
  await staff.locator('#vr-actions .btn-plain:visible').click();

  await v(staff, '#vr-approve').click();
  await confirmModal(staff, '上架');
  await v(staff, '#vr-done').waitFor();
  await staff.locator('#vr-status:visible', { hasText: '招聘中' }).waitFor();
  await toastGone(staff);
  await shot(staff, 'ref-12-review-approved');
  const pub = await fetch(`${baseUrl()}/api/vacancies/${id}`).then((r) => r.json() as Promise<any>);
  expect(pub.vacancy.status).toBe('open');

  // Back in the workbench the item is gone.
  await v(staff, '#vr-back').click();
  // The workbench reloads when shown again (an empty list is an empty, invisible View: wait on the summary).
  await v(staff, '#wb-summary').waitFor();
  await staff.locator(`#wb-item-vacancy-${id}`).waitFor({ state: 'hidden' });
  expect(await staff.locator(`#wb-item-vacancy-${id}:visible`).count()).toBe(0);
  await shot(staff, 'ref-13-inbox-after');

  expect(apiErrors).toEqual([]);
});
