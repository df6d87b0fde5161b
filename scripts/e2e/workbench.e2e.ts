import { SENSITIVE_CONSENT } from '@doorstep/shared';
import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { CHINA_HOLIDAY_CALENDAR, addWorkdays } from '@doorstep/shared';
import { baseUrl, bornYearsAgo, createStaff, latestSmsCode, launch, loginBySms, phonePage, residentId as idOf, seedDemoCity, shot, v } from './browser';

// 经办工作台 end to end at phone size, in 南岗区公共就业服务中心 (district 230103) so the 道里区 data of the
// other e2e files does not interfere: a staff member opens the dashboard, goes to the inbox where an
// overdue registration comes first, approves it, and sees the dashboard's bars and trend change.
// Taro H5 keeps earlier pages in the DOM: use :visible.

const staffPhone = '13912340701';
const overduePhone = '13912340702';
const freshPhone = '13912340703';
const employerPhone = '13912340704';

let browser: Browser;
let staff: Page;
const apiErrors: string[] = [];

async function api(method: string, p: string, body?: unknown, token?: string) {
  const res = await fetch(baseUrl() + p, {
    method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as any;
  if (res.status >= 400) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function loginApi(phone: string): Promise<string> {
  await api('POST', '/api/auth/sms/send', { phone });
  return (await api('POST', '/api/auth/sms/login', { phone, code: await latestSmsCode(phone) })).accessToken;
}

const residentId = (seq: string) => idOf('230103', `${bornYearsAgo(41)}0708`, seq);

/** A 南岗区 worker fills in and submits the registration through the API, as the app does. */
async function submitRegistration(phone: string, name: string, seq: string): Promise<string> {
  const token = await loginApi(phone);
  const form = {
    realName: name, idType: 'resident_id', idNumber: residentId(seq), residenceDistrict: '230103', residenceStreet: '花园街道', residenceAddress: '花园街 10 号',
    hukouPlace: '黑龙江省哈尔滨市南岗区', unemploymentReason: 'contract_expired', lastEmployer: '哈尔滨某商贸公司', lastJobEndDate: '2026-03-31', education: 'senior',
    skills: ['仓储'], certificates: [], desiredOccupations: ['仓管员'], desiredDistricts: ['230103'], expectedMonthlyPay: 4000, workModes: ['full_time'],
    serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
  };
  await api('PUT', '/api/registration/draft', { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form }, token);
  const sub = await api('POST', '/api/registration/submit', { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `wb-e2e-${seq}-submit` }, token);
  return sub.registration.id as string;
}

let overdueId: string;

beforeAll(async () => {
  // The e2e database starts empty: load the demo city with the real seed CLI (a no-op when another file did).
  seedDemoCity();
  createStaff(staffPhone, '孙经办', '南岗区公共就业服务中心');

  overdueId = await submitRegistration(overduePhone, '周建华', '201');
  // Simulates elapsed time: this registration was submitted 15 days ago, so its 7-working-day deadline has
  // passed. Only the dates move (submission, its timeline entry and the deadline computed the way the BFF does).
  const conn = await mongoose.createConnection(process.env.E2E_MONGODB_URI!).asPromise();
  try {
    const submittedAt = new Date(Date.now() - 15 * 86400_000);
    const dueDate = addWorkdays(submittedAt, 7, CHINA_HOLIDAY_CALENDAR);
    const regs = conn.collection('registrations');
    const doc = await regs.findOne({ _id: new mongoose.Types.ObjectId(overdueId) });
    const timeline = (doc!.timeline as { type: string; at: Date }[]).map((e) => ({ ...e, at: submittedAt }));
    await regs.updateOne({ _id: doc!._id }, { $set: { submittedAt, dueDate, timeline, createdAt: submittedAt } });
  } finally {
    await conn.close();
  }
  // Two items that are not overdue: a registration submitted today and a 南岗区 employer waiting for verification.
  await submitRegistration(freshPhone, '吴志强', '203');
  const emp = await loginApi(employerPhone);
  const empToken = (await api('POST', '/api/me/role', { role: 'employer' }, emp)).accessToken;
  await api('POST', '/api/employer/profile', {
    kind: 'enterprise', name: '哈尔滨学府路物流有限公司', creditCode: '91350100M000100Y43', contactName: '钱经理', contactPhone: '13912340705', address: '哈尔滨市南岗区学府路 100 号',
  }, empToken);

  browser = await launch();
  staff = await phonePage(browser);
  staff.on('response', (r) => { if (r.url().includes('/api/') && r.status() >= 500) apiErrors.push(`${r.status()} ${r.url()}`); });
});
afterAll(async () => { await browser?.close(); });

/** Scrolls a section to the top of the phone screen (the page scrolls inside Taro's page container). */
const scrollTo = (page: Page, sel: string) => v(page, sel).evaluate((el) => el.scrollIntoView({ block: 'start' }));
const num = async (page: Page, sel: string) => Number((await v(page, sel).textContent())?.trim());

test('staff sees the overdue registration first, approves it, and the dashboard changes', async () => {
  await loginBySms(staff, staffPhone);
  await staff.goto(baseUrl() + '/#/packages/staff/pages/index/index');
  await v(staff, '#staff-dashboard').waitFor();
  await shot(staff, 'wb-01-staff-home');

  // ---- dashboard before ----
  await v(staff, '#staff-dashboard').click();
  await v(staff, '#db-kpis').waitFor();
  // The overdue registration was backdated straight in the database (no audited write marks the figures stale),
  // and an earlier file may have left a fresh snapshot: tap 刷新, as staff do, so the figures include it.
  const refreshed = staff.waitForResponse((r) => r.url().includes('/api/staff/stats') && r.url().includes('refresh=true'));
  await v(staff, '#db-refresh').click();
  await refreshed;
  await staff.waitForTimeout(300);
  const before = { now: await num(staff, '#db-kpi-now'), overdue: await num(staff, '#db-handling-bars-overdue .bar-row__num'), late: await num(staff, '#db-handling-bars-late .bar-row__num') };
  expect(before.overdue).toBeGreaterThanOrEqual(1);
  await shot(staff, 'wb-02-dashboard-before');
  await scrollTo(staff, '#db-handling');
  await shot(staff, 'wb-03-dashboard-handling-before');

  // ---- inbox: overdue first ----
  await v(staff, '#db-to-inbox').click();
  const first = staff.locator('[id^="wb-item-"]:visible').first();
  await first.waitFor();
  expect(await first.getAttribute('id')).toBe(`wb-item-registration-${overdueId}`);
  await expect(first.textContent()).resolves.toMatch(/已逾期 \d+ 个工作日/);
  expect(await staff.locator('[id^="wb-item-"]:visible').count()).toBeGreaterThanOrEqual(3);
  expect(Number(await v(staff, '#wb-tab-employer .wb-tab__n').textContent())).toBeGreaterThanOrEqual(1);
  await shot(staff, 'wb-04-inbox-overdue-first');

  // ---- handle it: the registration's own detail page (full identifiers, audited) → approve ----
  await first.click();
  await v(staff, '#sd').waitFor();
  await v(staff, '#sd-start').click();
  await staff.locator('#sd-status:visible', { hasText: '审核中' }).waitFor();
  await v(staff, '#sd-approve').click();
  await staff.locator('.taro-model__confirm:visible').click();
  await staff.locator('#sd-status:visible', { hasText: '已登记' }).waitFor();
  await shot(staff, 'wb-05-approved');

  // ---- back to the inbox: the item is gone ----
  await staff.goBack();
  await staff.locator(`#wb-item-registration-${overdueId}`).waitFor({ state: 'detached' }).catch(() => undefined);
  await staff.locator('[id^="wb-item-"]:visible').first().waitFor();
  expect(await staff.locator(`#wb-item-registration-${overdueId}:visible`).count()).toBe(0);
  await shot(staff, 'wb-06-inbox-after');

  // ---- an employer verification is handled inside the workbench: details (audited view) → 认证通过 ----
  const employer = staff.locator('[id^="wb-item-employer-"]:visible', { hasText: '哈尔滨学府路物流有限公司' });
  await employer.click();
  await v(staff, '[id^="wb-detail-"]').waitFor();
  await staff.locator('.wb-kv:visible', { hasText: '13912340705' }).waitFor(); // the full contact number, for calling back
  await shot(staff, 'wb-07-employer-detail');
  await v(staff, '#wb-act-approve').click();
  await employer.waitFor({ state: 'hidden' });
  await shot(staff, 'wb-08-employer-verified');

  // ---- dashboard after: one more registered person, the overdue bar moved to "handled late" ----
  await v(staff, '#wb-to-dashboard').click();
  await staff.waitForFunction((n) => {
    const el = [...document.querySelectorAll<HTMLElement>('#db-kpi-now')].find((e) => e.offsetParent !== null);
    return el && Number(el.textContent) === n;
  }, before.now + 1);
  expect(await num(staff, '#db-handling-bars-overdue .bar-row__num')).toBe(before.overdue - 1);
  expect(await num(staff, '#db-handling-bars-late .bar-row__num')).toBe(before.late + 1);
  await shot(staff, 'wb-09-dashboard-after');
  await scrollTo(staff, '#db-handling');
  await shot(staff, 'wb-10-dashboard-handling-after');
  await scrollTo(staff, '#db-trend');
  await shot(staff, 'wb-11-dashboard-trend');

  // H5 export: one tap, a CSV download starting with the UTF-8 byte-order mark (Excel reads Chinese).
  const [download] = await Promise.all([staff.waitForEvent('download'), v(staff, '#db-handling-export').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8').slice(1)).toMatch(/^[\u4e00-\u9fa5]/);

  expect(apiErrors).toEqual([]);
});
