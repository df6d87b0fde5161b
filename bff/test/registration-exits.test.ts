import { REGISTRATION_COMMITMENT, retirementDate, SENSITIVE_CONSENT, STAFF_EXIT_REASONS, WORKER_EXIT_REASONS } from '@doorstep/shared';
import { RegistrationService } from '../src/modules/registration/service';
import { must, nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { employerSession, gigBody, staffSession } from './support/gig-helpers';
import { idNumber } from './support/ids';

/**
 * Issue 12, items 2–4 over HTTP: 窗口代办 claimed on the phone, every 第六十三条 exit (who may record
 * which, what it stops), the retirement-day close (injected clock, run twice and on two instances),
 * 就业登记 closing the registration and stopping the claim, and 就业转失业 on the dashboard.
 */

// 2026-03-10 09:00 in China (a Tuesday).
const T0 = Date.parse('2026-03-10T09:00:00+08:00');
let clock = T0;
let t: TestApp;
let ipSeq = 0;
let seq = 300;
const ip = () => `10.12.${Math.floor(ipSeq / 200)}.${ipSeq++ % 200}`;
const login = async (phone = nextPhone()) => ({ phone, ...(await smsLogin(t, phone, ip())) });
const staffLogin = async (center: string | null) => {
  const phone = nextPhone();
  await t.services.auth.upsertStaff(phone, `经办${phone.slice(-4)}`, center, center ? 'center' : 'city');
  return (await login(phone)).accessToken;
};
const req = (method: string, path: string, token?: string, body?: unknown) => t.request(method, path, { token, body, headers: { 'x-forwarded-for': ip() } });
let staff: string;
let otherStaff: string;

const form = (id: string, over: Record<string, unknown> = {}) => ({
  realName: '王淑芬', idType: 'resident_id', idNumber: id, retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 2 号',
  hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某纺织厂', lastJobEndDate: '2026-02-28', education: 'senior',
  skills: ['缝纫'], certificates: [], desiredOccupations: ['缝纫工'], desiredDistricts: ['230102'], expectedMonthlyPay: 3500,
  workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: true, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false, ...over,
});
/** The 17th digit's parity is the sex: even (the default here) a woman, odd a man. */
const nextId = (birth = '1982-07-19', male = false) => { seq += 2; return idNumber('230102', birth, String(seq + (male ? 1 : 0)).padStart(3, '0')); };

/** A worker with a registration in 道里区, submitted and approved unless told otherwise. */
async function registered(opts: { birth?: string; male?: boolean; over?: Record<string, unknown>; approve?: boolean; token?: string } = {}) {
  const token = opts.token ?? (await login()).accessToken;
  const id = nextId(opts.birth, opts.male);
  await must(req('PUT', '/api/registration/draft', token, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(id, opts.over) }));
  const regId = (await must(req('POST', '/api/registration/submit', token, { commitmentVersion: REGISTRATION_COMMITMENT.version, commitmentAccepted: true, idempotencyKey: `exit-reg-${seq}` }))).registration.id as string;
  if (opts.approve !== false) await must(req('POST', `/api/staff/registrations/${regId}/decision`, staff, { decision: 'approve' }));
  return { token, regId, id };
}
const claimBody = () => ({
  history: [{ employer: '哈尔滨某纺织厂', from: '2020-01', to: '2026-02', monthsPaid: 72 }],
  materials: ['id_card', 'separation_proof', 'bank_card'], bankName: '中国工商银行', bankAccount: '6222021234567890123',
  commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `claim-${Math.random().toString(36).slice(2, 12)}`,
});
/** An approved 失业保险金 claim on the worker's registration. */
async function approvedClaim(token: string) {
  const id = (await must(req('POST', '/api/insurance/claim', token, claimBody()))).claim.id as string;
  await must(req('POST', `/api/staff/insurance-claims/${id}/decision`, staff, { decision: 'approve' }));
  return id;
}
const claimOf = async (token: string) => (await must(req('GET', '/api/insurance/claim', token))).claim;
const counterBody = (id: string, phone: string, over: Record<string, unknown> = {}) => ({
  form: form(id, { realName: '刘桂兰' }), phone, idChecked: true, sensitiveConsentVersion: SENSITIVE_CONSENT.version, consentSigned: true,
  commitmentVersion: REGISTRATION_COMMITMENT.version, commitmentSigned: true, idempotencyKey: `counter-${seq}-key`, ...over,
});
const outbox = async (phone: string) => (await t.request('GET', `/api/dev/sms-outbox?phone=${phone}`)).body.messages as { text: string }[];

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => clock } });
  staff = await staffLogin('道里区公共就业服务中心');
  otherStaff = await staffLogin('南岗区公共就业服务中心');
});
afterAll(() => t.close());
beforeEach(() => { clock = T0; });

describe('窗口代办: staff register a walk-in person, who claims it on the phone', () => {
  it('records the ID check and paper signatures, keeps the 7-working-day deadline, sends the claim SMS, and binds by phone + ID number', async () => {
    const phone = nextPhone();
    const id = nextId();
    const body = counterBody(id, phone);
    // Staff of another center cannot register a 道里区 resident.
    const outside = await req('POST', '/api/staff/counter-registrations', otherStaff, body);
    expect(outside.status).toBe(400);
    expect(outside.body.error.details[0].field).toBe('form.residenceDistrict');
    // Unticked paper consent: a 400 naming the field, nothing stored.
    const unsigned = await req('POST', '/api/staff/counter-registrations', staff, { ...body, consentSigned: false });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error.details[0].field).toBe('consentSigned');

    const created = (await must(req('POST', '/api/staff/counter-registrations', staff, body))).registration;
    expect(created).toMatchObject({ status: 'submitted', dueDate: '2026-03-19', counter: { center: '道里区公共就业服务中心', claimedAt: null } });
    expect(created.counter.idCheckedAt).toBe(new Date(T0).toISOString());
    expect(created.timeline.map((e: { type: string }) => e.type)).toEqual(['counter_created']);
    // A retry of the same tap is the same registration.
    expect((await must(req('POST', '/api/staff/counter-registrations', staff, body))).registration.id).toBe(created.id);
    expect(await t.services.registrations.Registration.countDocuments({ 'counter.phoneHash': t.services.pii.blindIndex('phone', phone) })).toBe(1);
    const sms = await outbox(phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toContain('窗口为你办理的登记');
    expect(sms[0]!.text).not.toContain(id);
    // It is in the center's queue like any submission.
    const queue = await must(req('GET', '/api/staff/registrations', staff));
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(created.id);

    // Another account (another phone) sees nothing and cannot claim it, even with the right ID number.
    const stranger = await login();
    expect((await must(req('GET', '/api/registration/counter-claims', stranger.accessToken))).items).toEqual([]);
    expect((await req('POST', '/api/registration/counter-claims/claim', stranger.accessToken, { id: created.id, idNumber: id })).status).toBe(404);

    // The person signs in with the phone given at the counter.
    const me = await login(phone);
    const claims = await must(req('GET', '/api/registration/counter-claims', me.accessToken));
    expect(claims.items).toEqual([expect.objectContaining({ id: created.id, center: '道里区公共就业服务中心', nameMasked: '刘**' })]);
    const wrong = await req('POST', '/api/registration/counter-claims/claim', me.accessToken, { id: created.id, idNumber: nextId() });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].field).toBe('idNumber');
    const claimed = (await must(req('POST', '/api/registration/counter-claims/claim', me.accessToken, { id: created.id, idNumber: id.toLowerCase() }))).registration;
    expect(claimed.counter.claimedAt).not.toBeNull();
    expect((await must(req('GET', '/api/registration/counter-claims', me.accessToken))).items).toEqual([]);
    // From now on it is theirs like a self-filed one: current registration, staff approval notifies them, record.
    const mine = (await must(req('GET', '/api/registration', me.accessToken))).registration;
    expect(mine).toMatchObject({ id: created.id, status: 'submitted' });
    await must(req('POST', `/api/staff/registrations/${created.id}/decision`, staff, { decision: 'approve' }));
    expect((await must(req('GET', '/api/notifications', me.accessToken))).items.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['registration.claimed', 'registration.approved']));
    expect((await must(req('GET', '/api/registration/record', me.accessToken))).nameMasked).toBe('刘**');
    // And they can draw 失业保险金 on it.
    expect((await req('POST', '/api/insurance/claim', me.accessToken, claimBody())).status).toBe(200);
  });

  it('may be approved at once, still one active registration per person', async () => {
    const id = nextId();
    const now = (await must(req('POST', '/api/staff/counter-registrations', staff, counterBody(id, nextPhone(), { approveNow: true })))).registration;
    expect(now.status).toBe('approved');
    expect(now.recordNo).toMatch(/^\d{20}$/);
    seq += 0;
    const again = await req('POST', '/api/staff/counter-registrations', staff, counterBody(id, nextPhone(), { approveNow: true, idempotencyKey: 'another-key-123' }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ID_ALREADY_ACTIVE');
  });
});

describe('every lawful exit (第六十三条)', () => {
  it('lets the worker declare each of their reasons, with the facts each needs', async () => {
    const facts: Record<string, Record<string, unknown>> = {
      employed: { employer: '哈尔滨某物流公司', employedOn: '2026-03-09' }, self_employed: { employer: '王记早点铺', employedOn: '2026-03-01' },
      stable_income: { monthlyIncome: 1860 }, enrolled: { eventDate: '2026-03-01' }, military: { eventDate: '2026-03-05' }, emigrated: {}, pension: {}, cancel: {},
    };
    expect([...WORKER_EXIT_REASONS].sort()).toEqual(Object.keys(facts).sort());
    for (const reason of WORKER_EXIT_REASONS) {
      const w = await registered();
      const r = (await must(req('POST', '/api/registration/exit', w.token, { reason, ...facts[reason] }))).registration;
      expect([reason, r.status, r.exit.reason, r.exit.by]).toEqual([reason, 'exited', reason, 'worker']);
      expect(r.timeline.at(-1)).toMatchObject({ type: 'exited' });
    }
  });

  it('checks stable income against the minimum-wage setting, and refuses staff-only reasons from the worker', async () => {
    const w = await registered();
    const low = await req('POST', '/api/registration/exit', w.token, { reason: 'stable_income', monthlyIncome: 1859 });
    expect(low.status).toBe(400);
    expect(low.body.error.details[0].field).toBe('monthlyIncome');
    expect(low.body.error.message).toContain('1860');
    const missing = await req('POST', '/api/registration/exit', w.token, { reason: 'employed' });
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toEqual(['employer', 'employedOn']);
    for (const reason of ['imprisoned', 'no_contact', 'incapacitated', 'employment_registered', 'retirement_age']) {
      const r = await req('POST', '/api/registration/exit', w.token, { reason, note: '说明' });
      expect([reason, r.status]).toEqual([reason, 400]);
    }
    // The city raises the minimum wage: the same income no longer counts.
    const city = await staffLogin(null);
    await must(req('PUT', '/api/staff/settings/insurance-standard', city, { minWageMonthly: 2000, sharePercent: 90, dibaoMonthly: 739 }));
    expect((await req('POST', '/api/registration/exit', w.token, { reason: 'stable_income', monthlyIncome: 1900 })).status).toBe(400);
    expect((await req('POST', '/api/registration/exit', w.token, { reason: 'stable_income', monthlyIncome: 2000 })).status).toBe(200);
    await must(req('PUT', '/api/staff/settings/insurance-standard', city, { minWageMonthly: 1860, sharePercent: 90, dibaoMonthly: 739 }));
  });

  it('lets staff of the center record each staff reason; the ones needing an explanation require it; another center gets 404', async () => {
    const facts: Record<string, Record<string, unknown>> = {
      employed: { employer: '某公司', employedOn: '2026-03-02' }, self_employed: { employer: '某店', employedOn: '2026-03-02' }, stable_income: { monthlyIncome: 3000 },
      pension: {}, incapacitated: { note: '经劳动能力鉴定为完全丧失劳动能力' }, enrolled: {}, military: {}, emigrated: {}, imprisoned: { eventDate: '2026-03-01' },
      cancel: {}, refused_service: { note: '三次拒绝推荐岗位且明确表示不需要服务' }, other: { note: '死亡（户籍注销）' },
    };
    for (const reason of STAFF_EXIT_REASONS.filter((r) => r !== 'no_contact')) {
      const w = await registered();
      expect((await req('POST', `/api/staff/registrations/${w.regId}/exit`, otherStaff, { reason, ...facts[reason] })).status).toBe(404);
      if (facts[reason]!.note) {
        const noNote = await req('POST', `/api/staff/registrations/${w.regId}/exit`, staff, { reason });
        expect([reason, noNote.status, noNote.body.error.details[0].field]).toEqual([reason, 400, 'note']);
      }
      const r = (await must(req('POST', `/api/staff/registrations/${w.regId}/exit`, staff, { reason, ...facts[reason] }))).registration;
      expect([reason, r.exit.reason, r.exit.by]).toEqual([reason, reason, 'staff']);
      expect(r.timeline.at(-1).type).toBe('closed');
      expect(r.timeline.at(-1).reason).toContain('第六十三条');
    }
    const w = await registered();
    expect((await req('POST', `/api/staff/registrations/${w.regId}/exit`, staff, { reason: 'employment_registered', employer: 'x', employedOn: '2026-03-01' })).status).toBe(400);
  });

  it('closes for 6 months without contact only when the contact history shows it; an unanswered call is no contact', async () => {
    const w = await registered(); // submitted 2026-03-10
    expect((await req('GET', `/api/staff/registrations/${w.regId}/contacts`, otherStaff)).status).toBe(404);
    // Sessions end 90 days after login (by the same clock): staff sign in again after each jump.
    const staffAt = async (iso: string) => { clock = Date.parse(iso); return staffLogin('道里区公共就业服务中心'); };
    const tooSoon = await req('POST', `/api/staff/registrations/${w.regId}/exit`, staff, { reason: 'no_contact' });
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.error.code).toBe('CONTACT_TOO_RECENT');
    let s = await staffAt('2026-05-12T10:00:00+08:00');
    await must(req('POST', `/api/staff/registrations/${w.regId}/follow-ups`, s, { channel: 'phone', outcome: '电话接通，仍在找工作', nextDate: '2026-06-01' }));
    s = await staffAt('2026-07-20T10:00:00+08:00');
    await must(req('POST', `/api/staff/registrations/${w.regId}/follow-ups`, s, { channel: 'phone', outcome: '无人接听', reached: false }));
    const history = await must(req('GET', `/api/staff/registrations/${w.regId}/contacts`, s));
    expect(history.items.map((i: { kind: string }) => i.kind)).toEqual(['follow_up_unreached', 'follow_up', 'registration']);
    expect(history.lastContact).toBe('2026-05-12');
    expect(history.noContact).toMatchObject({ allowed: false, from: '2026-11-12' });
    s = await staffAt('2026-11-11T10:00:00+08:00');
    expect((await req('POST', `/api/staff/registrations/${w.regId}/exit`, s, { reason: 'no_contact' })).status).toBe(400);
    s = await staffAt('2026-11-12T10:00:00+08:00');
    const closed = (await must(req('POST', `/api/staff/registrations/${w.regId}/exit`, s, { reason: 'no_contact' }))).registration;
    expect(closed.exit).toMatchObject({ reason: 'no_contact', clause: '（九）' });
  });

  it('stops the claim for the reason each exit gives (社会保险法 第五十一条, 失业保险条例 第十五条)', async () => {
    const cases: [string, 'worker' | 'staff', Record<string, unknown>, string, string][] = [
      ['employed', 'worker', { employer: '某公司', employedOn: '2026-03-09' }, 'reemployed', '2026-04'],
      ['military', 'worker', { eventDate: '2026-03-05' }, 'military', '2026-04'],
      ['emigrated', 'worker', {}, 'emigrated', '2026-04'],
      ['pension', 'staff', {}, 'pension', '2026-04'],
      ['imprisoned', 'staff', { eventDate: '2026-02-20' }, 'imprisoned', '2026-03'],
      ['cancel', 'worker', {}, 'registration_ended', '2026-04'],
    ];
    for (const [reason, who, extra, stop, from] of cases) {
      const w = await registered();
      await approvedClaim(w.token);
      if (who === 'worker') await must(req('POST', '/api/registration/exit', w.token, { reason, ...extra }));
      else await must(req('POST', `/api/staff/registrations/${w.regId}/exit`, staff, { reason, ...extra }));
      // onExited runs after the registration's section: wait for it.
      let c = await claimOf(w.token);
      for (let i = 0; i < 50 && c.status !== 'stopped'; i++) { await new Promise((r) => setTimeout(r, 50)); c = await claimOf(w.token); }
      expect([reason, c.status, c.stop?.reason, c.stop?.fromMonth]).toEqual([reason, 'stopped', stop, from]);
    }
  });
});

describe('reaching the statutory retirement age', () => {
  it('closes the registration on that day, once, with one notice, however often and on however many instances it runs', async () => {
    // A man born 1966-01-15 retires at 60 years 4 months (2025 reform): 2026-05-15.
    const w = await registered({ birth: '1966-01-15', male: true });
    const other = await registered({ birth: '1976-06-01', male: true });
    await approvedClaim(w.token);
    const before = await t.services.registrations.closeAtRetirement(new Date('2026-05-14T23:00:00+08:00'));
    expect(before.closed).toBe(0);
    const day = new Date('2026-05-15T00:10:00+08:00');
    clock = day.getTime();
    // A second BFF instance over the same database: its own service object, the same collections.
    const s = t.services;
    const instance2 = new RegistrationService({ conn: t.conn, pii: s.pii, audit: s.audit, calendar: s.calendar, notifier: s.notifier, verifyBaseUrl: 'http://x', now: () => clock, onExited: (reg) => s.insurance.onRegistrationExited(reg) });
    const [a, b] = await Promise.all([s.registrations.closeAtRetirement(day), instance2.closeAtRetirement(day)]);
    const again = await s.registrations.closeAtRetirement(day);
    expect(a.closed + b.closed + again.closed).toBe(1);
    const reg = (await must(req('GET', '/api/registration', w.token))).registration;
    expect(reg).toMatchObject({ status: 'exited', exit: { reason: 'retirement_age', eventDate: '2026-05-15', by: 'system' } });
    expect(reg.timeline.filter((e: { type: string }) => e.type === 'auto_closed')).toHaveLength(1);
    const notices = (await must(req('GET', '/api/notifications', w.token))).items.filter((n: { kind: string }) => n.kind === 'registration.auto_closed');
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toContain('法定退休年龄');
    let c = await claimOf(w.token);
    for (let i = 0; i < 50 && c.status !== 'stopped'; i++) { await new Promise((r) => setTimeout(r, 50)); c = await claimOf(w.token); }
    expect(c.stop).toMatchObject({ reason: 'retirement_age', fromMonth: '2026-06' });
    expect((await must(req('GET', '/api/registration', other.token))).registration.status).toBe('approved');
  });

  it('is a job of the app\'s scheduler: the hourly run closes it, recorded once in job_runs', async () => {
    // A woman worker born 1976-03-20: her statutory retirement day under the 2025 reform (shared rule).
    const retires = retirementDate('1976-03-20', 'female_worker').date;
    const w = await registered({ birth: '1976-03-20', male: false, over: { retirementCategory: 'female_worker' } });
    clock = Date.parse(`${retires}T00:00:00+08:00`) - 30 * 60_000;
    expect((await t.scheduler.tick())['retirement-close']).toMatchObject({ closed: 0 });
    expect((await must(req('GET', '/api/registration', w.token))).registration.status).toBe('approved');
    clock = Date.parse(`${retires}T00:05:00+08:00`);
    const [x, y] = await Promise.all([t.scheduler.tick(), t.scheduler.tick()]);
    expect([x['retirement-close'], y['retirement-close']].filter(Boolean)).toHaveLength(1);
    expect((await t.scheduler.tick())['retirement-close']).toBeUndefined(); // this hour's run is done
    expect((await must(req('GET', '/api/registration', w.token))).registration).toMatchObject({ status: 'exited', exit: { reason: 'retirement_age', eventDate: retires } });
    expect(await t.conn.collection('job_runs').countDocuments({ job: 'retirement-close', slot: `${retires}T00` })).toBe(1);
  });
});

describe('就业登记', () => {
  it('by the worker: closes the registration with the matching reason and stops the claim; a repeat is the same record', async () => {
    const w = await registered();
    await approvedClaim(w.token);
    const body = { employerName: '哈尔滨某物流有限公司', startDate: '2026-03-09', kind: 'labor_contract' };
    const r = await must(req('POST', '/api/employment', w.token, body));
    expect(r.registration).toMatchObject({ status: 'exited', exit: { reason: 'employed', employer: '哈尔滨某物流有限公司' } });
    expect(r.registration.timeline.at(-1).type).toBe('employment_recorded');
    const again = await must(req('POST', '/api/employment', w.token, body));
    expect(again.employment.id).toBe(r.employment.id);
    expect((await must(req('GET', '/api/employment', w.token))).items).toHaveLength(1);
    let c = await claimOf(w.token);
    for (let i = 0; i < 50 && c.status !== 'stopped'; i++) { await new Promise((r2) => setTimeout(r2, 50)); c = await claimOf(w.token); }
    expect(c.stop).toMatchObject({ reason: 'reemployed', fromMonth: '2026-04' });
    expect((await req('POST', '/api/employment', w.token, { ...body, startDate: '2026-03-11' })).body.error.details[0].field).toBe('startDate');
    // 灵活就业 closes with （十）已进行就业登记.
    const f = await registered();
    expect((await must(req('POST', '/api/employment', f.token, { employerName: '平台配送', startDate: '2026-03-01', kind: 'flexible' }))).registration.exit.reason).toBe('employment_registered');
  });

  it('by the employer: for a worker hired from a gig application, or by phone + ID number', async () => {
    const staffS = await staffSession(t);
    const emp = await employerSession(t, { staff: staffS });
    const w = await registered();
    await approvedClaim(w.token);
    const gig = (await must(req('POST', '/api/employer/gigs', emp.token, gigBody()), 201)).gig.id as string;
    await must(req('POST', `/api/gigs/${gig}/apply`, w.token));
    const app = (await must(req('GET', '/api/me/gig-applications', w.token))).items[0].id as string;
    expect((await req('POST', '/api/employer/employments', emp.token, { applicationId: app, startDate: '2026-03-10', kind: 'labor_contract' })).status).toBe(400); // not hired yet
    await must(req('POST', `/api/employer/gig-applications/${app}/accept`, emp.token));
    const other = await employerSession(t, { staff: staffS, profile: { name: '张三家政', kind: 'household', creditCode: undefined } });
    expect((await req('POST', '/api/employer/employments', other.token, { applicationId: app, startDate: '2026-03-10', kind: 'labor_contract' })).status).toBe(404);
    const r = await must(req('POST', '/api/employer/employments', emp.token, { applicationId: app, startDate: '2026-03-10', kind: 'labor_contract' }));
    expect(r.registration).toBeNull(); // the employer never sees the worker's registration
    expect((await must(req('GET', '/api/registration', w.token))).registration.exit).toMatchObject({ reason: 'employed', by: 'employer', employer: '哈尔滨顺达物流有限公司' });
    expect((await must(req('GET', '/api/employer/employments', emp.token))).items).toEqual([expect.objectContaining({ workerNameMasked: '王**', kindLabel: '劳动合同' })]);
    expect((await must(req('GET', '/api/notifications', w.token))).items.map((n: { kind: string }) => n.kind)).toContain('employment.recorded');

    // By phone + ID number: both must match the same person.
    const p = await login();
    const pr = await registered({ token: p.accessToken });
    expect((await req('POST', '/api/employer/employments', emp.token, { phone: p.phone, idNumber: nextId(), startDate: '2026-03-10', kind: 'public_welfare' })).status).toBe(404);
    expect((await req('POST', '/api/employer/employments', emp.token, { phone: nextPhone(), idNumber: pr.id, startDate: '2026-03-10', kind: 'public_welfare' })).status).toBe(404);
    await must(req('POST', '/api/employer/employments', emp.token, { phone: p.phone, idNumber: pr.id, startDate: '2026-03-10', kind: 'public_welfare' }));
    expect((await must(req('GET', '/api/registration', p.accessToken))).registration.status).toBe('exited');
  });

  it('就业转失业: a registration filed after the job links to the earlier one, asks why the job ended, and the dashboard counts it', async () => {
    const month = '2026-04';
    clock = Date.parse('2026-04-01T09:00:00+08:00');
    const w = await registered();
    await must(req('POST', '/api/employment', w.token, { employerName: '某超市', startDate: '2026-04-01', kind: 'labor_contract' }));
    clock = Date.parse('2026-04-20T09:00:00+08:00');
    const id = nextId();
    await must(req('PUT', '/api/registration/draft', w.token, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(id, { unemploymentReason: 'graduate', lastJobEndDate: undefined }) }));
    const noReason = await req('POST', '/api/registration/submit', w.token, { commitmentVersion: REGISTRATION_COMMITMENT.version, commitmentAccepted: true, idempotencyKey: 'zhuan-1-key' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].field).toBe('form.unemploymentReason');
    expect(noReason.body.error.message).toContain('某超市');
    await must(req('PUT', '/api/registration/draft', w.token, { form: { unemploymentReason: 'dismissed', lastEmployer: '某超市', lastJobEndDate: '2026-04-15' } }));
    const filed = (await must(req('POST', '/api/registration/submit', w.token, { commitmentVersion: REGISTRATION_COMMITMENT.version, commitmentAccepted: true, idempotencyKey: 'zhuan-2-key' }))).registration;
    expect(filed.reemployment).toEqual({ previousRegistrationId: w.regId, employer: '某超市', startDate: '2026-04-01', kind: 'labor_contract' });
    await must(req('POST', `/api/staff/registrations/${filed.id}/decision`, staff, { decision: 'approve' }));
    await registered(); // an ordinary new registration in the same month

    // Independently: approvals of the month in 道里 center that carry a link to a recorded job.
    const from = new Date(`${month}-01T00:00:00+08:00`);
    const to = new Date('2026-05-01T00:00:00+08:00');
    const all = await t.conn.db!.collection('registrations').find({}).toArray();
    const expected = all.filter((r) => r.centerCode && r.approvedAt && r.approvedAt >= from && r.approvedAt < to && r.reemployment?.employmentId && r.district === '230102').length;
    expect(expected).toBe(1);
    const d = await must(req('GET', `/api/staff/stats?month=${month}&refresh=true`, staff));
    expect(d.registrations.fromEmploymentThisMonth).toBe(expected);
    expect(d.registrations.newThisMonth).toBe(all.filter((r) => r.approvedAt && r.approvedAt >= from && r.approvedAt < to && r.district === '230102').length);
  });
});
