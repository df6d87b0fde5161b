import { AppError } from '../http/errors';
import { fetchJson, UpstreamError } from './http-json';

/**
 * WeChat server APIs used by the mini-program login. The base URL is configurable so tests
 * point it at a local HTTP stand-in that answers like api.weixin.qq.com, error codes included.
 */
export interface WechatClient {
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
  getPhoneNumber(code: string): Promise<{ purePhoneNumber: string; countryCode: string }>;
  /**
   * Subscription message (订阅消息) to a user who accepted the template; page opens on tap. Answers
   * WeChat's errcode as it came (0 delivered, 43101 refused …); throws only when WeChat is unreachable.
   */
  sendSubscribeMessage(msg: { openid: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<{ delivered: boolean; errcode: number; errmsg: string }>;
  /**
   * 文本内容安全识别 (msgSecCheck 2.0): POST /wxa/msg_sec_check. The person's openid is required (and
   * WeChat wants them to have opened the mini-program within two hours, else 61010). Throws an
   * AppError when WeChat cannot be reached or answers an error code; callers must then not publish.
   */
  msgSecCheck(req: MsgSecCheckRequest): Promise<MsgSecCheckResult>;
}

/** Scenes of msgSecCheck 2.0: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type MsgSecScene = 1 | 2 | 3 | 4;
export interface MsgSecCheckRequest { openid: string; scene: MsgSecScene; content: string; title?: string }
export interface MsgSecCheckResult { suggest: 'pass' | 'review' | 'risky'; label: number; traceId: string | null }

/** Labels of msgSecCheck 2.0 results (result.label / detail[].label). */
export const MSG_SEC_LABELS: Record<number, string> = {
  100: '正常', 10001: '广告', 20001: '时政', 20002: '色情', 20003: '辱骂', 20006: '违法犯罪', 20008: '欺诈', 20012: '低俗', 20013: '版权', 21000: '其他',
};

interface WxError { errcode?: number; errmsg?: string }

/** WeChat error codes → what we tell the person (and which status we answer with). */
function wechatError(errcode: number, what: string): AppError {
  switch (errcode) {
    case 40029:
    case 40163:
      return new AppError(400, 'WECHAT_CODE_INVALID', `${what}凭证无效或已使用，请重新操作`, { errcode });
    case 45011:
      return new AppError(429, 'WECHAT_RATE_LIMITED', '操作太频繁，请稍后再试', { errcode, retryAfterSeconds: 60 }, { 'Retry-After': '60' });
    case 40226:
      return new AppError(403, 'WECHAT_RISKY_USER', '微信判定当前账号存在风险，暂时无法登录，可改用短信验证码登录', { errcode });
    case -1:
      return new AppError(503, 'WECHAT_BUSY', '微信服务繁忙，请稍后重试', { errcode });
    default:
      return new AppError(502, 'WECHAT_ERROR', `微信${what}失败，请稍后重试`, { errcode });
  }
}

export function createWechatClient(opts: { baseUrl: string; appId: string; secret: string; timeoutMs: number; now?: () => number }): WechatClient {
  const now = opts.now ?? Date.now;
  let accessToken: { value: string; expiresAt: number } | null = null;
  let inflight: Promise<string> | null = null;

  const call = async <T extends WxError>(path: string, init: RequestInit = {}): Promise<T> => {
    try {
      return await fetchJson<T>('wechat', `${opts.baseUrl.replace(/\/$/, '')}${path}`, { ...init, timeoutMs: opts.timeoutMs });
    } catch (err) {
      if (err instanceof UpstreamError) throw new AppError(503, 'WECHAT_UNAVAILABLE', '暂时连不上微信服务，请稍后重试');
      throw err;
    }
  };

  const getAccessToken = async (force = false): Promise<string> => {
    if (!force && accessToken && accessToken.expiresAt > now()) return accessToken.value;
    // One fetch at a time: WeChat invalidates older tokens when a new one is issued.
    inflight ??= (async () => {
      const q = new URLSearchParams({ grant_type: 'client_credential', appid: opts.appId, secret: opts.secret });
      const res = await call<WxError & { access_token?: string; expires_in?: number }>(`/cgi-bin/token?${q}`);
      if (!res.access_token) throw wechatError(res.errcode ?? 0, '获取接口凭证');
      accessToken = { value: res.access_token, expiresAt: now() + Math.max(60, (res.expires_in ?? 7200) - 300) * 1000 };
      return res.access_token;
    })().finally(() => { inflight = null; });
    return inflight;
  };

  return {
    async code2Session(code) {
      const q = new URLSearchParams({ appid: opts.appId, secret: opts.secret, js_code: code, grant_type: 'authorization_code' });
      const res = await call<WxError & { openid?: string; unionid?: string; session_key?: string }>(`/sns/jscode2session?${q}`);
      if (res.errcode || !res.openid) throw wechatError(res.errcode ?? 0, '登录');
      return { openid: res.openid, ...(res.unionid ? { unionid: res.unionid } : {}) };
    },
    async getPhoneNumber(code) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const token = await getAccessToken(attempt > 0);
        const res = await call<WxError & { phone_info?: { purePhoneNumber: string; countryCode: string } }>(
          `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`,
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) },
        );
        // 40001/42001: our cached access token is invalid or expired; fetch a new one and retry once.
        if ((res.errcode === 40001 || res.errcode === 42001) && attempt === 0) continue;
        if (res.errcode || !res.phone_info) throw wechatError(res.errcode ?? 0, '获取手机号');
        return { purePhoneNumber: res.phone_info.purePhoneNumber, countryCode: res.phone_info.countryCode };
      }
      throw wechatError(0, '获取手机号');
    },
    async sendSubscribeMessage(msg) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const token = await getAccessToken(attempt > 0);
        const res = await call<WxError>(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ touser: msg.openid, template_id: msg.templateId, page: msg.page, data: msg.data, miniprogram_state: 'formal', lang: 'zh_CN' }),
        });
        if ((res.errcode === 40001 || res.errcode === 42001) && attempt === 0) continue;
        // 43101: the user has not (or no longer) accepted this template; the caller records it and falls back.
        const errcode = res.errcode ?? 0;
        return { delivered: errcode === 0, errcode, errmsg: res.errmsg ?? (errcode === 0 ? 'ok' : '') };
      }
      throw wechatError(0, '发送订阅消息');
    },
    async msgSecCheck(req) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const token = await getAccessToken(attempt > 0);
        const res = await call<WxError & { trace_id?: string; result?: { suggest?: string; label?: number } }>(`/wxa/msg_sec_check?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ version: 2, openid: req.openid, scene: req.scene, content: req.content, ...(req.title ? { title: req.title } : {}) }),
        });
        if ((res.errcode === 40001 || res.errcode === 42001) && attempt === 0) continue;
        // 40003 openid invalid, 61010 the person has not opened the mini-program lately, -1 busy, …
        if (res.errcode) throw wechatError(res.errcode, '内容安全检查');
        const suggest = res.result?.suggest;
        if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') throw wechatError(0, '内容安全检查');
        return { suggest, label: typeof res.result?.label === 'number' ? res.result.label : 0, traceId: res.trace_id ?? null };
      }
      throw wechatError(0, '内容安全检查');
    },
  };
}
