import type { Browser, Page } from 'playwright-core';
import { SENSITIVE_CONSENT } from '../../shared/src/data/privacy';
import { apiAs, baseUrl, bornYearsAgo, createStaff, launch, loginBySms, phonePage, pickerOk, residentId, seedDemoCity, shot, toastGone, v, watchApiErrors } from './browser';

// 就业援助 end to end at phone size (issue 13 parts 1–2): a registered worker applies for 就业困难人员认定
// (残疾人, with the certificate named); staff of 道里区公共就业服务中心 find it in the workbench inbox, recognise
// the person with a validity date, name a counsellor (专人) and put a 职业指导 step in the plan; the person sees
// the recognition, the counsellor (masked phone, tap to call the center) and the plan. The registration itself
// is made through the API the form uses (registration.e2e.ts covers that UI). Taro H5 keeps earlier pages in
// the DOM: use :visible.

const workerPhone = '13912342801';
const staffPhone = '13912342899';
const counsellorPhone = '13912342898';
const idNumber = residentId('230102', `${bornYearsAgo(36)}0314`, '271');

let browser: Browser;
let worker: Page;
let staff: Page;
const apiErrors: string[] = [];

beforeAll(async () => {
  seedDemoCity();
  createStaff(staffPhone, '周经办', '道里区公共就业服务中心');
  // A second CLI run in the same file: it once deadlocked on FerretDB's undrained log pipe (scripts/lib/ferretdb.js).
  createStaff(counsellorPhone, '吴专员', '道里区公共就业服务中心');
  browser = await launch();
  worker = await phonePage(browser);
  staff = await phonePage(browser);
  for (const p of [worker, staff]) watchApiErrors(p, apiErrors);
});
afterEach(async () => {
  if (worker) await shot(worker, 'asst-zz-worker-last').catch(() => undefined);
  if (staff) await shot(staff, 'asst-zz-staff-last').catch(() => undefined);
});
afterAll(async () => { await browser?.close(); });

const api = apiAs;

test('staff recognise a person and assign a counsellor; the person sees the counsellor and the plan', async () => {
  // ---- a registered worker (approved registration), made through the API ----
  await loginBySms(worker, workerPhone);
  await v(worker, '#role-worker').click();
  await api(worker, 'PUT', '/api/registration/draft', {
    sensitiveConsentVersion: SENSITIVE_CONSENT.version,
    form: {
      realName: '孙建华', idType: 'resident_id', idNumber, retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '中央大街 8 号',
      hukouPlace: '黑龙江省哈尔滨市道里区', unemploymentReason: 'contract_expired', lastEmployer: '哈尔滨某商贸公司', lastJobEndDate: '2026-01-31', education: 'junior',
      skills: ['仓库管理'], certificates: [], desiredOccupations: ['仓库管理员'], desiredDistricts: ['230102'], expectedMonthlyPay: 3500,
      workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: ['disabled'], ableToWork: true, wantsWork: true, currentlyEmployed: false,
    },
  });
  const reg = await api(worker, 'POST', '/api/registration/submit', { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'asst-e2e-reg-1' });
  await loginBySms(staff, staffPhone);
  await api(staff, 'POST', `/api/staff/registrations/${reg.registration.id}/decision`, { decision: 'approve' });

  // ---- the worker applies for 就业困难人员认定 from the registration page ----
  await worker.goto(baseUrl() + '/#/packages/worker/pages/registration/index');
  await v(worker, '#reg-assistance').click();
  await v(worker, '#as-apply').waitFor();
  await v(worker, '#as-cat-disabled').click();
  await v(worker, '#as-note-disabled').locator('textarea').fill('残疾人证，编号 23010219900314271X42，道里区残联发');
  await v(worker, '#as-consent').click();
  await shot(worker, 'asst-01-worker-apply');
  await v(worker, '#as-submit').click();
  await worker.locator('#as-status:visible', { hasText: '待认定' }).waitFor();
  await toastGone(worker);
  await shot(worker, 'asst-02-worker-submitted');

  // ---- staff: the application in the inbox → recognise with a validity date ----
  await staff.goto(baseUrl() + '/#/packages/staff/pages/workbench/index');
  await v(staff, '#wb-tab-assistance').click();
  const item = v(staff, '[id^="wb-item-assistance-"]');
  await item.waitFor();
  expect(await item.textContent()).toContain('待认定');
  await shot(staff, 'asst-03-staff-inbox');
  await item.click();
  await v(staff, '#sa-detail').waitFor();
  // Staff see the full identifiers on the detail (audited), and what the person declared at registration.
  expect(await v(staff, '#sa-detail').textContent()).toContain(idNumber);
  expect(await v(staff, '#sa-detail').textContent()).toContain('残疾人证，编号');
  await v(staff, '#sa-reason').locator('textarea').fill('残疾人证原件已核验');
  await shot(staff, 'asst-04-staff-decide');
  await v(staff, '#sa-approve').click();
  await staff.locator('#sa-detail:visible', { hasText: '已认定' }).waitFor();
  await v(staff, '#sa-plan').waitFor();

  // ---- name a counsellor (the first staff member of the center in the picker; the seed has some) and plan a step ----
  await v(staff, '#sa-counsellor').click();
  await pickerOk(staff);
  await staff.locator('#sa-plan:visible', { hasText: /帮扶专人：(?!未指定)/ }).waitFor();
  const counsellor = /帮扶专人：(\S+?)指定/.exec((await v(staff, '#sa-plan').textContent()) ?? '')![1]!;
  expect(counsellor).toMatch(/经办|专员/);
  await v(staff, '#sa-title').fill('一对一职业指导：整理求职简历，确定仓储岗位方向');
  await v(staff, '#sa-add-step').click();
  await staff.locator('#sa-plan:visible', { hasText: '职业指导：一对一职业指导' }).waitFor();
  await shot(staff, 'asst-05-staff-plan');

  // The stored classification followed the recognition: the registration is now 就业困难人员 (level A).
  const detail = await api(staff, 'GET', `/api/staff/registrations/${reg.registration.id}`);
  expect(detail.classification).toMatchObject({ category: '就业困难人员', level: 'A' });

  // ---- the person sees the recognition, the counsellor and the plan ----
  await worker.goto(baseUrl() + '/#/packages/worker/pages/index/index').catch(() => undefined);
  await worker.goto(baseUrl() + '/#/packages/worker-assistance/pages/assistance/index');
  await worker.reload();
  await worker.locator('#as-status:visible', { hasText: '已认定' }).waitFor();
  expect(await v(worker, '#as-status').textContent()).toContain('残疾人');
  await v(worker, '#as-valid').waitFor();
  const card = v(worker, '#as-counsellor');
  await card.waitFor();
  const cardText = (await card.textContent()) ?? '';
  expect(cardText).toContain(counsellor);
  expect(cardText).toContain('道里区公共就业服务中心');
  // The counsellor's mobile number is masked (never shown whole to the person).
  expect(cardText).toMatch(/1\d{2}\*{4}\d{4}/);
  expect(cardText).not.toMatch(/1\d{10}/);
  await v(worker, '#as-step-career_guidance').waitFor();
  expect(await v(worker, '#as-step-career_guidance').textContent()).toContain('进行中');
  await v(worker, '#as-plan').scrollIntoViewIfNeeded();
  await shot(worker, 'asst-06-worker-plan');

  expect(apiErrors).toEqual([]);
});
