// Benchmark: GigService.nearby() over 100,000 open gigs around Harbin (not a timed test).
// Run: npx tsx scripts/bench/nearby.ts   (or `npm run bench` for all benchmarks)
//
// For random points at 1/3/5/10 km it reports p50/p99 latency of the real service call, how many
// documents are read per document returned, and checks every sampled answer against a brute-force
// haversine over the same data read straight from the database (ids, order and total).
//
// Options (environment): BENCH_SAMPLES (points per radius per round, default 150), BENCH_ROUNDS
// (default 3), BENCH_OLD_PATH=1 also times the former per-query database read (a full collection
// scan on FerretDB v1: about a minute per query at 100,000 gigs).
import { circleCover, haversineMeters, type LatLng, type NearbyQuery } from '@doorstep/shared';
import { createApp } from '../../bff/src/app';
import { loadConfig } from '../../bff/src/config';
import { createLogger } from '../../bff/src/http/logger';
import type { IndexedGig } from '../../bff/src/modules/gigs/nearby-index';
import { CORE, URBAN, openBenchDb, samplePoint } from './data';
import { ROUNDS, fmt, hrMs, median, quantile, report, rng, table, type Verdict } from './util';

const RADII_KM = [1, 3, 5, 10] as const;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 150);
const PAGE_SIZE = 20;

interface Brute { id: string; lat: number; lng: number; endAt: number; filled: number; headcount: number; payDaily: number; createdAt: number }

/** Brute force over every open gig, in the order each sort defines (ties by id, as the service). */
function bruteForce(all: Brute[], c: LatLng, radiusM: number, now: number, sort: NearbyQuery['sort']) {
  const hits = [];
  for (const g of all) {
    if (g.endAt <= now || g.filled >= g.headcount) continue;
    const d = haversineMeters(c, g);
    if (d <= radiusM) hits.push({ g, d });
  }
  const byId = (a: { g: Brute }, b: { g: Brute }) => (a.g.id < b.g.id ? -1 : a.g.id > b.g.id ? 1 : 0);
  if (sort === 'distance') hits.sort((a, b) => a.d - b.d || byId(a, b));
  if (sort === 'pay') hits.sort((a, b) => b.g.payDaily - a.g.payDaily || a.d - b.d || byId(a, b));
  if (sort === 'newest') hits.sort((a, b) => b.g.createdAt - a.g.createdAt || byId(a, b));
  return hits;
}

function samplePoints(seed: number, n: number): LatLng[] {
  const rand = rng(seed);
  // Half where people and gigs are (the gig distribution), half anywhere in the urban area.
  return Array.from({ length: n }, (_, i) => (i % 2 === 0 ? samplePoint(rand) : { lat: URBAN.minLat + rand() * (URBAN.maxLat - URBAN.minLat), lng: URBAN.minLng + rand() * (URBAN.maxLng - URBAN.minLng) }));
}

(async () => {
  const db = await openBenchDb({ monitorCommands: true });
  // Count the documents the database hands back (find / getMore batches): gigs, and all collections.
  let docsFromDb = 0;
  let gigDocsFromDb = 0;
  db.conn.getClient().on('commandSucceeded', (e) => {
    const cursor = (e.reply as { cursor?: { ns?: string; firstBatch?: unknown[]; nextBatch?: unknown[] } })?.cursor;
    if (!cursor) return;
    const n = (cursor.firstBatch ?? cursor.nextBatch ?? []).length;
    docsFromDb += n;
    if (cursor.ns?.endsWith('.gigs')) gigDocsFromDb += n;
  });
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  const { services } = createApp({ config, conn: db.conn, logger: createLogger('silent') });
  const gigs = services.gigs;
  const verdicts: Verdict[] = [];

  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let t0 = process.hrtime.bigint();
  const before = docsFromDb;
  await gigs.index.ready();
  await gigs.nearby({ lat: CORE.lat, lng: CORE.lng, radiusKm: 1, sort: 'distance', page: 1, pageSize: PAGE_SIZE }); // loads the ratings cache too
  const loadMs = hrMs(t0);
  gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  console.log(`index load: ${gigs.index.size} open gigs, ${docsFromDb - before} documents read once, ${(loadMs / 1000).toFixed(1)} s, ~${heapMb.toFixed(0)} MB heap${gc ? '' : ' (no --expose-gc: rough)'}`);

  t0 = process.hrtime.bigint();
  const raw = await db.conn.db!.collection('gigs')
    .find({ status: 'open' }, { projection: { lat: 1, lng: 1, endAt: 1, filled: 1, headcount: 1, payDaily: 1, createdAt: 1 } }).toArray();
  const all: Brute[] = raw.map((g) => ({ id: g._id.toString(), lat: g.lat, lng: g.lng, endAt: g.endAt.getTime(), filled: g.filled, headcount: g.headcount, payDaily: g.payDaily, createdAt: g.createdAt.getTime() }));
  console.log(`brute-force copy: ${all.length} open gigs read straight from the database in ${(hrMs(t0) / 1000).toFixed(1)} s\n`);

  // Warm-up (JIT) on points not used below.
  for (const p of samplePoints(1, 60)) await gigs.nearby({ ...p, radiusKm: 5, sort: 'distance', page: 1, pageSize: PAGE_SIZE });

  const rows: (string | number)[][] = [];
  let mismatches = 0;
  let verified = 0;
  let examinedAll = 0;
  let returnedAll = 0;
  let dbDocsAll = 0;
  let queriesAll = 0;
  for (const km of RADII_KM) {
    const r = km * 1000;
    const p50s: number[] = []; const p99s: number[] = []; const matches: number[] = [];
    let examined = 0; let returned = 0; let dbDocs = 0; let otherDocs = 0; let queries = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const lat: number[] = [];
      // Fresh points every round and radius: no answer comes from the repeated-query cache.
      for (const [i, p] of samplePoints(1000 * km + round + 7, SAMPLES).entries()) {
        const sort: NearbyQuery['sort'] = i % 10 === 8 ? 'pay' : i % 10 === 9 ? 'newest' : 'distance';
        const page = i % 7 === 6 ? 3 : 1;
        const q: NearbyQuery = { lat: p.lat, lng: p.lng, radiusKm: km, sort, page, pageSize: PAGE_SIZE };
        const d0 = gigDocsFromDb;
        const a0 = docsFromDb;
        const s = process.hrtime.bigint();
        const res = await gigs.nearby(q);
        lat.push(hrMs(s));
        dbDocs += gigDocsFromDb - d0;
        otherDocs += docsFromDb - a0 - (gigDocsFromDb - d0);
        queries += 1;
        // Verification (not timed): total, the page (ids and order), and the whole result set.
        const now = Date.now();
        const brute = bruteForce(all, p, r, now, sort);
        const keep = (g: IndexedGig) => g.endAt > now && g.filled < g.headcount;
        const viaIndex = gigs.index.query(p, r, keep);
        examined += viaIndex.examined;
        returned += viaIndex.within.length;
        matches.push(brute.length);
        const want = brute.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((h) => h.g.id);
        const got = res.items.map((g) => g.id);
        const ids = new Set(viaIndex.within.map((n) => n.id));
        const setOk = viaIndex.within.length === brute.length && ids.size === brute.length && brute.every((h) => ids.has(h.g.id));
        const ok = res.total === brute.length && got.length === want.length && got.every((id, k) => id === want[k]) && setOk;
        verified += 1;
        if (!ok) {
          mismatches += 1;
          if (mismatches <= 5) console.log(`MISMATCH at ${p.lat},${p.lng} ${km} km ${sort} p${page}: total ${res.total} vs ${brute.length}`);
        }
      }
      p50s.push(quantile(lat, 0.5));
      p99s.push(quantile(lat, 0.99));
    }
    const cover = circleCover(CORE, r);
    rows.push([`${km} km`, cover.field, cover.cells.length, queries, Math.round(median(matches)), Math.max(...matches), fmt(median(p50s)), fmt(median(p99s)), fmt(examined / Math.max(1, returned)), fmt(dbDocs / queries, 3), fmt(otherDocs / queries, 2)]);
    examinedAll += examined; returnedAll += returned; dbDocsAll += dbDocs; queriesAll += queries;
  }
  console.log(`GigService.nearby() over ${gigs.index.size} open gigs — ${SAMPLES} random points per radius per round, ${ROUNDS} rounds (medians of rounds), every answer checked against brute force`);
  console.log(table(
    ['radius', 'cells', 'cells@core', 'queries', 'matches p50', 'matches max', 'p50 ms', 'p99 ms', 'read/returned', 'gig docs/query', 'other docs/query'],
    rows,
  ));
  console.log('read/returned: gigs in the covering geohash cells (what the cover makes us read) per gig within the radius.');
  console.log('gig docs/query: gig documents the database returned during the call (the index is loaded once, above);');
  console.log('other docs/query: other documents meanwhile (gig_sync checks, the employer-rating cache refreshing every 30 s).');

  if (process.env.BENCH_OLD_PATH === '1') {
    // The former implementation: the cover's cells through the gh index, one query per search.
    for (const km of [1, 5]) {
      const cover = circleCover(CORE, km * 1000);
      const s = process.hrtime.bigint();
      const docs = await db.conn.db!.collection('gigs').find({ [cover.field]: { $in: cover.cells }, status: 'open', endAt: { $gt: new Date() } }).toArray();
      const within = docs.filter((g) => haversineMeters(CORE, g as unknown as LatLng) <= km * 1000).length;
      const explain = await db.conn.db!.command({ explain: { find: 'gigs', filter: { [cover.field]: { $in: cover.cells }, status: 'open' } }, verbosity: 'queryPlanner' });
      console.log(`former DB path at the core, ${km} km: ${(hrMs(s) / 1000).toFixed(1)} s, ${docs.length} documents returned for ${within} within; server plan: ${JSON.stringify(explain.queryPlanner ?? explain)}`);
    }
  }

  const ratio = examinedAll / Math.max(1, returnedAll);
  const dbPerReturned = dbDocsAll / Math.max(1, returnedAll);
  verdicts.push({ target: 'nearby reads ≤ 3 documents per document returned', figure: `${fmt(ratio)} cell entries read per result; ${fmt(dbDocsAll / queriesAll, 3)} database documents per query (${fmt(dbPerReturned, 4)} per result) after a one-time load of ${gigs.index.size}`, pass: ratio <= 3 && dbPerReturned <= 3 });
  verdicts.push({ target: 'nearby equals brute-force haversine (ids, order, total)', figure: `${verified - mismatches}/${verified} sampled answers equal`, pass: mismatches === 0 && verified > 0 });
  report('nearby', verdicts);
  await db.stop();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
