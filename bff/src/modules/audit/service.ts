import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { z } from 'zod';
import { objectIdSchema } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';

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
  },
  { collection: 'audit_log', versionKey: false },
);
schema.index({ subjectType: 1, subjectId: 1, at: -1 });
schema.index({ actorId: 1, at: -1 });
schema.index({ center: 1, at: -1 });

/** Append-only audit trail: this service has no update or delete, and no route changes entries. */
export class AuditService {
  readonly Audit: Model<AuditEntry>;
  constructor(conn: Connection, private readonly now: () => number = Date.now) {
    this.Audit = (conn.models.AuditEntry as Model<AuditEntry>) ?? conn.model<AuditEntry>('AuditEntry', schema);
  }

  async record(e: Omit<AuditEntry, 'at' | 'actorId' | 'actorName' | 'center' | 'reason'> & { actorId: string; actorName?: string | null; center?: string | null; reason?: string | null }): Promise<void> {
    await this.Audit.create({ ...e, at: new Date(this.now()), actorName: e.actorName ?? null, center: e.center ?? null, reason: e.reason ?? null });
  }

  async search(q: { center: string | null; actorId?: string; subjectId?: string; action?: string; from?: string; to?: string }) {
    const filter: Record<string, unknown> = { center: q.center };
    if (q.actorId) filter.actorId = q.actorId;
    if (q.subjectId) filter.subjectId = q.subjectId;
    if (q.action) filter.action = q.action;
    if (q.from || q.to) filter.at = { ...(q.from ? { $gte: new Date(`${q.from}T00:00:00+08:00`) } : {}), ...(q.to ? { $lt: new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86400_000) } : {}) };
    const rows = await this.Audit.find(filter).sort({ at: -1 }).limit(200).lean();
    return rows.map((r) => ({ at: r.at.toISOString(), actorId: r.actorId.toString(), actorName: r.actorName, action: r.action, subjectType: r.subjectType, subjectId: r.subjectId, reason: r.reason }));
  }
}

const dateQ = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日');
export const auditQuerySchema = z.object({ actorId: objectIdSchema.optional(), subjectId: z.string().max(64).optional(), action: z.string().max(30).optional(), from: dateQ.optional(), to: dateQ.optional() }).strict();
const auditListSchema = z.object({ items: z.array(z.object({ at: z.string(), actorId: z.string(), actorName: z.string().nullable(), action: z.string(), subjectType: z.string(), subjectId: z.string(), reason: z.string().nullable() })) });

export function auditRoutes(audit: AuditService, centerOf: (userId: string) => Promise<string | null>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/staff/audit', summary: '经办：查询本中心审计日志（只读）', tags: ['经办'], access: ['staff'],
      query: auditQuerySchema, response: auditListSchema,
      handler: async ({ query, user }) => ({ items: await audit.search({ ...query, center: await centerOf(user!.id) }) }),
    }),
  ];
}
