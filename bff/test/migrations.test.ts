import { HOME_LOCATION_CONSENT } from '@doorstep/shared';
import mongoose from 'mongoose';
import { geohashFields, wgs84ToGcj02, haversineMeters } from '@doorstep/shared';
import { MIGRATIONS, MIGRATIONS_COLLECTION, runMigrations, type Migration } from '../src/db/migrations';
import { startTestApp, type TestApp } from './support/harness';
import { DAOLI, GIG_NOW, TOMORROW, employerSession, postGig, staffSession, workerSession } from './support/gig-helpers';

/**
 * The migrations runner (once per database, even with two instances at once) and the 2026-12
 * GCJ-02 migration: stored WGS-84 points are converted once, shipped GCJ-02 points stay, running
 * again changes nothing, and the in-memory nearby index serves the converted coordinates.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true', SMS_IP_HOURLY_LIMIT: '10000' }, deps: { now: () => GIG_NOW } });
});
afterAll(() => t.close());

/** A browser fix in 道里区 as the old app stored it (WGS-84), ~270 m from the district centre. */
const WGS = { lat: 45.7605, lng: 126.6094 };

/** Makes a stored document look like one written before the migration: WGS-84 point, no datum. */
async function makeOld(col: string, id: unknown, set: Record<string, unknown>) {
  await t.conn.collection(col).updateOne({ _id: id as never }, { $set: set, $unset: { datum: '' } });
}

describe('GCJ-02 migration', () => {
  it('converts stored WGS-84 gigs and homes once, keeps shipped GCJ-02 points, and the nearby index follows', async () => {
    const staff = await staffSession(t);
    const emp = await employerSession(t, { staff });
    const fromFix = await postGig(t, emp, { date: TOMORROW, title: '老数据：用现在的位置发的活' });
    const atCentre = await postGig(t, emp, { date: TOMORROW, title: '老数据：按区选的位置' }); // DAOLI = 道里区 centre
    const { Gig, WorkerProfile } = t.services.gigs.models;
    expect((await Gig.collection.findOne({ _id: new mongoose.Types.ObjectId(fromFix) }))!.datum).toBe('gcj02'); // new writes carry the datum
    await makeOld('gigs', new mongoose.Types.ObjectId(fromFix), { lat: WGS.lat, lng: WGS.lng, ...geohashFields(WGS) });
    await makeOld('gigs', new mongoose.Types.ObjectId(atCentre), {});

    const w = await workerSession(t);
    const saved = await t.request('PUT', '/api/me/availability', { token: w.token, body: { availableToday: true, categories: ['搬运装卸'], home: WGS, homeDistrict: null, elder: false, commitmentAgreed: true, sensitiveConsentVersion: HOME_LOCATION_CONSENT.version } });
    expect(saved.status).toBe(200);
    const profile = await WorkerProfile.collection.findOne({ userId: new mongoose.Types.ObjectId(w.userId) });
    await makeOld('worker_profiles', profile!._id, {});

    // The index loads now, with the old coordinates: the gig is where the WGS-84 fix was.
    const nearby = async (at: { lat: number; lng: number }) => {
      const r = await t.request('GET', `/api/gigs/nearby?lat=${at.lat}&lng=${at.lng}&radiusKm=1&pageSize=50`);
      expect(r.status).toBe(200);
      return r.body.items as { id: string; distanceM: number; distanceText: string }[];
    };
    expect((await nearby(WGS)).find((g) => g.id === fromFix)!.distanceText).toBe('10 米');

    const before = await Gig.collection.findOne({ _id: new mongoose.Types.ObjectId(atCentre) });
    // The first start applies every project migration, in order (the datum one among them).
    expect(await runMigrations(t.conn)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(MIGRATIONS.map((m) => m.name)).toContain('2026-12-coordinates-gcj02');

    const gcj = wgs84ToGcj02(WGS);
    expect(haversineMeters(gcj, WGS)).toBeGreaterThan(400); // a real shift, not a rounding
    const g1 = (await Gig.collection.findOne({ _id: new mongoose.Types.ObjectId(fromFix) }))!;
    expect({ lat: g1.lat, lng: g1.lng }).toEqual(gcj);
    expect({ gh5: g1.gh5, gh6: g1.gh6, gh7: g1.gh7 }).toEqual(geohashFields(gcj));
    expect(g1.datum).toBe('gcj02');
    const g2 = (await Gig.collection.findOne({ _id: new mongoose.Types.ObjectId(atCentre) }))!;
    expect({ lat: g2.lat, lng: g2.lng }).toEqual(DAOLI); // a district centre is GCJ-02 already
    expect(g2.gh7).toBe(before!.gh7);
    const p1 = (await WorkerProfile.collection.findOne({ _id: profile!._id }))!;
    expect(p1.home).toEqual(gcj);
    expect(p1.gh7).toBe(geohashFields(gcj).gh7);
    const record = await t.conn.collection(MIGRATIONS_COLLECTION).findOne({ _id: '2026-12-coordinates-gcj02' as never });
    expect(record).toMatchObject({ changed: 2 });

    // The already loaded nearby index serves the converted point (no restart).
    expect((await nearby(gcj)).find((g) => g.id === fromFix)!.distanceText).toBe('10 米');
    expect((await nearby(WGS)).find((g) => g.id === fromFix)!.distanceM).toBeGreaterThan(400);
    // Availability answers the converted home.
    expect((await t.request('GET', '/api/me/availability', { token: w.token })).body.home).toEqual(gcj);

    // Running again changes nothing: the record is there; and even without it (a process that died
    // before writing it) every document is marked, so nothing is converted twice.
    const snapshot = async () => [
      await Gig.collection.find({}).sort({ _id: 1 }).toArray(),
      await WorkerProfile.collection.find({}).sort({ _id: 1 }).toArray(),
    ];
    const once = await snapshot();
    expect(await runMigrations(t.conn)).toEqual([]);
    await t.conn.collection(MIGRATIONS_COLLECTION).deleteOne({ _id: '2026-12-coordinates-gcj02' as never });
    expect(await runMigrations(t.conn)).toEqual(['2026-12-coordinates-gcj02']);
    expect(await snapshot()).toEqual(once);
  });
});

describe('migrations runner', () => {
  it('runs a migration once when two instances start at the same time', async () => {
    let runs = 0;
    const slow: Migration = { name: 'test-two-instances', up: async () => { runs += 1; await new Promise((r) => setTimeout(r, 300)); return 0; } };
    // Another connection object on the same database stands in for another BFF instance (each
    // runner has its own Consistency; they meet only in the database).
    const other = t.conn.useDb(t.conn.name, { useCache: false });
    {
      const results = await Promise.all([runMigrations(t.conn, { migrations: [slow] }), runMigrations(other, { migrations: [slow] }), runMigrations(t.conn, { migrations: [slow] })]);
      expect(runs).toBe(1);
      expect(results.flat()).toEqual(['test-two-instances']);
      expect(await t.conn.collection(MIGRATIONS_COLLECTION).countDocuments({ _id: 'test-two-instances' as never })).toBe(1);
      expect(await runMigrations(other, { migrations: [slow] })).toEqual([]);
      expect(runs).toBe(1);
    }
  });

  it('records nothing when a migration fails, so the next start tries again', async () => {
    let tries = 0;
    const flaky: Migration = { name: 'test-flaky', up: async () => { tries += 1; if (tries === 1) throw new Error('boom'); return 3; } };
    await expect(runMigrations(t.conn, { migrations: [flaky] })).rejects.toThrow('boom');
    expect(await t.conn.collection(MIGRATIONS_COLLECTION).findOne({ _id: 'test-flaky' as never })).toBeNull();
    expect(await runMigrations(t.conn, { migrations: [flaky] })).toEqual(['test-flaky']);
    expect(await t.conn.collection(MIGRATIONS_COLLECTION).findOne({ _id: 'test-flaky' as never })).toMatchObject({ changed: 3 });
  });
});

describe('OpenAPI', () => {
  it('says every coordinate is GCJ-02', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body;
    const nearby = doc.paths['/api/gigs/nearby'].get;
    expect(nearby.parameters.find((p: { name: string }) => p.name === 'lat').schema.description ?? nearby.parameters.find((p: { name: string }) => p.name === 'lat').description).toContain('GCJ-02');
    // Every lat in the document (bodies, queries, responses: gigs, homes, stations, district centres).
    const place = JSON.stringify(doc).match(/"lat":\{[^}]*\}/g) ?? [];
    expect(place.length).toBeGreaterThan(0);
    expect(place.every((p) => p.includes('GCJ-02'))).toBe(true);
  });
});
