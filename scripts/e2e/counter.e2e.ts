import type { Browser, Page } from 'playwright-core';
import { baseUrl, bornYearsAgo, createStaff, launch, loginBySms, phonePage, residentId as idOf, seedDemoCity, shot, v, watchApiErrors } from './browser';

// 窗口代办 end to end at phone size: a staff member of 道里区公共就业服务中心 registers a walk-in person at the
// counter (ID checked in person, paper consent and commitment signed) and approves at once; later the
// person signs in by SMS with the phone given at the counter, sees 「窗口为你办理的登记」 on the hub, types
// the ID number, claims it and sees the approved registration. Taro H5 keeps earlier pages in the DOM: use :visible.

const personPhone = '13912341401';
const staffPhone = '13912341499';

/** A valid 18-digit 居民身份证 number (GB 11643 check digit) for a man of about 42 registered in 道里区. */
const residentId = (serial = '271') => idOf('230102', `${bornYearsAgo(42)}0611`, serial);

let browser: Browser;
let person: Page;
let staff: Page;
const apiErrors: string[] = [];

beforeAll(async () => {
  // The e2e database starts empty: load the demo city (districts and streets) with the real seed CLI.
  seedDemoCity();
  createStaff(staffPhone, '钱经办', '道里区公共就业服务中心');
  browser = await launch();
  staff = await phonePage(browser);
  person = await phonePage(browser);
  for (const p of [person, staff]) watchApiErrors(p, apiErrors);
});
afterAll(async () => { await browser?.close(); });

test('staff register a walk-in person at the counter and approve at once; the person claims it on the phone', async () => {
  // ---- staff: 经办工作台 → 窗口代办登记 ----
  await loginBySms(staff, staffPhone);
  await staff.goto(baseUrl() + '/#/packages/staff/pages/index/index');
  await v(staff, '#staff-counter').click();
  await v(staff, '#ctr').waitFor();

  // Nothing filled: Chinese errors next to the fields, nothing sent.
  await v(staff, '#ctr-submit').click();
  await staff.locator('#ctr-idchecked-error:visible', { hasText: '请当面核验证件原件后勾选' }).waitFor();
  expect(await v(staff, '#ctr-phone-error').textContent()).toContain('请填写本人手机号');
  expect(await v(staff, '#ctr-consent-error').textContent()).toContain('纸质同意书');
  await shot(staff, 'counter-01-errors');

  // ---- the form, filled from the person's answers and the ID card seen at the counter ----
  await v(staff, '#ctr-idnumber').fill(residentId());
  await v(staff, '#ctr-idchecked').click();
  await v(staff, '#ctr-name').fill('孙德明');
  await v(staff, '#ctr-retire-male').click();
  await v(staff, '#ctr-phone').fill('1391234');
  await v(staff, '#ctr-able-yes').click();
  await v(staff, '#ctr-wants-yes').click();
  await v(staff, '#ctr-employed-no').click();
  // A district outside this center: the server's answer lands next to the field.
  await v(staff, '#ctr-district-230103').click();
  await v(staff, '#ctr-street-花园街道').click();
  await v(staff, '#ctr-hukou').fill('黑龙江省哈尔滨市道里区');
  await v(staff, '#ctr-reason-contract_expired').click();
  await v(staff, '#ctr-employer').fill('哈尔滨某食品厂');
  await v(staff, '#ctr-enddate').click();
  await staff.locator('.weui-picker__action:visible', { hasText: '确定' }).click();
  await staff.locator('#ctr-enddate:visible', { hasText: /\d{4}-\d{2}-\d{2}/ }).waitFor();
  await v(staff, '#ctr-edu-junior').click();
  await v(staff, '#ctr-occ').fill('仓库管理');
  await v(staff, '#ctr-occ-add').click();
  await v(staff, '#ctr-need-job_referral').click();
  await v(staff, '#ctr-insurance-no').click();
  await v(staff, '#ctr-consent').click();
  await v(staff, '#ctr-commitment').click();
  await v(staff, '#ctr-approve-now').click();
  await v(staff, '#ctr-submit').click();
  await staff.locator('#ctr-phone-error:visible', { hasText: '11 位手机号' }).waitFor();
  await v(staff, '#ctr-phone').fill(personPhone);
  await v(staff, '#ctr-submit').click();
  await staff.locator('#ctr-district-error:visible', { hasText: '不在本中心服务范围内' }).waitFor();
  await staff.locator('#ctr-general:visible', { hasText: '常住地不在' }).waitFor();
  await shot(staff, 'counter-02-outside-center');
  await v(staff, '#ctr-district-230102').click();
  await v(staff, '#ctr-street-兆麟街道').click();
  await shot(staff, 'counter-03-filled');
  await v(staff, '#ctr-submit').click();

  // ---- approved on the spot, with a record number; the person is told by SMS ----
  await v(staff, '#ctr-done').waitFor();
  await staff.locator('#ctr-status:visible', { hasText: '已登记' }).waitFor();
  await v(staff, '#ctr-recordno').waitFor();
  await shot(staff, 'counter-04-approved');
  const sms = await (await fetch(`${baseUrl()}/api/dev/sms-outbox?phone=${personPhone}`)).json() as { messages: { text: string }[] };
  expect(sms.messages.map((m) => m.text).join('\n')).toContain('办理的失业登记');

  // ---- later: the person signs in with that phone and claims it on the hub ----
  await loginBySms(person, personPhone);
  await person.goto(baseUrl() + '/#/packages/worker/pages/registration/index');
  await v(person, '#reg-counter-claims').waitFor();
  expect(await v(person, '#reg-counter-claims').textContent()).toContain('道里区公共就业服务中心');
  await shot(person, 'counter-05-claim-card');
  // A wrong number is refused next to the box.
  await v(person, '#reg-counter-idnumber').fill(residentId('273'));
  await v(person, '#reg-counter-claim').click();
  await person.locator('#reg-counter-idnumber-error:visible', { hasText: '不一致' }).waitFor();
  await shot(person, 'counter-06-wrong-id');
  await v(person, '#reg-counter-idnumber').fill(residentId());
  await v(person, '#reg-counter-claim').click();
  await v(person, '#reg-approved').waitFor();
  await person.locator('#reg-status:visible', { hasText: '已登记' }).waitFor();
  expect(await person.locator('#reg-counter-claims:visible').count()).toBe(0);
  await v(person, '#reg-record').waitFor();
  await shot(person, 'counter-07-claimed');

  expect(apiErrors).toEqual([]);
});
