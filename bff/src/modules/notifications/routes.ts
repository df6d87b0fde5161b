import { z } from 'zod';
import { deliverySchema, NOTICE_TAP_NAMES, objectIdSchema, okSchema, SMS_FALLBACK_KINDS } from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { NotificationService } from './service';

const itemSchema = z.object({
  id: z.string(), kind: z.string(), title: z.string(), body: z.string(), page: z.string().nullable(),
  /** What the notice is about: the page to open and the record's id. */
  target: z.object({ page: z.string(), id: z.string().nullable() }).nullable(),
  read: z.boolean(), readAt: z.string().nullable(), createdAt: z.string(),
  channels: z.object({ wechat: z.string(), sms: z.string() }),
  delivery: deliverySchema,
});
const listSchema = z.object({ unread: z.number().int(), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(itemSchema) });
const listQuery = z.object({
  page: z.coerce.number({ invalid_type_error: 'page 应为页码数字' }).int('page 应为整数').min(1, 'page 最小为 1').max(10_000, 'page 太大').optional(),
  pageSize: z.coerce.number({ invalid_type_error: 'pageSize 应为数字' }).int('pageSize 应为整数').min(1, 'pageSize 最小为 1').max(50, 'pageSize 最多 50').optional(),
  unread: z.enum(['true', 'false'], { errorMap: () => ({ message: 'unread 只能是 true 或 false' }) }).optional(),
}).strict();

const decisionSchema = z.enum(['accept', 'reject', 'ban', 'filter'], { errorMap: () => ({ message: '只能是 accept、reject、ban 或 filter' }) });
const subscriptionBody = z.object({
  /** One per requestSubscribeMessage call (the app makes it): a repeated report counts once. */
  requestId: z.string({ required_error: 'requestId 必填' }).regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 应为 8–64 位字母、数字、- 或 _'),
  tap: z.enum(NOTICE_TAP_NAMES as [string, ...string[]], { errorMap: () => ({ message: `tap 只能是 ${NOTICE_TAP_NAMES.join('、')}` }) }).optional(),
  results: z.record(z.string().min(1, '模板 id 不能为空').max(128, '模板 id 太长'), decisionSchema, { required_error: 'results 必填' })
    .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 5, 'results 应有 1–5 个模板的结果'),
}).strict();
const settingsBody = z.object({
  smsOptOut: z.array(z.enum(SMS_FALLBACK_KINDS, { errorMap: () => ({ message: `smsOptOut 只能包含 ${SMS_FALLBACK_KINDS.join('、')}` }) })).max(SMS_FALLBACK_KINDS.length),
}).strict();
const settingsSchema = z.object({ smsOptOut: z.array(z.string()), kinds: z.array(z.object({ kind: z.string(), label: z.string() })) });

export function notificationRoutes(service: NotificationService): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/notifications', summary: '我的消息（新的在前，分页）', tags: ['消息'], access: 'authenticated', query: listQuery, response: listSchema, errors: [400],
      handler: ({ user, query }) => service.list(user!.id, { page: query.page, pageSize: query.pageSize, unreadOnly: query.unread === 'true' }),
    }),
    route({
      method: 'get', path: '/api/notifications/unread-count', summary: '未读消息数', tags: ['消息'], access: 'authenticated', response: z.object({ unread: z.number().int() }),
      handler: ({ user }) => service.unreadCount(user!.id),
    }),
    route({
      method: 'post', path: '/api/notifications/:id/read', summary: '标记消息已读', tags: ['消息'], access: 'authenticated',
      params: z.object({ id: objectIdSchema }).strict(), response: okSchema, errors: [404],
      handler: async ({ user, params }) => { await service.markRead(user!.id, params.id); return { ok: true as const }; },
    }),
    route({
      method: 'post', path: '/api/notifications/read-all', summary: '全部标记已读', tags: ['消息'], access: 'authenticated',
      response: z.object({ marked: z.number().int() }),
      handler: ({ user }) => service.markAllRead(user!.id),
    }),
    route({
      method: 'get', path: '/api/notifications/templates', summary: '订阅消息模板（按消息类型和按操作）', tags: ['消息'], access: 'public',
      response: z.object({ templates: z.record(z.string()), taps: z.record(z.array(z.string())) }),
      handler: () => service.templates(),
    }),
    route({
      method: 'post', path: '/api/notifications/subscriptions', summary: '上报订阅消息授权结果（requestSubscribeMessage）', tags: ['消息'], access: 'authenticated',
      body: subscriptionBody, response: z.object({ ok: z.literal(true), accepted: z.number().int(), credits: z.record(z.number().int()) }), errors: [400],
      handler: ({ user, body }) => service.reportSubscription(user!.id, body as never),
    }),
    route({
      method: 'get', path: '/api/me/notice-settings', summary: '消息设置（短信提醒）', tags: ['消息'], access: 'authenticated', response: settingsSchema,
      handler: ({ user }) => service.settings(user!.id),
    }),
    route({
      method: 'put', path: '/api/me/notice-settings', summary: '修改消息设置（按类型关闭短信提醒）', tags: ['消息'], access: 'authenticated',
      body: settingsBody, response: settingsSchema, errors: [400],
      handler: ({ user, body }) => service.updateSettings(user!.id, body),
    }),
  ];
}
