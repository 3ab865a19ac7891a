import { planWordKey } from './matcher.ts'
import type { PlanSlot, PlanWord } from './query-plan.ts'
import { exactForm, lettersForm } from './text.ts'
import type { TextIndex } from './text-index.ts'

/**
 * The second pass of the embedded engine's ranking: the best candidates of the first pass
 * (matcher.ts) re-scored from their stored words. BM25F over the four fields, where every
 * occurrence counts by how well it matched (its tier), a synonym's words must be adjacent (a
 * phrase), and query words found close together earn a proximity bonus:
 *
 *   tier: the word as typed (diacritics included) 1 > same letters, other tones 0.7 > folded
 *         only 0.4 (0.9 when the whole query was typed without diacritics) > English stem 0.7,
 *         prefix 0.5, one typo 0.45, two typos 0.3 (those from the first pass's expansions);
 *   field weights name 3, products 2, taxonomy labels 1.5, description 1, with BM25 length
 *         normalisation b = 0.5, 0.6, 0.3, 0.75 and k1 = 1.2;
 *   an alternative scores IDF × saturated weighted frequency, times 0.9 for a synonym and 0.6
 *         for a synonym reached through a typo; a slot scores its best alternative, raised 15%
 *         for each other alternative (another language) that also matched, up to three;
 *   proximity: two consecutive slots within 1 (3) words of each other in one text add 30%
 *         (15%) of the smaller of their scores.
 *
 * What it returns is ordered by the engine, as Meilisearch's rules are: slots matched first
 * (a phrase that is not adjacent does not count), then the tiers (exact before other tones
 * before folded before typos), then the score. docs/decisions/009-search-ranking.md has the
 * reasons and the figures.
 */
const FIELD_WEIGHT = [3, 2, 1.5, 1]
const FIELD_B = [0.5, 0.6, 0.3, 0.75]
const FIELD_NAMES = ['name', 'products', 'taxonomyLabels', 'description']
const K1 = 1.2
const TIER = { exact: 1, sameLetters: 0.7, folded: 0.4, foldedAsTyped: 0.9 }
const SOURCE_WEIGHT = { typed: 1, synonym: 0.9, corrected: 0.6 }
const SCATTERED_TYPED_PHRASE = 0.5
const AGREEMENT_STEP = 0.15
const NEAR = [0, 0.3, 0.3, 0.15, 0.15]

export interface Ranking {
  /** Slots of the plan matched (phrases adjacent). */
  words: number
  /** Summed over the slots, the tier of the best-matching alternative (how exactly). */
  tier: number
  score: number
  explain?: SlotExplanation[]
}

export interface SlotExplanation {
  matched: string
  source: PlanWord['source']
  /** Weighted occurrences per field (tier-weighted term frequency). */
  fields: Partial<Record<string, number>>
  tier: number
  score: number
}

interface Occurrence {
  rank: number
  position: number
  tier: number
}

export class Ranker {
  private mark: Int32Array = new Int32Array(0)

  constructor(private readonly text: TextIndex) {}

  rank(
    plan: PlanSlot[],
    expansions: Map<string, Map<string, number>>,
    candidates: readonly number[],
    explain: boolean,
  ): Map<number, Ranking> {
    const text = this.text
    // Distinct plan words, and which of them each folded index term can stand for.
    const words: PlanWord[] = []
    const indexOf = new Map<string, number>()
    for (const slot of plan) {
      for (const alternative of slot.alternatives) {
        for (const word of alternative) {
          if (!indexOf.has(planWordKey(word))) {
            indexOf.set(planWordKey(word), words.length)
            words.push(word)
          }
        }
      }
    }
    if (this.mark.length < text.foldedTermCount) this.mark = new Int32Array(text.foldedTermCount)
    const mark = this.mark
    const entries: Array<Array<[word: number, weight: number]>> = []
    const marked: number[] = []
    const note = (term: string, word: number, weight: number) => {
      const id = text.foldedId(term)
      if (id < 0 || id >= mark.length) return
      if (mark[id] === 0) {
        entries.push([])
        mark[id] = entries.length
        marked.push(id)
      }
      entries[mark[id]! - 1]!.push([word, weight])
    }
    words.forEach((word, w) => {
      note(word.folded, w, 0)
      for (const [term, weight] of expansions.get(planWordKey(word)) ?? []) note(term, w, weight)
    })
    const typedWithMarks = plan.some((slot) =>
      slot.alternatives[0]!.some((word) => word.exact !== word.folded),
    )
    const idf = words.map((word) => {
      let frequency = text.documentFrequency(word.folded)
      if (frequency === 0) {
        for (const term of expansions.get(planWordKey(word))?.keys() ?? []) {
          frequency = Math.max(frequency, text.documentFrequency(term))
        }
      }
      return inverseFrequency(frequency, this.documents)
    })
    const averages = text.averageFieldLengths()
    const tiers = new Map<number, number>()
    const tierOf = (w: number, wordId: number, expansionWeight: number) => {
      const key = wordId * 1024 + w
      let tier = tiers.get(key)
      if (tier !== undefined) return tier
      const word = words[w]!
      if (expansionWeight > 0) {
        tier = expansionWeight
      } else {
        const written = exactForm(text.wordText(wordId))
        if (written === word.exact) tier = TIER.exact
        else if (word.source === 'typed' && !typedWithMarks) tier = TIER.foldedAsTyped
        else if (lettersForm(written) === lettersForm(word.exact)) tier = TIER.sameLetters
        else tier = TIER.folded
      }
      tiers.set(key, tier)
      return tier
    }

    const rankings = new Map<number, Ranking>()
    const lengths = new Float64Array(4)
    const occurrences: Occurrence[][] = words.map(() => [])
    for (const slot of candidates) {
      for (const list of occurrences) list.length = 0
      text.visitMarkedWords(
        slot,
        mark,
        (rank, wordId, position, entry) => {
          for (const [w, weight] of entries[entry - 1]!) {
            // Past 64 occurrences a word's frequency is saturated anyway (k1).
            const list = occurrences[w]!
            if (list.length < 64) list.push({ rank, position, tier: tierOf(w, wordId, weight) })
          }
        },
        lengths,
      )
      const norm = FIELD_WEIGHT.map(
        (weight, rank) =>
          weight / (1 - FIELD_B[rank]! + (FIELD_B[rank]! * lengths[rank]!) / averages[rank]!),
      )
      let matched = 0
      let tierSum = 0
      let score = 0
      const slotScores: number[] = []
      const slotPositions: number[][] = []
      const explanation: SlotExplanation[] = []
      for (const planSlot of plan) {
        let best = 0
        let bestTier = 0
        let agreeing = 0
        let bestExplanation: SlotExplanation | undefined
        let positions: number[] = []
        planSlot.alternatives.forEach((alternative, a) => {
          const ids = alternative.map((word) => indexOf.get(planWordKey(word))!)
          const found = phraseOccurrences(
            ids.map((w) => occurrences[w]!),
            a === 0 && alternative[0]!.source === 'typed',
          )
          if (found.length === 0) return
          const perField = [0, 0, 0, 0]
          let tier = 0
          for (const occurrence of found) {
            perField[occurrence.rank]! += occurrence.tier
            tier = Math.max(tier, occurrence.tier)
          }
          let weighted = 0
          for (let rank = 0; rank < 4; rank++) weighted += perField[rank]! * norm[rank]!
          const inverse = Math.max(...ids.map((w) => idf[w]!))
          const value =
            inverse *
            ((weighted * (K1 + 1)) / (weighted + K1)) *
            SOURCE_WEIGHT[alternative[0]!.source] *
            (found[0]!.scattered ? SCATTERED_TYPED_PHRASE : 1)
          agreeing++
          bestTier = Math.max(bestTier, tier)
          if (value > best) {
            best = value
            positions = found
              .slice(0, 32)
              .map((occurrence) => occurrence.rank * 1e6 + occurrence.position)
            if (explain) {
              bestExplanation = {
                matched: alternative.map((word) => word.exact).join(' '),
                source: alternative[0]!.source,
                fields: Object.fromEntries(
                  perField.flatMap((value, rank) =>
                    value > 0 ? [[FIELD_NAMES[rank]!, round(value)]] : [],
                  ),
                ),
                tier,
                score: 0,
              }
            }
          }
        })
        const slotScore = best * (1 + AGREEMENT_STEP * Math.min(3, Math.max(0, agreeing - 1)))
        if (slotScore > 0) matched++
        tierSum += bestTier
        score += slotScore
        slotScores.push(slotScore)
        slotPositions.push(positions)
        if (bestExplanation) explanation.push({ ...bestExplanation, score: round(slotScore) })
      }
      for (let i = 0; i + 1 < plan.length; i++) {
        const distance = nearest(slotPositions[i]!, slotPositions[i + 1]!)
        const bonus = NEAR[distance] ?? 0
        score += bonus * Math.min(slotScores[i]!, slotScores[i + 1]!)
      }
      rankings.set(slot, {
        words: matched,
        tier: tierSum,
        score,
        ...(explain ? { explain: explanation } : {}),
      })
    }
    for (const id of marked) mark[id] = 0
    return rankings
  }

  /** Live documents, for IDF: set by the engine before rank(). */
  documents = 1
}

function inverseFrequency(frequency: number, documents: number): number {
  return Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
}

/**
 * Where the words of an alternative occur as a phrase (each next word at the next position of
 * the same field and text), with the lowest tier of its words. A typed multi-word span that is
 * never adjacent still counts, scattered, at a lower weight; a synonym's words must be adjacent.
 */
function phraseOccurrences(
  lists: Occurrence[][],
  typed: boolean,
): Array<Occurrence & { scattered?: boolean }> {
  if (lists.length === 1) return lists[0]!
  if (lists.some((list) => list.length === 0)) return []
  // Each later word's places (field × 1e6 + position) and best tier there, for O(1) lookups.
  const places = lists.slice(1).map((list) => {
    const byPlace = new Map<number, number>()
    for (const occurrence of list) {
      const place = occurrence.rank * 1e6 + occurrence.position
      byPlace.set(place, Math.max(byPlace.get(place) ?? 0, occurrence.tier))
    }
    return byPlace
  })
  const found: Occurrence[] = []
  for (const first of lists[0]!) {
    let tier = first.tier
    let adjacent = true
    const place = first.rank * 1e6 + first.position
    for (let j = 0; j < places.length && adjacent; j++) {
      const next = places[j]!.get(place + j + 1)
      if (next === undefined) adjacent = false
      else tier = Math.min(tier, next)
    }
    if (adjacent) found.push({ rank: first.rank, position: first.position, tier })
  }
  if (found.length > 0 || !typed) return found
  const best = lists.map((list) => list.reduce((a, b) => (b.tier > a.tier ? b : a)))
  const weakest = best.reduce((a, b) => (b.tier < a.tier ? b : a))
  return [{ ...weakest, scattered: true }]
}

/** The smallest distance between two lists of rank × 1e6 + position, or Infinity. */
function nearest(a: number[], b: number[]): number {
  let smallest = Infinity
  for (const x of a) for (const y of b) smallest = Math.min(smallest, Math.abs(x - y))
  return smallest
}

function round(value: number) {
  return Math.round(value * 1000) / 1000
}
