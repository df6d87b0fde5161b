import { ACCESS_KEY, REFRESH_KEY, createMemoryStorage, createTokenStore } from '../src/services/tokens'

describe('token store', () => {
  it('persists both tokens in the injected storage and reads them back', () => {
    const storage = createMemoryStorage()
    const store = createTokenStore(storage)
    expect(store.get()).toBeNull()
    store.set({ accessToken: 'a1', refreshToken: 'r1' })
    expect(storage.dump()).toEqual({ [ACCESS_KEY]: 'a1', [REFRESH_KEY]: 'r1' })
    // A new store over the same storage (app restart) sees the same session.
    expect(createTokenStore(storage).get()).toEqual({ accessToken: 'a1', refreshToken: 'r1' })
  })

  it('treats a half-written session as logged out and clear() removes everything', () => {
    const storage = createMemoryStorage({ [ACCESS_KEY]: 'a1' })
    const store = createTokenStore(storage)
    expect(store.get()).toBeNull()
    store.set({ accessToken: 'a2', refreshToken: 'r2' })
    store.clear()
    expect(store.get()).toBeNull()
    expect(storage.dump()).toEqual({})
  })

  it('notifies subscribers on set and clear, and stops after unsubscribe', () => {
    const store = createTokenStore(createMemoryStorage())
    const seen: unknown[] = []
    const off = store.subscribe((t) => seen.push(t))
    store.set({ accessToken: 'a', refreshToken: 'r' })
    store.clear()
    off()
    store.set({ accessToken: 'b', refreshToken: 's' })
    expect(seen).toEqual([{ accessToken: 'a', refreshToken: 'r' }, null])
  })

  it('survives a storage that throws on read', () => {
    const store = createTokenStore({ get: () => { throw new Error('quota') }, set: () => {}, remove: () => {} })
    expect(store.get()).toBeNull()
  })
})
