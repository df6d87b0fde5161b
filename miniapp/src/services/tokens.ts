// Pure token store with an injectable key/value storage (Taro storage in the app, a Map in tests).

export interface KeyValueStorage {
  get(key: string): string | null | undefined
  set(key: string, value: string): void
  remove(key: string): void
}

export interface Tokens {
  accessToken: string
  refreshToken: string
}

export interface TokenStore {
  get(): Tokens | null
  set(tokens: Tokens): void
  clear(): void
  subscribe(listener: (tokens: Tokens | null) => void): () => void
}

export const ACCESS_KEY = 'dj.accessToken'
export const REFRESH_KEY = 'dj.refreshToken'

export function createTokenStore(storage: KeyValueStorage): TokenStore {
  const listeners = new Set<(tokens: Tokens | null) => void>()
  const read = (key: string): string | null => {
    try {
      const v = storage.get(key)
      return typeof v === 'string' && v.length > 0 ? v : null
    } catch {
      return null
    }
  }
  const emit = (t: Tokens | null) => listeners.forEach((l) => l(t))

  return {
    get() {
      const accessToken = read(ACCESS_KEY)
      const refreshToken = read(REFRESH_KEY)
      return accessToken && refreshToken ? { accessToken, refreshToken } : null
    },
    set(tokens) {
      storage.set(ACCESS_KEY, tokens.accessToken)
      storage.set(REFRESH_KEY, tokens.refreshToken)
      emit(tokens)
    },
    clear() {
      storage.remove(ACCESS_KEY)
      storage.remove(REFRESH_KEY)
      emit(null)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export function createMemoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { dump(): Record<string, string> } {
  const map = new Map(Object.entries(initial))
  return {
    get: (k) => map.get(k) ?? null,
    set: (k, v) => void map.set(k, v),
    remove: (k) => void map.delete(k),
    dump: () => Object.fromEntries(map),
  }
}
