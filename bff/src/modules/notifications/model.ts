import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** How the WeChat subscription message of a notice went. */
export type WechatStatus =
  | 'none' // no template for the kind, or the person has no WeChat login: not attempted
  | 'no_grant' // no unused 订阅 acceptance for the template: not attempted (WeChat would refuse it)
  | 'sent' // errcode 0
  | 'refused' // 43101: the person refused / no longer accepts the template
  | 'failed'; // any other errcode, or WeChat unreachable
/** How the SMS fallback of a notice went. */
export type SmsStatus =
  | 'not_needed' // not an SMS kind, or WeChat delivered it
  | 'sent'
  | 'held' // quiet hours: goes at heldUntil (07:00 China time)
  | 'dropped_stale' // held, but what it is about (an urgent gig) starts before it could go
  | 'capped' // the person's daily SMS cap was reached
  | 'opted_out' // the person turned SMS off for this kind
  | 'no_phone'
  | 'failed';

export interface WechatAttempt { at: Date; templateId: string; errcode: number | null; errmsg: string | null }

export interface Notification {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  kind: string;
  title: string;
  body: string;
  /** Mini-program page to open, e.g. /packages/worker/pages/registration/index */
  page: string | null;
  /** Same key → one notification only (e.g. `policy:<id>:user:<id>`), enforced by a unique index. */
  dedupeKey: string | null;
  /** The case it is about, `<type>:<id>` (registration, insurance, policy-app): staff see its delivery there. */
  subject: string | null;
  /** Summary kept for older readers: 'sent' only when WeChat delivered it. */
  wechat: 'sent' | 'skipped' | 'failed';
  /** Channels and their results. In-app is always delivered; its result is readAt. */
  delivery: {
    wechat: { status: WechatStatus; templateId: string | null; errcode: number | null; errmsg: string | null; at: Date | null; attempts: WechatAttempt[] };
    sms: { status: SmsStatus; at: Date | null; heldUntil: Date | null; error: string | null };
  };
  /** A text about this notice is pointless from this time on (an urgent gig's start). */
  smsNotAfter: Date | null;
  readAt: Date | null;
  createdAt: Date;
  /** Revision for fenced writes under `notices:<userId>`. */
  rev: number;
}

const attemptSchema = new Schema<WechatAttempt>({ at: Date, templateId: String, errcode: { type: Number, default: null }, errmsg: { type: String, default: null } }, { _id: false });
const schema = new Schema<Notification>(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    page: { type: String, default: null },
    dedupeKey: { type: String, default: undefined },
    subject: { type: String, default: null },
    wechat: { type: String, enum: ['sent', 'skipped', 'failed'], default: 'skipped' },
    delivery: {
      wechat: {
        status: { type: String, default: 'none' },
        templateId: { type: String, default: null },
        errcode: { type: Number, default: null },
        errmsg: { type: String, default: null },
        at: { type: Date, default: null },
        attempts: { type: [attemptSchema], default: [] },
      },
      sms: {
        status: { type: String, default: 'not_needed' },
        at: { type: Date, default: null },
        heldUntil: { type: Date, default: null },
        error: { type: String, default: null },
      },
    },
    smsNotAfter: { type: Date, default: null },
    readAt: { type: Date, default: null },
    rev: { type: Number, default: 0 },
  },
  { collection: 'notifications', timestamps: { createdAt: true, updatedAt: false } },
);
schema.index({ userId: 1, createdAt: -1 });
schema.index({ userId: 1, readAt: 1 });
schema.index({ dedupeKey: 1 }, { unique: true, sparse: true });
schema.index({ subject: 1, createdAt: -1 });
schema.index({ 'delivery.sms.status': 1, 'delivery.sms.heldUntil': 1 });

/**
 * One answer of requestSubscribeMessage for one template, as the app reported it. Insert-only: the id
 * `<userId>|<requestId>|<templateId>` makes a repeated report (retries, double taps) one row.
 * An 'accept' is one send credit (one-time subscription: each acceptance allows one message).
 */
export interface SubscribeGrant { _id: string; userId: Types.ObjectId; templateId: string; decision: 'accept' | 'reject' | 'ban' | 'filter'; tap: string | null; createdAt: Date }
const grantSchema = new Schema<SubscribeGrant>(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    templateId: { type: String, required: true },
    decision: { type: String, enum: ['accept', 'reject', 'ban', 'filter'], required: true },
    tap: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'subscribe_grants', versionKey: false },
);
grantSchema.index({ userId: 1, templateId: 1, createdAt: 1 });

/** A credit spent: unique per grant, so one acceptance pays for exactly one send. */
export interface GrantUse { _id: string; noticeId: Types.ObjectId; at: Date }
const grantUseSchema = new Schema<GrantUse>({ _id: String, noticeId: Schema.Types.ObjectId, at: Date }, { collection: 'subscribe_grant_uses', versionKey: false });

/** A person's message settings: SMS turned off per kind. */
export interface NoticeSettings { _id: string; smsOptOut: string[]; rev: number; updatedAt: Date }
const settingsSchema = new Schema<NoticeSettings>({ _id: String, smsOptOut: { type: [String], default: [] }, rev: { type: Number, default: 0 }, updatedAt: Date }, { collection: 'notice_settings', versionKey: false });

/** Unique markers: `sms|<noticeId>` (one text per notice), `cap|<userId>|<date>|<n>` (daily cap slots). */
export interface SmsMark { _id: string; at: Date }
const smsMarkSchema = new Schema<SmsMark>({ _id: String, at: Date }, { collection: 'notice_sms_marks', versionKey: false });

/** One run of a scheduled job per due slot (`<job>|<slot>`). */
export interface JobRun { _id: string; job: string; slot: string; at: Date; result: Record<string, unknown> }
const jobRunSchema = new Schema<JobRun>({ _id: String, job: String, slot: String, at: Date, result: Schema.Types.Mixed }, { collection: 'job_runs', versionKey: false });

export function notificationModel(conn: Connection): Model<Notification> {
  return (conn.models.Notification as Model<Notification>) ?? conn.model<Notification>('Notification', schema);
}

export function noticeModels(conn: Connection) {
  const get = <T>(name: string, s: Schema<T>) => (conn.models[name] as Model<T>) ?? conn.model<T>(name, s);
  return {
    Notification: notificationModel(conn),
    SubscribeGrant: get('SubscribeGrant', grantSchema),
    GrantUse: get('GrantUse', grantUseSchema),
    NoticeSettings: get('NoticeSettings', settingsSchema),
    SmsMark: get('SmsMark', smsMarkSchema),
    JobRun: get('JobRun', jobRunSchema),
  };
}
