import type { SearchEngine } from './engine.ts'

/** The in-process engine: it lives and dies with the app process, so it is up while we run. */
export function createEmbeddedEngine(): SearchEngine {
  let closed = false
  return {
    kind: 'embedded',
    async health() {
      return closed
        ? { state: 'down', kind: 'embedded', detail: 'closed' }
        : { state: 'up', kind: 'embedded' }
    },
    async close() {
      closed = true
    },
  }
}
