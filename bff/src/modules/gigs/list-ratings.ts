import { performance } from 'node:perf_hooks';
import type { Model } from 'mongoose';
import type { Employer } from '../employers/model';
import { ratingOf } from '../employers/service';
import { findByKeys } from '../../db/by-keys';

export type Rating = ReturnType<typeof ratingOf>;

/**
 * Employer ratings for list views (nearby, recommended), cached so a hot list needs no database
 * round trip. A rating given through this process is dropped at once (GigService.rate); others'
 * show up within `ttlMs` (one background read of all employers' ratings refreshes the cache).
 * Detail views keep reading the employer itself.
 */
export class ListRatings {
  private readonly cache = new Map<string, Rating>();
  private loadedAt = -Infinity;
  private refreshing: Promise<void> | null = null;
  /** Changes whenever a cached rating changes; cached answers that include ratings check it. */
  generation = 0;

  constructor(private readonly Employer: Model<Employer>, private readonly ttlMs = 30_000) {}

  private store(id: string, rating: Rating) {
    const old = this.cache.get(id);
    if (!old || old.average !== rating.average || old.count !== rating.count) this.generation += 1;
    this.cache.set(id, rating);
  }

  /** All employers' ratings in one read (a scan on FerretDB either way, so one instead of many). */
  private async loadAll(): Promise<void> {
    const started = performance.now();
    const rows = await this.Employer.find({}).select({ ratingSum: 1, ratingCount: 1 }).lean<Employer[]>();
    for (const e of rows) this.store(e._id.toString(), ratingOf(e.ratingSum, e.ratingCount));
    this.loadedAt = started;
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.loadAll().catch(() => undefined).finally(() => { this.refreshing = null; });
    return this.refreshing;
  }

  async get(employerIds: Iterable<string>): Promise<Map<string, Rating>> {
    const ids = [...new Set(employerIds)];
    if (this.loadedAt === -Infinity) await this.refresh();
    const missing = ids.filter((id) => !this.cache.has(id));
    if (missing.length) {
      const rows = await findByKeys<Employer>(this.Employer, missing, { select: { ratingSum: 1, ratingCount: 1 } });
      const found = new Map(rows.map((e) => [e._id.toString(), ratingOf(e.ratingSum, e.ratingCount)]));
      for (const id of missing) this.store(id, found.get(id) ?? { average: null, count: 0 });
    } else if (performance.now() - this.loadedAt > this.ttlMs) {
      void this.refresh(); // serve what we have; the refresh lands in the background
    }
    return new Map(ids.map((id) => [id, this.cache.get(id)!]));
  }

  invalidate(employerId: string): void {
    if (this.cache.delete(employerId)) this.generation += 1;
  }
}
