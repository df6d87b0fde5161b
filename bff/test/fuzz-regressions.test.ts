import { SENSITIVE_CONSENT } from '@doorstep/shared';
import http from 'node:http';
import { SAMPLE_POLICIES } from '@doorstep/shared';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';

/**
 * Inputs schemathesis (`npm run fuzz`) found that made the BFF answer 5xx. Each is now a 4xx naming
 * the field, and nothing is written.
 */
let t: TestApp;
let worker: string;
let staff: string;
let ip = 0;
const login = async (phone = nextPhone()) => { ip += 1; return (await smsLogin(t, phone, `10.88.0.${ip}`)).accessToken; };

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  worker = await login();
  const staffPhone = nextPhone();
  // The calendar and the policy catalog are the city administrator's.
  await t.services.auth.upsertStaff(staffPhone, '模糊测试经办', null, 'city');
  staff = await login(staffPhone);
});
afterAll(() => t.close());

const eligibility = (birthDate: string, idType = 'taiwan_permit') =>
  t.request('POST', '/api/registration/eligibility', { token: worker, body: { idType, birthDate, ableToWork: true, wantsWork: true, currentlyEmployed: false } });

describe('impossible dates are 400, not a RangeError from the retirement rule', () => {
  it.each(['1990-02-30', '0000-00-00', '1990-13-01', '1990-04-31', '1900-02-29', '2023-02-29'])('eligibility with birthDate %s → 400 on birthDate', async (birthDate) => {
    const res = await eligibility(birthDate);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details[0].field).toBe('birthDate');
    expect(res.body.error.message).toContain('出生日期');
  });

  it('still accepts real dates, 29 February of leap years included', async () => {
    for (const birthDate of ['1990-02-28', '1992-02-29', '2000-02-29', '1990-12-31']) {
      const res = await eligibility(birthDate);
      expect(res.status).toBe(200);
      expect(res.body.birthDate).toBe(birthDate);
      expect(res.body.eligible).toBe(true);
    }
  });

  it('an impossible date in a saved draft is refused too', async () => {
    const res = await t.request('PUT', '/api/registration/draft', { token: worker, body: { sensitiveConsentVersion: SENSITIVE_CONSENT.version, form: { birthDate: '1990-02-30' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('form.birthDate');
  });

  it('the staff audit query refuses an impossible day instead of a database cast error', async () => {
    const res = await t.request('GET', '/api/staff/audit?from=2026-02-30', { token: staff });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('query.from');
    expect((await t.request('GET', '/api/staff/audit?from=2026-02-28', { token: staff })).status).toBe(200);
  });
});

describe('holiday calendar bodies', () => {
  it('an impossible day is a 400 on its field, and the OpenAPI body says which dates are real', async () => {
    const res = await t.request('PUT', '/api/staff/calendar/2027', { token: staff, body: { holidays: ['2027-02-30'], workdays: [] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({ field: 'holidays.0', message: '日期应为 YYYY-MM-DD 格式的真实日期' });
    const doc = (await t.request('GET', '/api/openapi.json')).body;
    const schema = doc.paths['/api/staff/calendar/{year}'].put.requestBody.content['application/json'].schema;
    expect(new RegExp(schema.properties.holidays.items.pattern).test('2027-02-30')).toBe(false);
  });
});

describe('policy rules: in / notIn need a list value', () => {
  const draft = (when: unknown) => {
    const base = SAMPLE_POLICIES.find((p) => p.slug === 'job-search-subsidy')!;
    return { ...base, slug: `fuzz-${Math.random().toString(36).slice(2, 10)}`, rule: { ...base.rule, requirements: [{ when, met: '符合', missing: '不符合' }] } };
  };

  it('a scalar value for "in" is 400 and nothing is stored', async () => {
    const before = await t.services.policies.models.Policy.countDocuments();
    for (const when of [{ fact: 'education', operator: 'in', value: '大专' }, { fact: 'age', operator: 'notIn', value: 30 }, { any: [{ fact: 'sex', operator: 'in', value: true }] }]) {
      const res = await t.request('POST', '/api/staff/policies', { token: staff, body: draft(when) });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toMatch(/^rule\.requirements\.0\.when/);
    }
    expect(await t.services.policies.models.Policy.countDocuments()).toBe(before);
  });

  it('a list value for "in" is stored and evaluated', async () => {
    const body = draft({ fact: 'education', operator: 'in', value: ['大专', '本科'] });
    body.benefit = { ...body.benefit, formula: null };
    body.rule.examples = [
      { name: '大专毕业', facts: { education: '大专' }, eligible: true },
      { name: '初中毕业', facts: { education: '初中及以下' }, eligible: false },
    ] as never;
    const res = await t.request('POST', '/api/staff/policies', { token: staff, body });
    expect(res.status).toBe(201);
    const wrong = { ...body, slug: `${body.slug}-x`, rule: { ...body.rule, examples: [{ name: '初中应符合', facts: { education: '初中及以下' }, eligible: true }] } };
    const refused = await t.request('POST', '/api/staff/policies', { token: staff, body: wrong });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('RULE_INVALID');
  });
});

/** fetch refuses TRACE, so unusual methods go through node:http. */
function rawRequest(method: string, path: string, token?: string): Promise<{ status: number; allow: string | undefined; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(t.url + path, { method, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow as string | undefined, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('methods a path does not have', () => {
  it.each(['TRACE', 'QUERY', 'PATCH'])('%s on a known path → 405 with Allow, not 501', async (method) => {
    const res = await rawRequest(method, '/api/me', worker);
    expect(res.status).toBe(405);
    expect(res.allow).toContain('GET');
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('an unknown method on an unknown path → 404', async () => {
    const res = await rawRequest('TRACE', '/api/no-such-thing');
    expect(res.status).toBe(404);
  });
});

describe('the OpenAPI document describes what the server accepts', () => {
  it('documents the date pattern exactly and every route carries its access rule', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body;
    const body = doc.paths['/api/registration/eligibility'].post.requestBody.content['application/json'].schema;
    const re = new RegExp(body.properties.birthDate.pattern);
    expect(re.test('1992-02-29')).toBe(true);
    expect(re.test('1990-02-30')).toBe(false);
    for (const [p, item] of Object.entries<any>(doc.paths)) {
      for (const [m, op] of Object.entries<any>(item)) {
        expect([p, m, op['x-access'] !== undefined]).toEqual([p, m, true]);
        if (op['x-access'] !== 'public') expect([p, m, Object.keys(op.responses)]).toEqual([p, m, expect.arrayContaining(['401', '403'])]);
      }
    }
    expect(Object.keys(doc.paths['/api/auth/refresh'].post.responses)).toContain('401');
  });
});

describe('characters no database can store', () => {
  it('a NUL or an unpaired surrogate anywhere in a body or query is a 400 naming the field, and nothing is stored', async () => {
    const before = await t.services.policies.models.Policy.countDocuments({});
    const nul = await t.request('POST', '/api/policies/calculate', { raw: '{"audience":"individual","answers":{"education":"a\\u0000b"}}' });
    expect(nul.status).toBe(400);
    expect(nul.body.error.details[0].field).toBe('answers.education');
    expect(nul.body.error.message).toContain('无法保存的字符');
    const lone = await t.request('POST', '/api/staff/policies', { token: staff, raw: '{"slug":"x","title":"\\udb66"}' });
    expect(lone.status).toBe(400);
    expect(lone.body.error.details[0].field).toBe('title');
    const q = await t.request('GET', '/api/policies?q=%00');
    expect(q.status).toBe(400);
    expect(q.body.error.details[0].field).toBe('query.q');
    expect(await t.services.policies.models.Policy.countDocuments({})).toBe(before);
  });
});
