import { startTestApp, type TestApp } from './support/harness';
import { BODY_METHODS } from '../src/http/api';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

function expectErrorShape(body: any) {
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error.code).toBe('string');
  expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
}

describe('input validation and error shape', () => {
  it('answers 400 BAD_JSON for malformed JSON', async () => {
    const res = await t.request('POST', '/api/auth/sms/send', { raw: '{"phone": "1381234' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_JSON');
    expectErrorShape(res.body);
  });

  it('rejects operator injection where a string belongs, naming the field', async () => {
    const res = await t.request('POST', '/api/auth/sms/login', { body: { phone: { $gt: '' }, code: '123456' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'phone' })]));
    expect(res.body.error.message).toContain('phone');
    expectErrorShape(res.body);
  });

  it('rejects operator injection in the refresh token', async () => {
    const res = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: { $ne: null } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('refreshToken');
  });

  it('rejects unknown fields', async () => {
    const res = await t.request('POST', '/api/auth/sms/send', { body: { phone: '13812345678', isAdmin: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('isAdmin');
  });

  it('rejects wrong types and bad formats with Chinese messages', async () => {
    const wrongType = await t.request('POST', '/api/auth/sms/send', { body: { phone: 13812345678 } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toContain('手机号');
    const badFormat = await t.request('POST', '/api/auth/sms/send', { body: { phone: '12345' } });
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error.details[0]).toEqual({ field: 'phone', message: '手机号格式不正确，应为 11 位数字' });
    const missing = await t.request('POST', '/api/auth/sms/send', { body: {} });
    expect(missing.status).toBe(400);
    const arrayBody = await t.request('POST', '/api/auth/sms/send', { body: ['13812345678'] });
    expect(arrayBody.status).toBe(400);
  });

  it('rejects bad query strings', async () => {
    const res = await t.request('GET', '/api/dev/sms-outbox?phone=abc');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('query.phone');
    const twice = await t.request('GET', '/api/dev/sms-outbox?phone=13812345678&phone=13812345679');
    expect(twice.status).toBe(400);
  });

  it('limits the body size', async () => {
    const res = await t.request('POST', '/api/auth/sms/send', { raw: JSON.stringify({ phone: 'x'.repeat(200_000) }) });
    expect(res.status).toBe(413);
    expectErrorShape(res.body);
  });

  it('accepts only JSON bodies', async () => {
    const res = await t.request('POST', '/api/auth/sms/send', { raw: 'phone=13812345678', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expectErrorShape(res.body);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.request('GET', '/api/nope');
    expect(res.status).toBe(404);
    expectErrorShape(res.body);
  });

  it('gives every response a request id, and keeps a safe incoming one', async () => {
    const res = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'abc12345-trace' } });
    expect(res.headers.get('x-request-id')).toBe('abc12345-trace');
    const fresh = await t.request('GET', '/healthz', { headers: { 'x-request-id': '<script>' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('survives a flood of garbage without crashing', async () => {
    const bodies = ['null', '[]', '"x"', '1', '{"phone":null}', '{"phone":[]}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '\u0000', '{'.repeat(1000)];
    for (const raw of bodies) {
      const res = await t.request('POST', '/api/auth/sms/login', { raw });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await t.request('GET', '/healthz')).status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents every mounted route from the same schemas', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const r of t.routes) {
      const p = r.path.replace(/:(\w+)/g, '{$1}');
      expect(res.body.paths[p]?.[r.method]).toBeDefined();
    }
    const send = res.body.paths['/api/auth/sms/send'].post;
    expect(send.requestBody.content['application/json'].schema.properties.phone.pattern).toBeDefined();
  });

  it('documents the body gates (413, 415) on every operation that takes a body, as the fuzzer checks', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    for (const r of t.routes.filter((x) => BODY_METHODS.includes(x.method))) {
      const op = res.body.paths[r.path.replace(/:(\w+)/g, '{$1}')][r.method];
      expect([r.method, r.path, Object.keys(op.responses).filter((s) => s === '413' || s === '415')]).toEqual([r.method, r.path, ['413', '415']]);
    }
    expect(res.body.paths['/api/staff/insurance-payments/import'].post.responses['413']).toBeDefined();
  });
});
