import type { Logger } from 'pino';
import type { RegistrationService } from './service';

/**
 * The one periodic loop of the registration module: closes registrations of people who reached the
 * statutory retirement age (RegistrationService.closeAtRetirement). Minimal on purpose and in one
 * place, so it can move onto a general scheduler as one job (`every: RETIREMENT_CHECK_MS, run: tick`).
 * Safe with several BFF instances running it: closeAtRetirement is idempotent and each close is one
 * fenced step under the registration's lock.
 */
export const RETIREMENT_CHECK_MS = 15 * 60_000;

export function startRetirementJob(svc: RegistrationService, logger: Logger, opts: { everyMs?: number; now?: () => number } = {}): () => void {
  const now = opts.now ?? Date.now;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await svc.closeAtRetirement(new Date(now()));
      if (r.closed) logger.info({ closed: r.closed }, 'registrations closed at the statutory retirement age');
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'retirement close failed; retried next round');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 5_000);
  const timer = setInterval(() => void tick(), opts.everyMs ?? RETIREMENT_CHECK_MS);
  first.unref();
  timer.unref();
  return () => { clearTimeout(first); clearInterval(timer); };
}
