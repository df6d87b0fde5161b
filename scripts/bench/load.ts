// Benchmark: mixed traffic against the real BFF on the 100,000-gig data set (issue 16 item 6) — not a timed test.
// Run: npx tsx scripts/bench/load.ts   (or `npm run bench` for all benchmarks)
//
// Target: 200 connections for 60 s of nearby 50 %, gig detail 20 %, policy search 15 %, apply 10 % and
// registration draft save 5 %, with zero 5xx; p50/p99 reported. Every request carries its own random
// choice (a new place for every nearby search, a random gig, a random signed-in worker who has no other
// request in flight: one person, one phone).
// Options (environment): BENCH_LOAD_CONNECTIONS (200), BENCH_LOAD_SECONDS (60), BENCH_LOAD_WORKERS (200: people each save their own draft, as real ones do).
// The load generator is one address, so the server lifts its per-client limits (nearby searches and SMS
// logins per address); every other rule (validation, idempotency, the consistency leases) is as deployed.
import http from 'node:http';
import { URBAN, openBenchDb, samplePoint } from './data';
import { startServer } from './server';
import { fmt, report, rng, table, type Verdict } from './util';

const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<{
  requests: { average: number; total: number }; latency: { p50: number; p90: number; p99: number; max: number }; errors: number; timeouts: number;
  '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number;
}>;

const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 200);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const WORKERS = Number(process.env.BENCH_LOAD_WORKERS ?? 200);
const CLIENT_TIMEOUT_S = 10; // a request unanswered after this counts as a timeout
const MIX = [['nearby', 0.5], ['detail', 0.2], ['policy', 0.15], ['apply', 0.1], ['draft', 0.05]] as const;
type Kind = (typeof MIX)[number][0];
const QUERIES = ['失业金', '创业', '培训补贴', '社保补贴', '就业困难', '一次性', '吸纳就业', '稳岗'];

function call(port: number, method: string, p: string, body?: unknown, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, path: p, method, headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let out = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { out += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: out }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** A signed-in worker through the real SMS login (the development outbox gives the code). */
async function worker(port: number, phone: string): Promise<string> {
  const sent = await call(port, 'POST', '/api/auth/sms/send', { phone });
  if (sent.status !== 200) throw new Error(`sms send ${sent.status}: ${sent.body}`);
  const outbox = JSON.parse((await call(port, 'GET', `/api/dev/sms-outbox?phone=${phone}`)).body) as { messages: { text: string }[] };
  const code = outbox.messages.map((m) => /验证码 (\d{6})/.exec(m.text)).find(Boolean)?.[1];
  const login = await call(port, 'POST', '/api/auth/sms/login', { phone, code });
  if (login.status !== 200) throw new Error(`sms login ${login.status}: ${login.body}`);
  return (JSON.parse(login.body) as { accessToken: string }).accessToken;
}

(async () => {
  const db = await openBenchDb();
  const gigIds = (await db.conn.collection('gigs').find({ status: 'open' }, { projection: { _id: 1 } }).limit(5000).toArray()).map((g) => String(g._id));
  await db.conn.close(); // the server process opens its own connection
  const server = await startServer(db.uri, {
    BENCH_CONFIG: JSON.stringify({ RATE_NEARBY_PER_MINUTE: '10000000', SMS_IP_HOURLY_LIMIT: '10000', SMS_LOGIN_IP_HOURLY_LIMIT: '100000', RATE_POLICY_CALCULATOR_PER_MINUTE: '10000000' }),
  });
  const port = server.ports.bff;
  console.log(`server ready: ${server.ports.gigs} open gigs in the nearby index; ${gigIds.length} gig ids sampled`);
  const tokens: string[] = [];
  for (let i = 0; i < WORKERS; i++) tokens.push(await worker(port, `139${String(70_000_000 + i).padStart(8, '0')}`));
  console.log(`${tokens.length} workers signed in; ${CONNECTIONS} connections × ${SECONDS} s`);

  const rand = rng(20261202);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const byKind: Record<Kind, Record<string, number>> = { nearby: {}, detail: {}, policy: {}, apply: {}, draft: {} };
  const fiveHundreds: string[] = [];
  // A person has one phone: at most one request of theirs is in flight. apply/draft take a signed-in worker
  // who is not waiting for an answer (random among them) and give them back with the answer. A timed-out
  // request gets no answer: that person has given up waiting and may tap again once the timeout is over.
  const idle = [...tokens];
  const waiting = new Map<string, number>(); // token → when its request was sent
  const takeWorker = (ctx: Record<string, unknown>): string => {
    if (!idle.length) for (const [tok, at] of waiting) if (Date.now() - at > CLIENT_TIMEOUT_S * 1000) { waiting.delete(tok); idle.push(tok); }
    const tok = idle.length ? idle.splice(Math.floor(rand() * idle.length), 1)[0]! : pick(tokens);
    waiting.set(tok, Date.now());
    ctx.token = tok;
    return tok;
  };
  const choose = (): Kind => {
    let r = rand();
    for (const [k, w] of MIX) { if ((r -= w) < 0) return k; }
    return 'nearby';
  };
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: CLIENT_TIMEOUT_S,
    requests: [{
      setupRequest: (req: Record<string, unknown>, ctx: Record<string, unknown>) => {
        const kind = choose();
        ctx.kind = kind;
        const headers = { 'accept-encoding': 'gzip, deflate, br', 'content-type': 'application/json' };
        switch (kind) {
          case 'nearby': {
            const at = rand() < 0.5 ? samplePoint(rand) : { lat: URBAN.minLat + rand() * (URBAN.maxLat - URBAN.minLat), lng: URBAN.minLng + rand() * (URBAN.maxLng - URBAN.minLng) };
            return { ...req, method: 'GET', path: `/api/gigs/nearby?lat=${at.lat.toFixed(5)}&lng=${at.lng.toFixed(5)}&radiusKm=${pick([1, 3, 5, 10])}&sort=${pick(['distance', 'pay', 'newest'])}`, headers, body: undefined };
          }
          case 'detail': return { ...req, method: 'GET', path: `/api/gigs/${pick(gigIds)}`, headers, body: undefined };
          case 'policy': return { ...req, method: 'GET', path: `/api/policies?q=${encodeURIComponent(pick(QUERIES))}`, headers, body: undefined };
          case 'apply': return { ...req, method: 'POST', path: `/api/gigs/${pick(gigIds)}/apply`, headers: { ...headers, authorization: `Bearer ${takeWorker(ctx)}` }, body: '{}' };
          case 'draft': return {
            ...req, method: 'PUT', path: '/api/registration/draft', headers: { ...headers, authorization: `Bearer ${takeWorker(ctx)}` },
            body: JSON.stringify({ form: { residenceDistrict: '230102', education: pick(['junior', 'senior', 'vocational']), expectedMonthlyPay: 3000 + Math.floor(rand() * 40) * 100 } }),
          };
        }
      },
      onResponse: (status: number, body: string, ctx: Record<string, unknown>) => {
        const k = ctx.kind as Kind;
        if (typeof ctx.token === 'string' && waiting.delete(ctx.token)) idle.push(ctx.token);
        byKind[k][status] = (byKind[k][status] ?? 0) + 1;
        if (status >= 500 && fiveHundreds.length < 10) fiveHundreds.push(`${k} ${status} ${body.slice(0, 200)}`);
      },
    }],
  });
  server.stop();
  await server.exited; // (a CPU profile, when asked for, is written as the server exits)

  console.log(table(['kind', 'requests', 'statuses'], MIX.map(([k]) => [k, Object.values(byKind[k]).reduce((a, b) => a + b, 0), Object.entries(byKind[k]).map(([s, n]) => `${s}×${n}`).join(' ')])));
  if (fiveHundreds.length) console.log(`5xx samples:\n  ${fiveHundreds.join('\n  ')}`);
  const total = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  console.log(`${total} responses (${fmt(result.requests.average, 0)} req/s); 2xx ${result['2xx']}, 4xx ${result['4xx']}, 5xx ${result['5xx']}; errors ${result.errors}, timeouts ${result.timeouts}; latency p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  const verdicts: Verdict[] = [{
    target: `${CONNECTIONS} connections × ${SECONDS} s mixed traffic (nearby 50 %, detail 20 %, policy 15 %, apply 10 %, draft 5 %): zero 5xx`,
    figure: `${result['5xx']} 5xx of ${total} (errors ${result.errors}, timeouts ${result.timeouts}); ${fmt(result.requests.average, 0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    pass: result['5xx'] === 0 && result.errors === 0 && result.timeouts === 0 && total > 0,
  }];
  report('load', verdicts);
  await db.stop();
  process.exit(process.exitCode ?? 0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
