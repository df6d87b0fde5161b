import { ELIGIBILITY_ID_CONSENT, SENSITIVE_CONSENT } from '@doorstep/shared';
import { SAMPLE_POLICIES } from '@doorstep/shared';
import { idNumber } from './support/ids';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { DAOLI, GIG_NOW, TODAY, gigBody, onboardBody } from './support/gig-helpers';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in';
import { regionModel } from '../src/modules/regions/model';

/**
 * Route × actor table over every route in the OpenAPI document. Each route names its rule; each rule
 * says what each of eight actors must get:
 *   anonymous · worker (owner of the records) · another worker · employer (owner) · another employer ·
 *   staff of the records' center (道里区) · staff of another center (南岗区) · city administrator.
 * "ok" means the route let the actor through: any status but 401/403/404 — and never a 5xx, which is a
 * failure everywhere. A route without a row fails the test, so none ships without a tested rule.
 */
type Actor = 'anon' | 'W' | 'W2' | 'E' | 'E2' | 'S' | 'S2' | 'C';
type Want = 'ok' | 401 | 403 | 404;
type Rule = Record<Actor, Want>;
const ACTORS: Actor[] = ['anon', 'W', 'W2', 'E', 'E2', 'S', 'S2', 'C'];

const rule = (over: Partial<Rule>, base: Want = 'ok'): Rule => ({ anon: base, W: base, W2: base, E: base, E2: base, S: base, S2: base, C: base, ...over });
const PUBLIC = rule({});
const SIGNED_IN = rule({ anon: 401 });
const WORKER = rule({ anon: 401, E: 403, E2: 403, S: 403, S2: 403, C: 403 });
const WORKER_OWN = { ...WORKER, W2: 404 } as Rule;
const EMPLOYER = rule({ anon: 401, W: 403, W2: 403, S: 403, S2: 403, C: 403 });
const EMPLOYER_OWN = { ...EMPLOYER, E2: 404 } as Rule;
const PERSON = rule({ anon: 401, S: 403, S2: 403, C: 403 });
const STAFF = rule({ anon: 401, W: 403, W2: 403, E: 403, E2: 403 });
const STAFF_RECORD = { ...STAFF, S2: 404 } as Rule;
const CITY = { ...STAFF, S: 403, S2: 403 } as Rule;
/** A worker's record that its owner and the staff of its center (and the city) may open. */
const WORKER_OR_CENTER = rule({ anon: 401, W2: 404, E: 404, E2: 404, S2: 404 });

interface Fixtures { household: string; recognition: string; step: string; slot: string; booking: string; claim: string; gig: string; gigApp: string; employer: string; employer2: string; reg: string; policy: string; policyApp: string; report: string; notification: string; verifyCode: string; rating: string; vacancy: string; vacancyApp: string }
const SERVICE_EDIT = { name: '职业指导', published: true, conditions: ['有就业意愿的城乡劳动者'], materials: ['居民身份证'], timeLimit: '当场办理', where: '道里区公共就业服务大厅', online: false, inPerson: true };
const SLOT_BODY = { kind: 'guidance', serviceKey: 'career_guidance', date: '2026-03-12', startTime: '09:00', endTime: '10:00', capacity: 20, placeId: 'center' };
const HOUSEHOLD_BODY = { district: '230102', street: '兆麟街道', address: '示例路 1 号', members: [{ name: '张建国', idNumber: idNumber('230102', '1988-02-14', '052'), relation: '户主', ableToWork: true, wantsWork: true, employed: false }] };
const VACANCY_BODY = {
  title: '物业维修电工', occupation: '电工', kind: 'full_time', payMin: 3800, payMax: 5200, payUnit: 'month', place: { ...DAOLI, address: '道里区安静街 10 号物业中心' },
  hours: '8:30–17:30，做五休二', requirements: '', skills: [], headcount: 2, closingDate: '2026-04-10', contactName: '王经理', contactPhone: '13800000222',
};
interface Row { rule: Rule; params?: (f: Fixtures) => Record<string, string>; body?: (f: Fixtures) => unknown; query?: string | ((f: Fixtures) => string) }

const ROWS: Record<string, Row> = {
  'get /healthz': { rule: PUBLIC },
  'get /readyz': { rule: PUBLIC },
  'get /api/calendar': { rule: PUBLIC },
  'get /api/regions': { rule: PUBLIC },
  'get /api/stations': { rule: PUBLIC },
  'get /api/dev/sms-outbox': { rule: PUBLIC, query: '?phone=13900000000' },
  'post /api/auth/sms/send': { rule: PUBLIC, body: () => ({ phone: '13900000001' }) },
  'post /api/auth/sms/login': { rule: PUBLIC, body: () => ({ phone: '13900000001', code: '000000' }) },
  // The stand-in refuses the code 'bad' (40029) with a 400; a made-up refresh token is a 401 for everyone.
  'post /api/auth/wechat/login': { rule: PUBLIC, body: () => ({ code: 'bad' }) },
  'post /api/auth/refresh': { rule: rule({}, 401), body: () => ({ refreshToken: 'x'.repeat(43) }) },
  'post /api/auth/logout': { rule: PUBLIC, body: () => ({ refreshToken: 'x'.repeat(43) }) },
  'post /api/auth/wechat/phone': { rule: SIGNED_IN, body: () => ({ code: 'bad' }) },
  'get /api/me': { rule: SIGNED_IN },
  // Staff accounts are staff only: they cannot switch to acting as a worker.
  'post /api/me/role': { rule: { ...SIGNED_IN, S: 403, S2: 403, C: 403 }, body: () => ({ role: 'worker' }) },
  // 注销: a wrong confirmation word is a 400 for the people who may delete their account (nothing is deleted here).
  'get /api/me/deletion': { rule: PERSON },
  'post /api/me/delete': { rule: PERSON, body: () => ({ confirm: '不注销' }) },
  'get /api/notifications': { rule: SIGNED_IN },
  'post /api/notifications/:id/read': { rule: { ...SIGNED_IN, W2: 404, E: 404, E2: 404, S: 404, S2: 404, C: 404 }, params: (f) => ({ id: f.notification }) },
  // Message center: each person sees and changes only their own messages and settings (W2 → 404 on W's message above).
  'get /api/notifications/unread-count': { rule: SIGNED_IN },
  'post /api/notifications/read-all': { rule: SIGNED_IN },
  'get /api/notifications/templates': { rule: PUBLIC },
  'post /api/notifications/subscriptions': { rule: SIGNED_IN, body: () => ({ requestId: 'access-request-1', results: { TPL_ACCESS: 'accept' } }) },
  'get /api/me/notice-settings': { rule: SIGNED_IN },
  'put /api/me/notice-settings': { rule: SIGNED_IN, body: () => ({ smsOptOut: ['gig.quick_hire'] }) },
  'get /api/public/registration-verify/:code': { rule: PUBLIC, params: (f) => ({ code: f.verifyCode }) },

  'get /api/gigs/nearby': { rule: PUBLIC, query: `?lat=${DAOLI.lat}&lng=${DAOLI.lng}` },
  'get /api/gigs/:id': { rule: PUBLIC, params: (f) => ({ id: f.gig }) },
  'get /api/gigs/recommended': { rule: WORKER },
  'post /api/gigs/:id/apply': { rule: WORKER, params: (f) => ({ id: f.gig }) },
  'post /api/gigs/:id/report': { rule: WORKER, params: (f) => ({ id: f.gig }), body: () => ({ reason: 'other', detail: '核实一下' }) },
  'get /api/me/gig-applications': { rule: WORKER },
  'post /api/me/gig-applications/:id/cancel': { rule: WORKER_OWN, params: (f) => ({ id: f.gigApp }) },
  'post /api/me/gig-applications/:id/confirm-pay': { rule: WORKER_OWN, params: (f) => ({ id: f.gigApp }), body: () => ({ amount: 200 }) },
  'post /api/me/gig-applications/:id/rate': { rule: WORKER_OWN, params: (f) => ({ id: f.gigApp }), body: () => ({ stars: 5, comment: '' }) },
  'get /api/me/availability': { rule: WORKER },
  'put /api/me/availability': { rule: WORKER, body: () => ({ availableToday: false, categories: [], elder: false, commitmentAgreed: true }) },
  'get /api/employer/profile': { rule: EMPLOYER },
  'post /api/employer/profile': { rule: EMPLOYER, body: () => onboardBody() },
  'get /api/employer/gigs': { rule: EMPLOYER },
  'post /api/employer/gigs': { rule: EMPLOYER, body: () => gigBody() },
  'get /api/employer/gigs/:id': { rule: EMPLOYER_OWN, params: (f) => ({ id: f.gig }) },
  'post /api/employer/gigs/:id/close': { rule: EMPLOYER_OWN, params: (f) => ({ id: f.gig }) },
  'post /api/employer/gig-applications/:id/accept': { rule: EMPLOYER_OWN, params: (f) => ({ id: f.gigApp }) },
  'post /api/employer/gig-applications/:id/decline': { rule: EMPLOYER_OWN, params: (f) => ({ id: f.gigApp }) },
  'post /api/employer/gig-applications/:id/check-in': { rule: EMPLOYER_OWN, params: (f) => ({ id: f.gigApp }) },
  'post /api/employer/gig-applications/:id/complete': { rule: EMPLOYER_OWN, params: (f) => ({ id: f.gigApp }) },
  'post /api/employer/gig-applications/:id/settle': { rule: EMPLOYER_OWN, params: (f) => ({ id: f.gigApp }), body: () => ({ amount: 200 }) },
  'post /api/employer/gig-applications/:id/rate': { rule: EMPLOYER_OWN, params: (f) => ({ id: f.gigApp }), body: () => ({ stars: 5, comment: '' }) },

  'get /api/policies': { rule: PUBLIC },
  'get /api/policies/questions': { rule: PUBLIC },
  'post /api/policies/calculate': { rule: PUBLIC, body: () => ({ audience: 'individual', answers: {} }) },
  'get /api/policies/:id': { rule: PUBLIC, params: (f) => ({ id: f.policy }) },
  'get /api/policies/for-me': { rule: SIGNED_IN },
  'get /api/policies/my-facts': { rule: SIGNED_IN },
  'post /api/policies/:id/apply': { rule: PERSON, params: (f) => ({ id: f.policy }), body: () => ({}) },
  'get /api/policy-applications/mine': { rule: PERSON },
  'get /api/policy-applications/:id': { rule: WORKER_OR_CENTER, params: (f) => ({ id: f.policyApp }) },
  'post /api/policy-applications/:id/resubmit': { rule: { ...PERSON, W2: 404, E: 404, E2: 404 }, params: (f) => ({ id: f.policyApp }), body: () => ({}) },

  'get /api/registration': { rule: WORKER },
  'post /api/registration/eligibility': { rule: WORKER, body: () => ({ sensitiveConsentVersion: ELIGIBILITY_ID_CONSENT.version, idType: 'resident_id', idNumber: idNumber('230102', '1990-01-01', '011'), ableToWork: true, wantsWork: true, currentlyEmployed: false }) },
  'put /api/registration/draft': { rule: WORKER, body: () => ({ sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: {} }) },
  'post /api/registration/submit': { rule: WORKER, body: () => ({ commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'access-table-key-1' }) },
  'post /api/registration/exit': { rule: WORKER, body: () => ({ reason: 'cancel' }) },
  // Only W has a record; another worker has none to show.
  'get /api/registration/record': { rule: WORKER_OWN },
  'get /api/registration/profile': { rule: WORKER },

  'get /api/insurance/claim': { rule: WORKER },
  'post /api/insurance/claim': { rule: WORKER, body: () => ({}) },
  'get /api/staff/insurance-claims': { rule: STAFF },
  'get /api/staff/insurance-claims/:id': { rule: STAFF_RECORD, params: (f) => ({ id: f.claim }) },
  'get /api/staff/insurance-claims/:id/notices': { rule: STAFF_RECORD, params: (f) => ({ id: f.claim }) },
  'post /api/staff/insurance-claims/:id/decision': { rule: STAFF_RECORD, params: (f) => ({ id: f.claim }), body: () => ({ decision: 'approve' }) },
  'post /api/staff/insurance-claims/:id/payments': { rule: STAFF_RECORD, params: (f) => ({ id: f.claim }), body: () => ({ month: '2026-03' }) },
  'post /api/staff/insurance-claims/:id/stop': { rule: STAFF_RECORD, params: (f) => ({ id: f.claim }), body: () => ({ reason: 'reemployed', eventDate: TODAY }) },
  'post /api/staff/insurance-payments/import': { rule: STAFF, body: () => ({ csv: '身份证号,月份,金额,流水号\n' }) },
  'get /api/staff/insurance-payments/export': { rule: STAFF },
  // 就业援助: W's recognition (approved by 道里, with one plan step); a repeated decision is a 409, a made-up counsellor a 400.
  'get /api/household': { rule: WORKER },
  'get /api/staff/households': { rule: STAFF },
  'post /api/staff/households': { rule: STAFF, body: () => HOUSEHOLD_BODY },
  'get /api/staff/households/:id': { rule: STAFF_RECORD, params: (f) => ({ id: f.household }) },
  'put /api/staff/households/:id': { rule: STAFF_RECORD, params: (f) => ({ id: f.household }), body: () => HOUSEHOLD_BODY },
  'get /api/assistance': { rule: WORKER },
  'post /api/assistance/recognition': { rule: WORKER, body: () => ({}) },
  'get /api/staff/assistance/recognitions': { rule: STAFF },
  'get /api/staff/assistance/counsellors': { rule: STAFF },
  'get /api/staff/assistance/recognitions/:id': { rule: STAFF_RECORD, params: (f) => ({ id: f.recognition }) },
  'post /api/staff/assistance/recognitions/:id/decision': { rule: STAFF_RECORD, params: (f) => ({ id: f.recognition }), body: () => ({ decision: 'approve', validUntil: '2027-03-09' }) },
  'post /api/staff/assistance/recognitions/:id/counsellor': { rule: STAFF_RECORD, params: (f) => ({ id: f.recognition }), body: () => ({ staffId: '0'.repeat(24) }) },
  'post /api/staff/assistance/recognitions/:id/steps': { rule: STAFF_RECORD, params: (f) => ({ id: f.recognition }), body: () => ({ kind: 'career_guidance', title: '职业指导', dueDate: '2026-04-01' }) },
  'post /api/staff/assistance/recognitions/:id/steps/:stepId/follow-ups': { rule: STAFF_RECORD, params: (f) => ({ id: f.recognition, stepId: f.step }), body: () => ({ channel: 'phone', note: '电话联系' }) },
  'post /api/staff/assistance/recognitions/:id/steps/:stepId/referrals': { rule: STAFF_RECORD, params: (f) => ({ id: f.recognition, stepId: f.step }), body: () => ({ employer: '某物业公司', position: '维修电工', referredOn: TODAY }) },
  'post /api/staff/assistance/recognitions/:id/steps/:stepId/complete': { rule: STAFF_RECORD, params: (f) => ({ id: f.recognition, stepId: f.step }), body: () => ({}) },
  'put /api/staff/settings/insurance-standard': { rule: CITY, body: () => ({ minWageMonthly: 1860, sharePercent: 90, dibaoMonthly: 739 }) },

  // 服务事项清单 and booking: public list and slots; a worker's own booking; the 道里 center's list, slots and day.
  'get /api/service-centers/:code/services': { rule: PUBLIC, params: () => ({ code: 'SC230102' }) },
  'get /api/service-centers/:code/services/:key': { rule: PUBLIC, params: () => ({ code: 'SC230102', key: 'career_guidance' }) },
  'get /api/service-centers/:code/slots': { rule: PUBLIC, params: () => ({ code: 'SC230102' }) },
  'post /api/booking-slots/:id/book': { rule: WORKER, params: (f) => ({ id: f.slot }) },
  'get /api/me/bookings': { rule: WORKER },
  'post /api/me/bookings/:id/cancel': { rule: WORKER_OWN, params: (f) => ({ id: f.booking }) },
  'get /api/staff/centers/:code/services': { rule: STAFF_RECORD, params: () => ({ code: 'SC230102' }) },
  'put /api/staff/centers/:code/services/:key': { rule: STAFF_RECORD, params: () => ({ code: 'SC230102', key: 'career_guidance' }), body: () => SERVICE_EDIT },
  'get /api/staff/centers/:code/slot-options': { rule: STAFF_RECORD, params: () => ({ code: 'SC230102' }) },
  'post /api/staff/centers/:code/slots': { rule: STAFF_RECORD, params: () => ({ code: 'SC230102' }), body: () => SLOT_BODY },
  'get /api/staff/centers/:code/bookings': { rule: STAFF_RECORD, params: () => ({ code: 'SC230102' }) },
  'post /api/staff/bookings/:id/attendance': { rule: STAFF_RECORD, params: (f) => ({ id: f.booking }), body: () => ({ attended: true }) },
  // 好差评: the owner's own case (another worker's case is a 404; the booking is not attended yet: 409 for W); the 道里 center's 差评.
  'get /api/ratings/:kind/:id': { rule: WORKER_OWN, params: (f) => ({ kind: 'registration', id: f.reg }) },
  'post /api/ratings/:kind/:id': { rule: WORKER_OWN, params: (f) => ({ kind: 'booking', id: f.booking }), body: () => ({ stars: 5 }) },
  'get /api/staff/rating-follow-ups': { rule: STAFF },
  'get /api/staff/rating-follow-ups/:id': { rule: STAFF_RECORD, params: (f) => ({ id: f.rating }) },
  'post /api/staff/rating-follow-ups/:id/close': { rule: STAFF_RECORD, params: (f) => ({ id: f.rating }), body: () => ({ contacted: true, channel: 'phone', action: '电话联系本人，已说明办理进度' }) },

  // 岗位: E's vacancy in 道里区 and W's application (W withdraws it in W's pass; E then closes the vacancy: later answers are 409s).
  'get /api/vacancies': { rule: PUBLIC },
  'get /api/vacancies/recommended': { rule: WORKER },
  'get /api/vacancies/mine': { rule: WORKER },
  'get /api/vacancies/referrals': { rule: WORKER },
  'get /api/vacancies/:id': { rule: PUBLIC, params: (f) => ({ id: f.vacancy }) },
  'post /api/vacancies/:id/apply': { rule: WORKER, params: (f) => ({ id: f.vacancy }), body: () => ({}) },
  'post /api/vacancy-applications/:id/withdraw': { rule: WORKER_OWN, params: (f) => ({ id: f.vacancyApp }) },
  'post /api/employer/vacancies': { rule: EMPLOYER, body: () => VACANCY_BODY },
  'get /api/employer/vacancies': { rule: EMPLOYER },
  'get /api/employer/vacancies/:id': { rule: EMPLOYER_OWN, params: (f) => ({ id: f.vacancy }) },
  'post /api/employer/vacancies/:id/close': { rule: EMPLOYER_OWN, params: (f) => ({ id: f.vacancy }) },
  'post /api/employer/vacancy-applications/:id/answer': { rule: EMPLOYER_OWN, params: (f) => ({ id: f.vacancyApp }), body: () => ({ decision: 'reject' }) },
  'post /api/staff/referrals': { rule: STAFF_RECORD, body: (f) => ({ registrationId: f.reg, vacancyId: f.vacancy }) },
  'get /api/staff/referrals': { rule: STAFF_RECORD, query: (f) => `?registrationId=${f.reg}` },
  'get /api/staff/vacancies/:id': { rule: STAFF_RECORD, params: (f) => ({ id: f.vacancy }) },
  'post /api/staff/vacancies/:id/review': { rule: STAFF_RECORD, params: (f) => ({ id: f.vacancy }), body: () => ({ decision: 'approve' }) },

  'get /api/staff/workbench': { rule: STAFF },
  'get /api/staff/workbench/:queue/:id': { rule: STAFF_RECORD, params: (f) => ({ queue: 'employer', id: f.employer }) },
  'post /api/staff/workbench/:queue/:id/decision': { rule: STAFF_RECORD, params: (f) => ({ queue: 'report', id: f.report }), body: () => ({ decision: 'dismiss' }) },
  'get /api/staff/registrations': { rule: STAFF },
  'get /api/staff/registrations/:id': { rule: STAFF_RECORD, params: (f) => ({ id: f.reg }) },
  'post /api/staff/registrations/:id/decision': { rule: STAFF_RECORD, params: (f) => ({ id: f.reg }), body: () => ({ decision: 'start_review' }) },
  'post /api/staff/registrations/:id/close': { rule: STAFF_RECORD, params: (f) => ({ id: f.reg }), body: () => ({ employer: '某公司', employedOn: TODAY }) },
  'post /api/staff/registrations/:id/follow-ups': { rule: STAFF_RECORD, params: (f) => ({ id: f.reg }), body: () => ({ channel: 'phone', outcome: '电话联系' }) },
  'get /api/staff/follow-ups/due': { rule: STAFF },
  // 第六十三条 exits and the contact history; no_contact this early is a 400 (nothing changes).
  'post /api/staff/registrations/:id/exit': { rule: STAFF_RECORD, params: (f) => ({ id: f.reg }), body: () => ({ reason: 'no_contact' }) },
  'get /api/staff/registrations/:id/contacts': { rule: STAFF_RECORD, params: (f) => ({ id: f.reg }) },
  'get /api/staff/registrations/:id/notices': { rule: STAFF_RECORD, params: (f) => ({ id: f.reg }) },
  // 窗口代办 (an empty form is a 400 for staff), its claim by the worker, and 就业登记 by worker and employer.
  'post /api/staff/counter-registrations': { rule: STAFF, body: () => ({}) },
  'get /api/registration/counter-claims': { rule: WORKER },
  'post /api/registration/counter-claims/claim': { rule: WORKER, body: () => ({}) },
  'get /api/employment': { rule: WORKER },
  'post /api/employment': { rule: WORKER, body: () => ({}) },
  'get /api/employer/employments': { rule: EMPLOYER },
  'post /api/employer/employments': { rule: EMPLOYER, body: () => ({}) },
  'get /api/staff/employers/review': { rule: STAFF },
  'post /api/staff/employers/:id/review': { rule: STAFF_RECORD, params: (f) => ({ id: f.employer2 }), body: () => ({ decision: 'approve' }) },
  'post /api/staff/employers/:id/suspend': { rule: STAFF_RECORD, params: (f) => ({ id: f.employer2 }), body: () => ({ reason: '核实中暂停' }) },
  'post /api/staff/gig-reports/:id/decide': { rule: STAFF_RECORD, params: (f) => ({ id: f.report }), body: () => ({ decision: 'dismiss' }) },
  'get /api/staff/gigs/review': { rule: STAFF },
  'post /api/staff/gigs/:id/review': { rule: STAFF_RECORD, params: (f) => ({ id: f.gig }), body: () => ({ decision: 'approve' }) },
  'get /api/staff/gig-reports': { rule: STAFF },
  'get /api/staff/policy-applications': { rule: STAFF },
  'post /api/staff/policy-applications/:id/decide': { rule: STAFF_RECORD, params: (f) => ({ id: f.policyApp }), body: () => ({ decision: 'return', reason: '请补充材料' }) },
  'get /api/staff/policy-applications/:id/notices': { rule: STAFF_RECORD, params: (f) => ({ id: f.policyApp }) },
  'get /api/staff/policies': { rule: STAFF },
  'get /api/staff/policies/:id': { rule: STAFF, params: (f) => ({ id: f.policy }) },
  'get /api/staff/policies/:id/versions/:version': { rule: STAFF, params: (f) => ({ id: f.policy, version: '1' }) },
  'post /api/staff/policies': { rule: CITY, body: () => ({}) },
  'put /api/staff/policies/:id': { rule: CITY, params: (f) => ({ id: f.policy }), body: () => ({}) },
  'post /api/staff/policies/:id/publish': { rule: CITY, params: (f) => ({ id: f.policy }) },
  'post /api/staff/policies/:id/unpublish': { rule: CITY, params: (f) => ({ id: f.policy }) },
  'get /api/staff/audit': { rule: STAFF },
  'get /api/staff/stats': { rule: STAFF },
  'get /api/staff/stats/export': { rule: STAFF, query: '?table=district' },
  'get /api/staff/settings': { rule: STAFF },
  'put /api/staff/settings/gig-rules': { rule: CITY, body: () => ({ minWageHourly: 18, minWageDaily: 86, serviceArea: { minLat: 44, minLng: 125.6, maxLat: 46.7, maxLng: 130.3 } }) },
  'put /api/staff/settings/stations/:id': { rule: CITY, params: () => ({ id: 'st-access' }), body: () => ({}) },
  'put /api/staff/settings/regions/:code/streets': { rule: CITY, params: () => ({ code: '230102' }), body: () => ({ streets: ['兆麟街道'] }) },
  'put /api/staff/calendar/:year': { rule: CITY, params: () => ({ year: '2031' }), body: () => ({ holidays: [], workdays: [] }) },
  'get /api/staff/accounts/summary': { rule: CITY },
};

// The fixtures make ~40 requests; on a loaded shared machine they take longer than the default 30 s.
jest.setTimeout(180_000);

let t: TestApp;
let wx: WechatStandIn;
const tokens = {} as Record<Exclude<Actor, 'anon'>, string>;
const f = {} as Fixtures;
let ipSeq = 0;
const ip = () => `10.9.${Math.floor(++ipSeq / 200)}.${ipSeq % 200}`;
const login = async (phone = nextPhone()) => (await smsLogin(t, phone, ip())).accessToken;
const asEmployer = async (token: string) => (await t.request('POST', '/api/me/role', { body: { role: 'employer' }, token })).body.accessToken as string;
const staffToken = async (center: string | null) => {
  const phone = nextPhone();
  await t.services.auth.upsertStaff(phone, `经办${phone.slice(-4)}`, center, center ? 'center' : 'city');
  return login(phone);
};
const must = async (res: Promise<{ status: number; body: any }>, status = 200) => {
  const r = await res;
  if (r.status !== status) throw new Error(`fixture step answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};

beforeAll(async () => {
  wx = await startWechatStandIn();
  t = await startTestApp({ env: { TRUST_PROXY: 'true', WECHAT_API_BASE: wx.url, WECHAT_TEMPLATES: JSON.stringify({ default: 'TPL_ACCESS' }) }, deps: { now: () => GIG_NOW } });
  await regionModel(t.conn).create({ code: '230102', name: '道里区', cityCode: '2301', center: DAOLI, streets: ['兆麟街道'] });
  await t.services.policies.loadSamples(SAMPLE_POLICIES);
  tokens.S = await staffToken('道里区公共就业服务中心');
  tokens.S2 = await staffToken('南岗区公共就业服务中心');
  tokens.C = await staffToken(null);
  tokens.W = await login();
  tokens.W2 = await login();
  tokens.E = await asEmployer(await login());
  tokens.E2 = await asEmployer(await login());

  // Employers in 道里区: E verified by the district's staff, E2 waiting for review.
  f.employer = (await must(t.request('POST', '/api/employer/profile', { body: onboardBody(), token: tokens.E }))).employer.id;
  await must(t.request('POST', `/api/staff/employers/${f.employer}/review`, { body: { decision: 'approve' }, token: tokens.S }));
  f.employer2 = (await must(t.request('POST', '/api/employer/profile', { body: onboardBody({ name: '哈尔滨第二物流有限公司', creditCode: '91230102MA1B2C3D4E' }), token: tokens.E2 }).then(async (r) => (r.status === 200 ? r : t.request('POST', '/api/employer/profile', { body: onboardBody({ name: '张三家政', kind: 'household', creditCode: undefined }), token: tokens.E2 }))))).employer.id;
  f.gig = (await must(t.request('POST', '/api/employer/gigs', { body: gigBody(), token: tokens.E }), 201)).gig.id;
  await must(t.request('POST', `/api/gigs/${f.gig}/apply`, { token: tokens.W }));
  f.gigApp = (await must(t.request('GET', '/api/me/gig-applications', { token: tokens.W }))).items[0].id;
  await must(t.request('POST', `/api/gigs/${f.gig}/report`, { body: { reason: 'fake', detail: '电话打不通' }, token: tokens.W }));
  f.report = (await t.services.gigs.models.GigReport.findOne({ gigId: f.gig }).lean())!._id.toString();

  // W's registration in 道里区, submitted and approved, so W has a record and a verification code.
  const form = {
    realName: '张建国', idType: 'resident_id', idNumber: idNumber('230102', '1988-02-14', '052'), retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 1 号',
    hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: '2026-01-31', education: 'senior',
    skills: ['电焊'], certificates: [], desiredOccupations: ['焊工'], desiredDistricts: ['230102'], expectedMonthlyPay: 4500,
    workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
  };
  await must(t.request('PUT', '/api/registration/draft', { body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form }, token: tokens.W }));
  f.reg = (await must(t.request('POST', '/api/registration/submit', { body: { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'access-fixture-1' }, token: tokens.W }))).registration.id;
  await must(t.request('POST', `/api/staff/registrations/${f.reg}/decision`, { body: { decision: 'approve' }, token: tokens.S }));
  f.rating = (await must(t.request('POST', `/api/ratings/registration/${f.reg}`, { body: { stars: 1, comment: '等了很久' }, token: tokens.W }), 201)).rating.id;
  f.claim = (await must(t.request('POST', '/api/insurance/claim', { token: tokens.W, body: {
    history: [{ employer: '哈尔滨某机械厂', from: '2020-01', to: '2026-01', monthsPaid: 72 }], materials: ['id_card', 'separation_proof', 'bank_card'],
    bankName: '中国工商银行', bankAccount: '6222021234567890123', commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: 'access-claim-1',
  } }))).claim.id;
  f.recognition = (await must(t.request('POST', '/api/assistance/recognition', { token: tokens.W, body: {
    categories: ['disabled'], evidence: [{ category: 'disabled', note: '残疾人证 23010219880214' }], sensitiveConsentVersion: SENSITIVE_CONSENT.version, idempotencyKey: 'access-assist-1',
  } }))).recognition.id;
  await must(t.request('POST', `/api/staff/assistance/recognitions/${f.recognition}/decision`, { token: tokens.S, body: { decision: 'approve', validUntil: '2027-03-09' } }));
  f.step = (await must(t.request('POST', `/api/staff/assistance/recognitions/${f.recognition}/steps`, { token: tokens.S, body: { kind: 'job_referral', title: '推荐焊工岗位', dueDate: '2026-04-10' } }))).recognition.plan[0].id;
  const record = await must(t.request('GET', '/api/registration/record', { token: tokens.W }));
  f.verifyCode = String(record.verifyUrl).split('/').pop()!;

  f.policy = (await t.services.policies.models.Policy.findOne({ slug: 'unemployment-benefit' }).lean())!._id.toString();
  f.policyApp = (await must(t.request('POST', `/api/policies/${f.policy}/apply`, { body: { answers: { insuredYears: 3 } }, token: tokens.W }), 201)).id;
  f.notification = (await must(t.request('GET', '/api/notifications', { token: tokens.W }))).items[0].id;
  f.household = (await must(t.request('POST', '/api/staff/households', { body: HOUSEHOLD_BODY, token: tokens.S }), 201)).household.id;
  await t.services.serviceDesk.seedStandard();
  f.vacancy = (await must(t.request('POST', '/api/employer/vacancies', { body: VACANCY_BODY, token: tokens.E }), 201)).vacancy.id;
  f.vacancyApp = (await must(t.request('POST', `/api/vacancies/${f.vacancy}/apply`, { body: {}, token: tokens.W }), 201)).application.id;
  f.slot = (await must(t.request('POST', '/api/staff/centers/SC230102/slots', { body: { ...SLOT_BODY, startTime: '14:00', endTime: '15:00' }, token: tokens.S }), 201)).slot.id;
  f.booking = (await must(t.request('POST', `/api/booking-slots/${f.slot}/book`, { token: tokens.W }))).booking.id;
});
afterAll(async () => { await t.close(); await wx.close(); });

const fill = (path: string, params: Record<string, string>) => path.replace(/:(\w+)/g, (_, k: string) => params[k] ?? '000000000000000000000000');
const verdict = (status: number): Want | '5xx' => (status >= 500 ? '5xx' : status === 401 || status === 403 || status === 404 ? (status as Want) : 'ok');

test('every route in the OpenAPI document has a row, and every row a route', async () => {
  const doc = (await t.request('GET', '/api/openapi.json')).body;
  const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
  const mounted = t.routes.map((r) => `${r.method} ${r.path}`);
  expect(mounted.filter((k) => !documented.includes(k))).toEqual([]);
  expect(mounted.filter((k) => !ROWS[k])).toEqual([]);
  expect(Object.keys(ROWS).filter((k) => !mounted.includes(k))).toEqual([]);
});

describe.each(ACTORS)('as %s', (who) => {
  it('gets exactly what each route allows, and never a 5xx', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const r of t.routes) {
      const key = `${r.method} ${r.path}`;
      const row = ROWS[key];
      if (!row) continue; // reported by the test above
      const res = await t.request(r.method.toUpperCase(), fill(r.path, row.params?.(f) ?? {}) + (typeof row.query === 'function' ? row.query(f) : row.query ?? ''), {
        token: who === 'anon' ? undefined : tokens[who],
        body: row.body ? row.body(f) : r.body ? {} : undefined,
        headers: { 'x-forwarded-for': ip() },
      });
      got.push(`${key} → ${verdict(res.status)}${res.status >= 500 ? ` ${JSON.stringify(res.body)}` : ''}`);
      want.push(`${key} → ${row.rule[who]}`);
    }
    expect(got).toEqual(want);
  });
});
