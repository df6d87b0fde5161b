import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface Notification {
  userId: Types.ObjectId;
  kind: string;
  title: string;
  body: string;
  /** Mini-program page to open, e.g. /packages/worker/pages/registration/index */
  page: string | null;
  /** Same key → one notification only (e.g. `policy:<id>:user:<id>`), enforced by a unique index. */
  dedupeKey: string | null;
  wechat: 'sent' | 'skipped' | 'failed';
  readAt: Date | null;
  createdAt: Date;
}

const schema = new Schema<Notification>(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    page: { type: String, default: null },
    dedupeKey: { type: String, default: undefined },
    wechat: { type: String, enum: ['sent', 'skipped', 'failed'], default: 'skipped' },
    readAt: { type: Date, default: null },
  },
  { collection: 'notifications', timestamps: { createdAt: true, updatedAt: false } },
);
schema.index({ userId: 1, createdAt: -1 });
schema.index({ dedupeKey: 1 }, { unique: true, sparse: true });

export function notificationModel(conn: Connection): Model<Notification> {
  return (conn.models.Notification as Model<Notification>) ?? conn.model<Notification>('Notification', schema);
}
