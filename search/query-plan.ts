import { tokenize, typoBudget } from './text.ts'

/**
 * How the embedded engine reads a query: every slot must match (Meilisearch's
 * matchingStrategy "all"); a slot matches when any of its alternatives does (the words as
 * typed, or another phrase of a synonym group); an alternative matches when all its words do.
 */
export interface PlanWord {
  exact: string
  folded: string
  /** The last word of the query is matched as a prefix, for search as you type. */
  prefix: boolean
  /** Edit distance allowed on the folded word (0, 1 or 2). */
  typos: number
}

export interface PlanSlot {
  alternatives: PlanWord[][]
}

interface Phrase {
  folded: string[]
  /** The folded words of every other phrase of every group this one is in, each once. */
  others: string[][]
}

/**
 * Synonym groups, compiled once per configure() into phrases keyed by their first word.
 * Phrases are told apart by their folded words ("Hà Nội" and "Ha Noi" of one group are one),
 * since synonyms are matched folded. A phrase that is in several groups expands to the others
 * of all of them, as Meilisearch's word → words map does; the groups are not merged, since
 * "a = x" and "b = x" do not make "a = b".
 */
export class SynonymTable {
  private readonly byFirstWord = new Map<string, Phrase[]>()

  constructor(
    groups: string[][],
    expansions: ReadonlyArray<{ from: string[]; to: string[] }> = [],
  ) {
    const byKey = new Map<string, Phrase & { otherKeys: Set<string> }>()
    const phrasesOf = (texts: readonly string[]) => {
      const members = new Map<string, string[]>()
      for (const text of texts) {
        const folded = tokenize(text).map((token) => token.folded)
        if (folded.length > 0) members.set(folded.join(' '), folded)
      }
      return members
    }
    const link = (from: Map<string, string[]>, to: Map<string, string[]>) => {
      for (const [key, folded] of from) {
        let phrase = byKey.get(key)
        if (!phrase) {
          phrase = { folded, others: [], otherKeys: new Set() }
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
    for (const { folded, others } of byKey.values()) {
      const list = this.byFirstWord.get(folded[0]!) ?? []
      list.push({ folded, others })
      this.byFirstWord.set(folded[0]!, list)
    }
    // Longest phrase first, so "bó dây điện" wins over a shorter "bó dây".
    for (const list of this.byFirstWord.values()) {
      list.sort((a, b) => b.folded.length - a.folded.length)
    }
  }

  /** The longest phrase starting at `at` in the folded query words, if any. */
  match(folded: string[], at: number): Phrase | undefined {
    return this.byFirstWord
      .get(folded[at]!)
      ?.find((phrase) => phrase.folded.every((word, i) => folded[at + i] === word))
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
  }))
  const slots: PlanSlot[] = []
  for (let i = 0; i < tokens.length;) {
    const phrase = synonyms.match(folded, i)
    if (!phrase) {
      slots.push({ alternatives: [[typed[i]!]] })
      i++
      continue
    }
    const span = typed.slice(i, i + phrase.folded.length)
    // Synonyms allow no typo and no prefix, as in Meilisearch, and are matched folded: the
    // bonus for diacritics as typed rewards what the user typed, which a synonym is not.
    const others = withoutSupersets(span, phrase.others).map((other) =>
      other.map((folded) => ({ exact: folded, folded, prefix: false, typos: 0 })),
    )
    slots.push({ alternatives: [span, ...others] })
    i += phrase.folded.length
  }
  return slots
}

/**
 * Drops the alternatives that contain every word of the typed span or of a shorter alternative
 * ("plastic injection moulding" beside "plastic injection", "ép phun nhựa" when "ép phun" was
 * typed): every word must match, so they could not add a single document, only cost time.
 * The taxonomy's groups are full of them, since labels and synonyms often extend each other.
 */
function withoutSupersets(span: PlanWord[], others: string[][]): string[][] {
  const kept: Array<Set<string>> = [new Set(span.map((word) => word.folded))]
  const result: string[][] = []
  const shortestFirst = [...others].sort((a, b) => a.length - b.length)
  for (const other of shortestFirst) {
    const words = new Set(other)
    if (kept.some((smaller) => [...smaller].every((word) => words.has(word)))) continue
    kept.push(words)
    result.push(other)
  }
  return result
}
