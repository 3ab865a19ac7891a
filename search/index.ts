import type { SearchEngine } from './engine.ts'
import { createEmbeddedEngine } from './embedded-engine.ts'
import { createMeilisearchEngine } from './meilisearch-engine.ts'

export type {
  FacetName,
  IndexedVersion,
  SearchEngine,
  SearchHealth,
  SearchHit,
  SearchQuery,
  SearchResult,
  SearchSettings,
  SearchSort,
  SupplierSearchDocument,
  SynonymExpansion,
} from './engine.ts'
export { SearchDocumentError } from './documents.ts'

export function createSearchEngine(options: {
  meiliHost?: string
  meiliApiKey?: string
}): SearchEngine {
  return options.meiliHost
    ? createMeilisearchEngine({ host: options.meiliHost, apiKey: options.meiliApiKey })
    : createEmbeddedEngine()
}
