import { z } from 'zod';
import {
  caseNoticesSchema, insuranceClaimBodySchema, insuranceClaimViewSchema, insuranceDecisionBodySchema, insuranceExportQuerySchema, insuranceExportResultSchema,
  insuranceImportBodySchema, insuranceImportResultSchema, insurancePaymentBodySchema, insuranceQueueQuerySchema, insuranceQueueSchema,
  insuranceStaffDetailSchema, insuranceStopBodySchema, myInsuranceSchema, objectIdSchema,
} from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { InsuranceService } from './service';
import type { CaseNotices } from '../notifications/service';

const idParams = z.object({ id: objectIdSchema }).strict();
const claimResult = z.object({ claim: insuranceClaimViewSchema });

export function insuranceRoutes(svc: InsuranceService, caseNotices: CaseNotices): RouteDef[] {
  const tags = ['失业保险金'];
  const staffTags = ['经办', '失业保险金'];
  // A claim belongs to the center of its registration's district.
  const staffRecord = (p: { id: string }) => svc.districtOf(p.id);
  return [
    route({
      method: 'get', path: '/api/insurance/claim', summary: '我的失业保险金：核定月数、已发放、剩余、下次发放与停发原因，以及书面承诺文本', tags, access: ['worker'], response: myInsuranceSchema,
      handler: ({ user }) => svc.mine(user!.id),
    }),
    route({
      method: 'post', path: '/api/insurance/claim', summary: '申领失业保险金（与失业登记一起或登记之后；幂等）', tags, access: ['worker'],
      body: insuranceClaimBodySchema, response: claimResult, errors: [400, 409],
      handler: async ({ user, body }) => ({ claim: await svc.file(user!.id, body) }),
    }),
    route({
      method: 'get', path: '/api/staff/insurance-claims', summary: '经办：本中心失业保险金申领（默认待审核，逾期优先）', tags: staffTags, access: ['staff'],
      query: insuranceQueueQuerySchema, response: insuranceQueueSchema,
      handler: ({ query, staff }) => svc.queue(staff!, query),
    }),
    route({
      method: 'get', path: '/api/staff/insurance-claims/:id', summary: '经办：申领详情（含完整证件号和银行账号，查看记入审计日志）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, response: insuranceStaffDetailSchema, errors: [404],
      handler: ({ params, staff }) => svc.detail(staff!, params.id),
    }),
    route({
      method: 'get', path: '/api/staff/insurance-claims/:id/notices', summary: '经办：这件申领发给本人的通知及送达结果（微信、短信、是否已读）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, response: caseNoticesSchema, errors: [404],
      handler: ({ params }) => caseNotices('insurance', params.id),
    }),
    route({
      method: 'post', path: '/api/staff/insurance-claims/:id/decision', summary: '经办：核定通过 / 不予核定（写明原因；记入审计日志）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, body: insuranceDecisionBodySchema, response: claimResult, errors: [400, 404, 409],
      handler: async ({ params, body, staff }) => ({ claim: await svc.decide(staff!, params.id, body) }),
    }),
    route({
      method: 'post', path: '/api/staff/insurance-claims/:id/payments', summary: '经办：登记某月发放（同一月份只发一次；记入审计日志）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, body: insurancePaymentBodySchema, response: claimResult.extend({ created: z.boolean() }), errors: [400, 404, 409],
      handler: ({ params, body, staff }) => svc.recordPayment(staff!, params.id, body),
    }),
    route({
      method: 'post', path: '/api/staff/insurance-claims/:id/stop', summary: '经办：停发（重新就业、参军、出国（境）定居、领取养老金、无正当理由拒绝工作或培训；从次月起）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord, body: insuranceStopBodySchema, response: claimResult, errors: [400, 404, 409],
      handler: async ({ params, body, staff }) => ({ claim: await svc.stop(staff!, params.id, body) }),
    }),
    route({
      method: 'post', path: '/api/staff/insurance-payments/import', summary: '经办：导入发放系统的发放记录 CSV（身份证号,月份,金额,流水号；按人按月幂等，错误按行列出）', tags: staffTags, access: ['staff'],
      body: insuranceImportBodySchema, response: insuranceImportResultSchema, errors: [400],
      handler: ({ body, staff }) => svc.importCsv(staff!, body.csv),
    }),
    route({
      method: 'get', path: '/api/staff/insurance-payments/export', summary: '经办：导出本中心失业保险金发放记录 CSV（证件号、姓名脱敏；记入审计日志）', tags: staffTags, access: ['staff'],
      query: insuranceExportQuerySchema, response: insuranceExportResultSchema,
      handler: ({ query, staff }) => svc.exportCsv(staff!, query),
    }),
  ];
}
