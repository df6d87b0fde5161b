import { Types, type Connection, type Model } from 'mongoose';
import type { Logger } from 'pino';
import {
  EMPLOYER_FAULT_LABELS, INSURANCE_CLAIM_STATUS_LABELS, INSURANCE_COMMITMENT, INSURANCE_LEDGER_COLUMNS, INSURANCE_MATERIALS, INSURANCE_MATERIAL_LABELS,
  EXIT_REASON_RULES, exitReasonLabel, INSURANCE_STOP_LABELS, UNEMPLOYMENT_REASON_LABELS, addMonths, addWorkdays, carriedOverFrom, checkInsuranceEligibility, entitlement, insuredMonths,
  insuredPeriodProblems, maskBankAccount, maskIdNumber, monthIndex, monthOf, monthlyBenefit, paymentRefusal, stopFromMonth, summarize, toChinaDateString,
  validateIdDocument, workdaysLeft,
  type EmployerFault, type InsuranceClaimBody, type InsuranceClaimView, type InsuranceStandard, type InsuranceStopReason, type UnemploymentReason,
} from '@doorstep/shared';
import { Consistency } from '../../db/consistency';
import { isDuplicateKey } from '../../db/errors';
import type { HandledCase } from '../ratings/case';
import { AppError, badRequest, conflict, notFound } from '../../http/errors';
import type { Pii } from '../../security/pii';
import { byStaff, type AuditService } from '../audit/service';
import type { CalendarService } from '../calendar/service';
import type { Notifier } from '../notifications/service';
import type { Registration } from '../registration/model';
import type { RegistrationService } from '../registration/service';
import { centerFilter, type StaffActor } from '../staff/actor';
import { insuranceModels, type InsuranceClaim, type InsurancePayment } from './model';

type Claim = InsuranceClaim & { _id: Types.ObjectId };
type Reg = Registration & { _id: Types.ObjectId };

/**
 * Working days staff have to decide a claim: the same promise as the unemployment registration it is
 * filed with (人社部发〔2018〕77号: 7 working days); 失业保险金申领发放办法 asks for 10 days.
 */
export const CLAIM_REVIEW_WORKDAYS = 7;
const WORKER_PAGE = '/packages/worker-insurance/pages/claim/index';
const REQUIRED_MATERIALS = ['id_card', 'separation_proof', 'bank_card'] as const;
const EVENT_LABELS: Record<string, string> = {
  submitted: '提交申领', approved: '核定通过', rejected: '不予核定', paid: '发放', stopped: '停发', ended: '已领完',
};
const PENDING_REG = ['submitted', 'under_review'];

export interface InsuranceDeps {
  conn: Connection;
  pii: Pii;
  audit: AuditService;
  calendar: CalendarService;
  notifier: Notifier;
  registrations: RegistrationService;
  /** The current 失业保险金 standard (city settings). */
  standard: () => Promise<InsuranceStandard>;
  now?: () => number;
  logger?: Logger;
}

/** What recording one month's payment came to. */
type PayOutcome = { kind: 'created' | 'unchanged'; claim: Claim };

export class InsuranceService {
  readonly Claim: Model<InsuranceClaim>;
  readonly Payment: Model<InsurancePayment>;
  private readonly c: Consistency;
  private readonly nowFn: () => number;

  constructor(private readonly deps: InsuranceDeps) {
    const m = insuranceModels(deps.conn);
    this.Claim = m.Claim;
    this.Payment = m.Payment;
    this.c = new Consistency(deps.conn, { onEffectError: (err, key) => deps.logger?.warn({ err: (err as Error).message, key }, 'insurance after-effect failed') });
    this.nowFn = deps.now ?? Date.now;
  }

  private now(): Date { return new Date(this.nowFn()); }
  private currentMonth(): string { return monthOf(this.now()); }
  private get Registration() { return this.deps.registrations.Registration; }

  // ---- worker ----------------------------------------------------------------------------

  async mine(userId: string) {
    const claim = (await this.Claim.findOne({ userId }).sort({ createdAt: -1 }).lean()) as Claim | null;
    const reg = (await this.Registration.findOne({ openFor: userId }).lean()) as Reg | null;
    let cannotFileReason: string | null = null;
    if (claim && (claim.status === 'submitted' || claim.status === 'approved')) cannotFileReason = '已有一份正在办理或领取中的申领';
    else if (!reg || !['submitted', 'under_review', 'approved'].includes(reg.status)) cannotFileReason = '请先办理失业登记（提交后即可同时申领）';
    return {
      claim: claim ? await this.view(claim) : null,
      commitment: { version: INSURANCE_COMMITMENT.version, text: INSURANCE_COMMITMENT.text },
      monthlyAmount: monthlyBenefit(await this.deps.standard()),
      canFile: cannotFileReason === null,
      cannotFileReason,
    };
  }

  /**
   * Files a claim with the person's open registration (submitted, in review or approved). Serialised per
   * account (`ins-user:<uid>`): a retry with the same idempotency key answers the same claim.
   */
  async file(userId: string, body: InsuranceClaimBody): Promise<InsuranceClaimView> {
    return this.c.atomically(`ins-user:${userId}`, async (tx) => {
      const open = (await this.Claim.findOne({ openFor: userId }).lean()) as Claim | null;
      if (open) {
        if (open.submitKeys.includes(body.idempotencyKey)) return this.view(open);
        throw conflict('你已有一份正在办理或领取中的失业保险金申领，不能重复申领', 'CLAIM_OPEN');
      }
      if (body.commitmentVersion !== INSURANCE_COMMITMENT.version) throw badRequest('书面承诺内容已更新，请重新阅读后确认', [{ field: 'commitmentVersion', message: '承诺版本已更新' }], 'COMMITMENT_OUTDATED');
      const month = this.currentMonth();
      const problems = body.history.flatMap((p, i) => insuredPeriodProblems(p, month).map((x) => ({ field: `history.${i}.${x.field}`, message: x.message })));
      if (problems.length) throw badRequest(`参保缴费记录第 ${Number(problems[0]!.field.split('.')[1]) + 1} 段：${problems[0]!.message}`, problems);

      const reg = (await this.Registration.findOne({ openFor: userId }).lean()) as Reg | null;
      const reason = (reg?.form.unemploymentReason ?? null) as UnemploymentReason | null;
      if (body.employerFault && reason !== 'resigned') throw badRequest('只有失业原因为“个人辞职”时才需要填写单位过错的情形', [{ field: 'employerFault', message: '失业原因不是个人辞职' }]);
      const needed: string[] = [...REQUIRED_MATERIALS, ...(body.employerFault ? ['employer_fault_proof'] : [])];
      const missing = needed.filter((m) => !body.materials.includes(m as never));
      if (missing.length) {
        throw badRequest(`还缺材料：${missing.map((m) => INSURANCE_MATERIAL_LABELS[m as keyof typeof INSURANCE_MATERIAL_LABELS]).join('、')}`, missing.map((m) => ({ field: 'materials', message: `请准备：${INSURANCE_MATERIAL_LABELS[m as keyof typeof INSURANCE_MATERIAL_LABELS]}` })), 'MATERIALS_MISSING');
      }

      const prev = reg?.idHash ? await this.previousSpell(reg.idHash, userId) : await this.previousSpell(null, userId);
      const countAfter = prev ? this.lastBenefitMonth(prev) : null;
      const insured = insuredMonths(body.history, countAfter);
      const carried = prev ? carriedOverFrom({ totalMonths: prev.totalMonths, paidMonths: prev.paidMonths.length - summarize(this.schedule(prev)).overpaidMonths.length, stopReason: prev.stop?.reason ?? null }) : 0;
      const regState = !reg ? 'none' : reg.status === 'approved' ? 'approved' : PENDING_REG.includes(reg.status) ? 'pending' : 'none';
      const elig = checkInsuranceEligibility({
        insuredMonths: insured, unemploymentReason: reason, employerFault: (body.employerFault ?? null) as EmployerFault | null, registration: regState,
        wantsWork: reg?.form.wantsWork ?? false, currentlyEmployed: reg?.form.currentlyEmployed ?? false, stage: 'filing',
      });
      if (!elig.eligible) throw this.notEligible(elig.failed);

      const now = this.now();
      const ent = entitlement(insured, carried);
      const dueDate = addWorkdays(now, CLAIM_REVIEW_WORKDAYS, await this.deps.calendar.get());
      const _id = new Types.ObjectId();
      let created: Claim;
      try {
        created = (await this.Claim.create({
          _id, userId, registrationId: reg!._id, idHash: reg!.idHash ?? null, district: reg!.district ?? null, centerCode: reg!.centerCode ?? null,
          status: 'submitted', openFor: userId, history: body.history, unemploymentReason: reason, employerFault: body.employerFault ?? null,
          materials: [...new Set(body.materials)], bankName: body.bankName, bankAccountEnc: this.deps.pii.encryptFor(body.bankAccount.replace(/\s+/g, ''), this.aad(_id.toString())),
          commitment: { version: body.commitmentVersion, acceptedAt: now }, submitKeys: [body.idempotencyKey],
          insuredMonths: insured, countAfter, baseMonths: ent.baseMonths, carriedOverMonths: ent.carriedOverMonths, totalMonths: 0,
          monthlyAmount: monthlyBenefit(await this.deps.standard()), startMonth: monthOf(now), paidMonths: [], submittedAt: now, dueDate,
          timeline: [{ type: 'submitted', at: now, by: null, reason: null }],
        })).toObject() as Claim;
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('你已有一份正在办理或领取中的失业保险金申领，不能重复申领', 'CLAIM_OPEN');
        throw err;
      }
      tx.after(() => this.notify(created, 'submitted', `失业保险金申领已提交，承诺在 ${dueDate} 前审核`));
      return this.view(created);
    });
  }

  // ---- staff -----------------------------------------------------------------------------

  /** 好差评: a claim is handled once staff decided it (核定 or 不予核定; a stopped or finished claim was decided before). */
  async handledCaseOf(id: string): Promise<HandledCase | null> {
    const claim = await this.Claim.findById(id).select({ userId: 1, status: 1, centerCode: 1 }).lean().catch(() => null);
    if (!claim) return null;
    const handled = claim.status !== 'submitted';
    return {
      ownerId: claim.userId.toString(), handled, pendingReason: handled ? null : '失业保险金申领审核完成后才能评价',
      district: (await this.districtOf(id)) ?? null, centerCode: claim.centerCode ?? null, title: `失业保险金申领 · ${INSURANCE_CLAIM_STATUS_LABELS[claim.status]}`,
    };
  }

  /** The district a claim belongs to for the staff scope: its registration's (undefined: no such claim). */
  async districtOf(id: string): Promise<string | null | undefined> {
    const claim = await this.Claim.findById(id).select({ registrationId: 1, district: 1 }).lean().catch(() => null);
    if (!claim) return undefined;
    const reg = await this.Registration.findById(claim.registrationId).select({ district: 1 }).lean();
    return (reg?.district ?? claim.district) ?? null;
  }

  async queue(actor: StaffActor, q: { status?: string }) {
    const scope = centerFilter(actor);
    const filter: Record<string, unknown> = { ...scope };
    if (!q.status) filter.status = 'submitted';
    else if (q.status !== 'all') filter.status = q.status;
    const rows = (await this.Claim.find(filter).sort({ dueDate: 1, submittedAt: 1 }).limit(500).lean()) as Claim[];
    const regs = await this.registrationsOf(rows);
    const today = toChinaDateString(this.now());
    const cal = await this.deps.calendar.get();
    const items = rows.map((c) => {
      const reg = regs.get(c.registrationId.toString());
      const id = reg ? this.deps.registrations.identityOf(reg) : { realName: null, idNumber: null };
      const pending = c.status === 'submitted';
      const overdue = pending && c.dueDate < today;
      return {
        id: c._id.toString(), nameMasked: reg ? this.deps.registrations.maskedNameOf(reg) : '', idNumberMasked: id.idNumber ? maskIdNumber(id.idNumber) : '',
        district: c.district, status: c.status, statusLabel: INSURANCE_CLAIM_STATUS_LABELS[c.status], submittedAt: new Date(c.submittedAt).toISOString(), dueDate: c.dueDate, overdue,
        workdaysLeft: pending ? workdaysLeft(today, c.dueDate, cal) : null,
        monthsApproved: c.totalMonths, monthsPaid: c.paidMonths.length,
      };
    });
    items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate));
    const grouped = await this.Claim.aggregate<{ _id: string; n: number }>([{ $match: scope }, { $group: { _id: '$status', n: { $sum: 1 } } }]);
    return { items, counts: Object.fromEntries(grouped.map((g) => [g._id, g.n])) as Record<string, number> };
  }

  /**
   * Claims waiting for a decision, for the workbench inbox: the actor's center only (the registration's
   * center, stored on the claim at filing), masked names, the working-day deadline set at filing.
   */
  async pendingForInbox(actor: StaffActor, limit = 1000): Promise<{ id: string; userId: string; veteran: boolean; title: string; subtitle: string; district: string | null; receivedAt: Date; deadline: string }[]> {
    const rows = (await this.Claim.find({ status: 'submitted', ...centerFilter(actor) })
      .select({ userId: 1, registrationId: 1, district: 1, insuredMonths: 1, submittedAt: 1, dueDate: 1, employerFault: 1 }).limit(limit).lean()) as Claim[];
    const regs = await this.registrationsOf(rows);
    return rows.map((c) => {
      const reg = regs.get(c.registrationId.toString());
      return {
        id: c._id.toString(), userId: c.userId.toString(), veteran: reg?.form.unemploymentReason === 'veteran', title: (reg && this.deps.registrations.maskedNameOf(reg)) || '（未填姓名）',
        subtitle: `累计缴费 ${c.insuredMonths} 个月${c.employerFault ? ' · 因单位过错辞职' : ''} · 承诺 ${CLAIM_REVIEW_WORKDAYS} 个工作日审核`,
        district: (reg?.district ?? c.district) ?? null, receivedAt: new Date(c.submittedAt), deadline: c.dueDate,
      };
    });
  }

  async detail(actor: StaffActor, id: string) {
    const claim = await this.staffClaim(actor, id);
    await this.deps.audit.record({ ...byStaff(actor), action: 'view_pii', subjectType: 'insurance_claim', subjectId: id });
    const reg = (await this.Registration.findById(claim.registrationId).lean()) as Reg | null;
    const identity = reg ? this.deps.registrations.identityOf(reg) : { realName: null, idNumber: null };
    const check = this.approvalCheck(claim, reg, false);
    return {
      claim: await this.view(claim),
      identity: { ...identity, bankAccount: this.bankAccountOf(claim) },
      approvalCheck: { eligible: check.eligible, failed: check.failed },
    };
  }

  async decide(actor: StaffActor, id: string, body: { decision: 'approve' | 'reject'; reason?: string; involuntaryConfirmed?: boolean }): Promise<InsuranceClaimView> {
    await this.staffClaim(actor, id);
    return this.c.atomically(`ins-claim:${id}`, async (tx) => {
      const claim = (await this.Claim.findById(id).lean()) as Claim;
      if (claim.status !== 'submitted') throw conflict(`这份申领当前为「${INSURANCE_CLAIM_STATUS_LABELS[claim.status]}」，不能再审核`, 'ALREADY_DECIDED');
      const now = this.now();
      const reason = body.reason ?? null;
      const staffId = new Types.ObjectId(actor.id);
      if (body.decision === 'reject') {
        await tx.write(this.Claim, claim._id, claim.rev, {
          $set: { status: 'rejected', decidedAt: now, decisionReason: reason }, $unset: { openFor: 1 },
          $push: { timeline: { type: 'rejected', at: now, by: staffId, reason } },
        });
      } else {
        const reg = (await this.Registration.findById(claim.registrationId).lean()) as Reg | null;
        const check = this.approvalCheck(claim, reg, body.involuntaryConfirmed === true);
        if (!check.eligible) throw this.notEligible(check.failed);
        // One claim drawing benefit per person, exact under parallel approvals of two accounts' claims.
        let claimed = false;
        if (claim.idHash) {
          try {
            await this.Claim.updateOne({ _id: claim._id }, { $set: { activeIdHash: claim.idHash } });
            claimed = true;
          } catch (err) {
            if (isDuplicateKey(err)) throw conflict('该证件号已有一份领取中的失业保险金（另一账号），请先核实', 'ID_ALREADY_ACTIVE');
            throw err;
          }
        }
        const ent = entitlement(claim.insuredMonths, claim.carriedOverMonths);
        try {
          await tx.write(this.Claim, claim._id, claim.rev, {
            $set: {
              status: 'approved', decidedAt: now, decisionReason: reason, baseMonths: ent.baseMonths, totalMonths: ent.totalMonths,
              monthlyAmount: monthlyBenefit(await this.deps.standard()),
            },
            $push: { timeline: { type: 'approved', at: now, by: staffId, reason: reason ?? `核定 ${ent.totalMonths} 个月${ent.carriedOverMonths ? `（含上次未领 ${ent.carriedOverMonths} 个月${ent.capped ? '，最长 24 个月' : ''}）` : ''}` } },
          });
        } catch (err) {
          if (claimed) await this.Claim.updateOne({ _id: claim._id, status: 'submitted' }, { $unset: { activeIdHash: 1 } });
          throw err;
        }
      }
      await this.deps.audit.record({ ...byStaff(actor), action: body.decision, subjectType: 'insurance_claim', subjectId: id, reason });
      const updated = (await this.Claim.findById(id).lean()) as Claim;
      const msg = body.decision === 'approve'
        ? `失业保险金已核定：${updated.totalMonths} 个月，每月 ${updated.monthlyAmount} 元，从 ${updated.startMonth} 起按月发放`
        : `失业保险金申领未通过：${reason}`;
      tx.after(() => this.notify(updated, body.decision === 'approve' ? 'approved' : 'rejected', msg));
      return this.view(updated);
    });
  }

  /** Staff record one month's payment (a repeated identical call changes nothing). */
  async recordPayment(actor: StaffActor, id: string, body: { month: string; amount?: number; serialNo?: string }) {
    await this.staffClaim(actor, id);
    const out = await this.pay(actor, id, { ...body, source: 'staff' });
    if (out.kind === 'created') await this.deps.audit.record({ ...byStaff(actor), action: 'insurance.payment', subjectType: 'insurance_claim', subjectId: id, reason: `${body.month} 发放` });
    return { created: out.kind === 'created', claim: await this.view(out.claim) };
  }

  /** One month's payment under the claim's key: refused (AppError) or created, or unchanged when the same payment is already there. */
  private async pay(actor: StaffActor, id: string, p: { month: string; amount?: number; serialNo?: string; source: 'staff' | 'import' }): Promise<PayOutcome> {
    // Read-only fast path: the same payment already recorded (a repeated tap, a re-imported file) needs no lock.
    const known = await this.Payment.findOne({ claimId: new Types.ObjectId(id), month: p.month }).lean();
    if (known && (p.amount === undefined || sameAmount(known.amount, p.amount)) && (p.serialNo === undefined || known.serialNo === p.serialNo)) {
      return { kind: 'unchanged', claim: (await this.Claim.findById(id).lean()) as Claim };
    }
    return this.c.atomically(`ins-claim:${id}`, async (tx) => {
      const claim = (await this.Claim.findById(id).lean()) as Claim;
      const serialNo = p.serialNo ?? `M-${id}-${p.month}`;
      const existing = await this.Payment.findOne({ claimId: claim._id, month: p.month }).lean();
      if (existing) {
        if ((p.amount === undefined || sameAmount(existing.amount, p.amount)) && (p.serialNo === undefined || existing.serialNo === p.serialNo)) return { kind: 'unchanged', claim };
        throw conflict(`${p.month} 已经发放过（流水号 ${existing.serialNo}），同一个月不能重复发放`, 'MONTH_ALREADY_PAID');
      }
      if (claim.status === 'submitted' || claim.status === 'rejected') throw conflict('这份申领还没有核定通过，不能发放', 'NOT_APPROVED');
      const refusal = paymentRefusal(this.schedule(claim), p.month, this.currentMonth());
      if (refusal) throw badRequest(refusal, [{ field: 'month', message: refusal }], 'MONTH_NOT_PAYABLE');
      const amount = p.amount ?? claim.monthlyAmount;
      if (!sameAmount(amount, claim.monthlyAmount)) throw badRequest(`金额 ${amount} 元与核定的每月 ${claim.monthlyAmount} 元不符`, [{ field: 'amount', message: `应为 ${claim.monthlyAmount} 元` }], 'AMOUNT_MISMATCH');
      const now = this.now();
      let payment;
      try {
        payment = await this.Payment.create({
          claimId: claim._id, userId: claim.userId, idHash: claim.idHash, district: claim.district, centerCode: claim.centerCode, month: p.month,
          amount: claim.monthlyAmount, serialNo, source: p.source, by: new Types.ObjectId(actor.id), paidAt: now,
        });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const same = await this.Payment.findOne({ claimId: claim._id, month: p.month }).lean();
        if (same) throw conflict(`${p.month} 已经发放过（流水号 ${same.serialNo}），同一个月不能重复发放`, 'MONTH_ALREADY_PAID');
        throw conflict(`流水号 ${serialNo} 已用于另一笔发放`, 'SERIAL_USED');
      }
      const paid = [...claim.paidMonths, p.month];
      const done = claim.status === 'approved' && summarize({ ...this.schedule(claim), paidMonths: paid }).monthsRemaining === 0;
      try {
        await tx.write(this.Claim, claim._id, claim.rev, {
          $push: { paidMonths: p.month, timeline: { type: 'paid', at: now, by: new Types.ObjectId(actor.id), reason: `${p.month} ${claim.monthlyAmount} 元` } },
          ...(done ? { $set: { status: 'ended' }, $unset: { openFor: 1, activeIdHash: 1 } } : {}),
        });
      } catch (err) {
        await this.Payment.deleteOne({ _id: payment._id });
        throw err;
      }
      const updated = (await this.Claim.findById(id).lean()) as Claim;
      tx.after(() => this.notify(updated, `paid:${p.month}`, `${p.month} 失业保险金 ${claim.monthlyAmount} 元已发放到尾号 ${maskBankAccount(this.bankAccountOf(claim)).slice(-4)} 的账户`));
      return { kind: 'created', claim: updated };
    });
  }

  /**
   * Imports the payment system's ledger CSV (身份证号,月份,金额,流水号). Idempotent per person and month:
   * a row already recorded with the same amount and 流水号 is "unchanged"; bad rows are reported by line.
   */
  async importCsv(actor: StaffActor, csv: string) {
    const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = (lines[0] ?? '').split(',').map((h) => h.trim());
    if (header.join(',') !== INSURANCE_LEDGER_COLUMNS.join(',')) {
      throw badRequest(`第 1 行应为表头：${INSURANCE_LEDGER_COLUMNS.join(',')}`, [{ field: 'csv', message: '表头不正确' }], 'BAD_HEADER');
    }
    const result = { rows: 0, created: 0, unchanged: 0, errors: [] as { line: number; message: string }[] };
    for (let i = 1; i < lines.length; i++) {
      const raw = lines[i]!.trim();
      if (!raw) continue;
      result.rows += 1;
      const line = i + 1;
      const cells = raw.split(',').map((c) => c.trim());
      if (cells.length !== INSURANCE_LEDGER_COLUMNS.length) { result.errors.push({ line, message: `应有 ${INSURANCE_LEDGER_COLUMNS.length} 列（${INSURANCE_LEDGER_COLUMNS.join(',')}），实际 ${cells.length} 列` }); continue; }
      const [idRaw, month, amountRaw, serialNo] = cells as [string, string, string, string];
      const idCheck = validateIdDocument('resident_id', idRaw, this.now());
      if (!idCheck.ok) { result.errors.push({ line, message: `身份证号不正确：${idCheck.message}` }); continue; }
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) { result.errors.push({ line, message: '月份应为 年-月，如 2026-03' }); continue; }
      if (!/^\d{1,6}(\.\d{1,2})?$/.test(amountRaw)) { result.errors.push({ line, message: '金额应为数字（元，最多两位小数）' }); continue; }
      if (!/^[A-Za-z0-9_-]{4,40}$/.test(serialNo)) { result.errors.push({ line, message: '流水号只能是 4–40 位字母、数字、短横线或下划线' }); continue; }
      const idHash = this.deps.pii.blindIndex('idNumber', `resident_id:${idCheck.normalized}`);
      const claims = (await this.Claim.find({ idHash, ...centerFilter(actor), status: { $in: ['approved', 'stopped', 'ended'] } }).sort({ submittedAt: -1 }).lean()) as Claim[];
      // The claim whose window holds the month (or that already has it paid).
      const claim = claims.find((c) => c.paidMonths.includes(month)) ?? claims.find((c) => monthIndex(month) >= monthIndex(c.startMonth)) ?? claims[0];
      if (!claim) { result.errors.push({ line, message: '没有该人员已核定的失业保险金（或不在本中心服务范围）' }); continue; }
      try {
        const out = await this.pay(actor, claim._id.toString(), { month, amount: Number(amountRaw), serialNo, source: 'import' });
        result[out.kind] += 1;
      } catch (err) {
        if (err instanceof AppError && err.status < 500) result.errors.push({ line, message: err.message });
        else throw err;
      }
    }
    if (result.created > 0) {
      await this.deps.audit.record({ ...byStaff(actor), action: 'insurance.import', subjectType: 'insurance_payments', subjectId: this.currentMonth(), reason: `导入发放记录 ${result.rows} 行：新增 ${result.created}，未变 ${result.unchanged}，有误 ${result.errors.length}` });
    }
    return result;
  }

  async exportCsv(actor: StaffActor, q: { month?: string }) {
    const filter: Record<string, unknown> = { ...centerFilter(actor) };
    if (q.month) filter.month = q.month;
    const rows = (await this.Payment.find(filter).sort({ month: 1, paidAt: 1 }).limit(20_000).lean()) as (InsurancePayment & { _id: Types.ObjectId })[];
    const claims = new Map<string, Claim>();
    for (const id of [...new Set(rows.map((r) => r.claimId.toString()))]) {
      const c = (await this.Claim.findById(id).lean()) as Claim | null;
      if (c) claims.set(id, c);
    }
    const regs = await this.registrationsOf([...claims.values()]);
    const esc = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const out = [['身份证号（脱敏）', '姓名（脱敏）', '月份', '金额', '流水号', '来源', '发放时间'].join(',')];
    for (const r of rows) {
      const claim = claims.get(r.claimId.toString());
      const reg = claim ? regs.get(claim.registrationId.toString()) : undefined;
      const idn = reg ? this.deps.registrations.identityOf(reg).idNumber : null;
      out.push([idn ? maskIdNumber(idn) : '', reg ? this.deps.registrations.maskedNameOf(reg) : '', r.month, r.amount.toFixed(2), r.serialNo, r.source === 'import' ? '导入' : '经办录入', new Date(r.paidAt).toISOString()].map(esc).join(','));
    }
    await this.deps.audit.record({ ...byStaff(actor), action: 'export', subjectType: 'insurance_payments', subjectId: q.month ?? 'all', reason: `导出失业保险金发放记录 ${rows.length} 行` });
    const where = actor.center?.code ?? 'city';
    return { filename: `失业保险金发放记录-${where}-${q.month ?? '全部'}.csv`, csv: `\uFEFF${out.join('\n')}\n`, rows: rows.length };
  }

  /** Staff stop payments for a 第五十一条 reason: from the month after the event. */
  async stop(actor: StaffActor, id: string, body: { reason: InsuranceStopReason; eventDate: string; note?: string }): Promise<InsuranceClaimView> {
    await this.staffClaim(actor, id);
    if (body.eventDate > toChinaDateString(this.now())) throw badRequest('发生日期不能晚于今天', [{ field: 'eventDate', message: '发生日期不能晚于今天' }]);
    const updated = await this.stopClaim(id, { ...body, note: body.note ?? null }, actor);
    return this.view(updated);
  }

  /** The registration ended (found work, cancelled, closed by staff): an open claim stops or is closed. */
  async onRegistrationExited(reg: Reg): Promise<void> {
    const claim = (await this.Claim.findOne({ registrationId: reg._id, status: { $in: ['submitted', 'approved'] } }).lean()) as Claim | null;
    if (!claim) return;
    const exit = reg.exit;
    // Each 第六十三条 exit stops payments for its own reason (rules/registration-exit.ts: 重新就业, 服兵役,
    // 移居境外, 养老保险待遇, 收监执行, 退休年龄 …), from the month after the day it happened.
    const rule = exit ? (EXIT_REASON_RULES as Record<string, { insuranceStop: InsuranceStopReason } | undefined>)[exit.reason] : undefined;
    const reason: InsuranceStopReason = rule?.insuranceStop ?? 'registration_ended';
    const eventDate = exit?.employedOn || exit?.eventDate || toChinaDateString(exit?.at ?? this.now());
    const note = exit ? `${exitReasonLabel(exit.reason)}${exit.employer ? `：${exit.employer}` : ''}` : '失业登记已注销';
    if (claim.status === 'approved') {
      await this.stopClaim(claim._id.toString(), { reason, eventDate, note }, null).catch((err) => {
        if (!(err instanceof AppError && err.status === 409)) throw err;
      });
      return;
    }
    await this.c.atomically(`ins-claim:${claim._id.toString()}`, async (tx) => {
      const fresh = (await this.Claim.findById(claim._id).lean()) as Claim;
      if (fresh.status !== 'submitted') return;
      const now = this.now();
      await tx.write(this.Claim, fresh._id, fresh.rev, {
        $set: { status: 'rejected', decidedAt: now, decisionReason: '失业登记已结束，申领随之终止' }, $unset: { openFor: 1 },
        $push: { timeline: { type: 'rejected', at: now, by: null, reason: '失业登记已结束，申领随之终止' } },
      });
      const updated = (await this.Claim.findById(claim._id).lean()) as Claim;
      tx.after(() => this.notify(updated, 'rejected', '失业登记已结束，失业保险金申领随之终止'));
    });
  }

  private async stopClaim(id: string, s: { reason: InsuranceStopReason; eventDate: string; note: string | null }, actor: StaffActor | null): Promise<Claim> {
    return this.c.atomically(`ins-claim:${id}`, async (tx) => {
      const claim = (await this.Claim.findById(id).lean()) as Claim;
      if (claim.status !== 'approved') throw conflict(`这份申领当前为「${INSURANCE_CLAIM_STATUS_LABELS[claim.status]}」，不能停发`, 'INVALID_STATE');
      const now = this.now();
      const fromMonth = stopFromMonth(s.eventDate);
      const label = INSURANCE_STOP_LABELS[s.reason];
      await tx.write(this.Claim, claim._id, claim.rev, {
        $set: { status: 'stopped', stop: { reason: s.reason, eventDate: s.eventDate, fromMonth, note: s.note, at: now, by: actor ? new Types.ObjectId(actor.id) : null } },
        $unset: { openFor: 1, activeIdHash: 1 },
        $push: { timeline: { type: 'stopped', at: now, by: actor ? new Types.ObjectId(actor.id) : null, reason: `${label}（${s.eventDate}），从 ${fromMonth} 起停发${s.note ? `：${s.note}` : ''}` } },
      });
      if (actor) await this.deps.audit.record({ ...byStaff(actor), action: 'insurance.stop', subjectType: 'insurance_claim', subjectId: id, reason: `${label}：从 ${fromMonth} 起停发` });
      const updated = (await this.Claim.findById(id).lean()) as Claim;
      tx.after(() => this.notify(updated, 'stopped', `失业保险金从 ${fromMonth} 起停发，原因：${label}${s.note ? `（${s.note}）` : ''}`));
      return updated;
    });
  }

  // ---- helpers ---------------------------------------------------------------------------

  private notEligible(failed: { condition: string; label: string; reason: string }[]): AppError {
    const f = failed[0]!;
    return new AppError(400, 'NOT_ELIGIBLE', `不符合领取失业保险金的条件「${f.label}」：${f.reason}`, failed.map((x) => ({ field: x.condition, message: `${x.label}：${x.reason}` })));
  }

  private approvalCheck(claim: Claim, reg: Reg | null, involuntaryConfirmed: boolean) {
    const regState = !reg ? 'none' : reg.status === 'approved' ? 'approved' : PENDING_REG.includes(reg.status) ? 'pending' : 'none';
    return checkInsuranceEligibility({
      insuredMonths: claim.insuredMonths, unemploymentReason: claim.unemploymentReason as UnemploymentReason | null, employerFault: claim.employerFault as EmployerFault | null,
      registration: regState, wantsWork: reg?.form.wantsWork ?? false, currentlyEmployed: reg?.form.currentlyEmployed ?? false, stage: 'approval', involuntaryConfirmed,
    });
  }

  /** The person's latest earlier claim that drew benefit (stopped or fully drawn), by ID or account. */
  private async previousSpell(idHash: string | null, userId: string): Promise<Claim | null> {
    // Equality queries per key and status (pushed down on PostgreSQL; `$or`/`$in` are not), the latest of them.
    const keys: Record<string, unknown>[] = [{ userId: new Types.ObjectId(userId) }];
    if (idHash) keys.push({ idHash });
    const found = (await Promise.all(keys.flatMap((k) => (['stopped', 'ended'] as const).map((status) => this.Claim.findOne({ ...k, status }).sort({ submittedAt: -1 }).lean())))) as (Claim | null)[];
    return found.filter((c): c is Claim => !!c).sort((a, b) => new Date(b.submittedAt).getTime() - new Date(a.submittedAt).getTime())[0] ?? null;
  }

  /** Last month of an earlier spell: the month before the stop, or the last month paid. */
  private lastBenefitMonth(c: Claim): string {
    if (c.stop) return addMonths(c.stop.fromMonth, -1);
    return [...c.paidMonths].sort().pop() ?? addMonths(c.startMonth, Math.max(0, c.totalMonths - 1));
  }

  private schedule(c: Claim) {
    return { startMonth: c.startMonth, totalMonths: c.totalMonths, paidMonths: [...c.paidMonths], stopFrom: c.stop?.fromMonth ?? null };
  }

  private async staffClaim(actor: StaffActor, id: string): Promise<Claim> {
    const claim = (await this.Claim.findOne({ _id: id, ...centerFilter(actor) }).lean()) as Claim | null;
    if (!claim) throw notFound('找不到这份失业保险金申领');
    return claim;
  }

  private registrationsOf(claims: Claim[]): Promise<Map<string, Reg>> {
    return this.deps.registrations.byIds(claims.map((c) => c.registrationId.toString()));
  }

  private aad(id: string): string { return `insurance_claims/${id}/bankAccount`; }

  private bankAccountOf(c: Claim): string {
    return this.deps.pii.decryptFor(c.bankAccountEnc, this.aad(c._id.toString()));
  }

  private async notify(c: Claim, event: string, body: string) {
    const kind = event.split(':')[0]!;
    await this.deps.notifier.notify(c.userId.toString(), {
      kind: `insurance.${kind}`, title: `失业保险金：${EVENT_LABELS[kind] ?? kind}`, body, page: WORKER_PAGE,
      dedupeKey: `insurance:${c._id.toString()}:${event}`, subject: `insurance:${c._id.toString()}`,
    });
  }

  async view(c: Claim): Promise<InsuranceClaimView> {
    const sched = this.schedule(c);
    const approved = c.status !== 'submitted' && c.status !== 'rejected';
    const sum = summarize(sched);
    const payments = (await this.Payment.find({ claimId: c._id }).sort({ month: 1 }).lean()) as InsurancePayment[];
    const reg = c.status === 'submitted' ? ((await this.Registration.findById(c.registrationId).select({ status: 1, form: 1 }).lean()) as Reg | null) : null;
    const toVerify = c.status === 'submitted' ? checkInsuranceEligibility({
      insuredMonths: c.insuredMonths, unemploymentReason: c.unemploymentReason as UnemploymentReason | null, employerFault: c.employerFault as EmployerFault | null,
      registration: !reg ? 'none' : reg.status === 'approved' ? 'approved' : PENDING_REG.includes(reg.status) ? 'pending' : 'none', wantsWork: true, currentlyEmployed: false, stage: 'filing',
    }).toVerify : [];
    return {
      id: c._id.toString(), registrationId: c.registrationId.toString(), status: c.status, statusLabel: INSURANCE_CLAIM_STATUS_LABELS[c.status],
      history: c.history.map((h) => ({ employer: h.employer, from: h.from, to: h.to, monthsPaid: h.monthsPaid })),
      unemploymentReason: c.unemploymentReason,
      unemploymentReasonLabel: c.unemploymentReason ? UNEMPLOYMENT_REASON_LABELS[c.unemploymentReason as keyof typeof UNEMPLOYMENT_REASON_LABELS] ?? c.unemploymentReason : '',
      employerFault: c.employerFault ? EMPLOYER_FAULT_LABELS[c.employerFault as EmployerFault] ?? c.employerFault : null,
      materials: INSURANCE_MATERIALS.filter((m) => m !== 'employer_fault_proof' || c.employerFault).map((m) => ({ key: m, label: INSURANCE_MATERIAL_LABELS[m], provided: c.materials.includes(m) })),
      bankName: c.bankName, bankAccountMasked: maskBankAccount(this.bankAccountOf(c)),
      commitment: { version: c.commitment.version, acceptedAt: new Date(c.commitment.acceptedAt).toISOString() },
      insuredMonths: c.insuredMonths, baseMonths: c.baseMonths, carriedOverMonths: c.carriedOverMonths,
      monthsApproved: approved ? c.totalMonths : 0, monthlyAmount: c.monthlyAmount, startMonth: c.startMonth,
      monthsPaid: c.paidMonths.length, monthsRemaining: approved ? sum.monthsRemaining : 0,
      nextPayment: approved && sum.nextPaymentMonth ? { month: sum.nextPaymentMonth, amount: c.monthlyAmount } : null,
      stop: c.stop ? { reason: c.stop.reason, reasonLabel: INSURANCE_STOP_LABELS[c.stop.reason], eventDate: c.stop.eventDate, fromMonth: c.stop.fromMonth, note: c.stop.note } : null,
      overpaidMonths: sum.overpaidMonths, toVerify,
      submittedAt: new Date(c.submittedAt).toISOString(), dueDate: c.dueDate, decidedAt: c.decidedAt ? new Date(c.decidedAt).toISOString() : null, decisionReason: c.decisionReason,
      payments: payments.map((p) => ({ month: p.month, amount: p.amount, serialNo: p.serialNo, paidAt: new Date(p.paidAt).toISOString(), source: p.source })),
      timeline: c.timeline.map((e) => ({ type: e.type, label: EVENT_LABELS[e.type] ?? e.type, at: new Date(e.at).toISOString(), reason: e.reason })),
    };
  }
}

function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}
