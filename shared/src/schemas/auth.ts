import { z } from 'zod';
import { phoneSchema } from './common';

export const ROLES = ['worker', 'employer', 'staff'] as const;
export const roleSchema = z.enum(ROLES, { errorMap: () => ({ message: '角色只能是 worker、employer 或 staff' }) });
export type Role = z.infer<typeof roleSchema>;

/** Roles a person may switch to themselves; staff is granted only by the CLI. */
export const switchableRoleSchema = z.enum(['worker', 'employer'], {
  errorMap: () => ({ message: '只能切换为 找活(worker) 或 招人(employer)' }),
});

export const smsSendBodySchema = z.object({ phone: phoneSchema }).strict();
export type SmsSendBody = z.infer<typeof smsSendBodySchema>;

export const smsSendResultSchema = z.object({
  sent: z.literal(true),
  /** Seconds before another code may be requested for this phone. */
  cooldownSeconds: z.number().int(),
  /** Seconds the code stays valid. */
  expiresInSeconds: z.number().int(),
});
export type SmsSendResult = z.infer<typeof smsSendResultSchema>;

export const smsLoginBodySchema = z
  .object({
    phone: phoneSchema,
    code: z.string({ required_error: '请填写验证码', invalid_type_error: '验证码必须是文字' }).regex(/^\d{6}$/, '验证码应为 6 位数字'),
  })
  .strict();
export type SmsLoginBody = z.infer<typeof smsLoginBodySchema>;

export const wechatLoginBodySchema = z
  .object({
    code: z.string({ required_error: '缺少微信登录凭证 code', invalid_type_error: '微信登录凭证 code 必须是文字' }).min(1, '缺少微信登录凭证 code').max(128, '微信登录凭证 code 过长'),
  })
  .strict();
export type WechatLoginBody = z.infer<typeof wechatLoginBodySchema>;

export const wechatPhoneBodySchema = z
  .object({
    code: z.string({ required_error: '缺少手机号授权凭证 code', invalid_type_error: '手机号授权凭证 code 必须是文字' }).min(1, '缺少手机号授权凭证 code').max(128, '手机号授权凭证 code 过长'),
  })
  .strict();

export const refreshBodySchema = z
  .object({
    refreshToken: z.string({ required_error: '缺少 refreshToken', invalid_type_error: 'refreshToken 必须是文字' }).min(20, 'refreshToken 格式不正确').max(200, 'refreshToken 格式不正确'),
  })
  .strict();
export type RefreshBody = z.infer<typeof refreshBodySchema>;

export const switchRoleBodySchema = z.object({ role: switchableRoleSchema }).strict();
export type SwitchRoleBody = z.infer<typeof switchRoleBodySchema>;

/** What the app may know about the signed-in person. Phone is masked (138****5678). */
export const userViewSchema = z.object({
  id: z.string(),
  roles: z.array(roleSchema),
  activeRole: roleSchema,
  phoneMasked: z.string().nullable(),
  hasWechat: z.boolean(),
  displayName: z.string().nullable(),
});
export type UserView = z.infer<typeof userViewSchema>;

export const authSessionSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  user: userViewSchema,
});
export type AuthSession = z.infer<typeof authSessionSchema>;

export const meResultSchema = z.object({ user: userViewSchema });
export type MeResult = z.infer<typeof meResultSchema>;

/**
 * Answer to binding the getPhoneNumber phone. When the phone already had an account (made by SMS, by
 * staff:create …), the WeChat identity moved to that account and `session` is the login of it: the app
 * replaces its tokens with these.
 */
export const wechatPhoneResultSchema = z.object({ user: userViewSchema, session: authSessionSchema.optional() });
export type WechatPhoneResult = z.infer<typeof wechatPhoneResultSchema>;

export const devSmsOutboxQuerySchema = z.object({ phone: phoneSchema }).strict();
export const devSmsOutboxResultSchema = z.object({
  messages: z.array(z.object({ phone: z.string(), text: z.string(), sentAt: z.string() })),
});
