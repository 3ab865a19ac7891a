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
