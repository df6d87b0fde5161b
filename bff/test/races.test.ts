import { ELIGIBILITY_ID_CONSENT, HOME_LOCATION_CONSENT, SENSITIVE_CONSENT } from '@doorstep/shared';
import { SAMPLE_POLICIES } from '@doorstep/shared';
import { regionModel } from '../src/modules/regions/model';
import { idNumber } from './support/ids';
const idNumber_ = idNumber;
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { DAOLI, GIG_NOW, TODAY, gigBody, onboardBody } from './support/gig-helpers';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in';

/**
 * Exactly one effect under 20 identical parallel calls, for every state-changing route.
 *
 * For each route two identical scenarios are prepared (A and B). A gets one call, B gets 20 identical
 * calls at once; the change each made to the whole database (documents added, changed, removed, in
 * every collection: statuses, counters, amounts, ratings, audit entries, notifications, SMS …) is
 * normalised (ids, times, ciphertexts and hashes blanked) and must be the same. A route without a
 * scenario fails the test.
 */
jest.setTimeout(240_000);

interface Call { method: string; path: string; body?: unknown; token?: string; headers?: Record<string, string> }
interface Scenario { prepare: () => Promise<Call>; ignore?: string[]; why?: string }

/** Collections that are mechanism, not effect: leases, fences, limiter counters, cached snapshots. */
const MECHANISM = new Set(['locks', 'fences', 'rate_limits', 'stats_snapshots']);
/** In added or removed documents numbers are shape, not value (A and B run one after the other). */
const numbersBlank = (_k: string, v: unknown) => (typeof v === 'number' ? '#' : v);
const VOLATILE_KEYS = new Set(['_id', 'createdAt', 'updatedAt', 'rev', '__v', 'expiresAt', 'lastSeenAt']);

function normalise(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (v instanceof Date) return '<date>';
  if (typeof v === 'object' && (v as { _bsontype?: string })._bsontype === 'ObjectId') return '<id>';
  if (Array.isArray(v)) return v.map(normalise);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) if (!VOLATILE_KEYS.has(k)) out[k] = normalise((v as Record<string, unknown>)[k]);
    return out;
  }
  if (typeof v === 'string') {
    if (/^[0-9a-f]{24}$/.test(v)) return '<id>';
    // Ciphertexts, blind indexes, token hashes, one-time codes: differ between A and B by construction.
    if (/^[A-Za-z0-9+/=_.:-]{32,}$/.test(v)) return '<opaque>';
    // Names, phones and keys made per scenario carry sequence numbers.
    return v.replace(/[0-9a-f]{24}/g, '<id>').replace(/\d+/g, '#');
  }
  return v;
}

/** Path → value of a normalised document (numbers kept as numbers so changes can be told as deltas). */
function flatten(v: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k.replace(/\d+/g, '#')}` : k.replace(/\d+/g, '#'), out);
  } else out[prefix] = v;
  return out;
}

/** One line per changed field: numbers as their change (+1), lists as the items added and removed, the rest before → after. */
function change(before: unknown, after: unknown): string {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => {
    const x = a[k];
    const y = b[k];
    if (typeof x === 'number' && typeof y === 'number') return `${k} ${y - x >= 0 ? '+' : ''}${y - x}`;
    if (Array.isArray(x) && Array.isArray(y)) {
      const items = (xs: unknown[]) => xs.map((e) => JSON.stringify(e, numbersBlank));
      const left = items(x);
      const right = items(y);
      const added = right.filter((e) => { const i = left.indexOf(e); if (i >= 0) { left.splice(i, 1); return false; } return true; });
      return `${k} +${JSON.stringify(added.sort())} -${JSON.stringify(left.sort())}`;
    }
    return `${k}: ${JSON.stringify(x, numbersBlank)} → ${JSON.stringify(y, numbersBlank)}`;
  }).join('; ');
}

type Snapshot = Map<string, Map<string, unknown>>;
async function snapshot(t: TestApp): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const { name } of await t.conn.db!.listCollections().toArray()) {
    if (MECHANISM.has(name)) continue;
    const docs = await t.conn.db!.collection(name).find({}).toArray();
    out.set(name, new Map(docs.map((d) => [String(d._id), normalise(d)])));
  }
  return out;
}


/** What changed between two snapshots, as a sorted list of normalised lines (no ids). */
function diff(a: Snapshot, b: Snapshot, ignore: string[] = []): string[] {
  const lines: string[] = [];
  for (const [name, docs] of b) {
    if (ignore.includes(name)) continue;
    const before = a.get(name) ?? new Map<string, unknown>();
    for (const [id, doc] of docs) {
      const old = before.get(id);
      if (old === undefined) lines.push(`${name} + ${JSON.stringify(doc, numbersBlank)}`);
      else if (JSON.stringify(old) !== JSON.stringify(doc)) lines.push(`${name} ~ ${change(old, doc)}`);
    }
    for (const [id, doc] of before) if (!docs.has(id)) lines.push(`${name} - ${JSON.stringify(doc, numbersBlank)}`);
  }
  return lines.sort();
}

let t: TestApp;
let wx: WechatStandIn;
let ipSeq = 0;
const ip = () => `10.44.${Math.floor(++ipSeq / 200)}.${ipSeq % 200}`;
const must = async (res: Promise<{ status: number; body: any }>, status = 200) => {
  const r = await res;
  if (r.status !== status) throw new Error(`scenario step answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};
const req = (method: string, path: string, token?: string, body?: unknown) => t.request(method, path, { token, body, headers: { 'x-forwarded-for': ip() } });
const worker = async () => { const s = await smsLogin(t, nextPhone(), ip()); return { token: s.accessToken, refresh: s.refreshToken, id: s.user.id }; };
const asEmployer = async (token: string) => (await must(req('POST', '/api/me/role', token, { role: 'employer' }))).accessToken as string;
let staffS: string;
let householdSeq = 600;
const householdBody = () => {
  householdSeq += 2;
  const id = (n: number) => idNumber('230102', '1975-08-20', String(n).padStart(3, '0'));
  return {
    district: '230102', street: '兆麟街道', address: '示例路 8 号 2 单元 301',
    members: [
      { name: '张建国', idNumber: id(householdSeq), relation: '户主', ableToWork: true, wantsWork: true, employed: false },
      { name: '李秀兰', idNumber: id(householdSeq + 1), relation: '配偶', ableToWork: true, wantsWork: true, employed: false },
    ],
  };
};
let staffSId: string;
let cityC: string;
const staffLogin = async (center: string | null) => {
  const phone = nextPhone();
  await t.services.auth.upsertStaff(phone, '并发经办', center, center ? 'center' : 'city');
  return (await smsLogin(t, phone, ip())).accessToken;
};

let regSeq = 100;
const regForm = (id: string) => ({
  realName: '张建国', idType: 'resident_id', idNumber: id, retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 1 号',
  hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: '2026-01-31', education: 'senior',
  skills: ['电焊'], certificates: [], desiredOccupations: ['焊工'], desiredDistricts: ['230102'], expectedMonthlyPay: 4500,
  workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
});
/** A worker with a registration: drafted, submitted, or approved by the 道里 center. */
async function registered(stage: 'draft' | 'submitted' | 'approved') {
  const w = await worker();
  regSeq += 2;
  await must(req('PUT', '/api/registration/draft', w.token, { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: regForm(idNumber('230102', '1986-04-12', String(regSeq).padStart(3, '0'))) }));
  if (stage === 'draft') return { ...w, regId: '' };
  const regId = (await must(req('POST', '/api/registration/submit', w.token, { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `race-${regSeq}-key` }))).registration.id as string;
  if (stage === 'approved') await must(req('POST', `/api/staff/registrations/${regId}/decision`, staffS, { decision: 'approve' }));
  return { ...w, regId };
}
let empSeq = 0;
async function employer(verified = true) {
  const token = await asEmployer((await worker()).token);
  empSeq += 1;
  const id = (await must(req('POST', '/api/employer/profile', token, onboardBody({ kind: 'household', name: `刘家${empSeq}`, creditCode: undefined })))).employer.id as string;
  if (verified) await must(req('POST', `/api/staff/employers/${id}/review`, staffS, { decision: 'approve' }));
  return { token, id };
}
/** A gig by a verified employer, and a worker's application in the stage asked for. */
async function application(stage: 'applied' | 'accepted' | 'checked_in' | 'completed' | 'settled') {
  const emp = await employer();
  const gig = (await must(req('POST', '/api/employer/gigs', emp.token, gigBody()), 201)).gig.id as string;
  const w = await worker();
  await must(req('POST', `/api/gigs/${gig}/apply`, w.token));
  const app = (await must(req('GET', '/api/me/gig-applications', w.token))).items[0].id as string;
  const steps = ['accept', 'check-in', 'complete'] as const;
  const upto = { applied: 0, accepted: 1, checked_in: 2, completed: 3, settled: 3 }[stage];
  for (const s of steps.slice(0, upto)) await must(req('POST', `/api/employer/gig-applications/${app}/${s}`, emp.token));
  if (stage === 'settled') {
    await must(req('POST', `/api/employer/gig-applications/${app}/settle`, emp.token, { amount: 200 }));
    await must(req('POST', `/api/me/gig-applications/${app}/confirm-pay`, w.token, { amount: 200 }));
  }
  return { emp, gig, w, app };
}
async function policyApplication(stage: 'submitted' | 'returned') {
  const w = await registered('approved');
  const policy = (await t.services.policies.models.Policy.findOne({ slug: 'unemployment-benefit' }).lean())!._id.toString();
  const id = (await must(req('POST', `/api/policies/${policy}/apply`, w.token, { answers: { insuredYears: 3 } }), 201)).id as string;
  if (stage === 'returned') await must(req('POST', `/api/staff/policy-applications/${id}/decide`, staffS, { decision: 'return', reason: '请补充材料' }));
  return { w, id, policy };
}
/** A worker's 失业保险金 claim on an approved registration: filed, or approved by the 道里 center; with the person's ID number. */
async function insuranceClaim(stage: 'submitted' | 'approved') {
  const w = await registered('approved');
  const id = idNumber('230102', '1986-04-12', String(regSeq).padStart(3, '0'));
  const claim = (await must(req('POST', '/api/insurance/claim', w.token, claimBody(`race-claim-${regSeq}`)))).claim.id as string;
  const monthly = stage === 'approved' ? (await must(req('POST', `/api/staff/insurance-claims/${claim}/decision`, staffS, { decision: 'approve' }))).claim.monthlyAmount as number : 0;
  return { w, claim, id, monthly };
}
/** A worker's 就业困难人员认定 on an approved registration: filed, or approved by the 道里 center with one plan step of the kind asked for. */
let assistSeq = 0;
async function recognition(stage: 'submitted' | 'approved', stepKind = 'job_referral', referrals = 0) {
  const w = await registered('approved');
  const id = (await must(req('POST', '/api/assistance/recognition', w.token, {
    categories: ['disabled'], evidence: [{ category: 'disabled', note: '残疾人证' }], sensitiveConsentVersion: SENSITIVE_CONSENT.version, idempotencyKey: `race-assist-${++assistSeq}`,
  }))).recognition.id as string;
  if (stage === 'submitted') return { w, id, step: '' };
  await must(req('POST', `/api/staff/assistance/recognitions/${id}/decision`, staffS, { decision: 'approve', validUntil: '2027-03-09' }));
  const step = (await must(req('POST', `/api/staff/assistance/recognitions/${id}/steps`, staffS, { kind: stepKind, title: '帮扶措施', dueDate: '2026-04-10' }))).recognition.plan[0].id as string;
  for (let i = 0; i < referrals; i++) await must(req('POST', `/api/staff/assistance/recognitions/${id}/steps/${step}/referrals`, staffS, { employer: `推荐单位${i}`, position: '维修电工', referredOn: TODAY }));
  return { w, id, step };
}
const claimBody = (key: string) => ({
  history: [{ employer: '哈尔滨某机械厂', from: '2020-01', to: '2026-01', monthsPaid: 72 }], materials: ['id_card', 'separation_proof', 'bank_card'],
  bankName: '中国工商银行', bankAccount: '6222021234567890123', commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: key,
});
/** A 窗口代办 call by the 道里 staff for a new person giving `phone`. */
async function counterCall(phone: string) {
  regSeq += 2;
  const idNumber = idNumber_('230102', '1984-05-06', String(regSeq).padStart(3, '0'));
  const call: Call = { method: 'POST', path: '/api/staff/counter-registrations', token: staffS, body: {
    form: regForm(idNumber), phone, idChecked: true, sensitiveConsentVersion: SENSITIVE_CONSENT.version, consentSigned: true, commitmentVersion: '2026-01', commitmentSigned: true, idempotencyKey: `race-counter-${regSeq}`,
  } };
  return { call, idNumber };
}
let slotSeq = 0;
/** A slot body of the 道里 center with its own times (slots are unique per place, day and times). */
const slotBody = (date = '2026-03-12') => {
  slotSeq += 1;
  const h = 10 + (Math.floor(slotSeq / 60) % 9);
  return { kind: 'guidance', date, startTime: `${h}:${String(slotSeq % 60).padStart(2, '0')}`, endTime: `${h + 1}:00`, capacity: 5, placeId: 'center' };
};
async function bookingSlot(date?: string) {
  return (await must(req('POST', '/api/staff/centers/SC230102/slots', staffS, slotBody(date)), 201)).slot.id as string;
}
async function booking(date?: string) {
  const slot = await bookingSlot(date);
  const w = await worker();
  const id = (await must(req('POST', `/api/booking-slots/${slot}/book`, w.token))).booking.id as string;
  return { id, token: w.token, slot };
}
/** A booking of today's slot that the 道里 staff marked 到场 (a case that can be rated). */
async function attended() {
  const b = await booking(TODAY);
  await must(req('POST', `/api/staff/bookings/${b.id}/attendance`, staffS, { attended: true }));
  return b;
}
let serialSeq = 0;
let slugSeq = 0;
let wageSeq = 0;
let standardSeq = 0;
async function draftPolicy() {
  slugSeq += 1;
  const base = SAMPLE_POLICIES[0]!;
  const p = await must(req('POST', '/api/staff/policies', cityC, { ...base, slug: `race-policy-${slugSeq}`, title: `${base.title}（并发）` }), 201);
  return p.id as string;
}

const vacancyBody = (over: Record<string, unknown> = {}) => ({
  title: '物业维修电工', occupation: '电工', kind: 'full_time', payMin: 3800, payMax: 5200, payUnit: 'month', place: { ...DAOLI, address: '道里区安静街 10 号物业中心' },
  hours: '8:30–17:30，做五休二', requirements: '', skills: [], headcount: 2, closingDate: '2026-04-10', contactName: '王经理', contactPhone: '13800000222', ...over,
});
/** A vacancy of a verified employer and, unless told otherwise, a registered worker's application to it. */
async function vacancyApplication(withApplication = true) {
  const emp = await employer();
  const vacancy = (await must(req('POST', '/api/employer/vacancies', emp.token, vacancyBody()), 201)).vacancy.id as string;
  const w = await registered('approved');
  const app = withApplication ? (await must(req('POST', `/api/vacancies/${vacancy}/apply`, w.token, {}), 201)).application.id as string : '';
  return { emp, vacancy, w, app };
}

const SCENARIOS: Record<string, Scenario> = {
  'post /api/auth/sms/send': { prepare: async () => ({ method: 'POST', path: '/api/auth/sms/send', body: { phone: nextPhone() } }) },
  'post /api/auth/sms/login': {
    prepare: async () => {
      const phone = nextPhone();
      const headers = { 'x-forwarded-for': ip() };
      await t.request('POST', '/api/auth/sms/send', { body: { phone }, headers });
      const code = /(\d{6})/.exec((await t.request('GET', `/api/dev/sms-outbox?phone=${phone}`)).body.messages[0].text)![1];
      return { method: 'POST', path: '/api/auth/sms/login', body: { phone, code }, headers };
    },
  },
  'post /api/auth/wechat/login': { prepare: async () => ({ method: 'POST', path: '/api/auth/wechat/login', body: { code: `ok:race-${nextPhone()}` } }) },
  'post /api/auth/wechat/phone': {
    prepare: async () => {
      const s = await must(req('POST', '/api/auth/wechat/login', undefined, { code: `ok:race-phone-${nextPhone()}` }));
      return { method: 'POST', path: '/api/auth/wechat/phone', token: s.accessToken, body: { code: `phone:${nextPhone()}` } };
    },
  },
  'post /api/auth/refresh': { prepare: async () => ({ method: 'POST', path: '/api/auth/refresh', body: { refreshToken: (await worker()).refresh } }) },
  'post /api/auth/logout': { prepare: async () => { const w = await worker(); return { method: 'POST', path: '/api/auth/logout', token: w.token, body: { refreshToken: w.refresh } }; } },
  'post /api/me/role': {
    // Each call answers a session for the device that asked (tokens are not a duplicated effect); the role changes once.
    ignore: ['refresh_tokens'],
    prepare: async () => ({ method: 'POST', path: '/api/me/role', token: (await worker()).token, body: { role: 'employer' } }),
  },
  'post /api/notifications/:id/read': {
    prepare: async () => {
      const { w } = await application('accepted');
      const n = (await must(req('GET', '/api/notifications', w.token))).items[0].id;
      return { method: 'POST', path: `/api/notifications/${n}/read`, token: w.token };
    },
  },
  'post /api/me/delete': {
    prepare: async () => {
      const w = await worker();
      await must(req('PUT', '/api/me/availability', w.token, { availableToday: true, categories: ['搬运装卸'], homeDistrict: '230102', home: DAOLI, elder: false, commitmentAgreed: true, sensitiveConsentVersion: HOME_LOCATION_CONSENT.version }));
      return { method: 'POST', path: '/api/me/delete', token: w.token, body: { confirm: '注销' } };
    },
  },
  'post /api/notifications/read-all': {
    prepare: async () => {
      const { w } = await application('accepted');
      await t.services.notifier.notify(w.id, { kind: 'gig.applied', title: '第二条', body: '打开看看' });
      return { method: 'POST', path: '/api/notifications/read-all', token: w.token };
    },
  },
  'post /api/notifications/subscriptions': {
    prepare: async () => ({ method: 'POST', path: '/api/notifications/subscriptions', token: (await worker()).token, body: { requestId: 'race-request-0001', tap: 'gig_apply', results: { TPL_RACE: 'accept', TPL_RACE_2: 'reject' } } }),
  },
  'put /api/me/notice-settings': { prepare: async () => ({ method: 'PUT', path: '/api/me/notice-settings', token: (await worker()).token, body: { smsOptOut: ['gig.quick_hire', 'policy.application'] } }) },
  'put /api/me/availability': { prepare: async () => ({ method: 'PUT', path: '/api/me/availability', token: (await worker()).token, body: { availableToday: true, categories: ['搬运装卸'], homeDistrict: '230102', home: DAOLI, elder: false, commitmentAgreed: true, sensitiveConsentVersion: HOME_LOCATION_CONSENT.version } }) },
  'post /api/gigs/:id/apply': {
    prepare: async () => {
      const emp = await employer();
      const gig = (await must(req('POST', '/api/employer/gigs', emp.token, gigBody()), 201)).gig.id;
      return { method: 'POST', path: `/api/gigs/${gig}/apply`, token: (await worker()).token };
    },
  },
  'post /api/gigs/:id/report': {
    prepare: async () => {
      const emp = await employer();
      const gig = (await must(req('POST', '/api/employer/gigs', emp.token, gigBody()), 201)).gig.id;
      return { method: 'POST', path: `/api/gigs/${gig}/report`, token: (await worker()).token, body: { reason: 'fake', detail: '电话打不通' } };
    },
  },
  'post /api/me/gig-applications/:id/cancel': { prepare: async () => { const a = await application('applied'); return { method: 'POST', path: `/api/me/gig-applications/${a.app}/cancel`, token: a.w.token }; } },
  'post /api/me/gig-applications/:id/confirm-pay': {
    prepare: async () => {
      const a = await application('completed');
      await must(req('POST', `/api/employer/gig-applications/${a.app}/settle`, a.emp.token, { amount: 200 }));
      return { method: 'POST', path: `/api/me/gig-applications/${a.app}/confirm-pay`, token: a.w.token, body: { amount: 200 } };
    },
  },
  'post /api/me/gig-applications/:id/rate': { prepare: async () => { const a = await application('settled'); return { method: 'POST', path: `/api/me/gig-applications/${a.app}/rate`, token: a.w.token, body: { stars: 4, comment: '准时结算' } }; } },
  'post /api/employer/profile': { prepare: async () => ({ method: 'POST', path: '/api/employer/profile', token: await asEmployer((await worker()).token), body: onboardBody({ kind: 'household', name: '王家', creditCode: undefined }) }) },
  'post /api/employer/gigs': {
    // The app sends one key per 发布 tap; a double tap or a retry repeats it.
    prepare: async () => ({ method: 'POST', path: '/api/employer/gigs', token: (await employer()).token, body: gigBody({ idempotencyKey: `post-${nextPhone()}` }) }),
  },
  // 岗位: one posting per 发布 key; one application per person; one answer, one withdrawal, one close (answering the waiting once); one referral.
  'post /api/employer/vacancies': {
    prepare: async () => ({ method: 'POST', path: '/api/employer/vacancies', token: (await employer()).token, body: vacancyBody({ idempotencyKey: `vac-${nextPhone()}` }) }),
  },
  'post /api/vacancies/:id/apply': {
    prepare: async () => { const v = await vacancyApplication(false); return { method: 'POST', path: `/api/vacancies/${v.vacancy}/apply`, token: v.w.token, body: { note: '做过八年维修电工' } }; },
  },
  'post /api/vacancy-applications/:id/withdraw': {
    prepare: async () => { const v = await vacancyApplication(); return { method: 'POST', path: `/api/vacancy-applications/${v.app}/withdraw`, token: v.w.token }; },
  },
  'post /api/employer/vacancies/:id/close': {
    prepare: async () => { const v = await vacancyApplication(); return { method: 'POST', path: `/api/employer/vacancies/${v.vacancy}/close`, token: v.emp.token }; },
  },
  'post /api/employer/vacancy-applications/:id/answer': {
    prepare: async () => { const v = await vacancyApplication(); return { method: 'POST', path: `/api/employer/vacancy-applications/${v.app}/answer`, token: v.emp.token, body: { decision: 'hire', note: '下周一报到' } }; },
  },
  'post /api/staff/referrals': {
    prepare: async () => { const v = await vacancyApplication(false); return { method: 'POST', path: '/api/staff/referrals', token: staffS, body: { registrationId: v.w.regId, vacancyId: v.vacancy, note: '离家近' } }; },
  },
  'post /api/staff/vacancies/:id/review': {
    prepare: async () => {
      const v = await vacancyApplication(false);
      await t.conn.collection('vacancies').updateOne({ _id: new (await import('mongoose')).Types.ObjectId(v.vacancy) }, { $set: { status: 'review', contentHold: { reason: 'manual', fields: ['title'], labels: [], at: new Date(GIG_NOW) } } });
      return { method: 'POST', path: `/api/staff/vacancies/${v.vacancy}/review`, token: staffS, body: { decision: 'approve' } };
    },
  },
  'post /api/employer/gigs/:id/close': {
    prepare: async () => {
      const emp = await employer();
      const gig = (await must(req('POST', '/api/employer/gigs', emp.token, gigBody()), 201)).gig.id;
      return { method: 'POST', path: `/api/employer/gigs/${gig}/close`, token: emp.token };
    },
  },
  'post /api/employer/gig-applications/:id/accept': { prepare: async () => { const a = await application('applied'); return { method: 'POST', path: `/api/employer/gig-applications/${a.app}/accept`, token: a.emp.token }; } },
  'post /api/employer/gig-applications/:id/decline': { prepare: async () => { const a = await application('applied'); return { method: 'POST', path: `/api/employer/gig-applications/${a.app}/decline`, token: a.emp.token }; } },
  'post /api/employer/gig-applications/:id/check-in': { prepare: async () => { const a = await application('accepted'); return { method: 'POST', path: `/api/employer/gig-applications/${a.app}/check-in`, token: a.emp.token }; } },
  'post /api/employer/gig-applications/:id/complete': { prepare: async () => { const a = await application('checked_in'); return { method: 'POST', path: `/api/employer/gig-applications/${a.app}/complete`, token: a.emp.token }; } },
  'post /api/employer/gig-applications/:id/settle': { prepare: async () => { const a = await application('completed'); return { method: 'POST', path: `/api/employer/gig-applications/${a.app}/settle`, token: a.emp.token, body: { amount: 200 } }; } },
  'post /api/employer/gig-applications/:id/rate': { prepare: async () => { const a = await application('settled'); return { method: 'POST', path: `/api/employer/gig-applications/${a.app}/rate`, token: a.emp.token, body: { stars: 5, comment: '干活认真' } }; } },
  'post /api/staff/employers/:id/review': { prepare: async () => ({ method: 'POST', path: `/api/staff/employers/${(await employer(false)).id}/review`, token: staffS, body: { decision: 'approve' } }) },
  'post /api/staff/employers/:id/suspend': { prepare: async () => ({ method: 'POST', path: `/api/staff/employers/${(await employer()).id}/suspend`, token: staffS, body: { reason: '多次被举报欠薪' } }) },
  'post /api/staff/gig-reports/:id/decide': {
    prepare: async () => {
      const emp = await employer();
      const gig = (await must(req('POST', '/api/employer/gigs', emp.token, gigBody()), 201)).gig.id;
      await must(req('POST', `/api/gigs/${gig}/report`, (await worker()).token, { reason: 'fake', detail: '电话打不通' }));
      const report = (await t.services.gigs.models.GigReport.findOne({ gigId: gig }).lean())!._id.toString();
      return { method: 'POST', path: `/api/staff/gig-reports/${report}/decide`, token: staffS, body: { decision: 'takedown', reason: '核实为虚假招聘' } };
    },
  },
  'post /api/staff/gigs/:id/review': {
    prepare: async () => {
      const emp = await employer(false);
      const gig = (await must(req('POST', '/api/employer/gigs', emp.token, gigBody()), 201)).gig.id;
      return { method: 'POST', path: `/api/staff/gigs/${gig}/review`, token: staffS, body: { decision: 'approve' } };
    },
  },
  'post /api/policies/calculate': { prepare: async () => ({ method: 'POST', path: '/api/policies/calculate', body: { audience: 'individual', answers: {} } }) },
  'post /api/policies/:id/apply': {
    prepare: async () => {
      const w = await registered('approved');
      const policy = (await t.services.policies.models.Policy.findOne({ slug: 'unemployment-benefit' }).lean())!._id.toString();
      return { method: 'POST', path: `/api/policies/${policy}/apply`, token: w.token, body: { answers: { insuredYears: 3 } } };
    },
  },
  'post /api/policy-applications/:id/resubmit': { prepare: async () => { const a = await policyApplication('returned'); return { method: 'POST', path: `/api/policy-applications/${a.id}/resubmit`, token: a.w.token, body: { note: '已补充' } }; } },
  'post /api/staff/policy-applications/:id/decide': { prepare: async () => ({ method: 'POST', path: `/api/staff/policy-applications/${(await policyApplication('submitted')).id}/decide`, token: staffS, body: { decision: 'approve' } }) },
  'post /api/staff/policies': {
    prepare: async () => { slugSeq += 1; return { method: 'POST', path: '/api/staff/policies', token: cityC, body: { ...SAMPLE_POLICIES[0]!, slug: `race-create-${slugSeq}`, title: '并发新建' } }; },
  },
  'put /api/staff/policies/:id': {
    prepare: async () => {
      const id = await draftPolicy();
      const v = await must(req('GET', `/api/staff/policies/${id}`, cityC));
      return { method: 'PUT', path: `/api/staff/policies/${id}`, token: cityC, body: { baseVersion: v.version ?? v.policy?.version ?? 1, content: { ...SAMPLE_POLICIES[0]!, slug: `race-policy-${slugSeq}`, title: '并发修改后的标题' } } };
    },
  },
  'post /api/staff/policies/:id/publish': { prepare: async () => ({ method: 'POST', path: `/api/staff/policies/${await draftPolicy()}/publish`, token: cityC }) },
  'post /api/staff/policies/:id/unpublish': {
    prepare: async () => {
      const id = await draftPolicy();
      await must(req('POST', `/api/staff/policies/${id}/publish`, cityC));
      return { method: 'POST', path: `/api/staff/policies/${id}/unpublish`, token: cityC };
    },
  },
  'post /api/registration/eligibility': { prepare: async () => ({ method: 'POST', path: '/api/registration/eligibility', token: (await worker()).token, body: { sensitiveConsentVersion: ELIGIBILITY_ID_CONSENT.version, idType: 'resident_id', idNumber: idNumber('230102', '1990-01-01', '011'), ableToWork: true, wantsWork: true, currentlyEmployed: false } }) },
  'put /api/registration/draft': { prepare: async () => { regSeq += 2; return { method: 'PUT', path: '/api/registration/draft', token: (await worker()).token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: regForm(idNumber('230102', '1987-03-03', String(regSeq).padStart(3, '0'))) } }; } },
  'post /api/registration/submit': { prepare: async () => ({ method: 'POST', path: '/api/registration/submit', token: (await registered('draft')).token, body: { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `race-submit-${nextPhone()}` } }) },
  'post /api/registration/exit': { prepare: async () => ({ method: 'POST', path: '/api/registration/exit', token: (await registered('approved')).token, body: { reason: 'employed', employer: '某公司', employedOn: TODAY } }) },
  'post /api/staff/registrations/:id/decision': { prepare: async () => ({ method: 'POST', path: `/api/staff/registrations/${(await registered('submitted')).regId}/decision`, token: staffS, body: { decision: 'approve' } }) },
  'post /api/staff/registrations/:id/close': { prepare: async () => ({ method: 'POST', path: `/api/staff/registrations/${(await registered('approved')).regId}/close`, token: staffS, body: { employer: '某公司', employedOn: TODAY } }) },
  'post /api/staff/registrations/:id/follow-ups': {
    prepare: async () => ({ method: 'POST', path: `/api/staff/registrations/${(await registered('approved')).regId}/follow-ups`, token: staffS, body: { channel: 'phone', outcome: '电话联系，正在找工作' } }),
  },
  'post /api/staff/registrations/:id/exit': { prepare: async () => ({ method: 'POST', path: `/api/staff/registrations/${(await registered('approved')).regId}/exit`, token: staffS, body: { reason: 'pension' } }) },
  'post /api/staff/counter-registrations': { prepare: async () => counterCall(nextPhone()).then((c) => c.call) },
  'post /api/registration/counter-claims/claim': {
    prepare: async () => {
      const phone = nextPhone();
      const c = await counterCall(phone);
      const id = (await must(send(c.call))).registration.id as string;
      const s = await smsLogin(t, phone, ip());
      return { method: 'POST', path: '/api/registration/counter-claims/claim', token: s.accessToken, body: { id, idNumber: c.idNumber } };
    },
  },
  'post /api/employment': { prepare: async () => ({ method: 'POST', path: '/api/employment', token: (await registered('approved')).token, body: { employerName: '某物流公司', startDate: TODAY, kind: 'labor_contract' } }) },
  'post /api/employer/employments': {
    prepare: async () => { const a = await application('accepted'); return { method: 'POST', path: '/api/employer/employments', token: a.emp.token, body: { applicationId: a.app, startDate: TODAY, kind: 'flexible' } }; },
  },
  'post /api/staff/workbench/:queue/:id/decision': { prepare: async () => ({ method: 'POST', path: `/api/staff/workbench/employer/${(await employer(false)).id}/decision`, token: staffS, body: { decision: 'approve' } }) },
  'post /api/insurance/claim': { prepare: async () => { const w = await registered('approved'); return { method: 'POST', path: '/api/insurance/claim', token: w.token, body: claimBody(`race-file-${regSeq}`) }; } },
  'post /api/staff/insurance-claims/:id/decision': { prepare: async () => ({ method: 'POST', path: `/api/staff/insurance-claims/${(await insuranceClaim('submitted')).claim}/decision`, token: staffS, body: { decision: 'approve' } }) },
  'post /api/staff/insurance-claims/:id/payments': { prepare: async () => ({ method: 'POST', path: `/api/staff/insurance-claims/${(await insuranceClaim('approved')).claim}/payments`, token: staffS, body: { month: '2026-03' } }) },
  'post /api/staff/insurance-claims/:id/stop': { prepare: async () => ({ method: 'POST', path: `/api/staff/insurance-claims/${(await insuranceClaim('approved')).claim}/stop`, token: staffS, body: { reason: 'reemployed', eventDate: TODAY } }) },
  'post /api/staff/insurance-payments/import': {
    prepare: async () => {
      const c = await insuranceClaim('approved');
      return { method: 'POST', path: '/api/staff/insurance-payments/import', token: staffS, body: { csv: `身份证号,月份,金额,流水号\n${c.id},2026-03,${c.monthly},RACE${String(++serialSeq).padStart(6, '0')}\n` } };
    },
  },
  'post /api/assistance/recognition': {
    prepare: async () => {
      const w = await registered('approved');
      return { method: 'POST', path: '/api/assistance/recognition', token: w.token, body: { categories: ['disabled'], evidence: [{ category: 'disabled', note: '残疾人证' }], sensitiveConsentVersion: SENSITIVE_CONSENT.version, idempotencyKey: `race-assist-${++assistSeq}` } };
    },
  },
  'post /api/staff/assistance/recognitions/:id/decision': { prepare: async () => ({ method: 'POST', path: `/api/staff/assistance/recognitions/${(await recognition('submitted')).id}/decision`, token: staffS, body: { decision: 'approve', validUntil: '2027-03-09' } }) },
  'post /api/staff/assistance/recognitions/:id/counsellor': { prepare: async () => ({ method: 'POST', path: `/api/staff/assistance/recognitions/${(await recognition('approved')).id}/counsellor`, token: staffS, body: { staffId: staffSId } }) },
  'post /api/staff/assistance/recognitions/:id/steps': { prepare: async () => ({ method: 'POST', path: `/api/staff/assistance/recognitions/${(await recognition('approved')).id}/steps`, token: staffS, body: { kind: 'skills_training', title: '电工培训', dueDate: '2026-05-01' } }) },
  'post /api/staff/assistance/recognitions/:id/steps/:stepId/follow-ups': {
    prepare: async () => { const r = await recognition('approved'); return { method: 'POST', path: `/api/staff/assistance/recognitions/${r.id}/steps/${r.step}/follow-ups`, token: staffS, body: { channel: 'phone', note: '电话联系，已报名培训' } }; },
  },
  'post /api/staff/assistance/recognitions/:id/steps/:stepId/referrals': {
    prepare: async () => { const r = await recognition('approved'); return { method: 'POST', path: `/api/staff/assistance/recognitions/${r.id}/steps/${r.step}/referrals`, token: staffS, body: { employer: '某物业公司', position: '维修电工', referredOn: TODAY } }; },
  },
  'post /api/staff/assistance/recognitions/:id/steps/:stepId/complete': {
    prepare: async () => { const r = await recognition('approved', 'job_referral', 3); return { method: 'POST', path: `/api/staff/assistance/recognitions/${r.id}/steps/${r.step}/complete`, token: staffS, body: { note: '已录用' } }; },
  },
  'put /api/staff/settings/insurance-standard': { prepare: async () => ({ method: 'PUT', path: '/api/staff/settings/insurance-standard', token: cityC, body: { minWageMonthly: 1860 + (++standardSeq), sharePercent: 90, dibaoMonthly: 739 } }) },
  // 服务事项与预约: a new slot (unique times), a booking of a fresh slot, its cancel, attendance on the day, a new list item.
  'post /api/staff/centers/:code/slots': { prepare: async () => ({ method: 'POST', path: '/api/staff/centers/SC230102/slots', token: staffS, body: slotBody() }) },
  'post /api/booking-slots/:id/book': {
    prepare: async () => { const slot = await bookingSlot(); const w = await worker(); return { method: 'POST', path: `/api/booking-slots/${slot}/book`, token: w.token }; },
  },
  'post /api/me/bookings/:id/cancel': {
    prepare: async () => { const b = await booking(); return { method: 'POST', path: `/api/me/bookings/${b.id}/cancel`, token: b.token }; },
  },
  'post /api/staff/bookings/:id/attendance': {
    prepare: async () => { const b = await booking(TODAY); return { method: 'POST', path: `/api/staff/bookings/${b.id}/attendance`, token: staffS, body: { attended: true } }; },
  },
  // 零就业家庭: 20 parallel creates of the same household store one (a person belongs to one household, the
  // rest 409); 20 identical edits (a member now employed: the household is cleared once).
  'post /api/staff/households': { prepare: async () => ({ method: 'POST', path: '/api/staff/households', token: staffS, body: householdBody() }) },
  'put /api/staff/households/:id': {
    prepare: async () => {
      const body = householdBody();
      const made = await must(req('POST', '/api/staff/households', staffS, body), 201);
      return { method: 'PUT', path: `/api/staff/households/${made.household.id}`, token: staffS, body: { ...body, members: body.members.map((m, i) => (i === 0 ? { ...m, employed: true } : m)) } };
    },
  },
  // 好差评: 20 parallel ratings of one attended booking store one (the rest 409); a 差评's follow-up closed once.
  'post /api/ratings/:kind/:id': {
    prepare: async () => { const b = await attended(); return { method: 'POST', path: `/api/ratings/booking/${b.id}`, token: b.token, body: { stars: 2, comment: '排队太久' } }; },
  },
  'post /api/staff/rating-follow-ups/:id/close': {
    prepare: async () => {
      const b = await attended();
      const r = (await must(req('POST', `/api/ratings/booking/${b.id}`, b.token, { stars: 1, comment: '态度不好' }), 201)).rating.id as string;
      return { method: 'POST', path: `/api/staff/rating-follow-ups/${r}/close`, token: staffS, body: { contacted: true, channel: 'phone', action: '电话致歉，约定下次优先办理' } };
    },
  },
  'put /api/staff/centers/:code/services/:key': {
    prepare: async () => ({ method: 'PUT', path: `/api/staff/centers/SC230102/services/race_item_${++slugSeq}`, token: staffS, body: {
      name: '并发测试事项', published: true, conditions: ['任何人'], materials: ['居民身份证'], timeLimit: '当场办理', where: '道里区公共就业服务大厅', online: false, inPerson: true,
    } }),
  },
  'put /api/staff/settings/gig-rules': { prepare: async () => ({ method: 'PUT', path: '/api/staff/settings/gig-rules', token: cityC, body: { minWageHourly: 18, minWageDaily: 86 + (++wageSeq), serviceArea: { minLat: 44, minLng: 125.6, maxLat: 46.7, maxLng: 130.3 } } }) },
  'put /api/staff/settings/stations/:id': {
    prepare: async () => ({ method: 'PUT', path: `/api/staff/settings/stations/st-race-${++slugSeq}`, token: cityC, body: { name: '并发测试服务站', kind: 'station', district: '道里区', address: '道里区安静街 10 号', lat: DAOLI.lat, lng: DAOLI.lng, hours: '周一至周五 9:00-17:00', phone: '0451-12345678', services: ['job_referral'] } }),
  },
  'put /api/staff/settings/regions/:code/streets': { prepare: async () => ({ method: 'PUT', path: '/api/staff/settings/regions/230102/streets', token: cityC, body: { streets: ['兆麟街道', `街道${++slugSeq}`] } }) },
  'put /api/staff/calendar/:year': { prepare: async () => ({ method: 'PUT', path: `/api/staff/calendar/${2030 + (++slugSeq % 60)}`, token: cityC, body: { holidays: [], workdays: [] } }) },
};

beforeAll(async () => {
  wx = await startWechatStandIn();
  t = await startTestApp({ env: { TRUST_PROXY: 'true', WECHAT_API_BASE: wx.url, SMS_IP_HOURLY_LIMIT: '10000', WECHAT_TEMPLATES: JSON.stringify({ 'gig.accepted': 'TPL_RACE', default: 'TPL_RACE_2' }) }, deps: { now: () => GIG_NOW } });
  await t.services.policies.loadSamples(SAMPLE_POLICIES);
  await regionModel(t.conn).create({ code: '230102', name: '道里区', cityCode: '2301', center: DAOLI, streets: ['兆麟街道'] });
  staffS = await staffLogin('道里区公共就业服务中心');
  staffSId = (await must(req('GET', '/api/me', staffS))).user.id as string;
  cityC = await staffLogin(null);
  // City settings exist before the scenarios change them, so A and B both change, neither creates.
  await must(req('PUT', '/api/staff/settings/gig-rules', cityC, { minWageHourly: 18, minWageDaily: 86, serviceArea: { minLat: 44, minLng: 125.6, maxLat: 46.7, maxLng: 130.3 } }));
  await must(req('PUT', '/api/staff/settings/insurance-standard', cityC, { minWageMonthly: 1860, sharePercent: 90, dibaoMonthly: 739 }));
  await must(req('PUT', '/api/staff/settings/stations/st-race-seed', cityC, { name: '并发测试服务站', kind: 'station', district: '道里区', address: '道里区安静街 10 号', lat: DAOLI.lat, lng: DAOLI.lng, hours: '周一至周五 9:00-17:00', phone: '0451-12345678', services: ['job_referral'] }));
  await must(req('PUT', '/api/staff/settings/regions/230102/streets', cityC, { streets: ['兆麟街道', '街道0'] }));
  await must(req('PUT', '/api/staff/calendar/2029', cityC, { holidays: [], workdays: [] }));
  // Likewise the gig index's change counter.
  await must(req('POST', '/api/employer/gigs', (await employer()).token, gigBody({ title: '预热零工' })), 201);
});
afterAll(async () => { await t.close(); await wx.close(); });

const send = (c: Call) => t.request(c.method, c.path, { token: c.token, body: c.body, headers: c.headers ?? { 'x-forwarded-for': ip() } });
const settle = () => new Promise((r) => setTimeout(r, 150));

test('every state-changing route has a scenario', () => {
  const changing = t.routes.filter((r) => r.method !== 'get').map((r) => `${r.method} ${r.path}`);
  expect(changing.filter((k) => !SCENARIOS[k])).toEqual([]);
  expect(Object.keys(SCENARIOS).filter((k) => !changing.includes(k))).toEqual([]);
});

const KNOWN_GAPS = Object.entries(SCENARIOS).filter(([, s]) => s.why).map(([k]) => k);

describe.each(Object.keys(SCENARIOS).filter((k) => !KNOWN_GAPS.includes(k)))('%s', (key) => {
  it('20 identical parallel calls have exactly the effect of one', async () => {
    const s = SCENARIOS[key]!;
    const a = await s.prepare();
    const b = await s.prepare();
    await settle();
    const s0 = await snapshot(t);
    const one = await send(a);
    await settle();
    const s1 = await snapshot(t);
    const many = await Promise.all(Array.from({ length: 20 }, () => send(b)));
    await settle();
    const s2 = await snapshot(t);
    expect(one.status).toBeLessThan(500);
    expect(many.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([]);
    expect(diff(s1, s2, s.ignore)).toEqual(diff(s0, s1, s.ignore));
  });
});
