import type { Connection, PipelineStage } from 'mongoose';
import {
  GIG_CATEGORIES, STATS_TABLE_LABELS, exitReasonLabel, UNEMPLOYMENT_REASONS, UNEMPLOYMENT_REASON_LABELS, WORKBENCH_QUEUE_LABELS, monthsBetween, toChinaDateString,
  type ServiceCenter, type StatsBar, type StatsDashboard, type StatsTable,
} from '@doorstep/shared';
import { Consistency } from '../../db/consistency';
import { badRequest } from '../../http/errors';
import { byStaff, type AuditService } from '../audit/service';
import { CITY_CENTER, actorCenter, type StaffActor } from '../staff/actor';
import type { GigService } from '../gigs/service';
import type { PolicyService } from '../policies/service';
import type { RegistrationService } from '../registration/service';
import { centerInfo, districtName, districtOfCell } from '@doorstep/shared';
import type { WorkbenchService } from '../workbench/service';
import type { RatingService } from '../ratings/service';
import { toCsv } from './csv';

/**
 * Figures for a service center (数据分析, 数据回流 to the grassroots): stock and flows of registered
 * unemployed people, how registrations were handled against the 7-working-day promise, the gig
 * market's fill, and policy applications by outcome.
 *
 * Pipelines. Every figure comes from aggregation pipelines restricted to what both databases run:
 * `$match` (query operators only), `$group` on stored fields with `$sum`, and plain `$project`.
 * FerretDB v1 has no `$cond`, `$expr`, date operators (`$dateToString`, `$month`), `$min/$max/$push`
 * accumulators, `$facet` or `$bucket`, drops sibling fields after `$unwind`, and computes only the first
 * accumulator of a `$group` (later ones come back 0) — all measured. So every `$group` has one
 * `n: { $sum: 1 }`, and:
 *  - counts by a stored key (status, district, 失业原因, due date, last-job-end date, gig cell and
 *    category, policy and outcome) are `$group`s: the database reduces the rows, the code only
 *    relabels and sums groups (job-end dates into duration bands, gig cells into districts);
 *  - figures that depend on an instant (month of an approval or exit, on time vs late, hours to fill)
 *    `$match` the instant range and `$project` a few fields; the code puts each row in its China-time
 *    month or compares it with its deadline. The match keeps these to the flows of the period.
 *
 * Cost and snapshots. FerretDB v1 (SQLite) pushes only `_id` filters down to SQLite: every other
 * query, indexed or not, decodes the whole collection (scripts/bench/stats.ts measures it). So one
 * pass computes the whole city for a month — grouped by center and district — and stores it as a
 * snapshot (`stats_snapshots`, read by `_id`); each center's dashboard is assembled from it. A
 * snapshot is recomputed when it is older than FRESH_MS or when an audited change (a decision, a
 * close, a follow-up) marked it stale: synchronously if the last pass was quick, otherwise the old
 * figures are served (`refreshing: true`) while one instance recomputes in the background. On
 * MongoDB the same pipelines use the indexes and a pass takes well under a second.
 */

export const DURATION_BANDS = [
  { key: 'lt3', label: '不满 3 个月', min: 0, max: 3 },
  { key: '3to6', label: '3–6 个月', min: 3, max: 6 },
  { key: '6to12', label: '6–12 个月', min: 6, max: 12 },
  { key: 'ge12', label: '12 个月及以上（长期失业）', min: 12, max: Infinity },
] as const;
export const EXIT_REASON_LABELS: Record<string, string> = { employed: '实现就业', cancel: '本人申请注销' };
const POLICY_OUTCOMES = [
  { key: 'submitted', label: '待审核' }, { key: 'approved', label: '通过' }, { key: 'returned', label: '退回补充' }, { key: 'rejected', label: '不予通过' },
] as const;
type Outcome = (typeof POLICY_OUTCOMES)[number]['key'];
export const TREND_MONTHS = 6;
/** A snapshot younger than this is served as is. */
export const FRESH_MS = 5 * 60_000;
/** A stale snapshot whose last pass took at most this long is recomputed while the request waits. */
export const SYNC_RECOMPUTE_MS = 3_000;
/** How long a request waits for a month's first computation before answering "still computing". */
export const FIRST_WAIT_MS = 10_000;
const EMPTY_RATINGS: StatsDashboard['ratings'] = { count: 0, average: null, distribution: [1, 2, 3, 4, 5].map((stars) => ({ stars, count: 0 })), bad: { open: 0, closed: 0 }, latestComments: [] };
/** Audit actions that change no data (they never make figures stale). */
const READ_ONLY_ACTIONS = new Set(['view_pii', 'export']);

export interface StatsDeps {
  conn: Connection;
  audit: AuditService;
  registrations: RegistrationService;
  gigs: GigService;
  policies: PolicyService;
  workbench: WorkbenchService;
  /** 零就业家庭 per district (the households module's own section). */
  households?: { dashboard(districts: string[]): Promise<{ district: string; open: number; medianDays: number | null; over30: number; over90: number }[]> };
  /** 岗位推荐 outcomes per center (the vacancies module; live). */
  referrals?: { counts(districts: string[] | null): Promise<{ referrals: number; applied: number; interview: number; hired: number; rejected: number; pending: number }> };
  /** 好差评 section (the ratings module computes it; live, not in the month's snapshot). */
  ratings?: Pick<RatingService, 'dashboardSection'>;
  now?: () => number;
}

/** Timing hook for the benchmark: each named pipeline, its time and how many rows it returned. */
export type PipelineTimer = (name: string, ms: number, rows: number) => void;

// ---- China-time months ----------------------------------------------------------------------

export function monthOf(d: Date): string {
  return toChinaDateString(d).slice(0, 7);
}
export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00+08:00`);
}
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}
/** Whole months unemployed counted like the classification rule (shared monthsBetween). */
export function durationBand(since: string, today: Date): (typeof DURATION_BANDS)[number] {
  const m = Math.max(0, monthsBetween(since, today));
  return DURATION_BANDS.find((b) => m >= b.min && m < b.max)!;
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// ---- the city-wide pass: small per-district "atoms" that add up ------------------------------

/** Registration figures of one center × district. */
interface RegAtom {
  center: string; district: string;
  registeredNow: number; pending: number; newThisMonth: number; exitsThisMonth: number;
  /** 就业转失业: registrations approved in the month that were filed after a recorded job (absent in older snapshots). */
  fromEmployment?: number;
  byReason: Record<string, number>; byDuration: Record<string, number>; exitsByReason: Record<string, number>;
  decidedOnTime: number; decidedLate: number; pendingWithin: number; pendingOverdue: number;
  trend: Record<string, { n: number; x: number }>;
}
/** Gig and policy figures of one district (these have no center of their own: see routing.ts). */
interface PlaceAtom {
  district: string;
  posted: number; seats: number; seatsFilled: number;
  byCategory: Record<string, { posted: number; filled: number }>;
  /** Hours from posting to the last place taken, one per filled gig (a median does not add up). */
  fillHours: number[];
  policies: Record<string, { title: string } & Record<Outcome, number>>;
}
export interface CitySnapshot {
  _id: string;
  month: string;
  computedAt: Date;
  tookMs: number;
  stale: boolean;
  regs: RegAtom[];
  places: PlaceAtom[];
}

interface RegFlow { centerCode: string | null; district: string | null; status: string; dueDate: string | null; approvedAt: Date | null; exit?: { at?: Date; reason?: string } | null; timeline?: { type?: string; at?: Date }[]; reemployment?: { employmentId?: unknown } | null }

export class StatsService {
  private readonly snapshots;
  private readonly consistency: Consistency;
  private readonly inflight = new Map<string, Promise<CitySnapshot>>();
  /** The refresh policy (module comment); public so an operator script or a test can tune it. */
  freshMs = FRESH_MS;
  syncRecomputeMs = SYNC_RECOMPUTE_MS;

  constructor(private readonly deps: StatsDeps) {
    this.snapshots = deps.conn.collection<CitySnapshot>('stats_snapshots');
    this.consistency = new Consistency(deps.conn);
    // Decisions, closes and follow-ups are audited: they make the figures stale.
    deps.audit.onRecord(async (e) => {
      if (!READ_ONLY_ACTIONS.has(e.action)) await this.markStale();
    });
  }

  private now(): Date { return new Date(this.deps.now?.() ?? Date.now()); }

  currentMonth(): string { return monthOf(this.now()); }

  async markStale(): Promise<void> {
    await this.snapshots.updateMany({ stale: false }, { $set: { stale: true } });
  }

  async dashboard(actor: StaffActor, q: { month?: string; district?: string; refresh?: 'true' | 'false' }): Promise<StatsDashboard> {
    const center = actorCenter(actor);
    const month = q.month ?? this.currentMonth();
    if (q.district && !center.districts.includes(q.district)) {
      throw badRequest(`${districtName(q.district)}不在${center.name}的服务范围内`, [{ field: 'district', message: '不在本中心服务范围内' }]);
    }
    const { snap, refreshing } = await this.snapshotFor(month, q.refresh === 'true');
    const ratings = this.deps.ratings ? await this.deps.ratings.dashboardSection(actor.center?.code ?? null, q.district ?? null) : EMPTY_RATINGS;
    const out = { ...this.assemble(center, snap, month, q.district ?? null, refreshing), ratings };
    const hh = this.deps.households ? await this.deps.households.dashboard(q.district ? [q.district] : center.districts) : null;
    const referrals = this.deps.referrals ? await this.deps.referrals.counts(q.district ? [q.district] : center.districts) : undefined;
    return { ...out, ...(hh ? { households: hh.map((h) => ({ ...h, label: districtName(h.district) })) } : {}), ...(referrals ? { referrals } : {}) };
  }

  /** The month's snapshot, recomputed as the policy in the module comment says. */
  async snapshotFor(month: string, force = false): Promise<{ snap: CitySnapshot | null; refreshing: boolean }> {
    const id = `city|${month}`;
    const snap = await this.snapshots.findOne({ _id: id });
    if (!snap) {
      const first = this.recompute(month);
      const waited = await Promise.race([first, new Promise<null>((r) => setTimeout(() => r(null), FIRST_WAIT_MS).unref())]);
      if (!waited) first.catch(() => undefined);
      return { snap: waited, refreshing: !waited };
    }
    const fresh = !snap.stale && this.now().getTime() - new Date(snap.computedAt).getTime() < this.freshMs;
    if (fresh && !force) return { snap, refreshing: false };
    if (snap.tookMs <= this.syncRecomputeMs) return { snap: await this.recompute(month), refreshing: false };
    // Large data on a slow database: answer now with what we have, and let one instance recompute.
    void this.consistency.atomically(`stats:${month}`, () => this.recompute(month), { leaseMs: 60_000, waitMs: 0 }).catch(() => undefined);
    return { snap, refreshing: true };
  }

  /** One pass over the city for the month (single-flight per instance), stored as the snapshot. */
  recompute(month: string, timer?: PipelineTimer): Promise<CitySnapshot> {
    const running = this.inflight.get(month);
    if (running && !timer) return running;
    const p = (async () => {
      const t0 = Date.now();
      const computedAt = this.now();
      const regs = await this.registrationAtoms(month, timer);
      const places = await this.placeAtoms(month, timer);
      const snap: CitySnapshot = { _id: `city|${month}`, month, computedAt, tookMs: Date.now() - t0, stale: false, regs, places };
      await this.snapshots.replaceOne({ _id: snap._id }, snap, { upsert: true });
      return snap;
    })().finally(() => this.inflight.delete(month));
    if (!timer) this.inflight.set(month, p);
    return p;
  }

  private async run<T>(model: { aggregate: (p: PipelineStage[]) => { exec(): Promise<T[]> } }, name: string, pipeline: PipelineStage[], timer?: PipelineTimer): Promise<T[]> {
    const t0 = Date.now();
    const rows = await model.aggregate(pipeline).exec();
    timer?.(name, Date.now() - t0, rows.length);
    return rows;
  }

  // ---------------------------------------------------------------- registrations

  private async registrationAtoms(month: string, timer?: PipelineTimer): Promise<RegAtom[]> {
    const R = this.deps.registrations.Registration;
    const now = this.now();
    const today = toChinaDateString(now);
    const from = monthStart(month);
    const to = monthStart(addMonths(month, 1));
    const trendFrom = monthStart(addMonths(month, -(TREND_MONTHS - 1)));
    const atoms = new Map<string, RegAtom>();
    const atom = (center: string | null, district: string | null): RegAtom | null => {
      if (!center || !district) return null; // drafts before submission have neither
      const k = `${center}|${district}`;
      let a = atoms.get(k);
      if (!a) {
        a = { center, district, registeredNow: 0, pending: 0, newThisMonth: 0, exitsThisMonth: 0, fromEmployment: 0, byReason: {}, byDuration: {}, exitsByReason: {}, decidedOnTime: 0, decidedLate: 0, pendingWithin: 0, pendingOverdue: 0, trend: {} };
        atoms.set(k, a);
      }
      return a;
    };
    const add = (o: Record<string, number>, k: string, n: number) => { o[k] = (o[k] ?? 0) + n; };

    // Sequential on purpose: FerretDB serves one scan at a time faster than several at once.
    const byKey = await this.run<{ _id: { c: string | null; d: string | null; s: string; r: string | null }; n: number }>(R, 'registrations.byCenterDistrictStatusReason', [
      { $match: { centerCode: { $ne: null } } },
      { $group: { _id: { c: '$centerCode', d: '$district', s: '$status', r: '$form.unemploymentReason' }, n: { $sum: 1 } } },
    ], timer);
    for (const g of byKey) {
      const a = atom(g._id.c, g._id.d);
      if (!a) continue;
      if (g._id.s === 'approved') { a.registeredNow += g.n; add(a.byReason, g._id.r ?? 'other', g.n); }
      if (g._id.s === 'submitted' || g._id.s === 'under_review') a.pending += g.n;
    }

    // Approvals and exits in the trend window (month of each in code), and rejections decided in the month.
    const flows = await this.run<RegFlow>(R, 'registrations.flows', [
      { $match: { $or: [{ approvedAt: { $gte: trendFrom, $lt: to } }, { 'exit.at': { $gte: trendFrom, $lt: to } }, { status: 'rejected', 'timeline.at': { $gte: from, $lt: to } }] } },
      { $project: { _id: 0, centerCode: 1, district: 1, status: 1, dueDate: 1, approvedAt: 1, 'exit.at': 1, 'exit.reason': 1, 'timeline.type': 1, 'timeline.at': 1, 'reemployment.employmentId': 1 } },
    ], timer);
    const judge = (a: RegAtom, decidedAt: Date, due: string | null) => {
      if (!due) return;
      if (toChinaDateString(decidedAt) <= due) a.decidedOnTime += 1; else a.decidedLate += 1;
    };
    const bump = (a: RegAtom, m: string, k: 'n' | 'x') => { (a.trend[m] ??= { n: 0, x: 0 })[k] += 1; };
    for (const f of flows) {
      const a = atom(f.centerCode, f.district);
      if (!a) continue;
      if (f.approvedAt && f.approvedAt >= trendFrom && f.approvedAt < to) {
        const m = monthOf(f.approvedAt);
        bump(a, m, 'n');
        if (m === month) {
          a.newThisMonth += 1; judge(a, f.approvedAt, f.dueDate);
          if (f.reemployment?.employmentId) a.fromEmployment = (a.fromEmployment ?? 0) + 1;
        }
      }
      if (f.exit?.at && f.exit.at >= trendFrom && f.exit.at < to) {
        const m = monthOf(f.exit.at);
        bump(a, m, 'x');
        if (m === month) { a.exitsThisMonth += 1; add(a.exitsByReason, f.exit.reason ?? 'other', 1); }
      }
      if (f.status === 'rejected') {
        const rejectedAt = [...(f.timeline ?? [])].reverse().find((e) => e.type === 'rejected')?.at;
        if (rejectedAt && rejectedAt >= from && rejectedAt < to) judge(a, rejectedAt, f.dueDate);
      }
    }

    // Registered now, by the day the last job ended: bands in code with the classification's month count.
    const endDates = await this.run<{ _id: { c: string; d: string; e: string }; n: number }>(R, 'registrations.byLastJobEnd', [
      { $match: { status: 'approved', 'form.lastJobEndDate': { $ne: null } } },
      { $group: { _id: { c: '$centerCode', d: '$district', e: '$form.lastJobEndDate' }, n: { $sum: 1 } } },
    ], timer);
    for (const g of endDates) {
      const a = atom(g._id.c, g._id.d);
      if (a && g._id.e) add(a.byDuration, durationBand(g._id.e, now).key, g.n);
    }
    // Registered now without a previous job (graduates, veterans): unemployed since they submitted.
    const noEnd = await this.run<{ centerCode: string; district: string; submittedAt: Date | null }>(R, 'registrations.sinceSubmission', [
      { $match: { status: 'approved', 'form.lastJobEndDate': null } },
      { $project: { _id: 0, centerCode: 1, district: 1, submittedAt: 1 } },
    ], timer);
    for (const r of noEnd) {
      const a = atom(r.centerCode, r.district);
      if (a && r.submittedAt) add(a.byDuration, durationBand(toChinaDateString(r.submittedAt), now).key, 1);
    }

    // Open registrations by deadline: within the 7 working days, or overdue.
    const pendingByDue = await this.run<{ _id: { c: string; d: string; due: string | null }; n: number }>(R, 'registrations.pendingByDueDate', [
      { $match: { status: { $in: ['submitted', 'under_review'] } } },
      { $group: { _id: { c: '$centerCode', d: '$district', due: '$dueDate' }, n: { $sum: 1 } } },
    ], timer);
    for (const g of pendingByDue) {
      const a = atom(g._id.c, g._id.d);
      if (!a) continue;
      if (g._id.due && g._id.due < today) a.pendingOverdue += g.n; else a.pendingWithin += g.n;
    }
    return [...atoms.values()];
  }

  // ---------------------------------------------------------------- gigs and policy applications (by district)

  private async placeAtoms(month: string, timer?: PipelineTimer): Promise<PlaceAtom[]> {
    const G = this.deps.gigs.models.Gig;
    const A = this.deps.policies.models.PolicyApplication;
    const from = monthStart(month);
    const to = monthStart(addMonths(month, 1));
    const atoms = new Map<string, PlaceAtom>();
    const atom = (district: string | null): PlaceAtom | null => {
      if (!district) return null; // outside every district's reach: counted for no center
      let a = atoms.get(district);
      if (!a) { a = { district, posted: 0, seats: 0, seatsFilled: 0, byCategory: {}, fillHours: [], policies: {} }; atoms.set(district, a); }
      return a;
    };
    const cat = (a: PlaceAtom, k: string) => (a.byCategory[k] ??= { posted: 0, filled: 0 });

    // Posted in the month, by place cell × category × places offered × places taken. The places are group
    // keys rather than `$sum`s: FerretDB v1 computes only the first accumulator of a `$group` (measured).
    const byCell = await this.run<{ _id: { c: string; k: string; h: number; f: number }; n: number }>(G, 'gigs.postedByCellCategory', [
      { $match: { createdAt: { $gte: from, $lt: to } } },
      { $group: { _id: { c: '$gh6', k: '$category', h: '$headcount', f: '$filled' }, n: { $sum: 1 } } },
    ], timer);
    for (const g of byCell) {
      const a = atom(districtOfCell(g._id.c));
      if (!a) continue;
      a.posted += g.n; a.seats += g.n * (g._id.h ?? 0); a.seatsFilled += g.n * (g._id.f ?? 0);
      cat(a, g._id.k).posted += g.n;
    }
    // Posted in the month and filled (every place taken): when, for the time to fill.
    const filled = await this.run<{ gh6: string; category: string; createdAt: Date; filledAt: Date }>(G, 'gigs.filled', [
      { $match: { createdAt: { $gte: from, $lt: to }, filledAt: { $ne: null } } },
      { $project: { _id: 0, gh6: 1, category: 1, createdAt: 1, filledAt: 1 } },
    ], timer);
    for (const r of filled) {
      const a = atom(districtOfCell(r.gh6));
      if (!a) continue;
      a.fillHours.push(Math.round(((new Date(r.filledAt).getTime() - new Date(r.createdAt).getTime()) / 3600_000) * 100) / 100);
      cat(a, r.category).filled += 1;
    }

    // Policy applications of the month by applicant × policy × outcome; the applicant's district decides the center.
    const apps = await this.run<{ _id: { u: string; p: string; t: string; s: Outcome }; n: number }>(A, 'policies.byApplicantPolicyStatus', [
      { $match: { createdAt: { $gte: from, $lt: to } } },
      { $group: { _id: { u: '$userId', p: '$policyId', t: '$policyTitle', s: '$status' }, n: { $sum: 1 } } },
    ], timer);
    const t0 = Date.now();
    const where = await this.deps.workbench.applicantDistricts(apps.map((r) => r._id.u));
    timer?.('policies.applicantDistricts (lookups)', Date.now() - t0, where.size);
    for (const r of apps) {
      const a = atom(where.get(r._id.u) ?? null);
      if (!a) continue;
      const p = (a.policies[r._id.p] ??= { title: r._id.t, submitted: 0, approved: 0, returned: 0, rejected: 0 });
      if (r._id.s in p) p[r._id.s] += r.n;
    }
    return [...atoms.values()];
  }

  // ---------------------------------------------------------------- one center's dashboard from the snapshot

  assemble(center: ServiceCenter | null, snap: CitySnapshot | null, month: string, district: string | null, refreshing: boolean): Omit<StatsDashboard, 'ratings'> {
    const districts = center ? (district ? [district] : center.districts) : [];
    const city = center?.code === CITY_CENTER.code;
    const regs = (snap?.regs ?? []).filter((a) => (city || a.center === center?.code) && districts.includes(a.district));
    const places = (snap?.places ?? []).filter((a) => districts.includes(a.district));
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    const merge = (objs: Record<string, number>[]) => {
      const out: Record<string, number> = {};
      for (const o of objs) for (const [k, v] of Object.entries(o)) out[k] = (out[k] ?? 0) + v;
      return out;
    };
    const reasons = merge(regs.map((a) => a.byReason));
    const bands = merge(regs.map((a) => a.byDuration));
    const exits = merge(regs.map((a) => a.exitsByReason));
    const trendMonths = Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(month, i - (TREND_MONTHS - 1)));
    const hours = places.flatMap((a) => a.fillHours);
    const med = median(hours);
    const posted = sum(places.map((a) => a.posted));
    const cats = GIG_CATEGORIES.map((c) => ({ key: c, label: c, posted: sum(places.map((a) => a.byCategory[c]?.posted ?? 0)), filled: sum(places.map((a) => a.byCategory[c]?.filled ?? 0)) }));
    const policies = new Map<string, { key: string; label: string; submitted: number; approved: number; returned: number; rejected: number; total: number }>();
    for (const a of places) {
      for (const [id, p] of Object.entries(a.policies)) {
        const row = policies.get(id) ?? { key: id, label: p.title, submitted: 0, approved: 0, returned: 0, rejected: 0, total: 0 };
        for (const o of POLICY_OUTCOMES) { row[o.key] += p[o.key]; row.total += p[o.key]; }
        policies.set(id, row);
      }
    }
    const byPolicy = [...policies.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
    return {
      center: center ? centerInfo(center) : null, month, district, computedAt: snap ? new Date(snap.computedAt).toISOString() : null, refreshing,
      registrations: {
        registeredNow: sum(regs.map((a) => a.registeredNow)), pending: sum(regs.map((a) => a.pending)),
        newThisMonth: sum(regs.map((a) => a.newThisMonth)), exitsThisMonth: sum(regs.map((a) => a.exitsThisMonth)),
        fromEmploymentThisMonth: sum(regs.map((a) => a.fromEmployment ?? 0)),
        exitsByReason: [...new Set([...Object.keys(EXIT_REASON_LABELS), ...Object.keys(exits)])].map((k) => ({ key: k, label: EXIT_REASON_LABELS[k] ?? exitReasonLabel(k), value: exits[k] ?? 0 })),
        byDistrict: districts.map((d) => {
          const xs = regs.filter((a) => a.district === d);
          return { key: d, label: districtName(d), registeredNow: sum(xs.map((a) => a.registeredNow)), newThisMonth: sum(xs.map((a) => a.newThisMonth)), exitsThisMonth: sum(xs.map((a) => a.exitsThisMonth)) };
        }),
        byReason: UNEMPLOYMENT_REASONS.map((r) => ({ key: r, label: UNEMPLOYMENT_REASON_LABELS[r], value: reasons[r] ?? 0 })),
        byDuration: DURATION_BANDS.map((b) => ({ key: b.key, label: b.label, value: bands[b.key] ?? 0 })),
        handling: {
          decidedOnTime: sum(regs.map((a) => a.decidedOnTime)), decidedLate: sum(regs.map((a) => a.decidedLate)),
          pendingWithin: sum(regs.map((a) => a.pendingWithin)), pendingOverdue: sum(regs.map((a) => a.pendingOverdue)),
        },
        trend: trendMonths.map((m) => ({ month: m, newRegistrations: sum(regs.map((a) => a.trend[m]?.n ?? 0)), exits: sum(regs.map((a) => a.trend[m]?.x ?? 0)) })),
      },
      gigs: {
        posted, filled: hours.length, fillRate: posted ? Math.round((hours.length / posted) * 1000) / 1000 : null,
        seats: sum(places.map((a) => a.seats)), seatsFilled: sum(places.map((a) => a.seatsFilled)),
        medianHoursToFill: med === null ? null : Math.round(med * 10) / 10, byCategory: cats,
      },
      policies: {
        total: sum(byPolicy.map((p) => p.total)),
        byOutcome: POLICY_OUTCOMES.map((o) => ({ key: o.key, label: o.label, value: sum(byPolicy.map((p) => p[o.key])) })),
        byPolicy,
      },
    };
  }

  // ---------------------------------------------------------------- CSV export

  /** One table of the dashboard (or the inbox list) as CSV; no identifiers appear, and the export is audited. */
  async exportCsv(actor: StaffActor, q: { table: StatsTable; month?: string; district?: string }) {
    const month = q.month ?? this.currentMonth();
    let header: string[];
    let rows: (string | number)[][];
    if (q.table === 'inbox') {
      const inbox = await this.deps.workbench.inbox(actor, { district: q.district });
      header = ['类别', '事项', '说明', '所在区', '状态', '收到日期', '办理期限', '剩余工作日', '是否逾期'];
      rows = inbox.items.map((i) => [WORKBENCH_QUEUE_LABELS[i.queue], i.title, i.subtitle, i.districtName, i.statusLabel, i.receivedAt ? toChinaDateString(new Date(i.receivedAt)) : '', i.deadline, i.workdaysLeft, i.overdue ? '是' : '否']);
    } else {
      ({ header, rows } = tableOf(q.table, await this.dashboard(actor, { month, district: q.district })));
    }
    const csv = toCsv(header, rows);
    await this.deps.audit.record({
      ...byStaff(actor), action: 'export', subjectType: 'stats', subjectId: `${q.table}:${month}`,
      reason: `导出「${STATS_TABLE_LABELS[q.table]}」${month}${q.district ? ` ${districtName(q.district)}` : ''}，${rows.length} 行`,
    });
    return { filename: `${actor.center?.code ?? 'city'}-${q.table}-${month}${q.district ? `-${q.district}` : ''}.csv`, csv, rows: rows.length };
  }
}

/** Header and rows of one dashboard table (aggregates only: no person appears in them). */
export function tableOf(table: Exclude<StatsTable, 'inbox'>, d: StatsDashboard): { header: string[]; rows: (string | number)[][] } {
  const r = d.registrations;
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
  const bars = (label: string, xs: StatsBar[]) => ({ header: [label, '人数'], rows: xs.map((x) => [x.label, x.value]) });
  switch (table) {
    case 'district': return { header: ['区', '登记失业人员', `${d.month} 新增`, `${d.month} 退出`], rows: r.byDistrict.map((x) => [x.label, x.registeredNow, x.newThisMonth, x.exitsThisMonth]) };
    case 'reason': return bars('失业原因', r.byReason);
    case 'duration': return bars('失业时长', r.byDuration);
    case 'exits': return bars(`${d.month} 退出原因`, r.exitsByReason);
    case 'handling': return { header: ['项目', '件数'], rows: [['按期办结', r.handling.decidedOnTime], ['逾期办结', r.handling.decidedLate], ['期限内待办', r.handling.pendingWithin], ['已逾期待办', r.handling.pendingOverdue]] };
    case 'trend': return { header: ['月份', '新增登记', '退出'], rows: r.trend.map((x) => [x.month, x.newRegistrations, x.exits]) };
    case 'gigs': return {
      header: ['工种', '发布', '招满', '招满率'],
      rows: [...d.gigs.byCategory.map((x) => [x.label, x.posted, x.filled, pct(x.posted ? x.filled / x.posted : null)]), ['合计', d.gigs.posted, d.gigs.filled, pct(d.gigs.fillRate)]],
    };
    case 'policies': return { header: ['政策', '待审核', '通过', '退回补充', '不予通过', '合计'], rows: d.policies.byPolicy.map((x) => [x.label, x.submitted, x.approved, x.returned, x.rejected, x.total]) };
  }
}
