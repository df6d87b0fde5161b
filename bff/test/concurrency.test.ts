import mongoose from 'mongoose';
import { Consistency } from '../src/db/consistency';
import { nextPhone, startTestApp, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ env: { TRUST_PROXY: 'true' } }); });
afterAll(() => t.close());

describe('races that must not corrupt state (FerretDB conditional updates are not atomic)', () => {
  it('atomically makes a read-check-write exact under 20 parallel callers', async () => {
    const locks = new Consistency(t.conn);
    const col = t.conn.collection('lock_probe');
    const { insertedId } = await col.insertOne({ filled: 0 });
    const results = await Promise.all(Array.from({ length: 20 }, () => locks.atomically(`probe:${insertedId}`, async () => {
      const doc = await col.findOne({ _id: insertedId });
      if (doc!.filled >= 3) return false;
      await col.updateOne({ _id: insertedId }, { $set: { filled: doc!.filled + 1 } });
      return true;
    })));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect((await col.findOne({ _id: insertedId }))!.filled).toBe(3);
    expect(await t.conn.collection('locks').countDocuments({})).toBe(0);
  });

  it('takes over a lock whose holder died', async () => {
    const locks = new Consistency(t.conn);
    await t.conn.collection('locks').insertOne({ _id: 'stale' as unknown as mongoose.Types.ObjectId, token: 'dead', expiresAt: new Date(Date.now() - 1000) });
    await expect(locks.atomically('stale', async () => 'ran')).resolves.toBe('ran');
  });

  it('one SMS code logs in exactly once under 10 parallel logins', async () => {
    const phone = nextPhone();
    const headers = { 'x-forwarded-for': '10.7.0.1' };
    await t.request('POST', '/api/auth/sms/send', { body: { phone }, headers });
    const code = /(\d{6})/.exec((await t.request('GET', `/api/dev/sms-outbox?phone=${phone}`)).body.messages[0].text)![1]!;
    const results = await Promise.all(Array.from({ length: 10 }, () => t.request('POST', '/api/auth/sms/login', { body: { phone, code }, headers })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(9);
  });

  it('a refresh token is spent exactly once under 10 parallel refreshes', async () => {
    const phone = nextPhone();
    const headers = { 'x-forwarded-for': '10.7.0.2' };
    await t.request('POST', '/api/auth/sms/send', { body: { phone }, headers });
    const code = /(\d{6})/.exec((await t.request('GET', `/api/dev/sms-outbox?phone=${phone}`)).body.messages[0].text)![1]!;
    const session = (await t.request('POST', '/api/auth/sms/login', { body: { phone, code }, headers })).body;
    const before = await t.conn.collection('refresh_tokens').countDocuments({});
    const results = await Promise.all(Array.from({ length: 10 }, () => t.request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })));
    // One rotation; the parallel repeats inside the grace window get that same new pair (a lost answer on a weak network).
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.refreshToken)).size).toBe(1);
    expect(await t.conn.collection('refresh_tokens').countDocuments({})).toBe(before + 1);
    expect(await t.conn.collection('refresh_tokens').countDocuments({ usedAt: { $ne: null } })).toBeGreaterThanOrEqual(1);
  });

  it('counts every hit of a rate limit under parallel sends', async () => {
    const sends = await Promise.all(Array.from({ length: 12 }, (_, i) => t.request('POST', '/api/auth/sms/send', { body: { phone: `1370000${String(1000 + i)}` }, headers: { 'x-forwarded-for': '10.7.0.3' } })));
    expect(sends.every((r) => r.status === 200)).toBe(true);
    const doc = await t.conn.collection('rate_limits').findOne({ key: { $regex: '^sms-ip:10\\.7\\.0\\.3\\|' } });
    expect(doc!.count).toBe(12);
  });
});
