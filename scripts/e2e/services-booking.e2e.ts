import { SENSITIVE_CONSENT } from '@doorstep/shared';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, bornYearsAgo, confirmModal, createStaff, latestSmsCode, launch, loginBySms, phonePage, residentId, seedDemoCity, shot, toastGone, tokenOf, v, watchApiErrors } from './browser';

// 办事指南 and booking end to end at phone size: a worker opens 办事指南 from the home page, reads the 职业指导
// guide, books tomorrow's slot, sees it in 我的预约 with its 预约号 and cancels it (the seat comes back); then
// books today's slot, and staff of 道里区公共就业服务中心 mark them 到场 on the day's bookings. Slots are opened by
// the staff API (the same route staff use), and once on the staff bookings page with 优先名额: an ordinary
// worker is refused the reserved seats, a veteran takes one and staff see the 优先 tag. Taro H5 keeps earlier
// pages in the DOM: use :visible.

const workerPhone = '13912342501';
const staffPhone = '13912342599';
/** A second staff account of the same center opens the slots by API (one SMS code per phone a minute). */
const slotStaffPhone = '13912342598';
/** A second worker whose 差评 the staff follow up. */
const unhappyPhone = '13912342502';
/** A veteran (退役未就业, registration approved by API) who may take a reserved seat. */
const veteranPhone = '13912342503';
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
/** One SMS login of the slot staff for the file (one code per phone a minute). */
let slotToken = '';
const slotStaffToken = async () => (slotToken ||= await apiToken(slotStaffPhone));
async function openSlot(token: string, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/staff/centers/SC230102/slots`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const out = (await res.json()) as { slot?: { id: string } };
  if (res.status !== 201 || !out.slot) throw new Error(`slot not opened: ${res.status} ${JSON.stringify(out)}`);
  return out.slot.id;
}

beforeAll(async () => {
  seedDemoCity();
  createStaff(staffPhone, '孙经办', '道里区公共就业服务中心');
  createStaff(slotStaffPhone, '李经办', '道里区公共就业服务中心');
  browser = await launch();
  worker = await phonePage(browser);
  staff = await phonePage(browser);
  for (const p of [worker, staff]) watchApiErrors(p, apiErrors);
});
afterEach(async () => {
  if (worker) await shot(worker, 'svc-zz-worker-last').catch(() => undefined);
  if (staff) await shot(staff, 'svc-zz-staff-last').catch(() => undefined);
});
afterAll(async () => { await browser?.close(); });


test('a worker reads the guide, books, cancels and books again; staff mark attendance', async () => {
  const staffToken = await slotStaffToken();
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

  // 好差评: the attended booking can be rated once: 5 stars and a comment, then 「您已评价」.
  await worker.goto(baseUrl() + '/#/packages/services/pages/bookings/index');
  const attended = worker.locator('[id^="sv-booking-"]:visible', { hasText: '已到场' }).first();
  await attended.waitFor();
  const bookingId = ((await attended.getAttribute('id')) ?? '').replace('sv-booking-', '');
  const box = v(worker, `#rt-booking-${bookingId}`);
  await box.waitFor();
  await box.scrollIntoViewIfNeeded();
  expect(await v(worker, `#rt-booking-${bookingId}-star-5`).getAttribute('aria-label')).toContain('5 星，非常满意');
  await v(worker, `#rt-booking-${bookingId}-star-5`).click();
  await v(worker, `#rt-booking-${bookingId}-comment textarea`).fill('老师讲得很清楚，帮我改了简历');
  await shot(worker, 'svc-07-rating');
  await v(worker, `#rt-booking-${bookingId}-submit`).click();
  await v(worker, `#rt-booking-${bookingId}-done`).waitFor();
  expect(await box.innerText()).toContain('您已评价');
  expect(await box.innerText()).toContain('老师讲得很清楚');
  await box.scrollIntoViewIfNeeded();
  await shot(worker, 'svc-08-rated');
  // Once per case: the API refuses a second rating in Chinese.
  const again = await fetch(`${baseUrl()}/api/ratings/booking/${bookingId}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(worker)}` }, body: JSON.stringify({ stars: 1 }) });
  expect(again.status).toBe(409);
  expect(((await again.json()) as { error: { message: string } }).error.message).toContain('只能评价一次');
  expect(apiErrors).toEqual([]);
});

test('a 差评 shows up in the staff inbox; staff record the follow-up and it leaves the inbox', async () => {
  const staffToken = await slotStaffToken();
  const slot = await openSlot(staffToken, { kind: 'window', serviceKey: 'unemployment_registration', date: chinaDay(), startTime: '23:00', endTime: '23:59', capacity: 5, placeId: 'center' });
  const unhappy = await apiToken(unhappyPhone);
  const auth = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  const booked = await fetch(`${baseUrl()}/api/booking-slots/${slot}/book`, { method: 'POST', headers: auth(unhappy), body: '{}' });
  const bookingId = ((await booked.json()) as { booking: { id: string } }).booking.id;
  await fetch(`${baseUrl()}/api/staff/bookings/${bookingId}/attendance`, { method: 'POST', headers: auth(staffToken), body: JSON.stringify({ attended: true }) });
  const rated = await fetch(`${baseUrl()}/api/ratings/booking/${bookingId}`, { method: 'POST', headers: auth(unhappy), body: JSON.stringify({ stars: 1, comment: '窗口排队一个多小时没人引导' }) });
  expect(rated.status).toBe(201);
  const ratingId = ((await rated.json()) as { rating: { id: string } }).rating.id;

  await staff.goto(baseUrl() + '/#/packages/staff/pages/workbench/index');
  await v(staff, '#wb-tab-rating').click();
  const item = v(staff, `#wb-item-rating-${ratingId}`);
  await item.waitFor();
  expect(await item.innerText()).toContain('1 星');
  expect(await item.innerText()).toContain('待回访');
  await shot(staff, 'svc-09-inbox-bad-rating');
  await item.click();
  await staff.locator('#sr-comment-' + ratingId + ':visible', { hasText: '窗口排队一个多小时没人引导' }).waitFor();
  await v(staff, '#sr-contacted-yes').click();
  await v(staff, '#sr-channel-phone').click();
  await v(staff, '#sr-action textarea').fill('电话致歉，说明当天系统故障，约定下次到窗口优先办理');
  await shot(staff, 'svc-10-follow-up');
  await v(staff, '#sr-submit').click();
  await staff.locator(`#sr-item-${ratingId}:visible`, { hasText: '已回访' }).waitFor();
  await v(staff, `#sr-done-${ratingId}`).waitFor();
  await staff.waitForTimeout(1500);
  await shot(staff, 'svc-11-followed-up');

  await staff.goto(baseUrl() + '/#/packages/staff/pages/workbench/index');
  await v(staff, '#wb-tab-rating').click();
  // The queue answered: either its items or, when none is left, the empty notice (an empty list has no height).
  await staff.locator('#wb-empty:visible, [id^="wb-item-"]:visible').first().waitFor();
  await staff.waitForTimeout(1500);
  expect(await staff.locator(`#wb-item-rating-${ratingId}:visible`).count()).toBe(0);
  // The dashboard counts it as a 差评 followed up, and shows the comments with the person masked.
  await staff.goto(baseUrl() + '/#/packages/staff/pages/dashboard/index');
  const card = v(staff, '#db-ratings');
  await card.waitFor();
  await card.scrollIntoViewIfNeeded();
  expect(await v(staff, '#db-rating-count').innerText()).toContain('2');
  expect(await card.innerText()).toContain('窗口排队一个多小时没人引导');
  expect(await card.innerText()).not.toMatch(/1\d{10}/);
  await shot(staff, 'svc-12-dashboard-ratings');
  expect(apiErrors).toEqual([]);
});

test('staff open a slot with 优先名额 on the bookings page; an ordinary worker is refused them, a veteran takes one and shows 优先', async () => {
  await staff.goto(baseUrl() + '/#/packages/staff/pages/bookings/index');
  await v(staff, '#sb-new').click();
  await v(staff, '#sb-place-center').waitFor();
  await shot(staff, 'svc-13-slot-form');
  await v(staff, '#sb-service-career_guidance').click();
  // Reserved seats open to everyone from the day before the slot: the day after tomorrow still holds them.
  await v(staff, `#sb-day-${chinaDay(2)}`).click();
  await v(staff, '#sb-capacity').fill('2');
  await v(staff, '#sb-reserved').fill('3');
  await v(staff, '#sb-note').fill('请带身份证');
  await v(staff, '#sb-form-submit').click();
  // The server's Chinese message, next to the field.
  await staff.locator('#sb-reserved-error:visible', { hasText: '优先名额不能多于名额' }).waitFor();
  await v(staff, '#sb-reserved').scrollIntoViewIfNeeded();
  await shot(staff, 'svc-14-slot-form-error');
  await v(staff, '#sb-reserved').fill('2');
  await v(staff, '#sb-form-submit').click();
  const card = staff.locator('[id^="sb-slot-"]:visible', { hasText: '09:00-10:00' }).first();
  await card.waitFor();
  expect(await card.innerText()).toContain('就业困难人员、退役军人优先名额 2 个：已约 0 个，还留着 2 个');
  const slotId = ((await card.getAttribute('id')) ?? '').replace('sb-slot-', '');
  await toastGone(staff);
  await shot(staff, 'svc-15-slot-created');

  // The worker (no registration, not recognised) reads the seats line honestly and is refused with the reason.
  await worker.goto(baseUrl() + '/#/packages/services/pages/guide/index?center=SC230102&key=career_guidance');
  await worker.locator(`#sv-seats-${slotId}:visible`, { hasText: '剩 2 个名额（均为就业困难人员、退役军人优先名额）' }).waitFor();
  await v(worker, `#sv-slot-${slotId}`).scrollIntoViewIfNeeded();
  await shot(worker, 'svc-16-reserved-seats');
  await v(worker, `#sv-book-${slotId}`).click();
  await confirmModal(worker, '预约');
  await worker.locator(`#sv-refused-${slotId}:visible`, { hasText: '剩余名额为就业困难人员、退役军人预留' }).waitFor();
  await v(worker, `#sv-slot-${slotId}`).scrollIntoViewIfNeeded();
  await shot(worker, 'svc-17-reserved-refused');

  // A veteran with an approved 失业登记 (filed and approved by API) books a reserved seat.
  const staffToken = await slotStaffToken();
  const vet = await apiToken(veteranPhone);
  const call = async (method: string, p: string, token: string, body?: unknown) => {
    const res = await fetch(baseUrl() + p, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as any;
    if (res.status >= 400) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const form = {
    realName: '赵卫东', idType: 'resident_id', idNumber: residentId('230102', `${bornYearsAgo(31)}0611`, '725'), retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道',
    residenceAddress: '兆麟街 9 号', hukouPlace: '黑龙江省哈尔滨市道里区', unemploymentReason: 'veteran', education: 'senior', skills: ['驾驶'], certificates: [], desiredOccupations: ['安保员'],
    desiredDistricts: ['230102'], expectedMonthlyPay: 4000, workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
  };
  await call('PUT', '/api/registration/draft', vet, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form });
  const reg = await call('POST', '/api/registration/submit', vet, { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'svc-e2e-veteran' });
  await call('POST', `/api/staff/registrations/${reg.registration.id}/decision`, staffToken, { decision: 'approve' });
  const booked = await call('POST', `/api/booking-slots/${slotId}/book`, vet, {});
  expect(booked.booking.slot.seatsLabel).toBe('剩 1 个名额（均为就业困难人员、退役军人优先名额）');

  await v(staff, '#sb-refresh').click();
  await v(staff, `#sb-priority-${booked.booking.id}`).waitFor();
  const after = v(staff, `#sb-slot-${slotId}`);
  expect(await after.innerText()).toContain('已约 1 个，还留着 1 个');
  await after.scrollIntoViewIfNeeded();
  await shot(staff, 'svc-18-staff-priority');
  expect(apiErrors).toEqual([]);
});
