import { z } from 'zod';
import { ACCOUNT_DELETION } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { PrivacyService } from './service';

const previewSchema = z.object({
  allowed: z.boolean(),
  blockers: z.array(z.object({ kind: z.enum(['registration', 'policy_application', 'gig_work', 'gig_posting']), message: z.string() })),
  recentLogin: z.boolean(),
  recentLoginMinutes: z.number().int(),
  erased: z.array(z.string()),
  kept: z.array(z.string()),
});
const deleteBodySchema = z
  .object({
    confirm: z.literal(ACCOUNT_DELETION.confirmWord, { errorMap: () => ({ message: `请输入“${ACCOUNT_DELETION.confirmWord}”两个字确认` }) }),
  })
  .strict();
const resultSchema = z.object({
  deleted: z.literal(true),
  erased: z.object({ sessions: z.number().int(), notifications: z.number().int(), availability: z.number().int(), withdrawnApplications: z.number().int(), drafts: z.number().int(), personFacts: z.number().int() }),
  kept: z.object({ registrations: z.number().int(), policyApplications: z.number().int(), gigApplications: z.number().int(), reports: z.number().int() }),
});

export function privacyRoutes(svc: PrivacyService): RouteDef[] {
  const tags = ['账号'];
  return [
    route({
      method: 'get', path: '/api/me/deletion', summary: '注销账号前：哪些会删除、哪些按规定保留、现在能否注销', tags, access: ['worker', 'employer'], response: previewSchema,
      handler: ({ user }) => svc.preview(user!),
    }),
    route({
      method: 'post', path: '/api/me/delete', summary: `注销账号（须 ${ACCOUNT_DELETION.recentLoginMinutes} 分钟内登录过；办理中的登记、申请由经办人员办结后才能注销）`, tags, access: ['worker', 'employer'],
      body: deleteBodySchema, response: resultSchema, errors: [403, 404, 409],
      handler: ({ user }) => svc.deleteAccount(user!),
    }),
  ];
}
