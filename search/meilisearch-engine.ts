import { Meilisearch } from 'meilisearch'
import type { SearchEngine } from './engine.ts'

export function createMeilisearchEngine(options: { host: string; apiKey?: string }): SearchEngine {
  const client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: 5_000 })
  return {
    kind: 'meilisearch',
    async health() {
      try {
        const { status } = await client.health()
        return status === 'available'
          ? { state: 'up', kind: 'meilisearch' }
          : { state: 'down', kind: 'meilisearch', detail: `status ${status}` }
      } catch (error) {
        return {
          state: 'down',
          kind: 'meilisearch',
          detail: error instanceof Error ? error.message : String(error),
        }
      }
    },
    async close() {},
  }
}
