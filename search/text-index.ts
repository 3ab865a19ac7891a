import { Index } from 'flexsearch'
import SearchableMap from 'minisearch/SearchableMap'
import { exactForm, fold, words } from './text.ts'

/**
 * The full-text half of the embedded engine: two FlexSearch indexes mapping a term to the
 * document slots that contain it, bucketed by the best field it occurs in (FlexSearch calls
 * the buckets "resolution"; we fill them with our own score function):
 * - `folded`: every word without diacritics ("dap", "dong", "nai");
 * - `exact`: only words that carry diacritics, as written ("dập", "đồng"), so a query typed
 *   with diacritics can rank exact matches first.
 * Prefix and typo matching expand a query word against our own vocabulary (MiniSearch's radix
 * tree, which has an edit-distance walk), because FlexSearch has no edit-distance search and
 * its "forward" tokenizer for prefixes costs several times the memory.
 * See docs/decisions/004-embedded-search-engine.md for the measurements behind this.
 */

/** Field ranks, best first, in the order Meilisearch's searchableAttributes list them. */
export const FIELDS = ['name', 'products', 'taxonomyLabels', 'description'] as const

/** Slots of the documents containing a term, per field rank (index 0 = name). */
export type Postings = ReadonlyArray<readonly number[] | undefined>

interface Analysis {
  folded: string[]
  exact: string[]
}

const ASCII = /^[\x00-\x7f]*$/
const analysisCache = new Map<string, Analysis>()

/** Taxonomy labels and product names repeat across thousands of suppliers: analyse once. */
function analyse(text: string): Analysis {
  const cached = analysisCache.get(text)
  if (cached) return cached
  const analysis: Analysis = { folded: [], exact: [] }
  for (const word of words(text)) {
    const folded = fold(word)
    analysis.folded.push(folded)
    if (!ASCII.test(word)) {
      const exact = exactForm(word)
      if (exact !== folded) analysis.exact.push(exact)
    }
  }
  if (text.length <= 120) {
    if (analysisCache.size >= 20_000) analysisCache.clear()
    analysisCache.set(text, analysis)
  }
  return analysis
}

/** A document's searchable texts by field rank, as TextIndex.add() takes them. */
export type FieldTexts = readonly [
  name: readonly string[],
  products: readonly string[],
  taxonomyLabels: readonly string[],
  description: readonly string[],
]

/** Not cleared: the engine replaces the whole index when it clears or rebuilds. */
export class TextIndex {
  private readonly folded: Index
  private readonly exact: Index
  /** Terms handed to FlexSearch by the next add(); at search time a term is looked up as is. */
  private pendingTerms: string[] | undefined
  private pendingRankEnds: number[] = []
  /** Folded term → number of slots it was added for, dead ones included until a rebuild. */
  private readonly vocabulary = new Map<string, number>()
  private readonly tree = new SearchableMap<true>()

  constructor() {
    const options = {
      tokenize: 'strict' as const,
      resolution: FIELDS.length,
      // No per-slot register (it tripled the memory); slots are never removed one by one, the
      // engine tombstones them and rebuilds the index when too many are dead.
      fastupdate: false,
      encode: (text: string) => this.pendingTerms ?? [text],
      score: (_terms: string[], _term: string, position: number) => this.rankAt(position),
    }
    this.folded = new Index(options)
    this.exact = new Index(options)
  }

  add(slot: number, fields: FieldTexts) {
    const folded: string[] = []
    const exact: string[] = []
    const foldedEnds: number[] = []
    const exactEnds: number[] = []
    for (const texts of fields) {
      for (const text of texts) {
        const analysis = analyse(text)
        for (const term of analysis.folded) folded.push(term)
        for (const term of analysis.exact) exact.push(term)
      }
      foldedEnds.push(folded.length)
      exactEnds.push(exact.length)
    }
    const seen = new Set<string>()
    for (const term of folded) {
      if (seen.has(term)) continue
      seen.add(term)
      this.remember(term)
    }
    this.addTo(this.folded, slot, folded, foldedEnds)
    if (exact.length > 0) this.addTo(this.exact, slot, exact, exactEnds)
  }

  postings(term: string, kind: 'folded' | 'exact'): Postings | undefined {
    const index = kind === 'folded' ? this.folded : this.exact
    const found = index.search(term, { resolve: false }) as unknown as { result: Postings }
    return found.result.length > 0 ? found.result : undefined
  }

  /** Whether some document (live or dead) has this folded word: a lookup, no postings read. */
  has(folded: string): boolean {
    return this.vocabulary.has(folded)
  }

  /** Known folded words that start with `prefix` (not the prefix itself), most frequent first. */
  completions(prefix: string, limit: number): string[] {
    const found: string[] = []
    for (const term of this.tree.atPrefix(prefix).keys()) if (term !== prefix) found.push(term)
    if (found.length <= limit) return found
    const frequency = (term: string) => this.vocabulary.get(term) ?? 0
    return found.sort((a, b) => frequency(b) - frequency(a)).slice(0, limit)
  }

  /** Known folded words within `budget` edits of `word` (not the word itself). */
  typos(word: string, budget: number): Array<{ term: string; distance: number }> {
    const found: Array<{ term: string; distance: number }> = []
    if (budget === 0) return found
    for (const [term, [, distance]] of this.tree.fuzzyGet(word, budget)) {
      if (term !== word) found.push({ term, distance })
    }
    return found
  }

  private addTo(index: Index, slot: number, terms: string[], rankEnds: number[]) {
    this.pendingTerms = terms
    this.pendingRankEnds = rankEnds
    try {
      // The text argument only has to be non-empty; encode() hands over pendingTerms.
      index.add(slot, ' ')
    } finally {
      this.pendingTerms = undefined
    }
  }

  private rankAt(position: number): number {
    const ends = this.pendingRankEnds
    for (let rank = 0; rank < ends.length; rank++) if (position < ends[rank]!) return rank
    return ends.length - 1
  }

  private remember(term: string) {
    const count = this.vocabulary.get(term)
    this.vocabulary.set(term, (count ?? 0) + 1)
    if (count === undefined) this.tree.set(term, true)
  }
}
