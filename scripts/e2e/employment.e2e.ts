import { SENSITIVE_CONSENT } from '@doorstep/shared';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, bornYearsAgo, confirmModal, createStaff, latestSmsCode, launch, loginBySms, phonePage, pickerOk, residentId as idOf, seedDemoCity, shot, toastGone, tokenOf, v, watchApiErrors } from './browser';

// 就业登记 and 注销失业登记 end to end at phone size, in 道里区: a registered worker records the job they
// found and sees the registration closed; staff close another person's registration with a 第六十三条
// reason (the six-months-no-contact reason is refused with the contact history shown, an income under
// the minimum wage is refused next to the box); an employer records employment for a person by phone and
// ID number. Registrations are filed and approved through the API, as the app does. Taro H5 keeps earlier
// pages in the DOM: use :visible.

const workerPhone = '13912341501';
const closedPhone = '13912341502';
const hiredPhone = '13912341503';
const employerPhone = '13912341504';
const schoolPhone = '13912341505';
const staffPhone = '13912341599';

let browser: Browser;
let worker: Page;
let staff: Page;
let employer: Page;
let school: Page;
const apiErrors: string[] = [];

async function api(method: string, p: string, body?: unknown, token?: string) {
  const res = await fetch(baseUrl() + p, {
    method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as any;
  if (res.status >= 400) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const token = tokenOf;

async function loginApi(phone: string): Promise<string> {
  await api('POST', '/api/auth/sms/send', { phone });
  return (await api('POST', '/api/auth/sms/login', { phone, code: await latestSmsCode(phone) })).accessToken;
}

/** A valid 居民身份证 number of a 道里区 man of about 44 (GB 11643 check digit). */
const residentId = (seq: string) => idOf('230102', `${bornYearsAgo(44)}0915`, seq);

/** A 道里区 worker files the registration through the API and the 道里 staff approve it. */
async function approvedRegistration(phone: string | { token: string }, name: string, seq: string, staffToken: string): Promise<string> {
  const token = typeof phone === 'string' ? await loginApi(phone) : phone.token;
  const form = {
    realName: name, idType: 'resident_id', idNumber: residentId(seq), retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '兆麟街 8 号',
    hukouPlace: '黑龙江省哈尔滨市道里区', unemploymentReason: 'contract_expired', lastEmployer: '哈尔滨某纺织厂', lastJobEndDate: '2026-03-31', education: 'junior',
    skills: ['搬运'], certificates: [], desiredOccupations: ['仓管员'], desiredDistricts: ['230102'], expectedMonthlyPay: 3500, workModes: ['full_time'],
    serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
  };
  await api('PUT', '/api/registration/draft', { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form }, token);
  const sub = await api('POST', '/api/registration/submit', { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `emp-e2e-${seq}-submit` }, token);
  const id = sub.registration.id as string;
  await api('POST', `/api/staff/registrations/${id}/decision`, { decision: 'approve' }, staffToken);
  return id;
}

let closedRegId: string;
let closedToken: string;
let hiredToken: string;

beforeAll(async () => {
  seedDemoCity();
  createStaff(staffPhone, '郑经办', '道里区公共就业服务中心');
  browser = await launch();
  worker = await phonePage(browser);
  staff = await phonePage(browser);
  employer = await phonePage(browser);
  school = await phonePage(browser);
  for (const p of [worker, staff, employer, school]) watchApiErrors(p, apiErrors);
  // The people who use the app sign in on it first (one SMS code per minute per phone); the API calls
  // below use the same sessions.
  await loginBySms(staff, staffPhone);
  await loginBySms(worker, workerPhone);
  const staffToken = await token(staff);
  await approvedRegistration({ token: await token(worker) }, '马春生', '511', staffToken);
  await loginBySms(school, schoolPhone);
  await approvedRegistration({ token: await token(school) }, '韩志远', '519', staffToken);
  closedToken = await loginApi(closedPhone);
  closedRegId = await approvedRegistration({ token: closedToken }, '高立军', '513', staffToken);
  hiredToken = await loginApi(hiredPhone);
  await approvedRegistration({ token: hiredToken }, '杜文斌', '515', staffToken);
  // A household employer on the 承诺制 (no credit code), onboarded through the API as the app does.
  await loginBySms(employer, employerPhone);
  await v(employer, '#role-employer').click();
  await v(employer, '#employer-home').waitFor();
  await api('POST', '/api/employer/profile', { kind: 'household', name: '道里区刘女士（家庭用工）', contactName: '刘女士', contactPhone: employerPhone, address: '哈尔滨市道里区经纬街 20 号' }, await token(employer));
});
afterEach(async () => {
  for (const [p, n] of [[worker, 'worker'], [staff, 'staff'], [employer, 'employer'], [school, 'school']] as const) if (p) await shot(p, `emp-zz-${n}-last`).catch(() => undefined);
});
afterAll(async () => { await browser?.close(); });

test('a registered worker records the job they found (就业登记) and sees the registration closed', async () => {
  await worker.goto(baseUrl() + '/#/packages/worker/pages/registration/index');
  await worker.locator('#reg-status:visible', { hasText: '已登记' }).waitFor();
  await v(worker, '#reg-employment').click();
  await v(worker, '#emp-form').waitFor();
  await v(worker, '#emp-open').waitFor();
  await v(worker, '#emp-none').waitFor();
  await shot(worker, 'emp-01-worker-page');

  // Nothing filled: the reasons next to the fields, nothing sent.
  await v(worker, '#emp-submit').click();
  await worker.locator('#emp-kind-error:visible', { hasText: '请选择就业形式' }).waitFor();
  await worker.locator('#emp-employer-error:visible', { hasText: '请填写就业单位' }).waitFor();
  await worker.locator('#emp-date-error:visible', { hasText: '开始工作的日期' }).waitFor();
  await shot(worker, 'emp-02-worker-errors');

  await v(worker, '#emp-kind-labor_contract').click();
  await v(worker, '#emp-employer').fill('哈尔滨道里区顺心物业服务有限公司');
  await v(worker, '#emp-date').click();
  await pickerOk(worker);
  await worker.locator('#emp-date:visible', { hasText: /\d{4}-\d{2}-\d{2}/ }).waitFor();
  await shot(worker, 'emp-03-worker-filled');
  await v(worker, '#emp-submit').click();
  await v(worker, '.taro-model__confirm').waitFor();
  await shot(worker, 'emp-04-worker-confirm');
  await confirmModal(worker, '确认登记');
  await worker.locator('#emp-done-closed:visible', { hasText: '被用人单位录用' }).waitFor();
  await worker.locator('#emp-list:visible', { hasText: '顺心物业' }).waitFor();
  await toastGone(worker);
  await shot(worker, 'emp-05-worker-done');

  // Back on the hub: the registration is closed with the reason; the exit panel is gone.
  await v(worker, '#emp-hub').click();
  await worker.locator('#reg-status:visible', { hasText: '已退出' }).waitFor();
  await worker.locator('#reg-exit-reason:visible', { hasText: '被用人单位录用' }).waitFor();
  expect(await worker.locator('#exit-open:visible').count()).toBe(0);
  await shot(worker, 'emp-06-worker-hub-closed');

  // 长辈模式: the same page in large text.
  await worker.goto(baseUrl() + '/#/pages/mine/index');
  await v(worker, '#elder-toggle').click();
  await worker.locator('.page--elder:visible').first().waitFor();
  await worker.goto(baseUrl() + '/#/packages/worker-employment/pages/employment/index');
  await worker.locator('.page--elder:visible #emp-list', { hasText: '顺心物业' }).waitFor();
  await worker.waitForTimeout(400);
  await shot(worker, 'emp-07-worker-elder');
  await v(worker, '#emp-list').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await worker.waitForTimeout(400);
  await shot(worker, 'emp-08-worker-elder-list');
});

test('a worker ends the registration for another reason they may declare (第六十三条)', async () => {
  await school.goto(baseUrl() + '/#/packages/worker/pages/registration/index');
  await school.locator('#reg-status:visible', { hasText: '已登记' }).waitFor();
  await v(school, '#exit-open').click();
  await v(school, '#exit-panel').waitFor();
  // A job is not among these: it goes through 就业登记.
  expect(await school.locator('#exit-reason-employed:visible').count()).toBe(0);
  await v(school, '#exit-submit').click();
  await school.locator('#exit-reason-error:visible', { hasText: '请选择一项' }).waitFor();
  // 有稳定收入 under the minimum wage: the server's reason next to the box; the registration stays.
  await v(school, '#exit-reason-stable_income').click();
  await v(school, '#exit-income').fill('1200');
  await v(school, '#exit-submit').click();
  await confirmModal(school, '确认注销');
  await school.locator('#exit-income-error:visible', { hasText: '登记可以继续保留' }).waitFor();
  await v(school, '#exit-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(school, 'emp-09-worker-exit-income');
  await v(school, '#exit-reason-enrolled').click();
  await v(school, '#exit-submit').click();
  await confirmModal(school, '确认注销');
  await school.locator('#reg-exit-reason:visible', { hasText: '入学' }).waitFor();
  await school.locator('#reg-status:visible', { hasText: '已退出' }).waitFor();
  await toastGone(school);
  await shot(school, 'emp-10-worker-exit-done');
});

test('staff close a registration with a chosen 第六十三条 reason', async () => {
  await staff.goto(`${baseUrl()}/#/packages/staff/pages/registration-detail/index?id=${closedRegId}`);
  await staff.locator('#sd-status:visible', { hasText: '已登记' }).waitFor();
  await v(staff, '#sd-exit-open').click();
  await v(staff, '#sd-exit').waitFor();

  // No reason chosen.
  await v(staff, '#sd-exit-submit').click();
  await staff.locator('#sd-exit-reason-error:visible', { hasText: '请选择注销原因' }).waitFor();

  // 连续6个月未联系: the contact history shows the registration filed today, so it is refused.
  await v(staff, '#sd-exit-reason-no_contact').click();
  await staff.locator('#sd-exit-nocontact:visible', { hasText: '才满' }).waitFor();
  await staff.locator('#sd-exit-contacts:visible', { hasText: '本人提交失业登记' }).waitFor();
  await v(staff, '#sd-exit-contacts').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(staff, 'emp-11-staff-no-contact');
  await v(staff, '#sd-exit-submit').click();
  await staff.locator('#sd-exit-reason-error:visible', { hasText: '才满' }).waitFor();

  // 有稳定收入: an income under the minimum wage is refused by the server, next to the box.
  await v(staff, '#sd-exit-reason-stable_income').click();
  await v(staff, '#sd-exit-submit').click();
  await staff.locator('#sd-exit-income-error:visible', { hasText: '请填写月收入' }).waitFor();
  await v(staff, '#sd-exit-income').fill('800');
  await v(staff, '#sd-exit-submit').click();
  await confirmModal(staff, '注销');
  await staff.locator('#sd-exit-income-error:visible', { hasText: '低于本市最低工资标准' }).waitFor();
  await v(staff, '#sd-exit-income').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(staff, 'emp-12-staff-income-refused');

  // 完全丧失劳动能力: needs a written explanation.
  await v(staff, '#sd-exit-reason-incapacitated').click();
  await v(staff, '#sd-exit-submit').click();
  await staff.locator('#sd-exit-note-error:visible', { hasText: '须写明情况说明' }).waitFor();
  await v(staff, '#sd-exit-note').fill('市劳动能力鉴定委员会鉴定结论：完全丧失劳动能力（哈劳鉴字〔2026〕第 88 号）');
  await v(staff, '#sd-exit-eventdate').click();
  await pickerOk(staff);
  await staff.locator('#sd-exit-eventdate:visible', { hasText: /\d{4}-\d{2}-\d{2}/ }).waitFor();
  await v(staff, '#sd-exit-note').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(staff, 'emp-13-staff-filled');
  await v(staff, '#sd-exit-submit').click();
  await confirmModal(staff, '注销');
  await staff.locator('#sd-exit-reason-shown:visible', { hasText: '（五）完全丧失劳动能力' }).waitFor();
  await staff.locator('#sd-status:visible', { hasText: '已退出' }).waitFor();
  expect(await staff.locator('#sd-exit-open:visible').count()).toBe(0);
  await toastGone(staff);
  await v(staff, '#sd-exited').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(staff, 'emp-14-staff-closed');

  // The person sees it on the phone.
  const cur = await api('GET', '/api/registration', undefined, closedToken);
  expect(cur.registration.status).toBe('exited');
  expect(cur.registration.exit.reason).toBe('incapacitated');
});

test('an employer records employment for a person by phone and ID number', async () => {
  await employer.goto(baseUrl() + '/#/packages/employer/pages/index/index');
  await v(employer, '#employer-employments').click();
  await v(employer, '#eemp-form').waitFor();
  await v(employer, '#eemp-none').waitFor();

  await v(employer, '#eemp-submit').click();
  await employer.locator('#eemp-phone-error:visible', { hasText: '11 位手机号' }).waitFor();
  await employer.locator('#eemp-kind-error:visible', { hasText: '请选择就业形式' }).waitFor();
  await shot(employer, 'emp-21-employer-errors');

  // A wrong ID number: one answer for "no such person", shown on the form.
  await v(employer, '#eemp-phone').fill(hiredPhone);
  await v(employer, '#eemp-idnumber').fill(residentId('517'));
  await v(employer, '#eemp-kind-flexible').click();
  await v(employer, '#eemp-date').click();
  await pickerOk(employer);
  await employer.locator('#eemp-date:visible', { hasText: /\d{4}-\d{2}-\d{2}/ }).waitFor();
  await v(employer, '#eemp-submit').click();
  await confirmModal(employer, '确认办理');
  await employer.locator('#eemp-general:visible', { hasText: '找不到手机号和证件号码都相符的劳动者' }).waitFor();
  await shot(employer, 'emp-22-employer-not-found');

  await v(employer, '#eemp-idnumber').fill(residentId('515'));
  await v(employer, '#eemp-submit').click();
  await confirmModal(employer, '确认办理');
  await v(employer, '#eemp-done').waitFor();
  await employer.locator('#eemp-list:visible', { hasText: '灵活就业' }).waitFor();
  await employer.locator('#eemp-list:visible', { hasText: '杜' }).waitFor();
  expect(await v(employer, '#eemp-list').textContent()).not.toContain('杜文斌');
  await toastGone(employer);
  await shot(employer, 'emp-23-employer-done');

  // The person's registration closed with （十）已进行就业登记, and they were told where to look.
  const cur = await api('GET', '/api/registration', undefined, hiredToken);
  expect(cur.registration.status).toBe('exited');
  expect(cur.registration.exit.reason).toBe('employment_registered');
  const mine = await api('GET', '/api/employment', undefined, hiredToken);
  expect(mine.items[0].employerName).toBe('道里区刘女士（家庭用工）');
});

test('an employer records employment for a hired gig applicant from the gig page', async () => {
  // A gig posted, applied for and accepted through the API, as the app does.
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86400_000).toISOString().slice(0, 10);
  const posted = await api('POST', '/api/employer/gigs', {
    title: '家里大扫除', category: '搬运装卸', headcount: 1, payAmount: 200, payUnit: 'day', settlement: 'daily', date: tomorrow, startTime: '09:00', endTime: '15:00',
    place: { lat: 45.7576, lng: 126.6169, address: '道里区经纬街 20 号' }, requirements: '能干重活', contactName: '刘女士', contactPhone: employerPhone,
  }, await token(employer));
  const gigId = posted.gig.id as string;
  // Before the employer is verified its gigs wait for staff review: the 道里 staff approve this one.
  if (posted.gig.status === 'review') await api('POST', `/api/staff/gigs/${gigId}/review`, { decision: 'approve' }, await token(staff));
  const applied = await api('POST', `/api/gigs/${gigId}/apply`, undefined, await token(worker));
  const appId = (applied.id ?? applied.application?.id) as string;
  await api('POST', `/api/employer/gig-applications/${appId}/accept`, undefined, await token(employer));

  await employer.goto(`${baseUrl()}/#/packages/employer/pages/gig/index?id=${gigId}`);
  await v(employer, `#appl-${appId}-employment`).click();
  await employer.locator('#eemp-form:visible', { hasText: '为报名人办理' }).waitFor();
  expect(await employer.locator('#eemp-phone:visible').count()).toBe(0);
  await v(employer, '#eemp-kind-flexible').click();
  await v(employer, '#eemp-date').click();
  await pickerOk(employer);
  await employer.locator('#eemp-date:visible', { hasText: /\d{4}-\d{2}-\d{2}/ }).waitFor();
  await shot(employer, 'emp-24-employer-applicant');
  await v(employer, '#eemp-submit').click();
  await confirmModal(employer, '确认办理');
  await v(employer, '#eemp-done').waitFor();
  await employer.locator('#eemp-list:visible', { hasText: '马' }).waitFor();
  await toastGone(employer);
  await shot(employer, 'emp-25-employer-applicant-done');

  // The worker sees both records; the employer's came with a notice pointing to the 就业登记 page.
  const mine = await api('GET', '/api/employment', undefined, await token(worker));
  expect(mine.items.map((e: { recordedBy: string }) => e.recordedBy).sort()).toEqual(['employer', 'worker']);
  await worker.goto(baseUrl() + '/#/packages/worker-employment/pages/employment/index');
  await worker.locator('#emp-list:visible', { hasText: '用人单位办理' }).waitFor();

  expect(apiErrors).toEqual([]);
});
