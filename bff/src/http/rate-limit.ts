import { Schema, type Connection, type Model } from 'mongoose';
import { Locks } from '../db/lock';
import { tooManyRequests } from './errors';
import { isDuplicateKey } from '../db/errors';

interface Counter { key: string; count: number; expiresAt: Date }

const counterSchema = new Schema<Counter>({ key: { type: String, required: true }, count: { type: Number, default: 0 }, expiresAt: { type: Date, required: true } }, { collection: 'rate_limits', versionKey: false });
counterSchema.index({ key: 1 }, { unique: true });
counterSchema.index({ expiresAt: 1 });

/**
 * Counters in the database so limits hold across BFF instances and restarts.
 * Each hit is one atomic upsert; FerretDB v1 has no TTL indexes, so expired counters are swept here.
 */
export class RateLimiter {
  private readonly Counter: Model<Counter>;
  private hits = 0;
  private readonly locks: Locks;

  constructor(conn: Connection, private readonly now: () => number = Date.now) {
    this.Counter = (conn.models.RateCounter as Model<Counter>) ?? conn.model<Counter>('RateCounter', counterSchema);
    this.locks = new Locks(conn);
  }

  /** Fixed window: throws 429 once more than `limit` hits land in the current window. */
  async consume(key: string, limit: number, windowSeconds: number, message: string): Promise<void> {
    const now = this.now();
    const windowMs = windowSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const docKey = `${key}|${windowStart}`;
    const doc = await this.locks.withLock(`rl:${docKey}`, () => this.upsertInc(docKey, new Date(windowStart + windowMs)));
    this.maybeSweep();
    if (doc.count > limit) throw tooManyRequests(message, Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)));
  }

  /** At most one hit per `seconds` for this key; a second hit inside it throws 429. */
  cooldown(key: string, seconds: number, message: string): Promise<void> {
    return this.locks.withLock(`cd:${key}`, () => this.claimCooldown(key, seconds, message));
  }

  private async claimCooldown(key: string, seconds: number, message: string): Promise<void> {
    const now = this.now();
    const docKey = `cooldown|${key}`;
    const until = new Date(now + seconds * 1000);
    const claimed = await this.Counter.findOneAndUpdate(
      { key: docKey, expiresAt: { $lte: new Date(now) } },
      { $set: { expiresAt: until, count: 1 } },
      { new: true },
    ).lean();
    if (claimed) return;
    try {
      await this.Counter.create({ key: docKey, count: 1, expiresAt: until });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = await this.Counter.findOne({ key: docKey }).lean();
      const wait = existing ? Math.ceil((existing.expiresAt.getTime() - now) / 1000) : seconds;
      throw tooManyRequests(message, Math.max(1, wait));
    }
  }

  private async upsertInc(key: string, expiresAt: Date): Promise<Counter> {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.Counter.findOneAndUpdate({ key }, { $inc: { count: 1 }, $setOnInsert: { expiresAt } }, { upsert: true, new: true }).lean();
        return doc!;
      } catch (err) {
        // Two first hits racing on the same new key: one insert wins, the other retries as an update.
        if (!isDuplicateKey(err) || attempt > 2) throw err;
      }
    }
  }

  private maybeSweep(): void {
    if (++this.hits % 200 !== 0) return;
    this.Counter.deleteMany({ expiresAt: { $lt: new Date(this.now() - 60_000) } }).catch(() => undefined);
  }
}
