import type { Browser, Page } from 'playwright-core';
import { baseUrl, latestSmsCode, launch, phonePage, shot, watchApiErrors } from './browser';

// Taro H5 keeps earlier pages in the DOM (hidden), so page-level lookups use :visible.

/**
 * The platform's core path in a real headless Chromium at phone size, against the H5 build served
 * by the BFF: privacy consent → SMS login → switch to 我要招人 → back to 我要找活 → elder mode.
 */
let browser: Browser;
let page: Page;
const phone = '13912340001';

beforeAll(async () => {
  browser = await launch();
  page = await phonePage(browser);
});
afterAll(async () => { await browser?.close(); });

test('a worker logs in by SMS code, switches role and sees home', async () => {
  const apiErrors: string[] = [];
  watchApiErrors(page, apiErrors);

  await page.goto(baseUrl() + '/');
  await page.locator('#privacy-agree').click();
  await page.locator('#go-login').waitFor();
  await shot(page, '01-home-logged-out');

  await page.locator('#go-login').click();
  await page.locator('#login-phone').fill('12345');
  await page.locator('#send-code').click();
  await page.locator('#login-phone-error').waitFor();
  await page.locator('#login-phone').fill(phone);
  await page.locator('#send-code').click();
  await page.getByText(/秒后重发/).waitFor();
  const code = await latestSmsCode(phone);
  await page.locator('#login-code').fill(code);
  await shot(page, '02-login-filled');
  await page.locator('#login-submit').click();

  // Back on home, logged in as a worker.
  await page.locator('#role-employer').waitFor();
  await page.locator('#worker-home').waitFor();
  await shot(page, '03-home-worker');

  await page.locator('#role-employer').click();
  await page.locator('#employer-home').waitFor();
  await page.locator('#employer-home').getByText('招工管理').waitFor();
  await shot(page, '04-home-employer');
  // The server agrees: the new token acts as an employer.
  const session = await page.evaluate(() => Object.keys(localStorage).filter((k) => /token|session/i.test(k)).length);
  expect(session).toBeGreaterThan(0);

  await page.locator('#role-worker').click();
  await page.locator('#worker-home').waitFor();
  expect(await page.locator('#employer-home').count()).toBe(0);

  expect(apiErrors).toEqual([]);
});

test('长辈模式 enlarges text app-wide and survives a reload', async () => {
  await page.goto(baseUrl() + '/#/pages/mine/index');
  const toggle = page.locator('#elder-toggle');
  await toggle.waitFor();
  const sizeOf = () => page.locator('.page:visible').first().evaluate((el) => parseFloat(getComputedStyle(el.querySelector('.txt-lg') ?? el).fontSize));
  const before = await sizeOf();
  await toggle.click();
  await page.locator('.page--elder:visible').first().waitFor();
  const after = await sizeOf();
  expect(after).toBeGreaterThan(before * 1.15);
  await shot(page, '05-mine-elder');
  await page.reload();
  await page.locator('.page--elder:visible').first().waitFor();
  await page.goto(baseUrl() + '/#/pages/index/index');
  await page.locator('.page--elder:visible').first().waitFor();
  await shot(page, '06-home-elder');
});
