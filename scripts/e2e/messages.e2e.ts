import type { Browser, Page } from 'playwright-core';
import { SENSITIVE_CONSENT } from '@doorstep/shared';
import { baseUrl, createStaff, launch, loginBySms, phonePage, residentId as idOf, shot, tokenOf, v } from './browser';

// 消息 end to end: staff approve a worker's 失业登记 (through the real API); the worker's app shows the
// unread count on the home page and on the 我的 tab, lists the message in 消息 (also in 长辈模式), opens
// the registration it is about, and marks everything read.

const workerPhone = '13912340901';
const staffPhone = '13912340902';
let browser: Browser;
let worker: Page;

async function api(method: string, url: string, token: string | null, body?: unknown) {
  const res = await fetch(baseUrl() + url, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
const residentId = () => idOf('230102', '19750314', '063');

beforeAll(async () => {
  createStaff(staffPhone, '消息经办');
  browser = await launch();
  worker = await phonePage(browser);
});
afterAll(async () => { await browser?.close(); });

test('staff approve a registration; the worker sees it in 消息 with the badge, opens it, marks all read', async () => {
  await loginBySms(worker, workerPhone);
  const workerToken = await tokenOf(worker);
  // The staff member signs in on their own phone (the case view is checked there at the end).
  const staffPage = await phonePage(browser);
  await loginBySms(staffPage, staffPhone);
  const staff = { accessToken: await tokenOf(staffPage) };

  await api('PUT', '/api/registration/draft', workerToken, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: {
    realName: '王建业', idType: 'resident_id', idNumber: residentId(), retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '友谊路 9 号',
    hukouPlace: '黑龙江省哈尔滨市道里区', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某纺织厂', lastJobEndDate: '2026-01-31', education: 'junior',
    skills: ['缝纫'], certificates: [], desiredOccupations: ['保洁'], desiredDistricts: ['230102'], expectedMonthlyPay: 3000, workModes: ['full_time'],
    serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
  } });
  const submitted = await api('POST', '/api/registration/submit', workerToken, { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'messages-e2e-0901' });
  await api('POST', `/api/staff/registrations/${submitted.registration.id}/decision`, staff.accessToken, { decision: 'approve' });
  const unread = (await api('GET', '/api/notifications/unread-count', workerToken)).unread as number;
  expect(unread).toBeGreaterThanOrEqual(2); // submitted + approved (and any policies that now fit)

  // Home: the unread card; 我的: the count on the tab and on the 消息 row.
  await worker.goto(baseUrl() + '/#/pages/index/index');
  await worker.reload(); // the app opens afresh (login left it on this page before the messages existed)
  await v(worker, '#home-messages').waitFor();
  expect(await v(worker, '#home-messages').innerText()).toContain(`${unread} 条未读`);
  await shot(worker, 'messages-01-home-unread');
  await worker.goto(baseUrl() + '/#/pages/mine/index');
  await v(worker, '#mine-messages').waitFor();
  expect(await v(worker, '#mine-messages').innerText()).toContain(`${unread} 条未读`);
  await worker.locator('.taro-tabbar__badge, .weui-badge', { hasText: String(unread) }).first().waitFor();
  await shot(worker, 'messages-02-mine-badge');

  // 消息: newest first, unread. The approval may share the top with the 政策找人 match it triggers.
  await v(worker, '#mine-messages').click();
  await v(worker, '#msg-list').waitFor();
  const first = worker.locator('#msg-list:visible .msg-item', { hasText: '登记通过' }).first();
  await first.waitFor();
  expect(await first.locator('.msg-dot').getAttribute('class')).not.toContain('msg-dot--read');
  // The message says how else it reached the worker: a text now, or at 07:00 when sent in the quiet hours.
  expect(await first.locator('.msg-delivery').innerText()).toMatch(/已发短信（.*\d\d:\d\d）|短信将于 .*07:00 发出/);
  await shot(worker, 'messages-03-list');

  // Tap: it opens the registration it is about and counts as read.
  await first.click();
  await worker.waitForURL(/pages\/registration\/index/);
  await worker.waitForTimeout(500);
  expect((await api('GET', '/api/notifications/unread-count', workerToken)).unread).toBe(unread - 1);

  // 长辈模式 and 全部已读.
  await worker.goto(baseUrl() + '/#/pages/mine/index');
  await v(worker, '#elder-toggle').click();
  await worker.goto(baseUrl() + '/#/packages/messages/pages/index/index');
  await v(worker, '#msg-list').waitFor();
  await shot(worker, 'messages-04-list-elder');
  await v(worker, '#msg-read-all').click();
  await v(worker, '#msg-unread').filter({ hasText: '没有未读消息' }).waitFor();
  expect((await api('GET', '/api/notifications/unread-count', workerToken)).unread).toBe(0);
  await shot(worker, 'messages-05-all-read');

  // Staff see on the case how each notice reached the worker, including that it has now been read.
  await staffPage.goto(baseUrl() + `/#/packages/staff/pages/registration-detail/index?id=${submitted.registration.id}`);
  const notices = v(staffPage, '#sd-notices');
  await notices.locator('.case-notice', { hasText: '登记通过' }).first().waitFor();
  const approvedRow = await notices.locator('.case-notice', { hasText: '登记通过' }).first().innerText();
  expect(approvedRow).toMatch(/已通过短信通知，.*\d\d:\d\d 发送成功|短信在夜间不打扰时段，将于 .*07:00 发送/);
  expect(approvedRow).toContain('本人已在消息中查看');
  await notices.scrollIntoViewIfNeeded();
  await shot(staffPage, 'messages-06-staff-case-notices');
  await staffPage.close();
});
