import { devSmsOutboxQuerySchema, devSmsOutboxResultSchema } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import { notFound } from '../../http/errors';
import type { OutboxSmsProvider } from '../../integrations/sms';

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined | null): boolean {
  if (!address) return false;
  const a = address.toLowerCase();
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * Development endpoints answer clients on this machine only. The socket's peer address is used, never
 * X-Forwarded-For (a header anyone can send); other clients get the same 404 as an unknown path.
 */
export function requireLoopback(ctx: { req: { socket: { remoteAddress?: string } } }): void {
  if (!isLoopbackAddress(ctx.req.socket.remoteAddress)) throw notFound('接口不存在');
}

/** Development-only endpoints; app.ts mounts them only when NODE_ENV is development or test. */
export function devRoutes(outbox: OutboxSmsProvider): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/dev/sms-outbox', summary: '开发环境：查看发给某手机号的短信（仅限本机访问）', tags: ['开发'], access: 'public',
      query: devSmsOutboxQuerySchema, response: devSmsOutboxResultSchema, errors: [404],
      handler: async ({ query, ctx }) => {
        requireLoopback(ctx);
        return { messages: (await outbox.read(query.phone)).map((m) => ({ phone: query.phone, text: m.text, sentAt: m.sentAt.toISOString() })) };
      },
    }),
  ];
}
