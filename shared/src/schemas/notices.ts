import { z } from 'zod';

/** Channels and results of one notice (rules/delivery.ts words them). */
export const deliverySchema = z.object({
  createdAt: z.string(), readAt: z.string().nullable(),
  wechat: z.object({ status: z.string(), at: z.string().nullable(), errcode: z.number().int().nullable() }),
  sms: z.object({ status: z.string(), at: z.string().nullable(), heldUntil: z.string().nullable() }),
});

/** For staff on a case: the notices about it and how each reached the person. */
export const caseNoticesSchema = z.object({
  items: z.array(z.object({
    id: z.string(), kind: z.string(), title: z.string(), createdAt: z.string(), delivery: deliverySchema,
    outcome: z.enum(['reached', 'pending', 'in_app', 'unreached']),
    /** 「已通过短信通知，07:02 发送成功。本人尚未在消息中查看」 */
    summary: z.string(),
  })),
});
export type CaseNoticesView = z.infer<typeof caseNoticesSchema>;
