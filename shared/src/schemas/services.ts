import { z } from 'zod';
import { userText } from './common';
import { calendarDateSchema } from './dates';
import { BOOKING_KINDS } from '../data/services';

/** 服务事项清单 with 办事指南, bookable time slots and bookings (人社部发〔2018〕77号 十四、十六). */

export const BOOKING_STATUSES = ['booked', 'cancelled', 'attended', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = { booked: '已预约', cancelled: '已取消', attended: '已到场', no_show: '未到' };

const kindEnum = (label: string) => z.enum(BOOKING_KINDS, { errorMap: () => ({ message: `${label}只能是：职业指导（guidance）、窗口办理（window）、见习说明会（internship_briefing）` }) });
const TIME_RE = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const time = (label: string) => z.string({ required_error: `请填写${label}`, invalid_type_error: `${label}必须是文字` }).regex(TIME_RE, `${label}应为 时:分，如 09:30`);
const lines = (label: string, max: number) =>
  z.array(userText(label, { min: 1, minMessage: `${label}的每一条不能为空`, max: 200 }), { required_error: `请填写${label}`, invalid_type_error: `${label}必须是列表` }).min(1, `请至少写一条${label}`).max(max, `${label}最多 ${max} 条`);

export const serviceGuideSchema = z.object({
  conditions: z.array(z.string()), materials: z.array(z.string()), timeLimit: z.string(), where: z.string(),
  online: z.boolean(), onlineHow: z.string().nullable(), inPerson: z.boolean(), fee: z.string(), basis: z.string(),
});

export const serviceItemSchema = z.object({
  key: z.string(), name: z.string(), category: z.string(), bookingKind: z.enum(BOOKING_KINDS).nullable(), bookingKindLabel: z.string().nullable(),
  published: z.boolean(), order: z.number().int(), guide: serviceGuideSchema, updatedAt: z.string(),
});
export type ServiceItem = z.infer<typeof serviceItemSchema>;

export const centerRefSchema = z.object({ code: z.string(), name: z.string(), address: z.string(), phone: z.string() });

export const serviceListSchema = z.object({ center: centerRefSchema, items: z.array(serviceItemSchema) });
export const serviceDetailSchema = z.object({ center: centerRefSchema, item: serviceItemSchema });

export const centerCodeParamsSchema = z.object({ code: z.string({ invalid_type_error: '服务中心编号必须是文字' }).regex(/^SC\d{6}$/, '服务中心编号格式不正确，如 SC230102') }).strict();
export const serviceKeySchema = z.string({ invalid_type_error: '事项编号必须是文字' }).regex(/^[a-z][a-z0-9_]{1,39}$/, '事项编号只能是 2–40 位小写字母、数字或下划线，以字母开头');
export const centerServiceParamsSchema = centerCodeParamsSchema.extend({ key: serviceKeySchema }).strict();

/** Staff: the whole entry as it should read (a key not on the list adds a 其他服务 item). */
export const serviceEditBodySchema = z
  .object({
    name: userText('事项名称', { min: 2, max: 30 }),
    category: userText('所属清单类别', { min: 2, max: 60 }).optional(),
    bookingKind: kindEnum('预约类型').nullable().optional(),
    published: z.boolean({ required_error: '请选择是否公开', invalid_type_error: '是否公开必须是是/否' }),
    order: z.number({ invalid_type_error: '排序必须是数字' }).int('排序必须是整数').min(0, '排序不能为负').max(999, '排序最大 999').optional(),
    conditions: lines('办理条件', 10),
    materials: lines('所需材料', 15),
    timeLimit: userText('办理时限', { min: 2, max: 60 }),
    where: userText('办理地点', { min: 2, max: 120 }),
    online: z.boolean({ required_error: '请选择能否网上办理', invalid_type_error: '能否网上办理必须是是/否' }),
    onlineHow: userText('网上办理方式', { min: 2, max: 120 }).nullable().optional(),
    inPerson: z.boolean({ required_error: '请选择是否必须到现场', invalid_type_error: '是否必须到现场必须是是/否' }),
    fee: userText('收费', { min: 1, max: 30 }).optional(),
    basis: userText('依据', { min: 2, max: 200 }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.online && !v.onlineHow) ctx.addIssue({ code: 'custom', path: ['onlineHow'], message: '可以网上办理时，请写明在哪里办（网上办理方式）' });
  });
export type ServiceEditBody = z.infer<typeof serviceEditBodySchema>;

// ---- slots and bookings ----------------------------------------------------------------

export const slotCreateBodySchema = z
  .object({
    kind: kindEnum('预约类型'),
    /** The listed service it is for (optional; must be on the center's list and bookable as this kind). */
    serviceKey: serviceKeySchema.optional(),
    date: calendarDateSchema('日期'),
    startTime: time('开始时间'),
    endTime: time('结束时间'),
    capacity: z.number({ required_error: '请填写名额', invalid_type_error: '名额必须是数字' }).int('名额必须是整数').min(1, '名额至少 1 个').max(200, '名额最多 200 个'),
    /** 优先名额: seats held for recognised 就业困难人员 and veterans (shared/src/rules/booking.ts); 0 by default. */
    reservedSeats: z.number({ invalid_type_error: '优先名额必须是数字' }).int('优先名额必须是整数').min(0, '优先名额不能为负').max(200, '优先名额最多 200 个').optional(),
    /** 'center' (the center's hall) or a station id of the center's districts. */
    placeId: z.string({ required_error: '请选择地点', invalid_type_error: '地点必须是文字' }).regex(/^(center|[a-z0-9-]{2,40})$/, '地点格式不正确'),
    note: userText('备注', { max: 100 }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (TIME_RE.test(v.startTime) && TIME_RE.test(v.endTime) && v.endTime <= v.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: '结束时间必须晚于开始时间' });
    if (v.reservedSeats !== undefined && v.reservedSeats > v.capacity) ctx.addIssue({ code: 'custom', path: ['reservedSeats'], message: `优先名额不能多于名额（${v.capacity} 个）` });
  });
export type SlotCreateBody = z.infer<typeof slotCreateBodySchema>;

export const slotViewSchema = z.object({
  id: z.string(), centerCode: z.string(), centerName: z.string(), kind: z.enum(BOOKING_KINDS), kindLabel: z.string(), serviceKey: z.string().nullable(), serviceName: z.string().nullable(),
  date: z.string(), startTime: z.string(), endTime: z.string(), capacity: z.number().int(), booked: z.number().int(), remaining: z.number().int(),
  /** 优先名额 set by staff; of the free seats, how many are still held for priority people now; the line shown to people. */
  reservedSeats: z.number().int(), reservedLeft: z.number().int(), seatsLabel: z.string(),
  place: z.object({ id: z.string(), name: z.string(), address: z.string() }), note: z.string().nullable(), past: z.boolean(),
});
export type SlotView = z.infer<typeof slotViewSchema>;

export const slotsQuerySchema = z
  .object({
    kind: kindEnum('预约类型').optional(),
    serviceKey: serviceKeySchema.optional(),
    from: calendarDateSchema('开始日期').optional(),
  })
  .strict();
export const slotListSchema = z.object({ items: z.array(slotViewSchema) });

export const bookingViewSchema = z.object({
  id: z.string(), code: z.string(), status: z.enum(BOOKING_STATUSES), statusLabel: z.string(), seatNo: z.number().int().nullable(),
  slot: slotViewSchema, bookedAt: z.string(), cancelledAt: z.string().nullable(), attendanceAt: z.string().nullable(), canCancel: z.boolean(),
});
export type BookingView = z.infer<typeof bookingViewSchema>;
export const bookingResultSchema = z.object({ booking: bookingViewSchema });
export const myBookingsSchema = z.object({ items: z.array(bookingViewSchema) });

export const dayBookingsQuerySchema = z.object({ date: calendarDateSchema('日期').optional() }).strict();
export const dayBookingsSchema = z.object({
  date: z.string(),
  slots: z.array(slotViewSchema.extend({
    bookings: z.array(z.object({ id: z.string(), code: z.string(), status: z.enum(BOOKING_STATUSES), statusLabel: z.string(), seatNo: z.number().int().nullable(), phoneMasked: z.string().nullable(), nameMasked: z.string().nullable(), priority: z.boolean() })),
  })),
  counts: z.object({ booked: z.number().int(), attended: z.number().int(), noShow: z.number().int(), cancelled: z.number().int() }),
});

export const attendanceBodySchema = z
  .object({ attended: z.boolean({ required_error: '请选择到场或未到（attended）', invalid_type_error: '到场情况（attended）必须是是/否' }) })
  .strict();

/** Staff: what the slot form offers for a center (its places, and its published bookable services). */
export const slotOptionsSchema = z.object({
  kinds: z.array(z.object({ kind: z.enum(BOOKING_KINDS), label: z.string() })),
  places: z.array(z.object({ id: z.string(), name: z.string(), address: z.string() })),
  services: z.array(z.object({ key: z.string(), name: z.string(), bookingKind: z.enum(BOOKING_KINDS) })),
});
export type SlotOptions = z.infer<typeof slotOptionsSchema>;
