import { scopeFilter, type StaffActor } from '../staff/actor';
import type { Connection, Model } from 'mongoose';
import type { Logger } from 'pino';
import {
  addWorkdays, CHINA_HOLIDAY_CALENDAR, COMMITMENT_VERSION, DEFAULT_COMMITMENT_EMPLOYER_KINDS, EMPLOYER_KIND_LABEL, maskName, maskPhone, toChinaDateString,
  type EmployerKind, type EmployerOnboardBody, type EmployerView, type StaffReviewBody,
} from '@doorstep/shared';
import { districtOfText } from '@doorstep/shared';
import { Consistency, type Tx } from '../../db/consistency';
import { isDuplicateKey } from '../../db/errors';
import { badRequest, conflict, notFound } from '../../http/errors';
import type { Pii } from '../../security/pii';
import { authModels } from '../auth/model';
import type { Notifier } from '../notifications/service';
import { contentHoldText, type ContentGuard, type ContentHold } from '../content/guard';
import { employerModel, type CommitmentRecord, type Employer } from './model';

export const REVIEW_WORKDAYS = 3;
/** The employer's text others see (on every posting), as a content refusal names it. */
export const EMPLOYER_TEXT_FIELDS: Record<string, string> = { name: '用人主体名称' };

export function ratingOf(sum: number, count: number) {
  return { average: count ? Math.round((sum / count) * 10) / 10 : null, count };
}

/** The consistency key of an employer: its profile, status, counters (rating, daily posts) change only under it. */
export const employerKey = (id: unknown) => `employer:${String(id)}`;

/** Why an employer's open gigs are being closed (told to their applicants). */
export interface EmployerBlock { employerId: string; status: 'rejected' | 'suspended'; reason: string }
type BlockListener = (block: EmployerBlock) => Promise<unknown>;

/** Employer onboarding (企业 / 个体工商户 / 个人雇主) and the staff verification within 3 working days. */
export class EmployerService {
  readonly Employer: Model<Employer>;
  readonly consistency: Consistency;
  private readonly users;
  private readonly blockListeners: BlockListener[] = [];

  /** The employer kinds that may choose 承诺制 (config EMPLOYER_COMMITMENT_KINDS). */
  readonly commitmentKinds: readonly EmployerKind[];

  /** `content`: content security of the employer's name (content/guard.ts); absent: not checked (CONTENT_CHECK=off). */
  constructor(conn: Connection, private readonly deps: { pii: Pii; notifier: Notifier; now?: () => number; logger?: Logger; commitmentKinds?: readonly EmployerKind[]; content?: ContentGuard }) {
    this.commitmentKinds = deps.commitmentKinds ?? DEFAULT_COMMITMENT_EMPLOYER_KINDS;
    this.Employer = employerModel(conn);
    this.users = authModels(conn).User;
    this.consistency = new Consistency(conn, {
      onEffectError: (err, key) => deps.logger?.warn({ err: (err as Error)?.message, key }, 'employer after-effect failed'),
    });
  }

  private now(): Date { return new Date(this.deps.now?.() ?? Date.now()); }

  /** The gig module closes an employer's open gigs when it is rejected or suspended (after the decision is stored). */
  onBlocked(fn: BlockListener): void { this.blockListeners.push(fn); }

  view(e: Employer): EmployerView {
    const c = e.commitmentRecord;
    return {
      id: e._id.toString(), kind: e.kind, name: e.name, creditCode: e.creditCode, contactName: e.contactName,
      contactPhoneMasked: maskPhone(this.deps.pii.decrypt(e.contactPhoneEnc)), address: e.address, commitment: e.commitment,
      status: e.status, canPublishAtOnce: canPublishAtOnce(e), submittedAt: e.submittedAt.toISOString(), reviewDeadline: e.reviewDeadline,
      rejectReason: e.rejectReason, rating: ratingOf(e.ratingSum, e.ratingCount),
      commitmentRecord: c ? {
        contactName: c.contactName, version: c.version, acceptedAt: new Date(c.acceptedAt).toISOString(), kind: c.kind,
        confirmedAt: c.confirmedAt ? new Date(c.confirmedAt).toISOString() : null, confirmedByName: c.confirmedByName ?? null,
      } : null,
    };
  }

  findByUser(userId: string) { return this.Employer.findOne({ userId }).lean<Employer>(); }

  async mine(userId: string) {
    const e = await this.findByUser(userId);
    return { employer: e ? this.view(e) : null };
  }

  /**
   * Submit or resubmit. A verified employer that only changes contact details stays verified;
   * changing who the employer is (kind, name, code) sends it back to review. 承诺制 (publish at
   * once) is granted only to the kinds that may use it and never after a rejection or suspension:
   * such a re-submission goes back to the review queue. Runs under `employer:<id>`.
   */
  async onboard(userId: string, body: EmployerOnboardBody) {
    if (body.commitment && !this.commitmentKinds.includes(body.kind)) {
      const allowed = this.commitmentKinds.map((k) => EMPLOYER_KIND_LABEL[k]).join('、') || '无';
      const message = `${EMPLOYER_KIND_LABEL[body.kind]}不能选择承诺制（可选的用人主体：${allowed}），请提交资质，由经办人员在 3 个工作日内审核`;
      throw badRequest(message, [{ field: 'commitment', message }], 'COMMITMENT_NOT_ALLOWED');
    }
    let existing = await this.findByUser(userId);
    // A new or changed name (shown on every posting) passes content security first, outside the
    // employer's section: refused → 400 and nothing written; held → the submission waits for staff.
    const checkedName = !existing || existing.name !== body.name ? body.name : null;
    const fresh = checkedName === null || !this.deps.content ? null
      : await this.deps.content.check(userId, { scene: 1, action: '提交', fields: [{ field: 'name', label: EMPLOYER_TEXT_FIELDS.name!, text: body.name }] });
    if (!existing) {
      // The first submission is a unique insert on userId: two taps of 提交 make one employer.
      try {
        const created = await this.Employer.create({ ...this.submission(body, null, fresh), userId });
        return { employer: this.view(created.toObject() as Employer) };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        existing = await this.findByUser(userId);
        if (!existing) throw err;
      }
    }
    const id = existing._id;
    return this.consistency.atomically(employerKey(id), async (tx) => {
      const cur = await this.Employer.findById(id).lean<Employer>();
      if (!cur) throw notFound('用人单位不存在');
      if (this.sameSubmission(cur, body)) return { employer: this.view(cur) }; // a repeated tap changes nothing
      // The name changed again since it was checked (another device): check this one afresh.
      if (cur.name !== body.name && checkedName !== body.name) throw conflict('登记信息刚被修改过，请刷新后重新提交', 'EMPLOYER_CHANGED');
      // An unchanged name keeps a hold no staff member has decided on yet.
      const hold = cur.name !== body.name ? fresh : cur.contentHold && !cur.reviewedAt ? cur.contentHold : null;
      const set = this.submission(body, cur, hold);
      await tx.write(this.Employer, id, cur.rev, { $set: set });
      return { employer: this.view({ ...cur, ...set } as Employer) };
    });
  }

  /** The stored fields of a submission given the current document (null: first submission). */
  private submission(body: EmployerOnboardBody, cur: Employer | null, hold: ContentHold | null): Partial<Employer> {
    const now = this.now();
    const sameIdentity = cur && cur.kind === body.kind && cur.name === body.name && (cur.creditCode ?? null) === (body.creditCode ?? null);
    const keepVerified = cur?.status === 'verified' && sameIdentity && cur.commitment === body.commitment;
    const set: Partial<Employer> = {
      kind: body.kind, name: body.name, creditCode: body.creditCode ?? null, contactName: body.contactName,
      contactPhoneEnc: this.deps.pii.encrypt(body.contactPhone), address: body.address, district: districtOfText(body.address), commitment: body.commitment,
    };
    if (keepVerified) return set;
    const barred = cur?.commitmentBarred === true || cur?.status === 'rejected' || cur?.status === 'suspended';
    // A held name is never published on commitment: it waits for staff like a plain submission.
    const byCommitment = body.commitment && this.commitmentKinds.includes(body.kind) && !barred && !hold;
    const record: CommitmentRecord | null = body.commitment
      ? { contactName: body.contactName, version: COMMITMENT_VERSION, acceptedAt: now, kind: body.kind, confirmedBy: null, confirmedByName: null, confirmedAt: null }
      : null;
    return Object.assign(set, {
      status: byCommitment ? 'commitment' : 'pending', contentHold: hold, submittedAt: now, commitmentRecord: record, commitmentBarred: barred,
      reviewDeadline: addWorkdays(now, REVIEW_WORKDAYS, CHINA_HOLIDAY_CALENDAR), reviewedAt: null, reviewedBy: null,
      // A rejected employer keeps seeing why until staff decide again.
      rejectReason: cur?.status === 'rejected' || cur?.status === 'suspended' ? cur.rejectReason : null,
    } satisfies Partial<Employer>);
  }

  private sameSubmission(cur: Employer, body: EmployerOnboardBody): boolean {
    if (cur.status === 'rejected' || cur.status === 'suspended') return false; // a re-submission: back to the queue
    return cur.kind === body.kind && cur.name === body.name && (cur.creditCode ?? null) === (body.creditCode ?? null) && cur.contactName === body.contactName
      && cur.address === body.address && cur.commitment === body.commitment && this.deps.pii.decrypt(cur.contactPhoneEnc) === body.contactPhone;
  }

  /** Staff list: names of the 经办人 masked (opening the full record is the workbench's audited view). */
  async queue(actor: StaffActor) {
    const today = toChinaDateString(this.now());
    const items = await this.Employer.find({ status: { $in: ['pending', 'commitment'] }, ...scopeFilter(actor) }).sort({ reviewDeadline: 1, submittedAt: 1 }).limit(200).lean<Employer[]>();
    return {
      items: items.map((e) => {
        const v = this.view(e);
        return {
          ...v, contactName: maskName(v.contactName), name: e.kind === 'household' ? maskName(v.name) : v.name,
          commitmentRecord: v.commitmentRecord ? { ...v.commitmentRecord, contactName: maskName(v.commitmentRecord.contactName) } : null,
          overdue: e.reviewDeadline < today, contentHoldText: e.reviewedAt ? null : contentHoldText(e.contentHold, EMPLOYER_TEXT_FIELDS),
        };
      }),
    };
  }

  private async staffName(staffId: string): Promise<string | null> {
    const u = await this.users.findById(staffId).select({ displayName: 1 }).lean().catch(() => null);
    return (u as { displayName?: string | null } | null)?.displayName ?? null;
  }

  /**
   * Staff decision on a submission, under `employer:<id>`: one decision per submission (a second
   * one, or a parallel one, is 409). Approving a 承诺制 employer records which staff member confirmed
   * the commitment; rejecting closes its open gigs and tells their applicants why (after the change).
   */
  async review(staffId: string, id: string, body: StaffReviewBody) {
    const staffName = await this.staffName(staffId);
    return this.consistency.atomically(employerKey(id), async (tx) => {
      const cur = await this.Employer.findById(id).lean<Employer>();
      if (!cur) throw notFound('用人单位不存在');
      if (cur.status !== 'pending' && cur.status !== 'commitment') throw conflict('这个用人单位已经审核过了', 'ALREADY_REVIEWED');
      const now = this.now();
      const approve = body.decision === 'approve';
      const set: Partial<Employer> = {
        status: approve ? 'verified' : 'rejected', reviewedAt: now, reviewedBy: staffId as unknown as Employer['reviewedBy'],
        rejectReason: approve ? null : body.reason ?? null, commitmentBarred: !approve,
      };
      if (cur.commitmentRecord) {
        set.commitmentRecord = { ...cur.commitmentRecord, confirmedBy: staffId as unknown as CommitmentRecord['confirmedBy'], confirmedByName: staffName, confirmedAt: now };
      }
      await tx.write(this.Employer, cur._id, cur.rev, { $set: set });
      const doc = { ...cur, ...set } as Employer;
      tx.after(() => this.deps.notifier.notify(doc.userId.toString(), approve
        ? { kind: 'employer.verified', title: '用人单位审核通过', body: `${doc.name} 已通过审核，发布的零工会立即上架。`, page: '/packages/employer/pages/index/index', dedupeKey: `employer-decision:${doc._id.toString()}:${cur.rev + 1}` }
        : { kind: 'employer.rejected', title: '用人单位审核未通过', body: `原因：${body.reason}。修改后可重新提交，经办人员会重新审核。`, page: '/packages/employer/pages/index/index', dedupeKey: `employer-decision:${doc._id.toString()}:${cur.rev + 1}` }));
      if (!approve) this.afterBlocked(tx, { employerId: doc._id.toString(), status: 'rejected', reason: body.reason ?? '' });
      return this.view(doc);
    });
  }

  /**
   * Staff suspend an employer (any status but already suspended), under `employer:<id>`: it can no
   * longer post, its open gigs close and their applicants are told why. A re-submission goes back to
   * the review queue.
   */
  async suspend(staffId: string, id: string, reason: string) {
    return this.consistency.atomically(employerKey(id), async (tx) => {
      const cur = await this.Employer.findById(id).lean<Employer>();
      if (!cur) throw notFound('用人单位不存在');
      if (cur.status === 'suspended') throw conflict('这个用人单位已经暂停发布了', 'ALREADY_SUSPENDED');
      const set: Partial<Employer> = {
        status: 'suspended', reviewedAt: this.now(), reviewedBy: staffId as unknown as Employer['reviewedBy'], rejectReason: reason, commitmentBarred: true,
      };
      await tx.write(this.Employer, cur._id, cur.rev, { $set: set });
      const doc = { ...cur, ...set } as Employer;
      tx.after(() => this.deps.notifier.notify(doc.userId.toString(), {
        kind: 'employer.suspended', title: '用人单位已被暂停发布', body: `原因：${reason}。在招的零工已下架；如有异议，请联系服务中心，修改登记信息后可重新提交审核。`,
        page: '/packages/employer/pages/index/index', dedupeKey: `employer-decision:${doc._id.toString()}:${cur.rev + 1}`,
      }));
      this.afterBlocked(tx, { employerId: doc._id.toString(), status: 'suspended', reason });
      return this.view(doc);
    });
  }

  private afterBlocked(tx: Tx, block: EmployerBlock) {
    for (const fn of this.blockListeners) tx.after(() => fn(block));
  }

  /** A worker's rating of the employer, counted once: called after the rating is stored on its application. */
  async addRating(employerId: string, stars: number) {
    await this.consistency.atomically(employerKey(employerId), async (tx) => {
      const cur = await this.Employer.findById(employerId).select({ rev: 1 }).lean<Employer>();
      if (!cur) return;
      await tx.write(this.Employer, cur._id, cur.rev, { $inc: { ratingSum: stars, ratingCount: 1 } });
    });
  }

  /**
   * Charges one posting against the employer's daily cap inside `employer:<id>` (the caller's section):
   * false when today's cap is reached.
   */
  async chargePosting(tx: Tx, e: Employer, cap: number): Promise<boolean> {
    const today = toChinaDateString(this.now());
    const count = e.postDay === today ? e.postCount ?? 0 : 0;
    if (count >= cap) return false;
    await tx.write(this.Employer, e._id, e.rev, { $set: { postDay: today, postCount: count + 1 } });
    return true;
  }
}

export function canPublishAtOnce(e: Pick<Employer, 'status'>): boolean {
  return e.status === 'verified' || e.status === 'commitment';
}
