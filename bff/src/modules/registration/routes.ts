import { z } from 'zod';
import {
  caseNoticesSchema, REGISTRATION_COMMITMENT, currentRegistrationSchema, decisionBodySchema, eligibilityBodySchema, eligibilityResultSchema, exitBodySchema,
  followUpBodySchema, followUpDueSchema, objectIdSchema, okSchema, profileSchema, recordSchema, registrationViewSchema, saveDraftBodySchema,
  staffCloseBodySchema, staffDetailSchema, staffQueueQuerySchema, staffQueueSchema, submitBodySchema, verifyResultSchema,
  contactHistorySchema, counterClaimBodySchema, counterClaimsSchema, counterRegistrationBodySchema, employerEmploymentBodySchema, employmentBodySchema,
  employmentListSchema, employmentResultSchema, staffExitBodySchema,
} from '@doorstep/shared';
import type { EmploymentService } from './employment';
import type { CaseNotices } from '../notifications/service';
import type { RecordDistrict } from '../staff/actor';
import { route, type RouteDef } from '../../http/api';
import type { RegistrationService } from './service';

const regResult = z.object({ registration: registrationViewSchema });
const idParams = z.object({ id: objectIdSchema }).strict();

export function registrationRoutes(svc: RegistrationService, districtOf: RecordDistrict, employment: EmploymentService, caseNotices: CaseNotices): RouteDef[] {
  const staffRecord = (p: { id: string }) => districtOf('registration', p.id);
  const tags = ['失业登记'];
  const staffTags = ['经办', '失业登记'];
  return [
    route({
      method: 'get', path: '/api/registration', summary: '我的失业登记（草稿或办理中）与书面承诺文本', tags, access: ['worker'], response: currentRegistrationSchema,
      handler: async ({ user }) => ({ registration: await svc.current(user!.id), commitment: { version: REGISTRATION_COMMITMENT.version, text: REGISTRATION_COMMITMENT.text } }),
    }),
    route({
      method: 'post', path: '/api/registration/eligibility', summary: '登记前的条件自查（劳动年龄、劳动能力、就业要求、是否在职）', tags, access: ['worker'],
      body: eligibilityBodySchema, response: eligibilityResultSchema,
      handler: ({ body }) => svc.eligibility(body),
    }),
    route({
      method: 'put', path: '/api/registration/draft', summary: '保存登记表草稿（边填边存；证件号码、困难情形须先单独同意处理敏感个人信息）', tags, access: ['worker'], body: saveDraftBodySchema, response: regResult, errors: [409],
      handler: async ({ body, user }) => ({ registration: await svc.saveDraft(user!.id, body.form, body.sensitiveConsentVersion) }),
    }),
    route({
      method: 'post', path: '/api/registration/submit', summary: '确认书面承诺并提交（幂等）', tags, access: ['worker'], body: submitBodySchema, response: regResult, errors: [409],
      handler: async ({ body, user }) => ({ registration: await svc.submit(user!.id, body) }),
    }),
    route({
      method: 'post', path: '/api/registration/exit', summary: '退出失业登记（本人可申报的第六十三条情形：被录用、个体经营、稳定收入、养老保险待遇、入学、服兵役、移居境外、终止就业要求）', tags, access: ['worker'], body: exitBodySchema, response: regResult, errors: [404, 409],
      handler: async ({ body, user }) => ({ registration: await svc.exit(user!.id, body) }),
    }),
    route({
      method: 'get', path: '/api/registration/record', summary: '电子登记凭证（含二维码）', tags, access: ['worker'], response: recordSchema, errors: [404],
      handler: ({ user }) => svc.record(user!.id),
    }),
    route({
      method: 'get', path: '/api/registration/profile', summary: '求职就业画像：完整度、分类与服务包', tags, access: ['worker'], response: profileSchema, errors: [404],
      handler: ({ user }) => svc.profile(user!.id),
    }),
    route({
      method: 'get', path: '/api/public/registration-verify/:code', summary: '扫码核验电子登记凭证（仅显示是否有效、脱敏姓名和日期）', tags, access: 'public',
      rateLimit: 'qrVerify',
      params: z.object({ code: z.string().max(64, '核验码不正确') }).strict(), response: verifyResultSchema, errors: [404],
      handler: ({ params }) => svc.verify(params.code),
    }),
    route({
      method: 'get', path: '/api/staff/registrations', summary: '经办：本中心失业登记待办（逾期优先、期限最近在前）', tags: staffTags, access: ['staff'],
      query: staffQueueQuerySchema, response: staffQueueSchema,
      handler: ({ query, staff }) => svc.queue(staff!, query),
    }),
    route({
      method: 'get', path: '/api/staff/registrations/:id', summary: '经办：登记详情（含完整证件号，查看记入审计日志）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, response: staffDetailSchema, errors: [404],
      handler: ({ params, staff }) => svc.detail(staff!, params.id),
    }),
    route({
      method: 'get', path: '/api/staff/registrations/:id/notices', summary: '经办：这件登记发给本人的通知及送达结果（微信、短信、是否已读）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, response: caseNoticesSchema, errors: [404],
      handler: ({ params }) => caseNotices('registration', params.id),
    }),
    route({
      method: 'post', path: '/api/staff/registrations/:id/decision', summary: '经办：开始审核 / 通过 / 退回修改 / 不予登记', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, body: decisionBodySchema, response: regResult, errors: [404, 409],
      handler: async ({ params, body, staff }) => ({ registration: await svc.decide(staff!, params.id, body) }),
    }),
    route({
      method: 'post', path: '/api/staff/registrations/:id/close', summary: '经办：因就业办结', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, body: staffCloseBodySchema, response: regResult, errors: [404, 409],
      handler: async ({ params, body, staff }) => ({ registration: await svc.staffClose(staff!, params.id, body) }),
    }),
    route({
      method: 'post', path: '/api/staff/registrations/:id/follow-ups', summary: '经办：记录跟踪回访', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, body: followUpBodySchema, response: okSchema, errors: [404, 409],
      handler: ({ params, body, staff }) => svc.addFollowUp(staff!, params.id, body),
    }),
    route({
      method: 'post', path: '/api/staff/registrations/:id/exit', summary: '经办：注销失业登记（第六十三条各项情形；连续6个月未联系须有联系记录为据）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, body: staffExitBodySchema, response: regResult, errors: [404, 409],
      handler: async ({ params, body, staff }) => ({ registration: await svc.staffExit(staff!, params.id, body) }),
    }),
    route({
      method: 'get', path: '/api/staff/registrations/:id/contacts', summary: '经办：联系记录（本人办理、窗口来访、回访）与是否已连续6个月未联系', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, response: contactHistorySchema, errors: [404],
      handler: ({ params, staff }) => svc.contacts(staff!, params.id),
    }),
    route({
      method: 'post', path: '/api/staff/counter-registrations', summary: '经办：窗口代办失业登记（当面核验证件，本人签署纸质同意书和书面承诺；可当场通过；短信告知本人认领）', tags: staffTags, access: ['staff'],
      body: counterRegistrationBodySchema, response: regResult, errors: [409],
      handler: async ({ body, staff }) => ({ registration: await svc.counterCreate(staff!, body) }),
    }),
    route({
      method: 'get', path: '/api/registration/counter-claims', summary: '可认领的窗口登记（登记在本人已验证手机号下）', tags, access: ['worker'], response: counterClaimsSchema,
      handler: ({ user }) => svc.counterClaims(user!.id),
    }),
    route({
      method: 'post', path: '/api/registration/counter-claims/claim', summary: '认领窗口登记（手机号一致并输入证件号码）', tags, access: ['worker'], body: counterClaimBodySchema, response: regResult, errors: [404, 409, 429],
      handler: async ({ body, user }) => ({ registration: await svc.claimCounter(user!.id, body) }),
    }),
    route({
      method: 'get', path: '/api/employment', summary: '我的就业登记', tags: ['就业登记'], access: ['worker'], response: employmentListSchema,
      handler: ({ user }) => employment.mine(user!.id),
    }),
    route({
      method: 'post', path: '/api/employment', summary: '就业登记（本人）：办结失业登记并停发失业保险金', tags: ['就业登记'], access: ['worker'], body: employmentBodySchema, response: employmentResultSchema,
      handler: ({ body, user }) => employment.recordByWorker(user!.id, body),
    }),
    route({
      method: 'get', path: '/api/employer/employments', summary: '用人单位：本单位办理的就业登记', tags: ['就业登记'], access: ['employer'], response: employmentListSchema,
      handler: ({ user }) => employment.byEmployer(user!.id),
    }),
    route({
      method: 'post', path: '/api/employer/employments', summary: '用人单位：为录用的劳动者办理就业登记（零工报名，或手机号 + 证件号码）', tags: ['就业登记'], access: ['employer'], body: employerEmploymentBodySchema, response: employmentResultSchema, errors: [404],
      handler: ({ body, user }) => employment.recordByEmployer(user!.id, body),
    }),
    route({
      method: 'get', path: '/api/staff/follow-ups/due', summary: '经办：近 7 天内到期的回访', tags: staffTags, access: ['staff'], response: followUpDueSchema,
      handler: ({ staff }) => svc.dueFollowUps(staff!),
    }),
  ];
}
