import { DEMO_CITY, HARBIN_DISTRICTS } from '@doorstep/shared';
import type { Connection } from 'mongoose';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../http/logger';
import { regionModel } from '../modules/regions/model';
import { connectForCli } from './db';
import { seedDemoGigs } from './seed-gigs';
import { seedPolicies } from './seed-policies';

export const DEMO_STAFF = { phone: '13800000000', name: '王经办', center: '道里区公共就业服务中心' };
export const DEMO_EMPLOYERS = [
  { phone: '13800000101', name: '哈尔滨顺达物流有限公司' },
  { phone: '13800000102', name: '道里区老张家常菜馆' },
  { phone: '13800000103', name: '松北区李女士（家政雇主）' },
];
const SEED_ID = 'demo-v1';

/** Loads the demo city once per database; running it again changes nothing. */
export async function seedDemo(conn: Connection): Promise<'seeded' | 'already'> {
  const runs = conn.collection<{ _id: string; at: Date }>('seed_runs');
  if (await runs.findOne({ _id: SEED_ID })) return 'already';
  const Region = regionModel(conn);
  await Region.init();
  for (const d of HARBIN_DISTRICTS) {
    await Region.updateOne({ code: d.code }, { $set: { name: d.name, cityCode: DEMO_CITY.code, center: d.center, streets: d.streets } }, { upsert: true });
  }
  const config = loadConfig();
  const { services } = createApp({ config, conn, logger: createLogger('silent') });
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
  await services.auth.upsertStaff(DEMO_STAFF.phone, DEMO_STAFF.name, DEMO_STAFF.center);
  for (const e of DEMO_EMPLOYERS) await services.auth.ensureUser(e.phone, { roles: ['worker', 'employer'], activeRole: 'employer', displayName: e.name });
  await seedDemoGigs(services, DEMO_STAFF, DEMO_EMPLOYERS);
  await seedPolicies(services.policies);
  await runs.insertOne({ _id: SEED_ID, at: new Date() }).catch((err) => { if (err.code !== 11000) throw err; });
  return 'seeded';
}

if (require.main === module) {
  (async () => {
    const { conn, close } = await connectForCli();
    const result = await seedDemo(conn);
    process.stdout.write(result === 'seeded' ? `demo data loaded: ${HARBIN_DISTRICTS.length} districts of ${DEMO_CITY.name}, staff ${DEMO_STAFF.phone}, ${DEMO_EMPLOYERS.length} employers\n` : 'demo data already present\n');
    await close();
  })().catch((err) => { process.stderr.write(`seed failed: ${err.message}\n`); process.exit(1); });
}
