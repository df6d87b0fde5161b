import { Types, type Connection, type Model } from 'mongoose';
import type { Logger } from 'pino';
import {
  RATING_CASE_LABELS, RATING_CONTACT_LABELS, RATING_FOLLOW_UP_STATUS_LABELS, RATING_FOLLOW_UP_WORKDAYS, RATING_STARS, addWorkdays, centerByCode, isBadRating, maskName,
  maskPhone, starsText, toChinaDateString, type RatingBody, type RatingCaseKind, type RatingDashboard, type RatingFollowUpBody, type RatingFollowUpView, type RatingStatus,
  type RatingView,
} from '@doorstep/shared';
import { Consistency } from '../../db/consistency';
import { isDuplicateKey } from '../../db/errors';
import { conflict, notFound } from '../../http/errors';
import type { Pii } from '../../security/pii';
import { byStaff, type AuditService } from '../audit/service';
import { authModels } from '../auth/model';
import type { CalendarService } from '../calendar/service';
import type { ContentGuard } from '../content/guard';
import type { Notifier } from '../notifications/service';
import { centerFilter, type StaffActor } from '../staff/actor';
import type { HandledCase } from './case';
import { ratingModel, type Rating } from './model';

type Doc = Rating & { _id: Types.ObjectId };

/** The owning module's answer for each kind of case (see case.ts); `referral` is one more line here. */
export type CaseRegistry = Record<RatingCaseKind, (id: string) => Promise<HandledCase | null>>;

export const RATING_STAFF_PAGE = '/packages/staff/pages/ratings/index';
const LATEST_COMMENTS = 10;
const MAX_ROWS = 5000;

export interface RatingDeps {
  conn: Connection;
  pii: Pii;
  audit: AuditService;
  calendar: CalendarService;
  notifier: Notifier;
  content: ContentGuard;
  cases: CaseRegistry;
  /** The person's masked name from their registration (null: none). */
  maskedNameOfUser: (userId: string) => Promise<string | null>;
  logger?: Logger;
  now?: () => number;
}

/**
 * 好差评: the owner of a handled case rates it once (the unique `caseKey` makes a second or parallel
 * rating a 409); the rating belongs to the case's center; a 差评 opens a follow-up in that center's
 * inbox (queue `rating`, RATING_FOLLOW_UP_WORKDAYS working days) that staff close by recording what
 * they did, a fenced step under `rating:<id>`.
 */
export class RatingService {
  readonly Rating: Model<Rating>;
  private readonly c: Consistency;
  private readonly User;

  constructor(private readonly deps: RatingDeps) {
    this.Rating = ratingModel(deps.conn);
    this.User = authModels(deps.conn).User;
    this.c = new Consistency(deps.conn, { now: deps.now, onEffectError: (err, key) => deps.logger?.warn({ err: (err as Error).message, key }, 'rating after-effect failed') });
  }

  private now(): Date { return new Date(this.deps.now?.() ?? Date.now()); }

  private view(r: Doc): RatingView {
    return { id: r._id.toString(), kind: r.kind, caseId: r.caseId, stars: r.stars, comment: r.comment ?? null, createdAt: new Date(r.createdAt).toISOString(), followUp: r.followUpStatus ?? null };
  }

  /** The case if it is the user's own; someone else's case and a missing one get the same 404. */
  private async ownCase(userId: string, kind: RatingCaseKind, id: string): Promise<HandledCase> {
    const c = await this.deps.cases[kind](id);
    if (!c || c.ownerId !== userId) throw notFound(`找不到这件${RATING_CASE_LABELS[kind]}`);
    return c;
  }

  async status(userId: string, kind: RatingCaseKind, id: string): Promise<RatingStatus> {
    const c = await this.ownCase(userId, kind, id);
    const r = await this.Rating.findOne({ caseKey: `${kind}:${id}` }).lean<Doc | null>();
    return { kind, caseId: id, canRate: !r && c.handled, reason: r ? '您已评价' : c.pendingReason, rating: r ? this.view(r) : null };
  }

  async rate(userId: string, kind: RatingCaseKind, id: string, body: RatingBody): Promise<RatingView> {
    const c = await this.ownCase(userId, kind, id);
    if (!c.handled) throw conflict(c.pendingReason ?? '办理完成后才能评价', 'NOT_HANDLED');
    const caseKey = `${kind}:${id}`;
    if (await this.Rating.exists({ caseKey })) throw conflict('这件事您已经评价过了，每件事只能评价一次', 'ALREADY_RATED');
    const comment = body.comment?.trim() || null;
    // Content security before anything is written (a refusal is a 400 naming 评价内容).
    const hold = comment ? await this.deps.content.check(userId, { scene: 2, action: '提交', fields: [{ field: 'comment', label: '评价内容', text: comment }] }) : null;
    const bad = isBadRating(body.stars);
    const centerCode = c.centerCode ?? null;
    const district = c.district ?? (centerCode ? (centerByCode(centerCode)?.districts[0] ?? null) : null);
    const today = toChinaDateString(this.now());
    let created: Doc;
    try {
      created = (await this.Rating.create({
        kind, caseId: id, caseKey, caseTitle: c.title, userId: new Types.ObjectId(userId), stars: body.stars, comment, contentHold: hold, centerCode, district, bad,
        followUpStatus: bad ? 'open' : null, followUpDue: bad ? addWorkdays(today, RATING_FOLLOW_UP_WORKDAYS, await this.deps.calendar.get()) : null, followUp: null,
      })).toObject() as Doc;
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('这件事您已经评价过了，每件事只能评价一次', 'ALREADY_RATED');
      throw err;
    }
    return this.view(created);
  }

  // ---- staff: 差评 follow-ups -----------------------------------------------------------------

  /** The district a rating belongs to for the staff scope (undefined: no such rating). */
  async districtOf(id: string): Promise<string | null | undefined> {
    const r = await this.Rating.findById(id).select({ district: 1 }).lean().catch(() => null);
    return r ? (r.district ?? null) : undefined;
  }

  private async people(rows: Doc[]): Promise<Map<string, { name: string; phone: string | null }>> {
    const ids = [...new Set(rows.map((r) => r.userId.toString()))];
    const users = new Map((await this.User.find({ _id: { $in: ids } }).select({ phoneEnc: 1, displayName: 1 }).lean()).map((u) => [String(u._id), u as { phoneEnc?: string | null; displayName?: string | null }]));
    const out = new Map<string, { name: string; phone: string | null }>();
    for (const id of ids) {
      const u = users.get(id);
      let phone: string | null = null;
      try { phone = u?.phoneEnc ? this.deps.pii.decrypt(u.phoneEnc) : null; } catch { phone = null; }
      const name = (await this.deps.maskedNameOfUser(id)) || (u?.displayName ? maskName(u.displayName) : null) || (phone ? `手机尾号 ${phone.slice(-4)}` : '（未留姓名）');
      out.set(id, { name, phone });
    }
    return out;
  }

  private followUpView(r: Doc, person: { name: string; phone: string | null } | undefined): RatingFollowUpView {
    const status = r.followUpStatus ?? 'open';
    return {
      id: r._id.toString(), kind: r.kind, kindLabel: `${RATING_CASE_LABELS[r.kind]}（${r.caseTitle}）`, caseId: r.caseId, stars: r.stars, comment: r.comment ?? null, contentHeld: !!r.contentHold,
      personMasked: person?.name ?? '（未留姓名）', phoneMasked: person?.phone ? maskPhone(person.phone) : null, centerCode: r.centerCode ?? null, district: r.district ?? null,
      createdAt: new Date(r.createdAt).toISOString(), status, statusLabel: RATING_FOLLOW_UP_STATUS_LABELS[status], dueDate: r.followUpDue ?? '',
      followUp: r.followUp ? {
        contacted: r.followUp.contacted, channel: r.followUp.channel, channelLabel: RATING_CONTACT_LABELS[r.followUp.channel], action: r.followUp.action,
        at: new Date(r.followUp.at).toISOString(), byName: r.followUp.byName ?? null,
      } : null,
    };
  }

  /** The center's 差评 follow-ups (open by default), soonest deadline first. */
  async followUps(actor: StaffActor, q: { status?: string }) {
    const filter: Record<string, unknown> = { ...centerFilter(actor), bad: true };
    if (!q.status) filter.followUpStatus = 'open';
    else if (q.status !== 'all') filter.followUpStatus = q.status;
    const rows = await this.Rating.find(filter).sort({ followUpDue: 1, createdAt: 1 }).limit(500).lean<Doc[]>();
    const people = await this.people(rows);
    return { items: rows.map((r) => this.followUpView(r, people.get(r.userId.toString()))) };
  }

  /** One 差评 with the person's phone in full, so staff can call back (the view is audited). */
  async followUpDetail(actor: StaffActor, id: string) {
    const r = await this.Rating.findOne({ _id: id, ...centerFilter(actor), bad: true }).lean<Doc | null>();
    if (!r) throw notFound('找不到这条差评');
    const person = (await this.people([r])).get(r.userId.toString());
    await this.deps.audit.record({ ...byStaff(actor), action: 'view_pii', subjectType: 'rating', subjectId: id });
    return { item: this.followUpView(r, person), phone: person?.phone ?? null };
  }

  /** Staff record the follow-up (联系情况, 处理情况): closes the item, once. */
  async closeFollowUp(actor: StaffActor, id: string, body: RatingFollowUpBody) {
    return this.c.atomically(`rating:${id}`, async (tx) => {
      const r = await this.Rating.findOne({ _id: id, ...centerFilter(actor), bad: true }).lean<Doc | null>();
      if (!r) throw notFound('找不到这条差评');
      if (r.followUpStatus === 'closed') throw conflict('这条差评已经回访过了', 'ALREADY_CLOSED');
      const followUp = { contacted: body.contacted, channel: body.channel, action: body.action, at: this.now(), by: new Types.ObjectId(actor.id), byName: actor.name ?? null };
      await tx.write(this.Rating, r._id, r.rev, { $set: { followUpStatus: 'closed', followUp } });
      await this.deps.audit.record({ ...byStaff(actor), action: 'rating.follow_up', subjectType: 'rating', subjectId: id, before: { status: 'open' }, after: { status: 'closed', contacted: body.contacted, channel: body.channel } });
      const updated = { ...r, followUpStatus: 'closed' as const, followUp, rev: r.rev + 1 };
      tx.after(() => this.deps.notifier.notify(r.userId.toString(), {
        kind: 'rating.followed_up', title: '您的评价已回访', body: `您对「${RATING_CASE_LABELS[r.kind]}」的评价（${starsText(r.stars)}），服务中心已处理：${body.action.slice(0, 60)}`,
        dedupeKey: `rating:${id}:followed_up`,
      }));
      const person = (await this.people([r])).get(r.userId.toString());
      return { item: this.followUpView(updated, person) };
    });
  }

  /** Open 差评 follow-ups for the workbench inbox (the rating's center). */
  async openForInbox(actor: StaffActor, limit = 1000) {
    const rows = await this.Rating.find({ ...centerFilter(actor), followUpStatus: 'open' }).limit(limit).lean<Doc[]>();
    const people = await this.people(rows);
    return rows.map((r) => ({
      id: r._id.toString(), userId: r.userId.toString(), title: people.get(r.userId.toString())?.name ?? '（未留姓名）',
      subtitle: `${starsText(r.stars)} · ${RATING_CASE_LABELS[r.kind]}${r.comment ? `：${r.comment.slice(0, 30)}` : ''}`,
      district: r.district ?? null, receivedAt: new Date(r.createdAt), deadline: r.followUpDue ?? toChinaDateString(new Date(r.createdAt)), contentHeld: !!r.contentHold,
    }));
  }

  // ---- dashboard --------------------------------------------------------------------------------

  /**
   * The dashboard's 好差评 section for a center (null: the whole city), optionally one district: counts by
   * find + count in code (FerretDB's `$group` computes only its first accumulator).
   */
  async dashboardSection(centerCode: string | null, district: string | null): Promise<RatingDashboard> {
    const filter: Record<string, unknown> = {};
    if (centerCode) filter.centerCode = centerCode;
    if (district) filter.district = district;
    const rows = await this.Rating.find(filter).select({ stars: 1, bad: 1, followUpStatus: 1, comment: 1, contentHold: 1, kind: 1, userId: 1, createdAt: 1 }).sort({ createdAt: -1 }).limit(MAX_ROWS).lean<Doc[]>();
    const distribution = RATING_STARS.map((s) => ({ stars: s, count: rows.filter((r) => r.stars === s).length }));
    const total = rows.reduce((a, r) => a + r.stars, 0);
    const latest = rows.filter((r) => r.comment).slice(0, LATEST_COMMENTS);
    const people = await this.people(latest);
    return {
      count: rows.length,
      average: rows.length ? Math.round((total / rows.length) * 10) / 10 : null,
      distribution,
      bad: { open: rows.filter((r) => r.bad && r.followUpStatus === 'open').length, closed: rows.filter((r) => r.bad && r.followUpStatus === 'closed').length },
      latestComments: latest.map((r) => ({
        kindLabel: RATING_CASE_LABELS[r.kind], stars: r.stars, comment: r.comment!, personMasked: people.get(r.userId.toString())?.name ?? '（未留姓名）',
        at: new Date(r.createdAt).toISOString(), contentHeld: !!r.contentHold,
      })),
    };
  }
}
