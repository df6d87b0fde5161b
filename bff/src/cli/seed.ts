import { DEMO_CITY, HARBIN_DISTRICTS } from '@doorstep/shared';
import type { Connection } from 'mongoose';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../http/logger';
import { regionModel } from '../modules/regions/model';
import { connectForCli } from './db';
import { isDuplicateKey } from '../db/errors';
import { seedDemoGigs } from './seed-gigs';
import { seedPolicies } from './seed-policies';

export const DEMO_STAFF = { phone: '13800000000', name: '王经办', center: '道里区公共就业服务中心' };
/** The demo city's 市级管理员: city-wide settings and the policy catalog. */
export const DEMO_CITY_ADMIN = { phone: '13800000009', name: '周管理' };
export const DEMO_EMPLOYERS = [
  { phone: '13800000101', name: '哈尔滨顺达物流有限公司' },
  { phone: '13800000102', name: '道里区老张家常菜馆' },
  { phone: '13800000103', name: '松北区李女士（家政雇主）' },
];
/**
 * Each part of the demo data has its own marker in `seed_runs`, so a database seeded by an older version
 * still receives the parts added later (gigs, policies) while nothing is loaded twice.
 */
const PARTS = ['demo-v1', 'demo-gigs-v1', 'demo-policies-v1', 'demo-services-v1'] as const;

/** The demo data includes a staff account with a published phone number: never in production. */
export function assertNotProduction(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production') throw new Error('the demo seed refuses to run with NODE_ENV=production (it creates a demo staff account with a public phone number)');
}

/** Loads the demo city once per database; running it again changes nothing. Refuses production. */
export async function seedDemo(conn: Connection, env: NodeJS.ProcessEnv = process.env): Promise<'seeded' | 'already'> {
  assertNotProduction(env);
  const runs = conn.collection<{ _id: string; at: Date }>('seed_runs');
  const done = new Set((await runs.find({ _id: { $in: [...PARTS] } }).toArray()).map((r) => r._id));
  if (PARTS.every((p) => done.has(p))) return 'already';
  const config = loadConfig();
  const { services } = createApp({ config, conn, logger: createLogger('silent') });
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
  const mark = (id: string) => runs.insertOne({ _id: id, at: new Date() }).catch((err) => { if (!isDuplicateKey(err)) throw err; });
  if (!done.has('demo-v1')) {
    const Region = regionModel(conn);
    for (const d of HARBIN_DISTRICTS) {
      await Region.updateOne({ code: d.code }, { $set: { name: d.name, cityCode: DEMO_CITY.code, center: d.center, streets: d.streets } }, { upsert: true });
    }
    await services.auth.upsertStaff(DEMO_STAFF.phone, DEMO_STAFF.name, DEMO_STAFF.center);
    for (const e of DEMO_EMPLOYERS) await services.auth.ensureUser(e.phone, { roles: ['worker', 'employer'], activeRole: 'employer', displayName: e.name });
    await mark('demo-v1');
  }
  if (!done.has('demo-gigs-v1')) { await seedDemoGigs(services, DEMO_STAFF, DEMO_EMPLOYERS); await mark('demo-gigs-v1'); }
  if (!done.has('demo-policies-v1')) { await seedPolicies(services.policies); await mark('demo-policies-v1'); }
  if (!done.has('demo-city-admin-v1')) {
    await services.auth.upsertStaff(DEMO_CITY_ADMIN.phone, DEMO_CITY_ADMIN.name, null, 'city');
    await mark('demo-city-admin-v1');
  }
  if (!done.has('demo-services-v1')) {
    // 服务事项清单: the standard list with its 办事指南 for every center (centers edit their own afterwards).
    await services.serviceDesk.seedStandard();
    await mark('demo-services-v1');
  }
  return 'seeded';
}

if (require.main === module) {
  (async () => {
    assertNotProduction();
    const { conn, close } = await connectForCli();
    const result = await seedDemo(conn);
    process.stdout.write(result === 'seeded' ? `demo data loaded: ${HARBIN_DISTRICTS.length} districts of ${DEMO_CITY.name}, staff ${DEMO_STAFF.phone}, ${DEMO_EMPLOYERS.length} employers\n` : 'demo data already present\n');
    await close();
  })().catch((err) => { process.stderr.write(`seed failed: ${err.message}\n`); process.exit(1); });
}
