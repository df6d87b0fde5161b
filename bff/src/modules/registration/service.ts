import crypto from 'node:crypto';
import { Types, type Connection, type Model } from 'mongoose';
import type { Logger } from 'pino';
import QRCode from 'qrcode';
import {
  ELIGIBILITY_ID_CONSENT, REGISTRATION_COMMITMENT, REGISTRATION_STATUS_LABELS, SENSITIVE_CONSENT, addWorkdays, centerByName, centerForDistrict, checkEligibility, classify,
  followUpIntervalDays, identityFacts, maskIdNumber, maskName, profileCompleteness, servicePackages, toChinaDateString,
  validateIdDocument, workdaysBetween, SERVICE_CENTERS,
  type EligibilityBody, type RegistrationForm, type RegistrationStatus, type RegistrationView,
} from '@doorstep/shared';
import { Consistency, type Tx } from '../../db/consistency';
import { badRequest, conflict, notFound } from '../../http/errors';
import { safeEqual, type Pii } from '../../security/pii';
import { byStaff, type AuditService } from '../audit/service';
import { separateConsent } from '../privacy/consent';
import { centerFilter, type StaffActor } from '../staff/actor';
import { authModels } from '../auth/model';
import type { CalendarService } from '../calendar/service';
import type { Notifier } from '../notifications/service';
import { registrationModel, type Registration } from './model';
import { isDuplicateKey } from '../../db/errors';

/** A registration as stored (name, hardships and ID number sealed). */
type Raw = Registration & { _id: Types.ObjectId };
/** A registration as the service works with it: form.realName and form.hardships opened. */
type Doc = Raw;
/** Active (approved) or pending registrations of the same ID number under another account. */
export interface IdConflict { kind: 'active' | 'pending'; blocksApproval: boolean; message: string; otherRef: string; otherCenter: string }
const OPEN: RegistrationStatus[] = ['draft', 'submitted', 'under_review', 'returned', 'approved'];
const EVENT_LABELS: Record<string, string> = {
  created: '开始填写', submitted: '已提交，等待经办', resubmitted: '修改后重新提交', review_started: '经办人员开始审核', approved: '登记通过', returned: '退回修改',
  rejected: '不予登记', exited: '本人申请退出', closed: '经办人员办结（已就业）',
};
const WORKER_PAGE = '/packages/worker/pages/registration/index';

export interface RegistrationDeps {
  conn: Connection;
  pii: Pii;
  audit: AuditService;
  calendar: CalendarService;
  notifier: Notifier;
  verifyBaseUrl: string;
  now?: () => number;
  logger?: Logger;
  /**
   * Called after a person's registration facts changed (approval, exit) and the change is stored —
   * outside the registration's critical section; policies subscribe (政策找人).
   */
  onFactsChanged?: (userId: string, reg: Doc) => Promise<void>;
  /** Called after a registration ended (exit or staff close) and the change is stored; the 失业保险金 claim stops. */
  onExited?: (reg: Doc) => Promise<void>;
}

const ACTIVE_CONFLICT = '该证件号已有有效登记（另一账号）';
const PENDING_CONFLICT = '该证件号另有一份正在办理的登记（另一账号）';

export class RegistrationService {
  readonly Registration: Model<Registration>;
  private readonly c: Consistency;
  private readonly now: () => number;
  private readonly users;

  constructor(private readonly deps: RegistrationDeps) {
    this.Registration = registrationModel(deps.conn);
    this.c = new Consistency(deps.conn, {
      onEffectError: (err, key) => deps.logger?.warn({ err: (err as Error).message, key }, 'registration after-effect failed'),
    });
    this.now = deps.now ?? Date.now;
    this.users = authModels(deps.conn).User;
  }

  private today(): Date { return new Date(this.now()); }

  // ---- worker ----------------------------------------------------------------------------------

  /**
   * The ID number is used for this one calculation and never stored, so nothing about the consent is
   * recorded either; an ID number still comes only with a consent to ELIGIBILITY_ID_CONSENT.
   */
  eligibility({ sensitiveConsentVersion, ...body }: EligibilityBody) {
    const carried = body.idNumber !== undefined ? [{ field: 'idNumber', message: '填写证件号码做资格自查前，请先同意使用你的证件号码（只计算，不保存）' }] : [];
    separateConsent(ELIGIBILITY_ID_CONSENT, sensitiveConsentVersion, null, carried, this.today());
    const { issues: _issues, ...result } = checkEligibility(body, this.today());
    return result;
  }

  async current(userId: string): Promise<RegistrationView | null> {
    const reg = (await this.load({ openFor: userId })) ?? (await this.latestOf(userId));
    return reg ? await this.view(reg) : null;
  }

  /**
   * Draft and submission are per person: `reg-user:<uid>` serialises them (no registration id exists
   * before the first save). Every change to an existing registration then runs under its one key,
   * `reg:<id>`, the same key the worker's exit and every staff action use.
   */
  /**
   * The separate consent to 敏感个人信息 (个人信息保护法 第二十九条) at the point of collection: a draft
   * carrying the ID number or any hardship needs a consent to the current SENSITIVE_CONSENT version,
   * given with this request or recorded on the registration before. Returns the consent to store.
   */
  private sensitiveConsentFor(input: RegistrationForm, given: string | undefined, recorded: Registration['sensitiveConsent']): { version: string; at: Date } | null {
    if (given !== undefined && given !== SENSITIVE_CONSENT.version) {
      throw badRequest('敏感个人信息处理说明已更新，请重新阅读后同意', [{ field: 'sensitiveConsentVersion', message: '同意书版本已更新' }], 'SENSITIVE_CONSENT_OUTDATED');
    }
    if (given) return { version: given, at: this.today() };
    const current = recorded && recorded.version === SENSITIVE_CONSENT.version ? recorded : null;
    if (current) return current;
    const carried = [
      input.idNumber !== undefined ? { field: 'form.idNumber', message: '填写证件号码前，请先同意处理你的敏感个人信息（证件号码、就业困难情形）' } : null,
      input.hardships?.length ? { field: 'form.hardships', message: '勾选就业困难情形前，请先同意处理你的敏感个人信息（证件号码、就业困难情形）' } : null,
    ].filter((x): x is { field: string; message: string } => x !== null);
    if (carried.length) throw badRequest(carried[0]!.message, carried, 'SENSITIVE_CONSENT_REQUIRED');
    return recorded ?? null;
  }

  async saveDraft(userId: string, input: RegistrationForm, consentVersion?: string): Promise<RegistrationView> {
    return this.c.atomically(`reg-user:${userId}`, async () => {
      const open = await this.Registration.findOne({ openFor: userId }).select({ _id: 1 }).lean();
      if (!open) {
        const _id = new Types.ObjectId();
        const sensitiveConsent = this.sensitiveConsentFor(input, consentVersion, null);
        const { form, idFields } = this.splitIdentifier(_id.toString(), input, null);
        const created = await this.Registration.create({
          _id, userId, status: 'draft', ...this.seal(_id.toString(), form), ...idFields, sensitiveConsent, openFor: userId, timeline: [{ type: 'created', at: this.today(), by: null, reason: null }],
        });
        return this.view(this.open(created.toObject() as Raw));
      }
      return this.c.atomically(`reg:${open._id.toString()}`, async (tx) => {
        const existing = await this.load({ _id: open._id, openFor: userId });
        if (!existing) throw conflict('登记状态刚刚变化，请刷新后再试', 'STATE_CHANGED');
        if (!['draft', 'returned'].includes(existing.status)) throw conflict('登记已提交，办理期间不能修改；如需更正请联系服务中心', 'NOT_EDITABLE');
        const id = existing._id.toString();
        const sensitiveConsent = this.sensitiveConsentFor(input, consentVersion, existing.sensitiveConsent);
        const { form, idFields } = this.splitIdentifier(id, input, existing);
        const merged = { ...existing.form, ...form };
        await tx.write(this.Registration, existing._id, existing.rev, { $set: { ...this.seal(id, merged), ...idFields, sensitiveConsent } });
        return this.view({ ...existing, form: merged, ...idFields, sensitiveConsent } as Doc);
      });
    });
  }

  async submit(userId: string, body: { commitmentVersion: string; idempotencyKey: string }): Promise<RegistrationView> {
    return this.c.atomically(`reg-user:${userId}`, async () => {
      const open = await this.Registration.findOne({ openFor: userId }).select({ _id: 1 }).lean();
      if (!open) throw badRequest('请先填写失业登记表', undefined, 'NO_DRAFT');
      return this.c.atomically(`reg:${open._id.toString()}`, async (tx) => {
        const reg = await this.load({ _id: open._id, openFor: userId });
        if (!reg) throw conflict('登记状态刚刚变化，请刷新后再试', 'STATE_CHANGED');
        if (reg.submitKeys.includes(body.idempotencyKey)) return this.view(reg); // a retry of the same tap
        if (!['draft', 'returned'].includes(reg.status)) throw conflict('登记已经提交，请勿重复提交', 'ALREADY_SUBMITTED');
        if (body.commitmentVersion !== REGISTRATION_COMMITMENT.version) throw badRequest('书面承诺内容已更新，请重新阅读后确认', [{ field: 'commitmentVersion', message: '承诺版本已更新' }], 'COMMITMENT_OUTDATED');
        const missing = this.missingFields(reg);
        if (missing.length) throw badRequest(`还有 ${missing.length} 项没有填好：${missing[0]!.message}`, missing, 'INCOMPLETE');
        const idNumber = this.idNumberOf(reg)!;
        const facts = identityFacts({ idType: reg.form.idType, idNumber, birthDate: reg.form.birthDate, sex: reg.form.sex }, this.today());
        const elig = checkEligibility({ idType: reg.form.idType!, idNumber, birthDate: facts.birthDate ?? undefined, sex: facts.sex ?? undefined, retirementCategory: reg.form.retirementCategory, ableToWork: reg.form.ableToWork!, wantsWork: reg.form.wantsWork!, currentlyEmployed: reg.form.currentlyEmployed! }, this.today());
        if (!elig.eligible) throw badRequest(`不符合失业登记条件：${elig.reasons[0]}`, elig.issues.map((i) => ({ field: `form.${i.field}`, message: i.message })), 'NOT_ELIGIBLE');
        const center = centerForDistrict(reg.form.residenceDistrict!);
        if (!center) throw badRequest('常住地不在本市服务范围内', [{ field: 'form.residenceDistrict', message: '不在服务范围内' }]);
        const now = this.today();
        const cal = await this.deps.calendar.get();
        const dueDate = addWorkdays(now, 7, cal);
        const c = this.classifyReg(reg, facts);
        const resubmit = reg.status === 'returned';
        // No uniqueness of the person here: whether this ID number already has an active registration
        // elsewhere is answered to staff at approval (detail → idConflicts), never to the submitter.
        await tx.write(this.Registration, reg._id, reg.rev, {
          $set: {
            status: 'submitted', district: reg.form.residenceDistrict, centerCode: center.code,
            commitment: { version: body.commitmentVersion, acceptedAt: now }, submittedAt: now, dueDate, returnReason: null,
            classification: { category: c.category, level: c.level },
          },
          $push: { submitKeys: body.idempotencyKey, timeline: { type: resubmit ? 'resubmitted' : 'submitted', at: now, by: null, reason: null } },
        });
        const updated = (await this.load({ _id: reg._id }))!;
        tx.after(() => this.notify(updated, resubmit ? 'resubmitted' : 'submitted', `失业登记已提交，承诺在 ${dueDate} 前办结`));
        return this.view(updated);
      });
    });
  }

  async exit(userId: string, body: { reason: 'employed' | 'cancel'; employer?: string; employedOn?: string; note?: string }): Promise<RegistrationView> {
    if (body.employedOn && body.employedOn > toChinaDateString(this.today())) throw badRequest('就业日期不能晚于今天', [{ field: 'employedOn', message: '就业日期不能晚于今天' }]);
    const open = await this.Registration.findOne({ openFor: userId }).select({ _id: 1 }).lean();
    if (!open) throw notFound('没有可以退出的失业登记');
    return this.c.atomically(`reg:${open._id.toString()}`, async (tx) => {
      const reg = await this.load({ _id: open._id });
      if (!reg || reg.userId.toString() !== userId) throw notFound('没有可以退出的失业登记');
      if (!OPEN.includes(reg.status)) throw conflict(`登记当前状态为「${REGISTRATION_STATUS_LABELS[reg.status]}」，不能退出`, 'INVALID_STATE');
      const reg2 = await this.finishExit(tx, reg, { reason: body.reason, employer: body.employer ?? null, employedOn: body.employedOn ?? null, note: body.note ?? null, by: userId }, 'exited');
      return this.view(reg2);
    });
  }

  async record(userId: string) {
    const raw = (await this.Registration.findOne({ userId, recordNo: { $exists: true } }).sort({ approvedAt: -1 }).lean()) as Raw | null;
    const reg = raw ? this.open(raw) : null;
    if (!reg || !reg.recordNo) throw notFound('登记通过后才有电子登记凭证');
    const verifyUrl = `${this.deps.verifyBaseUrl.replace(/\/$/, '')}/api/public/registration-verify/${this.verifyCode(reg.recordNo)}`;
    const qrDataUrl = await QRCode.toDataURL(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
    return {
      recordNo: reg.recordNo, nameMasked: maskName(reg.form.realName ?? ''), idNumberMasked: reg.idNumberEnc ? maskIdNumber(this.idNumberOf(reg)!) : '',
      registeredOn: toChinaDateString(reg.approvedAt!), center: this.centerName(reg.centerCode), status: (reg.status === 'approved' ? 'valid' : 'exited') as 'valid' | 'exited', verifyUrl, qrDataUrl,
    };
  }

  async verify(code: string) {
    const recordNo = code.split('.')[0] ?? '';
    // The QR carries a MAC so record numbers cannot be enumerated through this public endpoint.
    if (!/^\d{20}$/.test(recordNo) || !safeEqual(code, this.verifyCode(recordNo))) throw notFound('登记凭证不存在或二维码无效');
    const reg = await this.load({ recordNo });
    if (!reg) throw notFound('登记凭证不存在或二维码无效');
    return {
      valid: reg.status === 'approved', recordNo, nameMasked: maskName(reg.form.realName ?? ''), registeredOn: toChinaDateString(reg.approvedAt!),
      exitedOn: reg.exit ? toChinaDateString(reg.exit.at) : null, center: this.centerName(reg.centerCode),
    };
  }

  async profile(userId: string) {
    const reg = (await this.load({ openFor: userId })) ?? (await this.latestOf(userId));
    if (!reg) throw notFound('还没有失业登记信息');
    const facts = this.factsOf(reg);
    const c = this.classifyReg(reg, facts);
    const form = this.formWithId(reg);
    return { ...profileCompleteness(form), classification: { category: c.category, level: c.level, levelLabel: c.levelLabel, reasons: c.reasons }, servicePackages: servicePackages(c, form), nextFollowUp: reg.nextFollowUpOn };
  }

  // ---- staff -------------------------------------------------------------------------------

  async queue(actor: StaffActor, q: { status?: string; district?: string }) {
    const scope = centerFilter(actor);
    const statuses = !q.status || q.status === 'pending' ? ['submitted', 'under_review'] : [q.status];
    const filter: Record<string, unknown> = { ...scope, status: { $in: statuses } };
    if (q.district) filter.district = q.district;
    const rows = ((await this.Registration.find(filter).sort({ dueDate: 1, submittedAt: 1 }).limit(500).lean()) as Raw[]).map((r) => this.open(r));
    const today = toChinaDateString(this.today());
    const cal = await this.deps.calendar.get();
    const items = rows.map((r) => {
      const pending = r.status === 'submitted' || r.status === 'under_review';
      const overdue = pending && !!r.dueDate && r.dueDate < today;
      return {
        id: r._id.toString(), nameMasked: maskName(r.form.realName ?? ''), idNumberMasked: r.idNumberEnc ? maskIdNumber(this.idNumberOf(r)!) : '',
        district: r.district ?? '', status: r.status, statusLabel: REGISTRATION_STATUS_LABELS[r.status], submittedAt: r.submittedAt?.toISOString() ?? null,
        dueDate: r.dueDate, overdue, workdaysLeft: pending && r.dueDate ? (r.dueDate >= today ? workdaysBetween(today, r.dueDate, cal) : -workdaysBetween(r.dueDate, today, cal)) : null,
        category: r.classification?.category ?? '', level: r.classification?.level ?? 'C',
      };
    });
    // Overdue first, then soonest deadline.
    items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? '9').localeCompare(b.dueDate ?? '9'));
    const grouped = await this.Registration.aggregate<{ _id: string; n: number }>([{ $match: scope }, { $group: { _id: '$status', n: { $sum: 1 } } }]);
    const counts: Record<string, number> = Object.fromEntries(grouped.map((g) => [g._id, g.n]));
    counts.pending = (counts.submitted ?? 0) + (counts.under_review ?? 0);
    return { items, counts };
  }

  private async staffDoc(actor: StaffActor, id: string): Promise<{ reg: Doc }> {
    const reg = await this.load({ _id: id, ...centerFilter(actor) });
    // Another center's registration answers exactly like a missing one.
    if (!reg) throw notFound('找不到这条失业登记');
    return { reg };
  }

  async detail(actor: StaffActor, id: string) {
    const { reg } = await this.staffDoc(actor, id);
    await this.deps.audit.record({ ...byStaff(actor), action: 'view_pii', subjectType: 'registration', subjectId: id });
    const owner = await this.users.findById(reg.userId).select({ phoneEnc: 1 }).lean();
    const facts = this.factsOf(reg);
    const c = this.classifyReg(reg, facts);
    return {
      registration: await this.view(reg),
      identity: { realName: reg.form.realName ?? null, idType: reg.form.idType ?? null, idNumber: this.idNumberOf(reg), phone: owner?.phoneEnc ? this.deps.pii.decrypt(owner.phoneEnc) : null },
      idConflicts: await this.idConflicts(reg),
      classification: { category: c.category, level: c.level, levelLabel: c.levelLabel, reasons: c.reasons },
      followUps: reg.followUps.map((f) => ({ at: new Date(f.at).toISOString(), channel: f.channel, outcome: f.outcome, note: f.note, nextDate: f.nextDate, by: f.byName ?? '' })),
      nextFollowUp: reg.nextFollowUpOn,
    };
  }

  /**
   * Other registrations of the same person (ID blind index) under another account: an approved one
   * blocks approval of this one until staff resolve it; a pending one is shown so staff check who is who.
   */
  async idConflicts(reg: Doc): Promise<IdConflict[]> {
    if (!reg.idHash) return [];
    const others = (await this.Registration.find({ idHash: reg.idHash, _id: { $ne: reg._id }, status: { $in: ['submitted', 'under_review', 'approved'] } })
      .select({ status: 1, recordNo: 1, centerCode: 1, activeIdHash: 1 }).limit(20).lean()) as Raw[];
    return others.map((o) => {
      const active = o.status === 'approved' || !!o.activeIdHash;
      const ref = active && o.recordNo ? `登记编号 ${o.recordNo.slice(0, 6)}**********${o.recordNo.slice(-4)}` : `办理编号 ****${o._id.toString().slice(-6)}`;
      return { kind: active ? 'active' : 'pending', blocksApproval: active, message: active ? ACTIVE_CONFLICT : PENDING_CONFLICT, otherRef: ref, otherCenter: this.centerName(o.centerCode) || '（未分配）' };
    });
  }

  /** Staff decisions, keyed by the registration (`reg:<id>`) like the worker's own exit: one order of events. */
  async decide(actor: StaffActor, id: string, body: { decision: 'start_review' | 'approve' | 'return' | 'reject'; reason?: string }): Promise<RegistrationView> {
    const staffId = actor.id;
    await this.staffDoc(actor, id);
    return this.c.atomically(`reg:${id}`, async (tx) => {
      const reg = (await this.load({ _id: id }))!;
      const allowed: Record<string, RegistrationStatus[]> = { start_review: ['submitted'], approve: ['submitted', 'under_review'], return: ['submitted', 'under_review'], reject: ['submitted', 'under_review'] };
      if (!allowed[body.decision]!.includes(reg.status)) throw conflict(`当前状态「${REGISTRATION_STATUS_LABELS[reg.status]}」不能进行这项操作`, 'INVALID_STATE');
      const now = this.today();
      const reason = body.reason ?? null;
      const set: Record<string, unknown> = {};
      const unset: Record<string, 1> = {};
      let event: string;
      let claimed = false;
      if (body.decision === 'start_review') { set.status = 'under_review'; event = 'review_started'; }
      else if (body.decision === 'approve') {
        if ((await this.idConflicts(reg)).some((x) => x.blocksApproval)) throw this.activeConflict();
        // One active registration per person, exact under parallel approvals of two accounts' records:
        // the unique activeIdHash index decides; the loser writes nothing else.
        try {
          await this.Registration.updateOne({ _id: reg._id }, { $set: { activeIdHash: reg.idHash } });
        } catch (err) {
          if (isDuplicateKey(err)) throw this.activeConflict();
          throw err;
        }
        claimed = true;
        set.status = 'approved'; set.approvedAt = now; set.recordNo = await this.newRecordNo(reg); event = 'approved';
        const c = this.classifyReg(reg, this.factsOf(reg));
        set.nextFollowUpOn = this.addDays(now, followUpIntervalDays(c).days);
      } else if (body.decision === 'return') { set.status = 'returned'; set.returnReason = reason; event = 'returned'; }
      else { set.status = 'rejected'; set.rejectReason = reason; unset.openFor = 1; unset.activeIdHash = 1; event = 'rejected'; }
      try {
        await tx.write(this.Registration, reg._id, reg.rev, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}), $push: { timeline: { type: event, at: now, by: staffId, reason } } });
      } catch (err) {
        if (claimed) await this.Registration.updateOne({ _id: reg._id, status: reg.status }, { $unset: { activeIdHash: 1 } });
        throw err;
      }
      await this.deps.audit.record({ ...byStaff(actor), action: body.decision, subjectType: 'registration', subjectId: id, reason });
      const updated = (await this.load({ _id: id }))!;
      const bodies: Record<string, string> = { review_started: '经办人员正在审核你的失业登记', approved: '失业登记已通过，可查看电子登记凭证', returned: `需要修改后重新提交：${reason}`, rejected: `未予登记：${reason}` };
      tx.after(() => this.notify(updated, event, bodies[event]!));
      if (event === 'approved') tx.after(() => this.deps.onFactsChanged?.(updated.userId.toString(), updated));
      return this.view(updated);
    });
  }

  private activeConflict() {
    return conflict(`${ACTIVE_CONFLICT}，请先核实身份并处理另一份登记后再通过`, 'ID_ALREADY_ACTIVE');
  }

  async staffClose(actor: StaffActor, id: string, body: { employer: string; employedOn: string; note?: string }): Promise<RegistrationView> {
    const staffId = actor.id;
    await this.staffDoc(actor, id);
    if (body.employedOn > toChinaDateString(this.today())) throw badRequest('就业日期不能晚于今天', [{ field: 'employedOn', message: '就业日期不能晚于今天' }]);
    const updated = await this.c.atomically(`reg:${id}`, async (tx) => {
      const fresh = (await this.load({ _id: id }))!;
      if (fresh.status !== 'approved') throw conflict('只有已登记的人员可以办结就业', 'INVALID_STATE');
      const done = await this.finishExit(tx, fresh, { reason: 'employed', employer: body.employer, employedOn: body.employedOn, note: body.note ?? null, by: staffId }, 'closed');
      await this.deps.audit.record({ ...byStaff(actor), action: 'close', subjectType: 'registration', subjectId: id, reason: `已就业：${body.employer}` });
      return done;
    });
    return this.view(updated);
  }

  async addFollowUp(actor: StaffActor, id: string, body: { channel: string; outcome: string; note?: string; nextDate?: string }) {
    const staffId = actor.id;
    await this.staffDoc(actor, id);
    const staff = { displayName: actor.name };
    return this.c.atomically(`reg:${id}`, async (tx) => {
      const reg = (await this.load({ _id: id }))!;
      if (reg.status !== 'approved') throw conflict('只有已登记的人员需要跟踪回访', 'INVALID_STATE');
      const c = this.classifyReg(reg, this.factsOf(reg));
      const rule = followUpIntervalDays(c);
      const today = this.today();
      const latest = this.addDays(today, rule.days);
      if (body.nextDate && (body.nextDate <= toChinaDateString(today) || body.nextDate > latest)) {
        throw badRequest(`下次回访日期应在今天之后、${latest} 之前（${rule.rule}）`, [{ field: 'nextDate', message: `应不晚于 ${latest}` }]);
      }
      const nextDate = body.nextDate ?? latest;
      // The same contact recorded again by the same staff member on the same day (a double tap, a retry
      // on a weak network) is one contact, not two.
      const last = reg.followUps?.[reg.followUps.length - 1] as unknown as { at?: Date; channel?: string; outcome?: string; note?: string | null; by?: unknown } | undefined;
      if (last && last.at && toChinaDateString(new Date(last.at)) === toChinaDateString(today) && String(last.by) === staffId && last.channel === body.channel && last.outcome === body.outcome && (last.note ?? null) === (body.note ?? null)) {
        return { ok: true as const };
      }
      await tx.write(this.Registration, reg._id, reg.rev, {
        $push: { followUps: { at: today, channel: body.channel, outcome: body.outcome, note: body.note ?? null, nextDate, by: staffId, byName: staff?.displayName ?? null } },
        $set: { nextFollowUpOn: nextDate },
      });
      await this.deps.audit.record({ ...byStaff(actor), action: 'follow_up', subjectType: 'registration', subjectId: id, reason: body.outcome });
      return { ok: true as const };
    });
  }

  async dueFollowUps(actor: StaffActor) {
    const today = toChinaDateString(this.today());
    const horizon = this.addDays(this.today(), 7);
    const rows = ((await this.Registration.find({ ...centerFilter(actor), status: 'approved', nextFollowUpOn: { $lte: horizon } }).sort({ nextFollowUpOn: 1 }).limit(500).lean()) as Raw[]).map((r) => this.open(r));
    return {
      items: rows.map((r) => ({
        registrationId: r._id.toString(), nameMasked: maskName(r.form.realName ?? ''), dueOn: r.nextFollowUpOn!, overdue: r.nextFollowUpOn! < today,
        rule: followUpIntervalDays(this.classifyReg(r, this.factsOf(r))).rule,
      })),
    };
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** The exit step of a registration, inside its `reg:<id>` section; notices and policy matching after it. */
  private async finishExit(tx: Tx, reg: Doc, exit: { reason: string; employer: string | null; employedOn: string | null; note: string | null; by: string }, event: 'exited' | 'closed'): Promise<Doc> {
    const now = this.today();
    await tx.write(this.Registration, reg._id, reg.rev, {
      $set: { status: 'exited', exit: { ...exit, at: now }, nextFollowUpOn: null },
      $unset: { openFor: 1, activeIdHash: 1 },
      $push: { timeline: { type: event, at: now, by: exit.by, reason: exit.reason === 'employed' ? `已就业：${exit.employer}（${exit.employedOn}）` : exit.note ?? '本人申请注销' } },
    });
    const updated = (await this.load({ _id: reg._id }))!;
    tx.after(() => this.notify(updated, event, exit.reason === 'employed' ? '失业登记已办结：祝贺你找到工作' : '失业登记已注销，需要时可以重新登记'));
    if (reg.status === 'approved') tx.after(() => this.deps.onFactsChanged?.(updated.userId.toString(), updated));
    tx.after(() => this.deps.onExited?.(updated));
    return updated;
  }

  // ---- sensitive fields at rest ------------------------------------------------------------

  private aad(id: string, field: 'idNumber' | 'realName' | 'hardships'): string {
    return `registrations/${id}/${field}`;
  }

  /** Opens a stored registration: real name and hardships decrypted into the form (legacy clear values kept). */
  private open(raw: Raw): Doc {
    const id = raw._id.toString();
    const form = { ...(raw.form ?? {}) };
    if (raw.realNameEnc) form.realName = this.deps.pii.decryptFor(raw.realNameEnc, this.aad(id, 'realName'));
    if (raw.hardshipsEnc) form.hardships = JSON.parse(this.deps.pii.decryptFor(raw.hardshipsEnc, this.aad(id, 'hardships'))) as RegistrationForm['hardships'];
    return { ...raw, rev: raw.rev ?? 0, form };
  }

  /** The stored shape of a form: name and hardships sealed to this record, the rest as is. */
  private seal(id: string, full: Omit<RegistrationForm, 'idNumber'>) {
    const { realName, hardships, ...form } = full;
    return {
      form,
      realNameEnc: realName ? this.deps.pii.encryptFor(realName, this.aad(id, 'realName')) : null,
      hardshipsEnc: hardships ? this.deps.pii.encryptFor(JSON.stringify(hardships), this.aad(id, 'hardships')) : null,
    };
  }

  private idNumberOf(reg: Raw): string | null {
    return reg.idNumberEnc ? this.deps.pii.decryptFor(reg.idNumberEnc, this.aad(reg._id.toString(), 'idNumber')) : null;
  }

  private async load(filter: Record<string, unknown>): Promise<Doc | null> {
    const raw = (await this.Registration.findOne(filter).lean()) as Raw | null;
    return raw ? this.open(raw) : null;
  }

  private async latestOf(userId: string): Promise<Doc | null> {
    const raw = (await this.Registration.findOne({ userId }).sort({ createdAt: -1 }).lean()) as Raw | null;
    return raw ? this.open(raw) : null;
  }

  /** Real name and ID number of a stored registration, for other modules' audited staff views (失业保险金). */
  identityOf(raw: Raw): { realName: string | null; idNumber: string | null } {
    const reg = this.open(raw);
    return { realName: reg.form.realName ?? null, idNumber: this.idNumberOf(reg) };
  }

  /** The masked name of a stored registration, for other modules' staff lists (e.g. the workbench). */
  maskedNameOf(raw: Pick<Raw, '_id' | 'form' | 'realNameEnc'>): string {
    const name = raw.realNameEnc ? this.deps.pii.decryptFor(raw.realNameEnc, this.aad(raw._id.toString(), 'realName')) : raw.form?.realName ?? '';
    return maskName(name);
  }

  private splitIdentifier(id: string, input: RegistrationForm, existing: Doc | null) {
    const { idNumber, ...form } = input;
    const idType = form.idType ?? existing?.form.idType;
    if (idNumber === undefined) {
      if (form.idType && existing?.idNumberEnc && form.idType !== existing.form.idType) {
        throw badRequest('更换证件类型后请重新填写证件号码', [{ field: 'form.idNumber', message: '请重新填写证件号码' }]);
      }
      return { form, idFields: {} };
    }
    if (!idType) throw badRequest('请先选择证件类型', [{ field: 'form.idType', message: '请先选择证件类型' }]);
    const r = validateIdDocument(idType, idNumber, this.today());
    if (!r.ok) throw badRequest(r.message, [{ field: 'form.idNumber', message: r.message }]);
    const derived = r.birthDate ? { birthDate: r.birthDate, sex: r.sex } : {};
    return { form: { ...form, ...derived }, idFields: { idNumberEnc: this.deps.pii.encryptFor(r.normalized, this.aad(id, 'idNumber')), idHash: this.deps.pii.blindIndex('idNumber', `${idType}:${r.normalized}`) } };
  }

  private missingFields(reg: Doc): { field: string; message: string }[] {
    const f = reg.form;
    const out: { field: string; message: string }[] = [];
    const need = (cond: boolean, field: string, message: string) => { if (cond) out.push({ field: `form.${field}`, message }); };
    need(!f.realName, 'realName', '请填写姓名');
    need(!f.idType, 'idType', '请选择证件类型');
    need(!reg.idNumberEnc, 'idNumber', '请填写证件号码');
    need(!f.birthDate, 'birthDate', '请填写出生日期');
    need(!f.sex, 'sex', '请选择性别');
    need(f.sex === 'female' && !f.retirementCategory, 'retirementCategory', '请选择岗位类别（用于计算退休年龄）');
    need(!f.residenceDistrict, 'residenceDistrict', '请选择常住地所在区');
    need(!f.residenceStreet, 'residenceStreet', '请选择常住地街道');
    need(!f.hukouPlace, 'hukouPlace', '请填写户籍地');
    need(!f.unemploymentReason, 'unemploymentReason', '请选择失业原因');
    const hadJob = f.unemploymentReason && !['graduate', 'veteran'].includes(f.unemploymentReason);
    need(!!hadJob && !f.lastJobEndDate, 'lastJobEndDate', '请填写原工作结束日期');
    need(!!f.lastJobEndDate && f.lastJobEndDate > toChinaDateString(this.today()), 'lastJobEndDate', '原工作结束日期不能晚于今天');
    need(!f.education, 'education', '请选择文化程度');
    need(f.ableToWork === undefined, 'ableToWork', '请选择是否有劳动能力');
    need(f.wantsWork === undefined, 'wantsWork', '请选择是否有就业要求');
    need(f.currentlyEmployed === undefined, 'currentlyEmployed', '请选择目前是否在职');
    need(f.claimUnemploymentInsurance === undefined, 'claimUnemploymentInsurance', '请选择是否同时申领失业保险金');
    return out;
  }

  private factsOf(reg: Doc) {
    return { birthDate: reg.form.birthDate ?? null, sex: reg.form.sex ?? null };
  }

  private classifyReg(reg: Doc, facts: { birthDate: string | null; sex: 'male' | 'female' | null }) {
    const since = reg.form.lastJobEndDate ?? (reg.submittedAt ? toChinaDateString(reg.submittedAt) : null);
    return classify({ form: this.formWithId(reg), birthDate: facts.birthDate, sex: facts.sex, unemployedSince: since, today: this.today() });
  }

  private formWithId(reg: Doc): RegistrationForm {
    return { ...reg.form, ...(reg.idNumberEnc ? { idNumber: '(encrypted)' } : {}) };
  }

  private async newRecordNo(reg: Doc): Promise<string> {
    const day = toChinaDateString(this.today()).replace(/-/g, '');
    for (;;) {
      const candidate = `${reg.district ?? '230100'}${day}${crypto.randomInt(0, 1_000_000).toString().padStart(6, '0')}`;
      if (!(await this.Registration.exists({ recordNo: candidate }))) return candidate;
    }
  }

  private verifyCode(recordNo: string): string {
    const mac = crypto.createHmac('sha256', this.deps.pii.blindIndex('other', 'registration-verify-key')).update(recordNo).digest('base64url').slice(0, 12);
    return `${recordNo}.${mac}`;
  }

  private centerName(code: string | null): string {
    return SERVICE_CENTERS.find((c) => c.code === code)?.name ?? '';
  }

  private addDays(d: Date, days: number): string {
    return toChinaDateString(new Date(d.getTime() + days * 86400_000));
  }

  private async notify(reg: Doc, event: string, body: string) {
    await this.deps.notifier.notify(reg.userId.toString(), {
      kind: `registration.${event}`, title: `失业登记：${EVENT_LABELS[event] ?? event}`, body, page: WORKER_PAGE,
      dedupeKey: `registration:${reg._id.toString()}:${event}:${reg.timeline.length}`,
    });
  }

  async view(reg: Doc): Promise<RegistrationView> {
    const cal = await this.deps.calendar.get();
    const today = toChinaDateString(this.today());
    const pending = reg.status === 'submitted' || reg.status === 'under_review';
    return {
      id: reg._id.toString(),
      status: reg.status,
      statusLabel: REGISTRATION_STATUS_LABELS[reg.status],
      form: reg.form,
      idNumberMasked: reg.idNumberEnc ? maskIdNumber(this.idNumberOf(reg)!) : null,
      center: reg.centerCode ? { code: reg.centerCode, name: this.centerName(reg.centerCode) } : null,
      submittedAt: reg.submittedAt ? new Date(reg.submittedAt).toISOString() : null,
      dueDate: reg.dueDate,
      dueWorkdaysLeft: pending && reg.dueDate ? (reg.dueDate >= today ? workdaysBetween(today, reg.dueDate, cal) : -workdaysBetween(reg.dueDate, today, cal)) : null,
      returnReason: reg.returnReason,
      rejectReason: reg.rejectReason,
      recordNo: reg.recordNo ?? null,
      approvedAt: reg.approvedAt ? new Date(reg.approvedAt).toISOString() : null,
      timeline: reg.timeline.map((e) => ({ type: e.type as never, at: new Date(e.at).toISOString(), label: EVENT_LABELS[e.type] ?? e.type, reason: e.reason })),
      missingFields: OPEN.includes(reg.status) && ['draft', 'returned'].includes(reg.status) ? this.missingFields(reg) : [],
      sensitiveConsent: reg.sensitiveConsent ? { version: reg.sensitiveConsent.version, at: new Date(reg.sensitiveConsent.at).toISOString() } : null,
    };
  }
}

