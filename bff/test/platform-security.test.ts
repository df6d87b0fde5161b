import { SENSITIVE_CONSENT } from '@doorstep/shared';
import crypto from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import { inlineScriptHashes } from '../src/app';
import { loadConfig } from '../src/config';
import { seedDemo } from '../src/cli/seed';
import { loggedPath } from '../src/http/request-log';
import { isLoopbackAddress, requireLoopback } from '../src/modules/dev/routes';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in';

const PROD_ENV = {
  NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
  SMS_PROVIDER: 'http', SMS_API_BASE: 'http://127.0.0.1:9', WECHAT_APPID: 'wx-real', WECHAT_SECRET: 'real-secret',
};

describe('safe defaults', () => {
  it('listens on loopback in development and test unless HOST is set; on all interfaces in production', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig(PROD_ENV).HOST).toBe('0.0.0.0');
    expect(loadConfig({ ...PROD_ENV, HOST: '10.1.2.3' }).HOST).toBe('10.1.2.3');
  });

  it('still refuses development secrets in production', () => {
    expect(() => loadConfig({ ...PROD_ENV, JWT_SECRET: undefined })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...PROD_ENV, ENCRYPTION_KEY: undefined })).toThrow(/ENCRYPTION_KEY/);
    expect(() => loadConfig({ ...PROD_ENV, SMS_PROVIDER: 'outbox' })).toThrow(/SMS_PROVIDER/);
  });

  it('tells loopback from other addresses by the socket address only', () => {
    for (const a of ['127.0.0.1', '127.9.8.7', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['192.0.2.2', '10.0.0.1', '::ffff:10.0.0.1', 'fd00::2', '', undefined, '127.0.0.1.evil']) expect(isLoopbackAddress(a)).toBe(false);
    expect(() => requireLoopback({ req: { socket: { remoteAddress: '192.0.2.7' } } })).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => requireLoopback({ req: { socket: { remoteAddress: '127.0.0.1' } } })).not.toThrow();
  });

  it('the demo seed refuses production', async () => {
    await expect(seedDemo({} as never, { NODE_ENV: 'production' })).rejects.toThrow(/production/);
  });
});

describe('development endpoints', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ env: { TRUST_PROXY: 'true' } }); });
  afterAll(() => t.close());

  it('answer loopback clients, whatever X-Forwarded-For says', async () => {
    const res = await t.request('GET', `/api/dev/sms-outbox?phone=${nextPhone()}`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(200);
    expect(res.body.messages).toEqual([]);
  });

  // A real client from a non-loopback address of this machine: the same app served on all interfaces.
  const external = Object.values(os.networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4')?.address;
  (external ? it : it.skip)('answer 404 to a client from another address, even with a loopback X-Forwarded-For', async () => {
    const server = http.createServer(t.app.callback());
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const phone = nextPhone();
      const res = await fetch(`http://${external}:${port}/api/dev/sms-outbox?phone=${phone}`, { headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      // Checked before validation: a bad query from outside is a 404 as well, not a 400 that reveals the route.
      expect((await fetch(`http://${external}:${port}/api/dev/sms-outbox?phone=abc`)).status).toBe(404);
      // The same server still answers other routes to that client.
      expect((await fetch(`http://${external}:${port}/healthz`)).status).toBe(200);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('do not exist in production', async () => {
    const p = await startTestApp({ env: PROD_ENV, deps: { sms: { send: async () => undefined } } });
    try {
      const res = await p.request('GET', `/api/dev/sms-outbox?phone=${nextPhone()}`);
      expect(res.status).toBe(404);
      expect(p.routes.some((r) => r.path.startsWith('/api/dev/'))).toBe(false);
    } finally {
      await p.close();
    }
  });
});

describe('security headers', () => {
  it('sends a CSP for the H5 app, no framing, and HSTS only in production', async () => {
    const t = await startTestApp();
    const p = await startTestApp({ env: PROD_ENV, deps: { sms: { send: async () => undefined } } });
    try {
      const res = await t.request('GET', '/healthz');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toBeNull();
      const prod = await p.request('GET', '/healthz');
      expect(prod.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await t.close();
      await p.close();
    }
  });

  it('allows exactly the inline scripts of the H5 index.html by hash', () => {
    const script = '!function(n){n.x=1}(window);';
    const html = `<html><head><script>${script}</script><script src="/js/app.js"></script></head></html>`;
    expect(inlineScriptHashes(html)).toEqual([`'sha256-${crypto.createHash('sha256').update(script).digest('base64')}'`]);
  });
});

describe('abuse limits', () => {
  let wx: WechatStandIn;
  let t: TestApp;
  beforeAll(async () => {
    wx = await startWechatStandIn();
    t = await startTestApp({
      env: {
        TRUST_PROXY: 'true', WECHAT_API_BASE: wx.url,
        RATE_WECHAT_LOGIN_PER_MINUTE: '3', RATE_POLICY_CALCULATOR_PER_MINUTE: '3', RATE_NEARBY_PER_MINUTE: '3', RATE_QR_VERIFY_PER_MINUTE: '3',
      },
    });
  });
  afterAll(async () => { await t.close(); await wx.close(); });

  const calls: [string, (ip: string) => Promise<number>][] = [
    ['WeChat login', (ip) => t.request('POST', '/api/auth/wechat/login', { body: { code: `ok:openid-${crypto.randomUUID()}` }, headers: { 'x-forwarded-for': ip } }).then((r) => r.status)],
    ['policy calculator', (ip) => t.request('POST', '/api/policies/calculate', { body: { audience: 'person', answers: {} }, headers: { 'x-forwarded-for': ip } }).then((r) => r.status)],
    ['nearby search', (ip) => t.request('GET', '/api/gigs/nearby?lat=45.75&lng=126.63', { headers: { 'x-forwarded-for': ip } }).then((r) => r.status)],
    ['QR verification', (ip) => t.request('GET', '/api/public/registration-verify/ABCDEFGH12345678', { headers: { 'x-forwarded-for': ip } }).then((r) => r.status)],
  ];
  it.each(calls)('limits %s per client address', async (_name, call) => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await call('198.51.100.1'));
    expect(statuses.slice(0, 3).every((s) => s !== 429 && s < 500)).toBe(true);
    expect(statuses[3]).toBe(429);
    expect(await call('198.51.100.2')).not.toBe(429);
  });

  it('counts the proxy hop only: a client-supplied leftmost X-Forwarded-For does not change the counted address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.request('GET', '/api/gigs/nearby?lat=45.75&lng=126.63', { headers: { 'x-forwarded-for': `203.0.113.${i + 10}, 198.51.100.77` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('never logs a QR code, token or code from a path', () => {
    const all = t.logs.join('\n');
    expect(all).toContain('"path":"/api/public/registration-verify/:code"');
    expect(all).not.toContain('ABCDEFGH12345678');
    expect(loggedPath(undefined, '/api/public/registration-verify/ABCDEFGH12345678')).toBe('/api/public/registration-verify/:x');
    expect(loggedPath(undefined, '/js/app.3f2a1b4c.js')).toBe('/js/app.3f2a1b4c.js');
  });
});

describe('SMS limits', () => {
  let t: TestApp;
  let clock = Math.ceil(Date.now() / 86400_000) * 86400_000 + 3600_000;
  beforeAll(async () => { t = await startTestApp({ env: { TRUST_PROXY: 'true', SMS_LOGIN_FAILS_PER_PHONE_DAILY: '8' }, deps: { now: () => clock } }); });
  afterAll(() => t.close());
  const send = (phone: string, ip: string) => t.request('POST', '/api/auth/sms/send', { body: { phone }, headers: { 'x-forwarded-for': ip } });
  const codeOf = async (phone: string) => /验证码 (\d{6})/.exec((await t.request('GET', `/api/dev/sms-outbox?phone=${phone}`)).body.messages[0].text)![1]!;
  const login = (phone: string, code: string, ip: string) => t.request('POST', '/api/auth/sms/login', { body: { phone, code }, headers: { 'x-forwarded-for': ip } });

  it('taps inside the cooldown do not burn the phone\'s hourly quota', async () => {
    const victim = nextPhone();
    expect((await send(victim, '198.51.100.20')).status).toBe(200);
    // A stranger hammers the victim's phone inside the cooldown, from several addresses.
    for (let i = 0; i < 12; i++) expect((await send(victim, `198.51.100.${30 + (i % 4)}`)).status).toBe(429);
    const later: number[] = [];
    for (let i = 0; i < 5; i++) {
      clock += 61_000;
      later.push((await send(victim, '198.51.100.20')).status);
    }
    expect(later).toEqual([200, 200, 200, 200, 429]); // 5 really sent in the hour
    expect((await t.conn.collection('sms_codes').countDocuments({}))).toBeGreaterThanOrEqual(5);
  });

  it('wrong codes lock out the guessing client, not the owner, and a daily cap per phone holds across addresses', async () => {
    clock += 3600_000;
    const phone = nextPhone();
    await send(phone, '198.51.100.40');
    const code = await codeOf(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await login(phone, wrong, '203.0.113.50')).body.error.code).toBe('CODE_INVALID');
    const attacker = await login(phone, code, '203.0.113.50');
    expect(attacker.status).toBe(400);
    expect(attacker.body.error.code).toBe('CODE_LOCKED');
    // The owner, on another address, still logs in with the same code.
    const owner = await login(phone, code, '198.51.100.40');
    expect(owner.status).toBe(200);

    // Daily cap (8 here): 5 wrong already today; 3 more from other addresses reach it; then even a right code waits.
    clock += 61_000;
    await send(phone, '198.51.100.40');
    const code2 = await codeOf(phone);
    const wrong2 = code2 === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) expect((await login(phone, wrong2, `203.0.113.${60 + i}`)).status).toBe(400);
    const capped = await login(phone, code2, '198.51.100.40');
    expect(capped.status).toBe(429);
    expect(capped.body.error.message).toContain('今天');
    // Next day the owner's fresh code works again.
    clock += 86400_000;
    await send(phone, '198.51.100.40');
    expect((await login(phone, await codeOf(phone), '198.51.100.40')).status).toBe(200);
  });
});

describe('sessions', () => {
  let clock = Date.now();
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const dbUri = `${process.env.TEST_MONGODB_BASE}/t_${crypto.randomBytes(5).toString('hex')}`;
    a = await startTestApp({ dbUri, env: { TRUST_PROXY: 'true', SESSION_CHECK_SECONDS: '1', REFRESH_TOKEN_ABSOLUTE_DAYS: '40' }, deps: { now: () => clock } });
    // A second BFF instance over the same database.
    b = await startTestApp({ dbUri, env: { TRUST_PROXY: 'true', SESSION_CHECK_SECONDS: '1', REFRESH_TOKEN_ABSOLUTE_DAYS: '40' }, deps: { now: () => clock } });
  });
  afterAll(async () => { await b.close(); await a.close(); });
  let ipSeq = 0;
  const login = () => smsLogin(a, nextPhone(), `198.18.0.${++ipSeq}`);
  const refresh = (t: TestApp, refreshToken: string) => t.request('POST', '/api/auth/refresh', { body: { refreshToken } });

  it('logout ends the access token at once on this instance and within seconds on another', async () => {
    const s = await login();
    expect((await a.request('GET', '/api/me', { token: s.accessToken })).status).toBe(200);
    expect((await b.request('GET', '/api/me', { token: s.accessToken })).status).toBe(200); // b now remembers it as on
    expect((await a.request('POST', '/api/auth/logout', { body: { refreshToken: s.refreshToken } })).status).toBe(200);
    const here = await a.request('GET', '/api/me', { token: s.accessToken });
    expect(here.status).toBe(401);
    expect(here.body.error.code).toBe('SESSION_ENDED');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await b.request('GET', '/api/me', { token: s.accessToken })).status).toBe(401);
    // A public route treats the ended token as no token.
    expect((await b.request('GET', '/api/gigs/nearby?lat=45.75&lng=126.63', { token: s.accessToken })).status).toBe(200);
  });

  it('disabling a user ends every session of it', async () => {
    const s = await login();
    const other = await smsLogin(a, nextPhone(), `198.18.1.${++ipSeq}`);
    await a.services.auth.disableUser(s.user.id);
    expect((await a.request('GET', '/api/me', { token: s.accessToken })).status).toBe(401);
    expect((await refresh(a, s.refreshToken)).status).toBe(401);
    expect((await a.request('GET', '/api/me', { token: other.accessToken })).status).toBe(200);
    expect(await a.conn.collection('auth_sessions').countDocuments({ userId: new Types.ObjectId(s.user.id), revokedAt: null })).toBe(0);
  });

  it('a refresh whose answer was lost gets the same pair again within the grace window', async () => {
    const s = await login();
    const r1 = await refresh(a, s.refreshToken);
    expect(r1.status).toBe(200);
    clock += 10_000;
    const again = await refresh(b, s.refreshToken);
    expect(again.status).toBe(200);
    expect(again.body.refreshToken).toBe(r1.body.refreshToken);
    expect(again.body.accessToken).toBe(r1.body.accessToken);
    // The pair works and rotates normally.
    expect((await a.request('GET', '/api/me', { token: again.body.accessToken })).status).toBe(200);
    const r2 = await refresh(a, again.body.refreshToken);
    expect(r2.status).toBe(200);
    // The first token again, now that its successor was used: reuse → the whole login ends.
    const reuse = await refresh(a, s.refreshToken);
    expect(reuse.body.error.code).toBe('REFRESH_REUSED');
    expect((await refresh(a, r2.body.refreshToken)).status).toBe(401);
    expect((await a.request('GET', '/api/me', { token: r2.body.accessToken })).status).toBe(401);
  });

  it('reuse racing a refresh still revokes the whole login', async () => {
    for (let round = 0; round < 3; round++) {
      const s = await login();
      const r1 = await refresh(a, s.refreshToken);
      clock += 31_000; // past the grace window: s.refreshToken is now plain reuse
      const [legit, stolen] = await Promise.all([refresh(a, r1.body.refreshToken), refresh(b, s.refreshToken)]);
      expect(stolen.status).toBe(401);
      expect(stolen.body.error.code).toBe('REFRESH_REUSED');
      if (legit.status === 200) expect((await refresh(a, legit.body.refreshToken)).status).toBe(401);
      else expect(legit.status).toBe(401);
      const family = (await a.conn.collection('refresh_tokens').findOne({ tokenHash: crypto.createHash('sha256').update(s.refreshToken).digest('base64url') }))!.familyId;
      expect(await a.conn.collection('refresh_tokens').countDocuments({ familyId: family, revokedAt: null })).toBe(0);
      expect((await a.conn.collection('auth_sessions').findOne({ _id: family }))!.revokedReason).toBe('reuse');
    }
  });

  it('parallel refreshes with one token give one rotation, the same pair to all', async () => {
    const s = await login();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => refresh(i % 2 ? a : b, s.refreshToken)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.refreshToken)).size).toBe(1);
    const family = (await a.conn.collection('refresh_tokens').findOne({ tokenHash: crypto.createHash('sha256').update(s.refreshToken).digest('base64url') }))!.familyId;
    expect(await a.conn.collection('refresh_tokens').countDocuments({ familyId: family })).toBe(2);
  });

  it('a login ends REFRESH_TOKEN_ABSOLUTE_DAYS after it began, however often it was refreshed', async () => {
    const s = await login();
    let token = s.refreshToken;
    for (let i = 0; i < 3; i++) {
      clock += 12 * 86400_000;
      const r = await refresh(a, token);
      expect(r.status).toBe(200);
      token = r.body.refreshToken;
    }
    clock += 5 * 86400_000; // 41 days since login; the newest token itself is only 5 days old
    const r = await refresh(a, token);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('REFRESH_EXPIRED');
  });
});

describe('user text rejects control, zero-width and bidi characters, naming the field', () => {
  let t: TestApp;
  let worker: string;
  let employer: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: 'true' } });
    worker = (await smsLogin(t, nextPhone(), '198.19.0.1')).accessToken;
    const e = await smsLogin(t, nextPhone(), '198.19.0.2');
    employer = (await t.request('POST', '/api/me/role', { body: { role: 'employer' }, token: e.accessToken })).body.accessToken;
  });
  afterAll(() => t.close());

  const gigId = 'a'.repeat(24);
  const cases: [string, string, string, () => { body?: unknown; token?: string }, string, string][] = [
    ['registration draft address (BEL)', 'PUT', '/api/registration/draft', () => ({ body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: { residenceAddress: '道里区\u0007友谊路' } }, token: worker }), 'form.residenceAddress', '详细地址'],
    ['employer name (RLO)', 'POST', '/api/employer/profile', () => ({ body: { kind: 'household', name: '老张\u202E家常菜', contactName: '张三', contactPhone: '13800000999', address: '道里区友谊路 1 号' }, token: employer }), 'name', '用人主体名称'],
    ['gig title (zero-width space)', 'POST', '/api/employer/gigs', () => ({ body: { title: '搬家\u200B工人两名' }, token: employer }), 'title', '标题'],
    ['gig report detail (isolate)', 'POST', `/api/gigs/${gigId}/report`, () => ({ body: { reason: 'fake', detail: '说明\u2066文字' }, token: worker }), 'detail', '情况说明'],
    ['policy search term (ZWNJ)', 'GET', `/api/policies?q=${encodeURIComponent('补贴\u200C')}`, () => ({}), 'query.q', '搜索词'],
    ['single-line field with a line break', 'POST', '/api/employer/gigs', () => ({ body: { contactName: '张\n三' }, token: employer }), 'contactName', '联系人'],
  ];
  it.each(cases)('%s → 400', async (_name, method, path, opts, field, label) => {
    const res = await t.request(method, path, opts());
    expect(res.status).toBe(400);
    const issue = (res.body.error.details as { field: string; message: string }[]).find((d) => d.field === field);
    expect(issue).toBeDefined();
    expect(issue!.message).toContain(label);
    expect(issue!.message).toMatch(/控制字符或不可见字符/);
  });

  it('keeps line breaks in multi-line fields and ordinary text everywhere', async () => {
    const res = await t.request('PUT', '/api/registration/draft', { body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: { residenceAddress: '道里区友谊路 1 号' } }, token: worker });
    expect(res.status).toBe(200);
    const report = await t.request('POST', `/api/gigs/${gigId}/report`, { body: { reason: 'fake', detail: '第一行\n第二行' }, token: worker });
    expect(report.status).not.toBe(400);
  });
});
