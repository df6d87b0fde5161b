import type { Connection, Model } from 'mongoose';
import type { Logger } from 'pino';
import {
  deliveryOutcome, isSmsFallbackKind, noticeTarget, staffDeliveryLine, NOTICE_TAP_NAMES, quietHoursRelease, SMS_FALLBACK_KINDS, SMS_KIND_LABEL, tapTemplateIds, templateFor, toChinaDateString,
  type CaseNoticesView, type DeliveryRecord, type NoticeTap,
} from '@doorstep/shared';
import type { WechatClient } from '../../integrations/wechat';
import type { SmsProvider } from '../../integrations/sms';
import type { Pii } from '../../security/pii';
import { Consistency } from '../../db/consistency';
import { badRequest, notFound } from '../../http/errors';
import { authModels } from '../auth/model';
import { noticeModels, type Notification, type SmsStatus, type SubscribeGrant, type WechatStatus } from './model';
import { isDuplicateKey } from '../../db/errors';

export interface NotifyMessage {
  /** What happened, e.g. 'registration.approved'; also selects the WeChat template. */
  kind: string;
  title: string;
  body: string;
  page?: string;
  /** Give one to notify a person about something once only. */
  dedupeKey?: string;
  /** A text message about it is pointless from this time on (e.g. an urgent gig's start). */
  smsNotAfter?: Date;
  /** The case it is about, `<type>:<id>` (see `subjectOf`): staff see on the case how it reached the person. */
  subject?: string;
}

/** Case types whose notices staff see on the case. */
export type NoticeSubjectType = 'registration' | 'insurance' | 'policy-app';
export const subjectOf = (type: NoticeSubjectType, id: unknown) => `${type}:${String(id)}`;
/** What the owning modules' staff case routes are given: the notices about a case (access already checked). */
export type CaseNotices = (type: NoticeSubjectType, id: string) => Promise<CaseNoticesView>;

export interface Notifier {
  notify(userId: string, msg: NotifyMessage): Promise<{ created: boolean }>;
}

export interface NotificationDeps {
  conn: Connection;
  wechat: WechatClient;
  /** Notice kind → subscription template id (`default` for the rest). */
  templates: Record<string, string>;
  logger: Logger;
  sms: SmsProvider;
  pii: Pii;
  /** Most notice texts one person gets per China day. */
  smsDailyCap: number;
  now?: () => number;
}

type WechatResult = Notification['delivery']['wechat'];
type SmsResult = Notification['delivery']['sms'];
type Doc = Notification;

/**
 * The notification interface every feature uses. Each notice is an in-app message (always; its result
 * is the read time), a WeChat subscription message when the person has an unused acceptance of the
 * kind's template (each acceptance pays for one send; without one nothing is attempted), and for the
 * notices that matter most an SMS when WeChat could not deliver it (opt-out per kind, a daily cap,
 * quiet hours 22:00–07:00 China time). Every channel's result — WeChat's errcode included — is stored on
 * the notice. Delivery never fails the business operation that triggered it.
 */
export class NotificationService implements Notifier {
  readonly models;
  readonly Notification: Model<Notification>;
  private readonly users;
  private readonly c: Consistency;
  private readonly now: () => number;

  constructor(private readonly deps: NotificationDeps) {
    this.models = noticeModels(deps.conn);
    this.Notification = this.models.Notification;
    this.users = authModels(deps.conn).User;
    this.now = deps.now ?? Date.now;
    this.c = new Consistency(deps.conn, { now: this.now, onEffectError: (err) => deps.logger.warn({ err: (err as Error).message }, 'notice effect failed') });
  }

  async notify(userId: string, msg: NotifyMessage): Promise<{ created: boolean }> {
    let doc;
    try {
      doc = await this.Notification.create({
        userId, kind: msg.kind, title: msg.title, body: msg.body, page: msg.page ?? null, smsNotAfter: msg.smsNotAfter ?? null, subject: msg.subject ?? null,
        // The service's clock, like every other time on the record (delivery, read), so they compare.
        createdAt: new Date(this.now()),
        ...(msg.dedupeKey ? { dedupeKey: msg.dedupeKey } : {}),
      });
    } catch (err) {
      if (isDuplicateKey(err)) return { created: false };
      throw err;
    }
    try {
      await this.deliver(doc.toObject() as Doc);
    } catch (err) {
      this.deps.logger.warn({ kind: msg.kind, err: (err as Error).message }, 'notice delivery failed');
    }
    return { created: true };
  }

  // ---------------------------------------------------------------- delivery

  private async deliver(doc: Doc): Promise<void> {
    const user = await this.users.findById(doc.userId).select({ wechatOpenid: 1, phoneEnc: 1 }).lean();
    const wechat = await this.sendWechat(doc, user?.wechatOpenid ?? null);
    const sms: SmsResult = wechat.status === 'sent' || !isSmsFallbackKind(doc.kind)
      ? { status: 'not_needed', at: null, heldUntil: null, error: null }
      : await this.smsFallback(doc, user?.phoneEnc ?? null);
    await this.record(doc, {
      'delivery.wechat': wechat,
      'delivery.sms': sms,
      wechat: wechat.status === 'sent' ? 'sent' : wechat.status === 'failed' ? 'failed' : 'skipped',
    });
  }

  private async sendWechat(doc: Doc, openid: string | null): Promise<WechatResult> {
    const templateId = templateFor(this.deps.templates, doc.kind);
    const result = (status: WechatStatus, extra: Partial<WechatResult> = {}): WechatResult => ({ status, templateId, errcode: null, errmsg: null, at: null, attempts: [], ...extra });
    if (!templateId || !openid) return result('none');
    const grant = await this.takeGrant(doc.userId.toString(), templateId, doc._id);
    if (!grant) return result('no_grant');
    const at = new Date(this.now());
    try {
      const res = await this.deps.wechat.sendSubscribeMessage({
        openid, templateId, page: doc.page ?? undefined,
        data: { thing1: { value: doc.title.slice(0, 20) }, thing2: { value: doc.body.slice(0, 20) } },
      });
      const status: WechatStatus = res.errcode === 0 ? 'sent' : res.errcode === 43101 ? 'refused' : 'failed';
      return result(status, { errcode: res.errcode, errmsg: res.errmsg, at, attempts: [{ at, templateId, errcode: res.errcode, errmsg: res.errmsg }] });
    } catch (err) {
      this.deps.logger.warn({ kind: doc.kind, err: (err as Error).message }, 'wechat subscribe message failed');
      return result('failed', { errmsg: 'unreachable', at, attempts: [{ at, templateId, errcode: null, errmsg: 'unreachable' }] });
    }
  }

  /**
   * Spends one acceptance of the template: the oldest unused 'accept' after the person's last 'ban'.
   * Spending is a unique insert keyed by the grant, so one acceptance pays for exactly one send even
   * when notices to the same person are delivered at once on several instances.
   */
  private async takeGrant(userId: string, templateId: string, noticeId: unknown): Promise<string | null> {
    const rows = await this.models.SubscribeGrant.find({ userId, templateId }).sort({ createdAt: 1 }).lean<SubscribeGrant[]>();
    const lastBan = rows.map((r) => r.decision).lastIndexOf('ban');
    const accepts = rows.slice(lastBan + 1).filter((r) => r.decision === 'accept');
    if (!accepts.length) return null;
    const used = new Set((await this.models.GrantUse.find({ _id: { $in: accepts.map((a) => a._id) } }).select({ _id: 1 }).lean()).map((u) => u._id));
    for (const g of accepts) {
      if (used.has(g._id)) continue;
      try {
        await this.models.GrantUse.create({ _id: g._id, noticeId, at: new Date(this.now()) });
        return g._id;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    return null;
  }

  /** Decides the SMS of a notice WeChat did not deliver: opted out, no phone, held for quiet hours, or sent now. */
  private async smsFallback(doc: Doc, phoneEnc: string | null, at = this.now()): Promise<SmsResult> {
    const res = (status: SmsStatus, extra: Partial<SmsResult> = {}): SmsResult => ({ status, at: null, heldUntil: null, error: null, ...extra });
    const settings = await this.models.NoticeSettings.findById(doc.userId.toString()).lean();
    if (settings?.smsOptOut.includes(doc.kind)) return res('opted_out');
    if (!phoneEnc) return res('no_phone');
    const release = quietHoursRelease(at);
    if (release !== null) {
      if (doc.smsNotAfter && release >= new Date(doc.smsNotAfter).getTime()) return res('dropped_stale');
      return res('held', { heldUntil: new Date(release) });
    }
    if (doc.smsNotAfter && at >= new Date(doc.smsNotAfter).getTime()) return res('dropped_stale');
    // One text per notice, whoever (this delivery or a scheduler releasing it) gets here first.
    if (!(await this.mark(`sms|${doc._id.toString()}`, at))) return res('failed', { error: 'already handled' });
    if (!(await this.takeCapSlot(doc.userId.toString(), at))) return res('capped');
    try {
      await this.deps.sms.send(this.deps.pii.decrypt(phoneEnc), smsText(doc));
      return res('sent', { at: new Date(at) });
    } catch (err) {
      this.deps.logger.warn({ kind: doc.kind, err: (err as Error).message }, 'notice sms failed');
      return res('failed', { error: 'gateway' });
    }
  }

  /** Daily cap as numbered slots `cap|<user>|<China date>|1..N`, each a unique insert: never more than N texts a day. */
  private async takeCapSlot(userId: string, at: number): Promise<boolean> {
    const day = toChinaDateString(new Date(at));
    for (let n = 1; n <= this.deps.smsDailyCap; n++) {
      if (await this.mark(`cap|${userId}|${day}|${n}`, at)) return true;
    }
    return false;
  }

  private async mark(id: string, at: number): Promise<boolean> {
    try {
      await this.models.SmsMark.create({ _id: id, at: new Date(at) });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Stores a notice's delivery results: a fenced write under the person's key (mark-read uses it too). */
  private async record(doc: Pick<Doc, '_id' | 'userId'>, set: Record<string, unknown>): Promise<void> {
    await this.c.atomically(`notices:${doc.userId.toString()}`, async (tx) => {
      const cur = await this.Notification.findById(doc._id).select({ rev: 1 }).lean();
      if (!cur) return;
      await tx.write(this.Notification, doc._id, cur.rev ?? 0, { $set: set });
    });
  }

  /** Scheduler: texts held over quiet hours go once it is 07:00; returns how many were handled. */
  async releaseHeldSms(limit = 200): Promise<number> {
    const at = this.now();
    const held = await this.Notification.find({ 'delivery.sms.status': 'held', 'delivery.sms.heldUntil': { $lte: new Date(at) } }).limit(limit).lean<Doc[]>();
    let n = 0;
    for (const doc of held) {
      if (quietHoursRelease(at) !== null) break;
      const user = await this.users.findById(doc.userId).select({ phoneEnc: 1 }).lean();
      const sms = await this.smsFallback(doc, user?.phoneEnc ?? null, at);
      if (sms.status === 'failed' && sms.error === 'already handled') continue; // another instance sent it
      await this.record(doc, { 'delivery.sms': sms });
      n += 1;
    }
    return n;
  }

  // ---------------------------------------------------------------- message center

  async list(userId: string, opts: { page?: number; pageSize?: number; unreadOnly?: boolean } = {}) {
    const page = opts.page ?? 1;
    const pageSize = opts.pageSize ?? 50; // the old single-page answer held 50
    const filter: Record<string, unknown> = { userId, ...(opts.unreadOnly ? { readAt: null } : {}) };
    const [items, unread, total] = await Promise.all([
      this.Notification.find(filter).sort({ createdAt: -1, _id: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean<Doc[]>(),
      this.Notification.countDocuments({ userId, readAt: null }),
      this.Notification.countDocuments(filter),
    ]);
    return { unread, total, page, pageSize, items: items.map((n) => this.view(n)) };
  }

  async unreadCount(userId: string) {
    return { unread: await this.Notification.countDocuments({ userId, readAt: null }) };
  }

  private view(n: Doc) {
    return {
      id: n._id.toString(), kind: n.kind, title: n.title, body: n.body, page: n.page, target: noticeTarget(n.page),
      read: Boolean(n.readAt), readAt: n.readAt ? new Date(n.readAt).toISOString() : null, createdAt: new Date(n.createdAt).toISOString(),
      channels: { wechat: n.delivery?.wechat?.status ?? 'none', sms: n.delivery?.sms?.status ?? 'not_needed' },
      delivery: deliveryView(n),
    };
  }

  /**
   * The notices sent about one case, newest first, with how each reached the person (for staff on the
   * case; the route has already checked the case is theirs). Bounded: a case has a handful of events.
   */
  async forSubject(subject: string, limit = 30): Promise<CaseNoticesView> {
    const items = await this.Notification.find({ subject }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<Doc[]>();
    return {
      items: items.map((n) => {
        const delivery = deliveryView(n);
        return { id: n._id.toString(), kind: n.kind, title: n.title, createdAt: delivery.createdAt, delivery, outcome: deliveryOutcome(delivery), summary: staffDeliveryLine(delivery) };
      }),
    };
  }

  async markRead(userId: string, id: string): Promise<void> {
    await this.c.atomically(`notices:${userId}`, async (tx) => {
      const n = await this.Notification.findOne({ _id: id, userId }).select({ rev: 1, readAt: 1 }).lean();
      if (!n) throw notFound('消息不存在');
      if (n.readAt) return;
      await tx.write(this.Notification, n._id, n.rev ?? 0, { $set: { readAt: new Date(this.now()) } });
    });
  }

  async markAllRead(userId: string): Promise<{ marked: number }> {
    return this.c.atomically(`notices:${userId}`, async (tx) => {
      const unread = await this.Notification.find({ userId, readAt: null }).select({ rev: 1 }).limit(1000).lean();
      const at = new Date(this.now());
      for (const n of unread) await tx.write(this.Notification, n._id, n.rev ?? 0, { $set: { readAt: at } });
      return { marked: unread.length };
    }, { leaseMs: 30_000, waitMs: 15_000 });
  }

  // ---------------------------------------------------------------- subscriptions and settings

  /** Template ids per kind and per tap, for the app's requestSubscribeMessage calls. */
  templates() {
    const taps = Object.fromEntries(NOTICE_TAP_NAMES.map((tap) => [tap, tapTemplateIds(this.deps.templates, tap)])) as Record<NoticeTap, string[]>;
    return { templates: { ...this.deps.templates }, taps };
  }

  /**
   * What requestSubscribeMessage answered, per template. Insert-only rows keyed by the app's request id,
   * so a report sent twice (retry, double tap) counts once; each 'accept' is one send credit.
   */
  async reportSubscription(userId: string, body: { requestId: string; tap?: NoticeTap | null; results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'> }) {
    const known = new Set(Object.values(this.deps.templates));
    const unknown = Object.keys(body.results).filter((id) => !known.has(id));
    if (unknown.length) throw badRequest(`results：不认识的订阅消息模板 ${unknown.join('、')}`, { field: 'results' });
    const at = new Date(this.now());
    let accepted = 0;
    for (const [templateId, decision] of Object.entries(body.results)) {
      try {
        await this.models.SubscribeGrant.create({ _id: `${userId}|${body.requestId}|${templateId}`, userId, templateId, decision, tap: body.tap ?? null, createdAt: at });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      if (decision === 'accept') accepted += 1;
    }
    return { ok: true as const, accepted, credits: await this.credits(userId) };
  }

  /** Unused acceptances per template (what the app can show as 「已订阅」). */
  async credits(userId: string): Promise<Record<string, number>> {
    const rows = await this.models.SubscribeGrant.find({ userId }).sort({ createdAt: 1 }).lean<SubscribeGrant[]>();
    const used = new Set((await this.models.GrantUse.find({ _id: { $in: rows.map((r) => r._id) } }).select({ _id: 1 }).lean()).map((u) => u._id));
    const out: Record<string, number> = {};
    for (const r of rows) {
      if (r.decision === 'ban') out[r.templateId] = 0;
      else if (r.decision === 'accept' && !used.has(r._id)) out[r.templateId] = (out[r.templateId] ?? 0) + 1;
    }
    return out;
  }

  async settings(userId: string) {
    const s = await this.models.NoticeSettings.findById(userId).lean();
    return { smsOptOut: s?.smsOptOut ?? [], kinds: SMS_FALLBACK_KINDS.map((kind) => ({ kind, label: SMS_KIND_LABEL[kind] })) };
  }

  async updateSettings(userId: string, body: { smsOptOut: string[] }) {
    const smsOptOut = [...new Set(body.smsOptOut)].sort();
    await this.c.atomically(`notice-settings:${userId}`, async (tx) => {
      const cur = await this.models.NoticeSettings.findById(userId).lean();
      if (!cur) {
        try {
          await this.models.NoticeSettings.create({ _id: userId, smsOptOut, rev: 0, updatedAt: new Date(this.now()) });
          return;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
      }
      const now = await this.models.NoticeSettings.findById(userId).lean();
      if (!now || JSON.stringify(now.smsOptOut) === JSON.stringify(smsOptOut)) return;
      await tx.write(this.models.NoticeSettings, userId, now.rev, { $set: { smsOptOut, updatedAt: new Date(this.now()) } });
    });
    return this.settings(userId);
  }
}

/** The text of a notice's SMS: what happened, no personal data, where to look. */
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
/** The delivery record as the API shows it (no template ids or provider errors: those stay in the log of the record). */
export function deliveryView(n: Pick<Doc, 'createdAt' | 'readAt' | 'delivery'>): DeliveryRecord {
  return {
    createdAt: new Date(n.createdAt).toISOString(),
    readAt: iso(n.readAt),
    wechat: { status: n.delivery?.wechat?.status ?? 'none', at: iso(n.delivery?.wechat?.at), errcode: n.delivery?.wechat?.errcode ?? null },
    sms: { status: n.delivery?.sms?.status ?? 'not_needed', at: iso(n.delivery?.sms?.at), heldUntil: iso(n.delivery?.sms?.heldUntil) },
  };
}

export function smsText(n: Pick<Doc, 'title' | 'body'>): string {
  return `【家门口就业】${n.title}。${n.body.slice(0, 60)}（详情见小程序「消息」，回复TD退订）`;
}
