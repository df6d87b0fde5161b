import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { z } from 'zod';
import { CALENDAR_DATE_RE, objectIdSchema } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import { auditCenter, type StaffActor } from '../staff/actor';

export interface AuditEntry {
  at: Date;
  actorId: Types.ObjectId;
  actorName: string | null;
  center: string | null;
  /** view_pii, approve, return, reject, start_review, close, follow_up, export, settings … */
  action: string;
  subjectType: string;
  subjectId: string;
  reason: string | null;
  /** Settings and catalog changes: the value before and after (no personal data). */
  before?: unknown;
  after?: unknown;
}

const schema = new Schema<AuditEntry>(
  {
    at: { type: Date, required: true },
    actorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    actorName: { type: String, default: null },
    center: { type: String, default: null },
    action: { type: String, required: true },
    subjectType: { type: String, required: true },
    subjectId: { type: String, required: true },
    reason: { type: String, default: null },
    before: { type: Schema.Types.Mixed, default: undefined },
    after: { type: Schema.Types.Mixed, default: undefined },
  },
  { collection: 'audit_log', versionKey: false },
);
schema.index({ subjectType: 1, subjectId: 1, at: -1 });
schema.index({ actorId: 1, at: -1 });
schema.index({ center: 1, at: -1 });

export type AuditRecord = Omit<AuditEntry, 'at' | 'actorId' | 'actorName' | 'center' | 'reason'> & { actorId: string; actorName?: string | null; center?: string | null; reason?: string | null; before?: unknown; after?: unknown };

/** The audit fields of a staff actor: who, and which center ("city" for the city scope). */
export function byStaff(actor: StaffActor): { actorId: string; actorName: string | null; center: string } {
  return { actorId: actor.id, actorName: actor.name, center: auditCenter(actor) };
}

export interface AuditQuery {
  /** A center's code, or null for the city scope (every center's entries). */
  center: string | null;
  /** Staff: by account id, or by the start of their name as written on the entry. */
  actorId?: string;
  actorName?: string;
  /** Subject: what was touched (registration, employer, gig, gig_report, policy_application, stats, settings …) and its id. */
  subjectType?: string;
  subjectId?: string;
  action?: string;
  /** China calendar dates, both inclusive. */
  from?: string;
  to?: string;
  /** Paging: entries strictly older than this instant (the `at` of the last entry of the previous page). */
  before?: string;
  limit?: number;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Append-only audit trail: this service has no update or delete, and no route changes entries.
 * Listeners (e.g. the dashboard cache) hear about every entry after it is stored.
 */
export class AuditService {
  readonly Audit: Model<AuditEntry>;
  private readonly listeners: ((e: AuditEntry) => void | Promise<void>)[] = [];
  constructor(conn: Connection, private readonly now: () => number = Date.now) {
    this.Audit = (conn.models.AuditEntry as Model<AuditEntry>) ?? conn.model<AuditEntry>('AuditEntry', schema);
  }

  /** Called after each entry is written; a failing listener never fails the audited action. */
  onRecord(fn: (e: AuditEntry) => void | Promise<void>): void {
    this.listeners.push(fn);
  }

  async record(e: AuditRecord): Promise<void> {
    const doc = await this.Audit.create({ ...e, at: new Date(this.now()), actorName: e.actorName ?? null, center: e.center ?? null, reason: e.reason ?? null });
    const entry = doc.toObject() as AuditEntry;
    for (const fn of this.listeners) await Promise.resolve().then(() => fn(entry)).catch(() => undefined);
  }

  async search(q: AuditQuery) {
    const filter: Record<string, unknown> = q.center === null ? {} : { center: q.center };
    if (q.actorId) filter.actorId = q.actorId;
    if (q.actorName) filter.actorName = { $regex: `^${escapeRegex(q.actorName)}` };
    if (q.subjectType) filter.subjectType = q.subjectType;
    if (q.subjectId) filter.subjectId = q.subjectId;
    if (q.action) filter.action = q.action;
    const at: Record<string, Date> = {};
    if (q.from) at.$gte = new Date(`${q.from}T00:00:00+08:00`);
    if (q.to) at.$lt = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86400_000);
    if (q.before) {
      const b = new Date(q.before);
      if (!at.$lt || b < at.$lt) at.$lt = b;
    }
    if (Object.keys(at).length) filter.at = at;
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 200);
    const rows = await this.Audit.find(filter).sort({ at: -1, _id: -1 }).limit(limit).lean();
    return rows.map((r) => ({
      at: r.at.toISOString(), actorId: r.actorId.toString(), actorName: r.actorName, center: r.center, action: r.action, subjectType: r.subjectType, subjectId: r.subjectId, reason: r.reason,
      ...(r.before !== undefined ? { before: r.before } : {}), ...(r.after !== undefined ? { after: r.after } : {}),
    }));
  }
}

const dateQ = z.string().regex(CALENDAR_DATE_RE, '日期不是有效日期，应为 年-月-日');
export const auditQuerySchema = z
  .object({
    actorId: objectIdSchema.optional(),
    actorName: z.string().trim().min(1, '经办人姓名不能为空').max(30, '经办人姓名最多 30 个字').optional(),
    subjectType: z.string().max(40, '对象类型最多 40 个字符').optional(),
    subjectId: z.string().max(64, '对象编号最多 64 个字符').optional(),
    action: z.string().max(30, '操作最多 30 个字符').optional(),
    from: dateQ.optional(),
    to: dateQ.optional(),
    before: z.string().datetime({ message: 'before 应为 ISO 时间，如 2026-09-29T02:00:00.000Z' }).optional(),
    limit: z.coerce.number({ invalid_type_error: '条数必须是数字' }).int('条数必须是整数').min(1, '条数至少 1').max(200, '条数最多 200').optional(),
  })
  .strict();
const auditListSchema = z.object({ items: z.array(z.object({
  at: z.string(), actorId: z.string(), actorName: z.string().nullable(), center: z.string().nullable(), action: z.string(), subjectType: z.string(), subjectId: z.string(), reason: z.string().nullable(),
  before: z.unknown().optional(), after: z.unknown().optional(),
})) });

export function auditRoutes(audit: AuditService): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/staff/audit', summary: '经办：查询本中心审计日志（市级管理员查询全市；按经办人、对象、日期；只读，无修改或删除接口）', tags: ['经办'], access: ['staff'],
      query: auditQuerySchema, response: auditListSchema,
      // A center sees its own entries; the city scope sees every center's and its own ("city").
      handler: async ({ query, staff }) => ({ items: await audit.search({ ...query, center: staff!.scope === 'city' ? null : staff!.center!.code }) }),
    }),
  ];
}
