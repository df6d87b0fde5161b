import { Types } from 'mongoose';
import { startTestApp, type TestApp } from './support/harness';

/**
 * The embedded database (FerretDB v1 on PostgreSQL) answers equality filters from an index: the launcher's
 * GIN twins (scripts/lib/gin-twins.sql) of the btrees FerretDB builds, which its `@>` filters cannot use.
 * Checked with FerretDB's explain, which carries PostgreSQL's plan.
 */
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const planOf = async (collection: string, filter: Record<string, unknown>) => {
  const ex = await t.conn.db!.command({ explain: { find: collection, filter } });
  return { ex, plan: JSON.stringify(ex.queryPlanner ?? ex) };
};

test('an _id lookup and an equality on an indexed field use an index, also on collections created after the start', async () => {
  const probe = await planOf('vacancies', {});
  const onPostgres = Boolean(probe.ex.serverInfo?.ferretdbVersion) && probe.plan.includes('Relation Name');
  if (!onPostgres) {
    // MongoDB (MONGODB_URI) or FerretDB on SQLite: PostgreSQL plans do not apply.
    expect(process.env.MONGODB_URI || process.env.DB_BACKEND === 'sqlite').toBeTruthy();
    return;
  }
  // A collection and index made now, after the launcher ran: the event trigger adds the twin.
  const col = t.conn.db!.collection('index_probe');
  await col.createIndex({ code: 1 });
  const docs = Array.from({ length: 3000 }, (_, i) => ({ _id: new Types.ObjectId(), code: `c${i}`, pad: 'x'.repeat(200) }));
  await col.insertMany(docs);
  for (const [collection, filter] of [['index_probe', { _id: docs[1234]!._id }], ['index_probe', { code: 'c77' }], ['vacancies', { _id: new Types.ObjectId() }], ['vacancies', { status: 'open' }]] as const) {
    const { ex, plan } = await planOf(collection, filter);
    expect(ex.filterPushdown).toBe(true);
    expect([collection, Object.keys(filter)[0], /Index Scan/.test(plan)]).toEqual([collection, Object.keys(filter)[0], true]);
  }
});
