/**
 * A growable set of small non-negative integers (document slots), one bit each: 100,000
 * documents take 12.5 kB, and AND/OR/count over them are a few thousand word operations.
 */
export class Bitset {
  words: Uint32Array

  constructor(capacity = 0) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(capacity / 32)))
  }

  static full(size: number): Bitset {
    const bitset = new Bitset(size)
    bitset.words.fill(0xffffffff, 0, size >>> 5)
    const rest = size & 31
    if (rest) bitset.words[size >>> 5] = (1 << rest) - 1
    return bitset
  }

  private ensure(bit: number) {
    const needed = (bit >>> 5) + 1
    if (needed <= this.words.length) return
    const grown = new Uint32Array(Math.max(needed, this.words.length * 2))
    grown.set(this.words)
    this.words = grown
  }

  add(bit: number) {
    this.ensure(bit)
    this.words[bit >>> 5]! |= 1 << (bit & 31)
  }

  delete(bit: number) {
    if (bit >>> 5 < this.words.length) this.words[bit >>> 5]! &= ~(1 << (bit & 31))
  }

  has(bit: number): boolean {
    return ((this.words[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0
  }

  clone(): Bitset {
    const copy = new Bitset()
    copy.words = this.words.slice()
    return copy
  }

  /** this &= other (bits beyond other's length are cleared). */
  and(other: Bitset): this {
    const a = this.words
    const b = other.words
    const n = Math.min(a.length, b.length)
    for (let i = 0; i < n; i++) a[i]! &= b[i]!
    if (a.length > n) a.fill(0, n)
    return this
  }

  /** this |= other. */
  or(other: Bitset): this {
    if (other.words.length > this.words.length) this.ensure(other.words.length * 32 - 1)
    const a = this.words
    const b = other.words
    for (let i = 0; i < b.length; i++) a[i]! |= b[i]!
    return this
  }

  isEmpty(): boolean {
    const a = this.words
    for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false
    return true
  }

  size(): number {
    let total = 0
    const a = this.words
    for (let i = 0; i < a.length; i++) total += popcount(a[i]!)
    return total
  }

  /** |this ∩ other| without allocating. */
  intersectionSize(other: Bitset): number {
    let total = 0
    const a = this.words
    const b = other.words
    const n = Math.min(a.length, b.length)
    for (let i = 0; i < n; i++) {
      const word = a[i]! & b[i]!
      if (word !== 0) total += popcount(word)
    }
    return total
  }

  forEach(visit: (bit: number) => void) {
    const a = this.words
    for (let i = 0; i < a.length; i++) {
      let word = a[i]!
      while (word !== 0) {
        const lowest = word & -word
        visit((i << 5) + 31 - Math.clz32(lowest))
        word ^= lowest
      }
    }
  }
}

function popcount(word: number): number {
  word -= (word >>> 1) & 0x55555555
  word = (word & 0x33333333) + ((word >>> 2) & 0x33333333)
  return (Math.imul((word + (word >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff
}
