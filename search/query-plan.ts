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

interface PhraseWords {
  words: { exact: string; folded: string }[]
}

interface Phrase extends PhraseWords {
  folded: string[]
  /** Every other phrase of every group this one is in, once per folded form. */
  others: PhraseWords[]
}

/**
 * Synonym groups, compiled once per configure() into phrases keyed by their first word.
 * Phrases are told apart by their folded words: "Hà Nội" and "Ha Noi" in one group are one
 * phrase (the written form with diacritics is kept, it matches both ways). A phrase that is in
 * several groups expands to the others of all of them, as Meilisearch's word → words map does;
 * the groups are not merged, since "a = x" and "b = x" do not make "a = b".
 */
export class SynonymTable {
  private readonly byFirstWord = new Map<string, Phrase[]>()

  constructor(groups: string[][]) {
    const byKey = new Map<string, Phrase>()
    for (const group of groups) {
      const members = new Map<string, PhraseWords>()
      for (const text of group) {
        const words = tokenize(text).map(({ exact, folded }) => ({ exact, folded }))
        if (words.length === 0) continue
        const key = words.map((word) => word.folded).join(' ')
        const kept = members.get(key)
        if (!kept || (!hasDiacritics(kept) && hasDiacritics({ words }))) members.set(key, { words })
      }
      if (members.size < 2) continue
      for (const [key, member] of members) {
        let phrase = byKey.get(key)
        if (!phrase) {
          phrase = { ...member, folded: member.words.map((word) => word.folded), others: [] }
          byKey.set(key, phrase)
        }
        for (const [otherKey, other] of members) {
          if (otherKey === key) continue
          const known = phrase.others.findIndex((p) => foldedKey(p) === otherKey)
          if (known === -1) phrase.others.push(other)
          else if (!hasDiacritics(phrase.others[known]!) && hasDiacritics(other)) {
            phrase.others[known] = other
          }
        }
      }
    }
    for (const phrase of byKey.values()) {
      const list = this.byFirstWord.get(phrase.folded[0]!) ?? []
      list.push(phrase)
      this.byFirstWord.set(phrase.folded[0]!, list)
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

  othersOf(phrase: Phrase): PhraseWords[] {
    return phrase.others
  }
}

const foldedKey = (phrase: PhraseWords) => phrase.words.map((word) => word.folded).join(' ')
const hasDiacritics = (phrase: PhraseWords) =>
  phrase.words.some((word) => word.exact !== word.folded)

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
      .othersOf(phrase)
      .map((other) => other.words.map((word) => ({ ...word, prefix: false, typos: 0 })))
    slots.push({ alternatives: [span, ...others] })
    i += phrase.folded.length
  }
  return slots
}
