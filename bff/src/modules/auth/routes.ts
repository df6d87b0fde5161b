import {
  authSessionSchema, meResultSchema, okSchema, refreshBodySchema, smsLoginBodySchema, smsSendBodySchema,
  smsSendResultSchema, switchRoleBodySchema, wechatLoginBodySchema, wechatPhoneBodySchema, wechatPhoneResultSchema,
} from '@doorstep/shared';
import { route, type RouteDef } from '../../http/api';
import type { AuthService } from './service';

export function authRoutes(auth: AuthService): RouteDef[] {
  return [
    route({
      method: 'post', path: '/api/auth/sms/send', summary: '发送短信验证码（H5 登录）', tags: ['登录'], access: 'public',
      body: smsSendBodySchema, response: smsSendResultSchema, errors: [429],
      handler: ({ body, ctx }) => auth.sendSmsCode(body.phone, ctx.ip),
    }),
    route({
      method: 'post', path: '/api/auth/sms/login', summary: '手机号 + 短信验证码登录', tags: ['登录'], access: 'public',
      body: smsLoginBodySchema, response: authSessionSchema, errors: [403, 429],
      handler: ({ body, ctx }) => auth.loginWithSms(body.phone, body.code, ctx.ip),
    }),
    route({
      method: 'post', path: '/api/auth/wechat/login', summary: '微信小程序登录（wx.login code）', tags: ['登录'], access: 'public',
      rateLimit: 'wechatLogin',
      body: wechatLoginBodySchema, response: authSessionSchema, errors: [403, 429, 502, 503],
      handler: ({ body }) => auth.loginWithWechat(body.code),
    }),
    route({
      method: 'post', path: '/api/auth/wechat/phone', summary: '绑定微信手机号（getPhoneNumber code）；手机号已有账号时把微信绑到那个账号并返回它的登录', tags: ['登录'], access: 'authenticated',
      body: wechatPhoneBodySchema, response: wechatPhoneResultSchema, errors: [403, 409, 429, 502, 503],
      handler: ({ body, user }) => auth.bindWechatPhone(user!.id, body.code),
    }),
    route({
      method: 'post', path: '/api/auth/refresh', summary: '用刷新令牌换新的访问令牌（刷新令牌轮换）', tags: ['登录'], access: 'public',
      body: refreshBodySchema, response: authSessionSchema, errors: [401],
      handler: ({ body }) => auth.refresh(body.refreshToken),
    }),
    route({
      method: 'post', path: '/api/auth/logout', summary: '退出登录（吊销刷新令牌）', tags: ['登录'], access: 'public',
      body: refreshBodySchema, response: okSchema,
      handler: async ({ body }) => { await auth.logout(body.refreshToken); return { ok: true as const }; },
    }),
    route({
      method: 'get', path: '/api/me', summary: '当前用户', tags: ['账号'], access: 'authenticated',
      response: meResultSchema,
      handler: async ({ user }) => ({ user: await auth.me(user!) }),
    }),
    route({
      method: 'post', path: '/api/me/role', summary: '切换身份：我要找活 / 我要招人', tags: ['账号'], access: 'authenticated',
      body: switchRoleBodySchema, response: authSessionSchema,
      handler: ({ body, user }) => auth.switchRole(user!, body.role),
    }),
  ];
}
