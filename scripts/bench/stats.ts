// Benchmark: the staff dashboard's aggregation pipelines on 50,000 registrations and 100,000 gigs
// (plus policy applications) in a throwaway FerretDB v1 (SQLite), as `npm start` and the tests use.
// Run: npx tsx scripts/bench/stats.ts [--registrations 50000] [--gigs 100000] [--applications 5000] [--runs 2]
// Against MongoDB instead: MONGODB_URI=mongodb://127.0.0.1:27017 npx tsx scripts/bench/stats.ts
// Prints each pipeline's time and row count, the dashboard total, the inbox and one CSV export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { GIG_CATEGORIES, HARBIN_DISTRICTS, SERVICE_CENTERS, UNEMPLOYMENT_REASONS, geohashFields, toChinaDateString } from '@doorstep/shared';
import { createApp } from '../../bff/src/app';
import { loadConfig } from '../../bff/src/config';
import { createLogger } from '../../bff/src/http/logger';
import { monthOf } from '../../bff/src/modules/stats/service';

 
const { startFerretDB } = require('../lib/ferretdb.js') as { startFerretDB: (o: { dataDir: string }) => Promise<{ uri: string; stop: () => Promise<void> }> };

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N_REG = arg('registrations', 50_000);
const N_GIG = arg('gigs', 100_000);
const N_APP = arg('applications', 5_000);
const RUNS = arg('runs', 2);

// mulberry32: a small PRNG with a full 2^32 period (a float LCG loses precision and repeats early).
let seed = 20260929;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const DAY = 86400_000;
const NOW = Date.parse('2026-09-29T10:00:00+08:00');

function registrationDoc(i: number) {
  const d = pick(HARBIN_DISTRICTS);
  const submittedAt = new Date(NOW - Math.floor(rnd() * 730) * DAY - Math.floor(rnd() * DAY));
  const status = pick(['approved', 'approved', 'approved', 'exited', 'exited', 'submitted', 'under_review', 'rejected', 'returned', 'draft'] as const);
  const reason = pick(UNEMPLOYMENT_REASONS);
  const hadJob = reason !== 'graduate' && reason !== 'veteran';
  const approvedAt = ['approved', 'exited'].includes(status) ? new Date(submittedAt.getTime() + Math.floor(rnd() * 12) * DAY) : null;
  const exitAt = status === 'exited' ? new Date(Math.min(NOW, approvedAt!.getTime() + Math.floor(rnd() * 300) * DAY)) : null;
  const userId = new Types.ObjectId();
  return {
    userId, status, district: d.code, centerCode: `SC${d.code}`,
    form: {
      realName: '张建国', idType: 'resident_id', birthDate: '1980-05-12', sex: pick(['male', 'female']), residenceDistrict: d.code, residenceStreet: pick(d.streets),
      residenceAddress: '示例路 1 号', hukouPlace: '黑龙江省哈尔滨市', unemploymentReason: reason, lastEmployer: hadJob ? '哈尔滨某机械厂' : undefined,
      lastJobEndDate: hadJob ? toChinaDateString(new Date(submittedAt.getTime() - Math.floor(rnd() * 400) * DAY)) : undefined, education: 'senior',
      skills: ['电焊'], certificates: [], desiredOccupations: ['焊工'], desiredDistricts: [d.code], expectedMonthlyPay: 4500, workModes: ['full_time'],
      serviceNeeds: ['job_referral'], claimUnemploymentInsurance: rnd() < 0.4, hardships: [], ableToWork: true, wantsWork: true, currentlyEmployed: false,
    },
    idNumberEnc: 'x'.repeat(88), idHash: `h${i}`, submittedAt, dueDate: toChinaDateString(new Date(submittedAt.getTime() + 9 * DAY)),
    approvedAt, exit: exitAt ? { reason: pick(['employed', 'employed', 'cancel']), employer: null, employedOn: null, note: null, at: exitAt, by: userId } : null,
    classification: { category: '一般失业人员', level: 'C' }, nextFollowUpOn: status === 'approved' ? toChinaDateString(new Date(NOW + Math.floor(rnd() * 90 - 10) * DAY)) : null,
    followUps: [], submitKeys: [`k${i}`], commitment: { version: '2026-01', acceptedAt: submittedAt }, returnReason: null, rejectReason: null,
    timeline: [{ type: 'created', at: submittedAt, by: null, reason: null }, { type: 'submitted', at: submittedAt, by: null, reason: null }, ...(approvedAt ? [{ type: 'approved', at: approvedAt, by: null, reason: null }] : [])],
    createdAt: submittedAt, updatedAt: exitAt ?? approvedAt ?? submittedAt,
  };
}

function gigDoc() {
  const d = pick(HARBIN_DISTRICTS);
  const place = { lat: d.center.lat + (rnd() - 0.5) * 0.12, lng: d.center.lng + (rnd() - 0.5) * 0.16 };
  const createdAt = new Date(NOW - Math.floor(rnd() * 365) * DAY);
  const headcount = 1 + Math.floor(rnd() * 5);
  const filled = Math.min(headcount, Math.floor(rnd() * (headcount + 2)));
  const startAt = new Date(createdAt.getTime() + 2 * DAY);
  return {
    ownerId: new Types.ObjectId(), employerId: new Types.ObjectId(), employerName: '哈尔滨顺达物流有限公司', employerKind: 'enterprise', commitment: false,
    title: '仓库搬运装卸', category: pick(GIG_CATEGORIES), headcount, filled, payAmount: 200, payUnit: 'day', payDaily: 200, settlement: 'daily',
    date: toChinaDateString(startAt), startTime: '08:00', endTime: '17:00', startAt, endAt: new Date(startAt.getTime() + 9 * 3600_000),
    lat: place.lat, lng: place.lng, ...geohashFields(place), address: `${d.name}示例路 8 号`, requirements: '能吃苦，有力气', contactName: '李经理',
    contactPhoneEnc: 'y'.repeat(60), urgent: rnd() < 0.2, elderFriendly: rnd() < 0.3, status: pick(['open', 'open', 'closed', 'review', 'rejected']),
    reviewNote: null, notifiedWorkers: 0, filledAt: filled >= headcount ? new Date(createdAt.getTime() + Math.floor(rnd() * 72 * 3600_000)) : null,
    createdAt, updatedAt: createdAt,
  };
}

async function insertMany(col: mongoose.mongo.Collection, n: number, make: (i: number) => Record<string, unknown>, label: string) {
  const t0 = Date.now();
  for (let b = 0; b < n; b += 2000) {
    const docs = Array.from({ length: Math.min(2000, n - b) }, (_, k) => make(b + k));
    await col.insertMany(docs, { ordered: false });
  }
  console.log(`  ${label}: ${n} documents in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

(async () => {
  let db: { uri: string; stop: () => Promise<void> } | null = null;
  let dataDir: string | null = null;
  let base = process.env.MONGODB_URI?.replace(/\/[^/?]*(\?.*)?$/, '');
  if (!base) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-stats-'));
    db = await startFerretDB({ dataDir });
    base = db.uri;
  }
  const conn = await mongoose.createConnection(`${base}/bench_stats_${Date.now()}`).asPromise();
  try {
    const { services } = createApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), conn, logger: createLogger('silent'), now: () => NOW });
    await Promise.all(Object.values(conn.models).map((m) => m.init()));
    console.log(`${process.env.MONGODB_URI ? 'MongoDB' : 'FerretDB v1 (SQLite)'}: generating data…`);
    const regs: { userId: Types.ObjectId }[] = [];
    await insertMany(conn.collection('registrations'), N_REG, (i) => { const d = registrationDoc(i); if (regs.length < N_APP) regs.push(d); return d; }, 'registrations');
    await insertMany(conn.collection('gigs'), N_GIG, () => gigDoc(), 'gigs');
    await insertMany(conn.collection('policy_applications'), N_APP, (i) => ({
      policyId: `p${i % 6}`, policyTitle: `示例政策 ${i % 6}`, policyVersion: 1, userId: regs[i % regs.length]!.userId.toString(), applicantName: '张建国',
      period: `p${i}`, status: pick(['submitted', 'approved', 'approved', 'returned', 'rejected']), facts: { age: 40 }, amount: 1000, note: null, reason: null,
      decidedBy: null, decidedAt: null, createdAt: new Date(NOW - Math.floor(rnd() * 60) * DAY), updatedAt: new Date(NOW),
    }), 'policy applications');

    const center = SERVICE_CENTERS.find((c) => c.code === 'SC230103')!;
    const month = monthOf(new Date(NOW));
    for (let run = 1; run <= RUNS; run++) {
      const timings: string[] = [];
      const t0 = Date.now();
      await services.stats.recompute(month, (name, ms, rows) => timings.push(`    ${name.padEnd(44)} ${String(ms).padStart(8)} ms  ${String(rows).padStart(6)} rows`));
      console.log(`\nrun ${run}: city-wide pass for ${month} (all centers, one scan per pipeline) in ${((Date.now() - t0) / 1000).toFixed(2)} s`);
      for (const l of timings) console.log(l);
    }
    const staff = await services.auth.upsertStaff('13900000001', '基准经办', center.name);
    const staffId = staff.id;
    let t1 = Date.now();
    const d = await services.stats.dashboard(staffId, { month });
    console.log(`\ndashboard of ${center.name} served from the snapshot: ${Date.now() - t1} ms`);
    console.log(`    registered now ${d.registrations.registeredNow}, pending ${d.registrations.pending}, new ${d.registrations.newThisMonth}, exits ${d.registrations.exitsThisMonth}, on time ${d.registrations.handling.decidedOnTime} / late ${d.registrations.handling.decidedLate}`);
    console.log(`    gigs posted ${d.gigs.posted}, filled ${d.gigs.filled} (${d.gigs.fillRate}), median ${d.gigs.medianHoursToFill} h; policy applications ${d.policies.total}`);
    t1 = Date.now();
    const csv = await services.stats.exportCsv(staffId, { table: 'district', month });
    console.log(`CSV export of one table (snapshot + audit entry): ${Date.now() - t1} ms, ${csv.rows} rows`);
    t1 = Date.now();
    const inbox = await services.workbench.inbox(staffId, {});
    console.log(`inbox of ${center.name} (all queues, live queries): ${((Date.now() - t1) / 1000).toFixed(2)} s, ${inbox.counts.all} items, ${inbox.counts.overdue} overdue`);
  } finally {
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
    await db?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
})().catch((err) => { console.error(err); process.exit(1); });
