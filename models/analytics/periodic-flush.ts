/**
 * Runs `flush` every `intervalMs` (the timer does not keep the process alive); `stop` clears the
 * timer and runs `final` (or `flush`) once more. Errors go to `onError`, never thrown: the
 * buffered counters keep what a failed write did not store (decision 029).
 */
export function periodicFlush(
  flush: () => Promise<void>,
  onError: (error: unknown) => void,
  intervalMs: number,
  final: () => Promise<void> = flush,
) {
  const timer = setInterval(() => {
    flush().catch(onError)
  }, intervalMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await final().catch(onError)
    },
  }
}

/**
 * One flush at a time per process: waits for the flush in progress, then `take`s what is
 * buffered (undefined: nothing to write) and writes it. A call during a flush waits for it and
 * then writes what came in meanwhile.
 */
export async function flushOneAtATime<T>(
  holder: { flushing: Promise<void> | null },
  take: () => T | undefined,
  write: (taken: T) => Promise<void>,
): Promise<void> {
  while (holder.flushing) await holder.flushing.catch(() => undefined)
  const taken = take()
  if (taken === undefined) return
  const run = write(taken)
  holder.flushing = run
  try {
    await run
  } finally {
    holder.flushing = null
  }
}
