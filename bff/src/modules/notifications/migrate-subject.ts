import type { Migration } from '../../db/migrations';
import { notificationModel } from './model';

/**
 * Notices written before 2026-12 carry no `subject` (the case they are about), so staff would not see
 * on a case how its earlier notices reached the person. Their dedupe keys name the case already
 * (`registration:<id>:…`, `insurance:<id>:…`, `policy-app:<id>:…`); this copies it into `subject`.
 * Idempotent: only notices whose subject is unset are read; each write is fenced under the person's
 * `notices:<userId>` key like every other write to their notices.
 */
const PREFIXES = ['registration', 'insurance', 'policy-app'] as const;
export function subjectFromDedupeKey(key: string | null | undefined): string | null {
  if (!key) return null;
  const [type, id] = key.split(':');
  return (PREFIXES as readonly string[]).includes(type!) && id && /^[0-9a-f]{24}$/.test(id) ? `${type}:${id}` : null;
}

export const noticeSubjects: Migration = {
  name: '2026-12-notice-subjects',
  async up({ conn, consistency }) {
    const Notification = notificationModel(conn);
    let changed = 0;
    const cursor = Notification.find({ subject: null, dedupeKey: { $type: 'string' } }).select({ dedupeKey: 1, userId: 1, rev: 1 }).lean().cursor();
    for await (const n of cursor) {
      const subject = subjectFromDedupeKey(n.dedupeKey);
      if (!subject) continue;
      await consistency.atomically(`notices:${n.userId.toString()}`, async (tx) => {
        const cur = await Notification.findById(n._id).select({ rev: 1, subject: 1 }).lean();
        if (!cur || cur.subject) return;
        await tx.write(Notification, cur._id, cur.rev ?? 0, { $set: { subject } });
        changed += 1;
      });
    }
    return changed;
  },
};
