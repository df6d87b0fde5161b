import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, createStaff, latestSmsCode, launch, loginBySms, phonePage, shot } from './browser';

// 办事指南 and booking end to end at phone size: a worker opens 办事指南 from the home page, reads the 职业指导
// guide, books tomorrow's slot, sees it in 我的预约 with its 预约号 and cancels it (the seat comes back); then
// books today's slot, and staff of 道里区公共就业服务中心 mark them 到场 on the day's bookings. Slots are opened by
// the staff API (the same route staff use). Taro H5 keeps earlier pages in the DOM: use :visible.

const root = path.resolve(__dirname, '..', '..');
const workerPhone = '13912342501';
const staffPhone = '13912342599';
/** A second staff account of the same center opens the slots by API (one SMS code per phone a minute). */
const slotStaffPhone = '13912342598';
const chinaDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

let browser: Browser;
let worker: Page;
let staff: Page;
const apiErrors: string[] = [];

async function apiToken(phone: string): Promise<string> {
  await fetch(`${baseUrl()}/api/auth/sms/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
  const res = await fetch(`${baseUrl()}/api/auth/sms/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, code: await latestSmsCode(phone) }) });
  return ((await res.json()) as { accessToken: string }).accessToken;
}
async function openSlot(token: string, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/staff/centers/SC230102/slots`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const out = (await res.json()) as { slot?: { id: string } };
  if (res.status !== 201 || !out.slot) throw new Error(`slot not opened: ${res.status} ${JSON.stringify(out)}`);
  return out.slot.id;
}

beforeAll(async () => {
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'bff', 'src', 'cli', 'seed.ts')], { env: { ...process.env, MONGODB_URI: process.env.E2E_MONGODB_URI }, stdio: 'pipe' });
  createStaff(staffPhone, '孙经办', '道里区公共就业服务中心');
  createStaff(slotStaffPhone, '李经办', '道里区公共就业服务中心');
  browser = await launch();
  worker = await phonePage(browser);
  staff = await phonePage(browser);
  for (const p of [worker, staff]) {
    p.on('response', (r) => { if (r.url().includes('/api/') && r.status() >= 500) apiErrors.push(`${r.status()} ${r.url()}`); });
  }
});
afterEach(async () => {
  if (worker) await shot(worker, 'svc-zz-worker-last').catch(() => undefined);
  if (staff) await shot(staff, 'svc-zz-staff-last').catch(() => undefined);
});
afterAll(async () => { await browser?.close(); });

const v = (page: Page, sel: string) => page.locator(`${sel}:visible`).first();
const confirmModal = (page: Page, text: string) => page.locator('.taro-model__confirm:visible', { hasText: text }).click();

test('a worker reads the guide, books, cancels and books again; staff mark attendance', async () => {
  const staffToken = await apiToken(slotStaffPhone);
  const tomorrow = await openSlot(staffToken, { kind: 'guidance', serviceKey: 'career_guidance', date: chinaDay(1), startTime: '10:00', endTime: '10:30', capacity: 1, placeId: 'center' });
  const today = await openSlot(staffToken, { kind: 'guidance', serviceKey: 'career_guidance', date: chinaDay(), startTime: '23:30', endTime: '23:59', capacity: 5, placeId: 'st-dl-02' });

  await loginBySms(worker, workerPhone);
  await worker.goto(baseUrl() + '/#/pages/index/index');
  await v(worker, '#entry-services').click();
  await v(worker, '#sv-item-career_guidance').waitFor();
  await shot(worker, 'svc-01-list');
  await v(worker, '#sv-item-career_guidance').click();
  await worker.locator('#sv-guide-name:visible', { hasText: '职业指导' }).waitFor();
  await v(worker, `#sv-slot-${tomorrow}`).waitFor();
  expect(await v(worker, `#sv-slot-${tomorrow}`).innerText()).toContain('剩 1 个名额');
  await shot(worker, 'svc-02-guide');

  await v(worker, `#sv-book-${tomorrow}`).click();
  await confirmModal(worker, '预约');
  await v(worker, '#sv-bookings').waitFor();
  const card = worker.locator('[id^="sv-booking-"]:visible').first();
  await card.locator('[id^="sv-code-"]').waitFor();
  expect(await card.innerText()).toContain('已预约');
  await worker.waitForTimeout(1800);
  await shot(worker, 'svc-03-booked');

  await card.locator('[id^="sv-cancel-"]').click();
  await confirmModal(worker, '取消预约');
  await worker.locator('[id^="sv-booking-"]:visible', { hasText: '已取消' }).first().waitFor();
  await worker.waitForTimeout(1800);
  await shot(worker, 'svc-04-cancelled');

  // The seat is back: the guide shows it free again, and today's slot is booked.
  await worker.goto(baseUrl() + `/#/packages/services/pages/guide/index?center=SC230102&key=career_guidance`);
  await worker.locator(`#sv-slot-${tomorrow}:visible`, { hasText: '剩 1 个名额' }).waitFor();
  await v(worker, `#sv-book-${today}`).click();
  await confirmModal(worker, '预约');
  await worker.locator('[id^="sv-booking-"]:visible', { hasText: '已预约' }).first().waitFor();

  await loginBySms(staff, staffPhone);
  await staff.goto(baseUrl() + '/#/packages/staff/pages/bookings/index');
  const slotCard = v(staff, `#sb-slot-${today}`);
  await slotCard.waitFor();
  const row = slotCard.locator('[id^="sb-booking-"]').first();
  expect(await row.innerText()).toMatch(/\*{4}/);
  await shot(staff, 'svc-05-staff-day');
  await row.locator('[id^="sb-attended-"]').click();
  await slotCard.locator('[id^="sb-booking-"]', { hasText: '已到场' }).first().waitFor();
  await v(staff, '#sb-counts').waitFor();
  expect(await v(staff, '#sb-counts').innerText()).toContain('到场 1');
  await shot(staff, 'svc-06-staff-attended');
  expect(apiErrors).toEqual([]);
});
