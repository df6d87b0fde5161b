import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that plays api.weixin.qq.com for the calls the BFF makes (login, phone number,
 * subscription messages, 文本内容安全 msgSecCheck 2.0), with WeChat's own error codes. Login codes: `ok:<openid>` (or `ok:<openid>#<n>` for another code of the same
 * person) succeeds once, then answers 40163 like a spent code; `used` → 40163; `bad` → 40029;
 * `busy` → -1; `limit` → 45011; `risky` → 40226. Phone codes: `phone:<11 digits>` succeeds,
 * `phone-foreign` returns a non-86 number, anything else → 40029.
 */
export interface WechatStandIn {
  url: string;
  calls: { path: string; query: Record<string, string>; body?: unknown }[];
  /**
   * subscribeMessage.send answers: by default errcode 0, 43101 for a `touser` starting with `refused`;
   * set an openid's errcode here to make it answer another (43101 refused, 47003 bad data, 43107 …).
   */
  subscribeAnswers: Map<string, number>;
  /** Makes the next phone-number call answer 40001 (access token invalid), as after a token rotation. */
  invalidateAccessToken(): void;
  /**
   * msgSecCheck: what every check answers (default 'pass'): a suggestion, an errcode (e.g. -1 busy,
   * 61010 the person has not opened the mini-program lately), 'unreachable' (the connection is dropped)
   * or 'http-500'. Text containing a word of `msgSecWords` answers that word's suggestion instead,
   * like WeChat's keyword strategy (only when the answer is 'pass').
   */
  setMsgSecAnswer(answer: MsgSecAnswer): void;
  msgSecWords: Map<string, { suggest: 'review' | 'risky'; label: number }>;
  close(): Promise<void>;
}

export type MsgSecAnswer = 'pass' | 'review' | 'risky' | 'unreachable' | 'http-500' | { errcode: number };

export async function startWechatStandIn(expected = { appid: 'wx-dev-appid', secret: 'wx-dev-secret' }): Promise<WechatStandIn> {
  const calls: WechatStandIn['calls'] = [];
  let tokenSeq = 0;
  const usedCodes = new Set<string>();
  let validToken = '';
  /** openids this stand-in issued at login (WeChat knows which users visited the mini-program). */
  const knownOpenids = new Set<string>();
  let msgSecAnswer: MsgSecAnswer = 'pass';
  const msgSecWords: WechatStandIn['msgSecWords'] = new Map();
  const subscribeAnswers = new Map<string, number>();
  const SUBSCRIBE_ERRMSG: Record<number, string> = { 0: 'ok', 43101: 'user refuse to accept the msg', 47003: 'argument invalid', 43107: 'subscription expired', 40037: 'invalid template_id' };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    const query = Object.fromEntries(u.searchParams);
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      calls.push({ path: u.pathname, query, body });
      const send = (obj: unknown) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(obj)); };
      if (u.pathname === '/sns/jscode2session') {
        if (query.appid !== expected.appid || query.secret !== expected.secret) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
        if (query.grant_type !== 'authorization_code') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
        const code = query.js_code ?? '';
        // Like WeChat, a login code works once; a repeat answers 40163.
        if (code.startsWith('ok:') && usedCodes.has(code)) return send({ errcode: 40163, errmsg: 'code been used' });
        if (code.startsWith('ok:')) { usedCodes.add(code); knownOpenids.add(code.slice(3).replace(/#.*$/, '')); return send({ openid: code.slice(3).replace(/#.*$/, ''), session_key: 'c2Vzc2lvbg==', unionid: `u-${code.slice(3).replace(/#.*$/, '')}` }); }
        const errors: Record<string, [number, string]> = { used: [40163, 'code been used'], busy: [-1, 'system error'], limit: [45011, 'api minute-quota reach limit'], risky: [40226, 'high risk user'] };
        const [errcode, errmsg] = errors[code] ?? [40029, 'invalid code'];
        return send({ errcode, errmsg });
      }
      if (u.pathname === '/cgi-bin/token') {
        if (query.appid !== expected.appid || query.secret !== expected.secret) return send({ errcode: 40013, errmsg: 'invalid appid' });
        tokenSeq += 1;
        validToken = `ACCESS_TOKEN_${tokenSeq}`;
        return send({ access_token: validToken, expires_in: 7200 });
      }
      if (u.pathname === '/wxa/business/getuserphonenumber' && req.method === 'POST') {
        if (query.access_token !== validToken) return send({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        const code = (body as { code?: string })?.code ?? '';
        if (code.startsWith('phone:')) {
          const pure = code.slice(6);
          return send({ errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: pure, purePhoneNumber: pure, countryCode: '86', watermark: { timestamp: 1, appid: expected.appid } } });
        }
        if (code === 'phone-foreign') return send({ errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: '+85261234567', purePhoneNumber: '61234567', countryCode: '852' } });
        return send({ errcode: 40029, errmsg: 'invalid code' });
      }
      if (u.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
        if (query.access_token !== validToken) return send({ errcode: 40001, errmsg: 'invalid credential' });
        const b = body as { touser?: string; template_id?: string };
        if (!b?.touser || !b.template_id) return send({ errcode: 47003, errmsg: 'argument invalid' });
        const errcode = subscribeAnswers.get(b.touser) ?? (b.touser.startsWith('refused') ? 43101 : 0);
        return send({ errcode, errmsg: SUBSCRIBE_ERRMSG[errcode] ?? 'error' });
      }
      if (u.pathname === '/wxa/msg_sec_check') {
        if (msgSecAnswer === 'unreachable') { req.socket.destroy(); return; }
        if (msgSecAnswer === 'http-500') { res.statusCode = 500; return res.end('internal error'); }
        if (req.method !== 'POST') return send({ errcode: 43302, errmsg: 'method should be post' });
        if (query.access_token !== validToken) return send({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        const b = (body ?? {}) as { version?: unknown; openid?: unknown; scene?: unknown; content?: unknown; title?: unknown };
        if (!b.openid || typeof b.content !== 'string' || !b.content) return send({ errcode: 44002, errmsg: 'empty post data' });
        if (b.version !== 2 || typeof b.openid !== 'string') return send({ errcode: 47001, errmsg: 'data format error' });
        if (![1, 2, 3, 4].includes(b.scene as number)) return send({ errcode: 40129, errmsg: 'invalid scene' });
        if ([...b.content].length > 2500) return send({ errcode: 47001, errmsg: 'content too long' });
        if (!knownOpenids.has(b.openid)) return send({ errcode: 40003, errmsg: 'invalid openid' });
        if (typeof msgSecAnswer === 'object') return send({ errcode: msgSecAnswer.errcode, errmsg: 'error' });
        const text = `${typeof b.title === 'string' ? b.title : ''}\n${b.content}`;
        const found = msgSecAnswer === 'pass' ? [...msgSecWords].find(([w]) => text.includes(w)) : undefined;
        const hit = found?.[1];
        const suggest = hit?.suggest ?? msgSecAnswer;
        const label = hit?.label ?? (suggest === 'pass' ? 100 : 21000);
        return send({
          errcode: 0, errmsg: 'ok', trace_id: `trace-${calls.length}`,
          result: { suggest, label },
          detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }, { strategy: 'keyword', errcode: 0, ...(hit ? { suggest, label, level: 20, keyword: found![0] } : {}) }],
        });
      }
      res.statusCode = 404;
      send({ errcode: 404, errmsg: 'not found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    subscribeAnswers,
    invalidateAccessToken: () => { validToken = 'revoked'; },
    setMsgSecAnswer: (answer) => { msgSecAnswer = answer; },
    msgSecWords,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
