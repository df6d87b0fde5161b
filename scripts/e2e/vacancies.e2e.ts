import type { Browser, Page } from 'playwright-core';
import { SENSITIVE_CONSENT } from '../../shared/src/data/privacy';
import { apiAs, baseUrl, bornYearsAgo, createStaff, launch, loginBySms, phonePage, residentId, seedDemoCity, shot, toastGone, v, watchApiErrors } from './browser';

// 岗位 end to end at phone size (issue 13 part 4): a verified employer posts a full-time vacancy in the
// form (a pay under the monthly minimum wage is refused next to the field first); a registered worker
// whose registration wants 电工 finds it under 为我推荐 with the reason, and applies choosing not to share
// the phone; the employer sees the applicant's short profile and invites them to an interview; the worker
// sees the time and place and can call the employer. The employer's onboarding and the registration are
// made through the API their own e2e files cover. Taro H5 keeps earlier pages in the DOM: use :visible.

const employerPhone = '13912343201';
const workerPhone = '13912343202';
const staffPhone = '13912343299';
const idNumber = residentId('230102', `${bornYearsAgo(45)}0520`, '313');

let browser: Browser;
let employer: Page;
let worker: Page;
let staff: Page;
const apiErrors: string[] = [];

beforeAll(async () => {
  seedDemoCity();
  createStaff(staffPhone, '郑经办', '道里区公共就业服务中心');
  browser = await launch();
  employer = await phonePage(browser);
  worker = await phonePage(browser);
  staff = await phonePage(browser);
  for (const p of [employer, worker, staff]) watchApiErrors(p, apiErrors);
});
afterEach(async () => {
  if (employer) await shot(employer, 'vac-zz-employer-last').catch(() => undefined);
  if (worker) await shot(worker, 'vac-zz-worker-last').catch(() => undefined);
});
afterAll(async () => { await browser?.close(); });

const api = apiAs;

test('an employer posts a vacancy, the person applies from a recommendation, the employer invites to an interview, the person sees it', async () => {
  // ---- a verified employer (onboarded through the API, approved by 道里区 staff) ----
  await loginBySms(employer, employerPhone);
  await v(employer, '#role-employer').click();
  await v(employer, '#employer-home').waitFor();
  const profile = await api(employer, 'POST', '/api/employer/profile', {
    kind: 'enterprise', name: '哈尔滨安居物业服务有限公司', creditCode: '91350100M000100Y43', contactName: '王经理', contactPhone: employerPhone, address: '道里区安静街 10 号',
  });
  await loginBySms(staff, staffPhone);
  await api(staff, 'POST', `/api/staff/employers/${profile.employer.id}/review`, { decision: 'approve' });

  // ---- the employer posts a vacancy in the form ----
  await employer.goto(baseUrl() + '/#/packages/employer/pages/index/index');
  await v(employer, '#employer-vacancies').click();
  await v(employer, '#vac-none').waitFor();
  await v(employer, '#vac-new').click();
  await v(employer, '#vp-title').fill('物业维修电工');
  await v(employer, '#vp-occupation').fill('电工');
  await v(employer, '#vp-headcount').fill('2');
  await v(employer, '#vp-pay-min').fill('1500');
  await v(employer, '#vp-pay-max').fill('5200');
  await v(employer, '#vp-hours').fill('8:30–17:30，做五休二');
  await v(employer, '#vp-district-230102').click();
  await v(employer, '#vp-address').fill('道里区安静街 10 号物业中心');
  await v(employer, '#vp-req').fill('持低压电工证，男女不限');
  await v(employer, '#vp-skills').fill('低压电工证');
  await v(employer, '#vp-phone').fill('13800000222');
  await v(employer, '#vp-submit').click();
  // Under the monthly minimum wage: the server's reason, next to the field.
  await employer.locator('#vp-pay-min-error:visible', { hasText: '最低工资' }).waitFor();
  // The page scrolls up to the refused field.
  await employer.waitForTimeout(800);
  const box = await v(employer, '#vp-pay-min-error').boundingBox();
  expect(box && box.y >= 0 && box.y < employer.viewportSize()!.height).toBe(true);
  await shot(employer, 'vac-01-employer-refused');
  await v(employer, '#vp-pay-min').fill('3800');
  await toastGone(employer);
  await v(employer, '#vp-submit').click();
  await v(employer, '#vac-detail').waitFor();
  expect(await v(employer, '#vac-detail').textContent()).toContain('3800–5200 元/月');
  await toastGone(employer);
  await shot(employer, 'vac-02-employer-posted');

  // ---- a registered job seeker wanting 电工 (approved registration through the API) ----
  await loginBySms(worker, workerPhone);
  await v(worker, '#role-worker').click();
  await api(worker, 'PUT', '/api/registration/draft', {
    sensitiveConsentVersion: SENSITIVE_CONSENT.version,
    form: {
      realName: '李建华', idType: 'resident_id', idNumber, retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '中央大街 18 号',
      hukouPlace: '黑龙江省哈尔滨市道里区', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: '2026-01-31', education: 'vocational',
      skills: ['电工'], certificates: ['低压电工证'], desiredOccupations: ['电工'], desiredDistricts: ['230102'], expectedMonthlyPay: 4500,
      workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
    },
  });
  const reg = await api(worker, 'POST', '/api/registration/submit', { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'vac-e2e-reg-1' });
  await api(staff, 'POST', `/api/staff/registrations/${reg.registration.id}/decision`, { decision: 'approve' });

  // ---- 为我推荐 from the home page: the vacancy with its reason ----
  await worker.goto(baseUrl() + '/#/pages/index/index');
  await v(worker, '#entry-jobs').click();
  const card = worker.locator('#jb-rec [id^="jb-vac-"]:visible', { hasText: '物业维修电工' }).first();
  await card.waitFor();
  expect(await card.textContent()).toContain('符合意向职业「电工」');
  await shot(worker, 'vac-03-worker-recommended');
  await card.click();
  await v(worker, '#jb-apply').waitFor();
  await v(worker, '#jb-share-phone').click(); // not sharing the phone: the employer answers through the app
  await v(worker, '#jb-note').fill('做过八年维修电工，能马上上班');
  await shot(worker, 'vac-04-worker-apply');
  await v(worker, '#jb-apply-btn').click();
  await worker.locator('#jb-app-status:visible', { hasText: '已投递' }).waitFor();
  await toastGone(worker);
  await shot(worker, 'vac-05-worker-applied');

  // ---- the employer sees the short profile (no phone) and invites to an interview ----
  await employer.reload();
  const applicant = employer.locator('[id^="vac-app-"]:visible', { hasText: '李*' }).first();
  await applicant.waitFor();
  const text = (await applicant.textContent()) ?? '';
  expect(text).toContain('做过八年维修电工');
  expect(text).toContain('没有提供手机号');
  expect(text).not.toContain(workerPhone);
  await applicant.locator('[id^="vac-interview-"]').first().click();
  await applicant.locator('[id^="vac-place-"]').first().fill('道里区安静街 10 号物业中心 2 楼');
  await shot(employer, 'vac-06-employer-interview');
  await applicant.locator('[id^="vac-send-"]').first().click();
  await employer.locator('[id^="vac-app-status-"]:visible', { hasText: '邀请面试' }).first().waitFor();
  await toastGone(employer);
  await shot(employer, 'vac-07-employer-invited');

  // ---- the person sees the interview, with the employer's phone to call ----
  await worker.goto(baseUrl() + '/#/packages/jobs/pages/mine/index');
  const mine = worker.locator('[id^="jb-app-"]:visible', { hasText: '物业维修电工' }).first();
  await mine.waitFor();
  await worker.locator('[id^="jb-interview-"]:visible').first().waitFor();
  const mineText = (await mine.textContent()) ?? '';
  expect(mineText).toContain('邀请面试');
  expect(mineText).toContain('道里区安静街 10 号物业中心 2 楼');
  expect(mineText).toContain('13800000222');
  await shot(worker, 'vac-08-worker-interview');
  // The notice reached the person's messages too.
  const notes = await api(worker, 'GET', '/api/notifications');
  expect(JSON.stringify(notes.items)).toContain('邀请面试');
  expect(apiErrors).toEqual([]);
});
