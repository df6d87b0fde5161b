/**
 * 好差评 (service ratings): after a handled case the person who owns it rates it once, 1–5 stars with
 * an optional comment; a 差评 (1–2 stars) opens a follow-up (回访整改) for the case's center, due within
 * RATING_FOLLOW_UP_WORKDAYS working days. Pure and zod-free, so the mini-program can import it.
 *
 * Adding a kind of case (e.g. `referral` once vacancies exist) is one entry here plus the owning
 * module's `handledCaseOf(id)` in the BFF's case registry (modules/ratings/service.ts).
 */
export const RATING_CASE_KINDS = ['registration', 'insurance', 'policy', 'booking', 'referral'] as const;
export type RatingCaseKind = (typeof RATING_CASE_KINDS)[number];
export const RATING_CASE_LABELS: Record<RatingCaseKind, string> = {
  registration: '失业登记', insurance: '失业保险金申领', policy: '政策申请', booking: '预约服务', referral: '岗位推荐',
};
export const ratingCaseLabel = (k: string): string => (RATING_CASE_LABELS as Record<string, string | undefined>)[k] ?? k;

export const RATING_STARS = [1, 2, 3, 4, 5] as const;
export const RATING_STAR_LABELS: Record<number, string> = { 1: '非常不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意' };
/** 1–2 stars is a 差评. */
export const isBadRating = (stars: number): boolean => stars <= 2;
export const RATING_COMMENT_MAX = 200;
/** Working days the center has to contact the person after a 差评. */
export const RATING_FOLLOW_UP_WORKDAYS = 5;

export const RATING_FOLLOW_UP_STATUSES = ['open', 'closed'] as const;
export type RatingFollowUpStatus = (typeof RATING_FOLLOW_UP_STATUSES)[number];
export const RATING_FOLLOW_UP_STATUS_LABELS: Record<RatingFollowUpStatus, string> = { open: '待回访', closed: '已回访' };
export const RATING_CONTACT_CHANNELS = ['phone', 'visit', 'sms', 'wechat'] as const;
export type RatingContactChannel = (typeof RATING_CONTACT_CHANNELS)[number];
export const RATING_CONTACT_LABELS: Record<RatingContactChannel, string> = { phone: '电话', visit: '上门 / 窗口面谈', sms: '短信', wechat: '微信' };

/** Stars as text for a screen reader and a plain display: 「4 星（满意）」. */
export const starsText = (stars: number): string => `${stars} 星（${RATING_STAR_LABELS[stars] ?? ''}）`;
