/** The vacancy vocabulary without zod (the mini-program imports it directly). */
export const VACANCY_KINDS = ['full_time', 'part_time'] as const;
export type VacancyKind = (typeof VACANCY_KINDS)[number];
export const VACANCY_KIND_LABELS: Record<VacancyKind, string> = { full_time: '全职', part_time: '兼职' };
export const VACANCY_PAY_UNITS = ['month', 'hour'] as const;
export type VacancyPayUnit = (typeof VACANCY_PAY_UNITS)[number];
export const VACANCY_PAY_UNIT_LABELS: Record<VacancyPayUnit, string> = { month: '元/月', hour: '元/小时' };
/** How far ahead a vacancy may close (the employer re-posts after that). */
export const VACANCY_MAX_DAYS_OPEN = 90;

export const VACANCY_STATUSES = ['review', 'open', 'filled', 'closed', 'rejected'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];
export const VACANCY_STATUS_LABELS: Record<VacancyStatus, string> = { review: '审核中', open: '招聘中', filled: '已招满', closed: '已停止招聘', rejected: '未通过审核' };

export const VACANCY_APPLICATION_STATUSES = ['applied', 'interview', 'hired', 'rejected', 'withdrawn', 'closed'] as const;
export type VacancyApplicationStatus = (typeof VACANCY_APPLICATION_STATUSES)[number];
export const VACANCY_APPLICATION_STATUS_LABELS: Record<VacancyApplicationStatus, string> = {
  applied: '已投递，等单位回复', interview: '邀请面试', hired: '已录用', rejected: '不合适', withdrawn: '已撤回', closed: '岗位已停止招聘',
};

export const VACANCY_DECISIONS = ['interview', 'hire', 'reject'] as const;
export const REFERRAL_OUTCOMES = ['pending', 'applied', 'interview', 'hired', 'rejected', 'withdrawn', 'closed'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];
export const REFERRAL_OUTCOME_LABELS: Record<ReferralOutcome, string> = {
  pending: '未投递', applied: '已投递，待单位回复', interview: '已邀请面试', hired: '已录用', rejected: '不合适', withdrawn: '本人撤回', closed: '岗位已停止招聘',
};
