import crypto from 'node:crypto';
import os from 'node:os';
import type { Connection, Model, Query, Schema } from 'mongoose';

/**
 * Change tracking for the gigs collection, used by the in-memory nearby index (nearby-index.ts).
 *
 * Every write through the Gig model — whichever module makes it — runs a mongoose post hook that
 *  1. tells the indexes of this process which gigs changed (they re-read them before the write's
 *     promise resolves, so a process always reads its own writes), and
 *  2. bumps this process's document in `gig_sync`, so indexes in other processes (another BFF
 *     instance, the seed CLI) notice that they must catch up.
 * Each process (each connection of it) writes only its own gig_sync document, so no two writers race on one document
 * (FerretDB v1 updates are not atomic under concurrency, see db/lock.ts).
 * Writes that bypass the model (raw collection access) are not seen; nothing in the BFF does that.
 */
export type GigChange = { ids: string[] } | { all: true };
type Listener = (change: GigChange) => Promise<void>;

export const SYNC_COLLECTION = 'gig_sync';
export interface SyncDoc { _id: string; seq: number; at: Date }
const PROCESS_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;

const listeners = new WeakMap<Connection, Set<Listener>>();
const syncState = new WeakMap<Connection, { id: string; seq: number; chain: Promise<unknown> }>();
let connections = 0;

function stateOf(conn: Connection) {
  let st = syncState.get(conn);
  if (!st) syncState.set(conn, (st = { id: `${PROCESS_ID}:${(connections += 1)}`, seq: 0, chain: Promise.resolve() }));
  return st;
}

/** This writer's document id in gig_sync (one per process and connection). */
export function writerId(conn: Connection): string {
  return stateOf(conn).id;
}

export function onGigChange(conn: Connection, fn: Listener): () => void {
  let set = listeners.get(conn);
  if (!set) listeners.set(conn, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

/** Writes this process's next sequence number; writes are chained so the stored value only grows. */
function bump(conn: Connection): Promise<unknown> {
  const st = stateOf(conn);
  const seq = (st.seq += 1);
  st.chain = st.chain
    .then(() => conn.collection<SyncDoc>(SYNC_COLLECTION).updateOne({ _id: st.id }, { $set: { seq, at: new Date() } }, { upsert: true }))
    .catch(() => undefined); // best effort: other processes then catch up at their next change
  return st.chain;
}

async function emit(conn: Connection | undefined, change: GigChange): Promise<void> {
  if (!conn) return;
  const fns = [...(listeners.get(conn) ?? [])];
  // Listeners handle their own errors (an index that cannot re-read a gig rebuilds itself).
  await Promise.all([...fns.map((fn) => fn(change).catch(() => undefined)), bump(conn)]);
}

const idOf = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && typeof (v as { toHexString?: unknown }).toHexString === 'function') return (v as { toHexString(): string }).toHexString();
  return null;
};

/** The gigs a query can have touched: from its result or its _id condition; anything else means "maybe all". */
function changeOfQuery(filter: Record<string, unknown>, res: unknown): GigChange {
  const fromResult = res && typeof res === 'object' && '_id' in (res as object) ? idOf((res as { _id: unknown })._id) : null;
  if (fromResult) return { ids: [fromResult] };
  const cond = filter?._id;
  const direct = idOf(cond);
  if (direct) return { ids: [direct] };
  if (cond && typeof cond === 'object') {
    const c = cond as { $eq?: unknown; $in?: unknown[] };
    if (idOf(c.$eq)) return { ids: [idOf(c.$eq)!] };
    if (Array.isArray(c.$in)) {
      const ids = c.$in.map(idOf);
      if (ids.every((x): x is string => x !== null)) return { ids };
    }
  }
  return { all: true };
}

const QUERY_WRITES = ['updateOne', 'updateMany', 'findOneAndUpdate', 'findOneAndReplace', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndDelete'] as const;

/** Mongoose plugin for the gig schema (see the comment at the top of this file). */
export function trackGigChanges(schema: Schema): void {
  const queryHook = async function (this: Query<unknown, unknown>, res: unknown) {
    await emit(this.model?.db, changeOfQuery(this.getFilter(), res));
  };
  for (const op of QUERY_WRITES) schema.post(op, { document: false, query: true }, queryHook);
  schema.post('save', async function (this: { _id: unknown; constructor: unknown }) {
    const id = idOf(this._id);
    await emit((this.constructor as Model<unknown>).db, id ? { ids: [id] } : { all: true });
  });
  schema.post(['updateOne', 'deleteOne'], { document: true, query: false }, async function (this: { _id: unknown; constructor: unknown }) {
    const id = idOf(this._id);
    await emit((this.constructor as Model<unknown>).db, id ? { ids: [id] } : { all: true });
  });
  schema.post('insertMany', async function (this: Model<unknown>, docs: unknown) {
    const ids = (Array.isArray(docs) ? docs : [docs]).map((d) => idOf((d as { _id?: unknown })?._id));
    await emit(this.db, ids.every((x): x is string => x !== null) ? { ids } : { all: true });
  });
  schema.post('bulkWrite', async function (this: Model<unknown>) {
    await emit(this.db, { all: true });
  });
}
