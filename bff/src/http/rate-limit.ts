import { Schema, type Connection, type Model } from 'mongoose';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Consistency, type Tx } from '../db/consistency';
import { isDuplicateKey } from '../db/errors';
import { tooManyRequests } from './errors';

interface Counter { key: string; count: number; expiresAt: Date; rev: number }

const counterSchema = new Schema<Counter>({
  key: { type: String, required: true },
  count: { type: Number, default: 0 },
  expiresAt: { type: Date, required: true },
  rev: { type: Number, default: 0 },
}, { collection: 'rate_limits', versionKey: false });
counterSchema.index({ key: 1 }, { unique: true });
counterSchema.index({ expiresAt: 1 });

/**
 * Counters in the database, so limits that guard accounts (SMS sends, code guesses) hold across BFF
 * instances and restarts.
 *
 * Why not rate-limiter-flexible's Mongo store: it counts with one `findOneAndUpdate` upsert + `$inc`
 * per hit and relies on that being atomic, which FerretDB v1 does not guarantee (parallel conditional
 * updates all "succeed" and increments are lost). So each counter step runs inside
 * `Consistency.atomically` (read, then a fenced `tx.write`). FerretDB v1 has no TTL indexes, so
 * expired counters are swept here.
 */
export class RateLimiter {
  private readonly Counter: Model<Counter>;
  private readonly c: Consistency;
  private hits = 0;

  constructor(conn: Connection, private readonly now: () => number = Date.now) {
    this.Counter = (conn.models.RateCounter as Model<Counter>) ?? conn.model<Counter>('RateCounter', counterSchema);
    this.c = new Consistency(conn, { now });
  }

  /** Fixed window: throws 429 once more than `limit` hits land in the current window. */
  async consume(key: string, limit: number, windowSeconds: number, message: string): Promise<void> {
    const count = await this.c.atomically(`rl:${key}`, (tx) => this.hit(tx, key, windowSeconds));
    if (count > limit) throw tooManyRequests(message, this.windowLeft(windowSeconds));
  }

  /** Hits in the current window of `key` (read only; callers that then `hit` hold a section for the key). */
  async used(key: string, windowSeconds: number): Promise<number> {
    const doc = await this.Counter.findOne({ key: this.windowKey(key, windowSeconds) }).lean();
    return doc?.count ?? 0;
  }

  /** Counts one hit in the current window of `key`; call inside an `atomically` section that owns the key. */
  async hit(tx: Tx, key: string, windowSeconds: number): Promise<number> {
    const docKey = this.windowKey(key, windowSeconds);
    const count = await this.bump(tx, docKey, () => ({ count: 1, expiresAt: new Date(this.windowStart(windowSeconds) + windowSeconds * 1000) }), () => ({ $inc: { count: 1 } }), (doc) => doc.count + 1);
    this.maybeSweep();
    return count;
  }

  /** Seconds until the current window of `windowSeconds` ends (for Retry-After). */
  windowLeft(windowSeconds: number): number {
    return Math.max(1, Math.ceil((this.windowStart(windowSeconds) + windowSeconds * 1000 - this.now()) / 1000));
  }

  /** Seconds left of the cooldown of `key` (0: none running). */
  async cooldownLeft(key: string): Promise<number> {
    const doc = await this.Counter.findOne({ key: `cooldown|${key}` }).lean();
    const left = doc ? doc.expiresAt.getTime() - this.now() : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Starts (or restarts) the cooldown of `key`; call inside an `atomically` section that owns the key. */
  async startCooldown(tx: Tx, key: string, seconds: number): Promise<void> {
    const expiresAt = new Date(this.now() + seconds * 1000);
    await this.bump(tx, `cooldown|${key}`, () => ({ count: 1, expiresAt }), () => ({ $set: { expiresAt, count: 1 } }), () => 1);
  }

  /** At most one hit per `seconds` for this key; a second hit inside it throws 429. */
  async cooldown(key: string, seconds: number, message: string): Promise<void> {
    const left = await this.c.atomically(`cd:${key}`, async (tx) => {
      const running = await this.cooldownLeft(key);
      if (running > 0) return running;
      await this.startCooldown(tx, key, seconds);
      return 0;
    });
    if (left > 0) throw tooManyRequests(message, left);
  }

  private async bump(tx: Tx, docKey: string, fresh: () => Omit<Counter, 'key' | 'rev'>, update: (doc: Counter) => Record<string, unknown>, next: (doc: Counter) => number): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const doc = await this.Counter.findOne({ key: docKey }).lean();
      if (doc) {
        await tx.write(this.Counter, doc._id, doc.rev, update(doc));
        return next(doc);
      }
      try {
        const created = await this.Counter.create({ key: docKey, rev: 0, ...fresh() });
        return created.count;
      } catch (err) {
        // The unique key fences the first hit as well; a lost insert reads the winner and steps it.
        if (!isDuplicateKey(err) || attempt > 1) throw err;
      }
    }
  }

  private windowStart(windowSeconds: number): number {
    const ms = windowSeconds * 1000;
    return Math.floor(this.now() / ms) * ms;
  }

  private windowKey(key: string, windowSeconds: number): string {
    return `${key}|${this.windowStart(windowSeconds)}`;
  }

  private maybeSweep(): void {
    if (++this.hits % 200 !== 0) return;
    this.Counter.deleteMany({ expiresAt: { $lt: new Date(this.now() - 60_000) } }).catch(() => undefined);
  }
}

/** Named limits a route definition can ask for (`rateLimit` in RouteDef); settings come from config. */
export const ROUTE_LIMITS = ['wechatLogin', 'policyCalculator', 'nearbySearch', 'qrVerify'] as const;
export type RouteLimitName = (typeof ROUTE_LIMITS)[number];
export type RouteLimitSettings = Record<RouteLimitName, { points: number; seconds: number }>;

/**
 * Per-client limits on public, cheap-to-call routes, kept in memory by each BFF instance with
 * rate-limiter-flexible's RateLimiterMemory (maintained, exact within one process, no database
 * round trip on hot reads). With N instances a client gets at most N × the limit, which is enough to
 * stop one client from flooding the service; limits that protect accounts use `RateLimiter` above.
 */
export class RouteLimits {
  private readonly limiters = new Map<RouteLimitName, RateLimiterMemory>();

  constructor(settings: RouteLimitSettings) {
    for (const name of ROUTE_LIMITS) {
      const s = settings[name];
      this.limiters.set(name, new RateLimiterMemory({ keyPrefix: name, points: s.points, duration: s.seconds }));
    }
  }

  has(name: string): name is RouteLimitName {
    return this.limiters.has(name as RouteLimitName);
  }

  /** Counts one call of `client` (its address); throws 429 with Retry-After once over the limit. */
  async consume(name: RouteLimitName, client: string): Promise<void> {
    try {
      await this.limiters.get(name)!.consume(client || 'unknown');
    } catch (res) {
      if (res instanceof RateLimiterRes) throw tooManyRequests('请求太频繁，请稍后再试', Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
      throw res;
    }
  }
}

export function routeLimitSettings(config: {
  RATE_WECHAT_LOGIN_PER_MINUTE: number; RATE_POLICY_CALCULATOR_PER_MINUTE: number; RATE_NEARBY_PER_MINUTE: number; RATE_QR_VERIFY_PER_MINUTE: number;
}): RouteLimitSettings {
  return {
    wechatLogin: { points: config.RATE_WECHAT_LOGIN_PER_MINUTE, seconds: 60 },
    policyCalculator: { points: config.RATE_POLICY_CALCULATOR_PER_MINUTE, seconds: 60 },
    nearbySearch: { points: config.RATE_NEARBY_PER_MINUTE, seconds: 60 },
    qrVerify: { points: config.RATE_QR_VERIFY_PER_MINUTE, seconds: 60 },
  };
}
