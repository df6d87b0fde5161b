import { SAMPLE_POLICIES } from '@doorstep/shared';
import { Consistency } from '../db/consistency';
import type { PolicyService } from '../modules/policies/service';

/**
 * Loads the sample policy library (each marked as sample data a local bureau replaces) and publishes
 * it. Idempotent: policies are matched by slug, so running the seed again adds only missing ones. One
 * critical section keeps two seeds started at once (parallel test files) from racing on the same slugs.
 */
export async function seedPolicies(policies: PolicyService): Promise<{ created: number }> {
  const c = new Consistency(policies.models.Policy.db);
  return c.atomically('seed:policies', () => policies.loadSamples(SAMPLE_POLICIES), { leaseMs: 30_000, waitMs: 120_000 });
}
