import { z } from 'zod';
import {
  objectIdSchema, ratingBodySchema, ratingCaseParamsSchema, ratingFollowUpBodySchema, ratingFollowUpListSchema, ratingFollowUpQuerySchema, ratingFollowUpResultSchema,
  ratingFollowUpViewSchema, ratingResultSchema, ratingStatusSchema,
} from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { RatingService } from './service';

const idParams = z.object({ id: objectIdSchema }).strict();

/** 好差评: the owner rates a handled case once; staff of its center follow up a 差评. */
export function ratingRoutes(svc: RatingService): RouteDef[] {
  const tags = ['好差评'];
  const staffTags = ['经办', '好差评'];
  const staffRecord = (p: { id: string }) => svc.districtOf(p.id);
  return [
    route({
      method: 'get', path: '/api/ratings/:kind/:id', summary: '我的事项能否评价、已给的评价（本人的事项；办理完成后可评价一次）', tags, access: ['worker'],
      params: ratingCaseParamsSchema, response: ratingStatusSchema, errors: [404],
      handler: ({ params, user }) => svc.status(user!.id, params.kind, params.id),
    }),
    route({
      method: 'post', path: '/api/ratings/:kind/:id', summary: '评价一件办理完成的事项：1–5 星和评价内容（每件事一次；1–2 星为差评，服务中心将回访）', tags, access: ['worker'],
      params: ratingCaseParamsSchema, body: ratingBodySchema, response: ratingResultSchema, status: 201, errors: [400, 404, 409],
      handler: async ({ params, body, user }) => ({ rating: await svc.rate(user!.id, params.kind, params.id, body) }),
    }),
    route({
      method: 'get', path: '/api/staff/rating-follow-ups', summary: '经办：本中心的差评回访（默认待回访；期限最近的在前）', tags: staffTags, access: ['staff'],
      query: ratingFollowUpQuerySchema, response: ratingFollowUpListSchema,
      handler: ({ query, staff }) => svc.followUps(staff!, query),
    }),
    route({
      method: 'get', path: '/api/staff/rating-follow-ups/:id', summary: '经办：一条差评（含本人完整手机号以便回访，查看记入审计日志）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, response: z.object({ item: ratingFollowUpViewSchema, phone: z.string().nullable() }), errors: [404],
      handler: ({ params, staff }) => svc.followUpDetail(staff!, params.id),
    }),
    route({
      method: 'post', path: '/api/staff/rating-follow-ups/:id/close', summary: '经办：记录差评回访（是否联系上、方式、处理情况），办结该事项', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, body: ratingFollowUpBodySchema, response: ratingFollowUpResultSchema, errors: [400, 404, 409],
      handler: ({ params, body, staff }) => svc.closeFollowUp(staff!, params.id, body),
    }),
  ];
}
