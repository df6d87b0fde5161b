/**
 * Wraps an async function so that concurrent callers share one in-flight call.
 * Once it settles, the next call starts a new one.
 */
export function singleFlight<T>(fn: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null
  return () => {
    if (!pending) {
      pending = (async () => {
        try {
          return await fn()
        } finally {
          pending = null
        }
      })()
    }
    return pending
  }
}
