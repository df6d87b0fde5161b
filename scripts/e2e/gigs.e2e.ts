import { formatDistance, haversineMeters, wgs84ToGcj02 } from '@doorstep/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launch, loginBySms, seedDemoCity, shot, v, watchApiErrors } from './browser';

// 零工市场 end to end at phone size, with the browser's geolocation: a household employer logs in,
// switches to 我要招人, onboards with the 承诺制 option (publishes at once) and posts a gig from where
// they stand; a worker a few hundred metres away opens the 零工 tab, finds the gig with its distance,
// opens it and applies; the employer accepts; the worker sees 已录用 and the employer's phone.
// A third visitor refuses location and picks a district instead. Location is asked for only on a tap of
// 用我的位置; the browser's WGS-84 fix is sent and stored as GCJ-02. Taro H5 keeps earlier pages in the
// DOM: every lookup uses :visible.

const employerPhone = '13912340401';
const workerPhone = '13912340501';
const WORKER_AT = { lat: 45.7605, lng: 126.6094 }; // 道里区
const EMPLOYER_AT = { lat: 45.7622, lng: 126.6121 }; // about 270 m away
/** What the app sends for a browser fix: GCJ-02, the app's one datum. */
const WORKER_GCJ = wgs84ToGcj02(WORKER_AT);
const EMPLOYER_GCJ = wgs84ToGcj02(EMPLOYER_AT);
const nearbyCalls: URL[] = [];
const TITLE = '帮忙搬家具（两小时）';

let browser: Browser;
const contexts: BrowserContext[] = [];
let employer: Page;
let worker: Page;
const apiErrors: string[] = [];

/** A phone-sized page whose browser knows where it is (permission granted), or refuses location. */
async function phoneAt(at: { lat: number; lng: number } | null): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    ...(at ? { geolocation: { latitude: at.lat, longitude: at.lng, accuracy: 20 }, permissions: ['geolocation'] } : { permissions: [] }),
  });
  contexts.push(context);
  const page = await context.newPage();
  watchApiErrors(page, apiErrors);
  page.on('request', (r) => { if (r.url().includes('/api/gigs/nearby')) nearbyCalls.push(new URL(r.url())); });
  return page;
}

beforeAll(async () => {
  // Demo city and demo gigs around Harbin, loaded with the real seed CLI (idempotent; other e2e files run it too).
  seedDemoCity();
  browser = await launch();
  employer = await phoneAt(EMPLOYER_AT);
  worker = await phoneAt(WORKER_AT);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

test('employer posts nearby, worker finds it with its distance and applies, employer accepts, worker sees the contact', async () => {
  // ---- employer: login, switch role, onboard as a household employer on the 承诺制 ----
  await loginBySms(employer, employerPhone);
  await v(employer, '#role-employer').click();
  await v(employer, '#employer-home').waitFor();
  await v(employer, '#entry-employer').click();
  await v(employer, '#employer-need-onboard').waitFor();
  await shot(employer, 'gig-01-employer-landing');
  await v(employer, '#employer-onboard').click();
  // An enterprise needs a valid 统一社会信用代码: a wrong check character is caught with the reason.
  await v(employer, '#onb-kind-enterprise').click();
  await v(employer, '#onb-credit').fill('91350100M000100Y44');
  await v(employer, '#onb-submit').click();
  await employer.locator('#onb-credit-error:visible', { hasText: '校验码' }).waitFor();
  await v(employer, '#onb-kind-household').click();
  await v(employer, '#onb-name').fill('道里区王女士（家庭用工）');
  expect(await employer.locator('#onb-credit:visible').count()).toBe(0); // a household has no credit code
  await shot(employer, 'gig-02a-onboard-top');
  await v(employer, '#onb-contact').fill('王女士');
  await v(employer, '#onb-phone').fill(employerPhone);
  await v(employer, '#onb-address').fill('道里区安静街 12 号');
  await v(employer, '#onb-commitment').click();
  await v(employer, '#onb-submit').click();
  await v(employer, '#onb-agree-error').waitFor(); // the written commitment must be ticked
  await v(employer, '#onb-agree').click();
  await shot(employer, 'gig-02-onboard');
  await v(employer, '#onb-submit').click();
  await employer.locator('#employer-status:visible', { hasText: '承诺制' }).waitFor();
  await shot(employer, 'gig-03-onboarded');

  // ---- employer: post a gig from the current location ----
  await v(employer, '#employer-post').click();
  await v(employer, '#post-title').fill(TITLE);
  await v(employer, '#post-cat-搬运装卸').click();
  await shot(employer, 'gig-04a-post-top');
  await v(employer, '#post-headcount').fill('2');
  await v(employer, '#post-unit-hour').click();
  await v(employer, '#post-pay').fill('40');
  await v(employer, '#post-date-1').click(); // 明天
  await v(employer, '#post-locate').click();
  await employer.locator('#post-place-state:visible', { hasText: '已选好位置' }).waitFor();
  await v(employer, '#post-address').fill('道里区安静街 12 号 3 单元');
  await v(employer, '#post-phone').fill(employerPhone);
  expect(await v(employer, '#post-contact').inputValue()).toBe('王女士'); // from the registration
  // A discriminatory requirement is refused with the reason next to the field; nothing is posted.
  await v(employer, '#post-req').fill('只招男性');
  await v(employer, '#post-submit').click();
  await employer.locator('#post-req-error:visible', { hasText: '性别' }).waitFor();
  await shot(employer, 'gig-04-post-refused');
  await v(employer, '#post-req').fill('男女不限，有力气就行');
  await employer.locator('#post-req-error:visible').waitFor({ state: 'detached' });
  await shot(employer, 'gig-04b-post-form');
  await v(employer, '#post-submit').click();
  await v(employer, '#emp-gig').waitFor();
  await employer.locator('#emp-gig-status:visible', { hasText: '招工中' }).waitFor();
  expect(await v(employer, '#emp-gig-title').textContent()).toBe(TITLE);
  await v(employer, '#emp-no-applicants').waitFor();
  await shot(employer, 'gig-05-posted');

  // ---- worker: the 零工 tab lists it with its distance ----
  await loginBySms(worker, workerPhone);
  await worker.locator('.weui-tabbar__item:visible', { hasText: '零工' }).click();
  // Nothing is asked on entry: one sentence of why, the button, and the district picker.
  await v(worker, '#gig-ask-location').waitFor();
  await v(worker, '#district-230102').waitFor();
  expect(await v(worker, '#gig-where-label').textContent()).toBe('还没有位置');
  await shot(worker, 'gig-05b-worker-ask-location');
  await v(worker, '#gig-locate-ask').click();
  await worker.locator('#gig-where-label:visible', { hasText: '我的位置' }).waitFor();
  expect(await worker.locator('#gig-ask-location:visible').count()).toBe(0);
  const card = worker.locator('#gig-list:visible .gig-card', { hasText: TITLE });
  await card.waitFor();
  const expected = formatDistance(haversineMeters(WORKER_GCJ, EMPLOYER_GCJ));
  expect(await card.locator('.distance').textContent()).toBe(expected);
  // The search point on the wire is the GCJ-02 conversion of the browser's fix (not the raw WGS-84 one).
  const call = nearbyCalls.filter((u) => u.searchParams.get('lat')).at(-1)!;
  expect(haversineMeters({ lat: Number(call.searchParams.get('lat')), lng: Number(call.searchParams.get('lng')) }, WORKER_GCJ)).toBeLessThan(1);
  expect(haversineMeters(WORKER_GCJ, WORKER_AT)).toBeGreaterThan(400);
  await expect(card.textContent()).resolves.toContain('承诺制');
  await expect(card.textContent()).resolves.toContain('40元/小时');
  // Sorted by distance, this is the nearest gig (the demo gigs are farther away).
  expect(await worker.locator('#gig-list:visible .gig-card').first().textContent()).toContain(TITLE);
  await shot(worker, 'gig-06-worker-list');

  // Narrow to 1 km: still there; filter to 家政保洁: gone.
  await v(worker, '#gig-radius-1').click();
  await worker.locator('#gig-total:visible', { hasText: '1 公里内' }).waitFor();
  await card.waitFor();
  await v(worker, '#gig-filters-toggle').click();
  await v(worker, '#gig-cat-家政保洁').click();
  await worker.locator('#gig-empty:visible, #gig-list:visible .gig-card').first().waitFor();
  expect(await worker.locator('#gig-list:visible .gig-card', { hasText: TITLE }).count()).toBe(0);
  await shot(worker, 'gig-07-worker-filtered');
  await v(worker, '#gig-cat-all').click();
  await v(worker, '#gig-filters-toggle').click();
  await card.waitFor();

  // ---- worker: detail and one-tap apply ----
  await card.click();
  await v(worker, '#gig-detail').waitFor();
  expect(await v(worker, '#gig-title').textContent()).toBe(TITLE);
  expect(await v(worker, '#gig-distance').textContent()).toBe(expected);
  await v(worker, '#gig-commitment-note').waitFor();
  // Before acceptance the employer's number is masked.
  expect(await v(worker, '#gig-employer').textContent()).toContain('139****0401');
  await shot(worker, 'gig-08-worker-detail');
  await v(worker, '#gig-apply').click();
  await worker.locator('#gig-app-status:visible', { hasText: '已报名，等老板确认' }).waitFor();
  await shot(worker, 'gig-09-worker-applied');

  // ---- employer: the applicant appears (phone masked); accept ----
  await employer.reload();
  const applicant = employer.locator('#emp-applicants:visible [id^="appl-"][id$="-accept"]').first();
  await applicant.waitFor();
  expect(await v(employer, '#emp-applicants').textContent()).toContain('139****0501');
  await shot(employer, 'gig-10-employer-applicant');
  await applicant.click();
  await employer.locator('#emp-applicants:visible .badge', { hasText: '已录用' }).waitFor();
  // After acceptance the worker's number is shown to the employer.
  await employer.locator('#emp-applicants:visible .contact__phone', { hasText: workerPhone }).waitFor();
  await employer.locator('#emp-gig-seats:visible', { hasText: '已录用 1' }).waitFor();
  await shot(employer, 'gig-11-employer-accepted');

  // ---- worker: 我的报名 shows 已录用 with the employer's phone ----
  await v(worker, '#gig-go-mine').click();
  await v(worker, '#my-gigs').waitFor();
  const mine = worker.locator('#my-gigs:visible .card', { hasText: TITLE });
  await mine.locator('.badge', { hasText: '已录用' }).waitFor();
  expect(await mine.locator('.contact__phone').textContent()).toBe(employerPhone);
  await shot(worker, 'gig-12-worker-accepted');
  // The detail page shows the contact too (and it can still be cancelled before the start).
  await mine.locator('taro-button-core', { hasText: '看详情' }).click();
  await worker.locator('#gig-contact-phone:visible', { hasText: employerPhone }).waitFor();
  await v(worker, '#gig-cancel').waitFor();
  await shot(worker, 'gig-13-worker-detail-contact');

  expect(apiErrors).toEqual([]);
});

test('worker sets availability and finds service stations nearby', async () => {
  await worker.goto(baseUrl() + '/#/packages/worker/pages/availability/index');
  await v(worker, '#avail-today').waitFor();
  await v(worker, '#avail-cat-搬运装卸').click();
  // A separate consent before a home location is kept.
  await v(worker, '#avail-home-consent-check').click();
  await v(worker, '#avail-district-230102').click();
  await v(worker, '#avail-save').click();
  await v(worker, '#avail-agree-error').waitFor();
  await v(worker, '#avail-agree').click();
  await v(worker, '#avail-save').click();
  await v(worker, '#avail-registered').waitFor();
  await shot(worker, 'gig-14-availability');

  await worker.goto(baseUrl() + '/#/packages/worker/pages/stations/index');
  // A fix is kept for the session only; after a reload the page asks again on a tap.
  await worker.locator('#stations:visible .station').first().waitFor();
  if (await worker.locator('#stations-locate:visible').count()) await v(worker, '#stations-locate').click();
  await worker.locator('#stations-from:visible', { hasText: '我的位置' }).waitFor();
  const first = worker.locator('#stations:visible .station').first();
  await first.waitFor();
  // Nearest first: the 道里区 service hall is about 400 m from the worker.
  expect(await first.textContent()).toContain('道里区公共就业服务大厅');
  await expect(first.locator('.distance').textContent()).resolves.toMatch(/米$/);
  await shot(worker, 'gig-15-stations');
  expect(apiErrors).toEqual([]);
});

test('a visitor who refuses location picks a district and still gets nearby gigs', async () => {
  const visitor = await phoneAt(null);
  await visitor.goto(baseUrl() + '/#/pages/gigs/index');
  const agree = visitor.locator('#privacy-agree');
  if (await agree.isVisible().catch(() => false)) await agree.click();
  await v(visitor, '#gig-ask-location').waitFor();
  await v(visitor, '#gig-locate-ask').click();
  await v(visitor, '#gig-location-denied').waitFor();
  // In a browser the hint says where to allow it; the district picker stays next to it.
  expect(await v(visitor, '#gig-location-hint').textContent()).toContain('浏览器');
  expect(await visitor.locator('#gig-ask-location:visible').count()).toBe(0);
  await v(visitor, '#district-230102').waitFor();
  await shot(visitor, 'gig-16-location-refused');
  await v(visitor, '#district-230102').click();
  await visitor.locator('#gig-where-label:visible', { hasText: '道里区' }).waitFor();
  await visitor.locator('#gig-list:visible .gig-card', { hasText: TITLE }).waitFor();
  await shot(visitor, 'gig-17-district-list');
  expect(apiErrors).toEqual([]);
});
