import { devSmsOutboxQuerySchema, devSmsOutboxResultSchema } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { OutboxSmsProvider } from '../../integrations/sms';

/** Development-only endpoints; app.ts does not mount them in production mode. */
export function devRoutes(outbox: OutboxSmsProvider): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/dev/sms-outbox', summary: '开发环境：查看发给某手机号的短信', tags: ['开发'], access: 'public',
      query: devSmsOutboxQuerySchema, response: devSmsOutboxResultSchema,
      handler: async ({ query }) => ({
        messages: (await outbox.read(query.phone)).map((m) => ({ phone: query.phone, text: m.text, sentAt: m.sentAt.toISOString() })),
      }),
    }),
  ];
}
