import type { Browser, Page } from 'playwright-core';
import { baseUrl, bornYearsAgo, createStaff, launch, loginBySms, phonePage, residentId as idOf, seedDemoCity, shot, v, watchApiErrors } from './browser';

// 失业登记 end to end at phone size: a worker checks eligibility, fills the form step by step and submits
// with the written commitment; a staff member of 道里区公共就业服务中心 approves it from the queue; the worker
// then sees the electronic record with its QR code. Taro H5 keeps earlier pages in the DOM: use :visible.

const workerPhone = '13912340301';
const staffPhone = '13912340399';

/** A valid 18-digit 居民身份证 number (GB 11643 check digit) for a man of about 35 registered in 道里区. */
const residentId = () => idOf('230102', `${bornYearsAgo(35)}0315`, '123');

let browser: Browser;
let worker: Page;
let staff: Page;
const apiErrors: string[] = [];

beforeAll(async () => {
  // The e2e database starts empty: load the demo city (districts and streets) with the real seed CLI.
  seedDemoCity();
  createStaff(staffPhone, '赵经办', '道里区公共就业服务中心');
  browser = await launch();
  worker = await phonePage(browser);
  staff = await phonePage(browser);
  for (const p of [worker, staff]) watchApiErrors(p, apiErrors);
});
afterAll(async () => { await browser?.close(); });

async function next(page: Page, title: string) {
  await v(page, '#regf-next').click();
  await page.locator('#regf-title:visible', { hasText: title }).waitFor();
}

test('worker registers, staff approves, worker gets the record with a QR code', async () => {
  // ---- worker: eligibility check ----
  await loginBySms(worker, workerPhone);
  await v(worker, '#entry-unemployment').click();
  await v(worker, '#elig').waitFor();
  // A separate consent before the ID number is asked for (used for the check only, not stored).
  await v(worker, '#elig-id-consent-check').click();
  await v(worker, '#elig-idnumber').fill(residentId());
  await v(worker, '#elig-retire-male').click();
  await v(worker, '#elig-able-yes').click();
  await v(worker, '#elig-wants-yes').click();
  await v(worker, '#elig-employed-no').click();
  await shot(worker, 'reg-01-eligibility');
  await v(worker, '#elig-check').click();
  await v(worker, '#elig-ok').waitFor();
  await shot(worker, 'reg-02-eligible');
  await v(worker, '#elig-start').click();

  // ---- worker: the form, one group per screen (each 下一步 saves the draft) ----
  await worker.locator('#regf-title:visible', { hasText: '身份信息' }).waitFor();
  // 敏感个人信息: a separate consent before the ID number is asked for.
  await v(worker, '#regf-sensitive-check').click();
  await v(worker, '#regf-sensitive-agree').click();
  await v(worker, '#regf-name').fill('张建国');
  await shot(worker, 'reg-03-identity');
  await next(worker, '住在哪里');
  await v(worker, '#regf-district-230102').click();
  await v(worker, '#regf-street-兆麟街道').click();
  await v(worker, '#regf-address').fill('友谊路 100 号');
  await v(worker, '#regf-hukou').fill('黑龙江省哈尔滨市道里区');
  await shot(worker, 'reg-04-residence');
  await next(worker, '失业情况');
  await v(worker, '#regf-reason-contract_expired').click();
  await v(worker, '#regf-employer').fill('哈尔滨某机械厂');
  await v(worker, '#regf-enddate').click();
  await worker.locator('.weui-picker__action:visible', { hasText: '确定' }).click();
  await worker.locator('#regf-enddate:visible', { hasText: /\d{4}-\d{2}-\d{2}/ }).waitFor();
  await shot(worker, 'reg-05-unemployment');
  await next(worker, '文化程度');
  await v(worker, '#regf-edu-senior').click();
  await next(worker, '技能和证书');
  await v(worker, '#regf-skill').fill('电焊');
  await v(worker, '#regf-skill-add').click();
  await v(worker, '#regf-skill-tags').waitFor();
  await next(worker, '想找什么工作');
  await v(worker, '#regf-occ').fill('焊工');
  await v(worker, '#regf-occ-add').click();
  await v(worker, '#regf-wdistrict-230102').click();
  await v(worker, '#regf-pay').fill('4500');
  await v(worker, '#regf-mode-full_time').click();
  await shot(worker, 'reg-06-intention');
  await next(worker, '需要哪些服务');
  await v(worker, '#regf-need-job_referral').click();
  await next(worker, '就业困难情形');
  await next(worker, '书面承诺');
  await v(worker, '#regf-commitment').waitFor();
  await v(worker, '#regf-accept').click();
  await shot(worker, 'reg-07-commitment');
  await v(worker, '#regf-submit').click();

  // ---- worker: progress with the 7-working-day promise ----
  await v(worker, '#reg-progress').waitFor();
  await worker.locator('#reg-due:visible', { hasText: /承诺 7 个工作日内办结，预计 \d{4}-\d{2}-\d{2} 前/ }).waitFor();
  await shot(worker, 'reg-08-progress');

  // ---- staff: queue → detail → approve ----
  await loginBySms(staff, staffPhone);
  await staff.goto(baseUrl() + '/#/packages/staff/pages/registrations/index');
  const item = staff.locator('[id^="sq-item-"]:visible').first();
  await item.waitFor();
  await shot(staff, 'reg-09-staff-queue');
  await item.click();
  await v(staff, '#sd').waitFor();
  await v(staff, '#sd-audit').waitFor();
  expect(await v(staff, '#sd-idnumber').textContent()).toContain(residentId());
  await shot(staff, 'reg-10-staff-detail');
  await v(staff, '#sd-start').click();
  await staff.locator('#sd-status:visible', { hasText: '审核中' }).waitFor();
  await v(staff, '#sd-approve').click();
  await staff.locator('.taro-model__confirm:visible').click();
  await staff.locator('#sd-status:visible', { hasText: '已登记' }).waitFor();
  await v(staff, '#sd-recordno').waitFor();
  await shot(staff, 'reg-11-staff-approved');

  // ---- worker: approved, electronic record with QR, profile ----
  await worker.goto(baseUrl() + '/#/packages/worker/pages/registration/index');
  await v(worker, '#reg-approved').waitFor();
  await shot(worker, 'reg-12-approved');
  await v(worker, '#reg-record').click();
  await v(worker, '#rec').waitFor();
  const qr = v(worker, '#rec-qr img');
  await qr.waitFor();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  await worker.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('#rec-qr img')].some((i) => i.complete && i.naturalWidth > 0));
  expect(await v(worker, '#rec-no').textContent()).toMatch(/^\d{10,}/);
  await shot(worker, 'reg-13-record');
  await v(worker, '#rec-profile').click();
  await v(worker, '#prof').waitFor();
  await shot(worker, 'reg-14-profile');

  expect(apiErrors).toEqual([]);
});
