import { scopeFilter, type StaffActor } from '../staff/actor';
import { districtOfCell, districtOfPoint } from '@doorstep/shared';
import type { Connection, Types } from 'mongoose';
import {
  APPLICATION_STATUS_LABEL, EMPLOYER_STATUS_LABEL, HARBIN_DISTRICTS, HOME_LOCATION_CONSENT, checkGigPosting, chinaDateTime, circleCover, dailyPayEstimate, formatDistance, geohashFields,
  haversineMeters, maskName, maskPhone, payText, toChinaDateString, REPORT_REASON_LABEL,
  type Applicant, type AvailabilityBody, type AvailabilityView, type EmployerGig, type GigDetail, type GigSummary, type LatLng,
  type MyApplication, type NearbyQuery, type NearbyResult, type PostGigBody, type ServiceArea, type StaffReportDecisionBody, type StaffReviewBody,
} from '@doorstep/shared';
import type { Logger } from 'pino';
import { Consistency, type Tx } from '../../db/consistency';
import { isDuplicateKey } from '../../db/errors';
import type { AuthUser } from '../../http/api';
import { AppError, badRequest, conflict, notFound } from '../../http/errors';
import type { Pii } from '../../security/pii';
import { authModels } from '../auth/model';
import type { Employer } from '../employers/model';
import { canPublishAtOnce, employerKey, ratingOf, type EmployerBlock, type EmployerService } from '../employers/service';
import type { Notifier } from '../notifications/service';
import { separateConsent } from '../privacy/consent';
import { ContentGuard, contentHoldText, type ContentField, type ContentHold } from '../content/guard';
import { ListRatings } from './list-ratings';
import { gigModels, type Application, type Gig, type GigModels, type GigReport, type WorkerProfile } from './model';
import { GigIndex, type IndexedGig } from './nearby-index';
import { findByKeys } from '../../db/by-keys';

export interface GigConfig {
  MIN_WAGE_HOURLY: number;
  MIN_WAGE_DAILY: number;
  SERVICE_AREA: ServiceArea;
  QUICK_HIRE_RADIUS_KM: number;
  QUICK_HIRE_DAILY_CAP: number;
  /** Most gigs one employer may post per China day (M8); absent: DEFAULT_DAILY_POST_CAP. */
  GIG_DAILY_POST_CAP?: number;
}

export interface GigDeps {
  config: GigConfig;
  pii: Pii;
  notifier: Notifier;
  employers: EmployerService;
  logger: Logger;
  /** Content security of postings and reports (content/guard.ts); absent: texts are not checked (CONTENT_CHECK=off). */
  content?: ContentGuard;
  now?: () => number;
  /** How often the nearby index looks for other processes' gig writes (ms); default 1000. */
  syncCheckMs?: number;
}

const RECOMMEND_RADIUS_M = 10_000;
/** Answers kept for repeated identical nearby queries (each valid only while nothing it depends on changed). */
const NEARBY_CACHE_SIZE = 500;
const MAX_DAYS_AHEAD = 30;
export const DEFAULT_DAILY_POST_CAP = 20;
const ACTIVE: Application['status'][] = ['accepted', 'checked_in', 'completed'];

/** The texts of a posting that others see, as the refusal names them. */
export const GIG_TEXT_FIELDS: Record<string, string> = { title: '岗位标题', requirements: '岗位要求', 'place.address': '工作地点', contactName: '联系人' };
export const REPORT_TEXT_FIELDS: Record<string, string> = { detail: '情况说明' };
const HELD_MESSAGE = '已提交，审核通过后发布';

/**
 * Consistency keys (db/consistency.ts). One aggregate, one key:
 * - `gig:<gigId>`: the gig and its applications and reports — status, seats (filled), settlement
 *   amounts, the once-only rating flags, notifiedWorkers;
 * - `employer:<id>`: the employer — status, rating sum/count, the daily posting counter;
 * - `worker:<userId>`: the worker profile — rating sum/count, quick-hire notice counter, availability.
 * A rating is flipped once on its application under the gig key; the counter it feeds is then
 * changed under the employer's (worker's) key after that change is stored, so it is counted once.
 */
export const gigKey = (id: unknown) => `gig:${String(id)}`;
export const workerKey = (userId: unknown) => `worker:${String(userId)}`;

/** Distances are shown to the nearest 10 m (L5): exact metres would locate a worker's home. */
export const roundDistance = (d: number) => Math.round(d / 10) * 10;

/** A household employer's (个人雇主) name is a person's real name: public lists show the family name only (L5). */
export function publicEmployerName(name: string, kind: string): string {
  return kind === 'household' ? `${maskName(name).slice(0, 3)}（个人雇主）` : name;
}

/** A gig as list views show it: a document, or its in-memory index entry. */
type SummaryGig = Omit<IndexedGig, '_id' | 'employerId' | 'ownerId' | 'endAt'> & { _id: { toString(): string }; employerId: { toString(): string } };
interface CachedNearby { version: number; ratingsGen: number; computedAt: number; validUntil: number; result: NearbyResult }
type Ratings = Map<string, { average: number | null; count: number }>;

export class GigService {
  readonly models: GigModels;
  private readonly users;
  readonly consistency: Consistency;

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
    this.consistency = new Consistency(conn, {
      onEffectError: (err, key) => deps.logger.warn({ err: (err as Error)?.message, key }, 'gig after-effect failed'),
    });
    this.index = new GigIndex(this.models.Gig, conn, { now: () => this.now().getTime(), checkMs: deps.syncCheckMs ?? 1000 });
    this.listRatings = new ListRatings(deps.employers.Employer);
    // A rejected or suspended employer's open gigs close, and their applicants are told why.
    deps.employers.onBlocked((block) => this.closeGigsOf(block));
  }

  /** Every change to a gig or its applications: one holder of `gig:<id>` at a time, fenced writes, effects after. */
  private onGig<T>(gigId: unknown, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.consistency.atomically(gigKey(gigId), fn);
  }

  private now(): Date { return new Date(this.deps.now?.() ?? Date.now()); }
  private checkContent(userId: string, scene: 2 | 3, fields: ContentField[]): Promise<ContentHold | null> {
    return this.deps.content ? this.deps.content.check(userId, { scene, action: scene === 3 ? '发布' : '提交', fields }) : Promise.resolve(null);
  }
  private today(): string { return toChinaDateString(this.now()); }
  private dailyPostCap(): number { return this.deps.config.GIG_DAILY_POST_CAP ?? DEFAULT_DAILY_POST_CAP; }

  // ---------------------------------------------------------------- views

  private summary(g: SummaryGig, ratings: Ratings, distanceM: number | null): GigSummary {
    const d = distanceM === null ? null : roundDistance(distanceM);
    return {
      id: g._id.toString(), title: g.title, category: g.category, payAmount: g.payAmount, payUnit: g.payUnit, payText: payText(g.payAmount, g.payUnit),
      settlement: g.settlement, date: g.date, startTime: g.startTime, endTime: g.endTime, headcount: g.headcount,
      remaining: Math.max(0, g.headcount - g.filled), address: g.address, lat: g.lat, lng: g.lng, urgent: g.urgent, elderFriendly: g.elderFriendly,
      commitment: g.commitment, employerName: publicEmployerName(g.employerName, g.employerKind), employerRating: ratings.get(g.employerId.toString()) ?? { average: null, count: 0 },
      status: g.status, createdAt: g.createdAt.toISOString(), distanceM: d, distanceText: d === null ? null : formatDistance(d),
    };
  }

  private async ratingsFor(gigs: Pick<Gig, 'employerId'>[]) {
    const ids = [...new Set(gigs.map((g) => g.employerId.toString()))];
    const rows = await findByKeys<Employer>(this.deps.employers.Employer, ids, { select: { ratingSum: 1, ratingCount: 1 } });
    return new Map(rows.map((e) => [e._id.toString(), ratingOf(e.ratingSum, e.ratingCount)]));
  }

  /** The owner's view of a gig (its own name and contact in full). */
  private employerGig(g: Gig, applicantCount: number, ratings: Ratings): EmployerGig {
    return {
      ...this.summary(g, ratings, null), employerName: g.employerName, requirements: g.requirements, contactName: g.contactName, contactPhone: this.deps.pii.decrypt(g.contactPhoneEnc),
      reviewNote: g.reviewNote, applicantCount, filled: g.filled, notifiedWorkers: g.notifiedWorkers,
    };
  }

  /** Staff lists (L1): contact phone and name masked; the workbench's audited detail view shows them in full. */
  private staffGig(g: Gig, ratings: Ratings): EmployerGig {
    const v = this.employerGig(g, 0, ratings);
    return { ...v, employerName: publicEmployerName(g.employerName, g.employerKind), contactName: maskName(v.contactName), contactPhone: maskPhone(v.contactPhone) };
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

  private refusePosting(e: Employer): void {
    if (e.status === 'rejected') throw conflict(`用人单位审核未通过（${e.rejectReason ?? ''}），修改登记信息后再发布`, 'EMPLOYER_REJECTED');
    if (e.status === 'suspended') throw conflict(`用人单位已被暂停发布（${e.rejectReason ?? ''}），如有异议请联系服务中心`, 'EMPLOYER_SUSPENDED');
  }

  /**
   * Posting runs under `employer:<id>`: the status is read there (a rejection or suspension either
   * comes first and refuses the post, or comes after and closes the new gig), and the daily cap is a
   * fenced counter on the employer.
   */
  async post(userId: string, body: PostGigBody) {
    const employer = await this.deps.employers.findByUser(userId);
    if (!employer) throw conflict('请先完成用人单位登记，再发布零工', 'EMPLOYER_NOT_REGISTERED');
    this.refusePosting(employer);
    const issues = checkGigPosting(body, {
      now: this.now(), minWageHourly: this.deps.config.MIN_WAGE_HOURLY, minWageDaily: this.deps.config.MIN_WAGE_DAILY,
      area: this.deps.config.SERVICE_AREA, maxDaysAhead: MAX_DAYS_AHEAD,
    });
    if (issues.length) throw badRequest(issues[0]!.message, issues, 'GIG_POSTING_REFUSED');
    // Content security first, outside the employer's section (an HTTP call to WeChat): a repeat of a
    // tap already stored is that posting and is not checked again.
    const stored = body.idempotencyKey ? await this.models.Gig.exists({ employerId: employer._id, idempotencyKey: body.idempotencyKey }) : null;
    const hold = stored ? null : await this.checkContent(userId, 3, [
      { field: 'title', label: GIG_TEXT_FIELDS.title!, text: body.title },
      { field: 'requirements', label: GIG_TEXT_FIELDS.requirements!, text: body.requirements },
      { field: 'place.address', label: GIG_TEXT_FIELDS['place.address']!, text: body.place.address },
      { field: 'contactName', label: GIG_TEXT_FIELDS.contactName!, text: body.contactName },
    ]);
    const cap = this.dailyPostCap();
    let gig = await this.deps.employers.consistency.atomically(employerKey(employer._id), async (tx) => {
      const e = await this.deps.employers.Employer.findById(employer._id).lean<Employer>();
      if (!e) throw conflict('请先完成用人单位登记，再发布零工', 'EMPLOYER_NOT_REGISTERED');
      this.refusePosting(e);
      // The same 发布 tap again (a double tap, a retry after an answer lost on a weak network) carries the
      // same key: it is that posting, not a second one (looked up inside the employer's section).
      const twin = body.idempotencyKey ? await this.models.Gig.findOne({ employerId: e._id, idempotencyKey: body.idempotencyKey }).lean<Gig>() : null;
      if (twin) return { ...twin, repeated: true } as Gig & { repeated?: boolean };
      if (!(await this.deps.employers.chargePosting(tx, e, cap))) {
        throw new AppError(429, 'GIG_DAILY_POST_CAP', `每个用人单位每天最多发布 ${cap} 条信息（零工和岗位合计），今天已达上限，请明天再发布`, { cap });
      }
      // Held text waits for staff even from a verified employer.
      const published = canPublishAtOnce(e) && !hold;
      const doc = await this.models.Gig.create({
        ownerId: userId, employerId: e._id, employerName: e.name, employerKind: e.kind, commitment: e.commitment && (e.status === 'commitment' || e.status === 'verified'),
        title: body.title, category: body.category, headcount: body.headcount, filled: 0, payAmount: body.payAmount, payUnit: body.payUnit,
        payDaily: dailyPayEstimate(body.payAmount, body.payUnit), settlement: body.settlement, date: body.date, startTime: body.startTime, endTime: body.endTime,
        startAt: chinaDateTime(body.date, body.startTime), endAt: chinaDateTime(body.date, body.endTime),
        lat: body.place.lat, lng: body.place.lng, ...geohashFields(body.place), district: districtOfPoint(body.place), address: body.place.address, requirements: body.requirements,
        contactName: body.contactName, contactPhoneEnc: this.deps.pii.encrypt(body.contactPhone), urgent: body.urgent, elderFriendly: body.elderFriendly,
        status: published ? 'open' : 'review', contentHold: hold, idempotencyKey: body.idempotencyKey ?? null,
      });
      return doc.toObject() as Gig;
    });
    const published = gig.status === 'open';
    const held = gig.status === 'review' && Boolean(gig.contentHold);
    const repeated = (gig as Gig & { repeated?: boolean }).repeated === true;
    if (published && gig.urgent && !repeated) gig = await this.quickHire(gig);
    const ratings = await this.ratingsFor([gig]);
    return {
      gig: this.employerGig(gig, 0, ratings), published, held,
      message: published
        ? gig.urgent ? `已发布，已通知附近 ${gig.notifiedWorkers} 位今天能干活的师傅` : '已发布，附近的师傅现在就能看到'
        : held ? HELD_MESSAGE : '已提交，经办人员审核通过后上架（3 个工作日内）',
    };
  }

  /**
   * 即时快招: tell available workers nearby whose categories match. Each worker gets at most
   * QUICK_HIRE_DAILY_CAP such notices a day (a fenced counter under `worker:<userId>`) and one per gig
   * (dedupe key); the gig's notifiedWorkers grows under `gig:<id>`.
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
      let charged: boolean;
      try {
        charged = await this.consistency.atomically(workerKey(w.userId), async (tx) => {
          const p = await this.models.WorkerProfile.findById(w._id).select({ noticeDay: 1, noticeCount: 1, rev: 1 }).lean<WorkerProfile>();
          if (!p) return false;
          const count = p.noticeDay === today ? p.noticeCount : 0;
          if (count >= cap) return false; // capped for today
          await tx.write(this.models.WorkerProfile, p._id, p.rev, { $set: { noticeDay: today, noticeCount: count + 1 } });
          return true;
        });
      } catch (err) {
        this.deps.logger.warn({ err: (err as Error).message }, 'quick hire counter failed');
        continue;
      }
      if (!charged) continue;
      try {
        const { created } = await this.deps.notifier.notify(w.userId.toString(), {
          kind: 'gig.quick_hire', title: `急招：${gig.title}`, body: `离你 ${formatDistance(roundDistance(d))}，${payText(gig.payAmount, gig.payUnit)}，${gig.date} ${gig.startTime} 开工`,
          page: `/packages/worker/pages/gig-detail/index?id=${gig._id.toString()}`, dedupeKey: `quickhire:${gig._id.toString()}:${w.userId.toString()}`,
          smsNotAfter: gig.startAt, // a text held over quiet hours is dropped if the gig starts before it could go
        });
        if (created) sent += 1;
      } catch (err) {
        this.deps.logger.warn({ err: (err as Error).message }, 'quick hire notice failed');
      }
    }
    if (!sent) return gig;
    return this.onGig(gig._id, async (tx) => {
      const cur = await this.models.Gig.findById(gig._id).lean<Gig>();
      if (!cur) return gig;
      await tx.write(this.models.Gig, cur._id, cur.rev, { $inc: { notifiedWorkers: sent } });
      return { ...cur, notifiedWorkers: cur.notifiedWorkers + sent, rev: cur.rev + 1 };
    });
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

  /** The gig and one page of its applicants (M8: bounded, however many applied). */
  async detailMine(userId: string, gigId: string, page = 1, pageSize = 50) {
    const g = await this.ownGig(userId, gigId);
    const filter = { gigId: g._id, status: { $ne: 'cancelled' as const } };
    const [total, apps] = await Promise.all([
      this.models.Application.countDocuments(filter),
      this.models.Application.find(filter).sort({ createdAt: 1, _id: 1 }).skip((page - 1) * pageSize).limit(pageSize).lean<Application[]>(),
    ]);
    const workerIds = apps.map((a) => a.workerId);
    const [users, profiles, ratings] = await Promise.all([
      findByKeys<{ _id: Types.ObjectId; displayName?: string; phoneEnc?: string }>(this.users, workerIds, { select: { displayName: 1, phoneEnc: 1 } }),
      findByKeys<WorkerProfile>(this.models.WorkerProfile, workerIds, { field: 'userId' }),
      this.ratingsFor([g]),
    ]);
    const userById = new Map(users.map((u) => [u._id.toString(), u]));
    const profileById = new Map(profiles.map((p) => [p.userId.toString(), p]));
    const applicants: Applicant[] = apps.map((a) => {
      const u = userById.get(a.workerId.toString());
      const p = profileById.get(a.workerId.toString());
      const phone = u?.phoneEnc ? this.deps.pii.decrypt(u.phoneEnc) : null;
      const home = p ? homeOf(p) : null;
      const d = home ? roundDistance(haversineMeters(home, g)) : null;
      const revealed = ACTIVE.includes(a.status);
      return {
        id: a._id.toString(), workerName: u?.displayName ?? (phone ? `师傅 ${maskPhone(phone)}` : '微信用户'), status: a.status,
        statusText: APPLICATION_STATUS_LABEL[a.status], appliedAt: a.createdAt.toISOString(), elder: p?.elder ?? false,
        rating: ratingOf(p?.ratingSum ?? 0, p?.ratingCount ?? 0), distanceM: d, distanceText: d === null ? null : formatDistance(d),
        // The worker's number is shown only once they are hired; before that, contact goes through the app.
        phone: phone ? (revealed ? phone : maskPhone(phone)) : null, settlement: this.settlementView(a), ratedWorker: a.workerRating !== null,
      };
    });
    return { gig: this.employerGig(g, total, ratings), applicants, applicantsTotal: total, page, pageSize };
  }

  /**
   * Ends recruiting on a gig under its key: status `closed` (or `rejected` for a takedown), waiting
   * applications declined; the notices are queued for after the change. Returns the stored gig, or
   * null if it was no longer open or in review.
   */
  private async endGig(tx: Tx, g: Gig, to: 'closed' | 'rejected', note: string | null, notice: { waiting: string; hired?: string }): Promise<Gig | null> {
    const statuses: Gig['status'][] = to === 'rejected' ? ['open', 'review', 'closed'] : ['open', 'review'];
    if (!statuses.includes(g.status)) return null;
    const set: Partial<Gig> = { status: to, ...(note !== null ? { reviewNote: note } : {}) };
    await tx.write(this.models.Gig, g._id, g.rev, { $set: set });
    const doc = { ...g, ...set, rev: g.rev + 1 } as Gig;
    const apps = await this.models.Application.find({ gigId: g._id, status: { $in: notice.hired ? ['applied', 'accepted'] : ['applied'] } }).lean<Application[]>();
    const now = this.now();
    for (const a of apps) {
      if (a.status === 'applied') {
        await tx.write(this.models.Application, a._id, a.rev, { $set: { status: 'declined', decidedAt: now } });
        tx.after(() => this.notifyWorker(a, doc, 'declined', notice.waiting));
      } else if (notice.hired && g.startAt.getTime() > now.getTime()) {
        const body = notice.hired;
        tx.after(() => this.deps.notifier.notify(a.workerId.toString(), {
          kind: 'gig.employer_blocked', title: `请注意：${doc.title}`, body, page: `/packages/worker/pages/gig-detail/index?id=${doc._id.toString()}`,
          dedupeKey: `gig-blocked:${a._id.toString()}:${doc.rev}`,
        }));
      }
    }
    return doc;
  }

  async close(userId: string, gigId: string) {
    const first = await this.ownGig(userId, gigId);
    const doc = await this.onGig(first._id, async (tx) => {
      const g = await this.ownGig(userId, gigId);
      const done = await this.endGig(tx, g, 'closed', null, { waiting: `「${g.title}」已停止招工` });
      if (!done) throw conflict('这个零工已经结束了', 'GIG_NOT_OPEN');
      return done;
    });
    return this.employerGig(doc, 0, await this.ratingsFor([doc]));
  }

  /**
   * After an employer is rejected or suspended: each of its open (or in-review) gigs closes under its
   * own key, waiting applicants are declined and told why, hired workers of gigs not yet started are warned.
   */
  async closeGigsOf(block: EmployerBlock): Promise<number> {
    const gigs = await this.models.Gig.find({ employerId: block.employerId, status: { $in: ['open', 'review'] } }).select({ _id: 1 }).lean<Gig[]>();
    const why = block.status === 'rejected' ? `用人单位审核未通过（${block.reason}）` : `用人单位已被暂停发布（${block.reason}）`;
    let closed = 0;
    for (const { _id } of gigs) {
      const done = await this.onGig(_id, async (tx) => {
        const g = await this.models.Gig.findById(_id).lean<Gig>();
        if (!g) return null;
        return this.endGig(tx, g, 'closed', `${why}，已停止招工`, {
          waiting: `${why}，这个零工已停止招工。看看附近别的活吧`,
          hired: `${why}，这个零工已下架。开工前请先与服务中心或老板核实，注意保护自己的权益`,
        });
      });
      if (done) closed += 1;
    }
    return closed;
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
      // A household employer's contact is a private person: the full name only for the owner and hired workers.
      contactName: revealed || g.employerKind !== 'household' ? g.contactName : maskName(g.contactName),
      contactPhoneMasked: revealed ? phone : maskPhone(phone), myApplication: my,
    };
  }


  // ---------------------------------------------------------------- worker

  /** Under `gig:<id>`: one application per worker (a repeated tap returns it), never onto a full or closed gig. */
  async apply(workerId: string, gigId: string) {
    const first = await this.models.Gig.findById(gigId).select({ _id: 1 }).lean<Gig>();
    if (!first) throw notFound('零工不存在');
    return this.onGig(first._id, async (tx) => {
      const g = await this.models.Gig.findById(first._id).lean<Gig>();
      if (!g || (g.status !== 'open' && g.status !== 'closed')) throw notFound('零工不存在');
      if (g.ownerId.toString() === workerId) throw conflict('不能报名自己发布的零工', 'OWN_GIG');
      const existing = await this.models.Application.findOne({ gigId: g._id, workerId }).lean<Application>();
      if (existing && existing.status !== 'cancelled') return this.myApplicationView(existing, g); // a repeated tap is not an error
      if (g.status !== 'open') throw conflict('这个零工已经停止招工了', 'GIG_NOT_OPEN');
      if (g.endAt.getTime() <= this.now().getTime()) throw conflict('这个零工的时间已经过了', 'GIG_ENDED');
      if (g.filled >= g.headcount) throw conflict('人已经招满了，看看附近别的活吧', 'GIG_FULL');
      if (existing) {
        // Re-apply after cancelling: revive the one application (the unique index allows only one).
        const set = { status: 'applied' as const, cancelledAt: null, decidedAt: null };
        await tx.write(this.models.Application, existing._id, existing.rev, { $set: set });
        return this.myApplicationView({ ...existing, ...set, rev: existing.rev + 1 }, g);
      }
      let app: Application;
      try {
        app = (await this.models.Application.create({ gigId: g._id, workerId, ownerId: g.ownerId, status: 'applied' })).toObject() as Application;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const again = await this.models.Application.findOne({ gigId: g._id, workerId }).lean<Application>();
        if (!again) throw err;
        return this.myApplicationView(again, g);
      }
      tx.after(() => this.deps.notifier.notify(g.ownerId.toString(), {
        kind: 'gig.applied', title: `有人报名：${g.title}`, body: '打开招工管理看看报名的师傅', page: `/packages/employer/pages/gig/index?id=${g._id.toString()}`,
        dedupeKey: `gigapply:${app._id.toString()}`,
      }));
      return this.myApplicationView(app, g);
    });
  }

  async myApplications(workerId: string) {
    const apps = await this.models.Application.find({ workerId }).sort({ createdAt: -1 }).limit(100).lean<Application[]>();
    const gigs = await findByKeys<Gig>(this.models.Gig, apps.map((a) => a.gigId));
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

  /** The employer's application (owner only; else 404). */
  private async employerApplication(ownerId: string, appId: string) {
    const a = await this.models.Application.findOne({ _id: appId, ownerId }).lean<Application>();
    if (!a) throw notFound('报名记录不存在');
    const g = await this.models.Gig.findById(a.gigId).lean<Gig>();
    if (!g) throw notFound('零工不存在');
    return { a, g };
  }

  /**
   * Runs `fn` under the key of the application's gig with the application and gig read inside the
   * section (the first read only finds the key; ownership is checked again inside).
   */
  private async onApplication<T>(who: 'worker' | 'employer', userId: string, appId: string, fn: (tx: Tx, a: Application, g: Gig) => Promise<T>): Promise<T> {
    const load = () => (who === 'worker' ? this.ownApplication(userId, appId) : this.employerApplication(userId, appId));
    const first = await load();
    return this.onGig(first.a.gigId, async (tx) => {
      const { a, g } = await load();
      return fn(tx, a, g);
    });
  }

  private actionResult(a: Application) {
    return { id: a._id.toString(), status: a.status, statusText: APPLICATION_STATUS_LABEL[a.status], settlement: this.settlementView(a) };
  }

  /** Writes the next state of an application under its gig's key and returns it. */
  private async writeApp(tx: Tx, a: Application, set: Partial<Application>): Promise<Application> {
    await tx.write(this.models.Application, a._id, a.rev, { $set: set });
    return { ...a, ...set, rev: a.rev + 1 };
  }

  async cancel(workerId: string, appId: string) {
    return this.onApplication('worker', workerId, appId, async (tx, a, g) => {
      if (!this.canCancel(a, g)) throw conflict(a.status === 'applied' || a.status === 'accepted' ? '已经开工了，不能取消；有事请直接联系老板' : '这个报名现在不能取消', 'CANNOT_CANCEL');
      const doc = await this.writeApp(tx, a, { status: 'cancelled', cancelledAt: this.now() });
      if (a.status === 'accepted') {
        await tx.write(this.models.Gig, g._id, g.rev, { $set: { filled: Math.max(0, g.filled - 1), filledAt: null } });
        tx.after(() => this.deps.notifier.notify(g.ownerId.toString(), {
          kind: 'gig.worker_cancelled', title: `有师傅取消了：${g.title}`, body: '空出 1 个名额，可以再录用别人', page: `/packages/employer/pages/gig/index?id=${g._id.toString()}`,
          dedupeKey: `gigcancel:${a._id.toString()}:${doc.rev}`,
        }));
      }
      return this.actionResult(doc);
    });
  }

  /** Both sides state the amount paid; the second must agree with the first. Under `gig:<id>`: each side once. */
  async confirmPay(who: 'worker' | 'employer', userId: string, appId: string, amount: number) {
    return this.onApplication(who, userId, appId, async (tx, a, g) => {
      if (a.status !== 'completed') throw conflict('完工以后才能确认工钱', 'NOT_COMPLETED');
      const mine = who === 'worker' ? 'workerAmount' : 'employerAmount';
      const theirs = who === 'worker' ? 'employerAmount' : 'workerAmount';
      if (a[mine] !== null) throw conflict('你已经确认过工钱了', 'ALREADY_CONFIRMED');
      if (a[theirs] !== null && a[theirs] !== amount) {
        throw conflict(`金额和对方确认的 ${a[theirs]} 元不一致，请核对；${who === 'worker' ? '如被欠薪，可以举报' : '请与师傅沟通'}`, 'AMOUNT_MISMATCH', [{ field: 'amount', message: '金额与对方不一致' }]);
      }
      const doc = await this.writeApp(tx, a, { [mine]: amount });
      if (doc.employerAmount !== null && doc.workerAmount !== null) {
        const other = who === 'worker' ? g.ownerId.toString() : doc.workerId.toString();
        tx.after(() => this.deps.notifier.notify(other, { kind: 'gig.settled', title: `工钱已结清：${g.title}`, body: `双方确认 ${amount} 元`, dedupeKey: `gigsettled:${doc._id.toString()}` }));
      }
      return this.actionResult(doc);
    });
  }

  /**
   * Each side rates once: the flag on the application flips under `gig:<id>` (fenced, so exactly one
   * of any number of parallel taps wins); the rated side's counter then grows under its own key
   * (`employer:<id>` / `worker:<userId>`), after the flip is stored, so it is counted once.
   */
  async rate(who: 'worker' | 'employer', userId: string, appId: string, stars: number, comment: string) {
    return this.onApplication(who, userId, appId, async (tx, a, g) => {
      if (a.status !== 'completed') throw conflict('完工以后才能评价', 'NOT_COMPLETED');
      const field = who === 'worker' ? 'employerRating' : 'workerRating';
      if (a[field] !== null) throw conflict('已经评价过了', 'ALREADY_RATED');
      const doc = await this.writeApp(tx, a, { [field]: { stars, comment, at: this.now() } });
      if (who === 'worker') {
        tx.after(async () => {
          await this.deps.employers.addRating(g.employerId.toString(), stars);
          this.listRatings.invalidate(g.employerId.toString());
        });
      } else {
        tx.after(() => this.addWorkerRating(a.workerId.toString(), stars));
      }
      return this.actionResult(doc);
    });
  }

  /** The worker's profile (created if missing: a unique insert on userId). */
  private async ensureProfile(userId: string): Promise<WorkerProfile> {
    const p = await this.models.WorkerProfile.findOne({ userId }).lean<WorkerProfile>();
    if (p) return p;
    try {
      return (await this.models.WorkerProfile.create({ userId })).toObject() as WorkerProfile;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const again = await this.models.WorkerProfile.findOne({ userId }).lean<WorkerProfile>();
      if (!again) throw err;
      return again;
    }
  }

  private async addWorkerRating(userId: string, stars: number) {
    await this.consistency.atomically(workerKey(userId), async (tx) => {
      const p = await this.ensureProfile(userId);
      await tx.write(this.models.WorkerProfile, p._id, p.rev, { $inc: { ratingSum: stars, ratingCount: 1 } });
    });
  }

  async report(workerId: string, gigId: string, reason: 'fake' | 'wage_arrears' | 'discrimination' | 'other', detail: string) {
    const g = await this.models.Gig.findById(gigId).lean<Gig>();
    if (!g || g.status === 'review') throw notFound('零工不存在');
    if (reason === 'wage_arrears') {
      const a = await this.models.Application.findOne({ gigId: g._id, workerId, status: { $in: ACTIVE } }).lean();
      if (!a) throw conflict('只有被录用干过这个活的人才能举报欠薪', 'NOT_HIRED');
    }
    // The report's text is checked before anything is written (a refusal writes nothing); held text
    // is stored with its hold, for staff — the only people who read reports.
    const hold = await this.checkContent(workerId, 2, [{ field: 'detail', label: REPORT_TEXT_FIELDS.detail!, text: detail }]);
    // A report is one unique insert (gig, reporter, reason): parallel taps make one report.
    try {
      await this.models.GigReport.create({ gigId: g._id, reporterId: workerId, reason, detail, contentHold: hold, district: g.district ?? districtOfCell(g.gh6) });
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('你已经举报过了，经办人员会尽快处理', 'ALREADY_REPORTED');
      throw err;
    }
    return { ok: true as const };
  }

  // ---------------------------------------------------------------- employer manages applicants

  private async notifyWorker(a: Pick<Application, '_id' | 'workerId'>, g: Gig, status: Application['status'], body: string) {
    await this.deps.notifier.notify(a.workerId.toString(), {
      kind: `gig.${status}`, title: `${APPLICATION_STATUS_LABEL[status]}：${g.title}`, body, page: `/packages/worker/pages/gig-detail/index?id=${g._id.toString()}`,
      dedupeKey: `gigapp:${a._id.toString()}:${status}`,
    });
  }

  /** Under `gig:<id>`: takes a place (never past headcount) and marks the application, both fenced. */
  async accept(ownerId: string, appId: string) {
    return this.onApplication('employer', ownerId, appId, async (tx, a, g) => {
      if (a.status !== 'applied') throw conflict(`这个报名现在是「${APPLICATION_STATUS_LABEL[a.status]}」，不能录用`, 'NOT_APPLIED');
      if (g.status !== 'open') throw conflict('这个零工已经停止招工了', 'GIG_FULL');
      if (g.filled >= g.headcount) throw conflict('人已经招满了', 'GIG_FULL');
      const filled = g.filled + 1;
      await tx.write(this.models.Gig, g._id, g.rev, { $set: { filled, ...(filled >= g.headcount ? { filledAt: this.now() } : {}) } });
      const doc = await this.writeApp(tx, a, { status: 'accepted', acceptedAt: this.now(), decidedAt: this.now() });
      tx.after(() => this.notifyWorker(doc, g, 'accepted', `老板已录用你，${g.date} ${g.startTime} 到 ${g.address}。联系人：${g.contactName}`));
      return this.actionResult(doc);
    });
  }

  async decline(ownerId: string, appId: string) {
    return this.onApplication('employer', ownerId, appId, async (tx, a, g) => {
      if (a.status !== 'applied') throw conflict(`这个报名现在是「${APPLICATION_STATUS_LABEL[a.status]}」，不能婉拒`, 'NOT_APPLIED');
      const doc = await this.writeApp(tx, a, { status: 'declined', decidedAt: this.now() });
      tx.after(() => this.notifyWorker(doc, g, 'declined', '这次没有录用，看看附近别的活吧'));
      return this.actionResult(doc);
    });
  }

  async checkIn(ownerId: string, appId: string) {
    return this.onApplication('employer', ownerId, appId, async (tx, a) => {
      if (a.status !== 'accepted') throw conflict('录用以后才能登记到岗', 'NOT_ACCEPTED');
      return this.actionResult(await this.writeApp(tx, a, { status: 'checked_in', checkedInAt: this.now() }));
    });
  }

  async complete(ownerId: string, appId: string) {
    return this.onApplication('employer', ownerId, appId, async (tx, a, g) => {
      if (a.status !== 'accepted' && a.status !== 'checked_in') throw conflict('到岗以后才能确认完工', 'NOT_CHECKED_IN');
      const doc = await this.writeApp(tx, a, { status: 'completed', completedAt: this.now() });
      tx.after(() => this.notifyWorker(doc, g, 'completed', '老板已确认完工，收到工钱后请在报名记录里确认金额'));
      return this.actionResult(doc);
    });
  }

  // ---------------------------------------------------------------- availability (灵活就业人员承诺制登记)

  private availabilityView(p: WorkerProfile | null): AvailabilityView {
    return {
      registered: Boolean(p?.registeredAt), availableToday: p?.availableOn === this.today(), categories: p?.categories ?? [],
      homeDistrict: p?.homeDistrict ?? null, home: p?.home ? { lat: p.home.lat, lng: p.home.lng } : null, elder: p?.elder ?? false,
      registeredAt: p?.registeredAt?.toISOString() ?? null, rating: ratingOf(p?.ratingSum ?? 0, p?.ratingCount ?? 0),
      homeLocationConsent: p?.homeLocationConsent ? { version: p.homeLocationConsent.version, at: new Date(p.homeLocationConsent.at).toISOString() } : null,
    };
  }

  async availability(userId: string) {
    return this.availabilityView(await this.models.WorkerProfile.findOne({ userId }).lean<WorkerProfile>());
  }


  /** Under `worker:<userId>` like the profile's counters (one key per profile). */
  async setAvailability(userId: string, body: AvailabilityBody) {
    // A long-term home (区县或位置) is kept only with the separate HOME_LOCATION_CONSENT, given now or recorded before.
    const carried = [
      body.homeDistrict ? { field: 'homeDistrict', message: '保存常住区县前，请先同意保存你的常住位置（用于推送附近的即时快招）' } : null,
      body.home ? { field: 'home', message: '保存常住位置前，请先同意保存你的常住位置（用于推送附近的即时快招）' } : null,
    ].filter((x): x is { field: string; message: string } => x !== null);
    const homeConsent = (recorded: WorkerProfile['homeLocationConsent']) => separateConsent(HOME_LOCATION_CONSENT, body.sensitiveConsentVersion, recorded, carried, this.now());
    // Refused before anything is written (the profile is not even created).
    homeConsent((await this.models.WorkerProfile.findOne({ userId }).select({ homeLocationConsent: 1 }).lean<Pick<WorkerProfile, 'homeLocationConsent'>>())?.homeLocationConsent);
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
    await this.consistency.atomically(workerKey(userId), async (tx) => {
      const p = await this.ensureProfile(userId);
      const set: Partial<WorkerProfile> = {
        availableOn: body.availableToday ? this.today() : null, categories: body.categories, homeDistrict: body.homeDistrict, home, datum: 'gcj02', ...cells, elder: body.elder,
        homeLocationConsent: homeConsent(p.homeLocationConsent),
        // A profile created by a rating before registration gets its registration date now.
        ...(p.registeredAt ? {} : { registeredAt: this.now() }),
      };
      await tx.write(this.models.WorkerProfile, p._id, p.rev, { $set: set });
    });
    return this.availability(userId);
  }

  /** The exact home point the worker saved (with consent) for nearby work; null when only a district or nothing is set. */
  async savedHome(userId: string): Promise<LatLng | null> {
    const p = await this.models.WorkerProfile.findOne({ userId }).select({ home: 1 }).lean<Pick<WorkerProfile, 'home'>>();
    return p?.home ? { lat: p.home.lat, lng: p.home.lng } : null;
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

  /** Staff list (L1): contacts masked. */
  async reviewQueue(actor: StaffActor) {
    const gigs = await this.models.Gig.find({ status: 'review', ...scopeFilter(actor) }).sort({ createdAt: 1 }).limit(200).lean<Gig[]>();
    const employers = await this.deps.employers.Employer.find({ _id: { $in: gigs.map((g) => g.employerId) } }).select({ status: 1 }).lean<Employer[]>();
    const st = new Map(employers.map((e) => [e._id.toString(), e.status]));
    const ratings = await this.ratingsFor(gigs);
    return {
      items: gigs.map((g) => ({ ...this.staffGig(g, ratings), employerStatus: st.get(g.employerId.toString()) ?? 'pending', contentHoldText: contentHoldText(g.contentHold, GIG_TEXT_FIELDS) })),
    };
  }

  /** Under `gig:<id>`: one decision per gig in review; a rejected or suspended employer's gig cannot be approved. */
  async reviewGig(gigId: string, body: StaffReviewBody) {
    const first = await this.models.Gig.findById(gigId).select({ _id: 1 }).lean<Gig>();
    if (!first) throw notFound('零工不存在');
    let doc = await this.onGig(first._id, async (tx) => {
      const g = await this.models.Gig.findById(first._id).lean<Gig>();
      if (!g) throw notFound('零工不存在');
      if (g.status !== 'review') throw conflict('这个零工已经审核过了', 'ALREADY_REVIEWED');
      const approve = body.decision === 'approve';
      if (approve && g.endAt.getTime() <= this.now().getTime()) throw conflict('干活时间已经过了，不能再上架', 'GIG_ENDED');
      if (approve) {
        const e = await this.deps.employers.Employer.findById(g.employerId).select({ status: 1 }).lean<Employer>();
        if (e && (e.status === 'rejected' || e.status === 'suspended')) {
          throw conflict(`用人单位${EMPLOYER_STATUS_LABEL[e.status]}，它的零工不能上架`, 'EMPLOYER_BLOCKED');
        }
      }
      const set: Partial<Gig> = { status: approve ? 'open' : 'rejected', reviewNote: body.reason ?? null };
      await tx.write(this.models.Gig, g._id, g.rev, { $set: set });
      tx.after(() => this.deps.notifier.notify(g.ownerId.toString(), approve
        ? { kind: 'gig.approved', title: `零工已上架：${g.title}`, body: '审核通过，附近的师傅现在能看到了', page: `/packages/employer/pages/gig/index?id=${gigId}`, dedupeKey: `gig-review:${gigId}` }
        : { kind: 'gig.rejected', title: `零工未通过审核：${g.title}`, body: `原因：${body.reason}`, page: `/packages/employer/pages/gig/index?id=${gigId}`, dedupeKey: `gig-review:${gigId}` }));
      return { ...g, ...set, rev: g.rev + 1 } as Gig;
    });
    if (doc.status === 'open' && doc.urgent) doc = await this.quickHire(doc);
    return this.employerGig(doc, 0, await this.ratingsFor([doc]));
  }

  /** Staff list (L1): a household employer's name masked; reporters are never shown. */
  async reports(actor: StaffActor) {
    const rows = await this.models.GigReport.find({ handledAt: null, ...scopeFilter(actor) }).sort({ createdAt: -1 }).limit(200).lean<GigReport[]>();
    const gigs = await findByKeys<Gig>(this.models.Gig, rows.map((r) => r.gigId), { select: { title: 1, employerName: 1, employerKind: 1 } });
    const byId = new Map(gigs.map((g) => [g._id.toString(), g]));
    return {
      items: rows.map((r) => {
        const g = byId.get(r.gigId.toString());
        return {
          id: r._id.toString(), gigId: r.gigId.toString(), gigTitle: g?.title ?? '（已删除）', employerName: g ? publicEmployerName(g.employerName, g.employerKind) : '',
          reason: r.reason, reasonText: REPORT_REASON_LABEL[r.reason], detail: r.detail, contentHoldText: contentHoldText(r.contentHold, REPORT_TEXT_FIELDS),
          createdAt: r.createdAt.toISOString(),
        };
      }),
    };
  }

  /**
   * Staff handle a report under the gig's key `gig:<id>`. 查无问题 closes this report; 下架 takes the
   * posting down (waiting applicants declined and told, hired workers warned), closes every open report
   * on it, and — if asked — escalates to suspending the employer, which closes all its other open gigs
   * (after the takedown is stored, under `employer:<id>`).
   */
  async handleReport(staffId: string, reportId: string, body: StaffReportDecisionBody) {
    const first = await this.models.GigReport.findById(reportId).select({ gigId: 1 }).lean<GigReport>();
    if (!first) throw notFound('找不到这条举报，可能已被处理');
    const outcome = { gigStatus: null as Gig['status'] | null, reportsHandled: 0, employerSuspended: false, gigsClosed: 0 };
    await this.onGig(first.gigId, async (tx) => {
      const r = await this.models.GigReport.findById(reportId).lean<GigReport>();
      if (!r) throw notFound('找不到这条举报，可能已被处理');
      if (r.handledAt) throw conflict('这条举报已经处理过了', 'ALREADY_HANDLED');
      const now = this.now();
      if (body.decision === 'dismiss') {
        await tx.write(this.models.GigReport, r._id, r.rev, { $set: { handledAt: now } });
        outcome.reportsHandled = 1;
        return;
      }
      const reason = body.reason ?? '';
      const g = await this.models.Gig.findById(r.gigId).lean<Gig>();
      if (g) {
        const down = await this.endGig(tx, g, 'rejected', `因举报下架：${reason}`, {
          waiting: `这个零工经核查举报已下架（${reason}）。看看附近别的活吧`,
          hired: `这个零工经核查举报已下架（${reason}）。开工前请先与服务中心核实，注意保护自己的权益`,
        });
        outcome.gigStatus = down?.status ?? g.status;
        if (down) {
          outcome.gigsClosed = 1;
          tx.after(() => this.deps.notifier.notify(down.ownerId.toString(), {
            kind: 'gig.taken_down', title: `零工已被下架：${down.title}`, body: `经核查举报，该零工已下架。原因：${reason}。如有异议请联系服务中心。`,
            page: `/packages/employer/pages/gig/index?id=${down._id.toString()}`, dedupeKey: `gig-takedown:${down._id.toString()}`,
          }));
        }
      }
      const open = await this.models.GigReport.find({ gigId: r.gigId, handledAt: null }).lean<GigReport[]>();
      for (const o of open) await tx.write(this.models.GigReport, o._id, o.rev, { $set: { handledAt: now } });
      outcome.reportsHandled = open.length;
      if (body.suspendEmployer && g) {
        tx.after(async () => {
          const before = await this.models.Gig.countDocuments({ employerId: g.employerId, status: { $in: ['open', 'review'] } });
          await this.deps.employers.suspend(staffId, g.employerId.toString(), `因举报下架「${g.title}」：${reason}`);
          outcome.employerSuspended = true;
          outcome.gigsClosed += before - (await this.models.Gig.countDocuments({ employerId: g.employerId, status: { $in: ['open', 'review'] } }));
        });
      }
    });
    return { ok: true as const, ...outcome };
  }
}

function homeOf(p: Pick<WorkerProfile, 'home' | 'homeDistrict'>): LatLng | null {
  if (p.home) return { lat: p.home.lat, lng: p.home.lng };
  const d = p.homeDistrict ? HARBIN_DISTRICTS.find((x) => x.code === p.homeDistrict) : undefined;
  return d ? d.center : null;
}
