import type { Connection } from 'mongoose';
import { ACCOUNT_DELETION, REGISTRATION_STATUS_LABELS } from '@doorstep/shared';
import type { AuthUser } from '../../http/api';
import { AppError, conflict, forbidden, notFound } from '../../http/errors';
import { Consistency } from '../../db/consistency';
import type { Pii } from '../../security/pii';
import type { AuditService } from '../audit/service';
import { authModels } from '../auth/model';
import { employerKey } from '../employers/service';
import { employerModel } from '../employers/model';
import { gigKey, workerKey, type GigService } from '../gigs/service';
import { gigModels } from '../gigs/model';
import { notificationModel } from '../notifications/model';
import { policyModels } from '../policies/model';
import { registrationModel } from '../registration/model';

export interface DeletionBlocker { kind: 'registration' | 'policy_application' | 'gig_work' | 'gig_posting'; message: string }
export interface DeletionPreview { allowed: boolean; blockers: DeletionBlocker[]; recentLogin: boolean; recentLoginMinutes: number; erased: string[]; kept: string[] }
export interface DeletionResult {
  deleted: true;
  erased: { sessions: number; notifications: number; availability: number; withdrawnApplications: number; drafts: number; personFacts: number };
  kept: { registrations: number; policyApplications: number; gigApplications: number; reports: number };
}

const ERASED_CONTACT = '（已注销）';
const OPEN_REG = ['submitted', 'under_review', 'returned', 'approved'];

/**
 * 注销 (account deletion, 个人信息保护法 第四十七条). Under `user:<id>`:
 * - refused (409, with what to do) while something staff must close is open: a registration in
 *   progress or valid, a policy application under review, gig work already started, the person's own
 *   gigs still hiring;
 * - erased: phone, WeChat openid/unionid (the phone can sign up anew), every login (sessions and
 *   refresh tokens), notifications, availability and home location, person facts, the registration
 *   draft, SMS codes; applications to gigs not yet started are withdrawn (employer notified);
 * - kept, detached from the erased contact data: finished registrations (their detailed address
 *   erased) with their audit, decided policy applications, finished gig work with pay and ratings,
 *   reports, the employer's business record (its contact person erased); the user document stays as a
 *   tombstone (deletedAt) that these records point to.
 * One audit entry records the deletion (counts only).
 */
export class PrivacyService {
  private readonly c: Consistency;
  private readonly now: () => number;

  constructor(private readonly deps: { conn: Connection; pii: Pii; audit: AuditService; gigs: GigService; sessionsEnded: (userId: string) => void; now?: () => number }) {
    this.now = deps.now ?? Date.now;
    this.c = new Consistency(deps.conn, { now: this.now });
  }

  private get m() {
    const { conn } = this.deps;
    return { ...authModels(conn), Registration: registrationModel(conn), Employer: employerModel(conn), ...gigModels(conn), Notification: notificationModel(conn), ...policyModels(conn) };
  }

  private async recentLogin(auth: AuthUser): Promise<boolean> {
    if (!auth.sessionId) return false;
    const s = await this.m.Session.findById(auth.sessionId, { loginAt: 1, userId: 1, revokedAt: 1 }).lean();
    if (!s || s.revokedAt || String(s.userId) !== auth.id) return false;
    return this.now() - s.loginAt.getTime() <= ACCOUNT_DELETION.recentLoginMinutes * 60_000;
  }

  private async blockers(userId: string): Promise<DeletionBlocker[]> {
    const m = this.m;
    const out: DeletionBlocker[] = [];
    const reg = await m.Registration.findOne({ openFor: userId, status: { $in: OPEN_REG } }, { status: 1 }).lean();
    if (reg) {
      out.push({ kind: 'registration', message: `你的失业登记「${REGISTRATION_STATUS_LABELS[reg.status]}」，账号不能直接注销：请先在“失业登记”里办理退出，或联系服务中心经办人员办结后再注销。` });
    }
    const apps = await m.PolicyApplication.countDocuments({ userId, status: { $in: ['submitted', 'returned'] } });
    if (apps) out.push({ kind: 'policy_application', message: `你有 ${apps} 条政策申请正在办理，请等经办人员办结，或联系服务中心后再注销。` });
    const now = new Date(this.now());
    const work = await m.Application.find({ workerId: userId, status: { $in: ['accepted', 'checked_in'] } }, { gigId: 1, status: 1 }).lean();
    const started = work.length ? await m.Gig.find({ _id: { $in: work.map((a) => a.gigId) }, startAt: { $lte: now } }, { _id: 1 }).lean() : [];
    const startedIds = new Set(started.map((g) => String(g._id)));
    const busy = work.filter((a) => a.status === 'checked_in' || startedIds.has(String(a.gigId))).length;
    if (busy) out.push({ kind: 'gig_work', message: `你有 ${busy} 个已录用、已开工但还没完工的零工，请完工结算后再注销。` });
    const hiring = await m.Gig.countDocuments({ ownerId: userId, status: { $in: ['open', 'review'] } });
    if (hiring) out.push({ kind: 'gig_posting', message: `你发布的 ${hiring} 个零工还在招人，请先在“我要招人”里结束招工后再注销。` });
    return out;
  }

  async preview(auth: AuthUser): Promise<DeletionPreview> {
    const [blockers, recentLogin] = await Promise.all([this.blockers(auth.id), this.recentLogin(auth)]);
    return { allowed: blockers.length === 0, blockers, recentLogin, recentLoginMinutes: ACCOUNT_DELETION.recentLoginMinutes, erased: [...ACCOUNT_DELETION.erased], kept: [...ACCOUNT_DELETION.kept] };
  }

  async deleteAccount(auth: AuthUser): Promise<DeletionResult> {
    const userId = auth.id;
    const m = this.m;
    const result = await this.c.atomically(`user:${userId}`, async (tx) => {
      const user = await m.User.findById(userId).lean();
      if (!user || user.deletedAt) throw notFound('账号不存在或已注销');
      if (user.roles.includes('staff')) throw forbidden('经办人员账号不能自行注销，请由管理员停用（npm run user:disable）');
      if (!(await this.recentLogin(auth))) {
        throw new AppError(403, 'RECENT_LOGIN_REQUIRED', `为了确认是你本人，请退出后重新登录，并在 ${ACCOUNT_DELETION.recentLoginMinutes} 分钟内办理注销`);
      }
      const blockers = await this.blockers(userId);
      if (blockers.length) throw conflict(blockers[0]!.message, 'DELETION_BLOCKED');

      // Applications to gigs that have not started: withdrawn the usual way (under each gig's key; the employer hears of it).
      const pending = await m.Application.find({ workerId: userId, status: { $in: ['applied', 'accepted'] } }, { _id: 1, gigId: 1 }).lean();
      const liveGigs = pending.length ? await m.Gig.find({ _id: { $in: pending.map((a) => a.gigId) }, status: { $in: ['open', 'review'] }, startAt: { $gt: new Date(this.now()) } }, { _id: 1 }).lean() : [];
      const live = new Set(liveGigs.map((g) => String(g._id)));
      let withdrawn = 0;
      for (const a of pending) {
        if (!live.has(String(a.gigId))) continue;
        await this.deps.gigs.cancel(userId, String(a._id));
        withdrawn += 1;
      }

      // The registration draft goes; finished registrations stay as the record, without the detailed address.
      let drafts = 0;
      for (const r of await m.Registration.find({ userId }, { _id: 1, status: 1, rev: 1 }).lean()) {
        await this.c.atomically(`reg:${String(r._id)}`, async (rtx) => {
          if (r.status === 'draft') {
            await rtx.claim(r.rev ?? 0, r._id);
            await m.Registration.deleteOne({ _id: r._id, status: 'draft' });
            drafts += 1;
          } else {
            await rtx.write(m.Registration, r._id, r.rev, { $unset: { 'form.residenceAddress': '', openFor: '' } });
          }
        });
      }

      const worker = await m.WorkerProfile.findOne({ userId }, { _id: 1, rev: 1 }).lean();
      if (worker) {
        await this.c.atomically(workerKey(userId), async (wtx) => {
          await wtx.claim(worker.rev ?? 0, worker._id);
          await m.WorkerProfile.deleteOne({ _id: worker._id });
        });
      }

      // The employer's business record stays (gigs it posted refer to it); its contact person is erased.
      const employer = await m.Employer.findOne({ userId }).lean();
      const blankPhone = this.deps.pii.encrypt('');
      if (employer) {
        await this.c.atomically(employerKey(employer._id), async (etx) => {
          await etx.write(m.Employer, employer._id, employer.rev, { $set: { contactName: ERASED_CONTACT, contactPhoneEnc: blankPhone, commitmentRecord: employer.commitmentRecord ? { ...employer.commitmentRecord, contactName: ERASED_CONTACT } : null } });
        });
        for (const g of await m.Gig.find({ ownerId: userId }, { _id: 1, rev: 1 }).lean()) {
          await this.c.atomically(gigKey(g._id), async (gtx) => {
            await gtx.write(m.Gig, g._id, g.rev, { $set: { contactName: ERASED_CONTACT, contactPhoneEnc: blankPhone } });
          });
        }
      }

      const notifications = (await m.Notification.deleteMany({ userId })).deletedCount ?? 0;
      const personFacts = (await m.PersonFacts.deleteMany({ userId })).deletedCount ?? 0;
      if (user.phoneHash) {
        await m.SmsCode.deleteMany({ phoneHash: user.phoneHash });
        await this.deps.conn.collection('dev_sms_outbox').deleteMany({ phoneHash: user.phoneHash });
      }
      const sessions = (await m.Session.deleteMany({ userId })).deletedCount ?? 0;
      await m.RefreshToken.deleteMany({ userId });

      const at = new Date(this.now());
      await tx.write(m.User, user._id, user.rev, {
        $set: { deletedAt: at, disabledAt: at, displayName: null, activeRole: 'worker' },
        $unset: { phoneEnc: '', phoneHash: '', wechatOpenid: '', wechatUnionid: '' },
      });

      const kept = {
        registrations: await m.Registration.countDocuments({ userId }),
        policyApplications: await m.PolicyApplication.countDocuments({ userId }),
        gigApplications: await m.Application.countDocuments({ workerId: userId }),
        reports: await m.GigReport.countDocuments({ reporterId: userId }),
      };
      const erased = { sessions, notifications, availability: worker ? 1 : 0, withdrawnApplications: withdrawn, drafts, personFacts };
      await this.deps.audit.record({
        actorId: userId, actorName: null, center: null, action: 'account_delete', subjectType: 'user', subjectId: userId,
        reason: `本人注销账号；删除 登录 ${sessions}、消息 ${notifications}、撤回报名 ${withdrawn}、草稿 ${drafts}；保留 登记 ${kept.registrations}、政策申请 ${kept.policyApplications}、零工记录 ${kept.gigApplications}`,
      });
      tx.after(() => this.deps.sessionsEnded(userId));
      return { deleted: true as const, erased, kept };
    }, { leaseMs: 30_000, waitMs: 30_000 }); // rare and long (it walks every record of the person): repeats wait for it rather than answer 503
    return result;
  }
}
