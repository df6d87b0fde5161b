import { employerIdParamsSchema, employerOnboardBodySchema, employerProfileResultSchema, employerViewSchema, staffEmployerQueueSchema, staffReviewBodySchema, staffSuspendBodySchema } from '@doorstep/shared';
import type { RecordDistrict } from '../staff/actor';
import { route, type RouteDef } from '../../http/api';
import type { EmployerService } from './service';

export function employerRoutes(employers: EmployerService, districtOf: RecordDistrict): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/employer/profile', summary: '我的用人单位登记', tags: ['用人单位'], access: ['employer'], response: employerProfileResultSchema,
      handler: ({ user }) => employers.mine(user!.id),
    }),
    route({
      method: 'post', path: '/api/employer/profile', summary: '用人单位登记（企业 / 个体工商户 / 个人雇主；可选承诺制）', tags: ['用人单位'], access: ['employer'],
      body: employerOnboardBodySchema, response: employerProfileResultSchema,
      handler: ({ user, body }) => employers.onboard(user!.id, body),
    }),
    route({
      method: 'get', path: '/api/staff/employers/review', summary: '经办：待审核的用人单位（3 个工作日内）', tags: ['用人单位', '经办'], access: ['staff'], response: staffEmployerQueueSchema,
      handler: ({ staff }) => employers.queue(staff!),
    }),
    route({
      method: 'post', path: '/api/staff/employers/:id/review', summary: '经办：审核用人单位', tags: ['用人单位', '经办'], access: ['staff'],
      staffRecord: (p: { id: string }) => districtOf('employer', p.id), staffAudit: { subjectType: 'employer' },
      params: employerIdParamsSchema, body: staffReviewBodySchema, response: employerViewSchema, errors: [404, 409],
      handler: ({ user, params, body }) => employers.review(user!.id, params.id, body),
    }),
    route({
      method: 'post', path: '/api/staff/employers/:id/suspend', summary: '经办：暂停用人单位发布（在招零工下架并告知报名的人）', tags: ['用人单位', '经办'], access: ['staff'],
      staffRecord: (p: { id: string }) => districtOf('employer', p.id), staffAudit: { subjectType: 'employer', action: 'suspend' },
      params: employerIdParamsSchema, body: staffSuspendBodySchema, response: employerViewSchema, errors: [404, 409],
      handler: ({ user, params, body }) => employers.suspend(user!.id, params.id, body.reason),
    }),
  ];
}
