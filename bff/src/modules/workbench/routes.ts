import { workbenchDecisionBodySchema, workbenchDecisionResultSchema, workbenchDetailSchema, workbenchInboxSchema, workbenchItemParamsSchema, workbenchQuerySchema } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { WorkbenchService } from './service';

const tags = ['经办', '工作台'];

export function workbenchRoutes(workbench: WorkbenchService): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/staff/workbench', summary: '经办：本中心待办（各类业务合在一起，按工作日期限，逾期优先）', tags, access: ['staff'],
      query: workbenchQuerySchema, response: workbenchInboxSchema, errors: [400],
      handler: ({ query, staff }) => workbench.inbox(staff!, query),
    }),
    route({
      method: 'get', path: '/api/staff/workbench/:queue/:id', summary: '经办：待办详情（含完整联系方式，查看记入审计日志）', tags, access: ['staff'],
      params: workbenchItemParamsSchema, response: workbenchDetailSchema, errors: [404], staffRecord: (p) => workbench.districtOf(p.queue, p.id),
      handler: ({ params, staff }) => workbench.detail(staff!, params.queue, params.id),
    }),
    route({
      method: 'post', path: '/api/staff/workbench/:queue/:id/decision', summary: '经办：处理待办（单位认证、零工审核、举报、政策申请；记入审计日志）', tags, access: ['staff'],
      params: workbenchItemParamsSchema, body: workbenchDecisionBodySchema, response: workbenchDecisionResultSchema, errors: [400, 404, 409], staffRecord: (p) => workbench.districtOf(p.queue, p.id),
      handler: ({ params, body, staff }) => workbench.decide(staff!, params.queue, params.id, body),
    }),
  ];
}
