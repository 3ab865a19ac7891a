import type { SearchEngine, SearchHealth } from '#search/engine.ts'

export type SearchStartupPhase = 'restoring' | 'rebuilding' | 'ready'

export interface SearchStartup {
  /** The engine as the app uses it: its health says "starting" until the index is complete. */
  readonly engine: SearchEngine
  readonly phase: SearchStartupPhase
  /** Whether searches see every supplier (false while the index is restored or rebuilt). */
  readonly complete: boolean
  setPhase(phase: SearchStartupPhase): void
}

/**
 * The embedded index is restored from its snapshot or rebuilt from the database after the server
 * listens (issue 13): at 100,000 suppliers a rebuild takes minutes, and a server that does not
 * answer at all meanwhile looks dead to an operator and its health checks. Until the index is
 * complete, `/healthz` says "starting" (503: not ready for a load balancer) with the number of
 * suppliers indexed so far, `/livez` says the process is up, and search pages answer from what is
 * indexed so far with a notice that results may be incomplete. An external engine (Meilisearch)
 * keeps its own index and is complete at once.
 */
export function createSearchStartup(
  engine: SearchEngine,
  initial: SearchStartupPhase = 'ready',
): SearchStartup {
  let phase = initial
  let indexed = 0
  const health = async (): Promise<SearchHealth> => {
    const report = await engine.health()
    if (phase === 'ready' || report.state !== 'up') return report
    return { ...report, state: 'starting', detail: `${phase}: ${indexed} suppliers indexed` }
  }
  const upsert: SearchEngine['upsert'] = async (documents) => {
    await engine.upsert(documents)
    if (phase !== 'ready') indexed += documents.length
  }
  const proxy = new Proxy(engine, {
    get(target, property, receiver) {
      if (property === 'health') return health
      if (property === 'upsert') return upsert
      const value = Reflect.get(target, property, receiver) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return {
    engine: proxy,
    get phase() {
      return phase
    },
    get complete() {
      return phase === 'ready'
    },
    setPhase(next) {
      if (next !== phase && next !== 'ready') indexed = 0
      phase = next
    },
  }
}
