import { Types, type Connection, type Model } from 'mongoose';
import type { Logger } from 'pino';
import {
  VACANCY_APPLICATION_STATUS_LABELS, VACANCY_KIND_LABELS, VACANCY_STATUS_LABELS, checkVacancyPosting, districtName, districtOfPoint, maskName, maskPhone, matchVacancy,
  toChinaDateString, vacancyPayText,
  type AnswerApplicationBody, type ApplyVacancyBody, type LatLng, type PostVacancyBody, type ServiceArea, type SharedProfile, type VacancyApplicationStatus, type VacancyView,
} from '@doorstep/shared';
import { findByKeys } from '../../db/by-keys';
import { Consistency, type Tx } from '../../db/consistency';
import { AppError, badRequest, conflict, notFound } from '../../http/errors';
import type { Pii } from '../../security/pii';
import { contentHoldText, type ContentField, type ContentGuard } from '../content/guard';
import { canPublishAtOnce, employerKey, type EmployerService } from '../employers/service';
import type { Employer } from '../employers/model';
import type { Notifier } from '../notifications/service';
import type { RegistrationService } from '../registration/service';
import { vacancyModels, type Referral, type Vacancy, type VacancyApplication } from './model';

export type VacancyDoc = Vacancy & { _id: Types.ObjectId };
export type ApplicationDoc = VacancyApplication & { _id: Types.ObjectId };
export type ReferralDoc = Referral & { _id: Types.ObjectId };

export const vacancyKey = (id: unknown) => `vacancy:${String(id)}`;
/** Applications the employer still has to answer, and ones that hold a place in the process. */
const PENDING: VacancyApplicationStatus[] = ['applied', 'interview'];
const MY_PAGE = '/packages/jobs/pages/mine/index';
const MAX_LIST = 100;
const TEXT_LABELS: Record<string, string> = { title: '岗位名称', occupation: '职业（工种）', hours: '工作时间', requirements: '任职要求', 'place.address': '工作地址', contactName: '联系人' };

export interface VacancyRules { minWageMonthly: number; minWageHourly: number; area: ServiceArea; dailyPostCap: number }

export interface VacancyDeps {
  conn: Connection;
  pii: Pii;
  notifier: Notifier;
  employers: EmployerService;
  registrations: Pick<RegistrationService, 'jobIntentOf'>;
  rules: () => Promise<VacancyRules>;
  /** The saved home point of the person (gig profile), for 离家 distances. */
  homeOf: (userId: string) => Promise<LatLng | null>;
  phoneOf: (userId: string) => Promise<string | null>;
  content?: ContentGuard;
  logger?: Logger;
  now?: () => number;
}

/**
 * Regular vacancies (岗位): posting by verified employers with the gig posting checks, recommendations
 * from the person's registration, 一键投递 with a chosen profile, the employer's answer to every
 * applicant (面试 / 录用 / 不合适; closing the vacancy answers those still waiting), and the results
 * told to the person. Referrals by staff live in referrals.ts and link to the application here.
 */
export class VacancyService {
  readonly models: { Vacancy: Model<Vacancy>; Application: Model<VacancyApplication>; Referral: Model<Referral> };
  readonly c: Consistency;

  constructor(private readonly deps: VacancyDeps) {
    this.models = vacancyModels(deps.conn);
    this.c = new Consistency(deps.conn, { now: deps.now, onEffectError: (err, key) => deps.logger?.warn({ err: (err as Error).message, key }, 'vacancy after-effect failed') });
  }

  private now(): Date { return new Date((this.deps.now ?? Date.now)()); }
  today(): string { return toChinaDateString(this.now()); }

  // ---------------------------------------------------------------- views

  view(v: VacancyDoc): VacancyView {
    return {
      id: v._id.toString(), title: v.title, occupation: v.occupation, kind: v.kind, kindLabel: VACANCY_KIND_LABELS[v.kind], payText: vacancyPayText(v.payMin, v.payMax, v.payUnit),
      payMin: v.payMin, payMax: v.payMax, payUnit: v.payUnit, address: v.address, lat: v.lat, lng: v.lng, district: v.district, districtName: v.district ? districtName(v.district) : null,
      hours: v.hours, requirements: v.requirements, skills: [...v.skills], headcount: v.headcount, hired: v.hired, closingDate: v.closingDate, employerName: v.employerName,
      employerVerified: true, status: this.effectiveStatus(v), statusLabel: VACANCY_STATUS_LABELS[this.effectiveStatus(v)], postedAt: new Date(v.createdAt).toISOString(),
    };
  }

  /** An open vacancy past its closing date reads as closed even before the daily job stores it. */
  private effectiveStatus(v: Pick<Vacancy, 'status' | 'closingDate'>): Vacancy['status'] {
    return v.status === 'open' && v.closingDate < this.today() ? 'closed' : v.status;
  }

  private isOpen(v: Pick<Vacancy, 'status' | 'closingDate'>): boolean { return this.effectiveStatus(v) === 'open'; }

  private profileAad(id: unknown) { return `vacancy-applications/${String(id)}/profile`; }

  private profileOf(a: ApplicationDoc): SharedProfile {
    return JSON.parse(this.deps.pii.decryptFor(a.profileEnc, this.profileAad(a._id))) as SharedProfile;
  }

  applicationView(a: ApplicationDoc) {
    return {
      id: a._id.toString(), vacancyId: a.vacancyId.toString(), status: a.status, statusLabel: VACANCY_APPLICATION_STATUS_LABELS[a.status], appliedAt: new Date(a.createdAt).toISOString(),
      answeredAt: a.answeredAt ? new Date(a.answeredAt).toISOString() : null, interview: a.interview ? { at: a.interview.at, place: a.interview.place, note: a.interview.note ?? null } : null,
      answerNote: a.answerNote ?? null, referred: !!a.referralId,
    };
  }

  private myView(a: ApplicationDoc, v: VacancyDoc) {
    const full = this.view(v);
    const revealed = a.status === 'interview' || a.status === 'hired';
    return {
      ...this.applicationView(a),
      vacancy: { id: full.id, title: full.title, employerName: full.employerName, payText: full.payText, address: full.address, kindLabel: full.kindLabel, status: full.status, statusLabel: full.statusLabel },
      canWithdraw: PENDING.includes(a.status),
      contact: revealed ? { name: v.contactName, phone: this.deps.pii.decrypt(v.contactPhoneEnc) } : null,
    };
  }

  private async counts(ids: Types.ObjectId[]): Promise<Map<string, { applicants: number; unanswered: number }>> {
    const out = new Map<string, { applicants: number; unanswered: number }>();
    for (const id of ids) {
      const rows = await this.models.Application.find({ vacancyId: id }).select({ status: 1 }).lean<{ status: VacancyApplicationStatus }[]>();
      out.set(id.toString(), { applicants: rows.filter((r) => r.status !== 'withdrawn').length, unanswered: rows.filter((r) => r.status === 'applied').length });
    }
    return out;
  }

  private employerView(v: VacancyDoc, c?: { applicants: number; unanswered: number }) {
    return { ...this.view(v), applicants: c?.applicants ?? 0, unanswered: c?.unanswered ?? 0 };
  }

  // ---------------------------------------------------------------- posting (employer)

  private refuse(e: Employer | null): asserts e is Employer {
    if (!e) throw conflict('请先完成用人单位登记，再发布岗位', 'EMPLOYER_NOT_REGISTERED');
    if (e.status === 'suspended') throw conflict(`用人单位已被暂停发布（${e.rejectReason ?? ''}），如有异议请联系服务中心`, 'EMPLOYER_SUSPENDED');
    if (!canPublishAtOnce(e)) throw conflict('用人单位通过核验（或完成承诺制登记）后才能发布全职、兼职岗位', 'EMPLOYER_NOT_VERIFIED');
  }

  async post(userId: string, body: PostVacancyBody) {
    const employer = await this.deps.employers.findByUser(userId);
    this.refuse(employer);
    const rules = await this.deps.rules();
    const issues = checkVacancyPosting(body, { today: this.today(), minWageMonthly: rules.minWageMonthly, minWageHourly: rules.minWageHourly, area: rules.area });
    if (issues.length) throw badRequest(issues[0]!.message, issues, 'VACANCY_POSTING_REFUSED');
    const stored = body.idempotencyKey ? await this.models.Vacancy.exists({ employerId: employer._id, idempotencyKey: body.idempotencyKey }) : null;
    const fields: ContentField[] = [
      { field: 'title', label: TEXT_LABELS.title!, text: body.title }, { field: 'occupation', label: TEXT_LABELS.occupation!, text: body.occupation },
      { field: 'hours', label: TEXT_LABELS.hours!, text: body.hours }, { field: 'requirements', label: TEXT_LABELS.requirements!, text: [body.requirements, ...body.skills].join('\n') },
      { field: 'place.address', label: TEXT_LABELS['place.address']!, text: body.place.address }, { field: 'contactName', label: TEXT_LABELS.contactName!, text: body.contactName },
    ];
    const hold = stored || !this.deps.content ? null : await this.deps.content.check(userId, { scene: 3, action: '发布', fields });
    const doc = await this.deps.employers.consistency.atomically(employerKey(employer._id), async (tx) => {
      const e = await this.deps.employers.Employer.findById(employer._id).lean<Employer>();
      this.refuse(e);
      const twin = body.idempotencyKey ? await this.models.Vacancy.findOne({ employerId: e._id, idempotencyKey: body.idempotencyKey }).lean<VacancyDoc>() : null;
      if (twin) return twin;
      if (!(await this.deps.employers.chargePosting(tx, e, rules.dailyPostCap))) {
        throw new AppError(429, 'VACANCY_DAILY_POST_CAP', `每个用人单位每天最多发布 ${rules.dailyPostCap} 条信息（零工和岗位合计），今天已达上限，请明天再发布`, { cap: rules.dailyPostCap });
      }
      const created = await this.models.Vacancy.create({
        ownerId: new Types.ObjectId(userId), employerId: e._id, employerName: e.name, title: body.title, occupation: body.occupation, kind: body.kind,
        payMin: body.payMin, payMax: body.payMax, payUnit: body.payUnit, lat: body.place.lat, lng: body.place.lng, address: body.place.address, district: districtOfPoint(body.place),
        hours: body.hours, requirements: body.requirements, skills: body.skills, headcount: body.headcount, hired: 0, closingDate: body.closingDate,
        contactName: body.contactName, contactPhoneEnc: this.deps.pii.encrypt(body.contactPhone), status: hold ? 'review' : 'open', contentHold: hold, reviewNote: null,
        idempotencyKey: body.idempotencyKey ?? null, rev: 0,
      });
      return created.toObject() as VacancyDoc;
    });
    const published = doc.status === 'open';
    return {
      vacancy: this.employerView(doc), published,
      message: published ? '已发布，求职的人现在就能看到，并会推荐给意向相符的人' : '已提交，内容需经办人员复核后上架（3 个工作日内）',
    };
  }

  async employerList(userId: string) {
    const rows = await this.models.Vacancy.find({ ownerId: new Types.ObjectId(userId) }).sort({ createdAt: -1 }).limit(MAX_LIST).lean<VacancyDoc[]>();
    const counts = await this.counts(rows.map((r) => r._id));
    return { items: rows.map((r) => this.employerView(r, counts.get(r._id.toString()))) };
  }

  private async ownVacancy(userId: string, id: string): Promise<VacancyDoc> {
    const v = await this.models.Vacancy.findById(id).lean<VacancyDoc | null>();
    if (!v || !v.ownerId.equals(userId)) throw notFound('找不到这个岗位');
    return v;
  }

  private employerApplicant(a: ApplicationDoc) {
    return { ...this.applicationView(a), profile: this.profileOf(a) };
  }

  async employerDetail(userId: string, id: string) {
    const v = await this.ownVacancy(userId, id);
    const apps = await this.models.Application.find({ vacancyId: v._id }).sort({ createdAt: 1 }).limit(500).lean<ApplicationDoc[]>();
    const shown = apps.filter((a) => a.status !== 'withdrawn');
    return {
      vacancy: this.employerView(v, { applicants: shown.length, unanswered: shown.filter((a) => a.status === 'applied').length }),
      applicants: shown.map((a) => this.employerApplicant(a)),
    };
  }

  /** 停止招聘: the vacancy closes and everyone still waiting is answered 「岗位已停止招聘」. */
  async close(userId: string, id: string) {
    const v = await this.ownVacancy(userId, id);
    const closed = await this.c.atomically(vacancyKey(v._id), async (tx) => {
      const cur = await this.models.Vacancy.findById(v._id).lean<VacancyDoc>();
      if (!cur) throw notFound('找不到这个岗位');
      if (cur.status === 'closed' || cur.status === 'rejected') return cur;
      await tx.write(this.models.Vacancy, cur._id, cur.rev, { $set: { status: 'closed' } });
      await this.answerWaiting(tx, cur, '单位已停止招聘这个岗位');
      return { ...cur, status: 'closed' as const, rev: cur.rev + 1 };
    });
    return this.employerView(closed, (await this.counts([closed._id])).get(closed._id.toString()));
  }

  /** Inside the vacancy's section: every application still waiting (but `except`) gets the closing answer, and a notice. */
  private async answerWaiting(tx: Tx, v: VacancyDoc, why: string, except?: Types.ObjectId): Promise<number> {
    const waiting = (await this.models.Application.find({ vacancyId: v._id, status: { $in: PENDING } }).lean<ApplicationDoc[]>()).filter((a) => !except || !a._id.equals(except));
    for (const a of waiting) {
      await tx.write(this.models.Application, a._id, a.rev, { $set: { status: 'closed', answeredAt: this.now(), answerNote: why } });
      tx.after(() => this.tell(a, v, 'closed', `您投递的「${v.title}」（${v.employerName}）${why}。看看其他推荐岗位吧`));
    }
    return waiting.length;
  }

  /** The daily job: vacancies past their closing date close, and whoever still waits is told. */
  async expireDue(): Promise<{ closed: number }> {
    const today = this.today();
    const rows = await this.models.Vacancy.find({ status: 'open' }).select({ _id: 1, closingDate: 1 }).lean<Pick<VacancyDoc, '_id' | 'closingDate'>[]>();
    let closed = 0;
    for (const r of rows.filter((x) => x.closingDate < today)) {
      await this.c.atomically(vacancyKey(r._id), async (tx) => {
        const cur = await this.models.Vacancy.findById(r._id).lean<VacancyDoc>();
        if (!cur || cur.status !== 'open' || cur.closingDate >= today) return;
        await tx.write(this.models.Vacancy, cur._id, cur.rev, { $set: { status: 'closed' } });
        await this.answerWaiting(tx, cur, `已过截止日期（${cur.closingDate}），停止招聘`);
        closed += 1;
      });
    }
    return { closed };
  }

  /** The employer's answer to one applicant, under the vacancy's key (录用 never passes the headcount). */
  async answer(userId: string, appId: string, body: AnswerApplicationBody) {
    const first = await this.models.Application.findById(appId).lean<ApplicationDoc | null>();
    if (!first) throw notFound('找不到这个投递');
    await this.ownVacancy(userId, first.vacancyId.toString());
    const interview = body.decision === 'interview' ? this.interviewOf(body) : null;
    const note = body.note?.trim() || null;
    return this.c.atomically(vacancyKey(first.vacancyId), async (tx) => {
      const a = await this.models.Application.findById(appId).lean<ApplicationDoc>();
      const v = await this.models.Vacancy.findById(first.vacancyId).lean<VacancyDoc>();
      if (!a || !v) throw notFound('找不到这个投递');
      if (!PENDING.includes(a.status)) throw conflict(`这份投递现在是「${VACANCY_APPLICATION_STATUS_LABELS[a.status]}」，不能再答复`, 'APPLICATION_NOT_PENDING');
      const set: Partial<VacancyApplication> = { answeredAt: this.now(), answerNote: note };
      if (body.decision === 'interview') {
        Object.assign(set, { status: 'interview', interview });
        tx.after(() => this.tell(a, v, 'interview', `「${v.title}」（${v.employerName}）邀请您面试：${interview!.at}，${interview!.place}${note ? `。${note}` : ''}`));
      } else if (body.decision === 'hire') {
        if (v.hired >= v.headcount) throw conflict('这个岗位的招聘人数已经招满', 'VACANCY_FULL');
        const hired = v.hired + 1;
        const full = hired >= v.headcount;
        await tx.write(this.models.Vacancy, v._id, v.rev, { $set: { hired, ...(full && v.status === 'open' ? { status: 'filled' } : {}) } });
        Object.assign(set, { status: 'hired' });
        tx.after(() => this.tell(a, v, 'hired', `恭喜，「${v.title}」（${v.employerName}）决定录用您${note ? `：${note}` : ''}。入职后请办理就业登记`));
        if (full) await this.answerWaiting(tx, v, '岗位已招满', a._id);
      } else {
        Object.assign(set, { status: 'rejected' });
        tx.after(() => this.tell(a, v, 'rejected', `「${v.title}」（${v.employerName}）这次没有录用您${note ? `：${note}` : ''}。看看其他推荐岗位吧`));
      }
      await tx.write(this.models.Application, a._id, a.rev, { $set: set });
      return { applicant: this.employerApplicant({ ...a, ...set, rev: a.rev + 1 } as ApplicationDoc) };
    });
  }

  private interviewOf(body: AnswerApplicationBody): { at: string; place: string; note: string | null } {
    const missing = [
      !body.interviewDate ? { field: 'interviewDate', message: '请选择面试日期' } : null,
      !body.interviewTime ? { field: 'interviewTime', message: '请选择面试时间' } : null,
      !body.interviewPlace ? { field: 'interviewPlace', message: '请填写面试地点' } : null,
    ].filter((x): x is { field: string; message: string } => x !== null);
    if (missing.length) throw badRequest(missing[0]!.message, missing);
    const at = Date.parse(`${body.interviewDate}T${body.interviewTime}:00+08:00`);
    if (at <= this.now().getTime()) throw badRequest('面试时间已经过去了，请选择以后的时间', [{ field: 'interviewDate', message: '面试时间已过' }]);
    if (at > this.now().getTime() + 60 * 86_400_000) throw badRequest('面试时间请选在 60 天以内', [{ field: 'interviewDate', message: '面试时间太远' }]);
    return { at: `${body.interviewDate} ${body.interviewTime}`, place: body.interviewPlace!, note: body.note?.trim() || null };
  }

  private async tell(a: Pick<ApplicationDoc, '_id' | 'userId'>, v: Pick<VacancyDoc, 'title'>, status: VacancyApplicationStatus, body: string) {
    await this.deps.notifier.notify(a.userId.toString(), {
      kind: `vacancy.${status}`, title: `${VACANCY_APPLICATION_STATUS_LABELS[status]}：${v.title}`, body, page: `${MY_PAGE}?id=${a._id.toString()}`,
      dedupeKey: `vacancyapp:${a._id.toString()}:${status}`,
    });
  }

  // ---------------------------------------------------------------- job seekers

  async list(q: { occupation?: string; kind?: string; district?: string }) {
    const filter: Record<string, unknown> = { status: 'open' };
    if (q.kind) filter.kind = q.kind;
    if (q.district) filter.district = q.district;
    const rows = await this.models.Vacancy.find(filter).sort({ createdAt: -1 }).limit(1000).lean<VacancyDoc[]>();
    const occ = q.occupation?.trim();
    return { items: rows.filter((r) => this.isOpen(r) && (!occ || r.occupation.includes(occ) || r.title.includes(occ))).slice(0, MAX_LIST).map((r) => this.view(r)) };
  }

  /** A published vacancy (an employer also sees its own under review). */
  async detail(id: string, userId?: string) {
    const v = await this.models.Vacancy.findById(id).lean<VacancyDoc | null>();
    if (!v || ((v.status === 'review' || v.status === 'rejected') && !(userId && v.ownerId.equals(userId)))) throw notFound('找不到这个岗位');
    const mine = userId ? await this.models.Application.findOne({ vacancyId: v._id, userId: new Types.ObjectId(userId) }).lean<ApplicationDoc | null>() : null;
    return { vacancy: this.view(v), application: mine && mine.status !== 'withdrawn' ? this.myView(mine, v) : null };
  }

  /**
   * 岗位推荐: open vacancies ranked by how they fit the person's latest registration (desired
   * occupations, skills and certificates, expected pay, home or districts), each with its reason;
   * staff referrals of the person come first. Vacancies they already applied to are marked.
   */
  async recommended(userId: string) {
    const intent = await this.deps.registrations.jobIntentOf(userId);
    const basis = {
      registered: !!intent, desiredOccupations: intent?.desiredOccupations ?? [], skills: intent?.skills ?? [], expectedMonthlyPay: intent?.expectedMonthlyPay ?? null,
      hint: !intent ? '做失业登记（求职登记）并填写意向职业、技能后，这里会推荐适合您的岗位'
        : !intent.desiredOccupations.length && !intent.skills.length && !intent.certificates.length ? '在登记信息里填写意向职业和技能，推荐会更准' : null,
    };
    const uid = new Types.ObjectId(userId);
    const [home, rows, referrals, applied] = await Promise.all([
      this.deps.homeOf(userId),
      this.models.Vacancy.find({ status: 'open' }).sort({ createdAt: -1 }).limit(2000).lean<VacancyDoc[]>(),
      this.models.Referral.find({ userId: uid }).sort({ createdAt: -1 }).limit(50).lean<ReferralDoc[]>(),
      this.models.Application.find({ userId: uid }).select({ vacancyId: 1, status: 1 }).lean<Pick<ApplicationDoc, 'vacancyId' | 'status'>[]>(),
    ]);
    const appliedTo = new Set(applied.filter((a) => a.status !== 'withdrawn').map((a) => a.vacancyId.toString()));
    const referredTo = new Map(referrals.map((r) => [r.vacancyId.toString(), r]));
    const p = intent ? { ...intent, home } : null;
    const items = rows
      .filter((v) => this.isOpen(v) && !v.ownerId.equals(uid))
      .map((v) => {
        const ref = referredTo.get(v._id.toString());
        const m = p ? matchVacancy(v, p, (c) => districtName(c)) : { score: 0, reasons: [] };
        const reasons = ref ? ['服务中心为您推荐', ...m.reasons] : m.reasons;
        return { v, ref, score: (ref ? 1000 : 0) + m.score, reason: reasons.slice(0, 3).join(' · ') };
      })
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || b.v.createdAt.getTime() - a.v.createdAt.getTime())
      .slice(0, 30)
      .map((x) => ({
        ...this.view(x.v), reason: x.reason, score: x.score, applied: appliedTo.has(x.v._id.toString()),
        referral: x.ref ? { id: x.ref._id.toString(), note: x.ref.note ?? null, at: new Date(x.ref.createdAt).toISOString() } : null,
      }));
    return { basis, items };
  }

  /** The short profile the person chose to share: the masked name and note always, the rest by choice. */
  private async profileFor(userId: string, body: ApplyVacancyBody): Promise<SharedProfile> {
    const intent = await this.deps.registrations.jobIntentOf(userId);
    if (!intent) throw conflict('投递岗位前请先做失业登记（求职登记），单位会看到您选择提供的简历信息', 'REGISTRATION_REQUIRED');
    const s = body.share;
    const sex = intent.sex ? (intent.sex === 'male' ? '男' : '女') : null;
    const phone = s.phone ? await this.deps.phoneOf(userId) : null;
    if (s.phone && !phone) throw badRequest('账号没有手机号，请取消「提供手机号」或先绑定手机号', [{ field: 'share.phone', message: '账号没有手机号' }]);
    return {
      name: intent.realName ? `${maskName(intent.realName)}${sex ? `（${sex}）` : ''}` : '求职者',
      phone, age: s.age ? intent.age : null, sex: s.age ? sex : null, education: s.education ? intent.education : null,
      skills: s.skills ? intent.skills : null, certificates: s.skills ? intent.certificates : null, lastJob: s.lastJob ? intent.lastEmployer : null, note: body.note,
    };
  }

  /** 一键投递, under the vacancy's key: one application per person (a withdrawn one is sent again). */
  async apply(userId: string, id: string, body: ApplyVacancyBody) {
    const found = await this.models.Vacancy.findById(id).lean<VacancyDoc | null>();
    if (!found || found.status === 'review' || found.status === 'rejected') throw notFound('找不到这个岗位');
    if (found.ownerId.equals(userId)) throw conflict('不能投递自己发布的岗位', 'OWN_VACANCY');
    const profile = await this.profileFor(userId, body);
    const uid = new Types.ObjectId(userId);
    return this.c.atomically(vacancyKey(found._id), async (tx) => {
      const v = await this.models.Vacancy.findById(found._id).lean<VacancyDoc>();
      if (!v || !this.isOpen(v)) throw conflict(`这个岗位${v ? VACANCY_STATUS_LABELS[this.effectiveStatus(v)] : '已停止招聘'}，不能投递了`, 'VACANCY_NOT_OPEN');
      const referral = await this.models.Referral.findOne({ uniqueKey: `${v._id.toString()}:${userId}` }).lean<ReferralDoc | null>();
      const prior = await this.models.Application.findOne({ vacancyId: v._id, userId: uid }).lean<ApplicationDoc | null>();
      if (prior && prior.status !== 'withdrawn') return { application: this.myView(prior, v), message: '您已投递过这个岗位' };
      const _id = prior?._id ?? new Types.ObjectId();
      const profileEnc = this.deps.pii.encryptFor(JSON.stringify(profile), this.profileAad(_id));
      const fields = { status: 'applied' as const, profileEnc, interview: null, answerNote: null, answeredAt: null, referralId: referral?._id ?? null };
      let doc: ApplicationDoc;
      if (prior) {
        await tx.write(this.models.Application, prior._id, prior.rev, { $set: { ...fields, createdAt: this.now() } });
        doc = { ...prior, ...fields, createdAt: this.now(), rev: prior.rev + 1 };
      } else {
        doc = (await this.models.Application.create({ _id, vacancyId: v._id, employerId: v.employerId, userId: uid, district: v.district, ...fields, rev: 0 })).toObject() as ApplicationDoc;
      }
      if (referral && !referral.applicationId) await this.models.Referral.updateOne({ _id: referral._id }, { $set: { applicationId: doc._id } });
      tx.after(() => this.deps.notifier.notify(v.ownerId.toString(), {
        kind: 'vacancy.applied', title: `新的投递：${v.title}`, body: `${profile.name}投递了「${v.title}」，请在 5 个工作日内答复（面试、录用或不合适）`,
        page: `/packages/employer/pages/vacancy/index?id=${v._id.toString()}`, dedupeKey: `vacancyapp:${doc._id.toString()}:applied:${doc.rev}`,
      }));
      return { application: this.myView(doc, v), message: '已投递，单位答复后会通知您' };
    });
  }

  async mine(userId: string) {
    const apps = await this.models.Application.find({ userId: new Types.ObjectId(userId) }).sort({ createdAt: -1 }).limit(MAX_LIST).lean<ApplicationDoc[]>();
    const vacancies = new Map((await findByKeys<VacancyDoc>(this.models.Vacancy, apps.map((a) => a.vacancyId))).map((v) => [v._id.toString(), v]));
    return { items: apps.filter((a) => a.status !== 'withdrawn' && vacancies.has(a.vacancyId.toString())).map((a) => this.myView(a, vacancies.get(a.vacancyId.toString())!)) };
  }

  async withdraw(userId: string, appId: string) {
    const first = await this.models.Application.findById(appId).lean<ApplicationDoc | null>();
    if (!first || !first.userId.equals(userId)) throw notFound('找不到这个投递');
    return this.c.atomically(vacancyKey(first.vacancyId), async (tx) => {
      const a = await this.models.Application.findById(appId).lean<ApplicationDoc>();
      const v = await this.models.Vacancy.findById(first.vacancyId).lean<VacancyDoc>();
      if (!a || !v) throw notFound('找不到这个投递');
      if (!PENDING.includes(a.status)) throw conflict(`这份投递现在是「${VACANCY_APPLICATION_STATUS_LABELS[a.status]}」，不能撤回`, 'APPLICATION_NOT_PENDING');
      await tx.write(this.models.Application, a._id, a.rev, { $set: { status: 'withdrawn' } });
      return { application: this.myView({ ...a, status: 'withdrawn', rev: a.rev + 1 }, v), message: '已撤回投递' };
    });
  }

  // ---------------------------------------------------------------- staff review of held postings

  async districtOf(id: string): Promise<string | null | undefined> {
    if (!Types.ObjectId.isValid(id)) return undefined;
    const v = await this.models.Vacancy.findById(id).select({ district: 1 }).lean<{ district: string | null } | null>();
    return v ? v.district : undefined;
  }

  /** A vacancy as staff see it for review (any status): the contact masked, and why content security held it. */
  async staffDetail(id: string) {
    const v = await this.models.Vacancy.findById(id).lean<VacancyDoc | null>();
    if (!v) throw notFound('找不到这个岗位');
    return {
      vacancy: this.view(v), contactName: v.contactName, contactPhoneMasked: maskPhone(this.deps.pii.decrypt(v.contactPhoneEnc)),
      holdText: v.status === 'review' ? contentHoldText(v.contentHold, TEXT_LABELS) : null,
    };
  }

  /** Postings held by content security, for the inbox (district equality per center district). */
  async heldForInbox(districts: string[] | null, limit: number) {
    const rows: VacancyDoc[] = [];
    for (const d of districts ?? [null]) {
      const filter: Record<string, unknown> = { status: 'review' };
      if (d) filter.district = d;
      rows.push(...(await this.models.Vacancy.find(filter).sort({ createdAt: 1 }).limit(limit).lean<VacancyDoc[]>()));
    }
    return rows;
  }

  async review(id: string, decision: 'approve' | 'reject', reason: string | undefined) {
    const v = await this.c.atomically(vacancyKey(id), async (tx) => {
      const cur = await this.models.Vacancy.findById(id).lean<VacancyDoc | null>();
      if (!cur) throw notFound('找不到这个岗位');
      if (cur.status !== 'review') throw conflict(`这个岗位现在是「${VACANCY_STATUS_LABELS[cur.status]}」，不需要审核`, 'NOT_IN_REVIEW');
      if (decision === 'reject' && !reason?.trim()) throw badRequest('不通过时请填写理由', [{ field: 'reason', message: '请填写理由' }]);
      const status = decision === 'approve' ? 'open' : 'rejected';
      await tx.write(this.models.Vacancy, cur._id, cur.rev, { $set: { status, reviewNote: reason?.trim() || null } });
      tx.after(() => this.deps.notifier.notify(cur.ownerId.toString(), {
        kind: `vacancy.${decision === 'approve' ? 'approved' : 'refused'}`, title: decision === 'approve' ? `岗位已上架：${cur.title}` : `岗位未通过审核：${cur.title}`,
        body: decision === 'approve' ? '经办人员已复核，岗位已上架' : `未通过的理由：${reason}`, page: `/packages/employer/pages/vacancy/index?id=${cur._id.toString()}`,
        dedupeKey: `vacancy:${cur._id.toString()}:review`,
      }));
      return { ...cur, status: status as Vacancy['status'] };
    });
    return { vacancy: this.view(v) };
  }
}
