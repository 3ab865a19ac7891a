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
  group: number
  folded: string[]
  words: { exact: string; folded: string }[]
}

/** Synonym groups, compiled once per configure() into phrases keyed by their first word. */
export class SynonymTable {
  private readonly byFirstWord = new Map<string, Phrase[]>()
  private readonly groups: Phrase[][] = []

  constructor(groups: string[][]) {
    for (const group of groups) {
      const phrases: Phrase[] = []
      const seen = new Set<string>()
      for (const text of group) {
        const words = tokenize(text).map(({ exact, folded }) => ({ exact, folded }))
        const key = words.map((word) => word.exact).join(' ')
        if (words.length === 0 || seen.has(key)) continue
        seen.add(key)
        phrases.push({ group: this.groups.length, folded: words.map((w) => w.folded), words })
      }
      if (phrases.length < 2) continue
      this.groups.push(phrases)
      for (const phrase of phrases) {
        const list = this.byFirstWord.get(phrase.folded[0]!) ?? []
        list.push(phrase)
        // Longest phrase first, so "bó dây điện" wins over a shorter "bó dây".
        list.sort((a, b) => b.folded.length - a.folded.length)
        this.byFirstWord.set(phrase.folded[0]!, list)
      }
    }
  }

  /** The longest phrase starting at `at` in the folded query words, if any. */
  match(folded: string[], at: number): Phrase | undefined {
    return this.byFirstWord
      .get(folded[at]!)
      ?.find((phrase) => phrase.folded.every((word, i) => folded[at + i] === word))
  }

  othersInGroup(phrase: Phrase): Phrase[] {
    return this.groups[phrase.group]!.filter((other) => other !== phrase)
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
    // Synonyms are matched as written (no typo, no prefix), as Meilisearch does.
    const others = synonyms
      .othersInGroup(phrase)
      .map((other) => other.words.map((word) => ({ ...word, prefix: false, typos: 0 })))
    slots.push({ alternatives: [span, ...others] })
    i += phrase.folded.length
  }
  return slots
}
