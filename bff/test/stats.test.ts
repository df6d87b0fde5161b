import { Types } from 'mongoose';
import { GIG_CATEGORIES, STATS_TABLES, geohashFields } from '@doorstep/shared';
import { nextIp } from './support/gig-helpers';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';

/**
 * Dashboard figures (数据分析) on generated data: every figure the API returns is checked against
 * counts computed here, independently, by looping over the generated documents. The data is
 * inserted directly (as the benchmark does) so it spans months and every state.
 */
const T0 = Date.parse('2026-09-29T10:00:00+08:00'); // Tuesday
let clock = T0;
let t: TestApp;
jest.setTimeout(60_000);

// ---- independent helpers (deliberately not the code under test) ----------------------------------
const DAY = 86400_000;
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const chinaMonth = (d: Date) => chinaDay(d).slice(0, 7);
const TODAY = '2026-09-29';
function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}
const band = (months: number) => (months < 3 ? 'lt3' : months < 6 ? '3to6' : months < 12 ? '6to12' : 'ge12');
function medianOf(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
// mulberry32: a small PRNG with a full 2^32 period (a float LCG loses precision and repeats early).
let seed = 4242;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;

const NG = { center: 'SC230103', district: '230103', point: { lat: 45.7600, lng: 126.6685 } };
const DL = { center: 'SC230102', district: '230102', point: { lat: 45.7576, lng: 126.6169 } };
const REASONS = ['contract_expired', 'dismissed', 'employer_closed', 'resigned', 'graduate', 'veteran', 'other'] as const;
const STATUSES = ['approved', 'approved', 'approved', 'exited', 'exited', 'submitted', 'under_review', 'rejected', 'returned', 'draft'] as const;

interface GenReg {
  _id: Types.ObjectId; userId: Types.ObjectId; status: string; centerCode: string | null; district: string | null;
  form: Record<string, unknown>; submittedAt: Date; dueDate: string; approvedAt: Date | null; exit: { reason: string; at: Date } | null;
  timeline: { type: string; at: Date }[]; createdAt: Date;
}
const regs: GenReg[] = [];
const gigs: { _id: Types.ObjectId; home: typeof NG; createdAt: Date; headcount: number; filled: number; filledAt: Date | null; category: string; status: string; title: string }[] = [];
const apps: { _id: Types.ObjectId; userId: string; home: string | null; policyId: string; status: string; createdAt: Date }[] = [];

function genRegistration(i: number): GenReg {
  const home = rnd() < 0.6 ? NG : DL;
  const status = pick(STATUSES);
  const reason = pick(REASONS);
  const submittedAt = new Date(T0 - Math.floor(rnd() * 420) * DAY - Math.floor(rnd() * DAY));
  const dueDate = chinaDay(new Date(submittedAt.getTime() + 9 * DAY));
  const approvedAt = status === 'approved' || status === 'exited' ? new Date(Math.min(T0 - 3600_000, submittedAt.getTime() + Math.floor(rnd() * 14) * DAY + 3600_000)) : null;
  const exitAt = status === 'exited' ? new Date(Math.min(T0 - 1000, approvedAt!.getTime() + Math.floor(rnd() * 200) * DAY)) : null;
  const timeline = [{ type: 'submitted', at: submittedAt }];
  if (approvedAt) timeline.push({ type: 'approved', at: approvedAt });
  if (status === 'rejected') timeline.push({ type: 'rejected', at: new Date(Math.min(T0 - 1000, submittedAt.getTime() + Math.floor(rnd() * 15) * DAY)) });
  const hadJob = !['graduate', 'veteran'].includes(reason);
  const form: Record<string, unknown> = { realName: '张建国', idType: 'resident_id', residenceDistrict: home.district, unemploymentReason: reason, education: 'senior' };
  if (hadJob) form.lastJobEndDate = chinaDay(new Date(submittedAt.getTime() - Math.floor(rnd() * 500) * DAY));
  const draft = status === 'draft';
  return {
    _id: new Types.ObjectId(), userId: new Types.ObjectId(), status, centerCode: draft ? null : home.center, district: draft ? null : home.district, form,
    submittedAt, dueDate, approvedAt, exit: exitAt ? { reason: rnd() < 0.7 ? 'employed' : 'cancel', at: exitAt } : null, timeline, createdAt: new Date(submittedAt.getTime() - i),
  };
}

let ng: { token: string; id: string };
let dl: { token: string; id: string };
const staffOf = async (center: string) => {
  const phone = nextPhone();
  await t.services.auth.upsertStaff(phone, `经办${phone.slice(-4)}`, center);
  const s = await smsLogin(t, phone, nextIp());
  return { token: s.accessToken, id: s.user.id };
};
const dashboard = async (token: string, q = '') => {
  const r = await t.request('GET', `/api/staff/stats${q}`, { token });
  expect(r.status).toBe(200);
  return r.body;
};

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => clock } });
  ng = await staffOf('南岗区公共就业服务中心');
  dl = await staffOf('道里区公共就业服务中心');
  // A pass over this data takes a second or two; on a busy machine it could pass the 3 s at which the
  // service switches to answering from the old snapshot. Pin the synchronous path (the other path has its own test).
  t.services.stats.syncRecomputeMs = 60_000;
  for (let i = 0; i < 500; i++) regs.push(genRegistration(i));
  await t.conn.collection('registrations').insertMany(regs.map((r) => ({
    ...r, idNumberEnc: t.services.pii.encrypt('230103198604121037'), classification: { category: '一般失业人员', level: 'C' }, followUps: [], submitKeys: [],
    nextFollowUpOn: null, timeline: r.timeline.map((e) => ({ ...e, by: null, reason: null })), exit: r.exit ? { ...r.exit, employer: null, employedOn: null, note: null, by: r.userId } : null,
    updatedAt: new Date(),
  })));

  for (let i = 0; i < 400; i++) {
    const home = i === 0 || rnd() < 0.5 ? NG : DL;
    const place = { lat: home.point.lat + (rnd() - 0.5) * 0.02, lng: home.point.lng + (rnd() - 0.5) * 0.02 };
    const createdAt = new Date(Date.parse(rnd() < 0.7 ? '2026-09-01T00:00:00+08:00' : '2026-08-01T00:00:00+08:00') + Math.floor(rnd() * 28 * DAY));
    const headcount = 1 + Math.floor(rnd() * 4);
    const filled = Math.min(headcount, Math.floor(rnd() * (headcount + 2)));
    const filledAt = filled === headcount ? new Date(createdAt.getTime() + Math.floor(rnd() * 96 * 3600_000)) : null;
    gigs.push({ _id: new Types.ObjectId(), home, createdAt, headcount, filled, filledAt, category: pick(GIG_CATEGORIES), status: i === 0 ? 'review' : pick(['open', 'closed']), title: i === 0 ? '搬运工 电话13912345678' : '仓库搬运装卸工' });
    Object.assign(place, geohashFields(place));
    (gigs[i] as unknown as { place: unknown }).place = place;
  }
  await t.conn.collection('gigs').insertMany(gigs.map((g) => {
    const p = (g as unknown as { place: { lat: number; lng: number; gh5: string; gh6: string; gh7: string } }).place;
    return {
      _id: g._id, ownerId: new Types.ObjectId(), employerId: new Types.ObjectId(), employerName: '哈尔滨某公司', employerKind: 'enterprise', commitment: false, title: g.title,
      category: g.category, headcount: g.headcount, filled: g.filled, filledAt: g.filledAt, payAmount: 200, payUnit: 'day', payDaily: 200, settlement: 'daily',
      date: '2026-10-12', startTime: '08:00', endTime: '17:00', startAt: new Date('2026-10-12T00:00:00Z'), endAt: new Date('2026-10-12T09:00:00Z'),
      lat: p.lat, lng: p.lng, gh5: p.gh5, gh6: p.gh6, gh7: p.gh7, address: '示例路 8 号', requirements: '', contactName: '李经理', contactPhoneEnc: t.services.pii.encrypt('13912345678'),
      urgent: false, elderFriendly: false, status: g.status, reviewNote: null, notifiedWorkers: 0, createdAt: g.createdAt, updatedAt: g.createdAt,
    };
  }));

  // Applicants: people with a registration, people known only by their gig-work home district, and employers.
  const withDistrict = regs.filter((r) => r.district);
  const profiles = Array.from({ length: 10 }, (_, i) => ({ userId: new Types.ObjectId(), homeDistrict: i % 2 ? NG.district : DL.district }));
  await t.conn.collection('worker_profiles').insertMany(profiles.map((p) => ({ ...p, registeredAt: new Date(T0), availableOn: null, categories: [], home: null, gh5: null, gh6: null, gh7: null, elder: false, ratingSum: 0, ratingCount: 0, noticeDay: null, noticeCount: 0 })));
  const employers = Array.from({ length: 6 }, (_, i) => ({ userId: new Types.ObjectId(), address: i % 2 ? '哈尔滨市南岗区学府路 8 号' : '道里区安静街 1 号' }));
  await t.conn.collection('employers').insertMany(employers.map((e, i) => ({ ...e, kind: 'enterprise', name: `测试企业${i}`, creditCode: null, contactName: '张经理', contactPhoneEnc: 'x', commitment: false, status: 'verified', submittedAt: new Date(T0), reviewDeadline: TODAY, ratingSum: 0, ratingCount: 0 })));
  for (let i = 0; i < 90; i++) {
    const who = i % 3 === 0 ? { id: pick(profiles).userId.toString(), home: null as string | null } : i % 3 === 1 ? (() => { const r = pick(withDistrict); return { id: r.userId.toString(), home: r.district }; })() : (() => { const e = pick(employers); return { id: e.userId.toString(), home: e.address.includes('南岗区') ? NG.district : DL.district }; })();
    if (i % 3 === 0) who.home = profiles.find((p) => p.userId.toString() === who.id)!.homeDistrict;
    apps.push({ _id: new Types.ObjectId(), userId: who.id, home: who.home, policyId: pick(['p-a', 'p-b', 'p-c']), status: pick(['submitted', 'approved', 'returned', 'rejected']), createdAt: new Date(Date.parse(rnd() < 0.8 ? '2026-09-01T00:00:00+08:00' : '2026-08-01T00:00:00+08:00') + Math.floor(rnd() * 28 * DAY)) });
  }
  await t.conn.collection('policy_applications').insertMany(apps.map((a, i) => ({
    _id: a._id, policyId: a.policyId, policyTitle: `政策 ${a.policyId}`, policyVersion: 1, userId: a.userId, applicantName: '张建国', period: `once-${i}`, status: a.status, facts: {},
    amount: 1000, note: null, reason: null, decidedBy: null, decidedAt: null, createdAt: a.createdAt, updatedAt: a.createdAt,
  })));
  // These documents are written the way older versions stored them (no district): the start-up backfill gives them theirs.
  expect(await t.services.workbench.backfillDistricts()).toBeGreaterThan(0);
}, 120_000);
afterAll(() => t.close());

/** What the 南岗 dashboard for 2026-09 must show, computed from the generated documents. */
function expected() {
  const mine = regs.filter((r) => r.centerCode === NG.center);
  const approved = mine.filter((r) => r.status === 'approved');
  const inSep = (d: Date | null | undefined) => !!d && chinaMonth(d) === '2026-09';
  const exitsSep = mine.filter((r) => r.exit && inSep(r.exit.at));
  const months = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];
  const decided = [
    ...mine.filter((r) => inSep(r.approvedAt)).map((r) => ({ at: r.approvedAt!, due: r.dueDate })),
    ...mine.filter((r) => r.status === 'rejected').map((r) => ({ at: r.timeline.find((e) => e.type === 'rejected')!.at, due: r.dueDate })).filter((x) => inSep(x.at)),
  ];
  const pending = mine.filter((r) => r.status === 'submitted' || r.status === 'under_review');
  const myGigs = gigs.filter((g) => g.home === NG && inSep(g.createdAt));
  const filled = myGigs.filter((g) => g.filledAt);
  const myApps = apps.filter((a) => a.home === NG.district && inSep(a.createdAt));
  return {
    registeredNow: approved.length,
    pending: pending.length,
    newThisMonth: count(mine, (r) => inSep(r.approvedAt)),
    exitsThisMonth: exitsSep.length,
    exitsByReason: { employed: count(exitsSep, (r) => r.exit!.reason === 'employed'), cancel: count(exitsSep, (r) => r.exit!.reason === 'cancel') },
    byReason: Object.fromEntries(REASONS.map((k) => [k, count(approved, (r) => r.form.unemploymentReason === k)])),
    byDuration: Object.fromEntries(['lt3', '3to6', '6to12', 'ge12'].map((k) => [k, count(approved, (r) => band(wholeMonths((r.form.lastJobEndDate as string | undefined) ?? chinaDay(r.submittedAt), TODAY)) === k)])),
    handling: {
      decidedOnTime: count(decided, (d) => chinaDay(d.at) <= d.due), decidedLate: count(decided, (d) => chinaDay(d.at) > d.due),
      pendingWithin: count(pending, (r) => r.dueDate >= TODAY), pendingOverdue: count(pending, (r) => r.dueDate < TODAY),
    },
    trend: months.map((m) => ({ month: m, newRegistrations: count(mine, (r) => !!r.approvedAt && chinaMonth(r.approvedAt) === m), exits: count(mine, (r) => !!r.exit && chinaMonth(r.exit.at) === m) })),
    gigs: {
      posted: myGigs.length, filled: filled.length, seats: myGigs.reduce((s, g) => s + g.headcount, 0), seatsFilled: myGigs.reduce((s, g) => s + g.filled, 0),
      median: medianOf(filled.map((g) => (g.filledAt!.getTime() - g.createdAt.getTime()) / 3600_000)),
      byCategory: Object.fromEntries(GIG_CATEGORIES.map((c) => [c, { posted: count(myGigs, (g) => g.category === c), filled: count(filled, (g) => g.category === c) }])),
    },
    policies: Object.fromEntries(['p-a', 'p-b', 'p-c'].map((p) => [p, Object.fromEntries(['submitted', 'approved', 'returned', 'rejected'].map((s) => [s, count(myApps, (a) => a.policyId === p && a.status === s)]))])),
    policyTotal: myApps.length,
  };
}

const asMap = (bars: { key: string; value: number }[]) => Object.fromEntries(bars.map((b) => [b.key, b.value]));

describe('dashboard figures equal independent counts', () => {
  it('registered unemployed: stock, flows, reasons, durations, handling and trend', async () => {
    const d = await dashboard(ng.token, '?month=2026-09');
    const e = expected();
    const r = d.registrations;
    expect(d.center.code).toBe(NG.center);
    expect(r.registeredNow).toBe(e.registeredNow);
    expect(r.registeredNow).toBeGreaterThan(20); // the generated data really exercises the figures
    expect(r.pending).toBe(e.pending);
    expect(r.newThisMonth).toBe(e.newThisMonth);
    expect(r.exitsThisMonth).toBe(e.exitsThisMonth);
    expect(asMap(r.exitsByReason)).toEqual(e.exitsByReason);
    expect(asMap(r.byReason)).toEqual(e.byReason);
    expect(asMap(r.byDuration)).toEqual(e.byDuration);
    expect(r.handling).toEqual(e.handling);
    expect(r.handling.pendingOverdue).toBeGreaterThan(0);
    expect(r.trend).toEqual(e.trend);
    expect(r.byDistrict).toEqual([{ key: NG.district, label: '南岗区', registeredNow: e.registeredNow, newThisMonth: e.newThisMonth, exitsThisMonth: e.exitsThisMonth }]);
    // A district filter inside the center gives the same; outside it is refused.
    expect((await dashboard(ng.token, `?month=2026-09&district=${NG.district}`)).registrations.registeredNow).toBe(e.registeredNow);
    expect((await t.request('GET', `/api/staff/stats?district=${DL.district}`, { token: ng.token })).status).toBe(400);
  });

  it('gigs: posted, filled, fill rate, places and median time to fill, by the district of the place', async () => {
    const d = await dashboard(ng.token, '?month=2026-09');
    const e = expected();
    expect(d.gigs).toMatchObject({ posted: e.gigs.posted, filled: e.gigs.filled, seats: e.gigs.seats, seatsFilled: e.gigs.seatsFilled });
    expect(d.gigs.fillRate).toBeCloseTo(e.gigs.filled / e.gigs.posted, 3);
    expect(d.gigs.medianHoursToFill).toBeCloseTo(e.gigs.median!, 1);
    expect(Object.fromEntries(d.gigs.byCategory.map((c: { key: string; posted: number; filled: number }) => [c.key, { posted: c.posted, filled: c.filled }]))).toEqual(e.gigs.byCategory);
  });

  it('policy applications by policy and outcome, by the applicant’s district', async () => {
    const d = await dashboard(ng.token, '?month=2026-09');
    const e = expected();
    expect(d.policies.total).toBe(e.policyTotal);
    const got = Object.fromEntries(d.policies.byPolicy.map((p: Record<string, number | string>) => [p.key, { submitted: p.submitted, approved: p.approved, returned: p.returned, rejected: p.rejected }]));
    for (const [p, byStatus] of Object.entries(e.policies)) expect(got[p] ?? { submitted: 0, approved: 0, returned: 0, rejected: 0 }).toEqual(byStatus);
  });

  it('keeps each center to its own figures', async () => {
    const d = await dashboard(dl.token, '?month=2026-09');
    expect(d.registrations.registeredNow).toBe(count(regs, (r) => r.centerCode === DL.center && r.status === 'approved'));
    expect(d.gigs.posted).toBe(count(gigs, (g) => g.home === DL && chinaMonth(g.createdAt) === '2026-09'));
  });
});

describe('snapshot', () => {
  it('serves the stored figures, recomputes after an audited change, on request, or when old', async () => {
    const before = await dashboard(ng.token, '?month=2026-09');
    // A change nobody audited (here: written straight to the database) waits for the snapshot to expire …
    const extra = genRegistration(999);
    await t.conn.collection('registrations').insertOne({ ...extra, status: 'approved', centerCode: NG.center, district: NG.district, approvedAt: new Date(T0 - 3600_000), exit: null });
    expect((await dashboard(ng.token, '?month=2026-09')).registrations.registeredNow).toBe(before.registrations.registeredNow);
    expect((await dashboard(ng.token, '?month=2026-09')).computedAt).toBe(before.computedAt);
    // … or an explicit refresh.
    clock += 1000;
    const refreshed = await dashboard(ng.token, '?month=2026-09&refresh=true');
    expect(refreshed.registrations.registeredNow).toBe(before.registrations.registeredNow + 1);
    expect(refreshed.registrations.newThisMonth).toBe(before.registrations.newThisMonth + 1);
    // An audited decision makes the figures stale at once.
    const app = apps.find((a) => a.home === NG.district && a.status === 'submitted' && chinaMonth(a.createdAt) === '2026-09')!;
    const decided = await t.request('POST', `/api/staff/workbench/policy/${app._id.toString()}/decision`, { token: ng.token, body: { decision: 'approve' } });
    expect(decided.status).toBe(200);
    const after = await dashboard(ng.token, '?month=2026-09');
    const outcome = (x: typeof after) => asMap(x.policies.byOutcome);
    expect(outcome(after).approved).toBe(outcome(refreshed).approved + 1);
    expect(outcome(after).submitted).toBe(outcome(refreshed).submitted - 1);
    // Six minutes later a fresh pass picks up unaudited changes too.
    await t.conn.collection('registrations').insertOne({ ...genRegistration(1000), status: 'approved', centerCode: NG.center, district: NG.district, approvedAt: new Date(T0 - 3600_000), exit: null });
    clock += 6 * 60_000;
    expect((await dashboard(ng.token, '?month=2026-09')).registrations.registeredNow).toBe(before.registrations.registeredNow + 2);
  });

  it('when a pass is slow, answers at once with the previous figures and recomputes in the background', async () => {
    const stats = t.services.stats;
    stats.syncRecomputeMs = -1; // as if every pass took long (large data on FerretDB)
    try {
      const before = await dashboard(ng.token, '?month=2026-09');
      await t.conn.collection('registrations').insertOne({ ...genRegistration(1001), status: 'approved', centerCode: NG.center, district: NG.district, approvedAt: new Date(T0 - 3600_000), exit: null });
      clock += 6 * 60_000;
      const stale = await dashboard(ng.token, '?month=2026-09');
      expect(stale).toMatchObject({ refreshing: true, computedAt: before.computedAt });
      expect(stale.registrations.registeredNow).toBe(before.registrations.registeredNow);
      let next = stale;
      for (let i = 0; i < 100 && next.computedAt === before.computedAt; i++) {
        await new Promise((r) => setTimeout(r, 100));
        next = await dashboard(ng.token, '?month=2026-09');
      }
      expect(next.registrations.registeredNow).toBe(before.registrations.registeredNow + 1);
    } finally {
      stats.syncRecomputeMs = 60_000;
      clock = T0;
    }
  });
});

describe('CSV export', () => {
  it('exports every table without unmasked identifiers, and writes each export to the audit log', async () => {
    const d = await dashboard(ng.token, '?month=2026-09');
    for (const table of STATS_TABLES) {
      const r = await t.request('GET', `/api/staff/stats/export?table=${table}&month=2026-09`, { token: ng.token });
      expect(r.status).toBe(200);
      const csv: string = r.body.csv;
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const lines = csv.slice(1).trim().split('\r\n');
      expect(lines.length).toBe(r.body.rows + 1);
      expect(csv).not.toContain('张建国');
      expect(csv).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/); // phone numbers
      expect(csv).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/); // ID numbers
      if (table === 'district') expect(lines[1]).toBe(`南岗区,${d.registrations.registeredNow},${d.registrations.newThisMonth},${d.registrations.exitsThisMonth}`);
      if (table === 'inbox') {
        expect(csv).toContain('张**'); // names appear masked
        expect(csv).toContain('139****5678'); // a number typed into a gig title is masked too
      }
    }
    const exports = (await t.request('GET', '/api/staff/audit?action=export', { token: ng.token })).body.items;
    expect(exports.map((e: { subjectId: string }) => e.subjectId.split(':')[0]).sort()).toEqual([...STATS_TABLES].sort());
    expect((await t.request('GET', '/api/staff/stats/export?table=bogus', { token: ng.token })).status).toBe(400);
  });
});
