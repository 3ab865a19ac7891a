import type {
  DocumentField,
  IndexedVersion,
  SearchQuery,
  SearchResult,
  StoredFields,
  SupplierSearchDocument,
} from './documents.ts'

export type {
  DocumentField,
  FacetName,
  IndexedVersion,
  SearchHit,
  SearchQuery,
  SearchResult,
  SearchSort,
  StoredFields,
  SupplierSearchDocument,
} from './documents.ts'
export { SearchDocumentError } from './documents.ts'

/**
 * The search port. Routes and workers talk to this interface only; the adapters are the
 * embedded in-process engine (default) and Meilisearch (when MEILI_HOST is set). Both pass
 * the same contract suite (engine.contract.test.ts).
 */
export interface SearchHealth {
  /** `starting`: the embedded index is still being restored or rebuilt (server/search-startup.ts). */
  state: 'up' | 'down' | 'starting'
  kind: 'embedded' | 'meilisearch'
  detail?: string
}

export interface SearchSettings {
  /**
   * Groups of words or phrases that mean the same, in any language:
   * [['wire harness', 'bó dây điện', 'ワイヤーハーネス']]. A query containing one phrase of a
   * group also matches documents that contain any other phrase of it.
   */
  synonyms: string[][]
  /**
   * One-way synonyms: a query containing a phrase of `from` also matches documents containing
   * a phrase of `to`, not the reverse ("garment accessories" → "buttons", "zippers").
   */
  expansions?: SynonymExpansion[]
}

export interface SynonymExpansion {
  from: string[]
  to: string[]
}

export interface SearchEngine {
  readonly kind: SearchHealth['kind']
  health(): Promise<SearchHealth>
  /** Applies index settings; safe to call on every start-up (idempotent). */
  configure(settings: SearchSettings): Promise<void>
  /**
   * Adds or replaces documents by id. Validates the whole batch first and throws a
   * SearchDocumentError, indexing nothing, when any document is malformed.
   */
  upsert(documents: SupplierSearchDocument[]): Promise<void>
  /** Removes documents by id; unknown ids are ignored. */
  delete(ids: string[]): Promise<void>
  search(query: SearchQuery): Promise<SearchResult>
  /**
   * These fields (and the id) of the indexed documents with these ids, in the order of `ids`;
   * ids not indexed (or that cannot be ids) are left out. For a caller that scores hits itself (the sourcing matcher):
   * what it needs of 200 candidates without a database read per candidate. At most
   * MAX_PER_PAGE × 2 ids a call. Read-only: an engine may hand the same objects to several
   * callers (the embedded one keeps them until its next write, frozen).
   */
  documents(ids: readonly string[], fields: readonly DocumentField[]): Promise<StoredFields[]>
  count(): Promise<number>
  /** Every indexed id with its updatedAt, for the reconcile job; sorted by id. */
  allIds(): Promise<IndexedVersion[]>
  /** Removes every document (settings stay). */
  clear(): Promise<void>
  close(): Promise<void>
}
