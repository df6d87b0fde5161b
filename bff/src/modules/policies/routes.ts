import { z } from 'zod';
import {
  caseNoticesSchema, objectIdSchema, personFactsSchema, policyApplicationStatusSchema, policyApplicationViewSchema, policyApplyBodySchema, policyAudienceSchema,
  policyCalculateBodySchema, policyCalculateResultSchema, policyCategorySchema, policyDecideBodySchema, policyInputSchema, policyMatchSchema,
  policyQuestionSchema, policySearchQuerySchema, policySearchResultSchema, policyViewSchema,
} from '@doorstep/shared';
import { auditCenter, type RecordDistrict, type StaffActor } from '../staff/actor';

/** The staff actor as the policy service's audit entries name it. */
const who = (s: StaffActor | undefined) => (s ? { id: s.id, name: s.name, center: auditCenter(s), scope: s.scope } : undefined);
import { route, type RouteDef } from '../../http/api';
import type { PolicyService } from './service';
import type { CaseNotices } from '../notifications/service';

const idParams = z.object({ id: objectIdSchema }).strict();
const tags = ['政策'];
const staffTags = ['经办', '政策'];

const staffListSchema = z.object({
  items: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), category: policyCategorySchema, audience: policyAudienceSchema, status: z.string(), version: z.number(), liveVersion: z.number().nullable(), hasDraft: z.boolean(), updatedAt: z.string() })),
});
const staffDetailSchema = z.object({
  policy: policyViewSchema,
  liveVersion: z.number().nullable(),
  versions: z.array(z.object({ version: z.number(), title: z.string(), savedBy: z.string().nullable(), publishedAt: z.string().nullable(), createdAt: z.string() })),
});
const publishResultSchema = z.object({ policy: policyViewSchema, matched: z.object({ checked: z.number(), eligible: z.number(), notified: z.number() }) });
const forMeSchema = z.object({ hasFacts: z.boolean(), facts: personFactsSchema, eligible: z.array(policyMatchSchema), almost: z.array(policyMatchSchema) });
const queueSchema = z.object({ items: z.array(policyApplicationViewSchema), counts: z.record(z.number()) });

export function policyRoutes(service: PolicyService, districtOf: RecordDistrict, caseNotices: CaseNotices): RouteDef[] {
  const application = (p: { id: string }) => districtOf('policy', p.id);
  return [
    // ----- public: lookup and calculator (static paths before /:id) -----
    route({
      method: 'get', path: '/api/policies', summary: '政策查询（中文全文检索，可按类别、人群、个人/单位筛选）', tags, access: 'public',
      query: policySearchQuerySchema, response: policySearchResultSchema,
      handler: ({ query }) => service.search(query),
    }),
    route({
      method: 'get', path: '/api/policies/questions', summary: '政策计算器问题（个人或单位）', tags, access: 'public',
      query: z.object({ audience: policyAudienceSchema }).strict(), response: z.object({ audience: policyAudienceSchema, questions: z.array(policyQuestionSchema) }),
      handler: ({ query }) => service.questions(query.audience),
    }),
    route({
      method: 'post', path: '/api/policies/calculate', summary: '政策计算器：按回答算出能享受的政策和金额', tags, access: 'public',
      rateLimit: 'policyCalculator',
      body: policyCalculateBodySchema, response: policyCalculateResultSchema,
      handler: ({ body }) => service.calculate(body.audience, body.answers),
    }),
    route({
      method: 'get', path: '/api/policies/for-me', summary: '可能适合你的政策（按登记信息匹配）', tags, access: 'authenticated',
      response: forMeSchema,
      handler: ({ user }) => service.forMe(user!.id, user!.activeRole),
    }),
    route({
      method: 'get', path: '/api/policies/my-facts', summary: '计算器预填：我的登记信息', tags, access: 'authenticated',
      response: z.object({ facts: personFactsSchema.nullable() }),
      handler: async ({ user }) => ({ facts: await service.factsOf(user!.id) }),
    }),
    route({
      method: 'get', path: '/api/policies/:id', summary: '政策详情（已发布）', tags, access: 'public',
      params: idParams, response: policyViewSchema, errors: [404],
      handler: ({ params }) => service.getPublished(params.id),
    }),
    route({
      method: 'post', path: '/api/policies/:id/apply', summary: '一键申请政策（按登记信息预填）', tags, access: ['worker', 'employer'],
      params: idParams, body: policyApplyBodySchema, response: policyApplicationViewSchema, status: 201, errors: [404, 409],
      handler: ({ params, body, user }) => service.apply(user!, params.id, body),
    }),
    // ----- applicant -----
    route({
      method: 'get', path: '/api/policy-applications/mine', summary: '我的政策申请', tags, access: ['worker', 'employer'],
      response: z.object({ items: z.array(policyApplicationViewSchema) }),
      handler: ({ user }) => service.mine(user!.id),
    }),
    route({
      method: 'get', path: '/api/policy-applications/:id', summary: '政策申请详情（本人或本中心经办）', tags, access: ['worker', 'employer', 'staff'], staffRecord: application,
      params: idParams, response: policyApplicationViewSchema, errors: [404],
      handler: ({ params, user, staff }) => service.getApplication(user!, params.id, who(staff)),
    }),
    route({
      method: 'post', path: '/api/policy-applications/:id/resubmit', summary: '补充后重新提交被退回的申请', tags, access: ['worker', 'employer'],
      params: idParams, body: policyApplyBodySchema, response: policyApplicationViewSchema, errors: [404, 409],
      handler: ({ params, body, user }) => service.resubmit(user!.id, params.id, body),
    }),
    // ----- staff: manage policies -----
    route({
      method: 'get', path: '/api/staff/policies', summary: '经办：政策列表（含草稿）', tags: staffTags, access: ['staff'],
      response: staffListSchema,
      handler: () => service.staffList(),
    }),
    route({
      method: 'post', path: '/api/staff/policies', summary: '市级管理员：新建政策（草稿，规则会用示例自动检验，记入审计日志）', tags: staffTags, access: ['staff'], staffScope: 'city',
      body: policyInputSchema, response: policyViewSchema, status: 201, errors: [409],
      handler: ({ body, user, staff }) => service.create(user!.id, body, who(staff)),
    }),
    route({
      method: 'get', path: '/api/staff/policies/:id', summary: '经办：政策详情与版本历史', tags: staffTags, access: ['staff'], staffRecord: 'city-wide',
      params: idParams, response: staffDetailSchema, errors: [404],
      handler: ({ params }) => service.staffGet(params.id),
    }),
    route({
      method: 'put', path: '/api/staff/policies/:id', summary: '市级管理员：修改政策（生成新版本，记入审计日志）', tags: staffTags, access: ['staff'], staffScope: 'city',
      params: idParams, body: z.object({ baseVersion: z.number({ required_error: '请提供 baseVersion（编辑时的版本号）' }).int(), content: policyInputSchema }).strict(),
      response: policyViewSchema, errors: [404, 409],
      handler: ({ params, body, user, staff }) => service.update(user!.id, params.id, body.baseVersion, body.content, who(staff)),
    }),
    route({
      method: 'get', path: '/api/staff/policies/:id/versions/:version', summary: '经办：查看某个历史版本', tags: staffTags, access: ['staff'], staffRecord: 'city-wide',
      params: z.object({ id: objectIdSchema, version: z.coerce.number({ invalid_type_error: '版本号必须是数字' }).int() }).strict(),
      response: z.object({ version: z.number(), content: policyInputSchema, savedBy: z.string().nullable(), publishedAt: z.string().nullable(), createdAt: z.string() }), errors: [404],
      handler: ({ params }) => service.version(params.id, params.version),
    }),
    route({
      method: 'post', path: '/api/staff/policies/:id/publish', summary: '市级管理员：发布政策（并主动匹配符合条件的人，记入审计日志）', tags: staffTags, access: ['staff'], staffScope: 'city',
      params: idParams, response: publishResultSchema, errors: [404, 409],
      handler: ({ params, user, staff }) => service.publish(user!.id, params.id, who(staff)),
    }),
    route({
      method: 'post', path: '/api/staff/policies/:id/unpublish', summary: '市级管理员：下架政策（记入审计日志）', tags: staffTags, access: ['staff'], staffScope: 'city',
      params: idParams, response: z.object({ policy: policyViewSchema }), errors: [404, 409],
      handler: ({ params, user, staff }) => service.unpublish(user!.id, params.id, who(staff)),
    }),
    // ----- staff: application queue -----
    route({
      method: 'get', path: '/api/staff/policy-applications', summary: '经办：政策申请待办', tags: staffTags, access: ['staff'],
      query: z.object({ status: policyApplicationStatusSchema.optional() }).strict(), response: queueSchema,
      handler: ({ query, staff }) => service.queue(query.status, staff!),
    }),
    route({
      method: 'get', path: '/api/staff/policy-applications/:id/notices', summary: '经办：这件政策申请发给申请人的通知及送达结果（微信、短信、是否已读）', tags: staffTags, access: ['staff'], staffRecord: application,
      params: idParams, response: caseNoticesSchema, errors: [404],
      handler: ({ params }) => caseNotices('policy-app', params.id),
    }),
    route({
      method: 'post', path: '/api/staff/policy-applications/:id/decide', summary: '经办：审核本中心的政策申请（通过 / 退回 / 不予通过）', tags: staffTags, access: ['staff'], staffRecord: application, staffAudit: { subjectType: 'policy_application' },
      params: idParams, body: policyDecideBodySchema, response: policyApplicationViewSchema, errors: [404, 409],
      handler: ({ params, body, user, staff }) => service.decide(user!.id, params.id, body.decision, body.reason, who(staff)),
    }),
  ];
}
