import { z } from 'zod';
import { objectIdSchema, okSchema } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { NotificationService } from './service';

const listSchema = z.object({
  unread: z.number().int(),
  items: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), page: z.string().nullable(), read: z.boolean(), createdAt: z.string() })),
});

export function notificationRoutes(service: NotificationService): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/notifications', summary: '我的消息', tags: ['消息'], access: 'authenticated', response: listSchema,
      handler: ({ user }) => service.list(user!.id),
    }),
    route({
      method: 'post', path: '/api/notifications/:id/read', summary: '标记消息已读', tags: ['消息'], access: 'authenticated',
      params: z.object({ id: objectIdSchema }).strict(), response: okSchema, errors: [404],
      handler: async ({ user, params }) => { await service.markRead(user!.id, params.id); return { ok: true as const }; },
    }),
  ];
}
