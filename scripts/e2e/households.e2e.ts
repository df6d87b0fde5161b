import { SENSITIVE_CONSENT } from '@doorstep/shared';
import type { Browser, Page } from 'playwright-core';
import { apiAs, baseUrl, bornYearsAgo, confirmModal, createStaff, launch, loginBySms, phonePage, pickerOk, residentId, seedDemoCity, shot, toastGone, v, watchApiErrors } from './browser';

// 零就业家庭 end to end at phone size, in 道外区公共就业服务中心 (district 230104, used by no other file, so the
// counts below are this file's own): staff register a household of two members, neither employed, and see it as
// 零就业 in the list, the detail, the workbench inbox and the dashboard; one member (a worker whose approved
// registration carries the same ID number) records the job they found (就业登记) on the phone, and the household
// shows 已清零 in the staff list and detail. The registration itself is filed and approved through the API
// (registration.e2e.ts covers that UI). Taro H5 keeps earlier pages in the DOM: use :visible.

const staffPhone = '13912343101';
const workerPhone = '13912343102';
const workerId = residentId('230104', `${bornYearsAgo(38)}0521`, '311');
const spouseId = residentId('230104', `${bornYearsAgo(36)}1103`, '322');
/** The spouse's number with a wrong check digit: the server refuses it next to the box. */
const badSpouseId = spouseId.slice(0, 17) + (spouseId[17] === '1' ? '2' : '1');

let browser: Browser;
let staff: Page;
let worker: Page;
const apiErrors: string[] = [];
let householdId = '';

const api = apiAs;

const scrollTo = (page: Page, sel: string, block: 'start' | 'center' = 'start') => v(page, sel).evaluate((el, b) => el.scrollIntoView({ block: b }), block);

beforeAll(async () => {
  seedDemoCity();
  createStaff(staffPhone, '冯经办', '道外区公共就业服务中心');
  browser = await launch();
  staff = await phonePage(browser);
  worker = await phonePage(browser);
  for (const p of [staff, worker]) watchApiErrors(p, apiErrors);
  await loginBySms(staff, staffPhone);
  await loginBySms(worker, workerPhone);
  await v(worker, '#role-worker').click();
  // The worker's approved registration (the same ID number as the household's first member).
  await api(worker, 'PUT', '/api/registration/draft', {
    sensitiveConsentVersion: SENSITIVE_CONSENT.version,
    form: {
      realName: '冯立新', idType: 'resident_id', idNumber: workerId, retirementCategory: 'male', residenceDistrict: '230104', residenceStreet: '靖宇街道', residenceAddress: '靖宇街 18 号',
      hukouPlace: '黑龙江省哈尔滨市道外区', unemploymentReason: 'contract_expired', lastEmployer: '哈尔滨某食品厂', lastJobEndDate: '2026-01-31', education: 'junior',
      skills: ['装卸'], certificates: [], desiredOccupations: ['仓管员'], desiredDistricts: ['230104'], expectedMonthlyPay: 3500,
      workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
    },
  });
  const reg = await api(worker, 'POST', '/api/registration/submit', { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'hh-e2e-reg-1' });
  await api(staff, 'POST', `/api/staff/registrations/${reg.registration.id}/decision`, { decision: 'approve' });
});
afterEach(async () => {
  if (staff) await shot(staff, 'hh-zz-staff-last').catch(() => undefined);
  if (worker) await shot(worker, 'hh-zz-worker-last').catch(() => undefined);
});
afterAll(async () => { await browser?.close(); });

test('staff register a household of two members with no one employed: 零就业 in the list, detail, inbox and dashboard', async () => {
  await staff.goto(baseUrl() + '/#/packages/staff/pages/index/index');
  await v(staff, '#staff-households').click();
  await v(staff, '#hh-empty').waitFor();
  await shot(staff, 'hh-01-staff-list-empty');

  // Nothing filled: the reasons next to the fields, nothing sent.
  await v(staff, '#hh-new').click();
  await v(staff, '#hh-form').waitFor();
  await v(staff, '#hh-district-230104').waitFor();
  // A one-district center offers only its own district.
  expect(await staff.locator('[id^="hh-district-2301"]:visible').count()).toBe(1);
  await v(staff, '#hh-submit').click();
  await staff.locator('#hh-district-error:visible', { hasText: '请选择所在区' }).waitFor();
  await staff.locator('#hh-address-error:visible', { hasText: '请填写家庭住址' }).waitFor();
  await staff.locator('#hh-m0-name-error:visible', { hasText: '请填写成员姓名' }).waitFor();
  await staff.locator('#hh-m0-idnumber-error:visible', { hasText: '请填写证件号码' }).waitFor();
  await toastGone(staff);
  await shot(staff, 'hh-02-staff-form-errors');

  await v(staff, '#hh-district-230104').click();
  await v(staff, '#hh-street-靖宇街道').click();
  await v(staff, '#hh-address').fill('道外区靖宇街 18 号 3 单元 502');
  await v(staff, '#hh-m0-name').fill('冯立新');
  await v(staff, '#hh-m0-idnumber').fill(workerId);
  await v(staff, '#hh-add-member').click();
  await v(staff, '#hh-m1').waitFor();
  await v(staff, '#hh-m1-name').fill('郑秀芝');
  await v(staff, '#hh-m1-idnumber').fill(badSpouseId);
  await v(staff, '#hh-m1-relation-配偶').click();
  await v(staff, '#hh-m1-wants').click();
  expect(await v(staff, '#hh-m1-wants').getAttribute('aria-label')).toContain('否');
  await staff.locator('#hh-form-summary:visible', { hasText: '成员都未就业' }).waitFor();
  await scrollTo(staff, '#hh-m1');
  await shot(staff, 'hh-03-staff-form-members');

  // The wrong check digit: the server's reason under the second member's ID number.
  await v(staff, '#hh-submit').click();
  await staff.locator('#hh-m1-idnumber-error:visible', { hasText: /校验|不正确|有误/ }).waitFor();
  expect(await v(staff, '#hh-m1-idnumber-error').textContent()).not.toMatch(/[a-z]{3,}/i);
  await toastGone(staff);
  await scrollTo(staff, '#hh-m1-idnumber', 'center');
  await shot(staff, 'hh-04-staff-form-server-error');

  // A third row added and removed again.
  await v(staff, '#hh-add-member').click();
  await v(staff, '#hh-m2').waitFor();
  await v(staff, '#hh-m2-remove').click();
  expect(await staff.locator('#hh-m2:visible').count()).toBe(0);

  await v(staff, '#hh-m1-idnumber').fill(spouseId);
  await v(staff, '#hh-submit').click();
  await staff.locator('#hh-detail-status:visible', { hasText: '零就业' }).waitFor();
  await staff.locator('#hh-detail-zero:visible', { hasText: '已归零 0 天' }).waitFor();
  const detailText = (await v(staff, '#hh-members').textContent()) ?? '';
  // Members masked: neither the whole names nor the ID numbers are shown.
  expect(detailText).not.toContain('冯立新');
  expect(detailText).not.toContain(workerId);
  expect(detailText).toContain('无就业意愿');
  expect(await v(staff, '#hh-detail-address').textContent()).not.toContain('502');
  await toastGone(staff);
  await shot(staff, 'hh-05-staff-detail-open');
  await scrollTo(staff, '#hh-members');
  await shot(staff, 'hh-06-staff-detail-members');

  // The edit form: where it lives and the members' flags carried over, names and numbers typed again.
  await v(staff, '#hh-edit').click();
  await staff.locator('#hh-form:visible', { hasText: '修改家庭' }).waitFor();
  expect(await v(staff, '#hh-m1-relation-配偶').getAttribute('aria-label')).toContain('已选');
  expect(await v(staff, '#hh-m0-name').inputValue()).toBe('');
  await shot(staff, 'hh-07-staff-edit-form');
  await v(staff, '#hh-cancel').click();
  await v(staff, '#hh-detail').waitFor();

  // The list: the household as 零就业 with its days at zero, under the 零就业 tab too and not under 已清零.
  await v(staff, '#hh-back').click();
  const item = v(staff, '[id^="hh-item-"]');
  await item.waitFor();
  householdId = ((await item.getAttribute('id')) ?? '').replace('hh-item-', '');
  expect(await item.textContent()).toContain('零就业');
  expect(await item.textContent()).toContain('已归零 0 天');
  await shot(staff, 'hh-08-staff-list-open');
  await v(staff, '#hh-tab-cleared').click();
  await v(staff, '#hh-empty').waitFor();
  await v(staff, '#hh-tab-open').click();
  await v(staff, `#hh-item-${householdId}`).waitFor();

  // The workbench inbox: the household's item opens its detail.
  await staff.goto(baseUrl() + '/#/packages/staff/pages/workbench/index');
  await v(staff, '#wb-tab-household').click();
  const inboxItem = v(staff, `#wb-item-household-${householdId}`);
  await inboxItem.waitFor();
  expect(await inboxItem.textContent()).toContain('已归零 0 天');
  await shot(staff, 'hh-09-staff-inbox');
  await inboxItem.click();
  await staff.locator('#hh-detail-status:visible', { hasText: '零就业' }).waitFor();

  // The dashboard: one open household in 道外区.
  await staff.goto(baseUrl() + '/#/packages/staff/pages/dashboard/index');
  await staff.locator('#db-hh-bars-230104:visible', { hasText: '1 户' }).waitFor();
  expect(await v(staff, '#db-hh-open').textContent()).toBe('1');
  expect(await v(staff, '#db-hh-230104').textContent()).toContain('0 天');
  await scrollTo(staff, '#db-households');
  await shot(staff, 'hh-10-staff-dashboard-open');

  // The worker sees their household on the 就业援助 page.
  await worker.goto(baseUrl() + '/#/packages/worker-assistance/pages/assistance/index');
  await worker.locator('#as-household:visible', { hasText: '零就业家庭' }).waitFor();
  expect(await v(worker, '#as-household').textContent()).toContain('（本人）');
  await shot(worker, 'hh-11-worker-household-open');
});

test('a member records the job they found (就业登记): the household shows 已清零 in the staff list and detail', async () => {
  expect(householdId).not.toBe('');
  await worker.goto(baseUrl() + '/#/packages/worker-employment/pages/employment/index');
  await v(worker, '#emp-form').waitFor();
  await v(worker, '#emp-kind-labor_contract').click();
  await v(worker, '#emp-employer').fill('哈尔滨道外区老鼎丰食品有限公司');
  await v(worker, '#emp-date').click();
  await pickerOk(worker);
  await worker.locator('#emp-date:visible', { hasText: /\d{4}-\d{2}-\d{2}/ }).waitFor();
  await v(worker, '#emp-submit').click();
  await confirmModal(worker, '确认登记');
  await worker.locator('#emp-list:visible', { hasText: '老鼎丰' }).waitFor();
  await toastGone(worker);
  await shot(worker, 'hh-12-worker-employment-done');

  await staff.goto(baseUrl() + '/#/packages/staff/pages/households/index');
  await staff.reload();
  const item = v(staff, `#hh-item-${householdId}`);
  await item.waitFor();
  await staff.locator(`#hh-item-${householdId}:visible`, { hasText: '已清零' }).waitFor();
  expect(await item.textContent()).toContain('归零 0 天后');
  await shot(staff, 'hh-13-staff-list-cleared');
  await v(staff, '#hh-tab-open').click();
  await v(staff, '#hh-empty').waitFor();
  await v(staff, '#hh-tab-cleared').click();
  await v(staff, `#hh-item-${householdId}`).click();
  await staff.locator('#hh-detail-status:visible', { hasText: '已清零' }).waitFor();
  await staff.locator('#hh-detail-cleared:visible', { hasText: '办理了就业登记' }).waitFor();
  await staff.locator('#hh-member-0:visible', { hasText: '已就业' }).waitFor();
  await shot(staff, 'hh-14-staff-detail-cleared');

  // The dashboard has no open household left in 道外区; the worker's card says 已清零.
  await staff.goto(baseUrl() + '/#/packages/staff/pages/dashboard/index');
  await v(staff, '#db-hh-none').waitFor();
  await staff.locator('#db-hh-bars-230104:visible', { hasText: '0 户' }).waitFor();
  expect(await v(staff, '#db-hh-230104').textContent()).toContain('—');
  await scrollTo(staff, '#db-households');
  await shot(staff, 'hh-15-staff-dashboard-cleared');
  await worker.goto(baseUrl() + '/#/packages/worker-assistance/pages/assistance/index');
  await worker.reload();
  await worker.locator('#as-household:visible', { hasText: '已清零' }).waitFor();
  await shot(worker, 'hh-16-worker-household-cleared');

  expect(apiErrors).toEqual([]);
});
