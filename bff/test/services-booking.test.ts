import { SENSITIVE_CONSENT, STANDARD_SERVICES } from '@doorstep/shared';
import { must, nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { idNumber } from './support/ids';

/** 服务事项清单 and booking over HTTP on the real database: the list, staff edits, slots, parallel booking, cancel, attendance, reminders. */

// 2026-03-10 09:00 in China (a Tuesday).
const T0 = Date.parse('2026-03-10T09:00:00+08:00');
let clock = T0;
let t: TestApp;
let ipSeq = 0;
const DAOLI = 'SC230102';
const NANGANG = 'SC230103';
const login = async (role: 'worker' | 'staff' | 'city' = 'worker', center = '道里区公共就业服务中心') => {
  const phone = nextPhone();
  if (role !== 'worker') await t.services.auth.upsertStaff(phone, `经办${phone.slice(-4)}`, role === 'city' ? null : center, role === 'city' ? 'city' : 'center');
  return (await smsLogin(t, phone, `10.12.${Math.floor(ipSeq / 200)}.${ipSeq++ % 200}`)).accessToken;
};
let staff: string;
let otherStaff: string;
let city: string;
let slotSeq = 0;
const slotBody = (over: Record<string, unknown> = {}) => {
  slotSeq += 1;
  const h = String(8 + (slotSeq % 10)).padStart(2, '0');
  return { kind: 'guidance', serviceKey: 'career_guidance', date: '2026-03-11', startTime: `${h}:${String(slotSeq % 60).padStart(2, '0')}`, endTime: `${h}:59`, capacity: 3, placeId: 'center', ...over };
};
const newSlot = async (over: Record<string, unknown> = {}, token = staff, center = DAOLI) =>
  (await must(t.request('POST', `/api/staff/centers/${center}/slots`, { token, body: slotBody(over) }), 201)).slot as { id: string; remaining: number; capacity: number; reservedSeats: number; reservedLeft: number; seatsLabel: string };
const book = (token: string, slot: string) => t.request('POST', `/api/booking-slots/${slot}/book`, { token });
const held = (slot: string) => t.services.serviceDesk.models.Booking.countDocuments({ slotId: slot, status: { $in: ['booked', 'attended', 'no_show'] } });

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => clock } });
  await t.services.serviceDesk.seedStandard();
  staff = await login('staff');
  otherStaff = await login('staff', '南岗区公共就业服务中心');
  city = await login('city');
});
afterAll(() => t.close());
beforeEach(() => { clock = T0; });

describe('服务事项清单 and 办事指南 (public)', () => {
  it('every center publishes the standard list with a guide for each item, readable without login; seeding again adds nothing', async () => {
    const list = await must(t.request('GET', `/api/service-centers/${DAOLI}/services`));
    expect(list.center.name).toBe('道里区公共就业服务中心');
    expect(list.items.map((i: { key: string }) => i.key)).toEqual(STANDARD_SERVICES.map((s) => s.key));
    const names = list.items.map((i: { name: string }) => i.name);
    for (const n of ['失业登记', '就业登记', '失业保险金申领', '职业指导', '职业介绍', '就业困难人员认定', '就业见习', '职业技能培训补贴']) expect(names).toContain(n);
    const guide = await must(t.request('GET', `/api/service-centers/${NANGANG}/services/unemployment_registration`));
    expect(guide.item.guide.timeLimit).toContain('7 个工作日');
    expect(guide.item.guide.online).toBe(true);
    expect(guide.item.guide.materials.length).toBeGreaterThan(0);
    expect(guide.item.guide.conditions.length).toBeGreaterThan(0);
    expect(guide.item.guide.where).toBeTruthy();
    expect(await t.services.serviceDesk.seedStandard()).toBe(0);
    expect(await t.services.serviceDesk.models.CenterService.countDocuments({})).toBe(STANDARD_SERVICES.length * 9);
  });

  it('an unknown center or item is a Chinese 404; a malformed center code a 400 naming the field', async () => {
    const a = await t.request('GET', '/api/service-centers/SC999999/services');
    expect(a.status).toBe(404);
    expect(a.body.error.message).toContain('服务中心');
    const b = await t.request('GET', `/api/service-centers/${DAOLI}/services/no_such_item`);
    expect(b.status).toBe(404);
    const c = await t.request('GET', '/api/service-centers/daoli/services');
    expect(c.status).toBe(400);
    expect(JSON.stringify(c.body.error)).toContain('code');
    expect(c.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('staff edit their own center’s list', () => {
  const edit = (over: Record<string, unknown> = {}) => ({
    name: '职业指导', published: true, conditions: ['有就业意愿的城乡劳动者'], materials: ['居民身份证'], timeLimit: '当场办理', where: '道里区经纬街 98 号二楼职业指导室',
    online: false, inPerson: true, ...over,
  });

  it('the center’s staff change a guide (audited), the public sees it, other centers do not change; another center’s staff get 404', async () => {
    const r = await must(t.request('PUT', `/api/staff/centers/${DAOLI}/services/career_guidance`, { token: staff, body: edit() }));
    expect(r.item.guide.where).toContain('二楼');
    const pub = await must(t.request('GET', `/api/service-centers/${DAOLI}/services/career_guidance`));
    expect(pub.item.guide.where).toContain('二楼');
    const other = await must(t.request('GET', `/api/service-centers/${NANGANG}/services/career_guidance`));
    expect(other.item.guide.where).not.toContain('二楼');
    const cross = await t.request('PUT', `/api/staff/centers/${NANGANG}/services/career_guidance`, { token: staff, body: edit({ where: '别处' }) });
    expect(cross.status).toBe(404);
    expect((await t.request('GET', `/api/staff/centers/${DAOLI}/services`, { token: otherStaff })).status).toBe(404);
    expect((await t.request('GET', `/api/staff/centers/${DAOLI}/services`, { token: city })).status).toBe(200);
    expect((await t.services.audit.Audit.find({ action: 'service.edit', subjectId: `${DAOLI}:career_guidance` }).lean()).length).toBe(1);
    // The same entry again writes nothing and is not audited again.
    await must(t.request('PUT', `/api/staff/centers/${DAOLI}/services/career_guidance`, { token: staff, body: edit() }));
    expect((await t.services.audit.Audit.find({ action: 'service.edit', subjectId: `${DAOLI}:career_guidance` }).lean()).length).toBe(1);
  });

  it('an unpublished item leaves the public list but stays on the staff list; a new key adds an item', async () => {
    await must(t.request('PUT', `/api/staff/centers/${DAOLI}/services/startup_guidance`, { token: staff, body: edit({ name: '创业开业指导', published: false }) }));
    const pub = await must(t.request('GET', `/api/service-centers/${DAOLI}/services`));
    expect(pub.items.map((i: { key: string }) => i.key)).not.toContain('startup_guidance');
    expect((await t.request('GET', `/api/service-centers/${DAOLI}/services/startup_guidance`)).status).toBe(404);
    const mine = await must(t.request('GET', `/api/staff/centers/${DAOLI}/services`, { token: staff }));
    expect(mine.items.find((i: { key: string }) => i.key === 'startup_guidance').published).toBe(false);
    await must(t.request('PUT', `/api/staff/centers/${DAOLI}/services/archive_service`, { token: staff, body: edit({ name: '流动人员人事档案管理', online: true, onlineHow: '小程序「办事」页' }) }));
    const after = await must(t.request('GET', `/api/service-centers/${DAOLI}/services/archive_service`));
    expect(after.item.category).toContain('其他服务');
  });

  it('bad input is a Chinese 400 naming the field, and changes nothing', async () => {
    const before = await must(t.request('GET', `/api/service-centers/${DAOLI}/services/job_referral`));
    const cases: [Record<string, unknown>, string][] = [
      [{ conditions: [] }, 'conditions'],
      [{ materials: 'ID' }, 'materials'],
      [{ online: true }, 'onlineHow'],
      [{ timeLimit: '' }, 'timeLimit'],
      [{ published: 'yes' }, 'published'],
    ];
    for (const [over, field] of cases) {
      const r = await t.request('PUT', `/api/staff/centers/${DAOLI}/services/job_referral`, { token: staff, body: edit({ name: '职业介绍', ...over }) });
      expect(r.status).toBe(400);
      expect(r.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const bad = await t.request('PUT', `/api/staff/centers/${DAOLI}/services/Bad-Key`, { token: staff, body: edit() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('params.key');
    expect(await must(t.request('GET', `/api/service-centers/${DAOLI}/services/job_referral`))).toEqual(before);
  });
});

describe('slots', () => {
  it('staff open a slot at the center or one of its stations; the public sees remaining seats', async () => {
    const s = await newSlot({ placeId: 'st-dl-02', capacity: 5 });
    expect(s.remaining).toBe(5);
    const list = await must(t.request('GET', `/api/service-centers/${DAOLI}/slots?kind=guidance`));
    const row = list.items.find((x: { id: string }) => x.id === s.id);
    expect(row.place.name).toBe('群力街道家门口就业服务站');
    expect(row.serviceName).toBe('职业指导');
    // The same slot twice is one slot.
    const again = await t.request('POST', `/api/staff/centers/${DAOLI}/slots`, { token: staff, body: { ...slotBody(), startTime: row.startTime, endTime: row.endTime, placeId: 'st-dl-02', capacity: 5 } });
    expect(again.status).toBe(409);
  });

  it('bad slot input is a Chinese 400 naming the field; another center’s staff get 404', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ endTime: '08:00', startTime: '09:00' }, 'endTime'],
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 3.5 }, 'capacity'],
      [{ date: '2026-02-30' }, 'date'],
      [{ date: '2026-03-09' }, 'date'],
      [{ kind: 'party' }, 'kind'],
      [{ placeId: 'st-ng-02' }, 'placeId'],
      [{ startTime: '9:00' }, 'startTime'],
      [{ kind: 'window' }, 'serviceKey'],
    ];
    const before = await t.services.serviceDesk.models.Slot.countDocuments({});
    for (const [over, field] of cases) {
      const r = await t.request('POST', `/api/staff/centers/${DAOLI}/slots`, { token: staff, body: slotBody(over) });
      expect([r.status, field]).toEqual([400, field]);
      expect(r.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await t.request('POST', `/api/staff/centers/${DAOLI}/slots`, { token: otherStaff, body: slotBody() })).status).toBe(404);
    expect(await t.services.serviceDesk.models.Slot.countDocuments({})).toBe(before);
  });
});

describe('booking', () => {
  it('10 parallel bookings of the last seat: exactly one succeeds, the rest get a Chinese 409', async () => {
    const s = await newSlot({ capacity: 3 });
    await must(book(await login(), s.id));
    await must(book(await login(), s.id));
    const racers = await Promise.all(Array.from({ length: 10 }, () => login()));
    const res = await Promise.all(racers.map((tok) => book(tok, s.id)));
    expect(res.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = res.filter((r) => r.status !== 200);
    expect(refused.map((r) => r.status)).toEqual(Array(9).fill(409));
    for (const r of refused) expect(r.body.error.message).toContain('约满');
    expect(await held(s.id)).toBe(3);
    const seats = (await t.services.serviceDesk.models.Booking.find({ slotId: s.id }).lean()).map((b) => b.seatNo).sort();
    expect(seats).toEqual([1, 2, 3]);
    const pub = await must(t.request('GET', `/api/service-centers/${DAOLI}/slots`));
    expect(pub.items.find((x: { id: string }) => x.id === s.id).remaining).toBe(0);
  });

  it('one person cannot hold two bookings in one slot, even tapping 5 times at once', async () => {
    const s = await newSlot({ capacity: 10 });
    const w = await login();
    const res = await Promise.all(Array.from({ length: 5 }, () => book(w, s.id)));
    expect(res.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of res.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body.error.message).toContain('已经预约');
    }
    expect(await held(s.id)).toBe(1);
    const mine = await must(t.request('GET', '/api/me/bookings', { token: w }));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].code).toMatch(/^G0311-01$/);
    expect(mine.items[0].canCancel).toBe(true);
  });

  it('cancelling frees the seat for someone else; only the owner can cancel, once, before the start', async () => {
    const s = await newSlot({ capacity: 1 });
    const w = await login();
    const w2 = await login();
    const b = (await must(book(w, s.id))).booking;
    expect((await book(w2, s.id)).status).toBe(409);
    expect((await t.request('POST', `/api/me/bookings/${b.id}/cancel`, { token: w2 })).status).toBe(404);
    const c = await must(t.request('POST', `/api/me/bookings/${b.id}/cancel`, { token: w }));
    expect(c.booking.status).toBe('cancelled');
    expect(c.booking.slot.remaining).toBe(1);
    const again = await t.request('POST', `/api/me/bookings/${b.id}/cancel`, { token: w });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已取消');
    const b2 = (await must(book(w2, s.id))).booking;
    expect(b2.seatNo).toBe(1);
    // The person who cancelled may book again once a seat is free; a slot that started is closed.
    clock = Date.parse('2026-03-11T20:00:00+08:00');
    const late = await t.request('POST', `/api/me/bookings/${b2.id}/cancel`, { token: w2 });
    expect(late.status).toBe(409);
    expect((await book(await login(), s.id)).status).toBe(409);
    const notices = await t.conn.collection('notifications').find({ kind: { $in: ['booking.booked', 'booking.cancelled'] } }).toArray();
    expect(notices.filter((n) => String(n.dedupeKey).startsWith(`booking:${b.id}:`)).map((n) => n.kind).sort()).toEqual(['booking.booked', 'booking.cancelled']);
  });

  it('a missing slot is 404, a malformed id a 400 naming the field; staff and anonymous cannot book', async () => {
    const w = await login();
    expect((await book(w, '0123456789abcdef01234567')).status).toBe(404);
    const bad = await book(w, 'nope');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('id');
    const s = await newSlot();
    expect((await book(staff, s.id)).status).toBe(403);
    expect((await t.request('POST', `/api/booking-slots/${s.id}/book`)).status).toBe(401);
  });
});

describe('staff: the day’s bookings and attendance', () => {
  it('the center’s staff see the day’s bookings masked and mark 到场 / 未到; another center sees 404', async () => {
    const s = await newSlot({ capacity: 4, date: '2026-03-12' });
    const owner = await login();
    const a = (await must(book(owner, s.id))).booking;
    const b = (await must(book(await login(), s.id))).booking;
    const early = await t.request('POST', `/api/staff/bookings/${a.id}/attendance`, { token: staff, body: { attended: true } });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('当天');
    clock = Date.parse('2026-03-12T08:00:00+08:00');
    const day = await must(t.request('GET', `/api/staff/centers/${DAOLI}/bookings`, { token: staff }));
    expect(day.date).toBe('2026-03-12');
    const row = day.slots.find((x: { id: string }) => x.id === s.id);
    expect(row.bookings).toHaveLength(2);
    for (const x of row.bookings) expect(x.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(JSON.stringify(day)).not.toMatch(/1[3-9]\d{9}/);
    expect((await t.request('GET', `/api/staff/centers/${DAOLI}/bookings?date=2026-03-12`, { token: otherStaff })).status).toBe(404);
    expect((await t.request('POST', `/api/staff/bookings/${a.id}/attendance`, { token: otherStaff, body: { attended: true } })).status).toBe(404);
    const bad = await t.request('POST', `/api/staff/bookings/${a.id}/attendance`, { token: staff, body: { attended: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('attended');
    expect((await must(t.request('POST', `/api/staff/bookings/${a.id}/attendance`, { token: staff, body: { attended: true } }))).booking.status).toBe('attended');
    expect((await must(t.request('POST', `/api/staff/bookings/${b.id}/attendance`, { token: staff, body: { attended: false } }))).booking.status).toBe('no_show');
    const after = await must(t.request('GET', `/api/staff/centers/${DAOLI}/bookings?date=2026-03-12`, { token: staff }));
    expect(after.counts).toMatchObject({ attended: 1, noShow: 1 });
    const mine = await must(t.request('GET', '/api/me/bookings', { token: owner }));
    expect(mine.items[0]).toMatchObject({ status: 'attended', statusLabel: '已到场', canCancel: false });
    expect((await t.request('POST', `/api/me/bookings/${a.id}/cancel`, { token: owner })).status).toBe(409);
    expect((await t.services.audit.Audit.find({ subjectType: 'booking', subjectId: { $in: [a.id, b.id] } }).lean()).map((e) => e.action).sort()).toEqual(['booking.attended', 'booking.no_show']);
    // A malformed day is a 400 naming it.
    expect((await t.request('GET', `/api/staff/centers/${DAOLI}/bookings?date=2026-3-12`, { token: staff })).status).toBe(400);
  });
});

describe('reminders', () => {
  it('the evening before, each person still booked gets one reminder, across repeated ticks', async () => {
    const s = await newSlot({ capacity: 3, date: '2026-03-20' });
    const w = await login();
    const w2 = await login();
    const b = (await must(book(w, s.id))).booking;
    const c = (await must(book(w2, s.id))).booking;
    await must(t.request('POST', `/api/me/bookings/${c.id}/cancel`, { token: w2 }));
    clock = Date.parse('2026-03-19T17:00:00+08:00');
    await t.scheduler.tick();
    expect(await t.conn.collection('notifications').countDocuments({ kind: 'booking.reminder', dedupeKey: `booking-remind:${b.id}` })).toBe(0);
    clock = Date.parse('2026-03-19T18:05:00+08:00');
    await Promise.all([t.scheduler.tick(), t.scheduler.tick()]);
    await t.scheduler.tick();
    const sent = await t.conn.collection('notifications').find({ kind: 'booking.reminder' }).toArray();
    expect(sent.filter((n) => n.dedupeKey === `booking-remind:${b.id}`)).toHaveLength(1);
    expect(sent.filter((n) => n.dedupeKey === `booking-remind:${c.id}`)).toHaveLength(0);
    expect(sent.find((n) => n.dedupeKey === `booking-remind:${b.id}`)!.body).toContain('G0320-01');
  });
});

describe('优先名额 for recognised 就业困难人员 and veterans', () => {
  let seq = 600;
  const form = (id: string, over: Record<string, unknown> = {}) => ({
    realName: '李卫国', idType: 'resident_id', idNumber: id, retirementCategory: 'male', residenceDistrict: '230102', residenceStreet: '兆麟街道', residenceAddress: '示例路 3 号',
    hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: 'dismissed', lastEmployer: '哈尔滨某机械厂', lastJobEndDate: '2026-02-28', education: 'senior',
    skills: ['电工'], certificates: [], desiredOccupations: ['电工'], desiredDistricts: ['230102'], expectedMonthlyPay: 4000,
    workModes: ['full_time'], serviceNeeds: ['job_referral'], claimUnemploymentInsurance: false, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false, ...over,
  });
  /** A worker with an approved 失业登记 in 道里区 (a veteran when told: 退役未就业). */
  async function registered(over: Record<string, unknown> = {}) {
    const token = await login();
    seq += 2;
    const id = idNumber('230102', '1991-05-20', String(seq).padStart(3, '0'));
    await must(t.request('PUT', '/api/registration/draft', { token, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: form(id, over) } }));
    const regId = (await must(t.request('POST', '/api/registration/submit', { token, body: { commitmentVersion: '2026-01', commitmentAccepted: true, idempotencyKey: `svc-reg-${seq}` } }))).registration.id as string;
    await must(t.request('POST', `/api/staff/registrations/${regId}/decision`, { token: staff, body: { decision: 'approve' } }));
    return token;
  }
  const veteran = () => registered({ unemploymentReason: 'veteran' });
  /** A registered worker recognised as 就业困难人员 (残疾人) until `validUntil`. */
  async function recognised(validUntil = '2027-03-09') {
    const token = await registered();
    const body = { categories: ['disabled'], evidence: [{ category: 'disabled', note: '残疾人证已核验' }], sensitiveConsentVersion: SENSITIVE_CONSENT.version, idempotencyKey: `svc-assist-${seq}` };
    const id = (await must(t.request('POST', '/api/assistance/recognition', { token, body }))).recognition.id as string;
    await must(t.request('POST', `/api/staff/assistance/recognitions/${id}/decision`, { token: staff, body: { decision: 'approve', validUntil } }));
    return token;
  }
  const publicSlot = async (id: string) => (await must(t.request('GET', `/api/service-centers/${DAOLI}/slots?from=2026-03-10`))).items.find((x: { id: string }) => x.id === id);
  const RESERVED = '剩余名额为就业困难人员、退役军人预留';

  it('staff set 优先名额 from 0 up to the capacity (0 when left out); a bad value is a Chinese 400 naming reservedSeats', async () => {
    expect((await newSlot({ capacity: 3 })).reservedSeats).toBe(0);
    const s = await newSlot({ capacity: 3, reservedSeats: 3, date: '2026-03-13' });
    expect(s).toMatchObject({ reservedSeats: 3, reservedLeft: 3, remaining: 3, seatsLabel: '剩 3 个名额（均为就业困难人员、退役军人优先名额）' });
    for (const bad of [4, -1, 1.5, '2']) {
      const r = await t.request('POST', `/api/staff/centers/${DAOLI}/slots`, { token: staff, body: slotBody({ capacity: 3, reservedSeats: bad }) });
      expect([r.status, bad]).toEqual([400, bad]);
      expect(r.body.error.details.map((d: { field: string }) => d.field)).toEqual(['reservedSeats']);
      expect(r.body.error.message).toMatch(/优先名额/);
    }
  });

  it('an ordinary person cannot take the reserved seats, a recognised person and a veteran can; the slot and the staff day say so', async () => {
    const s = await newSlot({ capacity: 3, reservedSeats: 2, date: '2026-03-13' });
    expect((await publicSlot(s.id)).seatsLabel).toBe('剩 3 个名额（含 2 个就业困难人员、退役军人优先名额）');
    const first = await login();
    // An approved registration alone (not a veteran, not recognised) is not priority.
    const plain = await registered();
    const rec = await recognised();
    const vet = await veteran();
    expect((await must(book(first, s.id))).booking.slot).toMatchObject({ remaining: 2, reservedLeft: 2, seatsLabel: '剩 2 个名额（均为就业困难人员、退役军人优先名额）' });
    const refused = await book(plain, s.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SEATS_RESERVED');
    expect(refused.body.error.message).toContain(RESERVED);
    expect(refused.body.error.message).toContain('2026-03-12 起');
    expect((await must(book(rec, s.id))).booking.slot).toMatchObject({ remaining: 1, reservedLeft: 1 });
    expect((await book(plain, s.id)).body.error.message).toContain(RESERVED);
    expect((await must(book(vet, s.id))).booking.slot).toMatchObject({ remaining: 0, reservedLeft: 0, seatsLabel: '已约满' });
    const full = await book(plain, s.id);
    expect([full.status, full.body.error.code]).toEqual([409, 'SLOT_FULL']);
    expect(await held(s.id)).toBe(3);
    const day = await must(t.request('GET', `/api/staff/centers/${DAOLI}/bookings?date=2026-03-13`, { token: staff }));
    const row = day.slots.find((x: { id: string }) => x.id === s.id);
    expect(row).toMatchObject({ capacity: 3, reservedSeats: 2, booked: 3 });
    expect(row.bookings.map((b: { seatNo: number; priority: boolean }) => [b.seatNo, b.priority])).toEqual([[1, false], [2, true], [3, true]]);
  });

  it('the reservation is a quota: seats priority people hold count towards it; a priority cancellation gives the seat back to priority', async () => {
    const s = await newSlot({ capacity: 3, reservedSeats: 1, date: '2026-03-13' });
    const rec = await recognised();
    const a = await login();
    const b = await login();
    const mine = (await must(book(rec, s.id))).booking;
    expect(mine.slot).toMatchObject({ remaining: 2, reservedLeft: 0, seatsLabel: '剩 2 个名额' });
    await must(book(a, s.id));
    await must(t.request('POST', `/api/me/bookings/${mine.id}/cancel`, { token: rec }));
    // One seat held by an ordinary person, two free, one of them reserved again.
    expect(await publicSlot(s.id)).toMatchObject({ remaining: 2, reservedLeft: 1, seatsLabel: '剩 2 个名额（含 1 个就业困难人员、退役军人优先名额）' });
    await must(book(b, s.id));
    expect((await book(await login(), s.id)).body.error.code).toBe('SEATS_RESERVED');
  });

  it('a recognition past its validity ends priority (before and after the daily expiry job); unclaimed reserved seats open to everyone the day before', async () => {
    const rec = await recognised('2026-03-20');
    const s = await newSlot({ capacity: 2, reservedSeats: 2, date: '2026-03-26' });
    const s2 = await newSlot({ capacity: 2, reservedSeats: 2, date: '2026-03-26' });
    clock = Date.parse('2026-03-20T20:00:00+08:00');
    expect((await must(book(rec, s.id))).booking.slot.reservedLeft).toBe(1);
    clock = Date.parse('2026-03-21T08:00:00+08:00');
    const after = await book(rec, s2.id);
    expect([after.status, after.body.error.code]).toEqual([409, 'SEATS_RESERVED']);
    expect((await t.services.assistance.expireDue()).expired).toBeGreaterThanOrEqual(1);
    expect((await book(rec, s2.id)).body.error.code).toBe('SEATS_RESERVED');
    // The booking made while recognised keeps its seat and still counts as priority.
    expect((await publicSlot(s.id)).reservedLeft).toBe(1);
    // The day before the slot (from 00:00 China time) nobody's seat is held back.
    clock = Date.parse('2026-03-24T23:59:00+08:00');
    expect((await book(await login(), s2.id)).status).toBe(409);
    clock = Date.parse('2026-03-25T00:00:00+08:00');
    expect(await publicSlot(s2.id)).toMatchObject({ remaining: 2, reservedLeft: 0, seatsLabel: '剩 2 个名额' });
    await must(book(rec, s2.id));
    await must(book(await login(), s2.id));
    await must(book(await login(), s.id));
    expect([await held(s.id), await held(s2.id)]).toEqual([2, 2]);
  });

  it('10 ordinary and 3 priority people booking in parallel (capacity 3, 2 reserved): at most one ordinary seat, all 3 seats taken, the rest a Chinese 409', async () => {
    const s = await newSlot({ capacity: 3, reservedSeats: 2, date: '2026-03-13' });
    const priority = [await recognised(), await recognised(), await veteran()];
    const ordinary = await Promise.all(Array.from({ length: 10 }, () => login()));
    const racers = [...ordinary.map((token) => ({ token, priority: false })), ...priority.map((token) => ({ token, priority: true }))].sort(() => Math.random() - 0.5);
    const res = await Promise.all(racers.map(async (r) => ({ ...r, res: await book(r.token, s.id) })));
    const won = res.filter((r) => r.res.status === 200);
    const ordinaryWon = won.filter((r) => !r.priority).length;
    expect(won).toHaveLength(3);
    expect(ordinaryWon).toBeLessThanOrEqual(1);
    // Every priority person gets a seat unless an ordinary person took the one open seat first.
    expect(won.filter((r) => r.priority)).toHaveLength(3 - ordinaryWon);
    for (const r of res.filter((x) => x.res.status !== 200)) {
      expect(r.res.status).toBe(409);
      if (r.priority) expect(r.res.body.error.code).toBe('SLOT_FULL');
      else expect(['SEATS_RESERVED', 'SLOT_FULL']).toContain(r.res.body.error.code);
    }
    // The seats as stored: three distinct, at least one priority holder per reserved seat.
    const rows = await t.services.serviceDesk.models.Booking.find({ slotId: s.id, status: 'booked' }).lean();
    expect(rows.map((b) => b.seatNo).sort()).toEqual([1, 2, 3]);
    expect(rows.filter((b) => b.priority).length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((b) => b.priority).length).toBe(3 - ordinaryWon);
    expect(await held(s.id)).toBe(3);
    expect(await publicSlot(s.id)).toMatchObject({ remaining: 0, seatsLabel: '已约满' });
  });
});
