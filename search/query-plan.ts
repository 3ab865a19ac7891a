import SearchableMap from 'minisearch/SearchableMap'
import { stemOf, tokenize, typoBudget } from './text.ts'

/**
 * How the embedded engine reads a query: a slot per typed word, or per typed phrase that is a
 * synonym; a slot matches when any of its alternatives does (the words as typed, or another
 * phrase of a synonym group); an alternative matches when all its words do (the ranker then
 * wants a synonym's words adjacent, as a phrase). Documents that match every slot come first;
 * when none does, those that match the most (see matcher.ts).
 */
export interface PlanWord {
  /** As written (lower case, NFC): typed, or a synonym as the taxonomy spells it. */
  exact: string
  folded: string
  /** The last word of the query is matched as a prefix, for search as you type. */
  prefix: boolean
  /** Edit distance allowed on the folded word (0, 1 or 2). */
  typos: number
  /**
   * typed: the user's word; synonym: from a synonym group of a typed phrase; corrected: from
   * a synonym group of a typed word read with a typo or as another English form ("bearinsg").
   */
  source: 'typed' | 'synonym' | 'corrected'
}

export interface PlanSlot {
  alternatives: PlanWord[][]
}

interface Words {
  folded: string[]
  exact: string[]
}

interface Phrase extends Words {
  /** Every other phrase of every group this one is in, each once. */
  others: Words[]
}

/** Stems for English words, folded words otherwise: how phrases are looked up. */
const keyOfWords = (folded: readonly string[]) => folded.map(stemOf).join(' ')

/**
 * Synonym groups (and one-way expansions), compiled once per configure() into phrases keyed by
 * their first word's stem. Phrases are told apart by their stemmed folded words ("Hà Nội" and
 * "Ha Noi", "valve" and "valves" are one), keeping the spelling with diacritics, which the
 * ranker rewards. A phrase that is in several groups expands to the others of all of them, as
 * Meilisearch's word → words map does; the groups are not merged, since "a = x" and "b = x"
 * do not make "a = b".
 */
export class SynonymTable {
  private readonly byFirstWord = new Map<string, Phrase[]>()
  /** The folded words of every phrase, for reading a typed word with a typo as a phrase word. */
  private readonly vocabulary = new SearchableMap<true>()

  constructor(
    groups: string[][],
    expansions: ReadonlyArray<{ from: string[]; to: string[] }> = [],
  ) {
    const byKey = new Map<string, Phrase & { otherKeys: Set<string> }>()
    const phrasesOf = (texts: readonly string[]) => {
      const members = new Map<string, Words>()
      for (const text of texts) {
        const tokens = tokenize(text)
        if (tokens.length === 0) continue
        const words = { folded: tokens.map((t) => t.folded), exact: tokens.map((t) => t.exact) }
        const key = keyOfWords(words.folded)
        const known = members.get(key)
        // Keep the spelling with diacritics: "Hà Nội" rather than "Ha Noi".
        if (!known || (hasMarks(words.exact) && !hasMarks(known.exact))) members.set(key, words)
      }
      return members
    }
    const link = (from: Map<string, Words>, to: Map<string, Words>) => {
      for (const [key, words] of from) {
        let phrase = byKey.get(key)
        if (!phrase) {
          phrase = { ...words, others: [], otherKeys: new Set() }
          byKey.set(key, phrase)
        }
        for (const [otherKey, other] of to) {
          if (otherKey === key || phrase.otherKeys.has(otherKey)) continue
          phrase.otherKeys.add(otherKey)
          phrase.others.push(other)
        }
      }
    }
    for (const group of groups) {
      const members = phrasesOf(group)
      if (members.size >= 2) link(members, members)
    }
    // One way: the broader names find the narrower ones, not the reverse.
    for (const { from, to } of expansions) link(phrasesOf(from), phrasesOf(to))
    for (const phrase of byKey.values()) {
      const { folded, exact, others } = phrase
      const first = stemOf(folded[0]!)
      const list = this.byFirstWord.get(first) ?? []
      list.push({ folded, exact, others })
      this.byFirstWord.set(first, list)
      for (const word of folded) this.vocabulary.set(word, true)
    }
    // Longest phrase first, so "bó dây điện" wins over a shorter "bó dây".
    for (const list of this.byFirstWord.values()) {
      list.sort((a, b) => b.folded.length - a.folded.length)
    }
  }

  /** The longest phrase starting at `at` in the folded query words, if any (by stems). */
  match(folded: string[], at: number): Phrase | undefined {
    const stems = folded.map(stemOf)
    return this.byFirstWord
      .get(stems[at]!)
      ?.find((phrase) => phrase.folded.every((word, i) => stems[at + i] === stemOf(word)))
  }

  /**
   * A phrase starting at `at` when its words are read with typos: each typed word within its
   * budget of the phrase's word, a swap of two neighbouring letters counting as one typo
   * ("bearinsg" → "bearings", "wire harnes" → "wire harness"). Longest, then nearest first.
   */
  matchWithTypo(folded: string[], at: number, budgets: number[]): Phrase | undefined {
    const firsts = new Set<string>([stemOf(folded[at]!)])
    if (budgets[at]! > 0) {
      for (const [word] of this.vocabulary.fuzzyGet(folded[at]!, budgets[at]!))
        firsts.add(stemOf(word))
      for (const word of swaps(folded[at]!)) {
        if (this.byFirstWord.has(stemOf(word))) firsts.add(stemOf(word))
      }
    }
    let best: { phrase: Phrase; typos: number } | undefined
    for (const first of firsts) {
      for (const phrase of this.byFirstWord.get(first) ?? []) {
        if (at + phrase.folded.length > folded.length) continue
        let typos = 0
        const fits = phrase.folded.every((word, i) => {
          const typed = folded[at + i]!
          if (stemOf(typed) === stemOf(word)) return true
          const budget = budgets[at + i]!
          if (budget > 0 && swaps(typed).some((swapped) => stemOf(swapped) === stemOf(word))) {
            typos += 1
            return true
          }
          const distance = editDistance(typed, word, budget)
          typos += distance
          return distance <= budgets[at + i]!
        })
        if (!fits || typos === 0) continue
        const better =
          !best ||
          phrase.folded.length > best.phrase.folded.length ||
          (phrase.folded.length === best.phrase.folded.length && typos < best.typos)
        if (better) best = { phrase, typos }
      }
    }
    return best?.phrase
  }
}

/** The word with each pair of neighbouring letters swapped, one pair at a time. */
export function swaps(word: string): string[] {
  const letters = [...word]
  const result: string[] = []
  for (let i = 0; i + 1 < letters.length; i++) {
    if (letters[i] === letters[i + 1]) continue
    const swapped = [...letters]
    ;[swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!]
    result.push(swapped.join(''))
  }
  return result
}

/**
 * Edits between two words (optimal string alignment: insert, delete, substitute, or swap two
 * neighbours), or `limit + 1` once it is sure to be over `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  const x = [...a]
  const y = [...b]
  if (Math.abs(x.length - y.length) > limit) return limit + 1
  const rows = x.length + 1
  const columns = y.length + 1
  const d: number[] = new Array(rows * columns).fill(0)
  for (let i = 0; i < rows; i++) d[i * columns] = i
  for (let j = 0; j < columns; j++) d[j] = j
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity
    for (let j = 1; j < columns; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1
      let value = Math.min(
        d[(i - 1) * columns + j]! + 1,
        d[i * columns + j - 1]! + 1,
        d[(i - 1) * columns + j - 1]! + cost,
      )
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        value = Math.min(value, d[(i - 2) * columns + j - 2]! + 1)
      }
      d[i * columns + j] = value
      rowMin = Math.min(rowMin, value)
    }
    if (rowMin > limit) return limit + 1
  }
  return Math.min(d[rows * columns - 1]!, limit + 1)
}

export function planQuery(q: string, synonyms: SynonymTable): PlanSlot[] {
  const tokens = tokenize(q)
  const folded = tokens.map((token) => token.folded)
  const typed = tokens.map((token, i): PlanWord => ({
    exact: token.exact,
    folded: token.folded,
    prefix: i === tokens.length - 1,
    typos: typoBudget(token.folded),
    source: 'typed',
  }))
  const slots: PlanSlot[] = []
  for (let i = 0; i < tokens.length;) {
    let source: PlanWord['source'] = 'synonym'
    let phrase = synonyms.match(folded, i)
    if (!phrase) {
      phrase = synonyms.matchWithTypo(
        folded,
        i,
        typed.map((word) => word.typos),
      )
      source = 'corrected'
    }
    if (!phrase) {
      slots.push({ alternatives: [[typed[i]!]] })
      i++
      continue
    }
    const span = typed.slice(i, i + phrase.folded.length)
    // Synonyms allow no typo and no prefix, as in Meilisearch. A corrected phrase's own words
    // come first: they are what was meant.
    const own = source === 'corrected' ? [phrase] : []
    const others = withoutSupersets(span, [...own, ...phrase.others]).map((other) =>
      other.folded.map((word, j): PlanWord => ({
        exact: other.exact[j]!,
        folded: word,
        prefix: false,
        typos: 0,
        source,
      })),
    )
    slots.push({ alternatives: [span, ...others] })
    i += phrase.folded.length
  }
  return slots
}

function hasMarks(words: readonly string[]): boolean {
  return words.some((word) => !/^[\x00-\x7f]*$/.test(word))
}

/**
 * Drops the alternatives that contain every word of the typed span or of a shorter alternative
 * ("plastic injection moulding" beside "plastic injection", "ép phun nhựa" when "ép phun" was
 * typed): a document matching them matches the shorter one too, so they could not add a
 * single document, only cost time. The taxonomy's groups are full of them, since labels and
 * synonyms often extend each other.
 */
function withoutSupersets(span: PlanWord[], others: Words[]): Words[] {
  const kept: Array<Set<string>> = [new Set(span.map((word) => stemOf(word.folded)))]
  const result: Words[] = []
  const shortestFirst = [...others].sort((a, b) => a.folded.length - b.folded.length)
  for (const other of shortestFirst) {
    const words = new Set(other.folded.map(stemOf))
    if (kept.some((smaller) => [...smaller].every((word) => words.has(word)))) continue
    kept.push(words)
    result.push(other)
  }
  return result
}
