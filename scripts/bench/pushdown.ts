// What FerretDB v1 on PostgreSQL pushes down, for the queries the product actually runs.
//
// 1. Runs the BFF's API test suites with QUERY_LOG set: the test harness records every call mongoose makes
//    (collection, method, arguments) — the real queries of the real services, not a hand-written list.
// 2. Groups the calls by shape (fields and operators, not values), keeping one concrete call of each.
// 3. Asks FerretDB (`explain`, on a database with the app's indexes) whether it pushes the filter, the sort and
//    the limit down to PostgreSQL, and prints the table (also written to scripts/bench/pushdown.md).
//
// Run: npx tsx scripts/bench/pushdown.ts [--all] [bff/test/<file>.test.ts …]
// Writes are explained as the `find` of their filter (FerretDB explains find, count and aggregate only).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { createApp } from '../../bff/src/app';
import { loadConfig } from '../../bff/src/config';
import { createLogger } from '../../bff/src/http/logger';
import { table } from './util';

const { startFerretDB } = require('../lib/ferretdb.js') as { startFerretDB: (o: { dataDir: string; throwaway?: boolean }) => Promise<{ uri: string; description: string; stop: () => Promise<void> }> };
const { EJSON } = mongoose.mongo.BSON;

const root = path.resolve(__dirname, '..', '..');
const DEFAULT_SUITES = [
  'workbench', 'registration', 'registration-exits', 'gigs', 'policies', 'insurance', 'assistance', 'services-booking', 'stats',
  'notifications', 'notices-on-cases', 'employer-decisions', 'privacy', 'sms-auth',
].map((n) => `bff/test/${n}.test.ts`);

const args = process.argv.slice(2);
const suites = args.includes('--all') ? ['bff/test'] : args.filter((a) => a.endsWith('.ts')).length ? args.filter((a) => a.endsWith('.ts')) : DEFAULT_SUITES;

type Call = { c: string; m: string; a: unknown[] };

/** The shape of a value: field names and operators kept, values replaced by their type. */
function shape(v: unknown): unknown {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if ((v as { _bsontype?: string })._bsontype === 'ObjectId') return 'id';
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = shape((v as Record<string, unknown>)[k]);
    return out;
  }
  return typeof v;
}
const compact = (v: unknown) => JSON.stringify(v).replace(/"/g, '').replace(/,/g, ', ');

interface Explained { command: Record<string, unknown>; via: string }

/** The explainable command behind a recorded call, or null for inserts, index builds and the like. */
function commandOf(call: Call): Explained | null {
  const [a0, a1] = call.a as [Record<string, unknown> | undefined, Record<string, unknown> | undefined];
  const opts = (a1 ?? {}) as { sort?: unknown; limit?: number; skip?: number };
  switch (call.m) {
    case 'find':
      return { command: { find: call.c, filter: a0 ?? {}, ...(opts.sort ? { sort: opts.sort } : {}), ...(opts.limit ? { limit: opts.limit } : {}), ...(opts.skip ? { skip: opts.skip } : {}) }, via: 'find' };
    case 'findOne':
      return { command: { find: call.c, filter: a0 ?? {}, ...(opts.sort ? { sort: opts.sort } : {}), limit: 1 }, via: 'findOne' };
    case 'countDocuments':
      // What the driver sends for countDocuments.
      return { command: { aggregate: call.c, pipeline: [{ $match: a0 ?? {} }, { $group: { _id: 1, n: { $sum: 1 } } }], cursor: {} }, via: 'countDocuments' };
    case 'aggregate':
      return { command: { aggregate: call.c, pipeline: (call.a[0] as unknown[]) ?? [], cursor: {} }, via: 'aggregate' };
    case 'distinct':
      return { command: { find: call.c, filter: (call.a[1] as object) ?? {} }, via: 'distinct (as find)' };
    case 'updateOne': case 'updateMany': case 'deleteOne': case 'deleteMany': case 'replaceOne':
    case 'findOneAndUpdate': case 'findOneAndDelete': case 'findOneAndReplace':
      return { command: { find: call.c, filter: a0 ?? {} }, via: `${call.m} (filter as find)` };
    default:
      return null;
  }
}

function keyOf(call: Call, cmd: Explained): string {
  const c = cmd.command as { filter?: unknown; sort?: unknown; limit?: unknown; pipeline?: unknown[] };
  if (c.pipeline) return `${call.c} ${call.m} ${compact(shape(c.pipeline))}`;
  return `${call.c} ${call.m} ${compact(shape(c.filter))} sort=${compact(c.sort ?? null)} limit=${c.limit ? 'yes' : 'no'}`;
}

async function main() {
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-pushdown-')), 'calls.jsonl');
  console.log(`recording the queries of ${suites.join(', ')} …`);
  const jest = spawnSync(path.join(root, 'node_modules', '.bin', 'jest'), ['--config', 'jest.config.js', ...suites], {
    cwd: root, env: { ...process.env, QUERY_LOG: logFile, DB_BACKEND: 'postgresql' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const summary = /Tests:.*$/m.exec(jest.stderr ?? '')?.[0] ?? '(no jest summary)';
  console.log(`jest: ${summary}`);
  // A failing test still records its queries; name it so the table's source is known.
  for (const line of (jest.stderr ?? '').split('\n').filter((l) => /^\s+● /.test(l) && !/Console/.test(l)).slice(0, 10)) console.log(`  failed: ${line.trim()}`);
  const calls = fs.readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => EJSON.parse(l, { relaxed: false }) as Call);
  fs.rmSync(path.dirname(logFile), { recursive: true, force: true });

  const groups = new Map<string, { call: Call; cmd: Explained; n: number }>();
  let skipped = 0;
  for (const call of calls) {
    const cmd = commandOf(call);
    if (!cmd) { skipped++; continue; }
    const key = keyOf(call, cmd);
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { call, cmd, n: 1 });
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-pushdown-db-'));
  const db = await startFerretDB({ dataDir, throwaway: true });
  const conn = await mongoose.createConnection(`${db.uri}/pushdown`).asPromise();
  try {
    // The app's models and indexes, as `npm start` creates them.
    createApp({ config: loadConfig({ NODE_ENV: 'test' }), conn, logger: createLogger('silent') });
    await Promise.all(Object.values(conn.models).map((m) => m.init()));
    const existing = new Set((await conn.db!.listCollections().toArray()).map((c) => c.name));
    const rows: { coll: string; via: string; filter: string; sort: string; limit: string; n: number; f: boolean; s: boolean | null; l: boolean | null }[] = [];
    for (const { call, cmd, n } of groups.values()) {
      if (!existing.has(call.c)) { await conn.db!.createCollection(call.c).catch(() => undefined); existing.add(call.c); }
      const c = cmd.command as { filter?: unknown; sort?: unknown; limit?: unknown; pipeline?: unknown[] };
      let out: { filterPushdown?: boolean; sortPushdown?: boolean; limitPushdown?: boolean };
      try {
        out = (await conn.db!.command({ explain: cmd.command, verbosity: 'queryPlanner' })) as typeof out;
      } catch (err) {
        console.log(`explain failed for ${keyOf(call, cmd)}: ${(err as Error).message}`);
        continue;
      }
      rows.push({
        coll: call.c, via: cmd.via, n,
        filter: c.pipeline ? compact(shape(c.pipeline)).slice(0, 90) : compact(shape(c.filter)),
        sort: c.sort ? compact(c.sort) : '', limit: c.limit ? String(c.limit === 1 ? 1 : 'n') : '',
        f: !!out.filterPushdown, s: c.sort ? !!out.sortPushdown : null, l: c.limit ? !!out.limitPushdown : null,
      });
    }
    rows.sort((a, b) => (a.f === b.f ? b.n - a.n : a.f ? 1 : -1));
    const yn = (x: boolean | null) => (x === null ? '' : x ? 'yes' : '**no**');
    const headers = ['collection', 'call', 'filter shape', 'sort', 'limit', 'calls in tests', 'filter pushed down', 'sort pushed down', 'limit pushed down'];
    const body = rows.map((r) => [r.coll, r.via, r.filter.replace(/\|/g, '\\|'), r.sort, r.limit, r.n, yn(r.f), yn(r.s), yn(r.l)]);
    console.log(table(headers, body));
    const total = rows.reduce((s, r) => s + r.n, 0);
    const pushed = rows.filter((r) => r.f);
    const pushedCalls = pushed.reduce((s, r) => s + r.n, 0);
    const idOnly = rows.filter((r) => !r.f && r.filter === '{}');
    const notPushed = rows.filter((r) => !r.f && r.filter !== '{}');
    const sorted = rows.filter((r) => r.s !== null);
    const lines = [
      `${rows.length} query shapes from ${total} recorded calls (${skipped} inserts/index builds not explained), ${db.description}.`,
      `Filter pushed down: ${pushed.length} shapes (${Math.round((pushedCalls / total) * 100)} % of calls); not pushed down: ${notPushed.length} shapes with a filter, ${idOnly.length} without one (whole-collection reads).`,
      `Sort pushed down: ${sorted.filter((r) => r.s).length} of ${sorted.length} sorted shapes.`,
    ];
    for (const l of lines) console.log(l);
    const md = [
      '# What FerretDB v1 on PostgreSQL pushes down (`scripts/bench/pushdown.ts`)', '',
      `Recorded from: ${suites.join(', ')} (jest ${summary}). Generated ${new Date().toISOString().slice(0, 10)}; do not edit by hand.`, '',
      ...lines.map((l) => `- ${l}`), '',
      `| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`,
      ...body.map((r) => `| ${r.join(' | ')} |`), '',
    ].join('\n');
    fs.writeFileSync(path.join(__dirname, 'pushdown.md'), md);
  } finally {
    await conn.close();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
