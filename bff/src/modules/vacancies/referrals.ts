import { Types } from 'mongoose';
import { REFERRAL_OUTCOME_LABELS, VACANCY_STATUS_LABELS, centerForDistrict, type ReferralOutcome, type VacancyReferralBody } from '@doorstep/shared';
import { findByKeys } from '../../db/by-keys';
import { isDuplicateKey } from '../../db/errors';
import { conflict, notFound } from '../../http/errors';
import { byStaff, type AuditService } from '../audit/service';
import type { Notifier } from '../notifications/service';
import type { HandledCase } from '../ratings/case';
import type { RegistrationService } from '../registration/service';
import { assertSees, type StaffActor } from '../staff/actor';
import { vacancyKey, type ApplicationDoc, type ReferralDoc, type VacancyDoc, type VacancyService } from './service';

/** Outcomes a referral can end in (the person can then rate the referral). */
const ENDED: ReferralOutcome[] = ['hired', 'rejected', 'closed'];

export interface ReferralDeps {
  vacancies: VacancyService;
  registrations: Pick<RegistrationService, 'byIds'>;
  audit: AuditService;
  notifier: Notifier;
  /** A referral of a recognised person also counts on their 一人一策 plan's 岗位推荐 step (the assistance module). */
  onReferred?: (actor: StaffActor, userId: string, r: { employer: string; position: string; referredOn: string }) => Promise<unknown>;
  logger?: { warn: (obj: object, msg: string) => void };
}

export interface ReferralCounts { referrals: number; applied: number; interview: number; hired: number; rejected: number; pending: number }

/**
 * 推荐 (referral) and its outcome (人社厅发〔2017〕86号 五: 回访求职结果): staff of the person's
 * center send a registered person an open vacancy; the person is told and sees it first among their
 * recommendations; when they apply the application links to the referral, and its status is the
 * referral's outcome that staff follow and the dashboard counts.
 */
export class ReferralService {
  constructor(private readonly deps: ReferralDeps) {}

  private get m() { return this.deps.vacancies.models; }

  async districtOfRegistration(id: string): Promise<string | null | undefined> {
    const reg = (await this.deps.registrations.byIds([id])).get(id);
    return reg ? ((reg as { district?: string | null }).district ?? null) : undefined;
  }

  async districtOf(id: string): Promise<string | null | undefined> {
    if (!Types.ObjectId.isValid(id)) return undefined;
    const r = await this.m.Referral.findById(id).select({ district: 1 }).lean<{ district: string | null } | null>();
    return r ? r.district : undefined;
  }

  private outcomeOf(app: Pick<ApplicationDoc, 'status'> | null | undefined): ReferralOutcome {
    return app ? app.status : 'pending';
  }

  private view(r: ReferralDoc, v: VacancyDoc | undefined, app: ApplicationDoc | null | undefined) {
    const vv = v ? this.deps.vacancies.view(v) : null;
    const outcome = this.outcomeOf(app);
    return {
      id: r._id.toString(), registrationId: r.registrationId.toString(),
      vacancy: vv ? { id: vv.id, title: vv.title, employerName: vv.employerName, payText: vv.payText, status: vv.status, statusLabel: vv.statusLabel }
        : { id: r.vacancyId.toString(), title: '（岗位已删除）', employerName: '', payText: '', status: 'closed' as const, statusLabel: VACANCY_STATUS_LABELS.closed },
      note: r.note ?? null, staffName: r.staffName, referredAt: new Date(r.createdAt).toISOString(), outcome, outcomeLabel: REFERRAL_OUTCOME_LABELS[outcome],
      interview: app?.interview ? { at: app.interview.at, place: app.interview.place, note: app.interview.note ?? null } : null,
    };
  }

  /** Each referral with its vacancy and the application it led to (linked when made, or when the person applies later). */
  private async withParts(rows: ReferralDoc[]) {
    const vacancies = new Map((await findByKeys<VacancyDoc>(this.m.Vacancy, rows.map((r) => r.vacancyId))).map((v) => [v._id.toString(), v]));
    const apps = await this.applicationsOf(rows);
    return rows.map((r) => this.view(r, vacancies.get(r.vacancyId.toString()), r.applicationId ? apps.get(r.applicationId.toString()) : null));
  }

  private async applicationsOf(rows: ReferralDoc[]): Promise<Map<string, ApplicationDoc>> {
    const apps = await findByKeys<ApplicationDoc>(this.m.Application, rows.map((r) => r.applicationId));
    return new Map(apps.map((a) => [a._id.toString(), a]));
  }

  /** Staff refer the person of a registration in their center to an open vacancy (once per vacancy). */
  async refer(actor: StaffActor, body: VacancyReferralBody) {
    const reg = (await this.deps.registrations.byIds([body.registrationId])).get(body.registrationId) as
      | { _id: Types.ObjectId; userId?: Types.ObjectId | null; district?: string | null; status: string } | undefined;
    if (!reg) throw notFound('找不到这条登记');
    assertSees(actor, reg.district ?? null, '找不到这条登记');
    if (!reg.userId) throw conflict('这条窗口代办的登记还没有本人认领，认领后才能推荐岗位（推荐会通知本人）', 'REGISTRATION_UNCLAIMED');
    const vid = body.vacancyId;
    const userId = reg.userId;
    const created = await this.deps.vacancies.c.atomically(vacancyKey(vid), async (tx) => {
      const v = await this.m.Vacancy.findById(vid).lean<VacancyDoc | null>();
      if (!v || v.status === 'review' || v.status === 'rejected') throw notFound('找不到这个岗位');
      if (v.status !== 'open' || v.closingDate < this.deps.vacancies.today()) throw conflict(`这个岗位${VACANCY_STATUS_LABELS[v.status === 'open' ? 'closed' : v.status]}，不能推荐`, 'VACANCY_NOT_OPEN');
      const app = await this.m.Application.findOne({ vacancyId: v._id, userId }).lean<ApplicationDoc | null>();
      let doc: ReferralDoc;
      try {
        doc = (await this.m.Referral.create({
          vacancyId: v._id, userId, registrationId: reg._id, district: reg.district ?? null, centerCode: actor.center?.code ?? (reg.district ? centerForDistrict(reg.district)?.code ?? null : null),
          staffId: new Types.ObjectId(actor.id), staffName: actor.name ?? '经办人员', note: body.note || null, applicationId: app && app.status !== 'withdrawn' ? app._id : null,
          uniqueKey: `${v._id.toString()}:${userId.toString()}`,
        })).toObject() as ReferralDoc;
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('已经向这位求职者推荐过这个岗位', 'ALREADY_REFERRED');
        throw err;
      }
      tx.after(() => this.deps.notifier.notify(userId.toString(), {
        kind: 'vacancy.referred', title: `服务中心为您推荐岗位：${v.title}`, body: `${v.employerName} · ${this.deps.vacancies.view(v).payText}${body.note ? `。${body.note}` : ''}。打开看看，合适就一键投递`,
        page: `/packages/jobs/pages/detail/index?id=${v._id.toString()}`, dedupeKey: `referral:${doc._id.toString()}`,
      }));
      return { doc, v, app };
    });
    await this.deps.onReferred?.(actor, userId.toString(), { employer: created.v.employerName, position: created.v.title, referredOn: this.deps.vacancies.today() })
      .catch((err: unknown) => this.deps.logger?.warn({ err: (err as Error).message }, 'plan referral not recorded'));
    await this.deps.audit.record({ ...byStaff(actor), action: 'refer', subjectType: 'registration', subjectId: reg._id.toString(), reason: `推荐岗位「${created.v.title}」（${created.v.employerName}）` });
    return { referral: this.view(created.doc, created.v, created.app) };
  }

  /** A registration's referrals with their outcomes (the registration is in the actor's scope: checked by the route). */
  async forRegistration(actor: StaffActor, registrationId: string) {
    const district = await this.districtOfRegistration(registrationId);
    if (district === undefined) throw notFound('找不到这条登记');
    assertSees(actor, district, '找不到这条登记');
    const rows = await this.m.Referral.find({ registrationId: new Types.ObjectId(registrationId) }).sort({ createdAt: -1 }).limit(100).lean<ReferralDoc[]>();
    return { items: await this.withParts(rows) };
  }

  /** Referral outcomes of one center's districts (or the city), for the dashboard. */
  async counts(districts: string[] | null): Promise<ReferralCounts> {
    const rows: ReferralDoc[] = [];
    for (const d of districts ?? [null]) rows.push(...(await this.m.Referral.find(d ? { district: d } : {}).lean<ReferralDoc[]>()));
    const out: ReferralCounts = { referrals: rows.length, applied: 0, interview: 0, hired: 0, rejected: 0, pending: 0 };
    const apps = await this.applicationsOf(rows);
    for (const r of rows) {
      const o = this.outcomeOf(r.applicationId ? apps.get(r.applicationId.toString()) : null);
      if (o === 'pending' || o === 'withdrawn') { out.pending += 1; continue; }
      out.applied += 1;
      if (o === 'interview') out.interview += 1;
      if (o === 'hired') out.hired += 1;
      if (o === 'rejected' || o === 'closed') out.rejected += 1;
    }
    return out;
  }

  /** 好差评: a referral can be rated once it has an outcome from the employer. */
  async handledCaseOf(id: string): Promise<HandledCase | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const r = await this.m.Referral.findById(id).lean<ReferralDoc | null>();
    if (!r) return null;
    const a = r.applicationId ? await this.m.Application.findById(r.applicationId).select({ status: 1 }).lean<Pick<ApplicationDoc, 'status'> | null>() : null;
    const handled = ENDED.includes(this.outcomeOf(a));
    const v = await this.m.Vacancy.findById(r.vacancyId).select({ title: 1 }).lean<{ title: string } | null>();
    return {
      ownerId: r.userId.toString(), handled, pendingReason: handled ? null : '推荐的岗位有了结果（录用、不合适或停止招聘）后才能评价',
      district: r.district, centerCode: r.centerCode, title: `岗位推荐 · ${v?.title ?? ''}`,
    };
  }

  /** The person's own referrals (their recommendations show them; this lists them for rating). */
  async mine(userId: string) {
    const rows = await this.m.Referral.find({ userId: new Types.ObjectId(userId) }).sort({ createdAt: -1 }).limit(50).lean<ReferralDoc[]>();
    return { items: await this.withParts(rows) };
  }
}
