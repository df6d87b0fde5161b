import { z } from 'zod';
import { objectIdSchema, userText } from './common';
import { RATING_CASE_KINDS, RATING_COMMENT_MAX, RATING_CONTACT_CHANNELS, RATING_FOLLOW_UP_STATUSES } from '../rules/ratings';

/** 好差评: a person rates a handled case once; a 差评 opens a follow-up for the case's center. */

const kindEnum = z.enum(RATING_CASE_KINDS, { errorMap: () => ({ message: `评价的事项只能是：${RATING_CASE_KINDS.join('、')}` }) });
export const ratingCaseParamsSchema = z.object({ kind: kindEnum, id: objectIdSchema }).strict();

export const ratingBodySchema = z
  .object({
    stars: z.number({ required_error: '请选择星级（1–5 星）', invalid_type_error: '星级必须是 1–5 的整数' }).int('星级必须是 1–5 的整数').min(1, '星级最少 1 星').max(5, '星级最多 5 星'),
    comment: userText('评价内容', { max: RATING_COMMENT_MAX, multiline: true }).optional(),
  })
  .strict();
export type RatingBody = z.infer<typeof ratingBodySchema>;

export const ratingViewSchema = z.object({
  id: z.string(), kind: kindEnum, caseId: z.string(), stars: z.number().int(), comment: z.string().nullable(), createdAt: z.string(),
  /** A 差评 opened a follow-up; its state (the person sees that the center will contact them). */
  followUp: z.enum(RATING_FOLLOW_UP_STATUSES).nullable(),
});
export type RatingView = z.infer<typeof ratingViewSchema>;

/** Whether the case can be rated now, and the rating if given. */
export const ratingStatusSchema = z.object({ kind: kindEnum, caseId: z.string(), canRate: z.boolean(), reason: z.string().nullable(), rating: ratingViewSchema.nullable() });
export type RatingStatus = z.infer<typeof ratingStatusSchema>;
export const ratingResultSchema = z.object({ rating: ratingViewSchema });

export const ratingFollowUpBodySchema = z
  .object({
    contacted: z.boolean({ required_error: '请填写是否联系上本人', invalid_type_error: '是否联系上本人必须是 true 或 false' }),
    channel: z.enum(RATING_CONTACT_CHANNELS, { errorMap: () => ({ message: '联系方式只能是 电话、上门 / 窗口面谈、短信 或 微信' }) }),
    action: userText('处理情况', { min: 4, minMessage: '请写明做了什么（至少 4 个字）', max: 500, multiline: true }),
  })
  .strict();
export type RatingFollowUpBody = z.infer<typeof ratingFollowUpBodySchema>;

export const ratingFollowUpViewSchema = z.object({
  id: z.string(), kind: kindEnum, kindLabel: z.string(), caseId: z.string(), stars: z.number().int(), comment: z.string().nullable(), contentHeld: z.boolean(),
  personMasked: z.string(), phoneMasked: z.string().nullable(), centerCode: z.string().nullable(), district: z.string().nullable(), createdAt: z.string(),
  status: z.enum(RATING_FOLLOW_UP_STATUSES), statusLabel: z.string(), dueDate: z.string(),
  followUp: z.object({ contacted: z.boolean(), channel: z.enum(RATING_CONTACT_CHANNELS), channelLabel: z.string(), action: z.string(), at: z.string(), byName: z.string().nullable() }).nullable(),
});
export type RatingFollowUpView = z.infer<typeof ratingFollowUpViewSchema>;
export const ratingFollowUpListSchema = z.object({ items: z.array(ratingFollowUpViewSchema) });
export const ratingFollowUpQuerySchema = z.object({ status: z.enum([...RATING_FOLLOW_UP_STATUSES, 'all'] as [string, ...string[]], { errorMap: () => ({ message: '状态只能是 open、closed 或 all' }) }).optional() }).strict();
export const ratingFollowUpResultSchema = z.object({ item: ratingFollowUpViewSchema });

/** The dashboard's 好差评 section of a center (all ratings so far). */
export const ratingDashboardSchema = z.object({
  count: z.number().int(),
  /** Mean stars, one decimal; null without ratings. */
  average: z.number().nullable(),
  /** Ratings per star, 1 to 5. */
  distribution: z.array(z.object({ stars: z.number().int(), count: z.number().int() })),
  bad: z.object({ open: z.number().int(), closed: z.number().int() }),
  latestComments: z.array(z.object({ kindLabel: z.string(), stars: z.number().int(), comment: z.string(), personMasked: z.string(), at: z.string(), contentHeld: z.boolean() })),
});
export type RatingDashboard = z.infer<typeof ratingDashboardSchema>;
