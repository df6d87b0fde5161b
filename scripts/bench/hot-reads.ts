// Benchmark: throughput of hot reads on the real BFF vs a bare Koa hello-world, and the BFF's own
// latency on top of the database work it does (not a timed test).
// Run: npx tsx scripts/bench/hot-reads.ts   (or `npm run bench` for all benchmarks)
//
// Targets: GET /api/gigs/nearby and GET /api/policies?q=失业金 keep ≥ 50 % of hello-world
// requests/s; the BFF adds ≤ 1 ms to a request beyond the database queries it runs.
// Options (environment): BENCH_ROUNDS (default 3), BENCH_DURATION seconds per run (default 8),
// BENCH_CONNECTIONS (default 10). Requests carry Accept-Encoding: gzip like browsers and WeChat do.
import http from 'node:http';
import { URBAN, openBenchDb, samplePoint } from './data';
import { startServer } from './server';
import { ROUNDS, fmt, hrMs, median, quantile, report, rng, table, type Verdict } from './util';

 
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<{
  requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number;
}>;

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SEQUENTIAL = 400;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
/** Real clients (browsers, WeChat) send Accept-Encoding: gzip; the load and latency runs do too. */
const CLIENT_HEADERS = { 'accept-encoding': 'gzip, deflate, br' };
function get(port: number, p: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p, agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

interface ServerStats { commands: number; ms: number; cpuMs: number; nearbyCache: { hits: number; misses: number } }
async function dbStats(port: number): Promise<ServerStats> {
  return JSON.parse((await get(port, '/')).body) as ServerStats;
}

const nearbyPath = (p: { lat: number; lng: number }) => `/api/gigs/nearby?lat=${p.lat.toFixed(5)}&lng=${p.lng.toFixed(5)}&radiusKm=5`;

(async () => {
  const db = await openBenchDb();
  await db.conn.close(); // the server process opens its own connection
  const server = await startServer(db.uri);
  const { ports } = server;
  console.log(`server ready: ${ports.gigs} open gigs in the nearby index, warm-up ${(ports.warmMs / 1000).toFixed(1)} s`);

  // Hot set: 50 places people search from (5 km, default sort), each asked again and again.
  const rand = rng(4242);
  const hotPaths = Array.from({ length: 50 }, () => nearbyPath(samplePoint(rand)));
  const coldRand = rng(777);
  const coldPath = () => nearbyPath(coldRand() < 0.5 ? samplePoint(coldRand) : { lat: URBAN.minLat + coldRand() * (URBAN.maxLat - URBAN.minLat), lng: URBAN.minLng + coldRand() * (URBAN.maxLng - URBAN.minLng) });
  const policyPath = `/api/policies?q=${encodeURIComponent('失业金')}`;

  // Sanity: every endpoint answers 200 with real content.
  const n = JSON.parse((await get(ports.bff, hotPaths[0]!)).body) as { total: number; items: unknown[] };
  const pol = JSON.parse((await get(ports.bff, policyPath)).body) as { total: number; items: { slug: string }[] };
  if (!n.items?.length || !pol.items?.length) throw new Error(`unexpected answers: nearby ${JSON.stringify(n).slice(0, 200)} policies ${JSON.stringify(pol).slice(0, 200)}`);
  console.log(`nearby sample: ${n.total} gigs within 5 km; policies 失业金: ${pol.total} hits, first ${pol.items[0]!.slug}`);
  for (const p of hotPaths) await get(ports.bff, p); // first asks (fill the answer cache)

  const targets = [
    { key: 'a', name: '(a) Koa hello-world', port: ports.hello, requests: [{ path: '/' }] },
    { key: 'b', name: '(b) GET /api/gigs/nearby (50 hot places, 5 km)', port: ports.bff, requests: hotPaths.map((p) => ({ path: p })) },
    { key: 'c', name: '(c) GET /api/policies?q=失业金', port: ports.bff, requests: [{ path: policyPath }] },
    { key: 'd', name: '(info) nearby, a new random place every request', port: ports.bff, requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: coldPath() }) }] },
    { key: 'e', name: '(info) hello-world + the BFF request log', port: ports.helloLog, requests: [{ path: '/' }] },
    { key: 'f', name: `(info) hello-world + the BFF router (${ports.routes} routes)`, port: ports.helloRouter, requests: [{ path: '/hello' }] },
  ];

  // Throughput: rounds alternate between targets so machine noise hits them alike; medians reported.
  const rps: Record<string, number[]> = {}; const p50: Record<string, number[]> = {}; const p99: Record<string, number[]> = {};
  const cpuPerReq: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of targets) {
      const s0 = await dbStats(ports.control);
      const r = await autocannon({ url: `http://127.0.0.1:${t.port}`, connections: CONNECTIONS, duration: DURATION, headers: CLIENT_HEADERS, requests: t.requests });
      if (r.non2xx || r.errors || r.timeouts) throw new Error(`${t.name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
      const s1 = await dbStats(ports.control);
      (cpuPerReq[t.key] ??= []).push((s1.cpuMs - s0.cpuMs) / Math.max(1, r.requests.total));
      (rps[t.key] ??= []).push(r.requests.average);
      (p50[t.key] ??= []).push(r.latency.p50);
      (p99[t.key] ??= []).push(r.latency.p99);
      console.log(`  round ${round + 1}: ${t.name}: ${Math.round(r.requests.average)} req/s`);
    }
  }
  const base = median(rps.a!);
  console.log(`\nThroughput — autocannon, ${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} rounds (medians)`);
  const cpuBase = median(cpuPerReq.a!);
  console.log(table(['endpoint', 'req/s', 'vs (a)', 'p50 ms', 'p99 ms', 'server CPU ms/req', '(a) CPU / this CPU'], targets.map((t) => [
    t.name, Math.round(median(rps[t.key]!)), `${fmt((100 * median(rps[t.key]!)) / base, 0)} %`, fmt(median(p50[t.key]!), 1), fmt(median(p99[t.key]!), 1),
    fmt(median(cpuPerReq[t.key]!), 3), `${fmt((100 * cpuBase) / median(cpuPerReq[t.key]!), 0)} %`,
  ])));
  const cache = (await dbStats(ports.control)).nearbyCache;
  console.log(`server CPU ms/req: CPU time of the server process per request served (hello-world and BFF share that process; the load`);
  console.log(`generator runs in this one). The last column is the throughput the server alone could sustain relative to hello-world.`);
  console.log(`nearby answer cache: ${cache.hits} hits, ${cache.misses} misses so far (the (info) row asks a new place every time).`);

  // Overhead: one request at a time; the server reports the database commands it ran meanwhile.
  const overhead: Record<string, { p50: number; p99: number; dbMs: number; dbCmds: number }[]> = {};
  const latencyTargets = targets.filter((t) => 'abcd'.includes(t.key));
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of latencyTargets) {
      const lat: number[] = [];
      const before = await dbStats(ports.control);
      for (let i = 0; i < SEQUENTIAL; i++) {
        const p = t.key === 'b' ? hotPaths[i % hotPaths.length]! : t.key === 'd' ? coldPath() : (t.requests[0] as { path: string }).path;
        const s = process.hrtime.bigint();
        const r = await get(t.port, p, CLIENT_HEADERS);
        lat.push(hrMs(s));
        if (r.status !== 200) throw new Error(`${t.name}: HTTP ${r.status}`);
      }
      const after = await dbStats(ports.control);
      const dbCmds = after.commands - before.commands;
      (overhead[t.key] ??= []).push({ p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), dbMs: (after.ms - before.ms) / SEQUENTIAL, dbCmds: dbCmds / SEQUENTIAL });
    }
  }
  const med = (k: string, f: 'p50' | 'p99' | 'dbMs' | 'dbCmds') => median(overhead[k]!.map((o) => o[f]));
  const hello50 = med('a', 'p50');
  console.log(`\nLatency, one request at a time (${SEQUENTIAL} requests × ${ROUNDS} rounds, medians); "DB" = database commands the server ran per request`);
  console.log(table(['endpoint', 'p50 ms', 'p99 ms', 'DB cmds/req', 'DB ms/req', 'p50 − DB ms', 'p50 − DB − hello p50'], latencyTargets.map((t) => {
    const bffMs = med(t.key, 'p50') - med(t.key, 'dbMs');
    return [t.name, fmt(med(t.key, 'p50'), 3), fmt(med(t.key, 'p99'), 3), fmt(med(t.key, 'dbCmds'), 3), fmt(med(t.key, 'dbMs'), 3), fmt(bffMs, 3), t.key === 'a' ? '—' : fmt(bffMs - hello50, 3)];
  })));
  console.log('p50 − DB: the request minus the database time it caused (includes HTTP and Node itself; hello-world shows that floor).');

  const verdicts: Verdict[] = [];
  for (const k of ['b', 'c']) {
    const share = median(rps[k]!) / base;
    verdicts.push({ target: `${targets.find((t) => t.key === k)!.name} ≥ 50 % of hello-world throughput`, figure: `${Math.round(median(rps[k]!))} vs ${Math.round(base)} req/s = ${fmt(100 * share, 0)} % (server CPU per request: ${fmt((100 * cpuBase) / median(cpuPerReq[k]!), 0)} % of hello-world's capacity)`, pass: share >= 0.5 });
  }
  for (const k of ['b', 'c']) {
    const added = med(k, 'p50') - med(k, 'dbMs');
    verdicts.push({ target: `${targets.find((t) => t.key === k)!.name}: BFF adds ≤ 1 ms beyond its database queries`, figure: `p50 ${fmt(med(k, 'p50'), 3)} ms − DB ${fmt(med(k, 'dbMs'), 3)} ms = ${fmt(added, 3)} ms (hello-world p50 ${fmt(hello50, 3)} ms)`, pass: added <= 1 });
  }
  report('hot-reads', verdicts);
  agent.destroy();
  server.stop();
  await new Promise((r) => setTimeout(r, 300));
  await db.stop();
  process.exit(process.exitCode ?? 0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
