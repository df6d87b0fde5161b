import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launch, loginBySms, seedDemoCity, shot, tokenOf, v, watchApiErrors } from './browser';

// 消息 for 零工, end to end at phone size with the browser's geolocation: a worker turns 今天能干活 on with
// a home location (their current position, after the separate consent); an employer a few hundred metres
// away posts a 即时快招 gig; the worker's app shows the unread count, and 消息 lists the 急招 notice on top,
// unread; tapping it opens the gig, the worker applies; the employer accepts; the worker's 消息 shows
// 已录用 and tapping it opens the gig with the employer's number. Taro H5 keeps earlier pages in the DOM:
// every lookup uses :visible.

const employerPhone = '13912341101';
const workerPhone = '13912341201';
const WORKER_AT = { lat: 45.7605, lng: 126.6094 }; // 道里区
const EMPLOYER_AT = { lat: 45.7622, lng: 126.6121 }; // about 270 m away
const TITLE = '急需帮忙卸一车货';

let browser: Browser;
const contexts: BrowserContext[] = [];
let employer: Page;
let worker: Page;
const apiErrors: string[] = [];

async function phoneAt(at: { lat: number; lng: number }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    geolocation: { latitude: at.lat, longitude: at.lng, accuracy: 20 }, permissions: ['geolocation'],
  });
  contexts.push(context);
  const page = await context.newPage();
  watchApiErrors(page, apiErrors);
  return page;
}

async function unreadOf(token: string): Promise<number> {
  const res = await fetch(baseUrl() + '/api/notifications/unread-count', { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`unread-count: ${res.status}`);
  return ((await res.json()) as { unread: number }).unread;
}

/** Waits until the worker's unread count is `n` (notices are sent after the change that causes them). */
async function unreadBecomes(token: string, n: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = await unreadOf(token);
  while (last !== n && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    last = await unreadOf(token);
  }
  expect(last).toBe(n);
}

beforeAll(async () => {
  // Demo city (regions, stations) with the real seed CLI, as gigs.e2e.ts does (idempotent).
  seedDemoCity();
  browser = await launch();
  employer = await phoneAt(EMPLOYER_AT);
  worker = await phoneAt(WORKER_AT);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

test('urgent gig → the available worker nearby sees it in 消息 with the badge; accepted → 已录用 in 消息 opens the gig', async () => {
  // ---- worker: 今天能干活 on, 搬运装卸, home = where they are (with the separate consent) ----
  await loginBySms(worker, workerPhone);
  const workerToken = await tokenOf(worker);
  await worker.goto(baseUrl() + '/#/packages/worker/pages/availability/index');
  await v(worker, '#avail-today').waitFor();
  await v(worker, '#avail-cat-搬运装卸').click();
  await v(worker, '#avail-home-consent-check').click();
  await v(worker, '#avail-use-location').click();
  await worker.locator('#avail-use-location:visible', { hasText: '已用我的位置' }).waitFor();
  await v(worker, '#avail-agree').click();
  await v(worker, '#avail-save').click();
  await v(worker, '#avail-registered').waitFor();
  await shot(worker, 'msg-gig-01-worker-available');
  const before = await unreadOf(workerToken);

  // ---- employer: login, switch role, onboard (承诺制, publishes at once) ----
  await loginBySms(employer, employerPhone);
  await v(employer, '#role-employer').click();
  await v(employer, '#employer-home').waitFor();
  await v(employer, '#entry-employer').click();
  await v(employer, '#employer-need-onboard').waitFor();
  await v(employer, '#employer-onboard').click();
  await v(employer, '#onb-kind-household').click();
  await v(employer, '#onb-name').fill('道里区李先生（家庭用工）');
  await v(employer, '#onb-contact').fill('李先生');
  await v(employer, '#onb-phone').fill(employerPhone);
  await v(employer, '#onb-address').fill('道里区安静街 20 号');
  await v(employer, '#onb-commitment').click();
  await v(employer, '#onb-agree').click();
  await v(employer, '#onb-submit').click();
  await employer.locator('#employer-status:visible', { hasText: '承诺制' }).waitFor();

  // ---- employer: post a 即时快招 gig from where they stand (the default window: today when there is time) ----
  await v(employer, '#employer-post').click();
  await v(employer, '#post-title').fill(TITLE);
  await v(employer, '#post-cat-搬运装卸').click();
  await v(employer, '#post-headcount').fill('1');
  await v(employer, '#post-unit-hour').click();
  await v(employer, '#post-pay').fill('45');
  await v(employer, '#post-locate').click();
  await employer.locator('#post-place-state:visible', { hasText: '已选好位置' }).waitFor();
  await v(employer, '#post-address').fill('道里区安静街 20 号院内');
  await v(employer, '#post-phone').fill(employerPhone);
  await v(employer, '#post-req').fill('能搬重物');
  await v(employer, '#post-urgent').click();
  await shot(employer, 'msg-gig-02-employer-urgent');
  await v(employer, '#post-submit').click();
  await v(employer, '#emp-gig').waitFor();
  await employer.locator('#emp-gig-status:visible', { hasText: '招工中' }).waitFor();
  // This worker is among the available workers nearby with a matching trade (earlier e2e files may add others).
  await employer.locator('#emp-gig:visible', { hasText: /已通知附近 \d+ 位师傅/ }).waitFor();
  await shot(employer, 'msg-gig-03-employer-posted');

  // ---- worker: the unread count on the home page and on 我的 (tab badge and the 消息 row) ----
  await unreadBecomes(workerToken, before + 1, 10_000);
  const unread = before + 1;
  await worker.goto(baseUrl() + '/#/pages/index/index');
  await worker.reload(); // the app opens afresh
  await v(worker, '#home-messages').waitFor();
  await worker.locator('#home-messages:visible', { hasText: `${unread} 条未读` }).waitFor();
  await shot(worker, 'msg-gig-04-home-unread');
  await worker.goto(baseUrl() + '/#/pages/mine/index');
  await worker.locator('#mine-messages:visible', { hasText: `${unread} 条未读` }).waitFor();
  await worker.locator('.taro-tabbar__badge, .weui-badge', { hasText: String(unread) }).first().waitFor();
  await shot(worker, 'msg-gig-05-mine-badge');

  // ---- worker: 消息 lists the 急招 notice on top, unread, with the distance ----
  await v(worker, '#mine-messages').click();
  await v(worker, '#msg-list').waitFor();
  const quick = v(worker, '#msg-list .msg-item');
  await expect(quick.innerText()).resolves.toContain(`急招：${TITLE}`);
  await expect(quick.innerText()).resolves.toMatch(/离你 \d+ ?米/);
  expect(await quick.locator('.msg-dot').getAttribute('class')).not.toContain('msg-dot--read');
  await shot(worker, 'msg-gig-06-list-quick-hire');

  // ---- worker: tap → the gig; apply ----
  await quick.click();
  await worker.waitForURL(/packages\/worker\/pages\/gig-detail\/index/);
  await v(worker, '#gig-detail').waitFor();
  await worker.locator('#gig-title:visible', { hasText: TITLE }).waitFor();
  await unreadBecomes(workerToken, unread - 1, 5_000);
  await v(worker, '#gig-apply').click();
  await worker.locator('#gig-app-status:visible', { hasText: '已报名，等老板确认' }).waitFor();
  await shot(worker, 'msg-gig-07-worker-applied');

  // ---- employer: accept the applicant ----
  await employer.reload();
  const accept = employer.locator('#emp-applicants:visible [id^="appl-"][id$="-accept"]').first();
  await accept.waitFor();
  await accept.click();
  await employer.locator('#emp-applicants:visible .badge', { hasText: '已录用' }).waitFor();
  await shot(employer, 'msg-gig-08-employer-accepted');

  // ---- worker: 消息 shows 已录用 on top, unread; tapping it opens the gig with the employer's number ----
  await unreadBecomes(workerToken, unread, 10_000);
  await worker.goto(baseUrl() + '/#/packages/messages/pages/index/index');
  await worker.reload();
  await v(worker, '#msg-list').waitFor();
  await worker.locator('#msg-unread:visible', { hasText: `${unread} 条未读` }).waitFor();
  const hired = v(worker, '#msg-list .msg-item');
  await expect(hired.innerText()).resolves.toContain(`已录用：${TITLE}`);
  expect(await hired.locator('.msg-dot').getAttribute('class')).not.toContain('msg-dot--read');
  // The 急招 notice below it stays read.
  const second = worker.locator('#msg-list:visible .msg-item').nth(1);
  await expect(second.innerText()).resolves.toContain(`急招：${TITLE}`);
  expect(await second.locator('.msg-dot').getAttribute('class')).toContain('msg-dot--read');
  await shot(worker, 'msg-gig-09-list-hired');
  await hired.click();
  await worker.waitForURL(/packages\/worker\/pages\/gig-detail\/index/);
  await worker.locator('#gig-title:visible', { hasText: TITLE }).waitFor();
  await worker.locator('#gig-app-status:visible', { hasText: '已录用' }).waitFor();
  await worker.locator('#gig-contact-phone:visible', { hasText: employerPhone }).waitFor();
  await shot(worker, 'msg-gig-10a-hired-detail-top');
  await v(worker, '#gig-contact-phone').scrollIntoViewIfNeeded();
  await unreadBecomes(workerToken, unread - 1, 5_000);
  await shot(worker, 'msg-gig-10-hired-detail');

  expect(apiErrors).toEqual([]);
}, 180_000);
