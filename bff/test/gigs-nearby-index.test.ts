import mongoose, { Types, type Connection } from 'mongoose';
import { GIG_CATEGORIES, geohashFields, haversineMeters, type LatLng } from '@doorstep/shared';
import { EmployerService } from '../src/modules/employers/service';
import { GigService } from '../src/modules/gigs/service';
import { startTestApp, type TestApp } from './support/harness';
import { DAOLI, GIG_NOW, TODAY, employerSession, postGig, staffSession, type Session } from './support/gig-helpers';

/**
 * The in-memory nearby index: equal to brute force, sees writes made through the model by any
 * module at once, sees other processes' writes through gig_sync, and never serves a cached answer
 * after a gig in it ended.
 */
let t: TestApp;
let staff: Session;
let now = GIG_NOW;

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true', SMS_IP_HOURLY_LIMIT: '10000' }, deps: { now: () => now } });
  staff = await staffSession(t);
});
afterAll(() => t.close());
beforeEach(() => { now = GIG_NOW; });

const nearby = (p: LatLng, extra = '') => t.request('GET', `/api/gigs/nearby?lat=${p.lat}&lng=${p.lng}${extra}`);
const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((g) => g.id);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('nearby index', () => {
  it('equals a brute-force haversine over the open gigs (ids, order and total, every sort)', async () => {
    const rand = rng(42);
    const employerId = new Types.ObjectId();
    await t.services.employers.Employer.create({
      _id: employerId, userId: new Types.ObjectId(), kind: 'enterprise', name: '测试单位', contactName: '张', contactPhoneEnc: t.services.pii.encrypt('13800000000'),
      address: '道里区', status: 'verified', submittedAt: new Date(now), reviewDeadline: TODAY,
    });
    const docs = Array.from({ length: 400 }, (_, i) => {
      const place = { lat: DAOLI.lat + (rand() - 0.5) * 0.25, lng: DAOLI.lng + (rand() - 0.5) * 0.35 };
      const headcount = 1 + Math.floor(rand() * 3);
      const endAt = new Date(now + (rand() < 0.1 ? -3_600_000 : 3_600_000 * (1 + Math.floor(rand() * 48))));
      return {
        ownerId: new Types.ObjectId(), employerId, employerName: '测试单位', employerKind: 'enterprise', title: `零工 ${i}`, category: GIG_CATEGORIES[i % 3],
        headcount, filled: rand() < 0.1 ? headcount : 0, payAmount: 100 + Math.floor(rand() * 10) * 20, payUnit: 'day', payDaily: 100 + Math.floor(rand() * 10) * 20,
        settlement: 'daily', date: TODAY, startTime: '08:00', endTime: '18:00', startAt: new Date(now - 3_600_000), endAt, lat: place.lat, lng: place.lng,
        ...geohashFields(place), address: '测试街', contactName: '张', contactPhoneEnc: 'x', status: rand() < 0.9 ? 'open' : 'closed',
        createdAt: new Date(now - Math.floor(rand() * 1e8)),
      };
    });
    await t.services.gigs.models.Gig.insertMany(docs);
    const all = await t.services.gigs.models.Gig.find({}).lean();
    for (let k = 0; k < 12; k++) {
      const c = { lat: DAOLI.lat + (rand() - 0.5) * 0.2, lng: DAOLI.lng + (rand() - 0.5) * 0.3 };
      const km = [1, 3, 5, 10][k % 4]!;
      const brute = all
        .filter((g) => g.status === 'open' && g.endAt.getTime() > now && g.filled < g.headcount && haversineMeters(c, g) <= km * 1000)
        .map((g) => ({ id: g._id.toString(), d: haversineMeters(c, g) }))
        .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
      const r = await nearby(c, `&radiusKm=${km}&pageSize=50`);
      expect(r.body.total).toBe(brute.length);
      expect(ids(r)).toEqual(brute.slice(0, 50).map((b) => b.id));
      if (brute.length > 50) expect(ids(await nearby(c, `&radiusKm=${km}&pageSize=50&page=2`))).toEqual(brute.slice(50, 100).map((b) => b.id));
      // Pay (few distinct amounts: ties fall to distance, then id) and newest.
      const byGig = new Map(all.map((g) => [g._id.toString(), g]));
      const pay = [...brute].sort((a, b) => byGig.get(b.id)!.payDaily - byGig.get(a.id)!.payDaily || a.d - b.d || (a.id < b.id ? -1 : 1));
      const newest = [...brute].sort((a, b) => byGig.get(b.id)!.createdAt.getTime() - byGig.get(a.id)!.createdAt.getTime() || (a.id < b.id ? -1 : 1));
      for (const page of [1, 2]) {
        expect(ids(await nearby(c, `&radiusKm=${km}&sort=pay&pageSize=15&page=${page}`))).toEqual(pay.slice((page - 1) * 15, page * 15).map((b) => b.id));
        expect(ids(await nearby(c, `&radiusKm=${km}&sort=newest&pageSize=15&page=${page}`))).toEqual(newest.slice((page - 1) * 15, page * 15).map((b) => b.id));
      }
    }
  });

  it('applies writes made through the model by other modules before they return', async () => {
    const emp = await employerSession(t, { staff });
    const place = { lat: 45.7301, lng: 126.7001, address: '测试地点' };
    const id = await postGig(t, emp, { place });
    expect(ids(await nearby(place, '&radiusKm=1'))).toContain(id);
    await t.services.gigs.models.Gig.findOneAndUpdate({ _id: id, status: 'open' }, { $set: { status: 'rejected' } });
    expect(ids(await nearby(place, '&radiusKm=1'))).not.toContain(id);
    await t.services.gigs.models.Gig.updateOne({ _id: id }, { $set: { status: 'open' } });
    expect(ids(await nearby(place, '&radiusKm=1'))).toContain(id);
  });

  it('does not serve a cached answer once a gig in it has ended', async () => {
    const emp = await employerSession(t, { staff });
    const place = { lat: 45.7202, lng: 126.5902, address: '测试地点二' };
    const id = await postGig(t, emp, { place, startTime: '10:00', endTime: '12:00' });
    expect(ids(await nearby(place, '&radiusKm=1'))).toContain(id);
    now = Date.parse(`${TODAY}T12:00:00+08:00`);
    expect(ids(await nearby(place, '&radiusKm=1'))).not.toContain(id);
  });

  it('sees gigs written by another process (another connection) through gig_sync', async () => {
    let conn2: Connection | null = null;
    try {
      conn2 = await mongoose.createConnection(t.conn.getClient().options.hosts.map((h) => `mongodb://${h.host}:${h.port}`)[0] + `/${t.conn.name}`).asPromise();
      const employers = new EmployerService(conn2, { pii: t.services.pii, notifier: t.services.notifier });
      const other = new GigService(conn2, { config: t.config, pii: t.services.pii, notifier: t.services.notifier, employers, logger: { warn() {}, info() {} } as never, now: () => now, syncCheckMs: 0 });
      const place = { lat: 45.7403, lng: 126.6403, address: '测试地点三' };
      const q = { lat: place.lat, lng: place.lng, radiusKm: 1, sort: 'distance', page: 1, pageSize: 20 } as const;
      const before = await other.nearby(q);
      const emp = await employerSession(t, { staff });
      const id = await postGig(t, emp, { place });
      const after = await other.nearby(q);
      expect(after.items.map((g) => g.id)).toContain(id);
      expect(after.total).toBe(before.total + 1);
      await t.request('POST', `/api/employer/gigs/${id}/close`, { token: emp.token });
      expect((await other.nearby(q)).items.map((g) => g.id)).not.toContain(id);
    } finally {
      await conn2?.close();
    }
  });
});
