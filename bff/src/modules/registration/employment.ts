import crypto from 'node:crypto';
import { Types, type Connection, type Model } from 'mongoose';
import { EMPLOYMENT_KIND_LABELS, exitReasonForEmployment, toChinaDateString, type EmploymentKind } from '@doorstep/shared';
import { Consistency } from '../../db/consistency';
import { badRequest, notFound } from '../../http/errors';
import type { Application } from '../gigs/model';
import type { EmployerService } from '../employers/service';
import type { Notifier } from '../notifications/service';
import { employmentModel, type Employment } from './employment-model';
import type { RegistrationService } from './service';

/** Applications in which the employer hired the worker (accepted and later). */
const HIRED = ['accepted', 'checked_in', 'completed'];

export interface EmploymentDeps {
  conn: Connection;
  registrations: RegistrationService;
  employers: EmployerService;
  applications: Model<Application>;
  notifier: Notifier;
  now?: () => number;
}

/**
 * 就业登记, by the worker or by the employer that hired them (a gig application it accepted, or the
 * worker's phone and ID number, both matched by blind index). Recording one closes the person's open
 * unemployment registration with the matching 第六十三条 reason, which stops the 失业保险金 claim
 * through the registration's onExited path. Per person under `reg-user:<uid>`, the same key as draft and
 * submission, so a registration cannot be filed and closed at once; one record per person, employer and
 * start date (unique dedupeKey) however often it is tapped.
 */
export class EmploymentService {
  readonly Employment: Model<Employment>;
  private readonly c: Consistency;
  private readonly now: () => number;

  private readonly listeners: ((e: { employmentId: string; userId: string; idHash: string | null }) => Promise<unknown>)[] = [];

  constructor(private readonly deps: EmploymentDeps) {
    this.Employment = employmentModel(deps.conn);
    this.c = new Consistency(deps.conn);
    this.now = deps.now ?? Date.now;
  }

  async recordByWorker(userId: string, body: { employerName: string; startDate: string; kind: EmploymentKind }) {
    this.checkDate(body.startDate);
    return this.record({ userId, employerName: body.employerName, employerId: null, applicationId: null, startDate: body.startDate, kind: body.kind, recordedBy: 'worker', recordedById: userId });
  }

  async recordByEmployer(employerUserId: string, body: { applicationId?: string; phone?: string; idNumber?: string; startDate: string; kind: EmploymentKind }) {
    this.checkDate(body.startDate);
    const employer = await this.deps.employers.findByUser(employerUserId);
    if (!employer) throw badRequest('请先完成用人单位信息登记', [{ field: 'employer', message: '还没有用人单位信息' }], 'NO_EMPLOYER');
    if (employer.status === 'rejected' || employer.status === 'suspended') throw badRequest('用人单位未通过审核或已被暂停，不能办理就业登记', [{ field: 'employer', message: '单位状态不允许' }], 'EMPLOYER_NOT_ACTIVE');
    let workerId: string;
    let applicationId: Types.ObjectId | null = null;
    if (body.applicationId) {
      const app = await this.deps.applications.findOne({ _id: body.applicationId, ownerId: employerUserId }).lean();
      if (!app) throw notFound('找不到这条零工报名');
      if (!HIRED.includes(app.status)) throw badRequest('只有已录用的报名可以办理就业登记', [{ field: 'applicationId', message: '这条报名还没有录用' }], 'NOT_HIRED');
      workerId = app.workerId.toString();
      applicationId = app._id;
    } else {
      const person = await this.deps.registrations.personByPhoneAndId(body.phone!, body.idNumber!);
      // Wrong phone, wrong ID number or nobody: one answer, so neither can be probed alone.
      if (!person) throw notFound('找不到手机号和证件号码都相符的劳动者（劳动者须用该手机号登录过并办理过失业登记）');
      workerId = person.userId;
    }
    const out = await this.record({ userId: workerId, employerName: employer.name, employerId: employer._id, applicationId, startDate: body.startDate, kind: body.kind, recordedBy: 'employer', recordedById: employerUserId });
    return { employment: out.employment, registration: null };
  }

  /** Called after a new 就业登记 is stored (households subscribe at app wiring; a failure is logged by the consistency after-effect). */
  onRecorded(fn: (e: { employmentId: string; userId: string; idHash: string | null }) => Promise<unknown>): void {
    this.listeners.push(fn);
  }

  /** 就业登记 of any of these blind-indexed ID numbers recorded at or after `since`, oldest first (the households reconcile). */
  async recordedSince(idHashes: string[], since: Date): Promise<{ id: Types.ObjectId; idHash: string }[]> {
    if (idHashes.length === 0) return [];
    const rows = (await this.Employment.find({ idHash: { $in: idHashes }, createdAt: { $gte: since } }).select({ idHash: 1 }).sort({ createdAt: 1 }).limit(10).lean()) as Employment[];
    return rows.filter((r) => r.idHash).map((r) => ({ id: r._id, idHash: r.idHash! }));
  }

  async mine(userId: string) {
    const rows = (await this.Employment.find({ userId }).sort({ startDate: -1, createdAt: -1 }).limit(50).lean()) as Employment[];
    return { items: await Promise.all(rows.map((r) => this.view(r, false))) };
  }

  async byEmployer(employerUserId: string) {
    const employer = await this.deps.employers.findByUser(employerUserId);
    if (!employer) return { items: [] };
    const rows = (await this.Employment.find({ employerId: employer._id }).sort({ createdAt: -1 }).limit(100).lean()) as Employment[];
    return { items: await Promise.all(rows.map((r) => this.view(r, true))) };
  }

  private checkDate(startDate: string) {
    if (startDate > toChinaDateString(new Date(this.now()))) throw badRequest('就业日期不能晚于今天', [{ field: 'startDate', message: '就业日期不能晚于今天' }]);
  }

  private async record(e: { userId: string; employerName: string; employerId: Types.ObjectId | null; applicationId: Types.ObjectId | null; startDate: string; kind: EmploymentKind; recordedBy: 'worker' | 'employer'; recordedById: string }) {
    const dedupeKey = crypto.createHash('sha256').update(`${e.userId}|${e.employerId?.toString() ?? e.employerName}|${e.startDate}`).digest('base64url');
    return this.c.atomically(`reg-user:${e.userId}`, async (tx) => {
      const dup = (await this.Employment.findOne({ dedupeKey }).lean()) as Employment | null;
      if (dup) return { employment: await this.view(dup, false), registration: await this.deps.registrations.current(e.userId) };
      const { result, registration } = await this.deps.registrations.closeForEmployment(e.userId, {
        employerName: e.employerName, startDate: e.startDate, kind: e.kind, byRole: e.recordedBy, by: e.recordedById, reason: exitReasonForEmployment(e.kind),
      }, async (closedId, idHash, employmentId) => (await this.Employment.create({
        _id: employmentId, userId: new Types.ObjectId(e.userId), idHash, employerName: e.employerName, employerId: e.employerId, applicationId: e.applicationId,
        startDate: e.startDate, kind: e.kind, recordedBy: e.recordedBy, recordedById: new Types.ObjectId(e.recordedById), dedupeKey, closedRegistrationId: closedId,
      })).toObject() as Employment);
      for (const fn of this.listeners) tx.after(() => fn({ employmentId: result._id.toString(), userId: e.userId, idHash: result.idHash ?? null }));
      if (e.recordedBy === 'employer') {
        tx.after(() => this.deps.notifier.notify(e.userId, {
          kind: 'employment.recorded', title: '就业登记', page: '/packages/worker-employment/pages/employment/index', dedupeKey: `employment:${result._id.toString()}`,
          body: `「${e.employerName}」为你办理了就业登记（${EMPLOYMENT_KIND_LABELS[e.kind]}，${e.startDate} 起）${result.closedRegistrationId ? '，失业登记随之办结' : ''}。如有异议请联系服务中心。`,
        }));
      }
      return { employment: await this.view(result, false), registration };
    });
  }

  private async view(r: Employment, withName: boolean) {
    return {
      id: r._id.toString(), employerName: r.employerName, startDate: r.startDate, kind: r.kind, kindLabel: EMPLOYMENT_KIND_LABELS[r.kind], recordedBy: r.recordedBy,
      recordedAt: new Date(r.createdAt).toISOString(), closedRegistrationId: r.closedRegistrationId ? r.closedRegistrationId.toString() : null,
      workerNameMasked: withName ? await this.deps.registrations.maskedNameOfUser(r.userId.toString()) : null,
    };
  }
}
