import crypto from 'node:crypto';
import { Types, type Connection, type Model } from 'mongoose';
import type { Logger } from 'pino';
import QRCode from 'qrcode';
import {
  ELIGIBILITY_ID_CONSENT, REGISTRATION_COMMITMENT, REGISTRATION_STATUS_LABELS, SENSITIVE_CONSENT, addWorkdays, centerForDistrict, checkEligibility, classify,
  ageOn, EDUCATION_LABELS, followUpIntervalDays, identityFacts, maskIdNumber, maskName, profileCompleteness, servicePackages, toChinaDateString,
  validateIdDocument, workdaysLeft, SERVICE_CENTERS,
  EMPLOYMENT_KIND_LABELS, EXIT_REASON_RULES, JOB_END_REASONS, exitReasonLabel, maskPhone, mayRecordExit, noContactCheck, registrationRetiresOn, stableIncomeProblem,
  type EligibilityBody, type EmploymentKind, type ExitReason, type RegistrationForm, type RegistrationStatus, type RegistrationView,
} from '@doorstep/shared';
import type { SmsProvider } from '../../integrations/sms';
import type { RateLimiter } from '../../http/rate-limit';
import { sees } from '../staff/actor';
import { employmentModel, type Employment } from './employment-model';
import { Consistency, type Tx } from '../../db/consistency';
import { AppError, badRequest, conflict, notFound } from '../../http/errors';
import { safeEqual, type Pii } from '../../security/pii';
import { byStaff, type AuditService } from '../audit/service';
import { separateConsent } from '../privacy/consent';
import { centerFilter, type StaffActor } from '../staff/actor';
import { authModels } from '../auth/model';
import type { CalendarService } from '../calendar/service';
import type { Notifier } from '../notifications/service';
import { registrationModel, type Exit, type Registration } from './model';
import { isDuplicateKey } from '../../db/errors';
import type { HandledCase } from '../ratings/case';
import { findByKeys } from '../../db/by-keys';

/** A registration as stored (name, hardships and ID number sealed). */
type Raw = Registration & { _id: Types.ObjectId };
/** A registration as the service works with it: form.realName and form.hardships opened. */
type Doc = Raw;
/** Active (approved) or pending registrations of the same ID number under another account. */
export interface IdConflict { kind: 'active' | 'pending'; blocksApproval: boolean; message: string; otherRef: string; otherCenter: string }
const OPEN: RegistrationStatus[] = ['draft', 'submitted', 'under_review', 'returned', 'approved'];
const EVENT_LABELS: Record<string, string> = {
  created: '开始填写', submitted: '已提交，等待经办', resubmitted: '修改后重新提交', review_started: '经办人员开始审核', approved: '登记通过', returned: '退回修改',
  rejected: '不予登记', exited: '本人申请退出', closed: '经办人员注销登记', counter_created: '窗口代办登记', claimed: '本人在手机上认领',
  auto_closed: '达到法定退休年龄，登记自动办结', employment_recorded: '就业登记，失业登记办结',
};
/** What an exit records: the 第六十三条 reason and its facts, and who recorded it (null: the system). */
export interface ExitInput {
  reason: ExitReason; employer: string | null; employedOn: string | null; note: string | null; by: string | null;
  byRole: 'worker' | 'staff' | 'employer' | 'system'; eventDate?: string | null; monthlyIncome?: number | null; employmentId?: Types.ObjectId | null;
}
export interface ExitBody { reason: ExitReason; employer?: string; employedOn?: string; monthlyIncome?: number; eventDate?: string; note?: string }
const CLOSABLE_AT_RETIREMENT: RegistrationStatus[] = ['submitted', 'under_review', 'returned', 'approved'];
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
  /** The claim SMS of a counter registration goes through the SMS provider. */
  sms?: SmsProvider;
  /** The monthly minimum wage (city setting) that 第六十三条（三）'s stable income is checked against. */
  minWageMonthly?: () => Promise<number>;
  /** Wrong ID numbers when claiming a counter registration are limited per account. */
  limiter?: RateLimiter;
  /**
   * The 就业困难人员 categories the account is recognised in today (就业援助 owns them; bound at app wiring so
   * this module does not depend on it). Only these make a registration 就业困难人员 in the classification.
   */
  recognisedFor?: (userId: string) => Promise<readonly string[]>;
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
        const c = await this.classifyReg(reg, facts);
        const resubmit = reg.status === 'returned';
        const reemployment = await this.reemploymentLink(userId, reg.idHash, reg.form, reg._id);
        // No uniqueness of the person here: whether this ID number already has an active registration
        // elsewhere is answered to staff at approval (detail → idConflicts), never to the submitter.
        await tx.write(this.Registration, reg._id, reg.rev, {
          $set: {
            status: 'submitted', district: reg.form.residenceDistrict, centerCode: center.code,
            commitment: { version: body.commitmentVersion, acceptedAt: now }, submittedAt: now, dueDate, returnReason: null,
            classification: { category: c.category, level: c.level }, retiresOn: registrationRetiresOn({ ...reg.form, birthDate: facts.birthDate, sex: facts.sex }), reemployment,
          },
          $push: { submitKeys: body.idempotencyKey, timeline: { type: resubmit ? 'resubmitted' : 'submitted', at: now, by: null, reason: null } },
        });
        const updated = (await this.load({ _id: reg._id }))!;
        tx.after(() => this.notify(updated, resubmit ? 'resubmitted' : 'submitted', `失业登记已提交，承诺在 ${dueDate} 前办结`));
        return this.view(updated);
      });
    });
  }

  async exit(userId: string, body: ExitBody): Promise<RegistrationView> {
    if (!mayRecordExit(body.reason, 'worker')) throw badRequest('这项注销原因须由经办人员核实后办理', [{ field: 'reason', message: '请到服务中心办理' }]);
    await this.checkExitFacts(body);
    const open = await this.Registration.findOne({ openFor: userId }).select({ _id: 1 }).lean();
    if (!open) throw notFound('没有可以退出的失业登记');
    return this.c.atomically(`reg:${open._id.toString()}`, async (tx) => {
      const reg = await this.load({ _id: open._id });
      if (!reg || reg.userId?.toString() !== userId) throw notFound('没有可以退出的失业登记');
      if (!OPEN.includes(reg.status)) throw conflict(`登记当前状态为「${REGISTRATION_STATUS_LABELS[reg.status]}」，不能退出`, 'INVALID_STATE');
      const reg2 = await this.finishExit(tx, reg, this.exitInput(body, userId, 'worker'), 'exited');
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
      registrationId: raw!._id.toString(), recordNo: reg.recordNo, nameMasked: maskName(reg.form.realName ?? ''), idNumberMasked: reg.idNumberEnc ? maskIdNumber(this.idNumberOf(reg)!) : '',
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
    const c = await this.classifyReg(reg, facts);
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
        dueDate: r.dueDate, overdue, workdaysLeft: pending && r.dueDate ? workdaysLeft(today, r.dueDate, cal) : null,
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
    const owner = reg.userId ? await this.users.findById(reg.userId).select({ phoneEnc: 1 }).lean() : reg.counter ? { phoneEnc: reg.counter.phoneEnc } : null;
    const facts = this.factsOf(reg);
    const c = await this.classifyReg(reg, facts);
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
        const c = await this.classifyReg(reg, this.factsOf(reg));
        set.classification = { category: c.category, level: c.level };
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
      if (event === 'approved') tx.after(async () => { if (updated.userId) await this.deps.onFactsChanged?.(updated.userId.toString(), updated); });
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
      const done = await this.finishExit(tx, fresh, { reason: 'employed', employer: body.employer, employedOn: body.employedOn, note: body.note ?? null, by: staffId, byRole: 'staff' }, 'closed');
      await this.deps.audit.record({ ...byStaff(actor), action: 'close', subjectType: 'registration', subjectId: id, reason: `已就业：${body.employer}` });
      return done;
    });
    return this.view(updated);
  }

  async addFollowUp(actor: StaffActor, id: string, body: { channel: string; outcome: string; note?: string; nextDate?: string; reached?: boolean }) {
    const staffId = actor.id;
    await this.staffDoc(actor, id);
    const staff = { displayName: actor.name };
    return this.c.atomically(`reg:${id}`, async (tx) => {
      const reg = (await this.load({ _id: id }))!;
      if (reg.status !== 'approved') throw conflict('只有已登记的人员需要跟踪回访', 'INVALID_STATE');
      const c = await this.classifyReg(reg, this.factsOf(reg));
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
        $push: { followUps: { at: today, channel: body.channel, outcome: body.outcome, note: body.note ?? null, nextDate, by: staffId, byName: staff?.displayName ?? null, reached: body.reached ?? true } },
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
        // The stored classification is kept current when a recognition starts or ends (reclassify).
        rule: followUpIntervalDays({ ...this.classifyWith(r, this.factsOf(r), []), hardship: r.classification?.level === 'A' }).rule,
      })),
    };
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** The exit step of a registration, inside its `reg:<id>` section; notices and policy matching after it. */
  private async finishExit(tx: Tx, reg: Doc, exit: ExitInput, event: 'exited' | 'closed' | 'auto_closed' | 'employment_recorded', at?: Date): Promise<Doc> {
    const now = at ?? this.today();
    const stored: Exit = {
      reason: exit.reason, employer: exit.employer, employedOn: exit.employedOn, note: exit.note, at: now, by: exit.by ? new Types.ObjectId(exit.by) : null,
      byRole: exit.byRole, eventDate: exit.eventDate ?? null, monthlyIncome: exit.monthlyIncome ?? null, employmentId: exit.employmentId ?? null,
    };
    await tx.write(this.Registration, reg._id, reg.rev, {
      $set: { status: 'exited', exit: stored, nextFollowUpOn: null },
      $unset: { openFor: 1, activeIdHash: 1, claimPhoneHash: 1 },
      $push: { timeline: { type: event, at: now, by: stored.by, reason: this.exitText(exit) } },
    });
    const updated = (await this.load({ _id: reg._id }))!;
    tx.after(() => this.notify(updated, event, this.exitNotice(exit)));
    if (reg.status === 'approved' && updated.userId) tx.after(() => this.deps.onFactsChanged?.(updated.userId!.toString(), updated));
    tx.after(() => this.deps.onExited?.(updated));
    return updated;
  }

  private exitInput(body: ExitBody, by: string, byRole: 'worker' | 'staff'): ExitInput {
    return { reason: body.reason, employer: body.employer ?? null, employedOn: body.employedOn ?? null, note: body.note ?? null, by, byRole, eventDate: body.eventDate ?? null, monthlyIncome: body.monthlyIncome ?? null };
  }

  /** The facts an exit rests on: dates not in the future, stable income not under the minimum wage. */
  private async checkExitFacts(body: ExitBody): Promise<void> {
    const today = toChinaDateString(this.today());
    if (body.employedOn && body.employedOn > today) throw badRequest('就业日期不能晚于今天', [{ field: 'employedOn', message: '就业日期不能晚于今天' }]);
    if (body.eventDate && body.eventDate > today) throw badRequest('发生日期不能晚于今天', [{ field: 'eventDate', message: '发生日期不能晚于今天' }]);
    if (EXIT_REASON_RULES[body.reason].needsIncome) {
      const min = (await this.deps.minWageMonthly?.()) ?? 0;
      const problem = stableIncomeProblem(body.monthlyIncome, min);
      if (problem) throw badRequest(problem, [{ field: 'monthlyIncome', message: problem }], 'INCOME_BELOW_MINIMUM_WAGE');
    }
  }

  private exitText(exit: ExitInput): string {
    const r = EXIT_REASON_RULES[exit.reason];
    const head = `${r.clause ? `第六十三条${r.clause}` : ''}${r.label}`;
    const facts = [
      exit.employer ? `${exit.employer}${exit.employedOn ? `（${exit.employedOn} 起）` : ''}` : null,
      exit.monthlyIncome != null ? `月收入 ${exit.monthlyIncome} 元` : null,
      exit.eventDate ? `发生日期 ${exit.eventDate}` : null,
      exit.note,
    ].filter(Boolean);
    return facts.length ? `${head}：${facts.join('；')}` : head;
  }

  private exitNotice(exit: ExitInput): string {
    switch (exit.reason) {
      case 'employed': case 'self_employed': case 'stable_income': case 'employment_registered': return `失业登记已办结（${exitReasonLabel(exit.reason)}）：祝贺你找到工作`;
      case 'retirement_age': return `你已于 ${exit.eventDate} 达到法定退休年龄，失业登记自动办结；失业保险金按规定停发。养老保险待遇可拨打 12333 咨询，想继续干点活可以登记银龄零工。`;
      case 'cancel': return '失业登记已注销，需要时可以重新登记';
      default: return `失业登记已注销（${exitReasonLabel(exit.reason)}）；如有疑问请联系服务中心，需要时可以重新登记`;
    }
  }

  // ---- exits recorded by staff (第六十三条) -------------------------------------------------------

  async staffExit(actor: StaffActor, id: string, body: ExitBody): Promise<RegistrationView> {
    if (!mayRecordExit(body.reason, 'staff')) throw badRequest('这项注销原因由系统记录', [{ field: 'reason', message: '不能手工选择' }]);
    await this.staffDoc(actor, id);
    await this.checkExitFacts(body);
    const updated = await this.c.atomically(`reg:${id}`, async (tx) => {
      const fresh = (await this.load({ _id: id }))!;
      if (fresh.status !== 'approved') throw conflict('只有已登记的人员可以注销登记（办理中的请退回或不予登记）', 'INVALID_STATE');
      if (body.reason === 'no_contact') {
        const check = this.contactHistory(fresh).noContact;
        if (!check.allowed) throw badRequest(check.message!, [{ field: 'reason', message: check.message! }], 'CONTACT_TOO_RECENT');
      }
      const done = await this.finishExit(tx, fresh, this.exitInput(body, actor.id, 'staff'), 'closed');
      await this.deps.audit.record({ ...byStaff(actor), action: 'close', subjectType: 'registration', subjectId: id, reason: this.exitText(this.exitInput(body, actor.id, 'staff')) });
      return done;
    });
    return this.view(updated);
  }

  async contacts(actor: StaffActor, id: string) {
    const { reg } = await this.staffDoc(actor, id);
    return this.contactHistory(reg);
  }

  /**
   * Contacts between the person and the service center (第六十三条（九）): the person filing or claiming
   * the registration online, the counter visit, and every follow-up that reached them. A follow-up
   * recorded as not reached is listed but is no contact.
   */
  contactHistory(reg: Doc) {
    const channel: Record<string, string> = { phone: '电话回访', visit: '上门回访', online: '线上回访' };
    const items: { at: string; kind: 'registration' | 'counter' | 'follow_up' | 'follow_up_unreached' | 'employment'; label: string; reached: boolean; by: string | null }[] = [];
    for (const e of reg.timeline) {
      if (e.type === 'submitted' || e.type === 'resubmitted') items.push({ at: new Date(e.at).toISOString(), kind: 'registration', label: e.type === 'submitted' ? '本人提交失业登记' : '本人修改后重新提交', reached: true, by: null });
      if (e.type === 'counter_created') items.push({ at: new Date(e.at).toISOString(), kind: 'counter', label: '本人到服务窗口办理登记', reached: true, by: reg.counter?.staffName ?? null });
      if (e.type === 'claimed') items.push({ at: new Date(e.at).toISOString(), kind: 'registration', label: '本人在手机上认领登记', reached: true, by: null });
    }
    for (const f of reg.followUps) {
      const reached = f.reached !== false;
      items.push({ at: new Date(f.at).toISOString(), kind: reached ? 'follow_up' : 'follow_up_unreached', label: `${channel[f.channel] ?? f.channel}${reached ? '' : '（未联系上）'}：${f.outcome}`, reached, by: f.byName ?? null });
    }
    items.sort((a, b) => b.at.localeCompare(a.at));
    const last = items.find((i) => i.reached);
    const lastContact = last ? toChinaDateString(new Date(last.at)) : null;
    return { items, lastContact, noContact: noContactCheck(lastContact, this.today()) };
  }

  // ---- 法定退休年龄: closes on the day ------------------------------------------------------------

  /**
   * Closes every open registration whose holder reached the statutory retirement age by `now` (China
   * date), with a notice. Idempotent and safe with several BFF instances: each close runs under the
   * registration's `reg:<id>` section, re-reads it there and writes one fenced step, so a second run (or
   * another instance running at the same time) finds it closed and does nothing. Returns how many this
   * call closed. Run periodically by `retirement-job.ts`.
   */
  async closeAtRetirement(now: Date): Promise<{ closed: number; checked: number }> {
    const today = toChinaDateString(now);
    const rows = (await this.Registration.find({ status: { $in: CLOSABLE_AT_RETIREMENT }, $or: [{ retiresOn: { $lte: today } }, { retiresOn: null }] })
      .select({ _id: 1, retiresOn: 1, 'form.birthDate': 1, 'form.sex': 1, 'form.retirementCategory': 1 }).limit(5000).lean()) as Pick<Raw, '_id' | 'retiresOn' | 'form'>[];
    let closed = 0;
    for (const row of rows) {
      const on = row.retiresOn ?? registrationRetiresOn(row.form ?? {});
      if (!on || on > today) continue;
      const did = await this.c.atomically(`reg:${row._id.toString()}`, async (tx) => {
        const reg = await this.load({ _id: row._id });
        if (!reg || !CLOSABLE_AT_RETIREMENT.includes(reg.status)) return false;
        await this.finishExit(tx, reg, { reason: 'retirement_age', employer: null, employedOn: null, note: null, by: null, byRole: 'system', eventDate: on }, 'auto_closed', now);
        return true;
      }, { waitMs: 0 }).catch((err) => {
        // Another instance holds this registration right now (503 busy) or just wrote the step (409): it is theirs.
        if (err instanceof AppError && (err.status === 409 || err.status === 503)) return false;
        throw err;
      });
      if (did) closed += 1;
    }
    return { closed, checked: rows.length };
  }

  // ---- 窗口代办 --------------------------------------------------------------------------------

  /**
   * Staff register a person at the counter. The same rules as online (completeness, eligibility, the
   * 7-working-day deadline); the ID seen in person and the paper consent and commitment are recorded
   * with the staff member and the time. Staff may approve at once. An SMS to the phone the person gave
   * tells them how to claim it in the app. Idempotent per staff member and key.
   */
  async counterCreate(actor: StaffActor, body: {
    form: RegistrationForm; phone: string; sensitiveConsentVersion: string; commitmentVersion: string; approveNow?: boolean; idempotencyKey: string;
  }): Promise<RegistrationView> {
    const input = body.form;
    if (body.sensitiveConsentVersion !== SENSITIVE_CONSENT.version) throw badRequest('敏感个人信息处理同意书已更新，请让本人签署新版后再办理', [{ field: 'sensitiveConsentVersion', message: '同意书版本已更新' }], 'SENSITIVE_CONSENT_OUTDATED');
    if (body.commitmentVersion !== REGISTRATION_COMMITMENT.version) throw badRequest('书面承诺内容已更新，请让本人签署新版后再办理', [{ field: 'commitmentVersion', message: '承诺版本已更新' }], 'COMMITMENT_OUTDATED');
    if (!input.residenceDistrict || !centerForDistrict(input.residenceDistrict)) throw badRequest('请选择常住地所在区', [{ field: 'form.residenceDistrict', message: '请选择常住地所在区' }]);
    if (!sees(actor, input.residenceDistrict)) {
      throw badRequest(`常住地不在${actor.center?.name ?? '本中心'}服务范围内，请到常住地所在区的服务中心办理`, [{ field: 'form.residenceDistrict', message: '不在本中心服务范围内' }], 'OUTSIDE_CENTER');
    }
    if (!input.idType || input.idNumber === undefined) throw badRequest('请填写证件类型和号码', [{ field: 'form.idNumber', message: '请填写证件号码' }]);
    const checked = validateIdDocument(input.idType, input.idNumber, this.today());
    if (!checked.ok) throw badRequest(checked.message, [{ field: 'form.idNumber', message: checked.message }]);
    const idHash = this.deps.pii.blindIndex('idNumber', `${input.idType}:${checked.normalized}`);
    const result = await this.c.atomically(`reg-counter:${idHash}`, async (tx) => {
      const again = await this.load({ submitKeys: body.idempotencyKey, 'counter.staffId': new Types.ObjectId(actor.id) });
      if (again) return again;
      const _id = new Types.ObjectId();
      const id = _id.toString();
      const { form, idFields } = this.splitIdentifier(id, input, null);
      const now = this.today();
      const draft = { _id, form, ...idFields, userId: null, status: 'draft', timeline: [], followUps: [], submitKeys: [], rev: 0 } as unknown as Doc;
      const missing = this.missingFields(draft);
      if (missing.length) throw badRequest(`还有 ${missing.length} 项没有填好：${missing[0]!.message}`, missing, 'INCOMPLETE');
      const facts = identityFacts({ idType: form.idType, idNumber: checked.normalized, birthDate: form.birthDate, sex: form.sex }, now);
      const elig = checkEligibility({ idType: form.idType!, idNumber: checked.normalized, birthDate: facts.birthDate ?? undefined, sex: facts.sex ?? undefined, retirementCategory: form.retirementCategory, ableToWork: form.ableToWork!, wantsWork: form.wantsWork!, currentlyEmployed: form.currentlyEmployed! }, now);
      if (!elig.eligible) throw badRequest(`不符合失业登记条件：${elig.reasons[0]}`, elig.issues.map((i) => ({ field: `form.${i.field}`, message: i.message })), 'NOT_ELIGIBLE');
      const reemployment = await this.reemploymentLink(null, idHash as string, form);
      const center = centerForDistrict(form.residenceDistrict!)!;
      const cal = await this.deps.calendar.get();
      const c = await this.classifyReg(draft, facts);
      const staffOid = new Types.ObjectId(actor.id);
      const phoneHash = this.deps.pii.blindIndex('phone', body.phone);
      const doc: Record<string, unknown> = {
        _id, userId: null, status: 'submitted', ...this.seal(id, form), ...idFields, district: form.residenceDistrict, centerCode: center.code,
        commitment: { version: body.commitmentVersion, acceptedAt: now }, sensitiveConsent: { version: body.sensitiveConsentVersion, at: now },
        submitKeys: [body.idempotencyKey], submittedAt: now, dueDate: addWorkdays(now, 7, cal), classification: { category: c.category, level: c.level },
        retiresOn: registrationRetiresOn(form), reemployment,
        counter: { staffId: staffOid, staffName: actor.name ?? null, centerCode: center.code, idCheckedBy: staffOid, idCheckedAt: now, consentSignedAt: now, commitmentSignedAt: now, phoneEnc: this.deps.pii.encrypt(body.phone), phoneHash, claimedAt: null, claimedBy: null },
        claimPhoneHash: phoneHash,
        timeline: [{ type: 'counter_created', at: now, by: staffOid, reason: `${actor.name ?? '经办人员'}当面核验证件，本人签署纸质同意书和书面承诺` }],
      };
      if (body.approveNow) {
        const probe = { ...draft, _id, idHash } as Doc;
        if ((await this.idConflicts(probe)).some((x) => x.blocksApproval)) throw this.activeConflict();
        Object.assign(doc, { status: 'approved', approvedAt: now, recordNo: await this.newRecordNo({ ...draft, district: form.residenceDistrict } as Doc), activeIdHash: idHash, nextFollowUpOn: this.addDays(now, followUpIntervalDays(c).days) });
        (doc.timeline as unknown[]).push({ type: 'approved', at: now, by: staffOid, reason: '窗口当场审核通过' });
      }
      try {
        await this.Registration.create(doc);
      } catch (err) {
        // One active registration per person: the unique index decides between parallel approvals.
        if (isDuplicateKey(err)) throw this.activeConflict();
        throw err;
      }
      await this.deps.audit.record({ ...byStaff(actor), action: body.approveNow ? 'counter_approve' : 'counter_create', subjectType: 'registration', subjectId: id, reason: '窗口代办登记' });
      const created = (await this.load({ _id }))!;
      tx.after(() => this.sendClaimSms(body.phone, created));
      return created;
    });
    return this.view(result);
  }

  private async sendClaimSms(phone: string, reg: Doc) {
    if (!this.deps.sms) return;
    const center = this.centerName(reg.centerCode);
    await this.deps.sms.send(phone, `【家门口就业】你在${center}办理的失业登记已于 ${toChinaDateString(reg.submittedAt ?? this.today())} 受理。登录“家门口就业”小程序或网页，打开「失业登记」，在「窗口为你办理的登记」里输入证件号码，即可在手机上查看办理进度。`);
  }

  /** Counter registrations made for this account's verified phone and not yet claimed. */
  async counterClaims(userId: string) {
    const user = await this.users.findById(userId).select({ phoneHash: 1, phoneEnc: 1 }).lean();
    if (!user?.phoneHash) return { phoneMasked: null, items: [] };
    const rows = ((await this.Registration.find({ claimPhoneHash: user.phoneHash, userId: null }).sort({ createdAt: -1 }).limit(10).lean()) as Raw[]).map((r) => this.open(r));
    return {
      phoneMasked: user.phoneEnc ? maskPhone(this.deps.pii.decrypt(user.phoneEnc)) : null,
      items: rows.map((r) => ({ id: r._id.toString(), center: this.centerName(r.centerCode), createdAt: new Date(r.createdAt).toISOString(), statusLabel: REGISTRATION_STATUS_LABELS[r.status], nameMasked: maskName(r.form.realName ?? '') })),
    };
  }

  /**
   * Binds a counter registration to the signed-in worker: their verified phone must be the one given at
   * the counter (blind index) and the ID number they type must be the one staff checked (blind index,
   * compared in constant time). From then on it is theirs like a self-filed one.
   */
  async claimCounter(userId: string, body: { id: string; idNumber: string }): Promise<RegistrationView> {
    const user = await this.users.findById(userId).select({ phoneHash: 1 }).lean();
    if (!user?.phoneHash) throw badRequest('请先用手机号登录或绑定手机号，再认领窗口登记', [{ field: 'phone', message: '账号还没有手机号' }], 'PHONE_REQUIRED');
    const phoneHash = user.phoneHash;
    const missing = () => notFound('找不到登记在你手机号下的窗口登记');
    return this.c.atomically(`reg-user:${userId}`, async () => this.c.atomically(`reg:${body.id}`, async (tx) => {
      const reg = await this.load({ _id: body.id });
      if (reg && reg.counter && reg.userId && reg.userId.toString() === userId) return this.view(reg); // claimed by this tap's twin
      if (!reg || !reg.counter || reg.userId || !reg.claimPhoneHash || !safeEqual(reg.claimPhoneHash, phoneHash)) throw missing();
      const typed = validateIdDocument(reg.form.idType!, body.idNumber, this.today());
      const typedHash = typed.ok ? this.deps.pii.blindIndex('idNumber', `${reg.form.idType}:${typed.normalized}`) : '';
      if (!reg.idHash || !safeEqual(typedHash, reg.idHash)) {
        await this.deps.limiter?.consume(`counter-claim:${userId}`, 5, 3600, '证件号码输错次数太多，请一小时后再试，或带证件到服务中心办理');
        throw badRequest('证件号码与窗口登记时核验的不一致，请核对后重新输入', [{ field: 'idNumber', message: '与窗口登记的证件号码不一致' }], 'ID_MISMATCH');
      }
      const open = OPEN.includes(reg.status);
      if (open && (await this.Registration.exists({ openFor: userId }))) {
        throw conflict('你的账号里已有一份正在填写或办理中的失业登记，同一时间只能有一份；请联系服务中心处理', 'ALREADY_OPEN');
      }
      const now = this.today();
      const uid = new Types.ObjectId(userId);
      await tx.write(this.Registration, reg._id, reg.rev, {
        $set: { userId: uid, 'counter.claimedAt': now, 'counter.claimedBy': uid, ...(open ? { openFor: userId } : {}) },
        $unset: { claimPhoneHash: 1 },
        $push: { timeline: { type: 'claimed', at: now, by: uid, reason: null } },
      });
      const updated = (await this.load({ _id: reg._id }))!;
      tx.after(() => this.notify(updated, 'claimed', `已认领${this.centerName(updated.centerCode)}为你办理的失业登记，可以在手机上查看进度`));
      if (updated.status === 'approved') tx.after(() => this.deps.onFactsChanged?.(userId, updated));
      return this.view(updated);
    }));
  }

  // ---- 就业登记 / 就业转失业 -----------------------------------------------------------------------

  /**
   * Closes the person's open registration because of a recorded job (就业登记), with the exit reason
   * its kind matches. Runs inside the caller's `reg-user:<uid>` section; `record` stores the employment
   * (given the registration it closed, or null) and its result is returned.
   */
  async closeForEmployment<T>(userId: string, job: { employerName: string; startDate: string; kind: EmploymentKind; byRole: 'worker' | 'employer'; by: string; reason: ExitReason },
    record: (closedId: Types.ObjectId | null, idHash: string | null, employmentId: Types.ObjectId) => Promise<T>): Promise<{ result: T; registration: RegistrationView | null }> {
    const employmentId = new Types.ObjectId();
    const open = await this.Registration.findOne({ openFor: userId }).select({ _id: 1 }).lean();
    if (!open) {
      const latest = await this.latestOf(userId);
      return { result: await record(null, latest?.idHash ?? null, employmentId), registration: null };
    }
    return this.c.atomically(`reg:${open._id.toString()}`, async (tx) => {
      const reg = await this.load({ _id: open._id });
      if (!reg || reg.userId?.toString() !== userId || !OPEN.includes(reg.status)) return { result: await record(null, reg?.idHash ?? null, employmentId), registration: null };
      const done = await this.finishExit(tx, reg, {
        reason: job.reason, employer: job.employerName, employedOn: job.startDate, note: `就业登记（${EMPLOYMENT_KIND_LABELS[job.kind]}，${job.byRole === 'employer' ? '用人单位登记' : '本人登记'}）`,
        by: job.by, byRole: job.byRole, employmentId,
      }, 'employment_recorded');
      const result = await record(reg._id, reg.idHash, employmentId);
      return { result, registration: await this.view(done) };
    });
  }

  /**
   * 就业转失业: the person's latest recorded job that no later registration accounts for. A registration
   * filed after it links to it (and to the registration it closed) and must say why the job ended.
   */
  private async reemploymentLink(userId: string | null, idHash: string | null, form: Omit<RegistrationForm, 'idNumber'>, self?: Types.ObjectId): Promise<Registration['reemployment']> {
    const Employment = employmentModel(this.deps.conn);
    // One equality query per key (pushed down on PostgreSQL; an `$or` is not), the latest job of either.
    const keys: Record<string, unknown>[] = [];
    if (userId) keys.push({ userId: new Types.ObjectId(userId) });
    if (idHash) keys.push({ idHash });
    if (!keys.length) return null;
    const found = (await Promise.all(keys.map((k) => Employment.findOne(k).sort({ startDate: -1, createdAt: -1 }).lean()))) as (Employment | null)[];
    const job = found.filter((j): j is Employment => !!j).sort((a, b) => b.startDate.localeCompare(a.startDate) || new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())[0] ?? null;
    if (!job) return null;
    const used = await this.Registration.exists({ 'reemployment.employmentId': job._id, ...(self ? { _id: { $ne: self } } : {}) });
    if (used) return null;
    const label = `${job.startDate} 起在「${job.employerName}」的就业登记`;
    if (!form.unemploymentReason || !(JOB_END_REASONS as readonly string[]).includes(form.unemploymentReason)) {
      throw badRequest(`你有${label}，请选择这份工作结束的原因（就业转失业）`, [{ field: 'form.unemploymentReason', message: '请选择这份工作结束的原因' }], 'JOB_END_REASON_REQUIRED');
    }
    if (!form.lastJobEndDate || form.lastJobEndDate < job.startDate) {
      throw badRequest(`你有${label}，请填写这份工作结束的日期（不早于 ${job.startDate}）`, [{ field: 'form.lastJobEndDate', message: `不早于 ${job.startDate}` }], 'JOB_END_DATE_REQUIRED');
    }
    return { previousRegistrationId: job.closedRegistrationId, employmentId: job._id, employer: job.employerName, startDate: job.startDate, kind: job.kind };
  }

  /** The person behind a phone and ID number (both blind indexes), for an employer's 就业登记: account and their latest registration's ID hash. */
  async personByPhoneAndId(phone: string, idNumber: string): Promise<{ userId: string; idHash: string; nameMasked: string } | null> {
    const user = await this.users.findOne({ phoneHash: this.deps.pii.blindIndex('phone', phone), deletedAt: null }).select({ _id: 1 }).lean();
    if (!user) return null;
    const regs = ((await this.Registration.find({ userId: user._id, idHash: { $ne: null } }).sort({ createdAt: -1 }).limit(5).lean()) as Raw[]);
    for (const raw of regs) {
      const typed = validateIdDocument(raw.form.idType!, idNumber, this.today());
      if (typed.ok && raw.idHash && safeEqual(this.deps.pii.blindIndex('idNumber', `${raw.form.idType}:${typed.normalized}`), raw.idHash)) {
        return { userId: user._id.toString(), idHash: raw.idHash, nameMasked: this.maskedNameOf(raw) };
      }
    }
    return null;
  }

  /** The masked name on a person's latest registration (employer views). */
  /** The blind index of the ID number on the person's latest registration (households match members by it). */
  async idHashOfUser(userId: string): Promise<string | null> {
    if (!Types.ObjectId.isValid(userId)) return null;
    const reg = (await this.Registration.findOne({ userId, idHash: { $ne: null } }).sort({ createdAt: -1 }).select({ idHash: 1 }).lean()) as { idHash?: string | null } | null;
    return reg?.idHash ?? null;
  }

  async maskedNameOfUser(userId: string): Promise<string | null> {
    const reg = (await this.Registration.findOne({ userId }).sort({ createdAt: -1 }).select({ form: 1, realNameEnc: 1 }).lean()) as Raw | null;
    return reg ? this.maskedNameOf(reg) : null;
  }

  // ---- sensitive fields at rest ------------------------------------------------------------

  private aad(id: string, field: 'idNumber' | 'realName' | 'hardships'): string {
    return `registrations/${id}/${field}`;
  }

  /**
   * 好差评: a registration is handled once staff approved or rejected it, or closed it (注销 by staff);
   * its center is the one that handled it. null: no such registration.
   */
  async handledCaseOf(id: string): Promise<HandledCase | null> {
    const r = await this.Registration.findById(id).select({ userId: 1, status: 1, district: 1, centerCode: 1, approvedAt: 1, exit: 1 }).lean().catch(() => null);
    if (!r) return null;
    const handled = r.status === 'approved' || r.status === 'rejected' || !!r.approvedAt || (r.status === 'exited' && r.exit?.byRole === 'staff');
    return {
      ownerId: r.userId ? r.userId.toString() : null, handled, pendingReason: handled ? null : '失业登记办理完成（通过、不予登记或注销）后才能评价',
      district: r.district ?? null, centerCode: r.centerCode ?? null, title: `失业登记 · ${REGISTRATION_STATUS_LABELS[r.status]}`,
    };
  }

  /**
   * 岗位推荐 and 一键投递 (the vacancies module): the person's latest registration, opened — the job they
   * want (occupations, skills, pay, districts, modes) and what they may choose to show an employer
   * (name, age, sex, education, skills, certificates, last employer). null: no registration.
   */
  async jobIntentOf(userId: string): Promise<{
    registrationId: string; status: string; district: string | null;
    desiredOccupations: string[]; desiredDistricts: string[]; skills: string[]; certificates: string[]; expectedMonthlyPay: number | null; workModes: string[];
    residenceDistrict: string | null; realName: string | null; age: number | null; sex: 'male' | 'female' | null; education: string | null; lastEmployer: string | null;
  } | null> {
    if (!Types.ObjectId.isValid(userId)) return null;
    const reg = (await this.load({ openFor: userId })) ?? (await this.latestOf(userId));
    if (!reg) return null;
    const f = reg.form;
    const idNumber = reg.idNumberEnc ? this.idNumberOf(reg) : null;
    const facts = identityFacts({ idType: f.idType, idNumber: idNumber ?? undefined, birthDate: f.birthDate, sex: f.sex }, this.today());
    const age = facts.birthDate ? ageOn(facts.birthDate, this.today()) : null;
    return {
      registrationId: reg._id.toString(), status: reg.status, district: reg.district ?? null,
      desiredOccupations: f.desiredOccupations ?? [], desiredDistricts: f.desiredDistricts ?? [], skills: f.skills ?? [], certificates: f.certificates ?? [],
      expectedMonthlyPay: f.expectedMonthlyPay ?? null, workModes: f.workModes ?? [], residenceDistrict: f.residenceDistrict ?? null,
      realName: f.realName ?? null, age, sex: facts.sex ?? null, education: f.education ? EDUCATION_LABELS[f.education] : null, lastEmployer: f.lastEmployer ?? null,
    };
  }

  /** Stored registrations by id, for modules whose records point at one (claims, recognitions); missing ids are left out. */
  async byIds(ids: string[]): Promise<Map<string, Raw>> {
    const rows = await findByKeys<Raw>(this.Registration, ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id)));
    return new Map(rows.map((r) => [r._id.toString(), r]));
  }

  /** The hardships the person declared on a stored registration, decrypted. */
  declaredHardships(raw: Raw): string[] {
    return (this.open(raw).form.hardships as string[] | undefined) ?? [];
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

  /**
   * After a 就业困难人员 recognition starts or ends: the stored classification of the person's current
   * registration (inbox subtitle, dashboard, follow-up cadence) follows it. A recognised person is followed
   * at least monthly, so a later next follow-up date is brought forward.
   */
  async reclassify(userId: string): Promise<{ category: string; level: string } | null> {
    const open = await this.load({ openFor: userId });
    if (!open || !['submitted', 'under_review', 'approved'].includes(open.status)) return null;
    return this.c.atomically(`reg:${open._id.toString()}`, async (tx) => {
      const reg = (await this.load({ _id: open._id }))!;
      if (!['submitted', 'under_review', 'approved'].includes(reg.status)) return null;
      const c = await this.classifyReg(reg, this.factsOf(reg));
      const set: Record<string, unknown> = {};
      if (reg.classification?.category !== c.category || reg.classification?.level !== c.level) set.classification = { category: c.category, level: c.level };
      if (reg.status === 'approved') {
        const latest = this.addDays(this.today(), followUpIntervalDays(c).days);
        if (!reg.nextFollowUpOn || reg.nextFollowUpOn > latest) set.nextFollowUpOn = latest;
      }
      if (Object.keys(set).length) await tx.write(this.Registration, reg._id, reg.rev, { $set: set });
      return { category: c.category, level: c.level };
    });
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

  private async classifyReg(reg: Doc, facts: { birthDate: string | null; sex: 'male' | 'female' | null }) {
    const recognised = reg.userId ? ((await this.deps.recognisedFor?.(reg.userId.toString())) ?? []) : [];
    return this.classifyWith(reg, facts, recognised);
  }

  private classifyWith(reg: Doc, facts: { birthDate: string | null; sex: 'male' | 'female' | null }, recognised: readonly string[]) {
    const since = reg.form.lastJobEndDate ?? (reg.submittedAt ? toChinaDateString(reg.submittedAt) : null);
    return classify({ form: this.formWithId(reg), birthDate: facts.birthDate, sex: facts.sex, unemployedSince: since, today: this.today(), recognised });
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
    // An unclaimed counter registration has no account to notify yet (the person got the claim SMS).
    if (!reg.userId) return;
    await this.deps.notifier.notify(reg.userId.toString(), {
      kind: `registration.${event}`, title: `失业登记：${EVENT_LABELS[event] ?? event}`, body, page: WORKER_PAGE,
      dedupeKey: `registration:${reg._id.toString()}:${event}:${reg.timeline.length}`, subject: `registration:${reg._id.toString()}`,
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
      dueWorkdaysLeft: pending && reg.dueDate ? workdaysLeft(today, reg.dueDate, cal) : null,
      returnReason: reg.returnReason,
      rejectReason: reg.rejectReason,
      recordNo: reg.recordNo ?? null,
      approvedAt: reg.approvedAt ? new Date(reg.approvedAt).toISOString() : null,
      timeline: reg.timeline.map((e) => ({ type: e.type as never, at: new Date(e.at).toISOString(), label: EVENT_LABELS[e.type] ?? e.type, reason: e.reason })),
      missingFields: OPEN.includes(reg.status) && ['draft', 'returned'].includes(reg.status) ? this.missingFields(reg) : [],
      sensitiveConsent: reg.sensitiveConsent ? { version: reg.sensitiveConsent.version, at: new Date(reg.sensitiveConsent.at).toISOString() } : null,
      counter: reg.counter ? {
        center: this.centerName(reg.counter.centerCode), staffName: reg.counter.staffName ?? '', idCheckedAt: new Date(reg.counter.idCheckedAt).toISOString(),
        consentSignedAt: new Date(reg.counter.consentSignedAt).toISOString(), commitmentSignedAt: new Date(reg.counter.commitmentSignedAt).toISOString(),
        claimedAt: reg.counter.claimedAt ? new Date(reg.counter.claimedAt).toISOString() : null,
      } : null,
      exit: reg.exit ? {
        reason: reg.exit.reason as ExitReason, reasonLabel: exitReasonLabel(reg.exit.reason), clause: (EXIT_REASON_RULES as Record<string, { clause: string | null }>)[reg.exit.reason]?.clause ?? null,
        at: new Date(reg.exit.at).toISOString(), eventDate: reg.exit.eventDate ?? reg.exit.employedOn ?? null, employer: reg.exit.employer ?? null, note: reg.exit.note ?? null,
        by: reg.exit.byRole ?? (reg.exit.by && reg.userId && String(reg.exit.by) === reg.userId.toString() ? 'worker' : 'staff'),
      } : null,
      reemployment: reg.reemployment ? {
        previousRegistrationId: reg.reemployment.previousRegistrationId ? reg.reemployment.previousRegistrationId.toString() : null,
        employer: reg.reemployment.employer, startDate: reg.reemployment.startDate, kind: reg.reemployment.kind as EmploymentKind,
      } : null,
    };
  }
}

