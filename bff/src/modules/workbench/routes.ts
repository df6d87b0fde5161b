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

type Queue = 'employer' | 'gig' | 'report' | 'policy';
const DECISION_ROUTES: Record<string, 'employer' | 'gig' | 'policy'> = {
  'post /api/staff/employers/:id/review': 'employer',
  'post /api/staff/gigs/:id/review': 'gig',
  'post /api/staff/policy-applications/:id/decide': 'policy',
};
const LIST_ROUTES: Record<string, Queue> = {
  'get /api/staff/employers/review': 'employer',
  'get /api/staff/gigs/review': 'gig',
  'get /api/staff/gig-reports': 'report',
  'get /api/staff/policy-applications': 'policy',
};

/**
 * The employer, gig and policy modules keep their own staff routes (their pages use them); this puts
 * the workbench's rules on them: a staff member lists and decides only their own center's items
 * (another center's item answers 404, like a missing one), and every decision is audited.
 */
export function scopeToCenter(routes: RouteDef[], workbench: WorkbenchService): RouteDef[] {
  return routes.map((r) => {
    const key = `${r.method} ${r.path}`;
    const decisionQueue = DECISION_ROUTES[key];
    if (decisionQueue) {
      return {
        ...r,
        handler: (input) => {
          const body = input.body as { decision: string; reason?: string };
          const id = (input.params as { id: string }).id;
          return workbench.guardedDecision(input.staff!, decisionQueue, id, body.decision, body.reason, async () => r.handler(input));
        },
      } satisfies RouteDef;
    }
    const listQueue = LIST_ROUTES[key];
    if (listQueue) {
      return {
        ...r,
        handler: async (input) => {
          const out = (await r.handler(input)) as { items: { id: string }[] } & Record<string, unknown>;
          const keep = await workbench.belongingTo(input.staff!, listQueue, out.items.map((i) => i.id));
          return { ...out, items: out.items.filter((_, n) => keep[n]) };
        },
      } satisfies RouteDef;
    }
    return r;
  });
}
