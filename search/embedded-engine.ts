import { Bitset } from './bitset.ts'
import {
  normalizeQuery,
  validateDocuments,
  validateIds,
  type FacetName,
  type IndexedVersion,
  type NormalizedQuery,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SupplierSearchDocument,
} from './documents.ts'
import type { SearchEngine, SearchSettings } from './engine.ts'
import { FacetIndex, facetValues } from './facet-index.ts'
import { Matcher, type MatchResult } from './matcher.ts'
import { planQuery, SynonymTable } from './query-plan.ts'
import { IntSlab, TextSlab } from './slab.ts'
import { fold, highlight } from './text.ts'
import { TextIndex } from './text-index.ts'
import { TopK } from './top-k.ts'

export interface EmbeddedEngineOptions {
  /**
   * Replaced and deleted documents stay in the text index as dead slots (FlexSearch has no
   * cheap single-document removal without a register that triples its memory). The index is
   * rebuilt from the live documents once dead slots exceed both of these.
   */
  compaction?: { minDeadSlots: number; deadToLiveRatio: number }
}

/** Documents indexed between two yields to the event loop, so requests keep flowing. */
const CHUNK = 2_000
const DESCRIPTION_CROP_WORDS = 30

/**
 * What the engine keeps of a supplier besides its words (TextIndex) and facet values
 * (FacetIndex): its id, its texts for highlighting and rebuilding (UTF-8, in a TextSlab:
 * name vi, name en, description vi, description en, then the products), its taxonomy labels
 * as ids into a shared table (they repeat across thousands of suppliers) and its sort keys.
 */
const NAME_VI = 0
const NAME_EN = 1
const DESCRIPTION_VI = 2
const DESCRIPTION_EN = 3
const PRODUCTS = 4

class LabelTable {
  private readonly ids = new Map<string, number>()
  private readonly labels: string[] = []

  idsOf(labels: string[]): number[] {
    return labels.map((label) => {
      let id = this.ids.get(label)
      if (id === undefined) {
        id = this.labels.length
        this.ids.set(label, id)
        this.labels.push(label)
      }
      return id
    })
  }

  labelsOf(ids: number[]): string[] {
    return ids.map((id) => this.labels[id]!)
  }
}

/**
 * Everything derived from the documents, addressed by slot. A compaction builds a fresh
 * one beside the old and swaps it in, so searches never see a half-built index.
 */
class Slots {
  readonly text = new TextIndex()
  readonly facets = new FacetIndex()
  readonly matcher = new Matcher(this.text)
  readonly live = new Bitset()
  liveCount = 0
  readonly slotOf = new Map<string, number>()
  /** Supplier id by slot; undefined once the slot is dead. */
  readonly ids: Array<string | undefined> = []
  readonly texts = new TextSlab()
  readonly labelIds = new IntSlab()
  updatedAt = new Float64Array(1024)
  readonly nameKey: string[] = []

  constructor(readonly labels: LabelTable) {}

  get size() {
    return this.ids.length
  }

  get dead() {
    return this.ids.length - this.liveCount
  }

  add(document: SupplierSearchDocument) {
    const { name, description } = document
    this.insert(
      document.id,
      [name.vi, name.en, description.vi, description.en, ...document.products],
      this.labels.idsOf(document.taxonomyLabels),
      facetValues(document),
      document.featured,
      document.updatedAt,
    )
  }

  /** Re-adds a live supplier of another Slots (a compaction). */
  copy(from: Slots, slot: number) {
    this.insert(
      from.ids[slot]!,
      from.texts.row(slot),
      from.labelIds.row(slot),
      from.facets.valuesOf(slot),
      from.facets.featured.has(slot),
      from.updatedAt[slot]!,
    )
  }

  private insert(
    id: string,
    texts: string[],
    labelIds: number[],
    values: Record<FacetName, string[]>,
    featured: boolean,
    updatedAt: number,
  ) {
    this.remove(id)
    const slot = this.ids.length
    if (slot >= this.updatedAt.length) {
      const grown = new Float64Array(this.updatedAt.length * 2)
      grown.set(this.updatedAt)
      this.updatedAt = grown
    }
    this.text.add(slot, [
      texts.slice(NAME_VI, DESCRIPTION_VI),
      texts.slice(PRODUCTS),
      this.labels.labelsOf(labelIds),
      texts.slice(DESCRIPTION_VI, PRODUCTS),
    ])
    this.facets.add(slot, values, featured)
    this.texts.push(texts)
    this.labelIds.push(labelIds)
    this.ids.push(id)
    this.updatedAt[slot] = updatedAt
    this.nameKey[slot] = fold(texts[NAME_VI] || texts[NAME_EN]!)
    this.slotOf.set(id, slot)
    this.live.add(slot)
    this.liveCount++
  }

  /** Tombstones the supplier's slot: out of results and counts, still in the text index. */
  remove(id: string) {
    const slot = this.slotOf.get(id)
    if (slot === undefined) return
    this.slotOf.delete(id)
    this.live.delete(slot)
    this.liveCount--
    this.facets.remove(slot)
    this.ids[slot] = undefined
  }
}

/**
 * The in-process engine (default when no Meilisearch is configured): FlexSearch for the
 * words, bitsets for filters and facets, our own ranking. It lives and dies with the app
 * process and is rebuilt from the database at start-up. Writes apply one batch at a time.
 * Why FlexSearch, with figures: docs/decisions/004-embedded-search-engine.md.
 */
export function createEmbeddedEngine(options: EmbeddedEngineOptions = {}): SearchEngine {
  const compaction = options.compaction ?? { minDeadSlots: 5_000, deadToLiveRatio: 0.25 }
  let labels = new LabelTable()
  let slots = new Slots(labels)
  let synonyms = new SynonymTable([])
  let closed = false
  let writes: Promise<unknown> = Promise.resolve()

  /** Mutations run one after another; a failed one does not block the next. */
  function serially<T>(write: () => Promise<T>): Promise<T> {
    const next = writes.then(write, write)
    writes = next.catch(() => undefined)
    return next
  }

  async function addAll(documents: SupplierSearchDocument[]) {
    for (let i = 0; i < documents.length; i++) {
      slots.add(documents[i]!)
      if ((i + 1) % CHUNK === 0) await yieldToEventLoop()
    }
  }

  async function compactIfNeeded() {
    const dead = slots.dead
    if (dead < compaction.minDeadSlots || dead < slots.liveCount * compaction.deadToLiveRatio) {
      return
    }
    const rebuilt = new Slots(labels)
    let copied = 0
    for (let slot = 0; slot < slots.size; slot++) {
      if (slots.ids[slot] === undefined) continue
      rebuilt.copy(slots, slot)
      if (++copied % CHUNK === 0) await yieldToEventLoop()
    }
    slots = rebuilt
  }

  function filterMask(current: Slots, query: NormalizedQuery, except?: FacetName): Bitset {
    const { live, facets } = current
    const mask = live.clone()
    if (query.featured === true) mask.and(facets.featured)
    if (query.featured === false) {
      const featured = facets.featured.words
      const words = mask.words
      for (let i = 0; i < Math.min(words.length, featured.length); i++) words[i]! &= ~featured[i]!
    }
    for (const [facet, values] of Object.entries(query.filters) as [FacetName, string[]][]) {
      if (facet !== except) mask.and(facets.anyOf(facet, values))
    }
    return mask
  }

  function rank(
    current: Slots,
    query: NormalizedQuery,
    result: Bitset,
    match?: MatchResult,
  ): number[] {
    const { updatedAt, nameKey, ids } = current
    const byUpdated = (a: number, b: number) =>
      updatedAt[b]! - updatedAt[a]! || (ids[a]! < ids[b]! ? -1 : 1)
    let compare = byUpdated
    if (query.sort === 'name') {
      compare = (a, b) =>
        nameKey[a]! < nameKey[b]! ? -1 : nameKey[a]! > nameKey[b]! ? 1 : byUpdated(a, b)
    } else if (query.sort === 'relevance' && match) {
      const scores = match.scores
      compare = (a, b) => scores[b]! - scores[a]! || byUpdated(a, b)
    }
    const top = new TopK(query.page * query.perPage, compare)
    result.forEach((slot) => top.offer(slot))
    return top.sorted().slice((query.page - 1) * query.perPage)
  }

  function highlightsOf(texts: string[], terms: Set<string>) {
    const isMatch = (folded: string) => terms.has(folded)
    const firstMarked = (variants: string[], crop?: number) => {
      for (const variant of variants) {
        const marked = variant ? highlight(variant, isMatch, crop) : undefined
        if (marked) return marked
      }
      return undefined
    }
    const highlights: SearchHit['highlights'] = {}
    const name = firstMarked([texts[NAME_VI]!, texts[NAME_EN]!])
    if (name) highlights.name = name
    const description = firstMarked(
      [texts[DESCRIPTION_VI]!, texts[DESCRIPTION_EN]!],
      DESCRIPTION_CROP_WORDS,
    )
    if (description) highlights.description = description
    const products = texts
      .slice(PRODUCTS)
      .map((product) => highlight(product, isMatch))
      .filter((marked) => marked !== undefined)
    if (products.length > 0) highlights.products = products.join(' · ')
    return highlights
  }

  return {
    kind: 'embedded',
    async health() {
      return closed
        ? { state: 'down', kind: 'embedded', detail: 'closed' }
        : { state: 'up', kind: 'embedded' }
    },

    configure(settings: SearchSettings) {
      return serially(async () => {
        synonyms = new SynonymTable(settings.synonyms)
      })
    },

    async upsert(documents: SupplierSearchDocument[]) {
      const valid = validateDocuments(documents)
      return serially(async () => {
        await addAll(valid)
        await compactIfNeeded()
      })
    },

    async delete(ids: string[]) {
      const valid = validateIds(ids)
      return serially(async () => {
        for (const id of valid) slots.remove(id)
        await compactIfNeeded()
      })
    },

    async search(input: SearchQuery): Promise<SearchResult> {
      const current = slots
      const query = normalizeQuery(input)
      const plan = planQuery(query.q, synonyms)
      let match: MatchResult | undefined
      let candidates = current.live
      if (plan.length > 0) {
        match = current.matcher.run(plan, current.size)
        candidates = new Bitset(current.size)
        for (const slot of match.slots) candidates.add(slot)
      }
      const result = filterMask(current, query).and(candidates)
      const facets: SearchResult['facets'] = {}
      for (const facet of query.facets) {
        // Disjunctive facets: a facet's own filter does not narrow its counts.
        const base = query.filters[facet]
          ? filterMask(current, query, facet).and(candidates)
          : result
        facets[facet] = current.facets.count(facet, base, base.size())
      }
      const hits = rank(current, query, result, match).map((slot): SearchHit => {
        const id = current.ids[slot]!
        return match
          ? {
              id,
              score: Math.round(match.scores[slot]! * 1000) / 1000,
              highlights: highlightsOf(current.texts.row(slot), match.terms),
            }
          : { id, highlights: {} }
      })
      return { hits, total: result.size(), facets, page: query.page, perPage: query.perPage }
    },

    async count() {
      return slots.liveCount
    },

    async allIds(): Promise<IndexedVersion[]> {
      const { slotOf, updatedAt } = slots
      return [...slotOf]
        .map(([id, slot]) => ({ id, updatedAt: updatedAt[slot]! }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    },

    clear() {
      return serially(async () => {
        labels = new LabelTable()
        slots = new Slots(labels)
      })
    },

    async close() {
      closed = true
    },
  }
}

function yieldToEventLoop() {
  return new Promise((resolve) => setImmediate(resolve))
}
