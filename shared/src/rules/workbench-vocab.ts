/** The workbench queues and their names, without zod (the mini-program imports this file). */
export const WORKBENCH_QUEUES = ['registration', 'employer', 'gig', 'report', 'policy', 'followup', 'insurance', 'assistance', 'assistance_plan', 'household', 'rating', 'vacancy'] as const;
export type WorkbenchQueue = (typeof WORKBENCH_QUEUES)[number];
export const WORKBENCH_QUEUE_LABELS: Record<WorkbenchQueue, string> = {
  registration: '失业登记', employer: '单位认证', gig: '零工审核', report: '举报处理', policy: '政策申请', followup: '跟踪回访', insurance: '失业保险金',
  assistance: '就业困难认定', assistance_plan: '援助计划到期', household: '零就业家庭', rating: '差评回访', vacancy: '岗位审核',
};
