import type { Connection } from 'mongoose';
import {
  HARBIN_DISTRICTS, EMPLOYER_KIND_LABEL, REGISTRATION_STATUS_LABELS, REPORT_REASON_LABEL, addWorkdays, maskName, payText, toChinaDateString, vacancyPayText, workdaysLeft,
  type HolidayCalendar, type ServiceCenter, type WorkbenchDecisionBody, type WorkbenchDetail, type WorkbenchInbox, type WorkbenchItem, type WorkbenchQueue,
} from '@doorstep/shared';
import { Consistency } from '../../db/consistency';
import { badRequest, conflict, notFound } from '../../http/errors';
import type { Pii } from '../../security/pii';
import { byStaff, type AuditService } from '../audit/service';
import { authModels } from '../auth/model';
import type { CalendarService } from '../calendar/service';
import type { Employer } from '../employers/model';
import type { EmployerService } from '../employers/service';
import type { Gig, GigReport } from '../gigs/model';
import { GIG_TEXT_FIELDS, REPORT_TEXT_FIELDS, type GigService } from '../gigs/service';
import { EMPLOYER_TEXT_FIELDS } from '../employers/service';
import { contentHoldText } from '../content/guard';
import type { Notifier } from '../notifications/service';
import type { PolicyApplicationDoc } from '../policies/model';
import type { PolicyService } from '../policies/service';
import type { Registration } from '../registration/model';
import type { RegistrationService } from '../registration/service';
import type { InsuranceService } from '../insurance/service';
import type { AssistanceService } from '../assistance/service';
import type { RatingService } from '../ratings/service';
import type { VacancyService } from '../vacancies/service';
import { scopeFilter, sees, type StaffActor } from '../staff/actor';
import { applicantDistricts } from './applicants';
import { findByKeys } from '../../db/by-keys';
import { centerInfo, districtName, districtOfCell, districtOfText } from '@doorstep/shared';

/**
 * Working-day limits of the queues. Registrations (7) and employer verification (3) come from
 * 人社部发〔2018〕77号 and are stored on the item at submission; posting review follows the same
 * 3-working-day rule for 招聘信息; reports and policy applications have no national limit, these are
 * this service's own standards (change them here).
 */
export const DEADLINE_WORKDAYS = { gig: 3, report: 3, policy: 10, vacancy: 3 } as const;
/** Follow-ups are listed from this many calendar days before they are due. */
export const FOLLOW_UP_HORIZON_DAYS = 7;
const MAX_PER_QUEUE = 1000;

type RegDoc = Registration & { _id: import('mongoose').Types.ObjectId };
const SUBJECT_TYPE: Record<'employer' | 'gig' | 'report' | 'policy', string> = { employer: 'employer', gig: 'gig', report: 'gig_report', policy: 'policy_application' };
const ACTIONS: Record<'employer' | 'gig' | 'report' | 'policy', WorkbenchDetail['actions']> = {
  employer: [{ decision: 'approve', label: '认证通过', needsReason: false }, { decision: 'reject', label: '不通过', needsReason: true }],
  gig: [{ decision: 'approve', label: '通过上架', needsReason: false }, { decision: 'reject', label: '不通过', needsReason: true }],
  report: [{ decision: 'dismiss', label: '查无问题', needsReason: false }, { decision: 'takedown', label: '下架该零工', needsReason: true }],
  policy: [{ decision: 'approve', label: '通过', needsReason: false }, { decision: 'return', label: '退回补充', needsReason: true }, { decision: 'reject', label: '不予通过', needsReason: true }],
};

export interface WorkbenchDeps {
  conn: Connection;
  pii: Pii;
  audit: AuditService;
  calendar: CalendarService;
  notifier: Notifier;
  registrations: RegistrationService;
  employers: EmployerService;
  gigs: GigService;
  policies: PolicyService;
  /** 失业保险金 claims waiting for a decision (their own detail page, like registrations). */
  insurance?: InsuranceService;
  /** 就业困难人员认定 applications and recognised people's plan steps that are due; recognised people first among equal deadlines. */
  assistance?: AssistanceService;
  /** 零就业家庭 still at zero (the households module). */
  households?: { openForInbox(actor: StaffActor, limit: number): Promise<{ id: string; title: string; subtitle: string; district: string; receivedAt: Date | null; deadline: string }[]> };
  /** 差评 follow-ups (回访) of the rating's center, with their working-day deadline. */
  ratings?: RatingService;
  /** 岗位 postings held by content security (the vacancies module). */
  vacancies?: Pick<VacancyService, 'heldForInbox'>;
  now?: () => number;
}

/** Raw item before deadline arithmetic. */
interface Draft {
  queue: WorkbenchQueue; id: string; title: string; subtitle: string; district: string | null; statusLabel: string; receivedAt: Date | null; deadline: string; contentHeld?: boolean;
  /** The person the item is about (priority: a recognised 就业困难人员), and whether they are a veteran. */
  userId?: string | null; veteran?: boolean; priority?: boolean;
}

/** Sort: overdue first, then the soonest deadline, then recognised 就业困难人员 and veterans, then the oldest. */
export function compareItems(a: WorkbenchItem, b: WorkbenchItem): number {
  return Number(b.overdue) - Number(a.overdue) || a.deadline.localeCompare(b.deadline) || Number(b.priority) - Number(a.priority)
    || (a.receivedAt ?? '').localeCompare(b.receivedAt ?? '') || a.key.localeCompare(b.key);
}

/** What the inbox names as "the center" for a city administrator. */
const CITY_INFO = { code: 'city', name: '全市（市级管理员）', districts: HARBIN_DISTRICTS.map((d) => ({ code: d.code, name: d.name })) };

export class WorkbenchService {
  private readonly consistency: Consistency;
  private readonly users;
  constructor(private readonly deps: WorkbenchDeps) {
    this.consistency = new Consistency(deps.conn);
    this.users = authModels(deps.conn).User;
  }

  private now(): Date { return new Date(this.deps.now?.() ?? Date.now()); }

  // ---------------------------------------------------------------- inbox

  async inbox(actor: StaffActor, q: { queue?: WorkbenchQueue; district?: string }): Promise<WorkbenchInbox> {
    const center = actor.center;
    const today = toChinaDateString(this.now());
    const counts = { all: 0, overdue: 0, registration: 0, employer: 0, gig: 0, report: 0, policy: 0, followup: 0, insurance: 0, assistance: 0, assistance_plan: 0, household: 0, rating: 0, vacancy: 0 };
    if (q.district && !sees(actor, q.district)) {
      throw badRequest(`${districtName(q.district)}不在${center?.name ?? '本中心'}的服务范围内`, [{ field: 'district', message: '不在本中心服务范围内' }]);
    }
    const cal = await this.deps.calendar.get();
    const all = (await this.collect(actor)).map((d) => this.finish(d, today, cal));
    const inDistrict = q.district ? all.filter((i) => i.districtCode === q.district) : all;
    for (const i of inDistrict) {
      counts[i.queue] += 1;
      counts.all += 1;
      if (i.overdue) counts.overdue += 1;
    }
    const items = (q.queue ? inDistrict.filter((i) => i.queue === q.queue) : inDistrict).sort(compareItems);
    return { center: center ? centerInfo(center) : CITY_INFO, today, counts, items };
  }

  private finish(d: Draft, today: string, cal: HolidayCalendar): WorkbenchItem {
    const overdue = d.deadline < today;
    return {
      key: `${d.queue}:${d.id}`, queue: d.queue, id: d.id, title: d.title, subtitle: d.subtitle, districtCode: d.district, districtName: districtName(d.district),
      unassigned: d.district === null, statusLabel: d.statusLabel, receivedAt: d.receivedAt ? d.receivedAt.toISOString() : null, deadline: d.deadline,
      workdaysLeft: workdaysLeft(today, d.deadline, cal), overdue,
      contentHeld: d.contentHeld ?? false, priority: d.priority ?? false,
    };
  }

  /** Every open item the actor may see across the queues (an item with no district: the city scope only). */
  private async collect(actor: StaffActor): Promise<Draft[]> {
    const mine = (district: string | null) => sees(actor, district);
    const cal = await this.deps.calendar.get();
    const parts = await Promise.all([
      this.registrationDrafts(actor.center),
      this.employerDrafts(actor).then((xs) => xs.filter((x) => mine(x.district))),
      this.gigDrafts(actor, cal).then((xs) => xs.filter((x) => mine(x.district))),
      this.reportDrafts(actor, cal).then((xs) => xs.filter((x) => mine(x.district))),
      this.policyDrafts(actor, cal).then((xs) => xs.filter((x) => mine(x.district))),
      this.insuranceDrafts(actor),
      this.assistanceDrafts(actor),
      this.deps.households ? this.deps.households.openForInbox(actor, MAX_PER_QUEUE).then((xs) => xs.map((r): Draft => ({ ...r, queue: 'household', statusLabel: '零就业' }))) : [],
      this.ratingDrafts(actor),
      this.vacancyDrafts(actor, cal),
    ]);
    const drafts = parts.flat();
    const recognised = this.deps.assistance ? await this.deps.assistance.priorityUsers(actor) : new Set<string>();
    for (const d of drafts) d.priority = d.priority || d.veteran === true || (!!d.userId && recognised.has(d.userId));
    return drafts;
  }

  /** 就业困难人员认定 to decide, and recognised people whose plan steps are due (always priority: they are recognised). */
  private async assistanceDrafts(actor: StaffActor): Promise<Draft[]> {
    if (!this.deps.assistance) return [];
    const [pending, due] = await Promise.all([this.deps.assistance.pendingForInbox(actor, MAX_PER_QUEUE), this.deps.assistance.dueStepsForInbox(actor, MAX_PER_QUEUE)]);
    return [
      ...pending.map((r): Draft => ({ queue: 'assistance', id: r.id, title: r.title, subtitle: r.subtitle, district: r.district, statusLabel: '待认定', receivedAt: r.receivedAt, deadline: r.deadline, userId: r.userId, veteran: r.veteran })),
      ...due.map((r): Draft => ({ queue: 'assistance_plan', id: r.id, title: r.title, subtitle: r.subtitle, district: r.district, statusLabel: '措施到期', receivedAt: r.receivedAt, deadline: r.deadline, userId: r.userId, veteran: r.veteran, priority: true })),
    ];
  }

  /** Vacancies held for a content review: 3 working days, like gigs. */
  private async vacancyDrafts(actor: StaffActor, cal: HolidayCalendar): Promise<Draft[]> {
    if (!this.deps.vacancies) return [];
    const rows = await this.deps.vacancies.heldForInbox(actor.scope === 'city' ? null : actor.center?.districts ?? [], MAX_PER_QUEUE);
    return rows.filter((v) => sees(actor, v.district)).map((v): Draft => ({
      queue: 'vacancy', id: v._id.toString(), title: v.title, subtitle: `${v.employerName} · ${vacancyPayText(v.payMin, v.payMax, v.payUnit)} · 截止 ${v.closingDate}`,
      district: v.district, statusLabel: '内容待复核', contentHeld: true, receivedAt: v.createdAt, deadline: addWorkdays(v.createdAt, DEADLINE_WORKDAYS.vacancy, cal),
    }));
  }

  /** 差评 follow-ups still open, in the center the rating belongs to. */
  private async ratingDrafts(actor: StaffActor): Promise<Draft[]> {
    if (!this.deps.ratings) return [];
    const rows = await this.deps.ratings.openForInbox(actor, MAX_PER_QUEUE);
    return rows.map((r) => ({ queue: 'rating', id: r.id, title: r.title, subtitle: r.subtitle, district: r.district, statusLabel: '待回访', receivedAt: r.receivedAt, deadline: r.deadline, userId: r.userId, contentHeld: r.contentHeld }));
  }

  /** 失业保险金 claims to decide, scoped like the registration they were filed with (its center). */
  private async insuranceDrafts(actor: StaffActor): Promise<Draft[]> {
    if (!this.deps.insurance) return [];
    const rows = await this.deps.insurance.pendingForInbox(actor, MAX_PER_QUEUE);
    return rows.map((r) => ({ queue: 'insurance', id: r.id, title: r.title, subtitle: r.subtitle, district: r.district, statusLabel: '待审核', receivedAt: r.receivedAt, deadline: r.deadline, userId: r.userId, veteran: r.veteran }));
  }

  /**
   * Registrations to decide and follow-ups coming due: one equality query per status (FerretDB on PostgreSQL
   * pushes `centerCode` + `status` equality down; an `$or`/`$in` over them it evaluates itself over every row).
   */
  private async registrationDrafts(center: ServiceCenter | null): Promise<Draft[]> {
    const horizon = toChinaDateString(new Date(this.now().getTime() + FOLLOW_UP_HORIZON_DAYS * 86400_000));
    const scope = center ? { centerCode: center.code } : {};
    const fields = { 'form.realName': 1, 'form.unemploymentReason': 1, userId: 1, realNameEnc: 1, district: 1, status: 1, submittedAt: 1, dueDate: 1, approvedAt: 1, nextFollowUpOn: 1, classification: 1, followUps: 1 };
    const filters = [{ ...scope, status: 'submitted' }, { ...scope, status: 'under_review' }, { ...scope, status: 'approved', nextFollowUpOn: { $ne: null, $lte: horizon } }];
    const rows = (await Promise.all(filters.map((f) => this.deps.registrations.Registration.find(f).select(fields).limit(MAX_PER_QUEUE).lean()))).flat() as RegDoc[];
    const out: Draft[] = [];
    for (const r of rows) {
      const title = this.deps.registrations.maskedNameOf(r) || '（未填姓名）';
      if (r.status === 'approved') {
        out.push({
          queue: 'followup', id: r._id.toString(), title, subtitle: `${r.classification?.category ?? '登记失业人员'} · 已回访 ${r.followUps?.length ?? 0} 次`, district: r.district,
          statusLabel: '待回访', receivedAt: r.approvedAt ? new Date(r.approvedAt) : null, deadline: r.nextFollowUpOn!,
          userId: r.userId ? r.userId.toString() : null, veteran: r.form?.unemploymentReason === 'veteran',
        });
      } else if (r.dueDate) {
        out.push({
          queue: 'registration', id: r._id.toString(), title, subtitle: `${r.classification?.category ?? '失业登记'} · 承诺 7 个工作日办结`, district: r.district,
          statusLabel: REGISTRATION_STATUS_LABELS[r.status], receivedAt: r.submittedAt ? new Date(r.submittedAt) : null, deadline: r.dueDate,
          userId: r.userId ? r.userId.toString() : null, veteran: r.form?.unemploymentReason === 'veteran',
        });
      }
    }
    return out;
  }

  private employerDraft(e: Employer): Draft {
    return {
      queue: 'employer', id: e._id.toString(), title: e.kind === 'household' ? maskName(e.name) : e.name,
      subtitle: `${EMPLOYER_KIND_LABEL[e.kind]}${e.commitment ? ' · 承诺制（已可发布，需核查）' : ''}`, district: e.district !== undefined ? e.district : districtOfText(e.address),
      // A name held by content security (msgSecCheck) waits here too, marked for the reviewer.
      contentHeld: Boolean(e.contentHold && !e.reviewedAt),
      statusLabel: e.contentHold && !e.reviewedAt ? '名称待内容复核' : e.status === 'commitment' ? '承诺制待核查' : '待认证', receivedAt: e.submittedAt, deadline: e.reviewDeadline,
    };
  }

  private async employerDrafts(actor: StaffActor): Promise<Draft[]> {
    const rows = await this.deps.employers.Employer.find({ status: { $in: ['pending', 'commitment'] }, ...scopeFilter(actor) }).select({ contactPhoneEnc: 0 }).limit(MAX_PER_QUEUE).lean<Employer[]>();
    return rows.map((e) => this.employerDraft(e));
  }

  private gigDraft(g: Gig, cal: HolidayCalendar): Draft {
    return {
      queue: 'gig', id: g._id.toString(), title: g.title, subtitle: `${g.employerName} · ${payText(g.payAmount, g.payUnit)} · ${g.date}`,
      district: g.district !== undefined ? g.district : districtOfCell(g.gh6), statusLabel: g.contentHold ? '内容待复核' : '待审核', contentHeld: Boolean(g.contentHold), receivedAt: g.createdAt, deadline: addWorkdays(g.createdAt, DEADLINE_WORKDAYS.gig, cal),
    };
  }

  private async gigDrafts(actor: StaffActor, cal: HolidayCalendar): Promise<Draft[]> {
    const rows = await this.deps.gigs.models.Gig.find({ status: 'review', ...scopeFilter(actor) })
      .select({ title: 1, employerName: 1, payAmount: 1, payUnit: 1, date: 1, gh6: 1, district: 1, createdAt: 1, contentHold: 1 }).limit(MAX_PER_QUEUE).lean<Gig[]>();
    return rows.map((g) => this.gigDraft(g, cal));
  }

  private reportDraft(r: GigReport, g: Gig | undefined, cal: HolidayCalendar): Draft {
    return {
      queue: 'report', id: r._id.toString(), title: `举报：${REPORT_REASON_LABEL[r.reason]}`, subtitle: g ? `${g.title} · ${g.employerName}` : '（零工已删除）',
      district: r.district !== undefined ? r.district : g ? districtOfCell(g.gh6) : null, statusLabel: r.contentHold ? '待处理 · 说明待内容复核' : '待处理', contentHeld: Boolean(r.contentHold), receivedAt: r.createdAt, deadline: addWorkdays(r.createdAt, DEADLINE_WORKDAYS.report, cal),
    };
  }

  /** Gigs by id (equality reads when few: see findByKeys). */
  private async gigsById(ids: string[]): Promise<Map<string, Gig>> {
    const rows = await findByKeys<Gig>(this.deps.gigs.models.Gig, ids, { select: { title: 1, employerName: 1, gh6: 1 } });
    return new Map(rows.map((g) => [g._id.toString(), g]));
  }

  private async reportDrafts(actor: StaffActor, cal: HolidayCalendar): Promise<Draft[]> {
    const rows = await this.deps.gigs.models.GigReport.find({ handledAt: null, ...scopeFilter(actor) }).limit(MAX_PER_QUEUE).lean<GigReport[]>();
    const byId = await this.gigsById(rows.map((r) => r.gigId.toString()));
    return rows.map((r) => this.reportDraft(r, byId.get(r.gigId.toString()), cal));
  }

  private policyDraft(a: PolicyApplicationDoc, district: string | null, cal: HolidayCalendar): Draft {
    // A resubmitted application starts a new time limit from the resubmission.
    const received = a.updatedAt ?? a.createdAt;
    return {
      queue: 'policy', id: a._id.toString(), title: a.policyTitle, subtitle: `申请人 ${this.deps.policies.applicantNameOf(a) ? maskName(this.deps.policies.applicantNameOf(a)!) : '（未留姓名）'} · ${a.period === 'once' ? '一次性' : a.period}`,
      district, statusLabel: '待审核', receivedAt: received, deadline: addWorkdays(received, DEADLINE_WORKDAYS.policy, cal), userId: a.userId ? String(a.userId) : null,
    };
  }

  private async policyDrafts(actor: StaffActor, cal: HolidayCalendar): Promise<Draft[]> {
    const rows = await this.deps.policies.models.PolicyApplication.find({ status: 'submitted', ...scopeFilter(actor) }).select({ facts: 0 }).limit(MAX_PER_QUEUE).lean<PolicyApplicationDoc[]>();
    return rows.map((a) => this.policyDraft(a, a.district ?? null, cal));
  }

  /** One item by id (an `_id` lookup) and whether it still waits for a decision; null when there is none. */
  private async draftOf(queue: 'employer' | 'gig' | 'report' | 'policy', id: string, cal: HolidayCalendar): Promise<{ draft: Draft; open: boolean } | null> {
    if (queue === 'employer') {
      const e = await this.deps.employers.Employer.findById(id).select({ contactPhoneEnc: 0 }).lean<Employer>();
      return e ? { draft: this.employerDraft(e), open: e.status === 'pending' || e.status === 'commitment' } : null;
    }
    if (queue === 'gig') {
      const g = await this.deps.gigs.models.Gig.findById(id).lean<Gig>();
      return g ? { draft: this.gigDraft(g, cal), open: g.status === 'review' } : null;
    }
    if (queue === 'report') {
      const r = await this.deps.gigs.models.GigReport.findById(id).lean<GigReport>();
      return r ? { draft: this.reportDraft(r, (await this.gigsById([r.gigId.toString()])).get(r.gigId.toString()), cal), open: !r.handledAt } : null;
    }
    const a = await this.deps.policies.models.PolicyApplication.findById(id).select({ facts: 0 }).lean<PolicyApplicationDoc>();
    const district = !a ? null : a.district !== undefined ? a.district : (await this.applicantDistricts([a.userId])).get(a.userId) ?? null;
    return a ? { draft: this.policyDraft(a, district, cal), open: a.status === 'submitted' } : null;
  }

  applicantDistricts(userIds: string[]) {
    return applicantDistricts({ Registration: this.deps.registrations.Registration, WorkerProfile: this.deps.gigs.models.WorkerProfile, Employer: this.deps.employers.Employer }, userIds);
  }

  // ---------------------------------------------------------------- one item

  /** The item if the actor's scope covers it and it is still open: else 404, or 409 once handled. */
  private async openItem(actor: StaffActor, queue: 'employer' | 'gig' | 'report' | 'policy', id: string) {
    const cal = await this.deps.calendar.get();
    const found = await this.draftOf(queue, id, cal);
    // Another center's item answers exactly like a missing one.
    if (!found || !sees(actor, found.draft.district)) throw notFound('找不到这条待办');
    if (!found.open) throw conflict('这条待办已经处理过了', 'ALREADY_HANDLED');
    return { draft: found.draft, item: this.finish(found.draft, toChinaDateString(this.now()), cal) };
  }

  /**
   * Records written before districts were stored get theirs once (employers from the address, gigs
   * from the place, reports from their gig, policy applications from the applicant), so the staff
   * lists' in-query scope finds them. Idempotent; run at start.
   */
  async backfillDistricts(): Promise<number> {
    const missing = { district: { $exists: false } };
    let n = 0;
    const { Employer } = this.deps.employers;
    const { Gig, GigReport } = this.deps.gigs.models;
    const { PolicyApplication } = this.deps.policies.models;
    for (const e of await Employer.find(missing).select({ address: 1 }).lean<Employer[]>()) {
      await Employer.updateOne({ _id: e._id }, { $set: { district: districtOfText(e.address) } });
      n += 1;
    }
    for (const g of await Gig.find(missing).select({ gh6: 1 }).lean<Gig[]>()) {
      await Gig.updateOne({ _id: g._id }, { $set: { district: districtOfCell(g.gh6) } });
      n += 1;
    }
    for (const r of await GigReport.find(missing).select({ gigId: 1 }).lean<GigReport[]>()) {
      const g = await Gig.findById(r.gigId).select({ gh6: 1 }).lean<Gig>();
      await GigReport.updateOne({ _id: r._id }, { $set: { district: g ? districtOfCell(g.gh6) : null } });
      n += 1;
    }
    const apps = await PolicyApplication.find(missing).select({ userId: 1 }).lean<PolicyApplicationDoc[]>();
    const districts = await this.applicantDistricts(apps.map((a) => a.userId));
    for (const a of apps) {
      await PolicyApplication.updateOne({ _id: a._id }, { $set: { district: districts.get(a.userId) ?? null } });
      n += 1;
    }
    return n;
  }

  /** The district an item belongs to by the routing rule (null: none determinable), or undefined if there is no such item. */
  async districtOf(queue: 'employer' | 'gig' | 'report' | 'policy', id: string): Promise<string | null | undefined> {
    const found = await this.draftOf(queue, id, await this.deps.calendar.get()).catch(() => null);
    return found ? found.draft.district : undefined;
  }

  /** Full details for deciding (identifiers unmasked); every opening is written to the audit log. */
  async detail(actor: StaffActor, queue: 'employer' | 'gig' | 'report' | 'policy', id: string): Promise<WorkbenchDetail> {
    const { item } = await this.openItem(actor, queue, id);
    const fields = await this.fieldsOf(queue, id);
    await this.deps.audit.record({ ...byStaff(actor), action: 'view_pii', subjectType: SUBJECT_TYPE[queue], subjectId: id });
    return { item, fields, actions: ACTIONS[queue] };
  }

  private async fieldsOf(queue: 'employer' | 'gig' | 'report' | 'policy', id: string): Promise<WorkbenchDetail['fields']> {
    const pii = this.deps.pii;
    const f = (label: string, value: unknown) => ({ label, value: value === null || value === undefined || value === '' ? '—' : String(value) });
    const day = (d: Date | null | undefined) => (d ? `${toChinaDateString(d)}` : '—');
    if (queue === 'employer') {
      const e = await this.deps.employers.Employer.findById(id).lean<Employer>();
      if (!e) throw notFound('找不到这条待办，可能已被处理');
      const held = e.reviewedAt ? null : contentHoldText(e.contentHold, EMPLOYER_TEXT_FIELDS);
      return [...(held ? [f('内容安全', held)] : []), f('类型', EMPLOYER_KIND_LABEL[e.kind]), f('名称', e.name), f('统一社会信用代码', e.creditCode), f('联系人', e.contactName), f('联系电话', pii.decrypt(e.contactPhoneEnc)),
        f('地址', e.address), f('承诺制', e.commitment ? '是（已可发布，需在期限内核查）' : '否'), f('提交日期', day(e.submittedAt)), f('认证期限', e.reviewDeadline)];
    }
    if (queue === 'gig' || queue === 'report') {
      const report = queue === 'report' ? await this.deps.gigs.models.GigReport.findById(id).lean<GigReport>() : null;
      const g = await this.deps.gigs.models.Gig.findById(report ? report.gigId : id).lean<Gig>();
      if (!g && !report) throw notFound('找不到这条待办，可能已被处理');
      const gigFields = g ? [f('零工', g.title), f('工种', g.category), f('工钱', payText(g.payAmount, g.payUnit)), f('时间', `${g.date} ${g.startTime}-${g.endTime}`), f('地点', g.address),
        f('招工人数', `${g.headcount} 人（已录用 ${g.filled}）`), f('要求', g.requirements), f('用人单位', g.employerName), f('联系人', g.contactName), f('联系电话', pii.decrypt(g.contactPhoneEnc))] : [f('零工', '（已删除）')];
      // The reporter's identity is not shown: reports are handled without exposing who made them.
      const held = report ? contentHoldText(report.contentHold, REPORT_TEXT_FIELDS) : g?.status === 'review' ? contentHoldText(g.contentHold, GIG_TEXT_FIELDS) : null;
      const heldField = held ? [f('内容安全', held)] : [];
      return report ? [...heldField, f('举报原因', REPORT_REASON_LABEL[report.reason]), f('情况说明', report.detail), f('举报日期', day(report.createdAt)), ...gigFields] : [...heldField, ...gigFields];
    }
    const a = await this.deps.policies.models.PolicyApplication.findById(id).lean<PolicyApplicationDoc>();
    if (!a) throw notFound('找不到这条待办，可能已被处理');
    const u = await this.users.findById(a.userId).select({ phoneEnc: 1 }).lean().catch(() => null);
    const phoneEnc = (u as { phoneEnc?: string } | null)?.phoneEnc;
    const facts = Object.entries(this.deps.policies.applicationFacts(a).facts).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('、') : String(v)}`).join('；');
    return [f('政策', a.policyTitle), f('申请人', this.deps.policies.applicantNameOf(a)), f('手机号', phoneEnc ? pii.decrypt(phoneEnc) : null), f('期次', a.period === 'once' ? '一次性' : a.period),
      f('测算金额', a.amount === null ? null : `${a.amount} 元`), f('申请说明', a.note), f('申请依据', facts), f('提交日期', day(a.updatedAt ?? a.createdAt))];
  }

  async decide(actor: StaffActor, queue: 'employer' | 'gig' | 'report' | 'policy', id: string, body: WorkbenchDecisionBody) {
    const staffId = actor.id;
    await this.openItem(actor, queue, id);
    if (!ACTIONS[queue].some((a) => a.decision === body.decision)) {
      throw badRequest(`这类待办只能：${ACTIONS[queue].map((a) => a.label).join('、')}`, [{ field: 'decision', message: '处理结果不适用于这类待办' }]);
    }
    let statusLabel: string;
    if (queue === 'employer') {
      const v = await this.deps.employers.review(staffId, id, { decision: body.decision as 'approve' | 'reject', reason: body.reason });
      statusLabel = v.status === 'verified' ? '已认证' : '未通过';
    } else if (queue === 'gig') {
      const v = await this.deps.gigs.reviewGig(id, { decision: body.decision as 'approve' | 'reject', reason: body.reason });
      statusLabel = v.status === 'open' ? '已上架' : '未通过';
    } else if (queue === 'report') {
      // The gig module owns reports: the takedown runs under the gig's key, with its applicants told.
      if (body.decision === 'takedown' && !body.reason) throw badRequest('下架需要写明原因', [{ field: 'reason', message: '请写明下架原因' }]);
      const out = await this.deps.gigs.handleReport(staffId, id, { decision: body.decision as 'dismiss' | 'takedown', reason: body.reason, suspendEmployer: false });
      statusLabel = body.decision === 'dismiss' ? '已处理（查无问题）' : out.gigStatus === 'rejected' || out.gigStatus === 'closed' ? '已下架' : '已处理';
    } else {
      const v = await this.deps.policies.decide(staffId, id, body.decision as 'approve' | 'return' | 'reject', body.reason);
      statusLabel = { approved: '已通过', returned: '已退回补充', rejected: '未通过', submitted: '待审核' }[v.status];
    }
    await this.deps.audit.record({ ...byStaff(actor), action: body.decision, subjectType: SUBJECT_TYPE[queue], subjectId: id, reason: body.reason ?? null });
    return { ok: true as const, statusLabel };
  }

}
