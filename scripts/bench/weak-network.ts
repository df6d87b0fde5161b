// Benchmark: the H5 app on weak mobile networks (not a timed test). Headless Chromium with its network
// emulation (CDP Network.emulateNetworkConditions), a cold cache per visit, against the real BFF serving
// the production H5 build (miniapp/dist/h5, precompressed by scripts/precompress.mjs).
// Run: npx tsx scripts/bench/weak-network.ts   (or `npm run bench`); needs `npm run build:h5` first.
//
// Targets (issue 16 item 7): home first content ≤ 1.5 s on Fast 3G and ≤ 5 s on Slow 3G; the gigs list
// ≤ 2 s and ≤ 6 s; a repeat visit to the home page transfers under 20 KB.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { openBenchDb } from './data';
import { ROUNDS, fmt, median, report, table, type Verdict } from './util';

 
const { startBff } = require('../lib/bff-process.js') as { startBff: (env: Record<string, string>, o?: { inherit?: boolean }) => { listening: Promise<number>; stop(): Promise<void> } };

const root = path.resolve(__dirname, '..', '..');
const h5Dir = path.join(root, 'miniapp', 'dist', 'h5');
// Chromium DevTools' presets: latency in ms, throughput in bytes/s.
const PROFILES = {
  'Fast 3G': { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8 * 0.9, uploadThroughput: (750 * 1024) / 8 * 0.9 },
  'Slow 3G': { latency: 400, downloadThroughput: (500 * 1024) / 8 * 0.8, uploadThroughput: (500 * 1024) / 8 * 0.8 },
} as const;
type ProfileName = keyof typeof PROFILES;
const TARGETS: Record<string, Record<ProfileName, number>> = {
  home: { 'Fast 3G': 1500, 'Slow 3G': 5000 },
  gigs: { 'Fast 3G': 2000, 'Slow 3G': 6000 },
};
const REPEAT_BYTES = 20 * 1024;
// What "content" means on each page: the first element a person reads.
const PAGES = {
  home: { hash: '#/pages/index/index', ready: '.hero__title:visible' },
  gigs: { hash: '#/pages/gigs/index', ready: '#gig-list .gig-card:visible, #district-picker .chips > *:visible, #gig-empty:visible' },
};

async function throttled(browser: Browser, profile: ProfileName): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession; bytes: () => number }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN',
    geolocation: { latitude: 45.755, longitude: 126.63 }, permissions: ['geolocation'],
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILES[profile] });
  let transferred = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { transferred += e.encodedDataLength; });
  return { context, page, cdp, bytes: () => transferred };
}

async function visit(page: Page, url: string, ready: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  try {
    await page.locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
  } catch (err) {
    await page.screenshot({ path: path.join(root, '.e2e-artifacts', 'weak-network-timeout.png') }).catch(() => undefined);
    console.error(await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => `${e.id}:${(e as HTMLElement).innerText?.slice(0, 60).replace(/\n/g, ' ')}`).join('\n')).catch(() => ''));
    throw err;
  }
  // From the navigation's start (what the person waits for), not from when goto returned.
  return page.evaluate(() => performance.now());
}

async function main() {
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) throw new Error('no H5 build: run `npm run build:h5` first');
  const db = await openBenchDb();
  const port = 30000 + Math.floor(Math.random() * 20000);
  const bff = startBff({ MONGODB_URI: db.uri, H5_DIR: h5Dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development' }, { inherit: true });
  await bff.listening;
  const base = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic'] });
  const verdicts: Verdict[] = [];
  const rows: (string | number)[][] = [];
  try {
    // Warm the server side once (caches, JIT) so the figures are about the network, not a cold BFF.
    { const w = await throttled(browser, 'Fast 3G'); await visit(w.page, base + PAGES.gigs.hash, PAGES.gigs.ready); await w.context.close(); }
    let coldBytes = 0;
    for (const [name, pg] of Object.entries(PAGES) as [keyof typeof PAGES, (typeof PAGES)[keyof typeof PAGES]][]) {
      for (const profile of Object.keys(PROFILES) as ProfileName[]) {
        const times: number[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          const v = await throttled(browser, profile);
          times.push(await visit(v.page, base + pg.hash, pg.ready));
          if (name === 'home' && profile === 'Fast 3G' && r === 0) coldBytes = v.bytes();
          await v.context.close();
        }
        const ms = median(times);
        rows.push([name, profile, fmt(ms, 0)]);
        verdicts.push({ target: `${name} first content on ${profile} (cold cache) ≤ ${TARGETS[name]![profile]} ms`, figure: `${fmt(ms, 0)} ms`, pass: ms <= TARGETS[name]![profile] });
      }
    }
    // Repeat visit: the same browser profile comes back later (a new tab of the same context).
    const v = await throttled(browser, 'Fast 3G');
    await visit(v.page, base + PAGES.home.hash, PAGES.home.ready);
    await v.page.waitForLoadState('networkidle');
    const page2 = await v.context.newPage();
    const cdp2 = await v.context.newCDPSession(page2);
    await cdp2.send('Network.enable');
    await cdp2.send('Network.emulateNetworkConditions', { offline: false, ...PROFILES['Fast 3G'] });
    let repeat = 0;
    cdp2.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { repeat += e.encodedDataLength; });
    await visit(page2, base + PAGES.home.hash, PAGES.home.ready);
    await page2.waitForLoadState('networkidle');
    await v.context.close();
    console.log(table(['page', 'network', 'first content ms (median)'], rows));
    console.log(`cold home visit transferred ${fmt(coldBytes / 1024, 1)} KB; repeat visit ${fmt(repeat / 1024, 1)} KB`);
    verdicts.push({ target: `repeat visit to home transfers < ${REPEAT_BYTES / 1024} KB`, figure: `${fmt(repeat / 1024, 1)} KB (cold ${fmt(coldBytes / 1024, 1)} KB)`, pass: repeat < REPEAT_BYTES });
  } finally {
    await browser.close();
    await bff.stop();
    await db.stop();
  }
  report('weak-network', verdicts);
}

main().catch((err) => { console.error(err); process.exit(1); });
