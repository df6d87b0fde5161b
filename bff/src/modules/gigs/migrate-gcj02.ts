import { geohashFields, HARBIN_DISTRICTS, HARBIN_STATIONS, wgs84ToGcj02, type LatLng } from '@doorstep/shared';
import type { Migration } from '../../db/migrations';
import { DEMO_GIG_PLACES } from '../../cli/seed-gigs';
import { gigModels } from './model';
import { gigKey, workerKey } from './service';

/**
 * One datum: until 2026-12 the app sent `getLocation({type:'wgs84'})` fixes (the 零工 search, the
 * worker's 常住位置, the employer's 用现在的位置) while chooseLocation, <map>, openLocation and all
 * shipped data (district centres = AMap's, stations, demo gigs) are GCJ-02. From now on everything is
 * GCJ-02; this converts what was stored from a WGS-84 fix:
 *  - gigs (`lat`/`lng` and their geohash cells) and worker homes (`home` and cells);
 *  - except points that are exactly a shipped GCJ-02 point (a district centre — what 按区选 and a
 *    chosen 常住区县 store —, a station, a demo gig place): those were never WGS-84.
 * Not touched: regions (seeded from the GCJ-02 district list), the staff-edited station list (typed
 * by staff, no GPS source), the service-area box (a ±500 m shift is within its margin), employers
 * (they store no coordinates).
 *
 * Idempotent per document: each converted document gets `datum: 'gcj02'` in the same write, and only
 * documents without `datum` are read (new documents get it from the schema default). Each write goes
 * through `Consistency.atomically` under the document's own key (`gig:<id>` / `worker:<userId>`) with a
 * fenced `tx.write`, so it cannot interleave with an application or a rating, and through the Gig
 * model, so every nearby index (this process and the others, via gig_sync) re-reads the gig.
 */
const KNOWN_GCJ02: LatLng[] = [...HARBIN_DISTRICTS.map((d) => d.center), ...HARBIN_STATIONS, ...DEMO_GIG_PLACES];
const known = new Set(KNOWN_GCJ02.map((p) => `${p.lat},${p.lng}`));
export const isShippedGcj02 = (p: LatLng) => known.has(`${p.lat},${p.lng}`);

export const coordinatesToGcj02: Migration = {
  name: '2026-12-coordinates-gcj02',
  async up({ conn, consistency }) {
    const { Gig, WorkerProfile } = gigModels(conn);
    let changed = 0;

    const gigIds = (await Gig.collection.find({ datum: { $exists: false } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
    for (const id of gigIds) {
      await consistency.atomically(gigKey(id), async (tx) => {
        const g = await Gig.collection.findOne({ _id: id, datum: { $exists: false } }, { projection: { lat: 1, lng: 1, rev: 1 } });
        if (!g) return;
        const at = { lat: g.lat as number, lng: g.lng as number };
        const to = isShippedGcj02(at) ? at : wgs84ToGcj02(at);
        await tx.write(Gig, id, g.rev as number | undefined, { $set: { ...to, ...geohashFields(to), datum: 'gcj02' } });
        if (to !== at) changed += 1;
      }, { waitMs: 30_000 });
    }

    const profiles = await WorkerProfile.collection.find({ datum: { $exists: false } }, { projection: { _id: 1, userId: 1 } }).toArray();
    for (const { _id, userId } of profiles) {
      await consistency.atomically(workerKey(userId), async (tx) => {
        const p = await WorkerProfile.collection.findOne({ _id, datum: { $exists: false } }, { projection: { home: 1, rev: 1 } });
        if (!p) return;
        const home = p.home as LatLng | null | undefined;
        if (home && typeof home.lat === 'number' && typeof home.lng === 'number' && !isShippedGcj02(home)) {
          const to = wgs84ToGcj02(home);
          await tx.write(WorkerProfile, _id, p.rev as number | undefined, { $set: { home: to, ...geohashFields(to), datum: 'gcj02' } });
          changed += 1;
        } else {
          await tx.write(WorkerProfile, _id, p.rev as number | undefined, { $set: { datum: 'gcj02' } });
        }
      }, { waitMs: 30_000 });
    }
    return changed;
  },
};
