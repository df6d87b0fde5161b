import { Schema, type Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { ContentCheckMode } from '../../config';
import { AppError, badRequest } from '../../http/errors';
import { MSG_SEC_LABELS, type MsgSecScene, type WechatClient } from '../../integrations/wechat';
import { authModels } from '../auth/model';

/**
 * Content security (内容安全) of user texts that other people will see: gig postings, employer names,
 * reports. WeChat's msgSecCheck 2.0 is called for each text field *before* the caller enters its
 * consistency section (a slow outside call never holds a lock):
 * - every field `pass` → the caller may publish as usual;
 * - any field `risky` → refused with a 400 naming the field, nothing written;
 * - any field `review`, WeChat unreachable or answering an error code, or a person without an openid
 *   (signed in by SMS: msgSecCheck 2.0 requires the openid of someone who opened the mini-program in the
 *   last two hours, so it cannot check their text) → a hold: the caller stores the item for staff
 *   review (never published unchecked).
 * Mode `review` (CONTENT_CHECK) holds every text without calling WeChat; `off` (development) passes all.
 */
export type ContentHoldReason = 'review' | 'unavailable' | 'no_openid' | 'manual';

/** Why an item waits for a person: stored on the item (gig, employer, report) next to its status. */
export interface ContentHold {
  reason: ContentHoldReason;
  /** The fields that were held (`title`, `requirements`, …). */
  fields: string[];
  /** msgSecCheck labels of the fields WeChat asked to review (e.g. 10001 广告). */
  labels: number[];
  at: Date;
}

export const contentHoldSchema = new Schema<ContentHold>(
  { reason: { type: String, enum: ['review', 'unavailable', 'no_openid', 'manual'], required: true }, fields: [String], labels: [Number], at: Date },
  { _id: false },
);

export interface ContentField {
  /** Request path of the field, as validation errors name it (`title`, `place.address`). */
  field: string;
  /** Chinese name of the field in the refusal (岗位标题). */
  label: string;
  text: string;
}

export interface ContentCheck {
  /** msgSecCheck scene: 1 资料 (names), 2 评论 (reports), 3 论坛 (postings). */
  scene: MsgSecScene;
  /** The verb in the refusal: 「…，请修改后再发布」. */
  action: string;
  fields: ContentField[];
}

/** What staff read next to a held item. */
export function contentHoldText(h: ContentHold | null | undefined, fieldLabels: Record<string, string> = {}): string | null {
  if (!h) return null;
  const which = h.fields?.length ? `（${h.fields.map((f) => fieldLabels[f] ?? f).join('、')}）` : '';
  switch (h.reason) {
    case 'review': {
      const labels = [...new Set(h.labels.map((l) => MSG_SEC_LABELS[l] ?? `标签 ${l}`))].join('、');
      return `微信内容安全建议人工复核${which}${labels ? `：疑似${labels}` : ''}`;
    }
    case 'unavailable': return `提交时微信内容安全检查没有结果${which}，请人工复核内容`;
    case 'no_openid': return `发布人未用微信登录，无法自动检查内容${which}，请人工复核`;
    case 'manual': return `本服务未接入自动内容检查，内容需人工复核${which}`;
  }
}

export class ContentGuard {
  private readonly users;
  constructor(private readonly deps: { mode: ContentCheckMode; wechat: WechatClient; conn: Connection; logger: Logger; now?: () => number }) {
    this.users = authModels(deps.conn).User;
  }

  get mode(): ContentCheckMode { return this.deps.mode; }

  private hold(reason: ContentHoldReason, fields: string[], labels: number[] = []): ContentHold {
    return { reason, fields, labels, at: new Date(this.deps.now?.() ?? Date.now()) };
  }

  /**
   * Checks the non-empty fields as the text of `userId`: null when they may be published, a hold when
   * a person must look first; throws 400 CONTENT_RISKY (naming the first risky field) when refused.
   */
  async check(userId: string, req: ContentCheck): Promise<ContentHold | null> {
    const fields = req.fields.filter((f) => f.text.trim() !== '');
    if (this.deps.mode === 'off' || !fields.length) return null;
    if (this.deps.mode === 'review') return this.hold('manual', fields.map((f) => f.field));
    const u = await this.users.findById(userId).select({ wechatOpenid: 1 }).lean();
    const openid = (u as { wechatOpenid?: string | null } | null)?.wechatOpenid;
    if (!openid) return this.hold('no_openid', fields.map((f) => f.field));
    const answers = await Promise.allSettled(fields.map((f) => this.deps.wechat.msgSecCheck({ openid, scene: req.scene, content: f.text })));
    // A refusal is certain even if another field got no answer.
    const risky = fields.findIndex((_, i) => { const a = answers[i]!; return a.status === 'fulfilled' && a.value.suggest === 'risky'; });
    if (risky >= 0) {
      const f = fields[risky]!;
      const message = `${f.label}含有违规内容，请修改后再${req.action}`;
      this.deps.logger.info({ field: f.field, scene: req.scene }, 'content refused by msgSecCheck');
      throw badRequest(message, [{ field: f.field, message }], 'CONTENT_RISKY');
    }
    const failed = answers.flatMap((a, i) => (a.status === 'rejected' ? [{ field: fields[i]!.field, err: a.reason as unknown }] : []));
    if (failed.length) {
      // Texts and openids are never logged; the WeChat error code is.
      this.deps.logger.warn({ fields: failed.map((x) => x.field), codes: failed.map((x) => (x.err instanceof AppError ? x.err.code : (x.err as Error)?.name)) }, 'msgSecCheck gave no answer: held for staff review');
      return this.hold('unavailable', failed.map((x) => x.field));
    }
    const review = fields.flatMap((f, i) => { const a = answers[i]!; return a.status === 'fulfilled' && a.value.suggest === 'review' ? [{ field: f.field, label: a.value.label }] : []; });
    if (review.length) return this.hold('review', review.map((r) => r.field), review.map((r) => r.label));
    return null;
  }
}
