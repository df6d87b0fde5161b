import crypto from 'node:crypto';
import type { Collection, Connection } from 'mongoose';
import { AppError } from '../http/errors';
import { isDuplicateKey } from './errors';

interface LeaseDoc { _id: string; token: string; expiresAt: Date }
interface FenceDoc { _id: string; key: string; at: Date }

/** What a critical section gets: the fence for its final write and a queue for side effects. */
export interface Tx {
  readonly key: string;
  /**
   * Fencing for the final write. Claims the step of this aggregate from revision `rev` to `rev + 1`
   * by inserting `${key}@${rev + 1}` into `fences`; a unique insert is the one write FerretDB v1 and
   * MongoDB both make atomic, so exactly one claimant of a step wins, even if a lease expired and two
   * holders run at once. The loser gets 409 and writes nothing.
   */
  claim(rev: number, docId?: unknown): Promise<void>;
  /**
   * Claims the step (see `claim`) and writes the aggregate's next state: `update` applied to the
   * document `{ _id, rev }` with `rev` incremented. On MongoDB the `rev` condition makes the write
   * itself conditional as well. Returns false only if the document is gone.
   */
  write(col: WritableCollection, id: unknown, rev: number | null | undefined, update: Record<string, unknown>): Promise<boolean>;
  /** Runs after the change is stored and the lease released (notifications, WeChat, policy matching). */
  after(effect: () => unknown): void;
}

/** The subset of a mongoose Model / driver Collection that `Tx.write` needs. */
export interface WritableCollection {
  updateOne(filter: Record<string, unknown>, update: Record<string, unknown>): PromiseLike<{ matchedCount: number }> | { exec(): Promise<{ matchedCount: number }> };
}

export interface AtomicallyOptions {
  /** Lease length; renewed every third of it while the section runs. */
  leaseMs?: number;
  /** How long to wait for a busy key before answering 503 (0: fail at once). */
  waitMs?: number;
}

export interface ConsistencyOptions {
  now?: () => number;
  /** Where failures of after-effects go (they never fail the request: the change is already stored). */
  onEffectError?: (err: unknown, key: string) => void;
}

const FENCE_RETENTION_MS = 24 * 3600_000;
const FENCE_PRUNE_EVERY_MS = 10 * 60_000;

/** Busy/lost-race answers callers may want to recognise. */
export const CONFLICT_CODE = 'CONFLICT';
export const BUSY_CODE = 'BUSY';

/**
 * The project's one consistency primitive: `atomically(key, fn)` runs `fn` as the only holder of
 * `key` across every BFF instance, keyed by the aggregate it changes (`reg:<id>`, `gig:<id>`,
 * `employer:<id>` …).
 *
 * Why this and not conditional updates: on FerretDB v1 (SQLite and PostgreSQL backends alike)
 * `findOneAndUpdate({ _id, n: { $lt: 3 } }, …)` is not atomic — 10 parallel calls all "succeed" —
 * while unique-key inserts are. So:
 * - the lease is a unique insert of `{ _id: key }` into `locks`, renewed while the section runs and
 *   released by token; an expired lease (a holder that died or stalled) is taken over through another
 *   unique insert (`key~takeover~<token>`), so only one waiter takes over a given stale lease;
 * - the final write is fenced (`tx.claim` / `tx.write`): a unique insert of `key@rev+1`, so even two
 *   holders of one key (an expired lease whose holder woke up) cannot both write a step;
 * - side effects queued with `tx.after` run once the change is stored, outside the section.
 * The same code is correct on MongoDB, where the `rev` condition in `tx.write` is atomic too.
 */
export class Consistency {
  private readonly leases: Collection<LeaseDoc>;
  private readonly fences: Collection<FenceDoc>;
  private readonly now: () => number;
  private lastPrune = 0;

  constructor(conn: Connection, private readonly opts: ConsistencyOptions = {}) {
    this.leases = conn.collection<LeaseDoc>('locks');
    this.fences = conn.collection<FenceDoc>('fences');
    this.now = opts.now ?? Date.now;
  }

  async atomically<T>(key: string, fn: (tx: Tx) => Promise<T>, opts: AtomicallyOptions = {}): Promise<T> {
    const leaseMs = opts.leaseMs ?? 10_000;
    const token = await this.acquire(key, leaseMs, opts.waitMs ?? 8_000);
    const effects: (() => unknown)[] = [];
    const renew = setInterval(() => {
      this.leases.updateOne({ _id: key, token }, { $set: { expiresAt: new Date(Date.now() + leaseMs) } }).catch(() => undefined);
    }, Math.max(50, Math.floor(leaseMs / 3)));
    renew.unref?.();
    const tx: Tx = {
      key,
      claim: async (rev, docId) => { await this.claim(key, rev, docId); },
      write: async (col, id, rev, update) => {
        const current = rev ?? 0;
        const fence = await this.claim(key, current, id);
        const inc = { ...(update.$inc as Record<string, number> | undefined), rev: 1 };
        // A document from before revisions has none; the fence alone guards its first step.
        const filter: Record<string, unknown> = current === 0 ? { _id: id } : { _id: id, rev: current };
        try {
          const op = col.updateOne(filter, { ...update, $inc: inc });
          const res = 'exec' in op ? await op.exec() : await op;
          return res.matchedCount > 0;
        } catch (err) {
          // The update was refused (a unique index, validation): the step did not happen, so the fence we
          // took for it goes too — else the next attempt at this revision would be refused as a race.
          await this.fences.deleteOne({ _id: fence }).catch(() => undefined);
          throw err;
        }
      },
      after: (effect) => { effects.push(effect); },
    };
    let result: T;
    try {
      result = await fn(tx);
    } finally {
      clearInterval(renew);
      await this.leases.deleteOne({ _id: key, token }).catch(() => undefined);
    }
    for (const effect of effects) {
      try {
        await effect();
      } catch (err) {
        this.opts.onEffectError?.(err, key);
      }
    }
    this.maybePrune();
    return result;
  }

  private async acquire(key: string, leaseMs: number, waitMs: number): Promise<string> {
    const deadline = Date.now() + waitMs;
    const token = crypto.randomUUID();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.leases.insertOne({ _id: key, token, expiresAt: new Date(Date.now() + leaseMs) });
        return token;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      await this.takeOverIfExpired(key);
      if (Date.now() >= deadline) throw new AppError(503, BUSY_CODE, '办理的人较多，请稍后重试');
      await new Promise((r) => setTimeout(r, Math.min(4 * 2 ** attempt, 40) + Math.random() * 5));
    }
  }

  /** A holder that crashed leaves its lease behind; exactly one waiter removes it once expired. */
  private async takeOverIfExpired(key: string): Promise<void> {
    const held = await this.leases.findOne({ _id: key });
    if (!held || held.expiresAt.getTime() > Date.now()) return;
    const marker = `${key}~takeover~${held.token}`;
    try {
      await this.leases.insertOne({ _id: marker, token: held.token, expiresAt: new Date(Date.now() + 60_000) });
    } catch (err) {
      if (isDuplicateKey(err)) return; // another waiter is taking it over
      throw err;
    }
    await this.leases.deleteOne({ _id: key, token: held.token });
    await this.leases.deleteOne({ _id: marker });
  }

  private async claim(key: string, rev: number, docId?: unknown): Promise<string> {
    // One fence per document under the key: a key such as gig:<id> also covers its applications.
    const doc = docId === undefined || docId === null ? '' : `|${String(docId)}`;
    const id = `${key}${doc}@${rev + 1}`;
    try {
      await this.fences.insertOne({ _id: id, key, at: new Date(this.now()) });
      return id;
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError(409, CONFLICT_CODE, '这条记录刚被其他操作更新，请刷新后再试');
      throw err;
    }
  }

  /** Fences only matter while a step can still be raced (seconds); a day's worth is kept. */
  private maybePrune(): void {
    const now = Date.now();
    if (now - this.lastPrune < FENCE_PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    this.fences.deleteMany({ at: { $lt: new Date(this.now() - FENCE_RETENTION_MS) } }).catch(() => undefined);
  }
}
