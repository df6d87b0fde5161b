import type { Connection, Model } from 'mongoose';
import type { Logger } from 'pino';
import type { WechatClient } from '../../integrations/wechat';
import { notFound } from '../../http/errors';
import { authModels } from '../auth/model';
import { notificationModel, type Notification } from './model';
import { isDuplicateKey } from '../../db/errors';

export interface NotifyMessage {
  /** What happened, e.g. 'registration.approved'; also selects the WeChat template. */
  kind: string;
  title: string;
  body: string;
  page?: string;
  /** Give one to notify a person about something once only. */
  dedupeKey?: string;
}

export interface Notifier {
  notify(userId: string, msg: NotifyMessage): Promise<{ created: boolean }>;
}

/**
 * The notification interface every feature uses: an in-app message (always) plus a WeChat
 * subscription message when the person signed in with WeChat and a template is configured for
 * the kind. Sending to WeChat never fails the business operation that triggered it.
 */
export class NotificationService implements Notifier {
  readonly Notification: Model<Notification>;
  private readonly users;

  constructor(conn: Connection, private readonly wechat: WechatClient, private readonly templates: Record<string, string>, private readonly logger: Logger) {
    this.Notification = notificationModel(conn);
    this.users = authModels(conn).User;
  }

  async notify(userId: string, msg: NotifyMessage): Promise<{ created: boolean }> {
    let doc;
    try {
      doc = await this.Notification.create({ userId, kind: msg.kind, title: msg.title, body: msg.body, page: msg.page ?? null, ...(msg.dedupeKey ? { dedupeKey: msg.dedupeKey } : {}) });
    } catch (err) {
      if (isDuplicateKey(err)) return { created: false };
      throw err;
    }
    const templateId = this.templates[msg.kind] ?? this.templates.default;
    const user = await this.users.findById(userId).select({ wechatOpenid: 1 }).lean();
    if (!templateId || !user?.wechatOpenid) return { created: true };
    try {
      const { delivered } = await this.wechat.sendSubscribeMessage({
        openid: user.wechatOpenid,
        templateId,
        page: msg.page,
        data: { thing1: { value: msg.title.slice(0, 20) }, thing2: { value: msg.body.slice(0, 20) } },
      });
      if (delivered) await this.Notification.updateOne({ _id: doc._id }, { $set: { wechat: 'sent' } });
    } catch (err) {
      this.logger.warn({ kind: msg.kind, err: (err as Error).message }, 'wechat subscribe message failed');
      await this.Notification.updateOne({ _id: doc._id }, { $set: { wechat: 'failed' } });
    }
    return { created: true };
  }

  async list(userId: string, limit = 50) {
    const items = await this.Notification.find({ userId }).sort({ createdAt: -1 }).limit(limit).lean();
    const unread = await this.Notification.countDocuments({ userId, readAt: null });
    return {
      unread,
      items: items.map((n) => ({ id: n._id.toString(), kind: n.kind, title: n.title, body: n.body, page: n.page, read: Boolean(n.readAt), createdAt: n.createdAt.toISOString() })),
    };
  }

  async markRead(userId: string, id: string): Promise<void> {
    const res = await this.Notification.updateOne({ _id: id, userId }, { $set: { readAt: new Date() } });
    if (res.matchedCount === 0) throw notFound('消息不存在');
  }
}
