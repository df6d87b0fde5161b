import mongoose from 'mongoose';
import { Consistency } from '../src/db/consistency';
import { startTestApp, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

describe('atomically(key, fn): the one consistency primitive', () => {
  it('makes a read-check-write exact under 20 parallel callers, with fenced writes', async () => {
    const c = new Consistency(t.conn);
    const col = t.conn.collection('cons_probe');
    const { insertedId } = await col.insertOne({ filled: 0, rev: 0 });
    const results = await Promise.all(Array.from({ length: 20 }, () => c.atomically(`probe:${insertedId}`, async (tx) => {
      const doc = await col.findOne({ _id: insertedId });
      if (doc!.filled >= 3) return false;
      await tx.write(col, insertedId, doc!.rev, { $set: { filled: doc!.filled + 1 } });
      return true;
    })));
    expect(results.filter(Boolean)).toHaveLength(3);
    const doc = await col.findOne({ _id: insertedId });
    expect(doc).toMatchObject({ filled: 3, rev: 3 });
    expect(await t.conn.collection('locks').countDocuments({})).toBe(0);
  });

  it('a write refused by a unique index leaves no fence behind: the next attempt at that revision succeeds', async () => {
    const c = new Consistency(t.conn);
    const col = t.conn.collection('cons_unique');
    await col.createIndex({ handle: 1 }, { unique: true });
    await col.insertOne({ handle: 'taken', rev: 0 });
    const { insertedId } = await col.insertOne({ handle: 'mine', rev: 0 });
    await expect(c.atomically(`uniq:${insertedId}`, (tx) => tx.write(col, insertedId, 0, { $set: { handle: 'taken' } }))).rejects.toThrow();
    expect(await col.findOne({ _id: insertedId })).toMatchObject({ handle: 'mine', rev: 0 });
    await expect(c.atomically(`uniq:${insertedId}`, (tx) => tx.write(col, insertedId, 0, { $set: { handle: 'free' } }))).resolves.toBe(true);
    expect(await col.findOne({ _id: insertedId })).toMatchObject({ handle: 'free', rev: 1 });
  });

  it('lets only one of two holders write a step even when a lease expired under the first', async () => {
    const c = new Consistency(t.conn);
    const col = t.conn.collection('cons_fence');
    const { insertedId } = await col.insertOne({ n: 0, rev: 0 });
    let release!: () => void;
    const stalled = new Promise<void>((r) => { release = r; });
    // Holder A reads, then stalls past its (tiny, un-renewed-in-time) lease before writing.
    const a = c.atomically(`fence:${insertedId}`, async (tx) => {
      const doc = await col.findOne({ _id: insertedId });
      await stalled;
      return tx.write(col, insertedId, doc!.rev, { $set: { n: 'A' } });
    }, { leaseMs: 60 });
    // Make A's lease look expired, as if its process had frozen for longer than the lease.
    await new Promise((r) => setTimeout(r, 30));
    await t.conn.collection('locks').updateOne({ _id: `fence:${insertedId}` as never }, { $set: { expiresAt: new Date(0) } });
    const b = c.atomically(`fence:${insertedId}`, async (tx) => {
      const doc = await col.findOne({ _id: insertedId });
      return tx.write(col, insertedId, doc!.rev, { $set: { n: 'B' } });
    });
    await expect(b).resolves.toBe(true);
    release();
    await expect(a).rejects.toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(await col.findOne({ _id: insertedId })).toMatchObject({ n: 'B', rev: 1 });
  });

  it('takes over a lease whose holder died, exactly once', async () => {
    const c = new Consistency(t.conn);
    await t.conn.collection('locks').insertOne({ _id: 'stale-key' as unknown as mongoose.Types.ObjectId, token: 'dead', expiresAt: new Date(Date.now() - 1000) });
    let inside = 0;
    let maxInside = 0;
    await Promise.all(Array.from({ length: 8 }, () => c.atomically('stale-key', async () => {
      inside += 1;
      maxInside = Math.max(maxInside, inside);
      await new Promise((r) => setTimeout(r, 5));
      inside -= 1;
    })));
    expect(maxInside).toBe(1);
  });

  it('renews the lease while a long section runs, so nobody takes it over', async () => {
    const c = new Consistency(t.conn);
    let inside = 0;
    let maxInside = 0;
    const section = () => c.atomically('long-key', async () => {
      inside += 1;
      maxInside = Math.max(maxInside, inside);
      await new Promise((r) => setTimeout(r, 400));
      inside -= 1;
    }, { leaseMs: 150, waitMs: 5000 });
    await Promise.all([section(), section()]);
    expect(maxInside).toBe(1);
  });

  it('runs side effects after the change is stored and the lease released; their failure does not undo it', async () => {
    const errors: unknown[] = [];
    const c = new Consistency(t.conn, { onEffectError: (e) => errors.push(e) });
    const col = t.conn.collection('cons_effects');
    const { insertedId } = await col.insertOne({ s: 'a', rev: 0 });
    const seen: string[] = [];
    const out = await c.atomically(`eff:${insertedId}`, async (tx) => {
      await tx.write(col, insertedId, 0, { $set: { s: 'b' } });
      tx.after(async () => {
        const lease = await t.conn.collection('locks').findOne({ _id: `eff:${insertedId}` as never });
        seen.push(`${(await col.findOne({ _id: insertedId }))!.s}:${lease ? 'held' : 'free'}`);
      });
      tx.after(() => { throw new Error('WeChat down'); });
      return 'ok';
    });
    expect(out).toBe('ok');
    expect(seen).toEqual(['b:free']);
    expect(errors).toHaveLength(1);
  });

  it('answers 503 BUSY when the key stays held past the wait', async () => {
    const c = new Consistency(t.conn);
    let release!: () => void;
    const held = c.atomically('busy-key', () => new Promise<void>((r) => { release = r; }));
    await new Promise((r) => setTimeout(r, 50));
    await expect(c.atomically('busy-key', async () => 1, { waitMs: 100 })).rejects.toMatchObject({ status: 503, code: 'BUSY' });
    release();
    await held;
  });
});
