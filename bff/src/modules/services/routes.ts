import { z } from 'zod';
import {
  attendanceBodySchema, bookingResultSchema, centerCodeParamsSchema, centerServiceParamsSchema, dayBookingsQuerySchema, dayBookingsSchema, myBookingsSchema,
  objectIdSchema, serviceDetailSchema, serviceEditBodySchema, serviceListSchema, slotCreateBodySchema, slotListSchema, slotOptionsSchema, slotViewSchema, slotsQuerySchema,
} from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { ServiceDesk } from './service';

const idParams = z.object({ id: objectIdSchema }).strict();

/** 服务事项清单 (public), booking (workers), the center's list, slots and the day's bookings (its staff). */
export function serviceRoutes(svc: ServiceDesk): RouteDef[] {
  const tags = ['服务事项与预约'];
  const staffTags = ['经办', '服务事项与预约'];
  // A center's own records: the router lets only its staff (and the city administrator) through.
  const centerRecord = async (p: { code: string }) => svc.centerDistrict(p.code);
  const bookingRecord = async (p: { id: string }) => svc.bookingDistrict(p.id);
  return [
    route({
      method: 'get', path: '/api/service-centers/:code/services', summary: '服务事项清单：本中心公开的服务事项及办事指南', tags, access: 'public',
      params: centerCodeParamsSchema, response: serviceListSchema, errors: [404],
      handler: ({ params }) => svc.list(params.code),
    }),
    route({
      method: 'get', path: '/api/service-centers/:code/services/:key', summary: '办事指南：办理条件、所需材料、时限、地点、能否网上办', tags, access: 'public',
      params: centerServiceParamsSchema, response: serviceDetailSchema, errors: [404],
      handler: ({ params }) => svc.detail(params.code, params.key),
    }),
    route({
      method: 'get', path: '/api/service-centers/:code/slots', summary: '可预约的时段（职业指导、窗口办理、见习说明会），含剩余名额', tags, access: 'public',
      params: centerCodeParamsSchema, query: slotsQuerySchema, response: slotListSchema, errors: [404],
      handler: ({ params, query }) => svc.slots(params.code, query),
    }),
    route({
      method: 'post', path: '/api/booking-slots/:id/book', summary: '预约一个时段（名额有限，同一时段一人一个）', tags, access: ['worker'],
      params: idParams, response: bookingResultSchema, errors: [404, 409],
      handler: ({ params, user }) => svc.book(user!.id, params.id),
    }),
    route({
      method: 'get', path: '/api/me/bookings', summary: '我的预约', tags, access: ['worker'], response: myBookingsSchema,
      handler: ({ user }) => svc.mine(user!.id),
    }),
    route({
      method: 'post', path: '/api/me/bookings/:id/cancel', summary: '取消预约（时段开始前；名额随即释放）', tags, access: ['worker'],
      params: idParams, response: bookingResultSchema, errors: [404, 409],
      handler: ({ params, user }) => svc.cancel(user!.id, params.id),
    }),
    route({
      method: 'get', path: '/api/staff/centers/:code/services', summary: '经办：本中心服务事项清单（含未公开的）', tags: staffTags, access: ['staff'],
      params: centerCodeParamsSchema, staffRecord: centerRecord, response: serviceListSchema, errors: [404],
      handler: ({ params }) => svc.list(params.code, true),
    }),
    route({
      method: 'put', path: '/api/staff/centers/:code/services/:key', summary: '经办：修改本中心的服务事项和办事指南（新编号即新增事项；记入审计日志）', tags: staffTags, access: ['staff'],
      params: centerServiceParamsSchema, staffRecord: centerRecord, body: serviceEditBodySchema, response: serviceDetailSchema, errors: [400, 404, 409],
      handler: ({ params, body, staff }) => svc.edit(staff!, params.code, params.key, body),
    }),
    route({
      method: 'get', path: '/api/staff/centers/:code/slot-options', summary: '经办：开放预约时段可选的地点（本中心大厅、辖区服务站）和可预约事项', tags: staffTags, access: ['staff'],
      params: centerCodeParamsSchema, staffRecord: centerRecord, response: slotOptionsSchema, errors: [404],
      handler: ({ params }) => svc.slotOptions(params.code),
    }),
    route({
      method: 'post', path: '/api/staff/centers/:code/slots', summary: '经办：开放预约时段（日期、时间、事项、名额、就业困难人员和退役军人优先名额、地点；记入审计日志）', tags: staffTags, access: ['staff'],
      params: centerCodeParamsSchema, staffRecord: centerRecord, body: slotCreateBodySchema, response: z.object({ slot: slotViewSchema }), status: 201, errors: [400, 404, 409],
      handler: ({ params, body, staff }) => svc.createSlot(staff!, params.code, body),
    }),
    route({
      method: 'get', path: '/api/staff/centers/:code/bookings', summary: '经办：本中心某一天（默认今天）的预约和到场情况（手机号脱敏）', tags: staffTags, access: ['staff'],
      params: centerCodeParamsSchema, staffRecord: centerRecord, query: dayBookingsQuerySchema, response: dayBookingsSchema, errors: [404],
      handler: ({ params, query, staff }) => svc.day(staff!, params.code, query.date),
    }),
    route({
      method: 'post', path: '/api/staff/bookings/:id/attendance', summary: '经办：登记到场 / 未到（预约当天起；记入审计日志）', tags: staffTags, access: ['staff'],
      params: idParams, staffRecord: bookingRecord, body: attendanceBodySchema, response: bookingResultSchema, errors: [404, 409],
      handler: ({ params, body, staff }) => svc.attendance(staff!, params.id, body.attended),
    }),
  ];
}
