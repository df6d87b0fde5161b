// Benchmark data set: 100,000 open gigs around Harbin in a throwaway FerretDB, written through the
// real mongoose models with the geohash fields GigService.post() writes (geohashFields()).
//
// The database is either the one named by BENCH_MONGODB_URI (run.mjs starts one FerretDB and both
// nearby.ts and hot-reads.ts use it, so the data is loaded once per run) or a FerretDB started here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types, type Connection } from 'mongoose';
import {
  EMPLOYER_KINDS, GIG_CATEGORIES, HARBIN_DISTRICTS, SETTLEMENTS, chinaDateTime, dailyPayEstimate, geohashFields, toChinaDateString,
  type LatLng,
} from '@doorstep/shared';
import { DEV_ENCRYPTION_KEY } from '../../bff/src/config';
import { employerModel } from '../../bff/src/modules/employers/model';
import { gigModels, type Gig } from '../../bff/src/modules/gigs/model';
import { createPii } from '../../bff/src/security/pii';
import { gauss, hrMs, rng } from './util';

 
const { startFerretDB } = require('../lib/ferretdb.js') as {
  startFerretDB(o: { dataDir: string }): Promise<{ uri: string; stop(): Promise<void> }>;
};

export const GIG_COUNT = Number(process.env.BENCH_GIGS ?? 100_000);
export const EMPLOYER_COUNT = 3_000;
export const DATA_VERSION = 3; // bump when the generator changes
const SEED = 20260310;
const BATCH = 1_000;

/** City core (道里/南岗 boundary, around 中央大街–哈尔滨站). */
export const CORE: LatLng = { lat: 45.755, lng: 126.63 };
/** Urban area box (main districts and near suburbs), roughly 45 km × 44 km. */
export const URBAN = { minLat: 45.55, maxLat: 45.95, minLng: 126.35, maxLng: 126.92 };
const URBAN_DISTRICTS = ['道里区', '南岗区', '道外区', '香坊区', '松北区', '平房区', '呼兰区'];

const KM_PER_DEG_LAT = 111.195;
function offset(c: LatLng, northKm: number, eastKm: number): LatLng {
  return { lat: c.lat + northKm / KM_PER_DEG_LAT, lng: c.lng + eastKm / (KM_PER_DEG_LAT * Math.cos((c.lat * Math.PI) / 180)) };
}

/**
 * Where gigs (and the people looking for them) are: 25 % a dense core (σ 1.5 km), 50 % around the
 * urban district centres (σ 3 km), 25 % spread evenly over the urban box.
 */
export function samplePoint(rand: () => number): LatLng {
  const r = rand();
  if (r < 0.25) return offset(CORE, gauss(rand) * 1.5, gauss(rand) * 1.5);
  if (r < 0.75) {
    const name = URBAN_DISTRICTS[Math.floor(rand() * URBAN_DISTRICTS.length)];
    const d = HARBIN_DISTRICTS.find((x) => x.name === name)!;
    return offset(d.center, gauss(rand) * 3, gauss(rand) * 3);
  }
  return { lat: URBAN.minLat + rand() * (URBAN.maxLat - URBAN.minLat), lng: URBAN.minLng + rand() * (URBAN.maxLng - URBAN.minLng) };
}

const TITLES: Record<(typeof GIG_CATEGORIES)[number], string[]> = {
  搬运装卸: ['仓库搬运装卸工', '搬家帮工', '货车卸货'],
  家政保洁: ['家庭保洁', '开荒保洁', '钟点工'],
  餐饮帮厨: ['饭店帮厨', '洗碗工', '传菜员'],
  建筑零工: ['工地小工', '装修辅工', '钢筋绑扎'],
  快递分拣: ['快递分拣', '夜班分拣', '包裹装车'],
  农业采摘: ['大棚采摘', '蔬菜分拣', '果园帮工'],
  维修安装: ['空调安装帮手', '家电维修', '水电安装'],
  促销导购: ['超市促销', '商场导购', '发传单'],
  保安值守: ['活动安保', '停车场值守', '夜间看护'],
  其他: ['展会布展', '临时帮工', '活动协助'],
};

export interface BenchDb { conn: Connection; uri: string; now: number; stop(): Promise<void> }

/** Connects to BENCH_MONGODB_URI or starts a throwaway FerretDB; loads the data set unless already there. */
export async function openBenchDb(opts: { monitorCommands?: boolean } = {}): Promise<BenchDb> {
  let uri = process.env.BENCH_MONGODB_URI;
  let stopDb: () => Promise<void> = async () => undefined;
  let dataDir: string | null = null;
  if (!uri) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-bench-db-'));
    const db = await startFerretDB({ dataDir });
    uri = `${db.uri}/bench`;
    stopDb = db.stop;
  }
  const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20, monitorCommands: opts.monitorCommands ?? false }).asPromise();
  await ensureData(conn);
  return {
    conn, uri, now: Date.now(),
    async stop() {
      await conn.close();
      await stopDb();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface DatasetMarker { _id: string; version: number; gigs: number; loadedAt: Date }

async function ensureData(conn: Connection): Promise<void> {
  const meta = conn.db!.collection<DatasetMarker>('bench_meta');
  const marker = await meta.findOne({ _id: 'dataset' });
  const { Gig } = gigModels(conn);
  if (marker && marker.version === DATA_VERSION && marker.gigs === GIG_COUNT && (await Gig.estimatedDocumentCount()) === GIG_COUNT) return;
  await conn.dropDatabase();
  const t0 = process.hrtime.bigint();
  await loadData(conn);
  await meta.insertOne({ _id: 'dataset', version: DATA_VERSION, gigs: GIG_COUNT, loadedAt: new Date() });
  console.error(`[bench] loaded ${GIG_COUNT} gigs and ${EMPLOYER_COUNT} employers in ${(hrMs(t0) / 1000).toFixed(1)} s`);
}

async function loadData(conn: Connection): Promise<void> {
  const rand = rng(SEED);
  const pii = createPii(DEV_ENCRYPTION_KEY);
  const Employer = employerModel(conn);
  const { Gig } = gigModels(conn);
  await Promise.all([Employer.init(), Gig.init()]);
  const now = new Date();

  const employers = Array.from({ length: EMPLOYER_COUNT }, (_, i) => {
    const ratingCount = Math.floor(rand() * 40);
    return {
      _id: new Types.ObjectId(), userId: new Types.ObjectId(), kind: EMPLOYER_KINDS[i % EMPLOYER_KINDS.length]!, name: `哈尔滨测试用工单位${i + 1}号`,
      creditCode: null, contactName: '张经理', contactPhoneEnc: pii.encrypt(`138${String(10000000 + i)}`), address: '哈尔滨市道里区',
      commitment: rand() < 0.2, status: rand() < 0.8 ? 'verified' : 'commitment', submittedAt: now, reviewDeadline: toChinaDateString(now),
      reviewedAt: now, reviewedBy: null, rejectReason: null, ratingSum: Math.round(ratingCount * (3 + rand() * 2)), ratingCount,
    };
  });
  for (let i = 0; i < employers.length; i += BATCH) await Employer.insertMany(employers.slice(i, i + BATCH));

  const day = 86_400_000;
  for (let i = 0; i < GIG_COUNT; i += BATCH) {
    const batch: Partial<Gig>[] = [];
    for (let j = i; j < Math.min(GIG_COUNT, i + BATCH); j++) {
      const e = employers[Math.floor(rand() * employers.length)]!;
      const place = samplePoint(rand);
      const category = GIG_CATEGORIES[Math.floor(rand() * GIG_CATEGORIES.length)]!;
      const payUnit = rand() < 0.6 ? 'day' : rand() < 0.8 ? 'hour' : 'piece';
      const payAmount = payUnit === 'day' ? 100 + Math.floor(rand() * 26) * 10 : payUnit === 'hour' ? 18 + Math.floor(rand() * 25) : 1 + Math.floor(rand() * 10);
      // Tomorrow … two weeks ahead, so every gig stays open for the whole run.
      const date = toChinaDateString(new Date(now.getTime() + (1 + Math.floor(rand() * 14)) * day));
      const startH = 7 + Math.floor(rand() * 8);
      const startTime = `${String(startH).padStart(2, '0')}:${rand() < 0.5 ? '00' : '30'}`;
      const endTime = `${String(Math.min(23, startH + 3 + Math.floor(rand() * 6))).padStart(2, '0')}:00`;
      const headcount = 1 + Math.floor(rand() * 8);
      batch.push({
        _id: new Types.ObjectId(), ownerId: e.userId, employerId: e._id, employerName: e.name, employerKind: e.kind, commitment: e.commitment,
        title: TITLES[category][Math.floor(rand() * 3)]!, category, headcount, filled: Math.floor(rand() * headcount), payAmount, payUnit,
        payDaily: dailyPayEstimate(payAmount, payUnit), settlement: SETTLEMENTS[Math.floor(rand() * SETTLEMENTS.length)]!, date, startTime, endTime,
        startAt: chinaDateTime(date, startTime), endAt: chinaDateTime(date, endTime),
        lat: place.lat, lng: place.lng, ...geohashFields(place), address: `哈尔滨市测试街 ${j % 997} 号`, requirements: '能吃苦，按时到岗，男女不限。',
        contactName: '张经理', contactPhoneEnc: e.contactPhoneEnc, urgent: rand() < 0.1, elderFriendly: rand() < 0.3, status: 'open', reviewNote: null,
        notifiedWorkers: 0, createdAt: new Date(now.getTime() - Math.floor(rand() * 7 * day)),
      });
    }
    // Full mongoose validation and casting; explicit createdAt values are kept (the "newest" sort needs distinct ones).
    await Gig.insertMany(batch);
    if ((i / BATCH) % 20 === 19) console.error(`[bench] … ${i + BATCH} gigs`);
  }
}
