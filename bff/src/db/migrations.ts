import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { coordinatesToGcj02 } from '../modules/gigs/migrate-gcj02';
import { noticeSubjects } from '../modules/notifications/migrate-subject';
import { Consistency } from './consistency';
import { isDuplicateKey } from './errors';

/**
 * One-off data migrations, run at BFF start (server.ts) before it listens.
 *
 * Each migration runs once per database: `migrations` holds one document per applied migration with
 * its name as `_id` (unique), and the run happens inside `Consistency.atomically('migration:<name>')`,
 * re-checking that record once the lease is held, so two BFF instances starting together never run
 * one twice (the second waits for the lease, then finds the record). A migration's own writes must
 * still be idempotent per document (a process may die between its last write and the record).
 */
export interface Migration {
  /** Unique and never reused, e.g. `2026-12-coordinates-gcj02`. */
  name: string;
  /** Does the work; returns how many documents it changed (logged and stored in the record). */
  up(ctx: MigrationContext): Promise<number>;
}
export interface MigrationContext { conn: Connection; consistency: Consistency; logger?: Logger }
export interface MigrationRecord { _id: string; appliedAt: Date; changed: number; ms: number }

export const MIGRATIONS_COLLECTION = 'migrations';

/** The project's migrations, in order. */
export const MIGRATIONS: Migration[] = [coordinatesToGcj02, noticeSubjects];

/** Applies the migrations not applied yet; returns the names this call applied. */
export async function runMigrations(conn: Connection, opts: { logger?: Logger; migrations?: Migration[] } = {}): Promise<string[]> {
  const col = conn.collection<MigrationRecord>(MIGRATIONS_COLLECTION);
  const consistency = new Consistency(conn);
  const applied: string[] = [];
  for (const m of opts.migrations ?? MIGRATIONS) {
    if (await col.findOne({ _id: m.name })) continue;
    // Long lease (renewed while it runs) and a long wait: another instance may be running it right now.
    const ran = await consistency.atomically(`migration:${m.name}`, async () => {
      if (await col.findOne({ _id: m.name })) return false;
      const started = Date.now();
      const changed = await m.up({ conn, consistency, logger: opts.logger });
      try {
        await col.insertOne({ _id: m.name, appliedAt: new Date(), changed, ms: Date.now() - started });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      opts.logger?.info({ migration: m.name, changed, ms: Date.now() - started }, 'migration applied');
      return true;
    }, { leaseMs: 30_000, waitMs: 10 * 60_000 });
    if (ran) applied.push(m.name);
  }
  return applied;
}
