/**
 * Words without per-word garbage. Indexing the benchmark's 100,000 suppliers reads ~30 million
 * words; splitting them with a regular expression and looking each up by a fresh substring made
 * a string and an array entry per word (and folding looked each up in two caches), about a
 * third of the indexing time with the collection of that garbage. Here a text is split by a
 * character scan, and each word is found in an `Interner` by hashing its characters in place: a
 * substring is made only for a word not seen before.
 */

/**
 * Whether the code point at `i` is a word character (`\p{L}\p{N}\p{M}`, what text.ts's WORD
 * matches): its length in UTF-16 units (1, or 2 for a surrogate pair), else 0.
 */
export function wordCharAt(text: string, i: number): number {
  const code = text.charCodeAt(i)
  if (code < 0x80) return ASCII_WORD[code]!
  if (code < 0xd800 || code >= 0xe000) return bmpWordChar(code)
  if (code < 0xdc00 && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1)
    if (low >= 0xdc00 && low < 0xe000) return astralWordChar(text.slice(i, i + 2))
  }
  return 0
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u
const ASCII_WORD = new Uint8Array(128)
for (let code = 0; code < 128; code++) {
  ASCII_WORD[code] = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0
}
/** Basic-plane classes, filled on first sight: 0 unknown, 1 word character, 2 not. */
const BMP_CLASS = new Uint8Array(0x10000)
const astralClass = new Map<string, number>()

function bmpWordChar(code: number): number {
  let known = BMP_CLASS[code]!
  if (known === 0) {
    known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2
    BMP_CLASS[code] = known
  }
  return known === 1 ? 1 : 0
}

function astralWordChar(pair: string): number {
  let known = astralClass.get(pair)
  if (known === undefined) {
    known = WORD_CHAR.test(pair) ? 2 : 0
    astralClass.set(pair, known)
  }
  return known
}

/**
 * Distinct strings, numbered in order of first sight, looked up by a range of a larger text
 * (open addressing on an FNV-1a hash of the UTF-16 units, compared in place).
 */
export class Interner {
  readonly strings: string[] = []
  private hashes = new Int32Array(64)
  private table = new Int32Array(128)

  get size() {
    return this.strings.length
  }

  /** The id of `text.slice(start, end)`, numbered next when new. */
  idOf(text: string, start = 0, end = text.length): number {
    let hash = 0x811c9dc5 | 0
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
    const table = this.table
    const mask = table.length - 1
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const entry = table[at]!
      if (entry === 0) break
      const id = entry - 1
      if (this.hashes[id] === hash && sameRange(this.strings[id]!, text, start, end)) return id
    }
    return this.insert(detached(text, start, end), hash)
  }

  private insert(value: string, hash: number): number {
    const id = this.strings.length
    this.strings.push(value)
    if (id >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2)
      hashes.set(this.hashes)
      this.hashes = hashes
    }
    this.hashes[id] = hash
    if ((id + 1) * 2 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2)
      for (let known = 0; known < id; known++) this.place(known)
    }
    this.place(id)
    return id
  }

  private place(id: number) {
    const table = this.table
    const mask = table.length - 1
    let at = this.hashes[id]! & mask
    while (table[at] !== 0) at = (at + 1) & mask
    table[at] = id + 1
  }
}

function sameRange(value: string, text: string, start: number, end: number): boolean {
  return value.length === end - start && text.startsWith(value, start)
}

/**
 * A copy of the range that does not keep `text` alive: V8 makes longer slices views into their
 * parent, and an interned word must not pin the whole description it was first read in.
 */
function detached(text: string, start: number, end: number): string {
  const slice = text.slice(start, end)
  return slice.length < 13 ? slice : (' ' + slice).slice(1)
}
