import {
  applicationActionResultSchema, availabilityBodySchema, availabilityViewSchema, employerGigDetailQuerySchema, employerGigDetailSchema, employerGigListSchema, employerGigSchema,
  gigDetailSchema, idParamsSchema, myApplicationSchema, myApplicationsResultSchema, nearbyQuerySchema, nearbyResultSchema, okSchema,
  postGigBodySchema, postGigResultSchema, rateBodySchema, recommendQuerySchema, recommendResultSchema, reportBodySchema, settleBodySchema,
  staffGigQueueSchema, staffReportDecisionBodySchema, staffReportDecisionResultSchema, staffReportListSchema, staffReviewBodySchema,
} from '@doorstep/shared';
import { z } from 'zod';
import type { RecordDistrict } from '../staff/actor';
import { route, type RouteDef } from '../../http/api';
import type { GigService } from './service';

const TAG = '零工市场';
const detailQuery = z.object({ lat: z.coerce.number().min(-90).max(90).optional(), lng: z.coerce.number().min(-180).max(180).optional() }).strict();

export function gigRoutes(gigs: GigService, districtOf: RecordDistrict): RouteDef[] {
  return [
    // ---- anyone: browse
    route({
      method: 'get', path: '/api/gigs/nearby', summary: '附近的零工（按距离/工钱/最新排序，可筛选）', tags: [TAG], access: 'public',
      rateLimit: 'nearbySearch',
      query: nearbyQuerySchema, response: nearbyResultSchema,
      handler: ({ query }) => gigs.nearby(query),
    }),
    route({
      method: 'get', path: '/api/gigs/recommended', summary: '为我推荐的零工（工种、距离、时间、评分）', tags: [TAG], access: ['worker'],
      query: recommendQuerySchema, response: recommendResultSchema,
      handler: ({ query, user }) => gigs.recommended(user!.id, query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined),
    }),
    route({
      method: 'get', path: '/api/gigs/:id', summary: '零工详情（录用后才显示老板电话）', tags: [TAG], access: 'public',
      params: idParamsSchema, query: detailQuery, response: gigDetailSchema, errors: [404],
      handler: ({ params, query, user }) => gigs.detail(params.id, user, query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined),
    }),
    // ---- worker
    route({
      method: 'post', path: '/api/gigs/:id/apply', summary: '一键报名（重复点击只算一次）', tags: [TAG], access: ['worker'],
      params: idParamsSchema, response: myApplicationSchema, errors: [404, 409],
      handler: ({ params, user }) => gigs.apply(user!.id, params.id),
    }),
    route({
      method: 'post', path: '/api/gigs/:id/report', summary: '举报零工（虚假招聘、欠薪等）', tags: [TAG], access: ['worker'],
      params: idParamsSchema, body: reportBodySchema, response: okSchema, errors: [404, 409],
      handler: ({ params, body, user }) => gigs.report(user!.id, params.id, body.reason, body.detail),
    }),
    route({
      method: 'get', path: '/api/me/gig-applications', summary: '我的报名', tags: [TAG], access: ['worker'], response: myApplicationsResultSchema,
      handler: ({ user }) => gigs.myApplications(user!.id),
    }),
    route({
      method: 'post', path: '/api/me/gig-applications/:id/cancel', summary: '开工前取消报名', tags: [TAG], access: ['worker'],
      params: idParamsSchema, response: applicationActionResultSchema, errors: [404, 409],
      handler: ({ params, user }) => gigs.cancel(user!.id, params.id),
    }),
    route({
      method: 'post', path: '/api/me/gig-applications/:id/confirm-pay', summary: '确认收到的工钱', tags: [TAG], access: ['worker'],
      params: idParamsSchema, body: settleBodySchema, response: applicationActionResultSchema, errors: [404, 409],
      handler: ({ params, body, user }) => gigs.confirmPay('worker', user!.id, params.id, body.amount),
    }),
    route({
      method: 'post', path: '/api/me/gig-applications/:id/rate', summary: '评价老板', tags: [TAG], access: ['worker'],
      params: idParamsSchema, body: rateBodySchema, response: applicationActionResultSchema, errors: [404, 409],
      handler: ({ params, body, user }) => gigs.rate('worker', user!.id, params.id, body.stars, body.comment),
    }),
    route({
      method: 'get', path: '/api/me/availability', summary: '我的接活意向（灵活就业承诺制登记）', tags: [TAG], access: ['worker'], response: availabilityViewSchema,
      handler: ({ user }) => gigs.availability(user!.id),
    }),
    route({
      method: 'put', path: '/api/me/availability', summary: '设置今天能干活、意向工种、常住地', tags: [TAG], access: ['worker'],
      body: availabilityBodySchema, response: availabilityViewSchema, errors: [400],
      handler: ({ body, user }) => gigs.setAvailability(user!.id, body),
    }),
    // ---- employer
    route({
      method: 'post', path: '/api/employer/gigs', summary: '发布零工（已认证的用人单位立即上架；每个单位每天有条数上限）', tags: [TAG], access: ['employer'],
      body: postGigBodySchema, response: postGigResultSchema, status: 201, errors: [400, 409, 429],
      handler: ({ body, user }) => gigs.post(user!.id, body),
    }),
    route({
      method: 'get', path: '/api/employer/gigs', summary: '我发布的零工', tags: [TAG], access: ['employer'], response: employerGigListSchema,
      handler: ({ user }) => gigs.listMine(user!.id),
    }),
    route({
      method: 'get', path: '/api/employer/gigs/:id', summary: '我发布的零工与报名的人（分页，按报名先后）', tags: [TAG], access: ['employer'],
      params: idParamsSchema, query: employerGigDetailQuerySchema, response: employerGigDetailSchema, errors: [404],
      handler: ({ params, query, user }) => gigs.detailMine(user!.id, params.id, query.page, query.pageSize),
    }),
    route({
      method: 'post', path: '/api/employer/gigs/:id/close', summary: '停止招工', tags: [TAG], access: ['employer'],
      params: idParamsSchema, response: employerGigSchema, errors: [404, 409],
      handler: ({ params, user }) => gigs.close(user!.id, params.id),
    }),
    ...(['accept', 'decline', 'check-in', 'complete'] as const).map((action) =>
      route({
        method: 'post', path: `/api/employer/gig-applications/:id/${action}`,
        summary: { accept: '录用（不会超过招工人数）', decline: '婉拒', 'check-in': '登记到岗', complete: '确认完工' }[action], tags: [TAG], access: ['employer'],
        params: idParamsSchema, response: applicationActionResultSchema, errors: [404, 409],
        handler: ({ params, user }) => {
          const fn = { accept: gigs.accept, decline: gigs.decline, 'check-in': gigs.checkIn, complete: gigs.complete }[action];
          return fn.call(gigs, user!.id, params.id);
        },
      })),
    route({
      method: 'post', path: '/api/employer/gig-applications/:id/settle', summary: '确认已付工钱', tags: [TAG], access: ['employer'],
      params: idParamsSchema, body: settleBodySchema, response: applicationActionResultSchema, errors: [404, 409],
      handler: ({ params, body, user }) => gigs.confirmPay('employer', user!.id, params.id, body.amount),
    }),
    route({
      method: 'post', path: '/api/employer/gig-applications/:id/rate', summary: '评价师傅', tags: [TAG], access: ['employer'],
      params: idParamsSchema, body: rateBodySchema, response: applicationActionResultSchema, errors: [404, 409],
      handler: ({ params, body, user }) => gigs.rate('employer', user!.id, params.id, body.stars, body.comment),
    }),
    // ---- staff
    route({
      method: 'get', path: '/api/staff/gigs/review', summary: '经办：待审核的零工', tags: [TAG, '经办'], access: ['staff'], response: staffGigQueueSchema,
      handler: ({ staff }) => gigs.reviewQueue(staff!),
    }),
    route({
      method: 'post', path: '/api/staff/gigs/:id/review', summary: '经办：审核零工', tags: [TAG, '经办'], access: ['staff'],
      staffRecord: (p: { id: string }) => districtOf('gig', p.id), staffAudit: { subjectType: 'gig' },
      params: idParamsSchema, body: staffReviewBodySchema, response: employerGigSchema, errors: [404, 409],
      handler: ({ params, body }) => gigs.reviewGig(params.id, body),
    }),
    route({
      method: 'get', path: '/api/staff/gig-reports', summary: '经办：零工举报', tags: [TAG, '经办'], access: ['staff'], response: staffReportListSchema,
      handler: ({ staff }) => gigs.reports(staff!),
    }),
    route({
      method: 'post', path: '/api/staff/gig-reports/:id/decide', summary: '经办：处理举报（查无问题 / 下架，可同时暂停用人单位）', tags: [TAG, '经办'], access: ['staff'],
      staffRecord: (p: { id: string }) => districtOf('report', p.id), staffAudit: { subjectType: 'gig_report' },
      params: idParamsSchema, body: staffReportDecisionBodySchema, response: staffReportDecisionResultSchema, errors: [404, 409],
      handler: ({ params, body, user }) => gigs.handleReport(user!.id, params.id, body),
    }),
  ];
}
