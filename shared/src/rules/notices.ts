/**
 * Notices (消息): which kinds exist, which WeChat subscription templates each tap in the app asks for,
 * which kinds fall back to SMS, quiet hours. Pure and zod-free: the mini-program imports it too.
 */

/** Taps in the app that ask for subscription (requestSubscribeMessage), and the kinds each one is about. */
export const NOTICE_TAPS = {
  registration_submit: ['registration.approved', 'registration.returned', 'registration.rejected'],
  gig_apply: ['gig.accepted', 'gig.declined', 'gig.start_reminder'],
  availability_on: ['gig.quick_hire'],
  gig_post: ['gig.applied', 'gig.approved', 'gig.settle_reminder'],
  policy_apply: ['policy.application'],
  vacancy_apply: ['vacancy.interview', 'vacancy.hired', 'vacancy.rejected'],
} as const satisfies Record<string, readonly string[]>;
export type NoticeTap = keyof typeof NOTICE_TAPS;
export const NOTICE_TAP_NAMES = Object.keys(NOTICE_TAPS) as NoticeTap[];

/** The notices that matter most: sent by SMS when WeChat cannot deliver them. */
export const SMS_FALLBACK_KINDS = [
  'registration.approved', 'registration.returned', 'registration.rejected',
  'gig.accepted', 'gig.declined', 'gig.quick_hire', 'policy.application', 'vacancy.interview', 'vacancy.hired',
] as const;
export type SmsFallbackKind = (typeof SMS_FALLBACK_KINDS)[number];

export const SMS_KIND_LABEL: Record<SmsFallbackKind, string> = {
  'registration.approved': '失业登记通过',
  'registration.returned': '失业登记退回修改',
  'registration.rejected': '失业登记不予登记',
  'gig.accepted': '零工录用',
  'gig.declined': '零工未录用',
  'gig.quick_hire': '附近急招（即时快招）',
  'policy.application': '政策申请结果',
  'vacancy.interview': '岗位面试邀请',
  'vacancy.hired': '岗位录用',
};

export function isSmsFallbackKind(kind: string): kind is SmsFallbackKind {
  return (SMS_FALLBACK_KINDS as readonly string[]).includes(kind);
}

/** Template of a kind: the kind itself, then its family (`registration` for `registration.approved`), then `default`. */
export function templateFor(templates: Record<string, string>, kind: string): string | null {
  return templates[kind] ?? templates[kind.split('.')[0]!] ?? templates.default ?? null;
}

/** The template ids one tap asks for: distinct, at most 3 (WeChat's limit per requestSubscribeMessage call). */
export function tapTemplateIds(templates: Record<string, string>, tap: NoticeTap): string[] {
  const ids: string[] = [];
  for (const kind of NOTICE_TAPS[tap]) {
    const id = templateFor(templates, kind);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids.slice(0, 3);
}

/** What a notice is about, from its page: `/pages/gig-detail/index?id=abc` → { page: '/pages/gig-detail/index', id: 'abc' }. */
export function noticeTarget(page: string | null | undefined): { page: string; id: string | null } | null {
  if (!page) return null;
  const [path, query = ''] = page.split('?');
  const id = /(?:^|&)id=([^&]+)/.exec(query)?.[1] ?? null;
  return { page: path!, id: id ? decodeURIComponent(id) : null };
}

const CHINA_OFFSET_MS = 8 * 3600_000;
export const QUIET_START_HOUR = 22;
export const QUIET_END_HOUR = 7;

/** Hour of day (0–23) in China time. */
export function chinaHour(at: number): number {
  return new Date(at + CHINA_OFFSET_MS).getUTCHours();
}

/**
 * Quiet hours 22:00–07:00 China time: null when a text may go now, otherwise the time (ms) it may go,
 * the next 07:00 China time.
 */
export function quietHoursRelease(at: number): number | null {
  const h = chinaHour(at);
  if (h >= QUIET_END_HOUR && h < QUIET_START_HOUR) return null;
  const local = new Date(at + CHINA_OFFSET_MS);
  const release = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), QUIET_END_HOUR) - CHINA_OFFSET_MS;
  return h >= QUIET_START_HOUR ? release + 24 * 3600_000 : release;
}
