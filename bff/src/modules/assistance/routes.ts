import { z } from 'zod';
import {
  counsellorBodySchema, counsellorListSchema, myAssistanceSchema, objectIdSchema, planFollowUpBodySchema, planStepBodySchema, recognitionApplyBodySchema,
  recognitionDecisionBodySchema, recognitionQueueQuerySchema, recognitionQueueSchema, recognitionResultSchema, recognitionStaffDetailSchema, referralBodySchema,
  stepCompleteBodySchema, stepParamsSchema,
} from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { AssistanceService } from './service';

const idParams = z.object({ id: objectIdSchema }).strict();

export function assistanceRoutes(svc: AssistanceService): RouteDef[] {
  const tags = ['就业援助'];
  const staffTags = ['经办', '就业援助'];
  // An application belongs to the center of its registration's district.
  const staffRecord = (p: { id: string }) => svc.districtOf(p.id);
  const base = '/api/staff/assistance/recognitions/:id';
  return [
    route({
      method: 'get', path: '/api/assistance', summary: '我的就业援助：认定状态、有效期、帮扶专人（电话脱敏）和援助计划；可申请的困难类别', tags, access: ['worker'], response: myAssistanceSchema,
      handler: ({ user }) => svc.mine(user!.id),
    }),
    route({
      method: 'post', path: '/api/assistance/recognition', summary: '申请就业困难人员认定（失业登记通过后；每人同时只有一份在办；幂等）', tags, access: ['worker'],
      body: recognitionApplyBodySchema, response: recognitionResultSchema, errors: [400, 409],
      handler: async ({ user, body }) => ({ recognition: await svc.apply(user!.id, body) }),
    }),
    route({
      method: 'get', path: '/api/staff/assistance/recognitions', summary: '经办：本中心就业困难人员认定（默认待认定；逾期优先，同期限困难人员和退役军人优先）', tags: staffTags, access: ['staff'],
      query: recognitionQueueQuerySchema, response: recognitionQueueSchema,
      handler: ({ query, staff }) => svc.queue(staff!, query),
    }),
    route({
      method: 'get', path: '/api/staff/assistance/counsellors', summary: '经办：本中心可指定为帮扶专人的经办人员', tags: staffTags, access: ['staff'], response: counsellorListSchema,
      handler: ({ staff }) => svc.counsellors(staff!),
    }),
    route({
      method: 'get', path: base, summary: '经办：认定详情（含完整证件号、手机号和证明材料说明，查看记入审计日志）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, response: recognitionStaffDetailSchema, errors: [404],
      handler: ({ params, staff }) => svc.detail(staff!, params.id),
    }),
    route({
      method: 'post', path: `${base}/decision`, summary: '经办：认定（填写有效期）/ 退回补充 / 不予认定（写明原因；记入审计日志）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, body: recognitionDecisionBodySchema, response: recognitionResultSchema, errors: [400, 404, 409],
      handler: async ({ params, body, staff }) => ({ recognition: await svc.decide(staff!, params.id, body) }),
    }),
    route({
      method: 'post', path: `${base}/counsellor`, summary: '经办：指定帮扶专人（本中心经办人员）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, body: counsellorBodySchema, response: recognitionResultSchema, errors: [400, 404, 409],
      handler: async ({ params, body, staff }) => ({ recognition: await svc.assignCounsellor(staff!, params.id, body) }),
    }),
    route({
      method: 'post', path: `${base}/steps`, summary: '经办：援助计划新增一项措施（职业指导、技能培训、岗位推荐、公益性岗位、见习……，含完成期限）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, body: planStepBodySchema, response: recognitionResultSchema, errors: [400, 404, 409],
      handler: async ({ params, body, staff }) => ({ recognition: await svc.addStep(staff!, params.id, body) }),
    }),
    route({
      method: 'post', path: `${base}/steps/:stepId/follow-ups`, summary: '经办：记录一项措施的跟进情况', tags: staffTags, access: ['staff'],
      params: stepParamsSchema, staffRecord, body: planFollowUpBodySchema, response: recognitionResultSchema, errors: [400, 404, 409],
      handler: async ({ params, body, staff }) => ({ recognition: await svc.addFollowUp(staff!, params.id, params.stepId, body) }),
    }),
    route({
      method: 'post', path: `${base}/steps/:stepId/referrals`, summary: '经办：岗位推荐措施登记一个推荐的岗位（至少 3 个才能办结）', tags: staffTags, access: ['staff'],
      params: stepParamsSchema, staffRecord, body: referralBodySchema, response: recognitionResultSchema, errors: [400, 404, 409],
      handler: async ({ params, body, staff }) => ({ recognition: await svc.addReferral(staff!, params.id, params.stepId, body) }),
    }),
    route({
      method: 'post', path: `${base}/steps/:stepId/complete`, summary: '经办：措施办结（岗位推荐须已推荐至少 3 个岗位）', tags: staffTags, access: ['staff'],
      params: stepParamsSchema, staffRecord, body: stepCompleteBodySchema, response: recognitionResultSchema, errors: [400, 404, 409],
      handler: async ({ params, body, staff }) => ({ recognition: await svc.completeStep(staff!, params.id, params.stepId, body) }),
    }),
  ];
}
