import type { Browser, Page } from 'playwright-core';
import { idNumber } from '../../bff/test/support/ids';
import { baseUrl, launch, loginBySms, shot, v, watchApiErrors } from './browser';

/**
 * Privacy in headless Chromium against the H5 build: the consent sheet on a small phone in 长辈模式
 * (text scrolls, 同意 stays on screen), the separate 敏感个人信息 consents in the registration form and
 * before a home location is kept, and 注销账号 from 我的 → 账号与隐私, after which the phone holds only the non-personal preferences.
 */
let browser: Browser;
let page: Page;
const phone = '13912340077';

beforeAll(async () => {
  browser = await launch();
  // A small phone (iPhone SE 1st gen) with elder mode on from the first launch.
  const context = await browser.newContext({ viewport: { width: 320, height: 568 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  await context.addInitScript(() => { if (!localStorage.getItem('dj.elderMode')) localStorage.setItem('dj.elderMode', '1'); });
  page = await context.newPage();
});
afterAll(async () => { await browser?.close(); });

const api = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(baseUrl() + path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
};
const token = () => page.evaluate(() => { const raw = localStorage.getItem('dj.accessToken') ?? ''; try { const v = JSON.parse(raw); return typeof v === 'string' ? v : (v?.data ?? raw); } catch { return raw; } });

test('consent sheet, separate sensitive consent, account deletion', async () => {
  const apiErrors: string[] = [];
  watchApiErrors(page, apiErrors);

  // ---- the consent sheet: 同意 is on screen without scrolling, the text scrolls on its own ----
  await page.goto(baseUrl() + '/');
  const agree = page.locator('#privacy-agree');
  await agree.waitFor();
  await shot(page, 'privacy-01-consent-sheet-elder-small');
  const box = (await agree.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(568);
  await agree.click();

  // ---- separate consent before the ID number ----
  await loginBySms(page, phone);
  const t1 = await token();
  expect((await api('PUT', '/api/registration/draft', t1, { form: { realName: '王秀英' } })).status).toBe(200);
  await page.goto(baseUrl() + '/#/packages/worker/pages/registration-form/index');
  await v(page, '#regf-sensitive-consent').waitFor();
  expect(await page.locator('#regf-idnumber:visible').count()).toBe(0);
  await shot(page, 'privacy-02-sensitive-consent');
  await v(page, '#regf-sensitive-check').click();
  await v(page, '#regf-sensitive-agree').click();
  await v(page, '#regf-idtype-resident_id').click();
  await v(page, '#regf-idnumber').fill(idNumber('230102', '1975-06-06', '062'));
  await shot(page, 'privacy-03-identity-after-consent');
  await v(page, '#regf-idnumber').blur(); // autosave a moment after leaving the box
  await page.waitForTimeout(2000);
  const reg = await api('GET', '/api/registration', t1);
  expect(reg.body.registration.sensitiveConsent).toMatchObject({ version: expect.any(String) });
  expect(reg.body.registration.idNumberMasked).toBeTruthy();

  // ---- separate consent before a home location is kept (今天能干活): the district choice shows after it ----
  await page.goto(baseUrl() + '/#/packages/worker/pages/availability/index');
  await v(page, '#avail-home-consent').waitFor();
  expect(await page.locator('#avail-district:visible').count()).toBe(0);
  await v(page, '#avail-home-consent-check').click();
  await v(page, '#avail-district').waitFor();
  await shot(page, 'privacy-03b-home-location-consent');

  // ---- 我的 → 账号与隐私 → 注销账号 ----
  await page.evaluate(() => localStorage.setItem('dj.policy.answers', JSON.stringify({ difficulty: ['残疾'] })));
  await page.goto(baseUrl() + '/#/pages/mine/index');
  await v(page, '#mine-account-settings').click();
  await v(page, '#account-delete-word').waitFor();
  await shot(page, 'privacy-04-account-delete');
  await v(page, '#account-delete-word').fill('注销');
  await v(page, '#account-delete-submit').click();
  await page.getByText('确定注销', { exact: true }).last().click();
  await page.locator('#mine-login:visible').waitFor();
  await shot(page, 'privacy-05-after-delete');

  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dj.')).sort());
  expect(left).toEqual(['dj.elderMode', 'dj.privacyConsent']);
  expect((await api('GET', '/api/me', t1)).status).toBe(401);
  expect(apiErrors).toEqual([]);
});
