import { seedDemoGigs } from '../src/cli/seed-gigs';
import { startTestApp, type TestApp } from './support/harness';
import { DAOLI } from './support/gig-helpers';

/** Demo gigs go through the real onboarding, staff verification and posting checks; running twice adds nothing. */
const STAFF = { phone: '13800000000', name: '王经办', center: '道里区公共就业服务中心' };

describe.each([
  ['morning', Date.parse('2026-03-10T01:00:00Z')], // 09:00 in Harbin: today's gigs stay today
  ['late evening', Date.parse('2026-03-10T14:30:00Z')], // 22:30: today's gigs move to tomorrow
])('seedDemoGigs (%s)', (_label, now) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ deps: { now: () => now } }); });
  afterAll(() => t.close());

  it('verifies the demo employers, posts open gigs around Harbin, and is idempotent', async () => {
    const posted = await seedDemoGigs(t.services, STAFF, [{ phone: '13800000101', name: '哈尔滨顺达物流有限公司' }], now);
    expect(posted).toBe(14);
    const gigs = await t.services.gigs.models.Gig.find({}).lean();
    expect(gigs).toHaveLength(14);
    expect(gigs.every((g) => g.status === 'open')).toBe(true);
    expect(new Set(gigs.map((g) => g.employerName)).size).toBe(5);
    const employers = await t.services.employers.Employer.find({}).lean();
    expect(employers.map((e) => e.status)).toEqual(Array(5).fill('verified'));
    const urgentToday = gigs.filter((g) => g.urgent);
    if (now === Date.parse('2026-03-10T01:00:00Z')) expect(urgentToday.map((g) => g.date)).toEqual(['2026-03-10']);
    else expect(urgentToday).toHaveLength(0);
    expect(gigs.every((g) => g.date >= '2026-03-10')).toBe(true);

    const near = await t.request('GET', `/api/gigs/nearby?lat=${DAOLI.lat}&lng=${DAOLI.lng}&radiusKm=5`);
    expect(near.body.total).toBeGreaterThanOrEqual(4);

    expect(await seedDemoGigs(t.services, STAFF, [], now)).toBe(0);
    expect(await t.services.gigs.models.Gig.countDocuments({})).toBe(14);
  });
});
