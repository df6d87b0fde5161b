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
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Reads the latest SMS code sent to a phone from the development outbox. */
export async function latestSmsCode(phone: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/dev/sms-outbox?phone=${phone}`);
  const body = (await res.json()) as { messages: { text: string }[] };
  const m = /验证码 (\d{6})/.exec(body.messages[0]?.text ?? '');
  if (!m) throw new Error(`no SMS code for ${phone}`);
  return m[1]!;
}
