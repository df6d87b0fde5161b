import crypto from 'node:crypto';
import { SENSITIVE_CONSENT, addWorkdays } from '@doorstep/shared';
import { regionModel } from '../src/modules/regions/model';
import { idNumber } from './support/ids';
import { startTestApp, type TestApp } from './support/harness';
import { DAOLI, GIG_NOW, TOMORROW, employerSession, gigBody, staffSession, workerSession, type Session } from './support/gig-helpers';

/**
 * The reminder scheduler on two BFF instances over one database, both ticking at the same moments on
 * an injected clock: every reminder is sent exactly once, and each due run is recorded once.
 */
jest.setTimeout(120_000);
const HOUR = 3600_000;
/** A China date and hour as ms. */
const china = (date: string, h: number, m = 0) => Date.parse(`${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`);

let clock = GIG_NOW;
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  const dbUri = `${process.env.TEST_MONGODB_BASE}/t_sched_${crypto.randomBytes(4).toString('hex')}`;
  // Both instances: same database, same clock; the scheduler is not started, the test ticks it.
  a = await startTestApp({ dbUri, env: { SCHEDULER_ENABLED: 'false' }, deps: { now: () => clock } });
  b = await startTestApp({ dbUri, env: { SCHEDULER_ENABLED: 'false' }, deps: { now: () => clock } });
  await regionModel(a.conn).create({ code: '230102', name: '道里区', cityCode: '2301', center: DAOLI, streets: ['兆麟街道'] });
});
afterAll(async () => { await b.close(); await a.close(); });

/** Both instances tick twice at once, as their timers would. */
const tickBoth = () => Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
const noticesOf = async (kind: string) => a.services.notifier.Notification.find({ kind }).lean();

const form = (id: string) => ({
  realName: '张建国', idType: 'resident_id', idNumber: id, retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 1 号',
  hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: '2026-01-31', education: 'senior',
  skills: ['电焊'], certificates: [], desiredOccupations: ['焊工'], desiredDistricts: ['230102'], expectedMonthlyPay: 4500,
  workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
});
async function submit(w: Session, id: string, key: string) {
  expect((await a.request('PUT', '/api/registration/draft', { body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(id) }, token: w.token })).status).toBe(200);
  const r = await a.request('POST', '/api/registration/submit', { body: { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: key }, token: w.token });
  expect(r.status).toBe(200);
  return r.body.registration as { id: string; dueDate: string };
}

it('sends each reminder once with two instances ticking together', async () => {
  const staff = await staffSession(a);
  const emp = await employerSession(a, { staff });
  const hired = await workerSession(a);

  // A registration still waiting, and one approved (which schedules its first follow-up).
  const pending = await submit(await workerSession(a), idNumber('230102', '1988-02-14', '052'), 'sched-reg-1');
  const w2 = await workerSession(a);
  const done = await submit(w2, idNumber('230102', '1979-05-20', '031'), 'sched-reg-2');
  expect((await a.request('POST', `/api/staff/registrations/${done.id}/decision`, { body: { decision: 'approve' }, token: staff.token })).status).toBe(200);
  const followUpOn = (await a.services.registrations.Registration.findById(done.id).lean())!.nextFollowUpOn!;

  // A gig tomorrow with a hired worker.
  const gig = (await a.request('POST', '/api/employer/gigs', { body: gigBody({ date: TOMORROW }), token: emp.token })).body.gig.id as string;
  expect((await a.request('POST', `/api/gigs/${gig}/apply`, { token: hired.token })).status).toBe(200);
  const app = (await a.request('GET', '/api/me/gig-applications', { token: hired.token })).body.items[0].id as string;
  expect((await a.request('POST', `/api/employer/gig-applications/${app}/accept`, { token: emp.token })).status).toBe(200);

  // 17:59: nothing is due yet; 18:30 the evening before: one start reminder, whoever ticks.
  clock = china('2026-03-10', 17, 59);
  await tickBoth();
  expect(await noticesOf('gig.start_reminder')).toHaveLength(0);
  clock = china('2026-03-10', 18, 30);
  await tickBoth();
  const start = await noticesOf('gig.start_reminder');
  expect(start).toHaveLength(1);
  expect(start[0]).toMatchObject({ title: '明天开工：仓库搬运装卸工', page: `/packages/worker/pages/gig-detail/index?id=${gig}` });
  expect(String(start[0]!.userId)).toBe(hired.userId);
  clock += 2 * HOUR; // later ticks that evening change nothing
  await tickBoth();
  expect(await noticesOf('gig.start_reminder')).toHaveLength(1);
  expect(await a.conn.collection('job_runs').countDocuments({ job: 'gig-start' })).toBe(1);

  // Done the next afternoon; a day later both sides are reminded to confirm the pay, once each.
  clock = china(TOMORROW, 13, 30);
  expect((await a.request('POST', `/api/employer/gig-applications/${app}/check-in`, { token: emp.token })).status).toBe(200);
  clock = china(TOMORROW, 18, 5);
  expect((await a.request('POST', `/api/employer/gig-applications/${app}/complete`, { token: emp.token })).status).toBe(200);
  clock = china(TOMORROW, 23, 0);
  await tickBoth();
  expect(await noticesOf('gig.settle_reminder')).toHaveLength(0); // not a day yet
  clock = china('2026-03-12', 18, 30);
  await tickBoth();
  clock += HOUR;
  await tickBoth();
  const settle = await noticesOf('gig.settle_reminder');
  expect(settle.map((n) => String(n.userId)).sort()).toEqual([hired.userId, emp.userId].sort());

  // The working day before the registration's deadline, 08:00: its center's staff hear once.
  const cal = await a.services.calendar.get();
  let dayBefore = pending.dueDate;
  for (let d = Date.parse(`${pending.dueDate}T12:00:00+08:00`) - 24 * HOUR; ; d -= 24 * HOUR) {
    const s = new Date(d + 8 * HOUR).toISOString().slice(0, 10);
    if (addWorkdays(s, 1, cal) === pending.dueDate) { dayBefore = s; break; }
  }
  clock = china(dayBefore, 7, 50);
  await tickBoth();
  expect(await noticesOf('staff.registration_deadline')).toHaveLength(0);
  clock = china(dayBefore, 8, 1);
  await tickBoth();
  const deadline = await noticesOf('staff.registration_deadline');
  expect(deadline).toHaveLength(1);
  expect(String(deadline[0]!.userId)).toBe(staff.userId);
  expect(deadline[0]!.page).toBe(`/packages/staff/pages/registration-detail/index?id=${pending.id}`);

  // The follow-up date of the approved one: one reminder to staff, and not again the next days.
  clock = china(followUpOn, 8, 30);
  await tickBoth();
  clock += 24 * HOUR;
  await tickBoth();
  const follow = await noticesOf('staff.follow_up_due');
  expect(follow).toHaveLength(1);
  expect(follow[0]!.page).toContain(done.id);
});
