import { useEffect, useState } from 'react'

/** A tiny observable store: get / set / subscribe, plus a React hook. */
export interface Store<T> {
  get(): T
  set(next: Partial<T> | ((prev: T) => Partial<T>)): void
  subscribe(listener: (state: T) => void): () => void
  use(): T
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial
  const listeners = new Set<(state: T) => void>()
  const store: Store<T> = {
    get: () => state,
    set(next) {
      const patch = typeof next === 'function' ? next(state) : next
      state = { ...state, ...patch }
      listeners.forEach((l) => l(state))
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    use() {
      const [snapshot, setSnapshot] = useState(state)
      useEffect(() => {
        setSnapshot(state) // catch updates between render and effect
        return store.subscribe(setSnapshot)
      }, [])
      return snapshot
    },
  }
  return store
}
