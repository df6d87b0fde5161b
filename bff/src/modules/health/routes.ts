import type { Connection } from 'mongoose';
import { healthSchema, readySchema } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import { serviceUnavailable } from '../../http/errors';
import type { Readiness } from '../../http/readiness';

/** Pings the database with a short deadline; false when it is down or slow. */
export async function databaseUp(conn: Connection, timeoutMs = 1500): Promise<boolean> {
  if (conn.readyState !== 1 || !conn.db) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const ping = conn.db.admin().command({ ping: 1 });
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('ping timeout')), timeoutMs); });
    await Promise.race([ping, timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(conn: Connection, readiness?: Readiness): RouteDef[] {
  return [
    route({
      method: 'get', path: '/healthz', summary: '进程存活', tags: ['运维'], access: 'public', response: healthSchema,
      handler: () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
    }),
    route({
      method: 'get', path: '/readyz', summary: '可以接收请求（数据库可达）', tags: ['运维'], access: 'public', response: readySchema, errors: [503],
      handler: async ({ ctx }) => {
        const up = await databaseUp(conn);
        if (!up) {
          ctx.set('Retry-After', '5');
          throw serviceUnavailable('数据库暂时不可用', 'DB_UNAVAILABLE');
        }
        // Migrations and cache warm-up of a starting instance: not ready until they are done.
        const waiting = readiness?.pending() ?? [];
        if (waiting.length) {
          ctx.set('Retry-After', '2');
          throw serviceUnavailable(`正在启动（${waiting.join('、')}），请稍后`, 'STARTING');
        }
        return { status: 'ready' as const, database: 'up' as const };
      },
    }),
  ];
}
