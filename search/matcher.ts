import { Bitset } from './bitset.ts'
import { swaps, type PlanSlot, type PlanWord } from './query-plan.ts'
import { FIELDS, type TermKind, type TextIndex } from './text-index.ts'

/**
 * Runs a query plan against the text index: the first pass of the ranking (ranker.ts is the
 * second). It finds the documents that match every slot — or, when none does, those that match
 * some (word-count relaxation, as Meilisearch's matching strategies relax) — and gives each a
 * cheap score: summed over the slots, the best field each matched in (name > products >
 * taxonomy labels > description) times how it matched (diacritics as typed > folded > English
 * stem > prefix > one typo > two typos; synonyms a little lower) times the word's IDF. The
 * ranker re-scores the best of them from their stored words.
 */
const FIELD_WEIGHT: readonly number[] = [1, 0.75, 0.6, 0.45]
const MATCH_WEIGHT = {
  exactDiacritics: 1,
  folded: 0.8,
  stem: 0.7,
  prefix: 0.5,
  oneTypo: 0.45,
  twoTypos: 0.3,
}
const SYNONYM_WEIGHT = 0.9
/** Short prefixes match thousands of words; the most frequent ones cover the results. */
const MAX_COMPLETIONS = 64

if (FIELD_WEIGHT.length !== FIELDS.length) throw new Error('one weight per field')

/**
 * Dense scores by slot plus the list of slots that have one (`touched[0…count)`), reusable
 * between queries. Both are typed arrays of the capacity: a heavy synonym query fills dozens of
 * buffers with tens of thousands of slots, and growing JavaScript arrays for them kept the
 * garbage collector busy.
 */
class ScoreBuffer {
  readonly touched: Int32Array
  count = 0
  /**
   * With a wider scope than the scored one: the matching slots within it, scored or not (a
   * bitset's words; zero between queries).
   */
  members: Uint32Array | undefined
  constructor(readonly values: Float32Array) {
    this.touched = new Int32Array(values.length)
  }

  raise(slot: number, value: number) {
    const current = this.values[slot]!
    if (current === 0) this.touched[this.count++] = slot
    if (value > current) this.values[slot] = value
  }
}

export interface MatchResult {
  /** The matching slots: a view into a pooled buffer, valid until the next run(). */
  slots: Int32Array
  /** Dense by slot; valid for `slots` only, until the next run(). */
  scores: Float32Array
  /** Folded index terms that matched, to highlight. */
  terms: Set<string>
  /**
   * When run() was given a scope wider than `strict`: the matching slots within the scope
   * (`slots` and `scores` then cover `strict` only). A copy, the caller's to keep.
   */
  members?: Bitset
  /**
   * Whether every slot had to match. When no document matched them all, `relaxed` is true and
   * `slots` holds the documents that match at least one, `scores` ranking more slots first.
   */
  relaxed: boolean
  /** Per plan word (by planWordKey): the other index terms it matched, with their weight. */
  expansions: Map<string, Map<string, number>>
}

interface QueryState {
  /** Folded index terms that matched, to highlight. */
  terms: Set<string>
  /** Scores of the words looked up so far, by keyOf(). */
  words: Map<string, ScoreBuffer>
  /** How many times the plan uses each word, by keyOf(). */
  uses: Map<string, number>
  expansions: Map<string, Map<string, number>>
  /** Only these slots are scored (the filters' result): undefined for every slot. */
  scope: Uint32Array | undefined
  /** A wider scope whose matching slots are only noted (ScoreBuffer.members), or undefined. */
  wide: Uint32Array | undefined
}

export const planWordKey = (word: PlanWord) =>
  `${word.exact}\u0000${word.folded}\u0000${word.prefix}\u0000${word.typos}\u0000${word.source === 'typed'}`
const keyOf = planWordKey
/** In a relaxed result, each matched slot adds this to the score, so more slots rank first. */
const SLOT_STEP = 1_000

export class Matcher {
  private pool: ScoreBuffer[] = []
  private inUse: ScoreBuffer[] = []
  private capacity = 0
  /** Words of the wider scope of the current run (0: none): every buffer taken has members. */
  private wideWords = 0

  constructor(private readonly text: TextIndex) {}

  /**
   * `scope`: when given, only its slots are matched (a filtered query's documents, the
   * disjunctive facets' included). `strict`: the slots that decide whether the query must be
   * relaxed (the filtered result): as in Meilisearch, where filters narrow the documents first,
   * a query relaxes when no document the filters keep has every word. Only `strict`'s slots
   * are scored (they are all that is ranked); the others of `scope` are found as bitsets
   * (`members`), which cost a word operation per 32 slots rather than a score per slot.
   */
  run(plan: PlanSlot[], capacity: number, scope?: Bitset, strict?: Bitset): MatchResult {
    this.release()
    if (capacity > this.capacity) {
      this.capacity = Math.max(capacity, Math.ceil(this.capacity * 1.5))
      this.pool = []
    }
    const wide = scope && strict && scope !== strict ? scope.words : undefined
    this.wideWords = wide ? wide.length : 0
    const query: QueryState = {
      terms: new Set(),
      words: new Map(),
      uses: new Map(),
      expansions: new Map(),
      scope: (strict ?? scope)?.words,
      wide,
    }
    for (const word of plan.flatMap((slot) => slot.alternatives.flat())) {
      const key = keyOf(word)
      query.uses.set(key, (query.uses.get(key) ?? 0) + 1)
    }
    const slotScores = plan.map((slot) => this.matchSlot(slot, query))
    let combined = this.intersect(slotScores, 1)
    const relaxed = plan.length > 1 && !anyIn(combined, strict)
    if (relaxed) combined = this.relax(slotScores)
    let members: Bitset | undefined
    if (wide) {
      members = new Bitset()
      members.words = combined.members!.slice()
    }
    return {
      slots: combined.touched.subarray(0, combined.count),
      scores: combined.values,
      terms: query.terms,
      ...(members ? { members } : {}),
      relaxed,
      expansions: query.expansions,
    }
  }

  /**
   * No document matches every slot: the documents that match any, each slot matched worth
   * SLOT_STEP more than every score within a slot count, so more slots rank first and, among
   * equal counts, the rarer and better-placed words (the first-pass score is IDF-weighted).
   */
  private relax(buffers: ScoreBuffer[]): ScoreBuffer {
    const result = this.take()
    for (const buffer of buffers) {
      if (this.wideWords > 0) orInto(result.members!, buffer.members!)
      const { touched, count, values } = buffer
      for (let i = 0; i < count; i++) {
        const slot = touched[i]!
        if (result.values[slot] === 0) result.touched[result.count++] = slot
        result.values[slot]! += SLOT_STEP + Math.min(values[slot]!, SLOT_STEP - 1)
      }
    }
    return result
  }

  /**
   * A word's scores, looked up once per query: synonym groups repeat words ("nhựa" in
   * "ép nhựa", "đúc nhựa"…). Shared buffers are only read from.
   */
  private scoresOf(word: PlanWord, query: QueryState): ScoreBuffer {
    const key = keyOf(word)
    let scores = query.words.get(key)
    if (!scores) {
      scores = this.take()
      this.matchWord(word, query, scores, 1)
      query.words.set(key, scores)
    }
    return scores
  }

  private matchSlot(slot: PlanSlot, query: QueryState): ScoreBuffer {
    const [typed, ...synonyms] = slot.alternatives
    if (synonyms.length === 0) {
      return this.intersect(
        typed!.map((word) => this.scoresOf(word, query)),
        1,
      )
    }
    // The slot's score is the best of its alternatives': each writes straight into it.
    const union = this.take()
    slot.alternatives.forEach((words, i) => {
      // A synonym with a word no document has ("tool and die" without "tool") matches nothing:
      // skip it before walking the postings of its other, maybe very common, words.
      if (i > 0 && words.length > 1 && !words.every((word) => this.text.has(word.folded))) return
      const weight =
        (i === 0 ? 1 : words[0]!.source === 'corrected' ? MATCH_WEIGHT.oneTypo : SYNONYM_WEIGHT) *
        (typed!.length / words.length)
      const only = words.length === 1 ? words[0]! : undefined
      if (only && query.uses.get(keyOf(only)) === 1) {
        this.matchWord(only, query, union, weight)
      } else {
        this.intersectInto(
          words.map((word) => this.scoresOf(word, query)),
          weight,
          union,
        )
      }
    })
    return union
  }

  /** Raises `into` to the word's score times `factor` in every slot it occurs in. */
  private matchWord(word: PlanWord, query: QueryState, into: ScoreBuffer, factor: number) {
    const { terms } = query
    const { values, touched } = into
    let count = into.count
    const documents = Math.max(1, this.capacity)
    let expanded = query.expansions.get(keyOf(word))
    if (!expanded) query.expansions.set(keyOf(word), (expanded = new Map()))
    /** `exactId`: the word's exact term, already applied at a higher weight. */
    const apply = (kind: TermKind, lookup: string, weight: number, term: string, exactId = -1) => {
      const id = this.text.termId(lookup, kind)
      if (id < 0) return id
      terms.add(term)
      if (term !== word.folded) expanded.set(term, Math.max(expanded.get(term) ?? 0, weight))
      const lists = this.text.postings(kind)
      const frequency = this.text.documentFrequency(term)
      const idf = Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
      for (let rank = 0; rank < FIELDS.length; rank++) {
        const list = id * FIELDS.length + rank
        // Every document with the folded word in this field wrote it with these diacritics
        // (the two lists are the same): the exact term's higher value is already there.
        if (
          exactId >= 0 &&
          lists.sameAs(list, this.text.postings('exact'), exactId * FIELDS.length + rank)
        ) {
          continue
        }
        const value = weight * FIELD_WEIGHT[rank]! * factor * idf
        // The hot loop of every query (ScoreBuffer.raise over the list) is PostingLists.raise.
        count = lists.raise(
          list,
          value,
          values,
          touched,
          count,
          query.scope,
          query.wide,
          query.wide && into.members,
        )
      }
      return id
    }
    // Synonyms are matched folded here; the ranker tells their spellings apart.
    let exactId = -1
    if (word.source === 'typed' && word.exact !== word.folded) {
      exactId = apply('exact', word.exact, MATCH_WEIGHT.exactDiacritics, word.folded)
    }
    apply('folded', word.folded, MATCH_WEIGHT.folded, word.folded, exactId)
    for (const term of this.text.sameStem(word.folded)) {
      apply('folded', term, MATCH_WEIGHT.stem, term)
    }
    if (word.prefix) {
      for (const term of this.text.completions(word.folded, MAX_COMPLETIONS)) {
        apply('folded', term, MATCH_WEIGHT.prefix, term)
      }
    }
    for (const { term, distance } of this.text.typos(word.folded, word.typos)) {
      const weight = distance === 1 ? MATCH_WEIGHT.oneTypo : MATCH_WEIGHT.twoTypos
      apply('folded', term, weight, term)
    }
    // Two neighbouring letters swapped ("gasktes") are one typo, as most keyboards make them;
    // the radix tree's walk counts them as two.
    if (word.typos > 0) {
      for (const term of swaps(word.folded)) {
        if (this.text.has(term)) apply('folded', term, MATCH_WEIGHT.oneTypo, term)
      }
    }
    into.count = count
  }

  /**
   * Slots present in every buffer, scored by the sum times `factor`. Never writes to its
   * inputs, which a query may share between alternatives.
   */
  private intersect(buffers: ScoreBuffer[], factor: number): ScoreBuffer {
    if (buffers.length === 1 && factor === 1) return buffers[0]!
    const result = this.take()
    if (buffers.length > 0) this.intersectInto(buffers, factor, result)
    return result
  }

  /** `intersect`, raising `into` instead of filling a buffer of its own. */
  private intersectInto(buffers: ScoreBuffer[], factor: number, into: ScoreBuffer) {
    if (this.wideWords > 0) {
      const members = into.members!
      for (let w = 0; w < this.wideWords; w++) {
        let word = 0xffffffff
        for (let b = 0; b < buffers.length && word !== 0; b++) word &= buffers[b]!.members![w]!
        members[w]! |= word
      }
    }
    const driver = buffers.reduce((a, b) => (b.count < a.count ? b : a))
    const { touched, count } = driver
    outer: for (let i = 0; i < count; i++) {
      const slot = touched[i]!
      let sum = 0
      for (const buffer of buffers) {
        const value = buffer.values[slot]!
        if (value === 0) continue outer
        sum += value
      }
      into.raise(slot, sum * factor)
    }
  }

  private take(): ScoreBuffer {
    const buffer = this.pool.pop() ?? new ScoreBuffer(new Float32Array(this.capacity))
    if (this.wideWords > 0) {
      if (!buffer.members || buffer.members.length < this.wideWords) {
        buffer.members = new Uint32Array(this.wideWords)
      }
    }
    this.inUse.push(buffer)
    return buffer
  }

  /** Zero what the last query wrote and return the buffers to the pool. */
  private release() {
    for (const buffer of this.inUse) {
      if (buffer.values.length !== this.capacity) continue
      const { touched, values, count } = buffer
      for (let i = 0; i < count; i++) values[touched[i]!] = 0
      buffer.count = 0
      buffer.members?.fill(0)
      this.pool.push(buffer)
    }
    this.inUse = []
  }
}

/** into |= from, over the shorter of the two. */
function orInto(into: Uint32Array, from: Uint32Array) {
  for (let w = 0, n = Math.min(into.length, from.length); w < n; w++) into[w]! |= from[w]!
}

/** Whether any slot of the buffer is in `set` (any at all without one). */
function anyIn(buffer: ScoreBuffer, set: Bitset | undefined): boolean {
  if (!set) return buffer.count > 0
  const { touched, count } = buffer
  for (let i = 0; i < count; i++) if (set.has(touched[i]!)) return true
  return false
}
