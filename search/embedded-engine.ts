import { Bitset } from './bitset.ts'
import {
  FACET_NAMES,
  documentFields,
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
import { FacetIndex, facetValues } from './facet-index.ts'
import { Matcher, type MatchResult } from './matcher.ts'
import { planQuery, SynonymTable, type PlanSlot } from './query-plan.ts'
import { Ranker, type Ranking } from './ranker.ts'
import { fold } from './text.ts'
import { type FieldMarking, type FieldTexts, TextIndex } from './text-index.ts'
import { TopK } from './top-k.ts'

export interface EmbeddedEngineOptions {
  /**
   * Replaced and deleted documents stay in the text index as dead slots (append-only posting
   * lists have no cheap single-document removal; a per-document register of its lists would
   * cost more memory than the lists). The index is rebuilt from the live documents once dead
   * slots exceed both of these.
   */
  compaction?: { minDeadSlots: number; deadToLiveRatio: number }
}

/** Documents indexed between two yields to the event loop, so requests keep flowing. */
const CHUNK = 2_000
/**
 * Results kept for repeated searches (decision 019): at 100,000 suppliers a broad search with
 * its six facet counts costs 15–30 ms of CPU, and the same few searches (the home page's
 * categories, the empty browse, a buyer paging back) come again and again. Every write to
 * the index empties it, so an answer is never older than the index it came from.
 */
const RESULT_CACHE_SIZE = 256
/**
 * Documents decoded for `documents()` (result cards) kept, by slot and fields: decoding the
 * compact text index was the largest single cost of a repeated search at 100,000 suppliers
 * (decision 019). Shared between callers, so frozen; emptied by every write.
 */
const DOCUMENT_CACHE_SIZE = 4096

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}
const DESCRIPTION_CROP_WORDS = 30
/** How many of the first pass's best the ranker re-scores (more when a later page is asked). */
const RERANK = 200
/** Positions in FieldTexts. */
const NAME = 0
const PRODUCTS = 1
const LABELS = 2
const DESCRIPTION = 3
/** Document fields kept as facet values. */
const FACET_FIELDS: readonly DocumentField[] = [...FACET_NAMES]
/** Highlights: the first name and description that match (vi before en), every product. */
const MARKING: FieldMarking[] = [
  { firstOnly: true },
  {},
  {},
  { firstOnly: true, crop: DESCRIPTION_CROP_WORDS },
]

interface SlotExtras {
  slug: string
  answeredWithinDay?: { share: number; conversations: number }
}

/**
 * Everything derived from the documents, addressed by slot: words and texts (TextIndex),
 * facet values (FacetIndex), id and sort keys. A compaction builds a fresh one beside the old
 * and swaps it in, so searches never see a half-built index.
 */
class Slots {
  readonly text = new TextIndex()
  readonly facets = new FacetIndex()
  readonly matcher = new Matcher(this.text)
  readonly ranker = new Ranker(this.text)
  /** Profile quality by slot (verification, completeness): a tie-breaker only. */
  quality = new Float32Array(1024)
  readonly live = new Bitset()
  liveCount = 0
  readonly slotOf = new Map<string, number>()
  /** Supplier id by slot; undefined once the slot is dead. */
  readonly ids: Array<string | undefined> = []
  updatedAt = new Float64Array(1024)
  /** Folded name by slot, for sort=name. */
  readonly nameKey: string[] = []
  /** What a document holds besides texts and facets, by slot: to give hits their documents. */
  readonly extras: SlotExtras[] = []

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
      [
        [name.vi, name.en],
        document.products,
        document.taxonomyLabels,
        [description.vi, description.en],
      ],
      facetValues(document),
      document.featured,
      document.updatedAt,
      qualityOf(document),
      {
        slug: document.slug,
        ...(document.answeredWithinDay
          ? { answeredWithinDay: { ...document.answeredWithinDay } }
          : {}),
      },
    )
  }

  /** Re-adds a live supplier of another Slots (a compaction). */
  copy(from: Slots, slot: number) {
    this.insert(
      from.ids[slot]!,
      from.text.fields(slot),
      from.facets.valuesOf(slot),
      from.facets.featured.has(slot),
      from.updatedAt[slot]!,
      from.quality[slot]!,
      from.extras[slot]!,
    )
  }

  /**
   * These fields of the live slot's document, rebuilt from what the slot keeps (exactly what
   * was added), and its id. Only the text fields asked for are decoded.
   */
  document(slot: number, fields: readonly DocumentField[]): StoredFields {
    const wanted = new Set(fields)
    const ranks = wanted.has('description')
      ? 4
      : wanted.has('taxonomyLabels')
        ? 3
        : wanted.has('products')
          ? 2
          : wanted.has('name')
            ? 1
            : 0
    const texts = ranks > 0 ? this.text.fields(slot, ranks) : undefined
    const values = FACET_FIELDS.some((field) => wanted.has(field))
      ? this.facets.valuesOf(slot)
      : undefined
    const extras = this.extras[slot]!
    const full: Partial<SupplierSearchDocument> = {
      id: this.ids[slot]!,
      slug: extras.slug,
      ...(texts
        ? {
            name: { vi: texts[NAME][0] ?? '', en: texts[NAME][1] ?? '' },
            products: [...texts[PRODUCTS]],
            taxonomyLabels: [...texts[LABELS]],
            description: { vi: texts[DESCRIPTION][0] ?? '', en: texts[DESCRIPTION][1] ?? '' },
          }
        : {}),
      ...(values
        ? {
            sector: values.sector,
            process: values.process,
            material: values.material,
            certification: values.certification,
            province: values.province[0]!,
            region: values.region[0]!,
            employeeBand: values.employeeBand[0]!,
            exportMarket: values.exportMarket,
            verified: values.verified[0] === 'true',
          }
        : {}),
      featured: this.facets.featured.has(slot),
      updatedAt: this.updatedAt[slot]!,
      ...(extras.answeredWithinDay ? { answeredWithinDay: { ...extras.answeredWithinDay } } : {}),
    }
    const document: Partial<Record<DocumentField, unknown>> = { id: full.id }
    for (const field of wanted) if (full[field] !== undefined) document[field] = full[field]
    return document as StoredFields
  }

  private insert(
    id: string,
    fields: FieldTexts,
    values: Record<FacetName, string[]>,
    featured: boolean,
    updatedAt: number,
    quality: number,
    extras: SlotExtras,
  ) {
    this.remove(id)
    const slot = this.ids.length
    if (slot >= this.updatedAt.length) {
      const grown = new Float64Array(this.updatedAt.length * 2)
      grown.set(this.updatedAt)
      this.updatedAt = grown
      const qualities = new Float32Array(this.quality.length * 2)
      qualities.set(this.quality)
      this.quality = qualities
    }
    this.quality[slot] = quality
    this.text.add(slot, fields)
    this.facets.add(slot, values, featured)
    this.ids.push(id)
    this.updatedAt[slot] = updatedAt
    this.extras[slot] = extras
    const [nameVi, nameEn] = fields[NAME]
    this.nameKey[slot] = fold(nameVi || nameEn!)
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
 * The in-process engine (default when no Meilisearch is configured): compact posting lists
 * for the words, MiniSearch's radix tree for prefixes and typos, bitsets for filters and
 * facets, our own ranking. It lives and dies with the app process and is rebuilt from the
 * database at start-up. Writes apply one batch at a time.
 * The choices, with figures: docs/decisions/004-embedded-search-engine.md.
 */
export function createEmbeddedEngine(options: EmbeddedEngineOptions = {}): SearchEngine {
  const compaction = options.compaction ?? { minDeadSlots: 5_000, deadToLiveRatio: 0.25 }
  let slots = new Slots()
  let synonyms = new SynonymTable([])
  let closed = false
  let writes: Promise<unknown> = Promise.resolve()
  /** Normalised query → result, least recently used first; emptied by every write. */
  const results = new Map<string, SearchResult>()
  /** "<slot>|<fields>" → decoded document (read-only); emptied by every write. */
  const decoded = new Map<string, StoredFields>()

  /** Mutations run one after another; a failed one does not block the next. */
  function serially<T>(write: () => Promise<T>): Promise<T> {
    // Emptied before (a search meanwhile may see part of the batch) and after the write (so a
    // search once the write is acknowledged sees all of it).
    const written = async () => {
      results.clear()
      decoded.clear()
      try {
        return await write()
      } finally {
        results.clear()
        decoded.clear()
      }
    }
    const next = writes.then(written, written)
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
    const rebuilt = new Slots()
    let copied = 0
    for (let slot = 0; slot < slots.size; slot++) {
      if (slots.ids[slot] === undefined) continue
      rebuilt.copy(slots, slot)
      if (++copied % CHUNK === 0) await yieldToEventLoop()
    }
    rebuilt.text.trim()
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
    plan: PlanSlot[],
    match?: MatchResult,
  ): { slots: number[]; rankings?: Map<number, Ranking> } {
    const { updatedAt, nameKey, ids, quality } = current
    const byUpdated = (a: number, b: number) =>
      updatedAt[b]! - updatedAt[a]! || (ids[a]! < ids[b]! ? -1 : 1)
    const from = (query.page - 1) * query.perPage
    if (query.sort === 'relevance' && match) {
      // First pass: the best RERANK (or the pages asked) by the matcher's score.
      const scores = match.scores
      const pool = new TopK(
        Math.max(RERANK, query.page * query.perPage),
        (a, b) => scores[b]! - scores[a]! || quality[b]! - quality[a]! || byUpdated(a, b),
      )
      // Once the pool is full, a match must beat its last: most are turned away by comparing
      // scores, and the many ties (a word in the same field scores the same) by quality, before
      // the heap's comparator. The result's bits are read in order, so the scores are too.
      const bits = result.words
      for (let w = 0; w < bits.length; w++) {
        for (let word = bits[w]!; word !== 0; word &= word - 1) {
          const slot = (w << 5) + 31 - Math.clz32(word & -word)
          if (pool.full) {
            const last = pool.last()!
            const score = scores[slot]!
            if (score < scores[last]!) continue
            if (score === scores[last] && quality[slot]! < quality[last]!) continue
          }
          pool.offer(slot)
        }
      }
      const pooled = pool.sorted()
      // Second pass: slots matched, then how exactly (tiers), then the ranker's score in 5%
      // steps; quality and date only break ties.
      current.ranker.documents = current.liveCount
      const rankings = current.ranker.rank(plan, match.expansions, pooled, query.explain)
      const step = (score: number) => (score > 0 ? Math.round(Math.log(score) * 20) : -1e9)
      const order = (a: number, b: number) => {
        const x = rankings.get(a)!
        const y = rankings.get(b)!
        return (
          y.words - x.words ||
          Math.round((y.tier - x.tier) * 20) ||
          step(y.score) - step(x.score) ||
          quality[b]! - quality[a]! ||
          byUpdated(a, b)
        )
      }
      return { slots: pooled.sort(order).slice(from, from + query.perPage), rankings }
    }
    let compare = byUpdated
    if (query.sort === 'name') {
      compare = (a, b) =>
        nameKey[a]! < nameKey[b]! ? -1 : nameKey[a]! > nameKey[b]! ? 1 : byUpdated(a, b)
    }
    const top = new TopK(query.page * query.perPage, compare)
    result.forEach((slot) => top.offer(slot))
    return { slots: top.sorted().slice(from) }
  }

  function highlightsOf(current: Slots, slot: number, terms: Set<string>) {
    const marked = current.text.highlight(slot, (folded) => terms.has(folded), MARKING)
    const highlights: SearchHit['highlights'] = {}
    const name = marked[NAME]!.find((html) => html !== undefined)
    if (name) highlights.name = name
    const description = marked[DESCRIPTION]!.find((html) => html !== undefined)
    if (description) highlights.description = description
    const products = marked[PRODUCTS]!.filter((html) => html !== undefined)
    if (products.length > 0) highlights.products = products.join(' · ')
    return highlights
  }

  function searchNow(query: NormalizedQuery): SearchResult {
    const current = slots
    const plan = planQuery(query.q, synonyms)
    // Filters first, as bitsets: the words are matched only in the documents they keep
    // (and, for a disjunctive facet, those its own filter alone would drop).
    const filtered = filterMask(current, query)
    const without = new Map<FacetName, Bitset>()
    for (const facet of query.facets) {
      if (query.filters[facet]) without.set(facet, filterMask(current, query, facet))
    }
    const narrowed = query.featured !== undefined || Object.keys(query.filters).length > 0
    // Filters that keep nothing (often the paid slot while no supplier is featured): no words
    // to match, nothing to count.
    if (narrowed && filtered.isEmpty() && [...without.values()].every((mask) => mask.isEmpty())) {
      const facets = Object.fromEntries(query.facets.map((facet) => [facet, {}]))
      return { hits: [], total: 0, facets, page: query.page, perPage: query.perPage }
    }
    let match: MatchResult | undefined
    let candidates = current.live
    if (plan.length > 0) {
      let scope: Bitset | undefined
      if (narrowed) {
        scope = filtered
        for (const mask of without.values())
          scope = (scope === filtered ? scope.clone() : scope).or(mask)
      }
      // Without filters, relaxation is decided over every slot, as before (a replaced
      // document's dead slot counts until a rebuild).
      match = current.matcher.run(plan, current.size, scope, narrowed ? filtered : undefined)
      if (match.members) {
        candidates = match.members
      } else {
        candidates = new Bitset(current.size)
        for (const slot of match.slots) candidates.add(slot)
      }
    }
    const result = filtered.clone().and(candidates)
    const facets: SearchResult['facets'] = {}
    for (const facet of query.facets) {
      // Disjunctive facets: a facet's own filter does not narrow its counts.
      const mask = without.get(facet)
      const base = mask ? mask.and(candidates) : result
      facets[facet] = current.facets.count(facet, base, base.size())
    }
    const ranked = rank(current, query, result, plan, match)
    const hits = ranked.slots.map((slot): SearchHit => {
      const id = current.ids[slot]!
      if (!match) return { id, highlights: {} }
      const ranking = ranked.rankings?.get(slot)
      const score = ranking ? ranking.words * 1000 + ranking.score : match.scores[slot]!
      return {
        id,
        score: Math.round(score * 1000) / 1000,
        highlights: query.highlight ? highlightsOf(current, slot, match.terms) : {},
        ...(query.explain
          ? {
              explain: {
                wordsMatched: ranking?.words,
                tiers: ranking && Math.round(ranking.tier * 100) / 100,
                ofWords: plan.length,
                relaxed: match.relaxed,
                rankerScore: ranking && Math.round(ranking.score * 1000) / 1000,
                firstPassScore: Math.round(match.scores[slot]! * 1000) / 1000,
                quality: Math.round(current.quality[slot]! * 100) / 100,
                slots: ranking?.explain,
              },
            }
          : {}),
      }
    })
    return { hits, total: result.size(), facets, page: query.page, perPage: query.perPage }
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
        synonyms = new SynonymTable(settings.synonyms, settings.expansions)
      })
    },

    async upsert(documents: SupplierSearchDocument[]) {
      const valid = validateDocuments(documents)
      return serially(async () => {
        await addAll(valid)
        await compactIfNeeded()
        slots.text.trim()
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
      const query = normalizeQuery(input)
      const key = cacheKey(query)
      let result = results.get(key)
      if (result) {
        results.delete(key)
      } else {
        result = searchNow(query)
        if (results.size >= RESULT_CACHE_SIZE) results.delete(results.keys().next().value!)
      }
      results.set(key, result)
      // A copy: callers may reorder or trim what they get (the sponsored rotation does).
      return structuredClone(result)
    },

    async documents(ids, fields) {
      const current = slots
      const wanted = documentFields(fields)
      const fieldsKey = wanted.join(',')
      const found: StoredFields[] = []
      // No id check: one that cannot be an id is simply not found.
      for (const id of [...new Set(ids)].slice(0, MAX_PER_PAGE * 2)) {
        const slot = current.slotOf.get(id)
        if (slot === undefined) continue
        const key = `${slot}|${fieldsKey}`
        let document = decoded.get(key)
        if (!document) {
          document = deepFreeze(current.document(slot, wanted))
          if (decoded.size >= DOCUMENT_CACHE_SIZE) decoded.clear()
          decoded.set(key, document)
        }
        found.push(document)
      }
      return found
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
        slots = new Slots()
      })
    },

    async close() {
      closed = true
    },
  }
}

/**
 * How complete and trusted a profile is, 0–1: verified counts half, then an English name, a
 * description, two or more product texts, a process and a certification a tenth each. Only
 * ever a tie-breaker between equally relevant hits.
 */
function qualityOf(document: SupplierSearchDocument): number {
  return (
    (document.verified ? 0.5 : 0) +
    (document.name.en.trim() ? 0.1 : 0) +
    (document.description.vi.trim() || document.description.en.trim() ? 0.1 : 0) +
    (document.products.length >= 2 ? 0.1 : 0) +
    (document.process.length > 0 ? 0.1 : 0) +
    (document.certification.length > 0 ? 0.1 : 0)
  )
}

/** One key per distinct search: filter values in a fixed order, as they do not change the result. */
function cacheKey(query: NormalizedQuery): string {
  const filters = Object.entries(query.filters).map(([facet, values]) => [
    facet,
    [...values].sort(),
  ])
  return JSON.stringify([
    query.q,
    filters,
    query.featured,
    query.facets,
    query.sort,
    query.page,
    query.perPage,
    query.explain,
    query.highlight,
  ])
}

function yieldToEventLoop() {
  return new Promise((resolve) => setImmediate(resolve))
}
