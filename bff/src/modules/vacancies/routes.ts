import { z } from 'zod';
import {
  answerApplicationBodySchema, answerApplicationResultSchema, applyVacancyBodySchema, applyVacancyResultSchema, employerVacancyDetailSchema, employerVacancyListSchema,
  employerVacancySchema, myVacancyApplicationListSchema, objectIdSchema, postVacancyBodySchema, postVacancyResultSchema, recommendedListSchema, referralListSchema,
  referralQuerySchema, referralResultSchema, vacancyListQuerySchema, vacancyListSchema, vacancyReferralBodySchema, vacancyReviewBodySchema, vacancyViewSchema,
  myVacancyApplicationSchema,
} from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { ReferralService } from './referrals';
import type { VacancyService } from './service';

const idParams = z.object({ id: objectIdSchema }).strict();
const detail = z.object({ vacancy: vacancyViewSchema, application: myVacancyApplicationSchema.nullable() });
const staffDetail = z.object({ vacancy: vacancyViewSchema, contactName: z.string(), contactPhoneMasked: z.string(), holdText: z.string().nullable() });
const withdrawn = z.object({ application: myVacancyApplicationSchema, message: z.string() });

/** 岗位: posting and answering (employer), recommendations and 一键投递 (worker), 推荐 and review (staff). */
export function vacancyRoutes(svc: VacancyService, referrals: ReferralService): RouteDef[] {
  const tags = ['岗位'];
  const staffTags = ['经办', '岗位'];
  return [
    route({
      method: 'get', path: '/api/vacancies', summary: '在招的全职、兼职岗位（可按职业、用工形式、区筛选）', tags, access: 'public', query: vacancyListQuerySchema, response: vacancyListSchema,
      handler: ({ query }) => svc.list(query),
    }),
    route({
      method: 'get', path: '/api/vacancies/recommended', summary: '为我推荐的岗位（按失业登记的意向职业、技能、期望工资和住址，每条附推荐理由；服务中心推荐的在前）', tags, access: ['worker'],
      response: recommendedListSchema, handler: ({ user }) => svc.recommended(user!.id),
    }),
    route({
      method: 'get', path: '/api/vacancies/mine', summary: '我的投递与单位答复（面试邀请、录用、不合适）', tags, access: ['worker'], response: myVacancyApplicationListSchema,
      handler: ({ user }) => svc.mine(user!.id),
    }),
    route({
      method: 'get', path: '/api/vacancies/referrals', summary: '服务中心为我推荐的岗位及结果（可评价）', tags, access: ['worker'], response: referralListSchema,
      handler: ({ user }) => referrals.mine(user!.id),
    }),
    route({
      method: 'get', path: '/api/vacancies/:id', summary: '岗位详情（登录后含我的投递）', tags, access: 'public', params: idParams, response: detail, errors: [404],
      handler: ({ params, user }) => svc.detail(params.id, user?.id),
    }),
    route({
      method: 'post', path: '/api/vacancies/:id/apply', summary: '一键投递：附上我选择提供的简历信息（每个岗位一次）', tags, access: ['worker'],
      params: idParams, body: applyVacancyBodySchema, response: applyVacancyResultSchema, status: 201, errors: [400, 404, 409],
      handler: ({ params, body, user }) => svc.apply(user!.id, params.id, body),
    }),
    route({
      method: 'post', path: '/api/vacancy-applications/:id/withdraw', summary: '撤回投递（单位答复录用或不合适之前）', tags, access: ['worker'],
      params: idParams, response: withdrawn, errors: [404, 409], handler: ({ params, user }) => svc.withdraw(user!.id, params.id),
    }),
    // ---- employer
    route({
      method: 'post', path: '/api/employer/vacancies', summary: '发布全职、兼职岗位（通过核验的用人单位；与零工相同的反歧视、最低工资、地点检查）', tags, access: ['employer'],
      body: postVacancyBodySchema, response: postVacancyResultSchema, status: 201, errors: [400, 409, 429],
      handler: ({ body, user }) => svc.post(user!.id, body),
    }),
    route({
      method: 'get', path: '/api/employer/vacancies', summary: '我发布的岗位（投递数、待答复数）', tags, access: ['employer'], response: employerVacancyListSchema,
      handler: ({ user }) => svc.employerList(user!.id),
    }),
    route({
      method: 'get', path: '/api/employer/vacancies/:id', summary: '我发布的岗位与投递的人（本人选择提供的简历）', tags, access: ['employer'], params: idParams, response: employerVacancyDetailSchema, errors: [404],
      handler: ({ params, user }) => svc.employerDetail(user!.id, params.id),
    }),
    route({
      method: 'post', path: '/api/employer/vacancies/:id/close', summary: '停止招聘（尚未答复的投递自动答复「岗位已停止招聘」）', tags, access: ['employer'], params: idParams, response: employerVacancySchema, errors: [404],
      handler: ({ params, user }) => svc.close(user!.id, params.id),
    }),
    route({
      method: 'post', path: '/api/employer/vacancy-applications/:id/answer', summary: '答复投递：邀请面试（时间、地点）、录用或不合适；结果通知本人', tags, access: ['employer'],
      params: idParams, body: answerApplicationBodySchema, response: answerApplicationResultSchema, errors: [400, 404, 409],
      handler: ({ params, body, user }) => svc.answer(user!.id, params.id, body),
    }),
    // ---- staff
    route({
      method: 'post', path: '/api/staff/referrals', summary: '经办：为本中心登记的求职者推荐一个在招岗位（通知本人；投递后跟踪结果）', tags: staffTags, access: ['staff'],
      body: vacancyReferralBodySchema, response: referralResultSchema, status: 201, errors: [400, 404, 409],
      handler: ({ body, staff }) => referrals.refer(staff!, body),
    }),
    route({
      method: 'get', path: '/api/staff/referrals', summary: '经办：一条登记的岗位推荐及结果（未投递、已投递、面试、录用、不合适）', tags: staffTags, access: ['staff'],
      query: referralQuerySchema, response: referralListSchema, errors: [404],
      handler: ({ query, staff }) => referrals.forRegistration(staff!, query.registrationId),
    }),
    route({
      method: 'get', path: '/api/staff/vacancies/:id', summary: '经办：岗位全文（含审核中的；联系电话打码，附内容安全提示）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord: (p: { id: string }) => svc.districtOf(p.id), response: staffDetail, errors: [404],
      handler: ({ params }) => svc.staffDetail(params.id),
    }),
    route({
      method: 'post', path: '/api/staff/vacancies/:id/review', summary: '经办：复核内容安全待审的岗位（上架或不通过并说明理由）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord: (p: { id: string }) => svc.districtOf(p.id), staffAudit: { subjectType: 'vacancy' }, body: vacancyReviewBodySchema,
      response: z.object({ vacancy: vacancyViewSchema }), errors: [400, 404, 409],
      handler: ({ params, body }) => svc.review(params.id, body.decision, body.reason),
    }),
  ];
}
