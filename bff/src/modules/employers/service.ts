import type { Connection, Model } from 'mongoose';
import { addWorkdays, CHINA_HOLIDAY_CALENDAR, maskPhone, toChinaDateString, type EmployerOnboardBody, type EmployerView, type StaffReviewBody } from '@doorstep/shared';
import { conflict, notFound } from '../../http/errors';
import type { Pii } from '../../security/pii';
import type { Notifier } from '../notifications/service';
import { employerModel, type Employer } from './model';
import { isDuplicateKey } from '../../db/errors';

export const REVIEW_WORKDAYS = 3;

export function ratingOf(sum: number, count: number) {
  return { average: count ? Math.round((sum / count) * 10) / 10 : null, count };
}

/** Employer onboarding (企业 / 个体工商户 / 个人雇主) and the staff verification within 3 working days. */
export class EmployerService {
  readonly Employer: Model<Employer>;

  constructor(conn: Connection, private readonly deps: { pii: Pii; notifier: Notifier; now?: () => number }) {
    this.Employer = employerModel(conn);
  }

  private now(): Date { return new Date(this.deps.now?.() ?? Date.now()); }

  view(e: Employer): EmployerView {
    return {
      id: e._id.toString(), kind: e.kind, name: e.name, creditCode: e.creditCode, contactName: e.contactName,
      contactPhoneMasked: maskPhone(this.deps.pii.decrypt(e.contactPhoneEnc)), address: e.address, commitment: e.commitment,
      status: e.status, canPublishAtOnce: canPublishAtOnce(e), submittedAt: e.submittedAt.toISOString(), reviewDeadline: e.reviewDeadline,
      rejectReason: e.rejectReason, rating: ratingOf(e.ratingSum, e.ratingCount),
    };
  }

  findByUser(userId: string) { return this.Employer.findOne({ userId }).lean<Employer>(); }

  async mine(userId: string) {
    const e = await this.findByUser(userId);
    return { employer: e ? this.view(e) : null };
  }

  /**
   * Submit or resubmit. A verified employer that only changes contact details stays verified;
   * changing who the employer is (kind, name, code) sends it back to review.
   */
  async onboard(userId: string, body: EmployerOnboardBody) {
    const now = this.now();
    const existing = await this.findByUser(userId);
    const sameIdentity = existing && existing.kind === body.kind && existing.name === body.name && (existing.creditCode ?? null) === (body.creditCode ?? null);
    const keepVerified = existing?.status === 'verified' && sameIdentity && existing.commitment === body.commitment;
    const set: Partial<Employer> = {
      kind: body.kind, name: body.name, creditCode: body.creditCode ?? null, contactName: body.contactName,
      contactPhoneEnc: this.deps.pii.encrypt(body.contactPhone), address: body.address, commitment: body.commitment,
    };
    if (!keepVerified) {
      Object.assign(set, {
        status: body.commitment ? 'commitment' : 'pending', submittedAt: now,
        reviewDeadline: addWorkdays(now, REVIEW_WORKDAYS, CHINA_HOLIDAY_CALENDAR), reviewedAt: null, reviewedBy: null, rejectReason: null,
      });
    }
    // Upsert on the unique userId: two taps of 提交 make one employer.
    const doc = await this.Employer.findOneAndUpdate({ userId }, { $set: set }, { upsert: true, new: true, setDefaultsOnInsert: true }).lean<Employer>().catch(async (err) => {
      if (isDuplicateKey(err)) return this.Employer.findOneAndUpdate({ userId }, { $set: set }, { new: true }).lean<Employer>();
      throw err;
    });
    return { employer: this.view(doc!) };
  }

  async queue() {
    const today = toChinaDateString(this.now());
    const items = await this.Employer.find({ status: { $in: ['pending', 'commitment'] } }).sort({ reviewDeadline: 1, submittedAt: 1 }).limit(200).lean<Employer[]>();
    return { items: items.map((e) => ({ ...this.view(e), overdue: e.reviewDeadline < today })) };
  }

  /** Staff decision; the condition on status makes a second decision on the same submission a 409. */
  async review(staffId: string, id: string, body: StaffReviewBody) {
    const current = await this.Employer.findById(id).lean<Employer>();
    if (!current) throw notFound('用人单位不存在');
    const status = body.decision === 'approve' ? 'verified' : 'rejected';
    const doc = await this.Employer.findOneAndUpdate(
      { _id: id, status: { $in: ['pending', 'commitment'] } },
      { $set: { status, reviewedAt: this.now(), reviewedBy: staffId, rejectReason: body.decision === 'reject' ? body.reason : null } },
      { new: true },
    ).lean<Employer>();
    if (!doc) throw conflict('这个用人单位已经审核过了', 'ALREADY_REVIEWED');
    await this.deps.notifier.notify(doc.userId.toString(), status === 'verified'
      ? { kind: 'employer.verified', title: '用人单位审核通过', body: `${doc.name} 已通过审核，发布的零工会立即上架。`, page: '/packages/employer/pages/index/index' }
      : { kind: 'employer.rejected', title: '用人单位审核未通过', body: `原因：${body.reason}。修改后可重新提交。`, page: '/packages/employer/pages/index/index' });
    return this.view(doc);
  }
}

export function canPublishAtOnce(e: Pick<Employer, 'status'>): boolean {
  return e.status === 'verified' || e.status === 'commitment';
}
