import type { Connection } from 'mongoose';
import { Consistency, type AtomicallyOptions } from './consistency';

/**
 * @deprecated Transitional adapter over `Consistency.atomically` (bff/src/db/consistency.ts), the
 * one consistency primitive; call sites move to it module by module.
 */
export class Locks {
  private readonly c: Consistency;

  constructor(conn: Connection) {
    this.c = new Consistency(conn);
  }

  withLock<T>(key: string, fn: () => Promise<T>, opts: { ttlMs?: number; waitMs?: number } = {}): Promise<T> {
    const o: AtomicallyOptions = { leaseMs: opts.ttlMs, waitMs: opts.waitMs };
    return this.c.atomically(key, () => fn(), o);
  }
}
