import { SAMPLE_POLICIES } from '@doorstep/shared';
import { Locks } from '../db/lock';
import type { PolicyService } from '../modules/policies/service';

/**
 * Loads the sample policy library (each marked as sample data a local bureau replaces) and publishes
 * it. Idempotent: policies are matched by slug, so running the seed again adds only missing ones. A
 * lock keeps two seeds started at once (parallel test files) from racing on the same slugs.
 */
export async function seedPolicies(policies: PolicyService): Promise<{ created: number }> {
  const locks = new Locks(policies.models.Policy.db);
  return locks.withLock('seed:policies', () => policies.loadSamples(SAMPLE_POLICIES), { ttlMs: 120_000, waitMs: 120_000 });
}
