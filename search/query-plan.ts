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
   * A phrase starting at `at` once the typed word there is read as a phrase word within
   * `budget` typos ("bearinsg" → "bearings"), nearest first.
   */
  matchWithTypo(folded: string[], at: number, budget: number): Phrase | undefined {
    if (budget === 0) return undefined
    const near = [...this.vocabulary.fuzzyGet(folded[at]!, budget)]
      .filter(([word]) => word !== folded[at])
      .sort((a, b) => a[1][1] - b[1][1])
    for (const [word] of near) {
      const phrase = this.match([...folded.slice(0, at), word, ...folded.slice(at + 1)], at)
      if (phrase) return phrase
    }
    return undefined
  }
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
      phrase = synonyms.matchWithTypo(folded, i, typed[i]!.typos)
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
