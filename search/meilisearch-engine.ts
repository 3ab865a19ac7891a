import {
  Meilisearch,
  MeilisearchApiError,
  type EnqueuedTaskPromise,
  type Filter,
  type MultiSearchQuery,
  type Task,
} from 'meilisearch'
import {
  FACET_NAMES,
  documentFields,
  isDocumentId,
  MAX_PER_PAGE,
  normalizeQuery,
  validateDocuments,
  validateIds,
  type DocumentField,
  type FacetName,
  type IndexedVersion,
  type NormalizedQuery,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type StoredFields,
  type SupplierSearchDocument,
} from './documents.ts'
import type { SearchEngine, SearchSettings } from './engine.ts'
import { createKeepAliveTransport } from './meilisearch-http.ts'
import { escapeHtml, fold, tokenize } from './text.ts'

/** What we send: the port's document plus a folded name to sort by. */
type MeiliSupplier = SupplierSearchDocument & { nameSort: string }

export interface MeilisearchEngineOptions {
  host: string
  apiKey?: string
  /** Defaults to "suppliers"; the contract suite uses its own index. */
  indexUid?: string
  /** Send requests through the client's default `fetch` instead of the keep-alive transport. */
  useFetch?: boolean
}

/** A Meilisearch task ended in "failed" or "canceled". */
export class MeilisearchTaskError extends Error {
  override readonly name = 'MeilisearchTaskError'
  constructor(readonly task: Task) {
    super(
      `Meilisearch task ${task.uid} (${task.type}) ${task.status}` +
        (task.error ? `: ${task.error.code}: ${task.error.message}` : ''),
    )
  }
}

const BATCH = 5_000
const DOCUMENT_TASK_TIMEOUT_MS = 120_000
const SETTINGS_TASK_TIMEOUT_MS = 600_000
// Private-use characters as highlight tags: Meilisearch does not escape HTML in _formatted,
// so we escape the text ourselves and only then turn these into <mark>.
const MARK_START = '\uE000'
const MARK_END = '\uE001'
const DESCRIPTION_CROP_WORDS = 30
/** totalHits is exact up to this many matches (Meilisearch's default is 1,000). */
const MAX_TOTAL_HITS = 100_000

/**
 * The Meilisearch adapter (production, when MEILI_HOST is set), written against the
 * documented API of Meilisearch 1.x and meilisearch-js 0.62. Every write awaits its task and
 * throws MeilisearchTaskError when the task did not succeed.
 */
export function createMeilisearchEngine(options: MeilisearchEngineOptions): SearchEngine {
  const transport = options.useFetch ? undefined : createKeepAliveTransport()
  const client = new Meilisearch({
    host: options.host,
    apiKey: options.apiKey,
    timeout: 5_000,
    ...(transport ? { httpClient: transport.httpClient } : {}),
  })
  const indexUid = options.indexUid ?? 'suppliers'
  const index = client.index<MeiliSupplier>(indexUid)

  async function settle(enqueued: EnqueuedTaskPromise, timeout = DOCUMENT_TASK_TIMEOUT_MS) {
    const task = await enqueued.waitTask({ timeout })
    if (task.status !== 'succeeded') throw new MeilisearchTaskError(task)
    return task
  }

  async function ensureIndex() {
    const task = await client.createIndex(indexUid, { primaryKey: 'id' }).waitTask()
    if (task.status === 'succeeded' || task.error?.code === 'index_already_exists') return
    throw new MeilisearchTaskError(task)
  }

  function filterFor(query: NormalizedQuery, except?: FacetName): Filter {
    const filter: Filter = []
    for (const facet of FACET_NAMES) {
      const values = query.filters[facet]
      if (!values || facet === except) continue
      filter.push(values.map((value) => `${facet} = ${quote(value)}`))
    }
    if (query.featured !== undefined) filter.push(`featured = ${query.featured}`)
    return filter
  }

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

    async configure(settings: SearchSettings) {
      await ensureIndex()
      await settle(
        index.updateSettings({
          searchableAttributes: ['name', 'products', 'taxonomyLabels', 'description'],
          filterableAttributes: [...FACET_NAMES, 'featured'],
          sortableAttributes: ['updatedAt', 'nameSort'],
          // "sort" first: an explicit sort (updated, name) wins over relevance, as the port
          // promises; without a sort parameter the rule does nothing and relevance decides.
          rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
          synonyms: synonymMap(settings.synonyms, settings.expansions),
          typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
          pagination: { maxTotalHits: MAX_TOTAL_HITS },
          faceting: { maxValuesPerFacet: 500 },
        }),
        SETTINGS_TASK_TIMEOUT_MS,
      )
    },

    async upsert(documents: SupplierSearchDocument[]) {
      const valid = validateDocuments(documents)
      for (let start = 0; start < valid.length; start += BATCH) {
        const batch = valid.slice(start, start + BATCH).map((document) => ({
          ...document,
          nameSort: fold(document.name.vi || document.name.en),
        }))
        await settle(index.addDocuments(batch, { primaryKey: 'id' }))
      }
    },

    async delete(ids: string[]) {
      const valid = validateIds(ids)
      if (valid.length > 0) await settle(index.deleteDocuments(valid))
    },

    async search(input: SearchQuery): Promise<SearchResult> {
      const query = normalizeQuery(input)
      // Every word, as the embedded engine; when no supplier has them all, the engine relaxes
      // (most words matched first), which Meilisearch's "frequency" strategy does by dropping
      // the most frequent words first.
      let matchingStrategy: 'all' | 'frequency' = 'all'
      const common = () => ({ indexUid, q: query.q, matchingStrategy })
      const main = (): MultiSearchQuery => ({
        ...common(),
        filter: filterFor(query),
        facets: query.facets.filter((facet) => !query.filters[facet]),
        page: query.page,
        hitsPerPage: query.perPage,
        sort:
          query.sort === 'updated'
            ? ['updatedAt:desc']
            : query.sort === 'name'
              ? ['nameSort:asc']
              : undefined,
        attributesToRetrieve: ['id'],
        ...(query.highlight
          ? {
              attributesToHighlight: ['name', 'description', 'products'],
              attributesToCrop: ['description'],
              cropLength: DESCRIPTION_CROP_WORDS,
              cropMarker: '…',
              highlightPreTag: MARK_START,
              highlightPostTag: MARK_END,
            }
          : {}),
        showRankingScore: true,
        ...(query.explain ? { showRankingScoreDetails: true } : {}),
      })
      // Disjunctive facets: one more query per filtered facet, without that facet's filter.
      const disjunctive = query.facets.filter((facet) => query.filters[facet])
      const queries = (): MultiSearchQuery[] => [
        main(),
        ...disjunctive.map((facet) => ({
          ...common(),
          filter: filterFor(query, facet),
          facets: [facet],
          page: 1,
          hitsPerPage: 0,
        })),
      ]
      const run = () =>
        client.multiSearch<{ queries: MultiSearchQuery[] }, MeiliSupplier>({ queries: queries() })
      let results
      try {
        ;({ results } = await run())
        if (results[0]?.totalHits === 0 && tokenize(query.q).length > 1) {
          matchingStrategy = 'frequency'
          ;({ results } = await run())
        }
      } catch (error) {
        if (isIndexNotFound(error)) {
          return { hits: [], total: 0, facets: {}, page: query.page, perPage: query.perPage }
        }
        throw error
      }
      const [first, ...others] = results
      const facets: SearchResult['facets'] = {}
      for (const facet of query.facets) {
        const source = query.filters[facet] ? others[disjunctive.indexOf(facet)] : first
        facets[facet] = { ...source?.facetDistribution?.[facet] }
      }
      const hits = (first?.hits ?? []).map((hit): SearchHit => ({
        id: hit.id,
        ...(query.q && hit._rankingScore !== undefined ? { score: hit._rankingScore } : {}),
        highlights: query.q && query.highlight ? highlightsOf(hit._formatted) : {},
        ...(query.explain && hit._rankingScoreDetails
          ? { explain: { matchingStrategy, ...hit._rankingScoreDetails } }
          : {}),
      }))
      return {
        hits,
        total: first?.totalHits ?? 0,
        facets,
        page: query.page,
        perPage: query.perPage,
      }
    },

    async documents(ids, fields) {
      // An id that cannot be one is not indexed (and could break the comma-separated list).
      const wanted = [...new Set(ids)].filter(isDocumentId).slice(0, MAX_PER_PAGE * 2)
      if (wanted.length === 0) return []
      let results: Array<Partial<MeiliSupplier>>
      try {
        // By ids (Meilisearch 1.14+): no filterable id needed, one request.
        ;({ results } = await index.getDocuments<MeiliSupplier>({
          ids: wanted,
          fields: ['id', ...documentFields(fields)],
          limit: wanted.length,
        }))
      } catch (error) {
        if (isIndexNotFound(error)) return []
        throw error
      }
      const byId = new Map(results.map((document) => [document.id, document]))
      return wanted.flatMap((id) => {
        const stored = byId.get(id)
        if (!stored) return []
        // The port's fields only: never nameSort.
        const document: Partial<Record<DocumentField, unknown>> = { id }
        for (const field of documentFields(fields)) {
          if (stored[field] !== undefined) document[field] = stored[field]
        }
        return [document as StoredFields]
      })
    },

    async count() {
      try {
        return (await index.getStats()).numberOfDocuments
      } catch (error) {
        if (isIndexNotFound(error)) return 0
        throw error
      }
    },

    async allIds(): Promise<IndexedVersion[]> {
      const versions: IndexedVersion[] = []
      const limit = 1_000
      try {
        for (let offset = 0; ; offset += limit) {
          const page = await index.getDocuments<Pick<MeiliSupplier, 'id' | 'updatedAt'>>({
            fields: ['id', 'updatedAt'],
            limit,
            offset,
          })
          versions.push(...page.results.map(({ id, updatedAt }) => ({ id, updatedAt })))
          if (page.results.length < limit) break
        }
      } catch (error) {
        if (!isIndexNotFound(error)) throw error
      }
      return versions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    },

    async clear() {
      const task = await index.deleteAllDocuments().waitTask({ timeout: DOCUMENT_TASK_TIMEOUT_MS })
      if (task.status === 'succeeded' || task.error?.code === 'index_not_found') return
      throw new MeilisearchTaskError(task)
    },

    async close() {
      transport?.close()
    },
  }
}

/** A filter value in double quotes, with \ and " escaped, as Meilisearch's filter syntax wants. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/**
 * Meilisearch wants synonyms as word → words; we keep groups. Every phrase of a group maps to
 * all the others (multi-word phrases included), written as Meilisearch will normalise the
 * query: lower-case, NFC.
 */
export function synonymMap(
  groups: string[][],
  expansions: ReadonlyArray<{ from: string[]; to: string[] }> = [],
): Record<string, string[]> {
  const map: Record<string, string[]> = {}
  const phrasesOf = (texts: readonly string[]) => [
    ...new Set(
      texts
        .map((phrase) =>
          tokenize(phrase)
            .map((token) => token.exact)
            .join(' '),
        )
        .filter((phrase) => phrase !== ''),
    ),
  ]
  const link = (from: string[], to: string[]) => {
    for (const phrase of from) {
      const others = to.filter((other) => other !== phrase)
      if (others.length === 0) continue
      map[phrase] = [...new Set([...(map[phrase] ?? []), ...others])]
    }
  }
  for (const group of groups) {
    const phrases = phrasesOf(group)
    link(phrases, phrases)
  }
  // One-way synonyms: Meilisearch's map is word → words, so only `from` gets entries.
  for (const { from, to } of expansions) link(phrasesOf(from), phrasesOf(to))
  return map
}

type Formatted = Partial<{
  name: Partial<Record<'vi' | 'en', string>>
  description: Partial<Record<'vi' | 'en', string>>
  products: string[]
}>

function marked(text: string | undefined): string | undefined {
  if (!text?.includes(MARK_START)) return undefined
  return escapeHtml(text).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>')
}

function highlightsOf(formatted: Formatted | undefined): SearchHit['highlights'] {
  const highlights: SearchHit['highlights'] = {}
  if (!formatted) return highlights
  const name = marked(formatted.name?.vi) ?? marked(formatted.name?.en)
  if (name) highlights.name = name
  const description = marked(formatted.description?.vi) ?? marked(formatted.description?.en)
  if (description) highlights.description = description
  const products = (formatted.products ?? []).map(marked).filter((product) => product !== undefined)
  if (products.length > 0) highlights.products = products.join(' · ')
  return highlights
}

function isIndexNotFound(error: unknown): boolean {
  return error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found'
}
