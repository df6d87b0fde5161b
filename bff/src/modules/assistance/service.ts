import { Types, type Connection, type Model } from 'mongoose';
import type { Logger } from 'pino';
import {
  ASSISTANCE_CATEGORIES, ASSISTANCE_CATEGORY_RULES, PLAN_STEP_LABELS, RECOGNITION_REVIEW_WORKDAYS, RECOGNITION_STATUS_LABELS, SENSITIVE_CONSENT,
  addWorkdays, assistanceCategoryLabel, centerByCode, latestValidUntil, maskPhone, recognitionCounts, stepCompletionProblem, toChinaDateString,
  validUntilProblem,
  type AssistanceCategory, type PlanStepBody, type RecognitionApplyBody, type RecognitionDecisionBody, type RecognitionView,
} from '@doorstep/shared';
import { Consistency, type Tx } from '../../db/consistency';
import { isDuplicateKey } from '../../db/errors';
import { badRequest, conflict, notFound } from '../../http/errors';
import type { Pii } from '../../security/pii';
import { byStaff, type AuditService } from '../audit/service';
import { authModels } from '../auth/model';
import type { CalendarService } from '../calendar/service';
import type { Notifier } from '../notifications/service';
import type { Registration } from '../registration/model';
import type { RegistrationService } from '../registration/service';
import { centerFilter, sees, type StaffActor } from '../staff/actor';
import { recognitionModel, type PlanStep, type Recognition } from './model';

type Rec = Recognition & { _id: Types.ObjectId };
type Reg = Registration & { _id: Types.ObjectId };
type Applied = { category: AssistanceCategory; note: string }[];

export const ASSISTANCE_WORKER_PAGE = '/packages/worker-assistance/pages/assistance/index';
const EVENT_LABELS: Record<string, string> = {
  submitted: '提交认定申请', approved: '认定为就业困难人员', returned: '退回补充', rejected: '不予认定', expired: '有效期届满',
  counsellor: '指定帮扶专人', step_added: '制定帮扶措施', step_done: '帮扶措施办结',
};
/** Renewal: a new application may be filed this many days before the recognition expires. */
const RENEW_WITHIN_DAYS = 30;

export interface AssistanceDeps {
  conn: Connection;
  pii: Pii;
  audit: AuditService;
  calendar: CalendarService;
  notifier: Notifier;
  registrations: RegistrationService;
  /** After a recognition starts or stops counting: the person's policy facts are derived again. */
  onRecognitionChanged?: (userId: string) => Promise<void>;
  /** 零就业家庭 (households module): whether the person's household is flagged now, for the decision. */
  householdFlag?: (userId: string) => Promise<{ flagged: boolean; zeroSince: string | null; daysAtZero: number | null } | null>;
  now?: () => number;
  logger?: Logger;
}

/** 就业困难人员认定 and 一人一策; every change is one fenced step under `assist:<id>` (`assist-user:<uid>` to file). */
export class AssistanceService {
  readonly Recognition: Model<Recognition>;
  private readonly c: Consistency;
  private readonly nowFn: () => number;
  private readonly User;

  constructor(private readonly deps: AssistanceDeps) {
    this.Recognition = recognitionModel(deps.conn);
    this.c = new Consistency(deps.conn, { onEffectError: (err, key) => deps.logger?.warn({ err: (err as Error).message, key }, 'assistance after-effect failed') });
    this.nowFn = deps.now ?? Date.now;
    this.User = authModels(deps.conn).User;
  }

  private now(): Date { return new Date(this.nowFn()); }
  private today(): string { return toChinaDateString(this.now()); }
  private get Registration() { return this.deps.registrations.Registration; }

  // ---- worker ----------------------------------------------------------------------------

  async mine(userId: string) {
    const rec = await this.latest(userId);
    const reason = await this.cannotApply(userId, rec);
    return {
      recognition: rec ? await this.view(rec) : null,
      canApply: reason === null,
      cannotApplyReason: reason,
      categories: ASSISTANCE_CATEGORIES.map((c) => ({ category: c, label: ASSISTANCE_CATEGORY_RULES[c].label, evidence: ASSISTANCE_CATEGORY_RULES[c].evidence })),
      consent: { version: SENSITIVE_CONSENT.version, text: SENSITIVE_CONSENT.text, checkbox: SENSITIVE_CONSENT.checkbox },
    };
  }

  private async latest(userId: string): Promise<Rec | null> {
    return (await this.Recognition.findOne({ userId: new Types.ObjectId(userId) }).sort({ submittedAt: -1 }).lean()) as Rec | null;
  }

  private async approvedRegistration(userId: string): Promise<Reg | null> {
    const reg = (await this.Registration.findOne({ openFor: userId }).lean()) as Reg | null;
    return reg && reg.status === 'approved' ? reg : null;
  }

  private async cannotApply(userId: string, latest: Rec | null): Promise<string | null> {
    if (latest?.status === 'submitted') return '你已有一份认定申请正在办理';
    if (latest && recognitionCounts(latest, this.today())) {
      const renewFrom = toChinaDateString(new Date(Date.parse(`${latest.validUntil}T00:00:00+08:00`) - RENEW_WITHIN_DAYS * 86400_000));
      if (this.today() < renewFrom) return `你已被认定为就业困难人员，有效期至 ${latest.validUntil}；${renewFrom} 起可申请重新认定`;
    }
    if (!(await this.approvedRegistration(userId))) return '请先办理失业登记，登记通过后可申请就业困难人员认定';
    return null;
  }

  /** Files an application (idempotent per key); one in flight per account, exact under parallel taps. */
  async apply(userId: string, body: RecognitionApplyBody): Promise<RecognitionView> {
    if (body.sensitiveConsentVersion !== SENSITIVE_CONSENT.version) {
      throw badRequest('敏感个人信息处理说明已更新，请重新阅读后同意', [{ field: 'sensitiveConsentVersion', message: '同意书版本已更新' }], 'SENSITIVE_CONSENT_OUTDATED');
    }
    return this.c.atomically(`assist-user:${userId}`, async (tx) => {
      const open = (await this.Recognition.findOne({ openFor: userId }).lean()) as Rec | null;
      if (open) {
        if (open.submitKeys.includes(body.idempotencyKey)) return this.view(open);
        throw conflict('你已有一份就业困难人员认定申请正在办理，不能重复申请', 'RECOGNITION_OPEN');
      }
      const latest = await this.latest(userId);
      const reason = await this.cannotApply(userId, latest);
      if (reason) throw conflict(reason, 'CANNOT_APPLY');
      const reg = (await this.approvedRegistration(userId))!;
      const now = this.now();
      const _id = new Types.ObjectId();
      const applied: Applied = body.categories.map((c) => ({ category: c, note: body.evidence.find((e) => e.category === c)!.note }));
      let created: Rec;
      try {
        created = (await this.Recognition.create({
          _id, userId: new Types.ObjectId(userId), registrationId: reg._id, district: reg.district ?? null, centerCode: reg.centerCode ?? null,
          status: 'submitted', openFor: userId, appliedEnc: this.seal(_id.toString(), 'applied', applied), recognisedEnc: null,
          veteran: reg.form.unemploymentReason === 'veteran', submitKeys: [body.idempotencyKey], submittedAt: now,
          dueDate: addWorkdays(now, RECOGNITION_REVIEW_WORKDAYS, await this.deps.calendar.get()), steps: [], nextStepDue: null,
          timeline: [{ type: 'submitted', at: now, by: null, reason: null }],
        })).toObject() as Rec;
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('你已有一份就业困难人员认定申请正在办理，不能重复申请', 'RECOGNITION_OPEN');
        throw err;
      }
      tx.after(() => this.notify(created, 'submitted', `就业困难人员认定申请已提交，服务中心承诺在 ${created.dueDate} 前办结`));
      return this.view(created);
    });
  }

  // ---- what other modules read -------------------------------------------------------------

  /** The categories a person is recognised in today (approved and within validity), and when that record last changed. */
  async recognisedFor(userId: string): Promise<{ categories: AssistanceCategory[]; changedAt: Date } | null> {
    const rows = (await this.Recognition.find({ userId: new Types.ObjectId(userId), status: { $in: ['approved', 'expired'] } }).sort({ decidedAt: -1 }).limit(5).lean()) as Rec[];
    const valid = rows.find((r) => recognitionCounts(r, this.today()));
    const changedAt = rows[0] ? new Date(rows[0].updatedAt) : new Date(0);
    if (!valid) return rows.length ? { categories: [], changedAt } : null;
    return { categories: this.open<AssistanceCategory[]>(valid, 'recognised') ?? [], changedAt: new Date(valid.updatedAt) };
  }

  /** Accounts of the actor's scope that come first in the inbox: a recognition that counts today, or a registered veteran (退役未就业). */
  async priorityUsers(actor: StaffActor): Promise<Set<string>> {
    const rows = await this.Recognition.find({ status: 'approved', ...centerFilter(actor) }).select({ userId: 1, validUntil: 1, status: 1 }).lean();
    const today = this.today();
    const out = new Set(rows.filter((r) => recognitionCounts(r, today)).map((r) => r.userId.toString()));
    const veterans = await this.Registration.find({ ...centerFilter(actor), status: 'approved', 'form.unemploymentReason': 'veteran' }).select({ userId: 1 }).limit(5000).lean();
    for (const v of veterans) if (v.userId) out.add(v.userId.toString());
    return out;
  }

  /** Whether the person is a recognised 就业困难人员 today: an approved recognition within its validity (expiry ends it at once, before the daily job marks it). */
  async recognisedNow(userId: string): Promise<boolean> {
    const rows = await this.Recognition.find({ userId: new Types.ObjectId(userId), status: 'approved' }).select({ validUntil: 1, status: 1 }).limit(5).lean();
    const today = this.today();
    return rows.some((r) => recognitionCounts(r, today));
  }

  /**
   * One person by the rule of `priorityUsers`: recognised today, or a veteran (退役未就业) on their approved
   * registration. Reserved booking seats (services module) read it.
   */
  async isPriorityPerson(userId: string): Promise<boolean> {
    if (await this.recognisedNow(userId)) return true;
    return (await this.approvedRegistration(userId))?.form.unemploymentReason === 'veteran';
  }

  /** Applications waiting for a decision, for the workbench inbox (the registration's center). */
  async pendingForInbox(actor: StaffActor, limit = 1000) {
    const rows = (await this.Recognition.find({ status: 'submitted', ...centerFilter(actor) }).limit(limit).lean()) as Rec[];
    const regs = await this.registrationsOf(rows);
    return rows.map((r) => {
      const reg = regs.get(r.registrationId.toString());
      const applied = this.open<Applied>(r, 'applied') ?? [];
      return {
        id: r._id.toString(), userId: r.userId.toString(), veteran: r.veteran, title: (reg && this.deps.registrations.maskedNameOf(reg)) || '（未填姓名）',
        subtitle: `申请认定 ${applied.length} 项困难类别 · 承诺 ${RECOGNITION_REVIEW_WORKDAYS} 个工作日办结`, district: r.district, receivedAt: new Date(r.submittedAt), deadline: r.dueDate,
      };
    });
  }

  /** Recognised people with plan steps due today or earlier, one item per person (earliest due step). */
  async dueStepsForInbox(actor: StaffActor, limit = 1000) {
    const today = this.today();
    const rows = (await this.Recognition.find({ status: 'approved', ...centerFilter(actor), nextStepDue: { $ne: null, $lte: today } }).limit(limit).lean()) as Rec[];
    const regs = await this.registrationsOf(rows);
    return rows.filter((r) => recognitionCounts(r, today)).map((r) => {
      const due = r.steps.filter((s) => s.status === 'open' && s.dueDate <= today).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
      const reg = regs.get(r.registrationId.toString());
      return {
        id: r._id.toString(), userId: r.userId.toString(), veteran: r.veteran, title: (reg && this.deps.registrations.maskedNameOf(reg)) || '（未填姓名）',
        subtitle: `${due.length} 项帮扶措施到期：${due.map((s) => PLAN_STEP_LABELS[s.kind]).join('、')}${r.counsellor ? ` · 专人 ${r.counsellor.name}` : ' · 未指定专人'}`,
        district: r.district, receivedAt: new Date(due[0]!.createdAt), deadline: due[0]!.dueDate,
      };
    });
  }

  // ---- staff -----------------------------------------------------------------------------

  /** The district an application belongs to (its registration's), or undefined when there is none. */
  async districtOf(id: string): Promise<string | null | undefined> {
    const r = await this.Recognition.findById(id).select({ district: 1 }).lean().catch(() => null);
    return r ? (r.district ?? null) : undefined;
  }

  async queue(actor: StaffActor, q: { status?: string }) {
    const scope = centerFilter(actor);
    const filter: Record<string, unknown> = { ...scope };
    if (!q.status) filter.status = 'submitted';
    else if (q.status !== 'all') filter.status = q.status;
    const rows = (await this.Recognition.find(filter).sort({ dueDate: 1, submittedAt: 1 }).limit(500).lean()) as Rec[];
    const regs = await this.registrationsOf(rows);
    const today = this.today();
    const items = rows.map((r) => {
      const reg = regs.get(r.registrationId.toString());
      const counts = recognitionCounts(r, today);
      const cats = (r.status === 'approved' || r.status === 'expired' ? this.open<string[]>(r, 'recognised') : (this.open<Applied>(r, 'applied') ?? []).map((a) => a.category)) ?? [];
      return {
        id: r._id.toString(), nameMasked: reg ? this.deps.registrations.maskedNameOf(reg) : '', district: r.district, status: r.status, statusLabel: RECOGNITION_STATUS_LABELS[r.status],
        categories: cats.map(assistanceCategoryLabel), submittedAt: new Date(r.submittedAt).toISOString(), dueDate: r.dueDate, overdue: r.status === 'submitted' && r.dueDate < today,
        validUntil: r.validUntil, counsellorName: r.counsellor?.name ?? null, openSteps: r.steps.filter((s) => s.status === 'open').length,
        dueSteps: r.steps.filter((s) => s.status === 'open' && s.dueDate <= today).length, priority: counts || r.veteran,
      };
    });
    // Overdue first, then the soonest deadline; among equal deadlines recognised people and veterans first.
    items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate) || Number(b.priority) - Number(a.priority) || a.submittedAt.localeCompare(b.submittedAt));
    const grouped = await this.Recognition.aggregate<{ _id: string; n: number }>([{ $match: scope }, { $group: { _id: '$status', n: { $sum: 1 } } }]);
    return { items, counts: Object.fromEntries(grouped.map((g) => [g._id, g.n])) as Record<string, number> };
  }

  async detail(actor: StaffActor, id: string) {
    const r = await this.staffRec(actor, id);
    await this.deps.audit.record({ ...byStaff(actor), action: 'view_pii', subjectType: 'assistance_recognition', subjectId: id });
    const reg = (await this.Registration.findById(r.registrationId).lean()) as Reg | null;
    const identity = reg ? this.deps.registrations.identityOf(reg) : { realName: null, idNumber: null };
    const user = await this.User.findById(r.userId).select({ phoneEnc: 1 }).lean();
    return {
      recognition: await this.view(r),
      identity: {
        ...identity, phone: user?.phoneEnc ? this.deps.pii.decrypt(user.phoneEnc) : null, veteran: r.veteran,
        declaredHardships: reg ? this.deps.registrations.declaredHardships(reg).map(assistanceCategoryLabel) : [],
      },
      latestValidUntil: latestValidUntil(this.today()),
      zeroEmploymentHousehold: this.deps.householdFlag ? await this.deps.householdFlag(r.userId.toString()) : null,
    };
  }

  async decide(actor: StaffActor, id: string, body: RecognitionDecisionBody): Promise<RecognitionView> {
    await this.staffRec(actor, id);
    return this.c.atomically(`assist:${id}`, async (tx) => {
      const r = (await this.Recognition.findById(id).lean()) as Rec;
      if (r.status !== 'submitted') throw conflict(`这份申请当前为「${RECOGNITION_STATUS_LABELS[r.status]}」，不能再认定`, 'ALREADY_DECIDED');
      const now = this.now();
      const staffId = new Types.ObjectId(actor.id);
      const reason = body.reason ?? null;
      if (body.decision === 'approve') {
        const reg = (await this.Registration.findById(r.registrationId).select({ status: 1 }).lean()) as Pick<Reg, 'status'> | null;
        if (reg?.status !== 'approved') throw conflict('申请人的失业登记已不在有效状态（已办结或注销），不能认定；可退回或不予认定', 'REGISTRATION_NOT_ACTIVE');
        const problem = validUntilProblem(body.validUntil!, this.today());
        if (problem) throw badRequest(`有效期不正确：${problem}`, [{ field: 'validUntil', message: problem }]);
        const applied = (this.open<Applied>(r, 'applied') ?? []).map((a) => a.category);
        const recognised = body.categories ?? applied;
        const extra = recognised.filter((c) => !applied.includes(c));
        if (extra.length) throw badRequest(`只能认定申请人申请的类别，「${extra.map(assistanceCategoryLabel).join('、')}」没有申请`, [{ field: 'categories', message: '含有未申请的类别' }]);
        const unique = [...new Set(recognised)];
        await tx.write(this.Recognition, r._id, r.rev, {
          $set: {
            status: 'approved', decidedAt: now, decidedBy: staffId, decisionReason: reason, validFrom: this.today(), validUntil: body.validUntil,
            recognisedEnc: this.seal(id, 'recognised', unique), veteran: r.veteran || unique.includes('veteran_hardship'),
          },
          $unset: { openFor: 1 },
          $push: { timeline: { type: 'approved', at: now, by: staffId, reason: `认定类别：${unique.map(assistanceCategoryLabel).join('、')}；有效期至 ${body.validUntil}${reason ? `；${reason}` : ''}` } },
        });
      } else {
        const status = body.decision === 'return' ? 'returned' : 'rejected';
        await tx.write(this.Recognition, r._id, r.rev, {
          $set: { status, decidedAt: now, decidedBy: staffId, decisionReason: reason }, $unset: { openFor: 1 },
          $push: { timeline: { type: status, at: now, by: staffId, reason } },
        });
      }
      await this.deps.audit.record({ ...byStaff(actor), action: body.decision, subjectType: 'assistance_recognition', subjectId: id, reason });
      const updated = (await this.Recognition.findById(id).lean()) as Rec;
      const msg = body.decision === 'approve'
        ? `你已被认定为就业困难人员，有效期至 ${updated.validUntil}。服务中心将为你指定帮扶专人、制定就业援助计划。`
        : body.decision === 'return' ? `就业困难人员认定申请被退回：${reason}。补充后可重新申请。` : `就业困难人员认定申请未通过：${reason}`;
      const event = body.decision === 'approve' ? 'approved' : body.decision === 'return' ? 'returned' : 'rejected';
      tx.after(() => this.notify(updated, event, msg));
      if (body.decision === 'approve') tx.after(() => this.deps.onRecognitionChanged?.(updated.userId.toString()));
      return this.view(updated);
    });
  }

  /** Staff of the actor's center (the city administrator: of the record's center), who may be named counsellor. */
  async counsellors(actor: StaffActor) {
    if (!actor.center) return { items: [] };
    return { items: await this.staffOfCenter(actor.center.name) };
  }

  private async staffOfCenter(centerName: string) {
    const rows = await this.User.find({ roles: 'staff', serviceCenter: centerName, disabledAt: null }).select({ displayName: 1, phoneEnc: 1 }).limit(200).lean();
    return rows.map((u) => ({ id: u._id.toString(), name: u.displayName ?? '经办人员', phoneMasked: u.phoneEnc ? maskPhone(this.deps.pii.decrypt(u.phoneEnc)) : null }));
  }

  async assignCounsellor(actor: StaffActor, id: string, body: { staffId: string }): Promise<RecognitionView> {
    const r0 = await this.staffRec(actor, id);
    const center = centerByCode(r0.centerCode);
    const staff = await this.User.findById(body.staffId).select({ displayName: 1, roles: 1, serviceCenter: 1, disabledAt: 1 }).lean().catch(() => null);
    if (!staff || !(staff.roles ?? []).includes('staff') || staff.disabledAt || !center || staff.serviceCenter !== center.name) {
      throw badRequest(`帮扶专人须是${center?.name ?? '该服务中心'}的在岗经办人员`, [{ field: 'staffId', message: '不是本中心的经办人员' }]);
    }
    return this.c.atomically(`assist:${id}`, async (tx) => {
      const r = (await this.Recognition.findById(id).lean()) as Rec;
      this.assertRecognised(r);
      if (r.counsellor && r.counsellor.staffId.toString() === body.staffId) return this.view(r);
      const now = this.now();
      const name = staff.displayName ?? '经办人员';
      await tx.write(this.Recognition, r._id, r.rev, {
        $set: { counsellor: { staffId: new Types.ObjectId(body.staffId), name, assignedAt: now, assignedBy: new Types.ObjectId(actor.id) } },
        $push: { timeline: { type: 'counsellor', at: now, by: new Types.ObjectId(actor.id), reason: `${r.counsellor ? `由 ${r.counsellor.name} 改为 ` : ''}${name}` } },
      });
      await this.deps.audit.record({ ...byStaff(actor), action: 'assistance.counsellor', subjectType: 'assistance_recognition', subjectId: id, reason: name });
      const updated = (await this.Recognition.findById(id).lean()) as Rec;
      tx.after(() => this.notify(updated, `counsellor:${body.staffId}`, `服务中心已为你指定帮扶专人：${name}。有事可以在「就业援助」里联系 TA。`));
      return this.view(updated);
    });
  }

  async addStep(actor: StaffActor, id: string, body: PlanStepBody): Promise<RecognitionView> {
    await this.staffRec(actor, id);
    if (body.dueDate < this.today()) throw badRequest('完成期限不能早于今天', [{ field: 'dueDate', message: '不能早于今天' }]);
    return this.c.atomically(`assist:${id}`, async (tx) => {
      const r = (await this.Recognition.findById(id).lean()) as Rec;
      this.assertRecognised(r);
      if (body.dueDate > r.validUntil!) throw badRequest(`完成期限不能晚于认定有效期 ${r.validUntil}`, [{ field: 'dueDate', message: `不晚于 ${r.validUntil}` }]);
      // The same step entered again (a double tap, a retry) is one step.
      if (r.steps.some((s) => s.status === 'open' && s.kind === body.kind && s.title === body.title && s.dueDate === body.dueDate)) return this.view(r);
      if (r.steps.length >= 50) throw badRequest('一份援助计划最多 50 项措施', [{ field: 'kind', message: '措施太多' }]);
      const now = this.now();
      const step = { _id: new Types.ObjectId(), kind: body.kind, title: body.title, dueDate: body.dueDate, status: 'open', referrals: [], followUps: [], doneAt: null, doneNote: null, createdBy: new Types.ObjectId(actor.id), createdAt: now };
      await this.writeSteps(tx, r, [...r.steps, step as PlanStep], {
        $push: { steps: step, timeline: { type: 'step_added', at: now, by: new Types.ObjectId(actor.id), reason: `${PLAN_STEP_LABELS[body.kind]}：${body.title}（${body.dueDate} 前）` } },
      });
      await this.deps.audit.record({ ...byStaff(actor), action: 'assistance.plan_step', subjectType: 'assistance_recognition', subjectId: id, reason: `${PLAN_STEP_LABELS[body.kind]}：${body.title}` });
      const updated = (await this.Recognition.findById(id).lean()) as Rec;
      tx.after(() => this.notify(updated, `step:${step._id.toString()}`, `你的就业援助计划新增一项：${PLAN_STEP_LABELS[body.kind]}「${body.title}」，${body.dueDate} 前完成。`));
      return this.view(updated);
    });
  }

  async addFollowUp(actor: StaffActor, id: string, stepId: string, body: { channel: string; note: string }): Promise<RecognitionView> {
    await this.staffRec(actor, id);
    return this.onStep(actor, id, stepId, async (tx, r, i) => {
      const s = r.steps[i]!;
      const day = this.today();
      const last = s.followUps[s.followUps.length - 1];
      // The same follow-up recorded again by the same person on the same day is one follow-up.
      if (last && last.day === day && last.by.toString() === actor.id && last.channel === body.channel && last.note === body.note) return false;
      await tx.write(this.Recognition, r._id, r.rev, {
        $push: { [`steps.${i}.followUps`]: { at: this.now(), day, channel: body.channel, note: body.note, by: new Types.ObjectId(actor.id), byName: actor.name } },
      });
      await this.deps.audit.record({ ...byStaff(actor), action: 'assistance.follow_up', subjectType: 'assistance_recognition', subjectId: id, reason: `${PLAN_STEP_LABELS[s.kind]}：${body.note}` });
      return true;
    });
  }

  /**
   * A vacancy referral (岗位推荐 through the vacancies module) of a recognised person also counts on their plan:
   * it is recorded on the first open 岗位推荐 step of their valid recognition, if there is one (the person was
   * already told about the vacancy, so no second notice). null: no such step.
   */
  async recordVacancyReferral(actor: StaffActor, userId: string, body: { employer: string; position: string; referredOn: string }): Promise<RecognitionView | null> {
    const rows = (await this.Recognition.find({ userId: new Types.ObjectId(userId), status: 'approved' }).sort({ decidedAt: -1 }).limit(5).lean()) as Rec[];
    const r = rows.find((x) => recognitionCounts(x, this.today()) && sees(actor, x.district ?? null));
    const step = r?.steps.find((x) => x.kind === 'job_referral' && x.status === 'open');
    if (!r || !step) return null;
    return this.addReferral(actor, r._id.toString(), step._id.toString(), body, { quiet: true });
  }

  async addReferral(actor: StaffActor, id: string, stepId: string, body: { employer: string; position: string; referredOn: string }, opts: { quiet?: boolean } = {}): Promise<RecognitionView> {
    await this.staffRec(actor, id);
    if (body.referredOn > this.today()) throw badRequest('推荐日期不能晚于今天', [{ field: 'referredOn', message: '不能晚于今天' }]);
    return this.onStep(actor, id, stepId, async (tx, r, i) => {
      const s = r.steps[i]!;
      if (s.kind !== 'job_referral') throw badRequest('只有「岗位推荐」措施可以登记推荐的岗位', [{ field: 'stepId', message: '不是岗位推荐措施' }]);
      if (s.status !== 'open') throw conflict('这项措施已经办结', 'STEP_DONE');
      if (s.referrals.some((x) => x.employer === body.employer && x.position === body.position)) return false;
      await tx.write(this.Recognition, r._id, r.rev, {
        $push: { [`steps.${i}.referrals`]: { employer: body.employer, position: body.position, referredOn: body.referredOn, at: this.now(), by: new Types.ObjectId(actor.id) } },
      });
      await this.deps.audit.record({ ...byStaff(actor), action: 'assistance.referral', subjectType: 'assistance_recognition', subjectId: id, reason: `${body.employer} · ${body.position}` });
      const updated = (await this.Recognition.findById(id).lean()) as Rec;
      if (!opts.quiet) tx.after(() => this.notify(updated, `referral:${stepId}:${s.referrals.length + 1}`, `帮扶专人为你推荐了岗位：${body.employer}「${body.position}」，可联系专人了解详情。`));
      return true;
    });
  }

  async completeStep(actor: StaffActor, id: string, stepId: string, body: { note?: string }): Promise<RecognitionView> {
    await this.staffRec(actor, id);
    return this.onStep(actor, id, stepId, async (tx, r, i) => {
      const s = r.steps[i]!;
      if (s.status === 'done') return false;
      const problem = stepCompletionProblem(s);
      if (problem) throw badRequest(problem, [{ field: 'referrals', message: problem }], 'TOO_FEW_REFERRALS');
      const now = this.now();
      const steps = r.steps.map((x, j) => (j === i ? { ...x, status: 'done' as const } : x));
      await this.writeSteps(tx, r, steps, {
        $set: { [`steps.${i}.status`]: 'done', [`steps.${i}.doneAt`]: now, [`steps.${i}.doneNote`]: body.note ?? null },
        $push: { timeline: { type: 'step_done', at: now, by: new Types.ObjectId(actor.id), reason: `${PLAN_STEP_LABELS[s.kind]}：${s.title}${body.note ? `（${body.note}）` : ''}` } },
      });
      await this.deps.audit.record({ ...byStaff(actor), action: 'assistance.step_done', subjectType: 'assistance_recognition', subjectId: id, reason: `${PLAN_STEP_LABELS[s.kind]}：${s.title}` });
      return true;
    });
  }

  /** Recognitions past their validity stop counting: each becomes 已过有效期 (once, fenced) and the person's facts are derived again. */
  async expireDue(): Promise<{ expired: number }> {
    const today = this.today();
    const rows = await this.Recognition.find({ status: 'approved', validUntil: { $lt: today } }).select({ _id: 1 }).limit(5000).lean();
    let expired = 0;
    for (const row of rows) {
      const done = await this.c.atomically(`assist:${row._id.toString()}`, async (tx) => {
        const r = (await this.Recognition.findById(row._id).lean()) as Rec;
        if (r.status !== 'approved' || !r.validUntil || r.validUntil >= today) return false;
        const now = this.now();
        await tx.write(this.Recognition, r._id, r.rev, {
          $set: { status: 'expired', nextStepDue: null }, $push: { timeline: { type: 'expired', at: now, by: null, reason: `有效期至 ${r.validUntil}` } },
        });
        const updated = (await this.Recognition.findById(r._id).lean()) as Rec;
        tx.after(() => this.notify(updated, 'expired', `你的就业困难人员认定已于 ${r.validUntil} 到期。仍有困难的，可以在「就业援助」里重新申请认定。`));
        tx.after(() => this.deps.onRecognitionChanged?.(updated.userId.toString()));
        return true;
      }).catch((err) => { this.deps.logger?.warn({ err: (err as Error).message }, 'recognition expiry failed; retried next run'); return false; });
      if (done) expired += 1;
    }
    return { expired };
  }

  // ---- helpers ---------------------------------------------------------------------------

  private async onStep(actor: StaffActor, id: string, stepId: string, fn: (tx: Tx, r: Rec, i: number) => Promise<boolean>): Promise<RecognitionView> {
    return this.c.atomically(`assist:${id}`, async (tx) => {
      const r = (await this.Recognition.findById(id).lean()) as Rec;
      this.assertRecognised(r);
      const i = r.steps.findIndex((s) => s._id.toString() === stepId);
      if (i < 0) throw notFound('找不到这项帮扶措施');
      await fn(tx, r, i);
      return this.view((await this.Recognition.findById(id).lean()) as Rec);
    });
  }

  /** Writes a change of the steps with the earliest open due date kept beside them (the inbox query). */
  private async writeSteps(tx: Tx, r: Rec, steps: Pick<PlanStep, 'status' | 'dueDate'>[], update: Record<string, unknown>) {
    const next = steps.filter((s) => s.status === 'open').map((s) => s.dueDate).sort()[0] ?? null;
    const set = { ...(update.$set as Record<string, unknown> | undefined), nextStepDue: next };
    await tx.write(this.Recognition, r._id, r.rev, { ...update, $set: set });
  }

  private assertRecognised(r: Rec): void {
    if (!recognitionCounts(r, this.today())) {
      throw conflict(r.status === 'approved' ? '认定已过有效期，请先重新认定' : `这份申请当前为「${RECOGNITION_STATUS_LABELS[r.status]}」，认定后才能制定援助计划`, 'NOT_RECOGNISED');
    }
  }

  private async staffRec(actor: StaffActor, id: string): Promise<Rec> {
    const r = (await this.Recognition.findOne({ _id: id, ...centerFilter(actor) }).lean()) as Rec | null;
    if (!r) throw notFound('找不到这份就业困难人员认定');
    return r;
  }

  private registrationsOf(rows: Rec[]): Promise<Map<string, Reg>> {
    return this.deps.registrations.byIds(rows.map((c) => c.registrationId.toString()));
  }

  private seal(id: string, field: 'applied' | 'recognised', value: unknown): string {
    return this.deps.pii.encryptFor(JSON.stringify(value), `assistance_recognitions/${id}/${field}`);
  }

  private open<T>(r: Rec, field: 'applied' | 'recognised'): T | null {
    const enc = field === 'applied' ? r.appliedEnc : r.recognisedEnc;
    return enc ? (JSON.parse(this.deps.pii.decryptFor(enc, `assistance_recognitions/${r._id.toString()}/${field}`)) as T) : null;
  }

  private async notify(r: Rec, event: string, body: string) {
    const kind = event.split(':')[0]!;
    await this.deps.notifier.notify(r.userId.toString(), {
      kind: `assistance.${kind}`, title: `就业援助：${EVENT_LABELS[kind] ?? (kind === 'referral' ? '岗位推荐' : kind === 'step' ? '援助计划' : kind)}`, body, page: ASSISTANCE_WORKER_PAGE,
      dedupeKey: `assistance:${r._id.toString()}:${event}`,
    });
  }

  async view(r: Rec): Promise<RecognitionView> {
    const today = this.today();
    const applied = this.open<Applied>(r, 'applied') ?? [];
    const recognised = this.open<AssistanceCategory[]>(r, 'recognised') ?? [];
    let counsellor: RecognitionView['counsellor'] = null;
    if (r.counsellor) {
      const u = await this.User.findById(r.counsellor.staffId).select({ phoneEnc: 1 }).lean();
      const center = centerByCode(r.centerCode);
      counsellor = {
        name: r.counsellor.name, phoneMasked: u?.phoneEnc ? maskPhone(this.deps.pii.decrypt(u.phoneEnc)) : null,
        center: center?.name ?? '', centerPhone: center?.phone ?? '12333', assignedAt: new Date(r.counsellor.assignedAt).toISOString(),
      };
    }
    return {
      id: r._id.toString(), registrationId: r.registrationId.toString(), status: r.status, statusLabel: RECOGNITION_STATUS_LABELS[r.status], counts: recognitionCounts(r, today),
      applied: applied.map((a) => ({ category: a.category, label: assistanceCategoryLabel(a.category), note: a.note })),
      recognised: recognised.map((c) => ({ category: c, label: assistanceCategoryLabel(c) })),
      submittedAt: new Date(r.submittedAt).toISOString(), dueDate: r.dueDate, decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null, decisionReason: r.decisionReason,
      validFrom: r.validFrom, validUntil: r.validUntil, counsellor,
      plan: [...r.steps].sort((a, b) => a.dueDate.localeCompare(b.dueDate)).map((s) => ({
        id: s._id.toString(), kind: s.kind, kindLabel: PLAN_STEP_LABELS[s.kind], title: s.title, dueDate: s.dueDate, status: s.status, overdue: s.status === 'open' && s.dueDate < today,
        doneAt: s.doneAt ? new Date(s.doneAt).toISOString() : null, doneNote: s.doneNote,
        referrals: s.referrals.map((x) => ({ employer: x.employer, position: x.position, referredOn: x.referredOn })),
        followUps: s.followUps.map((f) => ({ at: new Date(f.at).toISOString(), channel: f.channel, note: f.note, byName: f.byName })),
      })),
      timeline: r.timeline.map((e) => ({ type: e.type, label: EVENT_LABELS[e.type] ?? e.type, at: new Date(e.at).toISOString(), reason: e.reason })),
    };
  }
}

