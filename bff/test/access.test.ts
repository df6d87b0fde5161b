import type { Role } from '@doorstep/shared';
import { nextPhone, smsLogin, startTestApp, type TestApp } from './support/harness';

/**
 * Route × role table: every mounted route is called with no token and as each role, and must
 * answer 401 / 403 / not-an-auth-error exactly as its declared access rule says. A new route
 * lands in this table automatically, so none can ship without a tested rule.
 */
let t: TestApp;
const tokens: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  const worker = await smsLogin(t, nextPhone(), '10.9.0.1');
  tokens.worker = worker.accessToken;
  const emp = await smsLogin(t, nextPhone(), '10.9.0.2');
  tokens.employer = (await t.request('POST', '/api/me/role', { body: { role: 'employer' }, token: emp.accessToken })).body.accessToken;
  const staffPhone = nextPhone();
  await t.services.auth.upsertStaff(staffPhone, '测试经办', '测试中心');
  tokens.staff = (await smsLogin(t, staffPhone, '10.9.0.3')).accessToken;
});
afterAll(() => t.close());

const examplePath = (p: string) => p.replace(/:(\w+)/g, '000000000000000000000000');

test('every route declares an access rule', () => {
  expect(t.routes.length).toBeGreaterThan(5);
  for (const r of t.routes) expect(r.access).toBeDefined();
});

describe.each(['worker', 'employer', 'staff', 'anonymous'] as const)('as %s', (who) => {
  it('gets exactly what each route allows', async () => {
    const rows: string[] = [];
    for (const r of t.routes) {
      if (r.access === 'public') continue;
      const token = who === 'anonymous' ? undefined : tokens[who];
      const res = await t.request(r.method.toUpperCase(), examplePath(r.path), { token, body: r.body ? {} : undefined });
      let expected: 'deny401' | 'deny403' | 'allow';
      if (who === 'anonymous') expected = 'deny401';
      else if (r.access === 'authenticated' || r.access.includes(who)) expected = 'allow';
      else expected = 'deny403';
      const got = res.status === 401 ? 'deny401' : res.status === 403 ? 'deny403' : 'allow';
      rows.push(`${r.method.toUpperCase()} ${r.path}: expected ${expected}, got ${got} (${res.status})`);
      expect({ route: `${r.method} ${r.path}`, got }).toEqual({ route: `${r.method} ${r.path}`, got: expected });
    }
  });
});
