import jwt from 'jsonwebtoken';
import { DEV_JWT_SECRET } from '../src/config';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';

let t: TestApp;
let clock = Date.now();
beforeAll(async () => { t = await startTestApp({ env: { TRUST_PROXY: 'true' }, deps: { now: () => clock } }); });
afterAll(() => t.close());

const ip = (n: number) => ({ 'x-forwarded-for': `10.0.0.${n}` });

describe('SMS one-time code login', () => {
  it('logs a new person in as a worker with a masked phone', async () => {
    const phone = nextPhone();
    const session = await smsLogin(t, phone, '10.0.1.1');
    expect(session.user).toMatchObject({ roles: ['worker'], activeRole: 'worker', phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}` });
    const me = await t.request('GET', '/api/me', { token: session.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(session.user.id);
    // Same phone again → same account.
    clock += 61_000;
    const again = await smsLogin(t, phone, '10.0.1.1');
    expect(again.user.id).toBe(session.user.id);
  });

  it('refuses a wrong code, locks the code after 5 wrong tries, and lets a code log in only once', async () => {
    clock += 3600_000;
    const phone = nextPhone();
    await t.request('POST', '/api/auth/sms/send', { body: { phone }, headers: ip(2) });
    const code = /(\d{6})/.exec((await t.request('GET', `/api/dev/sms-outbox?phone=${phone}`)).body.messages[0].text)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await t.request('POST', '/api/auth/sms/login', { body: { phone, code: wrong }, headers: ip(2) });
    expect(first.status).toBe(400);
    expect(first.body.error.code).toBe('CODE_INVALID');
    for (let i = 0; i < 4; i++) await t.request('POST', '/api/auth/sms/login', { body: { phone, code: wrong }, headers: ip(2) });
    const locked = await t.request('POST', '/api/auth/sms/login', { body: { phone, code }, headers: ip(2) });
    expect(locked.status).toBe(400);
    expect(locked.body.error.code).toBe('CODE_LOCKED');

    clock += 61_000;
    await t.request('POST', '/api/auth/sms/send', { body: { phone }, headers: ip(2) });
    const code2 = /(\d{6})/.exec((await t.request('GET', `/api/dev/sms-outbox?phone=${phone}`)).body.messages[0].text)![1]!;
    const [a, b] = await Promise.all([
      t.request('POST', '/api/auth/sms/login', { body: { phone, code: code2 }, headers: ip(2) }),
      t.request('POST', '/api/auth/sms/login', { body: { phone, code: code2 }, headers: ip(2) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
  });

  it('expires codes', async () => {
    clock += 3600_000;
    const phone = nextPhone();
    await t.request('POST', '/api/auth/sms/send', { body: { phone }, headers: ip(3) });
    const code = /(\d{6})/.exec((await t.request('GET', `/api/dev/sms-outbox?phone=${phone}`)).body.messages[0].text)![1]!;
    clock += 301_000;
    const res = await t.request('POST', '/api/auth/sms/login', { body: { phone, code }, headers: ip(3) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CODE_EXPIRED');
  });

  it('rate-limits codes per phone: a 60 s cooldown and at most 5 an hour', async () => {
    clock = Math.ceil(clock / 3600_000) * 3600_000 + 1000; // start of a fresh hour window
    const phone = nextPhone();
    const ok = await t.request('POST', '/api/auth/sms/send', { body: { phone }, headers: ip(4) });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ sent: true, cooldownSeconds: 60, expiresInSeconds: 300 });
    const tooSoon = await t.request('POST', '/api/auth/sms/send', { body: { phone }, headers: ip(4) });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.error.code).toBe('RATE_LIMITED');
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      clock += 61_000;
      statuses.push((await t.request('POST', '/api/auth/sms/send', { body: { phone }, headers: ip(4) })).status);
    }
    // Only codes really sent count toward the hour (the refusal inside the cooldown does not): 5 sent in all.
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('rate-limits codes per IP address across phones', async () => {
    clock = Math.ceil(clock / 3600_000) * 3600_000 + 1000;
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await t.request('POST', '/api/auth/sms/send', { body: { phone: nextPhone() }, headers: ip(5) })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await t.request('POST', '/api/auth/sms/send', { body: { phone: nextPhone() }, headers: ip(6) })).status).toBe(200);
  });

  it('never writes phone numbers or codes to the logs', async () => {
    const all = t.logs.join('\n');
    expect(all).toContain('"path":"/api/auth/sms/send"');
    expect(all).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(all).not.toMatch(/验证码 \d{6}/);
  });
});

describe('access tokens', () => {
  it('answers 401 for a missing, tampered, wrongly signed or expired token', async () => {
    clock += 3600_000;
    const s = await smsLogin(t, nextPhone(), '10.0.2.1');
    expect((await t.request('GET', '/api/me')).status).toBe(401);
    const [h, p, sig] = s.accessToken.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, roles: ['staff'], role: 'staff' })).toString('base64url')}.${sig}`;
    const r1 = await t.request('GET', '/api/me', { token: tampered });
    expect(r1.status).toBe(401);
    expect(r1.body.error.code).toBe('TOKEN_INVALID');
    const forged = jwt.sign({ roles: ['staff'], role: 'staff', typ: 'access' }, 'another-secret-another-secret-1234', { subject: s.user.id, issuer: 'doorstep-jobs', audience: 'doorstep-app' });
    expect((await t.request('GET', '/api/me', { token: forged })).status).toBe(401);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    expect((await t.request('GET', '/api/me', { token: none })).status).toBe(401);
    const expired = jwt.sign({ roles: ['worker'], role: 'worker', typ: 'access' }, DEV_JWT_SECRET, { subject: s.user.id, issuer: 'doorstep-jobs', audience: 'doorstep-app', expiresIn: -10 });
    const r2 = await t.request('GET', '/api/me', { token: expired });
    expect(r2.status).toBe(401);
    expect(r2.body.error.code).toBe('TOKEN_EXPIRED');
    expect((await t.request('GET', '/api/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });

  it('rotates refresh tokens, detects reuse and revokes the whole login', async () => {
    clock += 3600_000;
    const s = await smsLogin(t, nextPhone(), '10.0.2.2');
    const r1 = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(s.refreshToken);
    expect(r1.body.user.id).toBe(s.user.id);
    // The old token is spent: presenting it again after the grace window (30 s) is reuse.
    clock += 31_000;
    const reuse = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('REFRESH_REUSED');
    // …and the token issued from it is revoked too.
    const after = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(after.status).toBe(401);
    // Refresh tokens are stored hashed only.
    const stored = await t.conn.collection('refresh_tokens').find({}).toArray();
    expect(JSON.stringify(stored)).not.toContain(s.refreshToken);
  });

  it('logout revokes the refresh token; unknown tokens are refused', async () => {
    clock += 3600_000;
    const s = await smsLogin(t, nextPhone(), '10.0.2.3');
    expect((await t.request('POST', '/api/auth/logout', { body: { refreshToken: s.refreshToken } })).status).toBe(200);
    const r = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(r.status).toBe(401);
    const unknown = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: 'x'.repeat(43) } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('REFRESH_INVALID');
  });

  it('refresh still works when the app sends its expired access token along', async () => {
    clock += 3600_000;
    const s = await smsLogin(t, nextPhone(), '10.0.2.4');
    const r = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: s.refreshToken }, token: 'garbage.token.here' });
    expect(r.status).toBe(200);
  });
});

describe('roles', () => {
  it('switches 找活 ⇄ 招工 with new tokens carrying the active role', async () => {
    clock += 3600_000;
    const s = await smsLogin(t, nextPhone(), '10.0.3.1');
    const toEmployer = await t.request('POST', '/api/me/role', { body: { role: 'employer' }, token: s.accessToken });
    expect(toEmployer.status).toBe(200);
    expect(toEmployer.body.user).toMatchObject({ activeRole: 'employer', roles: ['worker', 'employer'] });
    const me = await t.request('GET', '/api/me', { token: toEmployer.body.accessToken });
    expect(me.body.user.activeRole).toBe('employer');
    const back = await t.request('POST', '/api/me/role', { body: { role: 'worker' }, token: toEmployer.body.accessToken });
    expect(back.body.user.activeRole).toBe('worker');
  });

  it('never lets anyone make themselves staff through the API', async () => {
    clock += 3600_000;
    const s = await smsLogin(t, nextPhone(), '10.0.3.2');
    const res = await t.request('POST', '/api/me/role', { body: { role: 'staff' }, token: s.accessToken });
    expect(res.status).toBe(400);
    const staffRoute = await t.request('GET', '/api/staff/accounts/summary', { token: s.accessToken });
    expect(staffRoute.status).toBe(403);
  });

  it('lets staff created by the CLI service call staff routes, and not switch to worker', async () => {
    clock += 3600_000;
    const phone = nextPhone();
    await t.services.auth.upsertStaff(phone, '王经办', '道里区公共就业服务中心');
    const s = await smsLogin(t, phone, '10.0.3.3');
    expect(s.user).toMatchObject({ roles: ['staff'], activeRole: 'staff', displayName: '王经办' });
    expect((await t.request('GET', '/api/staff/workbench', { token: s.accessToken })).status).toBe(200);
    // City-wide account figures are the city administrator's, not a district center's.
    const summary = await t.request('GET', '/api/staff/accounts/summary', { token: s.accessToken });
    expect(summary.status).toBe(403);
    expect((await t.request('POST', '/api/me/role', { body: { role: 'worker' }, token: s.accessToken })).status).toBe(403);
  });
});
