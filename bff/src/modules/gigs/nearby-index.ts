import { performance } from 'node:perf_hooks';
import type { Connection, Model } from 'mongoose';
import { cellDistanceBounds, circleCover, geohashFields, haversineMeters, type LatLng } from '@doorstep/shared';
import { SYNC_COLLECTION, onGigChange, writerId, type GigChange, type SyncDoc } from './changes';
import type { Gig } from './model';

/** What a list view needs of a gig; ids as strings, end time in ms. Shared strings are interned. */
export interface IndexedGig {
  _id: string;
  employerId: string;
  ownerId: string;
  title: string;
  category: Gig['category'];
  payAmount: number;
  payUnit: Gig['payUnit'];
  payDaily: number;
  settlement: Gig['settlement'];
  date: string;
  startTime: string;
  endTime: string;
  headcount: number;
  filled: number;
  address: string;
  lat: number;
  lng: number;
  urgent: boolean;
  elderFriendly: boolean;
  commitment: boolean;
  employerName: string;
  employerKind: string;
  status: Gig['status'];
  createdAt: Date;
  endAt: number;
}
export interface Near { g: IndexedGig; id: string; distanceM: number }
export type NearbySort = 'distance' | 'pay' | 'newest';

const PROJECTION = {
  employerId: 1, ownerId: 1, title: 1, category: 1, payAmount: 1, payUnit: 1, payDaily: 1, settlement: 1, date: 1, startTime: 1, endTime: 1,
  headcount: 1, filled: 1, address: 1, lat: 1, lng: 1, urgent: 1, elderFriendly: 1, commitment: 1, employerName: 1, employerKind: 1, status: 1, createdAt: 1, endAt: 1,
} as const;
type Row = Pick<Gig, '_id' | keyof typeof PROJECTION>;

/** How far back an incremental catch-up looks beyond the last one (clock skew between instances). */
const SKEW_MS = 120_000;
/** Gigs that ended this long ago (service clock) are not kept. */
const KEEP_ENDED_MS = 30 * 86_400_000;

/** Strict total orders of the nearby sorts (ties by id), as a plain sort would apply them. */
export const NEARBY_ORDER: Record<NearbySort, (a: Near, b: Near) => number> = {
  distance: (a, b) => a.distanceM - b.distanceM || cmpId(a, b),
  pay: (a, b) => b.g.payDaily - a.g.payDaily || a.distanceM - b.distanceM || cmpId(a, b),
  newest: (a, b) => b.g.createdAt.getTime() - a.g.createdAt.getTime() || cmpId(a, b),
};
function cmpId(a: Near, b: Near) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; }

/** Keeps the k first items of a total order (a max-heap on `order`). */
class TopK {
  readonly items: Near[] = [];
  constructor(private readonly k: number, private readonly order: (a: Near, b: Near) => number) {}
  get full() { return this.items.length >= this.k; }
  get worst(): Near | undefined { return this.items[0]; }
  offer(n: Near) {
    const h = this.items;
    if (this.k <= 0) return;
    if (h.length < this.k) {
      h.push(n);
      for (let i = h.length - 1; i > 0;) {
        const p = (i - 1) >> 1;
        if (this.order(h[i]!, h[p]!) <= 0) break;
        [h[i], h[p]] = [h[p]!, h[i]!];
        i = p;
      }
      return;
    }
    if (this.order(n, h[0]!) >= 0) return;
    h[0] = n;
    for (let i = 0; ;) {
      const l = 2 * i + 1; const r = l + 1;
      let m = i;
      if (l < h.length && this.order(h[l]!, h[m]!) > 0) m = l;
      if (r < h.length && this.order(h[r]!, h[m]!) > 0) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
  sorted(): Near[] { return [...this.items].sort(this.order); }
}

/**
 * Open gigs in memory, bucketed by geohash cell at each stored precision (gh5/gh6/gh7), so a nearby
 * search is the cell cover plus exact haversine without a database round trip.
 *
 * Why: FerretDB v1 (SQLite) uses no index for these queries (explain: SCAN, even for _id), so every
 * nearby query read the whole collection — about a minute at 100,000 gigs on a busy 2-core machine —
 * and on MongoDB a dense 5 km query still reads tens of thousands of documents. Here the
 * collection is read once.
 *
 * Consistency: writes through the Gig model in this process are applied before they return
 * (changes.ts); writes by other processes are picked up by comparing their gig_sync sequence
 * numbers at most every `checkMs` and then re-reading the gigs changed since the last catch-up
 * (updatedAt, indexed). All index reads from the database run one at a time in order, so an older
 * read never overwrites a newer one.
 */
export class GigIndex {
  private readonly entries = new Map<string, IndexedGig>();
  private readonly buckets = [new Map<string, Set<IndexedGig>>(), new Map<string, Set<IndexedGig>>(), new Map<string, Set<IndexedGig>>()];
  private readonly strings = new Map<string, string>();
  private loaded = false;
  private loading: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private syncedAt = 0;
  private seen = new Map<string, number>();
  private lastCheck = -Infinity;
  private checking: Promise<void> | null = null;
  /** Changes on every mutation; cached answers are only valid for the version they were computed at. */
  version = 0;

  constructor(
    private readonly Gig: Model<Gig>,
    private readonly conn: Connection,
    private readonly opts: { now: () => number; checkMs: number },
  ) {
    onGigChange(conn, (change) => this.onChange(change));
  }

  get size(): number { return this.entries.size; }

  /** Loads on first use; afterwards checks (at most every checkMs) whether other processes wrote gigs. */
  async ready(): Promise<void> {
    if (!this.loaded) {
      this.loading ??= this.serial(() => this.load()).finally(() => { this.loading = null; });
      await this.loading;
    }
    if (performance.now() - this.lastCheck >= this.opts.checkMs) {
      this.checking ??= this.checkOthers().finally(() => { this.checking = null; });
      await this.checking;
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private readSync(): Promise<SyncDoc[]> {
    return this.conn.collection<SyncDoc>(SYNC_COLLECTION).find({}).toArray();
  }

  private remember(docs: SyncDoc[]) {
    for (const d of docs) this.seen.set(d._id, d.seq);
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    // Sync state first: any write whose bump we have seen is visible to the read below.
    const sync = await this.readSync();
    this.syncedAt = Date.now();
    this.lastCheck = performance.now();
    const rows = await this.Gig.find({ status: 'open', endAt: { $gt: new Date(this.opts.now() - KEEP_ENDED_MS) } }).select(PROJECTION).lean<Row[]>();
    this.entries.clear();
    for (const b of this.buckets) b.clear();
    this.strings.clear();
    for (const r of rows) this.put(this.slim(r));
    this.remember(sync);
    this.loaded = true;
    this.version += 1;
  }

  private async checkOthers(): Promise<void> {
    const sync = await this.readSync();
    this.lastCheck = performance.now();
    const self = writerId(this.conn);
    if (!sync.some((d) => d._id !== self && this.seen.get(d._id) !== d.seq)) return;
    await this.serial(async () => {
      if (!this.loaded) return; // a full reload is pending anyway
      const since = this.syncedAt - SKEW_MS;
      this.syncedAt = Date.now();
      const rows = await this.Gig.find({ updatedAt: { $gte: new Date(since) } }).select(PROJECTION).lean<Row[]>();
      for (const r of rows) this.upsert(r);
      this.remember(sync);
      this.prune();
      this.version += 1;
    });
  }

  private async onChange(change: GigChange): Promise<void> {
    if (!this.loaded && !this.loading) return; // the first load reads everything anyway
    await this.serial(async () => {
      if (!this.loaded) return;
      if ('all' in change) {
        this.loaded = false;
        await this.load();
        return;
      }
      try {
        // One query per id: an _id equality is the one filter FerretDB v1 hands to SQLite.
        const rows = await Promise.all(change.ids.map((id) => this.Gig.findOne({ _id: id }).select(PROJECTION).lean<Row>()));
        change.ids.forEach((id, i) => (rows[i] ? this.upsert(rows[i]!) : this.remove(id)));
        this.version += 1;
      } catch (err) {
        this.loaded = false; // could not re-read: rebuild on the next search
        this.version += 1;
        throw err;
      }
    });
  }

  private intern(s: string): string {
    const got = this.strings.get(s);
    if (got !== undefined) return got;
    this.strings.set(s, s);
    return s;
  }

  private slim(r: Row): IndexedGig {
    const i = (s: string) => this.intern(s);
    return {
      _id: r._id.toString(), employerId: i(r.employerId.toString()), ownerId: i(r.ownerId.toString()), title: i(r.title), category: r.category,
      payAmount: r.payAmount, payUnit: r.payUnit, payDaily: r.payDaily, settlement: r.settlement, date: i(r.date), startTime: i(r.startTime),
      endTime: i(r.endTime), headcount: r.headcount, filled: r.filled, address: r.address, lat: r.lat, lng: r.lng, urgent: Boolean(r.urgent),
      elderFriendly: Boolean(r.elderFriendly), commitment: Boolean(r.commitment), employerName: i(r.employerName), employerKind: i(r.employerKind ?? ''), status: r.status,
      createdAt: r.createdAt, endAt: r.endAt.getTime(),
    };
  }

  /** Cells from the coordinates, so membership is exactly what a haversine over lat/lng decides. */
  private cellsOf(g: IndexedGig): string[] {
    const f = geohashFields(g);
    return [f.gh5, f.gh6, f.gh7];
  }

  private put(g: IndexedGig) {
    this.entries.set(g._id, g);
    this.cellsOf(g).forEach((cell, i) => {
      let set = this.buckets[i]!.get(cell);
      if (!set) this.buckets[i]!.set(cell, (set = new Set()));
      set.add(g);
    });
  }

  private remove(id: string) {
    const g = this.entries.get(id);
    if (!g) return;
    this.entries.delete(id);
    this.cellsOf(g).forEach((cell, i) => {
      const set = this.buckets[i]!.get(cell);
      set?.delete(g);
      if (set && !set.size) this.buckets[i]!.delete(cell);
    });
  }

  private upsert(r: Row) {
    this.remove(r._id.toString());
    if (r.status === 'open' && r.endAt.getTime() > this.opts.now() - KEEP_ENDED_MS) this.put(this.slim(r));
  }

  private prune() {
    const cutoff = this.opts.now() - KEEP_ENDED_MS;
    for (const [id, g] of this.entries) if (g.endAt <= cutoff) this.remove(id);
  }

  /**
   * Every open gig within radiusM of center that passes `keep`, with exact haversine distances:
   * equal to a brute-force scan (the cover is a superset of the circle). `examined` counts the
   * entries of the covering cells.
   */
  query(center: LatLng, radiusM: number, keep: (g: IndexedGig) => boolean): { within: Near[]; examined: number } {
    const cover = circleCover(center, radiusM);
    const bucket = this.buckets[cover.precision - 5]!;
    const within: Near[] = [];
    let examined = 0;
    for (const cell of cover.cells) {
      const set = bucket.get(cell);
      if (!set) continue;
      examined += set.size;
      for (const g of set) {
        if (!keep(g)) continue;
        const distanceM = haversineMeters(center, g);
        if (distanceM <= radiusM) within.push({ g, id: g._id, distanceM });
      }
    }
    return { within, examined };
  }

  /**
   * One page of the gigs query() would return, in `sort` order, plus their total — without sorting
   * them all: a top-k heap over the members, where cells wholly inside the circle need no distance
   * to count; for the distance order whole cells farther than the current k-th are only counted,
   * for pay / newest a gig whose pay / time already ranks below the k-th is only counted.
   * `validUntil`: the earliest end time among the members (service clock); the answer cannot change
   * before it unless a gig changes.
   */
  page(center: LatLng, radiusM: number, keep: (g: IndexedGig) => boolean, sort: NearbySort, offset: number, limit: number) {
    const cover = circleCover(center, radiusM);
    const bucket = this.buckets[cover.precision - 5]!;
    const top = new TopK(offset + limit, NEARBY_ORDER[sort]);
    let total = 0;
    let examined = 0;
    let validUntil = Infinity;
    const cells = cover.cells.map((cell) => ({ set: bucket.get(cell), cell })).filter((c): c is { set: Set<IndexedGig>; cell: string } => Boolean(c.set))
      .map((c) => ({ ...c, ...cellDistanceBounds(center, c.cell) }));
    if (sort === 'distance') cells.sort((a, b) => a.near - b.near);
    // Pay / newest: the first key alone shows that a gig cannot enter a full page (no distance needed).
    const firstKey = sort === 'pay' ? (g: IndexedGig) => g.payDaily : sort === 'newest' ? (g: IndexedGig) => g.createdAt.getTime() : null;
    for (const { set, near, far } of cells) {
      examined += set.size;
      const inside = far <= radiusM - 1;
      // Distance order: once k members are known, a cell that starts beyond the k-th only adds to the total.
      const countOnly = inside && sort === 'distance' && top.full && near > top.worst!.distanceM;
      for (const g of set) {
        if (!keep(g)) continue;
        if (countOnly || (inside && firstKey && top.full && firstKey(g) < firstKey(top.worst!.g))) {
          total += 1;
          if (g.endAt < validUntil) validUntil = g.endAt;
          continue;
        }
        const distanceM = haversineMeters(center, g);
        if (!inside && distanceM > radiusM) continue;
        total += 1;
        if (g.endAt < validUntil) validUntil = g.endAt;
        top.offer({ g, id: g._id, distanceM });
      }
    }
    return { total, items: top.sorted().slice(offset), examined, validUntil };
  }
}
