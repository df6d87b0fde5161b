import { SENSITIVE_CONSENT } from '@doorstep/shared';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, bornYearsAgo, confirmModal, createStaff, launch, loginBySms, phonePage, residentId as idOf, seedDemoCity, shot, tokenOf, v, watchApiErrors } from './browser';

// 政策查询 / 政策计算器 / 一键申请 end to end at phone size: a worker searches 失业金 in plain Chinese,
// opens 失业保险金, answers the calculator one question at a time, sees the policies they can get with
// amounts, applies with one tap and finds the application in 我的申请. A staff member edits and
// republishes a policy, returns the application with a reason; the worker adds a note and resubmits;
// staff approve it and the worker sees 已通过. Taro H5 keeps earlier pages in the DOM: use :visible.

const workerPhone = '13912340601';
const staffPhone = '13912340699';

let browser: Browser;
let worker: Page;
let staff: Page;
const apiErrors: string[] = [];

beforeAll(async () => {
  // The seed loads the demo city and the sample policy library (idempotent; other e2e files run it too).
  seedDemoCity();
  // Editing and publishing the catalog is the city administrator's (市级管理员); the applicant here has no
  // registration, so no district: the application is the city's to decide too.
  createStaff(staffPhone, '钱经办', null);
  browser = await launch();
  worker = await phonePage(browser);
  staff = await phonePage(browser);
  for (const p of [worker, staff]) watchApiErrors(p, apiErrors);
}, 120_000);
afterAll(async () => { await browser?.close(); });

/** Taps the modal's confirm button once it shows this text (the H5 modal element is reused between dialogs). */

/** Answers the current calculator question after checking it is the one expected. */
async function answer(page: Page, question: RegExp, act: () => Promise<void>, next = '#calc-next') {
  await page.locator('#calc-q-text:visible', { hasText: question }).waitFor();
  await act();
  await v(page, next).click();
}

test('a worker searches 失业金, opens the policy, uses the calculator and applies', async () => {
  await loginBySms(worker, workerPhone);
  await v(worker, '#entry-policy').click();
  await v(worker, '#pol').waitFor();
  await v(worker, '#pol-item-unemployment-benefit').waitFor(); // the full list shows before any search
  await shot(worker, 'pol-01-tab');

  // ---- search in plain words: 失业金 finds 失业保险金 (synonym), with the match marked ----
  await v(worker, '#pol-q').fill('失业金');
  await v(worker, '#pol-search').click();
  await worker.locator('#pol-count:visible', { hasText: '失业金' }).waitFor();
  const first = worker.locator('[id^="pol-item-"]:visible').first();
  expect(await first.getAttribute('id')).toBe('pol-item-unemployment-benefit');
  expect(await first.locator('.pol-hit').first().textContent()).toBe('失业保险金');
  expect(await worker.locator('#pol-results :visible').evaluateAll((els) => els.some((e) => /<\/?[a-z]+>/i.test(e.textContent ?? '')))).toBe(false);
  await shot(worker, 'pol-02-search');

  // Filters: 单位 hides the individual policy.
  await v(worker, '#pol-aud-employer').click();
  await worker.locator('#pol-item-unemployment-benefit:visible').waitFor({ state: 'hidden' });
  await v(worker, '#pol-aud-all').click();
  await v(worker, '#pol-item-unemployment-benefit').waitFor();

  // ---- the policy page ----
  await v(worker, '#pol-item-unemployment-benefit').click();
  await worker.locator('#pd-title:visible', { hasText: '失业保险金' }).waitFor();
  await v(worker, '#pd-conditions').waitFor();
  expect(await v(worker, '#pd-legal').textContent()).toContain('失业保险条例');
  await shot(worker, 'pol-03-detail');
  await v(worker, '#pd-faq').scrollIntoViewIfNeeded();
  await shot(worker, 'pol-04-detail-faq');
  expect(await v(worker, '#pol-hotline-call').isVisible()).toBe(true);

  // ---- the calculator, one question at a time ----
  await v(worker, '#pd-calc').click();
  await v(worker, '#calc-intro').waitFor();
  await shot(worker, 'pol-05-calc-intro');
  await v(worker, '#calc-start').click();
  await answer(worker, /多大年龄/, async () => {
    await v(worker, '#calc-num').fill('130');
    await v(worker, '#calc-next').click();
    await worker.locator('#calc-num-error:visible', { hasText: '14 到 100' }).waitFor();
    await shot(worker, 'pol-06-calc-number-error');
    await v(worker, '#calc-num').fill('45');
  });
  await answer(worker, /哪一年毕业/, async () => {}, '#calc-skip');
  await answer(worker, /失业登记/, () => v(worker, '#calc-opt-yes').click());
  await answer(worker, /非本人意愿/, async () => {
    await v(worker, '#calc-opt-yes').click();
    await shot(worker, 'pol-07-calc-question');
  });
  await answer(worker, /缴纳失业保险几年/, () => v(worker, '#calc-num').fill('6'));
  await answer(worker, /失业几个月/, () => v(worker, '#calc-num').fill('3'));
  await answer(worker, /以下情况/, () => v(worker, '#calc-opt-none').click());
  await answer(worker, /灵活就业/, () => v(worker, '#calc-opt-no').click());
  await answer(worker, /创业/, () => v(worker, '#calc-opt-no').click());
  await answer(worker, /培训/, () => v(worker, '#calc-opt-yes').click());

  // ---- result: eligible policies with amounts and the conditions that matched ----
  await v(worker, '#calc-result').waitFor();
  const ub = v(worker, '#calc-eligible-unemployment-benefit');
  await ub.waitFor();
  expect(await ub.locator('.pol-amount').textContent()).toBe('约 30,132 元'); // 6 years insured: 18 months × 1,674 (90 % of 1,860)
  expect(await ub.textContent()).toContain('失业前缴纳失业保险满 1 年');
  expect(await worker.locator('[id^="calc-eligible-"]:visible').count()).toBeGreaterThan(1);
  await shot(worker, 'pol-08-calc-result');

  // ---- one-tap apply, then 我的申请 ----
  await v(worker, '#calc-apply-unemployment-benefit').click();
  await confirmModal(worker, '确认申请');
  await v(worker, '#calc-applied-unemployment-benefit').waitFor();
  await shot(worker, 'pol-09-applied');
  await v(worker, '#calc-go-apps-unemployment-benefit').click();
  await v(worker, '#apps').waitFor();
  const app = worker.locator('.app-item:visible', { hasText: '失业保险金' });
  await app.waitFor();
  expect(await app.locator('.pol-badge').textContent()).toBe('审核中');
  expect(await app.textContent()).toContain('约 30,132 元');
  await shot(worker, 'pol-10-my-applications');

  // Applying again for the same policy is refused with a clear message.
  await worker.goto(baseUrl() + '/#/pages/policy/index');
  await v(worker, '#pol-q').fill('失业保险金');
  await v(worker, '#pol-search').click();
  await worker.locator('#pol-count:visible', { hasText: '失业保险金' }).waitFor();
  await v(worker, '#pol-item-unemployment-benefit').click();
  await v(worker, '#pd-apply').click();
  await confirmModal(worker, '确认申请');
  await worker.locator('#pd-apply-error:visible', { hasText: '不能重复申请' }).waitFor();
  await shot(worker, 'pol-11-duplicate-refused');
});

test('staff edit and republish a policy, then return, and finally approve the application', async () => {
  await loginBySms(staff, staffPhone);
  await staff.goto(baseUrl() + '/#/packages/staff/pages/index/index');
  await v(staff, '#staff-policies').click();
  await v(staff, '#sp-item-zero-employment-family').waitFor();
  await shot(staff, 'pol-12-staff-policies');

  // Edit the title and benefit text: a new version that is not public until published.
  await v(staff, '#sp-edit-zero-employment-family').click();
  await v(staff, '#spe').waitFor();
  await v(staff, '#spe-title').fill('零就业家庭动态清零援助（修订）');
  await v(staff, '#spe-benefit').fill('每户至少帮 1 人就业：优先推荐岗位、开发公益性岗位托底安置，并落实社保补贴（修订后的说明）。');
  await v(staff, '#spe-save').click();
  await staff.locator('#spe-saved:visible', { hasText: '已保存为第 2 版' }).waitFor();
  await shot(staff, 'pol-13-staff-edit-saved');
  const publicTitle = async () => (await (await fetch(`${baseUrl()}/api/policies?q=${encodeURIComponent('零就业家庭')}`)).json()).items[0].title as string;
  expect(await publicTitle()).toBe('零就业家庭动态清零援助');
  await v(staff, '#spe-publish').click();
  await confirmModal(staff, '发布');
  await staff.locator('.taro-modal__text:visible', { hasText: '新通知' }).waitFor();
  await confirmModal(staff, '知道了');
  await staff.locator('#spe-version:visible', { hasText: '群众看到第 2 版' }).waitFor();
  expect(await publicTitle()).toBe('零就业家庭动态清零援助（修订）');

  // Unpublish and publish again from the list.
  await v(staff, '#spe-back').click();
  await staff.locator('#sp-title-zero-employment-family:visible', { hasText: '（修订）' }).waitFor();
  await v(staff, '#sp-unpublish-zero-employment-family').click();
  await confirmModal(staff, '下架');
  await staff.locator('#sp-status-zero-employment-family:visible', { hasText: '已下架' }).waitFor();
  expect((await (await fetch(`${baseUrl()}/api/policies?q=${encodeURIComponent('零就业家庭')}`)).json()).items.map((i: { slug: string }) => i.slug)).not.toContain('zero-employment-family');
  await shot(staff, 'pol-14-staff-unpublished');
  await v(staff, '#sp-publish-zero-employment-family').click();
  await confirmModal(staff, '发布');
  await confirmModal(staff, '知道了');
  await staff.locator('#sp-status-zero-employment-family:visible', { hasText: '已发布' }).waitFor();

  // Queue: return the worker's application with a reason.
  await v(staff, '#sp-queue').click();
  await v(staff, '#pq').waitFor();
  const item = staff.locator('[id^="pq-item-"]:visible', { hasText: '失业保险金' }).first();
  await item.waitFor();
  const appId = (await item.getAttribute('id'))!.replace('pq-item-', '');
  await v(staff, `#pq-facts-${appId}`).click();
  await shot(staff, 'pol-15-staff-queue');
  await v(staff, `#pq-return-${appId}`).click();
  await v(staff, `#pq-confirm-${appId}`).click();
  await v(staff, `#pq-reason-${appId}-error`).waitFor();
  await v(staff, `#pq-reason-${appId}`).fill('请补充原单位出具的解除劳动合同证明');
  await shot(staff, 'pol-16-staff-return-reason');
  await v(staff, `#pq-confirm-${appId}`).click();
  await staff.locator(`#pq-item-${appId}:visible`).waitFor({ state: 'hidden' });

  // Worker sees the reason, adds a note and resubmits.
  await worker.goto(baseUrl() + '/#/packages/worker/pages/policy-apps/index');
  await worker.locator(`#app-status-${appId}:visible`, { hasText: '退回补充' }).waitFor();
  expect(await v(worker, `#app-reason-${appId}`).textContent()).toContain('解除劳动合同证明');
  await v(worker, `#app-note-${appId}`).fill('证明已交到兆麟街道服务站');
  await shot(worker, 'pol-17-returned');
  await v(worker, `#app-resubmit-${appId}`).click();
  await worker.locator(`#app-status-${appId}:visible`, { hasText: '审核中' }).waitFor();

  // Staff approve it; the worker sees 已通过.
  await v(staff, '#pq-tab-returned').click();
  await v(staff, '#pq-tab-submitted').click();
  await v(staff, `#pq-approve-${appId}`).click();
  await confirmModal(staff, '通过');
  await staff.locator(`#pq-item-${appId}:visible`).waitFor({ state: 'hidden' });
  await worker.reload();
  await worker.locator(`#app-status-${appId}:visible`, { hasText: '已通过' }).waitFor();
  await shot(worker, 'pol-18-approved');
});

/** A valid 18-digit 居民身份证 number (GB 11643 check digit) for a man born in 道里区 `age` years ago. */
const residentId = (age: number) => idOf('230102', `${bornYearsAgo(age)}0708`, '235');
async function api(method: string, url: string, token: string, body?: unknown) {
  const res = await fetch(baseUrl() + url, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

test('policies find people: once the worker\'s 失业登记 is approved, the app tells them what fits', async () => {
  // The worker's registration (a 52-year-old man dismissed more than a year ago) goes through the real
  // API and staff approve it; the approval records the person's facts and notifies matching policies.
  const workerToken = await tokenOf(worker);
  const staffToken = await tokenOf(staff);
  const ended = new Date(Date.now() - 400 * 86400_000).toISOString().slice(0, 10);
  await api('PUT', '/api/registration/draft', workerToken, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: {
    realName: '孙长林', idType: 'resident_id', idNumber: residentId(52), residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '友谊路 8 号',
    hukouPlace: '黑龙江省哈尔滨市道里区', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: ended, education: 'junior',
    skills: ['钳工'], certificates: [], desiredOccupations: ['保安'], desiredDistricts: ['230102'], expectedMonthlyPay: 3500, workModes: ['full_time'],
    serviceNeeds: ['job_referral', 'skills_training'], claimUnemploymentInsurance: true, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
  } });
  const submitted = await api('POST', '/api/registration/submit', workerToken, { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'policy-e2e-0601' });
  await api('POST', `/api/staff/registrations/${submitted.registration.id}/decision`, staffToken, { decision: 'approve' });

  // The notice links to the policy page the app opens.
  const inbox = await api('GET', '/api/notifications', workerToken);
  const matches = (inbox.items as { kind: string; title: string; page: string }[]).filter((n) => n.kind === 'policy.match');
  expect(matches.map((n) => n.title).join()).toContain('公益性岗位');
  const notice = matches.find((n) => n.title.includes('公益性岗位'))!;
  expect(notice.page).toMatch(/^\/packages\/worker\/pages\/policy-detail\/index\?id=[0-9a-f]{24}$/);
  await worker.goto(`${baseUrl()}/#${notice.page}`);
  await worker.locator('#pd-title:visible', { hasText: '公益性岗位' }).waitFor();

  // 政策 tab: 可能适合你的政策.
  await worker.goto(baseUrl() + '/#/pages/policy/index');
  await v(worker, '#pol-forme-public-welfare-post').waitFor();
  await v(worker, '#pol-forme').scrollIntoViewIfNeeded();
  await shot(worker, 'pol-19-for-me');

  // The calculator starts from the registration's facts.
  await v(worker, '#pol-calc-entry').click();
  await worker.locator('#calc-prefilled:visible', { hasText: '已按你的登记信息填好' }).waitFor();
  await shot(worker, 'pol-20-calc-prefilled');
  await v(worker, '#calc-direct').click();
  await v(worker, '#calc-eligible-public-welfare-post').waitFor();
});

test('reading pages respect 长辈模式 (bigger text)', async () => {
  await worker.goto(baseUrl() + '/#/pages/mine/index');
  await v(worker, '#elder-toggle').click();
  await worker.goto(baseUrl() + '/#/pages/policy/index');
  await v(worker, '#pol-item-unemployment-benefit').click();
  await worker.locator('#pd-title:visible', { hasText: '失业保险金' }).waitFor();
  const size = await v(worker, '#pd-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(size).toBeGreaterThanOrEqual(26); // txt-xl is 22 CSS px normally, 28 in 长辈模式
  await shot(worker, 'pol-21-detail-elder');
  await v(worker, '#pd-calc').click();
  await v(worker, '#calc-intro').waitFor();
  await v(worker, '#calc-start').click();
  await v(worker, '#calc-q-text').waitFor();
  await shot(worker, 'pol-22-calc-elder');
  await worker.goto(baseUrl() + '/#/pages/mine/index');
  await v(worker, '#elder-toggle').click();
  expect(apiErrors).toEqual([]);
});
