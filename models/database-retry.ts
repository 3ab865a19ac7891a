/**
 * FerretDB on SQLite has one writer at a time; a write waits for the lock (SQLite's busy
 * timeout, 10 s in FerretDB 1.24), but the wait is not a queue: on a starved machine with many
 * writers one of them can lose every retry and get "database is locked" (SQLITE_BUSY). Nothing
 * was written then, so an idempotent write (a point write that sets or clears a value, a delete
 * by `_id`) can simply be tried again. Seen once in CI: the start-up index rebuild's marker
 * clears lost to the seed and the start-up backfills, and the process exited.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const message = (error as { message?: unknown }).message
  return (
    typeof message === 'string' &&
    (message.includes('SQLITE_BUSY') || message.includes('database is locked'))
  )
}

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts?: number
  /** The first pause; each next one doubles, with jitter. */
  baseDelayMs?: number
  signal?: AbortSignal
}

/**
 * Runs an idempotent database operation, trying it again after a transient lock error (above).
 * Any other error, or the last try's, goes to the caller unchanged.
 */
export async function withDatabaseRetry<T>(
  operation: () => Promise<T>,
  { attempts = 5, baseDelayMs = 50, signal }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation()
    } catch (error) {
      if (attempt >= attempts || !isTransientDatabaseError(error) || signal?.aborted) throw error
      const delay = baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random())
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}
