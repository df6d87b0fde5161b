import type { Connection, Model, Types } from 'mongoose';
import {
  APPLICATION_STATUS_LABEL, HARBIN_DISTRICTS, checkGigPosting, chinaDateTime, circleCover, dailyPayEstimate, formatDistance, geohashFields,
  haversineMeters, maskPhone, payText, toChinaDateString, REPORT_REASON_LABEL,
  type Applicant, type AvailabilityBody, type AvailabilityView, type EmployerGig, type GigDetail, type GigSummary, type LatLng,
  type MyApplication, type NearbyQuery, type NearbyResult, type PostGigBody, type ServiceArea, type StaffReviewBody,
} from '@doorstep/shared';
import type { Logger } from 'pino';
import type { AuthUser } from '../../http/api';
import { badRequest, conflict, notFound } from '../../http/errors';
import type { Pii } from '../../security/pii';
import { authModels } from '../auth/model';
import type { Employer } from '../employers/model';
import { canPublishAtOnce, ratingOf, type EmployerService } from '../employers/service';
import type { Notifier } from '../notifications/service';
import { ListRatings } from './list-ratings';
import { gigModels, type Application, type Gig, type GigModels, type WorkerProfile } from './model';
import { GigIndex, type IndexedGig } from './nearby-index';
import { isDuplicateKey } from '../../db/errors';
import { Locks } from '../../db/lock';

export interface GigConfig {
  MIN_WAGE_HOURLY: number;
  MIN_WAGE_DAILY: number;
  SERVICE_AREA: ServiceArea;
  QUICK_HIRE_RADIUS_KM: number;
  QUICK_HIRE_DAILY_CAP: number;
}

export interface GigDeps {
  config: GigConfig;
  pii: Pii;
  notifier: Notifier;
  employers: EmployerService;
  logger: Logger;
  now?: () => number;
  /** How often the nearby index looks for other processes' gig writes (ms); default 1000. */
  syncCheckMs?: number;
}

const RECOMMEND_RADIUS_M = 10_000;
/** Answers kept for repeated identical nearby queries (each valid only while nothing it depends on changed). */
const NEARBY_CACHE_SIZE = 500;
const MAX_DAYS_AHEAD = 30;
const ACTIVE: Application['status'][] = ['accepted', 'checked_in', 'completed'];

/** A gig as list views show it: a document, or its in-memory index entry. */
type SummaryGig = Omit<IndexedGig, '_id' | 'employerId' | 'ownerId' | 'endAt'> & { _id: { toString(): string }; employerId: { toString(): string } };
interface CachedNearby { version: number; ratingsGen: number; computedAt: number; validUntil: number; result: NearbyResult }

export class GigService {
  readonly models: GigModels;
  private readonly users;
  private readonly locks: Locks;

  /** Open gigs in memory for nearby and recommended (see nearby-index.ts). */
  readonly index: GigIndex;
  private readonly listRatings: ListRatings;
  private readonly nearbyCache = new Map<string, CachedNearby>();
  private readonly nearbyPending = new Map<string, Promise<NearbyResult>>();
  /** Answers served from the repeated-query cache vs computed (for benchmarks and diagnostics). */
  readonly nearbyStats = { hits: 0, misses: 0 };

  constructor(conn: Connection, private readonly deps: GigDeps) {
    this.models = gigModels(conn);
    this.users = authModels(conn).User;
    this.locks = new Locks(conn);
    this.index = new GigIndex(this.models.Gig, conn, { now: () => this.now().getTime(), checkMs: deps.syncCheckMs ?? 1000 });
    this.listRatings = new ListRatings(deps.employers.Employer);
  }

  /** Seat changes on one gig (accept, decline, cancel) run one at a time: see db/lock.ts. */
  private onGig<T>(gigId: unknown, fn: () => Promise<T>): Promise<T> {
    return this.locks.withLock(`gig:${String(gigId)}`, fn);
  }

  private now(): Date { return new Date(this.deps.now?.() ?? Date.now()); }
  private today(): string { return toChinaDateString(this.now()); }

  // ---------------------------------------------------------------- views

  private summary(g: SummaryGig, ratings: Map<string, { average: number | null; count: number }>, distanceM: number | null): GigSummary {
    return {
      id: g._id.toString(), title: g.title, category: g.category, payAmount: g.payAmount, payUnit: g.payUnit, payText: payText(g.payAmount, g.payUnit),
      settlement: g.settlement, date: g.date, startTime: g.startTime, endTime: g.endTime, headcount: g.headcount,
      remaining: Math.max(0, g.headcount - g.filled), address: g.address, lat: g.lat, lng: g.lng, urgent: g.urgent, elderFriendly: g.elderFriendly,
      commitment: g.commitment, employerName: g.employerName, employerRating: ratings.get(g.employerId.toString()) ?? { average: null, count: 0 },
      status: g.status, createdAt: g.createdAt.toISOString(), distanceM: distanceM === null ? null : Math.round(distanceM),
      distanceText: distanceM === null ? null : formatDistance(distanceM),
    };
  }

  private async ratingsFor(gigs: Pick<Gig, 'employerId'>[]) {
    const ids = [...new Set(gigs.map((g) => g.employerId.toString()))];
    const rows = ids.length ? await this.deps.employers.Employer.find({ _id: { $in: ids } }).select({ ratingSum: 1, ratingCount: 1 }).lean<Employer[]>() : [];
    return new Map(rows.map((e) => [e._id.toString(), ratingOf(e.ratingSum, e.ratingCount)]));
  }

  private employerGig(g: Gig, applicantCount: number, ratings: Map<string, { average: number | null; count: number }>): EmployerGig {
    return {
      ...this.summary(g, ratings, null), requirements: g.requirements, contactName: g.contactName, contactPhone: this.deps.pii.decrypt(g.contactPhoneEnc),
      reviewNote: g.reviewNote, applicantCount, filled: g.filled, notifiedWorkers: g.notifiedWorkers,
    };
  }

  private settlementView(a: Application) {
    return { employerAmount: a.employerAmount, workerAmount: a.workerAmount, settled: a.employerAmount !== null && a.workerAmount !== null };
  }

  private canCancel(a: Application, g: Pick<Gig, 'startAt'>): boolean {
    return (a.status === 'applied' || a.status === 'accepted') && g.startAt.getTime() > this.now().getTime();
  }

  private myApplicationView(a: Application, g: Gig): MyApplication {
    const revealed = ACTIVE.includes(a.status);
    return {
      id: a._id.toString(), status: a.status, statusText: APPLICATION_STATUS_LABEL[a.status], appliedAt: a.createdAt.toISOString(),
      canCancel: this.canCancel(a, g), settlement: this.settlementView(a), ratedEmployer: a.employerRating !== null,
      employerContact: revealed ? { name: g.contactName, phone: this.deps.pii.decrypt(g.contactPhoneEnc) } : null,
    };
  }

  // ---------------------------------------------------------------- posting (employer)

  async post(userId: string, body: PostGigBody) {
    const employer = await this.deps.employers.findByUser(userId);
    if (!employer) throw conflict('请先完成用人单位登记，再发布零工', 'EMPLOYER_NOT_REGISTERED');
    if (employer.status === 'rejected') throw conflict(`用人单位审核未通过（${employer.rejectReason ?? ''}），修改登记信息后再发布`, 'EMPLOYER_REJECTED');
    const issues = checkGigPosting(body, {
      now: this.now(), minWageHourly: this.deps.config.MIN_WAGE_HOURLY, minWageDaily: this.deps.config.MIN_WAGE_DAILY,
      area: this.deps.config.SERVICE_AREA, maxDaysAhead: MAX_DAYS_AHEAD,
    });
    if (issues.length) throw badRequest(issues[0]!.message, issues, 'GIG_POSTING_REFUSED');
    const published = canPublishAtOnce(employer);
    const doc = await this.models.Gig.create({
      ownerId: userId, employerId: employer._id, employerName: employer.name, employerKind: employer.kind, commitment: employer.commitment,
      title: body.title, category: body.category, headcount: body.headcount, filled: 0, payAmount: body.payAmount, payUnit: body.payUnit,
      payDaily: dailyPayEstimate(body.payAmount, body.payUnit), settlement: body.settlement, date: body.date, startTime: body.startTime, endTime: body.endTime,
      startAt: chinaDateTime(body.date, body.startTime), endAt: chinaDateTime(body.date, body.endTime),
      lat: body.place.lat, lng: body.place.lng, ...geohashFields(body.place), address: body.place.address, requirements: body.requirements,
      contactName: body.contactName, contactPhoneEnc: this.deps.pii.encrypt(body.contactPhone), urgent: body.urgent, elderFriendly: body.elderFriendly,
      status: published ? 'open' : 'review',
    });
    let gig = doc.toObject() as Gig;
    if (published && gig.urgent) gig = await this.quickHire(gig);
    const ratings = await this.ratingsFor([gig]);
    return {
      gig: this.employerGig(gig, 0, ratings), published,
      message: published
        ? gig.urgent ? `已发布，已通知附近 ${gig.notifiedWorkers} 位今天能干活的师傅` : '已发布，附近的师傅现在就能看到'
        : '已提交，经办人员审核通过后上架（3 个工作日内）',
    };
  }

  /**
   * 即时快招: tell available workers nearby whose categories match. Each worker gets at most
   * QUICK_HIRE_DAILY_CAP such notices a day (atomic counter on the profile) and one per gig (dedupe key).
   */
  async quickHire(gig: Gig): Promise<Gig> {
    const r = this.deps.config.QUICK_HIRE_RADIUS_KM * 1000;
    const cover = circleCover(gig, r);
    const today = this.today();
    const candidates = await this.models.WorkerProfile.find({ [cover.field]: { $in: cover.cells }, availableOn: today, categories: gig.category })
      .select({ userId: 1, home: 1 }).lean<WorkerProfile[]>();
    const near = candidates
      .filter((w) => w.home && !w.userId.equals(gig.ownerId))
      .map((w) => ({ w, d: haversineMeters(gig, w.home!) }))
      .filter((x) => x.d <= r)
      .sort((a, b) => a.d - b.d)
      .slice(0, 200);
    let sent = 0;
    const cap = this.deps.config.QUICK_HIRE_DAILY_CAP;
    for (const { w, d } of near) {
      // Two conditional updates: same day under the cap, or first notice of a new day.
      const same = await this.models.WorkerProfile.updateOne({ _id: w._id, noticeDay: today, noticeCount: { $lt: cap } }, { $inc: { noticeCount: 1 } });
      if (!same.modifiedCount) {
        const fresh = await this.models.WorkerProfile.updateOne({ _id: w._id, noticeDay: { $ne: today } }, { $set: { noticeDay: today, noticeCount: 1 } });
        if (!fresh.modifiedCount) continue; // capped for today
      }
      try {
        const { created } = await this.deps.notifier.notify(w.userId.toString(), {
          kind: 'gig.quick_hire', title: `急招：${gig.title}`, body: `离你 ${formatDistance(d)}，${payText(gig.payAmount, gig.payUnit)}，${gig.date} ${gig.startTime} 开工`,
          page: `/pages/gig-detail/index?id=${gig._id.toString()}`, dedupeKey: `quickhire:${gig._id.toString()}:${w.userId.toString()}`,
        });
        if (created) sent += 1;
      } catch (err) {
        this.deps.logger.warn({ err: (err as Error).message }, 'quick hire notice failed');
      }
    }
    const updated = await this.models.Gig.findOneAndUpdate({ _id: gig._id }, { $inc: { notifiedWorkers: sent } }, { new: true }).lean<Gig>();
    return updated ?? gig;
  }

  async listMine(userId: string) {
    const gigs = await this.models.Gig.find({ ownerId: userId }).sort({ createdAt: -1 }).limit(100).lean<Gig[]>();
    const counts = await this.applicantCounts(gigs.map((g) => g._id));
    const ratings = await this.ratingsFor(gigs);
    return { items: gigs.map((g) => this.employerGig(g, counts.get(g._id.toString()) ?? 0, ratings)) };
  }

  private async applicantCounts(ids: Types.ObjectId[]) {
    const rows = ids.length ? await this.models.Application.find({ gigId: { $in: ids }, status: { $ne: 'cancelled' } }).select({ gigId: 1 }).lean() : [];
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.gigId.toString(), (m.get(r.gigId.toString()) ?? 0) + 1);
    return m;
  }

  /** Owner only; another employer's gig (or none) is 404 so ids reveal nothing. */
  private async ownGig(userId: string, gigId: string): Promise<Gig> {
    const g = await this.models.Gig.findOne({ _id: gigId, ownerId: userId }).lean<Gig>();
    if (!g) throw notFound('零工不存在');
    return g;
  }

  async detailMine(userId: string, gigId: string) {
    const g = await this.ownGig(userId, gigId);
    const apps = await this.models.Application.find({ gigId: g._id, status: { $ne: 'cancelled' } }).sort({ createdAt: 1 }).lean<Application[]>();
    const workerIds = apps.map((a) => a.workerId);
    const [users, profiles, ratings] = await Promise.all([
      this.users.find({ _id: { $in: workerIds } }).select({ displayName: 1, phoneEnc: 1 }).lean(),
      this.models.WorkerProfile.find({ userId: { $in: workerIds } }).lean<WorkerProfile[]>(),
      this.ratingsFor([g]),
    ]);
    const userById = new Map(users.map((u) => [u._id.toString(), u]));
    const profileById = new Map(profiles.map((p) => [p.userId.toString(), p]));
    const applicants: Applicant[] = apps.map((a) => {
      const u = userById.get(a.workerId.toString());
      const p = profileById.get(a.workerId.toString());
      const phone = u?.phoneEnc ? this.deps.pii.decrypt(u.phoneEnc) : null;
      const home = p ? homeOf(p) : null;
      const d = home ? haversineMeters(home, g) : null;
      const revealed = ACTIVE.includes(a.status);
      return {
        id: a._id.toString(), workerName: u?.displayName ?? (phone ? `师傅 ${maskPhone(phone)}` : '微信用户'), status: a.status,
        statusText: APPLICATION_STATUS_LABEL[a.status], appliedAt: a.createdAt.toISOString(), elder: p?.elder ?? false,
        rating: ratingOf(p?.ratingSum ?? 0, p?.ratingCount ?? 0), distanceM: d === null ? null : Math.round(d), distanceText: d === null ? null : formatDistance(d),
        // The worker's number is shown only once they are hired; before that, contact goes through the app.
        phone: phone ? (revealed ? phone : maskPhone(phone)) : null, settlement: this.settlementView(a), ratedWorker: a.workerRating !== null,
      };
    });
    return { gig: this.employerGig(g, applicants.length, ratings), applicants };
  }

  async close(userId: string, gigId: string) {
    const g = await this.ownGig(userId, gigId);
    const doc = await this.models.Gig.findOneAndUpdate({ _id: g._id, status: { $in: ['open', 'review'] } }, { $set: { status: 'closed' } }, { new: true }).lean<Gig>();
    if (!doc) throw conflict('这个零工已经结束了', 'GIG_NOT_OPEN');
    const waiting = await this.models.Application.find({ gigId: g._id, status: 'applied' }).select({ workerId: 1 }).lean<Application[]>();
    await this.models.Application.updateMany({ gigId: g._id, status: 'applied' }, { $set: { status: 'declined', decidedAt: this.now() } });
    for (const a of waiting) await this.notifyWorker(a, doc, 'declined', `「${doc.title}」已停止招工`);
    return this.employerGig(doc, 0, await this.ratingsFor([doc]));
  }

  // ---------------------------------------------------------------- nearby (public)

  /**
   * Open gigs within radiusM that pass `keep`, with exact haversine distances: the geohash cell cover
   * of the circle over the in-memory index, so equal to a brute-force scan of the open gigs.
   */
  async candidatesNear(center: LatLng, radiusM: number, keep: (g: IndexedGig) => boolean) {
    await this.index.ready();
    return this.index.query(center, radiusM, keep);
  }

  async nearby(q: NearbyQuery): Promise<NearbyResult> {
    await this.index.ready();
    const key = [q.lat, q.lng, q.radiusKm, q.sort, q.category ?? '', q.settlement ?? '', q.date ?? '', q.elder ?? '', q.page, q.pageSize].join('|');
    const cached = this.cachedNearby(key);
    if (cached) return cached;
    // The same question already being answered (a burst of identical requests): wait for that answer.
    const pending = this.nearbyPending.get(key);
    if (pending) {
      await pending.catch(() => undefined);
      const again = this.cachedNearby(key);
      if (again) return again;
    }
    const run = this.computeNearby(q, key);
    this.nearbyPending.set(key, run);
    try {
      return await run;
    } finally {
      if (this.nearbyPending.get(key) === run) this.nearbyPending.delete(key);
    }
  }

  /** A cached answer that nothing it depends on has changed since: same index and ratings, no gig in it ended. */
  private cachedNearby(key: string): NearbyResult | null {
    const now = this.now().getTime();
    const hit = this.nearbyCache.get(key);
    if (!hit || hit.version !== this.index.version || hit.ratingsGen !== this.listRatings.generation || now < hit.computedAt || now >= hit.validUntil) return null;
    this.nearbyStats.hits += 1;
    return hit.result;
  }

  private async computeNearby(q: NearbyQuery, key: string): Promise<NearbyResult> {
    this.nearbyStats.misses += 1;
    const now = this.now().getTime();
    const version = this.index.version;
    const elder = q.elder === 'true';
    const keep = (g: IndexedGig) => g.endAt > now && g.filled < g.headcount
      && (!q.category || g.category === q.category) && (!q.settlement || g.settlement === q.settlement) && (!q.date || g.date === q.date) && (!elder || g.elderFriendly);
    const { total, items, validUntil } = this.index.page(q, q.radiusKm * 1000, keep, q.sort, (q.page - 1) * q.pageSize, q.pageSize);
    const ratingsGen = this.listRatings.generation;
    const ratings = await this.listRatings.get(items.map((n) => n.g.employerId));
    const result = { total, page: q.page, pageSize: q.pageSize, items: items.map((n) => this.summary(n.g, ratings, n.distanceM)) };
    this.nearbyCache.delete(key);
    if (this.nearbyCache.size >= NEARBY_CACHE_SIZE) this.nearbyCache.delete(this.nearbyCache.keys().next().value!);
    this.nearbyCache.set(key, { version, ratingsGen, computedAt: now, validUntil, result });
    return result;
  }

  /**
   * Anyone may read an open gig; the owner and a worker who applied may read it in any state.
   * The contact number is masked unless the viewer is the owner or a hired worker.
   */
  async detail(gigId: string, viewer: AuthUser | undefined, at?: LatLng): Promise<GigDetail> {
    const g = await this.models.Gig.findById(gigId).lean<Gig>();
    if (!g) throw notFound('零工不存在');
    const isOwner = viewer ? g.ownerId.toString() === viewer.id : false;
    const app = viewer && !isOwner ? await this.models.Application.findOne({ gigId: g._id, workerId: viewer.id }).lean<Application>() : null;
    if (g.status !== 'open' && g.status !== 'closed' && !isOwner && !app) throw notFound('零工不存在');
    const ratings = await this.ratingsFor([g]);
    const my = app ? this.myApplicationView(app, g) : null;
    const phone = this.deps.pii.decrypt(g.contactPhoneEnc);
    const revealed = isOwner || Boolean(my?.employerContact);
    return {
      ...this.summary(g, ratings, at ? haversineMeters(at, g) : null), requirements: g.requirements, employerKind: g.employerKind,
      contactName: g.contactName, contactPhoneMasked: revealed ? phone : maskPhone(phone), myApplication: my,
    };
  }

  // ---------------------------------------------------------------- worker

  async apply(workerId: string, gigId: string) {
    const g = await this.models.Gig.findById(gigId).lean<Gig>();
    if (!g || (g.status !== 'open' && g.status !== 'closed')) throw notFound('零工不存在');
    if (g.ownerId.toString() === workerId) throw conflict('不能报名自己发布的零工', 'OWN_GIG');
    const existing = await this.models.Application.findOne({ gigId: g._id, workerId }).lean<Application>();
    if (existing && existing.status !== 'cancelled') return this.myApplicationView(existing, g); // a repeated tap is not an error
    if (g.status !== 'open') throw conflict('这个零工已经停止招工了', 'GIG_NOT_OPEN');
    if (g.endAt.getTime() <= this.now().getTime()) throw conflict('这个零工的时间已经过了', 'GIG_ENDED');
    if (g.filled >= g.headcount) throw conflict('人已经招满了，看看附近别的活吧', 'GIG_FULL');
    let app: Application | null;
    if (existing) {
      // Re-apply after cancelling: revive the one application (the unique index allows only one).
      app = await this.models.Application.findOneAndUpdate({ _id: existing._id, status: 'cancelled' }, { $set: { status: 'applied', cancelledAt: null, decidedAt: null } }, { new: true }).lean<Application>();
      app ??= await this.models.Application.findById(existing._id).lean<Application>();
    } else {
      try {
        app = (await this.models.Application.create({ gigId: g._id, workerId, ownerId: g.ownerId, status: 'applied' })).toObject() as Application;
        await this.deps.notifier.notify(g.ownerId.toString(), {
          kind: 'gig.applied', title: `有人报名：${g.title}`, body: '打开招工管理看看报名的师傅', page: `/packages/employer/pages/gig/index?id=${gigId}`,
          dedupeKey: `gigapply:${app._id.toString()}`,
        });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        app = await this.models.Application.findOne({ gigId: g._id, workerId }).lean<Application>(); // lost the race to a parallel tap
      }
    }
    return this.myApplicationView(app!, g);
  }

  async myApplications(workerId: string) {
    const apps = await this.models.Application.find({ workerId }).sort({ createdAt: -1 }).limit(100).lean<Application[]>();
    const gigs = await this.models.Gig.find({ _id: { $in: apps.map((a) => a.gigId) } }).lean<Gig[]>();
    const gigById = new Map(gigs.map((g) => [g._id.toString(), g]));
    const ratings = await this.ratingsFor(gigs);
    return {
      items: apps.filter((a) => gigById.has(a.gigId.toString())).map((a) => {
        const g = gigById.get(a.gigId.toString())!;
        return { ...this.myApplicationView(a, g), gig: this.summary(g, ratings, null) };
      }),
    };
  }

  /** The worker's own application; anyone else's is 404 (ids reveal nothing). */
  private async ownApplication(workerId: string, appId: string) {
    const a = await this.models.Application.findOne({ _id: appId, workerId }).lean<Application>();
    if (!a) throw notFound('报名记录不存在');
    const g = await this.models.Gig.findById(a.gigId).lean<Gig>();
    if (!g) throw notFound('零工不存在');
    return { a, g };
  }

  private actionResult(a: Application) {
    return { id: a._id.toString(), status: a.status, statusText: APPLICATION_STATUS_LABEL[a.status], settlement: this.settlementView(a) };
  }

  async cancel(workerId: string, appId: string) {
    const first = await this.ownApplication(workerId, appId);
    return this.onGig(first.g._id, async () => {
      const { a, g } = await this.ownApplication(workerId, appId);
      if (!this.canCancel(a, g)) throw conflict(a.status === 'applied' || a.status === 'accepted' ? '已经开工了，不能取消；有事请直接联系老板' : '这个报名现在不能取消', 'CANNOT_CANCEL');
      const prev = await this.models.Application.findOneAndUpdate({ _id: a._id, status: { $in: ['applied', 'accepted'] } }, { $set: { status: 'cancelled', cancelledAt: this.now() } }, { new: false }).lean<Application>();
      if (!prev) throw conflict('这个报名现在不能取消', 'CANNOT_CANCEL');
      if (prev.status === 'accepted') {
        await this.models.Gig.updateOne({ _id: g._id, filled: { $gt: 0 } }, { $inc: { filled: -1 }, $set: { filledAt: null } });
        await this.deps.notifier.notify(g.ownerId.toString(), { kind: 'gig.worker_cancelled', title: `有师傅取消了：${g.title}`, body: '空出 1 个名额，可以再录用别人', page: `/packages/employer/pages/gig/index?id=${g._id.toString()}` });
      }
      return this.actionResult({ ...prev, status: 'cancelled' });
    });
  }

  /** Both sides state the amount paid; the second must agree with the first. */
  async confirmPay(who: 'worker' | 'employer', userId: string, appId: string, amount: number) {
    const { a, g } = who === 'worker' ? await this.ownApplication(userId, appId) : await this.employerApplication(userId, appId);
    if (a.status !== 'completed') throw conflict('完工以后才能确认工钱', 'NOT_COMPLETED');
    const mine = who === 'worker' ? 'workerAmount' : 'employerAmount';
    const theirs = who === 'worker' ? 'employerAmount' : 'workerAmount';
    if (a[mine] !== null) throw conflict('你已经确认过工钱了', 'ALREADY_CONFIRMED');
    if (a[theirs] !== null && a[theirs] !== amount) {
      throw conflict(`金额和对方确认的 ${a[theirs]} 元不一致，请核对；${who === 'worker' ? '如被欠薪，可以举报' : '请与师傅沟通'}`, 'AMOUNT_MISMATCH', [{ field: 'amount', message: '金额与对方不一致' }]);
    }
    const owner = who === 'worker' ? { workerId: userId } : { ownerId: userId };
    const doc = await this.models.Application.findOneAndUpdate(
      { _id: a._id, ...owner, status: 'completed', [mine]: null, $or: [{ [theirs]: null }, { [theirs]: amount }] },
      { $set: { [mine]: amount } }, { new: true },
    ).lean<Application>();
    if (!doc) throw conflict('工钱确认没有成功，请刷新后再试', 'CONFIRM_CONFLICT');
    if (doc.employerAmount !== null && doc.workerAmount !== null) {
      const other = who === 'worker' ? g.ownerId.toString() : doc.workerId.toString();
      await this.deps.notifier.notify(other, { kind: 'gig.settled', title: `工钱已结清：${g.title}`, body: `双方确认 ${amount} 元`, dedupeKey: `gigsettled:${doc._id.toString()}` });
    }
    return this.actionResult(doc);
  }

  async rate(who: 'worker' | 'employer', userId: string, appId: string, stars: number, comment: string) {
    const { a, g } = who === 'worker' ? await this.ownApplication(userId, appId) : await this.employerApplication(userId, appId);
    if (a.status !== 'completed') throw conflict('完工以后才能评价', 'NOT_COMPLETED');
    const field = who === 'worker' ? 'employerRating' : 'workerRating';
    const owner = who === 'worker' ? { workerId: userId } : { ownerId: userId };
    const doc = await this.models.Application.findOneAndUpdate({ _id: a._id, ...owner, status: 'completed', [field]: null }, { $set: { [field]: { stars, comment, at: this.now() } } }, { new: true }).lean<Application>();
    if (!doc) throw conflict('已经评价过了', 'ALREADY_RATED');
    if (who === 'worker') {
      await this.deps.employers.Employer.updateOne({ _id: g.employerId }, { $inc: { ratingSum: stars, ratingCount: 1 } });
      this.listRatings.invalidate(g.employerId.toString());
    }
    else await this.models.WorkerProfile.updateOne({ userId: a.workerId }, { $inc: { ratingSum: stars, ratingCount: 1 }, $setOnInsert: { userId: a.workerId } }, { upsert: true });
    return this.actionResult(doc);
  }

  async report(workerId: string, gigId: string, reason: 'fake' | 'wage_arrears' | 'discrimination' | 'other', detail: string) {
    const g = await this.models.Gig.findById(gigId).lean<Gig>();
    if (!g || g.status === 'review') throw notFound('零工不存在');
    if (reason === 'wage_arrears') {
      const a = await this.models.Application.findOne({ gigId: g._id, workerId, status: { $in: ACTIVE } }).lean();
      if (!a) throw conflict('只有被录用干过这个活的人才能举报欠薪', 'NOT_HIRED');
    }
    try {
      await this.models.GigReport.create({ gigId: g._id, reporterId: workerId, reason, detail });
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('你已经举报过了，经办人员会尽快处理', 'ALREADY_REPORTED');
      throw err;
    }
    return { ok: true as const };
  }

  // ---------------------------------------------------------------- employer manages applicants

  private async employerApplication(ownerId: string, appId: string) {
    const a = await this.models.Application.findOne({ _id: appId, ownerId }).lean<Application>();
    if (!a) throw notFound('报名记录不存在');
    const g = await this.models.Gig.findById(a.gigId).lean<Gig>();
    if (!g) throw notFound('零工不存在');
    return { a, g };
  }

  private async notifyWorker(a: Pick<Application, '_id' | 'workerId'>, g: Gig, status: Application['status'], body: string) {
    await this.deps.notifier.notify(a.workerId.toString(), {
      kind: `gig.${status}`, title: `${APPLICATION_STATUS_LABEL[status]}：${g.title}`, body, page: `/pages/gig-detail/index?id=${g._id.toString()}`,
      dedupeKey: `gigapp:${a._id.toString()}:${status}`,
    });
  }

  /**
   * Take a place first (conditional $inc: never past headcount), then mark the application. If the
   * application was no longer 'applied' (a parallel accept or a cancel won), give the place back.
   */
  async accept(ownerId: string, appId: string) {
    const first = await this.employerApplication(ownerId, appId);
    return this.onGig(first.g._id, async () => {
      const { a, g } = await this.employerApplication(ownerId, appId);
      if (a.status !== 'applied') throw conflict(`这个报名现在是「${APPLICATION_STATUS_LABEL[a.status]}」，不能录用`, 'NOT_APPLIED');
      const seat = await this.models.Gig.findOneAndUpdate({ _id: g._id, status: 'open', headcount: g.headcount, filled: { $lt: g.headcount } }, { $inc: { filled: 1 } }, { new: true }).lean<Gig>();
      if (!seat) throw conflict(g.status === 'open' ? '人已经招满了' : '这个零工已经停止招工了', 'GIG_FULL');
      if (seat.filled >= seat.headcount) await this.models.Gig.updateOne({ _id: g._id }, { $set: { filledAt: this.now() } });
      const doc = await this.models.Application.findOneAndUpdate({ _id: a._id, status: 'applied' }, { $set: { status: 'accepted', acceptedAt: this.now(), decidedAt: this.now() } }, { new: true }).lean<Application>();
      if (!doc) {
        await this.models.Gig.updateOne({ _id: g._id, filled: { $gt: 0 } }, { $inc: { filled: -1 }, $set: { filledAt: null } });
        throw conflict('这个报名刚刚已经处理过了', 'NOT_APPLIED');
      }
      await this.notifyWorker(doc, g, 'accepted', `老板已录用你，${g.date} ${g.startTime} 到 ${g.address}。联系人：${g.contactName}`);
      return this.actionResult(doc);
    });
  }

  async decline(ownerId: string, appId: string) {
    const first = await this.employerApplication(ownerId, appId);
    return this.onGig(first.g._id, async () => {
      const { a, g } = await this.employerApplication(ownerId, appId);
      const doc = await this.models.Application.findOneAndUpdate({ _id: a._id, status: 'applied' }, { $set: { status: 'declined', decidedAt: this.now() } }, { new: true }).lean<Application>();
      if (!doc) throw conflict(`这个报名现在是「${APPLICATION_STATUS_LABEL[a.status]}」，不能婉拒`, 'NOT_APPLIED');
      await this.notifyWorker(doc, g, 'declined', '这次没有录用，看看附近别的活吧');
      return this.actionResult(doc);
    });
  }

  async checkIn(ownerId: string, appId: string) {
    const { a, g } = await this.employerApplication(ownerId, appId);
    const doc = await this.models.Application.findOneAndUpdate({ _id: a._id, status: 'accepted' }, { $set: { status: 'checked_in', checkedInAt: this.now() } }, { new: true }).lean<Application>();
    if (!doc) throw conflict('录用以后才能登记到岗', 'NOT_ACCEPTED');
    void g;
    return this.actionResult(doc);
  }

  async complete(ownerId: string, appId: string) {
    const { a, g } = await this.employerApplication(ownerId, appId);
    const doc = await this.models.Application.findOneAndUpdate({ _id: a._id, status: { $in: ['accepted', 'checked_in'] } }, { $set: { status: 'completed', completedAt: this.now() } }, { new: true }).lean<Application>();
    if (!doc) throw conflict('到岗以后才能确认完工', 'NOT_CHECKED_IN');
    await this.notifyWorker(doc, g, 'completed', '老板已确认完工，收到工钱后请在报名记录里确认金额');
    return this.actionResult(doc);
  }

  // ---------------------------------------------------------------- availability (灵活就业人员承诺制登记)

  private availabilityView(p: WorkerProfile | null): AvailabilityView {
    return {
      registered: Boolean(p?.registeredAt), availableToday: p?.availableOn === this.today(), categories: p?.categories ?? [],
      homeDistrict: p?.homeDistrict ?? null, home: p?.home ? { lat: p.home.lat, lng: p.home.lng } : null, elder: p?.elder ?? false,
      registeredAt: p?.registeredAt?.toISOString() ?? null, rating: ratingOf(p?.ratingSum ?? 0, p?.ratingCount ?? 0),
    };
  }

  async availability(userId: string) {
    return this.availabilityView(await this.models.WorkerProfile.findOne({ userId }).lean<WorkerProfile>());
  }

  async setAvailability(userId: string, body: AvailabilityBody) {
    let home = body.home;
    if (!home && body.homeDistrict) {
      const d = HARBIN_DISTRICTS.find((x) => x.code === body.homeDistrict);
      if (!d) throw badRequest('常住区县不在本市范围内', [{ field: 'homeDistrict', message: '常住区县不在本市范围内' }]);
      home = d.center;
    }
    if (home && !(home.lat >= this.deps.config.SERVICE_AREA.minLat && home.lat <= this.deps.config.SERVICE_AREA.maxLat && home.lng >= this.deps.config.SERVICE_AREA.minLng && home.lng <= this.deps.config.SERVICE_AREA.maxLng)) {
      throw badRequest('常住地点不在本市服务范围内', [{ field: 'home', message: '常住地点不在本市服务范围内' }]);
    }
    const cells = home ? geohashFields(home) : { gh5: null, gh6: null, gh7: null };
    const update = {
      $set: { availableOn: body.availableToday ? this.today() : null, categories: body.categories, homeDistrict: body.homeDistrict, home, ...cells, elder: body.elder },
      $setOnInsert: { registeredAt: this.now() },
    };
    // Upsert on the unique userId; a parallel first save that lost the insert race simply updates.
    const doc = await this.models.WorkerProfile.findOneAndUpdate({ userId }, update, { upsert: true, new: true }).lean<WorkerProfile>().catch((err) => {
      if (isDuplicateKey(err)) return this.models.WorkerProfile.findOneAndUpdate({ userId }, { $set: update.$set }, { new: true }).lean<WorkerProfile>();
      throw err;
    });
    // A profile created by a rating before registration gets its registration date now.
    if (doc && !doc.registeredAt) await this.models.WorkerProfile.updateOne({ _id: doc._id, registeredAt: null }, { $set: { registeredAt: this.now() } });
    return this.availability(userId);
  }

  /** Ranked by category match, distance, time fit and employer rating, each with a one-line reason. */
  async recommended(userId: string, at?: LatLng) {
    const p = await this.models.WorkerProfile.findOne({ userId }).lean<WorkerProfile>();
    const center = at ?? (p ? homeOf(p) : null);
    if (!center) return { items: [] };
    const now = this.now().getTime();
    const applied = new Set((await this.models.Application.find({ workerId: userId }).select({ gigId: 1 }).lean()).map((a) => a.gigId.toString()));
    const { within } = await this.candidatesNear(center, RECOMMEND_RADIUS_M, (g) => g.endAt > now && g.filled < g.headcount);
    const open = within.filter((n) => !applied.has(n.id) && n.g.ownerId.toString() !== userId).map((n) => ({ ...n.g, distanceM: n.distanceM }));
    const ratings = await this.listRatings.get(open.map((g) => g.employerId.toString()));
    const today = this.today();
    const wants = new Set(p?.categories ?? []);
    const scored = open.map((g) => {
      const reasons = [`离你 ${formatDistance(g.distanceM)}`];
      let score = 30 * (1 - g.distanceM / RECOMMEND_RADIUS_M);
      if (wants.has(g.category)) { score += 40; reasons.push(`符合你的 ${g.category} 意向`); }
      if (p?.availableOn === today && g.date === today) { score += 15; reasons.push('今天就能干'); }
      else if (g.date === today) { score += 5; reasons.push('今天开工'); }
      const r = ratings.get(g.employerId.toString());
      if (r?.average && r.count >= 1) { score += r.average * 2; if (r.average >= 4.5) reasons.push(`老板评分 ${r.average}`); }
      if (p?.elder && g.elderFriendly) { score += 10; reasons.push('适合银龄'); }
      if (g.urgent) score += 3;
      return { g, score: Math.round(score * 10) / 10, reason: reasons.join(' · ') };
    });
    scored.sort((a, b) => b.score - a.score || a.g.distanceM - b.g.distanceM);
    return { items: scored.slice(0, 10).map(({ g, score, reason }) => ({ ...this.summary(g, ratings, g.distanceM), reason, score })) };
  }

  // ---------------------------------------------------------------- staff

  async reviewQueue() {
    const gigs = await this.models.Gig.find({ status: 'review' }).sort({ createdAt: 1 }).limit(200).lean<Gig[]>();
    const employers = await this.deps.employers.Employer.find({ _id: { $in: gigs.map((g) => g.employerId) } }).select({ status: 1 }).lean<Employer[]>();
    const st = new Map(employers.map((e) => [e._id.toString(), e.status]));
    const ratings = await this.ratingsFor(gigs);
    return { items: gigs.map((g) => ({ ...this.employerGig(g, 0, ratings), employerStatus: st.get(g.employerId.toString()) ?? 'pending' })) };
  }

  async reviewGig(gigId: string, body: StaffReviewBody) {
    const g = await this.models.Gig.findById(gigId).lean<Gig>();
    if (!g) throw notFound('零工不存在');
    if (body.decision === 'approve' && g.endAt.getTime() <= this.now().getTime()) throw conflict('干活时间已经过了，不能再上架', 'GIG_ENDED');
    let doc = await this.models.Gig.findOneAndUpdate({ _id: g._id, status: 'review' }, { $set: { status: body.decision === 'approve' ? 'open' : 'rejected', reviewNote: body.reason ?? null } }, { new: true }).lean<Gig>();
    if (!doc) throw conflict('这个零工已经审核过了', 'ALREADY_REVIEWED');
    await this.deps.notifier.notify(g.ownerId.toString(), body.decision === 'approve'
      ? { kind: 'gig.approved', title: `零工已上架：${g.title}`, body: '审核通过，附近的师傅现在能看到了', page: `/packages/employer/pages/gig/index?id=${gigId}` }
      : { kind: 'gig.rejected', title: `零工未通过审核：${g.title}`, body: `原因：${body.reason}`, page: `/packages/employer/pages/gig/index?id=${gigId}` });
    if (doc.status === 'open' && doc.urgent) doc = await this.quickHire(doc);
    return this.employerGig(doc, 0, await this.ratingsFor([doc]));
  }

  async reports() {
    const rows = await this.models.GigReport.find({ handledAt: null }).sort({ createdAt: -1 }).limit(200).lean();
    const gigs = await this.models.Gig.find({ _id: { $in: rows.map((r) => r.gigId) } }).select({ title: 1, employerName: 1 }).lean<Gig[]>();
    const byId = new Map(gigs.map((g) => [g._id.toString(), g]));
    return {
      items: rows.map((r) => ({
        id: r._id.toString(), gigId: r.gigId.toString(), gigTitle: byId.get(r.gigId.toString())?.title ?? '（已删除）', employerName: byId.get(r.gigId.toString())?.employerName ?? '',
        reason: r.reason, reasonText: REPORT_REASON_LABEL[r.reason], detail: r.detail, createdAt: r.createdAt.toISOString(),
      })),
    };
  }
}

function homeOf(p: Pick<WorkerProfile, 'home' | 'homeDistrict'>): LatLng | null {
  if (p.home) return { lat: p.home.lat, lng: p.home.lng };
  const d = p.homeDistrict ? HARBIN_DISTRICTS.find((x) => x.code === p.homeDistrict) : undefined;
  return d ? d.center : null;
}
