import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const baseUrl = () => process.env.E2E_BASE_URL!;
export const shotsDir = path.resolve(__dirname, '..', '..', '.e2e-artifacts', 'screenshots');

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

/** A phone-sized page (iPhone 12-ish viewport, touch, zh-CN). */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  return context.newPage();
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name}.png`);
  // Taro H5 slides pages in with a CSS transition: wait until no animation runs so the shot shows what the user sees.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5000 }).catch(() => undefined);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Reads the latest SMS code sent to a phone from the development outbox. */
export async function latestSmsCode(phone: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/dev/sms-outbox?phone=${phone}`);
  const body = (await res.json()) as { messages: { text: string }[] };
  // The newest message with a code (notice texts go to the same outbox).
  const m = body.messages.map((x) => /验证码 (\d{6})/.exec(x.text)).find(Boolean);
  if (!m) throw new Error(`no SMS code for ${phone}`);
  return m[1]!;
}

/** Creates (or promotes) a staff account with the real CLI, as an operator would; center null: a 市级管理员. */
export function createStaff(phone: string, name = '测试经办', center: string | null = '道里区公共就业服务中心'): void {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'bff', 'src', 'cli', 'staff-create.ts'), '--phone', phone, '--name', name, ...(center ? ['--center', center] : ['--city'])], {
    env: { ...process.env, MONGODB_URI: process.env.E2E_MONGODB_URI },
    stdio: 'pipe',
    // A CLI that hangs fails the test loudly instead of stalling the suite.
    timeout: 120_000,
  });
}

/** Signs in through the H5 login page with an SMS code from the development outbox. */
export async function loginBySms(page: Page, phone: string): Promise<void> {
  await page.goto(baseUrl() + '/#/packages/account/pages/login/index');
  const agree = page.locator('#privacy-agree');
  if (await agree.isVisible().catch(() => false)) await agree.click();
  await page.locator('#login-phone').fill(phone);
  await page.locator('#send-code').click();
  await page.getByText(/秒后重发/).waitFor();
  await page.locator('#login-code').fill(await latestSmsCode(phone));
  await page.locator('#login-submit').click();
  await page.locator('#role-employer:visible, #role-worker:visible').first().waitFor();
}

/** The first visible match (Taro H5 keeps earlier pages of the stack in the DOM, hidden). */
export const v = (page: Page, sel: string) => page.locator(`${sel}:visible`).first();
/** Taps the confirm button of Taro's modal (Taro.showModal) that says `text`. */
export const confirmModal = (page: Page, text: string) => page.locator('.taro-model__confirm:visible', { hasText: text }).click();
/** Taps 确定 on the open picker. */
export const pickerOk = (page: Page) => page.locator('.weui-picker__action:visible', { hasText: '确定' }).click();
/** Lets a success toast (1.5 s) go before a screenshot. */
export const toastGone = (page: Page) => page.waitForTimeout(1800);

/** The access token the app keeps (a plain string, or the store's `{ data }` wrapper). */
export const tokenOf = (page: Page) => page.evaluate(() => {
  const raw = localStorage.getItem('dj.accessToken') ?? '';
  try { const x = JSON.parse(raw); return typeof x === 'string' ? x : (x?.data ?? raw); } catch { return raw; }
});

/** A valid 18-digit 居民身份证 number (GB 11643 check digit): district code, birth date YYYYMMDD, 3-digit serial. */
export function residentId(district: string, birth: string, serial: string): string {
  const first17 = `${district}${birth}${serial}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}
/** `YYYY` of someone that many years old this year. */
export const bornYearsAgo = (age: number) => String(new Date().getFullYear() - age);

/** Loads the demo city (districts, streets, stations, demo gigs) with the real seed CLI; idempotent, every file may run it. */
export function seedDemoCity(): void {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'bff', 'src', 'cli', 'seed.ts')], {
    env: { ...process.env, MONGODB_URI: process.env.E2E_MONGODB_URI },
    stdio: 'pipe',
    // A CLI that hangs fails the test loudly instead of stalling the suite.
    timeout: 120_000,
  });
}

/** Collects every 5xx answer of the API that a page sees into `into` (each file asserts it stays empty). */
export function watchApiErrors(page: Page, into: string[]): void {
  page.on('response', (r) => { if (r.url().includes('/api/') && r.status() >= 500) into.push(`${r.status()} ${r.url()}`); });
}

/** An API call as the person signed in on `page` (their token); a non-2xx answer throws with its body. */
export async function apiAs(page: Page, method: string, path: string, body?: unknown): Promise<Record<string, any>> {
  const res = await fetch(baseUrl() + path, { method, headers: { authorization: `Bearer ${await tokenOf(page)}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const out = (await res.json()) as Record<string, any>;
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(out)}`);
  return out;
}
