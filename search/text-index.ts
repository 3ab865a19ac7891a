import SearchableMap from 'minisearch/SearchableMap'
import { Interner, wordCharAt } from './lexicon.ts'
import { PostingLists } from './postings.ts'
import { ByteRows, ByteWriter, type ByteReader } from './slab.ts'
import { exactForm, fold, highlightWords, stemOf } from './text.ts'

/**
 * The full-text half of the embedded engine: the documents' words and the texts they came from.
 * - Two term indexes, each a dictionary (term → id) and posting lists (postings.ts) per term
 *   and field rank, holding the slots whose best field for the term is that rank:
 *   `folded` has every word without diacritics ("dap", "dong", "nai"); `exact` only words
 *   that carry diacritics, as written ("dập", "đồng"), so a query typed with diacritics can
 *   rank exact matches first.
 * - A lexicon of the words as written (lexicon.ts), each analysed once into its two terms, so
 *   a text is indexed with one in-place hash lookup a word and no temporary strings.
 * - The texts themselves, for highlighting and rebuilding, as rows of word and separator ids
 *   (varints, in 1 MB pages outside the heap): 1–2 bytes a word instead of 5–10 in UTF-8.
 *   Taxonomy labels repeat across thousands of suppliers and are stored by label id.
 * Prefix and typo matching expand a query word against the folded vocabulary in MiniSearch's
 * radix tree, which has an edit-distance walk.
 * See docs/decisions/004-embedded-search-engine.md for the measurements behind this.
 */

/** Field ranks, best first, in the order Meilisearch's searchableAttributes list them. */
export const FIELDS = ['name', 'products', 'taxonomyLabels', 'description'] as const
const RANKS = FIELDS.length
const LABELS = FIELDS.indexOf('taxonomyLabels')

/** A document's searchable texts by field rank, as TextIndex.add() takes them. */
export type FieldTexts = readonly [
  name: readonly string[],
  products: readonly string[],
  taxonomyLabels: readonly string[],
  description: readonly string[],
]

export type TermKind = 'folded' | 'exact'

const ASCII = /^[\x00-\x7f]*$/
/** Separator ids fixed in advance: most words are followed by a space, the last by nothing. */
const EMPTY = 0
const SPACE = 1

/** How TextIndex.highlight() marks the texts of a field. */
export interface FieldMarking {
  /** Keep that many words around the first match. */
  crop?: number
  /** Mark only the first text that matches. */
  firstOnly?: boolean
}

/** One term index: the dictionary, the posting lists (id × RANKS + rank) and per-add stamps. */
class Terms {
  readonly ids = new Map<string, number>()
  readonly strings: string[] = []
  readonly postings = new PostingLists()
  /** Per term, the slot + 1 of the document it was last added for. */
  stamps: Int32Array = new Int32Array(1024)

  idOf(term: string): { id: number; added: boolean } {
    const known = this.ids.get(term)
    if (known !== undefined) return { id: known, added: false }
    const id = this.ids.size
    this.ids.set(term, id)
    this.strings.push(term)
    if (id >= this.stamps.length) this.stamps = grown(this.stamps, id + 1)
    return { id, added: true }
  }

  /** Adds `slot` to the term's list for `rank`, unless this slot already has the term. */
  add(term: number, rank: number, slot: number): boolean {
    if (this.stamps[term] === slot + 1) return false
    this.stamps[term] = slot + 1
    this.postings.append(term * RANKS + rank, slot)
    return true
  }

  /** Whether any slot has the term. */
  hasPostings(term: number): boolean {
    for (let rank = 0; rank < RANKS; rank++) if (this.postings.has(term * RANKS + rank)) return true
    return false
  }
}

/** Not cleared: the engine replaces the whole index when it clears or rebuilds. */
export class TextIndex {
  private readonly folded = new Terms()
  private readonly exact = new Terms()
  /** Folded term id → number of slots it was added for, dead ones included until a rebuild. */
  private frequency: Int32Array = new Int32Array(1024)
  /** The folded term "" (a word of combining marks only): counted, but never posted. */
  private emptyTerm = -1
  private readonly tree = new SearchableMap<true>()
  /** English stem → the folded terms (ids) that have it, for plurals and -ing forms. */
  private readonly stems = new Map<string, number[]>()
  /** Words added per field rank, over every slot added (for average field lengths). */
  private readonly fieldWords = new Float64Array(RANKS)

  /** Words as written, and the folded and exact term of each (-1: no exact term). */
  private readonly words = new Interner()
  private foldedOf: Int32Array = new Int32Array(1024)
  private exactOf: Int32Array = new Int32Array(1024)
  private readonly separators = new Interner()
  /** Labels by id, and their ids: a Map, since labels arrive as whole strings. */
  private readonly labels: string[] = []
  private readonly labelIds = new Map<string, number>()
  /** The word ids of each label. */
  private readonly labelWords: Int32Array[] = []
  private analysedWords = 0
  /** Per label, for collectMarkedWords(): round × 2 + has a marked word. */
  private labelState: Int32Array = new Int32Array(0)
  private labelStamp = 0
  private markStamp = 0

  private readonly rows = new ByteRows()
  private readonly writer = new ByteWriter()
  /** Scratch of split(): word ids, and the separator ids before each and after the last. */
  private wordIds: Int32Array = new Int32Array(1025)
  private separatorIds: Int32Array = new Int32Array(1025)
  private readonly parts: string[] = []

  constructor() {
    this.separators.idOf('')
    this.separators.idOf(' ')
  }

  /** Indexes and stores the texts of the next slot (slots are added in increasing order). */
  add(slot: number, fields: FieldTexts) {
    if (slot !== this.rows.rows) throw new Error(`TextIndex: slot ${slot} out of order`)
    const out = this.writer
    out.reset()
    for (let rank = 0; rank < RANKS; rank++) {
      const texts = fields[rank]!
      out.varint(texts.length)
      for (const text of texts) {
        if (rank === LABELS) {
          const label = this.labelId(text)
          out.varint(label)
          const words = this.labelWords[label]!
          this.fieldWords[rank]! += words.length
          for (let i = 0; i < words.length; i++) this.index(words[i]!, rank, slot)
        } else {
          const count = this.split(text)
          this.encode(count)
          this.fieldWords[rank]! += count
          const words = this.wordIds
          for (let i = 0; i < count; i++) this.index(words[i]!, rank, slot)
        }
      }
    }
    this.rows.push(out)
  }

  /**
   * The slot's texts by field rank, exactly as they were added. With `ranks`, only the first
   * that many fields are decoded (the later ones come back empty): names and products without
   * the long descriptions.
   */
  fields(slot: number, ranks = 4): FieldTexts {
    const reader = this.rows.reader(slot)
    const read = (rank: number) => {
      const texts: string[] = []
      if (rank >= ranks) return texts
      for (let count = reader.varint(); count > 0; count--) {
        texts.push(rank === LABELS ? this.labels[reader.varint()]! : this.decode(reader))
      }
      return texts
    }
    return [read(0), read(1), read(2), read(3)]
  }

  /**
   * The slot's texts with their matched words marked (text.ts `highlightWords`), per field rank
   * and text: HTML, or undefined where nothing matched (always for the labels, never shown).
   * Read from the stored words, whose folded forms are known: nothing is split or folded, and
   * a text without a match is never turned back into a string.
   */
  highlight(
    slot: number,
    isMatch: (folded: string) => boolean,
    marking: readonly FieldMarking[],
  ): Array<Array<string | undefined>> {
    const reader = this.rows.reader(slot)
    const fields: Array<Array<string | undefined>> = []
    for (let rank = 0; rank < RANKS; rank++) {
      const { crop, firstOnly } = marking[rank] ?? {}
      const marked: Array<string | undefined> = []
      let done = false
      for (let texts = reader.varint(); texts > 0; texts--) {
        if (rank === LABELS) {
          reader.varint()
          marked.push(undefined)
          continue
        }
        const words = this.read(reader)
        const html = done ? undefined : this.mark(words, isMatch, crop)
        if (html !== undefined && firstOnly) done = true
        marked.push(html)
      }
      fields.push(marked)
    }
    return fields
  }

  /** highlightWords() of the words read into the scratch, or undefined when none matches. */
  private mark(
    count: number,
    isMatch: (folded: string) => boolean,
    crop: number | undefined,
  ): string | undefined {
    const folded = this.folded.strings
    const marked: boolean[] = []
    let any = false
    for (let i = 0; i < count; i++) {
      const hit = isMatch(folded[this.foldedOf[this.wordIds[i]!]!]!)
      marked.push(hit)
      any ||= hit
    }
    if (!any) return undefined
    const words: string[] = []
    const separators = [this.separators.strings[this.separatorIds[0]!]!]
    for (let i = 0; i < count; i++) {
      words.push(this.words.strings[this.wordIds[i]!]!)
      separators.push(this.separators.strings[this.separatorIds[i + 1]!]!)
    }
    return highlightWords(words, separators, marked, crop)
  }

  /** The term's id when some document has it, else -1. */
  termId(term: string, kind: TermKind): number {
    const terms = kind === 'folded' ? this.folded : this.exact
    const id = terms.ids.get(term)
    return id !== undefined && terms.hasPostings(id) ? id : -1
  }

  /** Posting lists of a kind, by term id × FIELDS.length + field rank. */
  postings(kind: TermKind): PostingLists {
    return kind === 'folded' ? this.folded.postings : this.exact.postings
  }

  /** Whether some document (live or dead) has this folded word: a lookup, no postings read. */
  has(folded: string): boolean {
    return this.folded.ids.has(folded)
  }

  /** Known folded words that start with `prefix` (not the prefix itself), most frequent first. */
  completions(prefix: string, limit: number): string[] {
    const found: string[] = []
    for (const term of this.tree.atPrefix(prefix).keys()) if (term !== prefix) found.push(term)
    if (found.length <= limit) return found
    const frequency = (term: string) => this.frequency[this.folded.ids.get(term) ?? -1] ?? 0
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

  /** Folded terms other than `folded` with the same English stem ("bearing" for "bearings"). */
  sameStem(folded: string): string[] {
    const ids = this.stems.get(stemOf(folded)) ?? []
    return ids.map((id) => this.folded.strings[id]!).filter((term) => term !== folded)
  }

  /** How many slots (dead ones included until a rebuild) have the folded term; 0 if none. */
  documentFrequency(folded: string): number {
    const id = this.folded.ids.get(folded)
    return id === undefined ? 0 : this.frequency[id]!
  }

  /** Mean words per slot in each field rank. */
  averageFieldLengths(): number[] {
    const slots = Math.max(1, this.rows.rows)
    return [...this.fieldWords].map((words) => Math.max(1, words / slots))
  }

  /** The folded term id of a folded string, or -1. */
  foldedId(folded: string): number {
    return this.folded.ids.get(folded) ?? -1
  }

  /** Number of folded terms (ids run from 0 to this). */
  get foldedTermCount(): number {
    return this.folded.strings.length
  }

  /** A word as written. */
  wordText(word: number): string {
    return this.words.strings[word]!
  }

  /**
   * Collects into `found` every word of the slot whose folded term has a non-zero
   * `marks[term]` (the caller's entry for it), field by field; positions run on through a
   * field's texts with a gap of 8 between texts, so words of two texts are never adjacent.
   * Fills `lengths` with the words of each field rank; returns how many were found. The check
   * is inline and nothing is allocated: a candidate has hundreds of words and few match.
   */
  collectMarkedWords(
    slot: number,
    marks: Int32Array,
    found: MarkedWords,
    lengths: Float64Array,
  ): number {
    // Varints decoded inline (no reader, no scratch of separators): the ranker's hot loop.
    const bytes = this.rows.pageBytes(slot)
    let at = this.rows.start(slot)
    const foldedOf = this.foldedOf
    const limit = marks.length
    // Labels repeat across documents: whether one has a marked word is decided once a query.
    if (found.marks !== marks || found.stamp !== this.markStamp) this.newLabelStamp(found, marks)
    const labelState = this.labelState
    const stamp = this.labelStamp
    let n = 0
    for (let rank = 0; rank < RANKS; rank++) {
      let position = 0
      let words = 0
      let byte = bytes[at++]!
      let texts = byte & 0x7f
      for (let shift = 7; byte >= 0x80; shift += 7) {
        byte = bytes[at++]!
        texts |= (byte & 0x7f) << shift
      }
      for (; texts > 0; texts--) {
        if (rank === LABELS) {
          byte = bytes[at++]!
          let label = byte & 0x7f
          for (let shift = 7; byte >= 0x80; shift += 7) {
            byte = bytes[at++]!
            label |= (byte & 0x7f) << shift
          }
          const ids = this.labelWords[label]!
          const count = ids.length
          let state = labelState[label]!
          if (state >>> 1 !== stamp) {
            let any = 0
            for (let i = 0; i < count; i++) {
              const term = foldedOf[ids[i]!]!
              if (term < limit && marks[term] !== 0) any = 1
            }
            state = (stamp << 1) | any
            labelState[label] = state
          }
          if ((state & 1) !== 0) {
            for (let i = 0; i < count; i++) {
              const term = foldedOf[ids[i]!]!
              const entry = term < limit ? marks[term]! : 0
              if (entry === 0) continue
              if (n === found.capacity) found.grow()
              found.rank[n] = rank
              found.word[n] = ids[i]!
              found.position[n] = position + i
              found.entry[n] = entry
              n++
            }
          }
          position += count + 8
          words += count
          continue
        }
        byte = bytes[at++]!
        let count = byte & 0x7f
        for (let shift = 7; byte >= 0x80; shift += 7) {
          byte = bytes[at++]!
          count |= (byte & 0x7f) << shift
        }
        // The separator before the first word.
        while (bytes[at++]! >= 0x80);
        for (let i = 0; i < count; i++) {
          byte = bytes[at++]!
          let code = byte & 0x7f
          for (let shift = 7; byte >= 0x80; shift += 7) {
            byte = bytes[at++]!
            code |= (byte & 0x7f) << shift
          }
          // An odd code is followed by its separator's id.
          if ((code & 1) !== 0) while (bytes[at++]! >= 0x80);
          const word = code >>> 1
          const term = foldedOf[word]!
          const entry = term < limit ? marks[term]! : 0
          if (entry === 0) continue
          if (n === found.capacity) found.grow()
          found.rank[n] = rank
          found.word[n] = word
          found.position[n] = position + i
          found.entry[n] = entry
          n++
        }
        position += count + 8
        words += count
      }
      lengths[rank] = words
    }
    return n
  }

  /**
   * Starts a new round of label states for these marks (a query): a label's state is its round
   * × 2 + whether it has a marked word. Callers mark and unmark in place, so the round is tied
   * to the MarkedWords scratch that carries it: the ranker takes a new one per query.
   */
  private newLabelStamp(found: MarkedWords, marks: Int32Array) {
    if (this.labelState.length < this.labels.length) {
      this.labelState = new Int32Array(Math.max(this.labels.length, this.labelState.length * 2))
      this.labelStamp = 0
    }
    this.labelStamp = (this.labelStamp + 1) & 0x3fffffff
    if (this.labelStamp === 0) {
      this.labelState.fill(0)
      this.labelStamp = 1
    }
    this.markStamp++
    found.marks = marks
    found.stamp = this.markStamp
  }

  /** After a batch of writes: gives back the posting pools' unused space. */
  trim() {
    this.folded.postings.trim()
    this.exact.postings.trim()
  }

  private index(word: number, rank: number, slot: number) {
    const folded = this.foldedOf[word]!
    if (folded === this.emptyTerm) {
      if (this.folded.stamps[folded] !== slot + 1) {
        this.folded.stamps[folded] = slot + 1
        this.frequency[folded]!++
      }
    } else if (this.folded.add(folded, rank, slot)) {
      this.frequency[folded]!++
    }
    const exact = this.exactOf[word]!
    if (exact >= 0) this.exact.add(exact, rank, slot)
  }

  /**
   * Splits `text` into words as text.ts's WORD does (runs of \p{L}\p{N}\p{M}) into wordIds,
   * with the separators before each word and after the last into separatorIds; returns the
   * number of words.
   */
  private split(text: string): number {
    const length = text.length
    this.reserve(length)
    let count = 0
    let gap = 0
    let i = 0
    while (i < length) {
      let units = wordCharAt(text, i)
      if (units === 0) {
        i++
        continue
      }
      const start = i
      do i += units
      while (i < length && (units = wordCharAt(text, i)) !== 0)
      this.separatorIds[count] = this.separatorId(text, gap, start)
      this.wordIds[count] = this.wordId(text, start, i)
      count++
      gap = i
    }
    this.separatorIds[count] = this.separatorId(text, gap, length)
    return count
  }

  /** Writes the text split() read: word count, first separator, then each word and what follows. */
  private encode(count: number) {
    const out = this.writer
    const separators = this.separatorIds
    out.varint(count)
    out.varint(separators[0]!)
    for (let i = 0; i < count; i++) {
      const after = separators[i + 1]!
      const usual = i + 1 < count ? SPACE : EMPTY
      if (after === usual) {
        out.varint(this.wordIds[i]! * 2)
      } else {
        out.varint(this.wordIds[i]! * 2 + 1)
        out.varint(after)
      }
    }
  }

  /** Makes the scratch hold `words` words (and a separator more). */
  private reserve(words: number) {
    if (words + 1 <= this.separatorIds.length) return
    const capacity = Math.max(words + 1, this.separatorIds.length * 2)
    this.wordIds = new Int32Array(capacity)
    this.separatorIds = new Int32Array(capacity)
  }

  /** Reads one encoded text into the scratch (as split() leaves it); returns its word count. */
  private read(reader: ByteReader): number {
    const count = reader.varint()
    this.reserve(count)
    this.separatorIds[0] = reader.varint()
    for (let i = 0; i < count; i++) {
      const code = reader.varint()
      this.wordIds[i] = code >>> 1
      this.separatorIds[i + 1] = code & 1 ? reader.varint() : i + 1 < count ? SPACE : EMPTY
    }
    return count
  }

  private decode(reader: ByteReader): string {
    const count = this.read(reader)
    const words = this.words.strings
    const separators = this.separators.strings
    // Joined rather than concatenated: a flat string, which later scans read faster.
    const parts = this.parts
    parts.length = 0
    parts.push(separators[this.separatorIds[0]!]!)
    for (let i = 0; i < count; i++) {
      parts.push(words[this.wordIds[i]!]!, separators[this.separatorIds[i + 1]!]!)
    }
    return parts.join('')
  }

  private separatorId(text: string, start: number, end: number): number {
    if (start === end) return EMPTY
    if (end - start === 1 && text.charCodeAt(start) === 32) return SPACE
    return this.separators.idOf(text, start, end)
  }

  private wordId(text: string, start: number, end: number): number {
    const id = this.words.idOf(text, start, end)
    // Ids are numbered in order of first sight: a new word is the next one.
    if (id === this.analysedWords) this.analyse(id)
    return id
  }

  /** The word's folded term and, when its diacritics make a different one, its exact term. */
  private analyse(id: number) {
    if (id >= this.foldedOf.length) {
      this.foldedOf = grown(this.foldedOf, id + 1)
      this.exactOf = grown(this.exactOf, id + 1)
    }
    const word = this.words.strings[id]!
    const folded = fold(word)
    const term = this.folded.idOf(folded)
    if (term.added) {
      if (term.id >= this.frequency.length) this.frequency = grown(this.frequency, term.id + 1)
      if (folded === '') this.emptyTerm = term.id
      this.tree.set(folded, true)
      const stem = stemOf(folded)
      const sharing = this.stems.get(stem)
      if (sharing) sharing.push(term.id)
      else this.stems.set(stem, [term.id])
    }
    this.foldedOf[id] = term.id
    this.exactOf[id] = -1
    if (!ASCII.test(word)) {
      const exact = exactForm(word)
      if (exact !== folded) this.exactOf[id] = this.exact.idOf(exact).id
    }
    this.analysedWords = id + 1
  }

  private labelId(label: string): number {
    let id = this.labelIds.get(label)
    if (id === undefined) {
      id = this.labels.length
      this.labels.push(label)
      this.labelIds.set(label, id)
      const count = this.split(label)
      this.labelWords.push(this.wordIds.slice(0, count))
    }
    return id
  }
}

/** Scratch of TextIndex.collectMarkedWords(): one entry per matched word occurrence. */
export class MarkedWords {
  /** The marks and round TextIndex.collectMarkedWords() last saw; reset() starts a new one. */
  marks: Int32Array | undefined
  stamp = -1
  capacity = 256
  rank: Int32Array = new Int32Array(this.capacity)
  word: Int32Array = new Int32Array(this.capacity)
  position: Int32Array = new Int32Array(this.capacity)
  entry: Int32Array = new Int32Array(this.capacity)

  /** Before a query's first candidate: the marks have changed. */
  reset() {
    this.marks = undefined
  }

  grow() {
    this.capacity *= 2
    this.rank = grown(this.rank, this.capacity)
    this.word = grown(this.word, this.capacity)
    this.position = grown(this.position, this.capacity)
    this.entry = grown(this.entry, this.capacity)
  }
}

function grown(array: Int32Array, needed: number): Int32Array {
  const copy = new Int32Array(Math.max(needed, array.length * 2))
  copy.set(array)
  return copy
}
