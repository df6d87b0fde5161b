import type { ScheduledJob } from '../notifications/scheduler';
import type { RegistrationService } from './service';

/**
 * Registrations close on the day their holder reaches the statutory retirement age
 * (RegistrationService.closeAtRetirement), as one job of the app's scheduler (notifications/scheduler.ts):
 * once an hour (China time), run by one BFF instance, recorded in `job_runs`. Even a repeated run is
 * harmless: closeAtRetirement is idempotent and each close is one fenced step under the registration's lock.
 */
export function retirementJob(svc: RegistrationService): ScheduledJob {
  return {
    name: 'retirement-close',
    slot: (now) => new Date(now + 8 * 3600_000).toISOString().slice(0, 13),
    run: async (now) => svc.closeAtRetirement(new Date(now)),
  };
}
