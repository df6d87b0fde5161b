import { z } from 'zod';
import { route, type RouteDef } from '../../http/api';
import type { AuthService } from '../auth/service';

const accountSummarySchema = z.object({
  workers: z.number().int(),
  employers: z.number().int(),
  staff: z.number().int(),
  newThisWeek: z.number().int(),
});

/** Staff-only routes of the platform itself; the workbench issue adds the queues. */
export function staffRoutes(auth: AuthService): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/staff/accounts/summary', summary: '市级管理员：全市账号数量概览', tags: ['经办'], access: ['staff'], staffScope: 'city',
      response: accountSummarySchema,
      handler: async () => {
        const { User } = auth.models;
        const weekAgo = new Date(Date.now() - 7 * 86400_000);
        const [workers, employers, staff, newThisWeek] = await Promise.all([
          User.countDocuments({ roles: 'worker' }),
          User.countDocuments({ roles: 'employer' }),
          User.countDocuments({ roles: 'staff' }),
          User.countDocuments({ createdAt: { $gte: weekAgo } }),
        ]);
        return { workers, employers, staff, newThisWeek };
      },
    }),
  ];
}
