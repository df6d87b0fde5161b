import crypto from 'node:crypto';
import type { Collection, Connection } from 'mongoose';
import { AppError } from '../http/errors';
import { isDuplicateKey } from './errors';

interface LockDoc { _id: string; token: string; expiresAt: Date }

/**
 * Short critical sections across every BFF instance, built on the one write both databases make
 * atomic: inserting a document whose _id already exists fails.
 *
 * Why not just conditional updates? On FerretDB v1 (SQLite backend) `findOneAndUpdate` /
 * `updateOne` with a condition are NOT atomic under concurrency: it reads the matching document and
 * writes it back without re-checking, so 20 parallel `{ n: { $lt: 3 } } → $inc n` calls all
 * "succeed" and increments are lost (measured here; see README). Unique-key inserts are serialized
 * by SQLite and stay exact. So any read-check-write that must not race runs inside `withLock`,
 * and the conditional update inside it keeps the code correct on MongoDB too.
 */
export class Locks {
  private readonly col: Collection<LockDoc>;

  constructor(conn: Connection) {
    this.col = conn.collection<LockDoc>('locks');
  }

  async withLock<T>(key: string, fn: () => Promise<T>, opts: { ttlMs?: number; waitMs?: number } = {}): Promise<T> {
    const ttlMs = opts.ttlMs ?? 10_000;
    const deadline = Date.now() + (opts.waitMs ?? 8_000);
    const token = crypto.randomUUID();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.col.insertOne({ _id: key, token, expiresAt: new Date(Date.now() + ttlMs) });
        break;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // A holder that crashed leaves its lock behind; take it over once it has expired.
        await this.col.deleteOne({ _id: key, expiresAt: { $lt: new Date() } });
        if (Date.now() > deadline) throw new AppError(503, 'BUSY', '办理的人较多，请稍后重试');
        await new Promise((r) => setTimeout(r, Math.min(4 * 2 ** attempt, 40) + Math.random() * 5));
      }
    }
    try {
      return await fn();
    } finally {
      await this.col.deleteOne({ _id: key, token }).catch(() => undefined);
    }
  }
}
