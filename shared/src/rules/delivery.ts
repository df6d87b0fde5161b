/**
 * How a notice reached its person, in words: for the person's own message (消息) and for staff on a case
 * (「已通过短信通知，07:02 发送成功」 or 「未能通知：用户拒绝订阅，且关闭了短信」). Pure and zod-free: the
 * mini-program imports it too. Times are China time.
 */

export type WechatDeliveryStatus = 'none' | 'no_grant' | 'sent' | 'refused' | 'failed';
export type SmsDeliveryStatus = 'not_needed' | 'sent' | 'held' | 'dropped_stale' | 'capped' | 'opted_out' | 'no_phone' | 'failed';

/** The delivery record of one notice as the API returns it (ISO times). */
export interface DeliveryRecord {
  createdAt: string;
  readAt: string | null;
  wechat: { status: WechatDeliveryStatus | string; at: string | null; errcode: number | null };
  sms: { status: SmsDeliveryStatus | string; at: string | null; heldUntil: string | null };
}

/**
 * reached: WeChat or SMS carried it, or the person read it in 消息; pending: SMS held for the morning;
 * in_app: only 消息 by design (a kind with no SMS fallback) and not read yet; unreached: it should have
 * gone out and did not.
 */
export type DeliveryOutcome = 'reached' | 'pending' | 'in_app' | 'unreached';

const CHINA_OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');
function china(iso: string): Date {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS);
}
/** 07:02 when on the notice's own China day, else 12月3日 07:02. */
export function deliveryTime(iso: string, sameDayAs?: string): string {
  const d = china(iso);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (sameDayAs) {
    const o = china(sameDayAs);
    if (o.getUTCFullYear() === d.getUTCFullYear() && o.getUTCMonth() === d.getUTCMonth() && o.getUTCDate() === d.getUTCDate()) return hm;
  }
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hm}`;
}

/** Why WeChat did not deliver, as staff read it. */
const WECHAT_MISS: Record<string, string> = {
  none: '没有微信服务通知（未用微信登录或此类消息无模板）',
  no_grant: '用户没有订阅',
  refused: '用户拒绝订阅',
  failed: '微信发送失败',
};
/** Why no SMS went, as staff read it. */
const SMS_MISS: Record<string, string> = {
  dropped_stale: '夜间不打扰，到早上已过开工时间，短信未发',
  capped: '当天短信已达上限',
  opted_out: '关闭了短信',
  no_phone: '没有手机号',
  failed: '短信发送失败',
};

/** Whether the person was reached outside the app, is about to be (SMS held for the morning), or not. */
export function deliveryOutcome(d: DeliveryRecord): DeliveryOutcome {
  if (d.wechat.status === 'sent' || d.sms.status === 'sent' || d.readAt) return 'reached';
  if (d.sms.status === 'held') return 'pending';
  if (d.sms.status === 'not_needed') return 'in_app';
  return 'unreached';
}

/** One line for staff on a case, e.g. 「已通过短信通知，07:02 发送成功」. */
export function staffDeliveryLine(d: DeliveryRecord): string {
  const parts: string[] = [];
  if (d.wechat.status === 'sent') parts.push(`已通过微信服务通知，${d.wechat.at ? `${deliveryTime(d.wechat.at, d.createdAt)} ` : ''}送达`);
  // The SMS provider accepting a text is what we know (no delivery receipts), so 「发送成功」, not 「送达」.
  if (d.sms.status === 'sent') parts.push(`已通过短信通知，${d.sms.at ? `${deliveryTime(d.sms.at, d.createdAt)} ` : ''}发送成功`);
  if (!parts.length && d.sms.status === 'held') {
    const why = WECHAT_MISS[d.wechat.status] ?? `微信未送达（${d.wechat.status}）`;
    parts.push(`${why}；短信在夜间不打扰时段，将于 ${d.sms.heldUntil ? deliveryTime(d.sms.heldUntil, d.createdAt) : '早上 07:00'} 发送`);
  }
  if (!parts.length && d.sms.status === 'not_needed') {
    // Not an SMS kind: 消息 is its channel; say so plainly rather than as a failure.
    parts.push(d.wechat.status === 'none' ? '只发到本人的消息（此类消息不发微信服务通知和短信）' : `只发到本人的消息（微信：${WECHAT_MISS[d.wechat.status] ?? d.wechat.status}；此类消息不发短信）`);
  }
  if (!parts.length) {
    const w = WECHAT_MISS[d.wechat.status] ?? `微信未送达（${d.wechat.status}）`;
    const s = SMS_MISS[d.sms.status] ?? `短信未送达（${d.sms.status}）`;
    parts.push(`未能通知：${w}，且${s}`);
  }
  const read = d.readAt ? `本人已在消息中查看（${deliveryTime(d.readAt, d.createdAt)}）` : '本人尚未在消息中查看';
  return `${parts.join('；')}。${read}`;
}

/** One line under the person's own message: which other channels carried it. Null when only 消息 did. */
export function personDeliveryLine(d: DeliveryRecord): string | null {
  const parts: string[] = [];
  if (d.wechat.status === 'sent') parts.push('已发到微信服务通知');
  if (d.sms.status === 'sent') parts.push(`已发短信${d.sms.at ? `（${deliveryTime(d.sms.at, d.createdAt)}）` : ''}`);
  if (d.sms.status === 'held') parts.push(`短信将于${d.sms.heldUntil ? ` ${deliveryTime(d.sms.heldUntil, d.createdAt)} ` : '早上 '}发出（夜间不打扰）`);
  return parts.length ? parts.join(' · ') : null;
}
