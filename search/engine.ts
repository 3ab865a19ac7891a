/**
 * The search port. Routes and workers talk to this interface only; the adapters are the
 * embedded in-process engine (default) and Meilisearch (when MEILI_HOST is set).
 * The indexing and query half of the port arrives with supplier search (issue 5).
 */
export interface SearchHealth {
  state: 'up' | 'down'
  kind: 'embedded' | 'meilisearch'
  detail?: string
}

export interface SearchEngine {
  readonly kind: SearchHealth['kind']
  health(): Promise<SearchHealth>
  close(): Promise<void>
}
