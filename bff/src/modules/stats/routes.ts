import { statsDashboardSchema, statsExportQuerySchema, statsExportResultSchema, statsQuerySchema } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { StatsService } from './service';

const tags = ['经办', '数据分析'];

export function statsRoutes(stats: StatsService): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/staff/stats', summary: '经办：本中心数据看板（登记失业、办理时效、零工招满、政策申请）', tags, access: ['staff'],
      query: statsQuerySchema, response: statsDashboardSchema, errors: [400],
      handler: ({ query, staff }) => stats.dashboard(staff!, query),
    }),
    route({
      method: 'get', path: '/api/staff/stats/export', summary: '经办：导出看板表格为 CSV（不含个人身份信息；导出记入审计日志）', tags, access: ['staff'],
      query: statsExportQuerySchema, response: statsExportResultSchema, errors: [400],
      handler: ({ query, staff }) => stats.exportCsv(staff!, query),
    }),
  ];
}
