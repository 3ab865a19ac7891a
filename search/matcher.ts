import type { PlanSlot, PlanWord } from './query-plan.ts'
import { FIELDS, type Postings, type TextIndex } from './text-index.ts'

/**
 * Runs a query plan against the text index and scores the documents that match every slot.
 * The score imitates Meilisearch's ranking rules with weights instead of a strict order:
 * summed over the query words, the best field each matched in (name > products > taxonomy
 * labels > description) times how it matched (diacritics as typed > folded > prefix > one typo
 * > two typos; synonyms a little lower). Every word must match, so none is left out.
 */
const FIELD_WEIGHT: readonly number[] = [1, 0.75, 0.6, 0.45]
const MATCH_WEIGHT = {
  exactDiacritics: 1,
  folded: 0.8,
  prefix: 0.5,
  oneTypo: 0.45,
  twoTypos: 0.3,
}
const SYNONYM_WEIGHT = 0.9
/** Short prefixes match thousands of words; the most frequent ones cover the results. */
const MAX_COMPLETIONS = 64

if (FIELD_WEIGHT.length !== FIELDS.length) throw new Error('one weight per field')

/** Dense scores by slot plus the list of slots that have one, reusable between queries. */
class ScoreBuffer {
  touched: number[] = []
  constructor(readonly values: Float32Array) {}

  raise(slot: number, value: number) {
    const current = this.values[slot]!
    if (current === 0) this.touched.push(slot)
    if (value > current) this.values[slot] = value
  }

  set(slot: number, value: number) {
    if (this.values[slot] === 0) this.touched.push(slot)
    this.values[slot] = value
  }
}

export interface MatchResult {
  slots: number[]
  /** Dense by slot; valid for `slots` only, until the next run(). */
  scores: Float32Array
  /** Folded index terms that matched, to highlight. */
  terms: Set<string>
}

export class Matcher {
  private pool: ScoreBuffer[] = []
  private inUse: ScoreBuffer[] = []
  private capacity = 0

  constructor(private readonly text: TextIndex) {}

  run(plan: PlanSlot[], capacity: number): MatchResult {
    this.release()
    if (capacity > this.capacity) {
      this.capacity = Math.max(capacity, Math.ceil(this.capacity * 1.5))
      this.pool = []
    }
    const terms = new Set<string>()
    const slotScores = plan.map((slot) => this.matchSlot(slot, terms))
    const combined = this.intersect(slotScores, 1)
    return { slots: combined.touched, scores: combined.values, terms }
  }

  private matchSlot(slot: PlanSlot, terms: Set<string>): ScoreBuffer {
    const span = slot.alternatives[0]!.length
    const alternatives = slot.alternatives.map((words, i) => {
      const weight = (i === 0 ? 1 : SYNONYM_WEIGHT) * (span / words.length)
      return this.intersect(
        words.map((word) => this.matchWord(word, terms)),
        weight,
      )
    })
    if (alternatives.length === 1) return alternatives[0]!
    const union = this.take()
    for (const alternative of alternatives) {
      for (const slotId of alternative.touched) union.raise(slotId, alternative.values[slotId]!)
    }
    return union
  }

  private matchWord(word: PlanWord, terms: Set<string>): ScoreBuffer {
    const scores = this.take()
    const { values, touched } = scores
    const apply = (postings: Postings | undefined, weight: number, term: string) => {
      if (!postings) return
      terms.add(term)
      for (let rank = 0; rank < postings.length; rank++) {
        const slots = postings[rank]
        if (!slots) continue
        const value = weight * FIELD_WEIGHT[rank]!
        // The hot loop of every query: ScoreBuffer.raise, inlined.
        for (let i = 0; i < slots.length; i++) {
          const slot = slots[i]!
          const current = values[slot]!
          if (current < value) {
            if (current === 0) touched.push(slot)
            values[slot] = value
          }
        }
      }
    }
    if (word.exact !== word.folded) {
      apply(this.text.postings(word.exact, 'exact'), MATCH_WEIGHT.exactDiacritics, word.folded)
    }
    apply(this.text.postings(word.folded, 'folded'), MATCH_WEIGHT.folded, word.folded)
    if (word.prefix) {
      for (const term of this.text.completions(word.folded, MAX_COMPLETIONS)) {
        apply(this.text.postings(term, 'folded'), MATCH_WEIGHT.prefix, term)
      }
    }
    for (const { term, distance } of this.text.typos(word.folded, word.typos)) {
      const weight = distance === 1 ? MATCH_WEIGHT.oneTypo : MATCH_WEIGHT.twoTypos
      apply(this.text.postings(term, 'folded'), weight, term)
    }
    return scores
  }

  /** Slots present in every buffer, scored by the sum times `factor`. */
  private intersect(buffers: ScoreBuffer[], factor: number): ScoreBuffer {
    if (buffers.length === 1) {
      const only = buffers[0]!
      if (factor !== 1) for (const slot of only.touched) only.values[slot]! *= factor
      return only
    }
    const result = this.take()
    if (buffers.length === 0) return result
    const driver = buffers.reduce((a, b) => (b.touched.length < a.touched.length ? b : a))
    outer: for (const slot of driver.touched) {
      let sum = 0
      for (const buffer of buffers) {
        const value = buffer.values[slot]!
        if (value === 0) continue outer
        sum += value
      }
      result.set(slot, sum * factor)
    }
    return result
  }

  private take(): ScoreBuffer {
    const buffer = this.pool.pop() ?? new ScoreBuffer(new Float32Array(this.capacity))
    this.inUse.push(buffer)
    return buffer
  }

  /** Zero what the last query wrote and return the buffers to the pool. */
  private release() {
    for (const buffer of this.inUse) {
      if (buffer.values.length !== this.capacity) continue
      for (const slot of buffer.touched) buffer.values[slot] = 0
      buffer.touched = []
      this.pool.push(buffer)
    }
    this.inUse = []
  }
}
