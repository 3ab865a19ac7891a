import { planWordKey } from './matcher.ts'
import type { PlanSlot, PlanWord } from './query-plan.ts'
import { exactForm, lettersForm } from './text.ts'
import { MarkedWords, type TextIndex } from './text-index.ts'

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

/** Occurrences kept per plan word and candidate: past this, frequency is saturated (k1). */
const PER_WORD = 64
/** Places kept per slot for the proximity bonus. */
const PLACES = 32

/** An alternative of a plan slot, compiled once per query. */
interface Alternative {
  /** Plan word indexes. */
  ids: Int32Array
  /** The typed words themselves: a scattered (non-adjacent) match still counts, lower. */
  typed: boolean
  sourceWeight: number
  /** The highest IDF of its words. */
  inverse: number
  words: PlanWord[]
}

/**
 * Scratch reused between queries, so that re-ranking allocates nothing per candidate: each
 * plan word's occurrences in the candidate (place = field rank × 1e6 + position, and tier),
 * an alternative's phrase occurrences, each slot's places for proximity.
 */
class Scratch {
  words = 0
  counts = new Int32Array(0)
  places = new Int32Array(0)
  tiers = new Float64Array(0)
  foundPlaces = new Int32Array(PER_WORD)
  foundTiers = new Float64Array(PER_WORD)
  slots = 0
  slotPlaces = new Int32Array(0)
  slotCounts = new Int32Array(0)
  slotScores = new Float64Array(0)
  readonly marked = new MarkedWords()
  readonly lengths = new Float64Array(4)
  readonly norm = new Float64Array(4)
  readonly perField = new Float64Array(4)

  prepare(words: number, slots: number) {
    if (words > this.words) {
      this.words = words
      this.counts = new Int32Array(words)
      this.places = new Int32Array(words * PER_WORD)
      this.tiers = new Float64Array(words * PER_WORD)
    }
    if (slots > this.slots) {
      this.slots = slots
      this.slotPlaces = new Int32Array(slots * PLACES)
      this.slotCounts = new Int32Array(slots)
      this.slotScores = new Float64Array(slots)
    }
  }
}

export class Ranker {
  private mark: Int32Array = new Int32Array(0)
  private readonly scratch = new Scratch()

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
    // Per marked term (its entry − 1): the plan words it stands for and their weights, flat.
    const entryWords: number[][] = []
    const entryWeights: number[][] = []
    const marked: number[] = []
    const note = (term: string, word: number, weight: number) => {
      const id = text.foldedId(term)
      if (id < 0 || id >= mark.length) return
      if (mark[id] === 0) {
        entryWords.push([])
        entryWeights.push([])
        mark[id] = entryWords.length
        marked.push(id)
      }
      entryWords[mark[id]! - 1]!.push(word)
      entryWeights[mark[id]! - 1]!.push(weight)
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
    const slotAlternatives: Alternative[][] = plan.map((slot) =>
      slot.alternatives.map((alternative, a) => {
        const ids = Int32Array.from(alternative, (word) => indexOf.get(planWordKey(word))!)
        let inverse = 0
        for (const w of ids) inverse = Math.max(inverse, idf[w]!)
        return {
          ids,
          typed: a === 0 && alternative[0]!.source === 'typed',
          sourceWeight: SOURCE_WEIGHT[alternative[0]!.source],
          inverse,
          words: alternative,
        }
      }),
    )
    const averages = text.averageFieldLengths()
    const tiers = new Map<number, number>()
    const stride = words.length
    const tierOf = (w: number, wordId: number, expansionWeight: number) => {
      const key = wordId * stride + w
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

    const scratch = this.scratch
    scratch.prepare(words.length, plan.length)
    const { counts, places, tiers: occurrenceTiers, foundPlaces, foundTiers } = scratch
    const { slotPlaces, slotCounts, marked: found, lengths, norm, perField } = scratch
    const rankings = new Map<number, Ranking>()
    found.reset()
    for (const slot of candidates) {
      counts.fill(0, 0, words.length)
      const n = text.collectMarkedWords(slot, mark, found, lengths)
      for (let i = 0; i < n; i++) {
        const entry = found.entry[i]! - 1
        const ws = entryWords[entry]!
        const weights = entryWeights[entry]!
        const place = found.rank[i]! * 1e6 + Math.min(found.position[i]!, 999_999)
        for (let k = 0; k < ws.length; k++) {
          const w = ws[k]!
          const count = counts[w]!
          if (count >= PER_WORD) continue
          places[w * PER_WORD + count] = place
          occurrenceTiers[w * PER_WORD + count] = tierOf(w, found.word[i]!, weights[k]!)
          counts[w] = count + 1
        }
      }
      for (let rank = 0; rank < 4; rank++) {
        norm[rank] =
          FIELD_WEIGHT[rank]! /
          (1 - FIELD_B[rank]! + (FIELD_B[rank]! * lengths[rank]!) / averages[rank]!)
      }
      let matched = 0
      let tierSum = 0
      let score = 0
      const explanation: SlotExplanation[] = []
      for (let p = 0; p < plan.length; p++) {
        let best = 0
        let bestTier = 0
        let agreeing = 0
        let bestExplanation: SlotExplanation | undefined
        slotCounts[p] = 0
        for (const alternative of slotAlternatives[p]!) {
          // The phrase's occurrences: into foundPlaces/foundTiers, or the word's own lists.
          const ids = alternative.ids
          let from: Int32Array = places
          let fromTiers: Float64Array = occurrenceTiers
          let offset = ids[0]! * PER_WORD
          let size = counts[ids[0]!]!
          let scattered = false
          if (ids.length > 1) {
            size = this.phrase(ids, counts, places, occurrenceTiers, foundPlaces, foundTiers)
            if (size < 0) {
              // Never adjacent: a typed span counts at its weakest word, a synonym not at all.
              if (!alternative.typed) continue
              scattered = true
              size = 1
              this.scattered(ids, counts, places, occurrenceTiers, foundPlaces, foundTiers)
            }
            from = foundPlaces
            fromTiers = foundTiers
            offset = 0
          }
          if (size === 0) continue
          perField.fill(0)
          let tier = 0
          for (let i = 0; i < size; i++) {
            const occurrenceTier = fromTiers[offset + i]!
            perField[Math.floor(from[offset + i]! / 1e6)]! += occurrenceTier
            if (occurrenceTier > tier) tier = occurrenceTier
          }
          let weighted = 0
          for (let rank = 0; rank < 4; rank++) weighted += perField[rank]! * norm[rank]!
          const value =
            alternative.inverse *
            ((weighted * (K1 + 1)) / (weighted + K1)) *
            alternative.sourceWeight *
            (scattered ? SCATTERED_TYPED_PHRASE : 1)
          agreeing++
          if (tier > bestTier) bestTier = tier
          if (value > best) {
            best = value
            const kept = Math.min(size, PLACES)
            for (let i = 0; i < kept; i++) slotPlaces[p * PLACES + i] = from[offset + i]!
            slotCounts[p] = kept
            if (explain) {
              bestExplanation = {
                matched: alternative.words.map((word) => word.exact).join(' '),
                source: alternative.words[0]!.source,
                fields: Object.fromEntries(
                  [...perField].flatMap((value, rank) =>
                    value > 0 ? [[FIELD_NAMES[rank]!, round(value)]] : [],
                  ),
                ),
                tier,
                score: 0,
              }
            }
          }
        }
        const slotScore = best * (1 + AGREEMENT_STEP * Math.min(3, Math.max(0, agreeing - 1)))
        if (slotScore > 0) matched++
        tierSum += bestTier
        score += slotScore
        scratch.slotScores[p] = slotScore
        if (bestExplanation) explanation.push({ ...bestExplanation, score: round(slotScore) })
      }
      for (let i = 0; i + 1 < plan.length; i++) {
        const distance = nearest(slotPlaces, i, slotCounts[i]!, i + 1, slotCounts[i + 1]!)
        const bonus = NEAR[distance] ?? 0
        score += bonus * Math.min(scratch.slotScores[i]!, scratch.slotScores[i + 1]!)
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

  /**
   * Where the words `ids` occur as a phrase (each next word at the next position of the same
   * field and text), with the lowest tier of its words, into `outPlaces`/`outTiers`: their
   * number, or -1 when every word occurs but never adjacent (0 when one does not occur).
   */
  private phrase(
    ids: Int32Array,
    counts: Int32Array,
    places: Int32Array,
    tiers: Float64Array,
    outPlaces: Int32Array,
    outTiers: Float64Array,
  ): number {
    for (let j = 0; j < ids.length; j++) if (counts[ids[j]!] === 0) return 0
    const first = ids[0]! * PER_WORD
    let found = 0
    for (let i = 0; i < counts[ids[0]!]!; i++) {
      const place = places[first + i]!
      let tier = tiers[first + i]!
      let adjacent = true
      for (let j = 1; j < ids.length && adjacent; j++) {
        // The best tier of word j at the next place, if it is there.
        const base = ids[j]! * PER_WORD
        const wanted = place + j
        let next = -1
        for (let k = 0; k < counts[ids[j]!]!; k++) {
          if (places[base + k] === wanted && tiers[base + k]! > next) next = tiers[base + k]!
        }
        if (next < 0) adjacent = false
        else tier = Math.min(tier, next)
      }
      if (adjacent) {
        outPlaces[found] = place
        outTiers[found] = tier
        found++
      }
    }
    return found > 0 ? found : -1
  }

  /** A typed span never adjacent: the weakest of its words' best occurrences, into out[0]. */
  private scattered(
    ids: Int32Array,
    counts: Int32Array,
    places: Int32Array,
    tiers: Float64Array,
    outPlaces: Int32Array,
    outTiers: Float64Array,
  ) {
    let weakestPlace = 0
    let weakestTier = Infinity
    for (let j = 0; j < ids.length; j++) {
      const base = ids[j]! * PER_WORD
      let bestPlace = places[base]!
      let bestTier = tiers[base]!
      for (let k = 1; k < counts[ids[j]!]!; k++) {
        if (tiers[base + k]! > bestTier) {
          bestTier = tiers[base + k]!
          bestPlace = places[base + k]!
        }
      }
      if (bestTier < weakestTier) {
        weakestTier = bestTier
        weakestPlace = bestPlace
      }
    }
    outPlaces[0] = weakestPlace
    outTiers[0] = weakestTier
  }

  /** Live documents, for IDF: set by the engine before rank(). */
  documents = 1
}

function inverseFrequency(frequency: number, documents: number): number {
  return Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
}

/** The smallest distance between the kept places of two slots, or Infinity. */
function nearest(places: Int32Array, a: number, aCount: number, b: number, bCount: number) {
  let smallest = Infinity
  for (let i = 0; i < aCount; i++) {
    const x = places[a * PLACES + i]!
    for (let j = 0; j < bCount; j++) {
      const distance = Math.abs(x - places[b * PLACES + j]!)
      if (distance < smallest) smallest = distance
    }
  }
  return smallest
}

function round(value: number) {
  return Math.round(value * 1000) / 1000
}
